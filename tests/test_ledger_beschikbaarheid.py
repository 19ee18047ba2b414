"""Budgets in the ledger: Fava budget derivation and availability control (ledger/rules/beschikbaarheid.py).

The ledger is tests/data/begroting (budget 2025 with an amendment, 2026 set, 2027 draft),
copied to a temporary directory; a test appends a fragment to its main file, and the line
that must be reported carries the marker ``; <- fout``.
"""

from __future__ import annotations

import datetime
import functools
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.errors import is_warning

DATA = Path(__file__).parent / "data" / "begroting"
MARKER = "; <- fout"
VEI11_PMG = "Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG"
VEI13_PMG = "Expenses:Actielijn:VEI:VEI-13-Time-Out-Woningen:PMG"
WON01_VHF = "Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF"
ORG01 = "Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG"


PMG_2027 = ("Begroting buiten de looptijd: begroting 2027 VEI-11/PMG: de looptijd van PMG (01-06-2022 t/m "
            "31-05-2026) raakt 2027 niet")
"""The test ledger's one finding: its 2027 draft budgets 10.000 on PMG, which ended on 31 May 2026
(the begroting shows it as uncovered and as a risk; tests/test_begroting.py)."""


def _sleutel(error: object) -> tuple[str, int, str]:
    source = error.source or {}
    return Path(source.get("filename") or "").name, source.get("lineno") or 0, error.message


@functools.cache
def _basis() -> frozenset[tuple[str, int, str]]:
    _, errors, _ = loader.load_file(str(DATA / "grootboek.beancount"))
    return frozenset(_sleutel(e) for e in errors)


def load_with(tmp_path: Path, fragment: str = "") -> tuple[list, list, Path, list[int]]:
    """The ledger with ``fragment`` appended; the errors are those the fragment adds (the ledger's
    own: :func:`test_test_ledger_has_one_finding_and_its_warnings`)."""
    target = tmp_path / "begroting"
    shutil.copytree(DATA, target)
    main = target / "grootboek.beancount"
    text = main.read_text(encoding="utf-8") + "\n" + fragment.strip("\n") + "\n"
    main.write_text(text.replace(MARKER, ""), encoding="utf-8")
    marked = [number for number, line in enumerate(text.splitlines(), start=1) if MARKER in line]
    entries, errors, _ = loader.load_file(str(main))
    return entries, [e for e in errors if _sleutel(e) not in _basis()], main, marked


def fava_budgets(entries: list) -> list[tuple[datetime.date, str, Decimal]]:
    return [(e.date, e.values[0].value, e.values[2].value.number)
            for e in entries if isinstance(e, data.Custom) and e.type == "budget"]


def test_test_ledger_has_one_finding_and_its_warnings() -> None:
    """One finding: the 2027 draft line on PMG past its end. Warnings: adopted budget lines on streams
    not awarded (VLIEGWIEL gereserveerd, ENERGIEFIXERS verwacht) and lines changing beyond 25% without a
    toelichting; none fails ``snw check``."""
    _, errors, _ = loader.load_file(str(DATA / "grootboek.beancount"))
    fouten = [e for e in errors if not is_warning(e)]
    assert [(type(e), e.message, Path(e.source["filename"]).name, e.source["lineno"]) for e in fouten] == [
        (BegrotingError, PMG_2027, "2027.beancount", 3)]
    waarschuwingen = [e.message for e in errors if is_warning(e)]
    # adopted 2026 lines only: the 2027 draft on ENERGIEFIXERS plans on expected money (the begroting's kans)
    assert sorted(m.split(":")[2].strip() for m in waarschuwingen if "niet-toegekende" in m) == [
        "begroting 2026 VEI-13/VLIEGWIEL", "begroting 2026 WON-04/ENERGIEFIXERS"]
    assert all("niet-toegekende" in m or "zonder toelichting" in m for m in waarschuwingen)


def test_fava_budget_is_current_yearly_amount_on_1_january(tmp_path: Path) -> None:
    entries, errors, _, _ = load_with(tmp_path)
    assert errors == []
    budgets = fava_budgets(entries)
    # 2025: 150.000 + amendment 20.000 of 20 June, as one yearly amount on 1 January.
    assert (datetime.date(2025, 1, 1), VEI11_PMG, Decimal("170000.00")) in budgets
    assert (datetime.date(2025, 1, 1), WON01_VHF, Decimal("350000.00")) in budgets
    assert [b for b in budgets if b[1] == VEI11_PMG] == [
        (datetime.date(2025, 1, 1), VEI11_PMG, Decimal("170000.00")),
        (datetime.date(2026, 1, 1), VEI11_PMG, Decimal("80000.00")),
        (datetime.date(2027, 1, 1), VEI11_PMG, Decimal("10000.00")),
    ]
    # Budgeted in 2025 only: no zero entry in the ledger (the Fava extension ends it in Fava).
    assert [b for b in budgets if b[1] == VEI13_PMG] == [
        (datetime.date(2025, 1, 1), VEI13_PMG, Decimal("100000.00")),
    ]
    assert not [b for b in budgets if not b[2]]
    derived = [e for e in entries if isinstance(e, data.Custom) and e.type == "budget"]
    assert all(e.meta["__derived__"] for e in derived)
    assert all(e.meta["filename"].endswith(".beancount") and e.meta["lineno"] > 0 for e in derived)


def test_fava_shows_the_current_yearly_amount_not_a_prorated_mix() -> None:
    fava_core = pytest.importorskip("fava.core")
    from reports.fava_ext import budgetten_per_jaar

    ledger = fava_core.FavaLedger(str((DATA / "grootboek.beancount").resolve()))
    # This test ledger does not declare the Fava extension: end the yearly budgets as it does.
    budgetten_per_jaar(ledger)

    def year(account: str, jaar: int) -> Decimal:
        amounts = ledger.budgets.calculate(account, datetime.date(jaar, 1, 1), datetime.date(jaar + 1, 1, 1))
        return amounts.get("EUR", Decimal(0)).quantize(Decimal("0.01"))

    assert year(VEI11_PMG, 2025) == Decimal("170000.00")  # not 150.000 for Jan–Jun and 170.000 after
    assert year(WON01_VHF, 2025) == Decimal("350000.00")
    assert year(VEI11_PMG, 2026) == Decimal("80000.00")
    assert year(VEI13_PMG, 2026) == Decimal("0.00")  # not carried on from 2025
    assert year(WON01_VHF, 2028) == Decimal("0.00")
    children = ledger.budgets.calculate_children("Expenses:Actielijn:VEI:VEI-11-Credible-Messengers",
                                                 datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    assert children["EUR"].quantize(Decimal("0.01")) == Decimal("190000.00")


SPENDING_OVER = """
2026-11-15 * "Programmabureau" "Programmabureau 2026-11"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   40000.00 EUR ; <- fout
  Assets:Bank:Programma
"""


def test_spending_beyond_budget_is_an_error_at_the_posting(tmp_path: Path) -> None:
    _, errors, path, marked = load_with(tmp_path, SPENDING_OVER)
    assert [e.message for e in errors] == [
        "Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, begroot € 130.000,00; "
        "€ 10.000,00 boven de begroting"]  # 140.000 − 130.000
    assert isinstance(errors[0], BegrotingError)
    assert errors[0].source["filename"] == str(path)
    assert [errors[0].source["lineno"]] == marked


def test_spending_within_budget_is_not_reported(tmp_path: Path) -> None:
    _, errors, _, _ = load_with(tmp_path, """
2026-11-15 * "Programmabureau" "Programmabureau 2026-11"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   30000.00 EUR
  Assets:Bank:Programma
""")
    assert errors == []


def test_spending_without_any_budget_for_the_stream_is_reported(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2026-11-15 * "Corporaties" "Energiefixers uit VHF"
  Expenses:Actielijn:WON:WON-04-Energiefixers:VHF   1000.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert [e.message for e in errors] == [
        "Overschrijding begroting 2026 WON-04/VHF: besteed € 1.000,00, begroot € 0,00; € 1.000,00 boven de begroting"]
    assert [errors[0].source["lineno"]] == marked


def test_every_posting_that_adds_to_an_overrun_is_reported(tmp_path: Path) -> None:
    # Not only the posting that crosses: the next one deepens the overrun and is reported too.
    _, errors, _, marked = load_with(tmp_path, """
2026-11-15 * "Programmabureau" "Programmabureau 2026-11"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   40000.00 EUR ; <- fout
  Assets:Bank:Programma

2026-11-30 * "Programmabureau" "Programmabureau 2026-11 bis"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   1000.00 EUR ; <- fout
  Assets:Bank:Programma

2026-12-01 * "Programmabureau" "Correctie"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   -500.00 EUR
  Assets:Bank:Programma
""")
    assert [e.message for e in errors] == [
        "Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, begroot € 130.000,00; "
        "€ 10.000,00 boven de begroting",
        # the next posting deepens it: 141.000 − 130.000
        "Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 141.000,00, begroot € 130.000,00; "
        "€ 11.000,00 boven de begroting",
    ]
    assert [e.source["lineno"] for e in errors] == marked


def test_amendment_raises_the_budget_from_its_date(tmp_path: Path) -> None:
    # 2025 VEI-11/PMG: 150.000 until 20 June, then 170.000. Spending 150.000 by October is fine,
    # so is 165.000 after the amendment.
    _, errors, _, _ = load_with(tmp_path, """
2025-11-25 * "ADAMAS" "Credible Messengers extra"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   15000.00 EUR
  Assets:Bank:Programma
""")
    assert errors == []


def test_commitment_beyond_budget_is_reported_at_the_commitment(tmp_path: Path) -> None:
    _, errors, path, marked = load_with(tmp_path, """
2026-11-01 custom "verplichting" "ORG-01" "GEM-ORG" 35000.00 EUR ; <- fout
  kenmerk: "opdracht-2026-org"
  omschrijving: "Programmabureau 2026"
""")
    # 100.000 already spent on the line in 2026: the commitment counts on top of it.
    assert [e.message for e in errors] == [
        "Verplichting boven begroting 2026 ORG-01/GEM-ORG: besteed € 100.000,00 plus open verplichtingen "
        "€ 35.000,00 = € 135.000,00, begroot € 130.000,00; € 5.000,00 boven de begroting"]  # 135.000 − 130.000
    assert isinstance(errors[0], BegrotingError)
    assert errors[0].source["filename"] == str(path)
    assert [errors[0].source["lineno"]] == marked


TOLERANTIE_10_FOUT = '2024-01-01 custom "instelling" "begroting_tolerantie" 0.10 "fout"\n'
TOLERANTIE_0_WAARSCHUWING = '2024-01-01 custom "instelling" "begroting_tolerantie" 0.00 "waarschuwing"\n'


def test_overrun_within_tolerance_is_a_warning(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, TOLERANTIE_10_FOUT + SPENDING_OVER)
    assert [e.message for e in errors] == [
        "Waarschuwing: Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, begroot € 130.000,00; "
        "€ 10.000,00 boven de begroting (binnen de tolerantie van 10,0%)"]
    assert isinstance(errors[0], BegrotingWaarschuwing)
    assert is_warning(errors[0])
    assert [errors[0].source["lineno"]] == marked


def test_overrun_beyond_tolerance_is_an_error(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, TOLERANTIE_10_FOUT + """
2026-11-15 * "Programmabureau" "Programmabureau 2026-11"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   40000.00 EUR ; <- fout
  Assets:Bank:Programma

2026-11-30 * "Programmabureau" "Programmabureau 2026-11 bis"
  Expenses:Actielijn:ORG:ORG-01-Programmabureau:GEM-ORG   5000.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert [(type(e), e.message) for e in errors] == [
        (BegrotingWaarschuwing, "Waarschuwing: Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, "
                                "begroot € 130.000,00; € 10.000,00 boven de begroting (binnen de tolerantie van 10,0%)"),
        (BegrotingError, "Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 145.000,00, begroot € 130.000,00; "
                         "€ 15.000,00 boven de begroting"),
    ]
    assert [e.source["lineno"] for e in errors] == marked


def test_level_waarschuwing_makes_every_overrun_a_warning(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, TOLERANTIE_0_WAARSCHUWING + SPENDING_OVER)
    assert [e.message for e in errors] == [
        "Waarschuwing: Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, begroot € 130.000,00; "
        "€ 10.000,00 boven de begroting"]
    assert isinstance(errors[0], BegrotingWaarschuwing)
    assert [errors[0].source["lineno"]] == marked


def test_commitment_within_tolerance_is_a_warning(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, TOLERANTIE_10_FOUT + """
2026-11-01 custom "verplichting" "ORG-01" "GEM-ORG" 35000.00 EUR ; <- fout
  kenmerk: "opdracht-2026-org"
""")
    assert [e.message for e in errors] == [
        "Waarschuwing: Verplichting boven begroting 2026 ORG-01/GEM-ORG: besteed € 100.000,00 plus open "
        "verplichtingen € 35.000,00 = € 135.000,00, begroot € 130.000,00; € 5.000,00 boven de begroting "
        "(binnen de tolerantie van 10,0%)"]
    assert [errors[0].source["lineno"]] == marked


def test_malformed_budget_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2026-10-15 custom "begroting" 2027 "XXX-99" "VHF" 1000.00 EUR ; <- fout
2026-10-15 custom "begroting" 2027 "ORG-02" "ONBEKEND" 1000.00 EUR ; <- fout
2026-10-15 custom "begroting" 2027 "ORG-02" "GEM-ORG" -1000.00 EUR ; <- fout
2026-10-15 custom "begroting" 2027 "ORG-02" "EIGEN" 1000.00 EUR ; <- fout
  besluit: "AB-BESTAAT-NIET"
""")
    # (the new lines also lack a toelichting: warnings, left aside here)
    assert [(e.message, e.source["lineno"]) for e in errors if not is_warning(e)] == list(zip([
        "Onbekende actielijn in begroting: XXX-99",
        "Onbekende geldstroom in begroting: ONBEKEND",
        "Negatieve begroting voor ORG-02/GEM-ORG",
        "Onbekend AB-besluit: AB-BESTAAT-NIET",
    ], marked))

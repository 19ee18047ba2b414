"""Availability control with commitments (ledger/rules/beschikbaarheid.py), on a hand-built ledger.

The ledger is tests/data/verplichtingen/grootboek.beancount: WEB-17/SPUK 2025 has a budget
of 100.000, raised to 110.000 on 15 June, a commitment of 90.000 paid in three terms and two
spendings without a commitment that each take the line over its budget (spent + open
commitments). A test copies the ledger, appends a fragment, and the lines that must be
reported carry the marker ``; <- fout``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from beancount import loader

from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.errors import VerplichtingError

DATA = Path(__file__).parent / "data" / "verplichtingen"
MAIN = DATA / "grootboek.beancount"
MARKER = "; <- fout"

EERSTE = ("Overschrijding begroting 2025 WEB-17/SPUK: besteed € 42.000,00 plus open verplichtingen "
          "€ 60.000,00 = € 102.000,00, begroot € 100.000,00; € 2.000,00 boven de begroting")  # 102.000 − 100.000
TWEEDE = ("Overschrijding begroting 2025 WEB-17/SPUK: besteed € 85.500,00 plus open verplichtingen "
          "€ 30.000,00 = € 115.500,00, begroot € 110.000,00; € 5.500,00 boven de begroting")  # 115.500 − 110.000


VERLOPEN = "staat nog open na"
"""The ledger keeps commitments open after their end on purpose (the commitments report shows them
as verlopen); the plugin reports them (tests/test_verplichtingen_levensloop.py asserts those
findings). The budget-control tests here leave them aside."""


def zonder_verlopen(errors: list) -> list:
    return [e for e in errors if VERLOPEN not in e.message]


def nieuw(errors: list) -> list:
    """The errors besides the ledger's own two WEB-17 overruns (rule errors first, then budget control)."""
    return [e for e in errors if "begroting 2025 WEB-17/SPUK" not in e.message]


def line_of(text: str) -> int:
    """The line number of the posting line that follows the transaction with this narration."""
    lines = MAIN.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines, start=1) if text in line)
    return start + 1


def load_with(tmp_path: Path, fragment: str = "") -> tuple[list, list[int]]:
    target = tmp_path / "verplichtingen"
    shutil.copytree(DATA, target)
    main = target / "grootboek.beancount"
    text = main.read_text(encoding="utf-8") + "\n" + fragment.strip("\n") + "\n"
    main.write_text(text.replace(MARKER, ""), encoding="utf-8")
    marked = [number for number, line in enumerate(text.splitlines(), start=1) if MARKER in line]
    _, errors, _ = loader.load_file(str(main))
    return zonder_verlopen(errors), marked


def test_a_second_overrun_after_an_amendment_is_reported() -> None:
    _, errors, _ = loader.load_file(str(MAIN))
    errors = zonder_verlopen(errors)
    assert [(type(e), e.message) for e in errors] == [(BegrotingError, EERSTE), (BegrotingError, TWEEDE)]
    # Each at the posting that causes it: before the amendment (20 May) and after it (15 October).
    assert [e.source["lineno"] for e in errors] == [line_of('"Extra jobcoaching"'),
                                                    line_of('"Extra werkervaringsplekken"')]
    assert all(e.source["filename"] == str(MAIN) for e in errors)


def test_within_tolerance_both_overruns_are_warnings(tmp_path: Path) -> None:
    errors, _ = load_with(tmp_path, '2030-01-01 custom "instelling" "begroting_tolerantie" 0.05 "fout"')
    # 102.000 <= 105.000 and 115.500 <= 115.500 (110.000 × 1,05): both within.
    assert [(type(e), e.message) for e in errors] == [
        (BegrotingWaarschuwing, f"Waarschuwing: {EERSTE} (binnen de tolerantie van 5,0%)"),
        (BegrotingWaarschuwing, f"Waarschuwing: {TWEEDE} (binnen de tolerantie van 5,0%)"),
    ]


def test_beyond_tolerance_is_the_declared_level(tmp_path: Path) -> None:
    errors, _ = load_with(tmp_path, '2030-01-01 custom "instelling" "begroting_tolerantie" 0.03 "fout"')
    # 102.000 <= 103.000 (within 3%); 115.500 > 113.300 (beyond).
    assert [(type(e), e.message) for e in errors] == [
        (BegrotingWaarschuwing, f"Waarschuwing: {EERSTE} (binnen de tolerantie van 3,0%)"),
        (BegrotingError, TWEEDE),
    ]


def test_commitment_plus_spending_over_budget_is_reported_at_the_commitment(tmp_path: Path) -> None:
    # VEI-11/GEM 2025: budget 80.000; spent 35.000, committed 70.000 with this one: neither alone is
    # over the budget, together (35.000 + 50.000 open) they are.
    errors, marked = load_with(tmp_path, """
2025-12-01 custom "verplichting" "VEI-11" "GEM" 10000.00 EUR ; <- fout
  kenmerk: "V-2025-04"
  partner: "ADAMAS"
""")
    assert [(type(e), e.message) for e in nieuw(errors)] == [
        (BegrotingError, "Verplichting boven begroting 2025 VEI-11/GEM: besteed € 35.000,00 plus open "
                         "verplichtingen € 50.000,00 = € 85.000,00, begroot € 80.000,00; € 5.000,00 boven de "
                         "begroting")]
    assert [e.source["lineno"] for e in nieuw(errors)] == marked


def test_commitment_plus_spending_within_tolerance_is_a_warning(tmp_path: Path) -> None:
    errors, marked = load_with(tmp_path, """
2030-01-01 custom "instelling" "begroting_tolerantie" 0.10 "fout"
2025-12-01 custom "verplichting" "VEI-11" "GEM" 10000.00 EUR ; <- fout
  kenmerk: "V-2025-04"
""")
    assert [(type(e), e.message) for e in nieuw(errors)] == [
        (BegrotingWaarschuwing, "Waarschuwing: Verplichting boven begroting 2025 VEI-11/GEM: besteed € 35.000,00 "
                                "plus open verplichtingen € 50.000,00 = € 85.000,00, begroot € 80.000,00; € 5.000,00 "
                                "boven de begroting (binnen de tolerantie van 10,0%)")]
    assert [e.source["lineno"] for e in nieuw(errors)] == marked


def test_spending_over_budget_because_of_open_commitments(tmp_path: Path) -> None:
    # Spent 41.000 of 80.000, but 40.000 of V-2025-02 is still open.
    errors, marked = load_with(tmp_path, """
2025-12-05 * "ADAMAS" "Credible Messengers, kerstactie"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    6000.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert [e.message for e in nieuw(errors)] == [
        "Overschrijding begroting 2025 VEI-11/GEM: besteed € 41.000,00 plus open verplichtingen € 40.000,00 "
        "= € 81.000,00, begroot € 80.000,00; € 1.000,00 boven de begroting"]
    assert [e.source["lineno"] for e in nieuw(errors)] == marked


def test_payments_within_a_commitment_add_nothing_a_payment_beyond_it_does(tmp_path: Path) -> None:
    errors, marked = load_with(tmp_path, """
2025-12-01 custom "verplichting" "VEI-11" "GEM" 10000.00 EUR ; <- fout
  kenmerk: "V-2025-04"
2025-12-15 * "ADAMAS" "Betaling V-2025-04" ^V-2025-04
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    10000.00 EUR
  Assets:Bank:Programma
2025-12-16 * "ADAMAS" "Betaling V-2025-02" ^V-2025-02
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    5000.00 EUR
  Assets:Bank:Programma
2025-12-20 * "ADAMAS" "Nabetaling V-2025-04" ^V-2025-04
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    4000.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    # The two payments within their commitments are silent although the line is over its budget;
    # the one beyond V-2025-04 adds 4.000 and is reported (and breaks the commitment rule).
    assert [(type(e), e.message, e.source["lineno"]) for e in nieuw(errors)] == [
        (VerplichtingError, "Betaling boven verplichting V-2025-04: betaald € 14.000,00, verplicht € 10.000,00",
         marked[1]),
        (BegrotingError, "Verplichting boven begroting 2025 VEI-11/GEM: besteed € 35.000,00 plus open "
                         "verplichtingen € 50.000,00 = € 85.000,00, begroot € 80.000,00; € 5.000,00 boven de "
                         "begroting", marked[0]),
        (BegrotingError, "Overschrijding begroting 2025 VEI-11/GEM: besteed € 54.000,00 plus open "
                         "verplichtingen € 35.000,00 = € 89.000,00, begroot € 80.000,00; € 9.000,00 boven de "
                         "begroting", marked[1]),  # 89.000 − 80.000
    ]


def test_amendment_that_lowers_the_budget_below_what_is_used_is_reported(tmp_path: Path) -> None:
    errors, marked = load_with(tmp_path, """
2025-12-01 custom "begrotingswijziging" 2025 "VEI-11" "GEM" -10000.00 EUR ; <- fout
""")
    assert [e.message for e in nieuw(errors)] == [
        "Begrotingswijziging onder besteed en verplicht 2025 VEI-11/GEM: besteed € 35.000,00 plus open "
        "verplichtingen € 40.000,00 = € 75.000,00, begroot € 70.000,00; € 5.000,00 boven de begroting"]
    assert [e.source["lineno"] for e in nieuw(errors)] == marked


def test_a_commitment_counts_in_its_own_year(tmp_path: Path) -> None:
    # V-2025-02 (2025) is paid off in 2026: that is 2026 spending (40.000 of 50.000), and its
    # open amount does not count against 2026. Spending beyond the 2026 budget is reported.
    errors, marked = load_with(tmp_path, """
2026-03-02 * "ADAMAS" "Credible Messengers, laatste termijn" ^V-2025-02
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    30000.00 EUR
  Assets:Bank:Programma
2026-04-01 * "ADAMAS" "Credible Messengers, extra"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:GEM    12000.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert [e.message for e in nieuw(errors)] == [
        "Overschrijding begroting 2026 VEI-11/GEM: besteed € 52.000,00, begroot € 50.000,00; € 2.000,00 boven de "
        "begroting"]
    assert [e.source["lineno"] for e in nieuw(errors)] == marked


def test_a_correction_on_a_paid_commitment_reopens_it_and_adds_nothing(tmp_path: Path) -> None:
    # V-2025-01 was paid in full; a correction of -5.000 leaves 5.000 open: the line uses as much.
    errors, _ = load_with(tmp_path, """
2025-12-10 * "NWWP" "Creditnota Werkgroep Werk" ^V-2025-01
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        -5000.00 EUR
  Assets:Bank:Programma
2025-12-11 * "NWWP" "Werkgroep Werk, herziene laatste termijn" ^V-2025-01
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        5000.00 EUR
  Assets:Bank:Programma
""")
    assert [e.message for e in errors] == [EERSTE, TWEEDE]

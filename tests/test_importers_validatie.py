"""The import's validation from the loaded ledger equals the validation on a copy.

``writer.valideer`` validates an import by running booking, our plugin and Beancount's
checks on the loaded ledger's entries plus the newly parsed import files
(``_valideer_snel``) instead of parsing the whole ledger again from a temporary copy
(``_valideer_kopie``). These tests run both on the same plans — clean, refused by a stream
rule, a corrected file replacing earlier rows, a ledger that does not include the import
folder, an import folder that is still empty — and require the same errors, and that the
fast path is taken where it should be and not where it cannot be exact.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from importers import writer
from importers.config import importers
from importers.testing import vul
from ledger.load import load_ledger

HIER = Path(__file__).resolve().parent / "importers"


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    doel = tmp_path / "grootboek"
    shutil.copytree(HIER / "ledger", doel)
    return doel / "main.beancount"


def _plan(grootboek: Path, *bestanden: Path) -> tuple[object, writer.Plan]:
    ledger = load_ledger(grootboek, cache=False)
    resultaten = []
    for bestand in bestanden:
        importer = next(imp for imp in importers(grootboek) if imp.identify(str(bestand)))
        resultaat = importer.lees(str(bestand), ledger.entries)
        assert not resultaat.fouten, resultaat.fouten
        resultaten.append(resultaat)
    plan = writer.plan_import(ledger, resultaten)
    assert not plan.fouten
    return ledger, plan


def _beide(grootboek: Path, *bestanden: Path) -> list[object]:
    """The fast and the copy validation of one plan; asserts they agree and returns the errors."""
    ledger, plan = _plan(grootboek, *bestanden)
    doelen = {doel.pad.resolve(): doel for doel in plan.doelen}
    assert writer._valideer_snel(ledger, doelen) is not None  # noqa: SLF001 - the fast path is taken
    snel = writer.valideer(ledger, plan)
    kopie = writer._valideer_kopie(ledger, doelen, {})  # noqa: SLF001
    assert [str(f) for f in snel] == [str(f) for f in kopie]
    assert [(f.source, f.message) for f in snel] == [(f.source, f.message) for f in kopie]
    return snel


def _schrijf(grootboek: Path, *bestanden: Path) -> None:
    ledger, plan = _plan(grootboek, *bestanden)
    assert writer.valideer(ledger, plan) == []
    writer.schrijf(plan)


def test_a_clean_import_has_no_errors_either_way(grootboek: Path) -> None:
    assert _beide(grootboek, HIER / "sjabloon" / "hva-2024.xlsx", HIER / "eigen-haard" / "erp-2024-q1.csv",
                  HIER / "rochdale" / "inzet-2024.xlsx") == []


def test_a_stream_rule_violation_is_the_same_error(grootboek: Path, tmp_path: Path) -> None:
    bestand = vul(grootboek, tmp_path / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "eigen middelen", 100, None, None, "goed", "G-1"),
        (datetime.date(2024, 3, 2), "VEI-11", "VHF", 2500, None, None, "VHF is alleen voor WON", "G-2"),
    ])
    fouten = _beide(grootboek, bestand)
    assert any("Domein niet subsidiabel" in str(f) for f in fouten)


def test_a_corrected_file_replaces_the_old_rows_in_both(grootboek: Path, tmp_path: Path) -> None:
    eerst = vul(grootboek, tmp_path / "a" / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "eigen middelen", 100, None, None, "goed", "G-1"),
        (datetime.date(2024, 3, 2), "WON-04", "eigen middelen", 200, None, None, "ook goed", "G-2"),
    ])
    _schrijf(grootboek, eerst)
    # same file name, one row changed to break a rule, one row dropped
    (tmp_path / "b").mkdir()
    daarna = vul(grootboek, tmp_path / "b" / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 2), "VEI-11", "VHF", 2500, None, None, "VHF is alleen voor WON", "G-2"),
    ])
    fouten = _beide(grootboek, daarna)
    assert any("Domein niet subsidiabel" in str(f) for f in fouten)
    # and the rows of the first version are gone in both (no double G-2)
    assert not any("G-2" in str(f) and "kenmerk" in str(f) for f in fouten)


def test_a_ledger_without_the_import_include(grootboek: Path) -> None:
    tekst = grootboek.read_text(encoding="utf-8").replace('include "import/*.beancount"\n', "")
    grootboek.write_text(tekst, encoding="utf-8")
    fouten = _beide(grootboek, HIER / "sjabloon" / "hva-2024.xlsx")
    assert any("neemt import/hva-2024.beancount niet op" in str(f) for f in fouten)


def test_an_empty_import_folder(grootboek: Path) -> None:
    """The first import of a ledger: ``import/*.beancount`` matches nothing before it."""
    for pad in (grootboek.parent / "import").glob("*.beancount"):
        pad.unlink()
    assert _beide(grootboek, HIER / "sjabloon" / "hva-2024.xlsx") == []


def test_a_ledger_with_errors_is_validated_on_a_copy(grootboek: Path) -> None:
    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write('\n2024-05-01 * "HVA" "Onbekende actielijn"\n'
                     '  Expenses:Actielijn:LER:LER-99-Bestaat-niet:EIGEN   10.00 EUR\n'
                     '    partner: "HVA"\n  Equity:Inbreng-partners\n')
    ledger, plan = _plan(grootboek, HIER / "sjabloon" / "hva-2024.xlsx")
    doelen = {doel.pad.resolve(): doel for doel in plan.doelen}
    assert writer._valideer_snel(ledger, doelen) is None  # noqa: SLF001 - not exact: on a copy
    assert any("al bestaande fout" in str(f) for f in writer.valideer(ledger, plan))


def test_past_in_glob() -> None:
    past = writer._past_in_glob  # noqa: SLF001
    assert past("/l/import/*.beancount", "/l/import/hva-2024.beancount")
    assert not past("/l/import/*.beancount", "/l/import/sub/hva-2024.beancount")
    assert not past("/l/import/*.beancount", "/l/import/.hva-2024.beancount")
    assert past("/l/**/*.beancount", "/l/import/sub/hva-2024.beancount")
    assert past("/l/**/*.beancount", "/l/hva-2024.beancount")
    assert not past("/l/import/*.beancount", "/l/import/hva-2024.csv")


def test_pieces_of_one_entry_give_the_same_errors(grootboek: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The new files are parsed and booked a piece at a time; the line numbers stay the file's."""
    monkeypatch.setattr(writer, "BOEKEN_PER_KEER", 1)
    bestand = vul(grootboek, tmp_path / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "eigen middelen", 100, None, None, "goed", "G-1"),
        (datetime.date(2024, 3, 2), "VEI-11", "VHF", 2500, None, None, "VHF is alleen voor WON", "G-2"),
        (datetime.date(2024, 3, 3), "WON-04", "eigen middelen", 100, None, None, "goed", "G-3"),
    ])
    fouten = _beide(grootboek, bestand)
    assert [f.source["lineno"] for f in fouten if "Domein niet subsidiabel" in str(f)] == [5]


def test_the_pieces_are_the_file(grootboek: Path) -> None:
    _, plan = _plan(grootboek, HIER / "eigen-haard" / "erp-2024-q1.csv")
    for doel in plan.doelen:
        for grootte in (1, 2, 3, 1000):
            delen = list(doel.delen(grootte))
            assert b"".join(stuk for stuk, _ in delen) == doel.inhoud
            for stuk, regel in delen:
                assert regel == doel.inhoud[: doel.inhoud.index(stuk)].count(b"\n") + 1


def test_a_balance_assertion_the_import_breaks(grootboek: Path, tmp_path: Path) -> None:
    """Beancount's balance check runs on the merged entries as on a full load."""
    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write("\n2024-12-31 balance Assets:Voorschot:EIGEN-HAARD   30000.00 EUR\n")
    assert not [e for e in load_ledger(grootboek, cache=False).errors if "Balance" in e.message]
    bestand = vul(grootboek, tmp_path / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "VHF", 100, None, None, "uit het voorschot", "B-1"),
    ])
    fouten = _beide(grootboek, bestand)
    assert any("Balance failed" in str(f) and "door deze import" in str(f) for f in fouten)


def test_overspending_a_stream_is_reported_at_the_same_rows(grootboek: Path, tmp_path: Path) -> None:
    """Order-sensitive rules (spent beyond what is available) see the entries in the loader's order."""
    bestand = vul(grootboek, tmp_path / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "VHF", 20000, None, None, "eerste", "O-1"),
        (datetime.date(2024, 3, 1), "WON-04", "VHF", 9000000, None, None, "te veel", "O-2"),
        (datetime.date(2024, 3, 2), "WON-04", "VHF", 5000000, None, None, "nog meer", "O-3"),
    ])
    fouten = _beide(grootboek, bestand)
    assert any("Overschrijding" in str(f) for f in fouten)

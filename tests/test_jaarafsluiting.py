"""A closed book year (``snw jaar-afsluiten``, ``ledger.jaarafsluiting``, the plugin's
``ledger.rules.jaarafsluiting``): any change to a booking of a closed year is a finding of
``snw check`` at the close's line, with the months that changed; moving a booking is no change.

Each test copies tests/data/jaareinde (4 bookings in 2025: award, receipt, two spendings; plus the
declarations of 2023) into ``tmp_path``; today is 8 December 2026 (tests/conftest.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import jaarafsluiting
from ledger.errors import DeclaratieError
from ledger.errors import JaarafsluitingError
from ledger.load import load_ledger

DATA = Path(__file__).parent / "data" / "jaareinde" / "grootboek.beancount"


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    main = tmp_path / "main.beancount"
    shutil.copy(DATA, main)
    return main


def snw(main: Path, *args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, ["--grootboek", str(main), "--geen-cache", *args])


def fouten(main: Path, soort: type) -> list:
    return [e for e in load_ledger(main, cache=False).errors if isinstance(e, soort)]


def test_close_a_year_then_check_is_clean(grootboek: Path) -> None:
    result = snw(grootboek, "jaar-afsluiten", "2025")
    assert result.exit_code == 0, result.output
    assert "2025 afgesloten op 8 december 2026: 4 boekingen" in result.output
    assert grootboek.read_text(encoding="utf-8").endswith('\ninclude "jaarafsluitingen.beancount"\n')
    tekst = (grootboek.parent / "jaarafsluitingen.beancount").read_text(encoding="utf-8")
    assert '2026-12-08 custom "jaarafsluiting" 2025\n' in tekst
    assert "  boekingen: 4\n" in tekst
    assert fouten(grootboek, JaarafsluitingError) == []
    assert snw(grootboek, "check").exit_code == 0
    # the fingerprint the command wrote is the one the plugin computes over its input
    ledger = load_ledger(grootboek, cache=False)
    assert f'vingerafdruk: "{jaarafsluiting.vingerafdruk(ledger.entries, 2025).sha256}"' in tekst
    # closing again without a change writes nothing
    again = snw(grootboek, "jaar-afsluiten", "2025")
    assert again.exit_code == 0 and "niet gewijzigd" in again.output
    assert (grootboek.parent / "jaarafsluitingen.beancount").read_text(encoding="utf-8") == tekst


def test_one_cent_changed_in_a_closed_year_is_a_finding_at_the_close(grootboek: Path) -> None:
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 0
    tekst = grootboek.read_text(encoding="utf-8")
    grootboek.write_text(tekst.replace("31400.00 EUR", "31400.01 EUR"), encoding="utf-8")
    (fout,) = fouten(grootboek, JaarafsluitingError)
    assert fout.message == ("Jaar 2025 is afgesloten op 08-12-2026, maar de boekingen van 2025 zijn sindsdien "
                            "gewijzigd (december; 4 boekingen bij afsluiting, nu 4)")
    assert fout.source["filename"].endswith("jaarafsluitingen.beancount") and fout.source["lineno"] == 3
    check = snw(grootboek, "check")
    assert check.exit_code == 1 and "jaarafsluitingen.beancount:3: Jaar 2025 is afgesloten" in check.output
    # closing again needs --opnieuw with a reason; then the latest close counts
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 1
    assert snw(grootboek, "jaar-afsluiten", "2025", "--opnieuw").exit_code == 2
    opnieuw = snw(grootboek, "jaar-afsluiten", "2025", "--opnieuw", "--reden", "Factuur december gecorrigeerd")
    assert opnieuw.exit_code == 0, opnieuw.output
    assert fouten(grootboek, JaarafsluitingError) == []
    assert 'reden: "Factuur december gecorrigeerd"' in (grootboek.parent / "jaarafsluitingen.beancount").read_text(
        encoding="utf-8")


@pytest.mark.parametrize(("wijziging", "maanden", "aantal"), [
    # a narration, a partner, an account: each a change of its month
    (("Werkgroep Werk, eerste termijn", "Werkgroep Werk, 1e termijn"), "maart", 4),
    (('  partner: "NWWP"\n  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        20000.00 EUR',
      '  partner: "NWWP"\n  omschrijving: "extra"\n  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        20000.00 EUR'),
     "maart", 4),
    (("2025-12-02 *", "2025-11-28 *"), "november, december", 4),  # moved to another month
])
def test_changes_of_every_kind_are_found(grootboek: Path, wijziging: tuple[str, str], maanden: str,
                                         aantal: int) -> None:
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 0
    tekst = grootboek.read_text(encoding="utf-8")
    assert wijziging[0] in tekst
    grootboek.write_text(tekst.replace(wijziging[0], wijziging[1], 1), encoding="utf-8")
    (fout,) = fouten(grootboek, JaarafsluitingError)
    assert f"({maanden}; 4 boekingen bij afsluiting, nu {aantal})" in fout.message


def test_a_booking_added_to_a_closed_year_is_found(grootboek: Path) -> None:
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 0
    with grootboek.open("a", encoding="utf-8") as f:
        f.write('\n2025-06-30 * "NWWP" "Vergeten factuur"\n  partner: "NWWP"\n'
                "  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK   100.00 EUR\n  Assets:Bank:Programma\n")
    (fout,) = fouten(grootboek, JaarafsluitingError)
    assert "(juni; 4 boekingen bij afsluiting, nu 5)" in fout.message


def test_moving_a_booking_to_another_file_or_line_is_no_change(grootboek: Path) -> None:
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 0
    tekst = grootboek.read_text(encoding="utf-8")
    blok = ('2025-12-02 * "NWWP" "Werkgroep Werk, tweede termijn"\n  partner: "NWWP"\n'
            "  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        31400.00 EUR\n  Assets:Bank:Programma\n")
    assert blok in tekst
    grootboek.write_text('include "december.beancount"\n' + tekst.replace(blok, ""), encoding="utf-8")
    (grootboek.parent / "december.beancount").write_text("\n\n" + blok, encoding="utf-8")
    assert fouten(grootboek, JaarafsluitingError) == []


def test_a_later_year_stays_open(grootboek: Path) -> None:
    assert snw(grootboek, "jaar-afsluiten", "2025").exit_code == 0
    with grootboek.open("a", encoding="utf-8") as f:
        f.write('\n2026-01-05 * "Rijk" "Tweede voorschot"\n  Assets:Bank:Programma   1000.00 EUR\n'
                "  Assets:Te-ontvangen:SPUK\n")
    assert fouten(grootboek, JaarafsluitingError) == []


def test_what_cannot_be_closed(grootboek: Path) -> None:
    huidig = snw(grootboek, "jaar-afsluiten", "2026")
    assert huidig.exit_code == 2 and "2026 is nog niet voorbij" in huidig.output
    leeg = snw(grootboek, "jaar-afsluiten", "2024")
    assert leeg.exit_code == 1 and "geen boekingen in 2024" in leeg.output
    demo = CliRunner().invoke(cli, ["jaar-afsluiten", "2025"])
    assert demo.exit_code == 1 and "demoledger" in demo.output
    proef = snw(grootboek, "jaar-afsluiten", "2025", "--proef")
    assert proef.exit_code == 0 and 'custom "jaarafsluiting" 2025' in proef.output
    assert not (grootboek.parent / "jaarafsluitingen.beancount").exists()


def test_a_ledger_with_findings_closes_only_when_asked(grootboek: Path) -> None:
    tekst = grootboek.read_text(encoding="utf-8")
    grootboek.write_text(tekst.replace("2025-12-02 *", "2026-01-02 *"), encoding="utf-8")  # after the end
    geweigerd = snw(grootboek, "jaar-afsluiten", "2025")
    assert geweigerd.exit_code == 1 and "--met-bevindingen" in geweigerd.output
    assert snw(grootboek, "jaar-afsluiten", "2025", "--met-bevindingen").exit_code == 0
    assert "  bevindingen: 1\n" in (grootboek.parent / "jaarafsluitingen.beancount").read_text(encoding="utf-8")


def test_a_close_dated_in_its_own_year_or_malformed_is_a_declaration_error(grootboek: Path) -> None:
    with grootboek.open("a", encoding="utf-8") as f:
        f.write('\n2025-12-31 custom "jaarafsluiting" 2025\n  vingerafdruk: "' + "0" * 64 + '"\n'
                '  boekingen: 4\n  maanden: "' + " ".join(["00000000"] * 12) + '"\n'
                '2026-01-10 custom "jaarafsluiting" 2025\n  vingerafdruk: "abc"\n')
    meldingen = [e.message for e in fouten(grootboek, DeclaratieError)]
    assert "Ongeldige declaratie: een jaar wordt na afloop afgesloten: 2025 kan niet op 2025-12-31 worden " \
           "afgesloten" in meldingen
    assert "Ongeldige declaratie: vingerafdruk moet een SHA-256 in hex zijn (64 tekens)" in meldingen
    assert fouten(grootboek, JaarafsluitingError) == []

"""``snw import`` and ``snw sjabloon`` end to end, on a copy of the small test ledger.

Covers: writing the import file, idempotency (a second import adds nothing), replacement
of a corrected file, all-or-nothing (one bad row: the ledger stays the same, byte for byte),
refusal when the ledger would no longer pass ``snw check``, personal data, rows already
booked elsewhere (e.g. through Fava), the template round trip, and the progress bar.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from importers.testing import vul

HIER = Path(__file__).resolve().parent / "importers"
VOORBEELDEN = HIER


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    """A fresh copy of the test ledger; returns its main file."""
    doel = tmp_path / "grootboek"
    shutil.copytree(HIER / "ledger", doel)
    return doel / "main.beancount"


def snw(*args: str) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def vingerafdruk(map_: Path) -> dict[str, str]:
    """Every file under a folder with the SHA-256 of its bytes (cache files left out)."""
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file() and not p.name.endswith(".picklecache")}


def importeer(grootboek: Path, *bestanden: Path | str, extra: tuple[str, ...] = ()) -> object:
    return snw("--ledger", grootboek, "import", *extra, *bestanden)


def check(grootboek: Path) -> None:
    result = snw("--ledger", grootboek, "check")
    assert result.exit_code == 0, result.output


# ----------------------------------------------------------------------------------------
# Writing, idempotency, dry run
# ----------------------------------------------------------------------------------------
def test_import_writes_one_file_per_partner_and_year(grootboek: Path) -> None:
    result = importeer(grootboek, VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv",
                       VOORBEELDEN / "rochdale" / "inzet-2024.xlsx")
    assert result.exit_code == 0, result.output
    assert "snw.koppeling.eigen-haard, partner EIGEN-HAARD, 7 regel(s)" in result.output
    assert "Partner EIGEN-HAARD (Eigen Haard)" in result.output
    assert "WON-12     EIGEN" in result.output
    assert "eigen-haard-2024.beancount: 7 nieuw, 0 gewijzigd, 0 vervallen, 0 ongewijzigd" in result.output
    assert "rochdale-2024.beancount: 5 nieuw" in result.output
    tekst = (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")
    verwacht = (VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv.beancount").read_text(encoding="utf-8")
    # The import file holds exactly the entries of the golden file (after its own header).
    assert tekst.split("\n\n", 1)[1] == verwacht.split("\n\n", 1)[1]
    check(grootboek)


def test_second_import_adds_nothing(grootboek: Path) -> None:
    bestanden = [VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv", VOORBEELDEN / "eigen-haard" / "erp-2024-q2.csv",
                 VOORBEELDEN / "sjabloon" / "hva-2024.xlsx"]
    assert importeer(grootboek, *bestanden).exit_code == 0
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, *bestanden)
    assert result.exit_code == 0, result.output
    assert "Niets te doen: alle regels staan al in het grootboek." in result.output
    assert "0 nieuw, 0 gewijzigd, 0 vervallen, 10 ongewijzigd (geen wijziging)" in result.output
    assert vingerafdruk(grootboek.parent) == voor


def test_dry_run_writes_nothing(grootboek: Path) -> None:
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, VOORBEELDEN / "sjabloon" / "eigen-haard-2024.xlsx", extra=("--dry-run",))
    assert result.exit_code == 0, result.output
    assert "4 nieuw" in result.output
    assert "Proefdraai: het grootboek klopt met deze import; er is niets geschreven." in result.output
    assert vingerafdruk(grootboek.parent) == voor


# ----------------------------------------------------------------------------------------
# Corrected files
# ----------------------------------------------------------------------------------------
def test_corrected_file_replaces_only_what_changed(grootboek: Path, tmp_path: Path) -> None:
    aanlevering = tmp_path / "aanlevering"
    aanlevering.mkdir()
    bestand = aanlevering / "erp-2024-q1.csv"
    shutil.copyfile(VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv", bestand)
    assert importeer(grootboek, bestand, VOORBEELDEN / "eigen-haard" / "erp-2024-q2.csv").exit_code == 0
    importbestand = grootboek.parent / "import" / "eigen-haard-2024.beancount"
    voor = importbestand.read_text(encoding="utf-8")

    # The partner corrects one amount, drops one row and adds one.
    regels = bestand.read_bytes().decode("utf-8-sig").split("\r\n")
    regels = [r.replace(";8.730,55;", ";8.370,55;") for r in regels if "EH24-00190" not in r]
    regels.insert(3, "EH01;20-01-2024;EH24-00020;4810;;Vochtmeting complex 88;Dichters;;;;640,00;EUR")
    bestand.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(regels).encode("utf-8"))

    result = importeer(grootboek, bestand)
    assert result.exit_code == 0, result.output
    assert "eigen-haard-2024.beancount: 1 nieuw, 1 gewijzigd, 1 vervallen, 5 ongewijzigd" in result.output
    na = importbestand.read_text(encoding="utf-8")
    assert "8370.55 EUR" in na and "8730.55 EUR" not in na
    assert "EH24-00190" not in na and "EH24-00020" in na
    # The rows of the other file (Q2) are untouched.
    q2 = [blok for blok in voor.split("\n\n") if "erp-2024-q2.csv" in blok]
    assert q2 and all(blok in na for blok in q2)
    check(grootboek)
    # And the corrected file is now in: importing it again changes nothing.
    assert "Niets te doen" in importeer(grootboek, bestand).output


def test_corrected_template_without_kenmerk(grootboek: Path, tmp_path: Path) -> None:
    """Rows without Kenmerk are known by a hash of their content: a changed row is replaced."""
    bestand = tmp_path / "hva-2024.xlsx"
    shutil.copyfile(VOORBEELDEN / "sjabloon" / "hva-2024.xlsx", bestand)
    assert importeer(grootboek, bestand).exit_code == 0
    werkmap = openpyxl.load_workbook(bestand)
    werkmap["Invullen"]["E4"] = 38  # January: 38 hours instead of 40
    werkmap.save(bestand)
    result = importeer(grootboek, bestand)
    assert result.exit_code == 0, result.output
    assert "hva-2024.beancount: 1 nieuw, 0 gewijzigd, 1 vervallen, 3 ongewijzigd" in result.output
    tekst = (grootboek.parent / "import" / "hva-2024.beancount").read_text(encoding="utf-8")
    assert "3610.00 EUR" in tekst and tekst.count("uren: 40") == 2
    check(grootboek)


# ----------------------------------------------------------------------------------------
# All or nothing
# ----------------------------------------------------------------------------------------
def test_one_bad_row_writes_nothing(grootboek: Path, tmp_path: Path) -> None:
    assert importeer(grootboek, VOORBEELDEN / "sjabloon" / "hva-2024.xlsx").exit_code == 0
    voor = vingerafdruk(grootboek.parent)
    bestand = tmp_path / "erp-2024-q1.csv"
    tekst = (VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv").read_bytes().decode("utf-8-sig")
    bestand.write_text(tekst.replace("31-01-2024;EH24-00031", "31-13-2024;EH24-00031"), encoding="utf-8-sig")
    result = importeer(grootboek, bestand, VOORBEELDEN / "rochdale" / "inzet-2024.xlsx")
    assert result.exit_code == 1
    assert f"{bestand}:3: kolom Boekdatum: '31-13-2024' is geen datum (suggestie: schrijf de datum als " \
           "dd-mm-jjjj)" in result.output
    assert "1 fout(en); los ze op in het bestand en importeer het opnieuw. Er is niets geschreven." in result.output
    assert vingerafdruk(grootboek.parent) == voor


def test_rule_violation_in_the_ledger_writes_nothing(grootboek: Path, tmp_path: Path) -> None:
    """Rows that read fine but break a stream rule (here: domain not eligible) are refused."""
    bestand = vul(grootboek, tmp_path / "eigen-haard-2024.xlsx", "EIGEN-HAARD", 2024, [
        (datetime.date(2024, 3, 1), "WON-04", "eigen middelen", 100, None, None, "goed", "G-1"),
        (datetime.date(2024, 3, 2), "VEI-11", "VHF", 2500, None, None, "VHF is alleen voor WON", "G-2"),
    ])
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, bestand)
    assert result.exit_code == 1, result.output
    assert f"{bestand}:5: past niet in het grootboek: Domein niet subsidiabel: VHF is voor WON, " \
           "actielijn VEI-11 valt onder VEI" in result.output
    assert "met deze regels zou het grootboek niet meer kloppen (snw check). Er is niets geschreven." in result.output
    assert vingerafdruk(grootboek.parent) == voor
    # The dry run says the same.
    assert importeer(grootboek, bestand, extra=("--dry-run",)).exit_code == 1


def test_a_ledger_with_errors_takes_no_import(grootboek: Path) -> None:
    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write('\n2024-05-01 * "HVA" "Onbekende actielijn"\n'
                     '  Expenses:Actielijn:LER:LER-99-Bestaat-niet:EIGEN   10.00 EUR\n'
                     '    partner: "HVA"\n  Equity:Inbreng-partners\n')
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, VOORBEELDEN / "sjabloon" / "hva-2024.xlsx")
    assert result.exit_code == 1
    assert "al bestaande fout in het grootboek (los die eerst op): Onbekende actielijn" in result.output
    assert vingerafdruk(grootboek.parent) == voor


def test_personal_data_is_refused(grootboek: Path) -> None:
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, VOORBEELDEN / "fouten" / "eigen-haard-bsn.csv")
    assert result.exit_code == 1
    assert "kolom Huurder BSN: lijkt burgerservicenummers (BSN) te bevatten" in result.output
    assert "111222333" not in result.output and "123456782" not in result.output
    assert vingerafdruk(grootboek.parent) == voor


def test_unknown_file_is_refused(grootboek: Path) -> None:
    result = importeer(grootboek, VOORBEELDEN / "eigen-haard" / "ander-export.csv")
    assert result.exit_code == 1
    assert "ander-export.csv:0: geen importer herkent dit bestand" in result.output


def test_mapping_given_on_the_command_line(grootboek: Path) -> None:
    result = importeer(grootboek, VOORBEELDEN / "rochdale-csv" / "rochdale-pmg-2024.csv",
                       extra=("--koppeling", str(VOORBEELDEN / "rochdale-csv" / "koppeling.yaml")))
    assert result.exit_code == 0, result.output
    assert "VEI-11     PMG" in result.output
    check(grootboek)


def test_the_ledger_must_include_the_import_folder(grootboek: Path) -> None:
    tekst = grootboek.read_text(encoding="utf-8").replace('include "import/*.beancount"\n', "")
    grootboek.write_text(tekst, encoding="utf-8")
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, VOORBEELDEN / "sjabloon" / "hva-2024.xlsx")
    assert result.exit_code == 1
    assert 'het grootboek neemt import/hva-2024.beancount niet op (suggestie: zet include ' \
           '"import/*.beancount" in main.beancount)' in result.output
    assert vingerafdruk(grootboek.parent) == voor


# ----------------------------------------------------------------------------------------
# Rows already booked elsewhere (e.g. accepted on Fava's Import page)
# ----------------------------------------------------------------------------------------
def _boek_elders(grootboek: Path, bron: Path) -> None:
    from importers.koppeling import MAPPINGS
    from importers.koppeling import KoppelingImporter
    from importers.writer import render

    importer = KoppelingImporter(MAPPINGS / "eigen-haard.yaml", grootboek)
    entries = importer.extract(str(bron), [])
    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write("\n" + render("EIGEN-HAARD", 2024, entries[:2]))


def test_rows_booked_elsewhere_are_skipped(grootboek: Path) -> None:
    bron = VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv"
    _boek_elders(grootboek, bron)
    result = importeer(grootboek, bron)
    assert result.exit_code == 0, result.output
    assert "eigen-haard-2024.beancount: 5 nieuw" in result.output
    assert "2 regel(s) stonden al elders in het grootboek (bijvoorbeeld via Fava) en zijn overgeslagen" \
        in result.output
    check(grootboek)


def test_rows_booked_elsewhere_with_other_content_are_refused(grootboek: Path, tmp_path: Path) -> None:
    bron = VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv"
    _boek_elders(grootboek, bron)
    bestand = tmp_path / "erp-2024-q1.csv"
    bestand.write_bytes(bron.read_bytes().replace(b";12.450,00;", b";12.540,00;"))
    voor = vingerafdruk(grootboek.parent)
    result = importeer(grootboek, bestand)
    assert result.exit_code == 1
    assert f"{bestand}:2: kenmerk 'EH24-00017' is al geboekt in main.beancount:" in result.output
    assert vingerafdruk(grootboek.parent) == voor


# ----------------------------------------------------------------------------------------
# Template round trip and progress bar
# ----------------------------------------------------------------------------------------
def test_template_round_trip(grootboek: Path, tmp_path: Path) -> None:
    sjabloon = tmp_path / "sjabloon.xlsx"
    result = snw("--ledger", grootboek, "sjabloon", "--partner", "eigen-haard", "--year", "2024", "--out", sjabloon)
    assert result.exit_code == 0, result.output
    assert "Sjabloon voor Eigen Haard (EIGEN-HAARD), 2024" in result.output
    werkmap = openpyxl.load_workbook(sjabloon)
    lijsten = werkmap["Keuzelijsten"]
    # values as the partner picks them from the drop-downs
    actielijn = next(c.value for c in lijsten["A"] if c.value and c.value.startswith("WON-03"))
    stroom_vhf = next(c.value for c in lijsten["B"] if c.value and c.value.startswith("VHF"))
    buurt = lijsten["C3"].value
    ws = werkmap["Invullen"]
    rijen = [
        (datetime.date(2024, 6, 30), actielijn, "eigen middelen", None, 12.5, buurt, "Wijkbeheer juni", "RT-1"),
        (datetime.date(2024, 7, 1), "WON-04 Gerichte vocht- en schimmelaanpak", stroom_vhf, 1999.99, None, None,
         "Schimmelaanpak juli", "RT-2"),
    ]
    for offset, rij in enumerate(rijen):
        for kolom, waarde in enumerate(rij, 1):
            ws.cell(row=4 + offset, column=kolom, value=waarde)
    werkmap.save(sjabloon)

    result = importeer(grootboek, sjabloon)
    assert result.exit_code == 0, result.output
    tekst = (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")
    assert tekst.split("\n\n", 1)[1] == f"""\
2024-06-30 * "EIGEN-HAARD" "Wijkbeheer juni"
  kenmerk: "RT-1"
  bron: "sjabloon.xlsx rij 4"
  Expenses:Actielijn:WON:WON-03-Terugkeer-passende-woning:EIGEN   1062.50 EUR
    partner: "EIGEN-HAARD"
    buurt: "jacob-geelbuurt"
    uren: 12.5
  Equity:Inbreng-partners                                        -1062.50 EUR

2024-07-01 * "EIGEN-HAARD" "Schimmelaanpak juli" ^vhf-eigen-haard-2024
  kenmerk: "RT-2"
  bron: "sjabloon.xlsx rij 5"
  Expenses:Actielijn:WON:WON-04-Vocht-en-schimmel:VHF   1999.99 EUR
    partner: "EIGEN-HAARD"
  Assets:Voorschot:EIGEN-HAARD                         -1999.99 EUR
"""
    assert actielijn == "WON-03 Terugkeer naar een passende woning in de buurt"
    check(grootboek)


def test_unknown_partner_for_template(grootboek: Path, tmp_path: Path) -> None:
    result = snw("--ledger", grootboek, "sjabloon", "--partner", "EIGEN-HARD", "--year", "2024",
                 "--out", tmp_path / "x.xlsx")
    assert result.exit_code == 1
    assert "Onbekende partner: EIGEN-HARD. Bedoelt u EIGEN-HAARD?" in result.output


def test_progress_bar_for_large_files(grootboek: Path, tmp_path: Path) -> None:
    from cli.importeren import VOORTGANG_VANAF

    bestand = tmp_path / "erp-groot.csv"
    kop = (VOORBEELDEN / "eigen-haard" / "erp-2024-q1.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0]
    regels = [kop]
    for n in range(VOORTGANG_VANAF + 500):
        dag = datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 360)
        regels.append(f"EH01;{dag:%d-%m-%Y};G-{n:05d};4830;;Onderhoud {n};Dichters;;;;{n % 97 + 1},25;EUR")
    bestand.write_text("\r\n".join(regels), encoding="utf-8")
    result = importeer(grootboek, bestand)
    assert result.exit_code == 0, result.output
    assert "erp-groot.csv lezen" in result.output
    assert f"{VOORTGANG_VANAF + 500} nieuw" in result.output


def test_import_refuses_to_write_into_the_embedded_demo_ledger() -> None:
    bestand = Path(__file__).parent / "importers" / "eigen-haard" / "erp-2024-q1.csv"
    result = CliRunner().invoke(cli, ["import", str(bestand)], env={"SNW_LEDGER": ""})
    assert result.exit_code == 1
    assert "schrijft niet in de ingebouwde demoledger" in result.output

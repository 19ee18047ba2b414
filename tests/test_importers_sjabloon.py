"""The partner template: sheets, drop-down lists, read-me, determinism, identification, LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from importers.context import laad_grootboek
from importers.sjabloon import RIJEN
from importers.sjabloon import SjabloonImporter
from importers.sjabloon import keuzelijsten
from importers.sjabloon import maak_sjabloon
from importers.sjabloon import sjabloon_bytes
from importers.testing import vul

HIER = Path(__file__).resolve().parent / "importers"
LEDGER = HIER / "ledger" / "main.beancount"


@pytest.fixture(scope="module")
def grootboek() -> object:
    return laad_grootboek(LEDGER)


@pytest.fixture(scope="module")
def werkmap(grootboek: object) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(sjabloon_bytes(maak_sjabloon(grootboek, "EIGEN-HAARD", 2024))))


def test_sheets(werkmap: openpyxl.Workbook) -> None:
    assert werkmap.sheetnames == ["Invullen", "Leesmij", "Keuzelijsten", "_snw"]
    assert werkmap.active.title == "Invullen"
    assert [werkmap[n].sheet_state for n in werkmap.sheetnames] == ["visible", "visible", "visible", "hidden"]
    marker = {r[0]: r[1] for r in werkmap["_snw"].iter_rows(values_only=True)}
    assert marker == {"sjabloon": "snw-partnerbijdragen", "versie": 1, "partner": "EIGEN-HAARD", "jaar": 2024}
    ws = werkmap["Invullen"]
    assert [c.value for c in ws[3]] == ["Datum", "Actielijn", "Geldstroom", "Bedrag", "Uren", "Buurt",
                                        "Omschrijving", "Kenmerk"]
    assert ws.freeze_panes == "A4"
    assert "Eigen Haard (EIGEN-HAARD)" in ws["A2"].value and "2024" in ws["A2"].value
    assert werkmap["Keuzelijsten"].protection.sheet


def test_drop_down_lists(werkmap: openpyxl.Workbook, grootboek: object) -> None:
    lijsten = keuzelijsten(grootboek, "EIGEN-HAARD")
    assert lijsten["Geldstroom"] == ["eigen middelen", "VHF Volkshuisvestingsfonds"]
    assert lijsten["Actielijn"][:3] == ["LER-01 Voortgang en koers van werkend leren",
                                        "VEI-11 Werkgroep Stoppen huiselijk geweld en kindermishandeling",
                                        "WON-01 Extra inzet op verduurzamen, vernieuwen en bouw van woningen"]
    assert lijsten["Buurt"] == ["Wildeman", "Jacob Geelbuurt", "Lodewijk van Deysselbuurt", "Dichtersbuurt"]
    ls = werkmap["Keuzelijsten"]
    for kolom, kop in zip("ABC", ("Actielijn", "Geldstroom", "Buurt"), strict=True):
        waarden = [c.value for c in ls[kolom][1:] if c.value is not None]
        assert ls[f"{kolom}1"].value == kop and waarden == lijsten[kop]
    validaties = {str(dv.sqref): dv for dv in werkmap["Invullen"].data_validations.dataValidation}
    laatste = 3 + RIJEN
    assert validaties[f"B4:B{laatste}"].formula1 == f"'Keuzelijsten'!$A$2:$A${len(lijsten['Actielijn']) + 1}"
    assert validaties[f"C4:C{laatste}"].formula1 == "'Keuzelijsten'!$B$2:$B$3"
    assert validaties[f"F4:F{laatste}"].formula1 == "'Keuzelijsten'!$C$2:$C$5"
    datum = validaties[f"A4:A{laatste}"]
    assert (datum.type, datum.formula1, datum.formula2) == ("date", "45292", "45657")  # 1-1-2024 .. 31-12-2024
    assert all(dv.showErrorMessage and dv.prompt for dv in validaties.values())


def test_streams_per_partner(grootboek: object) -> None:
    assert keuzelijsten(grootboek, "ROCHDALE")["Geldstroom"] == ["eigen middelen", "PMG Preventie met Gezag"]
    assert keuzelijsten(grootboek, "ADAMAS")["Geldstroom"] == ["eigen middelen"]


def test_read_me(werkmap: openpyxl.Workbook) -> None:
    tekst = "\n".join(str(c.value) for c in werkmap["Leesmij"]["A"] if c.value)
    assert "Partner: Eigen Haard (EIGEN-HAARD)" in tekst
    assert "Jaar: 2024" in tekst
    assert "Uurtarief: € 85,00 per uur" in tekst
    assert "• VHF Volkshuisvestingsfonds (verplichting vhf-eigen-haard-2024)" in tekst
    assert "Geen persoonsgegevens van bewoners" in tekst


def test_deterministic(grootboek: object, tmp_path: Path) -> None:
    een = sjabloon_bytes(maak_sjabloon(grootboek, "HVA", 2025))
    twee = sjabloon_bytes(maak_sjabloon(grootboek, "HVA", 2025))
    assert een == twee
    uit = tmp_path / "hva.xlsx"
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "sjabloon", "--partner", "HVA", "--year", "2025",
                                      "--out", str(uit)])
    assert result.exit_code == 0, result.output
    assert uit.read_bytes() == een


def test_identify(tmp_path: Path) -> None:
    importer = SjabloonImporter(LEDGER)
    assert importer.identify(str(HIER / "sjabloon" / "hva-2024.xlsx"))
    assert not importer.identify(str(HIER / "sjabloon" / "geen-sjabloon.xlsx"))
    assert not importer.identify(str(HIER / "eigen-haard" / "erp-2024-q1.csv"))
    kopie = tmp_path / "kopie.csv.xlsx"
    shutil.copyfile(HIER / "eigen-haard" / "erp-2024-q1.csv", kopie)  # not a zip at all
    assert not importer.identify(str(kopie))


def test_changed_year_is_a_file_error(tmp_path: Path) -> None:
    pad = vul(LEDGER, tmp_path / "x.xlsx", "HVA", 2024, [])
    werkmap = openpyxl.load_workbook(pad)
    werkmap["_snw"]["B4"] = "vorig jaar"
    werkmap.save(pad)
    resultaat = SjabloonImporter(LEDGER).lees(str(pad))
    assert [f.message for f in resultaat.fouten] == ["het jaar op blad _snw is gewijzigd ('vorig jaar')"]


def test_missing_column_is_a_file_error(tmp_path: Path) -> None:
    pad = vul(LEDGER, tmp_path / "x.xlsx", "HVA", 2024, [])
    werkmap = openpyxl.load_workbook(pad)
    werkmap["Invullen"]["D3"] = "Kosten"
    werkmap.save(pad)
    resultaat = SjabloonImporter(LEDGER).lees(str(pad))
    assert [(f.source["lineno"], f.message) for f in resultaat.fouten] == [
        (3, "kolom Bedrag ontbreekt in de kopregel (rij 3)")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_libreoffice_opens_and_keeps_the_template(tmp_path: Path) -> None:
    """LibreOffice opens the filled template and saves it again; the result still imports the same."""
    bron = HIER / "sjabloon" / "eigen-haard-2024.xlsx"
    shutil.copyfile(bron, tmp_path / bron.name)
    uit = tmp_path / "uit"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(uit), str(tmp_path / bron.name)],
                   check=True, capture_output=True, timeout=180)
    opnieuw = uit / bron.name
    werkmap = openpyxl.load_workbook(opnieuw)
    assert werkmap["_snw"].sheet_state == "hidden"
    assert len(werkmap["Invullen"].data_validations.dataValidation) == 8
    importer = SjabloonImporter(LEDGER)
    assert importer.identify(str(opnieuw))
    origineel = importer.extract(str(bron), [])
    na = importer.extract(str(opnieuw), [])
    assert [(e.date, e.narration, e.postings[0].units, e.meta["kenmerk"]) for e in na] == \
        [(e.date, e.narration, e.postings[0].units, e.meta["kenmerk"]) for e in origineel]

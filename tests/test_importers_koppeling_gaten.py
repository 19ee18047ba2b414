"""Mapping gaps (issue 11, item 10): Dutch month names, buurt names declared once on the buurt,
and a funding column mapped by its own table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from importers.testing import vul
from importers.values import parse_datum

HIER = Path(__file__).resolve().parent / "importers"
MAPPINGS = Path(__file__).resolve().parent.parent / "importers" / "mappings"
KOP = "Administratie;Boekdatum;Boekstuk;Kostenplaats;Project;Omschrijving;Wijk;Crediteur;IBAN crediteur;Uren;Bedrag;Valuta\n"


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    shutil.copytree(HIER / "ledger", tmp_path / "grootboek")
    return tmp_path / "grootboek" / "main.beancount"


def snw(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def eigen_haard(tmp_path: Path, **wijziging: object) -> Path:
    data = yaml.safe_load((MAPPINGS / "eigen-haard.yaml").read_text(encoding="utf-8"))
    for sleutel, waarde in wijziging.items():
        if waarde is None:
            data.pop(sleutel, None)
        else:
            data[sleutel] = waarde
    pad = tmp_path / "eigen-haard-test.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return pad


# --- Dutch month names -------------------------------------------------------------------------
@pytest.mark.parametrize(("tekst", "iso"), [
    ("3 maart 2025", "2025-03-03"), ("3-mrt-2025", "2025-03-03"), ("maandag 3 mrt. 2025", "2025-03-03"),
    ("1 januari 2024", "2024-01-01"), ("31 DECEMBER 2024", "2024-12-31"), ("15 okt 2024", "2024-10-15"),
    ("29 februari 2024", "2024-02-29"),
])
def test_dutch_month_names(tekst: str, iso: str) -> None:
    assert parse_datum(tekst, ("%d-%m-%Y",)).isoformat() == iso


@pytest.mark.parametrize("tekst", ["29 februari 2023", "3 marz 2025", "maart 2025", "32 mei 2024"])
def test_not_a_date_with_a_month_name(tekst: str) -> None:
    with pytest.raises(ValueError):
        parse_datum(tekst, ("%d-%m-%Y",))


def test_an_export_with_month_names_imports(grootboek: Path, tmp_path: Path) -> None:
    bestand = tmp_path / "erp.csv"
    bestand.write_text(KOP + "EH01;3 maart 2024;EH24-1;4830;;Isolatie;Dichters;;;;100,00;EUR\n", encoding="utf-8")
    result = snw("--ledger", grootboek, "import", bestand)
    assert result.exit_code == 0, result.output
    assert "2024-03-03 *" in (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")


# --- buurt names on the buurt declaration --------------------------------------------------------
def _met_namen(grootboek: Path) -> None:
    tekst = grootboek.read_text(encoding="utf-8")
    oud = '2023-01-01 custom "buurt" "dichtersbuurt" "Dichtersbuurt"\n'
    assert oud in tekst
    grootboek.write_text(tekst.replace(oud, oud + '  namen: "Dichters; Dichtersbuurt Geuzenveld"\n'),
                         encoding="utf-8")


def test_buurt_names_declared_once_are_known_to_every_mapping(grootboek: Path, tmp_path: Path) -> None:
    zonder = eigen_haard(tmp_path, buurten={"Lodewijk van Deyssel": "lodewijk-van-deysselbuurt"})
    q1 = HIER / "eigen-haard" / "erp-2024-q1.csv"
    result = snw("--ledger", grootboek, "import", "--proef", "--koppeling", zonder, q1)
    assert result.exit_code == 1
    assert "kolom Wijk: onbekende buurt 'Dichters'" in result.output
    _met_namen(grootboek)
    result = snw("--ledger", grootboek, "import", "--koppeling", zonder, q1)
    assert result.exit_code == 0, result.output
    tekst = (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")
    assert tekst.count('buurt: "dichtersbuurt"') == 5
    assert snw("--ledger", grootboek, "check").exit_code == 0


def test_buurt_names_declared_once_are_known_to_the_template(grootboek: Path, tmp_path: Path) -> None:
    _met_namen(grootboek)
    bestand = vul(grootboek, tmp_path / "eh.xlsx", "EIGEN-HAARD", 2024,
                  [["15-01-2024", "WON-01", "eigen middelen", 100, None, "Dichtersbuurt Geuzenveld", "Isolatie", "K1"]])
    result = snw("--ledger", grootboek, "import", "--proef", bestand)
    assert result.exit_code == 0, result.output


# --- a funding column with its own table -----------------------------------------------------------
def test_a_funding_column_mapped_by_its_own_table(grootboek: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((HIER / "rochdale-csv" / "koppeling.yaml").read_text(encoding="utf-8"))
    data["bestand"].update(codering="utf-8", naam="*.csv")
    data["kolommen"]["geldstroom"] = "Financiering"
    data["geldstromen"] = {"Preventie": "PMG", "Eigen": "EIGEN"}
    data["koppeling"] = [{"Kostendrager": "KD-VEI", "actielijn": "VEI-11"}]
    koppeling = tmp_path / "rochdale-financiering.yaml"
    koppeling.write_text(yaml.safe_dump(data), encoding="utf-8")
    bestand = tmp_path / "rochdale-2024.csv"
    bestand.write_text("Datum,Ref,Kostendrager,Financiering,Omschrijving,Wijk,Bedrag\n"
                       "15/02/2024,R-1,KD-VEI,Preventie,Voorlichting,Wildeman,100.00\n"
                       "16/02/2024,R-2,KD-VEI,eigen,Uren coördinator,,50.00\n", encoding="utf-8")
    result = snw("--ledger", grootboek, "import", "--koppeling", koppeling, bestand)
    assert result.exit_code == 0, result.output
    tekst = (grootboek.parent / "import" / "rochdale-2024.beancount").read_text(encoding="utf-8")
    regels = [" ".join(regel.split()) for regel in tekst.splitlines()]
    assert "Expenses:Actielijn:VEI:VEI-11-Stoppen-huiselijk-geweld:PMG 100.00 EUR" in regels
    assert "Expenses:Actielijn:VEI:VEI-11-Stoppen-huiselijk-geweld:EIGEN 50.00 EUR" in regels

    bestand.write_text("Datum,Ref,Kostendrager,Financiering,Omschrijving,Wijk,Bedrag\n"
                       "15/02/2024,R-3,KD-VEI,Onbekend fonds,Voorlichting,,100.00\n", encoding="utf-8")
    result = snw("--ledger", grootboek, "import", "--koppeling", koppeling, bestand)
    assert result.exit_code == 1
    assert "kolom Financiering: onbekende geldstroom 'Onbekend fonds'" in result.output

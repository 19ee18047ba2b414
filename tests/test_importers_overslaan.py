"""Nothing lost: rows are skipped only by declared rules, every skipped row is reported,
identical repeats are deduped on request, and every unreadable file gets its own refusal.

Issue 11, items 1–3. Each test runs ``snw import`` on a copy of the small test ledger and
checks that a refusal leaves every ledger file byte-identical.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli

HIER = Path(__file__).resolve().parent / "importers"
MAPPINGS = Path(__file__).resolve().parent.parent / "importers" / "mappings"
Q1 = HIER / "eigen-haard" / "erp-2024-q1.csv"
KOP = "Administratie;Boekdatum;Boekstuk;Kostenplaats;Project;Omschrijving;Wijk;Crediteur;IBAN crediteur;Uren;Bedrag;Valuta\n"


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    doel = tmp_path / "grootboek"
    shutil.copytree(HIER / "ledger", doel)
    return doel / "main.beancount"


def snw(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def vingerafdruk(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file() and not p.name.endswith(".picklecache")}


def csv_bestand(tmp_path: Path, naam: str, *regels: str) -> Path:
    pad = tmp_path / naam
    pad.write_text(KOP + "".join(regel + "\n" for regel in regels), encoding="utf-8")
    return pad


def koppeling(tmp_path: Path, **wijziging: object) -> Path:
    data = yaml.safe_load((MAPPINGS / "eigen-haard.yaml").read_text(encoding="utf-8"))
    for sleutel, waarde in wijziging.items():
        if waarde is None:
            data.pop(sleutel, None)
        else:
            data[sleutel] = waarde
    pad = tmp_path / "eigen-haard-test.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return pad


GOED = "EH01;15-01-2024;EH24-00017;4830;P-512;Isolatie portiekflats complex 512;Dichters;;;;12.450,00;EUR"
PORTIEK = "EH01;20-03-2024;EH24-00195;4830;;Totaal onderhoud portiek;Dichters;;;;1.234,00;EUR"


# --- item 1: silent data loss --------------------------------------------------------------
def test_every_skipped_row_is_reported_with_row_and_rule(grootboek: Path) -> None:
    result = snw("--ledger", grootboek, "import", "--proef", Q1)
    assert result.exit_code == 0, result.output
    assert "7 regel(s), 3 overgeslagen" in result.output
    assert 'rij 6 overgeslagen: subtotaal (Omschrijving begint met "Subtotaal")' in result.output
    assert "rij 7 overgeslagen: lege regel" in result.output
    assert 'rij 11 overgeslagen: subtotaal (Omschrijving begint met "Totaal")' in result.output


def test_a_genuine_invoice_starting_with_totaal_does_not_vanish(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-portiek.csv", GOED, PORTIEK)
    voor = vingerafdruk(grootboek.parent)
    result = snw("--ledger", grootboek, "import", bestand)
    assert result.exit_code == 1
    assert ("erp-portiek.csv:3: kolom Omschrijving: deze regel heeft een datum en een bedrag en zou als "
            'subtotaal (Omschrijving begint met "Totaal") worden overgeslagen') in result.output
    assert vingerafdruk(grootboek.parent) == voor

    # The mapping says otherwise: only "Subtotaal …" and a bare "Totaal" are totals.
    eigen = koppeling(tmp_path, overslaan={"Omschrijving": "^Subtotaal|^Totaal$"}, subtotaalregel="uit")
    result = snw("--ledger", grootboek, "import", "--koppeling", eigen, bestand)
    assert result.exit_code == 0, result.output
    tekst = (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")
    assert '"Totaal onderhoud portiek"' in tekst and "1234.00 EUR" in tekst


def test_a_dated_subtotal_that_adds_up_is_a_recognised_total(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(
        tmp_path, "erp-sub.csv", GOED,
        "EH01;29-02-2024;EH24-00102;4810;;Ventilatieroosters;Dichters;;;;8.730,55;EUR",
        "EH01;29-02-2024;EH24-00103;4810;;Creditnota;Dichters;;;;(1.250,00);EUR",
        "EH01;29-02-2024;;4810;;Subtotaal februari;;;;;7.480,55;EUR")
    result = snw("--ledger", grootboek, "import", "--proef", bestand)
    assert result.exit_code == 0, result.output
    assert 'rij 5 overgeslagen: subtotaal (Omschrijving begint met "Subtotaal")' in result.output


def test_unknown_keys_skipped_by_the_mapping_are_reported(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-andere.csv", GOED,
                          "EH01;16-01-2024;EH24-00018;9999;;Kantine;;;;;50,00;EUR")
    eigen = koppeling(tmp_path, onbekende_sleutel="overslaan")
    result = snw("--ledger", grootboek, "import", "--proef", "--koppeling", eigen, bestand)
    assert result.exit_code == 0, result.output
    assert ("rij 3 overgeslagen: onbekende sleutel (Kostenplaats/Project '9999 / (leeg)' staat niet in de "
            "koppeling; onbekende_sleutel: overslaan)") in result.output


# --- item 2: true duplicates -----------------------------------------------------------------
def test_identical_rows_are_deduped_when_the_mapping_says_so(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-dubbel.csv", GOED, GOED)
    result = snw("--ledger", grootboek, "import", "--proef", bestand)
    assert result.exit_code == 1
    assert "kenmerk 'EH24-00017' komt twee keer voor" in result.output

    eigen = koppeling(tmp_path, identieke_regels="overslaan")
    result = snw("--ledger", grootboek, "import", "--koppeling", eigen, bestand)
    assert result.exit_code == 0, result.output
    assert "1 regel(s), 1 overgeslagen (waarvan 1 dubbel)" in result.output
    assert "rij 3 overgeslagen: dubbel (gelijk aan rij 2, kenmerk EH24-00017)" in result.output
    assert "eigen-haard-2024.beancount: 1 nieuw" in result.output


def test_same_kenmerk_with_other_values_stays_an_error(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-anders.csv", GOED, GOED.replace("12.450,00", "12.540,00"))
    eigen = koppeling(tmp_path, identieke_regels="overslaan")
    voor = vingerafdruk(grootboek.parent)
    result = snw("--ledger", grootboek, "import", "--koppeling", eigen, bestand)
    assert result.exit_code == 1
    assert "erp-anders.csv:3: kolom Boekstuk: kenmerk 'EH24-00017' komt twee keer voor" in result.output
    assert vingerafdruk(grootboek.parent) == voor


# --- item 3: clear refusals ------------------------------------------------------------------
def _weigert(grootboek: Path, bestand: Path, melding: str, *extra: object) -> str:
    voor = vingerafdruk(grootboek.parent)
    result = snw("--ledger", grootboek, "import", *extra, bestand)
    assert result.exit_code == 1, result.output
    assert melding in result.output, result.output
    assert "geen importer herkent" not in result.output or not extra
    assert "alle regels staan al in het grootboek" not in result.output
    assert vingerafdruk(grootboek.parent) == voor
    return result.output


@pytest.mark.parametrize("inhoud", [b"", b"\xef\xbb\xbf", b"  \r\n\n"], ids=["leeg", "bom", "witruimte"])
def test_empty_file(grootboek: Path, tmp_path: Path, inhoud: bytes) -> None:
    bestand = tmp_path / "erp-leeg.csv"
    bestand.write_bytes(inhoud)
    _weigert(grootboek, bestand, "erp-leeg.csv:0: bestand is leeg")
    _weigert(grootboek, bestand, "erp-leeg.csv:0: bestand is leeg", "--koppeling", koppeling(tmp_path))


def test_header_only(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-kop.csv")
    _weigert(grootboek, bestand, "erp-kop.csv:1: geen gegevensrijen onder de kopregel")


def test_header_only_template(grootboek: Path, tmp_path: Path) -> None:
    from importers.testing import vul

    bestand = vul(grootboek, tmp_path / "leeg-sjabloon.xlsx", "EIGEN-HAARD", 2024, [])
    _weigert(grootboek, bestand, "leeg-sjabloon.xlsx:3: geen gegevensrijen onder de kopregel")


@pytest.mark.parametrize("soort", ["afgekapt", "png"])
def test_not_a_workbook(grootboek: Path, tmp_path: Path, soort: str) -> None:
    bestand = tmp_path / "inzet.xlsx"
    if soort == "afgekapt":
        bestand.write_bytes((HIER / "rochdale" / "inzet-2024.xlsx").read_bytes()[:3000])
    else:
        bestand.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    melding = "inzet.xlsx:0: geen geldig XLSX-bestand (beschadigd of een ander formaat)"
    _weigert(grootboek, bestand, melding)
    _weigert(grootboek, bestand, melding, "--koppeling", MAPPINGS / "rochdale.yaml")


def test_a_cell_of_megabytes(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-groot.csv", GOED.replace("Isolatie portiekflats", "x" * 3_000_000))
    uitvoer = _weigert(grootboek, bestand, "erp-groot.csv:2: kolom Omschrijving: cel te groot")
    assert "xxxxxxxxxx" not in uitvoer


def test_a_sheet_that_does_not_exist(grootboek: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((MAPPINGS / "rochdale.yaml").read_text(encoding="utf-8"))
    data["bestand"]["bladen"] = ["Q9"]
    eigen = tmp_path / "rochdale-q9.yaml"
    eigen.write_text(yaml.safe_dump(data), encoding="utf-8")
    _weigert(grootboek, HIER / "rochdale" / "inzet-2024.xlsx", "blad Q9 ontbreekt (bladen: ", "--koppeling", eigen)


def test_a_given_mapping_says_what_does_not_fit(grootboek: Path, tmp_path: Path) -> None:
    bestand = tmp_path / "erp-anders.csv"
    bestand.write_text("Datum;Bedrag\n01-02-2024;12,00\n", encoding="utf-8")
    _weigert(grootboek, bestand, "ontbreekt in de kopregel (rij 1)", "--koppeling", koppeling(tmp_path))
    png = tmp_path / "foto.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    _weigert(grootboek, png, "bestandstype .png past niet bij koppeling eigen-haard-test.yaml", "--koppeling",
             koppeling(tmp_path))


def test_dry_run_of_a_refused_file_shows_the_valid_part(grootboek: Path, tmp_path: Path) -> None:
    bestand = csv_bestand(tmp_path, "erp-half.csv", GOED, "EH01;31-02-2024;EH24-00018;4830;;Fout;;;;;10,00;EUR")
    result = snw("--ledger", grootboek, "import", "--proef", bestand)
    assert result.exit_code == 1
    assert "Proefdraai: totalen van de regels zonder fouten" in result.output
    assert "€ 12.450,00" in result.output
    assert "erp-half.csv:3: kolom Boekdatum: '31-02-2024' is geen datum" in result.output


def test_a_refusal_caused_by_the_ledger_says_so(grootboek: Path) -> None:
    result = snw("--ledger", grootboek, "import", HIER / "fouten" / "hva-geen-voorschot.xlsx")
    assert result.exit_code == 1
    assert "[oorzaak: grootboek]" in result.output
    assert "de oorzaak ligt in het grootboek, niet in het bestand" in result.output
    assert "los ze op in het bestand" not in result.output


def test_blank_and_zero_rows_of_a_template_are_reported(grootboek: Path, tmp_path: Path) -> None:
    from importers.testing import vul

    bestand = vul(grootboek, tmp_path / "eh-2024.xlsx", "EIGEN-HAARD", 2024, [
        ["15-01-2024", "WON-01", "eigen middelen", 100, None, None, "Isolatie", "K1"],
        [None] * 8,
        ["16-01-2024", "WON-01", "eigen middelen", 0, None, None, "Niets", "K2"],
        ["17-01-2024", "WON-01", "eigen middelen", 50, None, None, "Schilderwerk", "K3"],
    ])
    result = snw("--ledger", grootboek, "import", "--proef", bestand)
    assert result.exit_code == 0, result.output
    assert "2 regel(s), 2 overgeslagen" in result.output
    assert "rij 5 overgeslagen: lege regel" in result.output
    assert "rij 6 overgeslagen: bedrag 0 en geen uren (niets te boeken)" in result.output

"""The budget round trip through Excel (budgets/excel.py, snw begroting-sjabloon / -inlezen)."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ledger.model import huidige_begroting
from budgets.excel import InleesFout
from budgets.excel import begroting_tekst
from budgets.excel import lees_sjabloon
from budgets.excel import sjabloon_workbook
from cli.main import cli
from ledger.errors import is_warning
from ledger.load import load_ledger
from reports.render.excel import workbook_bytes

DATA = Path(__file__).parent / "data" / "begroting"
DAG = datetime.date(2027, 11, 20)
MOMENT = datetime.datetime(2027, 11, 20)


@pytest.fixture
def ledger_dir(tmp_path: Path) -> Path:
    target = tmp_path / "grootboek"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def ledger(ledger_dir: Path):  # noqa: ANN201
    return load_ledger(ledger_dir / "grootboek.beancount")


def write_sheet(ledger, jaar: int, path: Path) -> Path:  # noqa: ANN001
    workbook = sjabloon_workbook(ledger.entries, ledger.programma, jaar, kenmerk=ledger.fingerprint,
                                 documentdatum=DAG)
    path.write_bytes(workbook_bytes(workbook, MOMENT))
    return path


def locate(sheet, actielijn: str, stroom: str) -> str:  # noqa: ANN001
    """The coordinate of the input cell of an actielijn × stream."""
    header = next(r for r in range(1, 30) if sheet.cell(row=r, column=1).value == "Code")
    col = next(c.column for c in sheet[header] if c.value == stroom)
    row = next(r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == actielijn)
    return sheet.cell(row=row, column=col).coordinate


def fill(path: Path, changes: dict[tuple[str, str], object]) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for (actielijn, stroom), value in changes.items():
        sheet[locate(sheet, actielijn, stroom)] = value
    workbook.save(path)


def test_sheet_layout_prefill_reference_and_protection(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Begroting 2028", "Referentie 2027", "Toelichting"]
    sheet = workbook["Begroting 2028"]
    header = [c.value for c in sheet[5]]
    # Streams running in 2028 plus PMG (prefilled from 2027, period over) and EIGEN; then totals and reference.
    assert header == ["Code", "Actielijn", "ENERGIEFIXERS", "GEM-ORG", "PMG", "VHF", "EIGEN", "Totaal 2028",
                      "Begroting 2027", "Realisatie 2027 t/m 08-12-2026", "Verschil met 2027"]
    assert sheet[locate(sheet, "WON-01", "VHF")].value == 700000  # prefilled with the 2027 draft
    assert sheet[locate(sheet, "ORG-02", "GEM-ORG")].value is None
    # Domain rows group the actielijnen; subtotals and total are locked formulas.
    labels = [sheet.cell(row=r, column=2).value for r in range(8, sheet.max_row + 1)]
    assert labels[0] == "VEI — Veiligheid"
    assert "Subtotaal WON" in labels and "Totaal" in labels
    total_row = 8 + labels.index("Totaal")
    assert sheet.cell(row=total_row, column=8).value.startswith("=SUBTOTAL(9,H")
    assert sheet.protection.sheet is True
    assert sheet[locate(sheet, "WON-01", "VHF")].protection.locked is False
    assert sheet.cell(row=total_row, column=8).protection.locked is True
    reference = workbook["Referentie 2027"]
    rows = [r for r in reference.iter_rows(values_only=True) if r and r[1] == "WON-01"]
    assert ("WON", "WON-01", "Verduurzaming van de woningvoorraad", "VHF", 700000, 0) in rows


def test_unchanged_sheet_reads_back_as_the_prefilled_budget(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    gelezen = lees_sjabloon(path, ledger.entries, ledger.programma)
    assert gelezen.jaar == 2028
    got = {(r.actielijn, r.stroom): r.bedrag for r in gelezen.regels}
    expected = {(c, s): v for (j, c, s), v in huidige_begroting(ledger.programma).items() if j == 2027}
    assert got == expected


def test_round_trip_gives_the_expected_directives(ledger, ledger_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    fill(path, {
        ("VEI-11", "PMG"): None,  # PMG has ended: take it out
        ("WON-01", "VHF"): 650000,
        ("WON-04", "VHF"): 150000.5,
        ("ORG-02", "GEM-ORG"): "12.500,25",  # typed as Dutch text
        ("ORG-01", "GEM-ORG"): 0,  # zero: no line
    })
    gelezen = lees_sjabloon(path, ledger.entries, ledger.programma)
    # What snw check will say once written (the plugin's rule, ledger.rules.beschikbaarheid.dekkingsfouten):
    # EIGEN 2028: 30.000 (G9), then 30.000 + 50.000 = 80.000 (G14), no pledges for 2028.
    # VHF (toegezegd 2.000.000) over all years: 350.000 (2025: 400.000 − 50.000) + 500.000 (2026)
    # + 700.000 + 200.000 (2027) = 1.750.000; + 650.000 (F14) = 2.400.000, 400.000 too much;
    # + 150.000,50 (F15) = 2.550.000,50, 550.000,50 too much. ENERGIEFIXERS is only expected, but the
    # lines read are a draft until written with a besluit: no warning for it.
    assert gelezen.waarschuwingen == (
        "G9: Begroting eigen middelen boven toezeggingen: begroting 2028 VEI-11/EIGEN: begroot op EIGEN in 2028 "
        "€ 30.000,00, toegezegd door partners € 0,00",
        "F14: Begroting boven toegezegd bedrag: begroting 2028 WON-01/VHF: begroot op VHF over alle jaren "
        "€ 2.400.000,00, toegezegd € 2.000.000,00 (€ 400.000,00 te veel)",
        "G14: Begroting eigen middelen boven toezeggingen: begroting 2028 WON-01/EIGEN: begroot op EIGEN in 2028 "
        "€ 80.000,00, toegezegd door partners € 0,00",
        "F15: Begroting boven toegezegd bedrag: begroting 2028 WON-04/VHF: begroot op VHF over alle jaren "
        "€ 2.550.000,50, toegezegd € 2.000.000,00 (€ 550.000,50 te veel)",
    )
    text = begroting_tekst(gelezen, DAG, besluit="AB-2027-12", besluit_omschrijving="Vaststelling begroting 2028",
                           bron="sjabloon.xlsx")
    assert text == """\
; Begroting 2028 — ingelezen uit sjabloon.xlsx met snw begroting-inlezen.
; Vastgesteld bij besluit AB-2027-12.

2027-11-20 custom "ab-besluit" "AB-2027-12" "Vaststelling begroting 2028"

; ---- VEI — Veiligheid (totaal 90000.00 EUR) ----------------------------------

2027-11-20 custom "begroting" 2028 "VEI-11" "EIGEN" 30000.00 EUR
  besluit: "AB-2027-12"
2027-11-20 custom "begroting" 2028 "VEI-13" "GEM-ORG" 60000.00 EUR
  besluit: "AB-2027-12"

; ---- WON — Wonen en leefomgeving (totaal 1150000.50 EUR) ---------------------

2027-11-20 custom "begroting" 2028 "WON-01" "VHF" 650000.00 EUR
  besluit: "AB-2027-12"
2027-11-20 custom "begroting" 2028 "WON-01" "EIGEN" 50000.00 EUR
  besluit: "AB-2027-12"
2027-11-20 custom "begroting" 2028 "WON-04" "ENERGIEFIXERS" 300000.00 EUR
  besluit: "AB-2027-12"
2027-11-20 custom "begroting" 2028 "WON-04" "VHF" 150000.50 EUR
  besluit: "AB-2027-12"

; ---- ORG — Programmaorganisatie (totaal 12500.25 EUR) ------------------------

2027-11-20 custom "begroting" 2028 "ORG-02" "GEM-ORG" 12500.25 EUR
  besluit: "AB-2027-12"
"""
    # The file loads into the ledger without errors and gives the budget that was filled in.
    (ledger_dir / "budgets" / "2028.beancount").write_text(text, encoding="utf-8")
    main = ledger_dir / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + 'include "budgets/2028.beancount"\n', encoding="utf-8")
    reloaded = load_ledger(main)
    # snw check now says what the read-in warned (besides the ledger's own 2027 PMG finding and warnings)
    fouten = sorted(e.message.split(":")[0] + " " + e.message.split(": ")[1]
                    for e in reloaded.errors if not is_warning(e))
    assert fouten == [
        "Begroting boven toegezegd bedrag begroting 2028 WON-01/VHF",
        "Begroting boven toegezegd bedrag begroting 2028 WON-04/VHF",
        "Begroting buiten de looptijd begroting 2027 VEI-11/PMG",
        "Begroting eigen middelen boven toezeggingen begroting 2028 VEI-11/EIGEN",
        "Begroting eigen middelen boven toezeggingen begroting 2028 WON-01/EIGEN",
    ]
    budget = {(c, s): v for (j, c, s), v in huidige_begroting(reloaded.programma).items() if j == 2028}
    assert sum(budget.values()) == Decimal("1252500.75")
    assert reloaded.programma.ab_besluiten["AB-2027-12"].datum == DAG


def test_draft_without_decision_has_no_besluit_lines(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    text = begroting_tekst(lees_sjabloon(path, ledger.entries, ledger.programma), DAG)
    assert "; Ontwerp: regels zonder besluit." in text
    assert "besluit:" not in text and "ab-besluit" not in text


@pytest.mark.parametrize(("change", "message"), [
    ("abc", "Blad Begroting 2028, cel {cel}: 'abc' is geen bedrag"),
    ("12,5 euro", "Blad Begroting 2028, cel {cel}: '12,5 euro' is geen bedrag"),
    (True, "Blad Begroting 2028, cel {cel}: 'True' is geen bedrag"),
    (-100, "Blad Begroting 2028, cel {cel}: negatief bedrag (€ -100,00); een begroting is nooit negatief"),
    ("-1.000,00", "Blad Begroting 2028, cel {cel}: negatief bedrag (€ -1.000,00); een begroting is nooit negatief"),
])
def test_refuses_bad_amounts_with_the_cell(ledger, tmp_path: Path, change: object, message: str) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cel = locate(sheet, "WON-01", "VHF")
    fill(path, {("WON-01", "VHF"): change})
    with pytest.raises(InleesFout) as raised:
        lees_sjabloon(path, ledger.entries, ledger.programma)
    assert str(raised.value) == message.format(cel=cel)


def test_refuses_unknown_codes_and_lists_every_problem(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2028, tmp_path / "sjabloon.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    row = next(r for r in range(1, 40) if sheet.cell(row=r, column=1).value == "ORG-02")
    sheet.cell(row=row, column=1, value="ORG-99")
    sheet.cell(row=5, column=5, value="ONBEKEND")  # replaces the PMG column header
    vhf = locate(sheet, "WON-01", "VHF")
    sheet[vhf] = "veel"
    workbook.save(path)
    with pytest.raises(InleesFout) as raised:
        lees_sjabloon(path, ledger.entries, ledger.programma)
    assert str(raised.value).splitlines() == [
        "Blad Begroting 2028, cel E5: onbekende geldstroom 'ONBEKEND'",
        f"Blad Begroting 2028, cel {vhf}: 'veel' is geen bedrag",
        f"Blad Begroting 2028, cel A{row}: onbekende actielijn 'ORG-99'",
    ]


def test_refuses_a_workbook_without_budget_sheet(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "leeg.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Blad1"
    workbook.save(path)
    with pytest.raises(InleesFout, match=r"leeg.xlsx: verwacht precies één blad 'Begroting JJJJ', gevonden: Blad1"):
        lees_sjabloon(path, ledger.entries, ledger.programma)


def test_warns_where_a_stream_is_over_allocated(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_sheet(ledger, 2027, tmp_path / "sjabloon.xlsx")  # prefilled with the 2027 draft
    gelezen = lees_sjabloon(path, ledger.entries, ledger.programma)
    # The sheet's availability row for the year, then the plugin's rule on the lines read (the
    # reason for PMG is the ledger's finding now: PMG ended on 31 May 2026).
    assert gelezen.waarschuwingen == (
        "Geldstroom PMG overbelast: begroot € 10.000,00, beschikbaar in 2027 € 0,00 (€ 10.000,00 te veel)",
        "Geldstroom VHF overbelast: begroot € 900.000,00, beschikbaar in 2027 € 860.000,00 (€ 40.000,00 te veel)",
        "E9: Begroting buiten de looptijd: begroting 2027 VEI-11/PMG: de looptijd van PMG (01-06-2022 t/m "
        "31-05-2026) raakt 2027 niet",
    )


def test_cli_round_trip_writes_budget_file(ledger_dir: Path, tmp_path: Path) -> None:
    main = ledger_dir / "grootboek.beancount"
    runner = CliRunner()
    sheet = tmp_path / "sjabloon.xlsx"
    result = runner.invoke(cli, ["--ledger", str(main), "begroting-sjabloon", "2028", "--out", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "Invulblad begroting 2028 geschreven naar" in result.output
    fill(sheet, {("VEI-11", "PMG"): None})
    result = runner.invoke(cli, ["--ledger", str(main), "begroting-inlezen", str(sheet), "--datum", "2027-11-20"])
    assert result.exit_code == 0, result.output
    target = ledger_dir / "budgets" / "2028.beancount"
    assert target.exists()
    assert "7 begrotingsregels 2028 (totaal € 1.480.000,00) geschreven naar" in result.output
    assert 'include "budgets/2028.beancount"' in result.output
    assert ("Waarschuwing: G9: Begroting eigen middelen boven toezeggingen: begroting 2028 VEI-11/EIGEN"
            in result.output)
    assert '2027-11-20 custom "begroting" 2028 "WON-01" "VHF" 700000.00 EUR' in target.read_text(encoding="utf-8")
    # A second run does not overwrite without --overschrijven.
    result = runner.invoke(cli, ["--ledger", str(main), "begroting-inlezen", str(sheet)])
    assert result.exit_code == 1
    assert "bestaat al; gebruik --overschrijven" in result.output


def test_cli_refusal_writes_nothing(ledger_dir: Path, tmp_path: Path) -> None:
    main = ledger_dir / "grootboek.beancount"
    runner = CliRunner()
    sheet = tmp_path / "sjabloon.xlsx"
    assert runner.invoke(cli, ["--ledger", str(main), "begroting-sjabloon", "2028", "--out", str(sheet)]).exit_code == 0
    fill(sheet, {("WON-01", "VHF"): "abc"})
    result = runner.invoke(cli, ["--ledger", str(main), "begroting-inlezen", str(sheet)])
    assert result.exit_code == 1
    assert "Blad Begroting 2028, cel F14: 'abc' is geen bedrag" in result.output
    assert not (ledger_dir / "budgets" / "2028.beancount").exists()


def test_inlezen_refuses_to_write_into_the_embedded_demo(tmp_path) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from cli.main import cli

    runner = CliRunner()
    sheet = tmp_path / "blad.xlsx"
    made = runner.invoke(cli, ["begroting-sjabloon", "2028", "--out", str(sheet)], env={"SNW_LEDGER": ""})
    assert made.exit_code == 0, made.output
    result = runner.invoke(cli, ["begroting-inlezen", str(sheet)], env={"SNW_LEDGER": ""})
    assert result.exit_code == 1
    assert "schrijft niet in de ingebouwde demoledger" in result.output

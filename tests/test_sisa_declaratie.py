"""SiSa as municipalities file it, and grant years that are not calendar years.

Hand-built ledgers (tests/data/sisa/main.beancount, tests/data/sisa/tranches.beancount), figures
asserted exactly and reconciled with independent beanquery sums: PMG's grant year June–May
across two calendar years; declared codes and indicator numbers shown exactly; a grant without
them listed as incomplete; tranches that do not add up to the award flagged; totals that add
like with like; themes by their names; the extra table of ``snw geldstromen``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.sisa import sisa
from reports.compute.subsidiejaren import besteed_per_subsidiejaar
from reports.compute.subsidiejaren import subsidiejaren_overzicht
from reports.documents.sisa import indicator_tabel
from reports.documents.sisa import sisa_document

DATA = Path(__file__).parent / "data" / "sisa"
MAIN = DATA / "main.beancount"
TRANCHES = DATA / "tranches.beancount"
D = Decimal


@pytest.fixture(scope="module")
def main():  # noqa: ANN201
    return load_ledger(MAIN)


@pytest.fixture(scope="module")
def tranches():  # noqa: ANN201
    return load_ledger(TRANCHES)


def bq(ledger, query: str) -> Decimal:  # noqa: ANN001
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(query).fetchall()
    value = rows[0][0] if rows else None
    return value if value is not None else D(0)


def pmg_bq(ledger, van: str, tot: str) -> Decimal:  # noqa: ANN001
    return bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:PMG$' "
                      f"AND date >= {van} AND date <= {tot}")


def test_ledgers_are_clean(main, tranches) -> None:  # noqa: ANN001
    assert main.errors == []
    assert tranches.errors == []


# ---------------------------------------------------------------------------- grant years (item 7)
def test_pmg_grant_year_across_two_calendar_years(main) -> None:  # noqa: ANN001
    """March 2023 lands in grant year 2022, September 2023 and May 2024 in grant year 2023."""
    rows = besteed_per_subsidiejaar(main.entries, main.programma, "PMG", datetime.date(2024, 12, 31))
    assert [(r.jaar, r.van, r.tot, r.eerste_kalenderjaar, r.tweede_kalenderjaar, r.besteed, r.lopend, r.label)
            for r in rows] == [
        (2022, datetime.date(2022, 6, 1), datetime.date(2023, 5, 31), D(0), D("20000"), D("20000"), False,
         "juni 2022 – mei 2023"),
        (2023, datetime.date(2023, 6, 1), datetime.date(2024, 5, 31), D("30000"), D("100000"), D("130000"), False,
         "juni 2023 – mei 2024"),
        (2024, datetime.date(2024, 6, 1), datetime.date(2025, 5, 31), D(0), D(0), D(0), True,
         "juni 2024 – mei 2025"),
    ]
    # independent beanquery sums per grant year and per part of it
    assert rows[0].besteed == pmg_bq(main, "2022-06-01", "2023-05-31")
    assert rows[1].besteed == pmg_bq(main, "2023-06-01", "2024-05-31")
    assert rows[1].eerste_kalenderjaar == pmg_bq(main, "2023-06-01", "2023-12-31")
    assert rows[1].tweede_kalenderjaar == pmg_bq(main, "2024-01-01", "2024-05-31")
    assert rows[0].tweede_kalenderjaar == pmg_bq(main, "2023-01-01", "2023-05-31")


def test_grant_years_next_to_calendar_years(main) -> None:  # noqa: ANN001
    """Per calendar year, the parts of the grant years add up to the SiSa besteding of that year."""
    for jaar in (2023, 2024):
        rapport = sisa(main.entries, main.programma, jaar)
        pmg = next(u for u in rapport.uitkeringen if u.stroom == "PMG")
        delen = [r.eerste_kalenderjaar for r in rapport.subsidiejaren if r.jaar == jaar]
        delen += [r.tweede_kalenderjaar for r in rapport.subsidiejaren if r.jaar + 1 == jaar]
        assert sum(delen, D(0)) == pmg.besteding_jaar == pmg_bq(main, f"{jaar}-01-01", f"{jaar}-12-31")
        assert sum((r.besteed for r in rapport.subsidiejaren), D(0)) == pmg.besteding_cumulatief
        assert {r.stroom for r in rapport.subsidiejaren} == {"PMG"}  # only the June–May grant
    assert [r.jaar for r in sisa(main.entries, main.programma, 2023).subsidiejaren] == [2022, 2023]


def test_no_grant_year_table_without_such_a_stream(tranches) -> None:  # noqa: ANN001
    assert subsidiejaren_overzicht(tranches.entries, tranches.programma, datetime.date(2024, 12, 31)) == ()
    assert sisa(tranches.entries, tranches.programma, 2024).subsidiejaren == ()


def test_geldstromen_prints_the_grant_year_table(tmp_path) -> None:  # noqa: ANN001
    result = CliRunner().invoke(cli, ["--grootboek", str(MAIN), "geldstromen", "--jaar", "2024"])
    assert result.exit_code == 0, result.output
    assert "Besteding per subsidiejaar — stand per 31 december 2024" in result.output
    assert "juni 2023 – mei 2024" in result.output
    out = tmp_path / "g.xlsx"
    result = CliRunner().invoke(cli, ["--grootboek", str(MAIN), "geldstromen", "--jaar", "2024",
                                      "--formaat", "xlsx", "--naar", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Geldstromen", "Subsidiejaren"]
    rows = [row for row in workbook["Subsidiejaren"].iter_rows(values_only=True) if row[0] == "PMG"]
    assert [(r[2], r[5], r[6], r[7]) for r in rows] == [
        ("juni 2022 – mei 2023", 0, 20000, 20000),
        ("juni 2023 – mei 2024", 30000, 100000, 130000),
        ("juni 2024 – mei 2025", 0, 0, 0),
    ]
    result = CliRunner().invoke(cli, ["--grootboek", str(TRANCHES), "geldstromen", "--jaar", "2024"])
    assert result.exit_code == 0, result.output
    assert "subsidiejaar" not in result.output


# ---------------------------------------------------------------------------- declared SiSa data (item 8)
def test_declared_codes_and_numbers_exactly(main) -> None:  # noqa: ANN001
    rapport = sisa(main.entries, main.programma, 2024)
    vrij = [(i.departement, i.sisa_code, i.nummer, i.omschrijving, i.aard_controle, i.bedrag, i.janee)
            for i in rapport.indicatoren if i.stroom == "KW-VRIJ"]
    assert vrij == [
        ("BZK", "E27V", "E27V / 01", "Besteding (2024) ten laste van rijksmiddelen", "R", D("12000"), None),
        ("BZK", "E27V", "E27V / 02", "Naar 2025 over te hevelen bedrag", "R", D("4000"), None),
        ("BZK", "E27V", "E27V / 03", "Cumulatieve besteding t/m (2024)", "D1", D("16000"), None),  # declared aard
        ("BZK", "E27V", "E27V / 04", "Eindverantwoording Ja/Nee", "n.v.t.", None, "Nee"),
    ]
    spuk = {i.nummer: (i.soort, i.onderdeel) for i in rapport.indicatoren if i.stroom == "SPUK-KW"}
    assert spuk["E27K / 03"] == ("besteding", "integraal")  # the integraal deel has its own indicator
    assert spuk["E27K / 10"] == ("eindverantwoording", None)
    # Besteding indicators reconcile with beanquery
    besteding = sum((i.bedrag for i in rapport.indicatoren if i.stroom == "SPUK-KW" and i.soort == "besteding"), D(0))
    assert besteding == bq(main, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:SPUK-KW$' "
                                 "AND year(date) = 2024") == D("200000")


def test_grant_without_declared_codes_is_incomplete(main) -> None:  # noqa: ANN001
    rapport = sisa(main.entries, main.programma, 2024)
    assert [(o.stroom, o.ontbreekt) for o in rapport.onvolledig] == [
        ("PMG", ("SiSa-code (sisa_code)",
                 "alle indicatornummers (sisa_besteding, sisa_cumulatief, sisa_eindverantwoording)")),
        ("VHF", ("SiSa-code (sisa_code)", "departement (departement)",
                 "alle indicatornummers (sisa_besteding, sisa_cumulatief, sisa_eindverantwoording)")),
    ]
    # no made-up code: not the stream code, not "CODE / 01"
    pmg = [i for i in rapport.indicatoren if i.stroom == "PMG"]
    assert [(i.sisa_code, i.nummer) for i in pmg] == [(None, None)] * 3
    assert [i.bedrag for i in pmg][:2] == [D("100000"), D("150000")]  # the figures are still there


def test_missing_number_and_unnamed_theme_listed(tranches) -> None:  # noqa: ANN001
    rapport = sisa(tranches.entries, tranches.programma, 2024)
    assert [(o.stroom, o.ontbreekt) for o in rapport.onvolledig] == [("SU-B", (
        "indicatornummer Besteding (2024) ten laste van rijksmiddelen — buurtkracht (sisa_besteding)",
        "naam van hoofdthema buurtkracht",
        "indicatornummer Naar 2025 over te hevelen bedrag — Integraal deel (sisa_overloop)",
        "indicatornummer Naar 2025 over te hevelen bedrag — buurtkracht (sisa_overloop)",
        "indicatornummer Cumulatieve besteding t/m (2024) — Integraal deel (sisa_cumulatief)",
        "indicatornummer Cumulatieve besteding t/m (2024) — buurtkracht (sisa_cumulatief)",
        "indicatornummer Eindverantwoording Ja/Nee (sisa_eindverantwoording)",
    ))]
    su_b = [(i.nummer, i.bedrag) for i in rapport.indicatoren if i.stroom == "SU-B" and i.soort == "besteding"]
    assert su_b == [("T02 / 01", D("6000")), (None, D("4000"))]


def test_tranches_not_adding_up_are_flagged(tranches, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    rapport = sisa(tranches.entries, tranches.programma, 2024)
    assert [(t.stroom, t.toegekend, t.tranches, t.verschil) for t in rapport.tranches] == [
        ("SU-A", D("100000"), D("90000"), D("-10000")),
        ("SU-B", D("20000"), D("20000"), D(0)),
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    result = CliRunner().invoke(cli, ["--grootboek", str(TRANCHES), "sisa", "2024", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Tranches tellen niet op tot de toekenning: SU-A" in result.output
    assert "Onvolledig gedeclareerd voor SiSa (zie blad Onvolledig): SU-B" in result.output
    workbook = openpyxl.load_workbook(tmp_path / "sisa-2024.xlsx")
    cells = [row for row in workbook["SiSa 2024"].iter_rows(values_only=True)]
    assert any(str(row[0]).startswith("Let op: de tranches tellen niet op tot de toekenning voor SU-A (verschil")
               for row in cells)
    check = [row[:6] for row in cells if row[0] in ("SU-A", "SU-B") and row[5] in ("Ja", "Nee")]
    assert check == [("SU-A", "Uitkering A", 100000, 90000, -10000, "Nee"), ("SU-B", "Uitkering B", 20000, 20000, 0, "Ja")]
    onvolledig = [row for row in workbook["Onvolledig"].iter_rows(values_only=True) if row[0] == "SU-B"]
    assert len(onvolledig) == 7


def test_main_ledger_tranches_add_up(main) -> None:  # noqa: ANN001
    rapport = sisa(main.entries, main.programma, 2024)
    assert [(t.stroom, t.verschil) for t in rapport.tranches] == [("KW-VRIJ", D(0)), ("SPUK-KW", D(0))]


# ---------------------------------------------------------------------------- like with like, names
def test_totals_add_like_with_like(main) -> None:  # noqa: ANN001
    rapport = sisa(main.entries, main.programma, 2024)
    assert not indicator_tabel(rapport).heeft_totalen  # one row per indicator of different kinds
    document = sisa_document(rapport, documentdatum=datetime.date(2025, 1, 1), kenmerk="x", demo=False)

    def tabellen(blokken):  # noqa: ANN001, ANN202
        for blok in blokken:
            inner = getattr(blok, "tabel", blok)
            if hasattr(inner, "kolommen"):
                yield inner
            elif hasattr(blok, "inhoud"):
                yield from tabellen(blok.inhoud)

    gesommeerd = {k.kop for sectie in document.secties for t in tabellen(sectie.inhoud) for k in t.kolommen
                  if k.optellen and t.heeft_totalen}
    assert "Beschikbaar 2024" not in gesommeerd  # defined per carry-over regime, absent without tranches
    assert "Bedrag" not in gesommeerd
    assert "Besteding 2024" in gesommeerd


def test_themes_by_name_never_by_code(main, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    result = CliRunner().invoke(cli, ["--grootboek", str(MAIN), "sisa", "2024", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    codes = {t.thema for t in main.programma.tranches if t.thema} | {
        a.thema for a in main.programma.actielijnen.values() if a.thema}
    workbook = openpyxl.load_workbook(tmp_path / "sisa-2024.xlsx")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                for code in codes:
                    assert code not in str(cell or ""), (sheet.title, cell)


def test_malformed_sisa_declaration_is_refused(tmp_path) -> None:  # noqa: ANN001
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        'option "operating_currency" "EUR"\nplugin "ledger.plugins.snw"\n'
        '2024-01-01 custom "geldstroom" "X" "X"\n  status: "toegekend"\n  bedrag: 10.00 EUR\n'
        '  sisa_besteding: 1\n  sisa_cumulatief: "a=01 a=02"\n  sisa_aard_controle: "besteding=X"\n',
        encoding="utf-8")
    messages = [e.message for e in load_ledger(ledger).errors]
    assert any("sisa_besteding moet indicatornummers zijn" in m for m in messages)
    assert any("sisa_cumulatief moet indicatornummers zijn" in m for m in messages)
    assert any("sisa_aard_controle moet soort=aard zijn" in m for m in messages)

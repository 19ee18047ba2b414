"""snw proportionaliteit: figures of a hand-built ledger asserted exactly, totals against
independent beanquery sums, the XLSX read back, deterministic bytes and the CLI."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.proportionaliteit import _status
from reports.compute.proportionaliteit import middelsoort
from reports.compute.proportionaliteit import proportionaliteit

DATA = Path(__file__).parent / "data" / "proportionaliteit"
LEDGER = DATA / "main.beancount"
D = Decimal
CENT = D("0.01")


@pytest.fixture(scope="module")
def ledger():  # noqa: ANN201
    return load_ledger(LEDGER)


@pytest.fixture(scope="module")
def rapport(ledger):  # noqa: ANN001, ANN201
    return proportionaliteit(ledger.entries, ledger.programma, 2024)


def bq(ledger, query: str) -> Decimal:  # noqa: ANN001
    """One number from beanquery over the loaded entries (0 when there are no rows)."""
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(query).fetchall()
    value = rows[0][0] if rows else None
    return value if value is not None else D(0)


def test_ledger_is_clean(ledger) -> None:  # noqa: ANN001
    assert ledger.errors == []


# ---------------------------------------------------------------------------- partners
def test_partners_year_exact(rapport) -> None:  # noqa: ANN001
    regels = {r.code: r for r in rapport.partners_jaar.regels}
    assert list(regels) == ["BO-NW", "GEM-AMS", "HVA", "STADGENOOT"]  # STIL: nothing declared or done
    gem, hva, stad, bo = regels["GEM-AMS"], regels["HVA"], regels["STADGENOOT"], regels["BO-NW"]
    assert (gem.geld, gem.uren, gem.formatie, gem.totaal) == (D("29000"), D(200), D("16000"), D("45000"))
    assert (hva.geld, hva.uren, hva.formatie, hva.totaal) == (D(0), D(400), D("40000"), D("40000"))
    assert (stad.geld, stad.formatie, stad.totaal) == (D("10000"), D(0), D("10000"))
    assert bo.totaal == D("5000")
    assert [r.aandeel for r in (gem, hva, stad, bo)] == [D("0.45"), D("0.4"), D("0.1"), D("0.05")]
    assert [r.draagkracht_aandeel for r in (gem, hva, stad)] == [D("0.5"), D("0.25"), D("0.25")]
    assert [r.verhouding for r in (gem, hva, stad)] == [D("0.9"), D("1.6"), D("0.4")]
    assert [r.status for r in (gem, hva, stad, bo)] == ["binnen", "boven", "onder", None]
    assert bo.draagkracht is None and bo.draagkracht_aandeel is None and bo.verhouding is None
    assert [r.toezegging for r in (gem, hva, stad, bo)] == [D("50000"), D("40000"), D("20000"), None]
    assert gem.toezegging_uren == D(200) and hva.toezegging_uren == D(400) and stad.toezegging_uren is None
    assert [r.realisatie_toezegging for r in (gem, hva, stad)] == [D("0.9"), D(1), D("0.5")]
    assert rapport.partners_jaar.band == (D("0.80"), D("1.20"))
    assert rapport.partners_jaar.periode == "2024"


def test_partners_cumulative_exact(rapport) -> None:  # noqa: ANN001
    overzicht = rapport.partners_cumulatief
    assert (overzicht.van_jaar, overzicht.tot_jaar, overzicht.periode) == (2023, 2024, "2023–2024")
    regels = {r.code: r for r in overzicht.regels}
    assert {c: r.totaal for c, r in regels.items()} == {
        "BO-NW": D("5000"), "GEM-AMS": D("60000"), "HVA": D("60000"), "STADGENOOT": D("35000")}
    assert {c: r.aandeel for c, r in regels.items()} == {
        "BO-NW": D("0.03125"), "GEM-AMS": D("0.375"), "HVA": D("0.375"), "STADGENOOT": D("0.21875")}
    assert {c: r.verhouding for c, r in regels.items() if r.verhouding is not None} == {
        "GEM-AMS": D("0.75"), "HVA": D("1.5"), "STADGENOOT": D("0.875")}
    assert {c: r.status for c, r in regels.items()} == {
        "BO-NW": None, "GEM-AMS": "onder", "HVA": "boven", "STADGENOOT": "binnen"}
    assert {c: r.toezegging for c, r in regels.items()} == {
        "BO-NW": None, "GEM-AMS": D("70000"), "HVA": D("60000"), "STADGENOOT": D("40000")}
    assert overzicht.toezegging_jaren == (2023, 2024)
    assert overzicht.totaal("aandeel") == 1
    assert overzicht.totaal("draagkracht_aandeel") == 1


def test_band_bounds_are_inside() -> None:
    band = (D("0.80"), D("1.20"))
    assert _status(D("0.80"), band) == "binnen"
    assert _status(D("1.20"), band) == "binnen"
    assert _status(D("0.7999"), band) == "onder"
    assert _status(D("1.2001"), band) == "boven"
    assert _status(D("1"), None) is None


def test_partner_totals_equal_beanquery(ledger, rapport) -> None:  # noqa: ANN001
    for code in ("GEM-AMS", "HVA", "STADGENOOT", "BO-NW"):
        inzet = -bq(ledger, f"SELECT sum(number) WHERE account = 'Income:Inzet:{code}' AND year(date) = 2024")
        assert next(r for r in rapport.partners_jaar.regels if r.code == code).totaal == inzet
        cumulatief = -bq(ledger, f"SELECT sum(number) WHERE account = 'Income:Inzet:{code}' AND year(date) <= 2024")
        assert next(r for r in rapport.partners_cumulatief.regels if r.code == code).totaal == cumulatief
    alliantie = -bq(ledger, "SELECT sum(number) WHERE account ~ '^Income:Inzet:' AND year(date) = 2024")
    assert rapport.partners_jaar.totaal("geld") + rapport.partners_jaar.totaal("formatie") == alliantie == D("100000")
    formatie = bq(ledger, "SELECT sum(number) WHERE account ~ ':EIGEN$' AND year(date) = 2024 "
                          "AND meta('uren') IS NOT NULL")
    assert rapport.partners_jaar.totaal("formatie") == formatie


# ---------------------------------------------------------------------------- actielijnen
def test_actielijnen_exact(rapport) -> None:  # noqa: ANN001
    vei, web = rapport.actielijnen
    assert (vei.code, vei.vliegwiel, vei.programma, vei.eigen, vei.regulier_overig, vei.overig) == (
        "VEI-01", D("30000"), D("20000"), D("45000"), D(0), D(0))
    assert vei.programmageld == D("50000") and vei.regulier == D("45000") and vei.totaal == D("95000")
    assert vei.partners == ("GEM-AMS",)
    assert (web.code, web.vliegwiel, web.programma, web.eigen, web.regulier_overig) == (
        "WEB-01", D("10000"), D(0), D("55000"), D("10000"))
    assert web.regulier == D("65000") and web.totaal == D("75000")
    assert web.partners == ("BO-NW", "HVA", "STADGENOOT")
    assert rapport.totaal_besteed == D("170000")


def test_middelsoorten(ledger) -> None:  # noqa: ANN001
    p = ledger.programma
    assert [middelsoort(c, p) for c in ("EIGEN", "GEM-REGULIER", "VLIEGWIEL", "PMG", "ONBEKEND")] == [
        "regulier", "regulier", "vliegwiel", "programma", "overig"]


def test_actielijn_totals_equal_beanquery(ledger, rapport) -> None:  # noqa: ANN001
    for regel in rapport.actielijnen:
        expected = bq(ledger, f"SELECT sum(number) WHERE account ~ ':{regel.code}-' AND year(date) = 2024")
        assert regel.totaal == expected
        vliegwiel = bq(ledger, f"SELECT sum(number) WHERE account ~ ':{regel.code}-.*:VLIEGWIEL$' "
                               "AND year(date) = 2024")
        assert regel.vliegwiel == vliegwiel
    totaal = bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) = 2024")
    assert rapport.totaal_besteed == totaal


# ---------------------------------------------------------------------------- buurten
def test_buurten_exact(rapport) -> None:  # noqa: ANN001
    buurten = rapport.buurten
    regels = {r.code: r for r in buurten.regels}
    assert list(regels) == ["wildeman", "reimerswaal", "confuciusbuurt", "dichtersbuurt", "plein-40-45"]
    plein = regels.pop("plein-40-45")
    assert (plein.bewoners, plein.besteed, plein.per_bewoner, plein.index, plein.vergelijking) == (
        None, D(0), None, None, None)
    assert {c: r.besteed for c, r in regels.items()} == {
        "wildeman": D("46000"), "reimerswaal": D("50000"), "confuciusbuurt": D("35000"), "dichtersbuurt": D(0)}
    assert {c: r.per_bewoner.quantize(CENT) for c, r in regels.items()} == {
        "wildeman": D("46.00"), "reimerswaal": D("25.00"), "confuciusbuurt": D("7.00"), "dichtersbuurt": D("0.00")}
    # The Nieuw-West average counts only spending with a buurt: 131.000 / 17.000 residents.
    gemiddelde = D("131000") / D("17000")
    assert buurten.nw_gemiddelde == gemiddelde and gemiddelde.quantize(CENT) == D("7.71")
    assert {c: r.index for c, r in regels.items()} == {
        "wildeman": D(46) / gemiddelde, "reimerswaal": D(25) / gemiddelde, "confuciusbuurt": D(7) / gemiddelde,
        "dichtersbuurt": D(0)}
    assert {c: r.index.quantize(D("0.0001")) for c, r in regels.items()} == {
        "wildeman": D("5.9695"), "reimerswaal": D("3.2443"), "confuciusbuurt": D("0.9084"), "dichtersbuurt": D(0)}
    assert {c: r.vergelijking for c, r in regels.items()} == {
        "wildeman": "meer", "reimerswaal": "meer", "confuciusbuurt": "minder", "dichtersbuurt": "minder"}
    assert (buurten.met_buurt, buurten.zonder_buurt, buurten.totaal) == (D("131000"), D("39000"), D("170000"))
    assert buurten.nw_bewoners == 17000
    assert buurten.focus_bewoners == 8500
    assert buurten.focus_besteed == D("131000") and buurten.elders == 0
    assert buurten.focus_gemiddelde.quantize(CENT) == D("15.41")
    clusters = {r.cluster: (r.bewoners, r.besteed, r.per_bewoner, r.index) for r in buurten.clusters}
    assert clusters == {
        "A": (3000, D("96000"), D(32), D(32) / gemiddelde),
        "C": (5000, D("35000"), D(7), D(7) / gemiddelde),
        "D": (500, D(0), D(0), D(0)),
    }


def test_buurt_totals_equal_beanquery(ledger, rapport) -> None:  # noqa: ANN001
    for regel in rapport.buurten.regels:
        expected = bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) = 2024 "
                              f"AND meta('buurt') = '{regel.code}'")
        assert regel.besteed == expected
    zonder = bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) = 2024 "
                        "AND meta('buurt') IS NULL")
    assert rapport.buurten.zonder_buurt == zonder


def test_without_settings_says_so(tmp_path) -> None:  # noqa: ANN001
    text = LEDGER.read_text(encoding="utf-8")
    text = re.sub(r'^2023-01-01 custom "instelling".*$', "", text, flags=re.MULTILINE)
    path = tmp_path / "zonder.beancount"
    path.write_text(text, encoding="utf-8")
    ledger = load_ledger(path)
    assert ledger.errors == []
    rapport = proportionaliteit(ledger.entries, ledger.programma, 2024)
    assert rapport.band is None
    assert all(r.status is None for r in rapport.partners_jaar.regels)
    assert rapport.buurten.nw_bewoners is None and rapport.buurten.nw_gemiddelde is None
    assert all(r.index is None for r in rapport.buurten.regels)

    from reports.documents.proportionaliteit import proportionaliteit_document
    from reports.render.html import render_html

    import datetime

    html = render_html(proportionaliteit_document(rapport, documentdatum=datetime.date(2025, 1, 1),
                                                  kenmerk="x", demo=False))
    assert "declareert geen aantal bewoners van Nieuw-West" in html
    assert "declareert geen proportionaliteitsband" in html


# ---------------------------------------------------------------------------- domeinen, vliegwiel
def test_domeinen_exact(ledger, rapport) -> None:  # noqa: ANN001
    domeinen = rapport.domeinen
    assert domeinen.jaren == (2023, 2024)
    assert [(r.code, r.per_jaar) for r in domeinen.regels] == [
        ("VEI", (D("55000"), D("95000"))), ("WEB", (D("45000"), D("75000")))]
    for regel in domeinen.regels:
        for index, jaar in enumerate(domeinen.jaren):
            expected = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:{regel.code}:' "
                                  f"AND year(date) = {jaar}")
            assert regel.per_jaar[index] == expected


def test_vliegwiel_trend_exact(rapport) -> None:  # noqa: ANN001
    trend = rapport.vliegwiel
    assert trend.jaren == (2023, 2024)
    rows = {(r.code, r.jaar): (r.vliegwiel, r.programma, r.regulier, r.overig) for r in trend.regels}
    assert rows == {
        ("VEI-01", 2023): (D("40000"), D(0), D("15000"), D(0)),
        ("VEI-01", 2024): (D("30000"), D("20000"), D("45000"), D(0)),
        ("WEB-01", 2023): (D(0), D(0), D("45000"), D(0)),
        ("WEB-01", 2024): (D("10000"), D(0), D("65000"), D(0)),
    }
    totalen = {r.jaar: (r.vliegwiel, r.regulier, r.aandeel_vliegwiel) for r in trend.totalen}
    assert totalen[2023] == (D("40000"), D("60000"), D("0.4"))
    assert totalen[2024][:2] == (D("40000"), D("110000"))
    assert totalen[2024][2].quantize(D("0.0001")) == D("0.2353")


def test_2025_is_outside(ledger) -> None:  # noqa: ANN001
    rapport = proportionaliteit(ledger.entries, ledger.programma, 2025)
    assert {r.code: r.totaal for r in rapport.partners_jaar.regels if r.totaal} == {"HVA": D("10000")}
    assert rapport.partners_cumulatief.periode == "2023–2025"
    buurten = rapport.buurten
    assert buurten.zonder_buurt == D("10000")
    assert {r.code: r.besteed for r in buurten.regels if r.besteed} == {
        "dichtersbuurt": D("5000"), "plein-40-45": D("2000")}
    assert (buurten.met_buurt, buurten.focus_besteed, buurten.elders) == (D("7000"), D("5000"), D("2000"))
    assert buurten.nw_gemiddelde == D("7000") / 17000  # spending with a buurt only
    assert buurten.focus_gemiddelde == D("5000") / 8500
    assert rapport.partners_jaar.toezegging_jaren == ()
    assert rapport.partners_cumulatief.toezegging_jaren == (2023, 2024)


# ---------------------------------------------------------------------------- outputs
def _run(out: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 1 January 2025
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "proportionaliteit", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Onder aandeel naar draagkracht in 2024: STADGENOOT" in result.output
    assert "Boven aandeel naar draagkracht in 2024: HVA" in result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    monkeypatch = pytest.MonkeyPatch()
    try:
        first, second = tmp_path_factory.mktemp("een"), tmp_path_factory.mktemp("twee")
        _run(first, monkeypatch)
        _run(second, monkeypatch)
    finally:
        monkeypatch.undo()
    return first, second


def test_cli_writes_three_files(outputs) -> None:  # noqa: ANN001
    first, _ = outputs
    assert sorted(p.name for p in first.iterdir()) == [
        "proportionaliteit-2024.html", "proportionaliteit-2024.pdf", "proportionaliteit-2024.xlsx"]
    assert first.joinpath("proportionaliteit-2024.pdf").read_bytes().startswith(b"%PDF")


def test_outputs_are_deterministic(outputs) -> None:  # noqa: ANN001
    first, second = outputs
    for name in ("proportionaliteit-2024.xlsx", "proportionaliteit-2024.html", "proportionaliteit-2024.pdf"):
        assert first.joinpath(name).read_bytes() == second.joinpath(name).read_bytes(), name


def _sheet_totals(sheet) -> dict[str, Decimal]:  # noqa: ANN001
    """Evaluate the first table's SUM formulas of a sheet: header -> sum of the cells above."""
    from openpyxl.utils import column_index_from_string

    headers: dict[int, str] = {}
    totals: dict[str, Decimal] = {}
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.startswith("=SUM("):
                match = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", value)
                assert match, value
                column = column_index_from_string(match.group(1))
                total = sum((D(str(sheet.cell(row=r, column=column).value or 0))
                             for r in range(int(match.group(2)), int(match.group(4)) + 1)), D(0))
                header = sheet.cell(row=int(match.group(2)) - 1, column=column).value
                headers[column] = header
                totals.setdefault(header, total.quantize(CENT))
    return totals


def test_xlsx_totals_equal_beanquery(outputs, ledger) -> None:  # noqa: ANN001
    import openpyxl

    first, _ = outputs
    workbook = openpyxl.load_workbook(first / "proportionaliteit-2024.xlsx")
    assert workbook.sheetnames == ["Omslag", "Partners 2024", "Partners t-m 2024", "Actielijnen", "Focusbuurten",
                                   "Domeinen", "Vliegwiel", "Toelichting"]
    omslag = {row[0]: row[1] for row in workbook["Omslag"].iter_rows(values_only=True) if row[0]}
    assert omslag["Grootboek (vingerafdruk)"] == ledger.fingerprint

    inzet = -bq(ledger, "SELECT sum(number) WHERE account ~ '^Income:Inzet:' AND year(date) = 2024")
    partners = _sheet_totals(workbook["Partners 2024"])
    assert partners["Totaal"] == inzet
    assert partners["Formatie"] == bq(ledger, "SELECT sum(number) WHERE account ~ ':EIGEN$' AND year(date) = 2024 "
                                              "AND meta('uren') IS NOT NULL")
    assert partners["Uren"] == D(600)
    assert partners["Aandeel"] == 1
    cumulatief = _sheet_totals(workbook["Partners t-m 2024"])
    assert cumulatief["Totaal"] == -bq(ledger, "SELECT sum(number) WHERE account ~ '^Income:Inzet:' "
                                               "AND year(date) <= 2024")

    besteed = bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) = 2024")
    assert _sheet_totals(workbook["Actielijnen"])["Totaal"] == besteed
    assert _sheet_totals(workbook["Actielijnen"])["Vliegwiel"] == bq(
        ledger, "SELECT sum(number) WHERE account ~ ':VLIEGWIEL$' AND year(date) = 2024")
    met_buurt = bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) = 2024 "
                           "AND meta('buurt') IS NOT NULL")
    assert _sheet_totals(workbook["Focusbuurten"])["Besteed"] == met_buurt
    domeinen = _sheet_totals(workbook["Domeinen"])
    assert domeinen["2024"] == besteed
    assert domeinen["2023"] == bq(ledger, "SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                                          "AND year(date) = 2023")


def test_html_shows_who_is_below_and_above(outputs) -> None:  # noqa: ANN001
    first, _ = outputs
    html = first.joinpath("proportionaliteit-2024.html").read_text(encoding="utf-8")
    assert "Partners onder hun aandeel naar draagkracht in 2024: STADGENOOT." in html
    assert "Partners boven hun aandeel naar draagkracht in 2024: HVA." in html
    assert "Meer dan gemiddeld per bewoner: Wildeman, Reimerswaal." in html
    assert "Minder dan gemiddeld per bewoner: Confuciusbuurt, Dichtersbuurt." in html
    assert "€\u00a07,71 per bewoner" in html  # 131.000 with a buurt / 17.000 residents
    assert html.count("<svg") >= 5
    assert "Zonder buurt (niet aan een buurt toe te wijzen)" in html


def test_pdf_smoke(outputs) -> None:  # noqa: ANN001
    pypdf = pytest.importorskip("pypdf")
    first, _ = outputs
    reader = pypdf.PdfReader(str(first / "proportionaliteit-2024.pdf"))
    assert len(reader.pages) >= 8
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Proportionaliteit en ongelijk investeren 2024" in text
    assert "STADGENOOT" in text


def test_ledger_with_findings_is_marked_and_strikt_refuses(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "fout.beancount"
    path.write_text(LEDGER.read_text(encoding="utf-8") + '\n2024-09-01 * "X" "Y"\n'
                    '  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN  10.00 EUR\n'
                    '    partner: "ONBEKEND"\n  Equity:Inbreng-partners\n', encoding="utf-8")
    strikt = tmp_path / "strikt"
    result = CliRunner().invoke(cli, ["--grootboek", str(path), "proportionaliteit", "2024", "--naar", str(strikt),
                                      "--strikt"])
    assert result.exit_code == 1
    assert not strikt.exists() or not list(strikt.glob("proportionaliteit-*"))
    result = CliRunner().invoke(cli, ["--grootboek", str(path), "proportionaliteit", "2024", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "proportionaliteit-2024.html").read_text(encoding="utf-8")
    assert "Concept — 2 open bevindingen" in html  # unknown partner, and EIGEN without a known partner
    assert "Onbekende partner: ONBEKEND" in html

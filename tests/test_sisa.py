"""snw sisa: SiSa indicators and the staat van overlopende passiva of a hand-built ledger,
asserted exactly, reconciled with beanquery and the stream overview, read back from the
XLSX; deterministic bytes; the CLI."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.sisa import sisa

DATA = Path(__file__).parent / "data" / "sisa"
LEDGER = DATA / "main.beancount"
D = Decimal


@pytest.fixture(scope="module")
def ledger():  # noqa: ANN201
    return load_ledger(LEDGER)


@pytest.fixture(scope="module")
def jaren(ledger):  # noqa: ANN001, ANN201
    return {jaar: sisa(ledger.entries, ledger.programma, jaar) for jaar in (2023, 2024, 2025)}


def bq(ledger, query: str) -> Decimal:  # noqa: ANN001
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(query).fetchall()
    value = rows[0][0] if rows else None
    return value if value is not None else D(0)


def rows(rapport) -> dict:  # noqa: ANN001
    return {(r.stroom, r.onderdeel): r for r in rapport.regels}


def test_ledger_is_clean(ledger) -> None:  # noqa: ANN001
    assert ledger.errors == []


def test_which_grants(jaren) -> None:  # noqa: ANN001
    # WBI is only expected, EU-JEUGD and VLIEGWIEL are no specific grants, VHF ended in 2024.
    assert [u.stroom for u in jaren[2023].uitkeringen] == ["KW-VRIJ", "PMG", "SPUK-KW", "VHF"]
    assert [u.stroom for u in jaren[2024].uitkeringen] == ["KW-VRIJ", "PMG", "SPUK-KW", "VHF"]
    assert [u.stroom for u in jaren[2025].uitkeringen] == ["KW-VRIJ", "PMG", "SPUK-KW"]


def test_free_carry_over(jaren) -> None:  # noqa: ANN001
    figures = {
        jaar: (r.beschikbaar_jaar, r.besteding_jaar, r.besteding_cumulatief, r.overloop_volgend_jaar,
               r.eindverantwoording, r.risico)
        for jaar, rapport in jaren.items() for r in rapport.regels if r.stroom == "KW-VRIJ"
    }
    assert figures == {
        2023: (D("10000"), D("4000"), D("4000"), D("6000"), False, D(0)),
        2024: (D("16000"), D("12000"), D("16000"), D("4000"), False, D(0)),
        2025: (D("14000"), D("10000"), D("26000"), None, True, D("4000")),
    }
    indicatoren = [(i.nummer, i.omschrijving, i.bedrag) for i in jaren[2024].indicatoren if i.sisa_code == "KW-VRIJ"]
    assert indicatoren[:2] == [("KW-VRIJ / 01", "Besteding (2024)", D("12000")),
                               ("KW-VRIJ / 02", "Naar 2025 over te hevelen bedrag", D("4000"))]


def test_spuk_per_hoofdthema_2024(jaren) -> None:  # noqa: ANN001
    r = rows(jaren[2024])
    assert [k for k in r if k[0] == "SPUK-KW"] == [
        ("SPUK-KW", "armoede-schulden"), ("SPUK-KW", "jonge-kind"), ("SPUK-KW", "integraal")]
    expected = {
        # beschikbaar, besteding, cumulatief, overloop, risico
        "armoede-schulden": (D("120000"), D("110000"), D("190000"), D(0), D("10000")),
        "jonge-kind": (D("50000"), D("40000"), D("90000"), D("10000"), D(0)),
        "integraal": (D("50000"), D("50000"), D("80000"), D(0), D(0)),
    }
    for thema, figures in expected.items():
        regel = r[("SPUK-KW", thema)]
        assert (regel.beschikbaar_jaar, regel.besteding_jaar, regel.besteding_cumulatief,
                regel.overloop_volgend_jaar, regel.risico) == figures, thema
        assert regel.eindverantwoording is False
        assert regel.sisa_code == "E27K" and regel.departement == "BZK"


def test_spuk_2023_and_final_year_2025(jaren) -> None:  # noqa: ANN001
    r = rows(jaren[2023])
    assert r[("SPUK-KW", "armoede-schulden")].overloop_volgend_jaar == D("20000")
    assert r[("SPUK-KW", "armoede-schulden")].risico == 0
    assert r[("SPUK-KW", "integraal")].risico == D("20000")  # 20.000 lapses: no carry-over declared
    r = rows(jaren[2025])
    assert all(regel.eindverantwoording for key, regel in r.items() if key[0] == "SPUK-KW")
    assert r[("SPUK-KW", "jonge-kind")].beschikbaar_jaar == D("60000")  # tranche + 10.000 carried over
    assert r[("SPUK-KW", "armoede-schulden")].besteding_cumulatief == D("280000")
    assert r[("SPUK-KW", "armoede-schulden")].risico == D("10000")
    spuk = next(u for u in jaren[2025].uitkeringen if u.stroom == "SPUK-KW")
    # 20.000 (integraal 2023) + 10.000 (armoede 2024) + 10.000 (armoede 2025) = award − spending
    assert spuk.risico_tm_jaar == D("40000") == spuk.toegekend - spuk.besteding_cumulatief
    assert spuk.eindverantwoording is True


def test_pmg_and_vhf(jaren) -> None:  # noqa: ANN001
    pmg = rows(jaren[2024])[("PMG", None)]
    assert (pmg.besteding_jaar, pmg.besteding_cumulatief, pmg.overloop_volgend_jaar, pmg.eindverantwoording,
            pmg.risico, pmg.beschikbaar_jaar) == (D("100000"), D("150000"), None, False, D(0), None)
    assert pmg.departement == "JenV" and pmg.sisa_code == "PMG"
    vhf = rows(jaren[2024])[("VHF", None)]
    assert (vhf.besteding_jaar, vhf.besteding_cumulatief, vhf.eindverantwoording, vhf.risico) == (
        D("45000"), D("45000"), True, D("5000"))
    uitkering = next(u for u in jaren[2024].uitkeringen if u.stroom == "VHF")
    assert (uitkering.toegekend, uitkering.nog_te_besteden, uitkering.einddatum, uitkering.risico_tm_jaar) == (
        D("50000"), D("5000"), datetime.date(2024, 12, 31), D("5000"))


def test_indicator_layout_2024(jaren) -> None:  # noqa: ANN001
    spuk = [i for i in jaren[2024].indicatoren if i.sisa_code == "E27K"]
    assert [(i.nummer, i.omschrijving, i.aard_controle, i.bedrag, i.janee) for i in spuk] == [
        ("E27K / 01", "Besteding (2024) — Preventie armoede en schulden", "R", D("110000"), None),
        ("E27K / 02", "Besteding (2024) — Ontwikkeling jonge kind", "R", D("40000"), None),
        ("E27K / 03", "Besteding (2024) — Integraal deel", "R", D("50000"), None),
        ("E27K / 04", "Naar 2025 over te hevelen bedrag — Preventie armoede en schulden", "R", D(0), None),
        ("E27K / 05", "Naar 2025 over te hevelen bedrag — Ontwikkeling jonge kind", "R", D("10000"), None),
        ("E27K / 06", "Naar 2025 over te hevelen bedrag — Integraal deel", "R", D(0), None),
        ("E27K / 07", "Cumulatieve bestedingen t/m (2024) — Preventie armoede en schulden", "n.v.t.",
         D("190000"), None),
        ("E27K / 08", "Cumulatieve bestedingen t/m (2024) — Ontwikkeling jonge kind", "n.v.t.", D("90000"), None),
        ("E27K / 09", "Cumulatieve bestedingen t/m (2024) — Integraal deel", "n.v.t.", D("80000"), None),
        ("E27K / 10", "Eindverantwoording Ja/Nee", "n.v.t.", None, "Nee"),
    ]
    vhf = [i for i in jaren[2024].indicatoren if i.sisa_code == "VHF"]
    assert [(i.nummer, i.omschrijving, i.bedrag, i.janee) for i in vhf] == [
        ("VHF / 01", "Besteding (2024)", D("45000"), None),
        ("VHF / 02", "Cumulatieve bestedingen t/m (2024)", D("45000"), None),
        ("VHF / 03", "Eindverantwoording Ja/Nee", None, "Ja"),
    ]


def test_grant_figures_equal_beanquery_and_geldstromen(ledger, jaren) -> None:  # noqa: ANN001
    for jaar, rapport in jaren.items():
        overzicht = {r.code: r for r in geldstromen_overzicht(ledger.entries, ledger.programma, jaar,
                                                               peildatum=datetime.date(jaar, 12, 31)).regels}
        for uitkering in rapport.uitkeringen:
            code = uitkering.stroom
            parts = [r for r in rapport.regels if r.stroom == code]
            jaar_bq = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{code}$' "
                                 f"AND year(date) = {jaar}")
            cum_bq = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{code}$' "
                                f"AND year(date) <= {jaar}")
            assert sum((r.besteding_jaar for r in parts), D(0)) == uitkering.besteding_jaar == jaar_bq
            assert sum((r.besteding_cumulatief for r in parts), D(0)) == uitkering.besteding_cumulatief == cum_bq
            assert uitkering.besteding_jaar == overzicht[code].besteed_jaar
            assert uitkering.nog_te_besteden == overzicht[code].nog_te_besteden
        bedragen = [i.bedrag for i in rapport.indicatoren if i.omschrijving.startswith("Besteding")]
        assert sum(bedragen, D(0)) == sum((u.besteding_jaar for u in rapport.uitkeringen), D(0))


# ---------------------------------------------------------------------------- overlopende passiva
def test_passiva_2024_exact(jaren) -> None:  # noqa: ANN001
    rapport = jaren[2024]
    assert [(r.herkomst, r.stroom, r.begin, r.ontvangen, r.vrijgevallen, r.terugbetaald, r.eind)
            for r in rapport.passiva] == [
        ("EU", "EU-JEUGD", D("20000"), D(0), D("15000"), D(0), D("5000")),
        ("Rijk", "KW-VRIJ", D("26000"), D(0), D("12000"), D(0), D("14000")),
        ("Rijk", "PMG", D("250000"), D(0), D("100000"), D(0), D("150000")),
        ("Rijk", "SPUK-KW", D("40000"), D("200000"), D("200000"), D(0), D("40000")),
        ("Rijk", "VHF", D(0), D("50000"), D("45000"), D(0), D("5000")),
        ("Overig", "VLIEGWIEL", D(0), D("100000"), D("60000"), D(0), D("40000")),
    ]
    assert rapport.passiva_totaal("eind", "Rijk") == D("209000")
    assert rapport.passiva_totaal("eind") == D("254000")


def test_passiva_repayment_2025(jaren) -> None:  # noqa: ANN001
    vhf = next(r for r in jaren[2025].passiva if r.stroom == "VHF")
    assert (vhf.begin, vhf.ontvangen, vhf.vrijgevallen, vhf.terugbetaald, vhf.eind) == (
        D("5000"), D(0), D(0), D("5000"), D(0))


def test_passiva_reconcile_with_beanquery(ledger, jaren) -> None:  # noqa: ANN001
    for jaar, rapport in jaren.items():
        assert rapport.passiva
        for r in rapport.passiva:
            assert r.verschil == 0
            account = f"Liabilities:Nog-te-besteden:{r.stroom}"
            assert r.begin == -bq(ledger, f"SELECT sum(number) WHERE account = '{account}' AND year(date) < {jaar}")
            assert r.eind == -bq(ledger, f"SELECT sum(number) WHERE account = '{account}' AND year(date) <= {jaar}")
            assert r.vrijgevallen == bq(ledger, f"SELECT sum(number) WHERE account = '{account}' "
                                                f"AND year(date) = {jaar} AND meta('__derived__') IS NOT NULL")
            assert r.ontvangen == -bq(ledger, f"SELECT sum(number) WHERE account = '{account}' "
                                              f"AND year(date) = {jaar} AND meta('__derived__') IS NULL "
                                              "AND number < 0")
            assert r.terugbetaald == bq(ledger, f"SELECT sum(number) WHERE account = '{account}' "
                                                f"AND year(date) = {jaar} AND meta('__derived__') IS NULL "
                                                "AND number > 0")
        total = -bq(ledger, f"SELECT sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' "
                            f"AND year(date) <= {jaar}")
        assert rapport.passiva_totaal("eind") == total


# ---------------------------------------------------------------------------- XLSX, CLI
def _run(out: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "sisa", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 specifieke uitkering(en), 20 indicatoren; 6 geldstromen" in result.output


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


def test_xlsx_is_deterministic(outputs) -> None:  # noqa: ANN001
    first, second = outputs
    assert [p.name for p in first.iterdir()] == ["sisa-2024.xlsx"]
    assert first.joinpath("sisa-2024.xlsx").read_bytes() == second.joinpath("sisa-2024.xlsx").read_bytes()


def _tables(sheet) -> list[dict]:  # noqa: ANN001
    """The tables of a sheet: header row, data rows (as dicts) and evaluated SUM totals."""
    from openpyxl.utils import column_index_from_string

    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    tables = []
    for index, row in enumerate(values):
        if row and row[0] in ("SiSa-code", "Departement", "Geldstroom", "Herkomst", "Begrip"):
            header = [h for h in row if h is not None]
            data = []
            for follow in values[index + 1:]:
                if not follow or follow[0] is None or str(follow[0]).startswith("Totaal"):
                    totals = {}
                    if follow and follow[0] and str(follow[0]).startswith("Totaal"):
                        for column, value in enumerate(follow):
                            match = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):[A-Z]+(\d+)\)", str(value or ""))
                            if match:
                                col = column_index_from_string(match.group(1)) - 1
                                totals[header[column]] = sum(
                                    (D(str(values[r - 1][col] or 0))
                                     for r in range(int(match.group(2)), int(match.group(3)) + 1)), D(0))
                    tables.append({"header": header, "rows": data, "totals": totals})
                    break
                data.append(dict(zip(header, follow)))
            else:
                tables.append({"header": header, "rows": data, "totals": {}})
    return tables


def test_xlsx_content_and_totals(outputs, ledger) -> None:  # noqa: ANN001
    import openpyxl

    first, _ = outputs
    workbook = openpyxl.load_workbook(first / "sisa-2024.xlsx")
    assert workbook.sheetnames == ["Omslag", "SiSa 2024", "Indicatoren", "Overlopende passiva", "Toelichting"]
    omslag = {row[0]: row[1] for row in workbook["Omslag"].iter_rows(values_only=True) if row[0]}
    assert omslag["Grootboek (vingerafdruk)"] == ledger.fingerprint

    per_thema, per_uitkering = _tables(workbook["SiSa 2024"])
    assert [(r["Geldstroom"], r["Onderdeel"], r["Besteding 2024"], r["Eindverantwoording"])
            for r in per_thema["rows"]] == [
        ("KW-VRIJ", None, 12000, "Nee"),
        ("PMG", None, 100000, "Nee"),
        ("SPUK-KW", "Preventie armoede en schulden", 110000, "Nee"),
        ("SPUK-KW", "Ontwikkeling jonge kind", 40000, "Nee"),
        ("SPUK-KW", "Integraal deel", 50000, "Nee"),
        ("VHF", None, 45000, "Ja"),
    ]
    sisa_streams = "(KW-VRIJ|PMG|SPUK-KW|VHF)"
    besteed = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{sisa_streams}$' "
                         "AND year(date) = 2024")
    cumulatief = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{sisa_streams}$' "
                            "AND year(date) <= 2024")
    assert per_thema["totals"]["Besteding 2024"] == besteed == D("357000")
    assert per_thema["totals"]["Cumulatief t/m 2024"] == cumulatief
    assert per_thema["totals"]["Risico terugbetaling"] == D("15000")
    assert per_uitkering["totals"]["Besteding 2024"] == besteed

    (indicatoren,) = _tables(workbook["Indicatoren"])
    assert [r["Indicatornummer"] for r in indicatoren["rows"] if r["SiSa-code"] == "PMG"] == [
        "PMG / 01", "PMG / 02", "PMG / 03"]
    assert sum((D(str(r["Bedrag"])) for r in indicatoren["rows"]
                if str(r["Indicator"]).startswith("Besteding")), D(0)) == besteed

    tables = _tables(workbook["Overlopende passiva"])
    eu, rijk, overig, samen = tables
    assert [r["Geldstroom"] for r in rijk["rows"]] == ["KW-VRIJ", "PMG", "SPUK-KW", "VHF"]
    assert [r["Herkomst"] for r in samen["rows"]] == ["EU", "Rijk", "Overig"]
    eind = -bq(ledger, "SELECT sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' AND year(date) <= 2024")
    begin = -bq(ledger, "SELECT sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' AND year(date) < 2024")
    assert samen["totals"]["Saldo 31 december"] == eind == D("254000")
    assert samen["totals"]["Saldo 1 januari"] == begin
    assert rijk["totals"]["Saldo 31 december"] == -bq(
        ledger, "SELECT sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:(KW-VRIJ|PMG|SPUK-KW|VHF)$' "
                "AND year(date) <= 2024")
    assert eu["totals"]["Vrijgevallen (besteed)"] == D("15000")
    assert overig["totals"]["Ontvangen (toegekend)"] == D("100000")
    for table in (eu, rijk, overig, samen):
        t = table["totals"]
        assert t["Saldo 1 januari"] + t["Ontvangen (toegekend)"] - t["Vrijgevallen (besteed)"] \
            - t["Terugbetaald / gecorrigeerd"] == t["Saldo 31 december"]

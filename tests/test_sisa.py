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
               r.eindverantwoording, r.vervalt)
        for jaar, rapport in jaren.items() for r in rapport.regels if r.stroom == "KW-VRIJ"
    }
    assert figures == {  # free carry-over: nothing lapses per year
        2023: (D("10000"), D("4000"), D("4000"), D("6000"), False, None),
        2024: (D("16000"), D("12000"), D("16000"), D("4000"), False, None),
        2025: (D("14000"), D("10000"), D("26000"), None, True, None),
    }
    kw = next(u for u in jaren[2025].uitkeringen if u.stroom == "KW-VRIJ")
    # final year: 30.000 received, 26.000 spent: 4.000 to repay, nothing left to receive
    assert (kw.ontvangen, kw.terug_te_betalen, kw.niet_te_ontvangen) == (D("30000"), D("4000"), D(0))
    indicatoren = [(i.nummer, i.omschrijving, i.bedrag) for i in jaren[2024].indicatoren if i.stroom == "KW-VRIJ"]
    assert indicatoren[:2] == [("E27V / 01", "Besteding (2024) ten laste van rijksmiddelen", D("12000")),
                               ("E27V / 02", "Naar 2025 over te hevelen bedrag", D("4000"))]


def test_spuk_per_hoofdthema_2024(jaren) -> None:  # noqa: ANN001
    r = rows(jaren[2024])
    assert [k for k in r if k[0] == "SPUK-KW"] == [
        ("SPUK-KW", "armoede-schulden"), ("SPUK-KW", "jonge-kind"), ("SPUK-KW", "integraal")]
    expected = {
        # beschikbaar, besteding, cumulatief, overloop, vervalt
        "armoede-schulden": (D("120000"), D("110000"), D("190000"), D(0), D("10000")),
        "jonge-kind": (D("50000"), D("40000"), D("90000"), D("10000"), D(0)),
        "integraal": (D("50000"), D("50000"), D("80000"), D(0), D(0)),
    }
    for thema, figures in expected.items():
        regel = r[("SPUK-KW", thema)]
        assert (regel.beschikbaar_jaar, regel.besteding_jaar, regel.besteding_cumulatief,
                regel.overloop_volgend_jaar, regel.vervalt) == figures, thema
        assert regel.eindverantwoording is False
        assert regel.sisa_code == "E27K" and regel.departement == "BZK"


def test_spuk_2023_and_final_year_2025(jaren) -> None:  # noqa: ANN001
    r = rows(jaren[2023])
    assert r[("SPUK-KW", "armoede-schulden")].overloop_volgend_jaar == D("20000")
    assert r[("SPUK-KW", "armoede-schulden")].vervalt == 0
    assert r[("SPUK-KW", "integraal")].vervalt == D("20000")  # 20.000 lapses: no carry-over declared
    r = rows(jaren[2025])
    assert all(regel.eindverantwoording for key, regel in r.items() if key[0] == "SPUK-KW")
    assert r[("SPUK-KW", "jonge-kind")].beschikbaar_jaar == D("60000")  # tranche + 10.000 carried over
    assert r[("SPUK-KW", "armoede-schulden")].besteding_cumulatief == D("280000")
    assert r[("SPUK-KW", "armoede-schulden")].vervalt == D("10000")
    spuk = next(u for u in jaren[2025].uitkeringen if u.stroom == "SPUK-KW")
    # 20.000 (integraal 2023) + 10.000 (armoede 2024) + 10.000 (armoede 2025) = 40.000 lapses = award − spending.
    # Of the award 564.000 was received and 560.000 spent: 4.000 to repay; 36.000 is never received, so it
    # is no repayment (the award-based risk of before said 40.000).
    assert spuk.toegekend - spuk.besteding_cumulatief == D("40000")
    assert (spuk.ontvangen, spuk.terug_te_betalen, spuk.niet_te_ontvangen) == (D("564000"), D("4000"), D("36000"))
    assert spuk.eindverantwoording is True


def test_pmg_and_vhf(jaren) -> None:  # noqa: ANN001
    pmg = rows(jaren[2024])[("PMG", None)]
    assert (pmg.besteding_jaar, pmg.besteding_cumulatief, pmg.overloop_volgend_jaar, pmg.eindverantwoording,
            pmg.vervalt, pmg.beschikbaar_jaar) == (D("100000"), D("150000"), None, False, None, None)
    assert pmg.departement == "JenV" and pmg.sisa_code is None  # no code declared: none made up
    vhf = rows(jaren[2024])[("VHF", None)]
    assert (vhf.besteding_jaar, vhf.besteding_cumulatief, vhf.eindverantwoording, vhf.vervalt) == (
        D("45000"), D("45000"), True, None)
    uitkering = next(u for u in jaren[2024].uitkeringen if u.stroom == "VHF")
    assert (uitkering.toegekend, uitkering.nog_te_besteden, uitkering.einddatum, uitkering.terug_te_betalen,
            uitkering.niet_te_ontvangen) == (D("50000"), D("5000"), datetime.date(2024, 12, 31), D("5000"), D(0))


def test_indicator_layout_2024(jaren) -> None:  # noqa: ANN001
    spuk = [i for i in jaren[2024].indicatoren if i.sisa_code == "E27K"]
    assert [(i.nummer, i.omschrijving, i.aard_controle, i.bedrag, i.janee) for i in spuk] == [
        ("E27K / 01", "Besteding (2024) ten laste van rijksmiddelen — Preventie armoede en schulden", "R",
         D("110000"), None),
        ("E27K / 02", "Besteding (2024) ten laste van rijksmiddelen — Ontwikkeling jonge kind", "R", D("40000"), None),
        ("E27K / 03", "Besteding (2024) ten laste van rijksmiddelen — Integraal deel", "R", D("50000"), None),
        ("E27K / 04", "Naar 2025 over te hevelen bedrag — Preventie armoede en schulden", "R", D(0), None),
        ("E27K / 05", "Naar 2025 over te hevelen bedrag — Ontwikkeling jonge kind", "R", D("10000"), None),
        ("E27K / 06", "Naar 2025 over te hevelen bedrag — Integraal deel", "R", D(0), None),
        ("E27K / 07", "Cumulatieve besteding t/m (2024) — Preventie armoede en schulden", "n.v.t.",
         D("190000"), None),
        ("E27K / 08", "Cumulatieve besteding t/m (2024) — Ontwikkeling jonge kind", "n.v.t.", D("90000"), None),
        ("E27K / 09", "Cumulatieve besteding t/m (2024) — Integraal deel", "n.v.t.", D("80000"), None),
        ("E27K / 10", "Eindverantwoording Ja/Nee", "n.v.t.", None, "Nee"),
    ]
    vhf = [i for i in jaren[2024].indicatoren if i.stroom == "VHF"]
    assert [(i.sisa_code, i.nummer, i.omschrijving, i.bedrag, i.janee) for i in vhf] == [  # nothing declared
        (None, None, "Besteding (2024) ten laste van rijksmiddelen", D("45000"), None),
        (None, None, "Cumulatieve besteding t/m (2024)", D("45000"), None),
        (None, None, "Eindverantwoording Ja/Nee", None, "Ja"),
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
    """On money received: EU-JEUGD's 20.000 of 2024 first settles the 5.000 pre-financed in 2023
    (activa, af), so only 15.000 is a received advance, released to the year's 15.000 of spending;
    PMG received 100.000 in 2022 and 2024; VHF ended on 31 December 2024 with 50.000 received and
    45.000 spent: its 5.000 is terug te betalen, no advance; VLIEGWIEL is the gemeente's own money:
    in neither schedule."""
    rapport = jaren[2024]
    # herkomst, stroom, begin, ontvangen, vrijgevallen, terugbetaald, naar terug te betalen, eind
    assert [(r.herkomst, r.stroom, r.begin, r.ontvangen, r.vrijgevallen, r.terugbetaald, r.terug_te_betalen, r.eind)
            for r in rapport.passiva] == [
        ("EU", "EU-JEUGD", D(0), D("15000"), D("15000"), D(0), D(0), D(0)),
        ("Rijk", "KW-VRIJ", D("26000"), D(0), D("12000"), D(0), D(0), D("14000")),
        ("Rijk", "PMG", D("50000"), D("100000"), D("100000"), D(0), D(0), D("50000")),
        ("Rijk", "SPUK-KW", D("40000"), D("200000"), D("200000"), D(0), D(0), D("40000")),
        ("Rijk", "VHF", D(0), D("50000"), D("45000"), D(0), D("5000"), D(0)),
    ]
    assert rapport.passiva_totaal("eind", "Rijk") == D("104000")  # 14.000 + 50.000 + 40.000
    assert rapport.passiva_49b_totaal("eind") == rapport.passiva_totaal("eind") == D("104000")
    assert [(r.stroom, r.begin, r.bij, r.af, r.eind) for r in rapport.activa] == [
        ("EU-JEUGD", D("5000"), D(0), D("5000"), D(0))]
    assert [(r.stroom, r.begin, r.bij, r.af, r.eind) for r in jaren[2023].activa] == [
        ("EU-JEUGD", D(0), D("5000"), D(0), D("5000"))]
    assert [(r.stroom, r.begin, r.bij, r.terugbetaald, r.eind) for r in rapport.terugbetalingen] == [
        ("VHF", D(0), D("5000"), D(0), D("5000"))]


def test_passiva_2025_ended_grants_and_a_repayment_a_year_later(jaren) -> None:  # noqa: ANN001
    """2025: SPUK-KW, KW-VRIJ and EU-JEUGD end on 31 December. SPUK-KW: 40.000 + 164.000 − 200.000 spent
    = 4.000 left: terug te betalen. KW-VRIJ: 14.000 − 10.000 = 4.000: terug te betalen. EU-JEUGD: 25.000
    received, 25.000 spent: nothing. VHF's 5.000 (to repay since 2024) is repaid on 1 May 2025: the debt
    goes, the advance schedule does not see it."""
    rapport = jaren[2025]
    assert [(r.stroom, r.begin, r.ontvangen, r.vrijgevallen, r.terugbetaald, r.terug_te_betalen, r.eind)
            for r in rapport.passiva] == [
        ("KW-VRIJ", D("14000"), D(0), D("10000"), D(0), D("4000"), D(0)),
        ("PMG", D("50000"), D(0), D(0), D(0), D(0), D("50000")),
        ("SPUK-KW", D("40000"), D("164000"), D("200000"), D(0), D("4000"), D(0)),
    ]
    assert [(r.stroom, r.begin, r.bij, r.terugbetaald, r.eind) for r in rapport.terugbetalingen] == [
        ("KW-VRIJ", D(0), D("4000"), D(0), D("4000")),
        ("SPUK-KW", D(0), D("4000"), D(0), D("4000")),
        ("VHF", D("5000"), D(0), D("5000"), D(0)),
    ]
    assert rapport.terugbetalingen_totaal("eind") == D("8000")


def test_awards_not_received_are_no_liability(jaren) -> None:  # noqa: ANN001
    """PMG: awarded 300.000, received 200.000, spent 150.000: the liability is 50.000, not 150.000."""
    pmg = next(r for r in jaren[2024].passiva if r.stroom == "PMG")
    assert pmg.eind == D("50000")
    assert all(r.stroom != "VLIEGWIEL" for r in (*jaren[2024].passiva, *jaren[2024].activa))


def _ontvangen_besteed(ledger, code: str, tot: int) -> tuple[Decimal, Decimal]:  # noqa: ANN001
    """(received minus repaid, spent) up to 31 December of a year, by beanquery."""
    ontvangen = -bq(ledger, f"SELECT sum(number) WHERE account = 'Assets:Te-ontvangen:{code}' AND number < 0 "
                            f"AND year(date) <= {tot} AND NOT joinstr(other_accounts) ~ 'Liabilities:Nog-te-besteden:'")
    terug = bq(ledger, f"SELECT sum(number) WHERE account = 'Liabilities:Nog-te-besteden:{code}' AND number > 0 "
                       f"AND year(date) <= {tot} AND meta('__derived__') IS NULL "
                       "AND NOT joinstr(other_accounts) ~ 'Assets:Te-ontvangen:'")
    besteed = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{code}$' AND year(date) <= {tot}")
    return ontvangen - terug, besteed


def test_passiva_and_activa_reconcile_with_beanquery(ledger, jaren) -> None:  # noqa: ANN001
    """Balances against beanquery: received − spent at both year ends is the advance of a running
    stream, or the debt to repay of an ended one; spent − received the pre-financing."""
    for jaar, rapport in jaren.items():
        assert rapport.passiva
        afgelopen = {code for code, s in ledger.programma.geldstromen.items()
                     if s.tot is not None and s.tot <= datetime.date(jaar, 12, 31)}
        for r in rapport.passiva:
            assert r.verschil == 0
            netto_begin, besteed_begin = _ontvangen_besteed(ledger, r.stroom, jaar - 1)
            netto_eind, besteed_eind = _ontvangen_besteed(ledger, r.stroom, jaar)
            eerder_af = r.stroom in afgelopen and ledger.programma.geldstromen[r.stroom].tot.year < jaar
            assert r.begin == (D(0) if eerder_af else max(netto_begin - besteed_begin, D(0))), (jaar, r.stroom)
            assert r.eind == (D(0) if r.stroom in afgelopen else max(netto_eind - besteed_eind, D(0))), (jaar, r.stroom)
            # the year's spending covered by advance money: never more than the year's spending (beanquery)
            besteed_jaar = bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{r.stroom}$' "
                                      f"AND year(date) = {jaar}")
            assert 0 <= r.vrijgevallen <= besteed_jaar, (jaar, r.stroom)
        for r in rapport.activa:
            assert r.verschil == 0
            netto_eind, besteed_eind = _ontvangen_besteed(ledger, r.stroom, jaar)
            assert r.eind == max(besteed_eind - netto_eind, D(0)), (jaar, r.stroom)
        for r in rapport.terugbetalingen:
            assert r.stroom in afgelopen
            netto_eind, besteed_eind = _ontvangen_besteed(ledger, r.stroom, jaar)
            assert r.eind == max(netto_eind - besteed_eind, D(0)), (jaar, r.stroom)
            assert r.begin + r.bij - r.terugbetaald == r.eind


# ---------------------------------------------------------------------------- XLSX, CLI
def _run(out: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "sisa", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 specifieke uitkering(en), 20 indicatoren; 5 geldstromen" in result.output


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


def _waarde(sheet, value) -> Decimal:  # noqa: ANN001
    """A cell's number; a model.Som formula (SUM or SUMIFS over a detail range) evaluated."""
    if not (isinstance(value, str) and value.startswith("=")):
        return D(str(value or 0))
    bereik = r"'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)"
    if match := re.fullmatch(rf"=SUM\({bereik}\)", value):
        blad = sheet.parent[match.group(1)]
        return sum((_waarde(blad, blad[f"{match.group(2)}{r}"].value)
                    for r in range(int(match.group(3)), int(match.group(4)) + 1)), D(0))
    if match := re.fullmatch(rf"=SUMIFS\({bereik},{bereik},\$([A-Z]+)(\d+)\)", value):
        blad = sheet.parent[match.group(1)]
        sleutel = sheet[f"{match.group(9)}{match.group(10)}"].value
        return sum((_waarde(blad, blad[f"{match.group(2)}{r}"].value)
                    for r in range(int(match.group(3)), int(match.group(4)) + 1)
                    if blad[f"{match.group(6)}{r}"].value == sleutel), D(0))
    raise AssertionError(f"unexpected formula {value}")


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
                                    (_waarde(sheet, values[r - 1][col])
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
    assert workbook.sheetnames == ["Omslag", "SiSa 2024", "Tranches per thema", "Indicatoren", "Onvolledig", "Subsidiejaren",
                                   "Overlopende passiva", "Overlopende activa", "Toelichting"]
    omslag = {row[0]: row[1] for row in workbook["Omslag"].iter_rows(values_only=True) if row[0]}
    assert omslag["Grootboek (vingerafdruk)"] == ledger.fingerprint

    per_thema, per_uitkering, _tranches = _tables(workbook["SiSa 2024"])
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
    assert per_thema["totals"]["Vervalt (niet besteed of overgeheveld)"] == D("10000")  # armoede-schulden
    vhf = next(r for r in per_uitkering["rows"] if r["Geldstroom"] == "VHF")
    assert (vhf["Ontvangen t/m 2024"], vhf["Terug te betalen bij einde"], vhf["Niet te ontvangen bij einde"]) == (
        50000, 5000, 0)
    assert per_uitkering["totals"]["Besteding 2024"] == besteed

    (indicatoren,) = _tables(workbook["Indicatoren"])
    assert [r["Indicatornummer"] for r in indicatoren["rows"] if r["Specifieke uitkering"] == "Preventie met Gezag"] \
        == ["niet gedeclareerd"] * 3
    assert sum((D(str(r["Bedrag"])) for r in indicatoren["rows"]
                if str(r["Indicator"]).startswith("Besteding")), D(0)) == besteed

    tables = _tables(workbook["Overlopende passiva"])
    eu, rijk, samen, terug = tables
    assert [r["Geldstroom"] for r in rijk["rows"]] == ["KW-VRIJ", "PMG", "SPUK-KW", "VHF"]
    assert [r["Herkomst"] for r in samen["rows"]] == ["EU", "Rijk"]  # the gemeente's own VLIEGWIEL is no advance
    eind = begin = D(0)
    for code in ("EU-JEUGD", "KW-VRIJ", "PMG", "SPUK-KW"):  # VHF ended on 31 December 2024: to repay
        netto, besteed = _ontvangen_besteed(ledger, code, 2024)
        eind += max(netto - besteed, D(0))
    for code in ("EU-JEUGD", "KW-VRIJ", "PMG", "SPUK-KW", "VHF"):
        netto, besteed = _ontvangen_besteed(ledger, code, 2023)
        begin += max(netto - besteed, D(0))
    assert samen["totals"]["Saldo 31 december"] == eind == D("104000")
    assert samen["totals"]["Saldo 1 januari"] == begin == D("116000")
    assert eu["totals"]["Ontvangen"] == D("15000")  # 20.000 received, 5.000 of it settles 2023's pre-financing
    assert eu["totals"]["Vrijgevallen (aan bestedingen)"] == D("15000")
    assert samen["totals"]["Naar terug te betalen (afgelopen)"] == D("5000")
    for table in (eu, rijk, samen):
        t = table["totals"]
        assert t["Saldo 1 januari"] + t["Ontvangen"] - t["Vrijgevallen (aan bestedingen)"] \
            - t["Terugbetaald"] - t["Naar terug te betalen (afgelopen)"] == t["Saldo 31 december"]
    netto, besteed = _ontvangen_besteed(ledger, "VHF", 2024)
    assert [(r["Geldstroom"], r["Herkomst"], r["Saldo 31 december"]) for r in terug["rows"]] == [
        ("VHF", "Rijk", netto - besteed)] == [("VHF", "Rijk", 5000)]
    (activa,) = _tables(workbook["Overlopende activa"])
    assert [(r["Geldstroom"], r["Saldo 1 januari"], r["Ontvangen ter dekking"], r["Saldo 31 december"])
            for r in activa["rows"]] == [("EU-JEUGD", 5000, 5000, 0)]

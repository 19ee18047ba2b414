"""The BBV schedules and a grant's settlement (vaststelling) on a hand-built ledger, per edge.

``tests/data/bbv/grootboek.beancount`` works every figure out in its comments; here they are
asserted exactly, the balances and flows reconciled with beanquery, and read back from
``snw geldstromen`` (CSV, XLSX) and ``snw sisa`` (XLSX). A second ledger, written into
``tmp_path``, repays money never received: the schedule does not close, and says so.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import model
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.geldstromen import vaststelling
from reports.compute.sisa import sisa

D = Decimal
ZERO = D(0)
LEDGER = Path(__file__).parent / "data" / "bbv" / "grootboek.beancount"


@pytest.fixture(scope="module")
def ledger():  # noqa: ANN201
    grootboek = load_ledger(LEDGER)
    assert grootboek.errors == []
    return grootboek


@pytest.fixture(scope="module")
def jaren(ledger):  # noqa: ANN001, ANN201
    return {jaar: sisa(ledger.entries, ledger.programma, jaar) for jaar in (2024, 2025)}


def _bq(ledger, query: str) -> Decimal:  # noqa: ANN001
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(query).fetchall()
    return rows[0][0] if rows and rows[0][0] is not None else ZERO


def _ontvangsten(ledger, code: str, waar: str) -> Decimal:  # noqa: ANN001
    """Receipts: credits to Te-ontvangen outside award bookings (beanquery)."""
    return -_bq(ledger, f"SELECT sum(number) WHERE account = 'Assets:Te-ontvangen:{code}' AND number < 0 AND {waar} "
                        "AND NOT joinstr(other_accounts) ~ 'Liabilities:Nog-te-besteden:'")


def _terugbetalingen(ledger, code: str, waar: str) -> Decimal:  # noqa: ANN001
    """Repayments: cash debits to the liability, not the plugin's releases (beanquery)."""
    return _bq(ledger, f"SELECT sum(number) WHERE account = 'Liabilities:Nog-te-besteden:{code}' AND number > 0 "
                       f"AND {waar} AND meta('__derived__') IS NULL "
                       "AND NOT joinstr(other_accounts) ~ 'Assets:Te-ontvangen:'")


def _besteed(ledger, code: str, waar: str) -> Decimal:  # noqa: ANN001
    return _bq(ledger, f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{code}$' AND {waar}")


def _rij(rows, code: str):  # noqa: ANN001, ANN202
    return next((r for r in rows if r.stroom == code), None)


# ---------------------------------------------------------------------------- origin groups
def test_government_bodies_are_declared_once() -> None:
    assert [h for h in ("eu", "rijk", "provincie", "overheid", "fonds", "partners", "overig", "gemeente")
            if model.overheidslichaam(h)] == ["eu", "rijk", "provincie", "overheid"]
    assert [model.herkomst_groep(h) for h in ("eu", "rijk", "provincie", "fonds", "overig", "gemeente")] == [
        "EU", "Rijk", "Overige overheden", "Overige derden", "Overige derden", None]


def test_a_fund_is_no_government_body_and_is_shown_apart(jaren) -> None:  # noqa: ANN001
    """FONDS-X (herkomst fonds): 20.000 − 12.000 = 8.000 vooruitontvangen from a third party, not 49b;
    PROV-Y (provincie): 10.000 − 4.000 = 6.000 under 49b; GEM (the gemeente's own): in neither."""
    rapport = jaren[2024]
    fonds, prov = _rij(rapport.passiva, "FONDS-X"), _rij(rapport.passiva, "PROV-Y")
    assert (fonds.herkomst, fonds.overheid, fonds.eind) == ("Overige derden", False, D("8000"))
    assert (prov.herkomst, prov.overheid, prov.eind) == ("Overige overheden", True, D("6000"))
    assert rapport.passiva_49b_totaal("eind") == D("6000")  # RIJK-* end the year at 0 (see below)
    assert rapport.passiva_totaal("eind") == D("14000")  # 6.000 + the fund's 8.000
    assert all(r.stroom != "GEM" for r in (*rapport.passiva, *rapport.activa, *rapport.terugbetalingen))


# ---------------------------------------------------------------------------- the schedules, exactly
def test_schedules_2024(jaren) -> None:  # noqa: ANN001
    """RIJK-A: 6.500 spent, nothing received: pre-financed. RIJK-B ends with 30.000 received and 45.000
    spent: 30.000 released, 15.000 to receive, nothing to repay. RIJK-C ends with 40.000 received and
    32.000 spent: 8.000 moves to terug te betalen, no advance at 31 December."""
    rapport = jaren[2024]
    # herkomst, stroom, begin, ontvangen, vrijgevallen, terugbetaald, naar terug te betalen, eind
    assert [(r.herkomst, r.stroom, r.begin, r.ontvangen, r.vrijgevallen, r.terugbetaald, r.terug_te_betalen, r.eind)
            for r in rapport.passiva] == [
        ("Rijk", "RIJK-B", ZERO, D("30000"), D("30000"), ZERO, ZERO, ZERO),
        ("Rijk", "RIJK-C", ZERO, D("40000"), D("32000"), ZERO, D("8000"), ZERO),
        ("Overige overheden", "PROV-Y", ZERO, D("10000"), D("4000"), ZERO, ZERO, D("6000")),
        ("Overige derden", "FONDS-X", ZERO, D("20000"), D("12000"), ZERO, ZERO, D("8000")),
    ]
    assert [(r.stroom, r.begin, r.bij, r.af, r.eind) for r in rapport.activa] == [
        ("RIJK-A", ZERO, D("6500"), ZERO, D("6500")),
        ("RIJK-B", ZERO, D("15000"), ZERO, D("15000")),  # spending beyond receipts at the grant's end
    ]
    assert [(r.stroom, r.begin, r.bij, r.terugbetaald, r.eind) for r in rapport.terugbetalingen] == [
        ("RIJK-C", ZERO, D("8000"), ZERO, D("8000"))]


def test_a_receipt_that_settles_prefinancing_is_no_advance(jaren) -> None:  # noqa: ANN001
    """RIJK-A 2025: of the 70.000 received, 6.500 settles 2024's pre-financing: 63.500 is received as
    an advance (not 70.000). Released: the year's spending 54.900 (not the residual 61.400 = 70.000 −
    8.600). Ended on 31 December: 63.500 − 54.900 = 8.600 is terug te betalen, the advance closes at 0."""
    rapport = jaren[2025]
    a = _rij(rapport.passiva, "RIJK-A")
    assert (a.begin, a.ontvangen, a.vrijgevallen, a.terugbetaald, a.terug_te_betalen, a.eind) == (
        ZERO, D("63500"), D("54900"), ZERO, D("8600"), ZERO)
    assert a.verschil == 0
    actief = _rij(rapport.activa, "RIJK-A")
    assert (actief.begin, actief.bij, actief.af, actief.eind) == (D("6500"), ZERO, D("6500"), ZERO)
    schuld = _rij(rapport.terugbetalingen, "RIJK-A")
    assert (schuld.begin, schuld.bij, schuld.terugbetaald, schuld.eind) == (ZERO, D("8600"), ZERO, D("8600"))


def test_a_repayment_in_a_later_year_settles_the_debt(jaren) -> None:  # noqa: ANN001
    """RIJK-C: 8.000 to repay at 31 December 2024, repaid on 1 March 2025: the debt goes from 8.000 to
    0; the advance schedule of 2025 has no RIJK-C row (its advance was 0 on 1 January)."""
    rapport = jaren[2025]
    assert _rij(rapport.passiva, "RIJK-C") is None
    schuld = _rij(rapport.terugbetalingen, "RIJK-C")
    assert (schuld.begin, schuld.bij, schuld.terugbetaald, schuld.eind) == (D("8000"), ZERO, D("8000"), ZERO)


def test_the_final_payment_after_the_end_settles_the_prefinancing(jaren) -> None:  # noqa: ANN001
    """RIJK-B's last 15.000 (1 April 2025) settles what was pre-financed: no advance, activa 15.000 → 0."""
    rapport = jaren[2025]
    assert _rij(rapport.passiva, "RIJK-B") is None
    b = _rij(rapport.activa, "RIJK-B")
    assert (b.begin, b.bij, b.af, b.eind) == (D("15000"), ZERO, D("15000"), ZERO)
    assert [(r.stroom, r.begin, r.eind) for r in rapport.passiva] == [
        ("RIJK-A", ZERO, ZERO), ("PROV-Y", D("6000"), D("6000")), ("FONDS-X", D("8000"), D("8000"))]


@pytest.mark.parametrize("jaar", [2024, 2025])
def test_balances_and_flows_reconcile_with_beanquery(ledger, jaren, jaar) -> None:  # noqa: ANN001
    """Per stream: the closing balances are received − spent at 31 December (advance while running, debt
    to repay once ended, pre-financing when negative); the flows add up to the year's receipts,
    repayments and spending, each an independent beanquery sum."""
    rapport = jaren[jaar]
    einde = datetime.date(jaar, 12, 31)
    for code, stroom in sorted(ledger.programma.geldstromen.items()):
        if stroom.herkomst == "gemeente":
            continue
        netto = (_ontvangsten(ledger, code, f"year(date) <= {jaar}")
                 - _terugbetalingen(ledger, code, f"year(date) <= {jaar}"))
        saldo = netto - _besteed(ledger, code, f"year(date) <= {jaar}")
        p = _rij(rapport.passiva, code)
        a = _rij(rapport.activa, code)
        t = _rij(rapport.terugbetalingen, code)
        afgelopen = stroom.tot <= einde
        assert (p.eind if p else ZERO) == (ZERO if afgelopen else max(saldo, ZERO)), code
        assert (t.eind if t else ZERO) == (max(saldo, ZERO) if afgelopen else ZERO), code
        assert (a.eind if a else ZERO) == max(-saldo, ZERO), code
        # flows of the year
        ontvangen = _ontvangsten(ledger, code, f"year(date) = {jaar}")
        terug = _terugbetalingen(ledger, code, f"year(date) = {jaar}")
        besteed = _besteed(ledger, code, f"year(date) = {jaar}")
        assert (p.ontvangen if p else ZERO) + (a.af if a else ZERO) == ontvangen, code
        assert (p.terugbetaald if p else ZERO) + (t.terugbetaald if t else ZERO) == terug, code
        assert (p.vrijgevallen if p else ZERO) + (a.bij if a else ZERO) == besteed, code
        assert (p.verschil if p else ZERO) == 0 and (a.verschil if a else ZERO) == 0, code


# ---------------------------------------------------------------------------- the balance check can fail
ONTVANGEN_NOOIT = """
option "operating_currency" "EUR"
plugin "ledger.plugins.snw"
2023-01-01 custom "domein" "EID" "Eigenaarschap"
2023-01-01 open Assets:Bank:Programma EUR
2023-01-01 open Expenses:Actielijn:EID:EID-01-Schuldhulp
  code: "EID-01"
  naam: "Schuldhulp"
  domein: "EID"
2023-12-01 custom "geldstroom" "RIJK-D" "Terugbetaald wat niet ontvangen is"
  financier: "RIJK"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 30000.00 EUR
  van: 2024-01-01
  tot: 2026-12-31
2024-01-05 * "Rijk" "Beschikking"
  Assets:Te-ontvangen:RIJK-D                30000.00 EUR
  Liabilities:Nog-te-besteden:RIJK-D       -30000.00 EUR
2024-02-01 * "Rijk" "Voorschot"
  Assets:Bank:Programma                     10000.00 EUR
  Assets:Te-ontvangen:RIJK-D               -10000.00 EUR
2024-06-01 * "Schuldhulp" "RIJK-D"
  Expenses:Actielijn:EID:EID-01-Schuldhulp:RIJK-D      30000.00 EUR
  Assets:Bank:Programma
2025-03-01 * "Rijk" "Terugbetaling"
  Liabilities:Nog-te-besteden:RIJK-D         5000.00 EUR
  Assets:Bank:Programma
"""


def test_the_balance_check_fails_when_flows_and_balances_disagree(tmp_path: Path) -> None:
    """RIJK-D: 10.000 received, 30.000 spent in 2024 (20.000 pre-financed); in 2025 5.000 is "repaid"
    though no advance was left. Flows: begin 0 + ontvangen 0 − vrijgevallen 0 (no spending in 2025) −
    terugbetaald 5.000 − terug te betalen 0 = −5.000, but the closing advance is 0 (5.000 − 30.000 < 0):
    the staat does not close by −5.000; the activa neither (20.000 + 0 − 0 ≠ 25.000). A balancing
    vrijgevallen would hide it; the SiSa workbook warns and ``snw sisa`` fails."""
    path = tmp_path / "grootboek.beancount"
    path.write_text(ONTVANGEN_NOOIT, encoding="utf-8")
    grootboek = load_ledger(path)
    rapport = sisa(grootboek.entries, grootboek.programma, 2025)
    (p,) = rapport.passiva
    assert (p.begin, p.ontvangen, p.vrijgevallen, p.terugbetaald, p.terug_te_betalen, p.eind) == (
        ZERO, ZERO, ZERO, D("5000"), ZERO, ZERO)
    assert p.verschil == D("-5000")
    (a,) = rapport.activa
    assert (a.begin, a.bij, a.af, a.eind, a.verschil) == (D("20000"), ZERO, ZERO, D("25000"), D("-5000"))
    # 2024 closes: 10.000 received and released to spending, 20.000 pre-financed
    vorig = sisa(grootboek.entries, grootboek.programma, 2024)
    assert [(r.ontvangen, r.vrijgevallen, r.eind, r.verschil) for r in vorig.passiva] == [
        (D("10000"), D("10000"), ZERO, ZERO)]
    result = CliRunner().invoke(cli, ["--ledger", str(path), "sisa", "2025", "--naar", str(tmp_path)])
    assert result.exit_code != 0
    assert "sluit niet voor: RIJK-D" in result.output


# ---------------------------------------------------------------------------- the vaststelling
def test_vaststelling_edges() -> None:
    """The one rule, by hand: final claim = min(awarded, eligible); repay = received − claim (≥ 0);
    not received = awarded − max(received, claim); still to receive = claim − received (≥ 0)."""
    # spending above receipts: nothing to repay, 15.000 still to receive, 5.000 never received
    v = vaststelling(D("50000"), D("30000"), D("45000"), "afgelopen")
    assert (v.vastgesteld, v.terug_te_betalen, v.niet_te_ontvangen, v.nog_te_ontvangen, v.prognose) == (
        D("45000"), ZERO, D("5000"), D("15000"), False)
    # exactly at the limit: received = spent = awarded: all 0
    v = vaststelling(D("40000"), D("40000"), D("40000"), "afgelopen")
    assert (v.terug_te_betalen, v.niet_te_ontvangen, v.nog_te_ontvangen) == (ZERO, ZERO, ZERO)
    # spending beyond the award: the claim is the award
    v = vaststelling(D("40000"), D("40000"), D("41000"), "afgelopen")
    assert (v.vastgesteld, v.terug_te_betalen, v.niet_te_ontvangen) == (D("40000"), ZERO, ZERO)
    # received more than the claim: 8.600 to repay; of the award 75.000 − 61.400 = 13.600 lapses,
    # 8.600 of it is repaid and 5.000 never received
    v = vaststelling(D("75000"), D("70000"), D("61400"), "afgelopen")
    assert (v.vastgesteld, v.terug_te_betalen, v.niet_te_ontvangen, v.nog_te_ontvangen) == (
        D("61400"), D("8600"), D("5000"), ZERO)
    assert v.toegekend - v.vastgesteld == v.terug_te_betalen + v.niet_te_ontvangen
    assert vaststelling(D(1), D(0), D(0), "prognose").prognose
    with pytest.raises(ValueError, match="grondslag"):
        vaststelling(D(1), D(0), D(0), "geschat")


def test_settled_for_an_ended_grant_forecast_for_a_running_one(jaren) -> None:  # noqa: ANN001
    """SiSa 2024: RIJK-B and RIJK-C ended (settled); RIJK-A runs to 2025: its end is a forecast:
    6.500 spent + 6.500 in the 365 days to 31 December 2025 at the last twelve months' pace = 13.000."""
    per = {u.stroom: u for u in jaren[2024].uitkeringen}
    assert sorted(per) == ["RIJK-A", "RIJK-B", "RIJK-C"]
    figures = {code: (u.vaststelling.grondslag, u.vaststelling.subsidiabel, u.vaststelling.vastgesteld, u.ontvangen,
                      u.terug_te_betalen, u.niet_te_ontvangen, u.vaststelling.nog_te_ontvangen)
               for code, u in per.items()}
    assert figures == {
        "RIJK-A": ("prognose", D("13000"), D("13000"), ZERO, ZERO, D("62000"), D("13000")),
        "RIJK-B": ("afgelopen", D("45000"), D("45000"), D("30000"), ZERO, D("5000"), D("15000")),
        "RIJK-C": ("afgelopen", D("32000"), D("32000"), D("40000"), D("8000"), ZERO, ZERO),
    }
    (a,) = jaren[2025].uitkeringen
    assert (a.stroom, a.vaststelling.grondslag, a.vaststelling.subsidiabel, a.ontvangen, a.terug_te_betalen,
            a.niet_te_ontvangen, a.vaststelling.nog_te_ontvangen) == (
        "RIJK-A", "afgelopen", D("61400"), D("70000"), D("8600"), D("5000"), ZERO)


def test_geldstromen_settlement_equals_sisa_and_beanquery(ledger, jaren) -> None:  # noqa: ANN001
    """The same Vaststelling in both reports; received and eligible spending are ledger sums."""
    for jaar, rapport in jaren.items():
        overzicht = {r.code: r for r in geldstromen_overzicht(ledger.entries, ledger.programma, jaar,
                                                               peildatum=datetime.date(jaar, 12, 31)).regels}
        for u in rapport.uitkeringen:
            assert overzicht[u.stroom].vaststelling == u.vaststelling
        for code, regel in overzicht.items():
            netto = (_ontvangsten(ledger, code, f"year(date) <= {jaar}")
                     - _terugbetalingen(ledger, code, f"year(date) <= {jaar}"))
            stroom = ledger.programma.geldstromen[code]
            binnen = _besteed(ledger, code, f"date >= {stroom.van.isoformat()} AND date <= {stroom.tot.isoformat()} "
                                            f"AND year(date) <= {jaar}")
            assert regel.ontvangen_netto == netto, code
            assert regel.besteed_subsidiabel == binnen, code
            if regel.afgelopen:
                assert regel.vaststelling.subsidiabel == binnen, code
                assert regel.terug_te_betalen == max(netto - min(regel.toegekend, binnen), ZERO), code


def _csv(args: list[str]) -> dict[str, dict[str, str]]:
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), *args])
    assert result.exit_code == 0, result.output
    lines = [row.split(";") for row in result.output.splitlines() if ";" in row]
    return {row[0]: dict(zip(lines[0], row)) for row in lines[1:]}


def test_geldstromen_csv_shows_the_settlement() -> None:
    rows = _csv(["geldstromen", "--jaar", "2025", "--formaat", "csv"])
    a, c = rows["RIJK-A"], rows["RIJK-C"]
    assert (a["Grondslag einde"], a["Subsidiabele bestedingen bij einde"], a["Vaststelling (eindclaim)"],
            a["Ontvangen"], a["Terug te betalen bij einde"], a["Niet te ontvangen bij einde"],
            a["Nog te ontvangen na vaststelling"], a["Vooruit ontvangen"]) == (
        "vastgesteld (afgelopen)", "61.400,00", "61.400,00", "70.000,00", "8.600,00", "5.000,00", "0,00", "0,00")
    # RIJK-C repaid its 8.000 in 2025: received (net) 32.000 = the claim, nothing left to repay
    assert (c["Ontvangen"], c["Terug te betalen bij einde"]) == ("32.000,00", "0,00")
    rows = _csv(["geldstromen", "--jaar", "2024", "--formaat", "csv"])
    assert (rows["RIJK-A"]["Grondslag einde"], rows["RIJK-A"]["Subsidiabele bestedingen bij einde"]) == (
        "prognose einddatum", "13.000,00")
    assert (rows["RIJK-B"]["Nog te ontvangen na vaststelling"], rows["RIJK-B"]["Terug te betalen bij einde"]) == (
        "15.000,00", "0,00")


def test_geldstromen_xlsx_and_sisa_workbook_show_the_settlement(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import openpyxl

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    xlsx = tmp_path / "geldstromen.xlsx"
    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "geldstromen", "--jaar", "2025", "--formaat", "xlsx",
                                      "--naar", str(xlsx)])
    assert result.exit_code == 0, result.output
    blad = openpyxl.load_workbook(xlsx)["Geldstromen"]
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    kop_index = next(i for i, rij in enumerate(rijen) if rij[0] == "Geldstroom")
    kop = rijen[kop_index]
    a = dict(zip(kop, next(r for r in rijen[kop_index:] if r[0] == "RIJK-A")))
    assert (a["Grondslag einde"], a["Vaststelling (eindclaim)"], a["Terug te betalen bij einde"],
            a["Niet te ontvangen bij einde"], a["Nog te ontvangen na vaststelling"]) == (
        "vastgesteld (afgelopen)", 61400, 8600, 5000, 0)

    result = CliRunner().invoke(cli, ["--ledger", str(LEDGER), "sisa", "2025", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    boek = openpyxl.load_workbook(tmp_path / "sisa-2025.xlsx")
    rijen = [[c.value for c in rij] for rij in boek["SiSa 2025"].iter_rows()]
    kop = next(r for r in rijen if r[0] == "SiSa-code" and "Vaststelling (eindclaim)" in r)
    a = dict(zip(kop, next(r for r in rijen if r[1] == "RIJK-A" and len(r) >= len(kop) and r[kop.index(
        "Grondslag einde")])))
    assert (a["Ontvangen t/m 2025"], a["Grondslag einde"], a["Subsidiabele bestedingen bij einde"],
            a["Vaststelling (eindclaim)"], a["Terug te betalen bij einde"], a["Niet te ontvangen bij einde"],
            a["Nog te ontvangen na vaststelling"]) == (70000, "vastgesteld (afgelopen)", 61400, 61400, 8600, 5000, 0)
    passiva = [[c.value for c in rij] for rij in boek["Overlopende passiva"].iter_rows()]
    titels = [r[0] for r in passiva if isinstance(r[0], str) and r[0].startswith((
        "Rijk: ", "Overige overheden: ", "Overige derden: ", "EU: ", "Staat van overlopende passiva 2025", "Terug te "))]
    assert titels == [
        "Rijk: Voorschotten van het Rijk (BBV art. 49b)",
        "Overige overheden: Voorschotten van overige Nederlandse overheidslichamen (BBV art. 49b)",
        "Staat van overlopende passiva 2025 per herkomst (BBV art. 49b)",
        "Overige derden: Vooruitontvangen bedragen van overige derden (fondsen en anderen; geen art. 49b)",
        "Terug te betalen op afgelopen uitkeringen 2025",
    ]
    samenvatting = passiva.index(next(r for r in passiva if r[0] == "Herkomst"))
    herkomsten = []
    for rij in passiva[samenvatting + 1:]:
        if not rij[0] or str(rij[0]).startswith("Totaal"):
            break
        herkomsten.append(rij[0])
    assert herkomsten == ["Rijk", "Overige overheden"]  # the fund is not in the 49b summary


BUITEN_LOOPTIJD = """
option "operating_currency" "EUR"
plugin "ledger.plugins.snw"
2023-01-01 custom "domein" "EID" "Eigenaarschap"
2023-01-01 open Assets:Bank:Programma EUR
2023-01-01 open Expenses:Actielijn:EID:EID-01-Schuldhulp
  code: "EID-01"
  naam: "Schuldhulp"
  domein: "EID"
2023-12-01 custom "geldstroom" "RIJK-E" "Besteding na de einddatum"
  financier: "RIJK"
  herkomst: "rijk"
  specifieke_uitkering: TRUE
  status: "toegekend"
  bedrag: 12000.00 EUR
  van: 2024-01-01
  tot: 2024-06-30
2024-01-05 * "Rijk" "Beschikking"
  Assets:Te-ontvangen:RIJK-E                12000.00 EUR
  Liabilities:Nog-te-besteden:RIJK-E       -12000.00 EUR
2024-02-01 * "Rijk" "Voorschot"
  Assets:Bank:Programma                     12000.00 EUR
  Assets:Te-ontvangen:RIJK-E               -12000.00 EUR
2024-05-01 * "Schuldhulp" "binnen de looptijd"
  Expenses:Actielijn:EID:EID-01-Schuldhulp:RIJK-E      10000.00 EUR
  Assets:Bank:Programma
2024-08-01 * "Schuldhulp" "na de einddatum"
  Expenses:Actielijn:EID:EID-01-Schuldhulp:RIJK-E       2000.00 EUR
  Assets:Bank:Programma
"""


def test_spending_after_the_end_is_not_eligible(tmp_path: Path) -> None:
    """RIJK-E ends on 30 June 2024: 12.000 received, 10.000 spent within the period and 2.000 after it
    (a finding of the plugin). Eligible 10.000 = the final claim: 12.000 − 10.000 = 2.000 to repay."""
    path = tmp_path / "grootboek.beancount"
    path.write_text(BUITEN_LOOPTIJD, encoding="utf-8")
    grootboek = load_ledger(path)
    assert any("looptijd" in str(error.message) for error in grootboek.errors)
    (regel,) = geldstromen_overzicht(grootboek.entries, grootboek.programma, 2024,
                                     peildatum=datetime.date(2024, 12, 31)).regels
    assert (regel.besteed_cumulatief, regel.besteed_subsidiabel) == (D("12000"), D("10000"))
    v = regel.vaststelling
    assert (v.grondslag, v.subsidiabel, v.vastgesteld, v.terug_te_betalen) == (
        "afgelopen", D("10000"), D("10000"), D("2000"))
    assert regel.terug_te_betalen == D("2000")


def test_the_verantwoording_names_49b_third_parties_and_repayments_apart(ledger) -> None:  # noqa: ANN001
    """2025: 49b = PROV-Y's 6.000 (RIJK-A ended: its 8.600 is to repay); FONDS-X's 8.000 apart."""
    from reports.compute.verantwoording import verantwoording
    from reports.documents.verantwoording import besluitpunten
    from reports.documents.verantwoording import samenvatting_tekst

    v = verantwoording(ledger.entries, ledger.programma, 2025)
    assert [z for z in samenvatting_tekst(v, 0) if "passiva" in z] == [
        "De staat van overlopende passiva (voorschotten van overheden, BBV art. 49b) sluit per 31 december 2025 op "
        "€ 6.000 aan ontvangen en nog niet besteed geld; van fondsen en andere derden is € 8.000 vooruitontvangen; "
        "op afgelopen uitkeringen is € 8.600 terug te betalen."]
    assert any("staat van overlopende passiva (€ 6.000,00 per 31 december 2025)" in p for p in besluitpunten(v, 0))

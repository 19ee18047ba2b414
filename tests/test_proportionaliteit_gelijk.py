"""Proportionality compares like with like (issue 9, item 9).

On the hand-built ledger tests/data/gelijk/main.beancount (figures in its comments):
pledges against contributions over the same years per partner, a partner pledging in fewer
years than it contributes, the Nieuw-West average over spending with a buurt only (rows of
their own for the rest of Nieuw-West and for spending without a buurt), hours valued at
the tariff of their date and shown exactly. Every new figure is also reconciled with an
independent beanquery sum, here and on the demo ledger.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest

from ledger.demo import __file__ as demo_init
from ledger.load import load_ledger
from reports.compute.proportionaliteit import proportionaliteit
from reports.documents.proportionaliteit import proportionaliteit_document
from reports.render.html import render_html

LEDGER = Path(__file__).parent / "data" / "gelijk" / "main.beancount"
DEMO = Path(demo_init).parent / "main.beancount"
D = Decimal


@pytest.fixture(scope="module")
def ledger():  # noqa: ANN201
    return load_ledger(LEDGER)


@pytest.fixture(scope="module")
def rapport(ledger):  # noqa: ANN001, ANN201
    return proportionaliteit(ledger.entries, ledger.programma, 2025)


def bq(ledger, query: str) -> Decimal:  # noqa: ANN001
    """One number from beanquery over the loaded entries (0 when there are no rows)."""
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(query).fetchall()
    value = rows[0][0] if rows else None
    return value if value is not None else D(0)


def pledges(ledger, partner: str, jaren: tuple[int, ...]) -> Decimal:  # noqa: ANN001
    """The partner's pledges in those years, read straight from the custom entries."""
    return sum((e.values[2].value.number for e in ledger.entries
                if getattr(e, "type", None) == "toezegging" and e.values[0].value == partner
                and int(e.values[1].value) in jaren), D(0))


def inzet(ledger, partner: str, jaren: tuple[int, ...], kolom: str = "number") -> Decimal:  # noqa: ANN001
    """The partner's contribution (or hours) in those years, from its ``Income:Inzet`` account."""
    if not jaren:
        return D(0)
    years = "(" + " OR ".join(f"year(date) = {j}" for j in jaren) + ")"
    if kolom == "uren":
        connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                       options=ledger.options_map)
        rows = connection.execute(f"SELECT meta('uren') WHERE account ~ ':EIGEN$' AND meta('partner') = '{partner}' "
                                  f"AND meta('uren') IS NOT NULL AND {years}").fetchall()
        return sum((D(r[0]) for r in rows), D(0))
    return -bq(ledger, f"SELECT sum(number) WHERE account = 'Income:Inzet:{partner}' AND {years}")


def test_ledger_is_clean(ledger) -> None:  # noqa: ANN001
    assert ledger.errors == []


# ---------------------------------------------------------------------------- partners
def test_cumulative_pledges_against_the_same_years(rapport) -> None:  # noqa: ANN001
    overzicht = rapport.partners_cumulatief
    assert (overzicht.periode, overzicht.toezegging_jaren) == ("2023–2025", (2023, 2024, 2025))
    regels = {r.code: r for r in overzicht.regels}
    gem, hva, stad, bo = regels["GEM-AMS"], regels["HVA"], regels["STADGENOOT"], regels["BO-NW"]
    # GEM-AMS pledged for 2024 and 2025 only: 2023's 10.000 is on neither side.
    assert (gem.toezegging_jaren, gem.toezegging, gem.totaal) == ((2024, 2025), D("50000.00"), D("50000.00"))
    assert (gem.inzet_toezeggingsjaren, gem.inzet_zonder_toezegging) == (D("40000.00"), D("10000.00"))
    assert gem.realisatie_toezegging == D("0.8")  # not 50.000 / 50.000 = 100%
    assert (gem.toezegging_uren, gem.uren_toezeggingsjaren, gem.realisatie_uren) == (D(50), D(50), D(1))
    # HVA pledged for 2025 only; 2024's hours (108,75 at 100,00) are on neither side.
    assert (hva.toezegging_jaren, hva.toezegging) == ((2025,), D("15000.00"))
    assert (hva.uren, hva.formatie, hva.totaal) == (D("217.50"), D("23925.00"), D("23925.00"))
    assert (hva.inzet_toezeggingsjaren, hva.inzet_zonder_toezegging) == (D("13050.00"), D("10875.00"))
    assert hva.realisatie_toezegging == D("0.87")  # not 23.925 / 15.000 = 159,5%
    assert (hva.toezegging_uren, hva.uren_toezeggingsjaren) == (D(120), D("108.75"))
    assert hva.realisatie_uren == D("0.90625")
    # STADGENOOT pledged every year; BO-NW never.
    assert (stad.toezegging_jaren, stad.inzet_toezeggingsjaren, stad.realisatie_toezegging) == (
        (2023, 2024, 2025), D("15000.00"), D(1))
    assert (bo.toezegging_jaren, bo.toezegging, bo.realisatie_toezegging, bo.inzet_zonder_toezegging) == (
        (), None, None, D("1000.00"))
    # All partners: 68.050 in their pledge years against 80.000 pledged.
    assert overzicht.totaal("inzet_toezeggingsjaren") == D("68050.00")
    assert overzicht.totaal("toezegging") == D("80000.00")
    assert overzicht.realisatie_toezegging == D("0.850625")
    assert overzicht.totaal("inzet_zonder_toezegging") == D("21875.00")
    # The draagkracht comparison keeps the whole period for every partner.
    assert overzicht.totaal("totaal") == D("89925.00")


def test_year_pledges(rapport) -> None:  # noqa: ANN001
    regels = {r.code: r for r in rapport.partners_jaar.regels}
    assert {c: r.toezegging_jaren for c, r in regels.items()} == {
        "BO-NW": (), "GEM-AMS": (2025,), "HVA": (2025,), "STADGENOOT": (2025,)}
    assert {c: r.realisatie_toezegging for c, r in regels.items()} == {
        "BO-NW": None, "GEM-AMS": D("0.8"), "HVA": D("0.87"), "STADGENOOT": D(1)}
    assert regels["HVA"].formatie == D("13050.00") and regels["HVA"].uren == D("108.75")


def test_partner_figures_equal_beanquery(ledger, rapport) -> None:  # noqa: ANN001
    for overzicht in (rapport.partners_jaar, rapport.partners_cumulatief):
        for r in overzicht.regels:
            assert r.totaal == inzet(ledger, r.code, tuple(range(overzicht.van_jaar, overzicht.tot_jaar + 1)))
            assert r.inzet_toezeggingsjaren == inzet(ledger, r.code, r.toezegging_jaren), r.code
            assert r.uren_toezeggingsjaren == inzet(ledger, r.code, r.toezegging_jaren, "uren"), r.code
            if r.toezegging is not None:
                assert r.toezegging == pledges(ledger, r.code, r.toezegging_jaren)
    # formatie at the tariff of its date: 2024 at 100,00, 2025 at 120,00 (HVA)
    assert bq(ledger, "SELECT sum(number) WHERE account ~ ':EIGEN$' AND meta('partner') = 'HVA' "
                      "AND year(date) = 2024") == D("108.75") * D("100.00")
    assert bq(ledger, "SELECT sum(number) WHERE account ~ ':EIGEN$' AND meta('partner') = 'HVA' "
                      "AND year(date) = 2025") == D("108.75") * D("120.00")


# ---------------------------------------------------------------------------- buurten
def test_buurt_average_over_assigned_spending(rapport) -> None:  # noqa: ANN001
    b = rapport.buurten
    assert (b.met_buurt, b.zonder_buurt, b.totaal) == (D("32000.00"), D("50000.00"), D("82000.00"))
    assert b.nw_gemiddelde == D("3.2")  # 32.000 / 10.000, not 82.000 / 10.000 = 8,20
    regels = {r.code: r for r in b.regels}
    assert {c: r.besteed for c, r in regels.items()} == {
        "noord": D("14000.00"), "zuid": D("16000.00"), "plein": D("2000.00")}
    assert (regels["noord"].per_bewoner, regels["noord"].index) == (D(14), D("4.375"))
    assert (regels["zuid"].per_bewoner, regels["zuid"].index) == (D(4), D("1.25"))
    assert regels["plein"].per_bewoner is None and regels["plein"].index is None
    assert (b.focus_besteed, b.focus_bewoners, b.focus_gemiddelde, b.focus_index) == (
        D("30000.00"), 5000, D(6), D("1.875"))
    assert (b.elders, b.rest_bewoners, b.rest_gemiddelde, b.rest_index) == (
        D("2000.00"), 5000, D("0.4"), D("0.125"))
    assert b.aandeel_zonder_buurt == D("0.6097560975609756097560975610")  # 50.000 / 82.000
    (cluster,) = b.clusters
    assert (cluster.bewoners, cluster.besteed, cluster.per_bewoner, cluster.index) == (
        5000, D("30000.00"), D(6), D("1.875"))


def _buurt_sums(ledger, jaar: int) -> dict:  # noqa: ANN001
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(f"SELECT meta('buurt'), sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                              f"AND year(date) = {jaar} GROUP BY 1").fetchall()
    return {r[0]: r[1] for r in rows}


def _reconcile_buurten(ledger, buurten) -> None:  # noqa: ANN001
    per_buurt = _buurt_sums(ledger, buurten.jaar)
    met = sum((v for k, v in per_buurt.items() if k is not None), D(0))
    bewoners = {c: b.bewoners for c, b in ledger.programma.buurten.items()}
    focus = sum((v for k, v in per_buurt.items() if bewoners.get(k)), D(0))
    focus_bewoners = sum(n for n in bewoners.values() if n)
    assert buurten.met_buurt == met
    assert buurten.zonder_buurt == per_buurt.get(None, D(0))
    assert buurten.nw_gemiddelde == met / buurten.nw_bewoners
    assert buurten.focus_besteed == focus
    assert buurten.focus_gemiddelde == focus / focus_bewoners
    assert buurten.elders == met - focus
    assert buurten.rest_bewoners == buurten.nw_bewoners - focus_bewoners
    assert buurten.rest_gemiddelde == (met - focus) / (buurten.nw_bewoners - focus_bewoners)
    for regel in buurten.regels:
        if regel.bewoners:
            assert regel.index == (per_buurt.get(regel.code, D(0)) / regel.bewoners) / (met / buurten.nw_bewoners)


def test_buurten_reconcile_with_beanquery(ledger, rapport) -> None:  # noqa: ANN001
    _reconcile_buurten(ledger, rapport.buurten)


# ---------------------------------------------------------------------------- document
@pytest.fixture(scope="module")
def html(rapport) -> str:  # noqa: ANN001
    return render_html(proportionaliteit_document(rapport, documentdatum=datetime.date(2026, 1, 1), kenmerk="x",
                                                  demo=False))


def test_document_names_the_years_and_shows_hours_exactly(html) -> None:  # noqa: ANN001
    assert "Inzet tegenover toezegging, dezelfde jaren, 2023–2025" in html
    assert "<td>2024, 2025</td>" in html  # GEM-AMS's pledge years
    assert "108,75" in html and "217,5" in html and "108,8" not in html
    assert "Toegezegd voor 2023, 2024, 2025: €\u00a080.000; inzet van de partners in de jaren van hun " \
           "toezegging: €\u00a068.050 (85,1% van de toezegging)." in html
    assert "Inzet in jaren zonder toezegging: €\u00a021.875" in html


def test_document_buurt_rows(html) -> None:  # noqa: ANN001
    assert "Gemiddelde van Nieuw-West: €\u00a03,20 per bewoner (€\u00a032.000 met een buurt over 10.000 " \
           "bewoners; bestedingen zonder buurt tellen niet mee)." in html
    assert "Rest van Nieuw-West (pleinen en andere plekken buiten de focusbuurten)" in html
    assert "Zonder buurt (niet aan een buurt toe te wijzen)" in html
    assert "Zonder buurt geboekt: €\u00a050.000 (61,0% van alle bestedingen)" in html


# ---------------------------------------------------------------------------- demo
@pytest.fixture(scope="module")
def demo():  # noqa: ANN201
    return load_ledger(DEMO)


@pytest.mark.parametrize("jaar", [2024, 2025])
def test_demo_new_figures_reconcile(demo, jaar: int) -> None:  # noqa: ANN001
    rapport = proportionaliteit(demo.entries, demo.programma, jaar)
    for overzicht in (rapport.partners_jaar, rapport.partners_cumulatief):
        for r in overzicht.regels:
            assert r.inzet_toezeggingsjaren == inzet(demo, r.code, r.toezegging_jaren), r.code
            assert r.uren_toezeggingsjaren == inzet(demo, r.code, r.toezegging_jaren, "uren"), r.code
            if r.toezegging is not None:
                assert r.toezegging == pledges(demo, r.code, r.toezegging_jaren), r.code
                assert r.realisatie_toezegging == r.inzet_toezeggingsjaren / r.toezegging
    _reconcile_buurten(demo, rapport.buurten)


def test_demo_cumulative_realisation_is_like_with_like(demo) -> None:  # noqa: ANN001
    """2023–2025 contributions against 2024–2025 pledges put every partner at 124–128%; per year ~90%."""
    overzicht = proportionaliteit(demo.entries, demo.programma, 2025).partners_cumulatief
    assert overzicht.toezegging_jaren == (2024, 2025)
    assert all(r.toezegging_jaren == (2024, 2025) for r in overzicht.regels)
    assert all(D("0.85") < r.realisatie_toezegging < D("1") for r in overzicht.regels)

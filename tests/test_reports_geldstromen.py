"""``snw geldstromen`` reconciles with the ledger: every figure against an independent
beanquery sum (or a plain walk over the raw entries), to the cent."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount.core import data
from click.testing import CliRunner

from cli.main import cli
from ledger.load import Ledger
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht

ZERO = Decimal(0)


_CONNECTIONS: dict[int, object] = {}


def bql(ledger: Ledger, query: str) -> Decimal:
    connection = _CONNECTIONS.get(id(ledger))
    if connection is None:
        connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                       options=ledger.options_map)
        _CONNECTIONS[id(ledger)] = connection
    rows = connection.execute(query).fetchall()
    return rows[0][0] if rows and rows[0][0] is not None else ZERO


def leaf(code: str) -> str:
    return "^Expenses:Actielijn:[^:]+:[^:]+:" + code.replace("-", "\\-") + "$"


def bql_per_account(ledger: Ledger, where: str) -> dict[str, Decimal]:
    connection = _CONNECTIONS.get(id(ledger))
    if connection is None:
        bql(ledger, "SELECT 1")
        connection = _CONNECTIONS[id(ledger)]
    rows = connection.execute(f"SELECT account, sum(number) FROM postings WHERE {where} GROUP BY account").fetchall()
    return {account: total for account, total in rows}


def per_stream(sums: dict[str, Decimal]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for account, total in sums.items():
        code = account.rsplit(":", 1)[1]
        out[code] = out.get(code, ZERO) + total
    return out


SISA = Path(__file__).parent / "data" / "sisa" / "main.beancount"


@pytest.fixture(scope="module")
def sisa_ledger() -> Ledger:
    ledger = load_ledger(SISA)
    assert ledger.errors == []
    return ledger


@pytest.mark.parametrize("jaar", [2023, 2024, 2025])
def test_streams_with_repayments_reconcile(sisa_ledger: Ledger, jaar: int) -> None:
    """The SiSa test ledger repays part of a grant: what is left is the liability, to the cent."""
    overzicht = geldstromen_overzicht(sisa_ledger.entries, sisa_ledger.programma, jaar)
    peil = overzicht.peildatum.isoformat()
    schuld = per_stream(bql_per_account(sisa_ledger, f"account ~ '^Liabilities:Nog-te-besteden:' AND date <= {peil}"))
    inkomen = per_stream(bql_per_account(sisa_ledger, f"account ~ '^Income:Geldstroom:' AND date <= {peil}"))
    assert overzicht.regels
    for regel in overzicht.regels:
        assert regel.nog_te_besteden == -schuld.get(regel.code, ZERO), regel.code
        assert -inkomen.get(regel.code, ZERO) == regel.besteed_cumulatief, regel.code


def test_streams_declared_later_are_not_shown(demo: Ledger) -> None:
    codes = {regel.code for regel in geldstromen_overzicht(demo.entries, demo.programma, 2023).regels}
    assert "SPUK-KW" in codes
    assert "SPUK-KW-2026" not in codes  # declared in 2025


@pytest.mark.parametrize("jaar", [2023, 2024, 2025, 2026])
def test_every_stream_reconciles(demo: Ledger, jaar: int) -> None:
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, jaar)
    peil = overzicht.peildatum.isoformat()
    assert overzicht.regels, "no streams"
    leaves = "account ~ '^Expenses:Actielijn:[^:]+:[^:]+:[^:]+$'"
    besteed = per_stream(bql_per_account(demo, f"{leaves} AND date <= {peil}"))
    besteed_jaar = per_stream(bql_per_account(demo, f"{leaves} AND date <= {peil} AND year = {jaar}"))
    inkomen = per_stream(bql_per_account(demo, f"account ~ '^Income:Geldstroom:' AND date <= {peil}"))
    schuld = per_stream(bql_per_account(demo, f"account ~ '^Liabilities:Nog-te-besteden:' AND date <= {peil}"))
    ontvangen = per_stream(bql_per_account(demo, f"account ~ '^Assets:Te-ontvangen:' AND number < 0 "
                                                 f"AND date <= {peil}"))
    geboekt = per_stream(bql_per_account(demo, f"account ~ '^Liabilities:Nog-te-besteden:' "
                                               f"AND meta('__derived__') IS NULL AND date <= {peil}"))
    for regel in overzicht.regels:
        code = regel.code
        assert regel.besteed_cumulatief == besteed.get(code, ZERO), code
        assert regel.besteed_jaar == besteed_jaar.get(code, ZERO), code
        # Income per stream equals what it funded; the liability is what is left to spend.
        assert -inkomen.get(code, ZERO) == regel.besteed_cumulatief, code
        assert regel.nog_te_besteden == -schuld.get(code, ZERO), code
        assert regel.nog_te_besteden == regel.geboekt - regel.besteed_cumulatief, code
        assert regel.geboekt == -geboekt.get(code, ZERO), code
        assert regel.ontvangen == -ontvangen.get(code, ZERO), code
    # Partners' own contributions are income per partner, equal to what they funded.
    inzet = sum(bql_per_account(demo, f"account ~ '^Income:Inzet:' AND date <= {peil}").values(), ZERO)
    assert -inzet == besteed.get("EIGEN", ZERO)


def test_begroot_and_verplicht_from_raw_entries(demo: Ledger) -> None:
    jaar = 2026
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, jaar)
    begroot: dict[str, Decimal] = {}
    committed: dict[str, tuple[str, str, str, Decimal]] = {}
    for entry in demo.entries:
        if isinstance(entry, data.Custom) and entry.type in ("begroting", "begrotingswijziging"):
            values = [v.value for v in entry.values]
            if int(values[0]) == jaar:
                begroot[values[2]] = begroot.get(values[2], ZERO) + values[3].number
        if isinstance(entry, data.Custom) and entry.type == "verplichting" and entry.date <= overzicht.peildatum:
            values = [v.value for v in entry.values]
            committed[entry.meta["kenmerk"]] = (values[0], values[1], entry.meta["kenmerk"], values[2].number)
    paid = {kenmerk: ZERO for kenmerk in committed}
    for entry in demo.entries:
        if isinstance(entry, data.Transaction) and entry.date <= overzicht.peildatum:
            for link in entry.links:
                if link in committed:
                    code, stroom = committed[link][0], committed[link][1]
                    for posting in entry.postings:
                        if posting.account.endswith(":" + stroom) and f":{code}-" in posting.account:
                            paid[link] += posting.units.number
    # changes and closings from the raw directives: a wijziging adds its amount, an afsluiting leaves 0 open
    delta = {kenmerk: ZERO for kenmerk in committed}
    closed: set[str] = set()
    for entry in demo.entries:
        if (isinstance(entry, data.Custom) and entry.date <= overzicht.peildatum
                and entry.type in ("verplichting-wijziging", "verplichting-afsluiting")):
            kenmerk = entry.values[0].value
            if entry.type == "verplichting-afsluiting":
                closed.add(kenmerk)
            else:
                delta[kenmerk] += entry.values[1].value.number
    assert closed  # the demo closes its commitments on ended streams
    open_per_stream: dict[str, Decimal] = {}
    for kenmerk, (_, stroom, _, bedrag) in committed.items():
        open_bedrag = ZERO if kenmerk in closed else max(bedrag + delta[kenmerk] - paid[kenmerk], ZERO)
        open_per_stream[stroom] = open_per_stream.get(stroom, ZERO) + open_bedrag
    for regel in overzicht.regels:
        assert regel.begroot == begroot.get(regel.code, ZERO), regel.code
        assert regel.verplicht == open_per_stream.get(regel.code, ZERO), regel.code
    assert sum(v for k, v in begroot.items() if k != "EIGEN") == overzicht.totaal("begroot")


def test_spuk_kw_awarded_in_csv(demo: Ledger) -> None:
    result = CliRunner().invoke(cli, ["geldstromen", "--format", "csv", "--year", "2025"])
    assert result.exit_code == 0, result.output
    lines = [row.split(";") for row in result.output.splitlines()]
    kop = lines[0]
    rows = {row[0]: dict(zip(kop, row)) for row in lines[1:]}
    assert rows["SPUK-KW"]["Toegekend"] == "12.000.000,00"
    besteed = bql(demo, f"SELECT sum(number) FROM postings WHERE account ~ '{leaf('SPUK-KW')}' AND year <= 2025")
    assert rows["SPUK-KW"]["Besteed cumulatief"] == f"{besteed:,.2f}".replace(",", "X").replace(".", ",").replace(
        "X", ".")


def test_forecast_of_an_ended_stream_is_what_is_left(demo: Ledger) -> None:
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, 2026)
    spuk = next(regel for regel in overzicht.regels if regel.code == "SPUK-KW")
    assert spuk.einddatum == datetime.date(2025, 12, 31)
    assert spuk.prognose_einde == spuk.toegekend - spuk.besteed_cumulatief


def test_demo_check_is_clean() -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.output == ""


@pytest.mark.parametrize("jaar", [2024, 2026])
def test_reports_agree_on_spending(demo: Ledger, jaar: int) -> None:
    """geldstromen, begroting and proportionaliteit give the same spending for the same year."""
    from reports.compute.begroting import realisatie
    from reports.compute.proportionaliteit import proportionaliteit

    overzicht = geldstromen_overzicht(demo.entries, demo.programma, jaar)
    per_stroom: dict[str, Decimal] = {}
    for (_, stroom), bedrag in realisatie(demo.entries, demo.programma, datetime.date(jaar, 1, 1),
                                          overzicht.peildatum).items():
        per_stroom[stroom] = per_stroom.get(stroom, ZERO) + bedrag
    for regel in overzicht.regels:
        assert regel.besteed_jaar == per_stroom.get(regel.code, ZERO), regel.code
    rapport = proportionaliteit(demo.entries, demo.programma, jaar)
    assert rapport.peildatum == overzicht.peildatum
    assert rapport.totaal_besteed == sum(per_stroom.values(), ZERO)
    eigen = sum((r.totaal for r in rapport.partners_jaar.regels), ZERO)
    assert eigen == per_stroom["EIGEN"]


@pytest.mark.parametrize("jaar", [2024, 2026])
def test_received_to_receive_advance_and_prefinanced_reconcile(demo: Ledger, jaar: int) -> None:
    """Receipts are credits to Assets:Te-ontvangen outside award bookings, repayments are cash
    debits to the liability; advance and pre-financing follow from received and spent."""
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, jaar)
    tot = overzicht.peildatum.isoformat()
    connection = beanquery.connect("beancount:", entries=demo.entries, errors=demo.errors, options=demo.options_map)

    def per_stroom(query: str) -> dict[str, Decimal]:
        return {leaf_: number for leaf_, number in connection.execute(query).fetchall()}

    ontvangen = per_stroom(
        "SELECT leaf(account), sum(number) FROM postings WHERE account ~ '^Assets:Te-ontvangen:' AND number < 0 "
        f"AND date <= {tot} AND NOT joinstr(other_accounts) ~ 'Liabilities:Nog-te-besteden:' GROUP BY 1")
    terug = per_stroom(
        "SELECT leaf(account), sum(number) FROM postings WHERE account ~ '^Liabilities:Nog-te-besteden:' "
        f"AND number > 0 AND date <= {tot} AND meta('__derived__') IS NULL "
        "AND NOT joinstr(other_accounts) ~ 'Assets:Te-ontvangen:' GROUP BY 1")
    besteed = per_stroom(
        "SELECT leaf(account), sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
        f"AND date <= {tot} GROUP BY 1")
    for regel in overzicht.regels:
        code = regel.code
        netto = -ontvangen.get(code, ZERO) - terug.get(code, ZERO)
        assert (regel.ontvangen, regel.terugbetaald, regel.besteed_cumulatief) == (
            -ontvangen.get(code, ZERO), terug.get(code, ZERO), besteed.get(code, ZERO)), code
        # the demo spends within each stream's period and award: eligible spending is all spending
        assert regel.besteed_subsidiabel == regel.besteed_cumulatief == besteed.get(code, ZERO), code
        over = max(netto - regel.besteed_cumulatief, ZERO)
        if regel.afgelopen:  # an ended stream's unspent money is to repay, no advance any more
            assert (regel.vooruitontvangen, regel.terug_te_betalen) == (ZERO, over), code
        else:
            assert (regel.vooruitontvangen, regel.terug_te_betalen) == (over, ZERO), code
        assert regel.voorgefinancierd == max(regel.besteed_cumulatief - netto, ZERO), code
        assert regel.nog_te_ontvangen == max(regel.toegekend - netto, ZERO), code
    assert any(regel.ontvangen for regel in overzicht.regels)
    assert any(regel.terug_te_betalen for regel in overzicht.regels) == (jaar == 2026)

"""snw sisa on the embedded demo ledger: indicators and the liability schedule reconcile."""

from __future__ import annotations

import datetime
from decimal import Decimal

import beanquery
import pytest
from click.testing import CliRunner

from cli.main import cli
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.sisa import sisa

D = Decimal
JAREN = (2023, 2024, 2025, 2026)


@pytest.fixture(scope="module")
def ledger(demo):  # noqa: ANN001, ANN201
    """The session's demo ledger (tests/conftest.py loads it once and checks it has no errors)."""
    return demo


@pytest.fixture(scope="module")
def query(ledger):  # noqa: ANN001, ANN201
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)

    def run(sql: str) -> dict:
        return {row[0]: row[1] for row in connection.execute(sql).fetchall()}

    return run


@pytest.mark.parametrize("jaar", JAREN)
def test_grants_reconcile(ledger, query, jaar) -> None:  # noqa: ANN001
    rapport = sisa(ledger.entries, ledger.programma, jaar)
    assert rapport.uitkeringen
    jaar_sum = query(f"SELECT account, sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                     f"AND year(date) = {jaar} GROUP BY account")
    cum_sum = query(f"SELECT account, sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                    f"AND year(date) <= {jaar} GROUP BY account")
    overzicht = {r.code: r for r in geldstromen_overzicht(ledger.entries, ledger.programma, jaar,
                                                           peildatum=datetime.date(jaar, 12, 31)).regels}
    for uitkering in rapport.uitkeringen:
        code = uitkering.stroom
        delen = [r for r in rapport.regels if r.stroom == code]
        expected_jaar = sum((v for k, v in jaar_sum.items() if k.endswith(f":{code}")), D(0))
        expected_cum = sum((v for k, v in cum_sum.items() if k.endswith(f":{code}")), D(0))
        assert sum((r.besteding_jaar for r in delen), D(0)) == uitkering.besteding_jaar == expected_jaar, code
        assert sum((r.besteding_cumulatief for r in delen), D(0)) == uitkering.besteding_cumulatief \
            == expected_cum, code
        assert uitkering.nog_te_besteden == overzicht[code].nog_te_besteden
        assert all(r.eindverantwoording == (uitkering.einddatum.year == jaar) for r in delen)
        assert all(r.vervalt is None or r.vervalt >= 0 for r in delen)
        netto, besteed = _netto(query, jaar).get(code, D(0)), expected_cum
        assert uitkering.ontvangen == netto, code
        if uitkering.eindverantwoording:  # the one repayment risk, on money received
            assert uitkering.terug_te_betalen == max(netto - besteed, D(0)), code
            assert uitkering.niet_te_ontvangen == max(uitkering.toegekend - max(netto, besteed), D(0)), code
    nummers = [i.nummer for i in rapport.indicatoren if i.nummer is not None]
    assert len(nummers) == len(set(nummers))
    # The demo declares no SiSa codes (no public source in the plan): every grant is listed as incomplete,
    # and no indicator carries a made-up number.
    assert not nummers
    assert [o.stroom for o in rapport.onvolledig] == [u.stroom for u in rapport.uitkeringen]


def test_spuk_kw_themes_and_carry_over(ledger) -> None:  # noqa: ANN001
    rapport = sisa(ledger.entries, ledger.programma, 2024)
    spuk = [r for r in rapport.regels if r.stroom == "SPUK-KW"]
    assert {r.onderdeel for r in spuk} >= {"armoede-schulden", "integraal"}
    overloop = {o.thema: o.bedrag for o in ledger.programma.overlopen if o.stroom == "SPUK-KW" and o.van_jaar == 2024}
    assert overloop
    for regel in spuk:
        assert regel.overloop_volgend_jaar == overloop.get(regel.onderdeel, D(0))
    final = sisa(ledger.entries, ledger.programma, 2025)
    assert all(r.eindverantwoording for r in final.regels if r.stroom == "SPUK-KW")


def _netto(query, jaar: int) -> dict[str, D]:  # noqa: ANN001
    """Per stream: received minus repaid up to 31 December of ``jaar`` (beanquery)."""
    ontvangen = query(f"SELECT leaf(account), sum(number) WHERE account ~ '^Assets:Te-ontvangen:' AND number < 0 "
                      f"AND year(date) <= {jaar} AND NOT joinstr(other_accounts) ~ 'Liabilities:Nog-te-besteden:' "
                      "GROUP BY 1")
    terug = query(f"SELECT leaf(account), sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' AND number > 0 "
                  f"AND year(date) <= {jaar} AND meta('__derived__') IS NULL "
                  "AND NOT joinstr(other_accounts) ~ 'Assets:Te-ontvangen:' GROUP BY 1")
    return {code: -ontvangen.get(code, D(0)) - terug.get(code, D(0)) for code in {*ontvangen, *terug}}


def _besteed(query, jaar: int) -> dict[str, D]:  # noqa: ANN001
    return query(f"SELECT leaf(account), sum(number) WHERE account ~ '^Expenses:Actielijn:' AND year(date) <= {jaar} "
                 "GROUP BY 1")


@pytest.mark.parametrize("jaar", JAREN)
def test_passiva_reconcile(ledger, query, jaar) -> None:  # noqa: ANN001
    """The schedules rest on money received: received − spent, per stream, at both year ends: the
    advance of a running stream, the debt to repay of an ended one; 49b holds government bodies only."""
    from ledger.model import overheidslichaam

    rapport = sisa(ledger.entries, ledger.programma, jaar)
    netto_eind, besteed_eind = _netto(query, jaar), _besteed(query, jaar)
    netto_begin, besteed_begin = _netto(query, jaar - 1), _besteed(query, jaar - 1)

    def afgelopen(code: str, tot: int) -> bool:
        einde = ledger.programma.geldstromen[code].tot
        return einde is not None and einde <= datetime.date(tot, 12, 31)

    for regel in rapport.passiva:
        code = regel.stroom
        assert regel.verschil == 0, code
        over_eind = max(netto_eind.get(code, D(0)) - besteed_eind.get(code, D(0)), D(0))
        over_begin = max(netto_begin.get(code, D(0)) - besteed_begin.get(code, D(0)), D(0))
        assert regel.eind == (D(0) if afgelopen(code, jaar) else over_eind), code
        assert regel.begin == (D(0) if afgelopen(code, jaar - 1) else over_begin), code
        assert regel.overheid == overheidslichaam(ledger.programma.geldstromen[code].herkomst), code
    for regel in rapport.activa:
        code = regel.stroom
        assert regel.verschil == 0, code
        assert regel.eind == max(besteed_eind.get(code, D(0)) - netto_eind.get(code, D(0)), D(0)), code
    for regel in rapport.terugbetalingen:
        code = regel.stroom
        assert afgelopen(code, jaar), code
        assert regel.eind == max(netto_eind.get(code, D(0)) - besteed_eind.get(code, D(0)), D(0)), code
    eigen = {code for code, stroom in ledger.programma.geldstromen.items() if stroom.herkomst == "gemeente"}
    assert not eigen & {r.stroom for r in (*rapport.passiva, *rapport.activa, *rapport.terugbetalingen)}
    # JEU-JK (herkomst "overig") is no government body: apart from 49b from its first receipt (2024)
    assert ("JEU-JK" in {r.stroom for r in rapport.passiva if not r.overheid}) == (jaar >= 2024)
    # SPUK-KW ends on 31 December 2025 with money left: to repay from then on, no advance
    assert ("SPUK-KW" in {r.stroom for r in rapport.terugbetalingen}) == (jaar >= 2025)


def test_cli_on_demo(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("SNW_LEDGER", raising=False)
    result = CliRunner().invoke(cli, ["sisa", "2025", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["sisa-2025.xlsx"]

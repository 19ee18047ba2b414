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
        assert all(r.risico >= 0 for r in delen)
        if uitkering.eindverantwoording:
            assert uitkering.risico_tm_jaar == max(uitkering.toegekend - uitkering.besteding_cumulatief, D(0))
    nummers = [i.nummer for i in rapport.indicatoren]
    assert len(nummers) == len(set(nummers))


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


@pytest.mark.parametrize("jaar", JAREN)
def test_passiva_reconcile(ledger, query, jaar) -> None:  # noqa: ANN001
    rapport = sisa(ledger.entries, ledger.programma, jaar)
    eind = query(f"SELECT account, sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' "
                 f"AND year(date) <= {jaar} GROUP BY account")
    begin = query(f"SELECT account, sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' "
                  f"AND year(date) < {jaar} GROUP BY account")
    vrij = query(f"SELECT account, sum(number) WHERE account ~ '^Liabilities:Nog-te-besteden:' "
                 f"AND year(date) = {jaar} AND meta('__derived__') IS NOT NULL GROUP BY account")
    for regel in rapport.passiva:
        account = f"Liabilities:Nog-te-besteden:{regel.stroom}"
        assert regel.verschil == 0, regel.stroom
        assert regel.eind == -eind.get(account, D(0)), regel.stroom
        assert regel.begin == -begin.get(account, D(0)), regel.stroom
        assert regel.vrijgevallen == vrij.get(account, D(0)), regel.stroom
    assert rapport.passiva_totaal("eind") == -sum(eind.values())


def test_cli_on_demo(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("SNW_LEDGER", raising=False)
    result = CliRunner().invoke(cli, ["sisa", "2025", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["sisa-2025.xlsx"]

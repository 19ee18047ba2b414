"""snw proportionaliteit on the embedded demo ledger: every figure reconciles with beanquery."""

from __future__ import annotations

from decimal import Decimal

import beanquery
import pytest
from click.testing import CliRunner

from cli.main import cli
from reports.compute.proportionaliteit import proportionaliteit

JAAR = 2025
D = Decimal


@pytest.fixture(scope="module")
def ledger(demo):  # noqa: ANN001, ANN201
    """The session's demo ledger (tests/conftest.py loads it once and checks it has no errors)."""
    return demo


@pytest.fixture(scope="module")
def query(ledger):  # noqa: ANN001, ANN201
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)

    def run(sql: str) -> dict:
        """Rows of (key, sum) as a dict; a single sum under key None."""
        out = {}
        for row in connection.execute(sql).fetchall():
            if len(row) == 1:
                out[None] = row[0] if row[0] is not None else D(0)
            else:
                out[row[0]] = row[1]
        return out

    return run


@pytest.fixture(scope="module")
def rapport(ledger):  # noqa: ANN001, ANN201
    return proportionaliteit(ledger.entries, ledger.programma, JAAR)


def test_demo_has_the_inputs(ledger, rapport) -> None:  # noqa: ANN001
    assert rapport.band is not None
    assert rapport.buurten.nw_bewoners
    assert len([b for b in ledger.programma.buurten.values() if b.bewoners]) == 10
    assert {b.cluster for b in ledger.programma.buurten.values() if b.cluster} == {"A", "B", "C", "D", "E"}
    assert any(r.uren for r in rapport.partners_jaar.regels)
    assert any(r.toezegging for r in rapport.partners_jaar.regels)


def test_partners_reconcile(query, rapport) -> None:  # noqa: ANN001
    jaar = query(f"SELECT account, sum(number) WHERE account ~ '^Income:Inzet:' AND year(date) = {JAAR} "
                 "GROUP BY account")
    cumulatief = query(f"SELECT account, sum(number) WHERE account ~ '^Income:Inzet:' AND year(date) <= {JAAR} "
                       "GROUP BY account")
    for regel in rapport.partners_jaar.regels:
        assert regel.totaal == -jaar.get(f"Income:Inzet:{regel.code}", D(0)), regel.code
    for regel in rapport.partners_cumulatief.regels:
        assert regel.totaal == -cumulatief.get(f"Income:Inzet:{regel.code}", D(0)), regel.code
    assert rapport.partners_jaar.totaal("geld") + rapport.partners_jaar.totaal("formatie") == -sum(jaar.values())
    formatie = query(f"SELECT sum(number) WHERE account ~ ':EIGEN$' AND year(date) = {JAAR} "
                     "AND meta('uren') IS NOT NULL").get(None, D(0))
    assert rapport.partners_jaar.totaal("formatie") == formatie
    assert sum((r.aandeel or 0 for r in rapport.partners_jaar.regels), D(0)) == pytest.approx(1)


def test_actielijnen_and_domains_reconcile(query, rapport) -> None:  # noqa: ANN001
    per_account = query(f"SELECT account, sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                        f"AND year(date) = {JAAR} GROUP BY account")
    for regel in rapport.actielijnen:
        expected = sum((v for k, v in per_account.items() if f":{regel.code}-" in k), D(0))
        assert regel.totaal == expected, regel.code
        vliegwiel = sum((v for k, v in per_account.items() if f":{regel.code}-" in k and k.endswith(":VLIEGWIEL")),
                        D(0))
        assert regel.vliegwiel == vliegwiel, regel.code
    assert rapport.totaal_besteed == sum(per_account.values())
    for index, jaar in enumerate(rapport.domeinen.jaren):
        per_domein = query(f"SELECT account, sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                           f"AND year(date) = {jaar} GROUP BY account")
        for regel in rapport.domeinen.regels:
            expected = sum((v for k, v in per_domein.items() if k.split(":")[2] == regel.code), D(0))
            assert regel.per_jaar[index] == expected
        vliegwiel = query(f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:VLIEGWIEL$' "
                          f"AND year(date) = {jaar}").get(None, D(0))
        assert rapport.vliegwiel.totalen[index].vliegwiel == vliegwiel


def test_buurten_reconcile(query, rapport) -> None:  # noqa: ANN001
    per_buurt = query(f"SELECT meta('buurt'), sum(number) WHERE account ~ '^Expenses:Actielijn:' "
                      f"AND year(date) = {JAAR} GROUP BY 1")
    buurten = rapport.buurten
    for regel in buurten.regels:
        assert regel.besteed == per_buurt.get(regel.code, D(0)), regel.code
    assert buurten.zonder_buurt == per_buurt.get(None, D(0))
    assert buurten.totaal == sum(per_buurt.values())
    met_buurt = sum((v for k, v in per_buurt.items() if k is not None), D(0))
    assert buurten.met_buurt == met_buurt
    assert buurten.nw_gemiddelde == met_buurt / buurten.nw_bewoners  # spending without a buurt is not in it
    for cluster in buurten.clusters:
        leden = [r for r in buurten.regels if r.cluster == cluster.cluster]
        assert cluster.besteed == sum((r.besteed for r in leden), D(0))
        assert cluster.bewoners == sum(r.bewoners for r in leden)


def test_cli_on_demo(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("SNW_LEDGER", raising=False)
    result = CliRunner().invoke(cli, ["proportionaliteit", str(JAAR), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"proportionaliteit-{JAAR}.html", f"proportionaliteit-{JAAR}.pdf", f"proportionaliteit-{JAAR}.xlsx"]
    html = (tmp_path / f"proportionaliteit-{JAAR}.html").read_text(encoding="utf-8")
    assert "DEMOGEGEVENS" in html

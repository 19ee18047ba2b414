"""Spending per grant year on the embedded demo ledger: PMG (June–May) reconciles with beanquery."""

from __future__ import annotations

import datetime
from decimal import Decimal

import beanquery
import pytest

from reports.compute.sisa import sisa
from reports.compute.subsidiejaren import besteed_per_subsidiejaar

D = Decimal


@pytest.fixture(scope="module")
def som(demo):  # noqa: ANN001, ANN201
    connection = beanquery.connect("beancount:", entries=demo.entries, errors=demo.errors, options=demo.options_map)

    def run(code: str, van: datetime.date, tot: datetime.date) -> Decimal:
        rows = connection.execute(f"SELECT sum(number) WHERE account ~ '^Expenses:Actielijn:.*:{code}$' "
                                  f"AND date >= {van.isoformat()} AND date <= {tot.isoformat()}").fetchall()
        return rows[0][0] or D(0) if rows else D(0)

    return run


def test_pmg_grant_years_reconcile(demo, som) -> None:  # noqa: ANN001
    peildatum = datetime.date(2025, 12, 31)
    rows = besteed_per_subsidiejaar(demo.entries, demo.programma, "PMG", peildatum)
    assert [r.jaar for r in rows] == [2022, 2023, 2024, 2025]
    for r in rows:
        assert r.besteed == som("PMG", r.van, min(r.tot, peildatum)), r.jaar
        assert r.eerste_kalenderjaar == som("PMG", r.van, datetime.date(r.jaar, 12, 31)), r.jaar
        assert r.tweede_kalenderjaar == som("PMG", datetime.date(r.jaar + 1, 1, 1), min(r.tot, peildatum)), r.jaar
    assert rows[-1].lopend and not rows[-2].lopend


@pytest.mark.parametrize("jaar", [2023, 2024, 2025])
def test_sisa_grant_years_match_calendar_years(demo, jaar) -> None:  # noqa: ANN001
    rapport = sisa(demo.entries, demo.programma, jaar)
    pmg = next(u for u in rapport.uitkeringen if u.stroom == "PMG")
    rows = [r for r in rapport.subsidiejaren if r.stroom == "PMG"]
    in_jaar = sum((r.eerste_kalenderjaar for r in rows if r.jaar == jaar), D(0)) + sum(
        (r.tweede_kalenderjaar for r in rows if r.jaar + 1 == jaar), D(0))
    assert in_jaar == pmg.besteding_jaar
    assert sum((r.besteed for r in rows), D(0)) == pmg.besteding_cumulatief


@pytest.mark.parametrize("start", [1, 6, 12])
def test_grant_year_and_its_bounds_are_one_rule(start: int) -> None:
    """Every day of 2023-2026 lies within the bounds of the grant year it falls in; the day before a
    grant year's first day falls in the year before (the edge of the month)."""
    import dataclasses
    import datetime

    from ledger.load import load_ledger as _load

    stroom = dataclasses.replace(next(iter(_load().programma.geldstromen.values())), boekjaar_start=start)
    dag = datetime.date(2023, 1, 1)
    while dag <= datetime.date(2026, 12, 31):
        jaar = stroom.subsidiejaar(dag)
        van, tot = stroom.subsidiejaar_grenzen(jaar)
        assert van <= dag <= tot, (start, dag)
        assert stroom.subsidiejaar(van - datetime.timedelta(days=1)) == jaar - 1
        dag += datetime.timedelta(days=1)

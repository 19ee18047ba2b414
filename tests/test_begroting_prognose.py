"""The prognose of the current year: spending from the peildatum to 31 December at the year's
spending rate, beyond the open commitments, lowers next year's beschikbaar.

Reconciled per stream with beanquery: the stream's postings on the actielijn leaves from
1 January to the peildatum, per day, times the days left.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest

from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.begroting import begroting
from reports.compute.begroting import beschikbaarheid

DATA = Path(__file__).parent / "data" / "begroting" / "grootboek.beancount"
D = Decimal


@pytest.mark.parametrize("path", [DATA, DEMO_LEDGER], ids=["test", "demo"])
def test_prognose_by_the_spending_rate(path: Path) -> None:
    ledger = load_ledger(path)
    b = begroting(ledger.entries, ledger.programma, 2027, datetime.date(2026, 10, 31))
    assert b.peildatum == datetime.date(2026, 10, 31)
    gehad, rest = D(304), D(61)  # 1 January to 31 October 2026; 1 November to 31 December
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    for d in b.dekking:
        if d.stroom == "EIGEN":
            assert d.prognose_rest == 0
            continue
        rows = connection.execute(
            f"SELECT sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:.*:{d.stroom}$' "
            "AND date >= 2026-01-01 AND date <= 2026-10-31").fetchall()
        besteed = (rows[0][0] if rows else None) or D(0)
        tempo = (besteed / gehad * rest).quantize(D("0.01"))
        verwacht = max(tempo - d.verplicht, D(0)) if d.beschikbaar or d.prognose_rest else D(0)
        assert d.prognose_rest == verwacht, d.stroom
        if d.beschikbaar:
            assert d.beschikbaar == d.toegezegd - d.besteed_eerder - d.verplicht - d.prognose_rest
    # the budget sheet reads the same availability
    beschikbaar = beschikbaarheid(ledger.entries, ledger.programma, 2027, datetime.date(2026, 10, 31))
    assert all(beschikbaar[d.stroom] == d.beschikbaar for d in b.dekking)


def test_gem_org_by_hand() -> None:
    """GEM-ORG spent 100.000 in 2026 to 31 October, no open commitments: 100.000 / 304 × 61."""
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2027, datetime.date(2026, 10, 31))
    gem = next(d for d in b.dekking if d.stroom == "GEM-ORG")
    assert gem.prognose_rest == D("20065.79")
    assert gem.beschikbaar == D("600000.00") - D("318000.00") - D("20065.79")


def test_no_prognose_once_the_year_is_over() -> None:
    """The begroting of 2026 with peildatum 31 October 2026 lies in its own year: no forecast."""
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2026)
    assert all(d.prognose_rest == 0 for d in b.dekking)

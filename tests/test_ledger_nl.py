"""Dutch formatting (ledger.nl) and the importers' Dutch number reading agree for every amount."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from importers.values import parse_getal
from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent

bedragen = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                       allow_nan=False, allow_infinity=False)


def test_examples() -> None:
    assert euro(Decimal("1234567.891")) == "€ 1.234.567,89"
    assert euro(Decimal("-1234")) == "€ -1.234,00"
    assert euro(12000000, cents=False) == "€ 12.000.000"
    assert procent(Decimal("0.125"), 1) == "12,5%"
    assert datum(datetime.date(2025, 1, 1)) == "1 januari 2025"
    assert datum(datetime.date(2025, 1, 1), "short") == "01-01-2025"


@given(bedragen)
def test_written_amounts_read_back(bedrag: Decimal) -> None:
    assert parse_getal(getal(bedrag, 2)) == bedrag
    assert parse_getal(euro(bedrag)) == bedrag


@given(bedragen)
def test_corrections_in_parentheses_and_trailing_minus(bedrag: Decimal) -> None:
    positief = abs(bedrag)
    assert parse_getal(f"({getal(positief, 2)})") == -positief
    assert parse_getal(f"{getal(positief, 2)}-") == -positief

"""Dutch formatting of amounts, numbers and dates: the one place that formats for people."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
CENT = Decimal("0.01")


def euro(amount: Decimal | int | None, *, cents: bool = True) -> str:
    """Format an amount as Dutch euros: ``€ 1.234.567,89`` (negative: ``€ -1.234,00``).

    Args:
      amount: the amount; None gives an empty string.
      cents: show cents (default) or round to whole euros.
    Returns:
      The formatted amount.
    """
    if amount is None:
        return ""
    value = Decimal(amount)
    if cents:
        text = format_decimal(value.quantize(CENT, ROUND_HALF_UP), format="#,##0.00", locale=LOCALE)
    else:
        text = format_decimal(value.quantize(Decimal(1), ROUND_HALF_UP), format="#,##0", locale=LOCALE)
    return f"€ {text}"


def getal(value: Decimal | int | None, decimals: int = 0) -> str:
    """Format a number the Dutch way (``1.234,5``)."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(value), format=pattern, locale=LOCALE)


def procent(value: Decimal | None, decimals: int = 0) -> str:
    """Format a fraction as a Dutch percentage (``0.125`` -> ``12,5%``)."""
    if value is None:
        return ""
    return getal(Decimal(value) * 100, decimals) + "%"


def datum(value: datetime.date | None, fmt: str = "long") -> str:
    """Format a date in Dutch (``1 januari 2025``; ``fmt="short"`` gives ``01-01-2025``)."""
    if value is None:
        return ""
    if fmt == "short":
        return value.strftime("%d-%m-%Y")
    return format_date(value, format="d MMMM y", locale=LOCALE)


MAANDEN = tuple(format_date(datetime.date(2000, maand, 1), format="MMMM", locale=LOCALE) for maand in range(1, 13))
"""The Dutch month names, januari to december."""


MILJOEN = Decimal(1_000_000)


def euro_rond(amount: Decimal | int | None) -> str:
    """An amount for running text: whole euros below a million, else ``€ x,x mln``.

    Tables and spreadsheets keep the exact amount (:func:`euro`); a board reads prose.
    ``€ 40.000``, ``€ 999.999``, ``€ 1,0 mln``, ``€ 16,5 mln`` (halves round away from zero); negative amounts keep their sign.

    Args:
      amount: the amount; None gives an empty string.
    Returns:
      The rounded amount.
    """
    if amount is None:
        return ""
    value = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if abs(value) >= MILJOEN:
        return "€ " + getal((value / MILJOEN).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), 1) + " mln"
    return euro(value, cents=False)

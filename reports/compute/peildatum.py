"""The reference date (peildatum) of every report: one rule, so reports agree."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from beancount.core import data

if TYPE_CHECKING:
    from collections.abc import Sequence


def peildatum_voor(entries: Sequence[data.Directive], jaar: int) -> datetime.date:
    """The reference date for a year: the last transaction date, at most 31 December of the year.

    A year after the last booking (a budget year) gets the last booking date: figures are
    "stand per" that day. A ledger without transactions gives 31 December of the year before.
    """
    for entry in reversed(entries):
        if isinstance(entry, data.Transaction):
            return min(entry.date, datetime.date(jaar, 12, 31))
    return datetime.date(jaar - 1, 12, 31)

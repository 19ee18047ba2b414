"""Spending facts: one per original posting on an actielijn's stream leaf.

Every report that needs spending (geldstromen, begroting, proportionaliteit, SiSa) reads
it through ``bestedingen``, so the rules (skip the plugin's releases, only declared
actielijnen, metadata from the posting before the transaction) live in one place.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger import model

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

_ACTIELIJN = model.ACTIELIJN_ROOT + ":"


@dataclasses.dataclass(frozen=True)
class Besteding:
    """One spending posting with its dimensions (from posting or transaction metadata)."""

    datum: datetime.date
    actielijn: model.Actielijn
    stroom: str
    bedrag: Decimal
    partner: str | None
    buurt: str | None
    uren: Decimal | None
    thema: str | None
    links: frozenset[str] = frozenset()


def bestedingen(entries: Iterable[data.Directive], programma: model.Programma,
                tot: datetime.date | None = None, van: datetime.date | None = None) -> Iterator[Besteding]:
    """The spending postings of the ledger, as ``Besteding`` facts.

    Args:
      entries: the loaded entries, sorted (the plugin's releases are skipped).
      programma: the parsed declarations.
      tot: only postings dated on or before this date (None: all).
      van: only postings dated on or after this date (None: all).
    Yields:
      One fact per posting on ``Expenses:Actielijn:…:<STROOM>`` with a declared actielijn.
    """
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        if tot is not None and entry.date > tot:
            break
        if van is not None and entry.date < van:
            continue
        for posting in entry.postings:
            if not posting.account.startswith(_ACTIELIJN):
                continue
            if posting.meta and posting.meta.get("__derived__"):
                continue
            actielijn, stroom = programma.actielijn_van_account(posting.account)
            if actielijn is None or stroom is None or posting.units is None:
                continue
            buurt = model.posting_meta(posting, entry, "buurt")
            partner = model.posting_meta(posting, entry, "partner")
            thema = model.posting_meta(posting, entry, "thema") or actielijn.thema
            yield Besteding(
                datum=entry.date,
                actielijn=actielijn,
                stroom=stroom,
                bedrag=posting.units.number,
                partner=str(partner) if partner is not None else None,
                buurt=str(buurt) if buurt is not None else None,
                uren=model.decimaal(model.posting_meta(posting, entry, "uren")),
                thema=str(thema) if thema is not None else None,
                links=entry.links or frozenset(),
            )

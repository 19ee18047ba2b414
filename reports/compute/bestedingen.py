"""Spending facts: one per original posting on an actielijn's stream leaf.

Every report that needs spending (geldstromen, begroting, proportionaliteit, SiSa) reads
it through ``bestedingen``, so the rules (skip the plugin's releases, only declared
actielijnen, metadata from the posting before the transaction) live in one place.
"""

from __future__ import annotations

import bisect
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


def _scan(entries: Iterable[data.Directive], programma: model.Programma) -> Iterator[Besteding]:
    """Every spending posting of the ledger, in date order."""
    gesplitst: dict[str, tuple[model.Actielijn | None, str | None]] = {}  # a few hundred accounts
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        for posting in entry.postings:
            if not posting.account.startswith(_ACTIELIJN):
                continue
            if posting.meta and posting.meta.get("__derived__"):
                continue
            account = posting.account
            split = gesplitst.get(account)
            if split is None:
                split = gesplitst[account] = programma.actielijn_van_account(account)
            actielijn, stroom = split
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


class _Laatste:
    """The spending facts of the last ledger asked for, scanned once.

    A report asks for spending several times (per year, to a date, per stream); the facts of
    one list of entries with one programme are scanned once and then sliced by date. The
    cache holds one ledger, by identity: a reloaded ledger (a new list) is scanned anew.
    """

    def __init__(self) -> None:
        self.entries: object = None
        self.programma: object = None
        self.feiten: tuple[Besteding, ...] = ()
        self.datums: list[datetime.date] = []

    def feiten_van(self, entries: Iterable[data.Directive], programma: model.Programma
                   ) -> tuple[tuple[Besteding, ...], list[datetime.date]]:
        if entries is self.entries and programma is self.programma:
            return self.feiten, self.datums
        feiten = tuple(_scan(entries, programma))
        datums = [feit.datum for feit in feiten]
        if isinstance(entries, (list, tuple)):  # a re-iterable ledger: keep it for the next call
            self.entries, self.programma, self.feiten, self.datums = entries, programma, feiten, datums
        return feiten, datums


_LAATSTE = _Laatste()


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
    feiten, datums = _LAATSTE.feiten_van(entries, programma)
    begin = bisect.bisect_left(datums, van) if van is not None else 0
    einde = bisect.bisect_right(datums, tot) if tot is not None else len(feiten)
    yield from feiten[begin:einde]

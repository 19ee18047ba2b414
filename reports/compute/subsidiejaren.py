"""Spending per grant year for streams whose grant year is not the calendar year.

A stream declares ``boekjaar_start: 6`` when its grant years run June–May (Preventie met
Gezag); ``Geldstroom.subsidiejaar(datum)`` says which grant year a date falls in. The
municipality accounts per calendar year, the funder per grant year: this module puts the
two side by side. Grant year J runs from the first of month ``boekjaar_start`` in J to the
day before that month in J+1; its spending is split into the part booked in calendar year
J and the part booked in J+1, so the rows reconcile with the calendar-year figures of
``snw geldstromen`` and ``snw sisa``.

Pure functions over loaded entries and the parsed programme (no click, no I/O).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.compute.bestedingen import bestedingen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core import data

    from ledger import model

ZERO = Decimal(0)

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


@dataclasses.dataclass(frozen=True)
class Subsidiejaar:
    """The spending of one stream in one grant year, split over the two calendar years it spans."""

    stroom: str
    naam: str
    jaar: int  # the calendar year in which the grant year starts
    van: datetime.date  # first day of the grant year
    tot: datetime.date  # last day of the grant year
    eerste_kalenderjaar: Decimal  # spending of the grant year booked in calendar year ``jaar``
    tweede_kalenderjaar: Decimal  # spending of the grant year booked in calendar year ``jaar + 1``
    lopend: bool  # the reference date lies before the end of the grant year

    @property
    def besteed(self) -> Decimal:
        """The grant year's spending up to the reference date."""
        return self.eerste_kalenderjaar + self.tweede_kalenderjaar

    @property
    def label(self) -> str:
        """E.g. ``"juni 2023 – mei 2024"``."""
        return f"{MAANDEN[self.van.month - 1]} {self.van.year} – {MAANDEN[self.tot.month - 1]} {self.tot.year}"


def afwijkend_subsidiejaar(stroom: model.Geldstroom) -> bool:
    """Whether a stream's grant year differs from the calendar year (``boekjaar_start`` ≠ 1)."""
    return stroom.boekjaar_start != 1


def subsidiejaar_grenzen(stroom: model.Geldstroom, jaar: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of grant year ``jaar`` of a stream (``Geldstroom.subsidiejaar_grenzen``)."""
    return stroom.subsidiejaar_grenzen(jaar)


def besteed_per_subsidiejaar(entries: Sequence[data.Directive], programma: model.Programma, stroom: str,
                             peildatum: datetime.date) -> tuple[Subsidiejaar, ...]:
    """The spending of one stream per grant year, up to a reference date.

    Args:
      entries: the loaded entries (the plugin's releases are skipped).
      programma: the parsed declarations.
      stroom: the stream code.
      peildatum: spending dated on or before this date counts; grant years that start after
        it are left out.
    Returns:
      One row per grant year from the one the stream starts in (or its first spending) to the
      one holding the earlier of its end date and ``peildatum``, in order; empty when the stream
      is not declared on ``peildatum`` or has neither a start date nor spending by then.
    """
    geldstroom = programma.geldstroom_op(stroom, peildatum)
    if geldstroom is None:
        return ()
    per_jaar: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for feit in bestedingen(entries, programma, tot=peildatum):
        if feit.stroom == stroom:
            per_jaar[(geldstroom.subsidiejaar(feit.datum), feit.datum.year)] += feit.bedrag
    jaren = {j for j, _ in per_jaar}
    if geldstroom.van is not None and geldstroom.van <= peildatum:
        laatste = min(geldstroom.tot, peildatum) if geldstroom.tot is not None else peildatum
        jaren.update(range(geldstroom.subsidiejaar(geldstroom.van), geldstroom.subsidiejaar(laatste) + 1))
    rows = []
    for jaar in sorted(jaren):
        van, tot = subsidiejaar_grenzen(geldstroom, jaar)
        rows.append(Subsidiejaar(
            stroom=stroom, naam=geldstroom.naam, jaar=jaar, van=van, tot=tot,
            eerste_kalenderjaar=per_jaar.get((jaar, jaar), ZERO),
            tweede_kalenderjaar=per_jaar.get((jaar, jaar + 1), ZERO),
            lopend=peildatum < tot,
        ))
    return tuple(rows)


def subsidiejaren_overzicht(entries: Sequence[data.Directive], programma: model.Programma,
                            peildatum: datetime.date, codes: Sequence[str] | None = None) -> tuple[Subsidiejaar, ...]:
    """Spending per grant year of every stream whose grant year is not the calendar year.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      peildatum: the reference date.
      codes: only these streams (None: every declared stream).
    Returns:
      The rows of :func:`besteed_per_subsidiejaar`, by stream code; empty when no stream has
      another grant year than the calendar year.
    """
    out: list[Subsidiejaar] = []
    for code in sorted(codes if codes is not None else programma.geldstromen):
        stroom = programma.geldstroom_op(code, peildatum)
        if stroom is not None and afwijkend_subsidiejaar(stroom):
            out.extend(besteed_per_subsidiejaar(entries, programma, code, peildatum))
    return tuple(out)

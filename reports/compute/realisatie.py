"""The year's realisation per budget line (actielijn × stream) and in total.

Pure functions over loaded entries and the parsed programme (no words, no I/O). The same
definitions as the availability control (``ledger.rules.beschikbaarheid``), so a negative
remainder here is the overrun the plugin reports. For a year and its peildatum:

* **Begroot**: the current budget of the year (``ledger.model.huidige_begroting``: its
  ``begroting`` lines plus every ``begrotingswijziging``), as in the begroting document.
* **Gerealiseerd**: the spending postings on the line from 1 January to the peildatum
  (``reports.compute.begroting.realisatie``), the partners' own means (``EIGEN``) included.
* **Open verplichtingen**: the open amount at the peildatum (``reports.compute.verplichtingen``)
  of the line's commitments dated in the year. A commitment counts in the year of its
  date, as in the control.
* **Resterend** = begroot − gerealiseerd − open verplichtingen; negative is an overrun.
* **Gecontroleerd**: a line the availability control checks: the year has a budget line
  and the stream is not ``EIGEN``. Only those count as overrun (``overschreden``); a year
  without any budget shows its spending against 0 but has no overruns.
* **Open uit eerdere jaren** (for information, not in resterend): what commitments of
  earlier years on the line still have open; paying it is spending of this year.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger import model
from ledger.model import huidige_begroting
from reports.compute.begroting import realisatie
from reports.compute.begroting import stroom_volgorde
from reports.compute.peildatum import peildatum_voor
from reports.compute.verplichtingstanden import verplichtingen_standen

if TYPE_CHECKING:
    from collections.abc import Sequence

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class Realisatiepost:
    """One budget line of the year: actielijn × stream."""

    domein: str
    actielijn: str
    naam: str
    stroom: str
    begroot: Decimal  # current budget of the year
    gerealiseerd: Decimal  # spent in the year to the peildatum
    open_verplicht: Decimal  # open at the peildatum, commitments dated in the year
    open_eerder: Decimal  # open at the peildatum, commitments of earlier years (not in resterend)
    gecontroleerd: bool  # the year has a budget and the stream is not EIGEN

    @property
    def resterend(self) -> Decimal:
        """Begroot − gerealiseerd − open verplichtingen; negative is an overrun."""
        return self.begroot - self.gerealiseerd - self.open_verplicht

    @property
    def overschrijding(self) -> Decimal:
        """The overrun of a controlled line (0 when it stays within its budget or is not controlled)."""
        return max(-self.resterend, ZERO) if self.gecontroleerd else ZERO


@dataclasses.dataclass(frozen=True)
class Realisatie:
    """The realisation of one year per budget line, with totals."""

    jaar: int
    peildatum: datetime.date
    posten: tuple[Realisatiepost, ...]  # by domain (declaration order), actielijn, stream (EIGEN last)

    def _som(self, veld: str, posten: Sequence[Realisatiepost] | None = None) -> Decimal:
        return sum((getattr(p, veld) for p in (self.posten if posten is None else posten)), ZERO)

    @property
    def begroot(self) -> Decimal:
        return self._som("begroot")

    @property
    def gerealiseerd(self) -> Decimal:
        return self._som("gerealiseerd")

    @property
    def open_verplicht(self) -> Decimal:
        return self._som("open_verplicht")

    @property
    def open_eerder(self) -> Decimal:
        return self._som("open_eerder")

    @property
    def resterend(self) -> Decimal:
        """Total begroot − gerealiseerd − open verplichtingen (overruns and room net out)."""
        return self._som("resterend")

    @property
    def overschrijding(self) -> Decimal:
        """The sum of the lines' overruns (room on one line does not cover another)."""
        return self._som("overschrijding")

    @property
    def overschreden(self) -> tuple[Realisatiepost, ...]:
        """The controlled lines with a negative remainder."""
        return tuple(p for p in self.posten if p.gecontroleerd and p.resterend < 0)

    def per_stroom(self) -> dict[str, tuple[Decimal, Decimal, Decimal, Decimal]]:
        """Per stream: (begroot, gerealiseerd, open verplichtingen, resterend)."""
        groepen: dict[str, list[Realisatiepost]] = defaultdict(list)
        for post in self.posten:
            groepen[post.stroom].append(post)
        return {stroom: (self._som("begroot", groep), self._som("gerealiseerd", groep),
                         self._som("open_verplicht", groep), self._som("resterend", groep))
                for stroom, groep in sorted(groepen.items(), key=lambda item: stroom_volgorde(item[0]))}


def realisatie_per_post(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                        peildatum: datetime.date | None = None) -> Realisatie:
    """The year's current budget, realisation, open commitments and remainder per budget line.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations (``ledger.model.parse_programma``).
      jaar: the year.
      peildatum: the reference date; default :func:`reports.compute.peildatum.peildatum_voor`.
    Returns:
      One line per actielijn × stream with a budget, spending or open commitments (of the year or
      earlier) in the year.
    """
    peildatum = peildatum or peildatum_voor(jaar)
    begroot = {(c, s): v for (j, c, s), v in huidige_begroting(programma).items() if j == jaar}
    gerealiseerd = realisatie(entries, programma, datetime.date(jaar, 1, 1), peildatum)
    open_jaar: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    open_eerder: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for stand in verplichtingen_standen(entries, programma, peildatum):
        if stand.datum.year == jaar:
            open_jaar[(stand.actielijn, stand.stroom)] += stand.open
        elif stand.datum.year < jaar:
            open_eerder[(stand.actielijn, stand.stroom)] += stand.open

    keys = set(begroot) | {k for k, v in (*gerealiseerd.items(), *open_jaar.items(), *open_eerder.items()) if v}
    begroot_jaar = any(regel.jaar == jaar for regel in programma.begroting)
    domein_volgorde = {code: index for index, code in enumerate(programma.domeinen)}
    posten = []
    for code, stroom in keys:
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            continue
        posten.append(Realisatiepost(
            domein=actielijn.domein, actielijn=code, naam=actielijn.naam, stroom=stroom,
            begroot=begroot.get((code, stroom), ZERO), gerealiseerd=gerealiseerd.get((code, stroom), ZERO),
            open_verplicht=open_jaar.get((code, stroom), ZERO), open_eerder=open_eerder.get((code, stroom), ZERO),
            gecontroleerd=begroot_jaar and stroom != model.EIGEN,
        ))
    posten.sort(key=lambda p: (domein_volgorde.get(p.domein, len(domein_volgorde)), p.domein, p.actielijn,
                               stroom_volgorde(p.stroom)))
    return Realisatie(jaar=jaar, peildatum=peildatum, posten=tuple(posten))

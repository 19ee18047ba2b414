"""The year's realisation per budget line (actielijn × stream) and in total.

Pure functions over loaded entries and the parsed programme (no words, no I/O). The same
definitions as the availability control (``ledger.rules.beschikbaarheid``), so an overrun here is
the overrun the plugin reports. For a year and its peildatum:

* **Begroot**: the current budget of the year (``ledger.model.huidige_begroting``: its
  ``begroting`` lines plus every ``begrotingswijziging``), as in the begroting document
  (BBV: *begroting na wijziging*).
* **Gerealiseerd**: the spending postings on the line from 1 January to the peildatum
  (``reports.compute.begroting.realisatie``).
* **Verschil** = begroot − gerealiseerd (BBV art. 28: the analysis of the begroting na wijziging
  against the realisation); negative is more spent than budgeted.
* **Open verplichtingen**: the open amount at the peildatum (``reports.compute.verplichtingen``)
  of the line's commitments dated in the year. A commitment counts in the year of its date,
  as in the control.
* **Vrij na verplichtingen** = verschil − open verplichtingen: what the availability control
  leaves; negative is an overrun (``overschrijding``).
* **Gecontroleerd**: a line the availability control checks: the year has a budget line. Only
  those count as overrun (``overschreden``); a year without any budget shows its spending
  against 0 but has no overruns.
* **Open uit eerdere jaren** (for information, not in vrij na verplichtingen): what commitments
  of earlier years on the line still have open; paying it is spending of this year.

**Budgeted money only.** Partners' own means (``EIGEN``: money and formatie) have no budget to
be realised against: they are measured against pledges and draagkracht. They are never a budget
line here, never in a total, percentage, overrun or deviation; ``Realisatie.eigen_middelen``
holds them per actielijn, as a section of their own (with what a begroting planned of them,
if it did).
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
from ledger.rules.beschikbaarheid import beschikbaar
from ledger.rules.beschikbaarheid import gecontroleerde_jaren
from ledger.rules.beschikbaarheid import overschrijding as boven_begroting
from reports.compute.begroting import realisatie
from reports.compute.bestedingen import bestedingen
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
    open_eerder: Decimal  # open at the peildatum, commitments of earlier years (not in vrij na verplichtingen)
    gecontroleerd: bool  # the year has a budget: the availability control checks the line

    @property
    def verschil(self) -> Decimal:
        """BBV art. 28: begroot na wijziging − gerealiseerd; negative is more spent than budgeted."""
        return self.begroot - self.gerealiseerd

    @property
    def vrij_na_verplichtingen(self) -> Decimal:
        """Verschil − open verplichtingen: what the availability control leaves
        (``ledger.rules.beschikbaarheid.beschikbaar``); negative is an overrun."""
        return beschikbaar(self.begroot, self.gerealiseerd, self.open_verplicht)

    @property
    def overschrijding(self) -> Decimal:
        """The overrun of a controlled line, the control's own rule (``ledger.rules.beschikbaarheid.overschrijding``)."""
        return boven_begroting(self.begroot, self.gerealiseerd, self.open_verplicht) if self.gecontroleerd else ZERO


@dataclasses.dataclass(frozen=True)
class EigenMiddelenPost:
    """The partners' own means on one actielijn in the year: no budget line, a section of their own."""

    domein: str
    actielijn: str
    naam: str
    gepland: Decimal  # what the year's begroting planned of own means on the actielijn (0: nothing)
    gerealiseerd: Decimal  # money and formatie delivered, 1 January to the peildatum
    uren: Decimal  # the hours in it (formatie)


@dataclasses.dataclass(frozen=True)
class Realisatie:
    """The realisation of one year per budget line, with totals."""

    jaar: int
    peildatum: datetime.date
    posten: tuple[Realisatiepost, ...]  # budgeted streams only, by domain (declaration order), actielijn, stream
    eigen_middelen: tuple[EigenMiddelenPost, ...] = ()  # partners' own means per actielijn (not in any total)

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
    def verschil(self) -> Decimal:
        """Total begroot − gerealiseerd (BBV art. 28)."""
        return self._som("verschil")

    @property
    def vrij_na_verplichtingen(self) -> Decimal:
        """Total verschil − open verplichtingen (overruns and room net out)."""
        return self._som("vrij_na_verplichtingen")

    @property
    def aandeel_gerealiseerd(self) -> Decimal | None:
        """Gerealiseerd as a fraction of begroot (None without a budget)."""
        return self.gerealiseerd / self.begroot if self.begroot else None

    @property
    def eigen_gerealiseerd(self) -> Decimal:
        """The partners' own means delivered in the year (beside the budget, never in its totals)."""
        return sum((p.gerealiseerd for p in self.eigen_middelen), ZERO)

    @property
    def overschrijding(self) -> Decimal:
        """The sum of the lines' overruns (room on one line does not cover another)."""
        return self._som("overschrijding")

    @property
    def overschreden(self) -> tuple[Realisatiepost, ...]:
        """The controlled lines with a negative remainder."""
        return tuple(p for p in self.posten if p.overschrijding > 0)

    def per_stroom(self) -> dict[str, tuple[Decimal, Decimal, Decimal, Decimal, Decimal]]:
        """Per stream: (begroot, gerealiseerd, verschil, open verplichtingen, vrij na verplichtingen)."""
        groepen: dict[str, list[Realisatiepost]] = defaultdict(list)
        for post in self.posten:
            groepen[post.stroom].append(post)
        return {stroom: tuple(self._som(veld, groep) for veld in (
                    "begroot", "gerealiseerd", "verschil", "open_verplicht", "vrij_na_verplichtingen"))
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
      One line per actielijn × budgeted stream with a budget, spending or open commitments (of the
      year or earlier) in the year; the partners' own means per actielijn apart.
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
    begroot_jaar = jaar in gecontroleerde_jaren(programma)
    domein_volgorde = {code: index for index, code in enumerate(programma.domeinen)}
    posten = []
    for code, stroom in keys:
        actielijn = programma.actielijnen.get(code)
        if actielijn is None or stroom == model.EIGEN:
            continue
        posten.append(Realisatiepost(
            domein=actielijn.domein, actielijn=code, naam=actielijn.naam, stroom=stroom,
            begroot=begroot.get((code, stroom), ZERO), gerealiseerd=gerealiseerd.get((code, stroom), ZERO),
            open_verplicht=open_jaar.get((code, stroom), ZERO), open_eerder=open_eerder.get((code, stroom), ZERO),
            gecontroleerd=begroot_jaar,
        ))
    posten.sort(key=lambda p: (domein_volgorde.get(p.domein, len(domein_volgorde)), p.domein, p.actielijn,
                               stroom_volgorde(p.stroom)))
    return Realisatie(jaar=jaar, peildatum=peildatum, posten=tuple(posten),
                      eigen_middelen=_eigen_middelen(entries, programma, jaar, peildatum, begroot, domein_volgorde))


def _eigen_middelen(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                    peildatum: datetime.date, begroot: dict[tuple[str, str], Decimal],
                    domein_volgorde: dict[str, int]) -> tuple[EigenMiddelenPost, ...]:
    """The partners' own means (``EIGEN``) per actielijn: planned, delivered and its hours."""
    bedrag: dict[str, Decimal] = defaultdict(Decimal)
    uren: dict[str, Decimal] = defaultdict(Decimal)
    for besteding in bestedingen(entries, programma, tot=peildatum, van=datetime.date(jaar, 1, 1)):
        if besteding.stroom == model.EIGEN:
            bedrag[besteding.actielijn.code] += besteding.bedrag
            uren[besteding.actielijn.code] += besteding.uren or ZERO
    gepland = {code: v for (code, stroom), v in begroot.items() if stroom == model.EIGEN}
    out = []
    for code in set(gepland) | {c for c, v in bedrag.items() if v}:
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            continue
        out.append(EigenMiddelenPost(domein=actielijn.domein, actielijn=code, naam=actielijn.naam,
                                     gepland=gepland.get(code, ZERO), gerealiseerd=bedrag.get(code, ZERO),
                                     uren=uren.get(code, ZERO)))
    out.sort(key=lambda p: (domein_volgorde.get(p.domein, len(domein_volgorde)), p.domein, p.actielijn))
    return tuple(out)

"""The meerjarenbeeld of a begroting: the budget year and the three after it.

Pure functions over the computed :class:`reports.compute.begroting.Begroting`, the loaded
entries and the parsed programme. ``reports.documents.begroting`` shows it; nothing else
computes these figures.

Definitions (per stream, for the years ``jaar`` … ``jaar + 3``):

* **Begroot** per year: the current budget lines of that year (``ledger.model.huidige_begroting``).
* **Beschikbaar**: what the stream can still cover from ``jaar`` on, the begroting's
  ``Dekking.beschikbaar`` (toegezegd − besteed eerder − open verplichtingen − prognose rest).
  Open commitments are already deducted there; the budget lines come on top of them.
* **Verplicht later**: the part of the open commitments at the peildatum that falls in
  the years after ``jaar``, spread evenly per day from the day after the peildatum to each
  commitment's end date (its own ``einddatum:``, else the stream's ``tot``); a commitment
  without an end date, or whose end has passed, falls in the current year. Shown so the board
  sees what later years already carry; it is part of what ``beschikbaar`` deducted.
* **Ongedekt** per year: walking the years in order, each year's budget draws on what is left
  of ``beschikbaar``; what it cannot draw, and every budget in a year after the stream's end
  date, is uncovered. For the partners' own means (``EIGEN``) each year's budget is covered by
  the pledges (``toezegging``) of that year.
* **Vrij na de periode**: what is left of ``beschikbaar`` after the four years (streams that
  run beyond them).
* **Karakter**: the stream's declared ``karakter:`` (incidenteel or structureel); the totals
  keep them apart.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from ledger import model
from ledger.model import huidige_begroting
from ledger.model import in_centen
from reports.compute.stromen import EIGEN
from reports.compute.stromen import EIGEN_NAAM
from reports.compute.stromen import actief_in
from reports.compute.stromen import stroom_volgorde
from reports.compute.verplichtingstanden import verplichtingen_standen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core import data

    from reports.compute.verplichtingstanden import VerplichtingStand

ZERO = Decimal(0)
JAREN = 4
"""The budget year and the three after it."""
ONBEKEND = "niet opgegeven"
EIGEN_KARAKTER = "eigen"
"""The partners' own means (``EIGEN``): neither a stream's one-off nor its recurring money."""


def spreiding(stand: VerplichtingStand, jaren: Sequence[int]) -> dict[int, Decimal]:
    """The open amount of a commitment spread over the calendar years, evenly per day.

    From the day after the peildatum to the end date; all of it in the peildatum's year when
    there is no end date or it has passed. The cents add up: each year takes the rounded
    cumulative share minus that of the years before.

    Args:
      stand: the commitment at the peildatum.
      jaren: the years wanted; other years are summed under their nearest end (earlier years
        than the first fall in the first, later than the last in the last).
    Returns:
      Amount per year of ``jaren`` (years with nothing are absent).
    """
    open_ = stand.open
    if open_ <= 0:
        return {}
    begin = stand.peildatum + datetime.timedelta(days=1)
    einde = stand.einddatum
    if einde is None or einde < begin:
        per_jaar = {stand.peildatum.year: open_}
    else:
        dagen = Decimal((einde - begin).days + 1)
        per_jaar = {}
        eerder = ZERO  # the rounded share up to the end of the previous year
        for jaar in range(begin.year, einde.year + 1):
            tot = min(einde, datetime.date(jaar, 12, 31))
            # cumulative shares, rounded: every part is >= 0 and the parts add up to the open amount
            tot_nu = open_ if jaar == einde.year else in_centen(open_ * ((tot - begin).days + 1) / dagen)
            per_jaar[jaar] = tot_nu - eerder
            eerder = tot_nu
    out: dict[int, Decimal] = defaultdict(Decimal)
    for jaar, bedrag in per_jaar.items():
        out[min(max(jaar, jaren[0]), jaren[-1])] += bedrag
    return {jaar: bedrag for jaar, bedrag in out.items() if bedrag}


@dataclasses.dataclass(frozen=True)
class MeerjarigeStroom:
    """One stream over the four years."""

    stroom: str
    naam: str
    karakter: str  # incidenteel | structureel | eigen (EIGEN) | niet opgegeven
    status: str
    einddatum: datetime.date | None
    beschikbaar: Decimal  # from the budget year on (Dekking.beschikbaar; EIGEN: the pledges of the years)
    begroot: tuple[Decimal, ...]  # per year of Meerjarenbeeld.jaren
    ongedekt: tuple[Decimal, ...]  # per year
    verplicht_later: Decimal  # open commitments falling after the budget year
    vrij: Decimal  # beschikbaar left after the four years' budgets

    @property
    def begroot_totaal(self) -> Decimal:
        return sum(self.begroot, ZERO)

    @property
    def ongedekt_totaal(self) -> Decimal:
        return sum(self.ongedekt, ZERO)

    @property
    def ongedekt_later(self) -> Decimal:
        """What is budgeted without cover in the years after the budget year."""
        return sum(self.ongedekt[1:], ZERO)


@dataclasses.dataclass(frozen=True)
class MeerjarigDomein:
    """One domain's current budget over the four years."""

    domein: str
    naam: str
    begroot: tuple[Decimal, ...]


@dataclasses.dataclass(frozen=True)
class Meerjarenbeeld:
    """The budget year and the three after it, per domain and per stream."""

    jaren: tuple[int, ...]
    peildatum: datetime.date
    domeinen: tuple[MeerjarigDomein, ...]
    stromen: tuple[MeerjarigeStroom, ...]

    def totaal(self, index: int) -> Decimal:
        """The whole budget of year ``jaren[index]``."""
        return sum((s.begroot[index] for s in self.stromen), ZERO)

    def per_karakter(self) -> tuple[tuple[str, tuple[Decimal, ...]], ...]:
        """Budget per year for each karakter that occurs, incidenteel first."""
        volgorde = (*model.KARAKTERS, EIGEN_KARAKTER, ONBEKEND)
        groepen: dict[str, list[Decimal]] = {}
        for stroom in self.stromen:
            rij = groepen.setdefault(stroom.karakter, [ZERO] * len(self.jaren))
            for index, bedrag in enumerate(stroom.begroot):
                rij[index] += bedrag
        return tuple((k, tuple(groepen[k])) for k in volgorde if k in groepen)

    @property
    def ongedekt(self) -> Decimal:
        return sum((s.ongedekt_totaal for s in self.stromen), ZERO)

    @property
    def verplicht_later(self) -> Decimal:
        return sum((s.verplicht_later for s in self.stromen), ZERO)

    @property
    def vrij_aflopend(self) -> Decimal:
        """What the streams of :meth:`aflopend` leave unbudgeted after the four years."""
        return sum((s.vrij for s in self.aflopend()), ZERO)

    def aflopend(self) -> tuple[MeerjarigeStroom, ...]:
        """Awarded one-off streams that end within the four years, by end date."""
        laatste = datetime.date(self.jaren[-1], 12, 31)
        return tuple(sorted((s for s in self.stromen
                             if s.karakter != "structureel" and s.stroom != EIGEN and s.einddatum is not None
                             and s.einddatum <= laatste and s.status == "toegekend"),
                            key=lambda s: (s.einddatum, s.stroom)))


def meerjarenbeeld(jaar: int, peildatum: datetime.date, dekking: Sequence[Any], entries: Sequence[data.Directive],
                   programma: model.Programma) -> Meerjarenbeeld:
    """The meerjarenbeeld of the begroting of ``jaar`` (see the module's definitions).

    ``reports.compute.begroting.begroting`` calls it and keeps the result as ``Begroting.meerjaren``.

    Args:
      jaar: the budget year.
      peildatum: the begroting's reference date.
      dekking: the begroting's coverage per stream (``reports.compute.begroting.Dekking``).
      entries: the loaded entries.
      programma: the parsed declarations.
    Returns:
      The four years per domain and per stream.
    """
    begin = jaar
    jaren = tuple(range(begin, begin + JAREN))
    budget = huidige_begroting(programma)
    per_stroom: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * JAREN)
    per_domein: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * JAREN)
    for (jaar, actielijn, stroom), bedrag in budget.items():
        if jaar in jaren and bedrag:
            per_stroom[stroom][jaar - begin] += bedrag
            lijn = programma.actielijnen.get(actielijn)
            if lijn is not None:
                per_domein[lijn.domein][jaar - begin] += bedrag

    later: dict[str, Decimal] = defaultdict(Decimal)
    for stand in verplichtingen_standen(entries, programma, peildatum):
        for j, bedrag in spreiding(stand, (begin - 1, *jaren)).items():
            if j > begin:
                later[stand.stroom] += bedrag

    per_code = {d.stroom: d for d in dekking}
    toezeggingen: dict[int, Decimal] = defaultdict(Decimal)
    for t in programma.toezeggingen:
        toezeggingen[t.jaar] += t.bedrag
    codes = sorted({*per_stroom, *per_code, *later}, key=stroom_volgorde)
    stromen = []
    for code in codes:
        begroot = tuple(per_stroom.get(code, [ZERO] * JAREN))
        if code == EIGEN:
            beschikbaar = sum((toezeggingen[j] for j in jaren), ZERO)
            ongedekt = tuple(max(bedrag - toezeggingen[j], ZERO) for j, bedrag in zip(jaren, begroot))
            vrij = max(beschikbaar - sum(begroot, ZERO), ZERO)
            stromen.append(MeerjarigeStroom(
                stroom=EIGEN, naam=EIGEN_NAAM, karakter=EIGEN_KARAKTER, status="toegezegd", einddatum=None,
                beschikbaar=beschikbaar, begroot=begroot, ongedekt=ongedekt, verplicht_later=ZERO, vrij=vrij))
            continue
        stroom = programma.geldstromen.get(code)
        d = per_code.get(code)
        beschikbaar = d.beschikbaar if d is not None else ZERO
        pot = max(beschikbaar, ZERO)
        ongedekt_jaren = []
        for jaar, bedrag in zip(jaren, begroot):
            if not actief_in(stroom, jaar):
                ongedekt_jaren.append(bedrag)
                continue
            gedekt = min(bedrag, pot)
            pot -= gedekt
            ongedekt_jaren.append(bedrag - gedekt)
        if not any(begroot) and pot <= 0 and not later.get(code):
            continue
        stromen.append(MeerjarigeStroom(
            stroom=code, naam=stroom.naam if stroom else code,
            karakter=(stroom.karakter if stroom is not None and stroom.karakter else ONBEKEND),
            status=stroom.status if stroom else "", einddatum=stroom.tot if stroom else None,
            beschikbaar=beschikbaar, begroot=begroot, ongedekt=tuple(ongedekt_jaren),
            verplicht_later=later.get(code, ZERO), vrij=pot,
        ))

    domein_volgorde = {code: index for index, code in enumerate(programma.domeinen)}
    domeinen = tuple(
        MeerjarigDomein(domein=code, naam=programma.domeinen[code].naam if code in programma.domeinen else code,
                        begroot=tuple(bedragen))
        for code, bedragen in sorted(per_domein.items(),
                                     key=lambda item: (domein_volgorde.get(item[0], len(domein_volgorde)), item[0]))
    )
    return Meerjarenbeeld(jaren=jaren, peildatum=peildatum, domeinen=domeinen, stromen=tuple(stromen))

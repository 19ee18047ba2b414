"""Commitments (verplichtingen) as figures: per commitment and per stream, at a peildatum.

Pure functions over loaded entries and the parsed programme (no words, no I/O). Definitions:

* **Verplicht** (bedrag): the amount of a ``custom "verplichting"`` dated on or before the
  peildatum.
* **Betaald**: the spending postings up to the peildatum whose transaction links to the
  commitment (``^kenmerk``) and that are on the commitment's own actielijn and stream (a
  payment elsewhere is a rule violation, ``Betaling past niet bij verplichting``, and pays
  nothing). The same rule as the plugin's and ``reports.compute.geldstromen``.
* **Open**: verplicht − betaald, never below 0 (a payment beyond the commitment leaves 0 open).
* **Einddatum**: the commitment's own ``einddatum:``, else the end (``tot``) of its stream.
* **Verlopen**: still open at the peildatum while the commitment's end date, or its stream's
  end date, lies before the peildatum: money committed that can no longer be paid from
  the stream.
* Per stream: **verplicht**, **betaald** (on commitments) and **open** summed over its
  commitments; **toegekend** and **besteed** (all spending, committed or not, to the
  peildatum) from ``reports.compute.geldstromen``; **vrij na verplichtingen** =
  toegekend − besteed − open.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger import model
from reports.compute.bestedingen import bestedingen
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import peildatum_voor

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class VerplichtingStand:
    """One commitment at the peildatum."""

    kenmerk: str
    datum: datetime.date
    stroom: str
    actielijn: str
    partner: str | None
    omschrijving: str | None
    bedrag: Decimal  # committed
    betaald: Decimal  # paid on its link, on its own actielijn and stream, to the peildatum
    einddatum: datetime.date | None  # declared on the commitment, else the stream's end
    stroom_einddatum: datetime.date | None  # the stream's end (``tot``)
    peildatum: datetime.date

    @property
    def open(self) -> Decimal:
        """Committed − paid, never below 0."""
        return max(self.bedrag - self.betaald, ZERO)

    @property
    def verlopen(self) -> bool:
        """Open at the peildatum while the commitment's or the stream's end date has passed."""
        if self.open <= 0:
            return False
        return any(einde is not None and einde < self.peildatum
                   for einde in (self.einddatum, self.stroom_einddatum))


@dataclasses.dataclass(frozen=True)
class StroomVerplichtingen:
    """The commitments of one stream at the peildatum."""

    stroom: str
    naam: str
    toegekend: Decimal  # what may be spent (Nieuw-West's part, awarded only)
    besteed: Decimal  # all spending to the peildatum, committed or not
    verplicht: Decimal  # sum of its commitments
    betaald: Decimal  # paid on those commitments
    open: Decimal  # sum of the commitments' open amounts
    open_verlopen: Decimal  # the part of ``open`` on expired commitments

    @property
    def vrij_na_verplichtingen(self) -> Decimal:
        """Awarded − spent − open commitments (negative: over-committed)."""
        return self.toegekend - self.besteed - self.open


@dataclasses.dataclass(frozen=True)
class Verplichtingen:
    """Every commitment and every stream's totals at one peildatum."""

    peildatum: datetime.date
    verplichtingen: tuple[VerplichtingStand, ...]  # in date order, then kenmerk
    stromen: tuple[StroomVerplichtingen, ...]  # declared streams in code order

    @property
    def verlopen(self) -> tuple[VerplichtingStand, ...]:
        """The commitments flagged ``verlopen``."""
        return tuple(v for v in self.verplichtingen if v.verlopen)

    def totaal(self, veld: str) -> Decimal:
        """Sum of a Decimal field over all commitments (``bedrag``, ``betaald``, ``open``)."""
        return sum((getattr(v, veld) for v in self.verplichtingen), ZERO)


def betaald_per_kenmerk(entries: Iterable[data.Directive], programma: model.Programma,
                        peildatum: datetime.date) -> dict[str, Decimal]:
    """What has been paid on each commitment up to the peildatum.

    Args:
      entries: the loaded entries (the plugin's releases are skipped).
      programma: the parsed declarations.
      peildatum: last day counted.
    Returns:
      Paid per kenmerk (only commitments with a payment appear).
    """
    kenmerken = {v.kenmerk: v for v in programma.verplichtingen}
    betaald: dict[str, Decimal] = defaultdict(Decimal)
    for besteding in bestedingen(entries, programma, tot=peildatum):
        for link in besteding.links:
            verplichting = kenmerken.get(link)
            if (verplichting is not None and verplichting.actielijn == besteding.actielijn.code
                    and verplichting.stroom == besteding.stroom):
                betaald[link] += besteding.bedrag
    return dict(betaald)


def verplichtingen_standen(entries: Sequence[data.Directive], programma: model.Programma,
                           peildatum: datetime.date) -> tuple[VerplichtingStand, ...]:
    """Every commitment dated on or before the peildatum, with paid and open.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      peildatum: the reference date.
    Returns:
      One record per commitment, by date and kenmerk.
    """
    betaald = betaald_per_kenmerk(entries, programma, peildatum)
    out = []
    for verplichting in programma.verplichtingen:
        if verplichting.datum > peildatum:
            continue
        stroom = programma.geldstroom_op(verplichting.stroom, peildatum) or programma.geldstromen.get(
            verplichting.stroom)
        stroom_einde = stroom.tot if stroom is not None else None
        out.append(VerplichtingStand(
            kenmerk=verplichting.kenmerk, datum=verplichting.datum, stroom=verplichting.stroom,
            actielijn=verplichting.actielijn, partner=verplichting.partner,
            omschrijving=verplichting.omschrijving, bedrag=verplichting.bedrag,
            betaald=betaald.get(verplichting.kenmerk, ZERO),
            einddatum=verplichting.einddatum or stroom_einde, stroom_einddatum=stroom_einde,
            peildatum=peildatum,
        ))
    return tuple(sorted(out, key=lambda v: (v.datum, v.kenmerk)))


def verplichtingen_overzicht(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                             peildatum: datetime.date | None = None) -> Verplichtingen:
    """The commitments per commitment and per stream.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations (``ledger.model.parse_programma``).
      jaar: the report year (sets the default peildatum).
      peildatum: the reference date; default :func:`reports.compute.peildatum.peildatum_voor`.
    Returns:
      The commitments and the per-stream totals.
    """
    peildatum = peildatum or peildatum_voor(entries, jaar)
    standen = verplichtingen_standen(entries, programma, peildatum)
    per_stroom: dict[str, list[VerplichtingStand]] = defaultdict(list)
    for stand in standen:
        per_stroom[stand.stroom].append(stand)
    stromen = []
    for regel in geldstromen_overzicht(entries, programma, jaar, peildatum).regels:
        eigen = per_stroom.get(regel.code, [])
        stromen.append(StroomVerplichtingen(
            stroom=regel.code, naam=regel.naam, toegekend=regel.toegekend, besteed=regel.besteed_cumulatief,
            verplicht=sum((v.bedrag for v in eigen), ZERO),
            betaald=sum((v.betaald for v in eigen), ZERO),
            open=sum((v.open for v in eigen), ZERO),
            open_verlopen=sum((v.open for v in eigen if v.verlopen), ZERO),
        ))
    return Verplichtingen(peildatum=peildatum, verplichtingen=standen, stromen=tuple(stromen))

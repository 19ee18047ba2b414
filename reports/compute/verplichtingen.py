"""Commitments (verplichtingen) as figures: per commitment and per stream, at a peildatum.

Pure functions over loaded entries and the parsed programme (no words, no I/O). Definitions:

* **Verplicht** (bedrag): the amount of a ``custom "verplichting"`` dated on or before the
  peildatum, plus its ``verplichting-wijziging`` deltas dated up to the peildatum (**oorspronkelijk**
  is the declared amount, **wijzigingen** the sum of the deltas).
* **Afgesloten**: the date of its ``verplichting-afsluiting`` (up to the peildatum); what was open
  then is **vrijgevallen**, and open is 0 from that date.
* **Betaald**: the spending postings up to the peildatum whose transaction links to the
  commitment (``^kenmerk``) and that are on the commitment's own actielijn and stream (a
  payment elsewhere is a rule violation, ``Betaling past niet bij verplichting``, and pays
  nothing). The same rule as the plugin's and ``reports.compute.geldstromen``.
* **Open**: verplicht − betaald, never below 0 (a payment beyond the commitment leaves 0 open,
  and is a finding of the plugin), 0 once closed: ``ledger.model.Verplichtingsloop``, the
  plugin's own rule.
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
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import peildatum_voor
from reports.compute.verplichtingstanden import VerplichtingStand
from reports.compute.verplichtingstanden import verplichtingen_standen

if TYPE_CHECKING:
    from collections.abc import Sequence

ZERO = Decimal(0)


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
    vrij_na_verplichtingen: Decimal  # awarded − spent − open (``GeldstroomRegel.vrij_na_verplichtingen``)


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

    @property
    def wijzigingen(self) -> tuple[tuple[VerplichtingStand, model.VerplichtingWijziging], ...]:
        """Every change and closing up to the peildatum with its commitment, by date and kenmerk."""
        return tuple(sorted(((v, w) for v in self.verplichtingen for w in v.wijzigingen),
                            key=lambda vw: (vw[1].datum, vw[0].kenmerk)))

    def totaal(self, veld: str) -> Decimal:
        """Sum of a Decimal field over all commitments (``bedrag``, ``betaald``, ``open``)."""
        return sum((getattr(v, veld) for v in self.verplichtingen), ZERO)


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
    peildatum = peildatum or peildatum_voor(jaar)
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
            open=regel.verplicht,  # the open commitments of geldstromen: one sum of VerplichtingStand.open
            open_verlopen=sum((v.open for v in eigen if v.verlopen), ZERO),
            vrij_na_verplichtingen=regel.vrij_na_verplichtingen,
        ))
    return Verplichtingen(peildatum=peildatum, verplichtingen=standen, stromen=tuple(stromen))

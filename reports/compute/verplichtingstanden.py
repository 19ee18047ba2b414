"""Each commitment at a peildatum: committed, paid on its link, open, end date, expired.

The one definition of *paid* on a commitment; *open* and *verlopen* are the ledger's rules
(``ledger.model.Verplichtingsloop``, ``ledger.model.verlopen_einde``), the same the plugin
applies. Read by
``reports.compute.geldstromen`` (open commitments per stream), ``reports.compute.verplichtingen``
(the commitments report) and ``reports.compute.realisatie`` (per budget line). Definitions
are in ``reports.compute.verplichtingen``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from ledger import model
from reports.compute.bestedingen import bestedingen

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

    from beancount.core import data

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
    bedrag: Decimal  # committed at the peildatum: declared plus the changes dated up to it
    betaald: Decimal  # paid on its link, on its own actielijn and stream, to the peildatum
    einddatum: datetime.date | None  # declared on the commitment, else the stream's end
    stroom_einddatum: datetime.date | None  # the stream's end (``tot``)
    peildatum: datetime.date
    oorspronkelijk: Decimal = ZERO  # committed at its declaration
    #: the changes dated up to the peildatum (``verplichting-wijziging`` / ``-afsluiting``)
    wijzigingen: tuple[model.VerplichtingWijziging, ...] = ()
    afgesloten: datetime.date | None = None  # closed on (``verplichting-afsluiting``), up to the peildatum
    vrijgevallen: Decimal = ZERO  # open when it was closed, released then
    #: committed − paid, never below 0, 0 once closed; None: computed by ledger.model.open_verplichting
    open: Decimal = None  # type: ignore[assignment]
    verplichting: model.Verplichting | None = None

    def __post_init__(self) -> None:
        if self.open is None:
            object.__setattr__(self, "open", model.open_verplichting(self.bedrag, self.betaald,
                                                                     self.afgesloten is not None))
        if self.verplichting is None and not self.oorspronkelijk:
            object.__setattr__(self, "oorspronkelijk", self.bedrag)

    @property
    def gewijzigd(self) -> Decimal:
        """The sum of the changes up to the peildatum (committed − declared)."""
        return self.bedrag - self.oorspronkelijk

    @property
    def verlopen(self) -> bool:
        """Open at the peildatum while the commitment's or the stream's end date has passed: the
        rule of ``ledger.model.verlopen_einde`` (the plugin's finding) at the peildatum."""
        return model.verlopen_einde(self.einddatum, self.stroom_einddatum, self.open, self.peildatum) is not None


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
        loop = model.Verplichtingsloop.op(verplichting, betaald.get(verplichting.kenmerk, ZERO), peildatum)
        out.append(VerplichtingStand(
            kenmerk=verplichting.kenmerk, datum=verplichting.datum, stroom=verplichting.stroom,
            actielijn=verplichting.actielijn, partner=verplichting.partner,
            omschrijving=verplichting.omschrijving, bedrag=loop.verplicht,
            betaald=loop.betaald,
            einddatum=verplichting.einddatum or stroom_einde, stroom_einddatum=stroom_einde,
            peildatum=peildatum, oorspronkelijk=verplichting.bedrag,
            wijzigingen=tuple(w for w in verplichting.wijzigingen if w.datum <= peildatum),
            afgesloten=loop.afgesloten, vrijgevallen=loop.vrijgevallen, open=loop.open,
            verplichting=verplichting,
        ))
    return tuple(sorted(out, key=lambda v: (v.datum, v.kenmerk)))

"""The availability overview of one budget line (as SAP's Verfügbarkeitsübersicht): every entry
and the running figures after it.

For a budget line (jaar × actielijn × geldstroom) and a peildatum: in the order the availability
control counts them, every budget line and amendment, spending posting, commitment and payment on
a commitment that changes the line, with the figures after it: the budget in force (the
``begroting`` line plus the amendments dated so far), spent in the year, open commitments,
available (= budget − spent − open) and by how much the line is over (never below 0).

The figures are the control's own (``ledger.rules.beschikbaarheid.Control``): its pass is replayed
by ``ledger.plugins.snw.beschikbaarheid_spoor`` with a control that records each step of the line,
so a row that goes over is the entry ``snw check`` reports, with the same message. Nothing is
computed here but the selection of the steps up to the peildatum. Pure: no words, no I/O.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import BegrotingWaarschuwing
from ledger.plugins.snw import beschikbaarheid_spoor
from ledger.rules.beschikbaarheid import BETALING
from ledger.rules.beschikbaarheid import BEGROTING
from ledger.rules.beschikbaarheid import UITGAVE
from ledger.rules.beschikbaarheid import VERPLICHTING
from ledger.rules.beschikbaarheid import VERPLICHTINGSWIJZIGING
from ledger.rules.beschikbaarheid import WIJZIGING
from ledger.rules.beschikbaarheid import beschikbaar
from ledger.rules.beschikbaarheid import overschrijding
from reports.compute.peildatum import peildatum_voor

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ledger.rules.beschikbaarheid import Stap

ZERO = Decimal(0)

SOORTEN = (BEGROTING, WIJZIGING, UITGAVE, BETALING, VERPLICHTING, VERPLICHTINGSWIJZIGING)


@dataclasses.dataclass(frozen=True)
class Beschikbaarheidsregel:
    """One entry on the budget line and the line's figures after it."""

    datum: datetime.date
    soort: str  # one of SOORTEN (``ledger.rules.beschikbaarheid``)
    bedrag: Decimal  # the entry's amount: budget line or amendment, posting, commitment
    begroot: Decimal  # budget in force after the entry
    besteed: Decimal  # spent in the year after the entry
    open_verplicht: Decimal  # open commitments after the entry
    bestand: str | None  # where the entry is
    regel: int | None
    besluit: str | None = None  # the AB decision of a budget line or amendment
    kenmerken: tuple[str, ...] = ()  # the commitment, or the commitments a payment pays
    verplichting_jaren: tuple[int, ...] = ()  # the years of those commitments
    partner: str | None = None  # the posting's or commitment's partner
    begunstigde: str | None = None  # the transaction's payee
    omschrijving: str | None = None  # the narration, or the commitment's omschrijving
    melding: str | None = None  # the control's message at this entry (as ``snw check`` shows it)
    waarschuwing: bool = False  # the message is a warning (within the tolerance), not an error

    @property
    def beschikbaar(self) -> Decimal:
        """Budget − spent − open commitments (negative: over), the control's rule."""
        return beschikbaar(self.begroot, self.besteed, self.open_verplicht)

    @property
    def overschrijding(self) -> Decimal:
        """By how much the line is over after the entry (0 within the budget), the control's rule."""
        return overschrijding(self.begroot, self.besteed, self.open_verplicht)


@dataclasses.dataclass(frozen=True)
class Beschikbaarheid:
    """The availability overview of one budget line at a peildatum."""

    jaar: int
    actielijn: str
    naam: str  # the actielijn's name
    stroom: str
    stroom_naam: str
    peildatum: datetime.date
    bewaakt: bool  # the year has a begroting: the control checks the line
    regels: tuple[Beschikbaarheidsregel, ...]  # up to the peildatum, in the order the control counts them

    def _laatste(self, veld: str) -> Decimal:
        return getattr(self.regels[-1], veld) if self.regels else ZERO

    @property
    def begroot(self) -> Decimal:
        return self._laatste("begroot")

    @property
    def besteed(self) -> Decimal:
        return self._laatste("besteed")

    @property
    def open_verplicht(self) -> Decimal:
        return self._laatste("open_verplicht")

    @property
    def beschikbaar(self) -> Decimal:
        return self._laatste("beschikbaar")

    @property
    def overschrijding(self) -> Decimal:
        return self._laatste("overschrijding")

    @property
    def overschrijdingen(self) -> tuple[Beschikbaarheidsregel, ...]:
        """The rows at which the line goes over: over after the row, within the budget before it."""
        gevonden = []
        voor = ZERO
        for regel in self.regels:
            if regel.overschrijding > 0 and voor <= 0:
                gevonden.append(regel)
            voor = regel.overschrijding
        return tuple(gevonden)

    @property
    def meldingen(self) -> tuple[Beschikbaarheidsregel, ...]:
        """The rows at which the control reported (errors and warnings)."""
        return tuple(regel for regel in self.regels if regel.melding)


def _regel(stap: Stap) -> Beschikbaarheidsregel:
    source = stap.source or {}
    entry: Any = stap.entry
    melding = stap.melding
    velden: dict[str, Any] = {}
    if stap.regel is not None:
        velden["besluit"] = stap.regel.besluit
    if stap.verplichtingen:
        velden["kenmerken"] = tuple(v.kenmerk for v in stap.verplichtingen)
        velden["verplichting_jaren"] = tuple(v.datum.year for v in stap.verplichtingen)
    if stap.soort == VERPLICHTING:
        verplichting = stap.verplichtingen[0]
        velden["partner"] = verplichting.partner
        velden["omschrijving"] = verplichting.omschrijving
    elif stap.soort == VERPLICHTINGSWIJZIGING and stap.wijziging is not None:
        velden["omschrijving"] = (("Afgesloten" if stap.wijziging.soort == "afsluiting" else "Gewijzigd")
                                  + f": {stap.wijziging.reden}")
    elif stap.soort in (UITGAVE, BETALING):
        txn: data.Transaction = entry
        posting = next((p for p in txn.postings if p.meta is source), None)
        partner = model.posting_meta(posting, txn, "partner") if posting is not None else txn.meta.get("partner")
        velden["partner"] = str(partner) if partner else None
        velden["begunstigde"] = txn.payee or None
        velden["omschrijving"] = txn.narration or None
    return Beschikbaarheidsregel(
        datum=stap.datum, soort=stap.soort, bedrag=stap.bedrag, begroot=stap.begroot, besteed=stap.besteed,
        open_verplicht=stap.open, bestand=source.get("filename"), regel=source.get("lineno"),
        melding=melding.message if melding is not None else None,
        waarschuwing=isinstance(melding, BegrotingWaarschuwing), **velden)


def _overzicht(programma: model.Programma, key: model.BegrotingKey, stappen: Sequence[Stap],
               peildatum: datetime.date) -> Beschikbaarheid:
    jaar, actielijn, stroom = key
    return Beschikbaarheid(
        jaar=jaar, actielijn=actielijn, naam=programma.actielijnen[actielijn].naam, stroom=stroom,
        stroom_naam=programma.geldstromen[stroom].naam, peildatum=peildatum,
        bewaakt=jaar in {regel.jaar for regel in programma.begroting},
        regels=tuple(_regel(stap) for stap in stappen if stap.datum <= peildatum))


def beschikbaarheid(entries: Sequence[data.Directive], programma: model.Programma, jaar: int, actielijn: str,
                    stroom: str, peildatum: datetime.date | None = None) -> Beschikbaarheid:
    """The availability overview of the budget line ``jaar`` × ``actielijn`` × ``stroom``.

    Args:
      entries: the loaded entries.
      programma: their parsed declarations.
      jaar: the budget year.
      actielijn: the actielijn's code (declared).
      stroom: the stream's code (declared; not ``EIGEN``, which has no budget).
      peildatum: stand per this date (default ``peildatum_voor(jaar)``): the rows up to it.
    Returns:
      The overview.
    Raises:
      KeyError: the actielijn or the stream is not declared (the callers say so first).
    """
    key = (jaar, actielijn, stroom)
    stappen = beschikbaarheid_spoor(entries, programma, [key]).get(key, [])
    return _overzicht(programma, key, stappen, peildatum or peildatum_voor(jaar))


def posten_van(entries: Sequence[data.Directive], programma: model.Programma, jaar: int) -> list[model.BegrotingKey]:
    """The budget lines of a year the control may count: its ``begroting`` lines and amendments, and
    every actielijn × stream with spending or a commitment in the year (declared, not ``EIGEN``)."""
    posten = {(r.jaar, r.actielijn, r.stroom) for r in programma.begroting if r.jaar == jaar}
    posten |= {(v.datum.year, v.actielijn, v.stroom) for v in programma.verplichtingen if v.datum.year == jaar}
    for entry in entries:
        if isinstance(entry, data.Transaction) and entry.date.year == jaar:
            for posting in entry.postings:
                if posting.account.startswith(model.ACTIELIJN_ROOT + ":"):
                    actielijn, stroom = programma.actielijn_van_account(posting.account)
                    if actielijn is not None and stroom:
                        posten.add((jaar, actielijn.code, stroom))
    return sorted(key for key in posten
                  if key[1] in programma.actielijnen and key[2] in programma.geldstromen and key[2] != model.EIGEN)


def beschikbaarheid_posten(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                           peildatum: datetime.date | None = None) -> tuple[Beschikbaarheid, ...]:
    """The availability overview of every budget line of ``jaar`` (:func:`posten_van`), by actielijn and
    stream, from one replay of the control."""
    peildatum = peildatum or peildatum_voor(jaar)
    posten = posten_van(entries, programma, jaar)
    spoor = beschikbaarheid_spoor(entries, programma, posten)
    return tuple(_overzicht(programma, key, spoor.get(key, ()), peildatum) for key in posten)

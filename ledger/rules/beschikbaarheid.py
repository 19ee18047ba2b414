"""Availability control against the begroting (as SAP's assigned funds do it).

Called by the ``ledger.plugins.snw`` plugin during its one pass, for every spending
posting it has resolved and every commitment (Fava's budget entries are derived in
``ledger.rules.fava_budgets``). The current budget of a year for an actielijn × stream is the
sum of its ``begroting`` line and every ``begrotingswijziging`` dated so far.

**What is checked.** Per (year, actielijn, stream) the control keeps what the line has
*used*: spent in the year plus its open commitments::

    besteed + open verplichtingen <= huidige begroting (× (1 + tolerantie))

* spending counts in the year of its posting; a commitment (``custom "verplichting"``)
  counts in the year of its date, with its open amount: committed − paid on its link
  (``^kenmerk``, payments on the commitment's own actielijn and stream, never below 0);
* a payment within an open commitment turns open commitment into spending: it uses no
  new budget (in the commitment's year);
* a ``begrotingswijziging`` counts from its date.

**Where and how often it is reported.** Every entry that *adds* to what a line uses while
the line is (then) over its current budget is reported at that entry, each time:

* a spending posting (``Overschrijding begroting``), with the amount it adds: its amount
  minus what it pays off open commitments of the same year, so a payment within its
  commitment is never reported again;
* a commitment (``Verplichting boven begroting``);
* an amendment that lowers the budget below what the line already uses
  (``Begrotingswijziging onder besteed en verplicht``).

So a second overrun after an amendment raised the budget is reported, and so is every
further posting on an overrun line (each one asks the finance officer for a decision:
amend the budget or book elsewhere). Entries that add nothing (payments within a
commitment, corrections, credit postings) are not reported: that keeps the list to the
entries that cause an overrun. One message per entry, with the figures after it and the
amount by which the line is then over (:func:`overschrijding`)::

    Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 140.000,00, begroot € 130.000,00; € 10.000,00 boven de begroting
    Overschrijding begroting 2026 ORG-01/GEM-ORG: besteed € 100.000,00 plus open verplichtingen € 35.000,00 = € 135.000,00, begroot € 130.000,00; € 5.000,00 boven de begroting
    Verplichting boven begroting 2026 ORG-01/GEM-ORG: besteed € 100.000,00 plus open verplichtingen € 35.000,00 = € 135.000,00, begroot € 130.000,00; € 5.000,00 boven de begroting

The ledger declares a tolerance::

    2023-01-01 custom "instelling" "begroting_tolerantie" 0.05 "fout"

* above the budget but within budget × (1 + 0.05): a warning (``BegrotingWaarschuwing``,
  message ``Waarschuwing: … (binnen de tolerantie van 5,0%)``);
* beyond that: the declared level, ``"fout"`` (``BegrotingError``, ``snw check`` fails)
  or ``"waarschuwing"``.

Without the setting the tolerance is 0 and every overrun is an error. Years without
any budget line, and the partners' own contributions (``EIGEN``), are not controlled.

**The trail (Verfügbarkeitsübersicht).** Asked for (``Control(programma, volg=keys)``), the
control also records, for the budget lines it follows, one :class:`Stap` per entry that
changes them, with the line's figures after it: the budget in force, spent, open
commitments, available (:func:`beschikbaar`) and over (:func:`overschrijding`), and the
message it reported at that entry, if any. ``ledger.plugins.snw.beschikbaarheid_spoor``
replays the plugin's pass with such a control; ``snw beschikbaarheid`` and Fava's
Beschikbaarheid page show it. So the overview is this rule, not a second one.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.nl import euro
from ledger.nl import procent

if TYPE_CHECKING:
    from collections.abc import Container
    from collections.abc import Sequence

ZERO = Decimal(0)
CENT = Decimal("0.01")
Key = model.BegrotingKey


def beschikbaar(begroot: Decimal, besteed: Decimal, open_bedrag: Decimal) -> Decimal:
    """What a budget line has available: budget in force − spent − open commitments (negative: over)."""
    return begroot - besteed - open_bedrag


def overschrijding(begroot: Decimal, besteed: Decimal, open_bedrag: Decimal) -> Decimal:
    """By how much a budget line is over: spent + open commitments beyond the budget (0 within it)."""
    return max(ZERO, -beschikbaar(begroot, besteed, open_bedrag))


#: The kinds of step of a budget line's trail, in the words of the overview.
BEGROTING = "begroting"
WIJZIGING = "begrotingswijziging"
UITGAVE = "uitgave"
BETALING = "betaling op verplichting"
VERPLICHTING = "verplichting"


@dataclasses.dataclass(frozen=True)
class Stap:
    """One step of a budget line's trail: an entry the control counted, and the line's figures after it.

    ``soort`` is one of :data:`BEGROTING`, :data:`WIJZIGING` (``regel`` is the budget line or
    amendment), :data:`UITGAVE` (a spending posting that pays no commitment), :data:`BETALING`
    (a posting that pays ``verplichtingen``; on the line of an older commitment paid in a later
    year it only lowers the open commitments) and :data:`VERPLICHTING` (``verplichtingen`` holds
    the commitment). ``melding`` is the error or warning the control reported at this entry for
    this line (None: none).
    """

    key: Key
    soort: str
    datum: datetime.date
    bedrag: Decimal  # the entry's amount: budget line, posting or commitment
    entry: Any  # the directive or transaction
    source: dict[str, Any]  # where the entry is (the posting's or directive's file and line)
    begroot: Decimal  # the line's budget in force after the step
    besteed: Decimal  # spent in the year after the step
    open: Decimal  # open commitments after the step
    regel: model.BegrotingRegel | None = None
    verplichtingen: tuple[model.Verplichting, ...] = ()
    melding: Any = None

    @property
    def beschikbaar(self) -> Decimal:
        return beschikbaar(self.begroot, self.besteed, self.open)

    @property
    def overschrijding(self) -> Decimal:
        return overschrijding(self.begroot, self.besteed, self.open)


def tolerantie(programma: model.Programma) -> tuple[Decimal, type]:
    """The declared tolerance: (fraction, error type beyond it).

    Returns:
      (fraction above the budget that is only a warning, ``BegrotingError`` or
      ``BegrotingWaarschuwing`` for overruns beyond the tolerance).
    """
    values = programma.instelling("begroting_tolerantie", (ZERO, "fout"))
    fraction = values[0] if values and isinstance(values[0], Decimal) else ZERO
    level = values[1] if len(values) > 1 else "fout"
    return fraction, BegrotingWaarschuwing if level == "waarschuwing" else BegrotingError


def _validate(programma: model.Programma) -> list[Any]:
    errors: list[Any] = []
    for regel in programma.begroting:
        if regel.actielijn not in programma.actielijnen:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekende actielijn in {regel.soort}: {regel.actielijn}",
                                         regel.entry))
        if regel.stroom != model.EIGEN and regel.stroom not in programma.geldstromen:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekende geldstroom in {regel.soort}: {regel.stroom}",
                                         regel.entry))
        if regel.soort == "begroting" and regel.bedrag < 0:
            errors.append(BegrotingError(regel.entry.meta, f"Negatieve begroting voor {regel.actielijn}/{regel.stroom}",
                                         regel.entry))
        if regel.besluit and regel.besluit not in programma.ab_besluiten:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekend AB-besluit: {regel.besluit}", regel.entry))
    for uitleg in programma.verantwoordingen:
        if uitleg.actielijn not in programma.actielijnen:
            errors.append(BegrotingError(uitleg.entry.meta, f"Onbekende actielijn in verantwoording: {uitleg.actielijn}",
                                         uitleg.entry))
        if uitleg.stroom != model.EIGEN and uitleg.stroom not in programma.geldstromen:
            errors.append(BegrotingError(uitleg.entry.meta, f"Onbekende geldstroom in verantwoording: {uitleg.stroom}",
                                         uitleg.entry))
    return errors


class Control:
    """Availability control during the plugin's one pass over the entries.

    The plugin calls :meth:`verplichting` for every commitment and :meth:`spending` for
    every spending posting it has already resolved to (actielijn, stream), with the
    commitments that posting pays, in date order; budget lines and amendments count from
    their date (before same-day spending), and :meth:`finish` applies the ones after the
    last posting.

    With ``volg`` (the budget lines to follow), every step on those lines is also recorded
    in :attr:`spoor` (a :class:`Stap` per entry, in the order the control counts them).
    """

    def __init__(self, programma: model.Programma, volg: Container[Key] | None = None) -> None:
        self.programma = programma
        self.tolerance, self.kind = tolerantie(programma)
        self.budget: dict[Key, Decimal] = defaultdict(Decimal)
        self.errors: list[Any] = _validate(programma)
        self.years = {regel.jaar for regel in programma.begroting}
        self.lines = sorted(programma.begroting, key=lambda regel: regel.datum)
        self.index = 0
        self.spent: dict[Key, Decimal] = defaultdict(Decimal)
        self.open: dict[Key, Decimal] = defaultdict(Decimal)  # open commitments per line
        self.paid: dict[str, Decimal] = defaultdict(Decimal)  # paid per commitment (kenmerk)
        self.seen: set[str] = set()  # commitments counted so far
        self.volg = volg
        #: per followed budget line, its steps (only with ``volg``)
        self.spoor: dict[Key, list[Stap]] = defaultdict(list)

    def stap(self, key: Key, soort: str, entry: Any, source: dict[str, Any], bedrag: Decimal, **bron: Any) -> None:
        """Record a step on ``key`` with the line's figures as they are now (only for followed lines)."""
        self.spoor[key].append(Stap(key, soort, entry.date, bedrag, entry, source, self.budget.get(key, ZERO),
                                    self.spent.get(key, ZERO), self.open.get(key, ZERO), **bron))

    def advance(self, date: datetime.date) -> None:
        """Apply the budget lines and amendments dated up to and including ``date``.

        An amendment that lowers a budget below what its line already uses is reported
        at the amendment.
        """
        lines = self.lines
        while self.index < len(lines) and lines[self.index].datum <= date:
            regel = lines[self.index]
            self.index += 1
            if regel.stroom == model.EIGEN:
                continue
            key = (regel.jaar, regel.actielijn, regel.stroom)
            self.budget[key] += regel.bedrag
            melding = None
            if regel.soort == "begrotingswijziging" and regel.bedrag < 0 and self.uses(key) > 0:
                melding = self.over("wijziging", key, regel.entry.meta, regel.entry)
            if self.volg is not None and key in self.volg:
                self.stap(key, WIJZIGING if regel.soort == "begrotingswijziging" else BEGROTING, regel.entry,
                          regel.entry.meta, regel.bedrag, regel=regel, melding=melding)

    def spending(self, txn: data.Transaction, source: dict[str, Any], actielijn: str, stroom: str,
                 bedrag: Decimal, betaalt: Sequence[model.Verplichting] = ()) -> None:
        """A spending posting on an actielijn from a stream (EIGEN is not budget-controlled).

        Args:
          txn: the transaction.
          source: where to report (the posting's line).
          actielijn: the actielijn's code.
          stroom: the stream's code.
          bedrag: the posting's amount.
          betaalt: the commitments this posting pays (its links, on this actielijn and stream).
        """
        if stroom == model.EIGEN:
            return
        date = txn.date
        if self.index < len(self.lines) and self.lines[self.index].datum <= date:
            self.advance(date)
        jaar = date.year
        key = (jaar, actielijn, stroom)
        volg = self.volg
        afgelost = ZERO
        for verplichting in betaalt:
            afgelost += self.betaling(verplichting, jaar, bedrag)
            eerder = (verplichting.datum.year, verplichting.actielijn, verplichting.stroom)
            if volg is not None and eerder != key and eerder in volg and verplichting.kenmerk in self.seen:
                # A later year's payment on an older commitment: that line's open commitment goes down.
                self.stap(eerder, BETALING, txn, source, bedrag, verplichtingen=(verplichting,))
        if jaar not in self.years:
            return
        self.spent[key] += bedrag
        melding = self.over("besteed", key, source, txn) if bedrag > afgelost else None
        if volg is not None and key in volg:
            self.stap(key, BETALING if betaalt else UITGAVE, txn, source, bedrag, verplichtingen=tuple(betaalt),
                      melding=melding)

    def betaling(self, verplichting: model.Verplichting, jaar: int, bedrag: Decimal) -> Decimal:
        """Count a payment on a commitment; what it pays off the open commitments of ``jaar``.

        Open = committed − paid, never below 0; a payment before the commitment's date
        counts when the commitment does.
        """
        kenmerk = verplichting.kenmerk
        voor = self.paid[kenmerk]
        self.paid[kenmerk] = na = voor + bedrag
        if kenmerk not in self.seen:
            return ZERO
        afgelost = max(verplichting.bedrag - voor, ZERO) - max(verplichting.bedrag - na, ZERO)
        self.open[(verplichting.datum.year, verplichting.actielijn, verplichting.stroom)] -= afgelost
        return afgelost if verplichting.datum.year == jaar else ZERO

    def verplichting(self, verplichting: model.Verplichting) -> None:
        """A commitment: its open amount counts against the budget of its year too."""
        entry = verplichting.entry
        if verplichting.stroom == model.EIGEN or verplichting.kenmerk in self.seen:
            return
        self.advance(entry.date)
        self.seen.add(verplichting.kenmerk)
        open_bedrag = max(verplichting.bedrag - self.paid[verplichting.kenmerk], ZERO)
        key = (entry.date.year, verplichting.actielijn, verplichting.stroom)
        self.open[key] += open_bedrag
        melding = None
        if open_bedrag > 0 and entry.date.year in self.years:
            melding = self.over("verplicht", key, entry.meta, entry)
        if self.volg is not None and key in self.volg:
            self.stap(key, VERPLICHTING, entry, entry.meta, verplichting.bedrag, verplichtingen=(verplichting,),
                      melding=melding)

    def uses(self, key: Key) -> Decimal:
        """What a budget line uses now: spent in its year plus its open commitments."""
        return self.spent.get(key, ZERO) + self.open.get(key, ZERO)

    def over(self, soort: str, key: Key, source: dict[str, Any], entry: Any) -> Any:
        """Report at ``entry`` when what ``key`` uses (spent + open commitments) exceeds its budget.

        Returns:
          The error or warning reported, or None (the line is within its budget).
        """
        besteed = self.spent.get(key, ZERO)
        open_bedrag = self.open.get(key, ZERO)
        budget = self.budget.get(key, ZERO)
        boven = overschrijding(budget, besteed, open_bedrag)
        if boven <= 0:
            return None
        stand = besteed + open_bedrag
        limit = (budget * (1 + self.tolerance)).quantize(CENT)
        kind = self.kind if stand > limit else BegrotingWaarschuwing
        jaar, code, stroom = key
        prefix = "Waarschuwing: " if kind is BegrotingWaarschuwing else ""
        suffix = f" (binnen de tolerantie van {procent(self.tolerance, 1)})" if stand <= limit else ""
        figures = f"besteed {euro(besteed)}"
        if open_bedrag or soort != "besteed":
            figures += f" plus open verplichtingen {euro(open_bedrag)} = {euro(stand)}"
        title = {
            "besteed": "Overschrijding begroting",
            "verplicht": "Verplichting boven begroting",
            "wijziging": "Begrotingswijziging onder besteed en verplicht",
        }[soort]
        message = (f"{prefix}{title} {jaar} {code}/{stroom}: {figures}, begroot {euro(budget)}; "
                   f"{euro(boven)} boven de begroting{suffix}")
        error = kind(source, message, entry)
        self.errors.append(error)
        return error

    def finish(self) -> list[Any]:
        """The errors and warnings found (amendments after the last posting applied).

        Returns:
          The ``BegrotingError`` and ``BegrotingWaarschuwing`` tuples, in the order found.
        """
        if self.lines:
            self.advance(self.lines[-1].datum)
        return self.errors

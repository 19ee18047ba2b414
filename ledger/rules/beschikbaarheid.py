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
from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import procent

if TYPE_CHECKING:
    from collections.abc import Container
    from collections.abc import Sequence

ZERO = Decimal(0)
CENT = Decimal("0.01")
Key = model.BegrotingKey


def gecontroleerde_jaren(programma: model.Programma) -> frozenset[int]:
    """The years the control checks: those with any budget line (``begroting`` or amendment)."""
    return frozenset(regel.jaar for regel in programma.begroting)


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
VERPLICHTINGSWIJZIGING = "verplichtingswijziging"  # a commitment raised, lowered or closed


@dataclasses.dataclass(frozen=True)
class Stap:
    """One step of a budget line's trail: an entry the control counted, and the line's figures after it.

    ``soort`` is one of :data:`BEGROTING`, :data:`WIJZIGING` (``regel`` is the budget line or
    amendment), :data:`UITGAVE` (a spending posting that pays no commitment), :data:`BETALING`
    (a posting that pays ``verplichtingen``; on the line of an older commitment paid in a later
    year it only lowers the open commitments) and :data:`VERPLICHTING` (``verplichtingen`` holds
    the commitment; :data:`VERPLICHTINGSWIJZIGING`: ``wijziging`` raised, lowered or closed it,
    ``bedrag`` is the change of its open amount). ``melding`` is the error or warning the control reported at this entry for
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
    wijziging: model.VerplichtingWijziging | None = None

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


def ontbrekende_toelichtingen(programma: model.Programma) -> list[BegrotingWaarschuwing]:
    """Every budget line, in every year after the first budgeted one, whose change against the year
    before needs a toelichting (:func:`ledger.model.afwijking_boven_drempel` with the declared
    threshold) and has none: a warning at the line (``bean-check``, Fava's Errors page, ``snw check``).

    A line that falls to 0 because its stream ended before the year needs none
    (:func:`ledger.model.looptijd_voorbij`). The warning stands at the line's first budget
    directive of the year, or of the year before when it falls to 0.
    """
    budget = model.huidige_begroting(programma)
    drempel = model.toelichting_drempel(programma)
    eerste: dict[Key, data.Custom] = {}
    for regel in sorted(programma.begroting, key=lambda r: (r.datum, r.entry.meta.get("lineno", 0))):
        eerste.setdefault((regel.jaar, regel.actielijn, regel.stroom), regel.entry)
    jaren = sorted({regel.jaar for regel in programma.begroting})
    out = []
    for jaar in jaren:
        if jaar - 1 not in jaren:
            continue
        uitleg = model.toelichtingen_van(programma, jaar)
        keys = {(c, s) for (j, c, s) in budget if j in (jaar, jaar - 1)}
        for code, stroom in sorted(keys, key=lambda k: (k[0], k[1] == model.EIGEN, k[1])):
            nu, toen = budget.get((jaar, code, stroom), ZERO), budget.get((jaar - 1, code, stroom), ZERO)
            if ((code, stroom) in uitleg or not model.afwijking_boven_drempel(nu, toen, drempel)
                    or model.looptijd_voorbij(programma, jaar, stroom, nu) is not None):
                continue
            entry = eerste.get((jaar, code, stroom)) or eerste[(jaar - 1, code, stroom)]
            verschil = ("nieuw" if not toen else "vervalt" if not nu
                        else f"{'+' if nu > toen else '−'}{abs(nu - toen) / toen:.0%}")
            advies = (f"zet een regel custom \"begroting\" {jaar} \"{code}\" \"{stroom}\" 0.00 EUR met toelichting: "
                      "\"…\"" if not nu else "zet toelichting: \"…\" bij de begrotingsregel")
            out.append(BegrotingWaarschuwing(
                entry.meta,
                f"Waarschuwing: begroting {jaar} {code}/{stroom} zonder toelichting: {euro(toen)} in {jaar - 1}, "
                f"{euro(nu)} in {jaar} ({verschil}); {advies}", entry))
    return out


def dekkingsfouten(programma: model.Programma,
                   regels: Sequence[model.BegrotingRegel] | None = None) -> list[Any]:
    """Budget lines their stream cannot cover: each a finding at the line (point 7 of the rules).

    * ``Begroting buiten de looptijd``: the budget year does not overlap the stream's
      ``van`` .. ``tot`` (its current declaration);
    * ``Waarschuwing: vastgestelde begroting op een niet-toegekende geldstroom``: an adopted line
      (``besluit:``) on a stream that is (still, in its current declaration) not ``toegekend``:
      expected, applied for or reserved money is no cover yet. A *warning*, not a finding: the
      board knowingly budgets on expected money in December for an award in February (the demo's
      VLIEGWIEL and SPUK-KW-2026), and the begroting shows such lines as *gedekt verwacht* with a
      decision point and a risk; a finding would stand for months in every real ledger. A stream
      awarded later covers the line from then (no warning); a draft line (no ``besluit:``) that
      plans on expected money is what the begroting's decision points are for (no warning);
    * ``Begroting boven toegezegd bedrag``: the stream's current budget over *all* years, in date
      order, exceeds Nieuw-West's part of it (``toegezegd``); reported at every line that adds
      while the total is over. The simplest sound test: what the stream still has for one year
      would also need its spending and commitments, which the reports' coverage
      (``reports.compute.begroting``) shows;
    * ``Begroting eigen middelen boven toezeggingen``: the year's budget on ``EIGEN`` exceeds the
      partners' pledges (``custom "toezegging"``) for that year.

    Lines that lower a budget (amount ≤ 0) need no cover and are never reported; a stream whose
    split between areas is still open has no Nieuw-West part yet (a risk of the begroting, not a
    finding here). ``budgets`` (``snw begroting-inlezen``) calls this too, with the lines read.

    Args:
      programma: the parsed declarations.
      regels: the budget lines to judge (default: the ledger's own).
    Returns:
      The ``BegrotingError`` (and, for draft lines on a stream not awarded,
      ``BegrotingWaarschuwing``) tuples, in date order of the lines.
    """
    regels = programma.begroting if regels is None else regels
    errors: list[Any] = []
    totaal: dict[str, Decimal] = defaultdict(Decimal)
    eigen: dict[int, Decimal] = defaultdict(Decimal)
    toezeggingen: dict[int, Decimal] = defaultdict(Decimal)
    for toezegging in programma.toezeggingen:
        toezeggingen[toezegging.jaar] += toezegging.bedrag
    for regel in sorted(regels, key=lambda r: (r.datum, r.entry.meta.get("lineno", 0))):
        entry = regel.entry
        naam = f"{regel.soort} {regel.jaar} {regel.actielijn}/{regel.stroom}"
        if regel.stroom == model.EIGEN:
            eigen[regel.jaar] += regel.bedrag
            if regel.bedrag > 0 and eigen[regel.jaar] > toezeggingen[regel.jaar]:
                errors.append(BegrotingError(
                    entry.meta, f"Begroting eigen middelen boven toezeggingen: {naam}: begroot op EIGEN in "
                                f"{regel.jaar} {euro(eigen[regel.jaar])}, toegezegd door partners "
                                f"{euro(toezeggingen[regel.jaar])}", entry))
            continue
        stroom = programma.geldstromen.get(regel.stroom)
        if stroom is None:
            continue  # Onbekende geldstroom: reported by _validate
        totaal[regel.stroom] += regel.bedrag
        if regel.bedrag <= 0:
            continue
        if not model.actief_in(stroom, regel.jaar):
            looptijd = f"{datum(stroom.van, 'short') or '…'} t/m {datum(stroom.tot, 'short') or '…'}"
            errors.append(BegrotingError(
                entry.meta, f"Begroting buiten de looptijd: {naam}: de looptijd van {regel.stroom} ({looptijd}) "
                            f"raakt {regel.jaar} niet", entry))
            continue
        if stroom.status != "toegekend":
            if regel.besluit:
                errors.append(BegrotingWaarschuwing(
                    entry.meta, f"Waarschuwing: vastgestelde begroting op een niet-toegekende geldstroom: {naam}: "
                                f"{regel.stroom} is {stroom.status}; dit geld is nog geen dekking", entry))
            continue
        if stroom.split_open:
            continue
        if totaal[regel.stroom] > stroom.toegezegd:
            errors.append(BegrotingError(
                entry.meta, f"Begroting boven toegezegd bedrag: {naam}: begroot op {regel.stroom} over alle jaren "
                            f"{euro(totaal[regel.stroom])}, toegezegd {euro(stroom.toegezegd)} "
                            f"({euro(totaal[regel.stroom] - stroom.toegezegd)} te veel)", entry))
    return errors


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
    errors.extend(dekkingsfouten(programma))
    errors.extend(ontbrekende_toelichtingen(programma))
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
        self.years = gecontroleerde_jaren(programma)
        self.lines = sorted(programma.begroting, key=lambda regel: regel.datum)
        self.index = 0
        self.spent: dict[Key, Decimal] = defaultdict(Decimal)
        self.open: dict[Key, Decimal] = defaultdict(Decimal)  # open commitments per line
        #: the running state per commitment (kenmerk): committed, paid, closed (ledger.model's one rule)
        self.loop: dict[str, model.Verplichtingsloop] = {}
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
        afgelost = self._loop(verplichting).betaal(bedrag)
        if kenmerk not in self.seen:
            return ZERO
        self.open[(verplichting.datum.year, verplichting.actielijn, verplichting.stroom)] -= afgelost
        return afgelost if verplichting.datum.year == jaar else ZERO

    def _loop(self, verplichting: model.Verplichting) -> model.Verplichtingsloop:
        loop = self.loop.get(verplichting.kenmerk)
        if loop is None:
            loop = self.loop[verplichting.kenmerk] = model.Verplichtingsloop(verplichting)
        return loop

    def verplichting(self, verplichting: model.Verplichting) -> None:
        """A commitment: its open amount counts against the budget of its year too."""
        entry = verplichting.entry
        if verplichting.stroom == model.EIGEN or verplichting.kenmerk in self.seen:
            return
        self.advance(entry.date)
        self.seen.add(verplichting.kenmerk)
        open_bedrag = self._loop(verplichting).open
        key = (entry.date.year, verplichting.actielijn, verplichting.stroom)
        self.open[key] += open_bedrag
        melding = None
        if open_bedrag > 0 and entry.date.year in self.years:
            melding = self.over("verplicht", key, entry.meta, entry)
        if self.volg is not None and key in self.volg:
            self.stap(key, VERPLICHTING, entry, entry.meta, verplichting.bedrag, verplichtingen=(verplichting,),
                      melding=melding)

    def wijziging(self, verplichting: model.Verplichting, wijziging: model.VerplichtingWijziging) -> None:
        """A dated change or the closing of a commitment, from its date.

        The commitment's open amount stays on the budget line of the commitment's year: a
        lowering or closing frees that budget from the change's date, a raise uses more of it
        and is reported at the change when the line is then over (``Verplichting boven begroting``).
        """
        if verplichting.stroom == model.EIGEN:
            return
        entry = wijziging.entry
        self.advance(entry.date)
        delta = self._loop(verplichting).wijzig(wijziging)
        if verplichting.kenmerk not in self.seen:
            return
        key = (verplichting.datum.year, verplichting.actielijn, verplichting.stroom)
        self.open[key] += delta
        melding = None
        if delta > 0 and key[0] in self.years:
            melding = self.over("verplicht", key, entry.meta, entry)
        if self.volg is not None and key in self.volg:
            self.stap(key, VERPLICHTINGSWIJZIGING, entry, entry.meta, delta, verplichtingen=(verplichting,),
                      melding=melding, wijziging=wijziging)

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

"""The annual begroting: every figure of the board document, from the ledger.

Pure functions over loaded entries and the parsed programme (no click, no I/O). The
document ``snw begroting`` (reports/begroting.py), the budget sheet (budgets/excel.py)
and any Fava page call :func:`begroting`.

Definitions:

* **Begroot** (current budget) of a year for actielijn × stream: its ``begroting`` lines
  (the *primitive* budget) plus every ``begrotingswijziging`` of that year.
* **Realisatie**: the original (non-derived) postings on the actielijn's stream leaf in
  the period, including partners' own contributions (``EIGEN``).
* **Peildatum**: the figures' reference date: the last transaction date of the ledger,
  at most 31 December of the year. The previous year's realisation runs to the
  peildatum when that falls in the previous year ("t/m").
* **Dekking** per stream comes from ``reports.compute.geldstromen.geldstromen_overzicht``
  at the peildatum: toegezegd (awarded or reserved, Nieuw-West's part), besteed in
  earlier years (cumulative minus this year), open commitments, and
  beschikbaar = toegezegd − besteed eerder − open verplichtingen − prognose rest (the
  spending forecast from the peildatum to 31 December of the current year,
  :func:`prognose_rest`; 0 when the stream's
  period does not reach into the year); resterend = beschikbaar − begroot; a negative
  remainder is ongedekt. The partners' own means (``EIGEN``) are covered by their
  ``toezegging`` for the year.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger.model import TOELICHTING_DREMPEL
from ledger.model import afwijking_boven_drempel
from ledger.model import huidige_begroting
from ledger.model import looptijd_voorbij
from ledger.model import toelichting_drempel
from ledger.model import toelichtingen_van
from reports.compute.bestedingen import bestedingen
from reports.compute.peildatum import peildatum_voor
from ledger import model
from ledger.model import in_centen
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.meerjarenbeeld import meerjarenbeeld
from reports.compute.stromen import EIGEN_NAAM
from reports.compute.stromen import actief_in
from reports.compute.stromen import stroom_volgorde
from reports.compute.verplichtingstanden import VerplichtingStand
from reports.compute.verplichtingstanden import verplichtingen_standen

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

    from reports.compute.geldstromen import GeldstroomRegel
    from reports.compute.meerjarenbeeld import Meerjarenbeeld

ZERO = Decimal(0)
CENT = Decimal("0.01")
EIGEN = model.EIGEN
_ACTIELIJN = model.ACTIELIJN_ROOT + ":"


@dataclasses.dataclass(frozen=True)
class Post:
    """One budget line of the year: actielijn × stream, with last year for reference."""

    domein: str
    actielijn: str
    naam: str
    stroom: str
    primitief: Decimal  # the year's ``begroting`` lines
    wijzigingen: Decimal  # the year's amendments
    begroot: Decimal  # current budget = primitief + wijzigingen
    realisatie: Decimal  # spent in the year up to the peildatum
    vorig_begroot: Decimal  # previous year's current budget
    vorig_realisatie: Decimal  # spent in the previous year up to the peildatum
    toelichting: str = ""  # the ``toelichting:`` of the year's budget lines and amendments on this key
    drempel: Decimal = TOELICHTING_DREMPEL  # the declared threshold (:func:`toelichting_drempel`)
    looptijd_voorbij: datetime.date | None = None  # :func:`looptijd_voorbij`: the line ends with its stream

    @property
    def verschil(self) -> Decimal:
        """Change against the previous year's budget (the document's "mutatie")."""
        return self.begroot - self.vorig_begroot

    @property
    def vorig_verschil(self) -> Decimal:
        """BBV art. 28 for the previous year: its budget after amendments − its realisation to the peildatum."""
        return self.vorig_begroot - self.vorig_realisatie

    @property
    def verschil_aandeel(self) -> Decimal | None:
        """The change as a fraction of the previous year's budget (None when that was 0)."""
        if not self.vorig_begroot:
            return None
        return self.verschil / self.vorig_begroot

    @property
    def vraagt_toelichting(self) -> bool:
        """The line changes by more than the threshold (a new line or one that falls to 0 always does)."""
        return afwijking_boven_drempel(self.begroot, self.vorig_begroot, self.drempel)


@dataclasses.dataclass(frozen=True)
class Totaal:
    """A group total (a domain or a stream)."""

    code: str
    naam: str
    begroot: Decimal
    vorig_begroot: Decimal
    vorig_realisatie: Decimal

    @property
    def verschil(self) -> Decimal:
        return self.begroot - self.vorig_begroot


@dataclasses.dataclass(frozen=True)
class Dekking:
    """Coverage of the year's budget by one stream (or by the partners' pledges: EIGEN)."""

    stroom: str
    naam: str
    status: str
    verdeling_open: bool
    einddatum: datetime.date | None
    toegezegd: Decimal  # awarded or reserved (Nieuw-West's part)
    besteed_eerder: Decimal  # spent before the year, to the peildatum
    verplicht: Decimal  # open commitments at the peildatum
    beschikbaar: Decimal  # what the stream can still cover in the year
    begroot: Decimal
    begroot_later: Decimal = ZERO  # budgeted on the stream after the year, up to its end date's year
    prognose_rest: Decimal = ZERO  # forecast spending to 31 December of the current year beyond open commitments

    @property
    def resterend(self) -> Decimal:
        return self.beschikbaar - self.begroot

    @property
    def onbenut_voor_einde(self) -> Decimal:
        """Awarded money no budget uses before the stream's end date: the planned underspend.

        ``beschikbaar − begroot − begroot_later`` (never below 0): what is left after this
        year's budget and the budgets of the later years up to the end date. Unless it is
        budgeted or the period is extended, it is not spent and is repaid or not received at
        the end. 0 for streams not awarded (``verwacht``, ``gereserveerd``, ``aangevraagd``:
        not yet toegezegd), streams without an end date, and the partners' pledges (EIGEN).
        """
        if not self.toegekend or self.einddatum is None:
            return ZERO
        return max(self.beschikbaar - self.begroot - self.begroot_later, ZERO)

    @property
    def gedekt(self) -> Decimal:
        """The part of the budget the stream covers: at most the budget, never below 0."""
        return min(self.begroot, max(self.beschikbaar, ZERO))

    @property
    def ongedekt(self) -> Decimal:
        """The part of the budget the stream cannot cover (0 when covered); gedekt + ongedekt = begroot."""
        return self.begroot - self.gedekt

    @property
    def toegekend(self) -> bool:
        return self.status == "toegekend"


@dataclasses.dataclass(frozen=True)
class Wijziging:
    """One amendment decision (or the pending amendments without a decision)."""

    besluit: str | None
    datum: datetime.date
    omschrijving: str
    regels: tuple[tuple[str, str, Decimal], ...]  # (actielijn, stroom, bedrag)

    @property
    def totaal(self) -> Decimal:
        return sum((bedrag for _, _, bedrag in self.regels), ZERO)


@dataclasses.dataclass(frozen=True)
class Bijdrage:
    """A partner's pledge for the year, last year's pledge and what it delivered."""

    partner: str
    naam: str
    type: str
    bedrag: Decimal
    uren: Decimal
    vorig_bedrag: Decimal
    vorig_uren: Decimal
    vorig_gerealiseerd: Decimal  # EIGEN spending of the partner in the previous year
    vorig_gerealiseerd_uren: Decimal


@dataclasses.dataclass(frozen=True)
class Risico:
    """A risk the figures show, as figures; ``reports.documents.begroting`` words it.

    ``bedrag`` is always the amount at risk: what the programme loses when the risk occurs.
    ``kans`` comes from :data:`KANS_REGEL`, ``impact`` from :func:`impact_van`; streams not
    awarded yet are opportunities (:class:`Kans`), not risks. ``soort`` and ``geval`` say which
    risk it is:

    * ``looptijd``/``eindigt-voor-jaar``: an awarded stream ends before the year: ``bedrag`` is
      ``begroot`` (budgeted on it in the year, without cover) plus ``terug_te_betalen`` (received
      money unspent; ``niet_te_ontvangen`` of the award is not paid out);
    * ``looptijd``/``loopt-af``: an awarded stream ends in the year; ``begroot`` must be spent
      before ``einddatum``; ``bedrag`` is ``prognose`` (what the spending rate leaves of the award)
      or, when larger, ``terug_te_betalen`` (the received part of it);
    * ``verdeling``: ``begroot`` rests on ``gereserveerd``, reserved for Nieuw-West with
      ``gedeeld_met``, split still open;
    * ``overcommittering``: spent plus open commitments (``nodig``) exceed ``toegekend``;
    * ``ongedekt``: ``begroot`` exceeds ``beschikbaar``;
    * ``eigen``: the partners' own means budgeted (``begroot``) exceed their pledges
      (``toegezegd``);
    * ``verlopen``: commitments on the stream still open (``bedrag``, ``aantal`` of them) after their
      own or the stream's end date at the peildatum (``reports.compute.verplichtingstanden``,
      ``VerplichtingStand.verlopen``): if the partner still claims it, other means must pay.
    """

    soort: str  # looptijd | verdeling | overcommittering | ongedekt | eigen
    stroom: str
    naam: str  # the stream's name
    bedrag: Decimal  # the amount at risk
    geval: str = ""
    einddatum: datetime.date | None = None
    afgelopen: bool = False  # the end date lies on or before the peildatum
    begroot: Decimal = ZERO
    terug_te_betalen: Decimal = ZERO
    niet_te_ontvangen: Decimal = ZERO
    prognose: Decimal | None = None
    gereserveerd: Decimal = ZERO
    gedeeld_met: tuple[str, ...] = ()
    status: str = ""
    nodig: Decimal = ZERO
    toegekend: Decimal = ZERO
    beschikbaar: Decimal = ZERO
    toegezegd: Decimal = ZERO
    aantal: int = 0  # ``verlopen``: the number of expired open commitments
    kans: str = "middel"  # likelihood: klein | middel | groot | zeker (:data:`KANS_REGEL`)
    impact: str = "klein"  # klein | middel | groot against the year's total budget (:func:`impact_van`)

    @property
    def kansfactor(self) -> Decimal:
        """The likelihood as a fraction (:data:`KANSFACTOR`)."""
        return KANSFACTOR[self.kans]

    @property
    def gewogen(self) -> Decimal:
        """The weighted risk: amount at risk × likelihood, to the cent."""
        return in_centen(self.bedrag * self.kansfactor)


@dataclasses.dataclass(frozen=True)
class Kans:
    """An opportunity: money that may come to the programme but is not toegezegd yet.

    ``soort`` ``verwacht``: a stream expected or applied for (``status``), ``bedrag`` its
    amount, ``begroot`` what the year already budgets on it (it can start only once awarded);
    ``verdeling``: a reservation for Nieuw-West and ``gedeeld_met`` whose split is still open,
    nothing budgeted on it.
    """

    soort: str  # verwacht | verdeling
    stroom: str
    naam: str
    bedrag: Decimal
    status: str
    einddatum: datetime.date | None = None
    begroot: Decimal = ZERO
    gedeeld_met: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Begroting:
    """Everything the board document shows for one year."""

    jaar: int
    peildatum: datetime.date
    status: str  # "vastgesteld" | "ontwerp" | "geen begroting"
    besluit: model.AbBesluit | None  # the decision that set the primitive budget
    regels_zonder_besluit: int
    posten: tuple[Post, ...]
    domeinen: tuple[Totaal, ...]
    stromen: tuple[Totaal, ...]
    dekking: tuple[Dekking, ...]
    wijzigingen: tuple[Wijziging, ...]
    bijdragen: tuple[Bijdrage, ...]
    risicos: tuple[Risico, ...]
    stroomnamen: dict[str, str]
    kansen: tuple[Kans, ...] = ()
    weerstandscapaciteit: Decimal | None = None  # declared: ``custom "instelling" "weerstandscapaciteit" … EUR``
    vorig_primitief: Decimal = ZERO  # the previous year's primitive budget (its ``begroting`` lines)
    vorig_aantal_wijzigingen: int = 0  # the previous year's amendment decisions (and pending amendments)
    autorisatie: tuple[Decimal, str] | None = None  # declared autorisatieniveau (:func:`autorisatieniveau`)
    vorig_wijzigingen: tuple[Wijziging, ...] = ()  # the previous (current) year's amendments with their decisions
    meerjaren: Meerjarenbeeld | None = None  # the year and the three after it (reports.compute.meerjarenbeeld)

    @property
    def gewijzigd(self) -> bool:
        """The year's figure is a gewijzigde begroting (amended), not the primitieve."""
        return bool(self.wijzigingen)

    @property
    def vorig_gewijzigd(self) -> bool:
        """The previous year's figure is a gewijzigde begroting."""
        return self.vorig_aantal_wijzigingen > 0

    @property
    def risico_totaal(self) -> Decimal:
        """The amounts at risk, all risks."""
        return sum((r.bedrag for r in self.risicos), ZERO)

    @property
    def risico_gewogen(self) -> Decimal:
        """The weighted risk (amount × likelihood), all risks: the benodigde weerstandscapaciteit."""
        return sum((r.gewogen for r in self.risicos), ZERO)

    @property
    def weerstandsvermogen(self) -> Decimal | None:
        """Weerstandscapaciteit / weighted risk, to two decimals (None: nothing declared or no risk)."""
        if self.weerstandscapaciteit is None or not self.risico_gewogen:
            return None
        return (self.weerstandscapaciteit / self.risico_gewogen).quantize(CENT)

    @property
    def weerstand_tekort(self) -> Decimal:
        """The weighted risk the declared capacity cannot absorb (0 when it can)."""
        return max(self.risico_gewogen - (self.weerstandscapaciteit or ZERO), ZERO)

    @property
    def vorig_jaar(self) -> int:
        return self.jaar - 1

    @property
    def totaal(self) -> Decimal:
        return sum((post.begroot for post in self.posten), ZERO)

    @property
    def primitief(self) -> Decimal:
        return sum((post.primitief for post in self.posten), ZERO)

    @property
    def vorig_totaal(self) -> Decimal:
        return sum((post.vorig_begroot for post in self.posten), ZERO)

    @property
    def vorig_realisatie(self) -> Decimal:
        return sum((post.vorig_realisatie for post in self.posten), ZERO)

    @property
    def verschil(self) -> Decimal:
        """Change of the total against the previous year's budget."""
        return self.totaal - self.vorig_totaal

    @property
    def ongedekt(self) -> Decimal:
        """The budget no stream or pledge covers."""
        return sum((regel.ongedekt for regel in self.dekking), ZERO)

    @property
    def onbenut_voor_einde(self) -> Decimal:
        """Awarded money no budget uses before its stream's end date, all streams
        (:attr:`Dekking.onbenut_voor_einde`)."""
        return sum((d.onbenut_voor_einde for d in self.dekking), ZERO)

    def verschil_per_stroom(self, domein: str) -> tuple[tuple[str, Decimal], ...]:
        """A domain's change against the previous year's budget per stream, largest change first."""
        per: dict[str, Decimal] = defaultdict(Decimal)
        for post in self.posten:
            if post.domein == domein:
                per[post.stroom] += post.verschil
        return tuple(sorted(((s, v) for s, v in per.items() if v), key=lambda item: (-abs(item[1]), item[0])))

    @property
    def onbenut(self) -> tuple[Dekking, ...]:
        """The streams with a planned underspend, largest first."""
        return tuple(sorted((d for d in self.dekking if d.onbenut_voor_einde > 0),
                            key=lambda d: (-d.onbenut_voor_einde, d.stroom)))

    @property
    def gedekt_toegekend(self) -> Decimal:
        """The budget covered by awarded streams and partners' pledges."""
        return sum((d.gedekt for d in self.dekking if d.toegekend or d.stroom == EIGEN), ZERO)

    @property
    def gedekt_verwacht(self) -> Decimal:
        """The budget that rests on streams not yet awarded (reserved, expected, applied for)."""
        return sum((d.gedekt for d in self.dekking if not d.toegekend and d.stroom != EIGEN), ZERO)

    @property
    def toezeggingen_bedrag(self) -> Decimal:
        """The partners' pledged money for the year."""
        return sum((x.bedrag for x in self.bijdragen), ZERO)

    @property
    def toezeggingen_uren(self) -> Decimal:
        """The partners' pledged staff hours for the year."""
        return sum((x.uren for x in self.bijdragen), ZERO)

    @property
    def realisatie_tot(self) -> datetime.date:
        """The end of the previous year's realisation period (the peildatum or 31 December)."""
        return min(self.peildatum, datetime.date(self.vorig_jaar, 12, 31))


def realisatie(entries: Iterable[data.Directive], programma: model.Programma, van: datetime.date,
               tot: datetime.date) -> dict[tuple[str, str], Decimal]:
    """Spending per (actielijn, stream) from ``van`` to ``tot`` inclusive.

    Args:
      entries: the loaded entries (derived release postings are skipped).
      programma: the parsed declarations.
      van: first day.
      tot: last day.
    Returns:
      Amount per (actielijn code, stream), ``EIGEN`` included.
    """
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    if tot < van:
        return {}
    for besteding in bestedingen(entries, programma, tot=tot, van=van):
        totals[(besteding.actielijn.code, besteding.stroom)] += besteding.bedrag
    return dict(totals)


def inzet_per_partner(entries: Iterable[data.Directive], programma: model.Programma, van: datetime.date,
                      tot: datetime.date) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The partners' own means spent (``EIGEN``): amount and hours per partner in a period."""
    bedrag: dict[str, Decimal] = defaultdict(Decimal)
    uren: dict[str, Decimal] = defaultdict(Decimal)
    for besteding in bestedingen(entries, programma, tot=tot, van=van):
        if besteding.stroom != EIGEN or besteding.partner is None:
            continue
        bedrag[besteding.partner] += besteding.bedrag
        if besteding.uren is not None:
            uren[besteding.partner] += besteding.uren
    return bedrag, uren


def status_van(programma: model.Programma, jaar: int) -> tuple[str, model.AbBesluit | None, int]:
    primitief = [r for r in programma.begroting if r.jaar == jaar and r.soort == "begroting"]
    if not primitief:
        return "geen begroting", None, 0
    zonder = sum(1 for r in primitief if not r.besluit)
    besluiten = Counter(r.besluit for r in primitief if r.besluit)
    besluit = programma.ab_besluiten.get(besluiten.most_common(1)[0][0]) if besluiten else None
    return ("ontwerp" if zonder or besluit is None else "vastgesteld"), besluit, zonder


def wijzigingen_van(programma: model.Programma, jaar: int) -> tuple[Wijziging, ...]:
    groepen: dict[str | None, list[model.BegrotingRegel]] = defaultdict(list)
    for regel in programma.begroting:
        if regel.jaar == jaar and regel.soort == "begrotingswijziging":
            groepen[regel.besluit].append(regel)
    out = []
    for besluit, regels in groepen.items():
        ab = programma.ab_besluiten.get(besluit) if besluit else None
        out.append(Wijziging(
            besluit=besluit,
            datum=ab.datum if ab else min(r.datum for r in regels),
            omschrijving=ab.omschrijving if ab else "Wijziging in ontwerp (nog geen AB-besluit)",
            regels=tuple(sorted(((r.actielijn, r.stroom, r.bedrag) for r in regels),
                                key=lambda t: (t[0], stroom_volgorde(t[1])))),
        ))
    return tuple(sorted(out, key=lambda w: (w.besluit is None, w.datum, w.besluit or "")))


def prognose_rest(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                  peildatum: datetime.date, verplicht: dict[str, Decimal]) -> dict[str, Decimal]:
    """Forecast spending per stream from the peildatum to 31 December of the year before ``jaar``.

    Method: the stream's spending of that year up to the peildatum, per day, times the days
    left to 31 December (the spending rate of the year so far); the open commitments are
    already deducted from ``beschikbaar``, so only what the rate exceeds them by counts.
    0 when the peildatum is 31 December or later, or before that year.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      jaar: the budget year.
      peildatum: the reference date.
      verplicht: open commitments per stream at the peildatum.
    Returns:
      The forecast per stream code (streams with no spending that year are absent).
    """
    start, einde = datetime.date(jaar - 1, 1, 1), datetime.date(jaar - 1, 12, 31)
    if peildatum >= einde or peildatum < start:
        return {}
    gehad = Decimal((peildatum - start).days + 1)
    rest = Decimal((einde - peildatum).days)
    out = {}
    per_stroom: dict[str, Decimal] = defaultdict(Decimal)
    for (_, stroom), bedrag in realisatie(entries, programma, start, peildatum).items():
        if stroom != EIGEN:
            per_stroom[stroom] += bedrag
    for stroom, bedrag in per_stroom.items():
        tempo = in_centen(bedrag / gehad * rest)
        extra = max(tempo - verplicht.get(stroom, ZERO), ZERO)
        if extra > 0:
            out[stroom] = extra
    return out


def _beschikbaar(regel: GeldstroomRegel, programma: model.Programma, jaar: int,
                 prognose: Decimal = ZERO) -> Decimal:
    """What a stream can still cover in the year: toegezegd − besteed eerder − open verplichtingen
    − the forecast spending of the rest of the current year (:func:`prognose_rest`)."""
    if not actief_in(programma.geldstromen.get(regel.code), jaar):
        return ZERO
    return regel.toegezegd - (regel.besteed_cumulatief - regel.besteed_jaar) - regel.verplicht - prognose


def beschikbaarheid(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                    peildatum: datetime.date | None = None) -> dict[str, Decimal]:
    """What each stream (and EIGEN: the partners' pledges) can cover in ``jaar``.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      jaar: the budget year.
      peildatum: the reference date; default :func:`peildatum_voor`.
    Returns:
      Available amount per stream code (0 for streams whose period misses the year).
    """
    peildatum = peildatum or peildatum_voor(jaar)
    overzicht = geldstromen_overzicht(entries, programma, jaar, peildatum)
    prognose = prognose_rest(entries, programma, jaar, peildatum, {r.code: r.verplicht for r in overzicht.regels})
    out = {regel.code: _beschikbaar(regel, programma, jaar, prognose.get(regel.code, ZERO))
           for regel in overzicht.regels}
    out[EIGEN] = sum((t.bedrag for t in programma.toezeggingen if t.jaar == jaar), ZERO)
    return out


def begroot_na(budget: dict[tuple[int, str, str], Decimal], stroom: str, jaar: int,
               einddatum: datetime.date | None) -> Decimal:
    """The current budget on a stream in the years after ``jaar`` up to its end date's year.

    Args:
      budget: the current budget per (year, actielijn, stream) (``ledger.model.huidige_begroting``).
      stroom: the stream code.
      jaar: the budget year.
      einddatum: the stream's end date; None: no later year counts.
    Returns:
      The sum of those budget lines.
    """
    if einddatum is None:
        return ZERO
    return sum((v for (j, _, s), v in budget.items() if s == stroom and jaar < j <= einddatum.year), ZERO)


def _dekking(regels: Sequence[GeldstroomRegel], programma: model.Programma, jaar: int,
             begroot_eigen: Decimal, toezegging_eigen: Decimal,
             prognose: dict[str, Decimal]) -> tuple[Dekking, ...]:
    out = []
    budget = huidige_begroting(programma)
    for regel in regels:
        actief = actief_in(programma.geldstromen.get(regel.code), jaar)
        besteed_eerder = regel.besteed_cumulatief - regel.besteed_jaar
        rest = prognose.get(regel.code, ZERO) if actief else ZERO
        beschikbaar = _beschikbaar(regel, programma, jaar, rest)
        if regel.begroot == 0 and (not actief or beschikbaar <= 0):
            continue
        out.append(Dekking(
            stroom=regel.code, naam=regel.naam, status=regel.status, verdeling_open=regel.verdeling_open,
            einddatum=regel.einddatum, toegezegd=regel.toegezegd, besteed_eerder=besteed_eerder,
            verplicht=regel.verplicht, beschikbaar=beschikbaar, begroot=regel.begroot,
            begroot_later=begroot_na(budget, regel.code, jaar, regel.einddatum), prognose_rest=rest,
        ))
    if begroot_eigen or toezegging_eigen:
        out.append(Dekking(
            stroom=EIGEN, naam=EIGEN_NAAM, status="toegezegd", verdeling_open=False, einddatum=None,
            toegezegd=toezegging_eigen, besteed_eerder=ZERO, verplicht=ZERO, beschikbaar=toezegging_eigen,
            begroot=begroot_eigen,
        ))
    return tuple(out)


RISICO_VOLGORDE = ("ongedekt", "overcommittering", "looptijd", "verlopen", "verdeling", "eigen")

KANSFACTOR = {"klein": Decimal("0.25"), "middel": Decimal("0.5"), "groot": Decimal("0.75"), "zeker": Decimal(1)}
"""Likelihood as a fraction, for the weighted risk."""

KANS_REGEL = {
    ("looptijd", "afgelopen"): "zeker",  # the stream has ended: the money is not spent, the budget has no cover
    ("looptijd", "eindigt-voor-jaar"): "groot",  # ends after the peildatum but before the year
    ("looptijd", "loopt-af"): "middel",  # ends in the year: depends on the spending pace until then
    ("ongedekt", ""): "groot",  # the budget exceeds what the stream can still cover
    ("overcommittering", ""): "groot",  # commitments exceed the award
    ("verdeling", ""): "middel",  # budget on a reservation whose split between areas is open
    ("eigen", ""): "klein",  # partners' own means budgeted beyond their pledges; pledges usually follow
    ("verlopen", ""): "middel",  # a partner may still claim what is open after the end; the stream cannot pay it
}
"""The documented rule for a risk's likelihood, by (soort, geval); a stream that ends before the
year is ``afgelopen`` when it has ended at the peildatum."""

IMPACT_GRENZEN = ((Decimal("0.10"), "groot"), (Decimal("0.02"), "middel"))
"""Impact by the amount at risk as a share of the year's total budget: ≥ 10% groot, ≥ 2% middel, else klein."""


def impact_van(bedrag: Decimal, totaal: Decimal) -> str:
    """A risk's impact: its amount against the year's total budget (:data:`IMPACT_GRENZEN`).

    Args:
      bedrag: the amount at risk.
      totaal: the year's total budget (0: every risk is groot).
    Returns:
      ``groot``, ``middel`` or ``klein``.
    """
    for grens, niveau in IMPACT_GRENZEN:
        if totaal <= 0 or bedrag >= grens * totaal:
            return niveau
    return "klein"


def _gewogen(risico: Risico, totaal: Decimal) -> Risico:
    """The risk with its likelihood (:data:`KANS_REGEL`) and impact (:func:`impact_van`)."""
    if risico.soort == "looptijd":
        geval = "afgelopen" if risico.geval == "eindigt-voor-jaar" and risico.afgelopen else risico.geval
        sleutel = ("looptijd", geval)
    else:
        sleutel = (risico.soort, "")
    return dataclasses.replace(risico, kans=KANS_REGEL[sleutel], impact=impact_van(risico.bedrag, totaal))


AUTORISATIE_BINNEN = ("actielijn", "domein", "programma")
"""Where the programme director may shift budget without the AB: between streams of one
actielijn, between actielijnen of one domain, or across the programme."""


def autorisatieniveau(programma: model.Programma) -> tuple[Decimal, str] | None:
    """The declared autorisatieniveau: ``custom "instelling" "autorisatieniveau" 50000.00 EUR "domein"``.

    Args:
      programma: the parsed declarations.
    Returns:
      (the largest shift per decision the programme director may make without the AB, within
      what: one of :data:`AUTORISATIE_BINNEN`), or None when none is declared or it is malformed.
    """
    values = programma.instelling("autorisatieniveau")
    bedrag = model.decimaal(values[0]) if values else None
    binnen = values[1] if len(values) > 1 else "domein"
    if bedrag is None or binnen not in AUTORISATIE_BINNEN:
        return None
    return bedrag, binnen


def weerstandscapaciteit(programma: model.Programma) -> Decimal | None:
    """What can absorb the risks, as declared: ``custom "instelling" "weerstandscapaciteit" 500000.00 EUR``.

    Args:
      programma: the parsed declarations.
    Returns:
      The declared amount, or None when the ledger declares none.
    """
    values = programma.instelling("weerstandscapaciteit")
    return model.decimaal(values[0]) if values else None


def _kansen(regels: Sequence[GeldstroomRegel], programma: model.Programma, jaar: int) -> tuple[Kans, ...]:
    """Expected streams and open reservations whose period reaches into the year: opportunities, not risks."""
    out = []
    for regel in regels:
        stroom = programma.geldstromen.get(regel.code)
        if not actief_in(stroom, jaar):
            continue
        basis = {"stroom": regel.code, "naam": regel.naam, "status": regel.status, "einddatum": regel.einddatum,
                 "begroot": regel.begroot}
        if regel.verdeling_open and regel.begroot == 0 and stroom is not None:
            out.append(Kans("verdeling", bedrag=regel.bedrag, gedeeld_met=tuple(stroom.gedeeld_met or ()), **basis))
        elif not regel.verdeling_open and regel.status != "toegekend" and regel.toegezegd > 0:
            out.append(Kans("verwacht", bedrag=regel.toegezegd, **basis))
    return tuple(sorted(out, key=lambda k: (k.soort, stroom_volgorde(k.stroom))))


def _risicos(jaar: int, regels: Sequence[GeldstroomRegel], dekking: Sequence[Dekking],
             programma: model.Programma, peildatum: datetime.date,
             verlopen: Sequence[VerplichtingStand] = ()) -> tuple[Risico, ...]:
    out: list[Risico] = []
    per_stroom: dict[str, list[VerplichtingStand]] = defaultdict(list)
    for stand in verlopen:
        per_stroom[stand.stroom].append(stand)
    for code, standen in per_stroom.items():
        stroom = programma.geldstromen.get(code)
        out.append(Risico("verlopen", code, stroom.naam if stroom else code, sum((v.open for v in standen), ZERO),
                          einddatum=stroom.tot if stroom else None, aantal=len(standen)))
    start, einde = datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31)
    by_code = {d.stroom: d for d in dekking}
    for regel in regels:
        stroom = programma.geldstromen.get(regel.code)
        dek = by_code.get(regel.code)
        begroot = regel.begroot
        terugbetaling = regel.vaststelling  # the one settlement at the end (reports.compute.geldstromen)
        basis = {"stroom": regel.code, "naam": regel.naam}
        toegekend = regel.status == "toegekend"
        if toegekend and regel.einddatum is not None and regel.einddatum <= einde:
            looptijd = {**basis, "einddatum": regel.einddatum, "afgelopen": regel.einddatum <= peildatum,
                        "terug_te_betalen": terugbetaling.terug_te_betalen,
                        "niet_te_ontvangen": terugbetaling.niet_te_ontvangen}
            if regel.einddatum < start:
                # one risk per stream: the budget without cover plus the received money to repay
                bedrag = begroot + terugbetaling.terug_te_betalen
                if bedrag > 0:
                    out.append(Risico("looptijd", bedrag=bedrag, geval="eindigt-voor-jaar", begroot=begroot,
                                      **looptijd))
            else:
                bedrag = max(regel.prognose_einde or ZERO, terugbetaling.terug_te_betalen)
                if bedrag > 0:
                    out.append(Risico("looptijd", bedrag=bedrag, geval="loopt-af", begroot=begroot,
                                      prognose=regel.prognose_einde, **looptijd))
        if regel.verdeling_open and stroom is not None and begroot > 0:
            out.append(Risico("verdeling", bedrag=begroot, gereserveerd=regel.bedrag,
                              gedeeld_met=tuple(stroom.gedeeld_met or ()), begroot=begroot, **basis))
        if regel.toegekend > 0 and regel.besteed_cumulatief + regel.verplicht > regel.toegekend:
            nodig = regel.besteed_cumulatief + regel.verplicht
            out.append(Risico("overcommittering", bedrag=nodig - regel.toegekend, nodig=nodig,
                              toegekend=regel.toegekend, **basis))
        if dek is not None and dek.ongedekt > 0 and not regel.verdeling_open and regel.status == "toegekend" and (
                regel.einddatum is None or regel.einddatum >= start):
            out.append(Risico("ongedekt", bedrag=dek.ongedekt, begroot=begroot, beschikbaar=dek.beschikbaar,
                              **basis))
    eigen = by_code.get(EIGEN)
    if eigen is not None and eigen.ongedekt > 0:
        out.append(Risico("eigen", EIGEN, EIGEN_NAAM, eigen.ongedekt, begroot=eigen.begroot,
                          toegezegd=eigen.toegezegd))
    totaal = sum((regel.begroot for regel in regels), ZERO) + (eigen.begroot if eigen is not None else ZERO)
    return tuple(sorted((_gewogen(r, totaal) for r in out),
                        key=lambda r: (RISICO_VOLGORDE.index(r.soort), stroom_volgorde(r.stroom))))


def begroting(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
              peildatum: datetime.date | None = None) -> Begroting:
    """Compute every figure of the begroting of ``jaar``.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations (``ledger.model.parse_programma``).
      jaar: the budget year.
      peildatum: the reference date; default :func:`peildatum_voor`.
    Returns:
      The begroting with its lines, totals, coverage, amendments, pledges, risks and
      drafted decision points.
    """
    peildatum = peildatum or peildatum_voor(jaar)
    vorig = jaar - 1
    budget = huidige_begroting(programma)
    primitief: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for regel in programma.begroting:
        if regel.jaar == jaar and regel.soort == "begroting":
            primitief[(regel.actielijn, regel.stroom)] += regel.bedrag
    huidig = {(c, s): v for (j, c, s), v in budget.items() if j == jaar}
    vorig_budget = {(c, s): v for (j, c, s), v in budget.items() if j == vorig}
    vorig_tot = min(peildatum, datetime.date(vorig, 12, 31))
    vorig_real = realisatie(entries, programma, datetime.date(vorig, 1, 1), vorig_tot)
    real = realisatie(entries, programma, datetime.date(jaar, 1, 1), peildatum)

    domein_volgorde = {code: index for index, code in enumerate(programma.domeinen)}
    keys = {k for k, v in (*huidig.items(), *vorig_budget.items(), *vorig_real.items(), *real.items()) if v}
    keys |= set(huidig)
    posten = []
    toelichtingen = toelichtingen_van(programma, jaar)
    drempel = toelichting_drempel(programma)
    for code, stroom in keys:
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            continue
        begroot = huidig.get((code, stroom), ZERO)
        prim = primitief.get((code, stroom), ZERO)
        posten.append(Post(
            domein=actielijn.domein, actielijn=code, naam=actielijn.naam, stroom=stroom, primitief=prim,
            wijzigingen=begroot - prim, begroot=begroot, realisatie=real.get((code, stroom), ZERO),
            vorig_begroot=vorig_budget.get((code, stroom), ZERO),
            vorig_realisatie=vorig_real.get((code, stroom), ZERO),
            toelichting=toelichtingen.get((code, stroom), ""), drempel=drempel,
            looptijd_voorbij=looptijd_voorbij(programma, jaar, stroom, begroot),
        ))
    posten.sort(key=lambda p: (domein_volgorde.get(p.domein, len(domein_volgorde)), p.domein, p.actielijn,
                               stroom_volgorde(p.stroom)))

    stroomnamen = {code: stroom.naam for code, stroom in programma.geldstromen.items()}
    stroomnamen[EIGEN] = EIGEN_NAAM

    def totalen(attr: str, namen: dict[str, str], volgorde) -> tuple[Totaal, ...]:  # noqa: ANN001
        groups: dict[str, list[Post]] = defaultdict(list)
        for post in posten:
            groups[getattr(post, attr)].append(post)
        return tuple(Totaal(
            code=code, naam=namen.get(code, code),
            begroot=sum((p.begroot for p in groep), ZERO),
            vorig_begroot=sum((p.vorig_begroot for p in groep), ZERO),
            vorig_realisatie=sum((p.vorig_realisatie for p in groep), ZERO),
        ) for code, groep in sorted(groups.items(), key=lambda item: volgorde(item[0])))

    domeinnamen = {code: d.naam for code, d in programma.domeinen.items()}
    domeinen = totalen("domein", domeinnamen, lambda c: (domein_volgorde.get(c, len(domein_volgorde)), c))
    stromen = totalen("stroom", stroomnamen, stroom_volgorde)

    overzicht = geldstromen_overzicht(entries, programma, jaar, peildatum)
    toezeggingen = [t for t in programma.toezeggingen if t.jaar == jaar]
    begroot_eigen = sum((v for (c, s), v in huidig.items() if s == EIGEN), ZERO)
    prognose = prognose_rest(entries, programma, jaar, peildatum, {r.code: r.verplicht for r in overzicht.regels})
    dekking = _dekking(overzicht.regels, programma, jaar, begroot_eigen,
                       sum((t.bedrag for t in toezeggingen), ZERO), prognose)

    inzet_bedrag, inzet_uren = inzet_per_partner(entries, programma, datetime.date(vorig, 1, 1), vorig_tot)
    per_partner: dict[str, dict[int, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for t in programma.toezeggingen:
        if t.jaar in (jaar, vorig):
            bedrag, uren = per_partner[t.partner].get(t.jaar, (ZERO, ZERO))
            per_partner[t.partner][t.jaar] = (bedrag + t.bedrag, uren + (t.uren or ZERO))
    bijdragen = []
    for code in sorted(set(per_partner) | {p for p, v in inzet_bedrag.items() if v}):
        partner = programma.partners.get(code)
        nu = per_partner.get(code, {}).get(jaar, (ZERO, ZERO))
        toen = per_partner.get(code, {}).get(vorig, (ZERO, ZERO))
        bijdragen.append(Bijdrage(
            partner=code, naam=partner.naam if partner else code, type=(partner.type or "") if partner else "",
            bedrag=nu[0], uren=nu[1], vorig_bedrag=toen[0], vorig_uren=toen[1],
            vorig_gerealiseerd=inzet_bedrag.get(code, ZERO), vorig_gerealiseerd_uren=inzet_uren.get(code, ZERO),
        ))

    status, besluit, zonder = status_van(programma, jaar)
    vorig_wijzigingen = wijzigingen_van(programma, vorig)
    uitkomst = Begroting(
        jaar=jaar, peildatum=peildatum, status=status, besluit=besluit, regels_zonder_besluit=zonder,
        posten=tuple(posten), domeinen=domeinen, stromen=stromen, dekking=dekking,
        wijzigingen=wijzigingen_van(programma, jaar), bijdragen=tuple(bijdragen),
        risicos=_risicos(jaar, overzicht.regels, dekking, programma, peildatum,
                         [v for v in verplichtingen_standen(entries, programma, peildatum) if v.verlopen]),
        stroomnamen=stroomnamen,
        kansen=_kansen(overzicht.regels, programma, jaar), weerstandscapaciteit=weerstandscapaciteit(programma),
        vorig_primitief=sum((r.bedrag for r in programma.begroting if r.jaar == vorig and r.soort == "begroting"),
                            ZERO),
        vorig_aantal_wijzigingen=len(vorig_wijzigingen), autorisatie=autorisatieniveau(programma),
        vorig_wijzigingen=vorig_wijzigingen,
    )
    return dataclasses.replace(uitkomst, meerjaren=meerjarenbeeld(jaar, peildatum, uitkomst.dekking, entries,
                                                                  programma))


@dataclasses.dataclass(frozen=True)
class Invulblad:
    """The figures of the budget sheet (``budgets.excel``) for ``jaar``.

    Attributes:
      jaar: the budget year being prepared.
      peildatum: the reference date of the figures.
      realisatie_tot: the end of the previous year's realisation (peildatum or 31 December).
      prefill_jaar: the year whose budget prefills the sheet (``jaar`` when it has one).
      prefill: that budget per (actielijn, stream).
      vorig_begroot: the previous year's current budget per (actielijn, stream).
      vorig_realisatie: the previous year's spending to ``realisatie_tot`` per (actielijn, stream).
      beschikbaar: what each stream (and EIGEN) can cover in ``jaar`` (:func:`beschikbaarheid`).
    """

    jaar: int
    peildatum: datetime.date
    realisatie_tot: datetime.date
    prefill_jaar: int
    prefill: dict[tuple[str, str], Decimal]
    vorig_begroot: dict[tuple[str, str], Decimal]
    vorig_realisatie: dict[tuple[str, str], Decimal]
    beschikbaar: dict[str, Decimal]

    def vorig_begroot_actielijn(self, code: str) -> Decimal:
        """The previous year's budget of one actielijn, all streams."""
        return sum((v for (c, _), v in self.vorig_begroot.items() if c == code), ZERO)

    def vorig_realisatie_actielijn(self, code: str) -> Decimal:
        """The previous year's realisation of one actielijn, all streams."""
        return sum((v for (c, _), v in self.vorig_realisatie.items() if c == code), ZERO)

    def vrij(self, stroom: str) -> Decimal:
        """What a stream can still take in the year (never below 0)."""
        return max(self.beschikbaar.get(stroom, ZERO), ZERO)


def invulblad(entries: Sequence[data.Directive], programma: model.Programma, jaar: int) -> Invulblad:
    """The figures the budget sheet shows and checks against.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      jaar: the budget year being prepared.
    Returns:
      The prefill, last year's budget and realisation, and the availability per stream.
    """
    vorig = jaar - 1
    peildatum = peildatum_voor(jaar)
    tot = min(peildatum, datetime.date(vorig, 12, 31))
    budget = huidige_begroting(programma)
    eigen_jaar = {(c, s): v for (j, c, s), v in budget.items() if j == jaar}
    vorig_budget = {(c, s): v for (j, c, s), v in budget.items() if j == vorig}
    return Invulblad(
        jaar=jaar, peildatum=peildatum, realisatie_tot=tot, prefill_jaar=jaar if eigen_jaar else vorig,
        prefill=eigen_jaar or vorig_budget, vorig_begroot=vorig_budget,
        vorig_realisatie=realisatie(entries, programma, datetime.date(vorig, 1, 1), tot),
        beschikbaar=beschikbaarheid(entries, programma, jaar, peildatum),
    )

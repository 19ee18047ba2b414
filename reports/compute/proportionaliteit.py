"""Proportionality of partners' contributions, unequal investment and the vliegwiel trend.

Pure functions over loaded entries and the parsed programme (no click, no I/O); the CLI
(``snw proportionaliteit``) and any Fava page call ``proportionaliteit``.

Definitions (the report's toelichting repeats them):

* A partner's realised contribution is its ``EIGEN`` spending, i.e. what the plugin
  releases to ``Income:Inzet:<PARTNER>``: money (postings without ``uren:``) plus
  formatie (postings with ``uren:``; the amount is hours × the partner's tariff).
* Alliance total = the sum over partners; share = partner total / alliance total.
* Pledge against contribution, like with like: per partner, the years of the period in
  which it pledged (``toezegging_jaren``); realisation = its contribution in those years /
  the sum of those pledges. Contribution in a year without a pledge counts on neither side
  (it does count in the share against draagkracht, which compares all partners over the
  whole period).
* Draagkracht share = the partner's declared ``draagkracht`` divided by the sum over the
  partners that declare one. Ratio = share / draagkracht share, computed in one division
  (partner × Σdraagkracht) / (alliance × draagkracht) so exact fractions stay exact.
* Status against ``custom "instelling" "proportionaliteit_band" <laag> <hoog>``: ``onder``
  when ratio < laag, ``boven`` when ratio > hoog, else ``binnen`` (bounds included).
* Nieuw-West average per resident = spending with a ``buurt:`` divided by
  ``custom "instelling" "nieuw_west_bewoners" <n>``; ``None`` when the ledger does not say.
  Every average is :func:`per_bewoner` (spending / residents) and every index
  :func:`buurt_index` (an average / Nieuw-West's; shown as a percentage, NW = 100%): one
  definition each, used by the rows, the clusters, the focus neighbourhoods and the rest.
* A partner's tariff on its rows: the hourly tariffs in force in the period
  (``model.Partner.tarieven_in``), each change with its date.
  Spending without a buurt is a row of its own and not in the average. The rest of
  Nieuw-West = spending with a buurt that declares no residents (squares) over the residents
  outside the focus neighbourhoods (Nieuw-West's minus the focus buurten's).
* Kind of money per stream (``middelsoort``): ``EIGEN`` and ``GEM-REGULIER`` (or a stream
  declaring ``regulier: TRUE``) are *regulier*; ``VLIEGWIEL`` (or ``vliegwiel: TRUE``) is
  *vliegwiel*; other streams with herkomst gemeente/rijk/eu are *programma*; the rest
  (fondsen, partners, overig) is *overig*. A stream declaring ``tijdelijk: TRUE`` is never
  regulier.
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
from reports.compute.bestedingen import Besteding
from reports.compute.bestedingen import bestedingen
from reports.compute.peildatum import peildatum_voor

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence

ZERO = Decimal(0)
ONE = Decimal(1)
_ACTIELIJN = model.ACTIELIJN_ROOT + ":"
VLIEGWIEL = "VLIEGWIEL"
GEM_REGULIER = "GEM-REGULIER"
PROGRAMMA_HERKOMST = ("gemeente", "rijk", "eu")

# Kinds of money, in display order.
MIDDELSOORTEN = ("vliegwiel", "programma", "regulier", "overig")


def middelsoort(stroom: str, programma: model.Programma) -> str:
    """The kind of money a stream is: ``vliegwiel``, ``programma``, ``regulier`` or ``overig``."""
    if stroom == model.EIGEN:
        return "regulier"
    declared = programma.geldstromen.get(stroom)
    meta: Mapping[str, Any] = {}
    if declared is not None:
        versions = programma.stroom_historie.get(stroom, ())
        merged: dict[str, Any] = {}
        for version in versions:
            merged.update(version.entry.meta)
        meta = merged
    if stroom == VLIEGWIEL or meta.get("vliegwiel") is True:
        return "vliegwiel"
    if (stroom == GEM_REGULIER or meta.get("regulier") is True) and meta.get("tijdelijk") is not True:
        return "regulier"
    if declared is not None and declared.herkomst in PROGRAMMA_HERKOMST:
        return "programma"
    return "overig"


# ----------------------------------------------------------------------------------------
# Result types
# ----------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class PartnerRegel:
    """One partner's contribution over a period, against its pledge and draagkracht."""

    code: str
    naam: str
    type: str | None
    toezegging: Decimal | None  # pledged amount (None: no pledge for the period)
    toezegging_uren: Decimal | None
    geld: Decimal  # EIGEN postings without uren
    uren: Decimal  # hours on EIGEN postings with uren
    formatie: Decimal  # value of those hours (their amounts)
    draagkracht: Decimal | None  # as declared
    aandeel: Decimal | None  # share of the alliance total (None when that is 0)
    draagkracht_aandeel: Decimal | None  # normalised draagkracht (None: not declared)
    verhouding: Decimal | None  # aandeel / draagkracht_aandeel
    status: str | None  # "onder" | "binnen" | "boven"; None without draagkracht or band
    toezegging_jaren: tuple[int, ...] = ()  # the years of the period in which this partner pledged
    inzet_toezeggingsjaren: Decimal = ZERO  # geld + formatie in those years only
    uren_toezeggingsjaren: Decimal = ZERO  # hours in those years only
    #: the hourly tariffs in force in the period, each from the day it applies
    #: (``model.Partner.tarieven_in``): one, or more when the tariff changed in the period
    tarieven: tuple[tuple[datetime.date, Decimal], ...] = ()

    @property
    def totaal(self) -> Decimal:
        return self.geld + self.formatie

    @property
    def inzet_zonder_toezegging(self) -> Decimal:
        """Contribution in years of the period in which the partner pledged nothing."""
        return self.totaal - self.inzet_toezeggingsjaren

    @property
    def realisatie_toezegging(self) -> Decimal | None:
        """Contribution in the pledge years as a fraction of those pledges (None without a pledge).

        Both sides cover the same years (``toezegging_jaren``): a year without a pledge counts
        on neither side.
        """
        if not self.toezegging:
            return None
        return self.inzet_toezeggingsjaren / self.toezegging

    @property
    def realisatie_uren(self) -> Decimal | None:
        """Hours in the pledge years as a fraction of the pledged hours (None without pledged hours)."""
        if not self.toezegging_uren:
            return None
        return self.uren_toezeggingsjaren / self.toezegging_uren


@dataclasses.dataclass(frozen=True)
class PartnerOverzicht:
    """Partners' contributions over the years ``van_jaar``..``tot_jaar``."""

    van_jaar: int
    tot_jaar: int
    regels: tuple[PartnerRegel, ...]
    band: tuple[Decimal, Decimal] | None
    toezegging_jaren: tuple[int, ...] = ()  # the years in the period that have pledges

    @property
    def periode(self) -> str:
        return str(self.tot_jaar) if self.van_jaar == self.tot_jaar else f"{self.van_jaar}–{self.tot_jaar}"

    def totaal(self, veld: str) -> Decimal:
        """Sum of a Decimal field over the partners (None counts as 0)."""
        return sum((getattr(r, veld) or ZERO for r in self.regels), ZERO)

    def met_status(self, status: str) -> tuple[PartnerRegel, ...]:
        return tuple(r for r in self.regels if r.status == status)

    @property
    def realisatie_toezegging(self) -> Decimal | None:
        """All partners: contribution in each partner's pledge years over the sum of the pledges."""
        toezegging = self.totaal("toezegging")
        return self.totaal("inzet_toezeggingsjaren") / toezegging if toezegging else None


@dataclasses.dataclass(frozen=True)
class ActielijnRegel:
    """One actielijn in a year: programme money against regular money."""

    code: str
    naam: str
    domein: str
    vliegwiel: Decimal
    programma: Decimal  # other programme money (gemeente/rijk/eu streams, not vliegwiel)
    eigen: Decimal  # partners' own money and formatie (EIGEN)
    regulier_overig: Decimal  # regular streams (GEM-REGULIER, regulier: TRUE)
    overig: Decimal  # fondsen, partners' streams, other
    partners: tuple[str, ...]  # partners with an EIGEN contribution

    @property
    def programmageld(self) -> Decimal:
        return self.vliegwiel + self.programma

    @property
    def regulier(self) -> Decimal:
        return self.eigen + self.regulier_overig

    @property
    def totaal(self) -> Decimal:
        return self.vliegwiel + self.programma + self.regulier + self.overig

    @property
    def aandeel_regulier(self) -> Decimal | None:
        return self.regulier / self.totaal if self.totaal else None


def per_bewoner(besteed: Decimal, bewoners: int | None) -> Decimal | None:
    """Spending per resident: the one definition of every average of the buurt comparison.

    None without residents (an unknown or zero count gives no average, never 0).
    """
    return besteed / bewoners if bewoners else None


def buurt_index(gemiddelde: Decimal | None, nw_gemiddelde: Decimal | None) -> Decimal | None:
    """Spending per resident against Nieuw-West's (1 = the Nieuw-West average; shown as NW = 100%).

    None when either average is missing, or Nieuw-West's is 0 (nothing to compare with).
    """
    if gemiddelde is None or not nw_gemiddelde:
        return None
    return gemiddelde / nw_gemiddelde


@dataclasses.dataclass(frozen=True)
class BuurtRegel:
    """Spending in one focus neighbourhood (or cluster) in a year, per resident."""

    code: str
    naam: str
    gebied: str | None
    cluster: str | None
    bewoners: int | None
    besteed: Decimal
    per_bewoner: Decimal | None  # None without residents
    index: Decimal | None  # per_bewoner / Nieuw-West average (None without that average)

    @property
    def vergelijking(self) -> str | None:
        """``meer`` / ``minder`` / ``gelijk`` than the Nieuw-West average per resident."""
        if self.index is None:
            return None
        if self.index > ONE:
            return "meer"
        if self.index < ONE:
            return "minder"
        return "gelijk"


@dataclasses.dataclass(frozen=True)
class BuurtOverzicht:
    """Ongelijk investeren: spending per resident per focus neighbourhood and cluster."""

    jaar: int
    regels: tuple[BuurtRegel, ...]  # every declared buurt, in declaration order
    clusters: tuple[BuurtRegel, ...]  # per cluster, sorted
    met_buurt: Decimal  # spending with a buurt
    zonder_buurt: Decimal  # spending without a buurt (not spread over buurten)
    nw_bewoners: int | None  # from custom "instelling" "nieuw_west_bewoners"
    focus_bewoners: int  # sum of the residents of the buurten that declare them
    focus_besteed: Decimal  # spending in those buurten (places without residents excluded)

    @property
    def elders(self) -> Decimal:
        """Spending in the rest of Nieuw-West: with a buurt that declares no residents (squares, other places)."""
        return self.met_buurt - self.focus_besteed

    @property
    def rest_bewoners(self) -> int | None:
        """Residents of Nieuw-West outside the focus neighbourhoods (None when Nieuw-West's are not declared)."""
        if not self.nw_bewoners or self.nw_bewoners < self.focus_bewoners:
            return None
        return self.nw_bewoners - self.focus_bewoners

    @property
    def totaal(self) -> Decimal:
        return self.met_buurt + self.zonder_buurt

    @property
    def aandeel_zonder_buurt(self) -> Decimal | None:
        """The share of all spending booked without a buurt (None without spending)."""
        return self.zonder_buurt / self.totaal if self.totaal else None

    @property
    def nw_gemiddelde(self) -> Decimal | None:
        """Spending assigned to a buurt per Nieuw-West resident: the average every buurt is compared with.

        Spending without a buurt is not in it (it is a row of its own, ``zonder_buurt``); None
        when the residents of Nieuw-West are not declared.
        """
        return per_bewoner(self.met_buurt, self.nw_bewoners)

    @property
    def focus_gemiddelde(self) -> Decimal | None:
        """Spending in the focus neighbourhoods per resident of them."""
        return per_bewoner(self.focus_besteed, self.focus_bewoners)

    @property
    def focus_index(self) -> Decimal | None:
        """The focus neighbourhoods' spending per resident against the Nieuw-West average."""
        return buurt_index(self.focus_gemiddelde, self.nw_gemiddelde)

    @property
    def rest_gemiddelde(self) -> Decimal | None:
        """Spending in the rest of Nieuw-West (``elders``) per resident outside the focus neighbourhoods."""
        return per_bewoner(self.elders, self.rest_bewoners)

    @property
    def rest_index(self) -> Decimal | None:
        """The rest of Nieuw-West's spending per resident against the Nieuw-West average."""
        return buurt_index(self.rest_gemiddelde, self.nw_gemiddelde)


@dataclasses.dataclass(frozen=True)
class DomeinRegel:
    code: str
    naam: str
    per_jaar: tuple[Decimal, ...]  # aligned with DomeinOverzicht.jaren

    @property
    def totaal(self) -> Decimal:
        return sum(self.per_jaar, ZERO)


@dataclasses.dataclass(frozen=True)
class DomeinOverzicht:
    jaren: tuple[int, ...]
    regels: tuple[DomeinRegel, ...]

    def jaartotaal(self, jaar: int) -> Decimal:
        index = self.jaren.index(jaar)
        return sum((r.per_jaar[index] for r in self.regels), ZERO)


@dataclasses.dataclass(frozen=True)
class VliegwielRegel:
    """One actielijn (or the total, code ``""``) in one year: vliegwiel against regular money."""

    code: str
    naam: str
    jaar: int
    vliegwiel: Decimal
    programma: Decimal
    regulier: Decimal
    overig: Decimal

    @property
    def totaal(self) -> Decimal:
        return self.vliegwiel + self.programma + self.regulier + self.overig

    @property
    def aandeel_vliegwiel(self) -> Decimal | None:
        return self.vliegwiel / self.totaal if self.totaal else None

    @property
    def aandeel_regulier(self) -> Decimal | None:
        return self.regulier / self.totaal if self.totaal else None


@dataclasses.dataclass(frozen=True)
class VliegwielTrend:
    """For every actielijn that ever had vliegwiel money: the mix of money year on year."""

    jaren: tuple[int, ...]
    regels: tuple[VliegwielRegel, ...]  # per actielijn (code order), then per year
    totalen: tuple[VliegwielRegel, ...]  # per year, over those actielijnen (code "")


@dataclasses.dataclass(frozen=True)
class Proportionaliteit:
    """Everything ``snw proportionaliteit`` reports for a year."""

    jaar: int
    peildatum: datetime.date
    band: tuple[Decimal, Decimal] | None
    partners_jaar: PartnerOverzicht
    partners_cumulatief: PartnerOverzicht
    actielijnen: tuple[ActielijnRegel, ...]
    buurten: BuurtOverzicht
    domeinen: DomeinOverzicht
    vliegwiel: VliegwielTrend
    middelsoorten: tuple[tuple[str, str, str], ...]  # (stroom, naam, middelsoort) of streams used

    @property
    def totaal_besteed(self) -> Decimal:
        """All spending on actielijnen in the year."""
        return sum((r.totaal for r in self.actielijnen), ZERO)


# ----------------------------------------------------------------------------------------
# Computation
# ----------------------------------------------------------------------------------------
def proportionaliteit_band(programma: model.Programma) -> tuple[Decimal, Decimal] | None:
    """The tolerance band the ledger declares (``None`` when it declares none)."""
    values = programma.instelling("proportionaliteit_band")
    numbers = [model.decimaal(v) for v in values[:2]]
    if len(numbers) < 2 or numbers[0] is None or numbers[1] is None:
        return None
    return numbers[0], numbers[1]


def nieuw_west_bewoners(programma: model.Programma) -> int | None:
    """Residents of Nieuw-West as the ledger declares them (``None`` when it does not)."""
    values = programma.instelling("nieuw_west_bewoners")
    number = model.decimaal(values[0]) if values else None
    return int(number) if number else None


def _status(verhouding: Decimal | None, band: tuple[Decimal, Decimal] | None) -> str | None:
    if verhouding is None or band is None:
        return None
    if verhouding < band[0]:
        return "onder"
    if verhouding > band[1]:
        return "boven"
    return "binnen"


def partner_overzicht(feiten: Sequence[Besteding], programma: model.Programma, van_jaar: int,
                      tot_jaar: int) -> PartnerOverzicht:
    """Partners' realised contributions over ``van_jaar``..``tot_jaar`` against pledge and draagkracht.

    Args:
      feiten: spending facts (``bestedingen``).
      programma: the parsed declarations.
      van_jaar: first year included.
      tot_jaar: last year included.
    Returns:
      One row per partner that declares a draagkracht, pledged or contributed, in code order.
    """
    band = proportionaliteit_band(programma)
    geld: dict[str, Decimal] = defaultdict(Decimal)
    uren: dict[str, Decimal] = defaultdict(Decimal)
    formatie: dict[str, Decimal] = defaultdict(Decimal)
    inzet_per_jaar: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    uren_per_jaar: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for feit in feiten:
        if feit.stroom != model.EIGEN or feit.partner is None or not van_jaar <= feit.datum.year <= tot_jaar:
            continue
        inzet_per_jaar[(feit.partner, feit.datum.year)] += feit.bedrag
        if feit.uren is None:
            geld[feit.partner] += feit.bedrag
        else:
            uren[feit.partner] += feit.uren
            uren_per_jaar[(feit.partner, feit.datum.year)] += feit.uren
            formatie[feit.partner] += feit.bedrag
    toezegging: dict[str, Decimal] = defaultdict(Decimal)
    toezegging_uren: dict[str, Decimal] = defaultdict(Decimal)
    pledge_jaren: dict[str, set[int]] = defaultdict(set)
    for pledge in programma.toezeggingen:
        if van_jaar <= pledge.jaar <= tot_jaar:
            toezegging[pledge.partner] += pledge.bedrag
            pledge_jaren[pledge.partner].add(pledge.jaar)
            if pledge.uren is not None:
                toezegging_uren[pledge.partner] += pledge.uren

    codes = sorted({
        *(code for code, partner in programma.partners.items() if partner.draagkracht),
        *toezegging, *geld, *formatie,
    })
    alliantie = sum((geld[c] + formatie[c] for c in codes), ZERO)
    draagkracht_som = sum((programma.partners[c].draagkracht or ZERO for c in codes if c in programma.partners),
                          ZERO)
    regels = []
    for code in codes:
        partner = programma.partners.get(code)
        totaal = geld[code] + formatie[code]
        draagkracht = partner.draagkracht if partner else None
        aandeel = totaal / alliantie if alliantie else None
        dk_aandeel = draagkracht / draagkracht_som if draagkracht and draagkracht_som else None
        verhouding = (totaal * draagkracht_som) / (alliantie * draagkracht) \
            if draagkracht and draagkracht_som and alliantie else None
        regels.append(PartnerRegel(
            code=code,
            naam=partner.naam if partner else code,
            type=partner.type if partner else None,
            toezegging=toezegging[code] if code in toezegging else None,
            toezegging_uren=toezegging_uren[code] if code in toezegging_uren else None,
            geld=geld[code],
            uren=uren[code],
            formatie=formatie[code],
            draagkracht=draagkracht,
            aandeel=aandeel,
            draagkracht_aandeel=dk_aandeel,
            verhouding=verhouding,
            status=_status(verhouding, band),
            toezegging_jaren=tuple(sorted(pledge_jaren[code])),
            inzet_toezeggingsjaren=sum((inzet_per_jaar[(code, j)] for j in pledge_jaren[code]), ZERO),
            uren_toezeggingsjaren=sum((uren_per_jaar[(code, j)] for j in pledge_jaren[code]), ZERO),
            tarieven=partner.tarieven_in(datetime.date(van_jaar, 1, 1), datetime.date(tot_jaar, 12, 31))
            if partner else (),
        ))
    jaren = tuple(sorted({t.jaar for t in programma.toezeggingen if van_jaar <= t.jaar <= tot_jaar}))
    return PartnerOverzicht(van_jaar=van_jaar, tot_jaar=tot_jaar, regels=tuple(regels), band=band,
                            toezegging_jaren=jaren)


def actielijn_overzicht(feiten: Sequence[Besteding], programma: model.Programma,
                        jaar: int) -> tuple[ActielijnRegel, ...]:
    """Per actielijn with spending in ``jaar``: money by kind and the partners contributing."""
    bedragen: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    partners: dict[str, set[str]] = defaultdict(set)
    soorten: dict[str, str] = {}
    for feit in feiten:
        if feit.datum.year != jaar:
            continue
        soort = soorten.get(feit.stroom)
        if soort is None:  # once per stream (setdefault would compute it for every fact)
            soort = soorten[feit.stroom] = middelsoort(feit.stroom, programma)
        if feit.stroom == model.EIGEN:
            soort = "eigen"
            if feit.partner:
                partners[feit.actielijn.code].add(feit.partner)
        bedragen[feit.actielijn.code][soort] += feit.bedrag
    regels = []
    for code in sorted(bedragen):
        actielijn = programma.actielijnen[code]
        per_soort = bedragen[code]
        regels.append(ActielijnRegel(
            code=code, naam=actielijn.naam, domein=actielijn.domein,
            vliegwiel=per_soort["vliegwiel"], programma=per_soort["programma"], eigen=per_soort["eigen"],
            regulier_overig=per_soort["regulier"], overig=per_soort["overig"],
            partners=tuple(sorted(partners[code])),
        ))
    return tuple(regels)


def _buurt_regel(code: str, naam: str, gebied: str | None, cluster: str | None, bewoners: int | None,
                 besteed: Decimal, gemiddelde: Decimal | None) -> BuurtRegel:
    gemiddeld = per_bewoner(besteed, bewoners)
    return BuurtRegel(code=code, naam=naam, gebied=gebied, cluster=cluster, bewoners=bewoners,
                      besteed=besteed, per_bewoner=gemiddeld, index=buurt_index(gemiddeld, gemiddelde))


def buurt_overzicht(feiten: Sequence[Besteding], programma: model.Programma, jaar: int) -> BuurtOverzicht:
    """Spending per resident per focus neighbourhood and cluster against the Nieuw-West average."""
    per_buurt: dict[str, Decimal] = defaultdict(Decimal)
    zonder = ZERO
    for feit in feiten:
        if feit.datum.year != jaar:
            continue
        if feit.buurt is None:
            zonder += feit.bedrag
        else:
            per_buurt[feit.buurt] += feit.bedrag
    met = sum(per_buurt.values(), ZERO)
    nw_bewoners = nieuw_west_bewoners(programma)
    gemiddelde = per_bewoner(met, nw_bewoners)  # BuurtOverzicht.nw_gemiddelde: the same function
    regels = []
    clusters: dict[str, tuple[int, Decimal, bool]] = {}
    for code, buurt in programma.buurten.items():
        besteed = per_buurt.get(code, ZERO)
        regels.append(_buurt_regel(code, buurt.naam, buurt.gebied, buurt.cluster, buurt.bewoners,
                                   besteed, gemiddelde))
        if buurt.cluster:
            bewoners, bedrag, compleet = clusters.get(buurt.cluster, (0, ZERO, True))
            clusters[buurt.cluster] = (bewoners + (buurt.bewoners or 0), bedrag + besteed,
                                       compleet and buurt.bewoners is not None)
    cluster_regels = tuple(
        _buurt_regel(naam, f"Cluster {naam}", None, naam, bewoners if compleet else None, bedrag, gemiddelde)
        for naam, (bewoners, bedrag, compleet) in sorted(clusters.items())
    )
    focus_bewoners = sum((b.bewoners or 0 for b in programma.buurten.values()), 0)
    focus_besteed = sum((per_buurt.get(code, ZERO) for code, b in programma.buurten.items() if b.bewoners),
                        ZERO)
    return BuurtOverzicht(jaar=jaar, regels=tuple(regels), clusters=cluster_regels, met_buurt=met,
                          zonder_buurt=zonder, nw_bewoners=nw_bewoners, focus_bewoners=focus_bewoners,
                          focus_besteed=focus_besteed)


def _jaren(feiten: Sequence[Besteding], jaar: int) -> tuple[int, ...]:
    eerste = min((f.datum.year for f in feiten if f.datum.year <= jaar), default=jaar)
    return tuple(range(eerste, jaar + 1))


def domein_overzicht(feiten: Sequence[Besteding], programma: model.Programma,
                     jaren: tuple[int, ...]) -> DomeinOverzicht:
    """Spending per domain per year."""
    bedragen: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    domeinen: set[str] = set()
    for feit in feiten:
        if feit.datum.year in jaren:
            bedragen[(feit.actielijn.domein, feit.datum.year)] += feit.bedrag
            domeinen.add(feit.actielijn.domein)
    volgorde = [code for code in programma.domeinen if code in domeinen]
    volgorde += sorted(domeinen - set(volgorde))
    regels = tuple(
        DomeinRegel(code=code, naam=programma.domeinen[code].naam if code in programma.domeinen else code,
                    per_jaar=tuple(bedragen[(code, j)] for j in jaren))
        for code in volgorde
    )
    return DomeinOverzicht(jaren=jaren, regels=regels)


def vliegwiel_trend(feiten: Sequence[Besteding], programma: model.Programma,
                    jaren: tuple[int, ...]) -> VliegwielTrend:
    """For each actielijn that had vliegwiel money in ``jaren``: money by kind per year."""
    bedragen: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    met_vliegwiel: set[str] = set()
    soorten: dict[str, str] = {}
    for feit in feiten:
        if feit.datum.year not in jaren:
            continue
        soort = soorten.get(feit.stroom)
        if soort is None:  # once per stream (setdefault would compute it for every fact)
            soort = soorten[feit.stroom] = middelsoort(feit.stroom, programma)
        bedragen[(feit.actielijn.code, feit.datum.year)][soort] += feit.bedrag
        if soort == "vliegwiel" and feit.bedrag:
            met_vliegwiel.add(feit.actielijn.code)
    regels = []
    for code in sorted(met_vliegwiel):
        for jaar in jaren:
            per_soort = bedragen.get((code, jaar), {})
            regels.append(VliegwielRegel(
                code=code, naam=programma.actielijnen[code].naam, jaar=jaar,
                vliegwiel=per_soort.get("vliegwiel", ZERO), programma=per_soort.get("programma", ZERO),
                regulier=per_soort.get("regulier", ZERO), overig=per_soort.get("overig", ZERO),
            ))
    totalen = []
    for jaar in jaren:
        rows = [r for r in regels if r.jaar == jaar]
        totalen.append(VliegwielRegel(
            code="", naam="Alle actielijnen met vliegwielgeld", jaar=jaar,
            vliegwiel=sum((r.vliegwiel for r in rows), ZERO), programma=sum((r.programma for r in rows), ZERO),
            regulier=sum((r.regulier for r in rows), ZERO), overig=sum((r.overig for r in rows), ZERO),
        ))
    return VliegwielTrend(jaren=jaren, regels=tuple(regels), totalen=tuple(totalen))


def proportionaliteit(entries: Sequence[data.Directive], programma: model.Programma,
                      jaar: int, peildatum: datetime.date | None = None) -> Proportionaliteit:
    """Compute the proportionality report of a year.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations (``ledger.model.parse_programma``).
      jaar: the report year; cumulative figures run from the first year with spending
        or a pledge up to and including it.
      peildatum: figures up to and including this date; default
        :func:`reports.compute.peildatum.peildatum_voor` (31 December of a past year, else today).
    Returns:
      Partners (year and cumulative), actielijnen, buurten, domains and vliegwiel trend.
    """
    peildatum = peildatum or peildatum_voor(jaar)
    feiten = tuple(bestedingen(entries, programma, tot=peildatum))
    jaren = _jaren(feiten, jaar)
    eerste = min([jaren[0], *(t.jaar for t in programma.toezeggingen if t.jaar <= jaar)])
    gebruikt = sorted({f.stroom for f in feiten})
    middelsoorten = tuple(
        (code, programma.geldstromen[code].naam if code in programma.geldstromen else "Eigen inzet partners",
         middelsoort(code, programma))
        for code in gebruikt
    )
    return Proportionaliteit(
        jaar=jaar,
        peildatum=peildatum,
        band=proportionaliteit_band(programma),
        partners_jaar=partner_overzicht(feiten, programma, jaar, jaar),
        partners_cumulatief=partner_overzicht(feiten, programma, eerste, jaar),
        actielijnen=actielijn_overzicht(feiten, programma, jaar),
        buurten=buurt_overzicht(feiten, programma, jaar),
        domeinen=domein_overzicht(feiten, programma, jaren),
        vliegwiel=vliegwiel_trend(feiten, programma, jaren),
        middelsoorten=middelsoorten,
    )

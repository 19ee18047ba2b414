"""Accountability of specific grants (SiSa) and the schedule of unspent earmarked money.

Pure functions over loaded entries and the parsed programme (no click, no I/O); the CLI
(``snw sisa``) calls ``sisa``. Stream-level figures (awards booked, spending in the year
and cumulative, what is left, the forecast at the end date) come from
``reports.compute.geldstromen``; this module only splits spending per hoofdthema and adds
the grant rules (carry-over, final year, repayment risk) and the liability schedule.

Definitions (the workbook's toelichting repeats them):

* A specific grant is a stream declared with ``specifieke_uitkering: TRUE`` that is
  awarded by 31 December of year T, has started by then and has not ended before T.
* Besteding jaar T and cumulatief t/m T: spending in calendar year T (the municipality's
  accounting year) and up to its end; per hoofdthema when the stream has themed tranches
  and ``overloop: "hoofdthema"``.
* Beschikbaar jaar T: tranche(T) + overloop in (hoofdthema); for ``overloop: "vrij"``
  tranches up to T minus spending before T; other streams with tranches: tranche(T).
* Overloop naar T+1: the declared ``custom "overloop"`` from year T (hoofdthema regime);
  for ``overloop: "vrij"``: tranches up to T minus spending up to T (not in the final year).
* Eindverantwoording: ``Ja`` when T is the calendar year of the stream's ``tot`` date.
* Vervalt (hoofdthema regime only): tranche(T) + overloop in (T−1→T) − spending in grant
  year T − overloop out (T→T+1), at least 0: money of the year that may not be carried over.
* The settlement at a grant's end, per grant: ``GeldstroomRegel.vaststelling``, the one
  definition used by geldstromen, the begroting and SiSa: eligible spending, final claim
  (min(awarded, eligible)), to repay (received − final claim, never below 0), not to be
  received (awarded − the more of received and final claim) and still to receive (final
  claim − received, never below 0). Settled figures once the grant has ended at the
  peildatum (``grondslag`` ``afgelopen``), before that a forecast at the last twelve months' pace.
* Staat van overlopende passiva (BBV art. 49b/52a) and overlopende activa (art. 40a): on
  money *received* (:func:`overlopende_balans`); awarded money not yet received is neither;
  government bodies only, other third parties apart (``ledger.model.herkomst_groep``); an
  ended grant's unspent money is terug te betalen (``Sisa.terugbetalingen``).
* Indicators: the regeling's ``sisa_code``, ``departement`` and indicator numbers are data on
  the stream's declaration (``sisa_besteding``, ``sisa_overloop``, ``sisa_cumulatief``,
  ``sisa_eindverantwoording``; per hoofdthema ``"thema=01 …"``). Nothing is made up here: an
  indicator without a declared number gets none, and the stream is listed in
  ``Sisa.onvolledig`` with what is missing. Aard controle as declared
  (``sisa_aard_controle``), else the SiSa convention (besteding and overloop R, cumulatief
  and eindverantwoording n.v.t.).
* Tranches: the declared tranches of a grant must add up to its award (``Sisa.tranches``).
* Grant years: streams whose grant year is not the calendar year (``boekjaar_start``) get
  their spending per grant year (``reports.compute.subsidiejaren``).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger import model
from ledger.rules.tranches import heeft_themas
from ledger.rules.tranches import overloop_bezwaar
from ledger.rules.tranches import overloop_maximum
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import peildatum_voor
from reports.compute.bestedingen import bestedingen
from reports.compute.subsidiejaren import Subsidiejaar
from reports.compute.subsidiejaren import afwijkend_subsidiejaar
from reports.compute.subsidiejaren import besteed_per_subsidiejaar

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence

    from reports.compute.geldstromen import GeldstroomRegel
    from reports.compute.geldstromen import Vaststelling

ZERO = Decimal(0)

def thema_naam(programma: model.Programma, code: str | None, stroom: str | None = None) -> str:
    """The display name of a hoofdthema code as the ledger declares it (``custom "hoofdthema"``).

    ``""`` for the grant as a whole (code None). A code without a declared name stays the code;
    ``sisa`` lists the stream as incomplete (sheet Onvolledig).
    """
    if code is None:
        return ""
    return programma.hoofdthema_naam(code, stroom) or code


HERKOMST_GROEPEN = model.HERKOMST_GROEPEN  # EU, Rijk, Overige overheden (BBV art. 49b / 40a), Overige derden
OVERHEID_GROEPEN = model.OVERHEID_GROEPEN


@dataclasses.dataclass(frozen=True)
class SisaRegel:
    """One specific grant (or one hoofdthema of it) in year T."""

    stroom: str
    naam: str
    sisa_code: str | None  # the declared ``sisa_code``; None: not declared (listed as incomplete)
    departement: str | None  # the declared ``departement``; None: not declared
    onderdeel: str | None  # hoofdthema (None: the grant as a whole)
    beschikbaar_jaar: Decimal | None  # tranche(T) + overloop in; None without tranches
    besteding_jaar: Decimal
    besteding_cumulatief: Decimal
    overloop_volgend_jaar: Decimal | None  # None: the stream has no carry-over regime
    eindverantwoording: bool
    vervalt: Decimal | None  # hoofdthema regime: the year's money neither spent nor carried over; else None
    onderdeel_naam: str = ""  # the hoofdthema's declared name (its code when undeclared; "" for the whole grant)


@dataclasses.dataclass(frozen=True)
class TrancheJaar:
    """One specific grant's tranche in one (grant) year and hoofdthema: what came in and what went on.

    Under ``overloop: "hoofdthema"`` carry-over in is the accepted ``custom "overloop"`` of the
    year before (the plugin's rule, ``ledger.rules.tranches.overloop_bezwaar``); under
    ``overloop: "vrij"`` what was left of the year before (themes together); without a
    carry-over regime none.
    """

    stroom: str
    naam: str
    onderdeel: str | None  # hoofdthema code (None: the grant as a whole)
    onderdeel_naam: str
    jaar: int  # the grant year
    regime: str | None  # the stream's overloop regime: "hoofdthema", "vrij" or None
    tranche: Decimal
    overloop_in: Decimal
    besteed: Decimal  # spending of the grant year (and theme), up to 31 December T
    overloop_uit: Decimal | None  # carried to the next year; None: the stream allows no carry-over
    ruimte: Decimal | None  # the most the rule lets move to the next year (hoofdthema regime); else None

    @property
    def beschikbaar(self) -> Decimal:
        """Tranche + carry-over in."""
        return self.tranche + self.overloop_in

    @property
    def over(self) -> Decimal:
        """Beschikbaar − besteed (negative: spent beyond the year's money)."""
        return self.beschikbaar - self.besteed

    @property
    def vervalt(self) -> Decimal:
        """What is left of the year and not carried over (never below 0)."""
        return max(self.over - (self.overloop_uit or ZERO), ZERO)


@dataclasses.dataclass(frozen=True)
class UitkeringRegel:
    """One specific grant as a whole in year T (stream figures from ``geldstromen``)."""

    stroom: str
    naam: str
    sisa_code: str | None
    departement: str | None
    herkomst: str
    toegekend: Decimal
    besteding_jaar: Decimal
    besteding_cumulatief: Decimal
    nog_te_besteden: Decimal
    einddatum: datetime.date | None
    eindverantwoording: bool
    ontvangen: Decimal  # cash received and kept to 31 December T
    vaststelling: Vaststelling  # the grant's settlement at its end (geldstromen), settled or forecast
    prognose_einde: Decimal | None  # geldstromen forecast of what is left at the end (≥ 0)

    @property
    def terug_te_betalen(self) -> Decimal:
        """Received − final claim at the grant's end, never below 0 (``Vaststelling``)."""
        return self.vaststelling.terug_te_betalen

    @property
    def niet_te_ontvangen(self) -> Decimal:
        """Awarded money that will never be paid out (``Vaststelling``)."""
        return self.vaststelling.niet_te_ontvangen


@dataclasses.dataclass(frozen=True)
class Indicator:
    """One SiSa indicator line as municipalities file it."""

    departement: str | None
    sisa_code: str | None
    uitkering: str
    nummer: str | None  # e.g. "E27K / 01": the declared code and number; None when either is not declared
    omschrijving: str
    aard_controle: str  # "R", "D1", "D2" or "n.v.t."
    bedrag: Decimal | None
    janee: str | None  # "Ja" / "Nee" for Eindverantwoording
    stroom: str = ""
    soort: str = ""  # besteding | overloop | cumulatief | eindverantwoording
    onderdeel: str | None = None  # hoofdthema (None: the grant as a whole)


@dataclasses.dataclass(frozen=True)
class Onvolledig:
    """A specific grant whose SiSa declaration lacks something: what is missing."""

    stroom: str
    naam: str
    ontbreekt: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class TrancheControle:
    """Whether the declared tranches of a grant add up to its award."""

    stroom: str
    naam: str
    toegekend: Decimal  # the award (Nieuw-West's part, as in geldstromen)
    tranches: Decimal  # all declared tranches, every year

    @property
    def verschil(self) -> Decimal:
        """Tranches − award: 0 when they add up."""
        return self.tranches - self.toegekend


@dataclasses.dataclass(frozen=True)
class PassivaRegel:
    """One stream in the staat van vooruitontvangen bedragen of year T (BBV art. 49b for government bodies).

    ``begin`` and ``eind`` are balances (received − covered spending on a running stream, at 31
    December of T−1 and T); the movements are flows of the year: receipts not settling earlier
    pre-financing, the year's covered spending paid from the advance, repayments, and what moved to
    *terug te betalen* because the grant ended. ``verschil`` checks the one against the other.
    """

    stroom: str
    naam: str
    herkomst: str  # EU | Rijk | Overige overheden (49b) | Overige derden (shown apart)
    begin: Decimal
    ontvangen: Decimal  # receipts of T minus the part that settled opening pre-financing (ActivaRegel.af)
    vrijgevallen: Decimal  # spending of T covered by advance money: min(spending, begin + ontvangen − terugbetaald)
    terugbetaald: Decimal  # repayments of T out of the advance (those of an ended grant settle TerugbetalingRegel)
    terug_te_betalen: Decimal  # moved out in T: received and not spent on a grant that has ended
    eind: Decimal

    @property
    def overheid(self) -> bool:
        """An advance from a government body (BBV art. 49b); else from another third party."""
        return self.herkomst in OVERHEID_GROEPEN

    @property
    def verschil(self) -> Decimal:
        """Must be 0: opening + ontvangen − vrijgevallen − terugbetaald − terug te betalen − closing."""
        return self.begin + self.ontvangen - self.vrijgevallen - self.terugbetaald - self.terug_te_betalen - self.eind


@dataclasses.dataclass(frozen=True)
class ActivaRegel:
    """One stream in the staat van overlopende activa (pre-financed spending) of year T."""

    stroom: str
    naam: str
    herkomst: str  # EU | Rijk | Overige overheden (40a) | Overige derden (shown apart)
    begin: Decimal
    bij: Decimal  # covered spending of T not paid from advance money (spending − vrijgevallen)
    af: Decimal  # earlier pre-financing settled by receipts of T
    eind: Decimal

    @property
    def overheid(self) -> bool:
        """To be received from a government body (BBV art. 40a); else from another third party."""
        return self.herkomst in OVERHEID_GROEPEN

    @property
    def verschil(self) -> Decimal:
        """Must be 0: opening + bij − af − closing."""
        return self.begin + self.bij - self.af - self.eind


@dataclasses.dataclass(frozen=True)
class TerugbetalingRegel:
    """One ended grant's debt to its funder in year T: received and not spent, to be repaid."""

    stroom: str
    naam: str
    herkomst: str
    begin: Decimal  # to repay at 31 December T−1
    bij: Decimal  # moved here in T (PassivaRegel.terug_te_betalen), or a later change of the settlement
    terugbetaald: Decimal  # repaid in T
    eind: Decimal  # to repay at 31 December T (the settlement's terug te betalen)


@dataclasses.dataclass(frozen=True)
class Sisa:
    """Everything ``snw sisa`` reports for year T."""

    jaar: int
    peildatum: datetime.date
    regels: tuple[SisaRegel, ...]
    uitkeringen: tuple[UitkeringRegel, ...]
    indicatoren: tuple[Indicator, ...]
    passiva: tuple[PassivaRegel, ...]
    activa: tuple[ActivaRegel, ...]
    onvolledig: tuple[Onvolledig, ...] = ()
    tranches: tuple[TrancheControle, ...] = ()
    subsidiejaren: tuple[Subsidiejaar, ...] = ()  # grants whose grant year is not the calendar year
    tranchejaren: tuple[TrancheJaar, ...] = ()  # per grant with tranches: per hoofdthema and year up to T
    terugbetalingen: tuple[TerugbetalingRegel, ...] = ()  # ended grants' received money to repay

    def activa_totaal(self, veld: str, groep: str | None = None) -> Decimal:
        rows = self.activa if groep is None else tuple(r for r in self.activa if r.herkomst == groep)
        return sum((getattr(r, veld) for r in rows), ZERO)

    def passiva_per_herkomst(self, groep: str) -> tuple[PassivaRegel, ...]:
        return tuple(r for r in self.passiva if r.herkomst == groep)

    def passiva_totaal(self, veld: str, groep: str | None = None) -> Decimal:
        """A column's total: of one origin group, or (``groep=None``) of all streams, third parties included."""
        rows = self.passiva if groep is None else self.passiva_per_herkomst(groep)
        return sum((getattr(r, veld) for r in rows), ZERO)

    def passiva_49b_totaal(self, veld: str) -> Decimal:
        """A column's total over the advances from government bodies only (BBV art. 49b)."""
        return sum((getattr(r, veld) for r in self.passiva if r.overheid), ZERO)

    def terugbetalingen_totaal(self, veld: str) -> Decimal:
        return sum((getattr(r, veld) for r in self.terugbetalingen), ZERO)


def specifieke_uitkeringen(programma: model.Programma, jaar: int) -> list[model.Geldstroom]:
    """The specific grants to account for in ``jaar`` (awarded, started, not ended before)."""
    peildatum = datetime.date(jaar, 12, 31)
    out = []
    for code in sorted(programma.geldstromen):
        stroom = programma.geldstroom_op(code, peildatum)
        if stroom is None or not stroom.specifieke_uitkering or stroom.status != "toegekend":
            continue
        if stroom.van is not None and stroom.van.year > jaar:
            continue
        if stroom.tot is not None and stroom.tot.year < jaar:
            continue
        out.append(stroom)
    return out


def _themas(programma: model.Programma, code: str, besteed: set[str | None]) -> list[str | None]:
    order: list[str | None] = []
    for tranche in programma.tranches:
        if tranche.stroom == code and tranche.thema not in order:
            order.append(tranche.thema)
    order.extend(sorted((t for t in besteed if t not in order), key=lambda t: t or ""))
    return order


class _Stroomcijfers:
    """Spending per theme by calendar year and by grant year, for one stream."""

    def __init__(self) -> None:
        self.kalender: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
        self.subsidie: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)


def _regels_voor_stroom(stroom: model.Geldstroom, programma: model.Programma, cijfers: _Stroomcijfers,
                        jaar: int, geldstroom: GeldstroomRegel) -> list[SisaRegel]:
    """The SiSa rows of one grant (per hoofdthema under that carry-over regime)."""
    code = stroom.code
    sisa_code = stroom.sisa_code
    departement = stroom.departement
    eindjaar = stroom.tot.year if stroom.tot else None
    eind = eindjaar == jaar
    tranches = [t for t in programma.tranches if t.stroom == code]
    themed = stroom.overloop == "hoofdthema" and any(t.thema is not None for t in tranches)
    overlopen = [o for o in programma.overlopen if o.stroom == code]

    def thema_key(thema: str | None) -> str | None:
        return thema if themed else None

    kalender: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    subsidie: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    for (j, thema), bedrag in cijfers.kalender.items():
        kalender[(j, thema_key(thema))] += bedrag
    for (j, thema), bedrag in cijfers.subsidie.items():
        subsidie[(j, thema_key(thema))] += bedrag
    tranche: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    for t in tranches:
        tranche[(t.jaar, thema_key(t.thema))] += t.bedrag
    overloop_uit: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    for o in overlopen:
        overloop_uit[(o.van_jaar, thema_key(o.thema))] += o.bedrag

    themas = _themas(programma, code, {k[1] for k in kalender}) if themed else [None]
    regels = []
    for thema in themas:
        besteding_jaar = kalender.get((jaar, thema), ZERO)
        cumulatief = sum((b for (j, t), b in kalender.items() if t == thema and j <= jaar), ZERO)
        if themed:
            beschikbaar = tranche.get((jaar, thema), ZERO) + overloop_uit.get((jaar - 1, thema), ZERO)
            overloop = overloop_uit.get((jaar, thema), ZERO)
            vervalt: Decimal | None = max(beschikbaar - subsidie.get((jaar, thema), ZERO) - overloop, ZERO)
        else:
            tranches_tm = sum((b for (j, _), b in tranche.items() if j <= jaar), ZERO)
            besteed_tm = sum((b for (j, _), b in subsidie.items() if j <= jaar), ZERO)
            besteed_voor = sum((b for (j, _), b in subsidie.items() if j < jaar), ZERO)
            if stroom.overloop == "vrij" and tranches:
                # unspent tranches of earlier years stay available
                beschikbaar = tranches_tm - besteed_voor
                overloop = None if eind else max(tranches_tm - besteed_tm, ZERO)
            else:
                beschikbaar = tranche.get((jaar, None)) if tranches else None
                overloop = None
            vervalt = None
        regels.append(SisaRegel(
            stroom=code, naam=stroom.naam, sisa_code=sisa_code, departement=departement, onderdeel=thema,
            beschikbaar_jaar=beschikbaar, besteding_jaar=besteding_jaar, besteding_cumulatief=cumulatief,
            overloop_volgend_jaar=overloop, eindverantwoording=eind, vervalt=vervalt,
            onderdeel_naam=thema_naam(programma, thema, code),
        ))
    # The split per theme must add up to the stream figures of geldstromen.
    if (sum((r.besteding_jaar for r in regels), ZERO) != geldstroom.besteed_jaar
            or sum((r.besteding_cumulatief for r in regels), ZERO) != geldstroom.besteed_cumulatief):
        msg = f"SiSa-regels van {code} tellen niet op tot de besteding van de geldstroom"
        raise ValueError(msg)
    return regels


SOORT_NAMEN = {
    "besteding": "Besteding",
    "overloop": "Overloop",
    "cumulatief": "Cumulatieve besteding",
    "eindverantwoording": "Eindverantwoording",
}


def _omschrijving(soort: str, jaar: int, onderdeel: str | None, naam: str) -> str:
    deel = f" — {naam}" if onderdeel else ""
    if soort == "besteding":
        return f"Besteding ({jaar}) ten laste van rijksmiddelen{deel}"
    if soort == "overloop":
        return f"Naar {jaar + 1} over te hevelen bedrag{deel}"
    if soort == "cumulatief":
        return f"Cumulatieve besteding t/m ({jaar}){deel}"
    return "Eindverantwoording Ja/Nee"


def _indicatoren(stroom: model.Geldstroom, uitkering: UitkeringRegel, regels: Sequence[SisaRegel],
                 jaar: int, programma: model.Programma) -> tuple[list[Indicator], Onvolledig | None]:
    """The indicator lines of one grant, with their declared numbers, and what is missing.

    Order as on the form: Besteding per onderdeel, the carry-over per onderdeel (streams with
    a carry-over regime), Cumulatieve besteding per onderdeel, Eindverantwoording.
    """
    regels_per_soort: list[tuple[str, SisaRegel | None]] = [("besteding", r) for r in regels]
    regels_per_soort += [("overloop", r) for r in regels if r.overloop_volgend_jaar is not None]
    regels_per_soort += [("cumulatief", r) for r in regels]
    regels_per_soort.append(("eindverantwoording", None))
    ontbreekt: list[str] = []
    if not stroom.sisa_code:
        ontbreekt.append("SiSa-code (sisa_code)")
    if not stroom.departement:
        ontbreekt.append("departement (departement)")
    out: list[Indicator] = []
    gezien: dict[str, str] = {}
    for soort, regel in regels_per_soort:
        onderdeel = regel.onderdeel if regel is not None else None
        nummer = stroom.sisa_nummer(soort, onderdeel)
        naam = thema_naam(programma, onderdeel, stroom.code)
        omschrijving = _omschrijving(soort, jaar, onderdeel, naam)
        if nummer is None:
            ontbreekt.append(f"indicatornummer {omschrijving} (sisa_{soort})")
        elif nummer in gezien:
            ontbreekt.append(f"indicatornummer {nummer} staat bij {gezien[nummer]} en bij {omschrijving}")
        else:
            gezien[nummer] = omschrijving
        if onderdeel is not None and programma.hoofdthema_naam(onderdeel, stroom.code) is None:
            ontbreekt.append(f"naam van hoofdthema {onderdeel}")
        if soort == "besteding":
            bedrag, janee = regel.besteding_jaar, None
        elif soort == "overloop":
            bedrag, janee = regel.overloop_volgend_jaar, None
        elif soort == "cumulatief":
            bedrag, janee = regel.besteding_cumulatief, None
        else:
            bedrag, janee = None, "Ja" if uitkering.eindverantwoording else "Nee"
        out.append(Indicator(
            departement=uitkering.departement, sisa_code=uitkering.sisa_code, uitkering=uitkering.naam,
            nummer=f"{stroom.sisa_code} / {nummer}" if stroom.sisa_code and nummer else None,
            omschrijving=omschrijving, aard_controle=stroom.sisa_aard(soort), bedrag=bedrag, janee=janee,
            stroom=stroom.code, soort=soort, onderdeel=onderdeel,
        ))
    if not stroom.sisa_indicatoren:  # nothing declared: one line instead of one per indicator
        soorten = ", ".join(f"sisa_{soort}" for soort in dict.fromkeys(soort for soort, _ in regels_per_soort))
        ontbreekt = [o for o in ontbreekt if not o.startswith("indicatornummer ")]
        ontbreekt.append(f"alle indicatornummers ({soorten})")
    uniek = tuple(dict.fromkeys(ontbreekt))
    return out, (Onvolledig(stroom.code, stroom.naam, uniek) if uniek else None)


def overlopende_balans(entries: Sequence[data.Directive], programma: model.Programma, jaar: int) -> tuple[
        tuple[PassivaRegel, ...], tuple[ActivaRegel, ...], tuple[TerugbetalingRegel, ...]]:
    """The schedules of year T on money *received*: advances (BBV art. 49b), pre-financing (art. 40a)
    and, for grants that have ended, received money to repay.

    Balances, per stream on 31 December of T−1 and T (``GeldstroomRegel``, with received = receipts
    minus repayments and covered spending = eligible spending up to the award): vooruitontvangen
    (received − covered spending, on a running stream), voorgefinancierd (covered spending −
    received) and terug te betalen (received − final claim, on an ended stream).

    Flows of T, computed from receipts, repayments and spending, never as a balancing residual:

    * af (activa): the opening pre-financing settled by receipts of T, min(opening actief, receipts);
      that part of a receipt is no advance;
    * ontvangen (passiva): receipts of T − af;
    * terugbetaald: repayments of T settle the opening debt to repay first, the rest reduces the advance;
    * vrijgevallen: the spending of T covered by advance money, min(spending of T, opening advance +
      ontvangen − terugbetaald) (not below 0); bij (activa): spending of T − vrijgevallen;
    * terug te betalen (passiva): what moved from the advance to the debt to repay, the change of the
      settlement's repayment in T (closing − opening + repaid), on an ended grant.

    Each row's ``verschil`` (opening + flows − closing) must then be 0; it is not when the flows
    and the balances disagree (e.g. a repayment of money never received, while pre-financed).
    Awarded money not yet received is in none of them. The gemeente's own streams (``herkomst:
    "gemeente"``) are left out: its own money is no advance from others. Government bodies
    (``model.overheidslichaam``) are 49b/40a; other third parties are grouped apart.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      jaar: the year T.
    Returns:
      (passiva rows, activa rows, terugbetaling rows), each with any balance or movement, in the
      order of ``HERKOMST_GROEPEN``, then by code.
    """
    nu = geldstromen_overzicht(entries, programma, jaar, peildatum=datetime.date(jaar, 12, 31))
    vorig = {r.code: r for r in geldstromen_overzicht(entries, programma, jaar - 1,
                                                      peildatum=datetime.date(jaar - 1, 12, 31)).regels}
    passiva: list[PassivaRegel] = []
    activa: list[ActivaRegel] = []
    terug: list[TerugbetalingRegel] = []
    for regel in nu.regels:
        groep = model.herkomst_groep(regel.herkomst)
        if groep is None:
            continue  # the gemeente's own money
        toen = vorig.get(regel.code)
        begin_p = toen.vooruitontvangen if toen else ZERO
        begin_a = toen.voorgefinancierd if toen else ZERO
        begin_t = toen.terug_te_betalen if toen else ZERO
        ontvangsten = regel.ontvangen - (toen.ontvangen if toen else ZERO)
        terugbetalingen = regel.terugbetaald - (toen.terugbetaald if toen else ZERO)
        besteding = regel.gedekt - (toen.gedekt if toen else ZERO)  # the year's covered spending
        af = min(begin_a, max(ontvangsten, ZERO))
        ontvangen = ontvangsten - af
        terugbetaald_schuld = min(terugbetalingen, begin_t)
        terugbetaald = terugbetalingen - terugbetaald_schuld
        vrijgevallen = max(min(besteding, begin_p + ontvangen - terugbetaald), ZERO)
        naar_terug = regel.terug_te_betalen - begin_t + terugbetaald_schuld
        p = PassivaRegel(
            stroom=regel.code, naam=regel.naam, herkomst=groep, begin=begin_p, ontvangen=ontvangen,
            vrijgevallen=vrijgevallen, terugbetaald=terugbetaald, terug_te_betalen=naar_terug,
            eind=regel.vooruitontvangen)
        if any((p.begin, p.ontvangen, p.vrijgevallen, p.terugbetaald, p.terug_te_betalen, p.eind)):
            passiva.append(p)
        a = ActivaRegel(stroom=regel.code, naam=regel.naam, herkomst=groep, begin=begin_a,
                        bij=besteding - vrijgevallen, af=af, eind=regel.voorgefinancierd)
        if any((a.begin, a.bij, a.af, a.eind)):
            activa.append(a)
        t = TerugbetalingRegel(stroom=regel.code, naam=regel.naam, herkomst=groep, begin=begin_t, bij=naar_terug,
                               terugbetaald=terugbetaald_schuld, eind=regel.terug_te_betalen)
        if any((t.begin, t.bij, t.terugbetaald, t.eind)):
            terug.append(t)

    def volgorde(r: PassivaRegel | ActivaRegel | TerugbetalingRegel) -> tuple[int, str]:
        return HERKOMST_GROEPEN.index(r.herkomst), r.stroom

    return tuple(sorted(passiva, key=volgorde)), tuple(sorted(activa, key=volgorde)), tuple(sorted(terug, key=volgorde))


def tranche_verloop(stroom: model.Geldstroom, programma: model.Programma,
                    besteed: Mapping[tuple[int, str | None], Decimal], jaar: int) -> list[TrancheJaar]:
    """A grant's tranches per hoofdthema and grant year up to T: in, available, spent, carried on.

    The plugin's definitions (``ledger.rules.tranches``): spending counts per theme when the
    stream's tranches are per theme (``heeft_themas``), except under ``overloop: "vrij"``,
    where every tranche up to a year is available (themes together). Under ``"hoofdthema"``
    the declared ``custom "overloop"`` of a year moves to the next when the plugin's rule
    (``overloop_bezwaar``) accepts it, in date order as the plugin reads them; ``ruimte`` is
    the most that rule allows (``overloop_maximum`` of the tranche, no more than is left,
    nothing past the period). Under ``"vrij"`` what is left moves on by itself, except from
    the final year. Without a regime nothing moves.

    Args:
      stroom: the grant (its state on 31 December T).
      programma: the parsed declarations (tranches, overlopen, hoofdthema names).
      besteed: spending per (grant year, theme of the booking), up to 31 December T.
      jaar: the year T.
    Returns:
      Rows per theme (tranche order), then per year, from the first tranche year to T.
    """
    code = stroom.code
    regime = stroom.overloop
    per_thema = heeft_themas(programma.tranches, code) and regime != "vrij"

    def sleutel(thema: str | None) -> str | None:
        return thema if per_thema else None

    tranche: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    for t in programma.tranches:
        if t.stroom == code:
            tranche[(t.jaar, sleutel(t.thema))] += t.bedrag
    if not tranche:
        return []
    uitgaven: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    for (j, thema), bedrag in besteed.items():
        uitgaven[(j, sleutel(thema))] += bedrag
    eindjaar = stroom.subsidiejaar(stroom.tot) if stroom.tot is not None else None

    overloop_in: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    overloop_uit: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
    if regime == "hoofdthema":
        for overloop in programma.overlopen:
            if overloop.stroom != code:
                continue
            versie = programma.geldstroom_op(code, overloop.entry.date) or stroom
            key = (overloop.van_jaar, sleutel(overloop.thema))
            over = tranche.get(key, ZERO) + overloop_in[key] - uitgaven.get(key, ZERO)
            if overloop_bezwaar(versie, overloop, overloop.entry.date, tranche.get(key, ZERO), over) is None:
                overloop_uit[key] += overloop.bedrag
                overloop_in[(overloop.van_jaar + 1, key[1])] += overloop.bedrag

    eerste = min(j for j, _ in tranche)
    jaren = range(eerste, jaar + 1)
    themas = _themas(programma, code, {t for _, t in uitgaven}) if per_thema else [None]
    regels: list[TrancheJaar] = []
    for thema in themas:
        vorig_over = ZERO
        for j in jaren:
            key = (j, thema)
            if regime == "vrij":
                binnen = vorig_over
            else:
                binnen = overloop_in.get(key, ZERO)
            beschikbaar = tranche.get(key, ZERO) + binnen
            uit_besteed = uitgaven.get(key, ZERO)
            laatste = eindjaar is not None and j >= eindjaar
            uit: Decimal | None
            ruimte: Decimal | None
            if regime == "hoofdthema":
                uit = overloop_uit.get(key, ZERO)
                ruimte = ZERO if laatste else min(overloop_maximum(stroom, tranche.get(key, ZERO)),
                                                  max(beschikbaar - uit_besteed, ZERO))
            elif regime == "vrij":
                uit = ZERO if laatste else max(beschikbaar - uit_besteed, ZERO)
                ruimte = None
            else:
                uit, ruimte = None, None
            vorig_over = uit or ZERO
            regels.append(TrancheJaar(
                stroom=code, naam=stroom.naam, onderdeel=thema, onderdeel_naam=thema_naam(programma, thema, code),
                jaar=j, regime=regime, tranche=tranche.get(key, ZERO), overloop_in=binnen, besteed=uit_besteed,
                overloop_uit=uit, ruimte=ruimte,
            ))
    return regels


def sisa(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
         peildatum: datetime.date | None = None) -> Sisa:
    """Compute the SiSa accountability figures and the liability schedule of year T.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations.
      jaar: the year T.
      peildatum: figures up to and including this date; default
        :func:`reports.compute.peildatum.peildatum_voor` (31 December of a past year, else today).
    Returns:
      Rows per grant (and hoofdthema), per grant as a whole, the indicator lines, the grants
      whose SiSa declaration is incomplete, the tranche check, spending per grant year and
      the staten van overlopende passiva and activa.
    """
    peildatum = peildatum or peildatum_voor(jaar)
    overzicht = geldstromen_overzicht(entries, programma, jaar, peildatum=peildatum)
    passiva, activa, terugbetalingen = overlopende_balans(entries, programma, jaar)
    per_stroom = {r.code: r for r in overzicht.regels}
    uitkeringen_lijst = specifieke_uitkeringen(programma, jaar)
    codes = {s.code for s in uitkeringen_lijst}
    cijfers: dict[str, _Stroomcijfers] = defaultdict(_Stroomcijfers)
    for feit in bestedingen(entries, programma, tot=peildatum):
        if feit.stroom not in codes:
            continue
        stroom = programma.geldstroom_op(feit.stroom, feit.datum) or programma.geldstromen[feit.stroom]
        cijfers[feit.stroom].kalender[(feit.datum.year, feit.thema)] += feit.bedrag
        cijfers[feit.stroom].subsidie[(stroom.subsidiejaar(feit.datum), feit.thema)] += feit.bedrag

    regels: list[SisaRegel] = []
    uitkeringen: list[UitkeringRegel] = []
    indicatoren: list[Indicator] = []
    onvolledig: list[Onvolledig] = []
    controles: list[TrancheControle] = []
    subsidiejaren: list[Subsidiejaar] = []
    tranchejaren: list[TrancheJaar] = []
    for stroom in uitkeringen_lijst:
        geldstroom = per_stroom[stroom.code]
        stroom_regels = _regels_voor_stroom(stroom, programma, cijfers[stroom.code], jaar, geldstroom)
        eerste = stroom_regels[0]
        uitkering = UitkeringRegel(
            stroom=stroom.code, naam=stroom.naam, sisa_code=eerste.sisa_code, departement=eerste.departement,
            herkomst=model.herkomst_groep(stroom.herkomst) or "Eigen", toegekend=geldstroom.toegekend,
            besteding_jaar=geldstroom.besteed_jaar, besteding_cumulatief=geldstroom.besteed_cumulatief,
            nog_te_besteden=geldstroom.nog_te_besteden, einddatum=geldstroom.einddatum,
            eindverantwoording=eerste.eindverantwoording, ontvangen=geldstroom.ontvangen_netto,
            vaststelling=geldstroom.vaststelling,
            prognose_einde=max(geldstroom.prognose_einde, ZERO) if geldstroom.prognose_einde is not None else None,
        )
        regels.extend(stroom_regels)
        uitkeringen.append(uitkering)
        lijnen, ontbreekt = _indicatoren(stroom, uitkering, stroom_regels, jaar, programma)
        indicatoren.extend(lijnen)
        if ontbreekt is not None:
            onvolledig.append(ontbreekt)
        tranches = [t.bedrag for t in programma.tranches if t.stroom == stroom.code]
        if tranches:
            controles.append(TrancheControle(stroom.code, stroom.naam, geldstroom.toegekend, sum(tranches, ZERO)))
            tranchejaren.extend(tranche_verloop(stroom, programma, cijfers[stroom.code].subsidie, jaar))
        if afwijkend_subsidiejaar(stroom):
            subsidiejaren.extend(besteed_per_subsidiejaar(entries, programma, stroom.code, peildatum))
    return Sisa(
        jaar=jaar,
        peildatum=peildatum,
        regels=tuple(regels),
        uitkeringen=tuple(uitkeringen),
        indicatoren=tuple(indicatoren),
        passiva=passiva,
        activa=activa,
        onvolledig=tuple(onvolledig),
        tranches=tuple(controles),
        subsidiejaren=tuple(subsidiejaren),
        tranchejaren=tuple(tranchejaren),
        terugbetalingen=terugbetalingen,
    )

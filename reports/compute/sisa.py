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
* Risico terugbetaling jaar T: hoofdthema regime: tranche(T) + overloop in (T−1→T) −
  spending in grant year T − overloop out (T→T+1), at least 0 (money that lapses). Other
  regimes: in the final year what is available (tranches, else the awarded amount) minus
  cumulative spending, at least 0; earlier years 0 (see the forecast instead).
* Staat van overlopende passiva (BBV art. 49/52a) per stream, grouped by origin (EU /
  Rijk / Overig): opening = credit balance of ``Liabilities:Nog-te-besteden:<S>`` on 1
  January; ontvangen = awards booked in T (non-derived credits to it); vrijgevallen =
  the plugin's releases in T (= spending); terugbetaald/gecorrigeerd = non-derived
  debits; closing = the credit balance on 31 December. Opening + ontvangen − vrijgevallen
  − terugbetaald = closing for every row (``verschil`` is 0).
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
from reports.compute.bestedingen import bestedingen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reports.compute.geldstromen import GeldstroomRegel

ZERO = Decimal(0)

# Readable names of the hoofdthema codes used in tranches (codes stay codes in the ledger).
THEMA_NAMEN = {
    "armoede-schulden": "Preventie armoede en schulden",
    "veerkracht-weerbaarheid": "Veerkracht en weerbaarheid",
    "re-integratie": "Re-integratie",
    "school-omgeving": "School en omgeving",
    "jonge-kind": "Ontwikkeling jonge kind",
    "gezonde-leefomgeving": "Gezonde leefomgeving",
    "programmaondersteuning": "Programmaondersteuning",
    "integraal": "Integraal deel",
    "maatschappelijke-samenhang": "Maatschappelijke samenhang",
    "financiele-educatie": "Financiële educatie",
    "geldzorgen": "Re-integratie en preventie geldzorgen",
    "programmaorganisatie": "Programmaorganisatie",
}


def thema_naam(code: str | None) -> str:
    """The readable name of a hoofdthema code (``""`` for the grant as a whole)."""
    if code is None:
        return ""
    return THEMA_NAMEN.get(code, code)


_NOG_TE_BESTEDEN = model.NOG_TE_BESTEDEN + ":"
HERKOMST_GROEPEN = ("EU", "Rijk", "Overig")


def herkomst_groep(herkomst: str) -> str:
    """The BBV art. 52a origin group of a stream: ``EU``, ``Rijk`` or ``Overig``."""
    if herkomst == "eu":
        return "EU"
    if herkomst == "rijk":
        return "Rijk"
    return "Overig"


@dataclasses.dataclass(frozen=True)
class SisaRegel:
    """One specific grant (or one hoofdthema of it) in year T."""

    stroom: str
    naam: str
    sisa_code: str  # the SiSa code if the stream declares ``sisa_code``, else the stream code
    departement: str | None
    onderdeel: str | None  # hoofdthema (None: the grant as a whole)
    beschikbaar_jaar: Decimal | None  # tranche(T) + overloop in; None without tranches
    besteding_jaar: Decimal
    besteding_cumulatief: Decimal
    overloop_volgend_jaar: Decimal | None  # None: the stream has no carry-over regime
    eindverantwoording: bool
    risico: Decimal  # amount at risk of repayment from year T


@dataclasses.dataclass(frozen=True)
class UitkeringRegel:
    """One specific grant as a whole in year T (stream figures from ``geldstromen``)."""

    stroom: str
    naam: str
    sisa_code: str
    departement: str | None
    herkomst: str
    toegekend: Decimal
    besteding_jaar: Decimal
    besteding_cumulatief: Decimal
    nog_te_besteden: Decimal
    einddatum: datetime.date | None
    eindverantwoording: bool
    risico_tm_jaar: Decimal  # sum of the yearly risks up to and including T
    prognose_einde: Decimal | None  # geldstromen forecast of what is left at the end (≥ 0)


@dataclasses.dataclass(frozen=True)
class Indicator:
    """One SiSa indicator line as municipalities file it."""

    departement: str | None
    sisa_code: str
    uitkering: str
    nummer: str  # e.g. "SPUK-KW / 01"
    omschrijving: str
    aard_controle: str  # "R" (rechtmatigheid) or "n.v.t."
    bedrag: Decimal | None
    janee: str | None  # "Ja" / "Nee" for Eindverantwoording


@dataclasses.dataclass(frozen=True)
class PassivaRegel:
    """One stream in the staat van overlopende passiva of year T."""

    stroom: str
    naam: str
    herkomst: str  # EU | Rijk | Overig
    begin: Decimal
    ontvangen: Decimal
    vrijgevallen: Decimal
    terugbetaald: Decimal
    eind: Decimal

    @property
    def verschil(self) -> Decimal:
        """Must be 0: opening + ontvangen − vrijgevallen − terugbetaald − closing."""
        return self.begin + self.ontvangen - self.vrijgevallen - self.terugbetaald - self.eind


@dataclasses.dataclass(frozen=True)
class Sisa:
    """Everything ``snw sisa`` reports for year T."""

    jaar: int
    peildatum: datetime.date
    regels: tuple[SisaRegel, ...]
    uitkeringen: tuple[UitkeringRegel, ...]
    indicatoren: tuple[Indicator, ...]
    passiva: tuple[PassivaRegel, ...]

    def passiva_per_herkomst(self, groep: str) -> tuple[PassivaRegel, ...]:
        return tuple(r for r in self.passiva if r.herkomst == groep)

    def passiva_totaal(self, veld: str, groep: str | None = None) -> Decimal:
        rows = self.passiva if groep is None else self.passiva_per_herkomst(groep)
        return sum((getattr(r, veld) for r in rows), ZERO)


def _declaratie_meta(programma: model.Programma, code: str) -> dict[str, object]:
    merged: dict[str, object] = {}
    for version in programma.stroom_historie.get(code, ()):
        merged.update(version.entry.meta)
    return merged


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
                        jaar: int, geldstroom: GeldstroomRegel) -> tuple[list[SisaRegel], Decimal]:
    """The SiSa rows of one grant and its cumulative risk up to ``jaar``."""
    code = stroom.code
    meta = _declaratie_meta(programma, code)
    sisa_code = str(meta.get("sisa_code") or code)
    departement = meta.get("departement") or stroom.financier
    departement = str(departement) if departement else None
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
    grant_years = sorted({k[0] for k in tranche} | {k[0] for k in subsidie})
    regels = []
    risico_totaal = ZERO
    for thema in themas:
        besteding_jaar = kalender.get((jaar, thema), ZERO)
        cumulatief = sum((b for (j, t), b in kalender.items() if t == thema and j <= jaar), ZERO)
        if themed:
            beschikbaar = tranche.get((jaar, thema), ZERO) + overloop_uit.get((jaar - 1, thema), ZERO)
            overloop = overloop_uit.get((jaar, thema), ZERO)
            risico = max(beschikbaar - subsidie.get((jaar, thema), ZERO) - overloop, ZERO)
            for j in grant_years:
                if j <= jaar:
                    risico_totaal += max(
                        tranche.get((j, thema), ZERO) + overloop_uit.get((j - 1, thema), ZERO)
                        - subsidie.get((j, thema), ZERO) - overloop_uit.get((j, thema), ZERO), ZERO)
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
            if eindjaar is not None and jaar >= eindjaar:
                totaal = sum(tranche.values(), ZERO) if tranches else stroom.beschikbaar
                risico = max(totaal - cumulatief, ZERO)
            else:
                risico = ZERO
            risico_totaal += risico
        regels.append(SisaRegel(
            stroom=code, naam=stroom.naam, sisa_code=sisa_code, departement=departement, onderdeel=thema,
            beschikbaar_jaar=beschikbaar, besteding_jaar=besteding_jaar, besteding_cumulatief=cumulatief,
            overloop_volgend_jaar=overloop, eindverantwoording=eind, risico=risico,
        ))
    # The split per theme must add up to the stream figures of geldstromen.
    if (sum((r.besteding_jaar for r in regels), ZERO) != geldstroom.besteed_jaar
            or sum((r.besteding_cumulatief for r in regels), ZERO) != geldstroom.besteed_cumulatief):
        msg = f"SiSa-regels van {code} tellen niet op tot de besteding van de geldstroom"
        raise ValueError(msg)
    return regels, risico_totaal


def _indicatoren(uitkering: UitkeringRegel, regels: Sequence[SisaRegel], jaar: int) -> list[Indicator]:
    out: list[Indicator] = []

    def add(omschrijving: str, aard: str, bedrag: Decimal | None = None, janee: str | None = None) -> None:
        nummer = f"{uitkering.sisa_code} / {len(out) + 1:02d}"
        out.append(Indicator(uitkering.departement, uitkering.sisa_code, uitkering.naam, nummer, omschrijving,
                             aard, bedrag, janee))

    for regel in regels:
        deel = f" — {thema_naam(regel.onderdeel)}" if regel.onderdeel else ""
        add(f"Besteding ({jaar}){deel}", "R", regel.besteding_jaar)
    for regel in regels:
        if regel.overloop_volgend_jaar is not None:
            deel = f" — {thema_naam(regel.onderdeel)}" if regel.onderdeel else ""
            add(f"Naar {jaar + 1} over te hevelen bedrag{deel}", "R", regel.overloop_volgend_jaar)
    for regel in regels:
        deel = f" — {thema_naam(regel.onderdeel)}" if regel.onderdeel else ""
        add(f"Cumulatieve bestedingen t/m ({jaar}){deel}", "n.v.t.", regel.besteding_cumulatief)
    add("Eindverantwoording Ja/Nee", "n.v.t.", janee="Ja" if uitkering.eindverantwoording else "Nee")
    return out


def _liability_movements(entries: Sequence[data.Directive], jaar: int) -> dict[str, dict[str, Decimal]]:
    """Per stream: credit balance at 1 January and 31 December, non-derived debits in the year."""
    start = datetime.date(jaar, 1, 1)
    end = datetime.date(jaar, 12, 31)
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        if entry.date > end:
            break
        for posting in entry.postings:
            if not posting.account.startswith(_NOG_TE_BESTEDEN):
                continue
            code = posting.account[len(_NOG_TE_BESTEDEN):]
            number = posting.units.number
            figures = out[code]
            if entry.date < start:
                figures["begin"] -= number
            else:
                derived = bool(posting.meta and posting.meta.get("__derived__"))
                if not derived and number > 0:
                    figures["terugbetaald"] += number
            figures["eind"] -= number
    return out


def staat_overlopende_passiva(entries: Sequence[data.Directive], programma: model.Programma,
                              jaar: int) -> tuple[PassivaRegel, ...]:
    """The schedule of unspent earmarked money per stream (BBV art. 52a).

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations.
      jaar: the year T.
    Returns:
      One row per stream with any balance or movement, grouped EU / Rijk / Overig, then by code.
    """
    nu = geldstromen_overzicht(entries, programma, jaar, peildatum=datetime.date(jaar, 12, 31))
    vorig = geldstromen_overzicht(entries, programma, jaar - 1, peildatum=datetime.date(jaar - 1, 12, 31))
    vorig_geboekt = {r.code: r.geboekt for r in vorig.regels}
    saldi = _liability_movements(entries, jaar)
    regels = []
    for regel in nu.regels:
        figures = saldi.get(regel.code, {})
        terugbetaald = figures.get("terugbetaald", ZERO)
        row = PassivaRegel(
            stroom=regel.code,
            naam=regel.naam,
            herkomst=herkomst_groep(regel.herkomst),
            begin=figures.get("begin", ZERO),
            # geboekt is net of repayments; received is the gross award of the year
            ontvangen=regel.geboekt - vorig_geboekt.get(regel.code, ZERO) + terugbetaald,
            vrijgevallen=regel.besteed_jaar,
            terugbetaald=terugbetaald,
            eind=figures.get("eind", ZERO),
        )
        if any((row.begin, row.ontvangen, row.vrijgevallen, row.terugbetaald, row.eind)):
            regels.append(row)
    regels.sort(key=lambda r: (HERKOMST_GROEPEN.index(r.herkomst), r.stroom))
    return tuple(regels)


def sisa(entries: Sequence[data.Directive], programma: model.Programma, jaar: int) -> Sisa:
    """Compute the SiSa accountability figures and the liability schedule of year T.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations.
      jaar: the year T.
    Returns:
      Rows per grant (and hoofdthema), per grant as a whole, the indicator lines and the
      staat van overlopende passiva.
    """
    peildatum = datetime.date(jaar, 12, 31)
    overzicht = geldstromen_overzicht(entries, programma, jaar, peildatum=peildatum)
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
    for stroom in uitkeringen_lijst:
        geldstroom = per_stroom[stroom.code]
        stroom_regels, risico_totaal = _regels_voor_stroom(stroom, programma, cijfers[stroom.code], jaar,
                                                           geldstroom)
        eerste = stroom_regels[0]
        uitkering = UitkeringRegel(
            stroom=stroom.code, naam=stroom.naam, sisa_code=eerste.sisa_code, departement=eerste.departement,
            herkomst=herkomst_groep(stroom.herkomst), toegekend=geldstroom.toegekend,
            besteding_jaar=geldstroom.besteed_jaar, besteding_cumulatief=geldstroom.besteed_cumulatief,
            nog_te_besteden=geldstroom.nog_te_besteden, einddatum=geldstroom.einddatum,
            eindverantwoording=eerste.eindverantwoording, risico_tm_jaar=risico_totaal,
            prognose_einde=max(geldstroom.prognose_einde, ZERO) if geldstroom.prognose_einde is not None else None,
        )
        regels.extend(stroom_regels)
        uitkeringen.append(uitkering)
        indicatoren.extend(_indicatoren(uitkering, stroom_regels, jaar))
    return Sisa(
        jaar=jaar,
        peildatum=peildatum,
        regels=tuple(regels),
        uitkeringen=tuple(uitkeringen),
        indicatoren=tuple(indicatoren),
        passiva=staat_overlopende_passiva(entries, programma, jaar),
    )

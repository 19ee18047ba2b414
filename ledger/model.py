"""The programme's declarations read from a ledger's entries.

``parse_programma(entries)`` turns the ``custom`` declarations (domein, geldstroom,
geldstroom-wijziging, tranche, overloop, hoofdthema, partner, tarief, buurt, verplichting,
toezegging, instelling, begroting, begrotingswijziging, ab-besluit) and the ``open`` directives of
actielijnen into frozen dataclasses. The plugin, the computation layer and the
importers all read the ledger through this one module.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Mapping
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any

from beancount.core import amount as amount_lib
from beancount.core import data

from ledger import jaarafsluiting
from ledger.errors import DeclaratieError
from ledger.jaarafsluiting import Jaarafsluiting
from ledger.errors import VerplichtingError

ACTIELIJN_ROOT = "Expenses:Actielijn"
NOG_TE_BESTEDEN = "Liabilities:Nog-te-besteden"
TE_ONTVANGEN = "Assets:Te-ontvangen"
INCOME_GELDSTROOM = "Income:Geldstroom"
INCOME_INZET = "Income:Inzet"
INBRENG = "Equity:Inbreng-partners"
EIGEN = "EIGEN"
CURRENCY = "EUR"

STATUSSEN = ("aangevraagd", "verwacht", "gereserveerd", "toegekend")
KARAKTERS = ("incidenteel", "structureel")
"""A stream's ``karakter:``: one-off money or recurring money (the meerjarenbeeld keeps them apart)."""
OVERLOOP_REGIMES = ("hoofdthema", "vrij")
ZERO = Decimal(0)
CENT = Decimal("0.01")


def in_centen(bedrag: Decimal) -> Decimal:
    """An amount rounded to the cent as Dutch accounts round: half a cent up (away from zero)."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


#: ``custom "instelling"`` names whose value must be a positive whole number (checked by parse_programma)
INSTELLING_AANTALLEN = ("nieuw_west_bewoners",)

#: A stream's ``herkomst:`` that is a government body (BBV art. 49b and 40a: advances from, and
#: pre-financing to be received from, European and Dutch overheidslichamen), with its group in the
#: schedules. Every other origin except the gemeente's own (``fonds``, ``partners``, ``overig``, or
#: anything undeclared) is a third party: shown apart, never as 49b.
OVERHEID_HERKOMST = {"eu": "EU", "rijk": "Rijk", "provincie": "Overige overheden", "overheid": "Overige overheden"}
#: The gemeente's own money: no advance from anyone, in neither schedule.
EIGEN_HERKOMST = "gemeente"
#: The schedules' origin groups in order: the three of BBV art. 49b / 40a, then the third parties.
HERKOMST_GROEPEN = ("EU", "Rijk", "Overige overheden", "Overige derden")
OVERHEID_GROEPEN = HERKOMST_GROEPEN[:3]


def overheidslichaam(herkomst: str) -> bool:
    """Whether money of this origin comes from a government body (BBV art. 49b / 40a)."""
    return herkomst in OVERHEID_HERKOMST


def herkomst_groep(herkomst: str) -> str | None:
    """The schedule group of an origin: EU, Rijk, Overige overheden, Overige derden; None for the gemeente's own."""
    if herkomst == EIGEN_HERKOMST:
        return None
    return OVERHEID_HERKOMST.get(herkomst, "Overige derden")

# Keys of a geldstroom declaration that a geldstroom-wijziging may change.
_STROOM_KEYS = (
    "financier",
    "herkomst",
    "specifieke_uitkering",
    "status",
    "bedrag",
    "aandeel_nw",
    "gedeeld_met",
    "van",
    "tot",
    "boekjaar_start",
    "domeinen",
    "themas",
    "overloop",
    "overloop_max",
    "cofinanciering_min",
    "overhead_max",
    "illustratief",
    "bron",
    "departement",
    "sisa_code",
    "karakter",
    "sisa_besteding",
    "sisa_overloop",
    "sisa_cumulatief",
    "sisa_eindverantwoording",
    "sisa_aard_controle",
)

# SiSa indicator kinds a stream declares numbers for (``sisa_<soort>:``), in the order of the form.
SISA_SOORTEN = ("besteding", "overloop", "cumulatief", "eindverantwoording")
# Aard controle per kind by the SiSa convention, unless the stream declares ``sisa_aard_controle``.
SISA_AARD_STANDAARD = {"besteding": "R", "overloop": "R", "cumulatief": "n.v.t.", "eindverantwoording": "n.v.t."}
SISA_AARDEN = ("R", "D1", "D2", "n.v.t.")


@dataclasses.dataclass(frozen=True)
class Domein:
    code: str
    naam: str
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Actielijn:
    code: str
    naam: str
    domein: str
    account: str
    thema: str | None
    opbrengst: str | None
    trekker: str | None
    entry: data.Open

    def leaf(self, stroom: str) -> str:
        """The stream leaf account of this actielijn for ``stroom``."""
        return f"{self.account}:{stroom}"


@dataclasses.dataclass(frozen=True)
class Geldstroom:
    """A funding stream as it stands on a date (declaration plus amendments so far)."""

    code: str
    naam: str
    status: str
    bedrag: Decimal
    aandeel_nw: Decimal | None  # Nieuw-West's share in EUR; None: not shared, or split undecided (split_open)
    split_open: bool
    gedeeld_met: tuple[str, ...]
    van: datetime.date | None
    tot: datetime.date | None
    boekjaar_start: int
    domeinen: frozenset[str] | None
    themas: frozenset[str] | None
    overloop: str | None
    overloop_max: Decimal
    cofinanciering_min: Decimal | None
    overhead_max: Decimal | None
    herkomst: str
    financier: str | None
    specifieke_uitkering: bool
    illustratief: bool
    bron: str | None
    entry: data.Custom
    departement: str | None = None
    sisa_code: str | None = None  # the regeling's code on the SiSa form; None: not declared
    #: declared indicator numbers: ((soort, hoofdthema or None, nummer), ...) from ``sisa_<soort>:``
    sisa_indicatoren: tuple[tuple[str, str | None, str], ...] = ()
    #: declared Aard controle per kind (``sisa_aard_controle:``); other kinds follow SISA_AARD_STANDAARD
    sisa_aard_controle: tuple[tuple[str, str], ...] = ()
    #: ``karakter:`` "incidenteel" (one-off money) or "structureel" (recurring); None: not declared
    karakter: str | None = None
    #: ``aandeel_nw:`` as declared when it is a fraction of the pot (``0.50``); None when it is
    #: declared as an amount, "open" or not at all (the amount is ``aandeel_nw`` either way)
    aandeel_nw_deel: Decimal | None = None

    @property
    def aandeel_opgave(self) -> str | None:
        """How Nieuw-West's share is declared: ``"deel"`` (a fraction of the pot), ``"bedrag"``
        (an amount), ``"open"`` (split undecided); None when the stream is not shared."""
        if self.split_open:
            return "open"
        if self.aandeel_nw_deel is not None:
            return "deel"
        return "bedrag" if self.aandeel_nw is not None else None

    @property
    def aandeel_fractie(self) -> Decimal | None:
        """Nieuw-West's share as a fraction of the pot (share / pot).

        The declared fraction when ``aandeel_nw:`` is one (exactly as declared, e.g. ``0.333333``,
        not the rounded amount divided back); the declared amount / the pot otherwise; 1 when the
        stream is not shared. None while the split is open, or when the pot is 0 and a share is
        declared as an amount (no fraction of nothing).
        """
        if self.split_open:
            return None
        if self.aandeel_nw_deel is not None:
            return self.aandeel_nw_deel
        if self.aandeel_nw is None:
            return Decimal(1)
        return self.aandeel_nw / self.bedrag if self.bedrag else None

    def sisa_nummer(self, soort: str, thema: str | None = None) -> str | None:
        """The declared SiSa indicator number of a kind (and hoofdthema), None when not declared."""
        for s, t, nummer in self.sisa_indicatoren:
            if s == soort and t == thema:
                return nummer
        return None

    def sisa_aard(self, soort: str) -> str:
        """The Aard controle of an indicator kind: as declared, else the SiSa convention."""
        return dict(self.sisa_aard_controle).get(soort, SISA_AARD_STANDAARD[soort])

    @property
    def gedeeld(self) -> bool:
        return bool(self.gedeeld_met) or self.split_open or self.aandeel_nw is not None

    @property
    def toegezegd(self) -> Decimal:
        """Nieuw-West's part of the pot whatever its status (0 while the split is open)."""
        if self.split_open:
            return ZERO
        if self.aandeel_nw is not None:
            return self.aandeel_nw
        return self.bedrag

    @property
    def gereserveerd(self) -> Decimal:
        """Money reserved but not (yet) Nieuw-West's to spend.

        While the split between areas is open: the whole pot, reserved for Nieuw-West together
        with the areas it is shared with. Otherwise Nieuw-West's part while the stream is not
        awarded; 0 once it is.
        """
        if self.split_open:
            return self.bedrag
        return ZERO if self.status == "toegekend" else self.toegezegd

    @property
    def beschikbaar(self) -> Decimal:
        """What may be spent: Nieuw-West's part, only when the stream is awarded."""
        if self.status != "toegekend":
            return ZERO
        return self.toegezegd

    def subsidiejaar(self, date: datetime.date) -> int:
        """The grant year a date falls in: grant year J runs from the first of month
        ``boekjaar_start`` in J up to that day in J + 1 (``subsidiejaar_grenzen``)."""
        if date.month >= self.boekjaar_start:
            return date.year
        return date.year - 1

    def subsidiejaar_grenzen(self, jaar: int) -> tuple[datetime.date, datetime.date]:
        """First and last day of grant year ``jaar`` (the dates ``subsidiejaar`` maps to ``jaar``)."""
        van = datetime.date(jaar, self.boekjaar_start, 1)
        return van, datetime.date(jaar + 1, self.boekjaar_start, 1) - datetime.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Hoofdthema:
    """The display name of a hoofdthema code (``custom "hoofdthema" "CODE" "Naam"``).

    ``stroom`` (metadata ``stroom:``): the name holds for that stream only (two regelingen may
    name the same code differently); None: for every stream without a name of its own.
    """

    code: str
    naam: str
    stroom: str | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Tarief:
    """An hourly tariff of a partner, valid from ``vanaf`` until the next one."""

    vanaf: datetime.date
    bedrag: Decimal
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Partner:
    code: str
    naam: str
    type: str | None
    draagkracht: Decimal | None
    tarieven: tuple[Tarief, ...]  # in date order: ``tarief:`` of the declaration, then ``custom "tarief"``
    entry: data.Custom

    def tarief_op(self, datum: datetime.date) -> Decimal | None:
        """The hourly tariff valid on a date.

        Args:
          datum: the date of the posting (or of anything valued in hours).
        Returns:
          The last tariff dated on or before ``datum``; None before the first one (or without any).
        """
        geldig = None
        for tarief in self.tarieven:
            if tarief.vanaf > datum:
                break
            geldig = tarief.bedrag
        return geldig

    def tarieven_in(self, van: datetime.date, tot: datetime.date) -> tuple[tuple[datetime.date, Decimal], ...]:
        """The hourly tariffs in force between two dates, each from the day it applies.

        Args:
          van: the first day of the period (e.g. 1 January).
          tot: the last day (e.g. 31 December).
        Returns:
          ((date from which it applies, tariff), ...) in date order: the tariff in force on
          ``van`` (dated ``van``; absent when none is in force yet) and every change up to
          ``tot``. Empty when the partner has no tariff in the period.
        """
        out: list[tuple[datetime.date, Decimal]] = []
        begin = self.tarief_op(van)
        if begin is not None:
            out.append((van, begin))
        out.extend((t.vanaf, t.bedrag) for t in self.tarieven if van < t.vanaf <= tot)
        return tuple(out)


@dataclasses.dataclass(frozen=True)
class Buurt:
    code: str
    naam: str
    gebied: str | None
    cluster: str | None
    bewoners: int | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Tranche:
    stroom: str
    jaar: int
    bedrag: Decimal
    thema: str | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Overloop:
    stroom: str
    van_jaar: int
    bedrag: Decimal
    thema: str | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class VerplichtingWijziging:
    """A dated change of a commitment: ``verplichting-wijziging`` (a delta) or ``verplichting-afsluiting``.

    ``bedrag`` is the delta of a wijziging (positive raises, negative lowers); an afsluiting has
    ``bedrag`` 0: it closes the commitment (what is open then is released, open is 0 from its date).
    """

    soort: str  # "wijziging" | "afsluiting"
    datum: datetime.date
    kenmerk: str
    bedrag: Decimal
    reden: str
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Verplichting:
    datum: datetime.date
    actielijn: str
    stroom: str
    bedrag: Decimal  # committed at its declaration (the changes come on top: :meth:`verplicht_op`)
    kenmerk: str
    partner: str | None
    omschrijving: str | None
    entry: data.Custom
    einddatum: datetime.date | None = None  # ``einddatum:`` on the commitment (None: the stream's end)
    #: the dated changes (``verplichting-wijziging``, at most one closing ``verplichting-afsluiting``), in date order
    wijzigingen: tuple[VerplichtingWijziging, ...] = ()

    def verplicht_op(self, datum: datetime.date | None = None) -> Decimal:
        """Committed on a date: the declared amount plus the changes dated up to it (None: all)."""
        return self.bedrag + sum((w.bedrag for w in self.wijzigingen if datum is None or w.datum <= datum), ZERO)

    def afgesloten_op(self, datum: datetime.date | None = None) -> datetime.date | None:
        """The date of its ``verplichting-afsluiting`` when dated up to ``datum`` (None: not closed then)."""
        for w in self.wijzigingen:
            if w.soort == "afsluiting" and (datum is None or w.datum <= datum):
                return w.datum
        return None


def open_verplichting(verplicht: Decimal, betaald: Decimal, afgesloten: bool = False) -> Decimal:
    """The one rule for a commitment's open amount: committed − paid, never below 0; 0 once closed.

    The plugin's rules (through :class:`Verplichtingsloop`) and the reports
    (``reports.compute.verplichtingstanden``) all call this.
    """
    if afgesloten:
        return ZERO
    return max(verplicht - betaald, ZERO)


def verlopen_einde(einddatum: datetime.date | None, stroom_tot: datetime.date | None, open_bedrag: Decimal,
                   datum: datetime.date) -> tuple[str, datetime.date] | None:
    """Whether a commitment is still open after its end: (``"eigen"`` or ``"stroom"``, that end date).

    ``einddatum`` is the commitment's own ``einddatum:`` (None: none); it counts first, then its stream's ``tot``; an end counts when it lies
    before ``datum``. None when nothing is open or no end has passed. The plugin's finding
    (``Verplichting … staat nog open na …``), the commitments report (*verlopen*) and the
    begroting's risk all read this.
    """
    if open_bedrag <= 0:
        return None
    if einddatum is not None and einddatum < datum:
        return "eigen", einddatum
    if stroom_tot is not None and stroom_tot < datum:
        return "stroom", stroom_tot
    return None


class Verplichtingsloop:
    """The running state of one commitment: committed (changes so far), paid on its link, closed.

    The one place that turns payments and changes into open commitment; the plugin's rules use
    it incrementally in their one pass, the reports build one per commitment at a peildatum
    (:meth:`op`). Each step returns how much it changed the open amount, so a rule can keep its
    totals (per stream, per budget line) by adding that.
    """

    __slots__ = ("afgesloten", "betaald", "verplicht", "verplichting", "vrijgevallen")

    def __init__(self, verplichting: Verplichting) -> None:
        self.verplichting = verplichting
        self.verplicht = verplichting.bedrag
        self.betaald = ZERO
        self.afgesloten: datetime.date | None = None
        self.vrijgevallen = ZERO  # the open amount released at the closing

    @property
    def open(self) -> Decimal:
        """Committed − paid, never below 0; 0 once closed (:func:`open_verplichting`)."""
        return open_verplichting(self.verplicht, self.betaald, self.afgesloten is not None)

    def betaal(self, bedrag: Decimal) -> Decimal:
        """Count a payment (a correction is negative); what it paid off the open amount."""
        voor = self.open
        self.betaald += bedrag
        return voor - self.open

    def wijzig(self, wijziging: VerplichtingWijziging) -> Decimal:
        """Apply a change or the closing; how much the open amount rose (negative: fell, freed)."""
        voor = self.open
        if wijziging.soort == "afsluiting":
            if self.afgesloten is None:
                self.afgesloten = wijziging.datum
                self.vrijgevallen = voor
        else:
            self.verplicht += wijziging.bedrag
        return self.open - voor

    @classmethod
    def op(cls, verplichting: Verplichting, betaald: Decimal, datum: datetime.date) -> Verplichtingsloop:
        """The state on a date: the changes dated up to it, ``betaald`` paid (up to that date)."""
        loop = cls(verplichting)
        loop.betaal(betaald)
        for wijziging in verplichting.wijzigingen:
            if wijziging.datum <= datum:
                loop.wijzig(wijziging)
        return loop


@dataclasses.dataclass(frozen=True)
class Toezegging:
    partner: str
    jaar: int
    bedrag: Decimal
    uren: Decimal | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class AbBesluit:
    kenmerk: str
    datum: datetime.date
    omschrijving: str
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Verantwoordingsregel:
    """The explanation of a year's realisation on one budget line (``custom "verantwoording"``)."""

    jaar: int
    actielijn: str
    stroom: str
    toelichting: str
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class BegrotingRegel:
    """One budget line (``begroting``) or amendment (``begrotingswijziging``)."""

    soort: str  # "begroting" | "begrotingswijziging"
    datum: datetime.date
    jaar: int
    actielijn: str
    stroom: str
    bedrag: Decimal
    besluit: str | None
    entry: data.Custom


@dataclasses.dataclass(frozen=True)
class Programma:
    """Everything the ledger declares, indexed by code."""

    domeinen: Mapping[str, Domein]
    actielijnen: Mapping[str, Actielijn]  # by code
    actielijn_accounts: Mapping[str, Actielijn]  # by account
    geldstromen: Mapping[str, Geldstroom]  # current state (all amendments applied)
    stroom_historie: Mapping[str, tuple[Geldstroom, ...]]  # states in date order
    partners: Mapping[str, Partner]
    buurten: Mapping[str, Buurt]
    tranches: tuple[Tranche, ...]
    overlopen: tuple[Overloop, ...]
    verplichtingen: tuple[Verplichting, ...]
    toezeggingen: tuple[Toezegging, ...]
    instellingen: Mapping[str, tuple[Any, ...]]
    ab_besluiten: Mapping[str, AbBesluit]
    begroting: tuple[BegrotingRegel, ...]
    #: ``custom "verantwoording" JAAR "ACTIELIJN" "STROOM"`` with ``toelichting:``: why the year's
    #: realisation on a budget line differs from its budget
    verantwoordingen: tuple[Verantwoordingsregel, ...] = ()
    #: the latest ``custom "jaarafsluiting"`` per closed year (``ledger.jaarafsluiting``)
    jaarafsluitingen: Mapping[int, Jaarafsluiting] = dataclasses.field(default_factory=dict)
    #: ``custom "hoofdthema" "CODE" "Naam"`` without ``stroom:``: the display name per code
    hoofdthemas: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: the same with ``stroom:``: the display name per (stroom, code), for that stream only
    hoofdthemas_per_stroom: Mapping[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def hoofdthema_naam(self, code: str, stroom: str | None = None) -> str | None:
        """The declared display name of a hoofdthema: the stream's own, else the general one.

        Args:
          code: the hoofdthema code (as on tranches and bookings).
          stroom: the stream it is used on (None: only the general name).
        Returns:
          The name, None when the ledger declares none (a finding of ``snw sisa``).
        """
        if stroom is not None and (stroom, code) in self.hoofdthemas_per_stroom:
            return self.hoofdthemas_per_stroom[(stroom, code)]
        return self.hoofdthemas.get(code)

    def geldstroom_op(self, code: str, date: datetime.date) -> Geldstroom | None:
        """The state of a stream on a date (None when not yet declared then)."""
        state = None
        for version in self.stroom_historie.get(code, ()):
            if version.entry.date <= date:
                state = version
            else:
                break
        return state

    def instelling(self, naam: str, default: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """The values of a ``custom "instelling"`` setting."""
        return self.instellingen.get(naam, default)

    def actielijn_van_account(self, account: str) -> tuple[Actielijn | None, str | None]:
        """Split an account under ``Expenses:Actielijn`` into (actielijn, stream leaf)."""
        return split_actielijn_account(account, self.actielijn_accounts)


def split_actielijn_account(
    account: str, accounts: Mapping[str, Actielijn]
) -> tuple[Actielijn | None, str | None]:
    """Split an actielijn account into (actielijn, stream) using the declared accounts.

    Args:
      account: an account under ``Expenses:Actielijn``.
      accounts: declared actielijnen by account.
    Returns:
      (the actielijn or None when undeclared, the stream leaf or None when absent).
    """
    actielijn = accounts.get(account)
    if actielijn is not None:
        return actielijn, None
    parent, _, leaf = account.rpartition(":")
    actielijn = accounts.get(parent)
    if actielijn is not None:
        return actielijn, leaf
    return None, leaf if parent.count(":") >= 3 else None


def _values(entry: data.Custom) -> list[Any]:
    return [value.value for value in entry.values]


def decimaal(value: Any) -> Decimal | None:
    """A metadata or custom value as a Decimal (an amount's number), None when it is no number."""
    if isinstance(value, amount_lib.Amount):
        return value.number
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    return None


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(value).replace(",", " ").split())


def sisa_nummers(value: Any) -> tuple[tuple[str | None, str], ...] | None:
    """Parse a ``sisa_<soort>:`` value: ``"01"`` or ``"thema=01 thema=02"``.

    Args:
      value: the metadata value.
    Returns:
      ((hoofdthema or None, nummer), ...), None when malformed (empty, not a string, a
      number that is not digits, or a theme twice).
    """
    if not isinstance(value, str) or not value.split():
        return None
    out: list[tuple[str | None, str]] = []
    for item in value.split():
        thema, _, nummer = item.rpartition("=")
        if not nummer.isdigit() or (item.count("=") and not thema):
            return None
        key = thema or None
        if any(t == key for t, _ in out):
            return None
        out.append((key, nummer))
    return tuple(out)


def sisa_aarden(value: Any) -> tuple[tuple[str, str], ...] | None:
    """Parse ``sisa_aard_controle: "besteding=D1 cumulatief=n.v.t."``; None when malformed."""
    if not isinstance(value, str) or not value.split():
        return None
    out = []
    for item in value.split():
        soort, _, aard = item.partition("=")
        if soort not in SISA_SOORTEN or aard not in SISA_AARDEN:
            return None
        out.append((soort, aard))
    return tuple(out)


def _bad(entry: data.directive, message: str) -> DeclaratieError:
    return DeclaratieError(entry.meta, f"Ongeldige declaratie: {message}", entry)


def aandeel_als_bedrag(aandeel: Any, bedrag: Decimal) -> Decimal | None:
    """Nieuw-West's share as declared: an amount (``15000000.00 EUR``) or a fraction of the pot
    (a plain number up to 1, e.g. ``0.50``); None when it is neither."""
    if isinstance(aandeel, amount_lib.Amount):
        return aandeel.number
    if isinstance(aandeel, (Decimal, int)) and not isinstance(aandeel, bool):
        number = Decimal(aandeel)
        return in_centen(bedrag * number) if 0 < number <= 1 else number
    return None


def aandeel_als_deel(aandeel: Any) -> Decimal | None:
    """The declared fraction of ``aandeel_nw:`` (a plain number up to 1), None for an amount or "open"."""
    if isinstance(aandeel, (Decimal, int)) and not isinstance(aandeel, bool):
        number = Decimal(aandeel)
        return number if 0 < number <= 1 else None
    return None


def _build_stream(code: str, naam: str, fields: dict[str, Any], entry: data.Custom) -> Geldstroom:
    aandeel = fields.get("aandeel_nw")
    split_open = isinstance(aandeel, str) and aandeel.strip().lower() == "open"
    bedrag = decimaal(fields.get("bedrag")) or ZERO
    start = decimaal(fields.get("boekjaar_start"))
    domeinen = _words(fields.get("domeinen"))
    themas = _words(fields.get("themas"))
    return Geldstroom(
        code=code,
        naam=naam,
        status=str(fields.get("status", "verwacht")),
        bedrag=bedrag,
        aandeel_nw=None if split_open or aandeel is None else aandeel_als_bedrag(aandeel, bedrag),
        split_open=split_open,
        gedeeld_met=_words(fields.get("gedeeld_met")),
        van=fields.get("van") if isinstance(fields.get("van"), datetime.date) else None,
        tot=fields.get("tot") if isinstance(fields.get("tot"), datetime.date) else None,
        boekjaar_start=int(start) if start else 1,
        domeinen=frozenset(domeinen) if domeinen else None,
        themas=frozenset(themas) if themas else None,
        overloop=fields.get("overloop"),
        overloop_max=decimaal(fields.get("overloop_max")) or Decimal(1),
        cofinanciering_min=decimaal(fields.get("cofinanciering_min")),
        overhead_max=decimaal(fields.get("overhead_max")),
        herkomst=str(fields.get("herkomst", "overig")),
        financier=fields.get("financier"),
        specifieke_uitkering=bool(fields.get("specifieke_uitkering", False)),
        illustratief=bool(fields.get("illustratief", False)),
        bron=fields.get("bron"),
        entry=entry,
        departement=str(fields["departement"]) if fields.get("departement") else None,
        sisa_code=str(fields["sisa_code"]) if fields.get("sisa_code") else None,
        sisa_indicatoren=tuple(
            (soort, thema, nummer)
            for soort in SISA_SOORTEN
            for thema, nummer in (sisa_nummers(fields.get(f"sisa_{soort}")) or ())
        ),
        sisa_aard_controle=sisa_aarden(fields.get("sisa_aard_controle")) or (),
        karakter=str(fields["karakter"]) if fields.get("karakter") in KARAKTERS else None,
        aandeel_nw_deel=None if split_open else aandeel_als_deel(aandeel),
    )


def _check_stream_fields(entry: data.Custom, fields: dict[str, Any]) -> list[DeclaratieError]:
    errors = []
    status = fields.get("status")
    if status is not None and status not in STATUSSEN:
        errors.append(_bad(entry, f"status '{status}' is geen van {', '.join(STATUSSEN)}"))
    if "bedrag" in fields and decimaal(fields["bedrag"]) is None:
        errors.append(_bad(entry, "bedrag moet een bedrag zijn, bijvoorbeeld 1000.00 EUR"))
    aandeel = fields.get("aandeel_nw")
    if aandeel is not None and str(aandeel).lower() != "open" and (
            aandeel_als_bedrag(aandeel, ZERO) is None or (decimaal(aandeel) or ZERO) <= 0):
        errors.append(_bad(entry, "aandeel_nw moet een bedrag zijn (15000000.00 EUR), een deel van de pot "
                                  "(0.50) of \"open\""))
    overloop = fields.get("overloop")
    if overloop is not None and overloop not in OVERLOOP_REGIMES:
        errors.append(_bad(entry, f"overloop '{overloop}' is geen van {', '.join(OVERLOOP_REGIMES)}"))
    for key in ("van", "tot"):
        if key in fields and not isinstance(fields[key], datetime.date):
            errors.append(_bad(entry, f"{key} moet een datum zijn (JJJJ-MM-DD)"))
    start = fields.get("boekjaar_start")
    if start is not None and (decimaal(start) is None or not 1 <= int(decimaal(start) or 0) <= 12):
        errors.append(_bad(entry, "boekjaar_start moet een maand zijn (1-12)"))
    if "karakter" in fields and fields["karakter"] not in KARAKTERS:
        errors.append(_bad(entry, f"karakter '{fields['karakter']}' is geen van {', '.join(KARAKTERS)}"))
    if "sisa_code" in fields and (not isinstance(fields["sisa_code"], str) or not fields["sisa_code"].strip()):
        errors.append(_bad(entry, "sisa_code moet een tekst zijn, bijvoorbeeld \"E27K\""))
    for soort in SISA_SOORTEN:
        key = f"sisa_{soort}"
        if key in fields and sisa_nummers(fields[key]) is None:
            errors.append(_bad(entry, f"{key} moet indicatornummers zijn: \"01\" of \"thema=01 thema=02\""))
    if "sisa_aard_controle" in fields and sisa_aarden(fields["sisa_aard_controle"]) is None:
        errors.append(_bad(entry, "sisa_aard_controle moet soort=aard zijn (soort: "
                                  f"{', '.join(SISA_SOORTEN)}; aard: {', '.join(SISA_AARDEN)})"))
    return errors


def parse_programma(entries: Iterable[data.Directive]) -> tuple[Programma, list[Any]]:
    """Read all declarations from the entries.

    Args:
      entries: the ledger's directives, sorted by date.
    Returns:
      (the programme's declarations, the errors of malformed declarations).
    """
    errors: list[Any] = []
    domeinen: dict[str, Domein] = {}
    actielijnen: dict[str, Actielijn] = {}
    accounts: dict[str, Actielijn] = {}
    partners: dict[str, Partner] = {}
    buurten: dict[str, Buurt] = {}
    stream_fields: dict[str, dict[str, Any]] = {}
    historie: dict[str, list[Geldstroom]] = {}
    tranches: list[Tranche] = []
    overlopen: list[Overloop] = []
    verplichtingen: list[Verplichting] = []
    toezeggingen: list[Toezegging] = []
    instellingen: dict[str, tuple[Any, ...]] = {}
    besluiten: dict[str, AbBesluit] = {}
    begroting: list[BegrotingRegel] = []
    verantwoordingen: list[Verantwoordingsregel] = []
    jaarafsluitingen: dict[int, Jaarafsluiting] = {}
    kenmerken: set[str] = set()
    wijzigingen: list[VerplichtingWijziging] = []
    tarief_entries: list[tuple[str, Tarief]] = []
    hoofdthemas: list[Hoofdthema] = []

    for entry in entries:
        if isinstance(entry, data.Open):
            if entry.account.startswith(ACTIELIJN_ROOT + ":") and entry.account.count(":") == 3:
                meta = entry.meta
                code, naam, domein = meta.get("code"), meta.get("naam"), meta.get("domein")
                if not (code and naam and domein):
                    errors.append(_bad(entry, "een actielijn heeft code, naam en domein nodig"))
                    continue
                if entry.account.split(":")[2] != domein:
                    errors.append(_bad(entry, f"actielijn {code} staat onder domein "
                                              f"{entry.account.split(':')[2]}, maar domein is {domein}"))
                if code in actielijnen:
                    errors.append(_bad(entry, f"actielijn {code} is al gedeclareerd"))
                    continue
                actielijn = Actielijn(
                    code=str(code), naam=str(naam), domein=str(domein), account=entry.account,
                    thema=meta.get("thema"), opbrengst=meta.get("opbrengst"),
                    trekker=meta.get("trekker"), entry=entry,
                )
                actielijnen[actielijn.code] = actielijn
                accounts[entry.account] = actielijn
            continue
        if not isinstance(entry, data.Custom):
            continue
        kind = entry.type
        values = _values(entry)
        meta = entry.meta
        if kind == "domein":
            if len(values) < 2:
                errors.append(_bad(entry, "domein heeft code en naam nodig"))
                continue
            domeinen[str(values[0])] = Domein(str(values[0]), str(values[1]), entry)
        elif kind == "geldstroom":
            if len(values) < 2 or not isinstance(values[0], str):
                errors.append(_bad(entry, "geldstroom heeft code en naam nodig"))
                continue
            code = values[0]
            if code in stream_fields:
                errors.append(_bad(entry, f"geldstroom {code} is al gedeclareerd; "
                                          "gebruik custom \"geldstroom-wijziging\""))
                continue
            fields = {key: meta[key] for key in _STROOM_KEYS if key in meta}
            errors.extend(_check_stream_fields(entry, fields))
            fields["naam"] = str(values[1])
            stream_fields[code] = fields
            historie[code] = [_build_stream(code, str(values[1]), fields, entry)]
        elif kind == "geldstroom-wijziging":
            code = values[0] if values else None
            if code not in stream_fields:
                errors.append(DeclaratieError(meta, f"Onbekende geldstroom: {code}", entry))
                continue
            changes = {key: meta[key] for key in _STROOM_KEYS if key in meta}
            errors.extend(_check_stream_fields(entry, changes))
            fields = {**stream_fields[code], **changes}
            stream_fields[code] = fields
            historie[code].append(_build_stream(code, fields["naam"], fields, entry))
        elif kind == "partner":
            if len(values) < 2:
                errors.append(_bad(entry, "partner heeft code en naam nodig"))
                continue
            if str(values[0]) in partners:
                errors.append(_bad(entry, f"partner {values[0]} is al gedeclareerd; "
                                          "een nieuw tarief is custom \"tarief\""))
                continue
            tarief = decimaal(meta.get("tarief"))
            if "tarief" in meta and tarief is None:
                errors.append(_bad(entry, "tarief moet een bedrag zijn, bijvoorbeeld 95.00 EUR"))
            partners[str(values[0])] = Partner(
                code=str(values[0]), naam=str(values[1]), type=meta.get("type"),
                draagkracht=decimaal(meta.get("draagkracht")),
                tarieven=(Tarief(entry.date, tarief, entry),) if tarief is not None else (), entry=entry,
            )
        elif kind == "tarief":
            bedrag = decimaal(values[1]) if len(values) > 1 else None
            if not values or bedrag is None:
                errors.append(_bad(entry, "tarief heeft partner en bedrag nodig, bijvoorbeeld "
                                          "custom \"tarief\" \"HVA\" 100.00 EUR"))
                continue
            tarief_entries.append((str(values[0]), Tarief(entry.date, bedrag, entry)))
        elif kind == "buurt":
            if len(values) < 2:
                errors.append(_bad(entry, "buurt heeft code en naam nodig"))
                continue
            bewoners = decimaal(meta.get("bewoners"))
            buurten[str(values[0])] = Buurt(
                code=str(values[0]), naam=str(values[1]), gebied=meta.get("gebied"),
                cluster=meta.get("cluster"), bewoners=int(bewoners) if bewoners is not None else None,
                entry=entry,
            )
        elif kind in ("tranche", "overloop"):
            jaar = decimaal(values[1]) if len(values) > 1 else None
            bedrag = decimaal(values[2]) if len(values) > 2 else None
            if not values or not isinstance(values[0], str) or jaar is None or bedrag is None:
                errors.append(_bad(entry, f"{kind} heeft geldstroom, jaar en bedrag nodig"))
                continue
            thema = str(values[3]) if len(values) > 3 else None
            if kind == "tranche":
                tranches.append(Tranche(values[0], int(jaar), bedrag, thema, entry))
            else:
                overlopen.append(Overloop(values[0], int(jaar), bedrag, thema, entry))
        elif kind == "verplichting":
            bedrag = decimaal(values[2]) if len(values) > 2 else None
            kenmerk = meta.get("kenmerk")
            if len(values) < 3 or bedrag is None or not kenmerk:
                errors.append(_bad(entry, "verplichting heeft actielijn, geldstroom, bedrag en kenmerk nodig"))
                continue
            if kenmerk in kenmerken:
                errors.append(VerplichtingError(
                    meta, f"Ongeldige declaratie: verplichting {kenmerk} bestaat al", entry))
                continue
            kenmerken.add(kenmerk)
            if "einddatum" in meta and not isinstance(meta["einddatum"], datetime.date):
                errors.append(_bad(entry, "einddatum moet een datum zijn (JJJJ-MM-DD)"))
            verplichtingen.append(Verplichting(
                datum=entry.date, actielijn=str(values[0]), stroom=str(values[1]), bedrag=bedrag,
                kenmerk=str(kenmerk), partner=meta.get("partner"),
                omschrijving=meta.get("omschrijving"), entry=entry,
                einddatum=meta["einddatum"] if isinstance(meta.get("einddatum"), datetime.date) else None,
            ))
        elif kind in ("verplichting-wijziging", "verplichting-afsluiting"):
            soort = kind.removeprefix("verplichting-")
            kenmerk = values[0] if values else None
            reden = meta.get("reden")
            delta = decimaal(values[1]) if len(values) > 1 else None
            if not isinstance(kenmerk, str) or not kenmerk:
                errors.append(_bad(entry, f"{kind} heeft het kenmerk van de verplichting nodig"))
                continue
            if not isinstance(reden, str) or not reden.strip():
                errors.append(_bad(entry, f"{kind} van {kenmerk} heeft een reden: nodig"))
                continue
            if soort == "wijziging" and not delta:
                errors.append(_bad(entry, f"{kind} van {kenmerk} heeft een bedrag nodig (positief verhoogt, "
                                          "negatief verlaagt), bijvoorbeeld -5000.00 EUR"))
                continue
            if soort == "afsluiting" and len(values) > 1:
                errors.append(_bad(entry, f"{kind} van {kenmerk} heeft geen bedrag: wat dan open is, valt vrij"))
                continue
            wijzigingen.append(VerplichtingWijziging(soort, entry.date, kenmerk, delta or ZERO, reden.strip(), entry))
        elif kind == "toezegging":
            jaar = decimaal(values[1]) if len(values) > 1 else None
            bedrag = decimaal(values[2]) if len(values) > 2 else None
            if not values or jaar is None or bedrag is None:
                errors.append(_bad(entry, "toezegging heeft partner, jaar en bedrag nodig"))
                continue
            toezeggingen.append(Toezegging(str(values[0]), int(jaar), bedrag,
                                           decimaal(meta.get("uren")), entry))
        elif kind == "hoofdthema":
            stroom = meta.get("stroom")
            if (len(values) < 2 or not all(isinstance(v, str) and v.strip() for v in values[:2])
                    or ("stroom" in meta and not (isinstance(stroom, str) and stroom.strip()))):
                errors.append(_bad(entry, "hoofdthema heeft een code en een naam nodig, bijvoorbeeld "
                                          "custom \"hoofdthema\" \"armoede-schulden\" \"Preventie armoede en "
                                          "schulden\" (met stroom: \"CODE\" alleen voor die geldstroom)"))
                continue
            hoofdthemas.append(Hoofdthema(values[0].strip(), values[1].strip(),
                                          stroom.strip() if isinstance(stroom, str) else None, entry))
        elif kind == "instelling":
            if not values:
                errors.append(_bad(entry, "instelling heeft een naam nodig"))
                continue
            if str(values[0]) in INSTELLING_AANTALLEN:
                aantal = decimaal(values[1]) if len(values) > 1 else None
                if aantal is None or aantal <= 0 or aantal != aantal.to_integral_value():
                    errors.append(_bad(entry, f"instelling {values[0]} moet een positief geheel getal zijn, "
                                              f"bijvoorbeeld custom \"instelling\" \"{values[0]}\" 165000"))
                    continue
            if values[0] == "vandaag" and not (len(values) == 2 and isinstance(values[1], datetime.date)):
                errors.append(_bad(entry, "instelling vandaag heeft één datum nodig (JJJJ-MM-DD)"))
                continue
            instellingen[str(values[0])] = tuple(values[1:])
        elif kind == "ab-besluit":
            if not values:
                errors.append(_bad(entry, "ab-besluit heeft een kenmerk nodig"))
                continue
            besluiten[str(values[0])] = AbBesluit(
                str(values[0]), entry.date, str(values[1]) if len(values) > 1 else "", entry)
        elif kind == "verantwoording":
            jaar = decimaal(values[0]) if values else None
            tekst = meta.get("toelichting")
            if jaar is None or len(values) < 3 or not isinstance(tekst, str) or not tekst.strip():
                errors.append(_bad(entry, "verantwoording heeft jaar, actielijn, geldstroom en toelichting: nodig"))
                continue
            verantwoordingen.append(Verantwoordingsregel(int(jaar), str(values[1]), str(values[2]), tekst.strip(),
                                                         entry))
        elif kind == jaarafsluiting.SOORT:
            gelezen = jaarafsluiting.lees_afsluiting(entry)
            if isinstance(gelezen, str):
                errors.append(_bad(entry, gelezen))
            else:
                jaarafsluitingen[gelezen.jaar] = gelezen  # in date order: the latest close counts
        elif kind in ("begroting", "begrotingswijziging"):
            jaar = decimaal(values[0]) if values else None
            bedrag = decimaal(values[3]) if len(values) > 3 else None
            if jaar is None or bedrag is None or len(values) < 4:
                errors.append(_bad(entry, f"{kind} heeft jaar, actielijn, geldstroom en bedrag nodig"))
                continue
            begroting.append(BegrotingRegel(
                soort=kind, datum=entry.date, jaar=int(jaar), actielijn=str(values[1]),
                stroom=str(values[2]), bedrag=bedrag, besluit=meta.get("besluit"), entry=entry,
            ))

    for code, tarief in tarief_entries:
        partner = partners.get(code)
        if partner is None:
            errors.append(_bad(tarief.entry, f"tarief voor partner {code}, die niet is gedeclareerd"))
            continue
        if any(t.vanaf == tarief.vanaf for t in partner.tarieven):
            errors.append(_bad(tarief.entry, f"partner {code} heeft al een tarief vanaf {tarief.vanaf}"))
            continue
        tarieven = tuple(sorted((*partner.tarieven, tarief), key=lambda t: t.vanaf))
        partners[code] = dataclasses.replace(partner, tarieven=tarieven)

    namen: dict[str, str] = {}
    namen_per_stroom: dict[tuple[str, str], str] = {}
    for thema in hoofdthemas:
        if thema.stroom is None:
            sleutel, doel, wat = thema.code, namen, f"hoofdthema {thema.code}"
        else:
            if thema.stroom not in stream_fields:
                errors.append(_bad(thema.entry, f"hoofdthema {thema.code} voor geldstroom {thema.stroom}, "
                                                "die niet is gedeclareerd"))
                continue
            themas = _words(stream_fields[thema.stroom].get("themas"))
            if themas and thema.code not in themas:
                errors.append(_bad(thema.entry, f"hoofdthema {thema.code} staat niet in de themas van "
                                                f"{thema.stroom} ({' '.join(themas)})"))
                continue
            sleutel, doel, wat = (thema.stroom, thema.code), namen_per_stroom, \
                f"hoofdthema {thema.code} van {thema.stroom}"
        if sleutel in doel:
            errors.append(_bad(thema.entry, f"{wat} heeft al een naam ({doel[sleutel]})"))
            continue
        doel[sleutel] = thema.naam
    verplichtingen = _met_wijzigingen(verplichtingen, wijzigingen, errors)

    programma = Programma(
        domeinen=domeinen,
        actielijnen=actielijnen,
        actielijn_accounts=accounts,
        geldstromen={code: versions[-1] for code, versions in historie.items()},
        stroom_historie={code: tuple(versions) for code, versions in historie.items()},
        partners=partners,
        buurten=buurten,
        tranches=tuple(tranches),
        overlopen=tuple(overlopen),
        verplichtingen=tuple(verplichtingen),
        toezeggingen=tuple(toezeggingen),
        instellingen=instellingen,
        ab_besluiten=besluiten,
        begroting=tuple(begroting),
        verantwoordingen=tuple(verantwoordingen),
        jaarafsluitingen=jaarafsluitingen,
        hoofdthemas=namen,
        hoofdthemas_per_stroom=namen_per_stroom,
    )
    return programma, errors


def _met_wijzigingen(verplichtingen: list[Verplichting], wijzigingen: list[VerplichtingWijziging],
                     errors: list[Any]) -> list[Verplichting]:
    """Attach each change to its commitment (in date order); report changes that cannot apply.

    A change of an unknown kenmerk, dated before its commitment, after its closing, or that
    would make the committed amount negative is malformed (``Ongeldige declaratie``); lowering
    below what is already paid is a finding of the plugin (``Verlaging onder betaald``).
    """
    per_kenmerk = {v.kenmerk: v for v in verplichtingen}
    lijst: dict[str, list[VerplichtingWijziging]] = defaultdict(list)
    for w in wijzigingen:
        verplichting = per_kenmerk.get(w.kenmerk)
        soort = f"verplichting-{w.soort}"
        if verplichting is None:
            errors.append(VerplichtingError(
                w.entry.meta, f"Ongeldige declaratie: {soort} van onbekende verplichting {w.kenmerk}", w.entry))
            continue
        if w.datum < verplichting.datum:
            errors.append(VerplichtingError(
                w.entry.meta, f"Ongeldige declaratie: {soort} van {w.kenmerk} op {w.datum}, vóór de verplichting "
                              f"zelf ({verplichting.datum})", w.entry))
            continue
        eerder = lijst[w.kenmerk]
        gesloten = next((x for x in eerder if x.soort == "afsluiting"), None)
        if gesloten is not None:
            errors.append(VerplichtingError(
                w.entry.meta, f"Ongeldige declaratie: {soort} van {w.kenmerk}, die op {gesloten.datum} is "
                              "afgesloten", w.entry))
            continue
        if verplichting.bedrag + sum((x.bedrag for x in eerder), ZERO) + w.bedrag < 0:
            errors.append(VerplichtingError(
                w.entry.meta, f"Ongeldige declaratie: verplichting-wijziging maakt {w.kenmerk} negatief", w.entry))
            continue
        eerder.append(w)
    return [dataclasses.replace(v, wijzigingen=tuple(lijst[v.kenmerk])) if lijst.get(v.kenmerk) else v
            for v in verplichtingen]


def actief_in(stroom: Geldstroom | None, jaar: int) -> bool:
    """Whether a stream's period (``van`` .. ``tot``) reaches into a calendar year."""
    if stroom is None:
        return False
    if stroom.tot is not None and stroom.tot < datetime.date(jaar, 1, 1):
        return False
    return not (stroom.van is not None and stroom.van > datetime.date(jaar, 12, 31))


def vandaag(programma: Programma) -> datetime.date | None:
    """The declared ``custom "instelling" "vandaag" 2026-10-31`` (None: ``ledger.klok.vandaag()`` counts).

    The plugin judges open commitments at the later of today and the ledger's last entry; a
    ledger pins "today" with this setting (tests, the demo as a snapshot).
    """
    values = programma.instelling("vandaag")
    return values[0] if values and isinstance(values[0], datetime.date) else None


def posting_meta(posting: data.Posting, txn: data.Transaction, key: str) -> Any:
    """A metadata value from the posting, falling back to its transaction."""
    if posting.meta and key in posting.meta:
        return posting.meta[key]
    return txn.meta.get(key)


BegrotingKey = tuple[int, str, str]  # (jaar, actielijn, geldstroom)


def formatie_bedrag(uren: Decimal | int, tarief: Decimal) -> Decimal:
    """The value of staff time: hours × the hourly tariff, rounded half up to the cent.

    The one rule for formatie: the plugin checks a booked amount against it
    (``ledger.rules.formatie``) and the importers value hours with it
    (``importers.processing``). 0,5 uur × € 85,01 = € 42,505 → € 42,51.
    """
    return in_centen(Decimal(uren) * tarief)


TOELICHTING_DREMPEL = Decimal("0.25")
"""Default threshold: a budget line changing by more than 25% against last year needs a toelichting."""


def afwijking_boven_drempel(bedrag: Decimal, referentie: Decimal, drempel: Decimal) -> bool:
    """Whether ``bedrag`` differs from ``referentie`` by more than ``drempel`` × ``referentie``.

    The one rule for "needs a toelichting": a budget line against last year's (the begroting,
    ``snw check``, the demo's budget files), a year's realisation against its budget (the
    verantwoording). Any difference counts when the reference is 0 (a new line, or spending
    without a budget).
    """
    verschil = bedrag - referentie
    if not verschil:
        return False
    return not referentie or abs(verschil / referentie) > drempel


def toelichting_drempel(programma: Programma) -> Decimal:
    """The declared threshold ``custom "instelling" "begroting_toelichting_drempel" 0.25`` (default 25%)."""
    values = programma.instelling("begroting_toelichting_drempel")
    waarde = decimaal(values[0]) if values else None
    return TOELICHTING_DREMPEL if waarde is None else waarde


def toelichtingen_van(programma: Programma, jaar: int) -> dict[tuple[str, str], str]:
    """The ``toelichting:`` metadata of the year's budget lines and amendments per (actielijn, stream)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for regel in sorted(programma.begroting, key=lambda r: r.datum):
        tekst = regel.entry.meta.get("toelichting")
        if regel.jaar == jaar and isinstance(tekst, str) and tekst.strip():
            out[(regel.actielijn, regel.stroom)].append(tekst.strip())
    return {key: " ".join(teksten) for key, teksten in out.items()}


def looptijd_voorbij(programma: Programma, jaar: int, stroom: str, begroot: Decimal) -> datetime.date | None:
    """The stream's end date when a line falls to 0 because the stream's period ended before ``jaar``.

    Such a change is explained by the ledger itself (the stream's ``tot``), so it needs no
    ``toelichting:``; None for every other line.
    """
    geldstroom = programma.geldstromen.get(stroom)
    if begroot or geldstroom is None or geldstroom.tot is None or actief_in(geldstroom, jaar):
        return None
    return geldstroom.tot if geldstroom.tot < datetime.date(jaar, 1, 1) else None


def huidige_begroting(programma: model.Programma, peildatum: datetime.date | None = None) -> dict[BegrotingKey, Decimal]:
    """The current budget per (year, actielijn, stream), amendments up to a date included.

    Args:
      programma: the parsed declarations.
      peildatum: only lines and amendments dated on or before this date count (None: all).
    Returns:
      Amount per (jaar, actielijn, stroom).
    """
    totals: dict[BegrotingKey, Decimal] = defaultdict(Decimal)
    for regel in programma.begroting:
        if peildatum is None or regel.datum <= peildatum:
            totals[(regel.jaar, regel.actielijn, regel.stroom)] += regel.bedrag
    return dict(totals)

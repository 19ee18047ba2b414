"""The year's accountability to the board (``snw verantwoording JAAR``): the counterpart of the begroting.

Pure functions over loaded entries and the parsed programme. Every figure comes from the
computation the begroting and the other reports use:

* per budget line (actielijn × stream) the **primitieve begroting** (the year's ``begroting``
  lines), the **wijzigingen** (its ``begrotingswijziging`` lines), the **huidige begroting**,
  the **realisatie**, the **verschil** (BBV art. 28: begroot na wijziging − gerealiseerd), the
  **open verplichtingen** and what is **vrij na verplichtingen**, from
  ``reports.compute.realisatie.realisatie_per_post`` (one definition of each); budgeted streams
  only: the partners' own means are a section of their own (``eigen_middelen``, ``bijdragen``);
* the **toelichting** on a line whose realisation differs from its budget by more than the
  declared threshold (``begroting_toelichting_drempel``, the begroting's rule
  :func:`ledger.model.afwijking_boven_drempel`): the ``toelichting:`` of a
  ``custom "verantwoording" JAAR "ACTIELIJN" "STROOM"`` entry, else the ``toelichting:`` of the
  year's budget lines on that key; lines without either are listed as missing, never invented;
* the amendments of the year with their AB decisions (``reports.compute.begroting``);
* per partner the pledge of the year (``toezegging``) against the own means realised
  (``reports.compute.begroting.inzet_per_partner``);
* the SiSa summary and the staat van overlopende passiva (``reports.compute.sisa``).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from ledger import model
from reports.compute.begroting import EIGEN
from reports.compute.begroting import EIGEN_NAAM
from reports.compute.begroting import Wijziging
from ledger.model import afwijking_boven_drempel
from reports.compute.begroting import inzet_per_partner
from reports.compute.begroting import status_van
from reports.compute.begroting import stroom_volgorde
from reports.compute.begroting import toelichting_drempel
from reports.compute.begroting import toelichtingen_van
from reports.compute.begroting import wijzigingen_van
from reports.compute.realisatie import EigenMiddelenPost
from reports.compute.realisatie import Realisatie
from reports.compute.realisatie import Realisatiepost
from reports.compute.realisatie import realisatie_per_post
from reports.compute.sisa import Sisa
from reports.compute.sisa import sisa
from reports.compute.sisa import specifieke_uitkeringen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core import data

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class Verantwoordingspost:
    """One budget line of the year: ``snw realisatie``'s line with its primitive budget and explanation."""

    regel: Realisatiepost  # begroot, gerealiseerd, verschil, open verplichtingen, vrij: one definition
    primitief: Decimal
    toelichting: str  # '' when none is declared
    bron_toelichting: str  # "verantwoording" | "begroting" | ""
    vraagt_toelichting: bool  # the realisation differs from the budget by more than the threshold

    domein = property(lambda self: self.regel.domein)
    actielijn = property(lambda self: self.regel.actielijn)
    naam = property(lambda self: self.regel.naam)
    stroom = property(lambda self: self.regel.stroom)
    begroot = property(lambda self: self.regel.begroot)
    gerealiseerd = property(lambda self: self.regel.gerealiseerd)
    open_verplicht = property(lambda self: self.regel.open_verplicht)
    verschil = property(lambda self: self.regel.verschil)
    vrij_na_verplichtingen = property(lambda self: self.regel.vrij_na_verplichtingen)
    overschrijding = property(lambda self: self.regel.overschrijding)

    @property
    def wijzigingen(self) -> Decimal:
        """The year's amendments on the line: current − primitive budget."""
        return self.regel.begroot - self.primitief


@dataclasses.dataclass(frozen=True)
class Groepstotaal:
    """A domain's or a stream's totals."""

    code: str
    naam: str
    primitief: Decimal
    wijzigingen: Decimal
    begroot: Decimal
    gerealiseerd: Decimal
    verschil: Decimal
    open_verplicht: Decimal
    vrij_na_verplichtingen: Decimal


@dataclasses.dataclass(frozen=True)
class PartnerBijdrage:
    """A partner's pledge for the year against what it delivered."""

    partner: str
    naam: str
    toegezegd: Decimal
    gerealiseerd: Decimal
    uren_toegezegd: Decimal
    uren_gerealiseerd: Decimal

    @property
    def verschil(self) -> Decimal:
        return self.gerealiseerd - self.toegezegd


@dataclasses.dataclass(frozen=True)
class Verantwoording:
    """Everything ``snw verantwoording`` reports for one year."""

    jaar: int
    peildatum: datetime.date
    status: str  # the year's begroting: "vastgesteld" | "ontwerp" | "geen begroting"
    besluit: model.AbBesluit | None
    posten: tuple[Verantwoordingspost, ...]
    domeinen: tuple[Groepstotaal, ...]
    stromen: tuple[Groepstotaal, ...]
    wijzigingen: tuple[Wijziging, ...]
    bijdragen: tuple[PartnerBijdrage, ...]
    sisa: Sisa | None  # None: no specific grant in the year
    drempel: Decimal
    realisatie: Realisatie  # the line figures as reports.compute.realisatie computes them

    def _som(self, veld: str) -> Decimal:
        return sum((getattr(p, veld) for p in self.posten), ZERO)

    @property
    def primitief(self) -> Decimal:
        return self._som("primitief")

    @property
    def wijzigingen_totaal(self) -> Decimal:
        return self._som("wijzigingen")

    @property
    def begroot(self) -> Decimal:
        return self.realisatie.begroot  # snw realisatie's total over the same lines

    @property
    def gerealiseerd(self) -> Decimal:
        return self.realisatie.gerealiseerd  # snw realisatie's total over the same lines

    @property
    def open_verplicht(self) -> Decimal:
        return self.realisatie.open_verplicht  # snw realisatie's total over the same lines

    @property
    def verschil(self) -> Decimal:
        return self.realisatie.verschil  # snw realisatie's total over the same lines

    @property
    def vrij_na_verplichtingen(self) -> Decimal:
        return self.realisatie.vrij_na_verplichtingen  # snw realisatie's total over the same lines

    @property
    def aandeel_gerealiseerd(self) -> Decimal | None:
        return self.realisatie.aandeel_gerealiseerd

    @property
    def eigen_gerealiseerd(self) -> Decimal:
        return self.realisatie.eigen_gerealiseerd

    @property
    def eigen_middelen(self) -> tuple[EigenMiddelenPost, ...]:
        """The partners' own means per actielijn (no budget line; never in the budget's totals)."""
        return self.realisatie.eigen_middelen

    @property
    def toegezegd_partners(self) -> Decimal:
        """The partners' pledges for the year."""
        return sum((b.toegezegd for b in self.bijdragen), ZERO)

    @property
    def gerealiseerd_partners(self) -> Decimal:
        """The partners' own means realised in the year (the ``EIGEN`` spending)."""
        return sum((b.gerealiseerd for b in self.bijdragen), ZERO)

    @property
    def overschreden(self) -> tuple[Verantwoordingspost, ...]:
        """The lines the availability control checks whose remainder is negative."""
        overschreden = set(map(id, self.realisatie.overschreden))
        return tuple(p for p in self.posten if id(p.regel) in overschreden)

    @property
    def overschrijding(self) -> Decimal:
        return self.realisatie.overschrijding

    @property
    def toegelicht(self) -> tuple[Verantwoordingspost, ...]:
        return tuple(p for p in self.posten if p.vraagt_toelichting and p.toelichting)

    @property
    def zonder_toelichting(self) -> tuple[Verantwoordingspost, ...]:
        return tuple(p for p in self.posten if p.vraagt_toelichting and not p.toelichting)


def _groepen(posten: Sequence[Verantwoordingspost], attr: str, namen: dict[str, str],
             volgorde) -> tuple[Groepstotaal, ...]:  # noqa: ANN001
    groepen: dict[str, list[Verantwoordingspost]] = defaultdict(list)
    for post in posten:
        groepen[getattr(post, attr)].append(post)

    def som(groep: list[Verantwoordingspost], veld: str) -> Decimal:
        return sum((getattr(p, veld) for p in groep), ZERO)

    return tuple(
        Groepstotaal(code=code, naam=namen.get(code, code), primitief=som(groep, "primitief"),
                     wijzigingen=som(groep, "wijzigingen"), begroot=som(groep, "begroot"),
                     gerealiseerd=som(groep, "gerealiseerd"), verschil=som(groep, "verschil"),
                     open_verplicht=som(groep, "open_verplicht"),
                     vrij_na_verplichtingen=som(groep, "vrij_na_verplichtingen"))
        for code, groep in sorted(groepen.items(), key=lambda item: volgorde(item[0])))


def verantwoording(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                   peildatum: datetime.date | None = None) -> Verantwoording:
    """Compute every figure of the accountability of ``jaar``.

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations.
      jaar: the year accounted for.
      peildatum: the reference date; default the last transaction date, at most 31 December.
    Returns:
      The accountability's figures.
    """
    cijfers = realisatie_per_post(entries, programma, jaar, peildatum)
    primitief: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for regel in programma.begroting:
        if regel.jaar == jaar and regel.soort == "begroting":
            primitief[(regel.actielijn, regel.stroom)] += regel.bedrag
    drempel = toelichting_drempel(programma)
    uit_begroting = toelichtingen_van(programma, jaar)
    uitleg: dict[tuple[str, str], list[str]] = defaultdict(list)
    for regel in sorted(programma.verantwoordingen, key=lambda r: r.entry.date):
        if regel.jaar == jaar:
            uitleg[(regel.actielijn, regel.stroom)].append(regel.toelichting)
    posten = []
    for p in cijfers.posten:
        key = (p.actielijn, p.stroom)
        prim = primitief.get(key, ZERO)
        if key in uitleg:
            tekst, bron = " ".join(uitleg[key]), "verantwoording"
        elif key in uit_begroting:
            tekst, bron = uit_begroting[key], "begroting"
        else:
            tekst, bron = "", ""
        posten.append(Verantwoordingspost(
            regel=p, primitief=prim, toelichting=tekst, bron_toelichting=bron,
            vraagt_toelichting=afwijking_boven_drempel(p.gerealiseerd, p.begroot, drempel),
        ))
    domein_volgorde = {code: index for index, code in enumerate(programma.domeinen)}
    domeinnamen = {code: d.naam for code, d in programma.domeinen.items()}
    stroomnamen = {code: s.naam for code, s in programma.geldstromen.items()}
    stroomnamen[EIGEN] = EIGEN_NAAM

    van, tot = datetime.date(jaar, 1, 1), cijfers.peildatum
    inzet_bedrag, inzet_uren = inzet_per_partner(entries, programma, van, tot)
    toezegging: dict[str, tuple[Decimal, Decimal]] = {}
    for t in programma.toezeggingen:
        if t.jaar == jaar:
            bedrag, uren = toezegging.get(t.partner, (ZERO, ZERO))
            toezegging[t.partner] = (bedrag + t.bedrag, uren + (t.uren or ZERO))
    bijdragen = []
    for code in sorted(set(toezegging) | {p for p, v in inzet_bedrag.items() if v}):
        partner = programma.partners.get(code)
        bedrag, uren = toezegging.get(code, (ZERO, ZERO))
        bijdragen.append(PartnerBijdrage(
            partner=code, naam=partner.naam if partner else code, toegezegd=bedrag,
            gerealiseerd=inzet_bedrag.get(code, ZERO), uren_toegezegd=uren,
            uren_gerealiseerd=inzet_uren.get(code, ZERO)))

    status, besluit, _ = status_van(programma, jaar)
    return Verantwoording(
        jaar=jaar, peildatum=cijfers.peildatum, status=status, besluit=besluit, posten=tuple(posten),
        domeinen=_groepen(posten, "domein", domeinnamen,
                          lambda c: (domein_volgorde.get(c, len(domein_volgorde)), c)),
        stromen=_groepen(posten, "stroom", stroomnamen, stroom_volgorde),
        wijzigingen=wijzigingen_van(programma, jaar), bijdragen=tuple(bijdragen),
        sisa=sisa(entries, programma, jaar, cijfers.peildatum) if specifieke_uitkeringen(programma, jaar) else None,
        drempel=drempel, realisatie=cijfers,
    )

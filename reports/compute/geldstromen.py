"""Per funding stream: awarded, received, budgeted, committed, spent, to spend, forecast, and the
settlement at its end (:func:`vaststelling`, the one definition the reports read).

Pure functions from loaded entries to rows; the CLI (``snw geldstromen``), the begroting's
dekking section and the Fava extension all call ``geldstromen_overzicht``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from ledger.model import huidige_begroting
from ledger import model
from reports.compute.bestedingen import bestedingen
from reports.compute.peildatum import peildatum_voor
from reports.compute.verplichtingstanden import verplichtingen_standen

if TYPE_CHECKING:
    from collections.abc import Sequence

ZERO = Decimal(0)
CENT = Decimal("0.01")
_TE_ONTVANGEN = model.TE_ONTVANGEN + ":"
_NOG_TE_BESTEDEN = model.NOG_TE_BESTEDEN + ":"


@dataclasses.dataclass(frozen=True)
class GeldstroomRegel:
    """One stream's figures for a year, as of a reference date (peildatum)."""

    code: str
    naam: str
    status: str
    herkomst: str
    peildatum: datetime.date
    bedrag: Decimal  # the whole pot as declared
    toegezegd: Decimal  # Nieuw-West's part whatever the status (0 while the split is open)
    toegekend: Decimal  # what may be spent (Nieuw-West's part, awarded only)
    gereserveerd: Decimal  # reserved, not yet Nieuw-West's to spend (the whole pot while the split is open)
    verdeling_open: bool
    geboekt: Decimal  # net awards booked on Liabilities:Nog-te-besteden (after repayments)
    ontvangen: Decimal  # cumulative receipts (credits to Te-ontvangen outside award bookings)
    terugbetaald: Decimal  # cumulative cash repaid to the funder (debits to the liability against cash)
    begroot: Decimal  # current budget of the year
    verplicht: Decimal  # open commitments at the peildatum
    besteed_jaar: Decimal
    besteed_cumulatief: Decimal
    besteed_subsidiabel: Decimal  # cumulative spending within the stream's period (van..tot): eligible
    nog_te_besteden: Decimal  # liability balance: booked − spent
    einddatum: datetime.date | None
    prognose_einde: Decimal | None  # forecast of what is left at the end date (None: no end date)
    illustratief: bool
    #: Nieuw-West's share of the pot as a fraction (``Geldstroom.aandeel_fractie``): as declared,
    #: or share / pot; 1 when not shared; None while the split is open
    aandeel_fractie: Decimal | None = Decimal(1)
    #: how the share is declared: "deel" (fraction), "bedrag", "open"; None: not shared
    aandeel_opgave: str | None = None
    gedeeld_met: tuple[str, ...] = ()  # the other areas the pot is shared with

    @property
    def vrij_na_verplichtingen(self) -> Decimal:
        """Awarded money neither spent nor committed (negative: over-committed)."""
        return self.toegekend - self.besteed_cumulatief - self.verplicht

    @property
    def ontvangen_netto(self) -> Decimal:
        """Cash received and kept: receipts minus repayments."""
        return self.ontvangen - self.terugbetaald

    @property
    def nog_te_ontvangen(self) -> Decimal:
        """Awarded money not received yet (never below 0)."""
        return max(self.toegekend - self.ontvangen_netto, ZERO)

    @property
    def gedekt(self) -> Decimal:
        """Spending the grant covers so far: eligible spending up to the award (the final claim once ended)."""
        return min(self.toegekend, self.besteed_subsidiabel)

    @property
    def vooruitontvangen(self) -> Decimal:
        """Received and not yet spent, on a stream still running: the advance of BBV art. 49b (never below 0).

        On an ended stream (:attr:`afgelopen`) it is 0: what is left there is :attr:`terug_te_betalen`.
        """
        if self.afgelopen:
            return ZERO
        return max(self.ontvangen_netto - self.gedekt, ZERO)

    @property
    def voorgefinancierd(self) -> Decimal:
        """Covered spending beyond what was received: to be received, the overlopend actief of BBV art. 40a.

        On an ended stream this is the final claim still to be received (``Vaststelling.nog_te_ontvangen``).
        """
        return max(self.gedekt - self.ontvangen_netto, ZERO)

    @property
    def terug_te_betalen(self) -> Decimal:
        """Received and not spent on an ended stream: a debt to the funder (0 while the stream runs)."""
        return self.vaststelling.terug_te_betalen if self.afgelopen else ZERO

    @property
    def afgelopen(self) -> bool:
        """The stream's period has ended at the peildatum."""
        return self.einddatum is not None and self.einddatum <= self.peildatum

    @property
    def besteed_einde(self) -> Decimal:
        """Spending at the end date: what is spent when the stream has ended, else the forecast
        at the last twelve months' pace (what is spent when there is no end date)."""
        if self.afgelopen or self.prognose_einde is None:
            return self.besteed_cumulatief
        return self.toegekend - self.prognose_einde

    @property
    def subsidiabel_einde(self) -> Decimal:
        """Eligible spending at the end date: settled (ended), forecast (running) or to date (no end date).

        The forecast adds the last twelve months' pace up to the end date (``besteed_einde −
        besteed_cumulatief``) to what is eligible so far.
        """
        return self.besteed_subsidiabel + (self.besteed_einde - self.besteed_cumulatief)

    @property
    def vaststelling(self) -> Vaststelling:
        """The grant's settlement at its end (:func:`vaststelling`): settled when ended, else forecast."""
        if self.afgelopen:
            grondslag = AFGELOPEN
        elif self.prognose_einde is None:
            grondslag = STAND
        else:
            grondslag = PROGNOSE
        return vaststelling(self.toegekend, self.ontvangen_netto, self.subsidiabel_einde, grondslag)


#: ``Vaststelling.grondslag``: what the figures rest on.
AFGELOPEN = "afgelopen"  # the stream has ended at the peildatum: the settlement itself
PROGNOSE = "prognose"  # running: spending forecast at the end date at the last twelve months' pace
STAND = "stand"  # no end date: the figures as they stand at the peildatum
GRONDSLAGEN = (AFGELOPEN, PROGNOSE, STAND)


@dataclasses.dataclass(frozen=True)
class Vaststelling:
    """A grant's settlement at its end (vaststelling), the one definition of what its end costs or brings.

    Attributes:
      grondslag: ``afgelopen`` (ended at the peildatum: settled figures), ``prognose`` (still running:
        the spending is a forecast at the end date) or ``stand`` (no end date: as it stands).
      toegekend: the award (Nieuw-West's part).
      ontvangen: cash received and kept (receipts minus repayments).
      subsidiabel: eligible spending (within the stream's period) at the end.
    """

    grondslag: str
    toegekend: Decimal
    ontvangen: Decimal
    subsidiabel: Decimal

    @property
    def prognose(self) -> bool:
        """The figures are not settled yet: the stream runs (or has no end date)."""
        return self.grondslag != AFGELOPEN

    @property
    def vastgesteld(self) -> Decimal:
        """The final claim: min(awarded, eligible spending)."""
        return min(self.toegekend, self.subsidiabel)

    @property
    def terug_te_betalen(self) -> Decimal:
        """Received − final claim, never below 0: to be repaid to the funder."""
        return max(self.ontvangen - self.vastgesteld, ZERO)

    @property
    def niet_te_ontvangen(self) -> Decimal:
        """Awarded money that will never be paid out: awarded − the more of received and final claim.

        Where received ≤ final claim this is awarded − final claim; where more was received than the
        claim, the part of the award above the claim that was received is :attr:`terug_te_betalen`,
        so it is not counted here too (awarded − final claim = niet te ontvangen + terug te betalen).
        """
        return max(self.toegekend - max(self.ontvangen, self.vastgesteld), ZERO)

    @property
    def nog_te_ontvangen(self) -> Decimal:
        """Still to receive after the settlement: final claim − received, never below 0."""
        return max(self.vastgesteld - self.ontvangen, ZERO)


def vaststelling(toegekend: Decimal, ontvangen: Decimal, subsidiabel: Decimal, grondslag: str) -> Vaststelling:
    """The one definition of a grant's settlement at its end (LEDGER.md, "vaststelling").

    Final claim = min(awarded, eligible spending); to repay = received − final claim (never below
    0); not to be received = awarded − max(received, final claim) (never below 0); still to receive
    = final claim − received (never below 0). Money awarded but never received is not repaid: it is
    simply not paid out.

    Args:
      toegekend: the award (Nieuw-West's part).
      ontvangen: cash received and kept (receipts minus repayments).
      subsidiabel: eligible spending at the end date (settled, or forecast for a running stream).
      grondslag: ``afgelopen``, ``prognose`` or ``stand`` (:data:`GRONDSLAGEN`).
    Returns:
      The settlement.
    """
    if grondslag not in GRONDSLAGEN:
        raise ValueError(f"grondslag {grondslag!r} not in {GRONDSLAGEN}")
    return Vaststelling(grondslag=grondslag, toegekend=toegekend, ontvangen=ontvangen, subsidiabel=subsidiabel)


@dataclasses.dataclass(frozen=True)
class Overzicht:
    """The stream overview: rows, the year, the peildatum and the column totals."""

    jaar: int
    peildatum: datetime.date
    regels: tuple[GeldstroomRegel, ...]

    def totaal(self, veld: str) -> Decimal:
        """Sum of a Decimal column over all streams."""
        return sum((getattr(regel, veld) for regel in self.regels), ZERO)


def _forecast(toegekend: Decimal, besteed: Decimal, verloop: Decimal, peildatum: datetime.date,
              einddatum: datetime.date | None) -> Decimal | None:
    """What will be left at the end date if the last twelve months' pace continues."""
    if einddatum is None:
        return None
    if einddatum <= peildatum:
        return toegekend - besteed
    days = (einddatum - peildatum).days
    per_day = verloop / Decimal(365)
    return (toegekend - besteed - per_day * days).quantize(CENT)


class _Overzichten:
    """The overviews of the last ledger asked for, per (year, peildatum).

    The begroting, the commitments report, the verantwoording and the Fava pages ask for the
    same overview several times; the overview is frozen, so one computed per year and date
    serves them all. The memo holds one ledger, by identity (as ``bestedingen`` does): a
    reloaded ledger (a new list) is computed anew.
    """

    def __init__(self) -> None:
        self.entries: object = None
        self.programma: object = None
        self.overzichten: dict[tuple[int, datetime.date], Overzicht] = {}

    def van(self, entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
            peildatum: datetime.date) -> Overzicht:
        if not isinstance(entries, (list, tuple)):
            return _overzicht(entries, programma, jaar, peildatum)
        if entries is not self.entries or programma is not self.programma:
            self.entries, self.programma, self.overzichten = entries, programma, {}
        sleutel = (jaar, peildatum)
        if sleutel not in self.overzichten:
            self.overzichten[sleutel] = _overzicht(entries, programma, jaar, peildatum)
        return self.overzichten[sleutel]


_OVERZICHTEN = _Overzichten()


def geldstromen_overzicht(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
                          peildatum: datetime.date | None = None) -> Overzicht:
    """Compute the stream overview (once per ledger, year and peildatum: :class:`_Overzichten`).

    Args:
      entries: the loaded entries (with the plugin's releases).
      programma: the parsed declarations (``ledger.model.parse_programma``).
      jaar: the year for "begroot" and "besteed dit jaar".
      peildatum: figures up to and including this date; default the end of ``jaar`` or the
        last transaction date, whichever comes first.
    Returns:
      One row per declared stream, in code order.
    """
    return _OVERZICHTEN.van(entries, programma, jaar, peildatum or peildatum_voor(jaar))


def _overzicht(entries: Sequence[data.Directive], programma: model.Programma, jaar: int,
               peildatum: datetime.date) -> Overzicht:
    """The overview itself (see :func:`geldstromen_overzicht`)."""
    jaar_start = datetime.date(jaar, 1, 1)
    verloop_start = peildatum - datetime.timedelta(days=365)
    geboekt: dict[str, Decimal] = defaultdict(Decimal)
    ontvangen: dict[str, Decimal] = defaultdict(Decimal)
    terugbetaald: dict[str, Decimal] = defaultdict(Decimal)
    besteed: dict[str, Decimal] = defaultdict(Decimal)
    besteed_jaar: dict[str, Decimal] = defaultdict(Decimal)
    verloop: dict[str, Decimal] = defaultdict(Decimal)
    buiten_periode: dict[str, Decimal] = defaultdict(Decimal)  # spending outside the period: not eligible
    perioden: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}

    for besteding in bestedingen(entries, programma, tot=peildatum):
        stroom = besteding.stroom
        if stroom == model.EIGEN:
            continue
        besteed[stroom] += besteding.bedrag
        periode = perioden.get(stroom)
        if periode is None:
            declared = programma.geldstroom_op(stroom, peildatum)
            periode = perioden[stroom] = (declared.van, declared.tot) if declared else (None, None)
        if (periode[0] is not None and besteding.datum < periode[0]) or (
                periode[1] is not None and besteding.datum > periode[1]):
            buiten_periode[stroom] += besteding.bedrag
        if besteding.datum >= jaar_start:
            besteed_jaar[stroom] += besteding.bedrag
        if besteding.datum > verloop_start:
            verloop[stroom] += besteding.bedrag

    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        if entry.date > peildatum:
            break
        if entry.meta.get("__derived__"):
            continue  # the plugin's releases
        # Postings on the liability (awards, repayments, lowered awards) in this transaction:
        # its Te-ontvangen postings then adjust the award and are no receipt.
        toekenning = {posting.account[len(_NOG_TE_BESTEDEN):] for posting in entry.postings
                      if posting.account.startswith(_NOG_TE_BESTEDEN)}
        te_ontvangen = {posting.account[len(_TE_ONTVANGEN):] for posting in entry.postings
                        if posting.account.startswith(_TE_ONTVANGEN)}
        for posting in entry.postings:
            account = posting.account
            number = posting.units.number
            if account.startswith(_TE_ONTVANGEN):
                code = account[len(_TE_ONTVANGEN):]
                if number < 0 and code not in toekenning:
                    ontvangen[code] -= number
            elif account.startswith(_NOG_TE_BESTEDEN):
                code = account[len(_NOG_TE_BESTEDEN):]
                geboekt[code] -= number
                if number > 0 and code not in te_ontvangen:
                    terugbetaald[code] += number  # repaid in cash (a lowered award credits Te-ontvangen)

    verplicht: dict[str, Decimal] = defaultdict(Decimal)
    for stand in verplichtingen_standen(entries, programma, peildatum):
        verplicht[stand.stroom] += stand.open

    begroting = huidige_begroting(programma, None)
    begroot: dict[str, Decimal] = defaultdict(Decimal)
    for (budget_jaar, _, stroom), bedrag in begroting.items():
        if budget_jaar == jaar:
            begroot[stroom] += bedrag

    regels = []
    for code in sorted(programma.geldstromen):
        stroom = programma.geldstroom_op(code, peildatum)
        if stroom is None:
            continue  # declared after the peildatum: not part of this year's overview
        toegekend = stroom.beschikbaar
        regels.append(GeldstroomRegel(
            code=code,
            naam=stroom.naam,
            status=stroom.status,
            herkomst=stroom.herkomst,
            peildatum=peildatum,
            bedrag=stroom.bedrag,
            toegezegd=stroom.toegezegd,
            toegekend=toegekend,
            gereserveerd=stroom.gereserveerd,
            verdeling_open=stroom.split_open,
            geboekt=geboekt[code],
            ontvangen=ontvangen[code],
            terugbetaald=terugbetaald[code],
            begroot=begroot[code],
            verplicht=verplicht[code],
            besteed_jaar=besteed_jaar[code],
            besteed_cumulatief=besteed[code],
            besteed_subsidiabel=besteed[code] - buiten_periode[code],
            nog_te_besteden=geboekt[code] - besteed[code],
            einddatum=stroom.tot,
            prognose_einde=_forecast(toegekend, besteed[code], verloop[code], peildatum, stroom.tot),
            illustratief=stroom.illustratief,
            aandeel_fractie=stroom.aandeel_fractie,
            aandeel_opgave=stroom.aandeel_opgave,
            gedeeld_met=stroom.gedeeld_met,
        ))
    return Overzicht(jaar=jaar, peildatum=peildatum, regels=tuple(regels))

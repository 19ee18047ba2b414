"""The availability overview of one budget line as a table (``snw beschikbaarheid``, Fava's
Beschikbaarheid page). Figures from ``reports.compute.beschikbaarheid``; nothing is computed here."""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING

from ledger import model
from ledger.nl import datum
from ledger.nl import euro
from reports.compute.beschikbaarheid import BEGROTING
from reports.compute.beschikbaarheid import BETALING
from reports.compute.beschikbaarheid import UITGAVE
from reports.compute.beschikbaarheid import VERPLICHTING
from reports.compute.beschikbaarheid import VERPLICHTINGSWIJZIGING
from reports.compute.beschikbaarheid import WIJZIGING
from reports.documents.model import Kolom
from reports.documents.model import Tabel

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence
    from pathlib import Path

    from reports.compute.beschikbaarheid import Beschikbaarheid
    from reports.compute.beschikbaarheid import Beschikbaarheidsregel

SOORT = {BEGROTING: "Begroting", WIJZIGING: "Begrotingswijziging", UITGAVE: "Uitgave",
         BETALING: "Betaling op verplichting", VERPLICHTING: "Verplichting",
         VERPLICHTINGSWIJZIGING: "Wijziging verplichting"}


def _suggestie(code: str, bekend: Iterable[str]) -> str:
    """`` Bedoelt u X?`` for the nearest known code (case ignored), else ""."""
    bekend = sorted(bekend)
    groot = {c.upper(): c for c in bekend}
    gevonden = difflib.get_close_matches(code.upper(), list(groot), n=1, cutoff=0.5)
    return f" Bedoelt u {groot[gevonden[0]]}?" if gevonden else ""


def onbekende_post(programma: model.Programma, actielijn: str, stroom: str) -> str | None:
    """Why ``actielijn`` × ``stroom`` is no budget line to show (None when it is one).

    An undeclared actielijn or stream gets the nearest declared code as a suggestion; the
    partners' own means (``EIGEN``) have no budget.
    """
    if actielijn not in programma.actielijnen:
        return (f"Onbekende actielijn: {actielijn}.{_suggestie(actielijn, programma.actielijnen)} "
                "De actielijnen staan in snw realisatie en in het grootboek (open Expenses:Actielijn:…).")
    if stroom == model.EIGEN:
        return ("De eigen middelen van partners (EIGEN) hebben geen begroting en worden niet bewaakt; "
                "snw realisatie toont ze apart, snw proportionaliteit meet ze aan toezeggingen en draagkracht.")
    if stroom not in programma.geldstromen:
        return (f"Onbekende geldstroom: {stroom}.{_suggestie(stroom, programma.geldstromen)} "
                "De geldstromen staan in snw geldstromen.")
    return None


def _vindplaats(regel: Beschikbaarheidsregel, basis: Path | None) -> str:
    """``file:line``, the file relative to the ledger's folder where it lies inside it."""
    bestand = regel.bestand or "<onbekend>"
    if basis is not None and not bestand.startswith("<"):
        relatief = os.path.relpath(bestand, basis)
        if not relatief.startswith(".."):
            bestand = relatief
    return f"{bestand}:{regel.regel or 0}"


def _wie_wat(regel: Beschikbaarheidsregel) -> str:
    delen = [deel for deel in (regel.begunstigde, regel.omschrijving) if deel]
    tekst = " — ".join(delen)
    if regel.partner and regel.partner != regel.begunstigde:
        tekst += f" (partner {regel.partner})" if tekst else f"partner {regel.partner}"
    return tekst


def omschrijving(regel: Beschikbaarheidsregel, jaar: int) -> str:
    """What a row is, in words: the decision, the commitment, the narration and partner."""
    wat = _wie_wat(regel)
    if regel.soort in (BEGROTING, WIJZIGING):
        tekst = f"{SOORT[regel.soort]} {jaar}"
        return f"{tekst}, besluit {regel.besluit}" if regel.besluit else f"{tekst}, zonder besluit"
    if regel.soort == VERPLICHTING:
        return f"Verplichting {regel.kenmerken[0]}" + (f": {wat}" if wat else "")
    if regel.soort == VERPLICHTINGSWIJZIGING:
        return f"Verplichting {regel.kenmerken[0]}" + (f" — {regel.omschrijving}" if regel.omschrijving else "")
    if regel.soort == BETALING:
        kenmerken = ", ".join(regel.kenmerken)
        if regel.datum.year > jaar:
            return (f"Betaling in {regel.datum.year} op {kenmerken}: besteding van {regel.datum.year}; de open "
                    f"verplichting van {jaar} daalt" + (f" ({wat})" if wat else ""))
        eerder = sorted({j for j in regel.verplichting_jaren if j < jaar})
        tekst = f"Betaling op {kenmerken}"
        if eerder:
            tekst += f" (verplichting van {', '.join(map(str, eerder))}; besteding van {jaar})"
        return tekst + (f": {wat}" if wat else "")
    return wat


def beschikbaarheid_tabel(b: Beschikbaarheid, basis: Path | None = None) -> Tabel:
    """Every entry on the budget line in the control's order, with the figures after it."""
    titel = (f"Beschikbaarheid {b.jaar} {b.actielijn}/{b.stroom} — {b.naam} uit {b.stroom_naam} — "
             f"stand per {datum(b.peildatum)}")
    if not b.bewaakt:
        toelichting = (f"Voor {b.jaar} staat geen begroting in het grootboek: de beschikbaarheid van deze post "
                       "wordt niet bewaakt.")
    else:
        toelichting = (
            "Elke begrotingsregel, uitgave, verplichting en betaling op deze begrotingspost, in de volgorde waarin "
            "de beschikbaarheidscontrole van snw check ze telt (een begroting of wijziging telt vóór de uitgaven "
            "van dezelfde dag), met de stand erna. Begroot: de begroting na de wijzigingen tot die datum. "
            f"Besteed: uitgaven in {b.jaar}, ook betalingen op verplichtingen van eerdere jaren. Open "
            f"verplichtingen: verplichtingen van {b.jaar}, verplicht − betaald (niet negatief). Beschikbaar = "
            "begroot − besteed − open verplichtingen. Boven begroting: wat besteed plus open boven de begroting "
            "uitkomt. Melding: wat snw check bij die boeking meldt.")
    return Tabel(
        titel,
        (Kolom("Datum", "datum"), Kolom("Soort"), Kolom("Omschrijving"), Kolom("Bedrag", "euro"),
         Kolom("Begroot", "euro"), Kolom("Besteed", "euro"), Kolom("Open verplichtingen", "euro"),
         Kolom("Beschikbaar", "euro"), Kolom("Boven begroting", "euro"), Kolom("Melding"), Kolom("Vindplaats")),
        tuple((r.datum, SOORT[r.soort], omschrijving(r, b.jaar), r.bedrag, r.begroot, r.besteed, r.open_verplicht,
               r.beschikbaar, r.overschrijding, r.melding or "", _vindplaats(r, basis)) for r in b.regels),
        totaal_label=None,
        toelichting=toelichting,
    )


def samenvatting(b: Beschikbaarheid, basis: Path | None = None) -> str:
    """One sentence: the stand at the peildatum and where the line went over."""
    kop = f"{b.actielijn}/{b.stroom} {b.jaar}, stand per {datum(b.peildatum)}"
    if not b.bewaakt:
        return f"{kop}: geen begroting voor {b.jaar}, niet bewaakt."
    stand = (f"begroot {euro(b.begroot)}, besteed {euro(b.besteed)}, open verplichtingen {euro(b.open_verplicht)}, "
             f"beschikbaar {euro(b.beschikbaar)}")
    if b.overschrijding:
        stand += f"; {euro(b.overschrijding)} boven de begroting"
    over = b.overschrijdingen
    if over:
        stand += "; overschreden op " + ", ".join(
            f"{datum(r.datum)} ({_vindplaats(r, basis)})" for r in over)
    return f"{kop}: {stand}."


POSTEN = "beschikbaarheid-posten"  # the index table of a year's budget lines (Fava links its rows)


def posten_tabel(posten: Sequence[Beschikbaarheid]) -> Tabel:
    """Every budget line of a year at the peildatum: budget, spent, open, available, over."""
    eerste = posten[0] if posten else None
    titel = "Beschikbaarheid per begrotingspost"
    if eerste is not None:
        titel = f"Beschikbaarheid {eerste.jaar} per begrotingspost — stand per {datum(eerste.peildatum)}"
    return Tabel(
        titel,
        (Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"), Kolom("Begroot", "euro", True),
         Kolom("Besteed", "euro", True), Kolom("Open verplichtingen", "euro", True),
         Kolom("Beschikbaar", "euro", True), Kolom("Boven begroting", "euro", True), Kolom("Overschreden op")),
        tuple((b.actielijn, b.naam, b.stroom, b.begroot, b.besteed, b.open_verplicht, b.beschikbaar,
               b.overschrijding, ", ".join(datum(r.datum) for r in b.overschrijdingen)) for b in posten),
        toelichting="Per begrotingspost de stand van de beschikbaarheidscontrole (snw check) op de peildatum; "
                    "snw beschikbaarheid ACTIELIJN GELDSTROOM toont elke boeking erachter.",
        naam=POSTEN,
    )

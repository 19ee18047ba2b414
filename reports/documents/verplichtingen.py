"""Commitments and the year's realisation per budget line as tables (``snw verplichtingen``,
``snw realisatie``). Figures from ``reports.compute.verplichtingen`` and
``reports.compute.realisatie``; nothing is computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from reports.documents.model import Kolom
from reports.documents.model import Som
from reports.documents.model import Tabel

DETAIL = "verplichtingen"  # the table of every commitment: per-stream columns are sums over it (XLSX)
OPEN_PER_STROOM = Som(DETAIL, "Open verplichting", "Geldstroom")  # also geldstromen' "Open verplichtingen"

if TYPE_CHECKING:
    from reports.compute.realisatie import Realisatie
    from reports.compute.verplichtingen import Verplichtingen


def verplichtingen_tabel(v: Verplichtingen) -> Tabel:
    """Every commitment: original amount, changes, committed, paid, open, end date, closed, expired."""
    return Tabel(
        f"Verplichtingen — stand per {datum(v.peildatum)}",
        (Kolom("Kenmerk"), Kolom("Datum", "datum"), Kolom("Geldstroom"), Kolom("Actielijn"), Kolom("Partner"),
         Kolom("Omschrijving"), Kolom("Oorspronkelijk", "euro", True), Kolom("Wijzigingen", "euro", True),
         Kolom("Verplicht", "euro", True), Kolom("Betaald", "euro", True),
         Kolom("Open verplichting", "euro", True), Kolom("Einddatum", "datum"), Kolom("Afgesloten", "datum"),
         Kolom("Vrijgevallen bij afsluiting", "euro", True), Kolom("Verlopen")),
        tuple((s.kenmerk, s.datum, s.stroom, s.actielijn, s.partner, s.omschrijving, s.oorspronkelijk, s.gewijzigd,
               s.bedrag, s.betaald, s.open, s.einddatum, s.afgesloten, s.vrijgevallen,
               "ja, nog open" if s.verlopen else "") for s in v.verplichtingen),
        naam=DETAIL,
        toelichting=("Verplicht = oorspronkelijk + wijzigingen (verplichting-wijziging, tot de peildatum). Betaald: "
                     "betalingen met de link van de verplichting, op haar eigen actielijn en geldstroom. Open "
                     "verplichting = verplicht − betaald (niet negatief); 0 na afsluiting (verplichting-afsluiting): "
                     "wat dan open stond, is vrijgevallen. Verlopen: nog open terwijl de einddatum van de "
                     "verplichting of van de geldstroom voorbij is; dat geld kan niet meer uit de geldstroom worden "
                     "betaald (snw check meldt het)."),
    )


def wijzigingen_tabel(v: Verplichtingen) -> Tabel:
    """Every change and closing of a commitment up to the peildatum, in date order, with its reason."""
    return Tabel(
        f"Wijzigingen van verplichtingen — tot {datum(v.peildatum)}",
        (Kolom("Datum", "datum"), Kolom("Kenmerk"), Kolom("Geldstroom"), Kolom("Actielijn"), Kolom("Soort"),
         Kolom("Bedrag", "euro", True), Kolom("Reden")),
        tuple((w.datum, s.kenmerk, s.stroom, s.actielijn, "afsluiting" if w.soort == "afsluiting" else
               ("verhoging" if w.bedrag > 0 else "verlaging"),
               -s.vrijgevallen if w.soort == "afsluiting" else w.bedrag, w.reden)
              for s, w in v.wijzigingen),
        toelichting=("Een verhoging of verlaging geldt vanaf haar datum; een afsluiting laat wat dan open staat "
                     "vrijvallen (het bedrag is dat vrijgevallen deel, negatief)."),
    )


def verplichtingen_per_stroom_tabel(v: Verplichtingen) -> Tabel:
    """Per stream: committed, paid on commitments, open, open on expired ones, left after open commitments."""
    return Tabel(
        f"Verplichtingen per geldstroom — stand per {datum(v.peildatum)}",
        (Kolom("Geldstroom"), Kolom("Naam"), Kolom("Toegekend", "euro", True), Kolom("Besteed", "euro", True),
         Kolom("Verplicht", "euro", True, som=Som(DETAIL, "Verplicht", "Geldstroom")),
         Kolom("Betaald op verplichtingen", "euro", True, som=Som(DETAIL, "Betaald", "Geldstroom")),
         Kolom("Open verplichtingen", "euro", True, som=OPEN_PER_STROOM), Kolom("Waarvan verlopen", "euro", True),
         Kolom("Vrij na open verplichtingen", "euro", True)),
        tuple((s.stroom, s.naam, s.toegekend, s.besteed, s.verplicht, s.betaald, s.open, s.open_verlopen,
               s.vrij_na_verplichtingen) for s in v.stromen if s.toegekend or s.verplicht or s.besteed),
        toelichting="Vrij na open verplichtingen = toegekend − besteed − open verplichtingen; negatief: "
                    "overgecommitteerd.",
    )


def realisatie_tabel(r: Realisatie) -> Tabel:
    """The year per budget line (budgeted streams only): budget, realised, verschil, open commitments, free."""
    return Tabel(
        f"Realisatie {r.jaar} per begrotingspost — stand per {datum(r.peildatum)}",
        (Kolom("Domein"), Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"), Kolom("Begroot", "euro", True),
         Kolom("Gerealiseerd", "euro", True), Kolom("Verschil", "euro", True),
         Kolom("Open verplichtingen", "euro", True), Kolom("Vrij na verplichtingen", "euro", True),
         Kolom("Open uit eerdere jaren", "euro", True)),
        tuple((p.domein, p.actielijn, p.naam, p.stroom, p.begroot, p.gerealiseerd, p.verschil, p.open_verplicht,
               p.vrij_na_verplichtingen, p.open_eerder) for p in r.posten),
        toelichting=(f"Begroot: de begroting {r.jaar} na wijziging (primitief plus wijzigingen). Verschil = begroot − "
                     "gerealiseerd (BBV art. 28); negatief is meer besteed dan begroot. Open verplichtingen: open op "
                     f"verplichtingen van {r.jaar}. Vrij na verplichtingen = verschil − open verplichtingen; negatief "
                     "is een overschrijding. Open uit eerdere jaren: ter informatie, niet afgetrokken. Alleen begrote "
                     "geldstromen: de eigen middelen van partners staan in de tabel eigen middelen."),
    )


def eigen_middelen_tabel(r: Realisatie) -> Tabel:
    """The partners' own means per actielijn in the year: no budget line, never in the budget's totals."""
    return Tabel(
        f"Eigen middelen en formatie {r.jaar} per actielijn — stand per {datum(r.peildatum)}",
        (Kolom("Domein"), Kolom("Actielijn"), Kolom("Naam"), Kolom("Gepland in de begroting", "euro", True),
         Kolom("Gerealiseerd", "euro", True), Kolom("Uren", "uren", True)),
        tuple((p.domein, p.actielijn, p.naam, p.gepland, p.gerealiseerd, p.uren) for p in r.eigen_middelen),
        toelichting="Eigen middelen en formatie van partners hebben geen begrotingspost: ze worden gemeten aan "
                    "toezeggingen en draagkracht (snw proportionaliteit), niet aan de begroting.",
    )

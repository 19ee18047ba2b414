"""The stream overview as a table: columns chosen once, for the terminal, CSV, XLSX and Fava."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import procent
from reports.documents.model import Kolom
from reports.documents.model import Tabel
from reports.documents.verplichtingen import OPEN_PER_STROOM

if TYPE_CHECKING:
    from reports.compute.geldstromen import GeldstroomRegel
    from reports.compute.geldstromen import Overzicht

#: How a stream's ``herkomst:`` reads in a table.
HERKOMST_NAMEN = {"gemeente": "gemeente", "rijk": "Rijk", "eu": "EU", "fonds": "fonds", "partners": "partners",
                  "overig": "overig",
                  "provincie": "provincie", "overheid": "andere overheid"}
OPGAVE_NAMEN = {"deel": "deel van de pot", "bedrag": "bedrag", "open": "verdeling open", None: "niet gedeeld"}

#: The stream's facts (origin, pot, Nieuw-West's share, shared with) as separate columns (CSV, XLSX, Fava)
FEITEN_KOLOMMEN = (
    Kolom("Herkomst"),
    Kolom("Pot", "euro", True),
    Kolom("Aandeel NW (deel)", "procent"),
    Kolom("Aandeel NW (bedrag)", "euro", True),
    Kolom("Aandeel opgegeven als"),
    Kolom("Gedeeld met"),
)
#: The same facts in one column for the terminal
COMPACT_KOLOMMEN = (Kolom("Herkomst · pot · aandeel NW"),)

KOLOMMEN = (
    Kolom("Geldstroom"),
    Kolom("Naam"),
    Kolom("Status"),
    Kolom("Toegekend", "euro", True),
    Kolom("Gereserveerd", "euro", True),
    Kolom("Ontvangen", "euro", True),
    Kolom("Nog te ontvangen", "euro", True),
    Kolom("Begroot", "euro", True),
    # XLSX: a SUMIFS over the commitments sheet when the workbook has one (snw geldstromen --formaat xlsx)
    Kolom("Open verplichtingen", "euro", True, som=OPEN_PER_STROOM),
    Kolom("Besteed jaar", "euro", True),
    Kolom("Besteed cumulatief", "euro", True),
    Kolom("Nog te besteden", "euro", True),
    Kolom("Vooruit ontvangen", "euro", True),
    Kolom("Voorgefinancierd", "euro", True),
    Kolom("Einddatum", "datum"),
    Kolom("Prognose over bij einde", "euro", True),
    Kolom("Grondslag einde"),
    Kolom("Subsidiabele bestedingen bij einde", "euro", True),
    Kolom("Vaststelling (eindclaim)", "euro", True),
    Kolom("Terug te betalen bij einde", "euro", True),
    Kolom("Niet te ontvangen bij einde", "euro", True),
    Kolom("Nog te ontvangen na vaststelling", "euro", True),
)
#: CSV, XLSX and Fava: the stream's facts after the figures
VOLLEDIG = (*KOLOMMEN, *FEITEN_KOLOMMEN)
#: The terminal: the facts in one column after the status
COMPACT = (*KOLOMMEN[:3], *COMPACT_KOLOMMEN, *KOLOMMEN[3:])

#: The wording of ``Vaststelling.grondslag``: settled figures of an ended stream, or a forecast.
GRONDSLAG_TEKST = {
    "afgelopen": "vastgesteld (afgelopen)",
    "prognose": "prognose einddatum",
    "stand": "stand (geen einddatum)",
}


def herkomst_naam(herkomst: str) -> str:
    return HERKOMST_NAMEN.get(herkomst, herkomst)


def stroomfeiten(regel: GeldstroomRegel) -> tuple[object, ...]:
    """The cells of :data:`FEITEN_KOLOMMEN`: origin, pot, share (fraction and amount), declared as, shared with."""
    return (herkomst_naam(regel.herkomst), regel.bedrag, regel.aandeel_fractie,
            None if regel.verdeling_open else regel.toegezegd, OPGAVE_NAMEN.get(regel.aandeel_opgave),
            ", ".join(regel.gedeeld_met))


def stroomfeiten_kort(regel: GeldstroomRegel) -> str:
    """The stream's facts in one cell: ``Rijk · pot € 1.000.000,00 · NW 50,0% = € 500.000,00 · met Zuidoost``.

    A stream that is not shared shows its origin and pot only (Nieuw-West's part is all of it).
    """
    delen = [herkomst_naam(regel.herkomst), f"pot {euro(regel.bedrag)}"]
    if regel.verdeling_open:
        delen.append("NW: verdeling open")
    elif regel.aandeel_opgave is not None:
        delen.append(f"NW {procent(regel.aandeel_fractie, 1)} = {euro(regel.toegezegd)}"
                     if regel.aandeel_fractie is not None else f"NW {euro(regel.toegezegd)}")
    if regel.gedeeld_met:
        delen.append("met " + ", ".join(regel.gedeeld_met))
    return " · ".join(delen)


def geldstromen_tabel(overzicht: Overzicht, *, compact: bool = False) -> Tabel:
    """The rows of ``snw geldstromen`` (and of the Fava page) from the computed overview.

    Args:
      overzicht: the computed overview.
      compact: the stream's facts (origin, pot, share, shared with) in one column, for the
        terminal; else in separate columns (CSV, XLSX, Fava).
    """
    rijen = []
    for regel in overzicht.regels:
        status = regel.status + (", verdeling open" if regel.verdeling_open else "")
        einde = regel.vaststelling
        cijfers = (
            regel.toegekend, regel.gereserveerd, regel.ontvangen_netto, regel.nog_te_ontvangen, regel.begroot,
            regel.verplicht, regel.besteed_jaar, regel.besteed_cumulatief, regel.nog_te_besteden,
            regel.vooruitontvangen, regel.voorgefinancierd, regel.einddatum, regel.prognose_einde,
            GRONDSLAG_TEKST[einde.grondslag], einde.subsidiabel, einde.vastgesteld,
            einde.terug_te_betalen, einde.niet_te_ontvangen, einde.nog_te_ontvangen,
        )
        if compact:
            rijen.append((regel.code, regel.naam, status, stroomfeiten_kort(regel), *cijfers))
        else:
            rijen.append((regel.code, regel.naam, status, *cijfers, *stroomfeiten(regel)))
    return Tabel(
        titel=f"Geldstromen {overzicht.jaar} — stand per {datum(overzicht.peildatum)}",
        kolommen=COMPACT if compact else VOLLEDIG,
        rijen=tuple(rijen),
        toelichting=(
            "Pot: het hele bedrag van de regeling; aandeel NW: het deel van Nieuw-West (als deel van de pot en "
            "als bedrag, opgegeven zoals in de declaratie; 100% als de pot niet gedeeld is), gedeeld met: de andere "
            "gebieden. Toegekend: het deel van Nieuw-West dat besteed mag worden. Gereserveerd: nog niet toegekend "
            "of verdeling tussen gebieden open. Ontvangen: geld dat binnen is (min terugbetalingen); nog te "
            "ontvangen = toegekend − ontvangen. Nog te besteden = toegekend − besteed; vooruit ontvangen = "
            "ontvangen − besteed op een lopende geldstroom (een schuld aan de financier; op een afgelopen geldstroom "
            "0: wat over is, is terug te betalen), voorgefinancierd = besteed − ontvangen. Prognose: wat van de "
            "toekenning bij het huidige bestedingstempo (laatste 12 maanden) op de einddatum over is. Vaststelling "
            "bij einde: subsidiabele bestedingen (binnen de looptijd) op de einddatum; eindclaim = het laagste van "
            "toegekend en subsidiabele bestedingen; terug te betalen = ontvangen − eindclaim (niet negatief); niet "
            "te ontvangen = toegekend − het hoogste van ontvangen en eindclaim; nog te ontvangen na vaststelling = "
            "eindclaim − ontvangen (niet negatief). Grondslag: \"vastgesteld (afgelopen)\" voor een geldstroom die "
            "op de peildatum is afgelopen (werkelijke cijfers), \"prognose einddatum\" voor een lopende (de "
            "besteding bij het einde is een prognose), \"stand (geen einddatum)\" zonder einddatum."
        ),
    )

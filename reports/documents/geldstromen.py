"""The stream overview as a table: columns chosen once, for the terminal, CSV, XLSX and Fava."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from reports.documents.model import Kolom
from reports.documents.model import Tabel
from reports.documents.verplichtingen import OPEN_PER_STROOM

if TYPE_CHECKING:
    from reports.compute.geldstromen import Overzicht

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

#: The wording of ``Vaststelling.grondslag``: settled figures of an ended stream, or a forecast.
GRONDSLAG_TEKST = {
    "afgelopen": "vastgesteld (afgelopen)",
    "prognose": "prognose einddatum",
    "stand": "stand (geen einddatum)",
}


def geldstromen_tabel(overzicht: Overzicht) -> Tabel:
    """The rows of ``snw geldstromen`` (and of the Fava page) from the computed overview."""
    rijen = []
    for regel in overzicht.regels:
        status = regel.status + (", verdeling open" if regel.verdeling_open else "")
        einde = regel.vaststelling
        rijen.append((
            regel.code, regel.naam, status, regel.toegekend, regel.gereserveerd, regel.ontvangen_netto,
            regel.nog_te_ontvangen, regel.begroot, regel.verplicht, regel.besteed_jaar, regel.besteed_cumulatief,
            regel.nog_te_besteden, regel.vooruitontvangen, regel.voorgefinancierd, regel.einddatum,
            regel.prognose_einde, GRONDSLAG_TEKST[einde.grondslag], einde.subsidiabel, einde.vastgesteld,
            einde.terug_te_betalen, einde.niet_te_ontvangen, einde.nog_te_ontvangen,
        ))
    return Tabel(
        titel=f"Geldstromen {overzicht.jaar} — stand per {datum(overzicht.peildatum)}",
        kolommen=KOLOMMEN,
        rijen=tuple(rijen),
        toelichting=(
            "Toegekend: het deel van Nieuw-West dat besteed mag worden. Gereserveerd: nog niet toegekend "
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

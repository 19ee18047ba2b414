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
    Kolom("Terug te betalen bij einde", "euro", True),
    Kolom("Niet te ontvangen bij einde", "euro", True),
)


def geldstromen_tabel(overzicht: Overzicht) -> Tabel:
    """The rows of ``snw geldstromen`` (and of the Fava page) from the computed overview."""
    rijen = []
    for regel in overzicht.regels:
        status = regel.status + (", verdeling open" if regel.verdeling_open else "")
        einde = regel.terugbetaling
        rijen.append((
            regel.code, regel.naam, status, regel.toegekend, regel.gereserveerd, regel.ontvangen,
            regel.nog_te_ontvangen, regel.begroot, regel.verplicht, regel.besteed_jaar, regel.besteed_cumulatief,
            regel.nog_te_besteden, regel.vooruitontvangen, regel.voorgefinancierd, regel.einddatum,
            regel.prognose_einde, einde.terug_te_betalen, einde.niet_te_ontvangen,
        ))
    return Tabel(
        titel=f"Geldstromen {overzicht.jaar} — stand per {datum(overzicht.peildatum)}",
        kolommen=KOLOMMEN,
        rijen=tuple(rijen),
        toelichting=(
            "Toegekend: het deel van Nieuw-West dat besteed mag worden. Gereserveerd: nog niet toegekend "
            "of verdeling tussen gebieden open. Ontvangen: geld dat binnen is (min terugbetalingen); nog te "
            "ontvangen = toegekend − ontvangen. Nog te besteden = toegekend − besteed; vooruit ontvangen = "
            "ontvangen − besteed (een schuld aan de financier), voorgefinancierd = besteed − ontvangen. Prognose: "
            "wat van de toekenning bij het huidige bestedingstempo (laatste 12 maanden) op de einddatum over is. "
            "Terug te betalen bij einde = ontvangen − besteding op de einddatum; niet te ontvangen = toegekend − "
            "wat ontvangen of besteed is. Voor een afgelopen geldstroom de werkelijke besteding, anders de prognose."
        ),
    )

"""The stream overview as a table: columns chosen once, for the terminal, CSV, XLSX and Fava."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from reports.documents.model import Kolom
from reports.documents.model import Tabel

if TYPE_CHECKING:
    from reports.compute.geldstromen import Overzicht

KOLOMMEN = (
    Kolom("Geldstroom"),
    Kolom("Naam"),
    Kolom("Status"),
    Kolom("Toegekend", "euro", True),
    Kolom("Gereserveerd", "euro", True),
    Kolom("Ontvangen", "euro", True),
    Kolom("Begroot", "euro", True),
    Kolom("Verplicht", "euro", True),
    Kolom("Besteed jaar", "euro", True),
    Kolom("Besteed cumulatief", "euro", True),
    Kolom("Nog te besteden", "euro", True),
    Kolom("Einddatum", "datum"),
    Kolom("Prognose over bij einde", "euro", True),
)


def geldstromen_tabel(overzicht: Overzicht) -> Tabel:
    """The rows of ``snw geldstromen`` (and of the Fava page) from the computed overview."""
    rijen = []
    for regel in overzicht.regels:
        status = regel.status + (", verdeling open" if regel.verdeling_open else "")
        rijen.append((
            regel.code, regel.naam, status, regel.toegekend, regel.gereserveerd, regel.ontvangen, regel.begroot,
            regel.verplicht, regel.besteed_jaar, regel.besteed_cumulatief, regel.nog_te_besteden,
            regel.einddatum, regel.prognose_einde,
        ))
    return Tabel(
        titel=f"Geldstromen {overzicht.jaar} — stand per {datum(overzicht.peildatum)}",
        kolommen=KOLOMMEN,
        rijen=tuple(rijen),
        toelichting=(
            "Toegekend: het deel van Nieuw-West dat besteed mag worden. Gereserveerd: nog niet toegekend "
            "of verdeling tussen gebieden open. Prognose: wat bij het huidige bestedingstempo (laatste 12 "
            "maanden) op de einddatum over is en mogelijk terugbetaald moet worden."
        ),
    )

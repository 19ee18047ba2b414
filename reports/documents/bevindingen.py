"""Open findings in a document: the concept mark on the cover and footer, and their list.

Every document made from a ledger with open findings (``reports.compute.bevindingen``)
says so: the cover and every page footer read "Concept — 3 open bevindingen", and a last
section lists each finding with its rule, place (file:line), amount, stream and actielijn.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING

from reports.documents.model import Alinea
from reports.documents.model import Kolom
from reports.documents.model import Sectie
from reports.documents.model import Tabel
from reports.documents.model import TabelBlok

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from reports.compute.bevindingen import Bevinding
    from reports.documents.model import Document

SOORT_NAMEN = {
    "geldstroom": "Regel geldstroom",
    "verplichting": "Verplichting",
    "begroting": "Begroting",
    "declaratie": "Declaratie",
    "configuratie": "Instelling",
    "beancount": "Boekhouding",
}


def markering(bevindingen: Sequence[Bevinding]) -> str:
    """The concept mark for the cover and footer ("" without findings)."""
    n = len(bevindingen)
    if not n:
        return ""
    return f"Concept — {n} open {'bevinding' if n == 1 else 'bevindingen'}"


def vindplaats(bevinding: Bevinding, basis: Path | None) -> str:
    """``file:line``, the file relative to the ledger's folder where it lies inside it."""
    bestand = bevinding.bestand
    if basis is not None and bestand and not bestand.startswith("<"):
        relatief = os.path.relpath(bestand, basis)
        if not relatief.startswith(".."):
            bestand = relatief
    return f"{bestand}:{bevinding.regel}"


def bevindingen_tabel(bevindingen: Sequence[Bevinding], basis: Path | None = None) -> Tabel:
    """The findings as a table (for the document section and the XLSX sheet)."""
    return Tabel(
        "Open bevindingen in het grootboek",
        (Kolom("Regel"), Kolom("Vindplaats"), Kolom("Bedrag", "euro"), Kolom("Geldstroom"), Kolom("Actielijn"),
         Kolom("Melding")),
        tuple((SOORT_NAMEN.get(b.soort, b.soort), vindplaats(b, basis), b.bedrag, b.stroom, b.actielijn, b.melding)
              for b in bevindingen),
        totaal_label=None,
    )


def met_bevindingen(document: Document, bevindingen: Sequence[Bevinding], basis: Path | None = None) -> Document:
    """The document marked as a concept and with a section listing the findings.

    Args:
      document: the document built from the figures.
      bevindingen: the ledger's open findings (none: the document is returned as is).
      basis: the ledger's folder, for short file names.
    Returns:
      The document to render.
    """
    if not bevindingen:
        return document
    n = len(bevindingen)
    tekst = (f"Dit document is gemaakt uit een grootboek met {n} open {'bevinding' if n == 1 else 'bevindingen'}: "
             "boekingen die een regel van een geldstroom, een verplichting of de begroting niet volgen. De cijfers "
             "in dit document bevatten die boekingen. Het programmabureau lost de bevindingen op in het grootboek en "
             "maakt het document opnieuw; de versie die het alliantiebestuur vaststelt, heeft geen open bevindingen.")
    sectie = Sectie("Open bevindingen", (Alinea(tekst, "let-op"),
                                        TabelBlok(bevindingen_tabel(bevindingen, basis), compact=True,
                                                  breedtes=(11, 17, 11, 10, 8, 43))),
                    anker="bevindingen", nieuwe_pagina=True, liggend=True, blad="Bevindingen")
    return dataclasses.replace(document, secties=(*document.secties, sectie), markering=markering(bevindingen))


def met_bevindingenblad(bladen: Sequence[tuple[str, Tabel]], bevindingen: Sequence[Bevinding],
                        basis: Path | None = None) -> list[tuple[str, Tabel]]:
    """The sheets of a table workbook, with a sheet "Bevindingen" when there are findings."""
    if not bevindingen:
        return list(bladen)
    return [*bladen, ("Bevindingen", bevindingen_tabel(bevindingen, basis))]

"""A report as a document: title, cover fields and sections of tables, paragraphs and charts.

Every board document (``snw begroting``, ``snw proportionaliteit``, ``snw sisa``) is built as
a :class:`Document` from computed figures; the faces only format it:

* ``reports.render.html.render_html(document)`` — HTML for the screen and for print;
* ``reports.render.pdf.render_pdf(html, ...)`` — A4 PDF from that HTML (WeasyPrint);
* :func:`document_workbook` here — an openpyxl workbook with a cover sheet and one sheet
  per section that holds tables (numbers stay numbers, totals are SUM formulas).

Example::

    doc = Document(
        titel="Begroting 2027",
        omslag=(("Status", "ontwerp"),),
        secties=(Sectie("Samenvatting", (Alinea("..."), tabel, Grafiek("...", svg))),),
        datum=documentdatum(), kenmerk=ledger.fingerprint, demo=ledger.is_demo,
    )
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import TYPE_CHECKING
from typing import Any
from typing import Union

from reports.render.tabel import Tabel

if TYPE_CHECKING:
    from openpyxl import Workbook


@dataclasses.dataclass(frozen=True)
class Alinea:
    """A paragraph. ``soort``: "tekst", "let-op" (framed, for warnings) or "noot" (small print)."""

    tekst: str
    soort: str = "tekst"


@dataclasses.dataclass(frozen=True)
class Lijst:
    """A bulleted (or numbered) list of short texts, with an optional heading."""

    items: tuple[str, ...]
    genummerd: bool = False
    titel: str = ""


@dataclasses.dataclass(frozen=True)
class Grafiek:
    """A chart: inline SVG markup (``reports.render.charts``) with a title and a caption."""

    titel: str
    svg: str
    bijschrift: str = ""


@dataclasses.dataclass(frozen=True)
class TabelBlok:
    """A table with presentation hints.

    Attributes:
      tabel: the table (raw values; formatting happens in the faces).
      markeringen: cells (row index in ``tabel.rijen``, column index) to flag, e.g.
        uncovered amounts: bold with a warning sign in HTML/PDF, bold on grey in XLSX.
      nadruk_rijen: row indexes shown bold (subtotals, group rows).
      groepeer: the number of leading columns whose value is left blank in HTML when it
        repeats the row above (the XLSX keeps every value, for filtering).
      compact: a smaller font for wide tables.
      breedtes: column widths in percent (HTML/PDF), so that a series of tables lines
        up; empty: the browser decides.
    """

    tabel: Tabel
    markeringen: frozenset[tuple[int, int]] = frozenset()
    nadruk_rijen: frozenset[int] = frozenset()
    groepeer: int = 0
    compact: bool = False
    breedtes: tuple[float, ...] = ()


@dataclasses.dataclass(frozen=True)
class Sectie:
    """A section: a heading and its blocks (nested sections become sub-headings).

    Attributes:
      titel: the heading.
      inhoud: Alinea, Lijst, Grafiek, Tabel, TabelBlok or Sectie blocks, in order.
      anker: the HTML id (default: derived from the title).
      nieuwe_pagina: start the section on a new page in print.
      liggend: print the section on landscape pages (wide tables).
      blad: XLSX sheet name for the section's tables; None derives it from the title,
        "" puts no sheet in the workbook.
    """

    titel: str
    inhoud: tuple[Blok, ...] = ()
    anker: str = ""
    nieuwe_pagina: bool = False
    liggend: bool = False
    blad: str | None = None

    @property
    def id(self) -> str:
        return self.anker or slug(self.titel)

    def tabellen(self) -> list[TabelBlok]:
        """All tables of this section and its subsections, in order."""
        out: list[TabelBlok] = []
        for blok in self.inhoud:
            if isinstance(blok, Tabel):
                out.append(TabelBlok(blok))
            elif isinstance(blok, TabelBlok):
                out.append(blok)
            elif isinstance(blok, Sectie):
                out.extend(blok.tabellen())
        return out


Blok = Union[Alinea, Lijst, Grafiek, Tabel, TabelBlok, Sectie]


@dataclasses.dataclass(frozen=True)
class Document:
    """A board document.

    Attributes:
      titel: the document title (cover and running header).
      ondertitel: a line under the title on the cover.
      omslag: cover fields as (label, value) pairs, e.g. ("Status", "ontwerp").
      secties: the sections in order.
      datum: the generation date (``reports.render.stamp.documentdatum``).
      kenmerk: the ledger fingerprint the document was made from.
      demo: made from the demo ledger: the cover and every page say "Demogegevens".
      organisatie: the issuing body, shown above the title.
      inhoudsopgave: print a table of contents after the cover.
    """

    titel: str
    secties: tuple[Sectie, ...]
    datum: datetime.date
    kenmerk: str = ""
    ondertitel: str = ""
    omslag: tuple[tuple[str, str], ...] = ()
    demo: bool = False
    organisatie: str = "Samen Nieuw-West"
    inhoudsopgave: bool = True


def slug(text: str) -> str:
    """An HTML id from a title: lowercase ASCII words joined by dashes."""
    text = text.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("ï", "i"), ("ü", "u"), ("ö", "o"), ("×", "x"), ("€", "eur")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "sectie"


def _sheet_name(name: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", name)[:31].strip() or "Blad"
    base, counter = name, 2
    while name.lower() in used:
        suffix = f" ({counter})"
        name = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(name.lower())
    return name


def _write_blocks(sheet: Any, sectie: Sectie, row: int, niveau: int) -> int:
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill

    from reports.render.tabel import write_sheet

    first = sectie.inhoud[0] if sectie.inhoud else None
    first_title = first.tabel.titel if isinstance(first, TabelBlok) else getattr(first, "titel", None)
    if niveau > 0 and first_title != sectie.titel:
        sheet.cell(row=row, column=1, value=sectie.titel).font = Font(bold=True, size=12)
        row += 2
    for blok in sectie.inhoud:
        if isinstance(blok, Sectie):
            row = _write_blocks(sheet, blok, row, niveau + 1)
        elif isinstance(blok, (Tabel, TabelBlok)):
            tb = blok if isinstance(blok, TabelBlok) else TabelBlok(blok)
            start = row
            row = write_sheet(sheet, tb.tabel, start_row=start)
            first = start + 3  # title, blank, header
            fill = PatternFill("solid", fgColor="D9D9D9")
            for r, c in sorted(tb.markeringen):
                cell = sheet.cell(row=first + r, column=c + 1)
                cell.font = Font(bold=True)
                cell.fill = fill
            for r in sorted(tb.nadruk_rijen):
                for c in range(len(tb.tabel.kolommen)):
                    sheet.cell(row=first + r, column=c + 1).font = Font(bold=True)
        elif isinstance(blok, Alinea):
            cell = sheet.cell(row=row, column=1, value=blok.tekst)
            if blok.soort == "let-op":
                cell.font = Font(bold=True)
            elif blok.soort == "noot":
                cell.font = Font(italic=True)
            row += 2
        elif isinstance(blok, Lijst):
            if blok.titel:
                sheet.cell(row=row, column=1, value=blok.titel).font = Font(bold=True)
                row += 1
            for index, item in enumerate(blok.items, start=1):
                sheet.cell(row=row, column=1, value=f"{index}. {item}" if blok.genummerd else f"• {item}")
                row += 1
            row += 1
    return row


def _heeft_tekst_of_tabel(sectie: Sectie) -> bool:
    for blok in sectie.inhoud:
        if isinstance(blok, Sectie):
            if _heeft_tekst_of_tabel(blok):
                return True
        elif not isinstance(blok, Grafiek):
            return True
    return False


def document_workbook(document: Document) -> Workbook:
    """The XLSX face: a cover sheet, then one sheet per section (tables and texts).

    Numbers stay numbers (Decimal -> float only here) with Dutch number formats; each
    table's totals row is a SUM formula over the cells above. Charts are left out.

    Args:
      document: the document.
    Returns:
      An openpyxl workbook; save it with ``reports.render.excel.workbook_bytes``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ledger.nl import datum

    workbook = Workbook()
    cover = workbook.active
    used: set[str] = set()
    cover.title = _sheet_name("Omslag", used)
    cover.cell(row=1, column=1, value=document.organisatie).font = Font(size=11)
    cover.cell(row=2, column=1, value=document.titel).font = Font(bold=True, size=16)
    row = 3
    if document.ondertitel:
        cover.cell(row=row, column=1, value=document.ondertitel).font = Font(italic=True)
        row += 1
    if document.demo:
        cover.cell(row=row, column=1, value="Demogegevens — geen echte cijfers").font = Font(bold=True, size=13)
        row += 1
    row += 1
    velden = [*document.omslag, ("Documentdatum", datum(document.datum))]
    if document.kenmerk:
        velden.append(("Grootboek (vingerafdruk)", document.kenmerk))
    for label, waarde in velden:
        cover.cell(row=row, column=1, value=label).font = Font(bold=True)
        cover.cell(row=row, column=2, value=waarde)
        row += 1
    row += 1
    cover.cell(row=row, column=1, value="Bladen").font = Font(bold=True)
    row += 1
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 70
    for sectie in document.secties:
        if sectie.blad == "" or not _heeft_tekst_of_tabel(sectie):
            continue
        name = _sheet_name(sectie.blad or sectie.titel, used)
        sheet = workbook.create_sheet(name)
        cover.cell(row=row, column=1, value=name)
        cover.cell(row=row, column=2, value=sectie.titel)
        row += 1
        sheet.cell(row=1, column=1, value=sectie.titel).font = Font(bold=True, size=14)
        _write_blocks(sheet, sectie, 3, 0)
    return workbook


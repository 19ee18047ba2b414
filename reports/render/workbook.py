"""The XLSX face of a document: a cover sheet, then one sheet per section."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from reports.documents.model import Alinea
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import Tabel
from reports.documents.model import TabelBlok
from reports.render.text import format_cel
from reports.render.text import uren_decimalen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl import Workbook

    from reports.documents.model import Document


def _cel(sheet: Any, row: int, column: int, value: Any) -> Any:
    """A cell with a value; text stays text, even when it starts with "=" (never a formula).

    Only the totals rows get formulas, written directly; any text of a document (a partner's
    description, a name) is stored as a string, so a spreadsheet never evaluates it.
    """
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write_sheet(sheet: Any, tabel: Tabel, start_row: int = 1) -> int:
    """Write a table into an openpyxl sheet: title, header, values, a SUM-formula totals row.

    Returns:
      The next free row.
    """
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    from reports.render import excel

    formats = {"euro": excel.EURO_FORMAT, "getal": excel.GETAL_FORMAT, "uren": excel.UREN_FORMAT,
               "procent": excel.PROCENT_FORMAT, "datum": excel.DATUM_FORMAT}
    _cel(sheet, start_row, 1, tabel.titel).font = Font(bold=True, size=13)
    header_row = start_row + 2
    fill = PatternFill("solid", fgColor="DDDDDD")
    for col, kolom in enumerate(tabel.kolommen, start=1):
        cell = _cel(sheet, header_row, col, kolom.kop)
        cell.font = Font(bold=True)
        cell.fill = fill
    row = header_row
    kolom_decimalen: dict[int, int] = {}  # column -> decimals its hours need (totals row too)
    for row_values in tabel.rijen:
        row += 1
        for col, (value, kolom) in enumerate(zip(row_values, tabel.kolommen), start=1):
            decimalen = uren_decimalen(value) if kolom.soort == "uren" and value is not None else 1
            kolom_decimalen[col] = max(kolom_decimalen.get(col, 1), decimalen)
            if isinstance(value, Decimal):
                value = excel.excel_number(value)
            elif isinstance(value, bool):
                value = "ja" if value else "nee"
            cell = _cel(sheet, row, col, value)
            if kolom.soort in formats:
                cell.number_format = formats[kolom.soort] if decimalen == 1 else excel.uren_format(decimalen)
    if tabel.heeft_totalen and tabel.rijen:
        first, last = header_row + 1, row
        row += 1
        for col, kolom in enumerate(tabel.kolommen, start=1):
            letter = get_column_letter(col)
            if kolom.optellen:
                cell = sheet.cell(row=row, column=col, value=f"=SUM({letter}{first}:{letter}{last})")
                cell.number_format = formats.get(kolom.soort, excel.GETAL_FORMAT) \
                    if kolom_decimalen.get(col, 1) == 1 else excel.uren_format(kolom_decimalen[col])
            elif col == 1:
                cell = _cel(sheet, row, col, tabel.totaal_label)
            else:
                continue
            cell.font = Font(bold=True)
    for col, kolom in enumerate(tabel.kolommen, start=1):
        width = max(len(kolom.kop), *(len(format_cel(r[col - 1], kolom.soort)) for r in tabel.rijen)) \
            if tabel.rijen else len(kolom.kop)
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
    if tabel.toelichting:
        row += 2
        _cel(sheet, row, 1, tabel.toelichting).font = Font(italic=True)
    return row + 2


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

    first = sectie.inhoud[0] if sectie.inhoud else None
    first_title = first.tabel.titel if isinstance(first, TabelBlok) else getattr(first, "titel", None)
    if niveau > 0 and first_title != sectie.titel:
        _cel(sheet, row, 1, sectie.titel).font = Font(bold=True, size=12)
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
            cell = _cel(sheet, row, 1, blok.tekst)
            if blok.soort == "let-op":
                cell.font = Font(bold=True)
            elif blok.soort == "noot":
                cell.font = Font(italic=True)
            row += 2
        elif isinstance(blok, Lijst):
            if blok.titel:
                _cel(sheet, row, 1, blok.titel).font = Font(bold=True)
                row += 1
            for index, item in enumerate(blok.items, start=1):
                _cel(sheet, row, 1, f"{index}. {item}" if blok.genummerd else f"• {item}")
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
    _cel(cover, 1, 1, document.organisatie).font = Font(size=11)
    _cel(cover, 2, 1, document.titel).font = Font(bold=True, size=16)
    row = 3
    if document.ondertitel:
        _cel(cover, row, 1, document.ondertitel).font = Font(italic=True)
        row += 1
    if document.markering:
        _cel(cover, row, 1, document.markering).font = Font(bold=True, size=13)
        row += 1
    if document.demo:
        _cel(cover, row, 1, "Demogegevens — geen echte cijfers").font = Font(bold=True, size=13)
        row += 1
    row += 1
    velden = [*document.omslag, ("Documentdatum", datum(document.datum))]
    if document.kenmerk:
        velden.append(("Grootboek (vingerafdruk)", document.kenmerk))
    for label, waarde in velden:
        _cel(cover, row, 1, label).font = Font(bold=True)
        _cel(cover, row, 2, waarde)
        row += 1
    row += 1
    _cel(cover, row, 1, "Bladen").font = Font(bold=True)
    row += 1
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 70
    for sectie in document.secties:
        if sectie.blad == "" or not _heeft_tekst_of_tabel(sectie):
            continue
        name = _sheet_name(sectie.blad or sectie.titel, used)
        sheet = workbook.create_sheet(name)
        _cel(cover, row, 1, name)
        _cel(cover, row, 2, sectie.titel)
        row += 1
        _cel(sheet, 1, 1, sectie.titel).font = Font(bold=True, size=14)
        _write_blocks(sheet, sectie, 3, 0)
    return workbook


def tables_workbook(bladen: Sequence[tuple[str, Tabel]]) -> Workbook:
    """The XLSX face of tables: a workbook with one sheet per (sheet name, table).

    Args:
      bladen: the sheets in order.
    Returns:
      An openpyxl workbook; save it with ``reports.render.excel.workbook_bytes``.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    used: set[str] = set()
    for index, (blad, tabel) in enumerate(bladen):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = _sheet_name(blad, used)
        write_sheet(sheet, tabel)
    return workbook

"""The XLSX face of a document: a cover sheet, then one sheet per section."""

from __future__ import annotations

import dataclasses
import fnmatch
import glob
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
    import datetime
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


@dataclasses.dataclass
class _Plaats:
    """Where a table landed on a sheet: header row and data rows (``laatste < eerste``: no rows)."""

    sheet: Any
    tabel: Tabel
    kop_rij: int
    eerste: int
    laatste: int


@dataclasses.dataclass
class _Boek:
    """What the finishing steps need of a workbook being written.

    ``plaatsen``: every table, in order; ``teksten``: (sheet, row, font size) of free text in
    column A (titles, paragraphs, notes), merged over the table width and wrapped at the end;
    ``sommen``: (place, row index, column index) of the cells of :class:`Som` columns.
    """

    plaatsen: list[_Plaats] = dataclasses.field(default_factory=list)
    teksten: list[tuple[Any, int, float]] = dataclasses.field(default_factory=list)
    sommen: list[tuple[_Plaats, int, int]] = dataclasses.field(default_factory=list)

    def tekst(self, cell: Any, size: float = 11) -> Any:
        self.teksten.append((cell.parent, cell.row, size))
        return cell


def write_sheet(sheet: Any, tabel: Tabel, start_row: int = 1) -> int:
    """Write a table into an openpyxl sheet: title, header, values, a SUM-formula totals row.

    Returns:
      The next free row.
    """
    return _schrijf_tabel(sheet, tabel, start_row, None)[0]


def _schrijf_tabel(sheet: Any, tabel: Tabel, start_row: int, boek: _Boek | None) -> tuple[int, _Plaats]:
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    from reports.render import excel

    formats = {"euro": excel.EURO_FORMAT, "getal": excel.GETAL_FORMAT, "uren": excel.UREN_FORMAT,
               "procent": excel.PROCENT_FORMAT, "datum": excel.DATUM_FORMAT}
    title = _cel(sheet, start_row, 1, tabel.titel)
    title.font = Font(bold=True, size=13)
    if boek is not None:
        boek.tekst(title, 13)
    header_row = start_row + 2
    fill = PatternFill("solid", fgColor="DDDDDD")
    for col, kolom in enumerate(tabel.kolommen, start=1):
        cell = _cel(sheet, header_row, col, kolom.kop)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top",
                                   horizontal="right" if kolom.soort in (*_GETALSOORTEN, "datum") else None)
    row = header_row
    plaats = _Plaats(sheet, tabel, header_row, header_row + 1, header_row + len(tabel.rijen))
    kolom_decimalen: dict[int, int] = {}  # column -> decimals its hours need (totals row too)
    for index, row_values in enumerate(tabel.rijen):
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
            if kolom.som is not None and boek is not None:
                boek.sommen.append((plaats, index, col - 1))
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
    for col, width in enumerate(_breedtes(tabel), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    if tabel.toelichting:
        row += 2
        cell = _cel(sheet, row, 1, tabel.toelichting)
        cell.font = Font(italic=True)
        if boek is not None:
            boek.tekst(cell)
    if boek is not None:
        boek.plaatsen.append(plaats)
    return row + 2, plaats


_GETALSOORTEN = ("euro", "getal", "uren", "procent")
_TEKST_MAX = 50  # the widest a text column gets; longer texts wrap
_KOP_MIN = 14  # a header up to this length sets its column's width; longer headers wrap at words


def _breedtes(tabel: Tabel) -> list[float]:
    """Column widths (characters) that show every value of the table, totals included.

    Numbers get room for their Dutch formatting plus a margin (no ``###``); text columns are
    capped at ``_TEKST_MAX`` (their long cells wrap); headers wrap at words.
    """
    totalen = tabel.totalen() if tabel.heeft_totalen else None
    out = []
    for index, kolom in enumerate(tabel.kolommen):
        waarden = [format_cel(r[index], kolom.soort) for r in tabel.rijen]
        if totalen is not None and kolom.optellen:
            waarden.append(format_cel(totalen[index], kolom.soort))
        langste = max((len(w) for w in waarden), default=0)
        kop = len(kolom.kop) if len(kolom.kop) <= _KOP_MIN else max(len(w) for w in kolom.kop.split())
        if kolom.soort in _GETALSOORTEN or kolom.soort == "datum":
            width = max(langste + 4, kop + 2)  # bold totals and the minus sign need a little more
        else:
            width = min(max(langste, kop) + 2, _TEKST_MAX)
        out.append(max(width, 8))
    return out


def _sheet_name(name: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", name)[:31].strip() or "Blad"
    base, counter = name, 2
    while name.lower() in used:
        suffix = f" ({counter})"
        name = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(name.lower())
    return name


def _write_blocks(sheet: Any, sectie: Sectie, row: int, niveau: int, boek: _Boek) -> int:
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill

    first = sectie.inhoud[0] if sectie.inhoud else None
    first_title = first.tabel.titel if isinstance(first, TabelBlok) else getattr(first, "titel", None)
    if niveau > 0 and first_title != sectie.titel:
        boek.tekst(_cel(sheet, row, 1, sectie.titel), 12).font = Font(bold=True, size=12)
        row += 2
    for blok in sectie.inhoud:
        if isinstance(blok, Sectie):
            row = _write_blocks(sheet, blok, row, niveau + 1, boek)
        elif isinstance(blok, (Tabel, TabelBlok)):
            tb = blok if isinstance(blok, TabelBlok) else TabelBlok(blok)
            start = row
            row, _ = _schrijf_tabel(sheet, tb.tabel, start, boek)
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
            cell = boek.tekst(_cel(sheet, row, 1, blok.tekst))
            if blok.soort == "let-op":
                cell.font = Font(bold=True)
            elif blok.soort == "noot":
                cell.font = Font(italic=True)
            row += 2
        elif isinstance(blok, Lijst):
            if blok.titel:
                boek.tekst(_cel(sheet, row, 1, blok.titel)).font = Font(bold=True)
                row += 1
            for index, item in enumerate(blok.items, start=1):
                boek.tekst(_cel(sheet, row, 1, f"{index}. {item}" if blok.genummerd else f"• {item}"))
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
    table's totals row is a SUM formula over the cells above, and a :class:`Som` column a
    SUMIFS formula over its detail table. Every sheet is fit for work (see :func:`_werkbaar`):
    frozen header and key column, a filter on each table, widths that show the numbers,
    wrapped text, A4 landscape at fit-to-width with the fingerprint and the date in the footer.
    Charts are left out.

    Args:
      document: the document.
    Returns:
      An openpyxl workbook; save it with ``reports.render.excel.workbook_bytes``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font

    from ledger.nl import datum

    workbook = Workbook()
    boek = _Boek()
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
        _cel(cover, row, 2, waarde).alignment = Alignment(wrap_text=True, vertical="top")
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
        boek.tekst(_cel(sheet, 1, 1, sectie.titel), 14).font = Font(bold=True, size=14)
        _write_blocks(sheet, sectie, 3, 0, boek)
    _werkbaar(workbook, boek, titel=document.titel, kenmerk=document.kenmerk, documentdatum=document.datum)
    return workbook


def tables_workbook(bladen: Sequence[tuple[str, Tabel]], *, titel: str = "", kenmerk: str = "",
                    documentdatum: datetime.date | None = None) -> Workbook:
    """The XLSX face of tables: a workbook with one sheet per (sheet name, table).

    Each sheet states the document date and the ledger fingerprint under the table title
    (row 2) and in the print footer; sheets are fit for work as in :func:`document_workbook`.

    Args:
      bladen: the sheets in order.
      titel: the running print header (e.g. "Geldstromen 2026"); default the first table's title.
      kenmerk: the fingerprint of the ledger the tables come from (``ledger.load.vingerafdruk``).
      documentdatum: the date the file is made (``reports.render.stamp.documentdatum``).
    Returns:
      An openpyxl workbook; save it with ``reports.render.excel.workbook_bytes``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ledger.nl import datum

    workbook = Workbook()
    boek = _Boek()
    used: set[str] = set()
    regel = "; ".join(([f"Documentdatum {datum(documentdatum)}"] if documentdatum else [])
                      + ([f"grootboek (vingerafdruk) {kenmerk}"] if kenmerk else []))
    for index, (blad, tabel) in enumerate(bladen):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = _sheet_name(blad, used)
        _schrijf_tabel(sheet, tabel, 1, boek)
        if regel:
            boek.tekst(_cel(sheet, 2, 1, regel)).font = Font(italic=True, size=9)
    if not titel and bladen:
        titel = bladen[0][1].titel
    _werkbaar(workbook, boek, titel=titel, kenmerk=kenmerk, documentdatum=documentdatum)
    return workbook


# ---- fit for work: formulas over detail sheets, widths, wrapping, panes, filters, print --------


def _werkbaar(workbook: Workbook, boek: _Boek, *, titel: str, kenmerk: str,
              documentdatum: datetime.date | None) -> None:
    """Finish every sheet: Som formulas, widths, wrapped text, frozen panes, filters, print setup."""
    _sommen(boek)
    per_blad: dict[str, list[_Plaats]] = {}
    for plaats in boek.plaatsen:
        per_blad.setdefault(plaats.sheet.title, []).append(plaats)
    teksten: dict[str, list[tuple[int, float]]] = {}
    for sheet, row, size in boek.teksten:
        teksten.setdefault(sheet.title, []).append((row, size))
    nummer = 0
    for sheet in workbook.worksheets:
        plaatsen = per_blad.get(sheet.title, [])
        _kolombreedtes(sheet, plaatsen)
        _tekst_terugloop(sheet, plaatsen, teksten.get(sheet.title, []))
        _vensters(sheet, plaatsen)
        for plaats in plaatsen:
            if _als_tabel(plaats, nummer + 1):
                nummer += 1
        _afdrukken(sheet, plaatsen, titel=titel, kenmerk=kenmerk, documentdatum=documentdatum)


def _kolombreedtes(sheet: Any, plaatsen: list[_Plaats]) -> None:
    """Each column as wide as the widest of the sheet's tables needs (the last table no longer wins)."""
    from openpyxl.utils import get_column_letter

    breedtes: dict[int, float] = {}
    for plaats in plaatsen:
        for col, width in enumerate(_breedtes(plaats.tabel), start=1):
            breedtes[col] = max(breedtes.get(col, 0), width)
    for col, width in breedtes.items():
        sheet.column_dimensions[get_column_letter(col)].width = width
    if not plaatsen and sheet.title != "Omslag":
        sheet.column_dimensions["A"].width = 110  # a sheet of text only: one wide, wrapped column


def _breedte(sheet: Any, col: int) -> float:
    from openpyxl.utils import get_column_letter

    return sheet.column_dimensions[get_column_letter(col)].width or 8.43


def _regels(text: str, width: float, size: float) -> int:
    """How many lines ``text`` needs in ``width`` characters at font ``size`` (generous)."""
    per_regel = max(1.0, width * 1.15 * 11 / size)  # a text character is narrower than the width unit "0"
    return sum(max(1, -(-len(deel) // int(per_regel))) for deel in text.split("\n"))


def _hoogte(regels: int, size: float = 11) -> float:
    return round(regels * size * 1.4, 1)


def _tekst_terugloop(sheet: Any, plaatsen: list[_Plaats], teksten: list[tuple[int, float]]) -> None:
    """Wrap long texts instead of letting them run over the next cells, and give their rows room.

    Free text in column A is merged over the width of the sheet's tables; a table cell
    longer than its (capped) column wraps. Row heights are set explicitly, since neither
    LibreOffice nor Excel grows a merged row by itself.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    kolommen = max((len(p.tabel.kolommen) for p in plaatsen), default=1)
    totaal = sum(_breedte(sheet, col) for col in range(1, kolommen + 1))
    hoogtes: dict[int, float] = {}
    for plaats in plaatsen:
        for index, kolom in enumerate(plaats.tabel.kolommen, start=1):
            width = _breedte(sheet, index)
            for r in range(plaats.eerste, plaats.laatste + 1):
                cell = sheet.cell(row=r, column=index)
                lang = kolom.soort == "tekst" and isinstance(cell.value, str) and len(cell.value) > width - 2
                # every cell of a row at the top, so a wrapped text lines up with its amounts
                cell.alignment = Alignment(wrap_text=lang, vertical="top")
                if lang:
                    hoogtes[r] = max(hoogtes.get(r, 0), _hoogte(_regels(cell.value, width - 2, 11)))
            kop = sheet.cell(row=plaats.kop_rij, column=index)
            hoogtes[plaats.kop_rij] = max(hoogtes.get(plaats.kop_rij, 0),
                                          _hoogte(_regels(str(kop.value), width - 1, 11)))
    for row, size in teksten:
        cell = sheet.cell(row=row, column=1)
        if not isinstance(cell.value, str):
            continue
        regels = _regels(cell.value, totaal - 1, size)
        if kolommen > 1 and len(cell.value) > _breedte(sheet, 1):
            sheet.merge_cells(f"A{row}:{get_column_letter(kolommen)}{row}")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if regels > 1 or size > 11:
            hoogtes[row] = max(hoogtes.get(row, 0), _hoogte(regels, size))
    for row, height in sorted(hoogtes.items()):
        if height > _hoogte(1):
            sheet.row_dimensions[row].height = height


def _sleutelkolom(tabel: Tabel) -> bool:
    """The first column is the key of a row (a code or name) when it is text and more follow."""
    return len(tabel.kolommen) >= 3 and tabel.kolommen[0].soort == "tekst"


_VRIJ_BOVEN_MAX = 160  # points of rows above a frozen header; more would fill the screen


def _vensters(sheet: Any, plaatsen: list[_Plaats]) -> None:
    """Freeze the header row (and the key column) of the sheet's first table.

    When the rows above that header are too tall to freeze (long paragraphs first), or the
    sheet's tables have different headers, only the sheet title row stays in view.
    """
    if not plaatsen:
        return
    first = plaatsen[0]
    koppen = {tuple(k.kop for k in p.tabel.kolommen) for p in plaatsen}
    boven = sum(sheet.row_dimensions[r].height or _hoogte(1) for r in range(1, first.kop_rij))
    row = first.kop_rij + 1 if len(koppen) == 1 and boven <= _VRIJ_BOVEN_MAX else 2
    column = 2 if all(_sleutelkolom(p.tabel) for p in plaatsen) else 1
    sheet.freeze_panes = sheet.cell(row=row, column=column)


def _als_tabel(plaats: _Plaats, nummer: int) -> bool:
    """Make the table's header and rows an Excel table, with its own filter buttons.

    Only when Excel accepts it without repair: at least one row, and headers that are
    distinct non-empty texts. The totals row stays outside (a SUM over the table's rows).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table

    koppen = [k.kop for k in plaats.tabel.kolommen]
    if plaats.laatste < plaats.eerste or not all(k.strip() and "\n" not in k for k in koppen) \
            or len({k.casefold() for k in koppen}) != len(koppen):
        return False
    ref = f"A{plaats.kop_rij}:{get_column_letter(len(koppen))}{plaats.laatste}"
    plaats.sheet.add_table(Table(displayName=f"Tabel{nummer}", ref=ref, autoFilter=AutoFilter(ref=ref)))
    return True


def _kopvoet(text: str) -> str:
    """Text for a print header or footer: "&" starts a code there, so it is doubled."""
    return text.replace("&", "&&")


def _afdrukken(sheet: Any, plaatsen: list[_Plaats], *, titel: str, kenmerk: str,
               documentdatum: datetime.date | None) -> None:
    """A4 landscape, fit to the page width (as many pages down as needed), header rows repeated,
    the title and sheet at the top, the fingerprint, page number and date at the bottom."""
    from openpyxl.worksheet.page import PageMargins

    from ledger.nl import datum

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = False
    if plaatsen:
        koppen = {tuple(k.kop for k in p.tabel.kolommen) for p in plaatsen}
        kop = plaatsen[0].kop_rij if len(koppen) == 1 else 1
        sheet.print_title_rows = f"{kop}:{kop}"
    sheet.oddHeader.left.text = _kopvoet(titel)
    sheet.oddHeader.left.size = 9
    sheet.oddHeader.right.text = "&A"  # the sheet name
    sheet.oddHeader.right.size = 9
    if kenmerk:
        sheet.oddFooter.left.text = _kopvoet(f"Grootboek (vingerafdruk) {kenmerk}")
        sheet.oddFooter.left.size = 9
    sheet.oddFooter.center.text = "Pagina &P van &N"
    sheet.oddFooter.center.size = 9
    if documentdatum:
        sheet.oddFooter.right.text = _kopvoet(datum(documentdatum))
        sheet.oddFooter.right.size = 9


_CRITERIUM_TEKENS = frozenset("*?~<>=\"")  # SUMIFS reads these in a criterion as wildcards or operators


def _sommen(boek: _Boek) -> None:
    """Turn the cells of :class:`Som` columns into formulas over their detail tables.

    Each cell becomes ``SUMIFS(detail column, detail key column, this row's key cell)`` (one
    term per matched detail table, added), or ``SUM(detail column)`` without a key. The key is
    referenced as a cell, never typed into the formula. A cell keeps its typed value when no
    detail table is in the workbook, its key is not a plain code, or the detail rows do not add
    up to it (a filtered detail, e.g. a Fava download with an account filter): the XLSX never
    shows another figure than the PDF.

    Raises:
      ValueError: a declared sum names a column the detail table lacks (a programming error).
    """
    from openpyxl.utils import get_column_letter

    for plaats, index, col in boek.sommen:
        kolom = plaats.tabel.kolommen[col]
        som = kolom.som
        assert som is not None
        rij = plaats.tabel.rijen[index]
        sleutel = rij[som.per]
        if "{}" in som.bron or som.sleutel:
            if not isinstance(sleutel, str) or not sleutel or _CRITERIUM_TEKENS & set(sleutel):
                continue
        patroon = som.bron.replace("{}", glob.escape(sleutel) if isinstance(sleutel, str) else "")
        bronnen = [p for p in boek.plaatsen if p.tabel.naam and fnmatch.fnmatchcase(p.tabel.naam, patroon)]
        if not bronnen:
            continue
        verwacht = Decimal(0)
        termen = []
        sleutelcel = f"${get_column_letter(som.per + 1)}{plaats.eerste + index}"
        for bron in bronnen:
            koppen = [k.kop for k in bron.tabel.kolommen]
            if som.kolom not in koppen or (som.sleutel and som.sleutel not in koppen):
                msg = f"Som van {bron.tabel.naam!r}: kolom {som.kolom!r} of {som.sleutel!r} ontbreekt"
                raise ValueError(msg)
            waarde = koppen.index(som.kolom)
            sleutelindex = koppen.index(som.sleutel) if som.sleutel else None
            verwacht += sum((r[waarde] or Decimal(0) for r in bron.tabel.rijen
                             if sleutelindex is None or r[sleutelindex] == sleutel), Decimal(0))
            if bron.laatste < bron.eerste:
                continue
            blad = "'" + bron.sheet.title.replace("'", "''") + "'!"
            bereik = (f"{blad}${get_column_letter(waarde + 1)}${bron.eerste}:"
                      f"${get_column_letter(waarde + 1)}${bron.laatste}")
            if sleutelindex is None:
                termen.append(f"SUM({bereik})")
            else:
                sleutels = (f"{blad}${get_column_letter(sleutelindex + 1)}${bron.eerste}:"
                            f"${get_column_letter(sleutelindex + 1)}${bron.laatste}")
                termen.append(f"SUMIFS({bereik},{sleutels},{sleutelcel})")
        gegeven = rij[col] if rij[col] is not None else Decimal(0)
        if termen and verwacht == gegeven:
            plaats.sheet.cell(row=plaats.eerste + index, column=col + 1).value = "=" + "+".join(termen)

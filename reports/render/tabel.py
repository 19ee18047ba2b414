"""A simple table model (columns with a kind, rows of raw values) and its text/CSV/XLSX faces.

Compute functions return dataclasses; a report picks its columns here and each face only
formats. Totals in XLSX are formulas over the cells above, so the sheet stays live.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from decimal import Decimal
from typing import Any

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent


@dataclasses.dataclass(frozen=True)
class Kolom:
    """A column: header, kind ("tekst", "euro", "getal", "uren", "procent", "datum"), sum in totals row."""

    kop: str
    soort: str = "tekst"
    optellen: bool = False


@dataclasses.dataclass(frozen=True)
class Tabel:
    """A titled table with rows of raw values (Decimal, date, str, None)."""

    titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Any, ...], ...]
    totaal_label: str | None = "Totaal"
    toelichting: str = ""

    def totalen(self) -> tuple[Any, ...]:
        """The totals row (sums of the columns marked ``optellen``)."""
        row: list[Any] = []
        for index, kolom in enumerate(self.kolommen):
            if kolom.optellen:
                row.append(sum((r[index] for r in self.rijen if r[index] is not None), Decimal(0)))
            elif index == 0:
                row.append(self.totaal_label)
            else:
                row.append(None)
        return tuple(row)

    @property
    def heeft_totalen(self) -> bool:
        return self.totaal_label is not None and any(k.optellen for k in self.kolommen)


def format_cel(value: Any, soort: str) -> str:
    """Format one value for people (Dutch)."""
    if value is None:
        return ""
    if soort == "euro":
        return euro(value)
    if soort == "getal":
        return getal(value)
    if soort == "uren":
        return getal(value, 1)
    if soort == "procent":
        return procent(value, 1)
    if soort == "datum" and isinstance(value, datetime.date):
        return datum(value, "short")
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def render_text(tabel: Tabel) -> str:
    """An aligned plain-text table for the terminal."""
    rows = [tuple(format_cel(v, k.soort) for v, k in zip(r, tabel.kolommen)) for r in tabel.rijen]
    if tabel.heeft_totalen:
        rows.append(tuple(format_cel(v, k.soort) for v, k in zip(tabel.totalen(), tabel.kolommen)))
    headers = tuple(k.kop for k in tabel.kolommen)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    right = [k.soort in ("euro", "getal", "uren", "procent") for k in tabel.kolommen]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right)).rstrip()

    out = [tabel.titel, "", line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows[: len(tabel.rijen)])
    if tabel.heeft_totalen:
        out.append("  ".join("-" * w for w in widths))
        out.append(line(rows[-1]))
    if tabel.toelichting:
        out.extend(["", tabel.toelichting])
    return "\n".join(out) + "\n"


def csv_cel(value: Any, soort: str) -> str:
    """CSV cell the way Dutch Excel reads it: decimal comma, thousands dots, no currency sign."""
    if value is None:
        return ""
    if soort == "euro":
        return getal(value, 2)
    if soort == "procent":
        return getal(Decimal(value) * 100, 1)
    return format_cel(value, soort)


def render_csv(tabel: Tabel) -> str:
    """Semicolon-separated CSV with Dutch numbers (opens directly in Dutch Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([k.kop for k in tabel.kolommen])
    for row in tabel.rijen:
        writer.writerow([csv_cel(v, k.soort) for v, k in zip(row, tabel.kolommen)])
    return buffer.getvalue()


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
    sheet.cell(row=start_row, column=1, value=tabel.titel).font = Font(bold=True, size=13)
    header_row = start_row + 2
    fill = PatternFill("solid", fgColor="DDDDDD")
    for col, kolom in enumerate(tabel.kolommen, start=1):
        cell = sheet.cell(row=header_row, column=col, value=kolom.kop)
        cell.font = Font(bold=True)
        cell.fill = fill
    row = header_row
    for row_values in tabel.rijen:
        row += 1
        for col, (value, kolom) in enumerate(zip(row_values, tabel.kolommen), start=1):
            if isinstance(value, Decimal):
                value = excel.excel_number(value)
            elif isinstance(value, bool):
                value = "ja" if value else "nee"
            cell = sheet.cell(row=row, column=col, value=value)
            if kolom.soort in formats:
                cell.number_format = formats[kolom.soort]
    if tabel.heeft_totalen and tabel.rijen:
        first, last = header_row + 1, row
        row += 1
        for col, kolom in enumerate(tabel.kolommen, start=1):
            letter = get_column_letter(col)
            if kolom.optellen:
                cell = sheet.cell(row=row, column=col, value=f"=SUM({letter}{first}:{letter}{last})")
                cell.number_format = formats.get(kolom.soort, excel.GETAL_FORMAT)
            elif col == 1:
                cell = sheet.cell(row=row, column=col, value=tabel.totaal_label)
            else:
                continue
            cell.font = Font(bold=True)
    for col, kolom in enumerate(tabel.kolommen, start=1):
        width = max(len(kolom.kop), *(len(format_cel(r[col - 1], kolom.soort)) for r in tabel.rijen)) \
            if tabel.rijen else len(kolom.kop)
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
    if tabel.toelichting:
        row += 2
        sheet.cell(row=row, column=1, value=tabel.toelichting).font = Font(italic=True)
    return row + 2

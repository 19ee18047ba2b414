"""Hours are shown exactly: in text, CSV, HTML (``format_cel``) and in the XLSX number format."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from reports.documents.model import Kolom
from reports.documents.model import Tabel
from reports.render.text import csv_cel
from reports.render.text import format_cel
from reports.render.text import render_text
from reports.render.workbook import write_sheet

D = Decimal


def test_format_cel_shows_hours_exactly() -> None:
    assert format_cel(D("108.75"), "uren") == "108,75"
    assert format_cel(D("108.750"), "uren") == "108,75"
    assert format_cel(D("12.5"), "uren") == "12,5"
    assert format_cel(D("1787"), "uren") == "1.787,0"
    assert format_cel(D("0.25"), "uren") == "0,25"
    assert format_cel(D(0), "uren") == "0,0"
    assert csv_cel(D("108.75"), "uren") == "108,75"


def _tabel() -> Tabel:
    return Tabel(titel="Uren", kolommen=(Kolom("Partner"), Kolom("Uren", "uren", True), Kolom("Hele uren", "uren", True)),
                 rijen=(("HVA", D("108.75"), D(10)), ("GEM-AMS", D(50), D(20))))


def test_text_totals_exact() -> None:
    tekst = render_text(_tabel())
    assert "108,75" in tekst and "158,75" in tekst and "30,0" in tekst


def test_xlsx_number_format_shows_the_decimals() -> None:
    sheet = Workbook().active
    write_sheet(sheet, _tabel())
    # title row 1, header row 3, rows 4-5, totals row 6
    assert (sheet["B4"].value, sheet["B4"].number_format) == (108.75, "#,##0.00")
    assert sheet["B5"].number_format == "#,##0.0"
    assert (sheet["B6"].value, sheet["B6"].number_format) == ("=SUM(B4:B5)", "#,##0.00")
    assert sheet["C4"].number_format == sheet["C6"].number_format == "#,##0.0"

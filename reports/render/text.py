"""A simple table model (columns with a kind, rows of raw values) and its text/CSV/XLSX faces.

Compute functions return dataclasses; a report picks its columns here and each face only
formats. Totals in XLSX are formulas over the cells above, so the sheet stays live.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent


def uren_decimalen(value: Any) -> int:
    """Decimals to show hours exactly: as many as the value has, at least one (``108.75`` -> 2)."""
    if not isinstance(value, Decimal):
        return 1
    exponent = value.normalize().as_tuple().exponent
    return max(1, -exponent) if isinstance(exponent, int) else 1


def format_cel(value: Any, soort: str) -> str:
    """Format one value for people (Dutch); hours exactly (``108,75``, ``1.787,0``)."""
    if value is None:
        return ""
    if soort == "euro":
        return euro(value)
    if soort == "getal":
        return getal(value)
    if soort == "uren":
        return getal(value, uren_decimalen(value))
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

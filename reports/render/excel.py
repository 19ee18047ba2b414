"""XLSX output with Dutch number formats, formulas for sums and deterministic bytes."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.render.stamp import documentmoment

if TYPE_CHECKING:
    import datetime

    from openpyxl import Workbook

# Excel stores formats locale-independently; Dutch Excel shows these as 1.234,56.
EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
GETAL_FORMAT = "#,##0"
UREN_FORMAT = "#,##0.0"  # hours with more decimals get uren_format(n), so they show exactly
PROCENT_FORMAT = "0.0%"
DATUM_FORMAT = "dd-mm-yyyy"


def uren_format(decimalen: int) -> str:
    """The number format that shows hours with ``decimalen`` decimals (at least one)."""
    return "#,##0." + "0" * max(1, decimalen)


def excel_number(value: Decimal | int | None) -> float | int | None:
    """Decimal -> float only here, at the edge (as Fava's excel export does)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def workbook_bytes(workbook: Workbook, moment: datetime.datetime | None = None) -> bytes:
    """Save a workbook to bytes that are identical for identical content.

    openpyxl stamps 'modified' with the current time and the zip entries with the current
    time; both are replaced with ``moment`` (default: the document date).
    """
    moment = moment or documentmoment()
    workbook.properties.creator = "Samen Nieuw-West ledger"
    workbook.properties.created = moment
    workbook.properties.lastModifiedBy = "Samen Nieuw-West ledger"
    raw = io.BytesIO()
    workbook.save(raw)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\2", content)
                content = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\2", content)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()

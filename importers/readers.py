"""Reading partner files into tables: CSV (any encoding and delimiter) and XLSX sheets.

Real exports come as ``;``-separated CSV in UTF-8 with a BOM or in Windows-1252, with title
lines above the header, and as workbooks with several sheets. These readers return the
cells as they are (text for CSV; numbers, dates and text for XLSX) with the row numbers a
partner sees in Excel or a text editor, as ``Invoertabel``s; interpreting them is the job of
``importers.values`` and ``importers.processing``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from importers.errors import Leesfout

BOM = b"\xef\xbb\xbf"
SCHEIDINGSTEKENS = (";", ",", "\t", "|")
MAX_CEL = 2000  # characters in one cell; a description is a sentence, not a document
GEEN_XLSX = "geen geldig XLSX-bestand (beschadigd of een ander formaat)"
LEEG = "bestand is leeg"
GEEN_RIJEN = "geen gegevensrijen onder de kopregel"
# csv's own limit (128 KiB) would stop at a huge cell with a cryptic message; read it, then
# refuse it by row and column (``te_grote_cellen``).
_CSV_VELD = 64 * 1024 * 1024


def controleer_bestand(pad: str | Path) -> str | None:
    """What makes a file unreadable before any importer looks at it, or None.

    Args:
      pad: the partner's file.
    Returns:
      ``bestand is leeg`` (no bytes, or only a BOM and white space), the XLSX message for a
      ``.xlsx`` that is no workbook (truncated, or a picture renamed), or None.
    """
    pad = Path(pad)
    try:
        with pad.open("rb") as handle:
            begin = handle.read(4096)
    except OSError as exc:
        return f"bestand niet te lezen: {exc.strerror or exc}"
    if not begin.removeprefix(BOM).strip():
        if pad.stat().st_size <= 4096 or not pad.read_bytes().removeprefix(BOM).strip():
            return LEEG
    if pad.suffix.lower() == ".xlsx" and not is_xlsx(pad):
        return GEEN_XLSX
    return None


def te_grote_cellen(tabel: Invoertabel) -> list[tuple[int, int]]:
    """(row, column index) of every text cell longer than ``MAX_CEL`` characters."""
    return [(nummer, index) for nummer, values in tabel.rijen for index, value in enumerate(values)
            if isinstance(value, str) and len(value) > MAX_CEL]


@dataclasses.dataclass(frozen=True)
class Invoertabel:
    """One sheet (or a CSV file) of a partner's file as read: header and numbered data rows.

    The cells are as read (text for CSV; numbers, dates and text for XLSX); each data row
    comes with the row number the partner sees.
    """

    blad: str | None
    kopregel: int
    koppen: tuple[str, ...]
    rijen: tuple[tuple[int, tuple[Any, ...]], ...]


def lees_tekst(pad: str | Path, codering: str = "auto") -> str:
    """Decode a text file.

    Args:
      pad: the file.
      codering: an encoding name, or ``auto``: UTF-8 (with or without BOM), else Windows-1252.
    Returns:
      The text (without a BOM).
    Raises:
      Leesfout: the bytes do not decode in the given encoding.
    """
    raw = Path(pad).read_bytes()
    if codering.lower() in ("auto", "utf-8-sig", "utf8-sig", "utf-8", "utf8") and raw.startswith(BOM):
        raw = raw[len(BOM):]
        codering = "utf-8"
    if codering.lower() == "auto":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            codering = "cp1252"
    try:
        return raw.decode(codering)
    except UnicodeDecodeError as exc:
        rij = raw[: exc.start].count(b"\n") + 1
        raise Leesfout(f"het bestand is niet in codering {codering} (teken op rij {rij}); "
                       "zet codering: auto of de juiste codering in de koppeling", rij) from exc
    except LookupError as exc:
        raise Leesfout(f"onbekende codering '{codering}' in de koppeling") from exc


def raad_scheidingsteken(regel: str) -> str:
    """The delimiter that splits a header line into the most columns (``;`` wins ties)."""
    counts = [(regel.count(teken), -index, teken) for index, teken in enumerate(SCHEIDINGSTEKENS)]
    return max(counts)[2] if max(counts)[0] else ";"


def lees_csv(pad: str | Path, *, codering: str = "auto", scheidingsteken: str = "auto",
             kopregel: int = 1) -> Invoertabel:
    """Read a CSV file.

    Args:
      pad: the file.
      codering: see ``lees_tekst``.
      scheidingsteken: ``;``, ``,``, tab, ``|`` or ``auto`` (guessed from the header line).
      kopregel: the line with the column names (1 = first line).
    Returns:
      The table; row numbers are the line numbers where each record starts.
    """
    text = lees_tekst(pad, codering)
    lines = text.splitlines()
    if len(lines) < kopregel:
        raise Leesfout(f"het bestand heeft geen kopregel op rij {kopregel}", kopregel)
    if scheidingsteken == "auto":
        scheidingsteken = raad_scheidingsteken(lines[kopregel - 1])
    elif scheidingsteken in ("tab", "\\t"):
        scheidingsteken = "\t"
    if csv.field_size_limit() < _CSV_VELD:
        csv.field_size_limit(_CSV_VELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=scheidingsteken)
    koppen: tuple[str, ...] = ()
    rijen: list[tuple[int, tuple[Any, ...]]] = []
    start = 1
    try:
        for record in reader:
            nummer = start
            start = reader.line_num + 1
            if nummer < kopregel:
                continue
            if nummer == kopregel:
                koppen = tuple(cell.strip() for cell in record)
                continue
            rijen.append((nummer, tuple(record)))
    except csv.Error as exc:
        raise Leesfout(f"CSV niet te lezen: {exc}", start) from exc
    return Invoertabel(None, kopregel, koppen, tuple(rijen))


def kop_csv(pad: str | Path, *, codering: str = "auto", scheidingsteken: str = "auto",
            kopregel: int = 1) -> tuple[str, ...] | None:
    """Only the header of a CSV file (cheap, for ``identify``); None when unreadable."""
    try:
        with Path(pad).open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    if head.startswith(BOM):
        head = head[len(BOM):]
    lines = head.split(b"\n")
    if len(lines) <= kopregel - 1 or (len(lines) == kopregel and len(head) == 64 * 1024):
        return None
    raw = lines[kopregel - 1].rstrip(b"\r")
    encodings = ("utf-8", "cp1252") if codering.lower() == "auto" else (codering,)
    for encoding in encodings:
        try:
            line = raw.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        return None
    teken = raad_scheidingsteken(line) if scheidingsteken == "auto" else (
        "\t" if scheidingsteken in ("tab", "\\t") else scheidingsteken)
    try:
        return tuple(cell.strip() for cell in next(csv.reader([line], delimiter=teken)))
    except (StopIteration, csv.Error):
        return None


def is_xlsx(pad: str | Path) -> bool:
    """Tell whether a file is an XLSX workbook (zip with ``xl/workbook.xml``)."""
    try:
        with zipfile.ZipFile(pad) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def bladnamen(pad: str | Path) -> list[str]:
    """Sheet names of a workbook, cheaply (from ``xl/workbook.xml``)."""
    try:
        with zipfile.ZipFile(pad) as archive:
            root = ET.fromstring(archive.read("xl/workbook.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return []
    return [sheet.get("name", "") for sheet in root.iter() if sheet.tag.endswith("}sheet")]


def schat_rijen_xlsx(pad: str | Path, bladen: Sequence[str] | str | None = None) -> int:
    """Rows in the chosen sheets according to their stored dimensions (cheap; for a progress bar)."""
    import openpyxl  # lazy: slow to import, and CSV files do not need it

    try:
        workbook = openpyxl.load_workbook(pad, read_only=True)
    except Exception:  # noqa: BLE001 - unreadable: no estimate
        return 0
    try:
        if bladen is None:
            names = workbook.sheetnames[:1]
        elif bladen == "alle":
            names = workbook.sheetnames
        else:
            names = [name for name in bladen if name in workbook.sheetnames]
        return sum(workbook[name].max_row or 0 for name in names)
    finally:
        workbook.close()


def _trim(values: Sequence[Any]) -> tuple[Any, ...]:
    values = list(values)
    while values and (values[-1] is None or (isinstance(values[-1], str) and not values[-1].strip())):
        values.pop()
    return tuple(values)


def lees_xlsx(pad: str | Path, *, bladen: Sequence[str] | str | None = None, kopregel: int = 1,
              kop_zoeken: Sequence[str] = ()) -> list[Invoertabel]:
    """Read sheets of a workbook.

    Args:
      pad: the workbook.
      bladen: sheet names, ``"alle"`` for every visible sheet, or None for the first sheet.
      kopregel: the row with the column names.
      kop_zoeken: when given, the header is the first row (from ``kopregel`` on, within 20
        rows) that holds all these column names; useful when title rows vary per sheet.
    Returns:
      One table per sheet, in workbook order.
    """
    import openpyxl  # lazy: slow to import, and CSV files do not need it

    if not is_xlsx(pad):
        raise Leesfout(GEEN_XLSX)
    try:
        workbook = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise Leesfout(GEEN_XLSX) from exc
    try:
        return _lees_bladen(workbook, bladen, kopregel, kop_zoeken)
    except Leesfout:
        raise
    except Exception as exc:  # a damaged sheet inside a readable zip (truncated member, bad XML)
        raise Leesfout(GEEN_XLSX) from exc
    finally:
        workbook.close()


def _lees_bladen(workbook: Any, bladen: Sequence[str] | str | None, kopregel: int,
                 kop_zoeken: Sequence[str]) -> list[Invoertabel]:
    """The chosen sheets of an open workbook as tables (see ``lees_xlsx``)."""
    names = workbook.sheetnames
    if bladen is None:
        gekozen = names[:1]
    elif bladen == "alle":
        gekozen = [name for name in names if workbook[name].sheet_state == "visible"]
    else:
        gekozen = list(bladen)  # type: ignore[arg-type]
        ontbrekend = [name for name in gekozen if name not in names]
        if ontbrekend:
            raise Leesfout(f"blad {', '.join(ontbrekend)} ontbreekt (bladen: {', '.join(names)})")
    tabellen = []
    for name in gekozen:
        sheet = workbook[name]
        rows = [(index, _trim(values)) for index, values in enumerate(sheet.iter_rows(values_only=True), 1)]
        kop = kopregel
        if kop_zoeken:
            wanted = {k.strip().lower() for k in kop_zoeken}
            for index, values in rows[kopregel - 1: kopregel + 19]:
                cells = {str(v).strip().lower() for v in values if v is not None}
                if wanted <= cells:
                    kop = index
                    break
            else:
                raise Leesfout(f"geen kopregel met de kolommen {', '.join(kop_zoeken)} gevonden",
                               kopregel, blad=name)
        koppen = tuple("" if v is None else str(v).strip() for v in rows[kop - 1][1]) if len(rows) >= kop else ()
        tabellen.append(Invoertabel(name, kop, koppen, tuple(row for row in rows if row[0] > kop)))
    return tabellen

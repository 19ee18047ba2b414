"""Cell values as partners write them: Dutch numbers, dates, text, actielijn and stream codes.

Pure functions on one cell; nothing here knows the ledger beyond ``ledger.model.EIGEN``.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from ledger import model
from ledger.nl import datum as nl_datum

CENT = Decimal("0.01")
EIGEN_MIDDELEN = "eigen middelen"

_MINUS = "-\u2212\u2013"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NL_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CURRENCY = re.compile(r"^(?:€|eur)|(?:€|eur)$", re.IGNORECASE)


def parse_getal(value: Any, decimaalteken: str = ",") -> Decimal | None:
    """Read a number as partners write it.

    Handles ``1.234,56`` (decimal comma, thousands dots; or ``1,234.56`` with
    ``decimaalteken="."``), a euro sign, and negatives written as ``-12,50``,
    ``12,50-`` (trailing minus) or ``(12,50)`` (parentheses). Numbers from spreadsheet
    cells are taken as they are (floats rounded to 6 decimals, to undo binary noise).

    Args:
      value: the cell value (str, int, float, Decimal or None).
      decimaalteken: ``","`` (Dutch, default) or ``"."``.
    Returns:
      The number, or None for an empty cell.
    Raises:
      ValueError: the text is not a number in that notation.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value)).quantize(Decimal("0.000001"))
        return strip_zeros(number)
    text = _SPACES.sub("", str(value))
    if not text:
        return None
    original = str(value).strip()
    negatief = False
    if text.startswith("(") and text.endswith(")"):
        negatief, text = True, text[1:-1]
    text = _CURRENCY.sub("", text)
    if text and text[-1] in _MINUS:
        negatief, text = not negatief, text[:-1]
    if text and text[0] in _MINUS:
        if negatief:
            raise ValueError(original)
        negatief, text = True, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    text = _CURRENCY.sub("", text)
    pattern = _NL_NUMBER if decimaalteken == "," else _EN_NUMBER
    if not pattern.match(text):
        raise ValueError(original)
    if decimaalteken == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern excludes this
        raise ValueError(original) from exc
    return -number if negatief else number


def strip_zeros(number: Decimal) -> Decimal:
    """A number without trailing zeros (``12.50`` -> ``12.5``, ``7.00`` -> ``7``).

    Args:
      number: the number.
    Returns:
      The same value, normalised (integers without exponent).
    """
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def decimalen(number: Decimal) -> int:
    """Number of decimals a value really has (``12.50`` -> 1, ``12.345`` -> 3)."""
    exponent = strip_zeros(number).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


DATUMFORMATEN = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y")

# Dutch month names and their usual abbreviations, for dates written as "3 maart 2025".
MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3, "mei": 5,
    "april": 4, "apr": 4, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MAANDDATUM = re.compile(r"^(?:[a-z]+\.?,?\s+)?(\d{1,2})[\s.-]+([a-z]+)\.?[\s.-]+(\d{4})$")


def _maanddatum(text: str) -> datetime.date | None:
    """``3 maart 2025``, ``3-mrt-2025``, ``maandag 3 mrt. 2025`` -> the date; None if not that form."""
    match = _MAANDDATUM.match(text.strip().lower())
    if not match or match.group(2) not in MAANDEN:
        return None
    try:
        return datetime.date(int(match.group(3)), MAANDEN[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


def parse_datum(value: Any, formaten: Sequence[str] = DATUMFORMATEN) -> datetime.date | None:
    """Read a date: a spreadsheet date, an Excel serial number or text (``dd-mm-jjjj``).

    Text in one of ``formaten``, or with a Dutch month name (``3 maart 2025``, ``3-mrt-2025``).

    A time after the date (``31-01-2024 00:00``) is ignored.

    Args:
      value: the cell value.
      formaten: ``strptime`` formats to try, in order.
    Returns:
      The date, or None for an empty cell.
    Raises:
      ValueError: not a date in one of the formats.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            # Lazy: openpyxl is slow to import and only spreadsheet cells hold serial numbers.
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise ValueError(str(value))
    text = str(value).strip()
    if not text:
        return None
    return _tekstdatum(text, tuple(formaten))


@functools.lru_cache(maxsize=4096)
def _tekstdatum(text: str, formaten: tuple[str, ...]) -> datetime.date:
    """``parse_datum`` of a non-empty text (kept: an export repeats its dates on many rows)."""
    candidates = [text]
    if " " in text or "T" in text[10:11]:
        candidates.append(re.split(r"[ T]", text, maxsplit=1)[0])
    for candidate in candidates:
        for fmt in formaten:
            try:
                datum = datetime.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
            if 1900 <= datum.year <= 2200:  # "31-01-24" read with %Y is the year 24: try the next format
                return datum
        datum = _maanddatum(candidate)
        if datum is not None and 1900 <= datum.year <= 2200:
            return datum
    raise ValueError(text)


def tekst(value: Any) -> str:
    """A cell as clean one-line text (numbers without a trailing ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return nl_datum(value, "short")
    return _SPACES.sub(" ", str(value)).strip()


# Partner text that reaches the ledger (narration, kenmerk, bron) is shown by Fava, which
# renders narrations as HTML, and written to XLSX by the reports. It is stored so it can only
# ever display as text (importers/docs.md, "Nothing a partner types runs"):
# the HTML-significant < and > become the look-alike quotation marks ‹ and ›, control
# characters and bidi overrides go, and text that a spreadsheet would take for a formula is
# refused (``formule_begin``).
_HTML = str.maketrans({"<": "\u2039", ">": "\u203a"})
_ONZICHTBAAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULE = re.compile(r"^(?:[=@]|[+\-](?![\d\s,.]|$))")


def veilige_tekst(value: Any) -> str:
    """A cell as one-line text that can only display as text (``<`` -> ``‹``, ``>`` -> ``›``).

    Args:
      value: the cell value.
    Returns:
      ``tekst(value)`` without control characters and bidi overrides, with the HTML-significant
      ``<`` and ``>`` replaced by ``‹`` and ``›``.
    """
    return tekst(_ONZICHTBAAR.sub("", tekst(value))).translate(_HTML)


def toon(value: Any, lengte: int = 60) -> str:
    """A cell for a message: ``veilige_tekst``, cut to ``lengte`` characters."""
    text = veilige_tekst(value)
    return text if len(text) <= lengte else text[: lengte - 1] + "…"


def is_html(value: Any) -> bool:
    """Tell whether a cell holds ``<`` or ``>`` (stored as ``‹``/``›`` by ``veilige_tekst``)."""
    return isinstance(value, str) and ("<" in value or ">" in value)


def formule_begin(text: str) -> bool:
    """Tell whether text would start a formula in a spreadsheet (``=``, ``@``, ``+x``, ``-x``).

    ``-12,50 correctie`` and ``+31 …`` (a number) or ``- correctie`` are fine.
    """
    return bool(_FORMULE.match(text))


def formaat_beschrijving(formaten: Sequence[str]) -> str:
    """``%d-%m-%Y`` -> ``dd-mm-jjjj`` (for messages)."""
    mapping = {"%d": "dd", "%m": "mm", "%Y": "jjjj", "%y": "jj"}
    out = formaten[0]
    for key, value in mapping.items():
        out = out.replace(key, value)
    return out



_CODE = re.compile(r"^\s*([A-Za-z]{2,5}-\d{1,3}[A-Za-z]?)(?=\s|$|[-–:,(])")
_STROOM_CODE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9-]*)")


def actielijn_code(value: Any) -> str:
    """The actielijn code from ``VEI-11``, ``vei-11`` or ``VEI-11 Credible Messengers``."""
    text = tekst(value)
    match = _CODE.match(text)
    if match:
        return match.group(1).upper()
    return text.split(" ")[0].upper() if text else ""


def stroom_code(value: Any) -> str:
    """The stream code from ``PMG``, ``PMG Preventie met Gezag`` or ``eigen middelen``."""
    text = tekst(value)
    if not text:
        return ""
    if text.lower().startswith(EIGEN_MIDDELEN) or text.lower() in ("eigen", "eigen geld", "eigen inzet"):
        return model.EIGEN
    match = _STROOM_CODE.match(text)
    return match.group(1).upper() if match else text.upper()


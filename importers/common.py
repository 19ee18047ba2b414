"""What both partner importers share: Dutch values, the ledger context, row checks, entries.

The pipeline of one file::

    tables (importer-specific reading)  ->  privacy scan (importers.privacy)
      -> rows (importer-specific column mapping: ``Rij``)
      -> ``RijVerwerker.verwerk``: parse and check every value against the ledger -> ``Bijdrage``
      -> ``maak_transactie``: the ledger entry

Every problem is an ``ImportRowError`` with ``source = {"filename": file, "lineno": row}``
and a Dutch message that starts with the column (``kolom Bedrag: ...``). Nothing here writes
files; ``importers.writer`` does that.
"""

from __future__ import annotations

import abc
import dataclasses
import datetime
import difflib
import hashlib
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from decimal import Decimal
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

import beangulp
from beancount.core import amount as amount_lib
from beancount.core import data

from ledger import model
from ledger.errors import ImportRowError
from ledger.nl import datum as nl_datum
from ledger.nl import euro
from ledger.nl import getal

CENT = Decimal("0.01")
VOORSCHOT = "Assets:Voorschot"
EIGEN_MIDDELEN = "eigen middelen"
DUPLICATE = "__duplicate__"

# Metadata keys of an imported transaction (ledgertaal: partner, buurt, uren, kenmerk, bron).
META_KENMERK = "kenmerk"
META_BRON = "bron"

Voortgang = Callable[[int], None]


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------
class ImportFout(Exception):
    """A file cannot be imported; ``errors`` lists every bad row (``ImportRowError``)."""

    def __init__(self, errors: Sequence[ImportRowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(format_rij_fout(error) for error in self.errors))


class Leesfout(Exception):
    """A file cannot be read at all (wrong format, missing columns...)."""

    def __init__(self, message: str, rij: int = 0, blad: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rij = rij
        self.blad = blad


def rij_fout(pad: str, rij: int, kolom: str | None, reden: str, *,
             suggestie: str | None = None, blad: str | None = None) -> ImportRowError:
    """An ``ImportRowError`` for one cell: ``[blad X, ]kolom K: reden (suggestie: S)``.

    Args:
      pad: the import file.
      rij: the row number as the partner sees it (1 = first line / Excel row 1).
      kolom: the column name in the partner's file (None for file-level problems).
      reden: what is wrong, in Dutch.
      suggestie: the obvious fix, if there is one.
      blad: the sheet of an XLSX file, when the file has more than one.
    Returns:
      The error.
    """
    parts = []
    if blad:
        parts.append(f"blad {blad}")
    if kolom:
        parts.append(f"kolom {kolom}")
    prefix = ", ".join(parts)
    message = f"{prefix}: {reden}" if prefix else reden
    if suggestie:
        message += f" (suggestie: {suggestie})"
    return ImportRowError({"filename": str(pad), "lineno": rij}, message, None)


def format_rij_fout(error: Any) -> str:
    """``file:row: message`` for an import error (the file name as given)."""
    source = error.source or {}
    return f"{source.get('filename', '<onbekend>')}:{source.get('lineno', 0)}: {error.message}"


# --------------------------------------------------------------------------------------
# Dutch values
# --------------------------------------------------------------------------------------
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
        return _strip_zeros(number)
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


def _strip_zeros(number: Decimal) -> Decimal:
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def decimalen(number: Decimal) -> int:
    """Number of decimals a value really has (``12.50`` -> 1, ``12.345`` -> 3)."""
    exponent = _strip_zeros(number).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


DATUMFORMATEN = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y")


def parse_datum(value: Any, formaten: Sequence[str] = DATUMFORMATEN) -> datetime.date | None:
    """Read a date: a spreadsheet date, an Excel serial number or text (``dd-mm-jjjj``).

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
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise ValueError(str(value))
    text = str(value).strip()
    if not text:
        return None
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


def formaat_beschrijving(formaten: Sequence[str]) -> str:
    """``%d-%m-%Y`` -> ``dd-mm-jjjj`` (for messages)."""
    mapping = {"%d": "dd", "%m": "mm", "%Y": "jjjj", "%y": "jj"}
    out = formaten[0]
    for key, value in mapping.items():
        out = out.replace(key, value)
    return out


# --------------------------------------------------------------------------------------
# Suggestions
# --------------------------------------------------------------------------------------
def _afstand(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def lijken_op(waarde: str, kandidaten: Iterable[str], maximum: int = 3) -> list[str]:
    """The candidates one edit away from ``waarde`` (a typo, two swapped characters).

    When none is one edit away, the closest match by similarity (if any is close).

    Args:
      waarde: what the partner wrote.
      kandidaten: the valid values.
      maximum: at most this many suggestions.
    Returns:
      The suggestions, best first (empty when nothing is obviously meant).
    """
    by_upper = {k.upper(): k for k in kandidaten}
    upper = waarde.upper()

    def rang(key: str) -> tuple[bool, float, str]:
        # Two swapped characters first (the commonest typo), then the most similar.
        verschil = [i for i, (a, b) in enumerate(zip(upper, key, strict=False)) if a != b]
        omgedraaid = len(upper) == len(key) and len(verschil) == 2 and verschil[1] == verschil[0] + 1 \
            and upper[verschil[0]] == key[verschil[1]] and upper[verschil[1]] == key[verschil[0]]
        return (not omgedraaid, -difflib.SequenceMatcher(None, upper, key).ratio(), key)

    dichtbij = sorted((key for key in by_upper if _afstand(upper, key) <= 1), key=rang)
    if dichtbij:
        return [by_upper[key] for key in dichtbij[:maximum]]
    close = difflib.get_close_matches(upper, list(by_upper), n=1, cutoff=0.8)
    return [by_upper[close[0]]] if close else []


def lijkt_op(waarde: str, kandidaten: Iterable[str]) -> str | None:
    """The one candidate ``waarde`` was obviously meant to be, else None (see ``lijken_op``)."""
    gevonden = lijken_op(waarde, kandidaten)
    return gevonden[0] if len(gevonden) == 1 else None


def of_lijst(items: Sequence[str]) -> str:
    """``a``, ``a of b``, ``a, b of c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " of " + items[-1]


# --------------------------------------------------------------------------------------
# The ledger as the importers see it
# --------------------------------------------------------------------------------------
def toegestane_stromen(programma: model.Programma, entries: Iterable[data.Directive],
                       partner: str) -> dict[str, str]:
    """The streams a partner may report spending on, with the reason.

    ``EIGEN`` (own money and staff time) always; a programme stream when the ledger has a
    ``custom "verplichting"`` with this partner on it, or pays an advance to
    ``Assets:Voorschot:<PARTNER>`` from it. The stream of an advance is taken from the
    payment's ``geldstroom:`` metadata, from the commitment its link points to, from a
    sub-account ``Assets:Voorschot:<PARTNER>:<STROOM>``, or from the spending the ledger
    already books against the advance (an ``Expenses:Actielijn:…:<STROOM>`` posting settled
    from ``Assets:Voorschot:<PARTNER>``).

    Args:
      programma: the ledger's declarations.
      entries: the ledger's entries.
      partner: partner code.
    Returns:
      Stream code -> why it is allowed (Dutch, for the template's read-me and messages).
    """
    stromen: dict[str, str] = {model.EIGEN: "eigen middelen en uren"}
    for verplichting in programma.verplichtingen:
        if verplichting.partner == partner and verplichting.stroom != model.EIGEN:
            stromen.setdefault(verplichting.stroom, f"verplichting {verplichting.kenmerk}")
    by_kenmerk = {v.kenmerk: v for v in programma.verplichtingen}
    account = f"{VOORSCHOT}:{partner}"
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        voorschot = [p for p in entry.postings
                     if p.account == account or p.account.startswith(account + ":")]
        if not voorschot:
            continue
        if any(p.units is not None and p.units.number is not None and p.units.number < 0 for p in voorschot):
            # Spending settled from the advance: its stream leaves are streams of the advance.
            for posting in entry.postings:
                actielijn, leaf = programma.actielijn_van_account(posting.account)
                if actielijn is not None and leaf in programma.geldstromen:
                    stromen.setdefault(leaf, f"voorschot op {account}")
        for posting in voorschot:
            if posting.units is None or posting.units.number is None or posting.units.number <= 0:
                continue
            codes = []
            meta_stroom = model.posting_meta(posting, entry, "geldstroom")
            if isinstance(meta_stroom, str):
                codes.append(meta_stroom)
            if posting.account != account:
                codes.append(posting.account.rsplit(":", 1)[1])
            for link in entry.links or ():
                if link in by_kenmerk:
                    codes.append(by_kenmerk[link].stroom)
            for code in codes:
                if code in programma.geldstromen:
                    stromen.setdefault(code, f"voorschot op {account}")
    return stromen


@dataclasses.dataclass
class Grootboek:
    """What the importers need from the ledger, indexed once."""

    programma: model.Programma
    entries: Sequence[data.Directive]
    geopend: Mapping[str, datetime.date]
    _stromen: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    @classmethod
    def van_entries(cls, entries: Sequence[data.Directive]) -> Grootboek:
        """Index a ledger's (loaded) entries."""
        programma, _ = model.parse_programma(entries)
        geopend = {e.account: e.date for e in entries if isinstance(e, data.Open)}
        return cls(programma, entries, geopend)

    def stromen(self, partner: str) -> dict[str, str]:
        """``toegestane_stromen`` for a partner (cached)."""
        if partner not in self._stromen:
            self._stromen[partner] = toegestane_stromen(self.programma, self.entries, partner)
        return self._stromen[partner]

    def verplichting_link(self, partner: str, actielijn: str, stroom: str) -> str | None:
        """The commitment a partner's spending settles, when exactly one fits."""
        matches = [v.kenmerk for v in self.programma.verplichtingen
                   if v.partner == partner and v.actielijn == actielijn and v.stroom == stroom]
        return matches[0] if len(matches) == 1 else None


def laad_grootboek(pad: str | Path | None) -> Grootboek:
    """Load a ledger file (None: ``$SNW_LEDGER`` or the demo ledger) for the importers."""
    from ledger.load import load_ledger

    return Grootboek.van_entries(load_ledger(pad).entries)


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Tabel:
    """One sheet (or a CSV file) as read: header and data rows with their row numbers."""

    blad: str | None
    kopregel: int
    koppen: tuple[str, ...]
    rijen: tuple[tuple[int, tuple[Any, ...]], ...]


# The fields of a contribution row (what each importer maps its columns to).
VELDEN = ("datum", "actielijn", "geldstroom", "bedrag", "uren", "buurt", "omschrijving", "kenmerk")


@dataclasses.dataclass
class Rij:
    """One data row mapped to our fields, before any check."""

    pad: str
    blad: str | None
    nummer: int
    waarden: dict[str, Any]  # field -> raw cell value
    kolommen: dict[str, str]  # field -> column name in the partner's file
    fouten: list[ImportRowError] = dataclasses.field(default_factory=list)

    def kolom(self, veld: str) -> str:
        return self.kolommen.get(veld, veld.capitalize())

    def fout(self, veld: str | None, reden: str, suggestie: str | None = None) -> ImportRowError:
        return rij_fout(self.pad, self.nummer, self.kolom(veld) if veld else None, reden,
                        suggestie=suggestie, blad=self.blad)

    @property
    def bron(self) -> str:
        naam = Path(self.pad).name
        if self.blad:
            return f"{naam} blad {self.blad} rij {self.nummer}"
        return f"{naam} rij {self.nummer}"


@dataclasses.dataclass(frozen=True)
class Bijdrage:
    """A checked contribution row, ready to become a transaction."""

    partner: str
    datum: datetime.date
    actielijn: model.Actielijn
    stroom: str
    bedrag: Decimal
    uren: Decimal | None
    buurt: str | None
    omschrijving: str
    kenmerk: str
    bron: str
    link: str | None
    pad: str
    rij: int

    @property
    def tegenrekening(self) -> str:
        if self.stroom == model.EIGEN:
            return model.INBRENG
        return f"{VOORSCHOT}:{self.partner}"


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


def kenmerk_hash(partner: str, datum: datetime.date, actielijn: str, stroom: str, bedrag: Decimal,
                 uren: Decimal | None, buurt: str | None, omschrijving: str) -> str:
    """A stable reference for a row without a Kenmerk: a hash of what it says.

    The row number is not part of it, so inserting rows above does not change it; the same
    row read from CSV or XLSX gives the same reference.
    """
    parts = [partner, datum.isoformat(), actielijn, stroom, f"{bedrag:.2f}",
             "" if uren is None else str(_strip_zeros(uren)), buurt or "", omschrijving]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"h-{digest[:12]}"


class RijVerwerker:
    """Checks rows of one partner's file against the ledger and turns them into ``Bijdrage``.

    Args:
      grootboek: the ledger context.
      partner: the partner the file is from.
      jaar: when the file is for one year (the template), rows must fall in it.
      datumformaten: formats for dates written as text.
      decimaalteken: ``","`` or ``"."`` for numbers written as text.
      bedrag_bij_uren: ``"controleren"`` (amount must equal hours × tariff) or ``"tarief"``
        (value hours at the partner's tariff, ignoring the file's amount).
    """

    def __init__(self, grootboek: Grootboek, partner: str, *, jaar: int | None = None,
                 datumformaten: Sequence[str] = DATUMFORMATEN, decimaalteken: str = ",",
                 bedrag_bij_uren: str = "controleren") -> None:
        self.gb = grootboek
        self.partner = partner
        self.jaar = jaar
        self.datumformaten = tuple(datumformaten)
        self.decimaalteken = decimaalteken
        self.bedrag_bij_uren = bedrag_bij_uren
        self.stromen = grootboek.stromen(partner)
        self.kenmerken: dict[str, str] = {}  # kenmerk -> bron of its first row
        self.hashes: dict[str, int] = {}
        self.buurten = self._buurt_index()

    def _buurt_index(self) -> dict[str, str]:
        index = {}
        for buurt in self.gb.programma.buurten.values():
            index[buurt.code.lower()] = buurt.code
            index[buurt.naam.lower()] = buurt.code
        return index

    # --- one field at a time ---------------------------------------------------------
    def _datum(self, rij: Rij) -> datetime.date | None:
        value = rij.waarden.get("datum")
        try:
            datum = parse_datum(value, self.datumformaten)
        except ValueError:
            rij.fouten.append(rij.fout("datum", f"'{tekst(value)}' is geen datum",
                                       f"schrijf de datum als {formaat_beschrijving(self.datumformaten)}"))
            return None
        if datum is None:
            rij.fouten.append(rij.fout("datum", "datum ontbreekt"))
            return None
        if self.jaar is not None and datum.year != self.jaar:
            rij.fouten.append(rij.fout(
                "datum", f"{nl_datum(datum, 'short')} valt niet in {self.jaar}, het jaar van dit sjabloon",
                f"zet de regel in een sjabloon voor {datum.year}: snw sjabloon --year {datum.year}"))
            return None
        return datum

    def _actielijn(self, rij: Rij) -> model.Actielijn | None:
        value = rij.waarden.get("actielijn")
        code = actielijn_code(value)
        if not code:
            rij.fouten.append(rij.fout("actielijn", "actielijn ontbreekt"))
            return None
        actielijn = self.gb.programma.actielijnen.get(code)
        if actielijn is None:
            codes = lijken_op(code, self.gb.programma.actielijnen)
            if len(codes) == 1:
                suggestie = f"{codes[0]} ({self.gb.programma.actielijnen[codes[0]].naam})"
            else:
                suggestie = of_lijst(codes) or None
            rij.fouten.append(rij.fout("actielijn", f"onbekende actielijn '{tekst(value)}'", suggestie))
        return actielijn

    def _stroom(self, rij: Rij) -> str | None:
        value = rij.waarden.get("geldstroom")
        code = stroom_code(value)
        toegestaan = ", ".join(self._stroom_labels())
        if not code:
            rij.fouten.append(rij.fout("geldstroom", "geldstroom ontbreekt",
                                       f"kies uit {toegestaan}"))
            return None
        if code in self.stromen:
            return code
        bekend = {model.EIGEN, *self.gb.programma.geldstromen}
        if code in bekend:
            rij.fouten.append(rij.fout(
                "geldstroom", f"{self.partner} mag niet rapporteren op geldstroom {code}: er is geen "
                              f"verplichting of voorschot voor {self.partner} uit {code}",
                f"kies uit {toegestaan}"))
            return None
        suggestie = lijkt_op(code, bekend)
        if suggestie and suggestie not in self.stromen:
            suggestie = None
        rij.fouten.append(rij.fout("geldstroom", f"onbekende geldstroom '{tekst(value)}'",
                                   suggestie or f"kies uit {toegestaan}"))
        return None

    def _stroom_labels(self) -> list[str]:
        return [EIGEN_MIDDELEN if code == model.EIGEN else code for code in self.stromen]

    def _getal(self, rij: Rij, veld: str) -> tuple[Decimal | None, bool]:
        value = rij.waarden.get(veld)
        try:
            return parse_getal(value, self.decimaalteken), True
        except ValueError:
            voorbeeld = "1.234,56" if self.decimaalteken == "," else "1,234.56"
            rij.fouten.append(rij.fout(veld, f"'{tekst(value)}' is geen getal",
                                       f"schrijf het als {voorbeeld}; een correctie als -12,50"))
            return None, False

    def _buurt(self, rij: Rij) -> str | None:
        value = tekst(rij.waarden.get("buurt"))
        if not value:
            return None
        code = self.buurten.get(value.lower())
        if code is None:
            suggestie = lijkt_op(value, [b.naam for b in self.gb.programma.buurten.values()])
            rij.fouten.append(rij.fout("buurt", f"onbekende buurt '{value}'",
                                       suggestie or "laat leeg of kies een focusbuurt uit de lijst"))
        return code

    # --- the whole row ----------------------------------------------------------------
    def verwerk(self, rij: Rij) -> Bijdrage | None:
        """Check one row; problems go to ``rij.fouten``.

        Returns:
          The contribution, or None when the row has errors or carries no amount at all.
        """
        datum = self._datum(rij)
        actielijn = self._actielijn(rij)
        stroom = self._stroom(rij)
        bedrag, bedrag_ok = self._getal(rij, "bedrag")
        uren, uren_ok = self._getal(rij, "uren")
        buurt = self._buurt(rij)
        omschrijving = tekst(rij.waarden.get("omschrijving"))
        kenmerk = tekst(rij.waarden.get("kenmerk"))
        if bedrag is not None and decimalen(bedrag) > 2:
            rij.fouten.append(rij.fout("bedrag", f"{getal(bedrag, decimalen(bedrag))} heeft meer dan twee decimalen",
                                       "rond af op centen"))
            bedrag_ok = False
        if uren is not None and decimalen(uren) > 2:
            rij.fouten.append(rij.fout("uren", f"{getal(uren, decimalen(uren))} heeft meer dan twee decimalen",
                                       "rond af op kwartieren, bijvoorbeeld 7,25"))
            uren_ok = False
        if bedrag_ok and uren_ok:
            bedrag = self._bedrag(rij, bedrag, uren)
        if rij.fouten or datum is None or actielijn is None or stroom is None or bedrag is None:
            return None
        if bedrag == 0 and not uren:
            return None  # nothing to book
        if stroom != model.EIGEN:
            rekening = f"{VOORSCHOT}:{self.partner}"
            geopend = self.gb.geopend.get(rekening)
            if geopend is None or geopend > datum:
                rij.fouten.append(rij.fout(
                    "geldstroom", f"geldstroom {stroom}: de voorschotrekening {rekening} is " + (
                        "niet geopend in het grootboek" if geopend is None else
                        f"pas geopend op {nl_datum(geopend, 'short')}"),
                    "het programmabureau boekt eerst het voorschot; of kies eigen middelen"))
                return None
        if kenmerk:
            eerder = self.kenmerken.get(kenmerk)
            if eerder is not None:
                rij.fouten.append(rij.fout("kenmerk", f"kenmerk '{kenmerk}' komt twee keer voor (ook {eerder})",
                                           "geef elke regel een eigen kenmerk"))
                return None
            self.kenmerken[kenmerk] = rij.bron
        else:
            basis = kenmerk_hash(self.partner, datum, actielijn.code, stroom, bedrag, uren, buurt, omschrijving)
            volgnummer = self.hashes.get(basis, 0) + 1
            self.hashes[basis] = volgnummer
            kenmerk = basis if volgnummer == 1 else f"{basis}-{volgnummer}"
        link = self.gb.verplichting_link(self.partner, actielijn.code, stroom) if stroom != model.EIGEN else None
        return Bijdrage(
            partner=self.partner, datum=datum, actielijn=actielijn, stroom=stroom,
            bedrag=bedrag.quantize(CENT), uren=_strip_zeros(uren) if uren is not None else None,
            buurt=buurt, omschrijving=omschrijving or actielijn.naam, kenmerk=kenmerk,
            bron=rij.bron, link=link, pad=rij.pad, rij=rij.nummer,
        )

    def _bedrag(self, rij: Rij, bedrag: Decimal | None, uren: Decimal | None) -> Decimal | None:
        if uren is None:
            if bedrag is None:
                rij.fouten.append(rij.fout("bedrag", "bedrag en uren ontbreken", "vul een bedrag of het aantal uren in"))
            return bedrag
        partner = self.gb.programma.partners.get(self.partner)
        tarief = partner.tarief if partner else None
        if tarief is None:
            rij.fouten.append(rij.fout("uren", f"uren opgegeven, maar partner {self.partner} heeft geen uurtarief "
                                               "in het grootboek", "vul alleen een bedrag in"))
            return None
        berekend = (uren * tarief).quantize(CENT)
        if bedrag is None or self.bedrag_bij_uren == "tarief":
            return berekend
        if bedrag.quantize(CENT) != berekend:
            rij.fouten.append(rij.fout(
                "bedrag", f"{euro(bedrag)} is niet {getal(uren, decimalen(uren))} uur × {euro(tarief)} = {euro(berekend)}",
                "laat Bedrag leeg, dan wordt het uit de uren berekend"))
            return None
        return bedrag


def maak_transactie(bijdrage: Bijdrage) -> data.Transaction:
    """The ledger entry for a contribution (see docs/ledgertaal.md, Transactions).

    Own money and staff time go to the actielijn's ``EIGEN`` leaf against
    ``Equity:Inbreng-partners``; programme money to the stream leaf against the partner's
    advance ``Assets:Voorschot:<PARTNER>``.
    """
    meta = data.new_metadata(bijdrage.pad, bijdrage.rij)
    meta[META_KENMERK] = bijdrage.kenmerk
    meta[META_BRON] = bijdrage.bron
    posting_meta: dict[str, Any] = {"partner": bijdrage.partner}
    if bijdrage.buurt:
        posting_meta["buurt"] = bijdrage.buurt
    if bijdrage.uren is not None:
        posting_meta["uren"] = bijdrage.uren
    units = amount_lib.Amount(bijdrage.bedrag, model.CURRENCY)
    postings = [
        data.Posting(bijdrage.actielijn.leaf(bijdrage.stroom), units, None, None, None, posting_meta),
        data.Posting(bijdrage.tegenrekening, -units, None, None, None, None),
    ]
    links = frozenset({bijdrage.link}) if bijdrage.link else data.EMPTY_SET
    return data.Transaction(meta, bijdrage.datum, "*", bijdrage.partner, bijdrage.omschrijving,
                            data.EMPTY_SET, links, postings)


# --------------------------------------------------------------------------------------
# Identity of imported entries
# --------------------------------------------------------------------------------------
def boeking_partner(entry: data.Transaction) -> str | None:
    """The partner an imported transaction is from."""
    for posting in entry.postings:
        partner = model.posting_meta(posting, entry, "partner")
        if partner:
            return str(partner)
    return None


def boeking_sleutel(entry: data.Directive) -> tuple[str, str] | None:
    """(partner, kenmerk) of an imported transaction (one with ``kenmerk`` and ``bron``)."""
    if not isinstance(entry, data.Transaction):
        return None
    kenmerk = entry.meta.get(META_KENMERK)
    if kenmerk is None or META_BRON not in entry.meta:
        return None
    partner = boeking_partner(entry)
    return (partner, str(kenmerk)) if partner else None


def boeking_inhoud(entry: data.Transaction) -> tuple[Any, ...]:
    """What an imported transaction says, for comparing (ignores derived postings, bron)."""
    postings = []
    for posting in entry.postings:
        if posting.meta and posting.meta.get("__derived__"):
            continue
        number = posting.units.number if posting.units is not None else None
        meta = posting.meta or {}
        postings.append((posting.account, None if number is None else str(number),
                         *(str(meta.get(key, "")) for key in ("partner", "buurt", "uren"))))
    return (entry.date, entry.payee, entry.narration, tuple(sorted(postings)),
            tuple(sorted(entry.links or ())), str(entry.meta.get(META_KENMERK)))


def bron_bestand(bron: str) -> str:
    """The file name part of a ``bron`` value (``x.csv rij 4`` -> ``x.csv``)."""
    match = re.match(r"^(.*?)(?: blad .*)? rij \d+$", bron)
    return match.group(1) if match else bron


# --------------------------------------------------------------------------------------
# The importer base class
# --------------------------------------------------------------------------------------
@dataclasses.dataclass
class Resultaat:
    """What reading one file gave: entries, or the errors that refuse it."""

    pad: str
    partner: str | None
    entries: list[data.Transaction]
    fouten: list[ImportRowError]
    rijen: int = 0  # data rows read (blank and subtotal rows excluded)
    overgeslagen: int = 0  # blank, subtotal and zero rows skipped


class BijdrageImporter(beangulp.Importer):
    """Base of the partner importers: reads rows, checks them, makes transactions.

    Subclasses read their file format (``tabellen``, ``rijen``) and say whose file it is
    (``partner``). The ledger context comes from ``existing`` (Fava and ``snw import`` pass
    the ledger's entries) or, when that is empty (``beangulp`` test/generate), from the ledger
    file given to the constructor (default ``$SNW_LEDGER`` or the demo ledger).

    Args:
      ledger: the ledger file to read declarations from when ``existing`` is empty.
    """

    via_koppeling = False  # read through a mapping file (which may declare business IBAN columns)

    def __init__(self, ledger: str | Path | None = None) -> None:
        self.ledger = ledger
        # (the entries it was built from, their number, the context); None: not built yet
        self._cache: tuple[Sequence[data.Directive] | None, int, Grootboek] | None = None

    # --- subclass API ---------------------------------------------------------------------
    @abc.abstractmethod
    def partner(self, filepath: str) -> str:
        """The partner code this file is from."""

    @abc.abstractmethod
    def tabellen(self, filepath: str) -> list[Tabel]:
        """Read the file's tables (raises ``Leesfout``)."""

    @abc.abstractmethod
    def rijen(self, filepath: str, tabellen: list[Tabel]) -> Iterator[Rij]:
        """The data rows mapped to our fields (blank and subtotal rows left out)."""

    def verwerker(self, filepath: str, grootboek: Grootboek, partner: str) -> RijVerwerker:
        """The row checker for this file (subclasses set year, formats...)."""
        return RijVerwerker(grootboek, partner)

    def privacy_uitzonderingen(self, filepath: str) -> tuple[set[str], set[str]]:
        """(columns not scanned for BSNs, columns allowed to hold business IBANs)."""
        return set(), set()

    def schatting(self, filepath: str) -> int:
        """Rough number of rows (for a progress bar)."""
        return 0

    # --- beangulp API ---------------------------------------------------------------------
    def account(self, filepath: str) -> data.Account:
        """The partner's contribution account, ``Income:Inzet:<PARTNER>`` (used for archiving)."""
        return f"{model.INCOME_INZET}:{self.partner(filepath)}"

    def grootboek(self, existing: Sequence[data.Directive] | None) -> Grootboek:
        """The ledger context: from ``existing`` when given, else from the ledger file."""
        bron: Sequence[data.Directive] | None = existing or None
        if self._cache is None or self._cache[0] is not bron or (bron is not None and self._cache[1] != len(bron)):
            grootboek = Grootboek.van_entries(bron) if bron is not None else laad_grootboek(self.ledger)
            self._cache = (bron, len(bron) if bron is not None else 0, grootboek)
        return self._cache[2]

    def lees(self, filepath: str, existing: Sequence[data.Directive] | None = None,
             voortgang: Voortgang | None = None) -> Resultaat:
        """Read and check a whole file; never raises for bad input.

        Args:
          filepath: the partner's file.
          existing: the ledger's entries (None or empty: load ``self.ledger``).
          voortgang: called with the number of rows done, for a progress bar.
        Returns:
          The entries, or the errors of every bad row.
        """
        from importers import privacy

        try:
            partner = self.partner(filepath)
        except Leesfout as exc:
            return Resultaat(filepath, None, [], [rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad)])
        gb = self.grootboek(existing)
        if partner not in gb.programma.partners:
            suggestie = lijkt_op(partner, gb.programma.partners)
            return Resultaat(filepath, partner, [], [rij_fout(
                filepath, 0, None, f"partner {partner} is niet gedeclareerd in het grootboek",
                suggestie=suggestie)])
        try:
            tabellen = self.tabellen(filepath)
        except Leesfout as exc:
            return Resultaat(filepath, partner, [], [rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad)])
        geen_bsn, zakelijk = self.privacy_uitzonderingen(filepath)
        fouten: list[ImportRowError] = []
        for tabel in tabellen:
            fouten.extend(privacy.controleer(filepath, tabel, geen_bsn=geen_bsn, zakelijke_iban=zakelijk,
                                             meerdere_bladen=len(tabellen) > 1,
                                             koppeling=self.via_koppeling))
        if fouten:
            # Personal data: refuse the whole file before any value is read into an entry
            # (row messages could otherwise repeat a value).
            return Resultaat(filepath, partner, [], fouten)
        verwerker = self.verwerker(filepath, gb, partner)
        entries: list[data.Transaction] = []
        resultaat = Resultaat(filepath, partner, entries, fouten)
        try:
            for rij in self.rijen(filepath, tabellen):
                resultaat.rijen += 1
                if not rij.fouten:
                    bijdrage = verwerker.verwerk(rij)
                    if bijdrage is not None:
                        entries.append(maak_transactie(bijdrage))
                    elif not rij.fouten:
                        resultaat.overgeslagen += 1
                fouten.extend(rij.fouten)
                if voortgang is not None:
                    voortgang(1)
        except Leesfout as exc:
            fouten.append(rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad))
        if fouten:
            entries.clear()  # all or nothing
        return resultaat

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        """beangulp: the file's transactions; a file with any bad row raises ``ImportFout``."""
        resultaat = self.lees(filepath, existing)
        if resultaat.fouten:
            raise ImportFout(resultaat.fouten)
        return list(resultaat.entries)

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Mark rows already in the ledger (same partner and kenmerk, same content).

        Fava and ``beangulp extract`` can only add entries. A file that changes or drops rows
        imported before (a corrected file) is refused here with a pointer to ``snw import``,
        which replaces them; otherwise the old and the corrected row would both count.
        """
        geboekt: dict[tuple[str, str], data.Transaction] = {}
        per_bestand: dict[tuple[str, str], set[str]] = {}
        for entry in existing or ():
            sleutel = boeking_sleutel(entry)
            if sleutel is None:
                continue
            geboekt[sleutel] = entry
            per_bestand.setdefault((sleutel[0], bron_bestand(str(entry.meta[META_BRON]))), set()).add(sleutel[1])
        gewijzigd = []
        nieuw_per_bestand: dict[tuple[str, str], set[str]] = {}
        for entry in entries:
            sleutel = boeking_sleutel(entry)
            if sleutel is None:
                continue
            nieuw_per_bestand.setdefault((sleutel[0], bron_bestand(str(entry.meta[META_BRON]))), set()).add(sleutel[1])
            oud = geboekt.get(sleutel)
            if oud is None:
                continue
            if boeking_inhoud(oud) == boeking_inhoud(entry):
                entry.meta[DUPLICATE] = True
            else:
                gewijzigd.append(rij_fout(entry.meta["filename"], entry.meta["lineno"], None,
                                          f"regel met kenmerk {sleutel[1]} is al geïmporteerd met een andere inhoud"))
        for (partner, bestand), kenmerken in nieuw_per_bestand.items():
            vervallen = per_bestand.get((partner, bestand), set()) - kenmerken
            if vervallen:
                gewijzigd.append(rij_fout(bestand, 0, None,
                                          f"{len(vervallen)} eerder geïmporteerde regel(s) uit {bestand} "
                                          "staan niet meer in het bestand"))
        if gewijzigd:
            gewijzigd.append(rij_fout(entries[0].meta["filename"] if entries else "", 0, None,
                                      "dit is een gecorrigeerd bestand; importeer het met `snw import BESTAND`, "
                                      "dat de gewijzigde regels vervangt"))
            raise ImportFout(gewijzigd)

"""Refuse personal data of residents: BSN-like and IBAN-like columns.

No personal data of residents may enter the ledger. Every column of what an importer
reads (also columns it does not map) is scanned:

* **BSN**: a column headed like ``BSN``/``sofinummer``/``burgerservicenummer`` with any value,
  or a column whose values are mostly 9-digit numbers (8 with the leading zero dropped)
  that pass the 11-check (elfproef). Random 9-digit numbers (invoice numbers) pass it one
  time in eleven, so a column is only refused when at least 80% of its 9-digit values pass
  (``BSN_DREMPEL``).
* **IBAN**: any cell holding an IBAN that passes the ISO 13616 check (mod 97). Which IBANs
  are private cannot be told from the number, so a column may only hold IBANs when a
  partner's mapping declares it as business accounts (``zakelijke_iban_kolommen``), e.g. the
  supplier's account in an ERP export. Those values are never read into the ledger.

* **In free text**: a BSN-like number (9 digits, also written ``1234.56.782`` or
  ``123 456 782``, passing the 11-check) or an IBAN inside a text cell, such as a
  description, refuses the file as a whole column does.

The checks use python-stdnum (``stdnum.nl.bsn``, ``stdnum.iban``: the 11-check, and the
ISO 13616 mod 97 check with each country's length and format).
Messages name the column and rows but never repeat the values.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from importers.errors import rij_fout

if TYPE_CHECKING:
    from collections.abc import Callable

    from importers.readers import Invoertabel
    from ledger.errors import ImportRowError

_BSN_HEADER = re.compile(r"\b(bsn|sofi|sofinummer|burgerservice(nummer)?|burger ?service ?nummer)\b", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{8,9}$")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,32}")
# A BSN-like number inside text: 9 digits, or groups 4.2.3 / 3.3.3 with dots or spaces;
# not part of a longer number or an amount (1.234.567,89).
_BSN_IN_TEKST = re.compile(r"(?<![\d.,])(\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d]|[.,]\d)")

# A column of 9-digit numbers is a BSN column when at least this share of them passes the
# 11-check. Random numbers pass it one time in eleven; a real BSN column (nearly) always.
BSN_DREMPEL = Decimal("0.8")


def is_bsn(value: str) -> bool:
    """Tell whether a number passes the BSN 11-check (8 digits: a leading zero was dropped)."""
    digits = value.strip()
    if not _DIGITS.match(digits):
        return False
    digits = digits.zfill(9)
    if digits == "000000000":
        return False
    return stdnum_bsn.is_valid(digits)


def is_iban(value: str) -> bool:
    """Tell whether a compact string (no spaces) is a valid IBAN (ISO 13616 mod 97)."""
    if not 15 <= len(value) <= 34 or not value[:2].isalpha() or not value[2:4].isdigit():
        return False
    return stdnum_iban.is_valid(value)


def bevat_iban(text: str) -> bool:
    """Tell whether a text holds a valid IBAN anywhere (spaced or compact)."""
    for match in _IBAN.finditer(text.upper()):
        compact = match.group().replace(" ", "")
        for length in range(min(len(compact), 34), 14, -1):
            if is_iban(compact[:length]):
                return True
    return False


def bevat_bsn(text: str) -> bool:
    """Tell whether free text (not a bare number) holds a BSN-like number passing the 11-check."""
    if _DIGITS.match(text.strip()):
        return False  # a bare number: the column rule decides (invoice numbers pass 1 in 11)
    return any(is_bsn(re.sub(r"[ .]", "", match.group(1))) for match in _BSN_IN_TEKST.finditer(text))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _eenmaal(test: Callable[[str], bool], value: str, gezien: dict[str, bool]) -> bool:
    result = gezien.get(value)
    if result is None:
        result = gezien[value] = test(value)
    return result


def _rows(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    return shown + (", …" if len(numbers) > 5 else "")


def controleer(pad: str, tabel: Invoertabel, *, geen_bsn: set[str] | frozenset[str] = frozenset(),
               zakelijke_iban: set[str] | frozenset[str] = frozenset(),
               meerdere_bladen: bool = False, koppeling: bool = False) -> list[ImportRowError]:
    """Scan every column of a table for resident BSNs and IBANs.

    Args:
      pad: the file (for the error's source).
      tabel: the table as read.
      geen_bsn: columns not scanned for BSNs (amounts, hours, dates: numbers by nature).
      zakelijke_iban: columns declared to hold business IBANs.
      meerdere_bladen: name the sheet in messages.
      koppeling: the file is read through a mapping (which can declare business IBANs).
    Returns:
      One error per offending column, at its first offending row.
    """
    errors = []
    blad = tabel.blad if meerdere_bladen else None
    bsn_van: dict[str, bool] = {}  # an export repeats its values (supplier, IBAN, wijk): test each once
    iban_van: dict[str, bool] = {}
    breedte = max([len(tabel.koppen), *(len(values) for _, values in tabel.rijen)], default=0)
    for index in range(breedte):
        kop = tabel.koppen[index] if index < len(tabel.koppen) and tabel.koppen[index] else f"{index + 1}"
        cellen = [(nummer, _cell(values[index])) for nummer, values in tabel.rijen if index < len(values)]
        cellen = [(nummer, value) for nummer, value in cellen if value]
        if not cellen:
            continue
        if kop not in geen_bsn:
            bsn_rijen = _bsn_rows(kop, cellen) or [nummer for nummer, value in cellen
                                                   if _eenmaal(bevat_bsn, value, bsn_van)]
            if bsn_rijen:
                errors.append(rij_fout(
                    pad, bsn_rijen[0], kop,
                    f"lijkt burgerservicenummers (BSN) te bevatten (rij {_rows(bsn_rijen)}); persoonsgegevens "
                    "van bewoners horen niet in het grootboek, er is niets ingelezen",
                    suggestie="verwijder deze kolom uit het bestand en lever het opnieuw aan", blad=blad))
                continue
        if kop not in zakelijke_iban:
            iban_rijen = [nummer for nummer, value in cellen if _eenmaal(bevat_iban, value, iban_van)]
            if iban_rijen:
                errors.append(rij_fout(
                    pad, iban_rijen[0], kop,
                    f"bevat IBAN-rekeningnummers (rij {_rows(iban_rijen)}); rekeningnummers van bewoners "
                    "horen niet in het grootboek, er is niets ingelezen",
                    suggestie="verwijder de rekeningnummers en lever het bestand opnieuw aan" + (
                        "; gaat het om zakelijke rekeningen van leveranciers, zet de kolom dan onder "
                        "zakelijke_iban_kolommen in de koppeling" if koppeling else ""), blad=blad))
    return errors


def _bsn_rows(kop: str, cellen: list[tuple[int, str]]) -> list[int]:
    if _BSN_HEADER.search(kop):
        return [nummer for nummer, _ in cellen]
    numeric = [(nummer, value.replace(" ", "").replace(".", "")) for nummer, value in cellen]
    numeric = [(nummer, value) for nummer, value in numeric if _DIGITS.match(value)]
    if not numeric or len(numeric) * 2 < len(cellen):
        return []
    passing = [nummer for nummer, value in numeric if is_bsn(value)]
    if len(passing) >= BSN_DREMPEL * len(numeric):
        return passing
    return []

"""Helpers for tests and examples: fill a template the way a partner would.

``beangulp.testing`` gives the golden-file commands (``test``, ``generate``); this module adds
what our tests need on top: a template made exactly as ``snw sjabloon`` makes it, filled with
openpyxl.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from importers.context import laad_grootboek
from importers.sjabloon import KOPREGEL
from importers.sjabloon import maak_sjabloon
from importers.sjabloon import sjabloon_bytes

if TYPE_CHECKING:
    from openpyxl import Workbook


def gevuld_sjabloon(ledger: str | Path, partner: str, jaar: int, rijen: Sequence[Sequence[Any]],
                    extra: Mapping[str, Sequence[Any]] | None = None) -> Workbook:
    """A template for partner and year, with rows filled in from row 4 on.

    Args:
      ledger: the ledger the template is made from.
      partner: partner code.
      jaar: year.
      rijen: per row the values of Datum, Actielijn, Geldstroom, Bedrag, Uren, Buurt,
        Omschrijving, Kenmerk (None leaves a cell empty).
      extra: extra columns the partner added (header -> values per row).
    Returns:
      The workbook.
    """
    import openpyxl  # lazy: slow to import, needed only when a test fills in a template

    workbook = openpyxl.load_workbook(io.BytesIO(sjabloon_bytes(maak_sjabloon(laad_grootboek(ledger), partner, jaar))))
    sheet = workbook["Invullen"]
    for offset, rij in enumerate(rijen):
        for kolom, waarde in enumerate(rij, 1):
            if waarde is not None:
                sheet.cell(row=KOPREGEL + 1 + offset, column=kolom, value=waarde)
    for kop, waarden in (extra or {}).items():
        kolom = sheet.max_column + 1
        sheet.cell(row=KOPREGEL, column=kolom, value=kop)
        for offset, waarde in enumerate(waarden):
            sheet.cell(row=KOPREGEL + 1 + offset, column=kolom, value=waarde)
    return workbook


def bewaar(workbook: Workbook, pad: str | Path) -> Path:
    """Save a workbook with fixed timestamps (same content, same bytes)."""
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(sjabloon_bytes(workbook))
    return pad


def vul(ledger: str | Path, pad: str | Path, partner: str, jaar: int, rijen: Sequence[Sequence[Any]],
        extra: Mapping[str, Sequence[Any]] | None = None) -> Path:
    """``gevuld_sjabloon`` saved to ``pad``; returns the path."""
    return bewaar(gevuld_sjabloon(ledger, partner, jaar, rijen, extra), pad)

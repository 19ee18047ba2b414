"""Errors of an import: a file that cannot be read, and the row errors that refuse a file.

Every problem with a row is an ``ImportRowError`` with ``source = {"filename": file,
"lineno": row}`` and a Dutch message that starts with the column (``kolom Bedrag: ...``);
``rij_fout`` makes one, ``format_rij_fout`` prints it as ``file:row: message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger.errors import ImportRowError


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


GROOTBOEK = "grootboek"  # ``source["oorzaak"]`` of an error the ledger causes, not the file


def rij_fout(pad: str, rij: int, kolom: str | None, reden: str, *,
             suggestie: str | None = None, blad: str | None = None,
             grootboek: bool = False) -> ImportRowError:
    """An ``ImportRowError`` for one cell: ``[blad X, ]kolom K: reden (suggestie: S)``.

    Args:
      pad: the import file.
      rij: the row number as the partner sees it (1 = first line / Excel row 1).
      kolom: the column name in the partner's file (None for file-level problems).
      reden: what is wrong, in Dutch.
      suggestie: the obvious fix, if there is one.
      blad: the sheet of an XLSX file, when the file has more than one.
      grootboek: the cause lies in the ledger (a missing commitment or advance), not in the
        file; the refusal then says so (``door_grootboek``).
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
    source: dict[str, Any] = {"filename": str(pad), "lineno": rij}
    if grootboek:
        source["oorzaak"] = GROOTBOEK
    return ImportRowError(source, message, None)


def door_grootboek(error: Any) -> bool:
    """Tell whether an import error is caused by the ledger rather than by the file."""
    return (error.source or {}).get("oorzaak") == GROOTBOEK


def format_rij_fout(error: Any) -> str:
    """``file:row: message`` for an import error (the file name as given)."""
    source = error.source or {}
    return f"{source.get('filename', '<onbekend>')}:{source.get('lineno', 0)}: {error.message}"

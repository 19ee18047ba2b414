"""The shared state of the plugin's one pass: declarations, errors, the stream version in force.

Every rule module receives one :class:`Context`. It holds what more than one rule needs:

* the parsed declarations (``programma``);
* the one error list, in the order the pass finds the violations;
* per stream the version in force on the entry's date (:meth:`Context.stroom_of`), which
  only moves forward because the entries come in date order;
* per stream the running figures several rules read (:class:`Stroomstand`): spent so far,
  booked as award on ``Liabilities:Nog-te-besteden``, open commitments.

Rule modules import only this module (never each other), ``ledger.model``,
``ledger.errors``, ``ledger.nl`` and Beancount.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import DeclaratieError
from ledger.errors import GeldstroomError

ZERO = Decimal(0)
CENT = Decimal("0.01")
DERIVED = "__derived__"
NO_META: dict[str, Any] = {}


def source_of(posting: data.Posting, txn: data.Transaction) -> dict[str, Any]:
    """The metadata to report a posting's error at: the posting's own line, else the transaction's.

    Args:
      posting: the posting.
      txn: the transaction that holds it.
    Returns:
      A metadata dict with ``filename`` and ``lineno``.
    """
    if posting.meta and "lineno" in posting.meta:
        return posting.meta
    return txn.meta


class Stroomstand:
    """Running figures of one stream during the pass, read by several rules."""

    __slots__ = ("besteed", "geboekt", "open_verplicht")

    def __init__(self) -> None:
        self.besteed = ZERO  # spent so far
        self.geboekt = ZERO  # awards booked on Liabilities:Nog-te-besteden
        self.open_verplicht = ZERO  # open commitments


class Context:
    """What the rules of one pass share: declarations, errors, stream versions, running figures."""

    def __init__(self, programma: model.Programma) -> None:
        self.p = programma
        self.errors: list[Any] = []
        # Per stream, the index of the version in force (entries come in date order, so it
        # only moves forward; a change counts from the start of its date).
        self.versie: dict[str, int] = {}
        self.stand: dict[str, Stroomstand] = defaultdict(Stroomstand)

    def error(self, kind: type, source: dict[str, Any], message: str, entry: Any) -> None:
        """Report a violation.

        Args:
          kind: an error type of ``ledger.errors``.
          source: metadata with the file and line to report at.
          message: the Dutch message.
          entry: the offending entry.
        """
        self.errors.append(kind(source, message, entry))

    def stroom_of(self, code: str, source: dict[str, Any], entry: Any) -> model.Geldstroom | None:
        """The version of stream ``code`` in force on the entry's date; reports it when there is none.

        Args:
          code: the stream code.
          source: where to report an unknown or not yet declared stream.
          entry: the entry that uses the stream (its date counts).
        Returns:
          The stream version, or None (after reporting ``Onbekende geldstroom`` or
          ``Geldstroom niet toegekend``).
        """
        versions = self.p.stroom_historie.get(code, ())
        index = self.versie.get(code, -1)
        while index + 1 < len(versions) and versions[index + 1].entry.date <= entry.date:
            index += 1
        self.versie[code] = index
        stroom = versions[index] if index >= 0 else None
        if stroom is None:
            if code in self.p.geldstromen:
                self.error(GeldstroomError, source,
                           f"Geldstroom niet toegekend: {code} is op {entry.date} nog niet gedeclareerd", entry)
            else:
                self.error(DeclaratieError, source, f"Onbekende geldstroom: {code}", entry)
        return stroom


def derived_meta(source: dict[str, Any]) -> dict[str, Any]:
    """Metadata of a derived entry: the source's file and line, marked ``__derived__``.

    Args:
      source: the metadata of the entry the derived one stems from.
    Returns:
      A new metadata dict.
    """
    return {"filename": source.get("filename"), "lineno": source.get("lineno"), DERIVED: True}


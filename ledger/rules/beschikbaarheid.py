"""Availability control against the begroting.

Called by the ``ledger.plugins.snw`` plugin during its one pass, for every spending
posting it has resolved and every commitment (Fava's budget entries are derived in
``ledger.rules.fava_budgets``). The current budget of a year for an actielijn × stream is the
sum of its ``begroting`` line and every ``begrotingswijziging`` dated so far.

**Availability control** (as public funds-management systems do it): a posting that
takes an actielijn × stream beyond its current budget for the year is reported at that
posting; so is a commitment (``custom "verplichting"``) that takes the commitments of
the year beyond it. The ledger declares a tolerance::

    2023-01-01 custom "instelling" "begroting_tolerantie" 0.05 "fout"

* above the budget but within budget × (1 + 0.05): a warning (``BegrotingWaarschuwing``,
  message ``Waarschuwing: Overschrijding begroting … (binnen de tolerantie van 5%)``);
* beyond that: the declared level, ``"fout"`` (``BegrotingError``, ``snw check`` fails)
  or ``"waarschuwing"``.

Without the setting the tolerance is 0 and every overrun is an error. Each
(year, actielijn, stream) is reported once per level, at the posting that crosses it.
Years without any budget line, and the partners' own contributions (``EIGEN``), are not
controlled.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.nl import euro
from ledger.nl import procent

ZERO = Decimal(0)
CENT = Decimal("0.01")
Key = model.BegrotingKey


def tolerantie(programma: model.Programma) -> tuple[Decimal, type]:
    """The declared tolerance: (fraction, error type beyond it).

    Returns:
      (fraction above the budget that is only a warning, ``BegrotingError`` or
      ``BegrotingWaarschuwing`` for overruns beyond the tolerance).
    """
    values = programma.instelling("begroting_tolerantie", (ZERO, "fout"))
    fraction = values[0] if values and isinstance(values[0], Decimal) else ZERO
    level = values[1] if len(values) > 1 else "fout"
    return fraction, BegrotingWaarschuwing if level == "waarschuwing" else BegrotingError


def _validate(programma: model.Programma) -> list[Any]:
    errors: list[Any] = []
    for regel in programma.begroting:
        if regel.actielijn not in programma.actielijnen:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekende actielijn in {regel.soort}: {regel.actielijn}",
                                         regel.entry))
        if regel.stroom != model.EIGEN and regel.stroom not in programma.geldstromen:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekende geldstroom in {regel.soort}: {regel.stroom}",
                                         regel.entry))
        if regel.soort == "begroting" and regel.bedrag < 0:
            errors.append(BegrotingError(regel.entry.meta, f"Negatieve begroting voor {regel.actielijn}/{regel.stroom}",
                                         regel.entry))
        if regel.besluit and regel.besluit not in programma.ab_besluiten:
            errors.append(BegrotingError(regel.entry.meta, f"Onbekend AB-besluit: {regel.besluit}", regel.entry))
    return errors


class Control:
    """Availability control during the plugin's one pass over the entries.

    The plugin calls :meth:`spending` for every spending posting it has already resolved
    to (actielijn, stream), and :meth:`verplichting` for every commitment, in date order;
    budget lines and amendments count from their date (before same-day spending).
    """

    def __init__(self, programma: model.Programma) -> None:
        self.programma = programma
        self.tolerance, self.kind = tolerantie(programma)
        self.budget: dict[Key, Decimal] = defaultdict(Decimal)
        self.reported: set[tuple[str, Key, type]] = set()
        self.errors: list[Any] = _validate(programma)
        self.years = {regel.jaar for regel in programma.begroting}
        self.lines = sorted(programma.begroting, key=lambda regel: regel.datum)
        self.index = 0
        self.spent: dict[Key, Decimal] = defaultdict(Decimal)
        self.committed: dict[Key, Decimal] = defaultdict(Decimal)

    def advance(self, date: datetime.date) -> None:
        """Apply the budget lines and amendments dated up to and including ``date``."""
        lines = self.lines
        while self.index < len(lines) and lines[self.index].datum <= date:
            regel = lines[self.index]
            self.budget[(regel.jaar, regel.actielijn, regel.stroom)] += regel.bedrag
            self.index += 1

    def spending(self, txn: data.Transaction, source: dict[str, Any], actielijn: str, stroom: str,
                 bedrag: Decimal) -> None:
        """A spending posting on an actielijn from a stream (EIGEN is not budget-controlled)."""
        if stroom == model.EIGEN or txn.date.year not in self.years:
            return
        self.advance(txn.date)
        key = (txn.date.year, actielijn, stroom)
        self.spent[key] += bedrag
        if bedrag > 0:
            self.over("besteed", key, self.spent[key], source, txn)

    def verplichting(self, verplichting: model.Verplichting) -> None:
        """A commitment: it may not exceed the budget of its year either."""
        entry = verplichting.entry
        if verplichting.stroom == model.EIGEN or entry.date.year not in self.years:
            return
        self.advance(entry.date)
        key = (entry.date.year, verplichting.actielijn, verplichting.stroom)
        self.committed[key] += verplichting.bedrag
        self.over("verplicht", key, self.committed[key], entry.meta, entry, once=False)

    def over(self, soort: str, key: Key, stand: Decimal, source: dict[str, Any], entry: Any,
             once: bool = True) -> None:
        """Report ``stand`` (spent or committed) when it exceeds the budget of ``key``."""
        budget = self.budget.get(key, ZERO)
        if stand <= budget:
            return
        limit = (budget * (1 + self.tolerance)).quantize(CENT)
        kind = self.kind if stand > limit else BegrotingWaarschuwing
        if once:
            if (soort, key, kind) in self.reported:
                return
            self.reported.add((soort, key, kind))
        jaar, code, stroom = key
        prefix = "Waarschuwing: " if kind is BegrotingWaarschuwing else ""
        suffix = f" (binnen de tolerantie van {procent(self.tolerance, 1)})" if stand <= limit else ""
        if soort == "besteed":
            message = (f"{prefix}Overschrijding begroting {jaar} {code}/{stroom}: besteed {euro(stand)}, "
                       f"begroot {euro(budget)}{suffix}")
        else:
            message = (f"{prefix}Verplichting boven begroting {jaar} {code}/{stroom}: verplicht {euro(stand)}, "
                       f"begroot {euro(budget)}{suffix}")
        self.errors.append(kind(source, message, entry))

    def finish(self) -> list[Any]:
        """The errors and warnings found.

        Returns:
          The ``BegrotingError`` and ``BegrotingWaarschuwing`` tuples, in the order found.
        """
        return self.errors

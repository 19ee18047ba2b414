"""Availability control against the begroting, and Fava budget entries derived from it.

Called by the ``ledger.plugins.snw`` plugin after its stream checks, on the entries that
already carry the releases. The current budget of a year for an actielijn × stream is the
sum of its ``begroting`` line and every ``begrotingswijziging`` dated so far.

* For each (year, actielijn, stream) with a budget, this derives one Fava entry
  ``custom "budget" <leaf account> "yearly" <current amount> EUR`` dated 1 January of
  the year, so Fava's budget columns show the current yearly amount, not a day-prorated
  mix of versions.
* Spending beyond the current budget of its year (plus the tolerance declared with
  ``custom "instelling" "begroting_tolerantie" <fraction> "fout"|"waarschuwing"``) is
  reported at the posting that crosses it; so is a commitment that does.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import amount as amount_lib
from beancount.core import data

from ledger import model
from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.nl import euro

ZERO = Decimal(0)
CENT = Decimal("0.01")
Key = tuple[int, str, str]


def huidige_begroting(programma: model.Programma, peildatum: datetime.date | None = None) -> dict[Key, Decimal]:
    """The current budget per (year, actielijn code, stream), amendments up to a date included.

    Args:
      programma: the parsed declarations.
      peildatum: only lines and amendments dated on or before this date count (None: all).
    Returns:
      Amount per (jaar, actielijn, stroom).
    """
    totals: dict[Key, Decimal] = defaultdict(Decimal)
    for regel in programma.begroting:
        if peildatum is None or regel.datum <= peildatum:
            totals[(regel.jaar, regel.actielijn, regel.stroom)] += regel.bedrag
    return dict(totals)


def _tolerance(programma: model.Programma) -> tuple[Decimal, type]:
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


def fava_budgets(programma: model.Programma) -> list[data.Custom]:
    """Fava ``custom "budget"`` entries: one per (year, leaf), the current yearly amount."""
    out = []
    last_source: dict[Key, dict[str, Any]] = {}
    for regel in programma.begroting:
        last_source[(regel.jaar, regel.actielijn, regel.stroom)] = regel.entry.meta
    for (jaar, code, stroom), bedrag in sorted(huidige_begroting(programma).items()):
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            continue
        source = last_source[(jaar, code, stroom)]
        meta = {"filename": source.get("filename"), "lineno": source.get("lineno"), "__derived__": True}
        values = [
            data.CustomValue(actielijn.leaf(stroom), data.ACCOUNT_TYPE),
            data.CustomValue("yearly", str),
            data.CustomValue(amount_lib.Amount(bedrag, model.CURRENCY), amount_lib.Amount),
        ]
        out.append(data.Custom(meta, datetime.date(jaar, 1, 1), "budget", values))
    return out


def check(entries: list[data.Directive], programma: model.Programma) -> tuple[list[data.Directive], list[Any]]:
    """Check spending and commitments against the current budget; derive Fava budgets.

    Args:
      entries: the sorted entries (releases already added).
      programma: the parsed declarations.
    Returns:
      (derived Fava budget entries, errors and warnings).
    """
    errors = _validate(programma)
    if not programma.begroting:
        return [], errors
    tolerance, kind = _tolerance(programma)
    years = {regel.jaar for regel in programma.begroting}
    budget: dict[Key, Decimal] = defaultdict(Decimal)
    lines = sorted(programma.begroting, key=lambda regel: regel.datum)
    index = 0
    spent: dict[Key, Decimal] = defaultdict(Decimal)
    committed: dict[Key, Decimal] = defaultdict(Decimal)
    reported: set[Key] = set()
    by_entry = {id(v.entry): v for v in programma.verplichtingen}

    def limit(key: Key) -> Decimal:
        return (budget.get(key, ZERO) * (1 + tolerance)).quantize(CENT)

    for entry in entries:
        while index < len(lines) and lines[index].datum <= entry.date:
            regel = lines[index]
            budget[(regel.jaar, regel.actielijn, regel.stroom)] += regel.bedrag
            index += 1
        if isinstance(entry, data.Transaction):
            if entry.date.year not in years:
                continue
            for posting in entry.postings:
                if not posting.account.startswith(model.ACTIELIJN_ROOT + ":") or (
                        posting.meta and posting.meta.get("__derived__")):
                    continue
                actielijn, stroom = programma.actielijn_van_account(posting.account)
                if actielijn is None or stroom is None or stroom == model.EIGEN:
                    continue
                key = (entry.date.year, actielijn.code, stroom)
                spent[key] += posting.units.number
                if posting.units.number > 0 and spent[key] > limit(key) and key not in reported:
                    reported.add(key)
                    source = posting.meta if posting.meta and "lineno" in posting.meta else entry.meta
                    prefix = "Waarschuwing: " if kind is BegrotingWaarschuwing else ""
                    errors.append(kind(source, f"{prefix}Overschrijding begroting {key[0]} {actielijn.code}/{stroom}: "
                                               f"besteed {euro(spent[key])}, begroot {euro(budget.get(key, ZERO))}",
                                       entry))
        elif isinstance(entry, data.Custom) and entry.type == "verplichting":
            verplichting = by_entry.get(id(entry))
            if verplichting is None or entry.date.year not in years:
                continue
            key = (entry.date.year, verplichting.actielijn, verplichting.stroom)
            committed[key] += verplichting.bedrag
            if committed[key] > limit(key):
                prefix = "Waarschuwing: " if kind is BegrotingWaarschuwing else ""
                errors.append(kind(entry.meta, f"{prefix}Verplichting boven begroting {key[0]} {key[1]}/{key[2]}: "
                                               f"verplicht {euro(committed[key])}, begroot {euro(budget.get(key, ZERO))}",
                                   entry))
    return fava_budgets(programma), errors

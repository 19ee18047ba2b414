"""Fava budgets: ``custom "budget"`` entries derived from the begroting.

Fava's own ``custom "budget"`` has no versions: an entry holds from its date until the
next entry for the same account, and Fava spreads it per day. So for each (year,
actielijn, stream) with a budget this derives one entry. Input::

    2024-12-15 custom "begroting" 2025 "VEI-11" "PMG" 150000.00 EUR
      besluit: "AB-2025"
    2025-06-01 custom "begrotingswijziging" 2025 "VEI-11" "PMG" 20000.00 EUR
      besluit: "AB-2025-W1"

Output, next to the input (marked ``__derived__``, with the file and line of the leaf's
last budget line)::

    2025-01-01 custom "budget" Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG "yearly" 170000.00 EUR

dated 1 January with the *current* yearly amount (primitive budget plus every
amendment), so Fava's budget column for the year shows exactly that amount, whatever
the date of the amendment. A year whose current budget is 0 gets no entry: the journal
shows no ``0.00 EUR`` budgets. Each derived entry holds for its own year only; Fava,
though, carries a budget on until the next entry for the account, so the Fava extension
(``reports.fava_ext``, declared in every ledger with ``custom "fava-extension"``) ends
each derived budget on 1 January of the next year without one, inside Fava's budget
module (``budgetten_per_jaar``), not in the ledger.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import account as account_lib
from beancount.core import amount as amount_lib
from beancount.core import data
from beancount.parser.grammar import ValueType

from ledger import model
from ledger.model import huidige_begroting

ZERO = Decimal(0)


def _fava_entry(meta: dict[str, Any], jaar: int, leaf: str, bedrag: Decimal) -> data.Custom:
    values = [
        ValueType(leaf, account_lib.TYPE),
        ValueType("yearly", str),
        ValueType(amount_lib.Amount(bedrag, model.CURRENCY), amount_lib.Amount),
    ]
    return data.Custom(dict(meta), datetime.date(jaar, 1, 1), "budget", values)


def fava_budgets(programma: model.Programma) -> list[data.Custom]:
    """Fava ``custom "budget"`` entries: per (year, leaf) the current yearly amount on 1 January.

    No entry for a year whose current amount is 0 (the Fava extension ends each budget at
    the end of its year, see the module docstring).

    Args:
      programma: the parsed declarations, with the begroting lines and amendments.
    Returns:
      The derived entries, per leaf (sorted by actielijn and stream) year by year.
    """
    last_source: dict[tuple[str, str], dict[str, Any]] = {}
    for regel in programma.begroting:
        last_source[(regel.actielijn, regel.stroom)] = regel.entry.meta
    per_leaf: dict[tuple[str, str], dict[int, Decimal]] = defaultdict(dict)
    for (jaar, code, stroom), bedrag in huidige_begroting(programma).items():
        per_leaf[(code, stroom)][jaar] = bedrag
    out = []
    for (code, stroom), years in sorted(per_leaf.items()):
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            continue
        source = last_source[(code, stroom)]
        meta = {"filename": source.get("filename"), "lineno": source.get("lineno"), "__derived__": True}
        leaf = actielijn.leaf(stroom)
        out.extend(_fava_entry(meta, jaar, leaf, years[jaar]) for jaar in sorted(years) if years[jaar] != ZERO)
    return out



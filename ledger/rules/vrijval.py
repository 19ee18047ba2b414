"""Releases (vrijval): per day and stream one transaction with the day's spending.

Fund accounting: an award sits on ``Liabilities:Nog-te-besteden:X`` until it is spent;
spending releases it to ``Income:Geldstroom:X``. Input::

    2024-05-15 * "ADAMAS" "Credible Messengers mei"
      Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   12500.00 EUR
      Assets:Bank:Programma

Output, next to the (unchanged) input; marked ``__derived__`` and tagged ``#vrijval`` (so
Fava's filter ``-#vrijval`` hides them from the journal), with the file and line of the day's
first spending and the number of spendings it releases::

    2024-05-15 * "Vrijval PMG: 1 besteding" #vrijval
      bestedingen: 1
      Liabilities:Nog-te-besteden:PMG    12500.00 EUR
      Income:Geldstroom:PMG             -12500.00 EUR

A partner's own money and staff time (stream ``EIGEN``) is released from
``Equity:Inbreng-partners`` to ``Income:Inzet:<PARTNER>``, per day and partner. One
release per day and stream rather than per posting keeps the plugin cheap on large
ledgers (tools/benchmark.py): the balances per stream are the same on every date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from beancount.core import amount as amount_lib
from beancount.core import data

from ledger import model
from ledger.rules.context import DERIVED
from ledger.rules.context import derived_meta

#: The tag of every release transaction (Fava filters on tags, not on ``__derived__``).
TAG = "vrijval"
TAGS = frozenset({TAG})


class Vrijval:
    """The day releases collected during the pass."""

    def __init__(self) -> None:
        # (date, from account, to account) -> [amount, count, first source meta].
        self.per_dag: dict[tuple[datetime.date, str, str], list[Any]] = {}

    def release(self, txn: data.Transaction, bron: str, doel: str, bedrag: Decimal) -> None:
        """Add an amount to the day's release from ``bron`` to ``doel``.

        Args:
          txn: the spending transaction (its date, and its line for the day's first).
          bron: the account released from, e.g. ``Liabilities:Nog-te-besteden:PMG``.
          doel: the account released to, e.g. ``Income:Geldstroom:PMG``.
          bedrag: the amount spent.
        """
        key = (txn.date, bron, doel)
        vrijval = self.per_dag.get(key)
        if vrijval is None:
            self.per_dag[key] = [bedrag, 1, txn.meta]
        else:
            vrijval[0] += bedrag
            vrijval[1] += 1

    def stroom(self, txn: data.Transaction, stroom_code: str, bedrag: Decimal) -> None:
        """Release a spending from a stream (:meth:`release`, inlined: it runs for every posting).

        Args:
          txn: the spending transaction.
          stroom_code: the stream.
          bedrag: the amount spent.
        """
        key = (txn.date, model.NOG_TE_BESTEDEN + ":" + stroom_code, model.INCOME_GELDSTROOM + ":" + stroom_code)
        vrijval = self.per_dag.get(key)
        if vrijval is None:
            self.per_dag[key] = [bedrag, 1, txn.meta]
        else:
            vrijval[0] += bedrag
            vrijval[1] += 1

    def eigen(self, txn: data.Transaction, partner_code: str, bedrag: Decimal) -> None:
        """Release a partner's own contribution (``EIGEN``).

        Args:
          txn: the spending transaction.
          partner_code: the partner.
          bedrag: the amount contributed.
        """
        self.release(txn, model.INBRENG, model.INCOME_INZET + ":" + partner_code, bedrag)

    def entries(self) -> list[data.Transaction]:
        """One derived transaction per day and stream (or partner) with the day's release.

        Returns:
          The release transactions, in the order of each day's first spending.
        """
        out = []
        for (date, bron, doel), (bedrag, aantal, source) in self.per_dag.items():
            meta = derived_meta(source)
            meta["bestedingen"] = aantal
            units = amount_lib.Amount(bedrag, model.CURRENCY)
            naam = doel.rsplit(":", 1)[1]
            postings = [
                data.Posting(bron, units, None, None, None, {DERIVED: True}),
                data.Posting(doel, -units, None, None, None, {DERIVED: True}),
            ]
            narration = f"Vrijval {naam}: {aantal} {'besteding' if aantal == 1 else 'bestedingen'}"
            out.append(data.Transaction(meta, date, "*", None, narration, TAGS, data.EMPTY_SET, postings))
        return out

"""Opening accounts: the per-stream and partner accounts, and each stream leaf on first use.

The ledger declares a stream, a partner and an actielijn; it does not open their
accounts. Input::

    2023-01-01 custom "geldstroom" "PMG" "Preventie met gezag"
      status: "toegekend"
    2023-01-01 custom "partner" "ADAMAS" "Adamas"

Output, next to the input (each ``Open`` marked ``__derived__``, with the declaration's
file and line)::

    2023-01-01 open Assets:Te-ontvangen:PMG         EUR
    2023-01-01 open Liabilities:Nog-te-besteden:PMG  EUR
    2023-01-01 open Income:Geldstroom:PMG            EUR
    2023-01-01 open Income:Inzet:ADAMAS              EUR
    2023-01-01 open Equity:Inbreng-partners          EUR

A stream leaf ``Expenses:Actielijn:<DOMEIN>:<CODE>-<Naam>:<STROOM>`` is opened on its
first spending, at the date and line of the actielijn's own ``open``. An account the
ledger opens itself is never opened twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from beancount.core import data

from ledger import model
from ledger.rules.context import Context
from ledger.rules.context import derived_meta


class Openen:
    """The accounts opened so far, and the ``Open`` entries derived for the missing ones."""

    def __init__(self, ctx: Context, entries: list[data.Directive]) -> None:
        self.ctx = ctx
        self.opened: set[str] = {e.account for e in entries if isinstance(e, data.Open)}
        self.new_opens: list[data.Open] = []

    def ensure_open(self, account: str, date: datetime.date, source: dict[str, Any]) -> None:
        """Open ``account`` at ``date`` (reported at ``source``) unless it is open already.

        Args:
          account: the account name.
          date: the date of the derived ``Open``.
          source: metadata whose file and line the ``Open`` carries.
        """
        if account not in self.opened:
            self.opened.add(account)
            self.new_opens.append(data.Open(derived_meta(source), date, account, [model.CURRENCY], None))

    def declared(self) -> None:
        """Open the accounts of every declared stream and partner, and the partners' equity."""
        p = self.ctx.p
        for code, versions in p.stroom_historie.items():
            first = versions[0].entry
            for root in (model.TE_ONTVANGEN, model.NOG_TE_BESTEDEN, model.INCOME_GELDSTROOM):
                self.ensure_open(f"{root}:{code}", first.date, first.meta)
        for partner in p.partners.values():
            self.ensure_open(f"{model.INCOME_INZET}:{partner.code}", partner.entry.date, partner.entry.meta)
        if p.partners:
            first = min(p.partners.values(), key=lambda partner: partner.entry.date).entry
            self.ensure_open(model.INBRENG, first.date, first.meta)

    def leaf(self, account: str, actielijn: model.Actielijn) -> None:
        """Open a stream leaf of ``actielijn`` on its first use, at the actielijn's own ``open``.

        Args:
          account: the stream leaf, e.g. ``Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG``.
          actielijn: its actielijn.
        """
        self.ensure_open(account, actielijn.entry.date, actielijn.entry.meta)

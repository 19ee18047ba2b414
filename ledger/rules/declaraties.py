"""Declarations in use: every actielijn, stream, partner and buurt a booking names must be declared.

Input::

    2023-03-01 * "ADAMAS" "Credible Messengers maart"
      Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   12500.00 EUR
        partner: "ADAMS"
      Assets:Bank:Programma

Output: the entries unchanged, and an error at the posting's line::

    DeclaratieError: Onbekende partner: ADAMS

Checked: an actielijn's domein; a spending account's actielijn and stream (a spending
must be booked on a stream leaf ``<actielijn>:<STROOM>``); the ``partner`` and ``buurt``
of a spending; ``EIGEN`` spending names a declared partner. A stream account
(``Income:Geldstroom:X`` …) of an undeclared stream is checked in
``ledger.rules.toekenningen``; a stream used before its declaration in
``ledger.rules.context``.
"""

from __future__ import annotations

from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import DeclaratieError
from ledger.rules.context import Context


def actielijn_domeinen(ctx: Context) -> None:
    """Report every actielijn whose domein is not declared (when the ledger declares domeinen).

    Args:
      ctx: the pass.
    """
    p = ctx.p
    for actielijn in p.actielijnen.values():
        if actielijn.domein not in p.domeinen and p.domeinen:
            ctx.error(DeclaratieError, actielijn.entry.meta,
                      f"Onbekend domein {actielijn.domein} bij actielijn {actielijn.code}", actielijn.entry)


class Declaraties:
    """Resolves spending accounts (once per account) and checks the names a spending uses."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.accounts: dict[str, tuple[model.Actielijn | None, str | None]] = {}

    def besteding(self, txn: data.Transaction, posting: data.Posting,
                  source: dict[str, Any]) -> tuple[model.Actielijn, str] | None:
        """The actielijn and stream of a spending posting, or None after reporting why not.

        Args:
          txn: the transaction.
          posting: a posting on ``Expenses:Actielijn:…``.
          source: where to report.
        Returns:
          (actielijn, stream code), or None.
        """
        ctx = self.ctx
        resolved = self.accounts.get(posting.account)
        if resolved is None:
            resolved = self.accounts[posting.account] = ctx.p.actielijn_van_account(posting.account)
        actielijn, stroom_code = resolved
        if actielijn is None:
            ctx.error(DeclaratieError, source, f"Onbekende actielijn: {posting.account}", txn)
            return None
        if stroom_code is None:
            ctx.error(DeclaratieError, source,
                      f"Onbekende geldstroom: boeking op {actielijn.code} zonder geldstroom "
                      f"(boek op {actielijn.account}:<STROOM>)", txn)
            return None
        if stroom_code != model.EIGEN and stroom_code not in ctx.p.geldstromen:
            ctx.error(DeclaratieError, source, f"Onbekende geldstroom: {stroom_code} in {posting.account}", txn)
            return None
        return actielijn, stroom_code

    def partner(self, txn: data.Transaction, source: dict[str, Any], partner_code: Any) -> Any:
        """The spending's partner if declared; an undeclared one is reported and dropped.

        Args:
          txn: the transaction.
          source: where to report.
          partner_code: the ``partner`` metadata, or None.
        Returns:
          The partner code, or None.
        """
        if partner_code is not None and partner_code not in self.ctx.p.partners:
            self.ctx.error(DeclaratieError, source, f"Onbekende partner: {partner_code}", txn)
            return None
        return partner_code

    def buurt(self, txn: data.Transaction, source: dict[str, Any], buurt: Any) -> None:
        """Report a ``buurt`` that is not declared.

        Args:
          txn: the transaction.
          source: where to report.
          buurt: the ``buurt`` metadata, or None.
        """
        if buurt is not None and buurt not in self.ctx.p.buurten:
            self.ctx.error(DeclaratieError, source, f"Onbekende buurt: {buurt}", txn)

    def eigen_partner(self, txn: data.Transaction, source: dict[str, Any], partner_code: str | None) -> bool:
        """Tell whether an ``EIGEN`` spending names a declared partner; report it when not.

        Args:
          txn: the transaction.
          source: where to report.
          partner_code: the (declared) partner, or None.
        Returns:
          True when there is a partner to release the contribution to.
        """
        if partner_code is None:
            self.ctx.error(DeclaratieError, source,
                           "Onbekende partner: eigen middelen (EIGEN) vragen partner: met een gedeclareerde partner",
                           txn)
            return False
        return True

"""Formatie: booked staff time must equal hours × the partner's tariff valid on the posting's date.

The tariff is ``Partner.tarief_op(txn.date)``: the partner declaration's ``tarief:`` from its
date, each ``custom "tarief"`` from its own date; the importers value hours with the same
function. Input, for a partner declared with ``tarief: 80.00 EUR``::

    2023-03-31 * "ADAMAS" "Uren maart"
      Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN   850.00 EUR
        partner: "ADAMAS"
        uren: 10
      Equity:Inbreng-partners

Output: the entries unchanged, and an error at the posting's line::

    GeldstroomError: Formatie klopt niet: 10 uur × € 80,00 = € 800,00, geboekt € 850,00

Also reported: ``uren`` that is not a number, and hours without a declared partner with a
tariff valid on the posting's date.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger.errors import GeldstroomError
from ledger.model import formatie_bedrag
from ledger.nl import euro
from ledger.rules.context import Context


def formatie(ctx: Context, txn: data.Transaction, source: dict[str, Any], partner_code: str | None,
             uren: Any, bedrag: Decimal) -> None:
    """Check a spending with ``uren`` against the partner's tariff.

    Args:
      ctx: the pass.
      txn: the transaction.
      source: where to report.
      partner_code: the spending's (declared) partner, or None.
      uren: the ``uren`` metadata.
      bedrag: the amount booked.
    """
    if not isinstance(uren, (Decimal, int)) or isinstance(uren, bool):
        ctx.error(GeldstroomError, source, f"Formatie klopt niet: uren '{uren}' is geen getal", txn)
        return
    partner = ctx.p.partners.get(partner_code) if partner_code else None
    tarief = partner.tarief_op(txn.date) if partner is not None else None
    if tarief is None:
        op = f" op {txn.date}" if partner is not None and partner.tarieven else ""
        ctx.error(GeldstroomError, source,
                  f"Formatie klopt niet: uren zonder partner met tarief{op} ({partner_code or 'geen partner'})", txn)
        return
    verwacht = formatie_bedrag(uren, tarief)
    if verwacht != bedrag:
        ctx.error(GeldstroomError, source,
                  f"Formatie klopt niet: {uren} uur × {euro(tarief)} = {euro(verwacht)}, "
                  f"geboekt {euro(bedrag)}", txn)

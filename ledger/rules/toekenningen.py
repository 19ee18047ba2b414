"""Awards and repayments: bookings on a stream's own accounts.

Every booking on ``Liabilities:Nog-te-besteden:X`` counts: an award (credit), and a
repayment to the funder or a lowered award (debit). Input, on a stream with 300,000
available::

    2023-01-10 * "Toekenning PMG"
      Assets:Te-ontvangen:PMG            400000.00 EUR
      Liabilities:Nog-te-besteden:PMG

Output: the entries unchanged, and an error at the liability posting::

    GeldstroomError: Toekenning boven beschikbaar bedrag: PMG geboekt € 400.000,00, beschikbaar € 300.000,00

A repayment that leaves less awarded than already spent is reported as ``Terugbetaling
boven wat nog te besteden is``; a stream account (``Assets:Te-ontvangen:X``,
``Liabilities:Nog-te-besteden:X``, ``Income:Geldstroom:X``) of an undeclared stream as
``Onbekende geldstroom``.
"""

from __future__ import annotations

from beancount.core import data

from ledger import model
from ledger.errors import DeclaratieError
from ledger.errors import GeldstroomError
from ledger.nl import euro
from ledger.rules.context import Context
from ledger.rules.context import source_of

STREAM_ROOTS = (model.NOG_TE_BESTEDEN + ":", model.TE_ONTVANGEN + ":", model.INCOME_GELDSTROOM + ":")
_NOG_TE_BESTEDEN = model.NOG_TE_BESTEDEN + ":"


def niet_beschikbaar_reden(stroom: model.Geldstroom) -> str:
    """Why a stream has nothing available yet, for the message (empty when it is awarded).

    Args:
      stroom: the stream version.
    Returns:
      E.g. ``status aangevraagd``, or ``""``.
    """
    if stroom.status != "toegekend":
        return f"status {stroom.status}"
    if stroom.split_open:
        return "verdeling tussen gebieden nog open"
    return ""


def stream_account(ctx: Context, txn: data.Transaction, posting: data.Posting) -> None:
    """Check a posting on one of a stream's own accounts, and count what it books as award.

    Args:
      ctx: the pass (``Stroomstand.geboekt`` is updated).
      txn: the transaction.
      posting: a posting on ``Assets:Te-ontvangen:X``, ``Liabilities:Nog-te-besteden:X`` or
        ``Income:Geldstroom:X``.
    """
    code = posting.account.split(":", 2)[2]
    source = source_of(posting, txn)
    if code not in ctx.p.geldstromen:
        ctx.error(DeclaratieError, source, f"Onbekende geldstroom: {code} in {posting.account}", txn)
        return
    if not posting.account.startswith(_NOG_TE_BESTEDEN):
        return
    stroom = ctx.stroom_of(code, source, txn)
    if stroom is None:
        return
    stand = ctx.stand[code]
    number = posting.units.number
    stand.geboekt -= number
    if number < 0 and stand.geboekt > stroom.beschikbaar:
        reden = niet_beschikbaar_reden(stroom)
        ctx.error(GeldstroomError, source,
                  f"Toekenning boven beschikbaar bedrag: {code} geboekt {euro(stand.geboekt)}, "
                  f"beschikbaar {euro(stroom.beschikbaar)}" + (f" ({reden})" if reden else ""), txn)
    elif number > 0 and stand.geboekt < stand.besteed:
        ctx.error(GeldstroomError, source,
                  f"Terugbetaling boven wat nog te besteden is: {code} toegekend na deze boeking "
                  f"{euro(stand.geboekt)}, al besteed {euro(stand.besteed)}", txn)

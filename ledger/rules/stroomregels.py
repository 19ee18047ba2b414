"""Stream rules on spending: awarded, split decided, period, domain, theme, availability, overhead.

Each stream declares its rules as data (docs/ledgertaal.md). Input, on a stream that
runs ``van: 2023-01-01`` ``tot: 2025-12-31``::

    2026-01-15 * "ADAMAS" "Credible Messengers januari"
      Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   12500.00 EUR
      Assets:Bank:Programma

Output: the entries unchanged, and an error at the posting's line::

    GeldstroomError: Buiten de looptijd: PMG loopt van 2023-01-01 tot en met 2025-12-31, boeking op 2026-01-15

In order, with the first four ending the checks of that posting: ``Geldstroom niet
toegekend`` (status), ``Verdeling nog open`` (area share undecided), ``Buiten de
looptijd``, ``Domein niet subsidiabel``, ``Thema niet subsidiabel``, ``Overschrijding
geldstroom`` (spent beyond the lesser of available and booked as award), and, after the
tranche rule (``ledger.rules.tranches``), ``Overhead boven maximum`` for postings with
``kosten: "overhead"``. Also ``Bedrag in EUR verwacht`` for a spending in another
currency.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import GeldstroomError
from ledger.nl import euro
from ledger.nl import procent
from ledger.rules.context import ZERO
from ledger.rules.context import Context
from ledger.rules.context import Stroomstand
from ledger.model import in_centen


def bedrag(ctx: Context, txn: data.Transaction, posting: data.Posting, source: dict[str, Any]) -> Decimal | None:
    """The amount of a spending posting in euros, or None after reporting another currency.

    Args:
      ctx: the pass.
      txn: the transaction.
      posting: the spending posting.
      source: where to report.
    Returns:
      The amount, or None.
    """
    units = posting.units
    if units is None or units.number is None or units.currency != model.CURRENCY:
        ctx.error(GeldstroomError, source, f"Bedrag in {model.CURRENCY} verwacht op {posting.account}", txn)
        return None
    return units.number


class Stroomregels:
    """The eligibility and availability rules of a stream, and its overhead cap."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.overhead: dict[str, Decimal] = {}

    def besteding(self, txn: data.Transaction, source: dict[str, Any], actielijn: model.Actielijn,
                  stroom: model.Geldstroom, stand: Stroomstand, thema: str | None, bedrag: Decimal) -> bool:
        """Check a spending (already counted in ``stand``) against the stream's rules.

        Args:
          txn: the transaction.
          source: where to report.
          actielijn: the spending's actielijn.
          stroom: the stream version in force.
          stand: the stream's running figures, including this spending.
          thema: the spending's theme (its ``thema`` metadata, else the actielijn's).
          bedrag: the amount.
        Returns:
          False when the spending may not come from this stream at all (not awarded, split
          open, domain or theme not eligible): the further rules are not checked.
        """
        ctx = self.ctx
        code = stroom.code
        if stroom.status != "toegekend":
            ctx.error(GeldstroomError, source,
                      f"Geldstroom niet toegekend: {code} heeft status {stroom.status}; alleen toegekend "
                      "geld mag worden besteed", txn)
            return False
        if stroom.split_open:
            ctx.error(GeldstroomError, source,
                      f"Verdeling nog open: het aandeel van Nieuw-West in {code} is nog niet bepaald; "
                      "het geld blijft gereserveerd", txn)
            return False
        if (stroom.van and txn.date < stroom.van) or (stroom.tot and txn.date > stroom.tot):
            ctx.error(GeldstroomError, source,
                      f"Buiten de looptijd: {code} loopt van {stroom.van or '…'} tot en met {stroom.tot or '…'}, "
                      f"boeking op {txn.date}", txn)
        if stroom.domeinen is not None and actielijn.domein not in stroom.domeinen:
            ctx.error(GeldstroomError, source,
                      f"Domein niet subsidiabel: {code} is voor {' '.join(sorted(stroom.domeinen))}, "
                      f"actielijn {actielijn.code} valt onder {actielijn.domein}", txn)
            return False
        if stroom.themas is not None and thema not in stroom.themas:
            ctx.error(GeldstroomError, source,
                      f"Thema niet subsidiabel: {code} is voor {' '.join(sorted(stroom.themas))}, "
                      f"actielijn {actielijn.code} heeft thema {thema or '(geen)'}", txn)
            return False
        limiet = min(stroom.beschikbaar, stand.geboekt)
        if stand.besteed > limiet and bedrag > 0:
            ctx.error(GeldstroomError, source,
                      f"Overschrijding geldstroom {code}: besteed {euro(stand.besteed)}, beschikbaar "
                      f"{euro(stroom.beschikbaar)}, geboekt als toekenning {euro(stand.geboekt)}", txn)
        return True

    def overhead_cap(self, txn: data.Transaction, pm: dict[str, Any], source: dict[str, Any],
                     stroom: model.Geldstroom, bedrag: Decimal) -> None:
        """Count an overhead spending (``kosten: "overhead"``) and check the stream's cap.

        Args:
          txn: the transaction.
          pm: the posting's metadata.
          source: where to report.
          stroom: the stream version in force.
          bedrag: the amount.
        """
        if stroom.overhead_max is None or (pm["kosten"] if "kosten" in pm else txn.meta.get("kosten")) != "overhead":
            return
        code = stroom.code
        overhead = self.overhead[code] = self.overhead.get(code, ZERO) + bedrag
        maximum = in_centen(stroom.beschikbaar * stroom.overhead_max)
        if overhead > maximum:
            self.ctx.error(GeldstroomError, source,
                           f"Overhead boven maximum: {code} overhead {euro(overhead)}, maximaal "
                           f"{procent(stroom.overhead_max)} van {euro(stroom.beschikbaar)} = {euro(maximum)}", txn)

"""Co-financing: a stream with ``cofinanciering_min`` pays at most part of each actielijn.

Input, for a stream declared with ``cofinanciering_min: 0.25``, where actielijn VEI-11
is paid 90% from that stream over the whole ledger::

    2023-01-01 custom "geldstroom" "PMG" "Preventie met gezag"
      cofinanciering_min: 0.25

Output: the entries unchanged, and after the pass one error per (stream, actielijn) at
the stream's declaration, naming the actielijn's first booking on the stream::

    GeldstroomError: Cofinanciering onder minimum: VEI-11 is voor 10,00% uit andere middelen betaald dan PMG
    (€ 10.000,00 van € 100.000,00); minimaal 25% (eerste boeking grootboek.beancount:412)
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from beancount.core import data

from ledger.errors import GeldstroomError
from ledger.nl import euro
from ledger.nl import procent
from ledger.rules.context import ZERO
from ledger.rules.context import Context
from ledger.model import in_centen


class Cofinanciering:
    """Spending per actielijn, in total and per stream, and each pair's first booking."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.actielijn_totaal: dict[str, Decimal] = defaultdict(Decimal)
        self.actielijn_stroom: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        self.bron: dict[tuple[str, str], data.Transaction] = {}

    def boek(self, txn: data.Transaction, actielijn_code: str, stroom_code: str, bedrag: Decimal) -> None:
        """Count a spending of an actielijn from a stream (``EIGEN`` included).

        Args:
          txn: the transaction.
          actielijn_code: the actielijn.
          stroom_code: the stream.
          bedrag: the amount.
        """
        self.actielijn_totaal[actielijn_code] += bedrag
        self.actielijn_stroom[(actielijn_code, stroom_code)] += bedrag
        self.bron.setdefault((actielijn_code, stroom_code), txn)

    def finish(self) -> None:
        """Report every actielijn paid from a stream beyond its co-financing minimum."""
        ctx = self.ctx
        for code, stroom in ctx.p.geldstromen.items():
            minimum = stroom.cofinanciering_min
            if minimum is None:
                continue
            for (actielijn_code, stroom_code), bedrag in sorted(self.actielijn_stroom.items()):
                if stroom_code != code or bedrag <= 0:
                    continue
                totaal = self.actielijn_totaal[actielijn_code]
                anders = totaal - bedrag
                if anders < in_centen(totaal * minimum):
                    share = anders / totaal if totaal else ZERO
                    txn = self.bron[(actielijn_code, stroom_code)]
                    ctx.error(GeldstroomError, stroom.entry.meta,
                              f"Cofinanciering onder minimum: {actielijn_code} is voor {procent(share, 2)} "
                              f"uit andere middelen betaald dan {code} ({euro(anders)} van {euro(totaal)}); "
                              f"minimaal {procent(minimum)} (eerste boeking {txn.meta.get('filename')}:"
                              f"{txn.meta.get('lineno')})", stroom.entry)

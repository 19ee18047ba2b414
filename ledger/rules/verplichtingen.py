"""Commitments (verplichtingen) and the payments on them.

A ``custom "verplichting"`` commits part of a stream to an actielijn (and partner);
payments link to it with ``^kenmerk``. Input::

    2024-02-01 custom "verplichting" "VEI-11" "PMG" 50000.00 EUR
      kenmerk: "V-2024-001"
      partner: "ADAMAS"

    2024-05-15 * "ADAMAS" "Credible Messengers mei" ^V-2024-001
      Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   60000.00 EUR
      Assets:Bank:Programma

Output: the entries unchanged, and an error at the payment's posting::

    VerplichtingError: Betaling boven verplichting V-2024-001: betaald € 60.000,00, verplicht € 50.000,00

Checked: the commitment's actielijn and partner are declared; spent plus open
commitments stay within what the stream has (``Verplichtingen overschrijden
geldstroom``); a payment is on the commitment's actielijn and stream (``Betaling past niet
bij verplichting``) and not beyond it (``Betaling boven verplichting``). Paying a
commitment turns open commitment into spending.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import DeclaratieError
from ledger.errors import VerplichtingError
from ledger.nl import euro
from ledger.rules.context import ZERO
from ledger.rules.context import Context


class Verplichtingen:
    """The commitments by kenmerk and by entry, and what has been paid on each."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.per_kenmerk = {v.kenmerk: v for v in ctx.p.verplichtingen}
        self.by_entry: dict[int, model.Verplichting] = {id(v.entry): v for v in ctx.p.verplichtingen}
        self.betaald: dict[str, Decimal] = defaultdict(Decimal)

    def declaratie(self, entry: data.Custom) -> model.Verplichting | None:
        """The commitment a ``custom "verplichting"`` declares, if its actielijn is declared.

        An undeclared partner is reported but keeps the commitment.

        Args:
          entry: the directive.
        Returns:
          The commitment, or None (malformed, or after reporting ``Onbekende actielijn``).
        """
        verplichting = self.by_entry.get(id(entry))
        if verplichting is None:
            return None
        p = self.ctx.p
        if verplichting.actielijn not in p.actielijnen:
            self.ctx.error(DeclaratieError, entry.meta, f"Onbekende actielijn: {verplichting.actielijn}", entry)
            return None
        if verplichting.partner and verplichting.partner not in p.partners:
            self.ctx.error(DeclaratieError, entry.meta, f"Onbekende partner: {verplichting.partner}", entry)
        return verplichting

    def dekking(self, verplichting: model.Verplichting) -> None:
        """Count a commitment as open and check that spent plus open commitments fit the stream.

        Args:
          verplichting: the commitment (``EIGEN`` ones are not checked).
        """
        if verplichting.stroom == model.EIGEN:
            return
        ctx = self.ctx
        entry = verplichting.entry
        stroom = ctx.stroom_of(verplichting.stroom, entry.meta, entry)
        if stroom is None:
            return
        stand = ctx.stand[stroom.code]
        stand.open_verplicht += verplichting.bedrag
        nodig = stand.besteed + stand.open_verplicht
        beschikbaar = stroom.beschikbaar
        if nodig > beschikbaar:
            ctx.error(VerplichtingError, entry.meta,
                      f"Verplichtingen overschrijden geldstroom {stroom.code}: besteed plus open "
                      f"verplichtingen {euro(nodig)}, beschikbaar {euro(beschikbaar)}", entry)

    def betaling(self, txn: data.Transaction, source: dict[str, Any], actielijn: model.Actielijn,
                 stroom_code: str, bedrag: Decimal) -> list[model.Verplichting]:
        """Check a spending that links (``^kenmerk``) to commitments, and count it as paid.

        Open = committed − paid, never below 0: a payment lowers the stream's open
        commitments by what it pays off, a correction (negative amount) raises them again.

        Args:
          txn: the transaction (its links name the commitments).
          source: where to report.
          actielijn: the spending's actielijn.
          stroom_code: the spending's stream.
          bedrag: the amount.
        Returns:
          The commitments the spending counts as paid on (same actielijn and stream).
        """
        ctx = self.ctx
        betaalt: list[model.Verplichting] = []
        for link in txn.links or ():
            verplichting = self.per_kenmerk.get(link)
            if verplichting is None:
                continue
            if verplichting.actielijn != actielijn.code or verplichting.stroom != stroom_code:
                ctx.error(VerplichtingError, source,
                          f"Betaling past niet bij verplichting {link}: verplichting is voor "
                          f"{verplichting.actielijn}/{verplichting.stroom}, betaling op "
                          f"{actielijn.code}/{stroom_code}", txn)
                continue
            betaalt.append(verplichting)
            voor = self.betaald[link]
            self.betaald[link] = na = voor + bedrag
            # Paying a commitment turns open commitment into spending.
            afgelost = max(verplichting.bedrag - voor, ZERO) - max(verplichting.bedrag - na, ZERO)
            ctx.stand[stroom_code].open_verplicht -= afgelost
            if na > verplichting.bedrag:
                ctx.error(VerplichtingError, source,
                          f"Betaling boven verplichting {link}: betaald {euro(na)}, "
                          f"verplicht {euro(verplichting.bedrag)}", txn)
        return betaalt

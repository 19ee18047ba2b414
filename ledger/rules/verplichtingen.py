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

A commitment changes over its life by dated directives with a reason::

    2025-09-01 custom "verplichting-wijziging" "V-2024-001" -5000.00 EUR
      reden: "Minder trajecten dan gepland"
    2025-12-15 custom "verplichting-afsluiting" "V-2024-001"
      reden: "Eindafrekening ontvangen"

A wijziging is a delta (positive raises, negative lowers) from its date; an afsluiting closes
it: what is open then is released, open is 0 from that date.

Checked: the commitment's actielijn and partner are declared; spent plus open
commitments stay within what the stream has (``Verplichtingen overschrijden
geldstroom``, also at a raise); a payment is on the commitment's actielijn and stream
(``Betaling past niet bij verplichting``), not beyond it (``Betaling boven verplichting``:
paid more than committed; exactly equal is fine) and not on a closed one (``Betaling op
afgesloten verplichting``); a lowering does not go below what is already paid
(``Verlaging onder betaald``); after the pass, a commitment still open after its own
``einddatum:`` or its stream's ``tot`` is reported at its line (``Verplichting … staat nog
open na …``, :meth:`Verplichtingen.finish`). Paying a commitment turns open commitment into
spending. Open = committed − paid, never below 0, is :class:`ledger.model.Verplichtingsloop`'s
(the availability control and the reports use the same class).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import DeclaratieError
from ledger.errors import VerplichtingError
from ledger.nl import datum
from ledger.nl import euro
from ledger.rules.context import Context


class Verplichtingen:
    """The commitments by kenmerk and by entry, and what has been paid on each."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.per_kenmerk = {v.kenmerk: v for v in ctx.p.verplichtingen}
        self.by_entry: dict[int, model.Verplichting] = {id(v.entry): v for v in ctx.p.verplichtingen}
        self.by_wijziging: dict[int, model.VerplichtingWijziging] = {
            id(w.entry): w for v in ctx.p.verplichtingen for w in v.wijzigingen}
        #: the running state of each commitment (created at its declaration or its first payment)
        self.loop: dict[str, model.Verplichtingsloop] = {}
        self.geteld: set[str] = set()  # commitments counted in their stream's open commitments

    def _loop(self, verplichting: model.Verplichting) -> model.Verplichtingsloop:
        loop = self.loop.get(verplichting.kenmerk)
        if loop is None:
            loop = self.loop[verplichting.kenmerk] = model.Verplichtingsloop(verplichting)
        return loop

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
        self.geteld.add(verplichting.kenmerk)
        stand = ctx.stand[stroom.code]
        stand.open_verplicht += self._loop(verplichting).open
        self._past_stroom(stroom, entry)

    def _past_stroom(self, stroom: model.Geldstroom, entry: data.Custom) -> None:
        stand = self.ctx.stand[stroom.code]
        nodig = stand.besteed + stand.open_verplicht
        beschikbaar = stroom.beschikbaar
        if nodig > beschikbaar:
            self.ctx.error(VerplichtingError, entry.meta,
                           f"Verplichtingen overschrijden geldstroom {stroom.code}: besteed plus open "
                           f"verplichtingen {euro(nodig)}, beschikbaar {euro(beschikbaar)}", entry)

    def wijziging(self, entry: data.Custom) -> tuple[model.Verplichting, model.VerplichtingWijziging] | None:
        """Apply a ``verplichting-wijziging`` or ``verplichting-afsluiting`` to its commitment.

        A raise is checked against the stream like a new commitment; lowering below what is
        already paid is reported (``Verlaging onder betaald``).

        Args:
          entry: the directive.
        Returns:
          (the commitment, the change), or None when the change is malformed (reported by
          ``ledger.model.parse_programma``).
        """
        wijziging = self.by_wijziging.get(id(entry))
        if wijziging is None:
            return None
        verplichting = self.per_kenmerk[wijziging.kenmerk]
        if verplichting.actielijn not in self.ctx.p.actielijnen:
            return None
        loop = self._loop(verplichting)
        delta = loop.wijzig(wijziging)
        if wijziging.soort == "wijziging" and loop.verplicht < loop.betaald:
            self.ctx.error(VerplichtingError, entry.meta,
                           f"Verlaging onder betaald: verplichting {wijziging.kenmerk} wordt {euro(loop.verplicht)}, "
                           f"er is al {euro(loop.betaald)} betaald", entry)
        if verplichting.stroom != model.EIGEN and verplichting.kenmerk in self.geteld:
            stroom = self.ctx.stroom_of(verplichting.stroom, entry.meta, entry)
            if stroom is not None:
                self.ctx.stand[stroom.code].open_verplicht += delta
                if delta > 0:
                    self._past_stroom(stroom, entry)
        return verplichting, wijziging

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
            loop = self._loop(verplichting)
            # Paying a commitment turns open commitment into spending.
            afgelost = loop.betaal(bedrag)
            if link in self.geteld:
                ctx.stand[stroom_code].open_verplicht -= afgelost
            if loop.afgesloten is not None and bedrag > 0:
                ctx.error(VerplichtingError, source,
                          f"Betaling op afgesloten verplichting {link}: afgesloten op {datum(loop.afgesloten)}", txn)
            elif loop.betaald > loop.verplicht and bedrag > 0:
                ctx.error(VerplichtingError, source,
                          f"Betaling boven verplichting {link}: betaald {euro(loop.betaald)}, "
                          f"verplicht {euro(loop.verplicht)}", txn)
        return betaalt

    def finish(self, peildatum: datetime.date) -> None:
        """Report every commitment still open after its own end date or its stream's (``tot``).

        Decided once, after all entries: ``peildatum`` is the later of the ledger's last dated
        entry and today (the plugin's choice; its ``vandaag`` option pins today for tests).
        An end date counts when it lies before ``peildatum``. Reported at the commitment's line.

        Args:
          peildatum: the reference date.
        """
        p = self.ctx.p
        for verplichting in p.verplichtingen:
            if verplichting.actielijn not in p.actielijnen:
                continue
            loop = self.loop.get(verplichting.kenmerk) or model.Verplichtingsloop(verplichting)
            stroom = p.geldstromen.get(verplichting.stroom)
            einde = model.verlopen_einde(verplichting.einddatum, stroom.tot if stroom else None, loop.open, peildatum)
            if einde is None:
                continue
            soort, dag = einde
            waar = "haar einddatum" if soort == "eigen" else f"het einde van geldstroom {verplichting.stroom}"
            entry = verplichting.entry
            self.ctx.error(VerplichtingError, entry.meta,
                           f"Verplichting {verplichting.kenmerk} staat nog open na {waar} ({datum(dag, 'short')}): "
                           f"open {euro(loop.open)}", entry)

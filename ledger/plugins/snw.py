"""The Samen Nieuw-West rules plugin: validates every stream rule and derives releases.

Enable it in the ledger with::

    plugin "ledger.plugins.snw"

It composes the rule modules of ``ledger.rules`` (docs.md in ``ledger/`` lists which rule
lives where) in one pass over the (date-sorted) entries, with indexes built once:

* ``openen``: opens the per-stream accounts (``Assets:Te-ontvangen:X``,
  ``Liabilities:Nog-te-besteden:X``, ``Income:Geldstroom:X``) at the stream's declaration,
  ``Income:Inzet:P`` at a partner's, ``Equity:Inbreng-partners``, and each stream leaf of
  an actielijn on first use, after ``declaraties`` checked that actielijn and stream are
  declared;
* ``vrijval``: derives the fund-accounting release of every spending posting, per day
  and stream one transaction that moves the day's spending from
  ``Liabilities:Nog-te-besteden:X`` to ``Income:Geldstroom:X``. Input::

      2024-05-15 * "ADAMAS" "Credible Messengers mei"
        Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   12500.00 EUR
        Assets:Bank:Programma

  Output, next to the (unchanged) input; marked ``__derived__``, with the file and line of
  the day's first spending and the number of spendings it releases::

      2024-05-15 * "Vrijval PMG: 1 besteding"
        bestedingen: 1
        Liabilities:Nog-te-besteden:PMG    12500.00 EUR
        Income:Geldstroom:PMG             -12500.00 EUR

  A partner's own money and staff time (stream ``EIGEN``) is released from
  ``Equity:Inbreng-partners`` to ``Income:Inzet:<PARTNER>``, per day and partner;
* ``declaraties``, ``toekenningen``, ``stroomregels``, ``tranches``, ``verplichtingen``,
  ``formatie``, ``cofinanciering``: check the rules each stream declares as data
  (docs/ledgertaal.md lists them) and report each violation as a Beancount error at the
  offending entry's file and line;
* ``beschikbaarheid``: gets every spending posting (with the commitments it pays, from
  ``verplichtingen``) and every commitment, in the same pass, and checks availability
  against the begroting: spent plus open commitments within the current budget;
  ``fava_budgets`` derives Fava's ``custom "budget"`` entries from it.

The order of the checks per posting below is the order of the errors, so it is part of
the output.

``beschikbaarheid_spoor`` replays this pass over loaded entries with a control that keeps the
trail of chosen budget lines (``snw beschikbaarheid``): the overview is the plugin's own rule.
"""

from __future__ import annotations

import ast
import datetime
import gc
from typing import TYPE_CHECKING
from typing import Any

from beancount.core import data

from ledger import klok
from ledger import model
from ledger.errors import ConfigError
from ledger.rules import declaraties
from ledger.rules import formatie
from ledger.rules import stroomregels
from ledger.rules import toekenningen
from ledger.rules.beschikbaarheid import Control
from ledger.rules.cofinanciering import Cofinanciering
from ledger.rules.context import NO_META
from ledger.rules.context import Context
from ledger.rules.context import source_of
from ledger.rules.declaraties import Declaraties
from ledger.rules.fava_budgets import fava_budgets
from ledger.rules.jaarafsluiting import Jaarafsluitingen
from ledger.rules.openen import Openen
from ledger.rules.stroomregels import Stroomregels
from ledger.rules.tranches import Tranches
from ledger.rules.verplichtingen import Verplichtingen
from ledger.rules.vrijval import Vrijval

if TYPE_CHECKING:
    from collections.abc import Collection
    from collections.abc import Sequence

    from ledger.model import BegrotingKey
    from ledger.rules.beschikbaarheid import Stap

__plugins__ = ("snw",)

_ACTIELIJN_PREFIX = model.ACTIELIJN_ROOT + ":"
_STREAM_ROOTS = toekenningen.STREAM_ROOTS


class _Pass:
    """One pass over the entries: the rules' state, built once, and the dispatch per entry."""

    def __init__(self, programma: model.Programma, entries: list[data.Directive],
                 control: Control | None = None) -> None:
        self.ctx = ctx = Context(programma)
        self.control = control
        self.openen = Openen(ctx, entries)
        self.declaraties = Declaraties(ctx)
        self.stroomregels = Stroomregels(ctx)
        self.tranches = Tranches(ctx)
        self.verplichtingen = Verplichtingen(ctx)
        self.cofinanciering = Cofinanciering(ctx)
        self.vrijval = Vrijval()
        self.jaarafsluitingen = Jaarafsluitingen(programma)

    def run(self, entries: list[data.Directive], vandaag: datetime.date | None = None) -> list[data.Directive]:
        """Run every rule over the entries, in date order.

        Args:
          entries: the ledger's directives, sorted.
          vandaag: today (None: ``ledger.klok.vandaag()``); open commitments are judged at the later of
            it and the last entry's date.
        Returns:
          The entries (unchanged; derived ones are in ``derived()``).
        """
        self.openen.declared()
        declaraties.actielijn_domeinen(self.ctx)
        out: list[data.Directive] = []
        gesloten = self.jaarafsluitingen.afdrukkers
        for entry in entries:
            if isinstance(entry, data.Transaction):
                self.transaction(entry)
            elif isinstance(entry, data.Custom):
                self.custom(entry)
            if gesloten and entry.date.year in gesloten:
                self.jaarafsluitingen.zie(entry)
            out.append(entry)
        self.cofinanciering.finish()
        laatste = entries[-1].date if entries else None
        vandaag = vandaag or klok.vandaag()
        self.verplichtingen.finish(max(laatste, vandaag) if laatste else vandaag)
        self.ctx.errors.extend(self.jaarafsluitingen.finish())
        return out

    def derived(self) -> list[data.Directive]:
        """The opens and releases derived during the pass."""
        return [*self.openen.new_opens, *self.vrijval.entries()]

    def custom(self, entry: data.Custom) -> None:
        kind = entry.type
        if kind == "verplichting":
            verplichting = self.verplichtingen.declaratie(entry)
            if verplichting is None:
                return
            if self.control is not None:
                self.control.verplichting(verplichting)
            self.verplichtingen.dekking(verplichting)
        elif kind in ("verplichting-wijziging", "verplichting-afsluiting"):
            gewijzigd = self.verplichtingen.wijziging(entry)
            if gewijzigd is not None and self.control is not None:
                self.control.wijziging(*gewijzigd)
        elif kind == "overloop":
            self.tranches.overloop(entry)

    def transaction(self, txn: data.Transaction) -> None:
        for posting in txn.postings:
            account = posting.account
            if account.startswith(_ACTIELIJN_PREFIX):
                self.spending(txn, posting)
            elif account.startswith(_STREAM_ROOTS):
                toekenningen.stream_account(self.ctx, txn, posting)

    def spending(self, txn: data.Transaction, posting: data.Posting) -> None:
        ctx = self.ctx
        source = source_of(posting, txn)
        resolved = self.declaraties.besteding(txn, posting, source)
        if resolved is None:
            return
        actielijn, stroom_code = resolved
        if posting.account not in self.openen.opened:
            self.openen.leaf(posting.account, actielijn)
        bedrag = stroomregels.bedrag(ctx, txn, posting, source)
        if bedrag is None:
            return

        # Posting metadata first, then the transaction's.
        pm = posting.meta or NO_META
        tm = txn.meta
        partner_code = pm["partner"] if "partner" in pm else tm.get("partner")
        if partner_code is not None:
            partner_code = self.declaraties.partner(txn, source, partner_code)
        buurt = pm["buurt"] if "buurt" in pm else tm.get("buurt")
        if buurt is not None:
            self.declaraties.buurt(txn, source, buurt)
        uren = pm["uren"] if "uren" in pm else tm.get("uren")
        if uren is not None:
            formatie.formatie(ctx, txn, source, partner_code, uren, bedrag)

        betaalt = self.verplichtingen.betaling(txn, source, actielijn, stroom_code, bedrag) if txn.links else ()
        if self.control is not None:
            self.control.spending(txn, source, actielijn.code, stroom_code, bedrag, betaalt)
        self.cofinanciering.boek(txn, actielijn.code, stroom_code, bedrag)
        if stroom_code == model.EIGEN:
            if self.declaraties.eigen_partner(txn, source, partner_code):
                self.vrijval.eigen(txn, partner_code, bedrag)
            return

        stroom = ctx.stroom_of(stroom_code, source, txn)
        if stroom is not None:
            self.stream_rules(txn, pm, source, actielijn, stroom, bedrag)
        self.vrijval.stroom(txn, stroom_code, bedrag)

    def stream_rules(self, txn: data.Transaction, pm: dict[str, Any], source: dict[str, Any],
                     actielijn: model.Actielijn, stroom: model.Geldstroom, bedrag: Any) -> None:
        code = stroom.code
        stand = self.ctx.stand[code]
        stand.besteed += bedrag
        jaar = stroom.subsidiejaar(txn.date)
        thema = (pm["thema"] if "thema" in pm else txn.meta.get("thema")) or actielijn.thema
        tranches = self.tranches
        key_thema = tranches.thema_sleutel(code, thema)
        tranches.boek(code, jaar, key_thema, bedrag)
        if not self.stroomregels.besteding(txn, source, actielijn, stroom, stand, thema, bedrag):
            return
        tranches.besteding(txn, source, stroom, jaar, key_thema, bedrag)
        if stroom.overhead_max is not None:
            self.stroomregels.overhead_cap(txn, pm, source, stroom, bedrag)


def _read_config(config: str | None) -> tuple[dict[str, Any], list[Any]]:
    if not config:
        return {}, []
    try:
        value = ast.literal_eval(config)
    except (ValueError, SyntaxError) as exc:
        return {}, [ConfigError(data.new_metadata("<snw>", 0), f"Ongeldige plugin-configuratie: {exc}", None)]
    if not isinstance(value, dict):
        return {}, [ConfigError(data.new_metadata("<snw>", 0), "Plugin-configuratie moet een dict zijn", None)]
    return value, []


def snw(entries: list[data.Directive], options_map: dict[str, Any],
        config: str | None = None) -> tuple[list[data.Directive], list[Any]]:
    """Validate the stream rules and derive releases, opens and Fava budgets.

    Args:
      entries: the ledger's directives, sorted.
      options_map: Beancount's options.
      config: optional dict literal, e.g. ``"{'begroting': False}"`` to skip budget control.

    A commitment still open after its own or its stream's end is reported when that end lies
    before the later of today and the ledger's last entry; ``custom "instelling" "vandaag"
    2026-10-31`` pins today (tests, a demo snapshot, re-checking a ledger as it stood).
    Returns:
      (entries with releases and opens added, the errors found).
    """
    # The pass allocates a few objects per transaction that all live on; the cyclic
    # garbage collector would rescan them again and again (measured: half the plugin's time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _snw(entries, config)
    finally:
        if gc_was_enabled:
            gc.enable()


def _snw(entries: list[data.Directive], config: str | None) -> tuple[list[data.Directive], list[Any]]:
    settings, errors = _read_config(config)
    programma, declaration_errors = model.parse_programma(entries)
    errors.extend(declaration_errors)
    control = Control(programma) if settings.get("begroting", True) else None
    rules = _Pass(programma, entries, control)
    out = rules.run(entries, model.vandaag(programma))
    errors.extend(rules.ctx.errors)
    extra = rules.derived()
    if control is not None:
        extra.extend(fava_budgets(programma))
        errors.extend(control.finish())
    if extra:
        out = sorted([*out, *extra], key=data.entry_sortkey)
    return out, errors



def beschikbaarheid_spoor(entries: Sequence[data.Directive], programma: model.Programma,
                          lijnen: Collection[BegrotingKey]) -> dict[BegrotingKey, list[Stap]]:
    """The availability control's trail of budget lines: the plugin's own pass, replayed.

    Runs the plugin's one pass (:class:`_Pass`, with the rules' resolution of each spending
    posting and of the commitments it pays) over loaded entries, with a
    :class:`~ledger.rules.beschikbaarheid.Control` that follows ``lijnen``: so every figure of
    the trail is the figure the plugin's control had at that entry, and its messages are the
    plugin's. Only the entries a followed line can see go through the pass: every directive
    but a transaction, and the transactions with a posting on a followed line's actielijn ×
    stream account (a payment on a commitment is on the commitment's own account, or it pays
    nothing). The derived entries of the load (releases, opens, Fava budgets) change nothing.

    Args:
      entries: the loaded entries (date-sorted).
      programma: their parsed declarations.
      lijnen: the budget lines to follow, as (jaar, actielijn, geldstroom).
    Returns:
      Per followed line, its steps in the order the control counts them (budget lines and
      amendments before the day's spending); a line without any step is absent.
    """
    volg = frozenset(lijnen)
    rekeningen = set()
    for _, code, stroom in volg:
        actielijn = programma.actielijnen.get(code)
        if actielijn is not None:
            rekeningen.add(actielijn.leaf(stroom))
    selectie = [entry for entry in entries
                if not isinstance(entry, data.Transaction)
                or any(posting.account in rekeningen for posting in entry.postings)]
    control = Control(programma, volg=volg)
    _Pass(programma, selectie, control).run(selectie)
    control.finish()
    return dict(control.spoor)

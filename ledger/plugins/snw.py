"""The Samen Nieuw-West rules plugin: validates every stream rule and derives releases.

Enable it in the ledger with::

    plugin "ledger.plugins.snw"

What it does, in one pass over the (date-sorted) entries with indexes built once:

* opens the per-stream accounts (``Assets:Te-ontvangen:X``, ``Liabilities:Nog-te-besteden:X``,
  ``Income:Geldstroom:X``) at the stream's declaration, ``Income:Inzet:P`` at a partner's,
  ``Equity:Inbreng-partners``, and each stream leaf of an actielijn on first use, after
  checking that actielijn and stream are declared;
* derives the fund-accounting release of every spending posting: per day and stream one
  transaction that moves the day's spending from ``Liabilities:Nog-te-besteden:X`` to
  ``Income:Geldstroom:X``. Input::

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
  ``Equity:Inbreng-partners`` to ``Income:Inzet:<PARTNER>``, per day and partner.
  One release per day and stream rather than per posting keeps the plugin cheap on large
  ledgers (tools/benchmark.py): the balances per stream are the same on every date;
* checks the rules each stream declares as data (docs/ledgertaal.md lists them) and
  reports each violation as a Beancount error at the offending entry's file and line;
* hands every spending posting and commitment, in the same pass, to the budget control
  (``ledger.rules.beschikbaarheid.Control``), which checks availability against the begroting and
  derives Fava's ``custom "budget"`` entries.
"""

from __future__ import annotations

import ast
import gc
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount.core import amount as amount_lib
from beancount.core import data

from ledger.rules.beschikbaarheid import Control
from ledger import model
from ledger.errors import ConfigError
from ledger.errors import DeclaratieError
from ledger.errors import GeldstroomError
from ledger.errors import VerplichtingError
from ledger.nl import euro
from ledger.nl import procent

__plugins__ = ("snw",)

ZERO = Decimal(0)
CENT = Decimal("0.01")
DERIVED = "__derived__"
_NO_META: dict[str, Any] = {}
_ACTIELIJN_PREFIX = model.ACTIELIJN_ROOT + ":"
_STREAM_ROOTS = (model.NOG_TE_BESTEDEN + ":", model.TE_ONTVANGEN + ":", model.INCOME_GELDSTROOM + ":")


def _source(posting: data.Posting, txn: data.Transaction) -> dict[str, Any]:
    if posting.meta and "lineno" in posting.meta:
        return posting.meta
    return txn.meta


def _open(date: datetime.date, account: str, source: dict[str, Any]) -> data.Open:
    meta = {"filename": source.get("filename"), "lineno": source.get("lineno"), DERIVED: True}
    return data.Open(meta, date, account, [model.CURRENCY], None)


class _Stroomstand:
    """Running figures of one stream during the pass."""

    __slots__ = ("besteed", "geboekt", "overhead", "per_jaar_thema", "per_jaar", "open_verplicht")

    def __init__(self) -> None:
        self.besteed = ZERO  # spent so far
        self.geboekt = ZERO  # awards booked on Liabilities:Nog-te-besteden
        self.overhead = ZERO
        self.per_jaar_thema: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
        self.per_jaar: dict[int, Decimal] = defaultdict(Decimal)
        self.open_verplicht = ZERO  # open commitments


class _Checker:
    """One pass over the entries; holds the indexes and running totals."""

    def __init__(self, programma: model.Programma, entries: list[data.Directive],
                 control: Control | None = None) -> None:
        self.p = programma
        self.control = control
        self.errors: list[Any] = []
        self.opened: set[str] = {e.account for e in entries if isinstance(e, data.Open)}
        self.new_opens: list[data.Open] = []
        # Per stream, the index of the version in force (entries come in date order, so it
        # only moves forward; a change counts from the start of its date).
        self.versie: dict[str, int] = {}
        self.stand: dict[str, _Stroomstand] = defaultdict(_Stroomstand)
        self.tranches: dict[str, dict[tuple[int, str | None], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.tranche_themed: dict[str, bool] = {}
        for tranche in programma.tranches:
            self.tranches[tranche.stroom][(tranche.jaar, tranche.thema)] += tranche.bedrag
            self.tranche_themed[tranche.stroom] = self.tranche_themed.get(tranche.stroom, False) or (
                tranche.thema is not None)
        self.overloop_in: dict[str, dict[tuple[int, str | None], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.verplichtingen = {v.kenmerk: v for v in programma.verplichtingen}
        self.accounts: dict[str, tuple[model.Actielijn | None, str | None]] = {}
        self.by_entry: dict[int, Any] = {id(d.entry): d for d in (*programma.verplichtingen, *programma.overlopen)}
        self.betaald: dict[str, Decimal] = defaultdict(Decimal)
        # For co-financing: spending per actielijn, in total and per stream.
        self.actielijn_totaal: dict[str, Decimal] = defaultdict(Decimal)
        self.actielijn_stroom: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        self.cofin_bron: dict[tuple[str, str], data.Transaction] = {}
        # Day releases: (date, from account, to account) -> [amount, count, first source meta].
        self.vrijval: dict[tuple[datetime.date, str, str], list[Any]] = {}

    # ----- helpers -----------------------------------------------------------------
    def error(self, kind: type, source: dict[str, Any], message: str, entry: Any) -> None:
        self.errors.append(kind(source, message, entry))

    def ensure_open(self, account: str, date: datetime.date, source: dict[str, Any]) -> None:
        if account not in self.opened:
            self.opened.add(account)
            self.new_opens.append(_open(date, account, source))

    def limiet(self, stroom: model.Geldstroom, stand: _Stroomstand) -> Decimal:
        return min(stroom.beschikbaar, stand.geboekt)

    # ----- declarations ------------------------------------------------------------
    def open_declared_accounts(self) -> None:
        for code, versions in self.p.stroom_historie.items():
            first = versions[0].entry
            for root in (model.TE_ONTVANGEN, model.NOG_TE_BESTEDEN, model.INCOME_GELDSTROOM):
                self.ensure_open(f"{root}:{code}", first.date, first.meta)
        for partner in self.p.partners.values():
            self.ensure_open(f"{model.INCOME_INZET}:{partner.code}", partner.entry.date, partner.entry.meta)
        if self.p.partners:
            first = min(self.p.partners.values(), key=lambda partner: partner.entry.date).entry
            self.ensure_open(model.INBRENG, first.date, first.meta)

    def check_actielijn_opens(self) -> None:
        for actielijn in self.p.actielijnen.values():
            if actielijn.domein not in self.p.domeinen and self.p.domeinen:
                self.error(DeclaratieError, actielijn.entry.meta,
                           f"Onbekend domein {actielijn.domein} bij actielijn {actielijn.code}", actielijn.entry)

    # ----- the pass ----------------------------------------------------------------
    def run(self, entries: list[data.Directive]) -> list[data.Directive]:
        self.open_declared_accounts()
        self.check_actielijn_opens()
        out: list[data.Directive] = []
        for entry in entries:
            if isinstance(entry, data.Transaction):
                self.transaction(entry)
            elif isinstance(entry, data.Custom):
                self.custom(entry)
            out.append(entry)
        self.finish()
        return out

    def custom(self, entry: data.Custom) -> None:
        kind = entry.type
        if kind == "verplichting":
            self.verplichting(entry)
        elif kind == "overloop":
            self.overloop(entry)

    def stroom_of(self, code: str, source: dict[str, Any], entry: Any) -> model.Geldstroom | None:
        versions = self.p.stroom_historie.get(code, ())
        index = self.versie.get(code, -1)
        while index + 1 < len(versions) and versions[index + 1].entry.date <= entry.date:
            index += 1
        self.versie[code] = index
        stroom = versions[index] if index >= 0 else None
        if stroom is None:
            if code in self.p.geldstromen:
                self.error(GeldstroomError, source,
                           f"Geldstroom niet toegekend: {code} is op {entry.date} nog niet gedeclareerd", entry)
            else:
                self.error(DeclaratieError, source, f"Onbekende geldstroom: {code}", entry)
        return stroom

    def verplichting(self, entry: data.Custom) -> None:
        verplichting = self.by_entry.get(id(entry))
        if verplichting is None:
            return
        if verplichting.actielijn not in self.p.actielijnen:
            self.error(DeclaratieError, entry.meta, f"Onbekende actielijn: {verplichting.actielijn}", entry)
            return
        if verplichting.partner and verplichting.partner not in self.p.partners:
            self.error(DeclaratieError, entry.meta, f"Onbekende partner: {verplichting.partner}", entry)
        if self.control is not None:
            self.control.verplichting(verplichting)
        if verplichting.stroom == model.EIGEN:
            return
        stroom = self.stroom_of(verplichting.stroom, entry.meta, entry)
        if stroom is None:
            return
        stand = self.stand[stroom.code]
        stand.open_verplicht += verplichting.bedrag
        nodig = stand.besteed + stand.open_verplicht
        beschikbaar = stroom.beschikbaar
        if nodig > beschikbaar:
            self.error(VerplichtingError, entry.meta,
                       f"Verplichtingen overschrijden geldstroom {stroom.code}: besteed plus open "
                       f"verplichtingen {euro(nodig)}, beschikbaar {euro(beschikbaar)}", entry)

    def overloop(self, entry: data.Custom) -> None:
        overloop = self.by_entry.get(id(entry))
        if overloop is None:
            return
        stroom = self.stroom_of(overloop.stroom, entry.meta, entry)
        if stroom is None:
            return
        thema = overloop.thema
        label = f"{stroom.code} {overloop.van_jaar}" + (f" thema {thema}" if thema else "")
        if stroom.overloop != "hoofdthema":
            regime = stroom.overloop or "geen"
            self.error(GeldstroomError, entry.meta,
                       f"Overloop niet toegestaan: {stroom.code} kent geen overloop per jaar "
                       f"(overloopregime: {regime})", entry)
            return
        if stroom.subsidiejaar(entry.date) <= overloop.van_jaar:
            self.error(GeldstroomError, entry.meta,
                       f"Overloop niet toegestaan: {label} kan pas na afloop van {overloop.van_jaar} "
                       "worden overgeheveld", entry)
            return
        if stroom.tot is not None and overloop.van_jaar + 1 > stroom.subsidiejaar(stroom.tot):
            self.error(GeldstroomError, entry.meta,
                       f"Overloop niet toegestaan: {label}: {overloop.van_jaar + 1} valt na de looptijd "
                       f"(tot {stroom.tot})", entry)
            return
        key = (overloop.van_jaar, thema if self.tranche_themed.get(stroom.code) else None)
        tranche = self.tranches[stroom.code].get(key, ZERO)
        maximum = (tranche * stroom.overloop_max).quantize(CENT)
        over = tranche + self.overloop_in[stroom.code].get(key, ZERO) - self.stand[stroom.code].per_jaar_thema.get(
            key, ZERO)
        if overloop.bedrag > maximum:
            self.error(GeldstroomError, entry.meta,
                       f"Overloop niet toegestaan: {euro(overloop.bedrag)} van {label} is meer dan "
                       f"{procent(stroom.overloop_max)} van de tranche ({euro(maximum)})", entry)
        elif overloop.bedrag > over:
            self.error(GeldstroomError, entry.meta,
                       f"Overloop niet toegestaan: {euro(overloop.bedrag)} van {label} is meer dan er "
                       f"over is ({euro(over)})", entry)
        else:
            self.overloop_in[stroom.code][(overloop.van_jaar + 1, key[1])] += overloop.bedrag

    def transaction(self, txn: data.Transaction) -> None:
        for posting in txn.postings:
            account = posting.account
            if account.startswith(_ACTIELIJN_PREFIX):
                self.spending(txn, posting)
            elif account.startswith(_STREAM_ROOTS):
                self.stream_account(txn, posting)

    def release(self, txn: data.Transaction, bron: str, doel: str, bedrag: Decimal) -> None:
        """Add an amount to the day's release from ``bron`` to ``doel``."""
        key = (txn.date, bron, doel)
        vrijval = self.vrijval.get(key)
        if vrijval is None:
            self.vrijval[key] = [bedrag, 1, txn.meta]
        else:
            vrijval[0] += bedrag
            vrijval[1] += 1

    def release_entries(self) -> list[data.Transaction]:
        """One derived transaction per day and stream (or partner) with the day's release."""
        out = []
        for (date, bron, doel), (bedrag, aantal, source) in self.vrijval.items():
            meta = {"filename": source.get("filename"), "lineno": source.get("lineno"), DERIVED: True,
                    "bestedingen": aantal}
            units = amount_lib.Amount(bedrag, model.CURRENCY)
            naam = doel.rsplit(":", 1)[1]
            postings = [
                data.Posting(bron, units, None, None, None, {DERIVED: True}),
                data.Posting(doel, -units, None, None, None, {DERIVED: True}),
            ]
            narration = f"Vrijval {naam}: {aantal} {'besteding' if aantal == 1 else 'bestedingen'}"
            out.append(data.Transaction(meta, date, "*", None, narration, data.EMPTY_SET, data.EMPTY_SET, postings))
        return out

    def stream_account(self, txn: data.Transaction, posting: data.Posting) -> None:
        code = posting.account.split(":", 2)[2]
        source = _source(posting, txn)
        if code not in self.p.geldstromen:
            self.error(DeclaratieError, source, f"Onbekende geldstroom: {code} in {posting.account}", txn)
            return
        if posting.account.startswith(model.NOG_TE_BESTEDEN + ":"):
            # Every booking on the liability counts: an award (credit), and a repayment to the
            # funder or a lowered award (debit). The releases are added after the pass.
            stroom = self.stroom_of(code, source, txn)
            if stroom is None:
                return
            stand = self.stand[code]
            number = posting.units.number
            stand.geboekt -= number
            if number < 0 and stand.geboekt > stroom.beschikbaar:
                reden = self._niet_beschikbaar_reden(stroom)
                self.error(GeldstroomError, source,
                           f"Toekenning boven beschikbaar bedrag: {code} geboekt {euro(stand.geboekt)}, "
                           f"beschikbaar {euro(stroom.beschikbaar)}" + (f" ({reden})" if reden else ""), txn)
            elif number > 0 and stand.geboekt < stand.besteed:
                self.error(GeldstroomError, source,
                           f"Terugbetaling boven wat nog te besteden is: {code} toegekend na deze boeking "
                           f"{euro(stand.geboekt)}, al besteed {euro(stand.besteed)}", txn)

    @staticmethod
    def _niet_beschikbaar_reden(stroom: model.Geldstroom) -> str:
        if stroom.status != "toegekend":
            return f"status {stroom.status}"
        if stroom.split_open:
            return "verdeling tussen gebieden nog open"
        return ""

    def spending(self, txn: data.Transaction, posting: data.Posting) -> None:
        source = _source(posting, txn)
        resolved = self.accounts.get(posting.account)
        if resolved is None:
            resolved = self.accounts[posting.account] = self.p.actielijn_van_account(posting.account)
        actielijn, stroom_code = resolved
        if actielijn is None:
            self.error(DeclaratieError, source, f"Onbekende actielijn: {posting.account}", txn)
            return
        if stroom_code is None:
            self.error(DeclaratieError, source,
                       f"Onbekende geldstroom: boeking op {actielijn.code} zonder geldstroom "
                       f"(boek op {actielijn.account}:<STROOM>)", txn)
            return
        if stroom_code != model.EIGEN and stroom_code not in self.p.geldstromen:
            self.error(DeclaratieError, source, f"Onbekende geldstroom: {stroom_code} in {posting.account}", txn)
            return
        self.ensure_open(posting.account, actielijn.entry.date, actielijn.entry.meta)
        units = posting.units
        if units is None or units.number is None or units.currency != model.CURRENCY:
            self.error(GeldstroomError, source, f"Bedrag in {model.CURRENCY} verwacht op {posting.account}", txn)
            return
        bedrag = units.number

        # Posting metadata first, then the transaction's.
        pm = posting.meta or _NO_META
        tm = txn.meta
        partner_code = pm["partner"] if "partner" in pm else tm.get("partner")
        if partner_code is not None and partner_code not in self.p.partners:
            self.error(DeclaratieError, source, f"Onbekende partner: {partner_code}", txn)
            partner_code = None
        buurt = pm["buurt"] if "buurt" in pm else tm.get("buurt")
        if buurt is not None and buurt not in self.p.buurten:
            self.error(DeclaratieError, source, f"Onbekende buurt: {buurt}", txn)
        uren = pm["uren"] if "uren" in pm else tm.get("uren")
        if uren is not None:
            self.formatie(txn, source, partner_code, uren, bedrag)

        if self.control is not None:
            self.control.spending(txn, source, actielijn.code, stroom_code, bedrag)
        self.actielijn_totaal[actielijn.code] += bedrag
        self.actielijn_stroom[(actielijn.code, stroom_code)] += bedrag
        self.cofin_bron.setdefault((actielijn.code, stroom_code), txn)

        if txn.links:
            self.commitment_payment(txn, source, actielijn, stroom_code, bedrag)
        if stroom_code == model.EIGEN:
            if partner_code is None:
                self.error(DeclaratieError, source,
                           "Onbekende partner: eigen middelen (EIGEN) vragen partner: met een gedeclareerde partner",
                           txn)
                return
            self.release(txn, model.INBRENG, model.INCOME_INZET + ":" + partner_code, bedrag)
            return

        stroom = self.stroom_of(stroom_code, source, txn)
        if stroom is not None:
            self.stream_rules(txn, pm, source, actielijn, stroom, bedrag)
        self.release(txn, model.NOG_TE_BESTEDEN + ":" + stroom_code, model.INCOME_GELDSTROOM + ":" + stroom_code,
                     bedrag)

    def formatie(self, txn: data.Transaction, source: dict[str, Any], partner_code: str | None,
                 uren: Any, bedrag: Decimal) -> None:
        if not isinstance(uren, (Decimal, int)) or isinstance(uren, bool):
            self.error(GeldstroomError, source, f"Formatie klopt niet: uren '{uren}' is geen getal", txn)
            return
        partner = self.p.partners.get(partner_code) if partner_code else None
        if partner is None or partner.tarief is None:
            self.error(GeldstroomError, source,
                       f"Formatie klopt niet: uren zonder partner met tarief ({partner_code or 'geen partner'})",
                       txn)
            return
        verwacht = (Decimal(uren) * partner.tarief).quantize(CENT)
        if verwacht != bedrag:
            self.error(GeldstroomError, source,
                       f"Formatie klopt niet: {uren} uur × {euro(partner.tarief)} = {euro(verwacht)}, "
                       f"geboekt {euro(bedrag)}", txn)

    def stream_rules(self, txn: data.Transaction, pm: dict[str, Any], source: dict[str, Any],
                     actielijn: model.Actielijn, stroom: model.Geldstroom, bedrag: Decimal) -> None:
        code = stroom.code
        stand = self.stand[code]
        stand.besteed += bedrag
        jaar = stroom.subsidiejaar(txn.date)
        thema = (pm["thema"] if "thema" in pm else txn.meta.get("thema")) or actielijn.thema
        key_thema = thema if self.tranche_themed.get(code) else None
        stand.per_jaar_thema[(jaar, key_thema)] += bedrag
        stand.per_jaar[jaar] += bedrag

        if stroom.status != "toegekend":
            self.error(GeldstroomError, source,
                       f"Geldstroom niet toegekend: {code} heeft status {stroom.status}; alleen toegekend "
                       "geld mag worden besteed", txn)
            return
        if stroom.split_open:
            self.error(GeldstroomError, source,
                       f"Verdeling nog open: het aandeel van Nieuw-West in {code} is nog niet bepaald; "
                       "het geld blijft gereserveerd", txn)
            return
        if (stroom.van and txn.date < stroom.van) or (stroom.tot and txn.date > stroom.tot):
            self.error(GeldstroomError, source,
                       f"Buiten de looptijd: {code} loopt van {stroom.van or '…'} tot en met {stroom.tot or '…'}, "
                       f"boeking op {txn.date}", txn)
        if stroom.domeinen is not None and actielijn.domein not in stroom.domeinen:
            self.error(GeldstroomError, source,
                       f"Domein niet subsidiabel: {code} is voor {' '.join(sorted(stroom.domeinen))}, "
                       f"actielijn {actielijn.code} valt onder {actielijn.domein}", txn)
            return
        if stroom.themas is not None and thema not in stroom.themas:
            self.error(GeldstroomError, source,
                       f"Thema niet subsidiabel: {code} is voor {' '.join(sorted(stroom.themas))}, "
                       f"actielijn {actielijn.code} heeft thema {thema or '(geen)'}", txn)
            return
        limiet = self.limiet(stroom, stand)
        if stand.besteed > limiet and bedrag > 0:
            self.error(GeldstroomError, source,
                       f"Overschrijding geldstroom {code}: besteed {euro(stand.besteed)}, beschikbaar "
                       f"{euro(stroom.beschikbaar)}, geboekt als toekenning {euro(stand.geboekt)}", txn)
        self.tranche_rule(txn, source, stroom, stand, jaar, key_thema, bedrag)
        if stroom.overhead_max is not None and (
                pm["kosten"] if "kosten" in pm else txn.meta.get("kosten")) == "overhead":
            stand.overhead += bedrag
            maximum = (stroom.beschikbaar * stroom.overhead_max).quantize(CENT)
            if stand.overhead > maximum:
                self.error(GeldstroomError, source,
                           f"Overhead boven maximum: {code} overhead {euro(stand.overhead)}, maximaal "
                           f"{procent(stroom.overhead_max)} van {euro(stroom.beschikbaar)} = {euro(maximum)}", txn)

    def tranche_rule(self, txn: data.Transaction, source: dict[str, Any], stroom: model.Geldstroom,
                     stand: _Stroomstand, jaar: int, thema: str | None, bedrag: Decimal) -> None:
        tranches = self.tranches.get(stroom.code)
        if not tranches or bedrag <= 0:
            return
        if stroom.overloop == "vrij":
            toegestaan = sum((b for (j, _), b in tranches.items() if j <= jaar), ZERO)
            besteed = sum((b for j, b in stand.per_jaar.items() if j <= jaar), ZERO)
            if besteed > toegestaan:
                self.error(GeldstroomError, source,
                           f"Overschrijding tranche {stroom.code}: besteed t/m {jaar} {euro(besteed)}, "
                           f"tranches t/m {jaar} {euro(toegestaan)}", txn)
            return
        key = (jaar, thema)
        toegestaan = tranches.get(key, ZERO) + self.overloop_in[stroom.code].get(key, ZERO)
        besteed = stand.per_jaar_thema[key]
        if besteed > toegestaan:
            label = f"{stroom.code} {jaar}" + (f" thema {thema}" if thema else "")
            self.error(GeldstroomError, source,
                       f"Overschrijding tranche {label}: besteed {euro(besteed)}, tranche plus overloop "
                       f"{euro(toegestaan)}", txn)

    def commitment_payment(self, txn: data.Transaction, source: dict[str, Any], actielijn: model.Actielijn,
                           stroom_code: str, bedrag: Decimal) -> None:
        for link in txn.links or ():
            verplichting = self.verplichtingen.get(link)
            if verplichting is None:
                continue
            if verplichting.actielijn != actielijn.code or verplichting.stroom != stroom_code:
                self.error(VerplichtingError, source,
                           f"Betaling past niet bij verplichting {link}: verplichting is voor "
                           f"{verplichting.actielijn}/{verplichting.stroom}, betaling op "
                           f"{actielijn.code}/{stroom_code}", txn)
                continue
            voor = self.betaald[link]
            self.betaald[link] = voor + bedrag
            # Paying a commitment turns open commitment into spending.
            afgelost = min(max(verplichting.bedrag - voor, ZERO), bedrag) if bedrag > 0 else ZERO
            self.stand[stroom_code].open_verplicht -= afgelost
            if self.betaald[link] > verplichting.bedrag:
                self.error(VerplichtingError, source,
                           f"Betaling boven verplichting {link}: betaald {euro(self.betaald[link])}, "
                           f"verplicht {euro(verplichting.bedrag)}", txn)

    def finish(self) -> None:
        for code, stroom in self.p.geldstromen.items():
            minimum = stroom.cofinanciering_min
            if minimum is None:
                continue
            for (actielijn_code, stroom_code), bedrag in sorted(self.actielijn_stroom.items()):
                if stroom_code != code or bedrag <= 0:
                    continue
                totaal = self.actielijn_totaal[actielijn_code]
                anders = totaal - bedrag
                if anders < (totaal * minimum).quantize(CENT):
                    share = anders / totaal if totaal else ZERO
                    txn = self.cofin_bron[(actielijn_code, stroom_code)]
                    self.error(GeldstroomError, stroom.entry.meta,
                               f"Cofinanciering onder minimum: {actielijn_code} is voor {procent(share, 2)} "
                               f"uit andere middelen betaald dan {code} ({euro(anders)} van {euro(totaal)}); "
                               f"minimaal {procent(minimum)} (eerste boeking {txn.meta.get('filename')}:"
                               f"{txn.meta.get('lineno')})", stroom.entry)


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
    checker = _Checker(programma, entries, control)
    out = checker.run(entries)
    errors.extend(checker.errors)
    extra: list[data.Directive] = [*checker.new_opens, *checker.release_entries()]
    if control is not None:
        budget_entries, budget_errors = control.finish()
        extra.extend(budget_entries)
        errors.extend(budget_errors)
    if extra:
        out = sorted([*out, *extra], key=data.entry_sortkey)
    return out, errors


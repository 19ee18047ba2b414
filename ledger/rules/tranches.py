"""Yearly tranches and carry-over (overloop) between the years of a stream.

A stream may be awarded in tranches per (subsidy) year, optionally per theme; what is
left of a year's tranche may be carried over to the next year only under the stream's
``overloop`` regime. Input, on a stream with a 2024 tranche of 100,000 and
``overloop: "geen"``::

    2025-01-31 custom "overloop" "PMG" 2024 20000.00 EUR

Output: the entries unchanged, and an error at the ``overloop`` line::

    GeldstroomError: Overloop niet toegestaan: PMG kent geen overloop per jaar (overloopregime: geen)

Regimes: ``vrij`` (spending up to a year may use every tranche up to that year),
``hoofdthema`` (a declared ``overloop`` moves at most ``overloop_max`` of a year's
tranche, and no more than is left, to the next year within the period), otherwise none.
Messages: ``Overschrijding tranche`` and ``Overloop niet toegestaan``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model
from ledger.errors import GeldstroomError
from ledger.nl import euro
from ledger.nl import procent
from ledger.rules.context import ZERO
from ledger.rules.context import Context

Jaarthema = tuple[int, str | None]


def heeft_themas(tranches: Iterable[model.Tranche], code: str) -> bool:
    """Whether a stream's tranches are per theme (then spending counts per theme, else as a whole)."""
    return any(t.stroom == code and t.thema is not None for t in tranches)


def overloop_maximum(stroom: model.Geldstroom, tranche: Decimal) -> Decimal:
    """The most of a year's tranche that may move to the next year: ``overloop_max`` × tranche, to the cent."""
    return model.in_centen(tranche * stroom.overloop_max)


def overloop_bezwaar(stroom: model.Geldstroom, overloop: model.Overloop, datum: datetime.date, tranche: Decimal,
                     over: Decimal) -> str | None:
    """Why a declared carry-over is not allowed, None when it is: the one rule the plugin and SiSa use.

    Allowed only under ``overloop: "hoofdthema"``, once the year ``van_jaar`` is over, into a
    year within the stream's period, and at most ``overloop_max`` of the year's tranche and
    no more than is left of it.

    Args:
      stroom: the stream version in force.
      overloop: the declaration.
      datum: its date.
      tranche: the tranche of ``van_jaar`` (and theme).
      over: what is left of that year: tranche + carry-over in − spending of the year.
    Returns:
      The message (``Overloop niet toegestaan: …``) or None.
    """
    thema = overloop.thema
    label = f"{stroom.code} {overloop.van_jaar}" + (f" thema {thema}" if thema else "")
    if stroom.overloop != "hoofdthema":
        regime = stroom.overloop or "geen"
        return f"Overloop niet toegestaan: {stroom.code} kent geen overloop per jaar (overloopregime: {regime})"
    if stroom.subsidiejaar(datum) <= overloop.van_jaar:
        return (f"Overloop niet toegestaan: {label} kan pas na afloop van {overloop.van_jaar} "
                "worden overgeheveld")
    if stroom.tot is not None and overloop.van_jaar + 1 > stroom.subsidiejaar(stroom.tot):
        return f"Overloop niet toegestaan: {label}: {overloop.van_jaar + 1} valt na de looptijd (tot {stroom.tot})"
    maximum = overloop_maximum(stroom, tranche)
    if overloop.bedrag > maximum:
        return (f"Overloop niet toegestaan: {euro(overloop.bedrag)} van {label} is meer dan "
                f"{procent(stroom.overloop_max)} van de tranche ({euro(maximum)})")
    if overloop.bedrag > over:
        return f"Overloop niet toegestaan: {euro(overloop.bedrag)} van {label} is meer dan er over is ({euro(over)})"
    return None


class Tranches:
    """The tranches per stream, the carry-over accepted so far, and spending per year (and theme)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.tranches: dict[str, dict[Jaarthema, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.themed: dict[str, bool] = {}
        for tranche in ctx.p.tranches:
            self.tranches[tranche.stroom][(tranche.jaar, tranche.thema)] += tranche.bedrag
            self.themed[tranche.stroom] = self.themed.get(tranche.stroom, False) or (tranche.thema is not None)
        self.overloop_in: dict[str, dict[Jaarthema, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.per_jaar_thema: dict[str, dict[Jaarthema, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.per_jaar: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.by_entry: dict[int, model.Overloop] = {id(o.entry): o for o in ctx.p.overlopen}

    def thema_sleutel(self, code: str, thema: str | None) -> str | None:
        """The theme a spending counts under: its theme if the stream has tranches per theme.

        Args:
          code: the stream.
          thema: the spending's theme.
        Returns:
          ``thema`` or None.
        """
        return thema if self.themed.get(code) else None

    def boek(self, code: str, jaar: int, thema: str | None, bedrag: Decimal) -> None:
        """Count a spending in its (subsidy) year and theme.

        Args:
          code: the stream.
          jaar: the subsidy year.
          thema: the theme key (:meth:`thema_sleutel`).
          bedrag: the amount.
        """
        self.per_jaar_thema[code][(jaar, thema)] += bedrag
        self.per_jaar[code][jaar] += bedrag

    def besteding(self, txn: data.Transaction, source: dict[str, Any], stroom: model.Geldstroom, jaar: int,
                  thema: str | None, bedrag: Decimal) -> None:
        """Check that the spending so far stays within the year's tranche (plus carry-over).

        Args:
          txn: the transaction.
          source: where to report.
          stroom: the stream version in force.
          jaar: the subsidy year.
          thema: the theme key (:meth:`thema_sleutel`).
          bedrag: the amount (already counted by :meth:`boek`).
        """
        tranches = self.tranches.get(stroom.code)
        if not tranches or bedrag <= 0:
            return
        if stroom.overloop == "vrij":
            toegestaan = sum((b for (j, _), b in tranches.items() if j <= jaar), ZERO)
            besteed = sum((b for j, b in self.per_jaar[stroom.code].items() if j <= jaar), ZERO)
            if besteed > toegestaan:
                self.ctx.error(GeldstroomError, source,
                               f"Overschrijding tranche {stroom.code}: besteed t/m {jaar} {euro(besteed)}, "
                               f"tranches t/m {jaar} {euro(toegestaan)}", txn)
            return
        key = (jaar, thema)
        toegestaan = tranches.get(key, ZERO) + self.overloop_in[stroom.code].get(key, ZERO)
        besteed = self.per_jaar_thema[stroom.code][key]
        if besteed > toegestaan:
            label = f"{stroom.code} {jaar}" + (f" thema {thema}" if thema else "")
            self.ctx.error(GeldstroomError, source,
                           f"Overschrijding tranche {label}: besteed {euro(besteed)}, tranche plus overloop "
                           f"{euro(toegestaan)}", txn)

    def overloop(self, entry: data.Custom) -> None:
        """Check a ``custom "overloop"`` and, when allowed, add it to the next year's tranche.

        Args:
          entry: the directive.
        """
        overloop = self.by_entry.get(id(entry))
        if overloop is None:
            return
        ctx = self.ctx
        stroom = ctx.stroom_of(overloop.stroom, entry.meta, entry)
        if stroom is None:
            return
        key = (overloop.van_jaar, self.thema_sleutel(stroom.code, overloop.thema))
        tranche = self.tranches[stroom.code].get(key, ZERO)
        over = tranche + self.overloop_in[stroom.code].get(key, ZERO) - self.per_jaar_thema[stroom.code].get(
            key, ZERO)
        bezwaar = overloop_bezwaar(stroom, overloop, entry.date, tranche, over)
        if bezwaar is not None:
            ctx.error(GeldstroomError, entry.meta, bezwaar, entry)
        else:
            self.overloop_in[stroom.code][(overloop.van_jaar + 1, key[1])] += overloop.bedrag

"""The ledger as the importers see it: declarations, open accounts, allowed streams.

``Grootboek`` indexes a loaded ledger once; ``toegestane_stromen`` says which streams a
partner may report spending on (used by the template's drop-down and by the row check).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path

from beancount.core import data

from ledger import model
from ledger.load import load_ledger

VOORSCHOT = "Assets:Voorschot"


def toegestane_stromen(programma: model.Programma, entries: Iterable[data.Directive],
                       partner: str) -> dict[str, str]:
    """The streams a partner may report spending on, with the reason.

    ``EIGEN`` (own money and staff time) always; a programme stream when the ledger has a
    ``custom "verplichting"`` with this partner on it, or pays an advance to
    ``Assets:Voorschot:<PARTNER>`` from it. The stream of an advance is taken from the
    payment's ``geldstroom:`` metadata, from the commitment its link points to, from a
    sub-account ``Assets:Voorschot:<PARTNER>:<STROOM>``, or from the spending the ledger
    already books against the advance (an ``Expenses:Actielijn:…:<STROOM>`` posting settled
    from ``Assets:Voorschot:<PARTNER>``).

    Args:
      programma: the ledger's declarations.
      entries: the ledger's entries.
      partner: partner code.
    Returns:
      Stream code -> why it is allowed (Dutch, for the template's read-me and messages).
    """
    stromen: dict[str, str] = {model.EIGEN: "eigen middelen en uren"}
    for verplichting in programma.verplichtingen:
        if verplichting.partner == partner and verplichting.stroom != model.EIGEN:
            stromen.setdefault(verplichting.stroom, f"verplichting {verplichting.kenmerk}")
    by_kenmerk = {v.kenmerk: v for v in programma.verplichtingen}
    account = f"{VOORSCHOT}:{partner}"
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        voorschot = [p for p in entry.postings
                     if p.account == account or p.account.startswith(account + ":")]
        if not voorschot:
            continue
        if any(p.units is not None and p.units.number is not None and p.units.number < 0 for p in voorschot):
            # Spending settled from the advance: its stream leaves are streams of the advance.
            for posting in entry.postings:
                actielijn, leaf = programma.actielijn_van_account(posting.account)
                if actielijn is not None and leaf in programma.geldstromen:
                    stromen.setdefault(leaf, f"voorschot op {account}")
        for posting in voorschot:
            if posting.units is None or posting.units.number is None or posting.units.number <= 0:
                continue
            codes = []
            meta_stroom = model.posting_meta(posting, entry, "geldstroom")
            if isinstance(meta_stroom, str):
                codes.append(meta_stroom)
            if posting.account != account:
                codes.append(posting.account.rsplit(":", 1)[1])
            for link in entry.links or ():
                if link in by_kenmerk:
                    codes.append(by_kenmerk[link].stroom)
            for code in codes:
                if code in programma.geldstromen:
                    stromen.setdefault(code, f"voorschot op {account}")
    return stromen


@dataclasses.dataclass
class Grootboek:
    """What the importers need from the ledger, indexed once."""

    programma: model.Programma
    entries: Sequence[data.Directive]
    geopend: Mapping[str, datetime.date]
    _stromen: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    @classmethod
    def van_entries(cls, entries: Sequence[data.Directive]) -> Grootboek:
        """Index a ledger's (loaded) entries."""
        programma, _ = model.parse_programma(entries)
        geopend = {e.account: e.date for e in entries if isinstance(e, data.Open)}
        return cls(programma, entries, geopend)

    def stromen(self, partner: str) -> dict[str, str]:
        """``toegestane_stromen`` for a partner (cached)."""
        if partner not in self._stromen:
            self._stromen[partner] = toegestane_stromen(self.programma, self.entries, partner)
        return self._stromen[partner]

    def verplichting_link(self, partner: str, actielijn: str, stroom: str) -> str | None:
        """The commitment a partner's spending settles, when exactly one fits."""
        matches = [v.kenmerk for v in self.programma.verplichtingen
                   if v.partner == partner and v.actielijn == actielijn and v.stroom == stroom]
        return matches[0] if len(matches) == 1 else None


def laad_grootboek(pad: str | Path | None) -> Grootboek:
    """Load a ledger file (None: ``$SNW_LEDGER`` or the demo ledger) for the importers."""
    return Grootboek.van_entries(load_ledger(pad).entries)


"""A closed year stays closed: any change to a booking of a closed year is a finding.

For the latest ``custom "jaarafsluiting" JAAR`` of each year (``ledger.jaarafsluiting``: what a
booking is, what the fingerprint covers), the plugin recomputes the fingerprint of that year's
bookings over its input and compares. Input::

    2026-02-15 custom "jaarafsluiting" 2025
      vingerafdruk: "9c1f…"
      boekingen: 4068
      maanden: "…"

and a booking of March 2025 changed afterwards. Output: the entries unchanged, and at the
directive's line::

    JaarafsluitingError: Jaar 2025 is afgesloten op 15-02-2026, maar de boekingen van 2025 zijn
    sindsdien gewijzigd (maart; 4.068 boekingen bij afsluiting, nu 4.068)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from beancount.core import data

from ledger import jaarafsluiting as afsluiting
from ledger.errors import DeclaratieError
from ledger.errors import JaarafsluitingError
from ledger.nl import MAANDEN
from ledger.nl import datum
from ledger.nl import getal


def controleer(entries: list[data.Directive]) -> list[Any]:
    """Check every closed year against its bookings.

    Args:
      entries: the plugin's input (no derived entries yet).
    Returns:
      ``JaarafsluitingError`` per closed year whose bookings changed, ``DeclaratieError`` per
      malformed ``jaarafsluiting``.
    """
    errors: list[Any] = []
    laatste: dict[int, afsluiting.Jaarafsluiting] = {}
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == afsluiting.SOORT:
            gelezen = afsluiting.lees_afsluiting(entry)
            if isinstance(gelezen, str):
                errors.append(DeclaratieError(entry.meta, f"Ongeldige declaratie: {gelezen}", entry))
            else:
                laatste[gelezen.jaar] = gelezen  # entries are in date order: the latest close counts
    if not laatste:
        return errors
    per_jaar: dict[int, list[data.Directive]] = defaultdict(list)
    for entry in entries:
        if entry.date.year in laatste:
            per_jaar[entry.date.year].append(entry)
    for jaar, gesloten in sorted(laatste.items()):
        nu = afsluiting.vingerafdruk(per_jaar[jaar], jaar)
        if nu.sha256 == gesloten.vingerafdruk.sha256:
            continue
        maanden = ", ".join(MAANDEN[m - 1] for m in nu.gewijzigde_maanden(gesloten.vingerafdruk))
        errors.append(JaarafsluitingError(
            gesloten.entry.meta,
            f"Jaar {jaar} is afgesloten op {datum(gesloten.entry.date, 'short')}, maar de boekingen van {jaar} zijn "
            f"sindsdien gewijzigd ({maanden + '; ' if maanden else ''}{getal(gesloten.vingerafdruk.boekingen)} "
            f"boekingen bij afsluiting, nu {getal(nu.boekingen)})",
            gesloten.entry))
    return errors

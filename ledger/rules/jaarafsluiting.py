"""A closed year stays closed: any change to a booking of a closed year is a finding.

For the latest ``custom "jaarafsluiting" JAAR`` of each year (``ledger.jaarafsluiting``: what a
booking is, what the fingerprint covers; ``model.parse_programma`` reads the directives), the
plugin's one pass feeds every entry of a closed year to the fingerprint, and after the pass the
fingerprint is compared with the recorded one. Input::

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

from typing import Any

from beancount.core import data

from ledger import jaarafsluiting as afsluiting
from ledger import model
from ledger.errors import JaarafsluitingError
from ledger.nl import MAANDEN
from ledger.nl import datum
from ledger.nl import getal


class Jaarafsluitingen:
    """The closed years of the ledger and the fingerprints of their bookings as they are now."""

    def __init__(self, programma: model.Programma) -> None:
        self.gesloten = programma.jaarafsluitingen  # the latest close per year
        self.afdrukkers = {jaar: afsluiting.Afdrukker(jaar) for jaar in self.gesloten}

    def zie(self, entry: data.Directive) -> None:
        """An entry of the pass (only those of closed years are looked at)."""
        afdrukker = self.afdrukkers.get(entry.date.year)
        if afdrukker is not None:
            afdrukker.zie(entry)

    def finish(self) -> list[Any]:
        """A ``JaarafsluitingError`` per closed year whose bookings changed, at its close."""
        errors: list[Any] = []
        for jaar, gesloten in sorted(self.gesloten.items()):
            nu = self.afdrukkers[jaar].vingerafdruk()
            if nu.sha256 == gesloten.vingerafdruk.sha256:
                continue
            maanden = ", ".join(MAANDEN[m - 1] for m in nu.gewijzigde_maanden(gesloten.vingerafdruk))
            errors.append(JaarafsluitingError(
                gesloten.entry.meta,
                f"Jaar {jaar} is afgesloten op {datum(gesloten.entry.date, 'short')}, maar de boekingen van {jaar} "
                f"zijn sindsdien gewijzigd ({maanden + '; ' if maanden else ''}"
                f"{getal(gesloten.vingerafdruk.boekingen)} boekingen bij afsluiting, nu {getal(nu.boekingen)})",
                gesloten.entry))
        return errors

"""The reference date (peildatum) of every report: one rule, so reports agree.

A report over a year is "stand per" its peildatum (LEDGER.md, "Definitions the readers use"):

* a past year: 31 December of that year (BBV: the balance at 31 December; SiSa's
  "verantwoording over jaar T"), never the date of the year's last booking;
* the current year, and a later one (a budget year): today (``ledger.klok.vandaag``);
* or the date the user gives (``--peildatum``), checked by :func:`controleer_peildatum`.
"""

from __future__ import annotations

import datetime

from ledger.klok import vandaag as _vandaag


def peildatum_voor(jaar: int, vandaag: datetime.date | None = None) -> datetime.date:
    """The default reference date of a report over ``jaar``.

    Args:
      jaar: the report's year.
      vandaag: today (default ``ledger.klok.vandaag()``).
    Returns:
      31 December of ``jaar`` when that year has passed, else today.
    """
    vandaag = vandaag or _vandaag()
    return datetime.date(jaar, 12, 31) if jaar < vandaag.year else vandaag


def controleer_peildatum(peildatum: datetime.date, jaar: int, *, begrotingsjaar: bool = False) -> str | None:
    """Why a peildatum does not fit a report over ``jaar`` (None when it fits).

    A year report (realisation, streams, commitments, accountability, SiSa, proportionality) is
    stand per a date within that year. The begroting of a year is made before or during it, so
    its peildatum (the stand of the realisation it shows) is any date up to 31 December of the year.
    """
    einde = datetime.date(jaar, 12, 31)
    if begrotingsjaar:
        if peildatum > einde:
            return f"peildatum {peildatum.isoformat()} ligt na het begrotingsjaar {jaar}"
        return None
    if not datetime.date(jaar, 1, 1) <= peildatum <= einde:
        return f"peildatum {peildatum.isoformat()} valt niet in {jaar}"
    return None

"""Today, as every command and rule sees it.

One function, so the reports' default peildatum (``reports.compute.peildatum``) and the rules
that look at today (a closed year, an open commitment past its end) agree on the date, and a
test or a reproducible run can fix it: ``SNW_VANDAAG=2026-12-08`` makes every command behave
as on that day (a document made "as of" a date an accountant asks for).
"""

from __future__ import annotations

import datetime
import os

VANDAAG = "SNW_VANDAAG"
"""Environment variable with an ISO date (JJJJ-MM-DD) that replaces the system date."""


def vandaag() -> datetime.date:
    """Today: ``$SNW_VANDAAG`` when set (an ISO date), else the day of ``$SOURCE_DATE_EPOCH``
    (reproducible builds), else the system date. The documents' date is the same day
    (``reports.render.stamp.documentdatum``).

    Raises:
      ValueError: ``$SNW_VANDAAG`` is set but is no date (with a Dutch message).
    """
    waarde = os.environ.get(VANDAAG, "").strip()
    if not waarde:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        raise ValueError(f"{VANDAAG}={waarde!r} is geen datum (JJJJ-MM-DD)") from None

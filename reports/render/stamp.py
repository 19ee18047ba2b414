"""The document date: today, or ``SOURCE_DATE_EPOCH`` for reproducible builds.

Reports carry a day, never a time, so two runs on the same ledger give the same bytes.
"""

from __future__ import annotations

import datetime
import os

from ledger.klok import vandaag


def documentdatum() -> datetime.date:
    """The generation date printed on documents and written into file metadata.

    ``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention for timestamps in output) when set,
    else today as every command sees it (``ledger.klok.vandaag``).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return vandaag()


def documentmoment() -> datetime.datetime:
    """Midnight (UTC) of the document date, for file metadata."""
    day = documentdatum()
    return datetime.datetime(day.year, day.month, day.day)

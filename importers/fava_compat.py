"""Make Fava able to save what our importers extract (applied by ``importers/config.py``).

Fava's Import page sends the extracted entries to the browser as JSON and back to
``/api/add_entries``; numeric metadata comes back as a JSON number, i.e. a Python ``int``
or ``float``, and Beancount's printer refuses those ("Unexpected value: '32'"), so saving
an entry with ``uren: 32`` fails (Fava 1.30; after the entries before it were already
written). This shim turns numeric metadata values back into ``Decimal`` (what Beancount's
parser gives for ``uren: 32``) before Fava writes them. It is applied once, only inside a
running Fava (``fava.json_api`` importable), and changes nothing else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from beancount.core import data

_MARK = "_snw_decimal_meta"


def _decimaal(meta: dict[str, Any] | None) -> dict[str, Any] | None:
    if not meta:
        return meta
    return {key: Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
            for key, value in meta.items()}


def decimale_metadata(entry: Any) -> Any:
    """The entry with int/float metadata (on the entry and its postings) as ``Decimal``."""
    if isinstance(entry, data.Transaction):
        postings = [posting._replace(meta=_decimaal(posting.meta)) for posting in entry.postings]
        return entry._replace(meta=_decimaal(entry.meta), postings=postings)
    if hasattr(entry, "meta") and hasattr(entry, "_replace"):
        return entry._replace(meta=_decimaal(entry.meta))
    return entry


def pas_toe() -> bool:
    """Wrap ``fava.json_api.deserialise`` (idempotent). Returns whether Fava is present."""
    try:
        from fava import json_api
    except ImportError:  # pragma: no cover - Fava not installed
        return False
    original = json_api.deserialise
    if getattr(original, _MARK, False):
        return True

    def deserialise(json_entry: Any) -> Any:
        return decimale_metadata(original(json_entry))

    setattr(deserialise, _MARK, True)
    deserialise.__doc__ = original.__doc__
    json_api.deserialise = deserialise
    return True

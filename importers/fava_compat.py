"""Make Fava able to save what our importers extract (applied by ``importers/config.py``).

Two gaps between Fava 1.30's Import page and our ledger language, closed here:

1. **Numeric metadata.** Fava sends the extracted entries to the browser as JSON and back
   to ``/api/add_entries``; numeric metadata comes back as a JSON number, i.e. a Python
   ``int`` or ``float``, which Beancount's printer refuses ("Unexpected value: '32'"), so
   saving an entry with ``uren: 32`` fails (after the entries before it were written).
   ``deserialise`` is wrapped to turn such values back into ``Decimal`` (what Beancount's
   parser gives for ``uren: 32``).
2. **Stream leaves not used yet.** The plugin opens a leaf ``…:<CODE>-<Naam>:<STROOM>`` when
   it is first used, and Fava's entry form refuses an account that is not open yet ("Should
   be one of the declared accounts"), so the first contribution of a partner to an actielijn
   could not be saved on the Import page. Fava's list of accounts for its forms
   (``AttributesModule.accounts``) is extended with the leaves the plugin would open on first
   use: ``EIGEN`` for every declared actielijn and the stream of every commitment. The ledger
   itself is unchanged. (If the plugin ever opens those leaves itself, this adds nothing.)

Applied once, only inside a running Fava (``fava`` importable); nothing else changes.
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


def bladrekeningen(entries: list[Any]) -> list[str]:
    """The stream leaves the plugin opens on first use that contributions may need.

    ``<actielijn>:EIGEN`` for every declared actielijn, and ``<actielijn>:<STROOM>`` for every
    commitment (verplichting), sorted.
    """
    from ledger import model

    programma, _ = model.parse_programma(entries)
    leaves = {actielijn.leaf(model.EIGEN) for actielijn in programma.actielijnen.values()}
    for verplichting in programma.verplichtingen:
        actielijn = programma.actielijnen.get(verplichting.actielijn)
        if actielijn is not None:
            leaves.add(actielijn.leaf(verplichting.stroom))
    return sorted(leaves)


def _breid_rekeningen_uit() -> None:
    from fava.core.attributes import AttributesModule

    if isinstance(AttributesModule.__dict__.get("accounts"), property):
        return

    def lees(self: Any) -> Any:
        basis = self.__dict__.get("accounts", [])
        entries = self.ledger.all_entries
        cache = self.__dict__.get("_snw_accounts")
        if cache is None or cache[0] is not entries or cache[1] is not basis:
            bekend = set(basis)
            extra = [leaf for leaf in bladrekeningen(entries) if leaf not in bekend]
            cache = (entries, basis, [*basis, *extra])
            self.__dict__["_snw_accounts"] = cache
        return cache[2]

    def schrijf(self: Any, value: Any) -> None:
        self.__dict__["accounts"] = value

    AttributesModule.accounts = property(lees, schrijf)  # type: ignore[assignment]


def pas_toe() -> bool:
    """Apply both fixes (idempotent). Returns whether Fava is present."""
    try:
        from fava import json_api
    except ImportError:  # pragma: no cover - Fava not installed
        return False
    _breid_rekeningen_uit()
    original = json_api.deserialise
    if getattr(original, _MARK, False):
        return True

    def deserialise(json_entry: Any) -> Any:
        return decimale_metadata(original(json_entry))

    setattr(deserialise, _MARK, True)
    deserialise.__doc__ = original.__doc__
    json_api.deserialise = deserialise
    return True

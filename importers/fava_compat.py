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

Both reach into Fava's internals (``fava.json_api.deserialise``, the instance attribute
``AttributesModule.accounts``), so they are bound to the Fava versions they were written
and tested for (``GETESTE_FAVA``: 1.30.x). With another Fava nothing is patched and a
warning says so; ``tests/test_importers_fava_compat.py`` tells whether a newer Fava still
needs the patches and still has what they wrap.

Applied once, only inside a running Fava (``fava`` installed); nothing else changes.
"""

from __future__ import annotations

import importlib.metadata
import re
import warnings
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import model

# The Fava versions the patches were written and tested for: from (inclusive) .. to (exclusive).
GETESTE_FAVA = ((1, 30), (1, 31))

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
    programma, _ = model.parse_programma(entries)
    leaves = {actielijn.leaf(model.EIGEN) for actielijn in programma.actielijnen.values()}
    for verplichting in programma.verplichtingen:
        actielijn = programma.actielijnen.get(verplichting.actielijn)
        if actielijn is not None:
            leaves.add(actielijn.leaf(verplichting.stroom))
    return sorted(leaves)


def fava_versie() -> str | None:
    """The installed Fava version (``1.30.16``), or None when Fava is not installed."""
    try:
        return importlib.metadata.version("fava")
    except importlib.metadata.PackageNotFoundError:
        return None


def binnen_bereik(versie: str | None) -> bool:
    """Tell whether a Fava version is one the patches were tested with (``GETESTE_FAVA``).

    Args:
      versie: a version string such as ``1.30.16`` (None: Fava not installed).
    Returns:
      True for ``1.30.x``; False for anything else or None.
    """
    if versie is None:
        return False
    delen = tuple(int(deel) for deel in re.findall(r"\d+", versie)[:2])
    vanaf, tot = GETESTE_FAVA
    return vanaf <= delen < tot


def _breid_rekeningen_uit() -> None:
    # Lazy: Fava is only imported inside a running Fava (and only when it is a tested version).
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
    """Apply both fixes (idempotent), only with a Fava version in ``GETESTE_FAVA``.

    Returns:
      Whether the fixes are in place: False when Fava is not installed, or (with a warning)
      when it is a version they were not tested with.
    """
    versie = fava_versie()
    if versie is None:  # pragma: no cover - Fava not installed
        return False
    if not binnen_bereik(versie):
        vanaf, tot = GETESTE_FAVA
        warnings.warn(
            f"importers.fava_compat: Fava {versie} is not a tested version "
            f"(>={vanaf[0]}.{vanaf[1]}, <{tot[0]}.{tot[1]}); its patches are not applied. "
            "Run tests/test_importers_fava_compat.py to see whether they are still needed.",
            stacklevel=2)
        return False
    try:
        # Lazy: Fava is heavy and only needed inside a running Fava.
        from fava import json_api
    except ImportError:  # pragma: no cover - installed but broken
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

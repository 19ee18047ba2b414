"""Suggestions for a mistyped value: the valid value a partner obviously meant.

Hand-written on ``difflib`` (stdlib): an optimal-string-alignment distance for typos and
swapped characters, ``difflib``'s similarity for ranking and as a fallback.

Why not ``rapidfuzz``: ``rapidfuzz.distance.OSA`` computes the same distance as ``_afstand``,
but its similarity (``fuzz.ratio``, Indel-based) is not ``difflib.SequenceMatcher``'s, so the
ranking of several close candidates and the 0.8 cut-off of the fallback would change the
suggestions in messages (and the golden ``*.fouten`` files); and it would be a new
dependency for a few dozen lines over lists of at most a few hundred codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from collections.abc import Sequence


def _afstand(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def lijken_op(waarde: str, kandidaten: Iterable[str], maximum: int = 3) -> list[str]:
    """The candidates one edit away from ``waarde`` (a typo, two swapped characters).

    When none is one edit away, the closest match by similarity (if any is close).

    Args:
      waarde: what the partner wrote.
      kandidaten: the valid values.
      maximum: at most this many suggestions.
    Returns:
      The suggestions, best first (empty when nothing is obviously meant).
    """
    by_upper = {k.upper(): k for k in kandidaten}
    upper = waarde.upper()

    def rang(key: str) -> tuple[bool, float, str]:
        # Two swapped characters first (the commonest typo), then the most similar.
        verschil = [i for i, (a, b) in enumerate(zip(upper, key, strict=False)) if a != b]
        omgedraaid = len(upper) == len(key) and len(verschil) == 2 and verschil[1] == verschil[0] + 1 \
            and upper[verschil[0]] == key[verschil[1]] and upper[verschil[1]] == key[verschil[0]]
        return (not omgedraaid, -difflib.SequenceMatcher(None, upper, key).ratio(), key)

    dichtbij = sorted((key for key in by_upper if _afstand(upper, key) <= 1), key=rang)
    if dichtbij:
        return [by_upper[key] for key in dichtbij[:maximum]]
    close = difflib.get_close_matches(upper, list(by_upper), n=1, cutoff=0.8)
    return [by_upper[close[0]]] if close else []


def lijkt_op(waarde: str, kandidaten: Iterable[str]) -> str | None:
    """The one candidate ``waarde`` was obviously meant to be, else None (see ``lijken_op``)."""
    gevonden = lijken_op(waarde, kandidaten)
    return gevonden[0] if len(gevonden) == 1 else None


def of_lijst(items: Sequence[str]) -> str:
    """``a``, ``a of b``, ``a, b of c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " of " + items[-1]


"""A closed book year: the fingerprint of a year's bookings, and the directive that records it.

``snw jaar-afsluiten JAAR`` writes::

    2026-02-15 custom "jaarafsluiting" 2025
      vingerafdruk: "9c1f…"            ; SHA-256 over the year's bookings (hex)
      boekingen: 4068                  ; how many there were
      maanden: "1a2b3c4d 5e6f7a8b …"   ; twelve short hashes, January to December
      bevindingen: 2                   ; open findings closed with it (--met-bevindingen), if any
      reden: "…"                       ; why (always with --opnieuw)

From then on the plugin (``ledger.rules.jaarafsluiting``) recomputes the fingerprint and reports
any difference at the directive's line, with the months that changed: a closed year is
tamper-evident, as an accountant expects of a closed book year. To correct a closed year, book
the correction and close the year again (``snw jaar-afsluiten JAAR --opnieuw --reden "…"``): the
latest ``jaarafsluiting`` of a year counts, the earlier ones stay as its history.

**What a booking of year J is**: every entry dated in J that the finance officer wrote —
transactions (Beancount's padding ones included), balance and pad assertions, opens and closes,
and every ``custom`` directive (commitments, budget lines, declarations, settings) except Fava's
options and the year closes themselves. Entries a plugin derives (``__derived__``: releases,
stream opens, Fava budgets) are left out: they follow from the bookings, and a new version of
the plugin must not reopen a closed year.

**What the fingerprint covers**: each booking's content (date, kind, every field, every
metadata key except the file name, the line number and keys starting with ``__``), so moving a
booking to another file or line is no change, and changing a cent, an account, a narration or a
``partner:`` is. The bookings are hashed in a canonical order (their sorted canonical texts), so
the fingerprint does not depend on the order of the files either.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from beancount.core import data

SOORT = "jaarafsluiting"
_NIET_GEBOEKT = frozenset({SOORT, "fava-option", "fava-extension", "budget"})
_SOORTEN = (data.Transaction, data.Balance, data.Pad, data.Open, data.Close, data.Custom)
_MAANDHASH = 8  # hex characters per month: enough to tell the months apart, short enough to read


@dataclasses.dataclass(frozen=True)
class Vingerafdruk:
    """The fingerprint of one year's bookings."""

    jaar: int
    sha256: str
    boekingen: int
    maanden: tuple[str, ...]  # twelve short hashes, January to December

    def gewijzigde_maanden(self, andere: Vingerafdruk) -> tuple[int, ...]:
        """The months (1-12) whose bookings differ from ``andere``'s."""
        return tuple(maand for maand, (a, b) in enumerate(zip(self.maanden, andere.maanden), start=1) if a != b)


@dataclasses.dataclass(frozen=True)
class Jaarafsluiting:
    """A ``custom "jaarafsluiting" JAAR`` directive as recorded."""

    jaar: int
    vingerafdruk: Vingerafdruk
    reden: str | None
    entry: data.Custom


def _meta(meta: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    if not meta:
        return ()
    return tuple(sorted((key, repr(value)) for key, value in meta.items()
                        if key not in ("filename", "lineno") and not key.startswith("__")))


def _canoniek(entry: data.Directive) -> str:
    """A text that is equal for two entries exactly when the finance officer wrote the same booking."""
    if isinstance(entry, data.Transaction):
        postings = tuple((p.account, repr(p.units), repr(p.cost), repr(p.price), p.flag, _meta(p.meta))
                         for p in entry.postings)
        velden: tuple[Any, ...] = (entry.flag, entry.payee, entry.narration, tuple(sorted(entry.tags or ())),
                                   tuple(sorted(entry.links or ())), postings)
    else:
        velden = tuple(repr(getattr(entry, naam)) for naam in entry._fields if naam not in ("meta", "date"))
    return repr((type(entry).__name__, entry.date.isoformat(), velden, _meta(entry.meta)))


def is_boeking(entry: data.Directive) -> bool:
    """Whether an entry counts as a booking of its year (see the module's docstring)."""
    if not isinstance(entry, _SOORTEN):
        return False
    if entry.meta and entry.meta.get("__derived__"):
        return False
    return not (isinstance(entry, data.Custom) and entry.type in _NIET_GEBOEKT)


class Afdrukker:
    """Collects the bookings of one year, entry by entry (the plugin's one pass feeds it)."""

    def __init__(self, jaar: int) -> None:
        self.jaar = jaar
        self.per_maand: list[list[str]] = [[] for _ in range(12)]

    def zie(self, entry: data.Directive) -> None:
        """Count an entry if it is a booking of the year (others are ignored)."""
        if entry.date.year == self.jaar and is_boeking(entry):
            self.per_maand[entry.date.month - 1].append(_canoniek(entry))

    def vingerafdruk(self) -> Vingerafdruk:
        """SHA-256 over the sorted canonical texts, their number, and one short hash per month."""
        return _afdruk(self.jaar, self.per_maand)


def vingerafdruk(entries: Iterable[data.Directive], jaar: int) -> Vingerafdruk:
    """The fingerprint of the bookings dated in ``jaar``.

    Args:
      entries: the ledger's entries (derived ones are skipped, so the loaded ledger and the
        plugin's input give the same fingerprint).
      jaar: the year.
    Returns:
      SHA-256 over the sorted canonical texts, their number, and one short hash per month.
    """
    afdrukker = Afdrukker(jaar)
    for entry in entries:
        afdrukker.zie(entry)
    return afdrukker.vingerafdruk()


def _afdruk(jaar: int, per_maand: list[list[str]]) -> Vingerafdruk:
    totaal = hashlib.sha256()
    maanden = []
    aantal = 0
    for teksten in per_maand:
        teksten.sort()
        maand = hashlib.sha256()
        for tekst in teksten:
            regel = tekst.encode("utf-8") + b"\n"
            totaal.update(regel)
            maand.update(regel)
        maanden.append(maand.hexdigest()[:_MAANDHASH])
        aantal += len(teksten)
    return Vingerafdruk(jaar=jaar, sha256=totaal.hexdigest(), boekingen=aantal, maanden=tuple(maanden))


def lees_afsluiting(entry: data.Custom) -> Jaarafsluiting | str:
    """The year close a directive records, or why it cannot be read (a Dutch message)."""
    waarden = [value.value for value in entry.values]
    jaar = waarden[0] if waarden else None
    if isinstance(jaar, Decimal) and jaar == jaar.to_integral_value():
        jaar = int(jaar)
    meta = entry.meta
    sha, aantal, maanden = meta.get("vingerafdruk"), meta.get("boekingen"), meta.get("maanden")
    if not isinstance(jaar, int) or isinstance(jaar, bool):
        return "jaarafsluiting heeft een jaar nodig"
    if not (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
        return "vingerafdruk moet een SHA-256 in hex zijn (64 tekens)"
    if not isinstance(aantal, Decimal) or aantal != aantal.to_integral_value() or aantal < 0:
        return "boekingen moet een aantal zijn"
    delen = maanden.split() if isinstance(maanden, str) else []
    if len(delen) != 12:
        return "maanden moet twaalf korte vingerafdrukken zijn, januari tot en met december"
    if entry.date <= datetime.date(jaar, 12, 31):
        return f"een jaar wordt na afloop afgesloten: {jaar} kan niet op {entry.date.isoformat()} worden afgesloten"
    reden = meta.get("reden")
    return Jaarafsluiting(jaar=jaar, vingerafdruk=Vingerafdruk(jaar, sha, int(aantal), tuple(delen)),
                          reden=reden if isinstance(reden, str) else None, entry=entry)


def afsluiting_regels(afdruk: Vingerafdruk, datum: datetime.date, reden: str | None = None,
                      bevindingen: int = 0) -> str:
    """The directive that closes a year, as ledger text."""
    regels = [f'{datum.isoformat()} custom "{SOORT}" {afdruk.jaar}',
              f'  vingerafdruk: "{afdruk.sha256}"',
              f"  boekingen: {afdruk.boekingen}",
              f'  maanden: "{" ".join(afdruk.maanden)}"']
    if bevindingen:
        regels.append(f"  bevindingen: {bevindingen}")
    if reden:
        regels.append('  reden: "{}"'.format(reden.replace("\\", "\\\\").replace('"', '\\"')))
    return "\n".join(regels) + "\n"

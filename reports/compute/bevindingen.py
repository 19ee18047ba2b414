"""Open findings (bevindingen): the ledger's errors as figures next to the report.

A real ledger has open findings during the year: a payment outside a stream's period, a
budget line overrun, a commitment without its partner. Reports do not refuse such a
ledger; they show their figures *with* the findings: each document is marked
"Concept — N open bevindingen" and lists every finding with its rule, file and line,
amount, stream and actielijn (``reports.documents.bevindingen``). Only a ledger that
Beancount cannot read, or that lacks our plugin (``ledger.errors.is_fatal``), is refused;
``--strikt`` refuses any finding, for the version a board adopts.

Warnings (``ledger.errors.is_warning``, e.g. an overrun within the declared tolerance)
are not findings.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

from beancount.core import data

from ledger.errors import is_fatal
from ledger.errors import is_warning

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ledger import model

_SOORTEN = {
    "GeldstroomError": "geldstroom",
    "VerplichtingError": "verplichting",
    "BegrotingError": "begroting",
    "DeclaratieError": "declaratie",
    "ConfigError": "configuratie",
    "JaarafsluitingError": "jaarafsluiting",
}


@dataclasses.dataclass(frozen=True)
class Bevinding:
    """One open finding of the ledger.

    Attributes:
      soort: the kind of rule: geldstroom, verplichting, begroting, declaratie,
        configuratie, or beancount (Beancount's own checks: balances, accounts).
      bestand: the file the finding points at (as the loader names it).
      regel: its line.
      melding: the message, as ``snw check`` prints it.
      bedrag: the amount of the offending posting or directive (None when it has none).
      stroom: the stream concerned (None when none can be told).
      actielijn: the actielijn code concerned (None when none can be told).
    """

    soort: str
    bestand: str
    regel: int
    melding: str
    bedrag: Decimal | None
    stroom: str | None
    actielijn: str | None


def _uit_boeking(entry: data.Transaction, source: Any, programma: model.Programma
                 ) -> tuple[Decimal | None, str | None, str | None]:
    """(amount, stream, actielijn) of the posting a finding points at, else the first spending posting."""
    kandidaten = [p for p in entry.postings if p.meta is source] or [
        p for p in entry.postings if programma.actielijn_van_account(p.account)[0] is not None]
    for posting in kandidaten:
        actielijn, stroom = programma.actielijn_van_account(posting.account)
        if posting.units is None or not isinstance(posting.units.number, Decimal):
            continue
        return posting.units.number, stroom, actielijn.code if actielijn else None
    return None, None, None


def _uit_declaratie(entry: data.Custom, programma: model.Programma
                    ) -> tuple[Decimal | None, str | None, str | None]:
    """(amount, stream, actielijn) of a commitment or budget directive."""
    values = [value.value for value in entry.values]
    if entry.type == "verplichting" and len(values) >= 3:
        actielijn, stroom, bedrag = values[0], values[1], values[2]
    elif entry.type in ("begroting", "begrotingswijziging") and len(values) >= 4:
        actielijn, stroom, bedrag = values[1], values[2], values[3]
    else:
        return None, None, None
    number = getattr(bedrag, "number", None)
    return (number if isinstance(number, Decimal) else None,
            stroom if isinstance(stroom, str) else None,
            actielijn if isinstance(actielijn, str) and actielijn in programma.actielijnen else None)


def bevindingen(errors: Iterable[Any], programma: model.Programma) -> tuple[Bevinding, ...]:
    """The open findings among a ledger's errors, in file and line order.

    Args:
      errors: the loader's and the plugin's errors (``Ledger.errors``).
      programma: the parsed declarations (to tell actielijn and stream of an account).
    Returns:
      One finding per error that is neither a warning nor fatal.
    """
    out = []
    for error in errors:
        if is_warning(error) or is_fatal(error):
            continue
        source = error.source or {}
        entry = error.entry
        bedrag = stroom = actielijn = None
        if isinstance(entry, data.Transaction):
            bedrag, stroom, actielijn = _uit_boeking(entry, error.source, programma)
        elif isinstance(entry, data.Custom):
            bedrag, stroom, actielijn = _uit_declaratie(entry, programma)
        out.append(Bevinding(
            soort=_SOORTEN.get(type(error).__name__, "beancount"),
            bestand=str(source.get("filename") or ""),
            regel=int(source.get("lineno") or 0),
            melding=error.message,
            bedrag=bedrag, stroom=stroom, actielijn=actielijn,
        ))
    out.sort(key=lambda b: (b.bestand, b.regel, b.melding))
    return tuple(out)

"""Spending per grant year as tables: all streams for ``snw geldstromen`` (next to the
calendar-year overview), one table per stream for the SiSa workbook.

Only streams whose grant year is not the calendar year appear (``boekjaar_start``, e.g.
Preventie met Gezag June–May); the figures come from ``reports.compute.subsidiejaren``.
Nothing here computes a figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from reports.documents.model import Kolom
from reports.documents.model import Tabel

if TYPE_CHECKING:
    import datetime

    from reports.compute.subsidiejaren import Subsidiejaar


_KOLOMMEN = (
    Kolom("Subsidiejaar"),
    Kolom("Van", "datum"),
    Kolom("Tot en met", "datum"),
    Kolom("Besteed in kalenderjaar van de start", "euro", True),
    Kolom("Besteed in kalenderjaar erna", "euro", True),
    Kolom("Besteed in subsidiejaar", "euro", True),
    Kolom("Stand"),
)


def _cellen(r: Subsidiejaar) -> tuple[object, ...]:
    return (r.label, r.van, r.tot, r.eerste_kalenderjaar, r.tweede_kalenderjaar, r.besteed,
            "lopend" if r.lopend else "afgesloten")


def subsidiejaren_tabel(rijen: tuple[Subsidiejaar, ...], peildatum: datetime.date) -> Tabel:
    """Per stream and grant year: the spending booked in each of the two calendar years it spans.

    Args:
      rijen: the rows of ``subsidiejaren_overzicht``.
      peildatum: the reference date of the figures.
    Returns:
      The table; its totals add spending to spending (every amount column is spending).
    """
    return Tabel(
        titel=f"Besteding per subsidiejaar — stand per {datum(peildatum)}",
        kolommen=(Kolom("Geldstroom"), Kolom("Naam"), *_KOLOMMEN),
        rijen=tuple((r.stroom, r.naam, *_cellen(r)) for r in rijen),
        toelichting=(
            "Geldstromen waarvan het subsidiejaar niet het kalenderjaar is (boekjaar_start). Een subsidiejaar "
            "ligt in twee kalenderjaren: wat in het jaar van de start is geboekt en wat in het jaar erna. Per "
            "kalenderjaar opgeteld is dat de besteding in het geldstromenoverzicht."
        ),
    )


def subsidiejaar_tabel(rijen: tuple[Subsidiejaar, ...]) -> Tabel:
    """One stream's spending per grant year, split over the two calendar years each spans."""
    eerste = rijen[0]
    return Tabel(
        titel=f"{eerste.stroom} — {eerste.naam}: besteding per subsidiejaar",
        kolommen=_KOLOMMEN,
        rijen=tuple(_cellen(r) for r in rijen),
        toelichting=(
            "Het subsidiejaar van deze regeling is niet het kalenderjaar. Besteed in kalenderjaar van de start: "
            "boekingen van het subsidiejaar in het jaar waarin het begint; erna: in het jaar waarin het eindigt. "
            "Opgeteld per kalenderjaar is dat de besteding in de tabellen hierboven."
        ),
    )


def subsidiejaar_tabellen(rijen: tuple[Subsidiejaar, ...]) -> list[Tabel]:
    """A table per stream (rows in stream order, as ``reports.compute.subsidiejaren`` gives them)."""
    per_stroom: dict[str, list[Subsidiejaar]] = {}
    for rij in rijen:
        per_stroom.setdefault(rij.stroom, []).append(rij)
    return [subsidiejaar_tabel(tuple(r)) for r in per_stroom.values()]

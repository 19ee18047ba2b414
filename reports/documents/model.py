"""A report as a document: title, cover fields and sections of tables, paragraphs and charts.

Every board document (``snw begroting``, ``snw proportionaliteit``, ``snw sisa``) is built as
a :class:`Document` from computed figures; the faces only format it:

* ``reports.render.html.render_html(document)`` — HTML for the screen and for print;
* ``reports.render.pdf.render_pdf(html, ...)`` — A4 PDF from that HTML (WeasyPrint);
* ``reports.render.workbook.document_workbook(document)`` — an openpyxl workbook with a
  cover sheet and one sheet per section that holds tables (numbers stay numbers, totals
  are SUM formulas, and a column declared as a :class:`Som` of a detail table is a SUMIFS
  formula over that table's sheet).

This module is the document *model*: plain frozen dataclasses holding words and raw
values, no formatting and no drawing. Charts are data (:class:`Staafdiagram`) that the
renderers draw.

Example::

    doc = Document(
        titel="Begroting 2027",
        omslag=(("Status", "ontwerp"),),
        secties=(Sectie("Samenvatting", (Alinea("..."), tabel, Grafiek("...", staafdiagram(labels, reeksen)))),),
        datum=documentdatum(), kenmerk=ledger.fingerprint, demo=ledger.is_demo,
    )
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any
from typing import Union

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence


@dataclasses.dataclass(frozen=True)
class Som:
    """A summary column whose cells repeat sums of a detail table's column.

    The builder still puts the value in every row (that is what PDF, HTML and the terminal
    show); the XLSX writes a formula instead, so the summary follows the detail sheet when
    someone works in the spreadsheet: ``SUMIFS`` over the detail rows whose key equals this
    row's key, or ``SUM`` over all rows of the detail table. The XLSX renderer checks that the
    builder's value equals the sum of the detail rows (a mismatch is a programming error) and
    keeps the typed value when the detail table is not in the workbook.

    Attributes:
      bron: the detail table(s), by :attr:`Tabel.naam`; a pattern (``fnmatch``: ``*``
        matches several tables, e.g. one per domain), in which ``{}`` stands for this
        row's key (``"posten-{}"``: the detail table of this row's domain).
      kolom: the header of the summed column in the detail table.
      sleutel: the header of the detail table's key column: only the rows whose key equals
        this row's key are summed; "" sums every row of the matched table(s).
      per: the index of this table's key column (default: the first).

    Example (per stream, the sum of the budget lines of every domain table)::

        Kolom("Begroting 2027", "euro", True, som=Som("posten-*", "Begroting 2027", sleutel="Geldstroom"))
    """

    bron: str
    kolom: str
    sleutel: str = ""
    per: int = 0


@dataclasses.dataclass(frozen=True)
class Kolom:
    """A column: header, kind ("tekst", "euro", "getal", "uren", "procent", "datum"), sum in totals row.

    ``som``: the cells repeat sums of another table's column (:class:`Som`); a formula in XLSX.
    """

    kop: str
    soort: str = "tekst"
    optellen: bool = False
    som: Som | None = None


@dataclasses.dataclass(frozen=True)
class Tabel:
    """A titled table with rows of raw values (Decimal, date, str, None).

    ``naam`` identifies a detail table for the :class:`Som` columns of a summary table.
    """

    titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Any, ...], ...]
    totaal_label: str | None = "Totaal"
    toelichting: str = ""
    naam: str = ""  # an identifier other tables' :class:`Som` columns refer to; not shown

    def totalen(self) -> tuple[Any, ...]:
        """The totals row (sums of the columns marked ``optellen``)."""
        row: list[Any] = []
        for index, kolom in enumerate(self.kolommen):
            if kolom.optellen:
                row.append(sum((r[index] for r in self.rijen if r[index] is not None), Decimal(0)))
            elif index == 0:
                row.append(self.totaal_label)
            else:
                row.append(None)
        return tuple(row)

    @property
    def heeft_totalen(self) -> bool:
        return self.totaal_label is not None and any(k.optellen for k in self.kolommen)


@dataclasses.dataclass(frozen=True)
class Alinea:
    """A paragraph. ``soort``: "tekst", "let-op" (framed, for warnings) or "noot" (small print)."""

    tekst: str
    soort: str = "tekst"


@dataclasses.dataclass(frozen=True)
class Lijst:
    """A bulleted (or numbered) list of short texts, with an optional heading."""

    items: tuple[str, ...]
    genummerd: bool = False
    titel: str = ""


@dataclasses.dataclass(frozen=True)
class Staafdiagram:
    """A horizontal bar chart as data; ``reports.render.charts.svg`` draws it.

    Attributes:
      labels: one label per bar (group), top to bottom.
      reeksen: (series name, one value per label) pairs; more than one series gives
        grouped bars, or stacked bars with ``gestapeld``.
      gestapeld: stack the series instead of grouping them.
      eenheid: "euro", "procent" or "getal": how the axis is labelled.
      verwijzing: optional reference value per label, drawn as a tick.
      verwijzing_label: legend text of the reference ticks.
      breedte_cm: width of the drawn figure.
      hoogte_cm: height (None: grows with the number of bars).
    """

    labels: tuple[str, ...]
    reeksen: tuple[tuple[str, tuple[Decimal | int | float, ...]], ...]
    gestapeld: bool = False
    eenheid: str = "euro"
    verwijzing: tuple[Decimal | int | float, ...] | None = None
    verwijzing_label: str = ""
    breedte_cm: float = 16.0
    hoogte_cm: float | None = None


def staafdiagram(labels: Sequence[str], reeksen: Mapping[str, Sequence[Decimal | int | float]], *,
                 gestapeld: bool = False, eenheid: str = "euro",
                 verwijzing: Sequence[Decimal | int | float] | None = None,
                 verwijzing_label: str = "", breedte_cm: float = 16.0,
                 hoogte_cm: float | None = None) -> Staafdiagram:
    """A bar chart of the given series (see :class:`Staafdiagram`)."""
    return Staafdiagram(
        labels=tuple(labels), reeksen=tuple((naam, tuple(waarden)) for naam, waarden in reeksen.items()),
        gestapeld=gestapeld, eenheid=eenheid, verwijzing=tuple(verwijzing) if verwijzing is not None else None,
        verwijzing_label=verwijzing_label, breedte_cm=breedte_cm, hoogte_cm=hoogte_cm)


@dataclasses.dataclass(frozen=True)
class Grafiek:
    """A chart with a title and a caption; the faces draw it (SVG in HTML/PDF, left out of XLSX)."""

    titel: str
    diagram: Staafdiagram
    bijschrift: str = ""


@dataclasses.dataclass(frozen=True)
class TabelBlok:
    """A table with presentation hints.

    Attributes:
      tabel: the table (raw values; formatting happens in the faces).
      markeringen: cells (row index in ``tabel.rijen``, column index) to flag, e.g.
        uncovered amounts: bold with a warning sign in HTML/PDF, bold on grey in XLSX.
      nadruk_rijen: row indexes shown bold (subtotals, group rows).
      groepeer: the number of leading columns whose value is left blank in HTML when it
        repeats the row above (the XLSX keeps every value, for filtering).
      compact: a smaller font for wide tables.
      breedtes: column widths in percent (HTML/PDF), so that a series of tables lines
        up; empty: the browser decides.
    """

    tabel: Tabel
    markeringen: frozenset[tuple[int, int]] = frozenset()
    nadruk_rijen: frozenset[int] = frozenset()
    groepeer: int = 0
    compact: bool = False
    breedtes: tuple[float, ...] = ()


@dataclasses.dataclass(frozen=True)
class Sectie:
    """A section: a heading and its blocks (nested sections become sub-headings).

    Attributes:
      titel: the heading.
      inhoud: Alinea, Lijst, Grafiek, Tabel, TabelBlok or Sectie blocks, in order.
      anker: the HTML id (default: derived from the title).
      nieuwe_pagina: start the section on a new page in print.
      liggend: print the section on landscape pages (wide tables).
      blad: XLSX sheet name for the section's tables; None derives it from the title,
        "" puts no sheet in the workbook.
    """

    titel: str
    inhoud: tuple[Blok, ...] = ()
    anker: str = ""
    nieuwe_pagina: bool = False
    liggend: bool = False
    blad: str | None = None

    @property
    def id(self) -> str:
        return self.anker or slug(self.titel)

    def tabellen(self) -> list[TabelBlok]:
        """All tables of this section and its subsections, in order."""
        out: list[TabelBlok] = []
        for blok in self.inhoud:
            if isinstance(blok, Tabel):
                out.append(TabelBlok(blok))
            elif isinstance(blok, TabelBlok):
                out.append(blok)
            elif isinstance(blok, Sectie):
                out.extend(blok.tabellen())
        return out


Blok = Union[Alinea, Lijst, Grafiek, Tabel, TabelBlok, Sectie]


@dataclasses.dataclass(frozen=True)
class Document:
    """A board document.

    Attributes:
      titel: the document title (cover and running header).
      ondertitel: a line under the title on the cover.
      omslag: cover fields as (label, value) pairs, e.g. ("Status", "ontwerp").
      secties: the sections in order.
      datum: the generation date (``reports.render.stamp.documentdatum``).
      kenmerk: the ledger fingerprint the document was made from.
      demo: made from the demo ledger: the cover and every page say "Demogegevens".
      organisatie: the issuing body, shown above the title.
      inhoudsopgave: print a table of contents after the cover.
      markering: a mark on the cover and every page, e.g. "Concept — 3 open
        bevindingen" (``reports.documents.bevindingen``); "" for none.
    """

    titel: str
    secties: tuple[Sectie, ...]
    datum: datetime.date
    kenmerk: str = ""
    ondertitel: str = ""
    omslag: tuple[tuple[str, str], ...] = ()
    demo: bool = False
    organisatie: str = "Samen Nieuw-West"
    inhoudsopgave: bool = True
    markering: str = ""


def slug(text: str) -> str:
    """An HTML id from a title: lowercase ASCII words joined by dashes."""
    text = text.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("ï", "i"), ("ü", "u"), ("ö", "o"), ("×", "x"), ("€", "eur")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "sectie"



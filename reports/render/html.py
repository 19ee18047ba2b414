"""The HTML face of a document: Jinja2 templates with Dutch filters, print CSS for A4.

Templates live in ``reports/templates/``: ``base.html.j2`` (page setup, styles, cover,
running footer with page numbers) and ``document.html.j2`` (renders any
:class:`reports.documents.model.Document`). A report may extend ``document.html.j2``
(``begroting.html.j2`` does) to add its own blocks.

Filters (all from ``ledger.nl``, the one place that formats): ``euro``, ``euro0`` (whole
euros), ``getal``, ``procent``, ``datum``, and ``cel(soort)`` for a table cell of a kind.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import jinja2
import markupsafe

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent
from reports.render import charts
from reports.documents.model import Alinea
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok
from reports.documents.model import Tabel
from reports.render.text import format_cel

if TYPE_CHECKING:
    from reports.documents.model import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NUMERIC = ("euro", "getal", "uren", "procent")


def _blok_soort(blok: Any) -> str:
    if isinstance(blok, Sectie):
        return "sectie"
    if isinstance(blok, (Tabel, TabelBlok)):
        return "tabel"
    if isinstance(blok, Grafiek):
        return "grafiek"
    if isinstance(blok, Lijst):
        return "lijst"
    if isinstance(blok, Alinea):
        return "alinea"
    raise TypeError(f"onbekend blok in document: {type(blok).__name__}")


CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
"""A code such as VEI-11, GEM-ORG or SPUK-KW-2026: its cell never breaks at the hyphen."""


def _als_tabelblok(blok: Tabel | TabelBlok) -> TabelBlok:
    return blok if isinstance(blok, TabelBlok) else TabelBlok(blok)


def cel(value: Any, soort: str) -> str:
    """One table cell for a reader (the documents' HTML and PDF, the Fava pages): Dutch, and a
    negative number with a true minus sign, which reads better than a hyphen."""
    tekst = format_cel(value, soort)
    if soort in NUMERIC and isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value < 0:
        return tekst.replace("-", "−", 1)
    return tekst


def _tabel_rijen(blok: TabelBlok) -> list[list[dict[str, Any]]]:
    """Rows of cells ready for the template: text, alignment, flags, group blanking."""
    rows: list[list[dict[str, Any]]] = []
    vorige: tuple[Any, ...] | None = None
    for r, values in enumerate(blok.tabel.rijen):
        cells = []
        for c, (value, kolom) in enumerate(zip(values, blok.tabel.kolommen)):
            tekst = cel(value, kolom.soort)
            if c < blok.groepeer and vorige is not None and values[: c + 1] == vorige[: c + 1]:
                tekst = ""
            cells.append({
                "tekst": tekst,
                "getal": kolom.soort in NUMERIC,
                "let_op": (r, c) in blok.markeringen,
                "code": isinstance(value, str) and CODE.fullmatch(value) is not None,
            })
            laatste = cells[-1]
            laatste["klasse"] = " ".join(k for k, aan in (("getal", laatste["getal"]), ("let-op", laatste["let_op"]),
                                                          ("code", laatste["code"])) if aan)
        rows.append({"cellen": cells, "nadruk": r in blok.nadruk_rijen,
                     "groepstart": blok.groepeer > 0 and vorige is not None
                     and values[: blok.groepeer] != vorige[: blok.groepeer]})
        vorige = tuple(values)
    return rows


def _tabel_totalen(blok: TabelBlok) -> list[dict[str, Any]] | None:
    if not (blok.tabel.heeft_totalen and blok.tabel.rijen):
        return None
    return [{"tekst": cel(value, kolom.soort), "getal": kolom.soort in NUMERIC}
            for value, kolom in zip(blok.tabel.totalen(), blok.tabel.kolommen)]


CODE_IN_TEKST = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-])")


def _codes(tekst: str) -> markupsafe.Markup:
    """Running text with each code (VEI-11, SPUK-KW-2026) in a span that does not break at its hyphen."""
    veilig = str(markupsafe.escape(_finalize(tekst)))
    return markupsafe.Markup(CODE_IN_TEKST.sub(r'<span class="code">\g<0></span>', veilig))  # noqa: S704 - escaped above


def _finalize(value: Any) -> Any:
    """Keep the euro sign with its amount on one line (``€ 1.000`` -> ``€\u00a01.000``)."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return value.replace("€ ", "€\u00a0")
    return value


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared Jinja2 environment (autoescaping on, Dutch filters, our templates)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters.update({
        "euro": euro,
        "euro0": lambda value: euro(value, cents=False),
        "getal": getal,
        "procent": procent,
        "datum": datum,
        "cel": cel,
        "codes": _codes,
    })
    env.globals.update({
        "blok_soort": _blok_soort,
        "als_tabelblok": _als_tabelblok,
        "tabel_rijen": _tabel_rijen,
        "tabel_totalen": _tabel_totalen,
        "svg": lambda diagram: markupsafe.Markup(charts.svg(diagram)),  # noqa: S704 - our own chart output
    })
    return env


def _png_markup(diagram: Any) -> markupsafe.Markup:
    return markupsafe.Markup(charts.png_img(diagram))  # noqa: S704 - our own chart output


def render_html(document: Document, template: str = "document.html.j2", *, grafieken: str = "svg",
                **extra: Any) -> str:
    """Render a document to a complete HTML page (screen and print).

    Args:
      document: the document to render.
      template: the template name in ``reports/templates`` (it should extend
        ``document.html.j2`` or ``base.html.j2``).
      grafieken: "svg" (inline SVG, for the screen) or "png" (inline PNG images, for the
        PDF: WeasyPrint embeds them instead of redrawing every hatch pattern).
      **extra: further template variables.
    Returns:
      The HTML text; identical input gives identical text.
    """
    if grafieken == "png":
        extra = {"svg": _png_markup, **extra}
    return environment().get_template(template).render(doc=document, **extra)

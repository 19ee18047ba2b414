"""The PDF face: HTML (from ``reports.render.html``) to A4 PDF with WeasyPrint.

Same HTML in, same bytes out:

* the PDF creation and modification dates come from the page's ``dcterms.created`` /
  ``dcterms.modified`` meta tags (the document date, ``reports.render.stamp``);
* the PDF file identifier is a hash of the HTML;
* fonts are the installed DejaVu family; fontTools stamps each font subset's ``head``
  table with the current time unless ``SOURCE_DATE_EPOCH`` is set, so it is set to the
  document date while the PDF is written (and restored afterwards).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import hashlib
import logging
import os
import re
from collections.abc import Iterator

from reports.render.html import TEMPLATES
from reports.render.stamp import documentdatum

_MODIFIED = re.compile(r'<meta name="dcterms\.modified" content="(\d{4})-(\d{2})-(\d{2})')


def _documentdatum(html: str) -> datetime.date:
    match = _MODIFIED.search(html)
    if match:
        return datetime.date(*(int(part) for part in match.groups()))
    return documentdatum()


@contextlib.contextmanager
def _source_date_epoch(day: datetime.date) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render_pdf(html: str) -> bytes:
    """Render a complete HTML page to PDF bytes.

    Args:
      html: the page, as made by ``reports.render.html.render_html``; its
        ``dcterms.created``/``dcterms.modified`` meta tags become the PDF dates.
    Returns:
      The PDF; identical HTML gives identical bytes.
    """
    import weasyprint

    # WeasyPrint logs every unsupported CSS property at WARNING; keep the CLI quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES))
    with _source_date_epoch(_documentdatum(html)):
        return document.write_pdf(pdf_identifier=identifier)

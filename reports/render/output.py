"""Writing documents to disk: atomically, and XLSX/HTML/PDF from one Document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from ledger.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reports.documents.model import Document

FORMATS = ("xlsx", "pdf", "html")


def document_bytes(document: Document, *, template: str = "document.html.j2",
                   formats: Iterable[str] = FORMATS, **template_args: Any) -> dict[str, bytes]:
    """The document as XLSX, PDF and HTML bytes (deterministic), each chart drawn once.

    Args:
      document: the document to render.
      template: the HTML template (HTML and PDF are made from the same HTML).
      formats: which of "xlsx", "pdf", "html" to make.
      template_args: extra variables for the template.
    Returns:
      Suffix → content, in the order xlsx, pdf, html.
    """
    from reports.render import charts
    from reports.render.workbook import document_workbook
    from reports.render.excel import workbook_bytes
    from reports.render.html import render_html

    wanted = set(formats)
    # one drawing per chart: SVG for the HTML, PNG for the PDF, saved from the same figure
    faces = {"svg"} if "html" in wanted else set()
    faces |= {"png"} if "pdf" in wanted else set()
    with charts.tekenen(faces):
        html = render_html(document, template, **template_args) if "html" in wanted else ""
        pdf_html = render_html(document, template, grafieken="png", **template_args) if "pdf" in wanted else ""
    out: dict[str, bytes] = {}
    for suffix in FORMATS:
        if suffix not in wanted:
            continue
        if suffix == "xlsx":
            out[suffix] = workbook_bytes(document_workbook(document))
        elif suffix == "pdf":
            from reports.render.pdf import render_pdf

            out[suffix] = render_pdf(pdf_html)
        else:
            out[suffix] = html.encode("utf-8")
    return out


def write_document(document: Document, out_dir: Path, stem: str, *, template: str = "document.html.j2",
                   formats: Iterable[str] = FORMATS, **template_args: Any) -> list[Path]:
    """Write ``<stem>.xlsx``, ``<stem>.pdf`` and ``<stem>.html`` (deterministic bytes).

    Args:
      document: the document to render.
      out_dir: the folder (created when missing).
      stem: the file name without suffix, e.g. ``begroting-2027``.
      template: the HTML template (HTML and PDF are made from the same HTML).
      formats: which of "xlsx", "pdf", "html" to write.
      template_args: extra variables for the template.
    Returns:
      The written paths, in the order xlsx, pdf, html.
    """
    written = []
    for suffix, content in document_bytes(document, template=template, formats=formats, **template_args).items():
        path = out_dir / f"{stem}.{suffix}"
        write_atomic(path, content)
        written.append(path)
    return written

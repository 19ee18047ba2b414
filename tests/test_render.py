"""The shared document renderers: HTML, PDF, charts and the document workbook."""

from __future__ import annotations

import datetime
import io
import time
from decimal import Decimal

import pytest

from reports.documents.model import staafdiagram
from reports.render import charts
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok
from reports.render.workbook import document_workbook
from reports.render.excel import workbook_bytes
from reports.render.html import render_html
from reports.render.pdf import render_pdf
from reports.documents.model import Kolom
from reports.documents.model import Tabel

D = Decimal


def _document(demo: bool = True) -> Document:
    svg = staafdiagram(["Veiligheid", "Wonen"], {"2027": [D(1200000), D(800000)], "2026": [D(1000000), D(900000)]})
    tabel = Tabel(
        "Per geldstroom",
        (Kolom("Code"), Kolom("Naam"), Kolom("Bedrag", "euro", optellen=True)),
        tuple((f"S{i:02d}", f"Stroom {i}", D(i * 1000) + D("0.25")) for i in range(80)),
    )
    return Document(
        titel="Testdocument 2027",
        ondertitel="Voor het alliantiebestuur",
        omslag=(("Status", "ontwerp"),),
        datum=datetime.date(2026, 11, 1),
        kenmerk="abc123def456",
        demo=demo,
        secties=(
            Sectie("Samenvatting", (Alinea("Inleiding <b>niet vet</b>"), Grafiek("Per domein", svg, "Bijschrift"),
                                    TabelBlok(tabel, markeringen=frozenset({(2, 2)}), nadruk_rijen=frozenset({3}),
                                              groepeer=1))),
            Sectie("Risico's", (Lijst(("een", "twee"), genummerd=True), Alinea("Let op", "let-op"),
                                Sectie("Onderdeel", (Alinea("tekst"),))), nieuwe_pagina=True),
        ),
    )


def test_html_formats_dutch_and_escapes() -> None:
    html = render_html(_document())
    assert '<html lang="nl">' in html
    assert "€\u00a02.000,25" in html  # Dutch amounts via ledger.nl, euro sign kept with the amount
    assert "€\u00a03.160.020,00" in html  # totals row
    assert "&lt;b&gt;niet vet&lt;/b&gt;" in html  # autoescaped
    assert "1 november 2026" in html
    assert "DEMOGEGEVENS" in html
    assert 'class="getal let-op"' in html
    assert "<svg" in html
    assert "abc123def456" in html


def test_html_without_demo_has_no_demo_banner() -> None:
    assert "DEMOGEGEVENS" not in render_html(_document(demo=False))


def test_chart_is_deterministic_svg_without_date() -> None:
    first = charts.svg(staafdiagram(["a", "b"], {"x": [D(1), D(2)]}, eenheid="getal"))
    second = charts.svg(staafdiagram(["a", "b"], {"x": [D(1), D(2)]}, eenheid="getal"))
    assert first == second
    assert first.startswith("<svg")
    assert "<dc:date>" not in first


def test_pdf_is_deterministic_a4_with_page_numbers() -> None:
    pypdf = pytest.importorskip("pypdf")
    html = render_html(_document())
    first = render_pdf(html)
    time.sleep(1.1)  # font subsets must not carry the wall-clock time
    second = render_pdf(html)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert len(reader.pages) > 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Pagina 2 van" in text
    assert "Risico's" in text
    assert reader.metadata.creation_date == datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)


def test_workbook_keeps_numbers_and_sum_formulas() -> None:
    workbook = document_workbook(_document())
    assert workbook.sheetnames == ["Omslag", "Samenvatting", "Risico's"]  # every section with text or tables
    sheet = workbook["Samenvatting"]
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "S05"]
    assert values[0][2] == pytest.approx(5000.25)
    formulas = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas == ["=SUM(C8:C87)"]
    moment = datetime.datetime(2026, 11, 1)
    assert workbook_bytes(document_workbook(_document()), moment) == workbook_bytes(document_workbook(_document()), moment)


def test_codes_never_break_at_their_hyphen() -> None:
    """A code (VEI-11, SPUK-KW-2026) in a narrow column stays on one line in the PDF; names may wrap."""
    from pypdf import PdfReader

    codes = ("SPUK-KW-2026", "GEM-REGULIER", "VEI-11")
    tabel = Tabel("Smal", (Kolom("Code"), Kolom("Naam"), Kolom("Bedrag", "euro")),
                  tuple((code, "Een lange naam die mag afbreken over regels", D(1000)) for code in codes),
                  totaal_label=None)
    document = Document(titel="Codes", datum=datetime.date(2026, 11, 1), inhoudsopgave=False,
                        secties=(Sectie("Codes", (TabelBlok(tabel, breedtes=(6, 20, 74)),)),))
    html = render_html(document)
    assert html.count('class="code"') == len(codes)
    text = PdfReader(io.BytesIO(render_pdf(html))).pages[1].extract_text()
    lines = text.splitlines()
    for code in codes:
        assert any(line.startswith(code) for line in lines), (code, lines)  # whole, at the start of its row


def test_codes_in_running_text_stay_whole_and_text_stays_escaped() -> None:
    html = render_html(Document(titel="Codes", datum=datetime.date(2026, 11, 1), inhoudsopgave=False, secties=(
        Sectie("Codes", (Alinea("SPUK-KW-2026 loopt af; <b>VHF</b> en GEM-ORG op 31-12-2027, € 5"),
                         Lijst(("VEI-11 blijft",)))),)))
    assert ('<span class="code">SPUK-KW-2026</span> loopt af; &lt;b&gt;VHF&lt;/b&gt; en '
            '<span class="code">GEM-ORG</span> op 31-12-2027, €\u00a05') in html
    assert '<li><span class="code">VEI-11</span> blijft</li>' in html


def test_one_minus_sign_in_documents_and_fava_cells() -> None:
    from reports.fava_ext import Geldstromen
    from reports.render.html import cel

    for value, soort, tekst in ((D("-1250.5"), "euro", "€ −1.250,50"), (D("-0.35"), "procent", "−35,0%"),
                                (D("-3"), "getal", "−3"), (D("12"), "euro", "€ 12,00")):
        assert cel(value, soort) == tekst
        assert Geldstromen.cel(value, soort) == tekst  # the Fava pages use the same cell

"""Nothing a partner types runs, and no personal data hides in free text (issue 11, items 4–5).

* HTML in partner text is stored so it displays as text (``<`` -> ``‹``, ``>`` -> ``›``), in
  ``snw import`` and on Fava's Import page; Fava's journal in headless Chromium fires no
  dialog for an imported hostile row (and does for the raw text, so the check can fail);
* text that a spreadsheet would take for a formula is refused; the template writes text as text;
* HTML documents escape;
* a BSN-like number or an IBAN inside a description refuses the file, naming row and column
  but never the value.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import importers.config
from cli.main import cli

HIER = Path(__file__).resolve().parent / "importers"
CONFIG = Path(importers.config.__file__).resolve()
KOP = "Administratie;Boekdatum;Boekstuk;Kostenplaats;Project;Omschrijving;Wijk;Crediteur;IBAN crediteur;Uren;Bedrag;Valuta\n"
HOSTIEL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
VEILIG = "‹script›alert(1)‹/script›‹img src=x onerror=alert(2)›"


@pytest.fixture
def grootboek(tmp_path: Path) -> Path:
    doel = tmp_path / "grootboek"
    shutil.copytree(HIER / "ledger", doel)
    return doel / "main.beancount"


def snw(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def vingerafdruk(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file() and not p.name.endswith(".picklecache")}


def erp(tmp_path: Path, omschrijving: str, naam: str = "erp-2024.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text(KOP + f"EH01;15-01-2024;EH24-00017;4830;P-512;{omschrijving};Dichters;;;;12.450,00;EUR\n",
                   encoding="utf-8")
    return pad


# --- HTML --------------------------------------------------------------------------------------
def test_snw_import_stores_html_as_text(grootboek: Path, tmp_path: Path) -> None:
    result = snw("--ledger", grootboek, "import", erp(tmp_path, HOSTIEL))
    assert result.exit_code == 0, result.output
    assert "rij 2: kolom Omschrijving: < en > opgeslagen als ‹ en › (geen HTML)" in result.output
    tekst = (grootboek.parent / "import" / "eigen-haard-2024.beancount").read_text(encoding="utf-8")
    assert VEILIG in tekst
    assert "<" not in tekst and ">" not in tekst
    assert snw("--ledger", grootboek, "check").exit_code == 0


def test_fava_import_page_stores_html_as_text(grootboek: Path, tmp_path: Path) -> None:
    from fava.application import create_app

    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write(f'\n2023-01-01 custom "fava-option" "import-config" "{CONFIG}"\n'
                     '2023-01-01 custom "fava-option" "import-dirs" "aanlevering"\n')
    app = create_app([str(grootboek)], load=True)
    client = app.test_client()
    slug = app.config["LEDGERS"].first_slug()
    bestand = erp(tmp_path, HOSTIEL)
    response = client.put(f"/{slug}/api/upload_import_file",
                          data={"file": (io.BytesIO(bestand.read_bytes()), bestand.name)},
                          content_type="multipart/form-data")
    assert response.status_code == 200
    pad = grootboek.parent / "aanlevering" / bestand.name
    response = client.get(f"/{slug}/api/extract",
                          query_string={"filename": str(pad), "importer": "snw.koppeling.eigen-haard"})
    assert response.status_code == 200, response.get_json()
    entries = response.get_json()["data"]
    assert [e["narration"] for e in entries] == [VEILIG]


def _journal_dialogs(main: Path, wacht_op: str) -> list[str]:
    """Open Fava's journal in headless Chromium; the dialogs (alert) that fired."""
    from fava.application import create_app
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("geen Chromium")
    app = create_app([str(main)], load=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    dialogs: list[str] = []
    try:
        slug = app.config["LEDGERS"].first_slug()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox", "--disable-gpu",
                                              "--disable-background-networking"])
            try:
                page = browser.new_page()
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                page.goto(f"http://127.0.0.1:{server.server_port}/{slug}/journal/")
                page.locator(".journal").first.wait_for(timeout=20000)
                page.get_by_text(wacht_op).first.wait_for(state="attached", timeout=20000)
                # Script and onerror handlers run while the row is inserted; a round trip through
                # the page's event loop lets any pending handler fire before we look.
                page.evaluate("() => new Promise(r => setTimeout(r, 0))")
                page.wait_for_load_state("networkidle")
            finally:
                browser.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)
    return dialogs


def test_no_dialog_fires_in_favas_journal_for_an_imported_hostile_row(grootboek: Path, tmp_path: Path) -> None:
    assert snw("--ledger", grootboek, "import", erp(tmp_path, HOSTIEL)).exit_code == 0
    assert _journal_dialogs(grootboek, "‹script›alert(1)") == []


def test_the_browser_check_sees_a_dialog_for_raw_html(grootboek: Path) -> None:
    """The control: the same text written raw into a ledger runs in Fava (so the check above can fail)."""
    with grootboek.open("a", encoding="utf-8") as handle:
        handle.write(f'\n2024-03-01 * "EIGEN-HAARD" "Voorbeeld {HOSTIEL}"\n'
                     "  Expenses:Actielijn:WON:WON-01-Extra-inzet-verduurzamen:EIGEN  10.00 EUR\n"
                     '    partner: "EIGEN-HAARD"\n'
                     "  Equity:Inbreng-partners\n")
    assert _journal_dialogs(grootboek, "Voorbeeld") != []


# --- formulas ------------------------------------------------------------------------------------
@pytest.mark.parametrize("omschrijving", ['=HYPERLINK("http://x.nl","klik")', "@SUM(A1)", "+cmd|calc", "-x+1"])
def test_text_that_would_be_a_formula_is_refused(grootboek: Path, tmp_path: Path, omschrijving: str) -> None:
    voor = vingerafdruk(grootboek.parent)
    result = snw("--ledger", grootboek, "import", erp(tmp_path, omschrijving))
    assert result.exit_code == 1
    assert (f"erp-2024.csv:2: kolom Omschrijving: tekst begint met '{omschrijving[0]}' en zou in een "
            "spreadsheet een formule worden") in result.output
    assert vingerafdruk(grootboek.parent) == voor


@pytest.mark.parametrize("omschrijving", ["-12,50 correctie", "- correctie februari", "+31 extra uren"])
def test_a_sign_before_a_number_or_space_is_fine(grootboek: Path, tmp_path: Path, omschrijving: str) -> None:
    result = snw("--ledger", grootboek, "import", "--proef", erp(tmp_path, omschrijving))
    assert result.exit_code == 0, result.output


def test_the_template_writes_ledger_text_as_text(grootboek: Path, tmp_path: Path) -> None:
    tekst = grootboek.read_text(encoding="utf-8").replace(
        'custom "buurt" "wildeman" "Wildeman"', 'custom "buurt" "wildeman" "=HYPERLINK(\\"http://x.nl\\")"')
    grootboek.write_text(tekst, encoding="utf-8")
    pad = tmp_path / "sjabloon.xlsx"
    result = snw("--ledger", grootboek, "sjabloon", "--partner", "EIGEN-HAARD", "--jaar", "2024", "--naar", pad)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(pad)
    cellen = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cellen and all(c.data_type == "s" for c in cellen)


def test_imported_text_never_reaches_a_report_workbook_as_a_formula(grootboek: Path) -> None:
    """Every string cell the document workbook writes from a table: no partner text starts with '='."""
    from reports.documents.model import Kolom
    from reports.documents.model import Tabel
    from reports.render.workbook import tables_workbook

    tabel = Tabel("Regels", (Kolom("Omschrijving"),), ((VEILIG,), ("-12,50 correctie",)), totaal_label=None)
    workbook = tables_workbook([("Regels", tabel)])
    assert all(c.data_type != "f" for ws in workbook.worksheets for row in ws.iter_rows() for c in row)


def test_report_workbook_writes_text_starting_with_equals_as_text() -> None:
    from reports.documents.model import Kolom
    from reports.documents.model import Tabel
    from reports.render.workbook import tables_workbook

    workbook = tables_workbook([("Regels", Tabel("Regels", (Kolom("Omschrijving"),), (("=1+1",),), totaal_label=None))])
    assert all(c.data_type != "f" for ws in workbook.worksheets for row in ws.iter_rows() for c in row)


def test_html_documents_escape() -> None:
    import datetime

    from reports.documents.model import Alinea
    from reports.documents.model import Document
    from reports.documents.model import Kolom
    from reports.documents.model import Sectie
    from reports.documents.model import Tabel
    from reports.render.html import render_html

    document = Document(HOSTIEL, (Sectie(HOSTIEL, (Alinea(HOSTIEL), Tabel(HOSTIEL, (Kolom(HOSTIEL),),
                                                                              ((HOSTIEL,),)))),),
                        datetime.date(2025, 1, 1), omslag=((HOSTIEL, HOSTIEL),))
    html = render_html(document)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- personal data in free text -------------------------------------------------------------
@pytest.mark.parametrize(("omschrijving", "soort"), [
    ("Huurder 111222333 geholpen bij verhuizing", "BSN"),
    ("Huurder 1112.22.333 geholpen", "BSN"),
    ("Terugbetaald op NL91 ABNA 0417 1643 00 van de huurder", "IBAN"),
])
def test_personal_data_inside_a_description_refuses_the_file(grootboek: Path, tmp_path: Path, omschrijving: str,
                                                             soort: str) -> None:
    voor = vingerafdruk(grootboek.parent)
    result = snw("--ledger", grootboek, "import", erp(tmp_path, omschrijving))
    assert result.exit_code == 1
    assert "erp-2024.csv:2: kolom Omschrijving: " in result.output
    assert soort in result.output
    for waarde in ("111222333", "1112.22.333", "0417", "NL91"):
        assert waarde not in result.output
    assert vingerafdruk(grootboek.parent) == voor


@pytest.mark.parametrize("omschrijving", ["Factuur 123456789 schilderwerk", "Totaal 111.222.333,00 begroot"])
def test_numbers_that_are_no_bsn_pass(grootboek: Path, tmp_path: Path, omschrijving: str) -> None:
    result = snw("--ledger", grootboek, "import", "--proef", erp(tmp_path, omschrijving.replace("Totaal", "Post")))
    assert result.exit_code == 0, result.output

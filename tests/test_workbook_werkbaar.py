"""Spreadsheets fit for work (issue #10, item 9): every XLSX the ledger writes has frozen panes,
a filter on each table, A4 landscape print at fit-to-width with the header repeated and the
fingerprint and date in the footer, widths that show the numbers, and summary cells that are
formulas over the detail sheets (``model.Som``) — which LibreOffice evaluates to the computed
figures, to the cent."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.nl import datum
from reports.compute.begroting import begroting
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.sisa import sisa
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Kolom
from reports.documents.model import Sectie
from reports.documents.model import Som
from reports.documents.model import Tabel
from reports.render.excel import workbook_bytes
from reports.render.stamp import documentdatum
from reports.render.workbook import document_workbook
from reports.render.workbook import tables_workbook

D = Decimal
SOFFICE = shutil.which("soffice")
DATUM = datetime.date(2026, 9, 21)
MOMENT = datetime.datetime(2026, 9, 21)
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd")


# ---- a small hand-built document ----------------------------------------------------------------

def _posten(domein: str, rijen: tuple) -> Tabel:
    return Tabel(f"{domein} — posten", (Kolom("Actielijn"), Kolom("Geldstroom"), Kolom("Bedrag", "euro", True)),
                 rijen, totaal_label=f"Totaal {domein}", naam=f"posten-{domein}")


POSTEN_A = _posten("A", (("A-01", "VHF", D("1000.10")), ("A-02", "PMG", D("250.05")), ("A-03", "VHF", D("24000000.00"))))
POSTEN_B = _posten("B", (("B-01", "PMG", D("0.01")), ("B-02", "=1+1", D(7))))


def _document(*, vhf: Decimal = D("24001000.10")) -> Document:
    per_domein = Tabel("Per domein", (Kolom("Domein"), Kolom("Naam"),
                                      Kolom("Bedrag", "euro", True, som=Som("posten-{}", "Bedrag"))),
                       (("A", "Domein A", D("24001250.15")), ("B", "Domein B", D("7.01"))))
    per_stroom = Tabel("Per geldstroom", (Kolom("Geldstroom"), Kolom("Naam"),
                                          Kolom("Bedrag", "euro", True, som=Som("posten-*", "Bedrag", "Geldstroom"))),
                       (("VHF", "Volkshuisvesting", vhf), ("PMG", "Preventie", D("250.06")),
                        ("=1+1", "tekst, geen formule", D(7)), ("GEEN", "niet in de posten", D(0))))
    return Document(
        titel="Proef & werk", datum=DATUM, kenmerk="abc123def456",
        secties=(
            Sectie("Samenvatting", (Alinea("Een inleiding. " * 40), per_domein, per_stroom)),
            Sectie("Posten", (POSTEN_A, POSTEN_B), blad="Posten"),
            Sectie("Tekst", (Alinea("Alleen tekst."),)),
        ))


def test_hand_built_document_sheets_are_fit_for_work() -> None:
    workbook = document_workbook(_document())
    assert workbook.sheetnames == ["Omslag", "Samenvatting", "Posten", "Tekst"]
    for sheet in workbook.worksheets:
        _assert_print_setup(sheet, "abc123def456", "21 september 2026")
    assert workbook["Omslag"].oddHeader.left.text == "Proef && werk"  # "&" is a code in a print header
    samenvatting, posten = workbook["Samenvatting"], workbook["Posten"]
    # two tables with their own filter each; the totals row stays outside the table
    assert [(t.displayName, t.ref, t.autoFilter.ref) for t in samenvatting.tables.values()] == [
        ("Tabel1", "A7:C9", "A7:C9"), ("Tabel2", "A14:C18", "A14:C18")]
    assert [(t.displayName, t.ref) for t in posten.tables.values()] == [("Tabel3", "A5:C8"), ("Tabel4", "A13:C15")]
    assert posten["A9"].value == "Totaal A"
    # Posten: both tables share their header; it is frozen (with the key column) and printed on every page
    assert posten.freeze_panes == "B6"
    assert posten.print_title_rows == "$5:$5"
    assert samenvatting.print_title_rows == "$1:$1"
    # Samenvatting: a long paragraph first, different headers: the title row and the key column
    assert samenvatting.freeze_panes == "B2"
    assert "A3:C3" in {str(r) for r in samenvatting.merged_cells.ranges}  # the paragraph wraps over the table
    assert samenvatting["A3"].alignment.wrap_text
    assert samenvatting.row_dimensions[3].height > 30
    assert workbook["Tekst"].freeze_panes is None
    # widths show the largest amount (the total of A: € 24.001.250,15) with room to spare
    assert posten.column_dimensions["C"].width >= len("€ 24.001.250,15") + 2


def test_hand_built_summary_cells_are_formulas_over_the_detail() -> None:
    sheet = document_workbook(_document())["Samenvatting"]
    assert sheet["C8"].value == "=SUM('Posten'!$C$6:$C$8)"
    assert sheet["C9"].value == "=SUM('Posten'!$C$14:$C$15)"
    assert sheet["C15"].value == ("=SUMIFS('Posten'!$C$6:$C$8,'Posten'!$B$6:$B$8,$A15)"
                                  "+SUMIFS('Posten'!$C$14:$C$15,'Posten'!$B$14:$B$15,$A15)")
    assert sheet["C16"].value.startswith("=SUMIFS(")
    # a key that is not a plain code is never put in a criterion: the typed value stays
    assert (sheet["A17"].value, sheet["A17"].data_type, sheet["C17"].value) == ("=1+1", "s", 7)
    assert sheet["C18"].value == "=SUMIFS('Posten'!$C$6:$C$8,'Posten'!$B$6:$B$8,$A18)" \
        "+SUMIFS('Posten'!$C$14:$C$15,'Posten'!$B$14:$B$15,$A18)"  # no rows: 0, as typed
    assert sheet["C10"].value == "=SUM(C8:C9)"  # the totals row stays a SUM of the cells above
    # text from the detail stays text, also where it starts with "="
    assert document_workbook(_document())["Posten"]["B15"].data_type == "s"


def test_a_sum_that_does_not_add_up_keeps_the_typed_value() -> None:
    """A filtered detail (a Fava download) may not add up to the summary: never another figure."""
    sheet = document_workbook(_document(vhf=D("999")))["Samenvatting"]
    assert sheet["C15"].value == 999
    assert sheet["C16"].value.startswith("=SUMIFS(")


def test_a_som_without_its_detail_table_stays_a_value() -> None:
    tabel = Tabel("Per geldstroom", (Kolom("Geldstroom"), Kolom("Bedrag", "euro", True, som=Som("elders", "Bedrag",
                                                                                                  "Geldstroom"))),
                  (("VHF", D(5)),))
    sheet = tables_workbook([("Blad", tabel)]).active
    assert sheet["B4"].value == 5


def test_tables_workbook_states_date_and_fingerprint_and_is_deterministic() -> None:
    bladen = [("Posten A", POSTEN_A), ("Posten B", POSTEN_B)]
    workbook = tables_workbook(bladen, titel="Posten 2026", kenmerk="abc123def456", documentdatum=DATUM)
    for sheet in workbook.worksheets:
        assert sheet["A2"].value == "Documentdatum 21 september 2026; grootboek (vingerafdruk) abc123def456"
        assert sheet["A3"].value == "Actielijn"  # title, the line above, header: rows stay where they were
        _assert_print_setup(sheet, "abc123def456", "21 september 2026")
        assert sheet.oddHeader.left.text == "Posten 2026"
        assert sheet.freeze_panes == "B4"
    one = workbook_bytes(tables_workbook(bladen, kenmerk="abc123def456", documentdatum=DATUM), MOMENT)
    two = workbook_bytes(tables_workbook(bladen, kenmerk="abc123def456", documentdatum=DATUM), MOMENT)
    assert one == two


def _assert_print_setup(sheet, kenmerk: str, datum: str) -> None:  # noqa: ANN001
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0), \
        sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert sheet.page_margins.left == 0.5
    assert kenmerk in sheet.oddFooter.left.text, sheet.title
    assert sheet.oddFooter.right.text == datum, sheet.title
    assert "&P" in sheet.oddFooter.center.text


# ---- the demo's workbooks -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_bestanden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's begroting 2027, geldstromen 2026 and sisa 2025 workbooks, as ``snw`` writes them."""
    out = tmp_path_factory.mktemp("werkbaar")
    runner = CliRunner()
    for args in (["begroting", "2027", "--formaat", "xlsx", "--naar", str(out)],
                 ["geldstromen", "--jaar", "2026", "--formaat", "xlsx", "--naar", str(out / "geldstromen-2026.xlsx")],
                 ["sisa", "2025", "--naar", str(out)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return {naam: out / f"{naam}.xlsx" for naam in ("begroting-2027", "geldstromen-2026", "sisa-2025")}


@pytest.mark.parametrize("naam", ["begroting-2027", "geldstromen-2026", "sisa-2025"])
def test_demo_workbooks_are_fit_for_work(demo, demo_bestanden, naam: str) -> None:  # noqa: ANN001
    workbook = openpyxl.load_workbook(demo_bestanden[naam])
    for sheet in workbook.worksheets:
        _assert_print_setup(sheet, demo.fingerprint, datum(documentdatum()))
        if not sheet.tables:
            continue
        assert sheet.freeze_panes in {"A2", "B2"} or sheet.freeze_panes[1:].isdigit(), sheet.title
        assert sheet.print_title_rows, sheet.title
        for table in sheet.tables.values():
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            header = [c.value for c in sheet[table.ref][0]]
            assert all(isinstance(h, str) and h for h in header) and len(set(header)) == len(header)
    assert sum(len(s.tables) for s in workbook.worksheets) >= 3
    if naam.startswith("geldstromen"):
        assert workbook["Geldstromen"]["A2"].value.endswith(f"grootboek (vingerafdruk) {demo.fingerprint}")
        assert workbook["Geldstromen"].freeze_panes == "B4"


def _formules(path: Path) -> dict[tuple[str, str], str]:
    """Every cross-sheet formula of a workbook: (sheet, cell) -> formula."""
    workbook = openpyxl.load_workbook(path)
    return {(s.title, c.coordinate): c.value for s in workbook.worksheets for row in s.iter_rows() for c in row
            if isinstance(c.value, str) and c.data_type == "f" and "!" in c.value}


def test_demo_summaries_are_formulas_over_the_detail_sheets(demo_bestanden) -> None:  # noqa: ANN001
    begroting_formules = _formules(demo_bestanden["begroting-2027"])
    assert {blad for blad, _ in begroting_formules} == {"Samenvatting", "Dekking"}
    assert all("'Per domein'!" in f for f in begroting_formules.values())
    sisa_formules = _formules(demo_bestanden["sisa-2025"])
    assert {blad for blad, _ in sisa_formules} == {"SiSa 2025", "Overlopende passiva"}
    geldstromen_formules = _formules(demo_bestanden["geldstromen-2026"])
    assert geldstromen_formules and all(blad == "Geldstromen" and "SUMIFS('Verplichtingen'!" in f
                                        for (blad, _), f in geldstromen_formules.items())


# ---- LibreOffice evaluates the formulas to the computed figures -------------------------------

def _libreoffice(bron: Path, doel: str, tmp_path: Path) -> Path:
    """Convert with LibreOffice headless in an own profile that recalculates every formula on load."""
    profiel = tmp_path / "lo-profiel"
    (profiel / "user").mkdir(parents=True, exist_ok=True)
    (profiel / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
        'oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    uit = tmp_path / "lo-uit"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profiel.as_uri()}",
                    "--convert-to", doel, "--outdir", str(uit), str(bron)],
                   check=True, capture_output=True, timeout=300)
    return uit / f"{bron.stem}.{doel.split(':')[0]}"


def _berekend(path: Path, tmp_path: Path) -> dict[tuple[str, str], Decimal]:
    """The cross-sheet formulas of ``path`` as LibreOffice computes them (to the cent)."""
    formules = _formules(path)
    assert formules
    zonder = openpyxl.load_workbook(path, data_only=True)
    assert all(zonder[blad][cel].value is None for blad, cel in formules)  # no cached value: LO must compute
    waarden = openpyxl.load_workbook(_libreoffice(path, "xlsx:Calc MS Excel 2007 XML", tmp_path), data_only=True)
    # LibreOffice read every table with its filter (a table it could not read would be dropped)
    tabellen = {s.title: sorted(t.ref for t in s.tables.values()) for s in openpyxl.load_workbook(path).worksheets}
    assert {s.title: sorted(t.ref for t in s.tables.values()) for s in waarden.worksheets} == tabellen
    assert all(t.autoFilter is not None for s in waarden.worksheets for t in s.tables.values())
    uit = {}
    for blad, cel in formules:
        value = waarden[blad][cel].value
        assert isinstance(value, (int, float)), (blad, cel, value)
        uit[blad, cel] = D(repr(value)).quantize(D("0.01"))
    return uit


def _rijen(path: Path, blad: str, titel: str, sleutel: str = "") -> dict[str, dict[str, str]]:
    """key -> header -> cell of the table titled ``titel`` on ``blad`` (of the file openpyxl wrote)."""
    sheet = openpyxl.load_workbook(path)[blad]
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == titel)
    kop = [c.value for c in rows[start + 2]]
    index = kop.index(sleutel) if sleutel else 0
    out = {}
    for row in rows[start + 3:]:
        if row[0].value is None or str(row[0].value).startswith("Totaal"):
            break
        out[row[index].value] = {k: c.coordinate for k, c in zip(kop, row) if k}
    return out


@needs_soffice
def test_libreoffice_evaluates_the_begroting_formulas_to_the_computed_figures(demo, demo_bestanden,  # noqa: ANN001
                                                                             tmp_path: Path) -> None:
    path = demo_bestanden["begroting-2027"]
    berekend = _berekend(path, tmp_path)
    b = begroting(demo.entries, demo.programma, 2027)
    domeinen = _rijen(path, "Samenvatting", "Begroting 2027 per domein")
    stromen = _rijen(path, "Samenvatting", "Begroting 2027 per geldstroom")
    dekking = _rijen(path, "Dekking", "Dekking van de begroting 2027 per geldstroom")
    verwacht = {}
    for t in b.domeinen:
        cellen = domeinen[t.code]
        verwacht |= {("Samenvatting", cellen["Begroting 2027"]): t.begroot,
                     ("Samenvatting", cellen["Begroting 2026"]): t.vorig_begroot,
                     ("Samenvatting", cellen["Mutatie t.o.v. 2026"]): t.verschil}
    for t in b.stromen:
        cellen = stromen[t.code]
        verwacht |= {("Samenvatting", cellen["Begroting 2027"]): t.begroot,
                     ("Samenvatting", cellen["Begroting 2026"]): t.vorig_begroot,
                     ("Samenvatting", cellen["Mutatie t.o.v. 2026"]): t.verschil}
    for d in b.dekking:
        verwacht["Dekking", dekking[d.stroom]["Begroot 2027"]] = d.begroot
    assert len(verwacht) >= 3 * (len(b.domeinen) + len(b.stromen))
    assert {k: v.quantize(D("0.01")) for k, v in verwacht.items()} == {k: berekend[k] for k in verwacht}
    assert set(berekend) == set(verwacht)  # every formula checked


@needs_soffice
def test_libreoffice_evaluates_the_geldstromen_formulas_to_the_computed_figures(demo, demo_bestanden,  # noqa: ANN001
                                                                               tmp_path: Path) -> None:
    path = demo_bestanden["geldstromen-2026"]
    berekend = _berekend(path, tmp_path)
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, 2026)
    rijen = _rijen(path, "Geldstromen", overzicht_titel(overzicht))
    verwacht = {("Geldstromen", rijen[r.code]["Open verplichtingen"]): r.verplicht.quantize(D("0.01"))
                for r in overzicht.regels}
    assert berekend == verwacht
    assert any(v for v in verwacht.values())


@needs_soffice
def test_libreoffice_evaluates_the_sisa_formulas_to_the_computed_figures(demo, demo_bestanden,  # noqa: ANN001
                                                                        tmp_path: Path) -> None:
    path = demo_bestanden["sisa-2025"]
    berekend = _berekend(path, tmp_path)
    rapport = sisa(demo.entries, demo.programma, 2025)
    uitkeringen = _rijen(path, "SiSa 2025", "Per uitkering, stand 31 december 2025", sleutel="Geldstroom")
    verwacht = {}
    for u in rapport.uitkeringen:
        cellen = uitkeringen[u.stroom]
        verwacht |= {("SiSa 2025", cellen["Besteding 2025"]): u.besteding_jaar,
                     ("SiSa 2025", cellen["Cumulatief t/m 2025"]): u.besteding_cumulatief}
    herkomst = _rijen(path, "Overlopende passiva", "Staat van overlopende passiva 2025 per herkomst (BBV art. 49b)")
    velden = {"Saldo 1 januari": "begin", "Ontvangen": "ontvangen", "Vrijgevallen (aan bestedingen)": "vrijgevallen",
              "Terugbetaald": "terugbetaald", "Naar terug te betalen (afgelopen)": "terug_te_betalen",
              "Saldo 31 december": "eind"}
    for groep, cellen in herkomst.items():
        for kop, veld in velden.items():
            verwacht["Overlopende passiva", cellen[kop]] = rapport.passiva_totaal(veld, groep)
    assert berekend == {k: v.quantize(D("0.01")) for k, v in verwacht.items()}


def overzicht_titel(overzicht) -> str:  # noqa: ANN001
    from reports.documents.geldstromen import geldstromen_tabel

    return geldstromen_tabel(overzicht).titel


@needs_soffice
def test_libreoffice_evaluates_the_hand_built_formulas(tmp_path: Path) -> None:
    path = tmp_path / "proef.xlsx"
    path.write_bytes(workbook_bytes(document_workbook(_document()), MOMENT))
    assert _berekend(path, tmp_path) == {
        ("Samenvatting", "C8"): D("24001250.15"), ("Samenvatting", "C9"): D("7.01"),
        ("Samenvatting", "C15"): D("24001000.10"), ("Samenvatting", "C16"): D("250.06"),
        ("Samenvatting", "C18"): D("0.00")}


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                    reason="poppler-utils (pdfinfo, pdftotext) zijn niet geïnstalleerd")
def test_libreoffice_prints_the_begroting_at_fit_to_width(demo_bestanden, tmp_path: Path) -> None:  # noqa: ANN001
    """Before: 63 pages, one column per page, amounts as ###. Now every sheet is one page wide."""
    pdf = _libreoffice(demo_bestanden["begroting-2027"], "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 16
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "###" not in text
    assert "€ 15,990,000.00" in text or "€ 15.990.000,00" in text


@needs_soffice
def test_libreoffice_evaluates_the_verantwoording_formulas_to_the_computed_figures(demo, tmp_path: Path) -> None:  # noqa: ANN001
    """The verantwoording's summaries per domain and per stream are formulas over the per-domain sheet."""
    from reports.compute.verantwoording import verantwoording

    result = CliRunner().invoke(cli, ["verantwoording", "2025", "--formaat", "xlsx", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "verantwoording-2025.xlsx"
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        _assert_print_setup(sheet, demo.fingerprint, datum(documentdatum()))
    berekend = _berekend(path, tmp_path)
    v = verantwoording(demo.entries, demo.programma, 2025)
    velden = {"Primitief": "primitief", "Wijzigingen": "wijzigingen", "Begroot 2025": "begroot",
              "Gerealiseerd": "gerealiseerd", "Verschil": "verschil", "Open verplichtingen": "open_verplicht",
              "Vrij na verplichtingen": "vrij_na_verplichtingen"}
    verwacht = {}
    for blad, titel, groepen in (("Samenvatting", "Verantwoording 2025 per domein", v.domeinen),
                                 ("Per geldstroom", "Verantwoording 2025 per geldstroom", v.stromen)):
        rijen = _rijen(path, blad, titel)
        for g in groepen:
            for kop, veld in velden.items():
                verwacht[blad, rijen[g.code][kop]] = getattr(g, veld).quantize(D("0.01"))
    eigen = {k: w for k, w in berekend.items() if k[0] != "SiSa"}  # the SiSa tables are sisa's, tested above
    assert set(eigen) == set(verwacht)  # every formula of these sheets checked
    assert eigen == verwacht
    sisa_passiva = v.sisa.passiva_totaal("eind", "Rijk").quantize(D("0.01"))
    assert sisa_passiva in {w for k, w in berekend.items() if k[0] == "SiSa"}

"""``snw begroting``: every total equals the ledger's, deterministic files, a complete PDF.

Expected figures are computed independently of our code: budget totals from the raw
``custom "begroting"``/``"begrotingswijziging"`` directives as Beancount parses them
(beanquery 0.2 cannot read the values of custom directives), realisation with beanquery
over the postings. They are compared to the cent with the totals in the XLSX (formulas
evaluated) and in the HTML.
"""

from __future__ import annotations

import datetime
import html.parser
import io
import os
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import beanquery
import openpyxl
import pytest
from beancount.core import data
from click.testing import CliRunner

from cli.main import cli
from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from ledger.nl import euro
from ledger.nl import euro_rond
from reports.documents.begroting import begroting_document
from reports.documents.begroting import besluitpunten
from reports.compute.begroting import begroting

DATA = Path(__file__).parent / "data" / "begroting" / "grootboek.beancount"
EPOCH = "1795651200"  # 2026-11-26
D = Decimal

CASES = [
    pytest.param(DATA, 2027, id="test-2027-ontwerp"),
    pytest.param(DATA, 2025, id="test-2025-wijzigingen"),
    pytest.param(DEMO_LEDGER, 2027, id="demo-2027"),
]


# ------------------------------------------------------------------------------ helpers
class _Tables(html.parser.HTMLParser):
    """The tables of a page: title (data-titel), header, rows and the totals row as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._table: dict | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._row_class = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "table" and "data-titel" in attributes:
            self._table = {"rows": [], "totaal": None, "kop": []}
            self.tables[attributes["data-titel"]] = self._table
        elif tag == "tr" and self._table is not None:
            self._row, self._row_class = [], attributes.get("class") or ""
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text.replace("\u00a0", " "))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if "totaal" in self._row_class:
                self._table["totaal"] = self._row
            elif not self._table["kop"]:
                self._table["kop"] = self._row
            else:
                self._table["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None


def html_tables(text: str) -> dict[str, dict]:
    parser = _Tables()
    parser.feed(text)
    return parser.tables


def html_total(tables: dict[str, dict], titel: str, kop: str) -> str:
    table = tables[titel]
    return table["totaal"][table["kop"].index(kop)].replace("−", "-")


class Sheet:
    """Cell values of an XLSX sheet with SUM/SUBTOTAL/+/- formulas evaluated (as Excel would)."""

    def __init__(self, sheet) -> None:  # noqa: ANN001
        self.sheet = sheet

    def value(self, ref: str) -> Decimal:
        raw = self.sheet[ref].value
        if raw is None:
            return D(0)
        if isinstance(raw, (int, float)):
            return D(repr(raw)) if isinstance(raw, float) else D(raw)
        if isinstance(raw, str) and raw.startswith("="):
            return self.formula(raw[1:])
        raise AssertionError(f"{ref}: {raw!r} is not a number")

    def _range(self, spec: str, skip_subtotals: bool) -> Decimal:
        total = D(0)
        for row in self.sheet[spec]:
            for cell in row:
                if skip_subtotals and isinstance(cell.value, str) and "SUBTOTAL" in cell.value:
                    continue
                if isinstance(cell.value, (int, float)) or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    total += self.value(cell.coordinate)
        return total

    def formula(self, text: str) -> Decimal:
        if "!" in text:  # model.Som: SUM or SUMIFS terms over another sheet, added
            return sum((self._elders(term) for term in text.split("+")), D(0))
        if match := re.fullmatch(r"SUM\(([A-Z]+\d+:[A-Z]+\d+)\)", text):
            return self._range(match.group(1), skip_subtotals=False)
        if match := re.fullmatch(r"SUBTOTAL\(9,([A-Z]+\d+:[A-Z]+\d+)\)", text):
            return self._range(match.group(1), skip_subtotals=True)
        if match := re.fullmatch(r"([A-Z]+\d+)-([A-Z]+\d+)", text):
            return self.value(match.group(1)) - self.value(match.group(2))
        raise AssertionError(f"unexpected formula ={text}")

    def _elders(self, term: str) -> Decimal:
        bereik = r"'((?:[^']|'')+)'!(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)"
        if match := re.fullmatch(rf"SUM\({bereik}\)", term):
            blad = Sheet(self.sheet.parent[match.group(1).replace("''", "'")])
            return blad._range(match.group(2).replace("$", ""), skip_subtotals=False)
        if match := re.fullmatch(rf"SUMIFS\({bereik},{bereik},\$?([A-Z]+)\$?(\d+)\)", term):
            blad = self.sheet.parent[match.group(1).replace("''", "'")]
            sleutel = self.sheet[f"{match.group(5)}{match.group(6)}"].value
            waarden = [c for (c,) in blad[match.group(2).replace("$", "")]]
            sleutels = [c for (c,) in blad[match.group(4).replace("$", "")]]
            return sum((Sheet(blad).value(w.coordinate) for w, k in zip(waarden, sleutels) if k.value == sleutel),
                       D(0))
        raise AssertionError(f"unexpected formula term {term}")

    def table_total(self, titel: str, kop: str) -> Decimal:
        """The evaluated totals-row cell of a table (title row, blank, header, rows, totals)."""
        rows = list(self.sheet.iter_rows())
        start = next(i for i, row in enumerate(rows) if row[0].value == titel)
        header = rows[start + 2]
        col = next(c.column_letter for c in header if c.value == kop)
        index = start + 3
        while not any(isinstance(c.value, str) and c.value.startswith("=SUM(") and "!" not in c.value
                      for c in rows[index]):  # a totals row (model.Som cells refer to another sheet)
            index += 1
        return self.value(f"{col}{rows[index][0].row}")


def expected(path: Path, jaar: int) -> dict:
    """Budget and realisation totals computed without our code."""
    ledger = load_ledger(path)
    domein_van = {e.meta["code"]: e.meta["domein"] for e in ledger.entries
                  if isinstance(e, data.Open) and "code" in e.meta}
    budget: dict[str, Decimal] = defaultdict(Decimal)
    for entry in ledger.entries:
        if isinstance(entry, data.Custom) and entry.type in ("begroting", "begrotingswijziging"):
            values = [v.value for v in entry.values]
            jaar_regel, actielijn, stroom, bedrag = int(values[0]), values[1], values[2], values[3].number
            for key in (f"totaal {jaar_regel}", f"domein {jaar_regel} {domein_van[actielijn]}",
                        f"stroom {jaar_regel} {stroom}"):
                budget[key] += bedrag
    # The peildatum as the readers define it: 31 December of a past year, else today (fixed by
    # tests/conftest.py); never the date of the last booking.
    vandaag = datetime.date.fromisoformat(os.environ["SNW_VANDAAG"])
    tot = min(vandaag, datetime.date(jaar - 1, 12, 31))
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(
        f"SELECT account, sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
        f"AND date >= {jaar - 1}-01-01 AND date <= {tot.isoformat()} GROUP BY account").fetchall()
    realisatie: dict[str, Decimal] = defaultdict(Decimal)
    for account, number in rows:
        realisatie["totaal"] += number
        realisatie[account.split(":")[2]] += number
    return {"budget": budget, "realisatie": realisatie, "tot": tot, "ledger": ledger}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run ``snw begroting`` twice per case (for determinism); keep the files."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        results = {}
        runner = CliRunner()
        for case in CASES:
            path, jaar = case.values
            runs = []
            for attempt in (1, 2):
                out = tmp_path_factory.mktemp(f"{case.id}-{attempt}")
                result = runner.invoke(cli, ["--ledger", str(path), "begroting", str(jaar), "--out", str(out)])
                assert result.exit_code == 0, result.output
                runs.append((out, result.output))
            results[case.id] = runs
        return results
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _case_id(path: Path, jaar: int) -> str:
    return next(c.id for c in CASES if c.values == (path, jaar))


# -------------------------------------------------------------------------------- tests
@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_cli_prints_where_the_three_files_landed(outputs: dict, path: Path, jaar: int) -> None:
    out, output = outputs[_case_id(path, jaar)][0]
    for suffix in ("xlsx", "pdf", "html"):
        assert (out / f"begroting-{jaar}.{suffix}").exists()
        assert f"begroting-{jaar}.{suffix}" in output


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_two_runs_give_identical_bytes(outputs: dict, path: Path, jaar: int) -> None:
    (first, _), (second, _) = outputs[_case_id(path, jaar)]
    for suffix in ("xlsx", "pdf", "html"):
        name = f"begroting-{jaar}.{suffix}"
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_html_totals_equal_the_ledger(outputs: dict, path: Path, jaar: int) -> None:
    out, _ = outputs[_case_id(path, jaar)][0]
    want = expected(path, jaar)
    budget, vorig = want["budget"], jaar - 1
    tables = html_tables((out / f"begroting-{jaar}.html").read_text(encoding="utf-8"))
    assert html_total(tables, f"Begroting {jaar} per domein", f"Begroting {jaar}") == euro(budget[f"totaal {jaar}"])
    assert html_total(tables, f"Begroting {jaar} per domein", f"Begroting {vorig}") == euro(budget[f"totaal {vorig}"])
    assert html_total(tables, f"Begroting {jaar} per geldstroom", f"Begroting {jaar}") == \
        euro(budget[f"totaal {jaar}"])
    assert html_total(tables, f"Dekking van de begroting {jaar} per geldstroom", f"Begroot {jaar}") == \
        euro(budget[f"totaal {jaar}"])
    # Per domain: every domain table's totals equal the ledger's, realisation by beanquery.
    domeinen = {row[0]: row for row in tables[f"Begroting {jaar} per domein"]["rows"]}
    kop_real = f"Realisatie {vorig} t/m {want['tot'].strftime('%d-%m-%Y')}"
    realisatie_html = D(0)
    for code, row in domeinen.items():
        titel = next(t for t in tables if t.startswith(f"{code} — "))
        assert html_total(tables, titel, f"Begroting {jaar}") == euro(budget[f"domein {jaar} {code}"])
        assert html_total(tables, titel, f"Begroting {vorig}") == euro(budget[f"domein {vorig} {code}"])
        assert html_total(tables, titel, kop_real) == euro(want["realisatie"][code])
        assert row[2] == euro(budget[f"domein {jaar} {code}"])
        realisatie_html += want["realisatie"][code]
    assert realisatie_html == want["realisatie"]["totaal"]
    for row in tables[f"Begroting {jaar} per geldstroom"]["rows"]:
        assert row[2].replace("−", "-") == euro(budget[f"stroom {jaar} {row[0]}"])


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_xlsx_totals_are_formulas_equal_to_the_ledger(outputs: dict, path: Path, jaar: int) -> None:
    out, _ = outputs[_case_id(path, jaar)][0]
    want = expected(path, jaar)
    budget, vorig = want["budget"], jaar - 1
    workbook = openpyxl.load_workbook(out / f"begroting-{jaar}.xlsx")
    samenvatting = Sheet(workbook["Samenvatting"])
    assert samenvatting.table_total(f"Begroting {jaar} per domein", f"Begroting {jaar}") == budget[f"totaal {jaar}"]
    assert samenvatting.table_total(f"Begroting {jaar} per domein", f"Begroting {vorig}") == budget[f"totaal {vorig}"]
    assert samenvatting.table_total(f"Begroting {jaar} per geldstroom", f"Begroting {jaar}") == \
        budget[f"totaal {jaar}"]
    dekking = Sheet(workbook["Dekking"])
    assert dekking.table_total(f"Dekking van de begroting {jaar} per geldstroom", f"Begroot {jaar}") == \
        budget[f"totaal {jaar}"]
    per_domein = Sheet(workbook["Per domein"])
    kop_real = f"Realisatie {vorig} t/m {want['tot'].strftime('%d-%m-%Y')}"
    titels = [c.value for c in workbook["Per domein"]["A"] if isinstance(c.value, str) and " — " in c.value]
    assert titels
    som_jaar = som_real = D(0)
    for titel in titels:
        code = titel.split(" — ")[0]
        assert per_domein.table_total(titel, f"Begroting {jaar}") == budget[f"domein {jaar} {code}"]
        assert per_domein.table_total(titel, kop_real) == want["realisatie"][code]
        som_jaar += per_domein.table_total(titel, f"Begroting {jaar}")
        som_real += per_domein.table_total(titel, kop_real)
    assert som_jaar == budget[f"totaal {jaar}"]
    assert som_real == want["realisatie"]["totaal"]
    # Numbers are numbers with a Dutch euro format; totals are formulas.
    cell = next(c for row in workbook["Samenvatting"].iter_rows() for c in row if isinstance(c.value, (int, float)))
    assert cell.number_format.startswith('"€"')
    assert any(isinstance(c.value, str) and c.value.startswith("=SUM(") for row in workbook["Dekking"].iter_rows()
               for c in row)


def _pdf_text(out: Path, jaar: int) -> tuple[int, str, object]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO((out / f"begroting-{jaar}.pdf").read_bytes()))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_pdf_renders_with_every_section(outputs: dict, path: Path, jaar: int) -> None:
    out, _ = outputs[_case_id(path, jaar)][0]
    pages, text, reader = _pdf_text(out, jaar)
    assert pages > 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert f"Pagina {pages} van {pages}" in text
    for section in ("Begroting " + str(jaar), "Inhoud", "Samenvatting", "Dekking per geldstroom",
                    "Begroting per domein", "Bijdragen van partners", "Risico's", "Besluitpunten",
                    "Vingerafdruk".lower()):
        assert section in text or section in text.lower(), section
    ledger = load_ledger(path)
    assert ledger.fingerprint in text
    assert ("DEMOGEGEVENS" in text) == ledger.is_demo
    assert reader.metadata.creation_date == datetime.datetime(2026, 11, 26, tzinfo=datetime.timezone.utc)


def test_cover_states_draft_or_decision(outputs: dict) -> None:
    out, _ = outputs["test-2027-ontwerp"][0]
    _, text, _ = _pdf_text(out, 2027)
    assert "Ontwerp — ter vaststelling door het alliantiebestuur" in text
    assert "stand grootboek per 8 december 2026" in text
    assert "Documentdatum 26 november 2026" in text or "26 november 2026" in text
    out, _ = outputs["test-2025-wijzigingen"][0]
    _, text, _ = _pdf_text(out, 2025)
    assert "Vastgesteld door het alliantiebestuur, besluit AB-2024-12 van 12 december 2024" in " ".join(text.split())
    assert "Begrotingswijzigingen" in text


def test_amendments_section_shows_primitive_each_amendment_and_current(outputs: dict) -> None:
    out, _ = outputs["test-2025-wijzigingen"][0]
    tables = html_tables((out / "begroting-2025.html").read_text(encoding="utf-8"))
    stappen = tables["Van primitieve naar huidige begroting 2025"]
    assert [r[1].replace("−", "-") for r in stappen["rows"]] == ["€ 828.000,00", "€ -30.000,00"]
    assert stappen["rows"][1][0] == "Wijziging AB-2025-06 (20 juni 2025): Begrotingswijziging 2025"
    assert stappen["totaal"] == ["Huidige begroting 2025", "€ 798.000,00"]
    detail = tables["Begroting 2025 per actielijn en geldstroom: primitief, wijzigingen, huidig"]
    assert detail["kop"] == ["Actielijn", "Geldstroom", "Primitief", "AB-2025-06", "Huidig"]
    assert ["VEI-11", "PMG", "€ 150.000,00", "€ 20.000,00", "€ 170.000,00"] in detail["rows"]


def test_draft_year_has_no_amendment_section(outputs: dict) -> None:
    out, _ = outputs["test-2027-ontwerp"][0]
    page = (out / "begroting-2027.html").read_text(encoding="utf-8")
    assert "Begrotingswijzigingen" not in page
    assert "de voorzitter" in page  # signature block under the decision points of a draft


def test_coverage_risks_and_decision_points_from_the_figures() -> None:
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2027, datetime.date(2026, 10, 31))
    assert b.status == "ontwerp"
    assert b.peildatum == datetime.date(2026, 10, 31)
    dekking = {d.stroom: d for d in b.dekking}
    vhf = dekking["VHF"]
    assert (vhf.toegezegd, vhf.besteed_eerder, vhf.verplicht, vhf.beschikbaar, vhf.begroot, vhf.resterend) == (
        D("2000000.00"), D("1040000.00"), D("100000.00"), D("860000.00"), D("900000.00"), D("-40000.00"))
    assert dekking["PMG"].beschikbaar == 0 and dekking["PMG"].ongedekt == D("10000.00")  # ended in May 2026
    assert dekking["EIGEN"].toegezegd == D("112000.00") and dekking["EIGEN"].begroot == D("80000.00")
    assert b.ongedekt == D("50000.00")
    soorten = [(r.soort, r.stroom) for r in b.risicos]
    assert ("looptijd", "PMG") in soorten  # stream ending before the year
    # VLIEGWIEL (reservation, split open) ends in 2026 with nothing budgeted in 2027: no risk, no kans
    assert all(r.stroom != "VLIEGWIEL" for r in b.risicos) and all(k.stroom != "VLIEGWIEL" for k in b.kansen)
    # an expected award is a kans, not a risk; the budget on it is named there
    assert all(r.stroom != "ENERGIEFIXERS" for r in b.risicos)
    assert [(k.soort, k.stroom, k.bedrag, k.begroot) for k in b.kansen] == [
        ("verwacht", "ENERGIEFIXERS", D("900000.00"), D("300000.00"))]
    assert ("ongedekt", "VHF") in soorten
    assert besluitpunten(b)[0] == ("De begroting 2027 van Samen Nieuw-West vast te stellen op € 1.490.000,00, "
                                  "verdeeld over de domeinen en actielijnen zoals in dit document opgenomen.")
    assert any("ENERGIEFIXERS € 300.000,00" in punt for punt in besluitpunten(b))
    assert any("VHF € 860.000,00" in punt for punt in besluitpunten(b))


def test_over_committed_stream_is_a_risk(tmp_path: Path) -> None:
    import shutil

    target = tmp_path / "begroting"
    shutil.copytree(DATA.parent, target)
    main = target / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + """
2026-10-20 custom "verplichting" "WON-01" "VHF" 1200000.00 EUR
  kenmerk: "beschikking-2026-vhf-extra"
""", encoding="utf-8")
    ledger = load_ledger(main)  # the plugin reports it; the figures still show it as a risk
    assert any(e.message.startswith("Verplichtingen overschrijden geldstroom VHF") for e in ledger.errors)
    b = begroting(ledger.entries, ledger.programma, 2027)
    risico = next(r for r in b.risicos if r.soort == "overcommittering")
    assert risico.stroom == "VHF"
    assert risico.bedrag == D("340000.00")  # spent 1.040.000 + open 1.300.000 - awarded 2.000.000


def test_document_sections_in_order() -> None:
    ledger = load_ledger(DATA)
    doc = begroting_document(begroting(ledger.entries, ledger.programma, 2025), ledger.programma,
                             documentdatum=datetime.date(2026, 11, 26), kenmerk="abc", demo=False)
    assert [s.titel for s in doc.secties] == ["Samenvatting", "Dekking per geldstroom", "Meerjarenbeeld 2025–2028",
                                             "Begroting per domein",
                                             "Bijdragen van partners", "Risico's", "Begrotingswijzigingen",
                                             "Besluitpunten"]
    assert dict(doc.omslag)["Status"].startswith("Vastgesteld door het alliantiebestuur, besluit AB-2024-12")


def _bedrag(text: str) -> Decimal:
    """'€ 1.234,56' or '€ −1.234,56' as a Decimal."""
    text = text.replace("\u00a0", " ").replace("−", "-").replace("€", "").replace(" ", "")
    return D(text.replace(".", "").replace(",", "."))


EURO = r"€\s?−?[\d.]+,\d\d"
ROND = r"€ -?[\d.]+(?:,\d mln)?"


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_summary_figures_reconcile_with_the_ledger_and_the_coverage_table(outputs: dict, path: Path,
                                                                          jaar: int) -> None:
    """Every amount in the summary's text: budget sums from the directives, realisation by
    beanquery, and covered / expected / uncovered recomputed from the coverage table's cells."""
    out, _ = outputs[_case_id(path, jaar)][0]
    want = expected(path, jaar)
    page = (out / f"begroting-{jaar}.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    tekst = re.search(r"<p class=\"alinea-tekst\">(De begroting \d{4} bedraagt .*?)</p>", page).group(1)
    match = re.fullmatch(
        rf"De begroting {jaar} bedraagt ({ROND}), ({ROND}) (meer|minder) dan de begroting {jaar - 1} \(({ROND})\)\. "
        rf"Van het begrote bedrag is ({ROND}) gedekt uit toegekende geldstromen en toezeggingen van partners"
        rf"(?:, steunt ({ROND}) op geldstromen die nog niet zijn toegekend)?"
        rf"(?: en is ({ROND}) niet gedekt\.|; er is geen ongedekt deel\.)", tekst)
    assert match, tekst
    totaal, verschil, richting, vorig, gedekt, verwacht, ongedekt = match.groups()
    want_totaal, want_vorig = want["budget"][f"totaal {jaar}"], want["budget"][f"totaal {jaar - 1}"]
    assert totaal == euro_rond(want_totaal)  # running text: rounded (whole euros or € x,x mln)
    assert vorig == euro_rond(want_vorig)
    assert verschil == euro_rond(abs(want_totaal - want_vorig)) and (richting == "meer") == (want_totaal >= want_vorig)

    dekking = html_tables(page)[f"Dekking van de begroting {jaar} per geldstroom"]
    kop = dekking["kop"]
    col = {naam: kop.index(naam) for naam in ("Geldstroom", "Status", "Toegezegd", "Open verplichtingen")}
    beschikbaar_col, begroot_col = kop.index(f"Beschikbaar {jaar}"), kop.index(f"Begroot {jaar}")
    besteed_col, prognose_col = kop.index(f"Besteed vóór {jaar}"), kop.index(f"Prognose rest {jaar - 1}")
    som = {"gedekt": D(0), "verwacht": D(0), "ongedekt": D(0)}
    for row in dekking["rows"]:
        toegezegd, besteed, verplicht = (_bedrag(row[col["Toegezegd"]]), _bedrag(row[besteed_col]),
                                         _bedrag(row[col["Open verplichtingen"]]))
        beschikbaar, begroot = _bedrag(row[beschikbaar_col]), _bedrag(row[begroot_col])
        if beschikbaar:  # a stream whose period misses the year shows 0 available
            assert beschikbaar == toegezegd - besteed - verplicht - _bedrag(row[prognose_col]), row
        gedekt_hier = min(begroot, max(beschikbaar, D(0)))
        toegekend = row[col["Status"]].startswith(("toegekend", "toegezegd"))
        som["gedekt" if toegekend else "verwacht"] += gedekt_hier
        som["ongedekt"] += begroot - gedekt_hier
    assert gedekt == euro_rond(som["gedekt"])
    assert verwacht == (euro_rond(som["verwacht"]) if som["verwacht"] else None)
    assert ongedekt == (euro_rond(som["ongedekt"]) if som["ongedekt"] else None)
    assert som["gedekt"] + som["verwacht"] + som["ongedekt"] == want_totaal

    realisatie = re.search(rf"De realisatie {jaar - 1} tot en met [^<]*? is ({ROND})\.", page).group(1)
    assert realisatie == euro_rond(want["realisatie"]["totaal"])


def test_summary_of_the_test_ledger_by_hand(outputs: dict) -> None:
    """The small ledger's 2027 coverage, worked out by hand: VHF covers 860.000 of 900.000,
    GEM-ORG all 200.000, PMG (ended) none of 10.000, EIGEN all 80.000 from its pledges;
    ENERGIEFIXERS 300.000 is expected money."""
    out, _ = outputs["test-2027-ontwerp"][0]
    page = (out / "begroting-2027.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "is € 1,1 mln gedekt uit toegekende geldstromen" in page
    assert "steunt € 300.000 op geldstromen die nog niet zijn toegekend" in page
    assert "en is € 50.000 niet gedekt." in page


def test_uncovered_never_exceeds_the_budget() -> None:
    """A stream whose commitments exceed what is left (available < 0) covers nothing, and
    leaves exactly its budget uncovered."""
    from reports.compute.begroting import Dekking

    d = Dekking(stroom="X", naam="X", status="toegekend", verdeling_open=False, einddatum=None,
                toegezegd=D(100), besteed_eerder=D(80), verplicht=D(50), beschikbaar=D(-30), begroot=D(40))
    assert (d.gedekt, d.ongedekt) == (D(0), D(40))


def test_begroting_with_an_undecided_line_is_a_draft(tmp_path: Path) -> None:
    """One primitive line without besluit keeps the year ontwerp, named on the cover."""
    import shutil

    target = tmp_path / "begroting"
    shutil.copytree(DATA.parent, target)
    main = target / "grootboek.beancount"
    ledger = load_ledger(main)
    assert begroting(ledger.entries, ledger.programma, 2025).status == "vastgesteld"
    main.write_text(main.read_text(encoding="utf-8") + """
2025-01-15 custom "begroting" 2025 "WON-01" "VHF" 1000.00 EUR
""", encoding="utf-8")
    ledger = load_ledger(main)
    b = begroting(ledger.entries, ledger.programma, 2025)
    assert (b.status, b.regels_zonder_besluit) == ("ontwerp", 1)
    from reports.documents.begroting import status_tekst

    assert status_tekst(b) == "Ontwerp — ter vaststelling door het alliantiebestuur (1 regels nog zonder besluit)"


JARGON = re.compile(r"custom \"|\bplugin\b|Income:|Expenses:|Liabilities:|Assets:|Equity:|specifieke_uitkering|"
                    r"\bTRUE\b|\bFALSE\b|beancount|overgecommitteerd|overcommittering", re.IGNORECASE)


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_board_pdf_speaks_plain_dutch(outputs: dict, path: Path, jaar: int) -> None:
    """No Beancount words in the text a board reads, and no page that is nearly empty."""
    out, _ = outputs[_case_id(path, jaar)][0]
    pages, text, reader = _pdf_text(out, jaar)
    # The list of open findings is for the finance officer: it names file and line (the test
    # ledger has one, its 2027 draft line on PMG after PMG ended); the board's text is before it.
    text = text.split("\nOpen bevindingen\n")[0]
    assert not JARGON.findall(text), sorted(set(JARGON.findall(text)))
    for number, page in enumerate(reader.pages[1:], start=2):  # the cover is short by design
        body = "".join(page.extract_text().split())
        assert len(body) > 300, (number, body)  # header and footer are ~120 characters; a crude guard

"""Reports on a ledger with open findings: every document is made, marked and lists them.

The hand-built ledger (tests/data/begroting) gets three deliberate violations: spending
outside a stream's period, an unknown partner and a commitment beyond its stream. The year's
budget lines were full, so each also overruns its budget line (spent plus open commitments):
six findings, plus the ledger's own one (its 2027 draft budgets 10.000 on PMG after PMG ended,
``Begroting buiten de looptijd``): seven. Each report runs, its cover and every page footer say
"Concept — 7 open bevindingen", and its
last section lists each finding with rule, file:line, amount, stream and actielijn.
``--strikt`` refuses and writes nothing; a ledger Beancount cannot read refuses always.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.bevindingen import bevindingen

DATA = Path(__file__).parent / "data" / "begroting"

SCHENDINGEN = """
2026-06-15 * "ADAMAS" "Na de looptijd van PMG"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   1234.56 EUR
  Assets:Bank:Programma

2026-07-01 * "ONBEKEND" "Onbekende partner"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF   500.00 EUR
    partner: "NIEMAND"
  Assets:Bank:Programma

2026-07-02 custom "verplichting" "WON-01" "VHF" 5000000.00 EUR
  kenmerk: "beschikking-te-groot"
"""


@pytest.fixture(scope="module")
def grootboek(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bevindingen") / "begroting"
    shutil.copytree(DATA, target)
    main = target / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + SCHENDINGEN, encoding="utf-8")
    return main


def test_seven_findings_with_their_figures(grootboek: Path) -> None:
    ledger = load_ledger(grootboek)
    gevonden = bevindingen(ledger.errors, ledger.programma)
    samenvatting = {(b.soort, b.bedrag, b.stroom, b.actielijn, Path(b.bestand).name) for b in gevonden}
    assert samenvatting == {
        ("geldstroom", Decimal("1234.56"), "PMG", "VEI-11", "grootboek.beancount"),
        ("declaratie", Decimal("500.00"), "VHF", "WON-01", "grootboek.beancount"),
        ("verplichting", Decimal("5000000.00"), "VHF", "WON-01", "grootboek.beancount"),
        ("begroting", Decimal("5000000.00"), "VHF", "WON-01", "grootboek.beancount"),
        ("begroting", Decimal("1234.56"), "PMG", "VEI-11", "grootboek.beancount"),
        ("begroting", Decimal("500.00"), "VHF", "WON-01", "grootboek.beancount"),
        ("begroting", Decimal("10000.00"), "PMG", "VEI-11", "2027.beancount"),  # the ledger's own
    }, [(b.soort, b.melding) for b in gevonden]
    tekst = grootboek.read_text(encoding="utf-8").splitlines()
    for b in gevonden:  # each points at its own directive or posting, with its amount
        if Path(b.bestand).name != grootboek.name:
            continue
        regel = tekst[b.regel - 1]
        assert regel.startswith("2026-0") or f"{b.bedrag} EUR" in regel, (b.regel, regel)
        assert f"{b.bedrag} EUR" in "\n".join(tekst[b.regel - 1:b.regel + 1])


COMMANDS = {
    "begroting": ["begroting", "2026"],
    "proportionaliteit": ["proportionaliteit", "2026"],
    "sisa": ["sisa", "2026"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_document_is_made_marked_and_lists_the_findings(grootboek: Path, tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(cli, ["--grootboek", str(grootboek), *COMMANDS[name], "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Let op: 7 open bevinding(en)" in result.output
    workbook = openpyxl.load_workbook(next(tmp_path.glob("*.xlsx")))
    omslag = [c.value for row in workbook["Omslag"].iter_rows() for c in row if c.value]
    assert "Concept — 7 open bevindingen" in omslag
    blad = workbook["Bevindingen"]
    rijen = [[c.value for c in row] for row in blad.iter_rows()]
    vindplaatsen = [r[1] for r in rijen if r and isinstance(r[1], str) and r[1].startswith("grootboek.beancount:")]
    assert len(vindplaatsen) == 6  # and one in budgets/2027.beancount
    assert any(r[2] == 1234.56 and r[3] == "PMG" and r[4] == "VEI-11" for r in rijen)
    html = next(tmp_path.glob("*.html"), None)
    if html is not None:
        text = html.read_text(encoding="utf-8")
        assert "Concept — 7 open bevindingen" in text and "CONCEPT — 7 OPEN BEVINDINGEN" in text  # cover, footer
        assert text.count("grootboek.beancount:") >= 6


def test_every_pdf_page_carries_the_mark(grootboek: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    result = CliRunner().invoke(cli, ["--grootboek", str(grootboek), "begroting", "2026", "--naar", str(tmp_path),
                                      "--formaat", "pdf"])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(str(tmp_path / "begroting-2026.pdf"))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "Concept — 7 open bevindingen" in pages[0]
    assert all("CONCEPT — 7 OPEN BEVINDINGEN" in page for page in pages[1:]), [p[-200:] for p in pages]
    assert "Open bevindingen" in pages[-1] or "Open bevindingen" in pages[-2]


@pytest.mark.parametrize("name", [*sorted(COMMANDS), "geldstromen"])
def test_strikt_refuses_and_writes_nothing(grootboek: Path, tmp_path: Path, name: str) -> None:
    args = COMMANDS.get(name, ["geldstromen", "--formaat", "xlsx", "--naar", str(tmp_path / "g.xlsx")])
    if name in COMMANDS:
        args = [*args, "--naar", str(tmp_path)]
    result = CliRunner().invoke(cli, ["--grootboek", str(grootboek), *args, "--strikt"])
    assert result.exit_code == 1
    assert "--strikt maakt geen document" in result.output
    assert list(tmp_path.iterdir()) == []

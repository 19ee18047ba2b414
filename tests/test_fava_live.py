"""A live ledger: a file ``snw import`` writes into ``import/`` shows in a running Fava.

``snw fava`` runs on a copy of the demo ledger (read-only, as a subprocess); a partner's ERP
export is imported with ``snw import`` while it runs; Chromium reloads the pages without a
restart and sees the new entries in the journal and the new figures on Proportionaliteit.
Fava itself watches only the files it has included; the extension adds the folders of the
include globs (``include "import/*.beancount"``) to its watcher. The unit test checks those
folders without a browser.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import DEMO_LEDGER
from reports.fava_ext import globmappen
from reports.render.text import format_cel

ROOT = Path(__file__).resolve().parent.parent
SLUG = "samen-nieuw-west-demoledger"
EXPORT = ROOT / "tests" / "importers" / "eigen-haard" / "erp-2024-q1.csv"
EXPORT_TOTAAL = Decimal("24043.05")  # the import's total (snw import prints it)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _antwoordt(poort: int) -> bool:
    try:
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
        verbinding.request("GET", "/")
        verbinding.getresponse().read()
        return True
    except OSError:
        return False


def test_the_import_folder_is_watched() -> None:
    """The demo's ``include "import/*.beancount"`` gives ``import/``; plain includes give nothing."""
    main = DEMO_LEDGER
    assert globmappen([str(main)]) == {main.parent / "import"}
    assert globmappen([str(main.parent / "declaraties" / "geldstromen.beancount")]) == set()


@pytest.fixture()
def live(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``snw fava`` on a copy of the demo ledger: (base URL, main file)."""
    kopie = tmp_path / "demo"
    shutil.copytree(DEMO_LEDGER.parent, kopie, ignore=shutil.ignore_patterns("*.picklecache", "__pycache__"))
    main = kopie / DEMO_LEDGER.name
    poort = _vrije_poort()
    log = tmp_path / "fava.log"
    with log.open("wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-c", "from cli.main import cli; cli()", "--grootboek", str(main), "fava",
             "--poort", str(poort)], cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT)
    try:
        einde = time.monotonic() + 60
        while not _antwoordt(poort):
            if proces.poll() is not None or time.monotonic() > einde:
                pytest.fail(f"snw fava start niet: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{poort}/{SLUG}", main
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=10)


@pytest.fixture()
def pagina() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("geen Chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        finally:
            browser.close()


def _totaal_eigen_haard(pagina: Any, url: str) -> str:
    """The 'Totaal' of EIGEN-HAARD in the first partner table of Proportionaliteit."""
    pagina.goto(url)
    pagina.locator("table.snw-tabel").first.wait_for(timeout=20000)
    return pagina.evaluate(
        """() => {
          for (const tabel of document.querySelectorAll('table.snw-tabel')) {
            const koppen = [...tabel.querySelectorAll('thead th')].map(c => c.innerText.trim());
            const rij = [...tabel.querySelectorAll('tbody tr')].find(r => r.cells[0].innerText.trim() === 'EIGEN-HAARD');
            if (rij && koppen.includes('Totaal')) return rij.cells[koppen.indexOf('Totaal')].innerText.trim();
          }
          return null;
        }""")


def test_an_import_shows_in_running_fava_after_a_reload(live: tuple[str, Path], pagina: Any) -> None:
    basis, main = live
    journaal = f"{basis}/journal/?filter=portiekflats"
    proportionaliteit = f"{basis}/extension/Proportionaliteit/?time=2024"
    voor = _totaal_eigen_haard(pagina, proportionaliteit)
    assert voor is not None
    pagina.goto(journaal)
    pagina.locator("aside").first.wait_for(timeout=20000)
    assert "Isolatie portiekflats complex 512" not in pagina.locator("article").inner_text()

    result = CliRunner().invoke(cli, ["--grootboek", str(main), "import", str(EXPORT)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (main.parent / "import" / "eigen-haard-2024.beancount").exists()

    # Fava notices the new file (its watcher debounces) and reloads on the next request.
    verwacht = format_cel(Decimal(voor.replace("€", "").replace(".", "").replace(",", ".").strip()) + EXPORT_TOTAAL,
                          "euro")
    einde = time.monotonic() + 60
    while True:
        pagina.goto(journaal)
        pagina.locator("aside").first.wait_for(timeout=20000)
        pagina.wait_for_load_state("networkidle")
        if "Isolatie portiekflats complex 512" in pagina.locator("article").inner_text():
            break
        assert time.monotonic() < einde, "het geïmporteerde bestand verschijnt niet in Fava"
        time.sleep(1)
    assert _totaal_eigen_haard(pagina, proportionaliteit) == verwacht

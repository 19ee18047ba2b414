"""Fava as the finance officer's workbench (issue 12), tried in headless Chromium.

``snw fava`` runs on a copy of the demo ledger; playwright drives Debian's Chromium. The
tests measure the pages at 1,400 px (no horizontal overflow, the first column sticky, the
columns that matter in view), follow Fava's time and account filters, open the Verplichtingen
page and follow drill-down links. Screenshots go to ``$SNW_SCREENSHOTS`` (default: the test's
temporary folder) to be looked at.
"""

from __future__ import annotations

import http.client
import os
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

from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.verplichtingen import verplichtingen_overzicht
from reports.render.text import format_cel

ROOT = Path(__file__).resolve().parent.parent
SLUG = "samen-nieuw-west-demoledger"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BREEDTE = 1400


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


@pytest.fixture(scope="module")
def basis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``snw fava`` (read-only) on a copy of the demo ledger; its base URL."""
    tmp = tmp_path_factory.mktemp("werkbank")
    kopie = tmp / "demo"
    shutil.copytree(DEMO_LEDGER.parent, kopie)
    poort = _vrije_poort()
    log = tmp / "fava.log"
    with log.open("wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-c", "from cli.main import cli; cli()", "--grootboek", str(kopie / DEMO_LEDGER.name),
             "fava", "--poort", str(poort)], cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT)
    try:
        einde = time.monotonic() + 60
        while not _antwoordt(poort):
            if proces.poll() is not None or time.monotonic() > einde:
                pytest.fail(f"snw fava start niet: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{poort}/{SLUG}"
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("geen Chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def pagina(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": BREEDTE, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def schermen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = Path(os.environ.get("SNW_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    map_.mkdir(parents=True, exist_ok=True)
    return map_


@pytest.fixture(scope="module")
def grootboek() -> Any:
    return load_ledger(DEMO_LEDGER, cache=False)


def _open(pagina: Any, url: str) -> None:
    pagina.goto(url)
    pagina.locator("aside").first.wait_for(timeout=20000)
    pagina.wait_for_load_state("load")


def _cellen(pagina: Any, tabel: int = 0) -> list[list[str]]:
    return pagina.evaluate(
        "(i) => [...document.querySelectorAll('table.snw-tabel')[i].querySelectorAll('tbody tr')]"
        ".map(r => [...r.cells].map(c => c.innerText.trim()))", tabel)


def _koppen(pagina: Any, tabel: int = 0) -> list[str]:
    return pagina.evaluate(
        "(i) => [...document.querySelectorAll('table.snw-tabel')[i].querySelectorAll('thead th')]"
        ".map(c => c.innerText.trim().replace(/\\s+/g, ' '))", tabel)


@pytest.mark.parametrize("naam", ["Geldstromen", "Verplichtingen", "Begroting", "Proportionaliteit"])
def test_the_page_fits_1400_px(basis: str, pagina: Any, schermen: Path, naam: str) -> None:
    """No horizontal overflow of the page; every table scrolls inside its own box, first column sticky."""
    _open(pagina, f"{basis}/extension/{naam}/")
    pagina.locator("table.snw-tabel").first.wait_for(timeout=15000)
    pagina.screenshot(path=str(schermen / f"{naam}-1400.png"), full_page=False)
    maten = pagina.evaluate("({sw: document.documentElement.scrollWidth, w: window.innerWidth})")
    assert maten["sw"] <= maten["w"], maten
    stijl = pagina.evaluate("getComputedStyle(document.querySelector('table.snw-tabel tbody td')).position")
    assert stijl == "sticky"
    overloop = pagina.evaluate("getComputedStyle(document.querySelector('.snw-scroll')).overflowX")
    assert overloop == "auto"


def test_geldstromen_key_columns_in_view_and_first_column_stays(basis: str, pagina: Any, schermen: Path) -> None:
    """At 1,400 px 'nog te besteden', 'einddatum' and 'prognose' are in view; scrolling keeps the code."""
    _open(pagina, f"{basis}/extension/Geldstromen/")
    pagina.locator("table.snw-tabel").wait_for(timeout=15000)
    rechts = pagina.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('table.snw-tabel thead th')]"
        ".map(c => [c.innerText.trim().replace(/\\s+/g, ' '), c.getBoundingClientRect().right]))")
    for kop in ("Nog te besteden", "Einddatum", "Prognose over bij einde", "Terug te betalen bij einde"):
        assert rechts[kop] <= BREEDTE, (kop, rechts[kop])
    voor = pagina.evaluate("document.querySelector('table.snw-tabel tbody td').getBoundingClientRect().left")
    pagina.evaluate("document.querySelector('.snw-scroll').scrollLeft = 2000")
    na = pagina.evaluate("document.querySelector('table.snw-tabel tbody td').getBoundingClientRect().left")
    pagina.screenshot(path=str(schermen / "Geldstromen-gescrold.png"))
    assert abs(voor - na) < 1


def test_the_time_filter_chooses_year_and_peildatum(basis: str, pagina: Any, grootboek: Any) -> None:
    """?time=2025 shows 2025 as the CLI computes it; a month sets the peildatum; year links keep the filter."""
    _open(pagina, f"{basis}/extension/Geldstromen/?time=2025&account=PMG")
    assert pagina.locator("article h2").first.inner_text().startswith("Geldstromen 2025")
    overzicht = geldstromen_overzicht(grootboek.entries, grootboek.programma, 2025)
    pmg = next(r for r in overzicht.regels if r.code == "PMG")
    rijen = _cellen(pagina)
    # The account filter narrows to the streams it matches (Fava's regex: PMG matches PMG-2 too).
    assert [r[0] for r in rijen] == ["PMG", "PMG-2"]
    koppen = _koppen(pagina)
    assert rijen[0][koppen.index("Besteed jaar")] == format_cel(pmg.besteed_jaar, "euro")
    links = pagina.evaluate("[...document.querySelectorAll('.snw-jaren a')].map(a => a.getAttribute('href'))")
    assert links and all("account=PMG" in link and "time=" in link for link in links)

    _open(pagina, f"{basis}/extension/Verplichtingen/?time=2025-06")
    cijfers = verplichtingen_overzicht(grootboek.entries, grootboek.programma, 2025,
                                       min(__import__("datetime").date(2025, 6, 30), overzicht.peildatum))
    assert "30 juni 2025" in pagina.locator("article").inner_text()
    koppen = _koppen(pagina, 1)
    rijen = _cellen(pagina, 1)
    assert [r[0] for r in rijen] == [s.kenmerk for s in cijfers.verplichtingen]
    assert [r[koppen.index("Open verplichting")] for r in rijen] == [format_cel(s.open, "euro")
                                                                   for s in cijfers.verplichtingen]


def test_a_year_without_data_is_refused_in_dutch(basis: str, pagina: Any) -> None:
    for naam in ("Geldstromen", "Verplichtingen", "Begroting"):
        _open(pagina, f"{basis}/extension/{naam}/?jaar=2099")
        tekst = pagina.locator(".snw-fout").inner_text()
        assert "Voor 2099 staan geen boekingen of begroting" in tekst
        assert pagina.locator("table.snw-tabel").count() == 0
        jaren = pagina.evaluate("[...document.querySelectorAll('.snw-jaren a')].map(a => a.innerText)")
        assert "2099" not in jaren and "2026" in jaren


def test_verplichtingen_page_equals_the_computation(basis: str, pagina: Any, grootboek: Any,
                                                    schermen: Path) -> None:
    """Per stream and per commitment: the figures of ``verplichtingen_overzicht``, expired ones flagged."""
    _open(pagina, f"{basis}/extension/Verplichtingen/")
    pagina.screenshot(path=str(schermen / "Verplichtingen.png"), full_page=True)
    cijfers = verplichtingen_overzicht(grootboek.entries, grootboek.programma, 2026)
    koppen = _koppen(pagina, 1)
    rijen = {r[0]: r for r in _cellen(pagina, 1)}
    assert set(rijen) == {s.kenmerk for s in cijfers.verplichtingen}
    for s in cijfers.verplichtingen:
        rij = rijen[s.kenmerk]
        assert rij[koppen.index("Verplicht")] == format_cel(s.bedrag, "euro")
        assert rij[koppen.index("Betaald")] == format_cel(s.betaald, "euro")
        assert rij[koppen.index("Open verplichting")] == format_cel(s.open, "euro")
        assert rij[koppen.index("Partner")] == (s.partner or "")
        assert rij[koppen.index("Verlopen")] == ("ja, nog open" if s.verlopen else "")
        assert rij[koppen.index("Afgesloten")] == format_cel(s.afgesloten, "datum")
    gemarkeerd = pagina.evaluate("[...document.querySelectorAll('table.snw-tabel')[1].querySelectorAll("
                                 "'tbody tr.snw-verlopen')].map(r => r.cells[0].innerText.trim())")
    assert gemarkeerd == [s.kenmerk for s in cijfers.verplichtingen if s.verlopen]
    # The demo closes its commitments on ended streams (verplichting-afsluiting): none is expired,
    # thirty are closed.
    assert gemarkeerd == []
    assert sum(1 for s in cijfers.verplichtingen if s.afgesloten) == 30
    stromen = {r[0]: r for r in _cellen(pagina, 0)}
    koppen0 = _koppen(pagina, 0)
    for s in cijfers.stromen:
        if s.stroom in stromen:
            assert stromen[s.stroom][koppen0.index("Open verplichtingen")] == format_cel(s.open, "euro")
    assert sum((s.open for s in cijfers.verplichtingen), Decimal(0)) == cijfers.totaal("open")


def test_drill_down_from_a_stream_and_a_commitment(basis: str, pagina: Any) -> None:
    """A stream links to its account page and back; a commitment to a journal with it and its payments."""
    _open(pagina, f"{basis}/extension/Geldstromen/")
    pagina.locator("table.snw-tabel tbody a", has_text="PMG").first.click()
    pagina.wait_for_url("**/account/Liabilities:Nog-te-besteden:PMG/**", timeout=15000)
    pagina.go_back()
    pagina.wait_for_url("**/extension/Geldstromen/**", timeout=15000)
    pagina.locator("table.snw-tabel").wait_for(timeout=15000)

    _open(pagina, f"{basis}/extension/Verplichtingen/")
    koppen = _koppen(pagina, 1)
    eerste = pagina.locator("table.snw-tabel").nth(1).locator("tbody tr").first
    actielijn = eerste.locator("td").nth(koppen.index("Actielijn")).locator("a").get_attribute("href")
    partner = eerste.locator("td").nth(koppen.index("Partner")).locator("a").get_attribute("href")
    assert "/account/Expenses:Actielijn:" in actielijn
    assert "/journal/" in partner and "filter=partner" in partner
    kenmerk = _cellen(pagina, 1)[0][0]
    href = pagina.locator("table.snw-tabel").nth(1).locator("tbody a", has_text=kenmerk).first.get_attribute("href")
    assert "/journal/" in href and "filter=" in href
    _open(pagina, basis + href.split(SLUG, 1)[1])
    journaal = pagina.locator("article").inner_text()
    assert kenmerk in journaal
    partners = pagina.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')")
    assert partners  # the journal rendered


def test_dutch_page_and_read_only_write_buttons_explained(basis: str, pagina: Any, schermen: Path) -> None:
    """``lang="nl"`` on our pages and Fava's; read-only: the editor's save button is disabled and explained."""
    _open(pagina, f"{basis}/extension/Geldstromen/")
    pagina.wait_for_function("document.documentElement.lang === 'nl'", timeout=10000)
    _open(pagina, f"{basis}/editor/")
    pagina.locator(".cm-editor").first.wait_for(timeout=20000)
    pagina.wait_for_function("document.documentElement.lang === 'nl'", timeout=10000)
    pagina.locator(".snw-alleen-lezen-uitleg").wait_for(timeout=10000)
    opslaan = pagina.locator("button", has_text="Opslaan").first
    opslaan.wait_for(timeout=10000)
    pagina.wait_for_function("[...document.querySelectorAll('button')].filter(b => b.textContent.trim()"
                             " === 'Opslaan').every(b => b.disabled)", timeout=10000)
    assert "Alleen-lezen" in (opslaan.get_attribute("title") or "")
    pagina.screenshot(path=str(schermen / "editor-alleen-lezen.png"))
    _open(pagina, f"{basis}/import/")
    pagina.locator(".snw-alleen-lezen-uitleg").wait_for(timeout=10000)
    pagina.screenshot(path=str(schermen / "import-alleen-lezen.png"), full_page=True)


def test_the_sidebar_journal_hides_the_releases_and_one_click_shows_them(basis: str, pagina: Any,
                                                                         schermen: Path) -> None:
    """Fava's own 'Dagboek' link opens the journal with ``-#vrijval``; the filter's × shows the releases."""
    _open(pagina, f"{basis}/extension/Geldstromen/")
    dagboek = pagina.locator("aside a", has_text="Dagboek").filter(has_not_text="vrijval").first
    pagina.wait_for_function(
        "[...document.querySelectorAll('aside a')].some(a => a.textContent.trim() === 'Dagboek'"
        " && decodeURIComponent(a.getAttribute('href')).endsWith('filter=-#vrijval'))", timeout=10000)
    dagboek.click()
    pagina.wait_for_url("**/journal/?filter=-%23vrijval", timeout=15000)
    pagina.locator("ol.journal > li").nth(5).wait_for(timeout=20000)
    pagina.screenshot(path=str(schermen / "dagboek-zonder-vrijval.png"))
    assert "Vrijval " not in pagina.locator("article").inner_text()
    zonder = pagina.locator("ol.journal > li").count()
    pagina.locator("input[placeholder^='Filter'] ~ button", has_text="×").click()
    pagina.wait_for_function("!location.search.includes('vrijval')", timeout=15000)
    pagina.wait_for_function(f"document.querySelectorAll('ol.journal > li').length > {zonder}", timeout=20000)
    assert "Vrijval " in pagina.locator("article").inner_text()


def test_an_amount_opens_the_journal_of_its_postings(basis: str, pagina: Any, grootboek: Any,
                                                    schermen: Path) -> None:
    """A click on PMG's 'Besteed jaar' opens Fava's journal filtered to its postings; they add up to it."""
    import json
    import urllib.parse
    import urllib.request

    _open(pagina, f"{basis}/extension/Geldstromen/?time=2025")
    koppen = _koppen(pagina)
    rij = pagina.locator("table.snw-tabel tbody tr").filter(has=pagina.locator("td:first-child", has_text="PMG"))
    cel = rij.first.locator("td").nth(koppen.index("Besteed jaar"))
    bedrag = cel.inner_text().strip()
    overzicht = geldstromen_overzicht(grootboek.entries, grootboek.programma, 2025)
    assert bedrag == format_cel(next(r for r in overzicht.regels if r.code == "PMG").besteed_jaar, "euro")
    cel.locator("a").click()
    pagina.wait_for_url("**/journal/**", timeout=15000)
    pagina.locator("ol.journal > li").nth(2).wait_for(timeout=20000)
    pagina.screenshot(path=str(schermen / "dagboek-besteed-pmg-2025.png"))
    query = urllib.parse.urlsplit(pagina.url).query
    filters = dict(urllib.parse.parse_qsl(query))
    assert filters["account"] == "^Expenses:Actielijn:.*:PMG$"
    assert filters["time"].startswith("2025-01-01 - ")
    with urllib.request.urlopen(f"{basis}/api/journal?{query}") as antwoord:  # noqa: S310 - our own Fava
        entries = json.load(antwoord)["data"]
    import re as re_

    som = sum((Decimal(p["amount"].split()[0]) for e in entries for p in e.get("postings", [])
               if re_.search(filters["account"], p["account"])), Decimal(0))
    assert format_cel(som, "euro") == bedrag

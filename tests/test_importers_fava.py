"""Fava's Import page runs our importers (driven through Fava's JSON API with Flask's test client).

The demo ledger's main.beancount carries (paths relative to it)::

    2023-01-01 custom "fava-option" "import-config" "../../importers/config.py"
    2023-01-01 custom "fava-option" "import-dirs" "aanlevering"

The tests put the same two lines into copies of the test ledger and of the demo ledger
(with the config path made absolute, since the copy lives elsewhere), upload a partner file,
let Fava identify and extract it, save the entries the way the page does, and check the
ledger afterwards.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import importers.config
from cli.main import cli
from ledger.load import DEMO_LEDGER

HIER = Path(__file__).resolve().parent / "importers"
CONFIG = Path(importers.config.__file__).resolve()
REGELS = ('\n2023-01-01 custom "fava-option" "import-config" "{config}"\n'
          '2023-01-01 custom "fava-option" "import-dirs" "aanlevering"\n')


def test_the_two_lines_point_at_the_config_from_the_demo_ledger() -> None:
    assert (DEMO_LEDGER.parent / "../../importers/config.py").resolve() == CONFIG


def _fava(main: Path) -> tuple[object, str]:
    from fava.application import create_app

    app = create_app([str(main)], load=True)
    app.testing = True
    return app.test_client(), app.config["LEDGERS"].first_slug()


def _kopie(bron: Path, doel: Path) -> Path:
    shutil.copytree(bron.parent, doel)
    main = doel / bron.name
    with main.open("a", encoding="utf-8") as handle:
        handle.write(REGELS.format(config=CONFIG))
    return main


def _upload(client: object, slug: str, bestand: Path) -> None:
    data = {"file": (io.BytesIO(bestand.read_bytes()), bestand.name)}
    response = client.put(f"/{slug}/api/upload_import_file", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()


def _extract(client: object, slug: str, pad: Path, importer: str) -> object:
    return client.get(f"/{slug}/api/extract", query_string={"filename": str(pad), "importer": importer})


def _check(main: Path) -> None:
    result = CliRunner().invoke(cli, ["--ledger", str(main), "check"])
    assert result.exit_code == 0, result.output


def _importeer_via_fava(main: Path, bestand: Path, importer: str) -> tuple[object, str, Path]:
    client, slug = _fava(main)
    _upload(client, slug, bestand)
    pad = main.parent / "aanlevering" / bestand.name
    imports = client.get(f"/{slug}/api/imports").get_json()["data"]
    gevonden = {item["basename"]: [i["importer_name"] for i in item["importers"]] for item in imports}
    assert gevonden[bestand.name] == [importer]
    response = _extract(client, slug, pad, importer)
    assert response.status_code == 200, response.get_json()
    entries = response.get_json()["data"]
    assert entries and not any(e["meta"].get("__duplicate__") for e in entries)
    # The page saves the entries that are ticked (all of them: none is a duplicate).
    response = client.put(f"/{slug}/api/add_entries", json={"entries": entries})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["data"] == f"Stored {len(entries)} entries."
    return client, slug, pad


def test_fava_import_page_on_the_test_ledger(tmp_path: Path) -> None:
    main = _kopie(HIER / "ledger" / "main.beancount", tmp_path / "grootboek")
    bestand = HIER / "sjabloon" / "eigen-haard-2024.xlsx"
    client, slug, pad = _importeer_via_fava(main, bestand, "snw.sjabloon")
    tekst = main.read_text(encoding="utf-8")
    assert 'kenmerk: "EH24-U-Q1"' in tekst and "uren: 32" in tekst  # numeric metadata saved as a number
    _check(main)

    # Extracting again: every row is marked as a duplicate (unticked on the page).
    client, slug = _fava(main)
    entries = _extract(client, slug, pad, "snw.sjabloon").get_json()["data"]
    assert [e["meta"].get("__duplicate__") for e in entries] == [True] * 4

    # And `snw import` of the same file adds nothing: the rows are known by their kenmerk.
    result = CliRunner().invoke(cli, ["--ledger", str(main), "import", str(pad)])
    assert result.exit_code == 0, result.output
    assert "4 regel(s) stonden al elders in het grootboek" in result.output
    assert "Niets te doen" in result.output


def test_fava_forms_know_the_leaves_the_plugin_opens_on_first_use(tmp_path: Path) -> None:
    """Fava's entry form only accepts open accounts; a partner's first EIGEN row must be savable."""
    main = _kopie(HIER / "ledger" / "main.beancount", tmp_path / "grootboek")
    client, slug = _fava(main)
    accounts = client.get(f"/{slug}/api/ledger_data").get_json()["data"]["accounts"]
    assert "Expenses:Actielijn:WON:WON-02-Bewoners-betrekken-renovatie:EIGEN" in accounts  # never used
    assert "Expenses:Actielijn:LER:LER-01-Werkend-leren:SPUK-KW" in accounts  # HvA's commitment
    assert len(accounts) == len(set(accounts))


def test_fava_refuses_a_file_with_bad_rows(tmp_path: Path) -> None:
    main = _kopie(HIER / "ledger" / "main.beancount", tmp_path / "grootboek")
    voor = main.read_bytes()
    client, slug = _fava(main)
    _upload(client, slug, HIER / "fouten" / "sjabloon-fouten.xlsx")
    response = _extract(client, slug, main.parent / "aanlevering" / "sjabloon-fouten.xlsx", "snw.sjabloon")
    assert response.status_code != 200
    fout = response.get_json()["error"]
    assert "sjabloon-fouten.xlsx:8: kolom Actielijn: onbekende actielijn 'WON-4O' (suggestie: WON-04" in fout
    assert main.read_bytes() == voor


def test_fava_refuses_a_corrected_file(tmp_path: Path) -> None:
    """Fava can only add: a file that changes rows imported before points to `snw import`."""
    main = _kopie(HIER / "ledger" / "main.beancount", tmp_path / "grootboek")
    bestand = tmp_path / "erp-2024-q1.csv"
    shutil.copyfile(HIER / "eigen-haard" / "erp-2024-q1.csv", bestand)
    client, slug, pad = _importeer_via_fava(main, bestand, "snw.koppeling.eigen-haard")
    pad.write_bytes(pad.read_bytes().replace(b";8.730,55;", b";8.370,55;"))
    client, slug = _fava(main)
    response = _extract(client, slug, pad, "snw.koppeling.eigen-haard")
    assert response.status_code != 200
    fout = response.get_json()["error"]
    assert "regel met kenmerk EH24-00102 is al geïmporteerd met een andere inhoud" in fout
    assert "importeer het met `snw import BESTAND`" in fout


def _demo_of_skip() -> None:
    if not DEMO_LEDGER.exists():
        pytest.fail("de demoledger ontbreekt")


def test_fava_import_page_on_the_demo_ledger(tmp_path: Path) -> None:
    _demo_of_skip()
    main = _kopie(DEMO_LEDGER, tmp_path / "demo")
    _check(main)
    _importeer_via_fava(main, HIER / "eigen-haard" / "erp-2024-q1.csv", "snw.koppeling.eigen-haard")
    _check(main)


def _browser_of_skip() -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("geen Chromium")
    pytest.importorskip("playwright.sync_api")
    return chromium


def test_fava_import_page_in_a_browser(tmp_path: Path) -> None:
    """The real page: extract, go to the last entry, Save (Fava's form checks every account)."""
    import threading

    from fava.application import create_app
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    chromium = _browser_of_skip()
    main = _kopie(HIER / "ledger" / "main.beancount", tmp_path / "grootboek")
    (main.parent / "aanlevering").mkdir()
    shutil.copyfile(HIER / "eigen-haard" / "erp-2024-q1.csv", main.parent / "aanlevering" / "erp-2024-q1.csv")
    app = create_app([str(main)], load=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        slug = app.config["LEDGERS"].first_slug()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/{slug}/import/")
                page.get_by_role("button", name="Extract").first.click()
                page.get_by_text("Entry 1 of 7").wait_for(timeout=20000)
                page.locator("button", has_text="\u23ed").click()
                page.get_by_role("button", name="Save").click()
                page.get_by_text("Stored 7 entries.").wait_for(timeout=20000)
            finally:
                browser.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)
    tekst = main.read_text(encoding="utf-8")
    assert 'kenmerk: "EH24-00201"' in tekst and "uren: 24.5" in tekst
    _check(main)

"""A copied ledger keeps Fava's Import page: the relative ``import-config`` falls back to the installed importers.

The demo ledger names ``../../importers/config.py`` relative to itself; in a copy elsewhere that
path does not exist. The extension then points Fava at ``importers/config.py`` of the installed
package (``reports.fava_ext._portable_import_config``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import importers.config
from ledger.load import DEMO_LEDGER


def _ledger(main: Path) -> object:
    from fava.application import create_app

    app = create_app([str(main)], load=True)
    return app.config["LEDGERS"][app.config["LEDGERS"].first_slug()]


def test_a_copy_of_the_demo_ledger_keeps_its_import_page(tmp_path: Path) -> None:
    kopie = tmp_path / "elders" / "demo"
    shutil.copytree(DEMO_LEDGER.parent, kopie)
    ledger = _ledger(kopie / DEMO_LEDGER.name)
    assert ledger.ingest.errors == ()
    assert Path(ledger.ingest.module_path).resolve() == Path(importers.config.__file__).resolve()
    assert ledger.ingest.loaded_config is not None and ledger.ingest.loaded_config.importers


def test_the_demo_ledger_in_place_keeps_its_own_path() -> None:
    ledger = _ledger(DEMO_LEDGER)
    assert ledger.fava_options.import_config == "../../importers/config.py"
    assert ledger.ingest.errors == ()


def test_a_wrong_path_to_another_file_is_still_reported(tmp_path: Path) -> None:
    kopie = tmp_path / "demo"
    shutil.copytree(DEMO_LEDGER.parent, kopie)
    main = kopie / DEMO_LEDGER.name
    tekst = main.read_text(encoding="utf-8").replace("../../importers/config.py", "ontbreekt/mijn_config.py")
    main.write_text(tekst, encoding="utf-8")
    ledger = _ledger(main)
    assert any("Import config does not exist" in str(e.message) for e in ledger.ingest.errors)

"""``snw import`` on a copy of the demo ledger: the demo partners' files go in, a broken file not.

Done when: a partner's template and a mapped ERP export from the demo partners import, the
ledger still passes ``snw check``, re-importing changes nothing, and a broken file is refused
with row-level reasons and the ledger unchanged, byte for byte.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import DEMO_LEDGER

HIER = Path(__file__).resolve().parent / "importers"


def snw(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def vingerafdruk(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file() and not p.name.endswith(".picklecache")}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    if not DEMO_LEDGER.exists():
        pytest.fail("de demoledger ontbreekt")
    doel = tmp_path / "demo"
    shutil.copytree(DEMO_LEDGER.parent, doel, ignore=shutil.ignore_patterns("*.picklecache", "__pycache__"))
    main = doel / DEMO_LEDGER.name
    result = snw("--ledger", main, "check")
    if result.exit_code != 0:
        pytest.fail(f"de demoledger klopt niet: {result.output[:300]}")
    return main


def _vul_sjabloon(demo: Path, pad: Path) -> Path:
    result = snw("--ledger", demo, "sjabloon", "--partner", "BUURTTEAMS", "--year", "2025", "--out", pad)
    assert result.exit_code == 0, result.output
    werkmap = openpyxl.load_workbook(pad)
    stromen = [c.value for c in werkmap["Keuzelijsten"]["B"] if c.value]
    assert "eigen middelen" in stromen and "SPUK-KW SPUK Kansrijke Wijk" in stromen
    ws = werkmap["Invullen"]
    rijen = [
        (datetime.date(2025, 3, 31), "WEB-17", "SPUK-KW SPUK Kansrijke Wijk", 4321.09, None, "Dichtersbuurt",
         "Schuldhulpspreekuren eerste kwartaal", "BT-2025-001"),
        (datetime.date(2025, 3, 31), "WEB-17", "eigen middelen", None, 60, "Dichtersbuurt",
         "Inzet buurtteam eerste kwartaal", "BT-2025-002"),
    ]
    for offset, rij in enumerate(rijen):
        for kolom, waarde in enumerate(rij, 1):
            ws.cell(row=4 + offset, column=kolom, value=waarde)
    werkmap.save(pad)
    return pad


def test_demo_partners_import_and_reimport_changes_nothing(demo: Path, tmp_path: Path) -> None:
    sjabloon = _vul_sjabloon(demo, tmp_path / "buurtteams-2025.xlsx")
    bestanden = [sjabloon, HIER / "eigen-haard" / "erp-2024-q1.csv", HIER / "eigen-haard" / "erp-2024-q2.csv",
                 HIER / "rochdale" / "inzet-2024.xlsx"]
    result = snw("--ledger", demo, "import", *bestanden)
    assert result.exit_code == 0, result.output
    assert "buurtteams-2025.beancount: 2 nieuw" in result.output
    assert "eigen-haard-2024.beancount: 10 nieuw" in result.output
    assert "rochdale-2024.beancount: 5 nieuw" in result.output
    assert snw("--ledger", demo, "check").exit_code == 0
    tekst = (demo.parent / "import" / "buurtteams-2025.beancount").read_text(encoding="utf-8")
    assert "Expenses:Actielijn:WEB:WEB-17-Wijkaanpak-Financiele-Problemen:SPUK-KW   4321.09 EUR" in tekst
    assert "Assets:Voorschot:BUURTTEAMS" in tekst
    assert "uren: 60" in tekst

    voor = vingerafdruk(demo.parent)
    result = snw("--ledger", demo, "import", *bestanden)
    assert result.exit_code == 0, result.output
    assert "Niets te doen" in result.output
    assert vingerafdruk(demo.parent) == voor


def test_demo_broken_file_leaves_the_ledger_unchanged(demo: Path, tmp_path: Path) -> None:
    sjabloon = _vul_sjabloon(demo, tmp_path / "buurtteams-2025.xlsx")
    werkmap = openpyxl.load_workbook(sjabloon)
    werkmap["Invullen"]["B6"] = "WEB-71"  # one bad row among good ones
    werkmap["Invullen"]["A6"] = datetime.date(2025, 4, 1)
    werkmap["Invullen"]["C6"] = "eigen middelen"
    werkmap["Invullen"]["D6"] = 100
    werkmap.save(sjabloon)
    voor = vingerafdruk(demo.parent)
    result = snw("--ledger", demo, "import", sjabloon, HIER / "eigen-haard" / "erp-2024-q1.csv")
    assert result.exit_code == 1
    assert f"{sjabloon}:6: kolom Actielijn: onbekende actielijn 'WEB-71' (suggestie: WEB-17, " \
        in result.output
    assert "Er is niets geschreven." in result.output
    assert vingerafdruk(demo.parent) == voor

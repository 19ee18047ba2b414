"""Golden-file tests of the importers (beangulp style).

Each document under tests/importers/<importer>/ sits next to ``<document>.beancount`` with
the exact ledger text the importer must produce; a document without one must not be
identified. Regenerate after a deliberate change, then review the diff::

    SNW_LEDGER=tests/importers/ledger/main.beancount .venv/bin/python -m importers.sjabloon generate -f tests/importers/sjabloon
    SNW_LEDGER=tests/importers/ledger/main.beancount .venv/bin/python -m importers.koppeling \
        importers/mappings/eigen-haard.yaml generate -f tests/importers/eigen-haard

(likewise ``rochdale.yaml`` for tests/importers/rochdale and
``tests/importers/rochdale-csv/koppeling.yaml`` for tests/importers/rochdale-csv).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from beangulp import testing

from importers.koppeling import MAPPINGS
from importers.koppeling import KoppelingImporter
from importers.sjabloon import SjabloonImporter

HIER = Path(__file__).resolve().parent / "importers"
LEDGER = HIER / "ledger" / "main.beancount"

IMPORTERS = {
    "sjabloon": lambda: SjabloonImporter(LEDGER),
    "eigen-haard": lambda: KoppelingImporter(MAPPINGS / "eigen-haard.yaml", LEDGER),
    "rochdale": lambda: KoppelingImporter(MAPPINGS / "rochdale.yaml", LEDGER),
    # a mapping that lives next to its example files
    "rochdale-csv": lambda: KoppelingImporter(HIER / "rochdale-csv" / "koppeling.yaml", LEDGER),
}


def _documenten() -> list[tuple[str, Path]]:
    return [(naam, doc) for naam in IMPORTERS for doc in sorted((HIER / naam).iterdir())
            if doc.is_file() and doc.suffix not in (".beancount", ".yaml")]


@pytest.fixture(scope="module")
def importers() -> dict[str, object]:
    return {naam: maak() for naam, maak in IMPORTERS.items()}


@pytest.mark.parametrize(("naam", "document"), _documenten(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_golden(importers: dict, naam: str, document: Path) -> None:
    importer = importers[naam]
    verwacht = Path(f"{document}.beancount")
    if not verwacht.exists():
        assert not importer.identify(str(document)), f"{document.name} mag niet herkend worden"
        return
    assert importer.identify(str(document)), f"{document.name} moet herkend worden"
    account, date, name, entries = testing.run_importer(importer, str(document))
    diff = testing.compare_expected(str(verwacht), account, date, name, entries)
    assert not diff, "".join(diff)


def test_every_format_quirk_is_covered() -> None:
    """The example files hold what real exports contain (guards against thinning them out)."""
    q1 = (HIER / "eigen-haard" / "erp-2024-q1.csv").read_bytes()
    q2 = (HIER / "eigen-haard" / "erp-2024-q2.csv").read_bytes()
    assert q1.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert b"\r\n" in q1 and b";" in q1
    assert b"(1.250,00)" in q1 and b"350,00-" in q1 and b"4-;" in q1  # corrections
    assert b"12.450,00" in q1 and b"15-01-2024" in q1  # thousands dot, decimal comma, dd-mm-jjjj
    assert b"Subtotaal" in q1 and b";;;;;;;;;;;" in q1  # subtotal and blank rows
    q2.decode("cp1252")  # Windows-1252
    with pytest.raises(UnicodeDecodeError):
        q2.decode("utf-8")
    assert b";Memo" in q2  # an extra column
    import openpyxl

    werkmap = openpyxl.load_workbook(HIER / "rochdale" / "inzet-2024.xlsx", read_only=True)
    assert werkmap.sheetnames == ["Q1", "Q2"]  # several sheets

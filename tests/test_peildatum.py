"""The peildatum as the readers define it (LEDGER.md): 31 December for a past year, today for the
current year and a later one, never the date of the last booking; ``--peildatum`` on every report.

The hand-built ledger tests/data/jaareinde has its last booking of 2025 on 2 December and a grant
that ends on 31 December 2025 (figures by hand in its header).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import controleer_peildatum
from reports.compute.peildatum import peildatum_voor
from reports.compute.sisa import sisa

D = Decimal
DATA = Path(__file__).parent / "data" / "jaareinde" / "grootboek.beancount"


@pytest.mark.parametrize(("jaar", "vandaag", "verwacht"), [
    (2025, datetime.date(2026, 12, 8), datetime.date(2025, 12, 31)),  # a past year: its 31 December
    (2025, datetime.date(2026, 1, 1), datetime.date(2025, 12, 31)),  # the first day after it
    (2025, datetime.date(2025, 12, 31), datetime.date(2025, 12, 31)),  # its last day: today
    (2026, datetime.date(2026, 12, 8), datetime.date(2026, 12, 8)),  # the current year: today
    (2026, datetime.date(2026, 1, 1), datetime.date(2026, 1, 1)),  # the same day the year starts
    (2027, datetime.date(2026, 12, 8), datetime.date(2026, 12, 8)),  # a budget year: the stand of today
])
def test_default_peildatum(jaar: int, vandaag: datetime.date, verwacht: datetime.date) -> None:
    assert peildatum_voor(jaar, vandaag) == verwacht


def test_default_peildatum_reads_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SNW_VANDAAG", "2025-07-01")
    assert peildatum_voor(2025) == datetime.date(2025, 7, 1)
    monkeypatch.setenv("SNW_VANDAAG", "2026-07-01")
    assert peildatum_voor(2025) == datetime.date(2025, 12, 31)
    monkeypatch.setenv("SNW_VANDAAG", "1 juli")
    with pytest.raises(ValueError, match="SNW_VANDAAG"):
        peildatum_voor(2025)


def test_a_peildatum_outside_the_year_is_refused() -> None:
    assert controleer_peildatum(datetime.date(2025, 1, 1), 2025) is None
    assert controleer_peildatum(datetime.date(2025, 12, 31), 2025) is None
    assert controleer_peildatum(datetime.date(2024, 12, 31), 2025) == "peildatum 2024-12-31 valt niet in 2025"
    assert controleer_peildatum(datetime.date(2026, 1, 1), 2025) == "peildatum 2026-01-01 valt niet in 2025"
    # a begroting is made before its year: any date up to its end
    assert controleer_peildatum(datetime.date(2026, 10, 31), 2027, begrotingsjaar=True) is None
    assert controleer_peildatum(datetime.date(2028, 1, 1), 2027, begrotingsjaar=True) is not None


def test_a_past_year_is_stand_per_31_december_not_its_last_booking() -> None:
    ledger = load_ledger(DATA)
    overzicht = geldstromen_overzicht(ledger.entries, ledger.programma, 2025)
    assert overzicht.peildatum == datetime.date(2025, 12, 31)
    spuk = overzicht.regels[0]
    assert spuk.afgelopen  # the end date is the peildatum itself: the period is over
    # 60.000,00 received − 51.400,00 spent; no forecast of days after the grant's end
    assert (spuk.vaststelling.terug_te_betalen, spuk.vaststelling.niet_te_ontvangen) == (
        D("8600.00"), D("40000.00"))
    uitkering = sisa(ledger.entries, ledger.programma, 2025).uitkeringen[0]
    assert uitkering.terug_te_betalen == spuk.vaststelling.terug_te_betalen == D("8600.00")


def test_an_explicit_peildatum_before_the_end_forecasts() -> None:
    ledger = load_ledger(DATA)
    spuk = geldstromen_overzicht(ledger.entries, ledger.programma, 2025, datetime.date(2025, 12, 2)).regels[0]
    assert not spuk.afgelopen
    # the last twelve months' pace (51.400,00 / 365 per day) for the 29 days to 31 December:
    # 51.400 × 29 / 365 = 4.083,84; what is left: 100.000 − 51.400 − 4.083,84 = 44.516,16
    assert spuk.prognose_einde == D("44516.16")
    assert spuk.vaststelling.terug_te_betalen == D("60000.00") - (D("100000.00") - D("44516.16"))


@pytest.mark.parametrize("opdracht", [
    ["geldstromen", "--jaar", "2025"], ["verplichtingen", "--jaar", "2025"], ["realisatie", "--jaar", "2025"],
])
def test_table_commands_state_the_peildatum(opdracht: list[str]) -> None:
    runner = CliRunner()
    standaard = runner.invoke(cli, ["--grootboek", str(DATA), *opdracht])
    assert standaard.exit_code == 0, standaard.output
    assert "stand per 31 december 2025" in standaard.output
    gegeven = runner.invoke(cli, ["--grootboek", str(DATA), *opdracht, "--peildatum", "02-12-2025"])
    assert gegeven.exit_code == 0, gegeven.output
    assert "stand per 2 december 2025" in gegeven.output
    buiten = runner.invoke(cli, ["--grootboek", str(DATA), *opdracht, "--peildatum", "2026-01-01"])
    assert buiten.exit_code == 2
    assert "peildatum 2026-01-01 valt niet in 2025" in buiten.output


@pytest.mark.parametrize("opdracht", ["sisa", "verantwoording", "proportionaliteit", "begroting"])
def test_document_commands_take_a_peildatum(opdracht: str, tmp_path: Path) -> None:
    runner = CliRunner()
    fout = runner.invoke(cli, ["--grootboek", str(DATA), opdracht, "2025", "--naar", str(tmp_path),
                               "--peildatum", "2026-03-01"])
    assert fout.exit_code == 2
    assert "peildatum 2026-03-01" in fout.output
    assert not any(tmp_path.iterdir())  # refused before anything is written

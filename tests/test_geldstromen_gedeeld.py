"""Reserved and shared money is shown, not zeroed; a share may be a fraction of the pot.

A stream whose split between areas is open shows its whole pot as *gereserveerd* next to
what Nieuw-West may spend (0 while the split is open); ``aandeel_nw: 0.50`` is half the pot.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht

BASIS = Path(__file__).parent / "data" / "regels" / "basis.beancount"

EXTRA = """
2023-01-01 custom "geldstroom" "GEDEELD" "Gedeelde pot, verdeling open"
  herkomst: "gemeente"
  status: "gereserveerd"
  bedrag: 300000.00 EUR
  aandeel_nw: "open"
  gedeeld_met: "Zuidoost Noord"

2023-01-01 custom "geldstroom" "HALF" "Gedeelde pot, de helft voor Nieuw-West"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 1000000.00 EUR
  aandeel_nw: 0.50
  gedeeld_met: "Zuidoost"

2023-01-01 custom "geldstroom" "FOUT" "Onleesbaar aandeel"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 1000.00 EUR
  aandeel_nw: "de helft"
"""


def _ledger(tmp_path: Path) -> Path:
    path = tmp_path / "gedeeld.beancount"
    path.write_text(BASIS.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    return path


def test_open_split_shows_the_pot_as_reserved_and_nothing_to_spend(tmp_path: Path) -> None:
    ledger = load_ledger(_ledger(tmp_path))
    regels = {r.code: r for r in geldstromen_overzicht(ledger.entries, ledger.programma, 2023,
                                                       datetime.date(2023, 12, 31)).regels}
    vliegwiel = regels["GEDEELD"]
    assert (vliegwiel.gereserveerd, vliegwiel.toegekend, vliegwiel.toegezegd, vliegwiel.verdeling_open) == (
        Decimal("300000.00"), Decimal(0), Decimal(0), True)
    half = regels["HALF"]
    assert (half.toegekend, half.gereserveerd, half.bedrag) == (Decimal("500000.00"), Decimal(0),
                                                                Decimal("1000000.00"))
    assert regels["PMG"].toegekend == Decimal("100000.00")  # a share as an amount still works
    assert any(e.message.startswith("Ongeldige declaratie: aandeel_nw moet een bedrag zijn") for e in ledger.errors)


def test_geldstromen_csv_shows_the_reserved_pot(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--grootboek", str(_ledger(tmp_path)), "geldstromen", "--jaar", "2023",
                                      "--formaat", "csv"])
    assert result.exit_code == 0, result.output
    lines = [line.split(";") for line in result.output.splitlines() if line.count(";") > 5]
    kop = lines[0]
    rij = dict(zip(kop, next(line for line in lines if line[0] == "GEDEELD")))
    assert (rij["Status"], rij["Toegekend"], rij["Gereserveerd"]) == ("gereserveerd, verdeling open", "0,00",
                                                                      "300.000,00")


def test_the_overview_is_computed_once_per_ledger_year_and_date(monkeypatch) -> None:  # noqa: ANN001
    """Reports that ask for the same overview share one (it is frozen); a reloaded ledger is computed anew."""
    from ledger.load import DEMO_LEDGER
    from ledger.load import load_ledger
    from reports.compute import geldstromen

    ledger = load_ledger(DEMO_LEDGER)
    calls = []
    echt = geldstromen._overzicht
    monkeypatch.setattr(geldstromen, "_overzicht", lambda *a: calls.append(a[2:]) or echt(*a))
    monkeypatch.setattr(geldstromen, "_OVERZICHTEN", geldstromen._Overzichten())
    eerste = geldstromen.geldstromen_overzicht(ledger.entries, ledger.programma, 2026)
    assert geldstromen.geldstromen_overzicht(ledger.entries, ledger.programma, 2026) is eerste
    geldstromen.geldstromen_overzicht(ledger.entries, ledger.programma, 2025)
    assert len(calls) == 2
    kopie = list(ledger.entries)  # another ledger (a reload): computed again, same figures
    assert geldstromen.geldstromen_overzicht(kopie, ledger.programma, 2026) == eerste
    assert len(calls) == 3

"""Dated partner tariffs: ``Partner.tarief_op`` in the model, the plugin's formatie rule and
the importers' valuation of hours all use the tariff valid on the posting's date.

The hand-built ledger tests/data/gelijk/main.beancount gives HVA 100.00 EUR per hour until
2024 and 120.00 EUR from 2025-01-01 (``custom "tarief"``); it has 108,75 hours in both years.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount import loader

from importers.context import Grootboek
from importers.processing import RijVerwerker
from importers.rows import Rij
from importers.sjabloon import maak_sjabloon
from ledger.load import load_ledger

DATA = Path(__file__).parent / "data" / "gelijk"
LEDGER = DATA / "main.beancount"
D = Decimal
DAG = datetime.date


@pytest.fixture(scope="module")
def ledger():  # noqa: ANN201
    return load_ledger(LEDGER)


def load_with(tmp_path: Path, fragment: str) -> list:
    """The errors of the hand-built ledger with ``fragment`` appended."""
    path = tmp_path / "grootboek.beancount"
    path.write_text(LEDGER.read_text(encoding="utf-8") + "\n" + fragment.strip("\n") + "\n", encoding="utf-8")
    _, errors, _ = loader.load_file(str(path))
    return [error.message for error in errors]


def test_ledger_with_tariff_change_is_clean(ledger) -> None:  # noqa: ANN001
    assert ledger.errors == []


def test_tarief_op(ledger) -> None:  # noqa: ANN001
    hva = ledger.programma.partners["HVA"]
    assert [(t.vanaf, t.bedrag) for t in hva.tarieven] == [(DAG(2023, 1, 1), D("100.00")),
                                                           (DAG(2025, 1, 1), D("120.00"))]
    assert hva.tarief_op(DAG(2022, 12, 31)) is None
    assert hva.tarief_op(DAG(2023, 1, 1)) == D("100.00")
    assert hva.tarief_op(DAG(2024, 12, 31)) == D("100.00")
    assert hva.tarief_op(DAG(2025, 1, 1)) == D("120.00")
    assert hva.tarief_op(DAG(2030, 6, 1)) == D("120.00")
    gem = ledger.programma.partners["GEM-AMS"]
    assert gem.tarief_op(DAG(2025, 6, 1)) == D("80.00")
    assert ledger.programma.partners["STADGENOOT"].tarieven == ()
    assert ledger.programma.partners["STADGENOOT"].tarief_op(DAG(2025, 6, 1)) is None


def test_hours_valued_at_their_own_tariff(ledger) -> None:  # noqa: ANN001
    """The ledger's formatie: 108,75 h at 100,00 in 2024 and at 120,00 in 2025 (beanquery)."""
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(
        "SELECT year(date) AS jaar, sum(number) WHERE account ~ ':EIGEN$' AND meta('partner') = 'HVA' "
        "AND meta('uren') IS NOT NULL GROUP BY jaar ORDER BY jaar").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(2024, D("10875.00")), (2025, D("13050.00"))]


def test_new_tariff_applies_from_its_date(tmp_path: Path) -> None:
    assert load_with(tmp_path, """
2025-02-28 * "HVA" "Uren tegen het oude tarief"
  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN   1000.00 EUR
    partner: "HVA"
    uren: 10
  Equity:Inbreng-partners
""") == ["Formatie klopt niet: 10 uur × € 120,00 = € 1.200,00, geboekt € 1.000,00"]


def test_earlier_years_keep_their_tariff(tmp_path: Path) -> None:
    assert load_with(tmp_path, """
2024-12-31 * "HVA" "Uren tegen het nieuwe tarief, te vroeg"
  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN   1200.00 EUR
    partner: "HVA"
    uren: 10
  Equity:Inbreng-partners
""") == ["Formatie klopt niet: 10 uur × € 100,00 = € 1.000,00, geboekt € 1.200,00"]


def test_no_tariff_yet(tmp_path: Path) -> None:
    messages = load_with(tmp_path, """
2026-01-01 custom "partner" "NIEUW" "Nieuwe partner"
2026-07-01 custom "tarief" "NIEUW" 70.00 EUR
2026-03-31 * "NIEUW" "Uren voor het tarief"
  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN   700.00 EUR
    partner: "NIEUW"
    uren: 10
  Equity:Inbreng-partners
2026-07-31 * "NIEUW" "Uren na het tarief"
  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN   700.00 EUR
    partner: "NIEUW"
    uren: 10
  Equity:Inbreng-partners
""")
    assert messages == ["Formatie klopt niet: uren zonder partner met tarief op 2026-03-31 (NIEUW)"]


def test_malformed_tariffs(tmp_path: Path) -> None:
    messages = load_with(tmp_path, """
2025-01-01 custom "tarief" "ONBEKEND" 50.00 EUR
2025-01-01 custom "tarief" "HVA" 125.00 EUR
2025-02-01 custom "tarief" "HVA" "veel"
""")
    assert sorted(messages) == sorted([
        "Ongeldige declaratie: tarief voor partner ONBEKEND, die niet is gedeclareerd",
        "Ongeldige declaratie: partner HVA heeft al een tarief vanaf 2025-01-01",
        "Ongeldige declaratie: tarief heeft partner en bedrag nodig, bijvoorbeeld custom \"tarief\" \"HVA\" 100.00 EUR",
    ])


def _rij(datum: datetime.date, uren: str, bedrag: str | None = None) -> Rij:
    waarden = {"datum": datum, "actielijn": "VEI-01", "geldstroom": "eigen middelen", "uren": uren,
               "bedrag": bedrag, "omschrijving": "Onderzoekers"}
    return Rij(pad="hva.xlsx", blad=None, nummer=4, waarden=waarden, kolommen={})


def test_importer_values_hours_at_the_tariff_of_the_row(ledger) -> None:  # noqa: ANN001
    verwerker = RijVerwerker(Grootboek.van_entries(ledger.entries), "HVA")
    vroeg, laat = _rij(DAG(2024, 12, 31), "108,75"), _rij(DAG(2025, 1, 1), "108,75")
    assert verwerker.verwerk(vroeg).bedrag == D("10875.00")
    assert verwerker.verwerk(laat).bedrag == D("13050.00")
    assert vroeg.fouten == [] and laat.fouten == []
    fout = _rij(DAG(2025, 3, 1), "10", "1.000,00")
    assert verwerker.verwerk(fout) is None
    assert [f.message for f in fout.fouten] == [
        "kolom Bedrag: € 1.000,00 is niet 10 uur × € 120,00 = € 1.200,00 "
        "(suggestie: laat Bedrag leeg, dan wordt het uit de uren berekend)"]


def test_template_names_the_tariffs_of_its_year(ledger) -> None:  # noqa: ANN001
    grootboek = Grootboek.van_entries(ledger.entries)

    def leesmij(jaar: int) -> str:
        werkmap = maak_sjabloon(grootboek, "HVA", jaar)
        return "\n".join(str(c.value) for c in werkmap["Leesmij"]["A"] if c.value)

    assert "Uurtarief: € 100,00 per uur" in leesmij(2024)
    assert "Uurtarief: € 120,00 per uur" in leesmij(2025)


def test_half_a_cent_rounds_up_in_the_plugin(tmp_path: Path) -> None:
    """0,5 uur × € 85,01 = € 42,505: Dutch accounts round half up, so € 42,51 is right and € 42,50 wrong."""
    tarief = '2026-01-01 custom "tarief" "HVA" 85.01 EUR\n'
    goed = """
2026-03-31 * "HVA" "Een half uur"
  Expenses:Actielijn:VEI:VEI-01-Straatcoaches:EIGEN   42.51 EUR
    partner: "HVA"
    uren: 0.5
  Equity:Inbreng-partners
"""
    assert load_with(tmp_path, tarief + goed) == []
    assert load_with(tmp_path, tarief + goed.replace("42.51 EUR", "42.50 EUR")) == [
        "Formatie klopt niet: 0.5 uur × € 85,01 = € 42,51, geboekt € 42,50"]


def test_half_a_cent_rounds_up_in_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "grootboek.beancount"
    path.write_text(LEDGER.read_text(encoding="utf-8") + '\n2026-01-01 custom "tarief" "HVA" 85.01 EUR\n',
                    encoding="utf-8")
    verwerker = RijVerwerker(Grootboek.van_entries(load_ledger(path, cache=False).entries), "HVA")
    assert verwerker.verwerk(_rij(DAG(2026, 3, 31), "0,5")).bedrag == D("42.51")
    partner_goed = _rij(DAG(2026, 3, 31), "0,5", "42,51")
    assert verwerker.verwerk(partner_goed).bedrag == D("42.51") and partner_goed.fouten == []

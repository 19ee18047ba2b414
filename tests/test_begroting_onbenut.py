"""Planned underspend: awarded money that no budget uses before the stream's end date.

The figure (``Dekking.onbenut_voor_einde``) is reconciled with independent sums: spending
before the year by beanquery over the postings, and the budget of the year and the later
years from the raw ``custom "begroting"``/``"begrotingswijziging"`` directives. Then the summary and a
decision point must name it, in rounded amounts.
"""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount.core import data

from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from ledger.nl import euro_rond
from reports.compute.begroting import Dekking
from reports.compute.begroting import begroting
from reports.documents.begroting import besluitpunten
from reports.documents.begroting import onbenut_tekst

DATA = Path(__file__).parent / "data" / "begroting" / "grootboek.beancount"
D = Decimal
# The stand the figures by hand were computed on (a begroting made on 31 October 2026).
PEILDATUM = datetime.date(2026, 10, 31)


def _budget_directives(entries: list, stroom: str, van: int, tot: int) -> Decimal:
    """The raw budget directives on a stream for the years van..tot (primitive plus amendments)."""
    total = D(0)
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type in ("begroting", "begrotingswijziging"):
            jaar, _, code, bedrag = (v.value for v in entry.values)
            if code == stroom and van <= int(jaar) <= tot:
                total += bedrag.number
    return total


def test_euro_rond_whole_euros_or_millions() -> None:
    assert euro_rond(D("40000.00")) == "€ 40.000"
    assert euro_rond(D("423757.43")) == "€ 423.757"
    assert euro_rond(D("999999.50")) == "€ 1,0 mln"
    assert euro_rond(D("16533275.50")) == "€ 16,5 mln"
    assert euro_rond(D("-1250000")) == "€ -1,3 mln"
    assert euro_rond(None) == ""


def test_the_figure_by_its_rule() -> None:
    """Only awarded streams with an end date; later budgets count; never below 0."""
    basis = {"stroom": "X", "naam": "X", "verdeling_open": False, "einddatum": datetime.date(2029, 12, 31),
             "toegezegd": D(1000), "besteed_eerder": D(100), "verplicht": D(100), "beschikbaar": D(800),
             "begroot": D(300)}
    assert Dekking(status="toegekend", begroot_later=D(200), **basis).onbenut_voor_einde == D(300)
    assert Dekking(status="toegekend", begroot_later=D(900), **basis).onbenut_voor_einde == D(0)
    assert Dekking(status="verwacht", **basis).onbenut_voor_einde == D(0)  # not toegezegd yet
    assert Dekking(status="toegekend", **{**basis, "einddatum": None}).onbenut_voor_einde == D(0)


def test_test_ledger_gem_org_by_hand() -> None:
    """GEM-ORG: 600.000 awarded to 2028, 318.000 spent before 2027 and no open commitments;
    100.000 spent in 2026 to 31 October (304 days) gives 20.065,79 for the 61 days left:
    261.934,21 available, 200.000 budgeted in 2027, nothing in 2028: 61.934,21 unbudgeted. VHF
    is over-budgeted, ENERGIEFIXERS is only expected: neither counts."""
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2027, PEILDATUM)
    onbenut = {d.stroom: d.onbenut_voor_einde for d in b.dekking}
    assert onbenut["GEM-ORG"] == D("61934.21")
    assert onbenut["VHF"] == 0 and onbenut["ENERGIEFIXERS"] == 0 and onbenut["EIGEN"] == 0
    assert b.onbenut_voor_einde == D("61934.21")
    assert "€ 61.934" in onbenut_tekst(b)
    assert any(p.startswith("Kennis te nemen van € 61.934 toegekend geld") and "GEM-ORG € 61.934" in p
               and "verlenging" in p and "terugbetaling" in p for p in besluitpunten(b))


def test_a_later_budget_reduces_it(tmp_path: Path) -> None:
    """Budgeting 50.000 of GEM-ORG in 2028 (before its end date) leaves 11.934,21; a budget in
    2029 (after it) changes nothing."""
    target = tmp_path / "begroting"
    shutil.copytree(DATA.parent, target)
    main = target / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + """
2026-10-20 custom "begroting" 2028 "ORG-01" "GEM-ORG" 50000.00 EUR
2026-10-20 custom "begroting" 2029 "ORG-01" "GEM-ORG" 7000.00 EUR
""", encoding="utf-8")
    ledger = load_ledger(main)
    b = begroting(ledger.entries, ledger.programma, 2027, PEILDATUM)
    gem = next(d for d in b.dekking if d.stroom == "GEM-ORG")
    assert (gem.begroot_later, gem.onbenut_voor_einde) == (D("50000.00"), D("11934.21"))


@pytest.mark.parametrize("path", [DATA, DEMO_LEDGER], ids=["test", "demo"])
def test_reconciles_with_the_directives_and_beanquery(path: Path) -> None:
    """Per awarded stream: award, open commitments and the rest-of-year forecast (the coverage
    columns; test_begroting_prognose reconciles the forecast) − spending before 2027 (beanquery
    over the stream's actielijn leaves) − the raw budget directives 2027 up to the end year,
    never below 0."""
    ledger = load_ledger(path)
    b = begroting(ledger.entries, ledger.programma, 2027, PEILDATUM)
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    totaal = D(0)
    for d in b.dekking:
        if d.status != "toegekend" or d.einddatum is None or d.beschikbaar <= 0:
            assert d.onbenut_voor_einde == 0, d.stroom
            continue
        ((besteed,),) = connection.execute(
            f"SELECT sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:.*:{d.stroom}$' "
            "AND date < 2027-01-01").fetchall()
        besteed = besteed or D(0)
        assert besteed == d.besteed_eerder, d.stroom
        budget = _budget_directives(ledger.entries, d.stroom, 2027, d.einddatum.year)
        verwacht = max(d.toegezegd - besteed - d.verplicht - d.prognose_rest - budget, D(0))
        assert d.onbenut_voor_einde == verwacht, d.stroom
        totaal += verwacht
    assert b.onbenut_voor_einde == totaal


def test_demo_figures_and_words() -> None:
    """The demo: € 22,1 mln across the awarded streams, VHF € 16,3 mln; ENERGIEFIXERS (verwacht)
    not counted."""
    ledger = load_ledger(DEMO_LEDGER)
    b = begroting(ledger.entries, ledger.programma, 2027, PEILDATUM)
    assert b.onbenut_voor_einde == D("22065380.73")
    assert next(d for d in b.dekking if d.stroom == "VHF").onbenut_voor_einde == D("16314552.89")
    tekst = onbenut_tekst(b)
    assert "€ 22,1 mln" in tekst and "VHF € 16,3 mln" in tekst
    assert "ENERGIEFIXERS" not in tekst
    assert any("€ 22,1 mln toegekend geld" in p for p in besluitpunten(b))

"""Risks a board can weigh: amount at risk, likelihood and impact by the documented rule, a
weighted total against the declared weerstandscapaciteit, one risk per stream, kansen apart.

The test ledger's figures are worked out by hand from its directives; the weighted total is
recomputed from the rule, and the declared capacity read from the raw ``custom "instelling"``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.begroting import KANSFACTOR
from reports.compute.begroting import begroting
from reports.compute.begroting import impact_van
from reports.documents.begroting import begroting_document
from reports.documents.begroting import weerstand_tekst
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok

DATA = Path(__file__).parent / "data" / "begroting" / "grootboek.beancount"
D = Decimal


def _capaciteit(entries: list) -> Decimal:
    entry = next(e for e in entries if isinstance(e, data.Custom) and e.type == "instelling"
                 and e.values[0].value == "weerstandscapaciteit")
    return entry.values[1].value.number


def test_test_ledger_risks_by_hand() -> None:
    """VHF: 900.000 budgeted, 860.000 available: 40.000 uncovered (kans groot, 2,7% of the
    1.490.000 budget: impact middel, weighted 30.000). PMG ended 31 May 2026: 10.000 budgeted in
    2027 without cover plus 500.000 received and unspent, one risk of 510.000 (zeker, groot)."""
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2027)
    rows = [(r.soort, r.stroom, r.bedrag, r.kans, r.impact, r.gewogen) for r in b.risicos]
    assert rows == [
        ("ongedekt", "VHF", D("40000.00"), "groot", "middel", D("30000.00")),
        ("looptijd", "PMG", D("510000.00"), "zeker", "groot", D("510000.00")),
    ]
    assert b.risico_totaal == D("550000.00") and b.risico_gewogen == D("540000.00")
    assert b.weerstandscapaciteit == _capaciteit(ledger.entries) == D("100000.00")
    assert b.weerstandsvermogen == D("0.19") and b.weerstand_tekort == D("440000.00")
    assert weerstand_tekst(b) == (
        "De risico's samen bedragen € 550.000; gewogen naar kans is dat € 540.000. De vastgelegde "
        "weerstandscapaciteit is € 100.000 (weerstandsvermogen 0,19); € 440.000 van de gewogen risico's kan het "
        "programma niet opvangen.")


@pytest.mark.parametrize("path", [DATA, DEMO_LEDGER], ids=["test", "demo"])
def test_one_risk_per_stream_weighted_by_the_rule(path: Path) -> None:
    ledger = load_ledger(path)
    b = begroting(ledger.entries, ledger.programma, 2027)
    per_stroom = Counter(r.stroom for r in b.risicos)
    assert all(n == 1 for n in per_stroom.values()), per_stroom
    assert not {r.stroom for r in b.risicos} & {k.stroom for k in b.kansen}
    for r in b.risicos:
        assert r.bedrag > 0
        assert r.gewogen == (r.bedrag * KANSFACTOR[r.kans]).quantize(D("0.01"))
        assert r.impact == impact_van(r.bedrag, b.totaal)
        assert ledger.programma.geldstromen.get(r.stroom) is None or \
            ledger.programma.geldstromen[r.stroom].status == "toegekend" or r.soort == "verdeling"
    assert b.risico_gewogen == sum((r.gewogen for r in b.risicos), D(0))
    jaar_start = datetime.date(2027, 1, 1)
    assert all(k.einddatum is None or k.einddatum >= jaar_start for k in b.kansen)


def test_demo_risk_table_has_total_likelihood_impact_and_mitigation() -> None:
    ledger = load_ledger(DEMO_LEDGER)
    b = begroting(ledger.entries, ledger.programma, 2027)
    assert b.weerstandscapaciteit == _capaciteit(ledger.entries) == D("2500000.00")
    assert all(r.stroom != "ENERGIEFIXERS" for r in b.risicos)
    assert any(k.stroom == "ENERGIEFIXERS" and k.soort == "verwacht" for k in b.kansen)
    doc = begroting_document(b, ledger.programma, documentdatum=datetime.date(2026, 12, 1), kenmerk="x", demo=True)
    sectie = next(s for s in doc.secties if isinstance(s, Sectie) and s.titel == "Risico's")
    blokken = [x for x in sectie.inhoud if isinstance(x, TabelBlok)]
    tabel = blokken[0].tabel
    kop = [k.kop for k in tabel.kolommen]
    assert kop == ["Soort", "Geldstroom", "Bedrag in gevaar", "Kans", "Impact", "Gewogen", "Toelichting",
                   "Beheersmaatregel"]
    totalen = tabel.totalen()
    assert totalen[2] == b.risico_totaal and totalen[5] == b.risico_gewogen
    assert all(rij[7] for rij in tabel.rijen)
    assert blokken[1].tabel.titel.startswith("Kansen voor 2027")

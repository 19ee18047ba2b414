"""Primitive and amended labels, and the autorisatieniveau declared as data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.begroting import begroting
from reports.documents.begroting import autorisatie_tekst
from reports.documents.begroting import begrotingsstand_tekst
from reports.documents.begroting import besluitpunten

DATA = Path(__file__).parent / "data" / "begroting" / "grootboek.beancount"
D = Decimal


def test_labels_from_the_directives() -> None:
    """2025 has its primitive lines (828.000: 150.000 + 20.000 + 100.000 + 400.000 + 38.000 +
    120.000) and one amendment decision; 2024 has no budget; 2026 and 2027 are primitive."""
    ledger = load_ledger(DATA)
    b2025 = begroting(ledger.entries, ledger.programma, 2025)
    assert b2025.gewijzigd and b2025.primitief == D("828000.00")
    assert begrotingsstand_tekst(b2025) == ("Begroting 2025: gewijzigde begroting (primitief € 828.000, 1 wijziging). "
                                           "Begroting 2024 ter vergelijking: geen begroting.")
    b2026 = begroting(ledger.entries, ledger.programma, 2026)
    assert b2026.vorig_primitief == D("828000.00") and b2026.vorig_gewijzigd
    assert begrotingsstand_tekst(b2026) == ("Begroting 2026: primitieve begroting. Begroting 2025 ter vergelijking: "
                                           "gewijzigde begroting (primitief € 828.000, 1 wijziging).")


def test_autorisatieniveau_declared_as_data() -> None:
    ledger = load_ledger(DATA)
    b = begroting(ledger.entries, ledger.programma, 2027)
    assert b.autorisatie == (D("25000.00"), "domein")
    assert autorisatie_tekst(b).startswith("De programmadirecteur mag zonder besluit van het alliantiebestuur per "
                                           "keer tot € 25.000 verschuiven tussen actielijnen binnen hetzelfde domein")
    assert any(p.startswith("Het autorisatieniveau voor 2027 vast te stellen: de programmadirecteur mag")
               for p in besluitpunten(b))


def test_without_a_declaration_every_shift_needs_the_ab() -> None:
    ledger = load_ledger(DEMO_LEDGER)
    b = begroting(ledger.entries, ledger.programma, 2027)
    assert b.autorisatie is None
    assert "vraagt een besluit van het alliantiebestuur" in autorisatie_tekst(b)
    assert not any(p.startswith("Het autorisatieniveau") for p in besluitpunten(b))

"""Shared fixtures: the demo ledger, loaded once per test session."""

from __future__ import annotations

import pytest

from ledger.load import Ledger
from ledger.load import load_ledger


@pytest.fixture(scope="session")
def demo() -> Ledger:
    """The embedded demo ledger (must load without errors)."""
    ledger = load_ledger()
    assert ledger.errors == [], [error.message for error in ledger.errors[:5]]
    return ledger

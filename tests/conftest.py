"""Shared fixtures: the demo ledger, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ledger.load import Ledger
from ledger.load import load_ledger


@pytest.fixture(scope="session", autouse=True)
def _cache_map(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The load cache of the tests in a folder of their own, never the user's cache."""
    saved = os.environ.get("SNW_CACHE_MAP")
    os.environ["SNW_CACHE_MAP"] = str(tmp_path_factory.mktemp("snw-cache"))
    yield
    if saved is None:
        os.environ.pop("SNW_CACHE_MAP", None)
    else:
        os.environ["SNW_CACHE_MAP"] = saved


@pytest.fixture(scope="session")
def demo() -> Ledger:
    """The embedded demo ledger (must load without errors)."""
    ledger = load_ledger()
    assert ledger.errors == [], [error.message for error in ledger.errors[:5]]
    return ledger

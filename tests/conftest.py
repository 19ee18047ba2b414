"""Shared fixtures: the demo ledger, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ledger.load import Ledger
from ledger.load import load_ledger


VANDAAG = "2026-12-08"


@pytest.fixture(scope="session", autouse=True)
def _cache_map(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The caches of the tests in a folder of their own, never the user's cache; no document cache."""
    saved = {naam: os.environ.get(naam) for naam in ("SNW_CACHE_MAP", "SNW_GEEN_DOCUMENTCACHE", "SNW_VANDAAG")}
    os.environ["SNW_CACHE_MAP"] = str(tmp_path_factory.mktemp("snw-cache"))
    # Every test renders its documents (a determinism test must render twice); the document
    # cache has its own tests (tests/test_documentcache.py), which switch it on.
    os.environ["SNW_GEEN_DOCUMENTCACHE"] = "1"
    # Today is fixed (ledger.klok.vandaag): a report's default peildatum is today for the current
    # year, so the figures the tests expect must not move with the day CI runs. The date is the
    # day this rule was written; the demo's last booking is of 31 October 2026.
    os.environ["SNW_VANDAAG"] = VANDAAG
    yield
    for naam, waarde in saved.items():
        if waarde is None:
            os.environ.pop(naam, None)
        else:
            os.environ[naam] = waarde


@pytest.fixture(scope="session")
def demo() -> Ledger:
    """The embedded demo ledger (must load without errors)."""
    ledger = load_ledger()
    assert ledger.errors == [], [error.message for error in ledger.errors[:5]]
    return ledger

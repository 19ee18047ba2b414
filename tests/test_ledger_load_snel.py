"""The load's speed measures keep its results: the include scan, the collector, the spending scan.

``ledger.load.include_patronen`` finds the ``include`` lines without running the expression
at every byte; ``load_ledger`` freezes the loaded ledger out of the cyclic collector; the
reports' spending scan and the vliegwiel trend split each account and classify each stream
once. No timings here: each test checks the structure that makes it fast.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ledger import load
from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger


@pytest.mark.parametrize("content", [
    b"",
    b'include "a.beancount"\n',
    b'include "a.beancount"',
    b'\ninclude "a.beancount"\n  include "not-me"\n;include "nor-me"\nxinclude "no"\ninclude\t"b/*.beancount" ; c\n',
    b'2024-01-01 * "include \\"x\\""\n  narration: "\ninclude"\ninclude "c\\"d.beancount"\n',
    b'includes "x"\ninclude"y"\ninclude  "z"\r\ninclude "unterminated\n',
])
def test_include_patronen_equals_the_expression(content: bytes) -> None:
    assert load.include_patronen(content) == load._INCLUDE.findall(content)  # noqa: SLF001


def test_include_patronen_of_the_demo() -> None:
    for path in DEMO_LEDGER.parent.rglob("*.beancount"):
        content = path.read_bytes()
        assert load.include_patronen(content) == load._INCLUDE.findall(content)  # noqa: SLF001


@pytest.mark.parametrize("cache", [False, True])
def test_the_loaded_ledger_is_frozen_out_of_the_collector(cache: bool, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(load.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(load, "CACHE_THRESHOLD", 0.0)
    gc.unfreeze()
    try:
        load_ledger(DEMO_LEDGER, cache=cache)
        if cache:
            gc.unfreeze()
            load_ledger(DEMO_LEDGER, cache=True)  # from the cache file
        assert gc.get_freeze_count() > 10_000
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_spending_scan_splits_each_account_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger import model
    from reports.compute import bestedingen

    ledger = load_ledger(DEMO_LEDGER, cache=False)
    calls: list[str] = []
    original = model.Programma.actielijn_van_account

    def counted(self: model.Programma, account: str) -> object:
        calls.append(account)
        return original(self, account)

    monkeypatch.setattr(model.Programma, "actielijn_van_account", counted)
    feiten = list(bestedingen._scan(ledger.entries, ledger.programma))  # noqa: SLF001
    assert len(feiten) > len(set(calls))
    assert len(calls) == len(set(calls))


def test_vliegwiel_trend_classifies_each_stream_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.compute import proportionaliteit
    from reports.compute.bestedingen import bestedingen

    ledger = load_ledger(DEMO_LEDGER, cache=False)
    feiten = list(bestedingen(ledger.entries, ledger.programma))
    jaren = tuple(sorted({feit.datum.year for feit in feiten}))
    expected = proportionaliteit.vliegwiel_trend(feiten, ledger.programma, jaren)
    calls: list[str] = []
    original = proportionaliteit.middelsoort

    def counted(stroom: str, programma: object) -> str:
        calls.append(stroom)
        return original(stroom, programma)

    monkeypatch.setattr(proportionaliteit, "middelsoort", counted)
    assert proportionaliteit.vliegwiel_trend(feiten, ledger.programma, jaren) == expected
    assert len(calls) == len(set(calls)) == len({feit.stroom for feit in feiten})

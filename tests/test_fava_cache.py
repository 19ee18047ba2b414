"""Our pages compute their figures once per ledger load, before the first request (counted, not timed).

``after_load_file`` computes every page for every year it offers, in one store the four pages
share; a request for any of those years computes nothing, ``?time=2025`` is the same view as
2025's default, and a month is computed once on first use. The timings at 100,000
transactions are measured by hand (the report of issue 12), not asserted here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fava.application import create_app

import reports.fava_ext
from ledger.load import DEMO_LEDGER

BEREKENINGEN = ("geldstromen_overzicht", "verplichtingen_overzicht", "begroting", "proportionaliteit")


@pytest.fixture()
def tellers(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Count the calls of the computation functions the pages use, per (function, year, peildatum)."""
    geteld: Counter = Counter()
    for naam in BEREKENINGEN:
        echt = getattr(reports.fava_ext, naam)

        def geteld_(*args: Any, _naam: str = naam, _echt: Any = echt, **kwargs: Any) -> Any:
            geteld[(_naam, *args[2:])] += 1
            return _echt(*args, **kwargs)

        monkeypatch.setattr(reports.fava_ext, naam, geteld_)
    return geteld


def test_figures_are_computed_once_per_load_before_the_first_request(tellers: Counter) -> None:
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    jaren = list(range(2023, 2028))
    # While the ledger loads: every page, every year offered, once.
    assert set(tellers.values()) == {1}
    for naam in BEREKENINGEN:
        assert sorted(k[1] for k in tellers if k[0] == naam) == jaren, naam
    na_laden = Counter(tellers)
    client = app.test_client()
    for _ in range(2):
        for pagina in ("Geldstromen", "Verplichtingen", "Begroting", "Proportionaliteit"):
            for query in ("", "?account=PMG", *(f"?time={jaar}" for jaar in jaren), "?jaar=2025"):
                assert client.get(f"/{slug}/extension/{pagina}/{query}").status_code == 200
    assert tellers == na_laden  # every request answered from the store
    for _ in range(3):
        assert client.get(f"/{slug}/extension/Geldstromen/?time=2025-06").status_code == 200
    assert sum(tellers.values()) == sum(na_laden.values()) + 1  # a month: once, on first use
    # A new load (Fava does this when a file changes) starts a new store and computes everything again.
    app.config["LEDGERS"][slug].load_file()
    assert {tellers[sleutel] for sleutel in na_laden} == {2}


def test_the_pages_share_one_programme_so_the_spending_scan_is_shared() -> None:
    """One parsed programme for all four pages: the computation layer's spending cache is keyed on
    (entries, programme) by identity, so a programme per page would rescan the ledger page after page."""
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    ledger = app.config["LEDGERS"][app.config["LEDGERS"].first_slug()]
    paginas = [ledger.extensions.get_extension(naam)
               for naam in ("Geldstromen", "Verplichtingen", "Begroting", "Proportionaliteit")]
    assert len({id(pagina.programma()) for pagina in paginas}) == 1

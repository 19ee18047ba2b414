"""Our pages compute their figures once per ledger load (counted, not timed)."""

from __future__ import annotations

from typing import Any

import pytest
from fava.application import create_app

import reports.fava_ext
from ledger.load import DEMO_LEDGER


@pytest.fixture()
def tellers(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the calls of the computation functions the pages use."""
    geteld = {"geldstromen": 0, "verplichtingen": 0}
    echte_geldstromen = reports.fava_ext.geldstromen_overzicht
    echte_verplichtingen = reports.fava_ext.verplichtingen_overzicht

    def geldstromen(*args: Any, **kwargs: Any) -> Any:
        geteld["geldstromen"] += 1
        return echte_geldstromen(*args, **kwargs)

    def verplichtingen(*args: Any, **kwargs: Any) -> Any:
        geteld["verplichtingen"] += 1
        return echte_verplichtingen(*args, **kwargs)

    monkeypatch.setattr(reports.fava_ext, "geldstromen_overzicht", geldstromen)
    monkeypatch.setattr(reports.fava_ext, "verplichtingen_overzicht", verplichtingen)
    return geteld


def test_figures_are_computed_once_per_load(tellers: dict[str, int]) -> None:
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    # The default view is computed while the ledger loads.
    assert tellers == {"geldstromen": 1, "verplichtingen": 1}
    client = app.test_client()
    for _ in range(3):
        for pagina in ("Geldstromen", "Verplichtingen"):
            assert client.get(f"/{slug}/extension/{pagina}/").status_code == 200
            assert client.get(f"/{slug}/extension/{pagina}/?account=PMG").status_code == 200
    assert tellers == {"geldstromen": 1, "verplichtingen": 1}
    for _ in range(3):
        assert client.get(f"/{slug}/extension/Geldstromen/?time=2025").status_code == 200
    assert tellers["geldstromen"] == 2
    # A new load (Fava does this when a file changes) forgets the figures and computes the default again.
    app.config["LEDGERS"][slug].load_file()
    assert tellers == {"geldstromen": 3, "verplichtingen": 2}
    assert client.get(f"/{slug}/extension/Geldstromen/?time=2025").status_code == 200
    assert tellers["geldstromen"] == 4

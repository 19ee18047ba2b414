"""Release entries carry ``#vrijval``: Fava's filter ``-#vrijval`` hides them; the demo's sidebar links to that journal."""

from __future__ import annotations

from urllib.parse import unquote

from beancount.core import data
from fava.application import create_app

from ledger.load import DEMO_LEDGER
from ledger.rules.context import DERIVED
from ledger.rules.vrijval import TAG


def test_every_release_is_tagged_and_nothing_else(demo) -> None:  # noqa: ANN001
    transacties = [e for e in demo.entries if isinstance(e, data.Transaction)]
    vrijval = [t for t in transacties if t.narration.startswith("Vrijval ")]
    assert vrijval
    assert all(TAG in t.tags and t.meta.get(DERIVED) for t in vrijval)
    assert not [t for t in transacties if TAG in t.tags and not t.narration.startswith("Vrijval ")]


def test_the_sidebar_journal_hides_the_releases() -> None:
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    ledger = app.config["LEDGERS"][slug]
    links = dict(ledger.misc.sidebar_links)
    url = links["Dagboek zonder vrijval"]
    assert url.startswith(f"/{slug}/journal/") and unquote(url).endswith("filter=-#vrijval")
    assert app.test_client().get(url).status_code == 200
    client = app.test_client()

    def journaal(**filters: str) -> list[dict]:
        antwoord = client.get(f"/{slug}/api/journal", query_string=filters)
        assert antwoord.status_code == 200
        return antwoord.get_json()["data"]

    met = journaal()
    zonder = journaal(filter="-#vrijval")
    vrijval = [e for e in met if e.get("narration", "").startswith("Vrijval ")]
    assert vrijval
    assert not [e for e in zonder if e.get("narration", "").startswith("Vrijval ")]
    assert len(zonder) == len(met) - len(vrijval)

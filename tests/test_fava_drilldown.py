"""A commitment's link leads to a journal with the commitment itself and its payments."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs
from urllib.parse import urlsplit

from fava.application import create_app

from ledger.load import DEMO_LEDGER


def test_the_commitment_link_shows_the_commitment_and_its_payments() -> None:
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    client = app.test_client()
    html = client.get(f"/{slug}/extension/Verplichtingen/?time=2025").get_data(as_text=True)
    href = unescape(re.search(r'<a href="([^"]*journal[^"]*)">beschikking-2025-001</a>', html).group(1))
    query = parse_qs(urlsplit(href).query)
    assert query["time"] == ["2025"]  # the time filter is kept
    antwoord = client.get(f"/{slug}/api/journal", query_string={"filter": query["filter"][0]}).get_json()
    soorten = [(e["t"], e.get("type")) for e in antwoord["data"]]
    assert soorten[0] == ("Custom", "verplichting")
    assert len([s for s in soorten if s[0] == "Transaction"]) >= 1
    assert all(s[0] in {"Custom", "Transaction"} for s in soorten)

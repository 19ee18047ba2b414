"""The demo ledger's Fava options: Geldstromen is the landing page, income/liabilities/equity shown positive."""

from __future__ import annotations

from fava.application import create_app

from ledger.load import DEMO_LEDGER


def test_fava_opens_on_geldstromen_with_inverted_signs() -> None:
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    ledger = app.config["LEDGERS"][slug]
    assert ledger.fava_options.invert_income_liabilities_equity is True
    assert ledger.fava_options_errors == []
    antwoord = app.test_client().get(f"/{slug}/")
    assert antwoord.status_code == 302
    assert antwoord.headers["Location"].endswith(f"/{slug}/extension/Geldstromen/")

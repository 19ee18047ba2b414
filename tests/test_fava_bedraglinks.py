"""Amounts link to the postings behind them: Fava's journal filtered to exactly the postings summed.

For every linked amount on every page (a stream's spending in the year and cumulative, a
commitment's payments, a stream's spending on Verplichtingen, last year's realisation of a
budget line on Begroting), the link's account, time and advanced filter are applied by Fava's
own filters; the postings on the matched accounts add up to the amount shown, cent for cent.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest
from beancount.core import data
from fava.application import create_app
from fava.core.filters import Match

from ledger.load import DEMO_LEDGER


class _Tabellen(HTMLParser):
    """The ``table.snw-tabel`` tables of a page: headings and cells as (text, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.tabellen: list[tuple[list[str], list[list[tuple[str, str | None]]]]] = []
        self._cel: list[str] | None = None
        self._href: str | None = None
        self._deel = ""  # thead, tbody or tfoot

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag == "table" and "snw-tabel" in (attributen.get("class") or ""):
            self.tabellen.append(([], []))
        elif not self.tabellen:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._deel = tag
        elif tag == "tr" and self._deel == "tbody":
            self.tabellen[-1][1].append([])
        elif tag in ("td", "th") and self._deel in ("thead", "tbody"):
            self._cel, self._href = [], None
        elif tag == "a" and self._cel is not None:
            self._href = attributen.get("href")

    def handle_data(self, tekst: str) -> None:
        if self._cel is not None:
            self._cel.append(tekst)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("td", "th") or self._cel is None:
            return
        tekst = " ".join("".join(self._cel).split())
        koppen, rijen = self.tabellen[-1]
        if self._deel == "thead":
            koppen.append(tekst)
        else:
            rijen[-1].append((tekst, self._href))
        self._cel = None


def _bedrag(tekst: str) -> Decimal:
    return Decimal(tekst.replace("€", "").replace(".", "").replace(",", ".").replace("−", "-").strip())


@pytest.fixture(scope="module")
def fava():  # noqa: ANN201
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    return app.test_client(), slug, app.config["LEDGERS"][slug]


def _som(ledger, href: str) -> tuple[Decimal, int]:  # noqa: ANN001
    """Sum and number of the postings on the link's accounts, filtered by Fava as its journal is."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
    assert urlsplit(href).path.endswith("/journal/")
    assert query.get("account") and query.get("time"), href
    gefilterd = ledger.get_filtered(account=query["account"], filter=query.get("filter"), time=query["time"])
    match = Match(query["account"])
    posten = [p for e in gefilterd.entries if isinstance(e, data.Transaction) for p in e.postings
              if match(p.account)]
    return sum((p.units.number for p in posten), Decimal(0)), len(posten)


LINKS = {
    "Geldstromen": ("Besteed jaar", "Besteed cumulatief"),
    "Verplichtingen": ("Betaald", "Besteed"),
    "Begroting": ("Realisatie",),
}


@pytest.mark.parametrize(("pagina", "query"), [
    ("Geldstromen", ""), ("Geldstromen", "?time=2025"), ("Geldstromen", "?time=2025-06"),
    ("Geldstromen", "?time=2024&kolommen=alle"),
    ("Verplichtingen", ""), ("Verplichtingen", "?time=2025"),
    ("Begroting", ""), ("Begroting", "?time=2026"),
])
def test_every_linked_amount_is_the_sum_of_the_postings_its_journal_shows(fava, pagina: str, query: str) -> None:  # noqa: ANN001
    client, slug, ledger = fava
    html = client.get(f"/{slug}/extension/{pagina}/{query}").get_data(as_text=True)
    lezer = _Tabellen()
    lezer.feed(html)
    gecontroleerd = 0
    for koppen, rijen in lezer.tabellen:
        kolommen = [i for i, kop in enumerate(koppen) if kop in LINKS[pagina] or kop.startswith("Realisatie ")
                    and "Realisatie" in LINKS[pagina]]
        for rij in rijen:
            for i in kolommen:
                tekst, href = rij[i]
                if _bedrag(tekst) == 0:
                    assert href is None or "/journal/" not in href
                    continue
                assert href is not None, (koppen[i], rij[0])
                som, aantal = _som(ledger, href)
                assert aantal > 0 and som == _bedrag(tekst), (koppen[i], rij[0][0], href)
                gecontroleerd += 1
    assert gecontroleerd >= 5, gecontroleerd


def test_a_commitment_and_its_payments_share_one_link(fava) -> None:  # noqa: ANN001
    """The paid amount's journal shows the payments on the commitment's link and leaf only."""
    client, slug, ledger = fava
    html = client.get(f"/{slug}/extension/Verplichtingen/?time=2025").get_data(as_text=True)
    lezer = _Tabellen()
    lezer.feed(html)
    koppen, rijen = lezer.tabellen[1]
    rij = next(r for r in rijen if _bedrag(r[koppen.index("Betaald")][0]) > 0)
    kenmerk = rij[0][0]
    betaald = parse_qs(urlsplit(rij[koppen.index("Betaald")][1]).query)
    commitment = parse_qs(urlsplit(rij[0][1]).query)
    assert betaald["filter"] == commitment["filter"]  # one link: the commitment and its payments
    gefilterd = ledger.get_filtered(filter=commitment["filter"][0])
    assert {type(e).__name__ for e in gefilterd.entries} == {"Custom", "Transaction"}
    # The paid amount narrows that to the payments on the commitment's own leaf.
    assert betaald["account"][0].endswith(":" + next(r[koppen.index("Geldstroom")][0] for r in [rij]) + "$")

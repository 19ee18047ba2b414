"""Geldstromen against Fava's own views: what they show agrees, what they cannot show is said.

*Nog te besteden* is the balance of ``Liabilities:Nog-te-besteden:<STROOM>`` (Fava's balance
sheet and account page), *Begroot* is Fava's budget column summed over the stream's leaves,
and *Gereserveerd* (declared, never booked, so absent from Fava's views) is among the default
columns, with the note that says so.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from fava.application import create_app

from ledger.load import DEMO_LEDGER
from reports.compute.geldstromen import geldstromen_overzicht
from reports.render.text import format_cel


def test_geldstromen_agrees_with_favas_balance_and_budgets_and_shows_reserved_money(demo) -> None:  # noqa: ANN001
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    ledger = app.config["LEDGERS"][slug]
    overzicht = geldstromen_overzicht(demo.entries, demo.programma, 2026)
    html = app.test_client().get(f"/{slug}/extension/Geldstromen/").get_data(as_text=True)
    kop = html[html.index("<thead>"):html.index("</thead>")]
    assert ">Gereserveerd<" in kop
    assert "Gereserveerd</em> (aangevraagd, verwacht of gereserveerd" in html
    pmg2 = next(r for r in overzicht.regels if r.code == "PMG-2")
    assert pmg2.gereserveerd == Decimal("24000000.00") and format_cel(pmg2.gereserveerd, "euro") in html

    gefilterd = ledger.get_filtered(time=f"2023-01-01 - {overzicht.peildatum.isoformat()}")
    saldi = gefilterd.root_tree
    leaves = {(a.code, stroom): a.leaf(stroom) for a in demo.programma.actielijnen.values()
              for stroom in demo.programma.geldstromen}
    for regel in overzicht.regels:
        rekening = f"Liabilities:Nog-te-besteden:{regel.code}"
        saldo = saldi.get(rekening).balance.get(("EUR", None), Decimal(0)) if rekening in saldi else Decimal(0)
        assert -saldo == regel.nog_te_besteden, regel.code
        begroot = sum((ledger.budgets.calculate(leaf, datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))
                       .get("EUR", Decimal(0)) for (_, stroom), leaf in leaves.items() if stroom == regel.code),
                      Decimal(0))
        assert begroot.quantize(Decimal("0.01")) == regel.begroot, regel.code

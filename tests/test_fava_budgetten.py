"""A quieter journal: no zero budget entries, and Fava's budgets still end with their year.

The plugin derives one ``custom "budget"`` per year and leaf and none with 0.00; the Fava
extension ends each of them at the end of its year inside Fava's budget module. So Fava's
budget of a leaf is the current budget of the year (``huidige_begroting``), also in a year
after the leaf's last budget (0, not carried on), and the journal lists no 0.00 budget.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount.core import data
from fava.application import create_app
from fava.core.budgets import BudgetModule

from ledger.load import DEMO_LEDGER
from ledger.model import huidige_begroting


@pytest.fixture(scope="module")
def fava_ledger():  # noqa: ANN201
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = app.config["LEDGERS"].first_slug()
    return app, slug, app.config["LEDGERS"][slug]


def _jaar(ledger, rekening: str, jaar: int) -> Decimal:  # noqa: ANN001
    bedragen = ledger.budgets.calculate(rekening, datetime.date(jaar, 1, 1), datetime.date(jaar + 1, 1, 1))
    return bedragen.get("EUR", Decimal(0)).quantize(Decimal("0.01"))


def test_no_zero_budget_entries_in_the_ledger_or_the_journal(fava_ledger) -> None:  # noqa: ANN001
    app, slug, ledger = fava_ledger
    budgetten = [e for e in ledger.all_entries if isinstance(e, data.Custom) and e.type == "budget"]
    assert budgetten
    assert not [e for e in budgetten if not e.values[2].value.number]
    journaal = app.test_client().get(f"/{slug}/api/journal").get_json()["data"]
    budget_regels = [e for e in journaal if e.get("t") == "Custom" and e.get("type") == "budget"]
    assert budget_regels
    assert not [e for e in budget_regels if Decimal(str(e["values"][2]["number"])) == 0]


def test_fava_budget_per_leaf_is_the_current_budget_of_each_year(fava_ledger, demo) -> None:  # noqa: ANN001
    """Every leaf, every year from the first budget to the year after the last: Fava = huidige_begroting."""
    _, _, ledger = fava_ledger
    huidig = huidige_begroting(demo.programma)
    jaren = sorted({jaar for jaar, _, _ in huidig})
    gestopt = 0
    for (code, stroom) in {(c, s) for _, c, s in huidig}:
        leaf = demo.programma.actielijnen[code].leaf(stroom)
        for jaar in range(jaren[0], jaren[-1] + 2):
            want = huidig.get((jaar, code, stroom), Decimal(0)).quantize(Decimal("0.01"))
            assert _jaar(ledger, leaf, jaar) == want, (leaf, jaar)
            gestopt += want == 0 and (jaar - 1, code, stroom) in huidig
    assert gestopt > 20  # many leaves end: their budget is not carried on


def test_ending_the_budgets_needs_fava_130s_budget_module() -> None:
    """``budgetten_per_jaar`` reaches into Fava 1.30's parsed budgets; a newer Fava must be checked."""
    assert "_budget_entries" in BudgetModule.__init__.__code__.co_names

"""The line index the validation uses is the one a parse of the import file's text gives."""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount.core import amount
from beancount.core import data

from importers import writer
from importers.rows import META_BRON


def _entry(index: int, extra_meta: int) -> data.Transaction:
    meta = {"kenmerk": f"K{index:03d}", META_BRON: f"export.csv rij {index + 2}"}
    for n in range(extra_meta):
        meta[f"x{n}"] = f"waarde {n}"
    posting = data.Posting("Expenses:X", amount.Amount(Decimal("1.25"), "EUR"), None, None, None,
                           {"partner": "P", "uren": Decimal(index % 3)} if index % 2 else None)
    tegen = data.Posting("Assets:Bank", None, None, None, None, None)
    return data.Transaction(meta, datetime.date(2025, 1, 1 + index % 28), "*", "Partner",
                            f"Regel {index}\nmet twee regels" if index == 4 else f"Regel {index}",
                            frozenset(), frozenset(), [posting, tegen])


def test_bron_index_matches_a_parse_of_the_text() -> None:
    doel = writer.Doelbestand(pad=writer.Path("p-2025.beancount"), partner="P", jaar=2025, oud=None,
                              entries=[_entry(i, i % 4) for i in range(40)])
    assert doel.bron_index == writer._bron_index(doel.tekst)  # noqa: SLF001
    assert doel.tekst == writer.render("P", 2025, doel.entries)
    doel.entries.append(_entry(40, 2))  # a changed plan is rendered again
    assert doel.bron_index == writer._bron_index(doel.tekst)  # noqa: SLF001
    assert len(doel.bron_index) == 41

"""``importers.fava_compat`` is bound to the Fava versions it was written for.

These tests tell, when Fava is upgraded, whether the runtime patches are still needed and
whether what they wrap is still there:

* ``test_installed_fava_is_a_tested_version`` fails as soon as the installed Fava leaves
  ``GETESTE_FAVA``: run the rest of this file against it, then widen the range or drop a patch;
* ``test_fava_still_gives_int_and_float_for_numeric_metadata`` fails when Fava keeps numeric
  metadata as ``Decimal`` by itself: the ``deserialise`` patch can then go;
* the ``..._still_...`` tests fail when an attribute the patches wrap is renamed or changes
  its signature, which would make a patch silently do nothing.
"""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any

import pytest
from fava import json_api
from fava import serialisation
from fava.core import FavaLedger
from fava.core.attributes import AttributesModule

from importers import fava_compat


def _json_entry() -> dict[str, Any]:
    """An extracted transaction as Fava's browser sends it back to ``/api/add_entries``."""
    return {
        "t": "Transaction", "date": "2024-03-31", "flag": "*", "payee": "EIGEN-HAARD",
        "narration": "Inzet huurdersavond", "tags": [], "links": [],
        "meta": {"filename": "x.csv", "lineno": 4, "kenmerk": "EH-1", "volgnummer": 7, "aandeel": 0.5},
        "postings": [
            {"account": "Expenses:Actielijn:WON:WON-01-Wonen:EIGEN", "amount": "1480.00 EUR",
             "meta": {"partner": "EIGEN-HAARD", "uren": 32}},
            {"account": "Equity:Inbreng-partners", "amount": "-1480.00 EUR", "meta": {}},
        ],
    }


def _code_names(func: Any) -> set[str]:
    """The global and attribute names a function's code uses (comprehensions included)."""
    names: set[str] = set()
    todo = [inspect.unwrap(func).__code__]
    while todo:
        code = todo.pop()
        names.update(code.co_names)
        todo.extend(const for const in code.co_consts if inspect.iscode(const))
    return names


def test_installed_fava_is_a_tested_version() -> None:
    versie = fava_compat.fava_versie()
    assert fava_compat.binnen_bereik(versie), (
        f"Fava {versie} is outside fava_compat.GETESTE_FAVA {fava_compat.GETESTE_FAVA}: check the "
        "tests in this file against it, then widen the range or remove the patches it no longer needs")


@pytest.mark.parametrize(("versie", "binnen"), [
    ("1.30", True), ("1.30.0", True), ("1.30.16", True), ("1.30.17.dev1", True),
    ("1.29.9", False), ("1.31", False), ("1.31.0", False), ("2.0.0", False), (None, False),
])
def test_tested_range(versie: str | None, binnen: bool) -> None:
    assert fava_compat.binnen_bereik(versie) is binnen


def test_fava_still_gives_int_and_float_for_numeric_metadata() -> None:
    """Without the patch, numbers come back as int/float (which Beancount's printer refuses).

    ``fava_compat`` replaces ``fava.json_api.deserialise`` only, so ``fava.serialisation``'s is
    Fava's own. When this fails, Fava returns ``Decimal`` itself and the patch can go.
    """
    entry = serialisation.deserialise(_json_entry())
    assert type(entry.meta["volgnummer"]) is int
    assert type(entry.meta["aandeel"]) is float
    assert type(entry.postings[0].meta["uren"]) is int


def test_the_patch_gives_decimal_and_is_applied_once() -> None:
    assert fava_compat.pas_toe()
    assert fava_compat.pas_toe()
    gepatcht = json_api.deserialise
    assert getattr(gepatcht, fava_compat._MARK)
    # Not wrapped twice: the one wrapper calls Fava's own deserialise.
    assert [cell.cell_contents for cell in gepatcht.__closure__ or ()] == [serialisation.deserialise]
    entry = gepatcht(_json_entry())
    assert entry.meta["volgnummer"] == Decimal(7)
    assert isinstance(entry.meta["volgnummer"], Decimal)
    assert entry.meta["aandeel"] == Decimal("0.5")
    assert entry.postings[0].meta["uren"] == Decimal(32)
    assert isinstance(entry.postings[0].meta["uren"], Decimal)
    assert entry.meta["kenmerk"] == "EH-1"


def test_deserialise_still_exists_with_its_signature_and_is_looked_up_by_add_entries() -> None:
    """The patch swaps the module global ``fava.json_api.deserialise``; that only works while
    ``put_add_entries`` calls it by that name and it takes one JSON entry."""
    assert list(inspect.signature(serialisation.deserialise).parameters) == ["json_entry"]
    assert "deserialise" in vars(json_api)
    assert "deserialise" in _code_names(json_api.put_add_entries)


def test_attributes_accounts_is_still_a_plain_instance_attribute() -> None:
    """The patch puts a property on ``AttributesModule.accounts`` that stores what Fava assigns
    in ``__init__``/``load_file`` and adds the leaves; it reads ``self.ledger.all_entries``."""
    assert list(inspect.signature(AttributesModule.__init__).parameters) == ["self", "ledger"]
    assert "accounts" in _code_names(AttributesModule.__init__)
    assert "accounts" in _code_names(AttributesModule.load_file)
    ours = AttributesModule.__dict__.get("accounts")
    assert ours is None or (isinstance(ours, property) and ours.fget.__module__ == fava_compat.__name__)
    assert not any("accounts" in vars(base) for base in AttributesModule.__mro__[1:])
    assert "__slots__" not in vars(AttributesModule)  # the property keeps its value in __dict__
    assert {"all_entries", "attributes"} <= set(FavaLedger.__slots__)


def test_no_patch_outside_the_tested_range(monkeypatch: pytest.MonkeyPatch) -> None:
    def fava_eigen(json_entry: Any) -> Any:
        return json_entry

    monkeypatch.setattr(fava_compat, "fava_versie", lambda: "1.31.0")
    monkeypatch.setattr(json_api, "deserialise", fava_eigen)
    monkeypatch.delattr(AttributesModule, "accounts", raising=False)
    with pytest.warns(UserWarning, match=r"Fava 1\.31\.0 is not a tested version"):
        assert fava_compat.pas_toe() is False
    assert json_api.deserialise is fava_eigen
    assert "accounts" not in AttributesModule.__dict__

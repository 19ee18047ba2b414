"""``snw fava --host``: loopback by default; another address with a Dutch warning (Fava itself not started)."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from cli.fava import is_loopback
from cli.main import cli
from ledger.load import DEMO_LEDGER


@pytest.fixture()
def fava_args(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the arguments ``snw fava`` hands to Fava's command line instead of starting it."""
    import fava.cli

    gezien: list[list[str]] = []

    def nep(args: list[str], standalone_mode: bool = True, **_: Any) -> None:
        gezien.append(list(args))

    monkeypatch.setattr(fava.cli.main, "main", nep)
    return gezien


def test_default_is_loopback_and_read_only(fava_args: list[list[str]]) -> None:
    result = CliRunner().invoke(cli, ["--grootboek", str(DEMO_LEDGER), "fava", "-p", "5077"])
    assert result.exit_code == 0, result.output
    assert fava_args == [[str(DEMO_LEDGER), "--host", "127.0.0.1", "--port", "5077", "--read-only"]]
    assert "Let op" not in result.output


def test_an_explicit_address_is_passed_with_a_warning(fava_args: list[list[str]]) -> None:
    result = CliRunner().invoke(cli, ["--grootboek", str(DEMO_LEDGER), "fava", "--host", "192.0.2.10", "-p", "5078"])
    assert result.exit_code == 0, result.output
    assert fava_args[0][1:5] == ["--host", "192.0.2.10", "--port", "5078"]
    assert "Let op: Fava luistert op 192.0.2.10" in result.output
    assert "http://192.0.2.10:5078" in result.output


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10") and not is_loopback("fava.example")

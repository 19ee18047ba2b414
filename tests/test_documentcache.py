"""The document cache: a second run on an unchanged ledger copies the first run's files.

Never stale: a changed ledger file, other arguments, another document date, a damaged entry
or ``--geen-cache`` compute and render again. A hit prints what the first run printed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli

DATA = Path(__file__).parent / "data" / "begroting"


class Berekend(Exception):
    """Raised by the patched computation: the command computed instead of using the cache."""


@pytest.fixture
def grootboek(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SNW_GEEN_DOCUMENTCACHE", raising=False)
    monkeypatch.setenv("SNW_CACHE_MAP", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 1 December 2025
    map_ = tmp_path / "begroting"
    shutil.copytree(DATA, map_)
    return map_ / "grootboek.beancount"


def _run(main: Path, out: Path, *extra: str) -> tuple[str, dict[str, bytes]]:
    result = CliRunner().invoke(cli, ["--grootboek", str(main), *extra, "begroting", "2027", "--naar", str(out)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.output, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _geen_berekening(monkeypatch: pytest.MonkeyPatch) -> None:
    def weiger(*args: object, **kwargs: object) -> None:
        raise Berekend

    monkeypatch.setattr("reports.compute.begroting.begroting", weiger)


def test_second_run_is_a_copy_of_the_first(grootboek: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    eerst, bestanden = _run(grootboek, tmp_path / "a")
    assert set(bestanden) == {"begroting-2027.xlsx", "begroting-2027.pdf", "begroting-2027.html"}
    _geen_berekening(monkeypatch)
    tweede, kopie = _run(grootboek, tmp_path / "b")
    assert kopie == bestanden
    assert tweede.replace(str(tmp_path / "b"), "X") == eerst.replace(str(tmp_path / "a"), "X")
    # (after the notice of the test ledger's one open finding)
    assert any(line.startswith("Begroting 2027 (ontwerp), totaal begroot") for line in tweede.splitlines())


def test_never_stale(grootboek: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(grootboek, tmp_path / "a")
    _geen_berekening(monkeypatch)
    # another document date, other formats, --geen-cache: computed again
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    with pytest.raises(Berekend):
        _run(grootboek, tmp_path / "b")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    with pytest.raises(Berekend):
        _run(grootboek, tmp_path / "c", "--geen-cache")
    with pytest.raises(Berekend):
        CliRunner().invoke(cli, ["--grootboek", str(grootboek), "begroting", "2027", "--formaat", "pdf", "--naar",
                                 str(tmp_path / "d")], catch_exceptions=False)
    # a changed ledger file (even a comment): computed again
    budget = grootboek.parent / "budgets" / "2027.beancount"
    budget.write_text(budget.read_text(encoding="utf-8") + "\n; opmerking\n", encoding="utf-8")
    with pytest.raises(Berekend):
        _run(grootboek, tmp_path / "e")


def test_a_damaged_entry_is_rendered_again(grootboek: Path, tmp_path: Path) -> None:
    _, bestanden = _run(grootboek, tmp_path / "a")
    (pdf,) = (tmp_path / "cache" / "documenten").glob("*/begroting-2027.pdf")
    pdf.write_bytes(b"%PDF- kapot")
    _, opnieuw = _run(grootboek, tmp_path / "b")
    assert opnieuw == bestanden
    assert pdf.read_bytes() == bestanden["begroting-2027.pdf"]  # the entry is whole again

"""The load cache of ``ledger.load``: same results as without it, never stale, never trusted blindly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import load
from ledger.load import load_ledger

BASIS = Path(__file__).parent / "data" / "regels" / "basis.beancount"

SPENDING = """
2023-03-0{day} * "ADAMAS" "Inzet {day}"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   {amount} EUR
  Assets:Bank:Programma
"""

BROKEN = """
2023-03-01 * "ADAMAS" "Onbekende partner"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10.00 EUR
    partner: "ONBEKEND"
  Assets:Bank:Programma
"""


def _age(folder: Path) -> None:
    """Date every file an hour back, as a ledger that was not just written."""
    past = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def ledger_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger with an ``import/*.beancount`` glob and an error, and a cache of its own."""
    monkeypatch.setenv("SNW_CACHE_MAP", str(tmp_path / "cache"))
    monkeypatch.delenv("SNW_GEEN_CACHE", raising=False)
    monkeypatch.setattr(load, "CACHE_THRESHOLD", 0.0)
    folder = tmp_path / "grootboek"
    (folder / "import").mkdir(parents=True)
    (folder / "main.beancount").write_text(
        BASIS.read_text(encoding="utf-8") + BROKEN + '\ninclude "import/*.beancount"\n', encoding="utf-8")
    (folder / "import" / "adamas-2023.beancount").write_text(
        SPENDING.format(day=2, amount="100.00"), encoding="utf-8")
    _age(folder)
    return folder


def _load_counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the real (uncached) loads."""
    calls: list[str] = []
    real = load.loader.load_file

    def counting(filename: str, *args: object, **kwargs: object) -> object:
        calls.append(filename)
        return real(filename, *args, **kwargs)

    monkeypatch.setattr(load.loader, "load_file", counting)
    return calls


def _options(ledger: load.Ledger) -> dict[str, object]:
    """The options, with the display context (no ``__eq__`` of its own) as its table."""
    return {key: str(value) if key == "dcontext" else value for key, value in ledger.options_map.items()}


def _descriptions(ledger: load.Ledger) -> list[str]:
    return [entry.narration for entry in ledger.entries if hasattr(entry, "narration")]


def test_cached_load_equals_uncached(ledger_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main = ledger_dir / "main.beancount"
    plain = load_ledger(main, cache=False)
    assert not load.cache_file(main).exists()
    calls = _load_counting(monkeypatch)
    first = load_ledger(main)
    assert load.cache_file(main).exists()
    second = load_ledger(main)
    assert len(calls) == 1  # the second load came from the cache
    assert plain.errors, "the fixture ledger should have an error to compare"
    for ledger in (first, second):
        assert ledger.entries == plain.entries
        assert ledger.errors == plain.errors
        assert _options(ledger) == _options(plain)
        assert ledger.programma == plain.programma
        assert ledger.fingerprint == plain.fingerprint


def test_cache_lives_outside_the_ledger_folder(ledger_dir: Path) -> None:
    before = sorted(ledger_dir.rglob("*"))
    load_ledger(ledger_dir / "main.beancount")
    load_ledger(ledger_dir / "main.beancount")
    assert sorted(ledger_dir.rglob("*")) == before
    assert load.cache_file(ledger_dir / "main.beancount").parent == ledger_dir.parent / "cache"


def test_changed_file_is_reloaded_even_with_same_size_and_mtime(
        ledger_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main = ledger_dir / "main.beancount"
    load_ledger(main)
    included = ledger_dir / "import" / "adamas-2023.beancount"
    stat = included.stat()
    included.write_text(SPENDING.format(day=2, amount="200.00"), encoding="utf-8")  # same size
    os.utime(included, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    calls = _load_counting(monkeypatch)
    ledger = load_ledger(main)
    assert len(calls) == 1
    amounts = [str(p.units.number) for e in ledger.entries if getattr(e, "narration", "") == "Inzet 2"
               for p in e.postings if p.account.startswith("Expenses")]
    assert amounts == ["200.00"]


def test_file_added_to_include_glob_is_seen(ledger_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main = ledger_dir / "main.beancount"
    assert "Inzet 3" not in _descriptions(load_ledger(main))
    (ledger_dir / "import" / "adamas-2024.beancount").write_text(
        SPENDING.format(day=3, amount="50.00"), encoding="utf-8")
    _age(ledger_dir)
    calls = _load_counting(monkeypatch)
    assert "Inzet 3" in _descriptions(load_ledger(main))
    assert len(calls) == 1


def test_removed_file_is_noticed(ledger_dir: Path) -> None:
    main = ledger_dir / "main.beancount"
    assert "Inzet 2" in _descriptions(load_ledger(main))
    (ledger_dir / "import" / "adamas-2023.beancount").unlink()
    (ledger_dir / "import" / "leeg.beancount").write_text("", encoding="utf-8")
    assert "Inzet 2" not in _descriptions(load_ledger(main))


def test_code_change_invalidates(ledger_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    (code / "regel.py").write_text("LIMIET = 1\n", encoding="utf-8")
    monkeypatch.setattr(load, "CODE_ROOT", code)
    main = ledger_dir / "main.beancount"
    load_ledger(main)
    assert load.read_cache(main) is not None
    (code / "regel.py").write_text("LIMIET = 2\n", encoding="utf-8")
    assert load.read_cache(main) is None
    calls = _load_counting(monkeypatch)
    load_ledger(main)
    assert len(calls) == 1
    assert load.read_cache(main) is not None  # rebuilt under the new code


def test_code_version_covers_our_plugin_and_other_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Path(load.__file__).parent / "plugins" / "snw.py").is_file()
    assert load.CODE_ROOT == Path(load.__file__).resolve().parent
    (tmp_path / "eigen_plugin.py").write_text("def plugin(entries, options):\n    return entries, []\n")
    before = load.code_version(["eigen_plugin"], [str(tmp_path)])
    (tmp_path / "eigen_plugin.py").write_text("def plugin(entries, options):\n    return [], []\n")
    assert load.code_version(["eigen_plugin"], [str(tmp_path)]) != before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-format", "other-ledger"])
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
        ledger_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    main = ledger_dir / "main.beancount"
    expected = load_ledger(main, cache=False)
    load_ledger(main)
    target = load.cache_file(main)
    content = target.read_bytes()
    if damage == "garbage":
        target.write_bytes(b"\x80\x04 dit is geen cache")
    elif damage == "truncated":
        target.write_bytes(content[: len(content) - 200])
    elif damage == "other-format":
        old = f'"formaat": {load.CACHE_FORMAT}'.encode()
        assert old in content
        target.write_bytes(content.replace(old, b'"formaat": 999', 1))
    else:
        target.write_bytes(content.replace(str(main.resolve()).encode(), b"/elders/main.beancount", 1))
    assert load.read_cache(main) is None
    calls = _load_counting(monkeypatch)
    ledger = load_ledger(main)
    assert len(calls) == 1
    assert ledger.entries == expected.entries
    assert ledger.errors == expected.errors
    assert load.read_cache(main) is not None  # rewritten


def test_a_file_changed_during_the_load_is_not_cached(ledger_dir: Path) -> None:
    main = ledger_dir / "main.beancount"
    main.touch()  # just now: it may have changed while Beancount read it
    load_ledger(main)
    assert not load.cache_file(main).exists()


def test_geen_cache_option_and_environment_bypass_it(ledger_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main = ledger_dir / "main.beancount"
    runner = CliRunner()
    result = runner.invoke(cli, ["--grootboek", str(main), "--geen-cache", "check"])
    assert result.exit_code == 1, result.output
    assert not load.cache_file(main).exists()
    result = runner.invoke(cli, ["--grootboek", str(main), "check"], env={"SNW_GEEN_CACHE": "1"})
    assert not load.cache_file(main).exists()
    monkeypatch.setenv("SNW_GEEN_CACHE", "1")
    load_ledger(main)
    assert not load.cache_file(main).exists()
    monkeypatch.delenv("SNW_GEEN_CACHE")
    cold = runner.invoke(cli, ["--grootboek", str(main), "check"])
    assert load.cache_file(main).exists()
    calls = _load_counting(monkeypatch)
    warm = runner.invoke(cli, ["--grootboek", str(main), "check"])
    assert calls == []
    uncached = runner.invoke(cli, ["--grootboek", str(main), "--geen-cache", "check"])
    assert len(calls) == 1
    assert cold.output == warm.output == uncached.output == result.output
    assert "Onbekende partner" in warm.output


def test_cache_folder_is_private(ledger_dir: Path) -> None:
    load_ledger(ledger_dir / "main.beancount")
    assert load.cache_dir().stat().st_mode & 0o077 == 0


def test_a_cache_of_another_day_is_not_served(ledger_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin judges open commitments against today (a commitment that ended yesterday is a
    finding today): the cache holds one day's load only."""
    import datetime

    main = ledger_dir / "main.beancount"
    calls = _load_counting(monkeypatch)
    load_ledger(main)
    load_ledger(main)
    assert len(calls) == 1
    morgen = datetime.date.fromisoformat(os.environ["SNW_VANDAAG"]) + datetime.timedelta(days=1)
    monkeypatch.setenv("SNW_VANDAAG", morgen.isoformat())  # today as every command sees it (ledger.klok)
    load_ledger(main)
    assert len(calls) == 2  # loaded again

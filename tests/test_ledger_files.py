"""The one atomic writer (``ledger.files``) and the commands that must go through it.

A plain ``path.write_bytes`` in its place fails these tests: it never fsyncs, never
renames, and a failure half-way leaves a truncated file instead of the old content.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import files
from ledger.files import write_all_atomic
from ledger.files import write_atomic

HIER = Path(__file__).resolve().parent / "importers"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Record every fsync (file or folder) and rename, in order."""
    seen: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        seen.append(("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file", fd))
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        seen.append(("replace", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails, as on a full or vanished disk."""
    def fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


def test_write_atomic_syncs_file_then_renames_then_syncs_folder(tmp_path: Path, calls: list) -> None:
    target = tmp_path / "sub" / "doc.txt"
    write_atomic(target, b"nieuw")
    assert target.read_bytes() == b"nieuw"
    assert [kind for kind, _ in calls] == ["fsync-file", "replace", "fsync-dir"]
    assert oct(target.stat().st_mode & 0o777) == oct(files.FILE_MODE)


def test_write_all_atomic_renames_only_after_every_file_is_staged(tmp_path: Path, calls: list) -> None:
    write_all_atomic({tmp_path / "a.beancount": b"a", tmp_path / "b.beancount": b"b"})
    kinds = [kind for kind, _ in calls]
    assert kinds == ["fsync-file", "fsync-file", "replace", "replace", "fsync-dir"]


def test_failure_keeps_the_old_content_and_leaves_no_temporary_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.txt"
    target.write_bytes(b"oud")
    _disk_full(monkeypatch)
    with pytest.raises(OSError, match="No space"):
        write_all_atomic({target: b"nieuw", tmp_path / "ander.txt": b"x"})
    assert target.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_document_commands_write_through_the_atomic_writer(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """``snw geldstromen --out`` on a full disk keeps the earlier file whole."""
    target = tmp_path / "geldstromen.csv"
    target.write_bytes(b"vorige versie")
    _disk_full(monkeypatch)
    result = CliRunner().invoke(cli, ["geldstromen", "--format", "csv", "--out", str(target)])
    assert result.exit_code != 0
    assert target.read_bytes() == b"vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["geldstromen.csv"]


def test_import_writes_through_the_atomic_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``snw import`` on a full disk leaves the ledger byte-identical, with no stray files."""
    doel = tmp_path / "grootboek"
    shutil.copytree(HIER / "ledger", doel)
    main = doel / "main.beancount"
    before = {p.relative_to(doel): p.read_bytes() for p in doel.rglob("*") if p.is_file()}
    _disk_full(monkeypatch)
    result = CliRunner().invoke(cli, ["--ledger", str(main), "import", str(HIER / "eigen-haard" / "erp-2024-q1.csv")])
    assert result.exit_code != 0
    after = {p.relative_to(doel): p.read_bytes() for p in doel.rglob("*") if p.is_file()
             and not p.name.endswith(".picklecache")}
    assert after == {k: v for k, v in before.items() if not k.name.endswith(".picklecache")}

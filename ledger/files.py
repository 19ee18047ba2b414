"""The one way this project writes a file: atomically and durably.

Every command that writes (documents, templates, budget files, import files) goes through
:func:`write_atomic` or :func:`write_all_atomic`. A reader, or the next run after a crash
or a full disk, sees either the old content or the new content, never half of it:

1. the content is written to a hidden temporary file in the target's own folder (so the
   final rename never crosses a file system, and ``import/*.beancount`` never matches it);
2. the file is flushed and ``fsync``-ed, so its bytes are on disk before it gets the name;
3. ``os.replace`` gives it the target's name in one step;
4. the folder is ``fsync``-ed, so the new name itself survives a power cut.

On failure before step 3 the temporary files are removed and every target keeps its old
content. A process killed (SIGKILL, power cut) between steps 1 and 3 cannot remove them:
:func:`ruim_op` removes such stale temporary files on the next run, under :func:`vergrendeld`,
the lock that serialises the commands writing into one ledger (``snw import``,
``snw begroting-inlezen``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Mapping

FILE_MODE = 0o644
# What _stage leaves behind when the process dies before os.replace: ".<name>.<random>.tmp".
_TIJDELIJK = r"^\.{naam}\.[A-Za-z0-9_]{{8}}\.tmp$"


class Bezig(Exception):
    """Another command is writing into the same ledger (the lock of :func:`vergrendeld` is taken)."""


@contextlib.contextmanager
def vergrendeld(folder: Path, wat: str = "deze opdracht") -> Iterator[None]:
    """Hold the ledger's write lock: one writing command at a time per ledger folder.

    The lock is an advisory ``flock`` on the folder itself (no lock file to leave behind);
    the kernel releases it when the process ends, also by SIGKILL, so a crash never leaves
    a ledger locked. Readers (``snw check``, Fava) do not take it.

    Args:
      folder: the folder of the ledger's main file.
      wat: the command, for the message.
    Raises:
      Bezig: another process holds the lock (a Dutch message that says what to do).
    """
    handle = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Bezig(f"er loopt al een import of begroting-inlezen op het grootboek in {folder}; "
                        f"{wat} wacht daar niet op: probeer het opnieuw als die klaar is") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def ruim_op(*folders: Path, naam: str | None = None) -> list[Path]:
    """Remove the temporary files a killed writer left in these folders (call under the lock).

    Args:
      folders: folders written with :func:`write_all_atomic` (missing ones are skipped).
      naam: only the leftovers of this target file name; default: of any ``*.beancount``.
    Returns:
      The files removed.
    """
    patroon = re.compile(_TIJDELIJK.format(naam=re.escape(naam) if naam else r".+\.beancount"))
    weg = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for pad in folder.iterdir():
            if patroon.match(pad.name) and pad.is_file():
                pad.unlink(missing_ok=True)
                weg.append(pad)
    return weg


def _stage(path: Path, content: bytes) -> Path:
    """Write ``content`` to a hidden, fsync-ed temporary file next to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, FILE_MODE)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_all_atomic(files: Mapping[Path, bytes]) -> list[Path]:
    """Write several files, each atomically; nothing is renamed before all are staged.

    Args:
      files: target path → the complete new content.
    Returns:
      The paths written, in the order given.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            staged.append((_stage(path, content), path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    for folder in dict.fromkeys(path.parent for _, path in staged):
        _fsync_dir(folder)
    return [path for _, path in staged]


def write_atomic(path: Path, content: bytes) -> None:
    """Write one file atomically and durably (see the module docstring).

    Args:
      path: the target; its folder is created when missing.
      content: the complete new content.
    """
    write_all_atomic({path: content})

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
content.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

FILE_MODE = 0o644


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

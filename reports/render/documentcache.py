"""A cache of written documents: the same ledger, code, arguments and date give the same bytes.

Every document is deterministic (``reports.render.output``): its bytes follow from the
ledger's files, the code that computes and renders them, the command's arguments and the
document date. So a second ``snw begroting 2027`` on an unchanged ledger can copy the files
the first one wrote instead of computing and rendering them again.

The key is a SHA-256 over all of that: every included file's name and content (the whole
digest, not the 12-digit fingerprint), the source of every package of the project (Python,
templates, styles and scripts), the versions of Python and of the libraries that shape the
bytes, the command with its arguments and the document date. An entry is a folder with the
files and a ``manifest.json`` holding each file's SHA-256; an entry whose files do not match
their hashes, or whose manifest cannot be read, is ignored (and replaced by the next run).
It lives in the user's cache folder next to the ledger cache (``ledger.load.cache_dir``);
``snw --geen-cache`` and ``$SNW_GEEN_CACHE`` bypass it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from ledger.files import write_atomic
from ledger.load import cache_dir

if TYPE_CHECKING:
    from collections.abc import Sequence

FORMAT = 1
PAKKETTEN = ("ledger", "importers", "reports", "budgets", "cli")
BRONNEN = ("*.py", "*.j2", "*.html", "*.css", "*.js", "*.yaml", "*.md")
BIBLIOTHEKEN = ("beancount", "weasyprint", "openpyxl", "matplotlib", "jinja2", "babel", "pydyf", "fonttools")
MAX_ENTRIES = 64
"""Entries kept; the oldest go first."""


@functools.lru_cache(maxsize=1)
def code_versie() -> str:
    """A hash of everything that shapes a document's bytes besides the ledger: our source and the libraries."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:3]}\0".encode())
    for naam in BIBLIOTHEKEN:
        try:
            digest.update(f"{naam} {metadata.version(naam)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{naam} -\0".encode())
    for fonts in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"):
        # the fonts the PDF renderer finds shape the PDF too: their names and sizes
        for font in sorted(fonts.rglob("*")) if fonts.is_dir() else ():
            if font.is_file():
                digest.update(f"{font} {font.stat().st_size}\0".encode())
    root = Path(__file__).resolve().parents[2]
    for pakket in PAKKETTEN:
        map_ = root / pakket
        bestanden = sorted({p for patroon in BRONNEN for p in map_.rglob(patroon) if "__pycache__" not in p.parts})
        for bestand in bestanden:
            digest.update(bestand.relative_to(root).as_posix().encode() + b"\0")
            digest.update(bestand.read_bytes() + b"\0")
    return digest.hexdigest()


def invoer_digest(path: Path, options_map: dict[str, Any]) -> str:
    """SHA-256 over every included file's name (relative to the main file) and content."""
    digest = hashlib.sha256()
    for name in sorted(options_map.get("include", [])):
        digest.update(os.path.relpath(name, path.parent).encode() + b"\0")
        digest.update(Path(name).read_bytes() + b"\0")
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclasses.dataclass(frozen=True)
class Documentcache:
    """One command's entry in the cache (see the module's docstring)."""

    map: Path  # the folder of this entry

    def haal(self, doelmap: Path, namen: Sequence[str]) -> dict[str, Any] | None:
        """Write the cached files ``namen`` into ``doelmap`` (atomically); None when the entry is
        missing, incomplete or damaged (nothing is written then).

        Returns:
          The manifest (with the command's ``uitvoer``: what it printed) on a hit.
        """
        try:
            manifest = json.loads((self.map / "manifest.json").read_text(encoding="utf-8"))
            inhoud = {}
            for naam in namen:
                data = (self.map / naam).read_bytes()
                if _sha(data) != manifest["bestanden"][naam]:
                    return None
                inhoud[naam] = data
        except (OSError, ValueError, KeyError, TypeError):
            return None
        doelmap.mkdir(parents=True, exist_ok=True)
        for naam, data in inhoud.items():
            write_atomic(doelmap / naam, data)
        return manifest

    def bewaar(self, paden: Sequence[Path], uitvoer: dict[str, Any] | None = None) -> None:
        """Keep the written files and what the command printed; a cache that cannot be written is skipped."""
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            bestanden = {}
            for pad in paden:
                data = pad.read_bytes()
                write_atomic(self.map / pad.name, data)
                bestanden[pad.name] = _sha(data)
            manifest = {"format": FORMAT, "bestanden": bestanden, "uitvoer": uitvoer or {}}
            write_atomic(self.map / "manifest.json", json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
            _opruimen(self.map.parent)
        except OSError:
            return


def _opruimen(map_: Path) -> None:
    entries = sorted((p for p in map_.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for oud in entries[MAX_ENTRIES:]:
        shutil.rmtree(oud, ignore_errors=True)


def documentcache(path: Path, options_map: dict[str, Any], opdracht: str, *argumenten: Any) -> Documentcache:
    """The cache entry of a command on a loaded ledger.

    Args:
      path: the ledger's main file.
      options_map: its loaded options (``include`` lists every file read).
      opdracht: the command (``begroting``, ``verantwoording``…).
      argumenten: everything else the bytes depend on: the year, the formats, ``--strikt``,
        the document date.
    """
    digest = hashlib.sha256()
    for deel in (code_versie(), str(path.resolve()), invoer_digest(path, options_map), opdracht,
                 *map(repr, argumenten)):
        digest.update(deel.encode() + b"\0")
    return Documentcache(cache_dir() / "documenten" / digest.hexdigest()[:32])

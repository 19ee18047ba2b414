"""The one load helper: which ledger to use, load it once (cached), fingerprint it.

The cache
---------
Loading a large ledger (parsing, booking, our plugin, Beancount's validation) takes seconds;
the result is kept in the user's cache folder (``platformdirs.user_cache_dir``, or
``$SNW_CACHE_MAP``), never next to the ledger. One file per main ledger file, rewritten
when stale. An entry is served only when all of these still hold:

* every file the ledger included has the same content (SHA-256 of its bytes; a file that
  is gone makes the entry stale);
* every ``include`` pattern in those files (``include "import/*.beancount"``) still
  matches the same files, so a file added to a glob is noticed;
* it was made today (the plugin judges open commitments against today's date);
* the code that made the entries is the same: a hash over the source of ``ledger/`` (the
  plugin, the rules, the model and this module), Beancount's and Python's version, and
  the source of any other plugin the ledger names.

A cache file is a pickle. It is trusted as the user's own file, like the ledger itself:
it lives in a folder only the user can enter (mode 0700), a file owned by someone else is
ignored, and only a file that starts with our format marker, our format version and a
header whose key matches is unpickled at all. Anything else (a foreign, older, truncated or
corrupt file) is ignored and rebuilt. ``snw --geen-cache`` or ``SNW_GEEN_CACHE=1`` load
without it. Beancount's own pickle cache stays off: it is keyed on the ledger files only
and written next to the ledger.
"""

from __future__ import annotations

import dataclasses
import gc
import glob
import hashlib
import importlib.util
import json
import os
import pickle
import re
import struct
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import beancount
import platformdirs
from beancount import loader
from beancount.core import data

from ledger import model
from ledger.klok import vandaag
from ledger.errors import GrootboekError
from ledger.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable

DEMO_LEDGER = Path(__file__).resolve().parent / "demo" / "main.beancount"
ENV_VAR = "SNW_LEDGER"
PLUGIN = "ledger.plugins.snw"

# The cache (see the module docstring).
CACHE_ENV = "SNW_CACHE_MAP"
NO_CACHE_ENV = "SNW_GEEN_CACHE"
CACHE_FORMAT = 2
CACHE_MAGIC = b"snw-grootboek-cache\n"
# A load shorter than this is not worth a cache file (seconds).
CACHE_THRESHOLD = 0.5
# A file changed less than this before the load started may have changed during it
# (coarse file-system clocks); such a load is not cached (seconds).
RACE_MARGIN = 2.0
# Our own code: its source is part of the cache key.
CODE_ROOT = Path(__file__).resolve().parent
# ``include "..."`` at the start of a line, as Beancount's grammar has it.
_INCLUDE = re.compile(rb'^include[ \t]+"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)


def include_patronen(content: bytes) -> list[bytes]:
    """The patterns of the ``include`` lines of a file's bytes (as ``_INCLUDE.findall``).

    Only where ``include`` starts a line is the expression tried: on a file of 100,000
    transactions that is a few positions instead of every byte (measured: 0.9 s of a warm
    load at 100k).
    """
    found = []
    start = 0 if content.startswith(b"include") else content.find(b"\ninclude")
    while start != -1:
        begin = start if start == 0 and content.startswith(b"include") else start + 1
        match = _INCLUDE.match(content, begin)
        if match:
            found.append(match.group(1))
        start = content.find(b"\ninclude", begin)
    return found

# What a cache file holds: the load result and the declarations parsed from it.
Cached = tuple[list[data.Directive], list[Any], dict[str, Any], model.Programma]


@dataclasses.dataclass(frozen=True)
class Ledger:
    """A loaded ledger: entries, errors, options and the parsed declarations."""

    path: Path
    entries: list[data.Directive]
    errors: list[Any]
    options_map: dict[str, Any]
    programma: model.Programma

    @property
    def is_demo(self) -> bool:
        return self.path.resolve() == DEMO_LEDGER

    @property
    def fingerprint(self) -> str:
        """SHA-256 over the contents of every file the ledger includes (first 12 hex digits)."""
        return vingerafdruk(self.path, self.options_map)

    @property
    def last_date(self):  # noqa: ANN201
        """The date of the last transaction (the 'stand per' of reports)."""
        for entry in reversed(self.entries):
            if isinstance(entry, data.Transaction):
                return entry.date
        return None


def vingerafdruk(path: Path, options_map: dict[str, Any]) -> str:
    """The ledger fingerprint every document states: SHA-256 over each included file's name
    (relative to the main file) and contents, first 12 hex digits.

    Args:
      path: the main ledger file.
      options_map: the loaded options (their ``include`` lists every file read).
    Returns:
      The fingerprint.
    """
    digest = hashlib.sha256()
    for name in sorted(options_map.get("include", [])):
        digest.update(os.path.relpath(name, path.parent).encode())
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()[:12]


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The ledger to use: the given path, else ``$SNW_LEDGER``, else the embedded demo ledger."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return DEMO_LEDGER


def cache_enabled() -> bool:
    """False when ``$SNW_GEEN_CACHE`` is set to a true value (``1``, ``ja``, ``true`` …)."""
    value = os.environ.get(NO_CACHE_ENV, "").strip().lower()
    return value in ("", "0", "nee", "false", "no", "off")


def cache_dir() -> Path:
    """The folder of the cache files: ``$SNW_CACHE_MAP``, else the user's cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("snw-grootboek", appauthor=False))


def cache_file(path: str | os.PathLike[str]) -> Path:
    """The cache file of a main ledger file (named by a hash of its absolute path)."""
    name = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:32]
    return cache_dir() / f"{name}.pickle"


def _hash_tree(digest: Any, folder: Path) -> None:
    """Feed the source of every ``.py`` file under ``folder`` into ``digest``."""
    for source in sorted(folder.rglob("*.py")):
        digest.update(source.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")


def _hash_module(digest: Any, name: str, pythonpath: Iterable[str]) -> None:
    """Feed the source of a plugin's top-level package (or module) into ``digest``."""
    top = name.split(".")[0]
    saved = list(sys.path)
    try:
        sys.path[0:0] = list(pythonpath)
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    finally:
        sys.path[:] = saved
    digest.update(name.encode() + b"\0")
    if spec is None or not spec.origin or not os.path.exists(spec.origin):
        digest.update(b"<geen bron>\0")
        return
    origin = Path(spec.origin)
    if spec.submodule_search_locations:
        _hash_tree(digest, origin.parent)
    else:
        digest.update(origin.read_bytes() + b"\0")


def code_version(plugins: Iterable[str] = (), pythonpath: Iterable[str] = ()) -> str:
    """A hash of the code that makes the loaded entries.

    Args:
      plugins: the plugin modules the ledger names; those outside ``ledger`` and
        ``beancount`` are hashed by their source too.
      pythonpath: folders the ledger adds to ``sys.path`` for its plugins.
    Returns:
      A hex digest over the cache format, Python's and Beancount's version, the source of
      ``ledger/`` and of the other plugins.
    """
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT} {sys.version_info[:3]} {beancount.__version__}\0".encode())
    _hash_tree(digest, CODE_ROOT)
    for name in sorted(set(plugins)):
        if name.split(".")[0] not in ("ledger", "beancount"):
            _hash_module(digest, name, pythonpath)
    return digest.hexdigest()


def input_key(filenames: Iterable[str]) -> str | None:
    """A hash of the ledger's input: each file's content and what its include globs match.

    Args:
      filenames: absolute paths of every file the ledger included (``options_map["include"]``).
    Returns:
      The hex digest, or None when a file cannot be read.
    """
    digest = hashlib.sha256()
    for name in sorted(filenames):
        try:
            content = Path(name).read_bytes()
        except OSError:
            return None
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(content).digest())
        folder = os.path.dirname(name)
        for pattern in include_patronen(content):
            search = os.path.join(folder, os.fsdecode(pattern))
            matches = sorted(os.path.normpath(match) for match in glob.glob(search, recursive=True))
            digest.update(b"\1" + pattern + b"\0" + "\0".join(matches).encode() + b"\0")
    return digest.hexdigest()


def _header(main: Path, result: Cached) -> dict[str, Any]:
    """The readable part of a cache file: what its key is made of."""
    options_map = result[2]
    plugins = [name for name, _ in options_map.get("plugin", [])]
    pythonpath = list(options_map.get("pythonpath", []))
    files = sorted(options_map.get("include", []))
    return {
        "formaat": CACHE_FORMAT,
        "grootboek": str(main),
        "plugins": plugins,
        "pythonpath": pythonpath,
        "bestanden": files,
        "code": code_version(plugins, pythonpath),
        "invoer": input_key(files),
        # The plugin judges open commitments against today (ledger.rules.verplichtingen.finish):
        # a load of another day may hold other findings.
        "vandaag": vandaag().isoformat(),
    }


def read_cache(path: str | os.PathLike[str]) -> Cached | None:
    """The cached load of a ledger, or None when there is none that is still valid.

    A missing, foreign (other format or version, someone else's), stale or corrupt cache
    file gives None; the caller loads the ledger and writes a new one.
    """
    main = Path(path).resolve()
    target = cache_file(main)
    try:
        with open(target, "rb") as stream:
            if hasattr(os, "getuid") and os.fstat(stream.fileno()).st_uid != os.getuid():
                return None
            if stream.read(len(CACHE_MAGIC)) != CACHE_MAGIC:
                return None
            (size,) = struct.unpack(">Q", stream.read(8))
            header = json.loads(stream.read(size).decode("utf-8"))
            if header.get("formaat") != CACHE_FORMAT or header.get("grootboek") != str(main):
                return None
            plugins = header["plugins"]
            pythonpath = header["pythonpath"]
            if header["code"] != code_version(plugins, pythonpath):
                return None
            if header["invoer"] is None or header["invoer"] != input_key(header["bestanden"]):
                return None
            if header.get("vandaag") != vandaag().isoformat():
                return None
            # Unpickled from the (buffered) file, not from its bytes read whole: the payload
            # is not held in memory next to the objects made from it.
            # A large graph of small objects: the cyclic collector only slows unpickling down.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                result = pickle.load(stream)  # noqa: S301 - the user's own file, key checked above
            except Exception:  # noqa: BLE001 - a corrupt pickle fails in many ways; rebuild it
                return None
            finally:
                if gc_was_enabled:
                    gc.enable()
    except (OSError, ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
        return None
    if not (isinstance(result, tuple) and len(result) == 4 and isinstance(result[3], model.Programma)):
        return None
    return result


def write_cache(path: str | os.PathLike[str], result: Cached, started: float) -> bool:
    """Write the cache file of a ledger just loaded; False when it is better not to.

    Args:
      path: the main ledger file.
      result: what ``loader.load_file`` returned, and the declarations parsed from it.
      started: ``time.time()`` when the load started: a file changed after (or just
        before) that may have been read half-way, so such a load is not cached.
    Returns:
      Whether a cache file was written.
    """
    main = Path(path).resolve()
    try:
        for name in result[2].get("include", []):
            if os.stat(name).st_mtime >= started - RACE_MARGIN:
                return False
        header = _header(main, result)
        if header["invoer"] is None:
            return False
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            if gc_was_enabled:
                gc.enable()
        head = json.dumps(header).encode("utf-8")
        folder = cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(cache_file(main), CACHE_MAGIC + struct.pack(">Q", len(head)) + head + payload)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache, not an error
        return False
    return True


def load_ledger(path: str | os.PathLike[str] | None = None, *, cache: bool | None = None) -> Ledger:
    """Load a ledger (with our plugin, if it enables it) and parse its declarations.

    Args:
      path: the main ledger file; None uses ``$SNW_LEDGER`` or the demo ledger.
      cache: use the load cache (module docstring); None: unless ``$SNW_GEEN_CACHE``.
    Returns:
      The loaded ledger; ``errors`` holds Beancount's and the plugin's errors.
    """
    resolved = resolve_path(path)
    use_cache = cache_enabled() if cache is None else cache
    result = read_cache(resolved) if use_cache else None
    if result is None:
        started = time.time()
        # Never Beancount's own pickle cache: it is keyed on the ledger files only, so it
        # would keep serving results of an older version of our plugin, and it writes
        # next to the ledger.
        loader.initialize(use_cache=False)
        # Parsing makes millions of objects that all live on: the cyclic collector would
        # scan them again and again. Off during the load, one collection after it.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            entries, errors, options_map = loader.load_file(str(resolved))
            programma, _ = model.parse_programma(entries)
        finally:
            if gc_was_enabled:
                gc.enable()
        if gc_was_enabled:
            gc.collect()
        result = (entries, errors, options_map, programma)
        if use_cache and time.time() - started >= CACHE_THRESHOLD:
            write_cache(resolved, result, started)
    # The loaded ledger lives as long as the command: the cyclic collector need never look
    # at it again (without this, every full collection the reports trigger walks the whole
    # ledger; measured: half the time of the spending scan at 100k).
    gc.freeze()
    entries, errors, options_map, programma = result
    if PLUGIN not in {name for name, _ in options_map.get("plugin", [])}:
        errors = [*errors, GrootboekError(
            {"filename": str(resolved), "lineno": 1},
            f'Het grootboek zet de plugin niet aan: zet plugin "{PLUGIN}" in het hoofdbestand, '
            "anders worden de regels van de geldstromen niet gecontroleerd", None)]
    return Ledger(resolved, entries, errors, options_map, programma)

"""The one load helper: which ledger to use, load it once, fingerprint it."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data

from ledger import model
from ledger.errors import GrootboekError

DEMO_LEDGER = Path(__file__).resolve().parent / "demo" / "main.beancount"
ENV_VAR = "SNW_LEDGER"
PLUGIN = "ledger.plugins.snw"


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
        digest = hashlib.sha256()
        for name in sorted(self.options_map.get("include", [])):
            digest.update(os.path.relpath(name, self.path.parent).encode())
            digest.update(Path(name).read_bytes())
        return digest.hexdigest()[:12]

    @property
    def last_date(self):  # noqa: ANN201
        """The date of the last transaction (the 'stand per' of reports)."""
        for entry in reversed(self.entries):
            if isinstance(entry, data.Transaction):
                return entry.date
        return None


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The ledger to use: the given path, else ``$SNW_LEDGER``, else the embedded demo ledger."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return DEMO_LEDGER


def load_ledger(path: str | os.PathLike[str] | None = None) -> Ledger:
    """Load a ledger (with our plugin, if it enables it) and parse its declarations.

    Args:
      path: the main ledger file; None uses ``$SNW_LEDGER`` or the demo ledger.
    Returns:
      The loaded ledger; ``errors`` holds Beancount's and the plugin's errors.
    """
    resolved = resolve_path(path)
    # No pickle cache: it is keyed on the ledger files only, so it would keep serving
    # results of an older version of our plugin; and it would write next to the ledger.
    loader.initialize(use_cache=False)
    entries, errors, options_map = loader.load_file(str(resolved))
    if PLUGIN not in {name for name, _ in options_map.get("plugin", [])}:
        errors = [*errors, GrootboekError(
            {"filename": str(resolved), "lineno": 1},
            f'Het grootboek zet de plugin niet aan: zet plugin "{PLUGIN}" in het hoofdbestand, '
            "anders worden de regels van de geldstromen niet gecontroleerd", None)]
    programma, _ = model.parse_programma(entries)
    return Ledger(resolved, entries, errors, options_map, programma)

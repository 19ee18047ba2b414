"""What every command shares: the ledger to use, loaded once, and error output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

from ledger.errors import is_warning
from ledger.load import load_ledger
from ledger.load import resolve_path

if TYPE_CHECKING:
    from ledger.load import Ledger


class LedgerContext:
    """Holds the ``--grootboek`` and ``--geen-cache`` options and loads the ledger on first use."""

    def __init__(self, path: str | None, cache: bool = True) -> None:
        self.path = resolve_path(path)
        self.cache = cache
        self._ledger: Ledger | None = None

    def ledger(self) -> Ledger:
        if self._ledger is None:
            if not self.path.exists():
                raise click.ClickException(f"Grootboek niet gevonden: {self.path}")
            self._ledger = load_ledger(self.path, cache=self.cache)
        return self._ledger


pass_ledger = click.make_pass_decorator(LedgerContext)

def oude_spelling(*namen: str, dest: str, **kwargs: Any) -> Any:
    """An old spelling of an option, kept working but not shown in ``--help``.

    The options are Dutch (``--jaar``, ``--naar``, ``--formaat``, ``--proef``,
    ``--grootboek``); earlier English spellings stay accepted as hidden aliases. Click
    gives the value to whichever of the two the user typed.
    """
    return click.option(*namen, dest, hidden=True, **kwargs)


# A year as the commands take it: the programme runs 2023-2043; this leaves room around it.
JAAR = click.IntRange(2000, 2100)


def display_path(path: str | Path) -> str:
    """A path as people want to read it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def format_error(error: Any) -> str:
    """``file:line: message`` for a Beancount error (paths relative to the working directory)."""
    source = error.source or {}
    filename = source.get("filename") or "<onbekend>"
    if not filename.startswith("<"):
        filename = display_path(filename)
    return f"{filename}:{source.get('lineno', 0)}: {error.message}"


def fail_on_errors(ledger: Ledger) -> None:
    """Refuse to report on a ledger that has errors: print them and exit 1."""
    errors = [error for error in ledger.errors if not is_warning(error)]
    if errors:
        for error in errors:
            click.echo(format_error(error), err=True)
        click.echo(f"{len(errors)} fout(en) in het grootboek; los ze eerst op (snw check).", err=True)
        sys.exit(1)

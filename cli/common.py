"""What every command shares: the ledger to use, loaded once, and error output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

from ledger.errors import is_fatal
from ledger.errors import is_warning
from ledger.load import load_ledger
from ledger.load import resolve_path

if TYPE_CHECKING:
    from ledger.load import Ledger
    from reports.compute.bevindingen import Bevinding


class LedgerContext:
    """Holds the ``--grootboek`` option and loads the ledger on first use."""

    def __init__(self, path: str | None) -> None:
        self.path = resolve_path(path)
        self._ledger: Ledger | None = None

    def ledger(self) -> Ledger:
        if self._ledger is None:
            if not self.path.exists():
                raise click.ClickException(f"Grootboek niet gevonden: {self.path}")
            self._ledger = load_ledger(self.path)
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


def bevindingen_van(ledger: Ledger, *, strikt: bool = False) -> tuple[Bevinding, ...]:
    """The ledger's open findings, or refuse the ledger (print its errors, exit 1).

    A ledger Beancount cannot read, or without our plugin, is refused: no figure of it can
    be trusted. Other errors are findings: the report runs, marks its document as a
    concept and lists them (``reports.documents.bevindingen``). With ``strikt`` (the
    version a board adopts) any finding refuses.
    """
    from reports.compute.bevindingen import bevindingen

    fataal = [error for error in ledger.errors if is_fatal(error)]
    gevonden = bevindingen(ledger.errors, ledger.programma)
    if fataal or (strikt and gevonden):
        for error in fataal or [e for e in ledger.errors if not is_warning(e)]:
            click.echo(format_error(error), err=True)
        if fataal:
            click.echo(f"Het grootboek is niet te gebruiken ({len(fataal)} fout(en) hierboven); los die eerst op.",
                       err=True)
        else:
            click.echo(f"{len(gevonden)} open bevinding(en); --strikt maakt geen document van een grootboek met "
                       "bevindingen (snw check toont ze).", err=True)
        sys.exit(1)
    if gevonden:
        click.echo(f"Let op: {len(gevonden)} open bevinding(en) in het grootboek; het document is gemarkeerd als "
                   "concept en somt ze op (--strikt weigert; snw check toont ze).", err=True)
    return gevonden


STRIKT = click.option("--strikt", is_flag=True,
                      help="Weiger een grootboek met open bevindingen (voor de versie die het AB vaststelt).")

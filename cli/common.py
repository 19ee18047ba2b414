"""What every command shares: the ledger to use, loaded once, and error output."""

from __future__ import annotations

import datetime
import os
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
    from collections.abc import Callable
    from collections.abc import Sequence

    from reports.render.documentcache import Documentcache

    from ledger.load import Ledger
    from reports.compute.bevindingen import Bevinding


GEEN_DOCUMENTCACHE = "SNW_GEEN_DOCUMENTCACHE"
"""Set to 1 to switch the document cache off only (the ledger's load cache stays on)."""


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

    def documentcache(self, opdracht: str, *argumenten: Any) -> Documentcache | None:
        """The cache entry of a document command (``reports.render.documentcache``); None with
        ``--geen-cache``, ``$SNW_GEEN_CACHE`` or ``$SNW_GEEN_DOCUMENTCACHE``."""
        from ledger.load import cache_enabled
        from reports.render.documentcache import documentcache

        if not (self.cache and cache_enabled()) or os.environ.get(GEEN_DOCUMENTCACHE, "").strip().lower() in (
                "1", "ja", "true", "yes", "on"):
            return None
        ledger = self.ledger()
        return documentcache(ledger.path, ledger.options_map, opdracht, *argumenten)


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


def toon_tabellen(ledger: Ledger, bladen: list[tuple[str, Any]], fmt: str, out: str | None,
                  gevonden: Sequence[Bevinding], melding: str) -> None:
    """Print or write tables: on screen, CSV (the first table) or XLSX (a sheet each).

    With findings, XLSX gets a sheet "Bevindingen" and the screen output lists them under a
    "Concept — N open bevindingen" line; a CSV stays one table and the findings go to stderr.

    Args:
      ledger: the loaded ledger (for short file names of findings).
      bladen: (sheet name, ``reports.documents.model.Tabel``) pairs.
      fmt: "tabel", "csv" or "xlsx".
      out: the file to write; None prints (not for XLSX).
      gevonden: the ledger's open findings.
      melding: what was written, e.g. "Geldstromen 2026".
    """
    from ledger.files import write_atomic
    from reports.documents.bevindingen import bevindingen_tabel
    from reports.documents.bevindingen import markering
    from reports.documents.bevindingen import met_bevindingenblad
    from reports.documents.bevindingen import vindplaats
    from reports.render import text as render

    basis = ledger.path.parent
    if fmt == "xlsx":
        from reports.render.excel import workbook_bytes
        from reports.render.workbook import tables_workbook

        if not out:
            raise click.ClickException("--formaat xlsx vraagt --naar BESTAND.xlsx")
        from reports.render.stamp import documentdatum

        workbook = tables_workbook(met_bevindingenblad(bladen, gevonden, basis), titel=melding,
                                   kenmerk=ledger.fingerprint, documentdatum=documentdatum())
        write_atomic(Path(out), workbook_bytes(workbook))
        click.echo(f"{melding} geschreven naar {out}")
        return
    if fmt == "csv":
        text = render.render_csv(bladen[0][1])
    else:
        text = "\n".join(render.render_text(tabel) for _, tabel in bladen)
        if gevonden:
            text += "\n" + markering(gevonden) + "\n\n" + render.render_text(bevindingen_tabel(gevonden, basis))
    if out:
        write_atomic(Path(out), text.encode("utf-8"))
        click.echo(f"{melding} geschreven naar {out}")
    else:
        click.echo(text, nl=False)
    if gevonden and fmt == "csv":
        for bevinding in gevonden:
            click.echo(f"{vindplaats(bevinding, basis)}: {bevinding.melding}", err=True)


class _Formaat(click.Choice):
    """tabel, csv or xlsx; the English "table" of before is still understood."""

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        return super().convert("tabel" if value == "table" else value, param, ctx)


FORMAAT = _Formaat(["tabel", "csv", "xlsx"])


PEILDATUM = click.option(
    "--peildatum", "peildatum", type=click.DateTime(formats=["%Y-%m-%d", "%d-%m-%Y"]),
    help="Stand per deze datum (JJJJ-MM-DD of DD-MM-JJJJ; standaard 31 december voor een afgelopen jaar, "
         "anders vandaag).")


def peildatum_van(jaar: int, peildatum: datetime.datetime | datetime.date | None, *,
                  begrotingsjaar: bool = False) -> datetime.date:
    """The peildatum of a report over ``jaar``: the one asked for (checked), else the default rule.

    The default is ``reports.compute.peildatum.peildatum_voor`` (31 December of a past year, else
    today). A date that does not fit the report is refused with a Dutch message (exit 2).
    """
    from reports.compute.peildatum import controleer_peildatum
    from reports.compute.peildatum import peildatum_voor

    try:
        if peildatum is None:
            return peildatum_voor(jaar)
    except ValueError as fout:  # $SNW_VANDAAG is no date
        raise click.UsageError(str(fout)) from None
    datum = peildatum.date() if isinstance(peildatum, datetime.datetime) else peildatum
    reden = controleer_peildatum(datum, jaar, begrotingsjaar=begrotingsjaar)
    if reden:
        raise click.BadParameter(reden, param_hint="--peildatum")
    return datum


def tabel_opties(command: Any) -> Any:
    """The options of a table command: --jaar, --peildatum, --formaat, --naar, --strikt (and the old
    spellings)."""
    for option in reversed((
        click.option("--jaar", "jaar", type=JAAR, help="Jaar (standaard: het jaar van de laatste boeking)."),
        PEILDATUM,
        oude_spelling("--year", dest="jaar", type=JAAR),
        click.option("--formaat", "fmt", type=FORMAAT, default="tabel", show_default=True,
                     help="tabel (op het scherm), csv (Nederlandse Excel) of xlsx (vraagt --naar)."),
        oude_spelling("--format", dest="fmt", type=FORMAAT),
        click.option("--naar", "out", type=click.Path(dir_okay=False, writable=True), help="Schrijf naar dit bestand."),
        oude_spelling("--out", dest="out", type=click.Path(dir_okay=False, writable=True)),
        STRIKT,
    )):
        command = option(command)
    return command


def jaar_of_laatste(ledger: Ledger, jaar: int | None) -> int:
    """The year asked for, else the year of the last booking."""
    jaar = jaar or (ledger.last_date.year if ledger.last_date else None)
    if jaar is None:
        raise click.ClickException("Het grootboek heeft geen boekingen; geef --jaar op.")
    return jaar


def met_documentcache(ctx: LedgerContext, opdracht: str, argumenten: tuple[Any, ...], out: Path,
                      namen: Sequence[str], maak: Callable[[], tuple[list[Path], list[str], list[str]]],
                      padregel: Callable[[Path], str]) -> list[Path]:
    """Write a command's documents, or copy them from the document cache when nothing changed.

    ``maak()`` computes and writes them and returns (paths, lines printed before the paths,
    lines printed after); on a hit the same lines are printed from the cache. The key holds
    the ledger, the code, ``opdracht``, ``argumenten`` and the document date
    (``reports.render.documentcache``).
    """
    from reports.render.stamp import documentdatum

    cache = ctx.documentcache(opdracht, *argumenten, documentdatum())
    treffer = cache.haal(out, namen) if cache is not None else None
    uitvoer = treffer.get("uitvoer") if isinstance(treffer, dict) else None
    if isinstance(uitvoer, dict) and isinstance(uitvoer.get("voor"), list) and isinstance(uitvoer.get("na"), list):
        paths = [out / naam for naam in namen]
        voor, na = uitvoer["voor"], uitvoer["na"]
    else:
        paths, voor, na = maak()
        if cache is not None:
            cache.bewaar(paths, {"voor": voor, "na": na})
    for regel in voor:
        click.echo(regel)
    for path in paths:
        click.echo(padregel(path))
    for regel in na:
        click.echo(regel)
    return paths

"""``snw geldstromen``: per stream awarded, received, budgeted, committed, spent, to spend."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import STRIKT
from cli.common import bevindingen_van
from cli.common import oude_spelling
from cli.common import pass_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.documents.bevindingen import bevindingen_tabel
from reports.documents.bevindingen import markering
from reports.documents.bevindingen import vindplaats
from reports.documents.geldstromen import geldstromen_tabel
from reports.render import text as render
from ledger.files import write_atomic


class _Formaat(click.Choice):
    """tabel, csv or xlsx; the English "table" of before is still understood."""

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        return super().convert("tabel" if value == "table" else value, param, ctx)


FORMAAT = _Formaat(["tabel", "csv", "xlsx"])


@click.command()
@click.option("--jaar", "jaar", type=JAAR, help="Jaar (standaard: het jaar van de laatste boeking).")
@oude_spelling("--year", dest="jaar", type=JAAR)
@click.option("--formaat", "fmt", type=FORMAAT, default="tabel", show_default=True,
              help="tabel (op het scherm), csv (Nederlandse Excel) of xlsx (vraagt --naar).")
@oude_spelling("--format", dest="fmt", type=FORMAAT)
@click.option("--naar", "out", type=click.Path(dir_okay=False, writable=True), help="Schrijf naar dit bestand.")
@oude_spelling("--out", dest="out", type=click.Path(dir_okay=False, writable=True))
@STRIKT
@pass_ledger
def geldstromen(ctx: LedgerContext, jaar: int | None, fmt: str, out: str | None, strikt: bool) -> None:
    """Overzicht per geldstroom: toegekend, ontvangen, begroot, verplicht, besteed en prognose."""
    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    jaar = jaar or (ledger.last_date.year if ledger.last_date else None)
    if jaar is None:
        raise click.ClickException("Het grootboek heeft geen boekingen; geef --jaar op.")
    tabel = geldstromen_tabel(geldstromen_overzicht(ledger.entries, ledger.programma, jaar))
    if fmt == "xlsx":
        from reports.render.excel import workbook_bytes
        from reports.render.workbook import tables_workbook

        if not out:
            raise click.ClickException("--formaat xlsx vraagt --naar BESTAND.xlsx")
        bladen = [("Geldstromen", tabel)]
        if gevonden:
            bladen.append(("Bevindingen", bevindingen_tabel(gevonden, ledger.path.parent)))
        write_atomic(Path(out), workbook_bytes(tables_workbook(bladen)))
        click.echo(f"Geldstromen {jaar} geschreven naar {out}")
        return
    text = render.render_csv(tabel) if fmt == "csv" else render.render_text(tabel)
    if gevonden and fmt != "csv":  # a CSV stays one table; the findings went to stderr above
        text += "\n" + markering(gevonden) + "\n\n" + render.render_text(bevindingen_tabel(gevonden, ledger.path.parent))
    if out:
        write_atomic(Path(out), text.encode("utf-8"))
        click.echo(f"Geldstromen {jaar} geschreven naar {out}")
    else:
        click.echo(text, nl=False)
    if gevonden and fmt == "csv":
        for bevinding in gevonden:
            click.echo(f"{vindplaats(bevinding, ledger.path.parent)}: {bevinding.melding}", err=True)

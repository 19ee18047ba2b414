"""``snw sisa JAAR``: SiSa-indicatoren per specifieke uitkering, de vaststelling per uitkering en de
staat van overlopende passiva (EU / Rijk / overige overheden; overige derden apart; terug te betalen
op afgelopen uitkeringen) in ``sisa-JAAR.xlsx``."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import STRIKT
from cli.common import bevindingen_van
from cli.common import oude_spelling
from cli.common import PEILDATUM
from cli.common import pass_ledger
from cli.common import peildatum_van


@click.command()
@click.argument("jaar", type=JAAR)
@click.option("--naar", "out_dir", type=click.Path(file_okay=False, writable=True), default=".", show_default=True,
              help="Map voor sisa-JAAR.xlsx.")
@oude_spelling("--out", dest="out_dir", type=click.Path(file_okay=False, writable=True))
@PEILDATUM
@STRIKT
@pass_ledger
def sisa(ctx: LedgerContext, jaar: int, out_dir: str, peildatum: datetime.datetime | None, strikt: bool) -> None:
    """SiSa-verantwoording over JAAR en de staat van overlopende passiva (XLSX)."""
    from reports.compute.sisa import sisa as compute
    from reports.documents.bevindingen import met_bevindingen
    from reports.render.output import write_document
    from reports.render.stamp import documentdatum
    from reports.documents.sisa import sisa_document

    stand = peildatum_van(jaar, peildatum)
    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    rapport = compute(ledger.entries, ledger.programma, jaar, stand)
    document = sisa_document(rapport, documentdatum=documentdatum(), kenmerk=ledger.fingerprint,
                             demo=ledger.is_demo, grootboek=ledger.path.name)
    document = met_bevindingen(document, gevonden, ledger.path.parent)
    (path,) = write_document(document, Path(out_dir), f"sisa-{jaar}", formats=("xlsx",))
    click.echo(f"Geschreven: {path}")
    click.echo(f"{len(rapport.uitkeringen)} specifieke uitkering(en), {len(rapport.indicatoren)} indicatoren; "
               f"{len(rapport.passiva)} geldstromen in de staat van overlopende passiva.")
    if rapport.onvolledig:
        click.echo("Onvolledig gedeclareerd voor SiSa (zie blad Onvolledig): "
                   + ", ".join(o.stroom for o in rapport.onvolledig))
    scheef = [t.stroom for t in rapport.tranches if t.verschil]
    if scheef:
        click.echo("Tranches tellen niet op tot de toekenning: " + ", ".join(scheef))
    niet_sluitend = [r.stroom for r in (*rapport.passiva, *rapport.activa) if r.verschil]
    if niet_sluitend:
        raise click.ClickException("Staat van overlopende passiva of activa sluit niet voor: " + ", ".join(niet_sluitend))

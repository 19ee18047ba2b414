"""``snw beschikbaarheid ACTIELIJN GELDSTROOM``: the availability overview of one budget line."""

from __future__ import annotations

import datetime
import sys

import click

from cli.common import FORMAAT
from cli.common import JAAR
from cli.common import PEILDATUM
from cli.common import STRIKT
from cli.common import LedgerContext
from cli.common import bevindingen_van
from cli.common import pass_ledger
from cli.common import peildatum_van
from cli.common import toon_tabellen


@click.command()
@click.argument("actielijn")
@click.argument("geldstroom")
@click.option("--jaar", "jaar", type=JAAR, help="Begrotingsjaar (standaard: het jaar van vandaag).")
@PEILDATUM
@click.option("--formaat", "fmt", type=FORMAAT, default="tabel", show_default=True,
              help="tabel (op het scherm), csv (Nederlandse Excel) of xlsx (vraagt --naar).")
@click.option("--naar", "out", type=click.Path(dir_okay=False, writable=True), help="Schrijf naar dit bestand.")
@STRIKT
@pass_ledger
def beschikbaarheid(ctx: LedgerContext, actielijn: str, geldstroom: str, jaar: int | None,
                    peildatum: datetime.datetime | None, fmt: str, out: str | None, strikt: bool) -> None:
    """Beschikbaarheid van de begrotingspost JAAR × ACTIELIJN × GELDSTROOM, zoals de beschikbaarheidscontrole
    van snw check rekent: per begrotingsregel, wijziging, uitgave, verplichting en betaling, in volgorde, de
    huidige begroting, besteed, open verplichtingen, beschikbaar en hoeveel boven de begroting.

    Voorbeeld: snw beschikbaarheid WEB-17 SPUK --jaar 2025
    """
    from ledger.klok import vandaag
    from reports.compute.beschikbaarheid import beschikbaarheid as overzicht_van
    from reports.documents.beschikbaarheid import beschikbaarheid_tabel
    from reports.documents.beschikbaarheid import onbekende_post
    from reports.documents.beschikbaarheid import samenvatting

    ledger = ctx.ledger()
    waarom = onbekende_post(ledger.programma, actielijn, geldstroom)
    if waarom:
        click.echo(f"Fout: {waarom}", err=True)
        sys.exit(2)
    gevonden = bevindingen_van(ledger, strikt=strikt)
    if jaar is None:
        try:
            jaar = vandaag().year
        except ValueError as fout:  # $SNW_VANDAAG is no date
            raise click.UsageError(str(fout)) from None
    stand = peildatum_van(jaar, peildatum)
    overzicht = overzicht_van(ledger.entries, ledger.programma, jaar, actielijn, geldstroom, stand)
    basis = ledger.path.parent
    toon_tabellen(ledger, [(f"Beschikbaarheid {actielijn} {geldstroom}", beschikbaarheid_tabel(overzicht, basis))],
                  fmt, out, gevonden, f"Beschikbaarheid {jaar} {actielijn}/{geldstroom}")
    click.echo(samenvatting(overzicht, basis), err=True)

"""``snw sjabloon``: the partner template (XLSX with drop-down lists) for one partner and year."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import oude_spelling
from cli.common import pass_ledger
from ledger.files import write_atomic


@click.command()
@click.option("--partner", required=True, help="Partnercode uit het grootboek, bijvoorbeeld EIGEN-HAARD.")
@click.option("--jaar", "jaar", type=JAAR, help="Het jaar waarover de partner rapporteert (verplicht).")
@oude_spelling("--year", dest="jaar", type=JAAR)
@click.option("--naar", "uit", type=click.Path(dir_okay=False, writable=True),
              help="Uitvoerbestand (standaard: sjabloon-<partner>-<jaar>.xlsx).")
@oude_spelling("--out", dest="uit", type=click.Path(dir_okay=False, writable=True))
@pass_ledger
def sjabloon(ctx: LedgerContext, partner: str, jaar: int | None, uit: str | None) -> None:
    """Maak het invulsjabloon (XLSX) voor een partner en een jaar.

    Eén blad om in te vullen (Datum, Actielijn, Geldstroom of eigen middelen, Bedrag, Uren,
    Buurt, Omschrijving, Kenmerk) met keuzelijsten van de actielijnen, de geldstromen waarop
    deze partner mag rapporteren en de focusbuurten, en een leesmij-blad. Partner en jaar
    staan vast in het bestand, zodat `snw import` weet van wie het is.
    """
    if jaar is None:
        raise click.UsageError("Geef het jaar op met --jaar JAAR.")
    from importers.context import Grootboek
    from importers.sjabloon import maak_sjabloon
    from importers.sjabloon import sjabloon_bytes
    from importers.suggestions import lijkt_op

    ledger = ctx.ledger()
    partners = ledger.programma.partners
    code = next((p for p in partners if p.lower() == partner.strip().lower()), None)
    if code is None:
        suggestie = lijkt_op(partner, partners)
        hint = f" Bedoelt u {suggestie}?" if suggestie else f" Bekende partners: {', '.join(sorted(partners))}."
        raise click.ClickException(f"Onbekende partner: {partner}.{hint}")
    grootboek = Grootboek.van_entries(ledger.entries)
    inhoud = sjabloon_bytes(maak_sjabloon(grootboek, code, jaar))
    pad = Path(uit) if uit else Path(f"sjabloon-{code.lower()}-{jaar}.xlsx")
    write_atomic(pad, inhoud)
    stromen = ", ".join("eigen middelen" if s == "EIGEN" else s for s in grootboek.stromen(code))
    click.echo(f"Sjabloon voor {partners[code].naam} ({code}), {jaar}: {pad}")
    click.echo(f"  {len(ledger.programma.actielijnen)} actielijnen, geldstromen: {stromen}, "
               f"{len(ledger.programma.buurten)} buurten")

"""``snw begroting``, ``snw begroting-sjabloon``, ``snw begroting-inlezen``: the annual budget.

* ``snw begroting JAAR`` writes the board document as XLSX, PDF and HTML;
* ``snw begroting-sjabloon JAAR`` writes the budget sheet to fill in (Excel);
* ``snw begroting-inlezen BESTAND`` reads the filled sheet into ``budgets/<jaar>.beancount``.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import display_path
from cli.common import met_documentcache
from cli.common import STRIKT
from cli.common import bevindingen_van
from cli.common import oude_spelling
from cli.common import PEILDATUM
from cli.common import pass_ledger
from cli.common import peildatum_van
from ledger.nl import euro
from ledger.files import ruim_op
from ledger.files import write_atomic
from ledger.load import DEMO_LEDGER


@click.command()
@click.argument("jaar", type=JAAR)
@click.option("--naar", "out", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Map voor begroting-JAAR.xlsx, .pdf en .html.")
@oude_spelling("--out", dest="out", type=click.Path(file_okay=False))
@click.option("--formaat", "formats", type=click.Choice(["xlsx", "pdf", "html"]), multiple=True,
              help="Alleen deze vorm(en); standaard alle drie.")
@oude_spelling("--format", dest="formats", type=click.Choice(["xlsx", "pdf", "html"]), multiple=True)
@PEILDATUM
@STRIKT
@pass_ledger
def begroting(ctx: LedgerContext, jaar: int, out: str, formats: tuple[str, ...], peildatum: datetime.datetime | None,
              strikt: bool) -> None:
    """De begroting JAAR voor het alliantiebestuur: XLSX, PDF (A4) en HTML, in het Nederlands.

    Omslag (status ontwerp of vastgesteld met AB-besluit), samenvatting, dekking per
    geldstroom, begroting per domein en actielijn, bijdragen van partners, risico's,
    begrotingswijzigingen en besluitpunten. Hetzelfde grootboek geeft dezelfde bestanden.
    """
    from reports.compute.begroting import begroting as compute
    from reports.documents.begroting import begroting_document
    from reports.documents.bevindingen import met_bevindingen
    from reports.render.output import write_document
    from reports.render.stamp import documentdatum

    stand = peildatum_van(jaar, peildatum, begrotingsjaar=True)
    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    gekozen = [f for f in ("xlsx", "pdf", "html") if f in (formats or ("xlsx", "pdf", "html"))]

    def maak() -> tuple[list[Path], list[str], list[str]]:
        figures = compute(ledger.entries, ledger.programma, jaar, stand)
        document = met_bevindingen(begroting_document(figures, ledger.programma, documentdatum=documentdatum(),
                                                      kenmerk=ledger.fingerprint, demo=ledger.is_demo),
                                   gevonden, ledger.path.parent)
        written = write_document(document, Path(out), f"begroting-{jaar}", template="begroting.html.j2",
                                 formats=gekozen, ondertekening=figures.status != "vastgesteld")
        kop = (f"Begroting {jaar} ({figures.status}), totaal begroot {euro(figures.totaal)}"
               + (f", ongedekt {euro(figures.ongedekt)}" if figures.ongedekt else "") + ":")
        return written, [kop], []

    met_documentcache(ctx, "begroting", (jaar, gekozen, strikt, stand.isoformat()), Path(out),
                      [f"begroting-{jaar}.{f}" for f in gekozen], maak, lambda path: f"  {display_path(path)}")


@click.command("begroting-sjabloon")
@click.argument("jaar", type=JAAR)
@click.option("--naar", "out", type=click.Path(dir_okay=False), help="Bestand (standaard begroting-JAAR-sjabloon.xlsx).")
@oude_spelling("--out", dest="out", type=click.Path(dir_okay=False))
@pass_ledger
def begroting_sjabloon(ctx: LedgerContext, jaar: int, out: str | None) -> None:
    """Het invulblad voor de begroting JAAR (Excel).

    Rijen: de actielijnen per domein; kolommen: de geldstromen die in JAAR lopen, plus
    EIGEN. Vooraf ingevuld met de begroting van JAAR (als die er al is) of anders van het
    jaar ervoor; ter vergelijking de begroting en realisatie van het jaar ervoor.
    Totalen zijn beveiligde formules. Lees het ingevulde blad in met
    ``snw begroting-inlezen``.
    """
    from budgets.excel import sjabloon_workbook
    from reports.render.excel import workbook_bytes
    from reports.render.stamp import documentdatum
    from reports.render.stamp import documentmoment

    ledger = ctx.ledger()
    bevindingen_van(ledger)
    workbook = sjabloon_workbook(ledger.entries, ledger.programma, jaar, kenmerk=ledger.fingerprint,
                                 documentdatum=documentdatum(), demo=ledger.is_demo)
    path = Path(out or f"begroting-{jaar}-sjabloon.xlsx")
    write_atomic(path, workbook_bytes(workbook, documentmoment()))
    click.echo(f"Invulblad begroting {jaar} geschreven naar {display_path(path)}")
    click.echo(f"Vul het blad 'Begroting {jaar}' in en lees het in met: snw begroting-inlezen {display_path(path)}")


@click.command("begroting-inlezen")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False))
@click.option("--naar", "out", type=click.Path(dir_okay=False),
              help="Doelbestand (standaard budgets/JAAR.beancount naast het hoofdbestand van het grootboek).")
@oude_spelling("--out", dest="out", type=click.Path(dir_okay=False))
@click.option("--besluit", "besluit", help="Kenmerk van het AB-besluit dat de begroting vaststelt (anders: ontwerp).")
@click.option("--besluit-omschrijving", "omschrijving", help="Omschrijving van een nieuw AB-besluit.")
@click.option("--datum", "datum_", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Datum van de regels (JJJJ-MM-DD; standaard vandaag).")
@click.option("--overschrijven", "overwrite", is_flag=True, help="Vervang een bestaand doelbestand.")
@click.option("--proef", "dry_run", is_flag=True, help="Toon de regels, schrijf niets.")
@oude_spelling("--dry-run", dest="dry_run", is_flag=True)
@pass_ledger
def begroting_inlezen(ctx: LedgerContext, bestand: str, out: str | None, besluit: str | None,
                      omschrijving: str | None, datum_: datetime.datetime | None, overwrite: bool,
                      dry_run: bool) -> None:
    """Lees een ingevuld invulblad in als budgets/JAAR.beancount.

    Weigert onbekende codes, negatieve bedragen en tekst waar een bedrag hoort, met de
    cel erbij (bijvoorbeeld "Blad Begroting 2028, cel D14: 'abc' is geen bedrag"); er wordt
    dan niets geschreven. Waarschuwt als een geldstroom meer krijgt dan er beschikbaar is.
    Twee keer tegelijk inlezen (of inlezen tijdens een import) in één grootboek kan niet: de
    tweede stopt met een melding.
    """
    from ledger.files import Bezig
    from ledger.files import vergrendeld

    try:
        with vergrendeld(ctx.path.resolve().parent, "snw begroting-inlezen"):
            if ctx.path.resolve() != DEMO_LEDGER:
                ruim_op(ctx.path.resolve().parent / "budgets")  # litter of a read-in that was killed
            _begroting_inlezen(ctx, bestand, out, besluit, omschrijving, datum_, overwrite, dry_run)
    except Bezig as exc:
        raise click.ClickException(str(exc)) from exc


def _begroting_inlezen(ctx: LedgerContext, bestand: str, out: str | None, besluit: str | None,
                       omschrijving: str | None, datum_: datetime.datetime | None, overwrite: bool,
                       dry_run: bool) -> None:
    """The read-in itself, under the ledger's lock (see ``begroting_inlezen``)."""
    from budgets.excel import InleesFout
    from budgets.excel import begroting_tekst
    from budgets.excel import lees_sjabloon
    from reports.render.stamp import documentdatum

    ledger = ctx.ledger()
    bevindingen_van(ledger)
    try:
        gelezen = lees_sjabloon(Path(bestand), ledger.entries, ledger.programma)
    except InleesFout as exc:
        raise click.ClickException(str(exc)) from exc
    for waarschuwing in gelezen.waarschuwingen:
        click.echo(f"Waarschuwing: {waarschuwing}", err=True)
    day = datum_.date() if datum_ else documentdatum()
    if besluit and besluit in ledger.programma.ab_besluiten:
        omschrijving = None  # already declared in the ledger
    elif besluit:
        omschrijving = omschrijving or f"Vaststelling begroting {gelezen.jaar}"
    text = begroting_tekst(gelezen, day, besluit=besluit, besluit_omschrijving=omschrijving,
                           bron=Path(bestand).name)
    if dry_run:
        click.echo(text, nl=False)
        return
    if out is None and ledger.is_demo:
        raise click.ClickException(
            "snw begroting-inlezen schrijft niet in de ingebouwde demoledger: geef --naar BESTAND, "
            "of --grootboek met een eigen grootboek.")
    path = Path(out) if out else ledger.path.parent / "budgets" / f"{gelezen.jaar}.beancount"
    if path.exists() and not overwrite:
        raise click.ClickException(f"{display_path(path)} bestaat al; gebruik --overschrijven om het te vervangen.")
    ruim_op(path.parent, naam=path.name)  # a read-in into this file that was killed
    write_atomic(path, text.encode("utf-8"))
    click.echo(f"{len(gelezen.regels)} begrotingsregels {gelezen.jaar} (totaal {euro(gelezen.totaal)}) "
               f"geschreven naar {display_path(path)}")
    included = {Path(name).resolve() for name in ledger.options_map.get("include", [])}
    if path.resolve() not in included:
        relative = os.path.relpath(path.resolve(), ledger.path.parent.resolve())
        click.echo(f"Neem het op in {display_path(ledger.path)}: include \"{relative}\"")

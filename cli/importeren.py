"""``snw import``: partner files into the ledger, all or nothing."""

from __future__ import annotations

import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.common import LedgerContext
from cli.common import display_path
from cli.common import oude_spelling
from cli.common import pass_ledger

if TYPE_CHECKING:
    from importers.base import BijdrageImporter
    from importers.base import Resultaat
    from importers.writer import Plan
    from importers.writer import Totaal
    from ledger.load import Ledger

VOORTGANG_VANAF = 2000  # rows; smaller files need no progress bar


def _kies_importer(bestand: str, kandidaten: list[BijdrageImporter],
                   voorkeur: list[BijdrageImporter]) -> BijdrageImporter | str:
    from importers.readers import controleer_bestand

    onleesbaar = controleer_bestand(bestand)
    if onleesbaar:
        return onleesbaar
    eigen = [imp for imp in voorkeur if imp.identify(bestand)]
    if len(eigen) == 1:
        return eigen[0]
    herkend = [imp for imp in kandidaten if imp.identify(bestand)]
    if voorkeur and not eigen:
        herkend = []  # a mapping was given: never fall back to another one
    if len(herkend) > 1:
        eigen = [imp for imp in herkend if imp in voorkeur]
        if len(eigen) == 1:
            return eigen[0]
        namen = ", ".join(imp.name for imp in herkend)
        return f"meerdere importers herkennen dit bestand ({namen}); geef de koppeling met --koppeling"
    if not herkend and len(voorkeur) == 1:
        # The finance officer named the mapping: read the file with it, so the refusal says what
        # does not fit (a missing column, another file type) instead of "no importer".
        return voorkeur[0]
    if not herkend and voorkeur:
        return ("geen van de gegeven koppelingen herkent dit bestand (kolomnamen, bestandstype); geef de "
                "koppeling die erbij hoort als enige --koppeling, dan staat er wat er niet past")
    if not herkend:
        return ("geen importer herkent dit bestand: het is geen sjabloon van `snw sjabloon` en past bij "
                "geen koppeling in importers/mappings/ (kolomnamen, bestandstype); geef een koppeling "
                "met --koppeling")
    return herkend[0]


def _lees(bestand: str, importer: BijdrageImporter, ledger: Ledger) -> Resultaat:
    schatting = importer.schatting(bestand)
    if schatting < VOORTGANG_VANAF:
        return importer.lees(bestand, ledger.entries)
    with click.progressbar(length=schatting, label=f"{Path(bestand).name} lezen",
                           file=sys.stderr) as balk:
        return importer.lees(bestand, ledger.entries, voortgang=balk.update)


def _toon_totalen(totalen_: list[Totaal], ledger: Ledger) -> None:
    from ledger.nl import euro
    from ledger.nl import getal

    per_partner = defaultdict(list)
    for totaal in totalen_:
        per_partner[totaal.partner].append(totaal)
    for partner, totalen in per_partner.items():
        gegevens = ledger.programma.partners.get(partner)
        click.echo(f"\nPartner {partner}" + (f" ({gegevens.naam})" if gegevens else ""))
        click.echo(f"  {'actielijn':<10} {'geldstroom':<12} {'bedrag':>16} {'uren':>9} {'regels':>7}")
        som, uren, rijen = Decimal(0), Decimal(0), 0
        for totaal in totalen:
            click.echo(f"  {totaal.actielijn:<10} {totaal.stroom:<12} {euro(totaal.bedrag):>16} "
                       f"{getal(totaal.uren, 1) if totaal.uren else '':>9} {totaal.rijen:>7}")
            som += totaal.bedrag
            uren += totaal.uren
            rijen += totaal.rijen
        click.echo(f"  {'totaal':<23} {euro(som):>16} {getal(uren, 1) if uren else '':>9} {rijen:>7}")


def _toon_plan(plan: Plan, ledger: Ledger) -> None:
    _toon_totalen(plan.totalen, ledger)
    click.echo("")
    for doel in plan.doelen:
        status = "" if doel.veranderd else " (geen wijziging)"
        click.echo(f"{display_path(doel.pad)}: {doel.nieuw} nieuw, {doel.gewijzigd} gewijzigd, "
                   f"{doel.vervallen} vervallen, {doel.ongewijzigd} ongewijzigd{status}")
    if plan.elders:
        click.echo(f"{plan.elders} regel(s) stonden al elders in het grootboek (bijvoorbeeld via Fava) "
                   "en zijn overgeslagen")


def _weiger(fouten: list, reden: str) -> None:
    from importers.errors import door_grootboek
    from importers.errors import format_rij_fout

    for fout in fouten:
        click.echo(format_rij_fout(fout) + (" [oorzaak: grootboek]" if door_grootboek(fout) else ""), err=True)
    grootboek = sum(1 for fout in fouten if door_grootboek(fout))
    if grootboek == len(fouten):
        reden = ("de oorzaak ligt in het grootboek, niet in het bestand (een verplichting of voorschot "
                 "ontbreekt); leg dat eerst vast in het grootboek en importeer het bestand dan opnieuw")
    elif grootboek:
        reden += (f"; {grootboek} daarvan liggen aan het grootboek (gemarkeerd met [oorzaak: grootboek]): "
                  "leg daar eerst de verplichting of het voorschot vast")
    click.echo(f"{len(fouten)} fout(en); {reden}. Er is niets geschreven.", err=True)
    sys.exit(1)


def _toon_bestand(bestand: str, importer: BijdrageImporter, resultaat: Resultaat) -> None:
    gelezen = resultaat.rijen - resultaat.overgeslagen
    omschrijving = f"{gelezen} regel(s)"
    if resultaat.overgeslagen:
        omschrijving += f", {resultaat.overgeslagen} overgeslagen"
    if resultaat.dubbel:
        omschrijving += f" (waarvan {resultaat.dubbel} dubbel)"
    click.echo(f"{bestand}: {importer.name}, partner {resultaat.partner}, {omschrijving}"
               + (f", {len(resultaat.fouten)} fout(en)" if resultaat.fouten else ""))
    for overslag in resultaat.overgeslagen_rijen:
        click.echo(f"  {overslag}")
    for opmerking in resultaat.opmerkingen:
        click.echo(f"  {opmerking}")


@click.command("import")
@click.argument("bestanden", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--proef", "proef", is_flag=True,
              help="Laat zien wat er zou veranderen, en controleer het, zonder iets te schrijven.")
@oude_spelling("--dry-run", dest="proef", is_flag=True)
@click.option("--koppeling", "koppelingen", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra koppelingsbestand (YAML) voor een ERP-export; mag vaker.")
@pass_ledger
def importeren(ctx: LedgerContext, bestanden: tuple[str, ...], proef: bool, koppelingen: tuple[str, ...]) -> None:
    """Lees partnerbestanden in: het sjabloon of een ERP-export met koppeling.

    Herkent per BESTAND de importer, toont per partner, actielijn en geldstroom wat er
    bijkomt, en schrijft het naar import/<partner>-<jaar>.beancount naast het grootboek.
    Alles of niets: is één regel fout, of zou het grootboek daarna niet meer kloppen
    (snw check), dan wordt niets geschreven en staat elke foute regel in de uitvoer
    (bestand:rij: kolom: reden). Hetzelfde bestand opnieuw inlezen voegt niets toe; een
    gecorrigeerd bestand vervangt alleen wat er veranderd is. Twee imports in hetzelfde
    grootboek lopen nooit door elkaar: de tweede stopt met een melding.
    """
    from ledger.files import Bezig
    from ledger.files import vergrendeld

    try:
        with vergrendeld(ctx.path.resolve().parent, "snw import"):
            _importeren(ctx, bestanden, proef, koppelingen)
    except Bezig as exc:
        raise click.ClickException(str(exc)) from exc


def _importeren(ctx: LedgerContext, bestanden: tuple[str, ...], proef: bool, koppelingen: tuple[str, ...]) -> None:
    """The import itself, under the ledger's lock (see ``importeren``)."""
    import yaml

    from importers import writer
    from importers.koppeling import KoppelingFout
    from importers.koppeling import KoppelingImporter

    ledger = ctx.ledger()
    if ledger.is_demo and not proef:
        raise click.ClickException(
            "snw import schrijft niet in de ingebouwde demoledger. Kopieer ledger/demo naar een eigen map "
            "en geef die op met --grootboek (of SNW_LEDGER), of bekijk het eerst met --proef.")
    if not ledger.is_demo:
        writer.opruimen(ledger.path)  # litter of an import that was killed
    try:
        # importers.config builds Fava's importer list from importers/mappings/ when imported.
        from importers import config

        extra = [KoppelingImporter(pad, ledger.path) for pad in koppelingen]
        kandidaten = [*extra, *config.importers(ledger.path)]
    except (KoppelingFout, yaml.YAMLError) as exc:
        raise click.ClickException(f"Koppelingsbestand onleesbaar: {exc}") from exc

    from importers.errors import rij_fout

    fouten = []
    resultaten = []
    for bestand in bestanden:
        importer = _kies_importer(bestand, kandidaten, extra)
        if isinstance(importer, str):
            fouten.append(rij_fout(bestand, 0, None, importer))
            continue
        resultaat = _lees(bestand, importer, ledger)
        _toon_bestand(bestand, importer, resultaat)
        fouten.extend(resultaat.fouten)
        resultaten.append(resultaat)
    if fouten:
        if proef:
            geldig = [entry for resultaat in resultaten for entry in resultaat.geldig]
            if geldig:
                click.echo("\nProefdraai: totalen van de regels zonder fouten (er wordt niets ingelezen "
                           "zolang er fouten zijn):")
                _toon_totalen(writer.samenvatting(geldig, ledger.programma), ledger)
                click.echo("")
        _weiger(fouten, "los ze op in het bestand en importeer het opnieuw")

    plan = writer.plan_import(ledger, resultaten)
    if plan.fouten:
        _weiger(plan.fouten, "de import botst met wat al in het grootboek staat")
    _toon_plan(plan, ledger)
    if not plan.veranderd:
        click.echo("Niets te doen: alle regels staan al in het grootboek.")
        return
    from importers.rows import bron_naam

    bronpaden = {bron_naam(bestand): bestand for bestand in bestanden}
    fouten = writer.valideer(ledger, plan, bronpaden)
    if fouten:
        _weiger(fouten, "met deze regels zou het grootboek niet meer kloppen (snw check)")
    if proef:
        click.echo("Proefdraai: het grootboek klopt met deze import; er is niets geschreven.")
        return
    for pad in writer.schrijf(plan):
        click.echo(f"Geschreven: {display_path(pad)}")

"""``snw jaar-afsluiten JAAR``: close a book year, so that any later change to it is a finding."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import display_path
from cli.common import format_error
from cli.common import pass_ledger

BESTAND = "jaarafsluitingen.beancount"
"""The file next to the main ledger file that holds the year closes (included from the main file)."""


@click.command("jaar-afsluiten")
@click.argument("jaar", type=JAAR)
@click.option("--opnieuw", is_flag=True, help="Sluit een al afgesloten jaar opnieuw af, na een correctie (vraagt --reden).")
@click.option("--reden", help="Waarom het jaar (opnieuw) wordt afgesloten; staat bij de afsluiting in het grootboek.")
@click.option("--met-bevindingen", "met_bevindingen", is_flag=True,
              help="Sluit af ondanks open bevindingen (hun aantal staat bij de afsluiting).")
@click.option("--proef", "dry_run", is_flag=True, help="Toon de afsluiting, schrijf niets.")
@pass_ledger
def jaar_afsluiten(ctx: LedgerContext, jaar: int, opnieuw: bool, reden: str | None, met_bevindingen: bool,
                   dry_run: bool) -> None:
    """Sluit boekjaar JAAR af: legt een vingerafdruk van alle boekingen van JAAR vast.

    Schrijft een ``custom "jaarafsluiting"`` met de datum van vandaag in
    jaarafsluitingen.beancount naast het hoofdbestand (en neemt dat bestand op in het
    hoofdbestand). Daarna is elke wijziging van een boeking van JAAR een bevinding van
    ``snw check``. Een jaar wordt pas na afloop afgesloten; met open bevindingen alleen met
    --met-bevindingen (hun aantal staat dan bij de afsluiting).
    """
    from ledger.files import Bezig
    from ledger.files import vergrendeld

    try:
        with vergrendeld(ctx.path.resolve().parent, "snw jaar-afsluiten"):
            _jaar_afsluiten(ctx, jaar, opnieuw, reden, met_bevindingen, dry_run)
    except Bezig as exc:
        raise click.ClickException(str(exc)) from exc


def _jaar_afsluiten(ctx: LedgerContext, jaar: int, opnieuw: bool, reden: str | None, met_bevindingen: bool,
                    dry_run: bool) -> None:
    from beancount.core import data

    from ledger import jaarafsluiting as afsluiting
    from ledger.errors import JaarafsluitingError
    from ledger.errors import is_warning
    from ledger.files import write_all_atomic
    from ledger.klok import vandaag
    from ledger.nl import datum
    from ledger.nl import getal

    try:
        vandaag_ = vandaag()
    except ValueError as fout:
        raise click.UsageError(str(fout)) from None
    if jaar >= vandaag_.year:
        raise click.UsageError(f"{jaar} is nog niet voorbij: een jaar wordt na 31 december afgesloten.")
    if opnieuw and not (reden and reden.strip()):
        raise click.UsageError("--opnieuw vraagt --reden: waarom wordt het jaar opnieuw afgesloten?")
    ledger = ctx.ledger()
    fouten = [e for e in ledger.errors if not is_warning(e) and not isinstance(e, JaarafsluitingError)]
    if fouten and not met_bevindingen:
        for fout in fouten:
            click.echo(format_error(fout), err=True)
        raise click.ClickException(f"{len(fouten)} open bevinding(en) hierboven: los die op voordat {jaar} wordt "
                                   "afgesloten, of sluit af met --met-bevindingen.")
    eerdere = [e for e in ledger.entries if isinstance(e, data.Custom) and e.type == afsluiting.SOORT
               and e.values and e.values[0].value == jaar]
    afdruk = afsluiting.vingerafdruk(ledger.entries, jaar)
    if afdruk.boekingen == 0:
        raise click.ClickException(f"Het grootboek heeft geen boekingen in {jaar}; er is niets af te sluiten.")
    if eerdere:
        vorige = afsluiting.lees_afsluiting(eerdere[-1])
        sinds = f"{jaar} is al afgesloten op {datum(eerdere[-1].date)}"
        if not isinstance(vorige, str) and vorige.vingerafdruk.sha256 == afdruk.sha256:
            click.echo(f"{sinds}; de boekingen zijn sindsdien niet gewijzigd. Er is niets geschreven.")
            return
        if not opnieuw:
            raise click.ClickException(f"{sinds} en de boekingen zijn sindsdien gewijzigd (snw check toont waar). "
                                       "Sluit het jaar opnieuw af met --opnieuw --reden \"…\".")
    tekst = afsluiting.afsluiting_regels(afdruk, vandaag_, reden.strip() if reden else None, len(fouten))
    if dry_run:
        click.echo(tekst, nl=False)
        return
    if ledger.is_demo:
        raise click.ClickException("snw jaar-afsluiten schrijft niet in de ingebouwde demoledger: geef --grootboek "
                                   "met een eigen grootboek (een kopie van de demo kan ook).")
    main = ledger.path.resolve()
    doel = main.parent / BESTAND
    bestanden: dict[Path, bytes] = {}
    bestaand = doel.read_bytes() if doel.exists() else (
        b"; Jaarafsluitingen: geschreven door snw jaar-afsluiten. Niet met de hand wijzigen.\n")
    scheiding = b"" if bestaand.endswith(b"\n") or not bestaand else b"\n"
    bestanden[doel] = bestaand + scheiding + b"\n" + tekst.encode("utf-8")
    opgenomen = {str(Path(naam).resolve()) for naam in ledger.options_map.get("include", ())}
    if str(doel) not in opgenomen:
        inhoud = main.read_bytes()
        einde = b"" if inhoud.endswith(b"\n") else b"\n"
        bestanden[main] = inhoud + einde + f'\ninclude "{BESTAND}"\n'.encode("utf-8")
    write_all_atomic(bestanden)
    click.echo(f"{jaar} afgesloten op {datum(vandaag_)}: {getal(afdruk.boekingen)} boekingen, vingerafdruk "
               f"{afdruk.sha256[:12]}, in {display_path(doel)}.")
    if main in bestanden:
        click.echo(f"{display_path(main)} neemt {BESTAND} nu op.")
    if fouten:
        click.echo(f"Afgesloten met {len(fouten)} open bevinding(en); snw check blijft ze tonen.")
    click.echo(f"Elke wijziging van een boeking van {jaar} is vanaf nu een bevinding van snw check.")

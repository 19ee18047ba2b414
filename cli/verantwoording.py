"""``snw verantwoording JAAR``: the year's accountability to the alliantiebestuur (XLSX, PDF, HTML)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import STRIKT
from cli.common import bevindingen_van
from cli.common import display_path
from cli.common import met_documentcache
from cli.common import PEILDATUM
from cli.common import pass_ledger
from cli.common import peildatum_van
from ledger.nl import euro


@click.command()
@click.argument("jaar", type=JAAR)
@click.option("--naar", "out", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Map voor verantwoording-JAAR.xlsx, .pdf en .html.")
@click.option("--formaat", "formats", type=click.Choice(["xlsx", "pdf", "html"]), multiple=True,
              help="Alleen deze vorm(en); standaard alle drie.")
@PEILDATUM
@STRIKT
@pass_ledger
def verantwoording(ctx: LedgerContext, jaar: int, out: str, formats: tuple[str, ...],
                   peildatum: datetime.datetime | None, strikt: bool) -> None:
    """De verantwoording over JAAR voor het alliantiebestuur: XLSX, PDF (A4) en HTML.

    Per domein, actielijn en geldstroom de primitieve begroting, de wijzigingen (met hun
    AB-besluiten), de huidige begroting, de realisatie, de open verplichtingen en wat
    resteert; de toelichting op afwijkingen (ontbrekende toelichtingen genoemd); de bijdragen
    van partners tegen hun toezeggingen; de SiSa-samenvatting met de staat van overlopende
    passiva; de open bevindingen van het grootboek en de besluitpunten.
    """
    from reports.compute.verantwoording import verantwoording as compute
    from reports.documents.bevindingen import met_bevindingen
    from reports.documents.verantwoording import verantwoording_document
    from reports.render.output import write_document
    from reports.render.stamp import documentdatum

    stand = peildatum_van(jaar, peildatum)
    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    gekozen = [f for f in ("xlsx", "pdf", "html") if f in (formats or ("xlsx", "pdf", "html"))]

    def maak() -> tuple[list[Path], list[str], list[str]]:
        figures = compute(ledger.entries, ledger.programma, jaar, stand)
        document = met_bevindingen(
            verantwoording_document(figures, documentdatum=documentdatum(), kenmerk=ledger.fingerprint,
                                    demo=ledger.is_demo, aantal_bevindingen=len(gevonden)),
            gevonden, ledger.path.parent)
        written = write_document(document, Path(out), f"verantwoording-{jaar}", template="begroting.html.j2",
                                 formats=gekozen, ondertekening=True)
        kop = (f"Verantwoording {jaar}: begroot {euro(figures.begroot)}, gerealiseerd {euro(figures.gerealiseerd)}, "
               f"verschil {euro(figures.verschil)}, vrij na verplichtingen {euro(figures.vrij_na_verplichtingen)}:")
        return written, [kop], []

    met_documentcache(ctx, "verantwoording", (jaar, gekozen, strikt, stand.isoformat()), Path(out),
                      [f"verantwoording-{jaar}.{f}" for f in gekozen], maak, lambda path: f"  {display_path(path)}")

"""``snw proportionaliteit JAAR``: partners naar draagkracht, programmageld tegenover regulier
geld, besteding per bewoner per focusbuurt; XLSX + HTML + PDF in Dutch."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from cli.common import JAAR
from cli.common import LedgerContext
from cli.common import STRIKT
from cli.common import bevindingen_van
from cli.common import met_documentcache
from cli.common import oude_spelling
from cli.common import PEILDATUM
from cli.common import pass_ledger
from cli.common import peildatum_van


@click.command()
@click.argument("jaar", type=JAAR)
@click.option("--naar", "out_dir", type=click.Path(file_okay=False, writable=True), default=".", show_default=True,
              help="Map voor proportionaliteit-JAAR.xlsx/.html/.pdf.")
@oude_spelling("--out", dest="out_dir", type=click.Path(file_okay=False, writable=True))
@PEILDATUM
@STRIKT
@pass_ledger
def proportionaliteit(ctx: LedgerContext, jaar: int, out_dir: str, peildatum: datetime.datetime | None,
                      strikt: bool) -> None:
    """Proportionaliteit en ongelijk investeren in JAAR: XLSX, HTML en PDF."""
    from reports.compute.proportionaliteit import proportionaliteit as compute
    from reports.documents.proportionaliteit import proportionaliteit_document
    from reports.documents.proportionaliteit import TEMPLATE
    from reports.documents.bevindingen import met_bevindingen
    from reports.render.output import write_document
    from reports.render.stamp import documentdatum

    stand = peildatum_van(jaar, peildatum)
    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)

    def maak() -> tuple[list[Path], list[str], list[str]]:
        rapport = compute(ledger.entries, ledger.programma, jaar, stand)
        document = proportionaliteit_document(rapport, documentdatum=documentdatum(), kenmerk=ledger.fingerprint,
                                              demo=ledger.is_demo, grootboek=ledger.path.name)
        document = met_bevindingen(document, gevonden, ledger.path.parent)
        paths = write_document(document, Path(out_dir), f"proportionaliteit-{jaar}", template=TEMPLATE)
        na = []
        for status, woord in (("onder", "Onder"), ("boven", "Boven")):
            codes = [r.code for r in rapport.partners_jaar.met_status(status)]
            na.append(f"{woord} aandeel naar draagkracht in {jaar}: {', '.join(codes) if codes else 'geen'}")
        return paths, [], na

    met_documentcache(ctx, "proportionaliteit", (jaar, strikt, stand.isoformat()), Path(out_dir),
                      [f"proportionaliteit-{jaar}.{f}" for f in ("xlsx", "pdf", "html")], maak,
                      lambda path: f"Geschreven: {path}")

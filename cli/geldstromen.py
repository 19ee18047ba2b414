"""``snw geldstromen``: per stream awarded, received, budgeted, committed, spent, to spend; and,
when a stream's grant year is not the calendar year, its spending per grant year."""

from __future__ import annotations

import datetime

import click

from cli.common import LedgerContext
from cli.common import bevindingen_van
from cli.common import jaar_of_laatste
from cli.common import pass_ledger
from cli.common import peildatum_van
from cli.common import tabel_opties
from cli.common import toon_tabellen


@click.command()
@tabel_opties
@pass_ledger
def geldstromen(ctx: LedgerContext, jaar: int | None, peildatum: datetime.datetime | None, fmt: str,
                out: str | None, strikt: bool) -> None:
    """Overzicht per geldstroom: toegekend, ontvangen, begroot, verplicht, besteed en prognose."""
    from reports.compute.geldstromen import geldstromen_overzicht
    from reports.compute.subsidiejaren import subsidiejaren_overzicht
    from reports.documents.geldstromen import geldstromen_tabel
    from reports.documents.subsidiejaren import subsidiejaren_tabel

    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    jaar = jaar_of_laatste(ledger, jaar)
    stand = peildatum_van(jaar, peildatum)
    overzicht = geldstromen_overzicht(ledger.entries, ledger.programma, jaar, stand)
    # The terminal gets the stream's facts in one column; CSV and XLSX in columns of their own.
    bladen = [("Geldstromen", geldstromen_tabel(overzicht, compact=fmt == "tabel"))]
    # A second table only when some stream's grant year is not the calendar year (e.g. PMG, June–May).
    subsidiejaren = subsidiejaren_overzicht(ledger.entries, ledger.programma, overzicht.peildatum)
    if subsidiejaren:
        bladen.append(("Subsidiejaren", subsidiejaren_tabel(subsidiejaren, overzicht.peildatum)))
    if fmt == "xlsx":
        # The detail of the open commitments: the workbook's "Open verplichtingen" add it up (SUMIFS).
        from reports.compute.verplichtingen import Verplichtingen
        from reports.compute.verplichtingstanden import verplichtingen_standen
        from reports.documents.verplichtingen import verplichtingen_tabel

        standen = verplichtingen_standen(ledger.entries, ledger.programma, overzicht.peildatum)
        if standen:
            bladen.append(("Verplichtingen", verplichtingen_tabel(
                Verplichtingen(peildatum=overzicht.peildatum, verplichtingen=standen, stromen=()))))
    toon_tabellen(ledger, bladen, fmt, out, gevonden, f"Geldstromen {jaar}")

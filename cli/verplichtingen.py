"""``snw verplichtingen``: every commitment (paid, open, expired) and the totals per stream."""

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
def verplichtingen(ctx: LedgerContext, jaar: int | None, peildatum: datetime.datetime | None, fmt: str,
                   out: str | None, strikt: bool) -> None:
    """Verplichtingen: per verplichting oorspronkelijk, wijzigingen, verplicht, betaald, open, einddatum,
    afgesloten en verlopen; per geldstroom verplicht, betaald, open en wat vrij is na de open
    verplichtingen; elke wijziging en afsluiting met haar reden (stand per de peildatum van JAAR).

    CSV geeft de tabel per verplichting; XLSX alle tabellen.
    """
    from reports.compute.verplichtingen import verplichtingen_overzicht
    from reports.documents.verplichtingen import verplichtingen_per_stroom_tabel
    from reports.documents.verplichtingen import verplichtingen_tabel
    from reports.documents.verplichtingen import wijzigingen_tabel

    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    jaar = jaar_of_laatste(ledger, jaar)
    stand = peildatum_van(jaar, peildatum)
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, jaar, stand)
    toon_tabellen(ledger, [("Verplichtingen", verplichtingen_tabel(overzicht)),
                           ("Per geldstroom", verplichtingen_per_stroom_tabel(overzicht)),
                           ("Wijzigingen", wijzigingen_tabel(overzicht))],
                  fmt, out, gevonden, f"Verplichtingen {jaar}")

"""``snw realisatie``: the year per budget line: budget, realised, open commitments, remaining."""

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
def realisatie(ctx: LedgerContext, jaar: int | None, peildatum: datetime.datetime | None, fmt: str,
               out: str | None, strikt: bool) -> None:
    """Realisatie van JAAR per begrotingspost: begroot na wijziging, gerealiseerd, verschil (BBV art. 28),
    open verplichtingen en vrij na verplichtingen (negatief is een overschrijding); de eigen middelen
    van partners apart (XLSX: een tweede blad; op het scherm een tweede tabel)."""
    from reports.compute.realisatie import realisatie_per_post
    from reports.documents.verplichtingen import eigen_middelen_tabel
    from reports.documents.verplichtingen import realisatie_tabel

    ledger = ctx.ledger()
    gevonden = bevindingen_van(ledger, strikt=strikt)
    jaar = jaar_of_laatste(ledger, jaar)
    stand = peildatum_van(jaar, peildatum)
    cijfers = realisatie_per_post(ledger.entries, ledger.programma, jaar, stand)
    bladen = [(f"Realisatie {jaar}", realisatie_tabel(cijfers))]
    if cijfers.eigen_middelen:
        bladen.append(("Eigen middelen", eigen_middelen_tabel(cijfers)))
    toon_tabellen(ledger, bladen, fmt, out, gevonden, f"Realisatie {jaar}")
    if cijfers.overschreden:
        click.echo(f"{len(cijfers.overschreden)} begrotingspost(en) overschreden: "
                   + ", ".join(f"{p.actielijn}/{p.stroom}" for p in cijfers.overschreden), err=True)

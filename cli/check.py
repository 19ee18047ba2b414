"""``snw check``: bean-check plus every rule of the plugin."""

from __future__ import annotations

import json
import sys
import click

from cli.common import LedgerContext
from cli.common import format_error
from cli.common import pass_ledger
from ledger.errors import is_warning


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Fouten als JSON (bestand, regel, melding).")
@pass_ledger
def check(ctx: LedgerContext, as_json: bool) -> None:
    """Controleer het grootboek: Beancount plus alle regels van de geldstromen.

    Print één regel per fout (bestand:regel: melding); exitstatus 0 als alles klopt, anders 1.
    Waarschuwingen (bijvoorbeeld binnen de begrotingstolerantie, of een begrotingsregel die meer
    dan de drempel verandert zonder toelichting) worden getoond maar laten de controle niet falen.
    """
    ledger = ctx.ledger()
    fouten = [error for error in ledger.errors if not is_warning(error)]
    errors = ledger.errors  # the plugin's, budget lines without toelichting included (ledger.rules.beschikbaarheid)
    if as_json:
        items = [
            {
                "file": (error.source or {}).get("filename"),
                "line": (error.source or {}).get("lineno"),
                "message": error.message,
                "warning": is_warning(error),
            }
            for error in errors
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for error in errors:
            click.echo(format_error(error))
    sys.exit(1 if fouten else 0)

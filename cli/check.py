"""``snw check``: bean-check plus every rule of the plugin."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from cli.common import LedgerContext
from cli.common import format_error
from cli.common import pass_ledger
from ledger.errors import BegrotingWaarschuwing
from ledger.errors import is_warning
from ledger.nl import euro


def toelichting_waarschuwingen(ledger: Any) -> list[BegrotingWaarschuwing]:
    """Budget lines that change beyond the threshold without a ``toelichting:``, as warnings at the line.

    The rule is the begroting's (``reports.compute.begroting.ontbrekende_toelichtingen``); a ledger
    whose declarations could not be read has none.
    """
    if getattr(ledger, "programma", None) is None:
        return []
    from reports.compute.begroting import ontbrekende_toelichtingen

    out = []
    for regel in ontbrekende_toelichtingen(ledger.programma):
        verschil = ("nieuw" if not regel.vorig_begroot else "vervalt" if not regel.begroot
                    else f"{'+' if regel.begroot > regel.vorig_begroot else '−'}"
                         f"{abs(regel.begroot - regel.vorig_begroot) / regel.vorig_begroot:.0%}")
        out.append(BegrotingWaarschuwing(
            regel.entry.meta,
            f"Waarschuwing: begroting {regel.jaar} {regel.actielijn}/{regel.stroom} zonder toelichting: "
            f"{euro(regel.vorig_begroot)} in {regel.jaar - 1}, {euro(regel.begroot)} in {regel.jaar} ({verschil}); "
            + (f"zet een regel custom \"begroting\" {regel.jaar} \"{regel.actielijn}\" \"{regel.stroom}\" 0.00 EUR "
               "met toelichting: \"…\"" if not regel.begroot else "zet toelichting: \"…\" bij de begrotingsregel"),
            regel.entry))
    return sorted(out, key=lambda w: (w.source.get("filename", ""), w.source.get("lineno", 0)))


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
    errors = [*ledger.errors, *toelichting_waarschuwingen(ledger)]
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

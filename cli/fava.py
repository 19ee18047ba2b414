"""``snw fava``: Fava on the ledger, on localhost only, read-only unless asked."""

from __future__ import annotations

import click

from cli.common import LedgerContext
from cli.common import oude_spelling
from cli.common import pass_ledger


@click.command()
@click.option("--poort", "-p", "port", type=int, default=5000, show_default=True, help="Poort op localhost.")
@oude_spelling("--port", dest="port", type=int)
@click.option("--schrijven", is_flag=True, help="Sta wijzigingen via Fava toe (standaard alleen-lezen).")
@pass_ledger
def fava(ctx: LedgerContext, port: int, schrijven: bool) -> None:
    """Start Fava op http://127.0.0.1:POORT met de pagina's Geldstromen, Begroting en Proportionaliteit."""
    from fava.cli import main as fava_main

    if not ctx.path.exists():
        raise click.ClickException(f"Grootboek niet gevonden: {ctx.path}")
    args = [str(ctx.path), "--host", "127.0.0.1", "--port", str(port)]
    if not schrijven:
        args.append("--read-only")
    click.echo(f"Fava op http://127.0.0.1:{port} ({'lezen en schrijven' if schrijven else 'alleen-lezen'})")
    fava_main.main(args=args, standalone_mode=True)

"""``snw fava``: Fava on the ledger, on localhost unless an address is given, read-only unless asked."""

from __future__ import annotations

import ipaddress

import click

from cli.common import LedgerContext
from cli.common import oude_spelling
from cli.common import pass_ledger

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1 or ``localhost``).

    Args:
      host: an IP address or host name.
    Returns:
      True for a loopback address.
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--poort", "-p", "port", type=int, default=5000, show_default=True, help="Poort.")
@oude_spelling("--port", dest="port", type=int)
@click.option("--host", "host", default=LOOPBACK, show_default=True,
              help="Adres om op te luisteren; een ander adres dan localhost maakt Fava bereikbaar voor anderen.")
@click.option("--schrijven", is_flag=True, help="Sta wijzigingen via Fava toe (standaard alleen-lezen).")
@pass_ledger
def fava(ctx: LedgerContext, port: int, host: str, schrijven: bool) -> None:
    """Start Fava (standaard op http://127.0.0.1:POORT) met de pagina's Geldstromen, Verplichtingen,
    Begroting en Proportionaliteit."""
    from fava.cli import main as fava_main

    if not ctx.path.exists():
        raise click.ClickException(f"Grootboek niet gevonden: {ctx.path}")
    if not is_loopback(host):
        click.echo(f"Let op: Fava luistert op {host} en is zo bereikbaar voor iedereen die dat adres kan bereiken. "
                   "Fava heeft geen wachtwoord en geen versleuteling; zet er een proxy met inlog en TLS voor "
                   "(docs/bestuurstoegang.md)" + ("" if not schrijven else " — en met --schrijven kan iedereen "
                                                   "het grootboek wijzigen") + ".", err=True)
    args = [str(ctx.path), "--host", host, "--port", str(port)]
    if not schrijven:
        args.append("--read-only")
    weergave = f"[{host}]" if ":" in host else host
    click.echo(f"Fava op http://{weergave}:{port} ({'lezen en schrijven' if schrijven else 'alleen-lezen'})")
    fava_main.main(args=args, standalone_mode=True)

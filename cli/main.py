"""The root ``snw`` command group.

Each command lives in its own module and is attached lazily, so ``snw --help`` stays fast
and a command only imports what it needs (weasyprint, Fava...).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from cli.common import LedgerContext
from cli.common import oude_spelling

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "check": "cli.check:check",
    "geldstromen": "cli.geldstromen:geldstromen",
    "verplichtingen": "cli.verplichtingen:verplichtingen",
    "realisatie": "cli.realisatie:realisatie",
    "beschikbaarheid": "cli.beschikbaarheid:beschikbaarheid",
    "begroting": "cli.begroting:begroting",
    "begroting-sjabloon": "cli.begroting:begroting_sjabloon",
    "begroting-inlezen": "cli.begroting:begroting_inlezen",
    "sjabloon": "cli.sjabloon:sjabloon",
    "import": "cli.importeren:importeren",
    "proportionaliteit": "cli.proportionaliteit:proportionaliteit",
    "sisa": "cli.sisa:sisa",
    "verantwoording": "cli.verantwoording:verantwoording",
    "jaar-afsluiten": "cli.jaarafsluiting:jaar_afsluiten",
    "fava": "cli.fava:fava",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when used (click docs, 'Lazily Loading')."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attribute = COMMANDS[cmd_name].split(":")
            command: Any = getattr(importlib.import_module(module_name), attribute)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="samen-nieuw-west-ledger")
@click.option(
    "--grootboek",
    "ledger_path",
    type=click.Path(dir_okay=False),
    envvar="SNW_LEDGER",
    help="Hoofdbestand van het grootboek (standaard: $SNW_LEDGER, anders de demoledger).",
)
@oude_spelling("--ledger", dest="ledger_path", type=click.Path(dir_okay=False))
@click.option(
    "--geen-cache",
    "geen_cache",
    is_flag=True,
    envvar="SNW_GEEN_CACHE",
    help="Laad het grootboek opnieuw, zonder de cache in de gebruikersmap (ook: $SNW_GEEN_CACHE=1).",
)
@click.pass_context
def cli(ctx: click.Context, ledger_path: str | None, geen_cache: bool) -> None:
    """Samen Nieuw-West: grootboek, geldstromen, begroting en verantwoording."""
    ctx.obj = LedgerContext(ledger_path, cache=not geen_cache)


def main() -> None:  # pragma: no cover - console entry point
    cli()

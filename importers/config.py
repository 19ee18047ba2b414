"""The importers of partner files, for Fava's Import page and for ``beangulp``.

Fava reads this file through the ledger's options (paths relative to the main ledger file)::

    2023-01-01 custom "fava-option" "import-config" "../../importers/config.py"
    2023-01-01 custom "fava-option" "import-dirs" "aanlevering"

``CONFIG`` holds the template importer and one importer per mapping file in
``importers/mappings/``. They take the ledger's declarations from the entries Fava passes
in, and mark rows already in the ledger as duplicates (unticked on the Import page). Fava
can only add entries: a file that corrects rows imported before is refused on the Import
page with a pointer to ``snw import``, which replaces them (see
``BijdrageImporter.deduplicate``). Accepted entries go where Fava inserts entries (the
main file, or the file of a matching ``insert-entry`` option); ``snw import`` knows them by
their kenmerk afterwards. Loading this file also applies ``importers.fava_compat``.

As a script it is beangulp's command line: ``python importers/config.py extract FILE``
(ledger: ``$SNW_LEDGER`` or the demo ledger).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from importers import fava_compat
from importers.base import BijdrageImporter
from importers.koppeling import MAPPINGS
from importers.koppeling import laad_koppelingen
from importers.sjabloon import SjabloonImporter


def importers(ledger: str | Path | None = None, mappings: str | Path = MAPPINGS) -> list[BijdrageImporter]:
    """The template importer and an importer for every mapping file.

    Args:
      ledger: the ledger to read declarations from when no entries are passed in.
      mappings: the folder with ``<partner>.yaml`` mapping files.
    Returns:
      The importers, template first, then mappings by file name.
    """
    return [SjabloonImporter(ledger), *laad_koppelingen(mappings, ledger)]


CONFIG: list[BijdrageImporter] = importers()

# Fava cannot save numeric metadata (uren: 32) it sent to the browser; see fava_compat.
fava_compat.pas_toe()

# Fava and beangulp call hooks with [(file, entries, account, importer)] and the ledger's
# entries. Deduplication is the importers' own (by partner and kenmerk), so none are needed.
HOOKS: list[Any] = []


if __name__ == "__main__":  # pragma: no cover
    import beangulp

    beangulp.Ingest(CONFIG, HOOKS).cli()

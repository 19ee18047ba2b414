"""Partner contributions into the ledger: the partner template and mapped ERP exports.

Two beangulp importers share one pipeline (``importers.base.BijdrageImporter``):

* ``importers.sjabloon.SjabloonImporter`` reads the XLSX template made by ``snw sjabloon``;
* ``importers.koppeling.KoppelingImporter`` reads a partner's own ERP export (CSV or XLSX)
  through a per-partner mapping file (``importers/mappings/<partner>.yaml``).

``importers.writer`` takes their entries into the ledger's import files (``snw import``),
and ``importers.config`` lists the importers for Fava's Import page and ``beangulp``.
See ``importers/docs.md``.
"""

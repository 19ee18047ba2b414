"""The rules of the funding streams, one module per concern, composed by ``ledger.plugins.snw``."""

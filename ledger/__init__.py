"""The Samen Nieuw-West ledger: language, rules plugin, loading and the demo ledger."""

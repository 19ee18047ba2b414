"""Beancount plugins of the Samen Nieuw-West ledger."""

"""Budgets (begroting) of the programme: directives, availability control, Excel round trip."""

"""Mapping files (``<partner>.yaml``) for partners' own ERP exports; see ``importers/koppeling.py``.

A package only so that the YAML files are installed with the code (package data).
"""

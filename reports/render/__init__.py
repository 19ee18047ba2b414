"""Renderers: they only format what reports.compute returned (text, CSV, XLSX, HTML, PDF)."""

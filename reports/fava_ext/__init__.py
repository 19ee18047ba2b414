"""Fava extension: the programme's own pages, computed by the same functions as the CLI.

Enable it in the ledger with ``custom "fava-extension" "reports.fava_ext"``. Each class
is one page in Fava's sidebar; each only calls ``reports.compute`` and hands the result
to its template, as fava_investor does with its lib/front-end split.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from beancount.core import data
from fava.ext import FavaExtensionBase
from flask import request
from markupsafe import Markup

from ledger import model
from reports.documents.begroting import begroting_document
from reports.documents.bevindingen import met_bevindingen
from reports.compute.begroting import begroting
from reports.compute.bevindingen import bevindingen
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.proportionaliteit import proportionaliteit
from reports.documents.proportionaliteit import proportionaliteit_document
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok
from reports.render import charts
from reports.render.stamp import documentdatum
from reports.documents.geldstromen import geldstromen_tabel
from reports.documents.model import Tabel
from reports.render.text import format_cel


class _Pagina:
    """Shared helpers of our pages: the programme, the chosen year, cell formatting.

    A plain mixin, not a ``FavaExtensionBase`` subclass: Fava registers every such
    subclass it finds in this module as a page of its own.
    """

    ledger: Any  # set by FavaExtensionBase

    def programma(self) -> model.Programma:
        programma, _ = model.parse_programma(self.ledger.all_entries)
        return programma

    def basis(self) -> Path:
        """The folder of the ledger's main file (for short file names of findings)."""
        return Path(self.ledger.beancount_file_path).parent

    def jaren(self) -> list[int]:
        years = {e.date.year for e in self.ledger.all_entries if isinstance(e, data.Transaction)}
        years |= {regel.jaar for regel in self.programma().begroting}
        return sorted(years)

    def gevraagd_jaar(self) -> int | None:
        """The year asked for with ``?jaar=``, when it is a plausible year."""
        value = request.args.get("jaar", "")
        return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None

    def jaar(self) -> int:
        gevraagd = self.gevraagd_jaar()
        if gevraagd is not None:
            return gevraagd
        for entry in reversed(self.ledger.all_entries):
            if isinstance(entry, data.Transaction):
                return entry.date.year
        return datetime.date.today().year

    @staticmethod
    def cel(value: Any, soort: str) -> str:
        return format_cel(value, soort)

    @staticmethod
    def soort(blok: Any) -> str:
        """The kind of a document block, for the template."""
        kinds = ((Sectie, "sectie"), (Alinea, "alinea"), (Lijst, "lijst"), (Grafiek, "grafiek"),
                 (TabelBlok, "tabel"), (Tabel, "tabel"))
        return next((name for kind, name in kinds if isinstance(blok, kind)), "onbekend")

    @staticmethod
    def svg(blok: Grafiek) -> Markup:
        """A chart block drawn as inline SVG (our own drawing, not user text)."""
        return Markup(charts.svg(blok.diagram))  # noqa: S704

    @staticmethod
    def tabel_van(blok: Tabel | TabelBlok) -> Tabel:
        return blok.tabel if isinstance(blok, TabelBlok) else blok


class Geldstromen(_Pagina, FavaExtensionBase):
    """Per stream: awarded, received, budgeted, committed, spent, to spend, forecast."""

    report_title = "Geldstromen"

    def tabel(self) -> Tabel:
        return geldstromen_tabel(geldstromen_overzicht(self.ledger.all_entries, self.programma(), self.jaar()))


class Begroting(_Pagina, FavaExtensionBase):
    """The begroting of a year as the board reads it (same sections as the PDF)."""

    report_title = "Begroting"

    def jaar(self) -> int:
        gevraagd = self.gevraagd_jaar()
        if gevraagd is not None:
            return gevraagd
        years = [regel.jaar for regel in self.programma().begroting]
        return max(years) if years else super().jaar()

    def document(self) -> Document:
        programma = self.programma()
        figures = begroting(self.ledger.all_entries, programma, self.jaar())
        document = begroting_document(figures, programma, documentdatum=documentdatum(), kenmerk="", demo=False)
        return met_bevindingen(document, bevindingen(self.ledger.errors, programma), self.basis())


class Proportionaliteit(_Pagina, FavaExtensionBase):
    """Partners against their draagkracht, programme versus regular money, spending per resident."""

    report_title = "Proportionaliteit"

    def document(self) -> Document:
        programma = self.programma()
        rapport = proportionaliteit(self.ledger.all_entries, programma, self.jaar())
        document = proportionaliteit_document(rapport, documentdatum=documentdatum(), kenmerk="", demo=False,
                                              grootboek="")
        return met_bevindingen(document, bevindingen(self.ledger.errors, programma), self.basis())

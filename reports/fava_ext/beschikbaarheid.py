"""Fava's Beschikbaarheid page: the availability overview of a budget line, as ``snw beschikbaarheid``.

``…/extension/Beschikbaarheid/?jaar=2025`` lists the year's budget lines with their stand at the
peildatum, each linking to its overview; ``?actielijn=WEB-17&stroom=SPUK&jaar=2025`` shows one
line entry by entry (the same compute and document functions as the CLI: the plugin's own
availability control, replayed). Fava's time filter chooses the year and peildatum as on the
other pages.
"""

from __future__ import annotations

import datetime
from typing import Any

from fava.application import url_for
from fava.ext import FavaExtensionBase
from flask import request

from ledger.klok import vandaag
from reports.compute.beschikbaarheid import Beschikbaarheid as Overzicht
from reports.compute.beschikbaarheid import beschikbaarheid
from reports.compute.beschikbaarheid import beschikbaarheid_posten
from reports.compute.peildatum import peildatum_voor
from reports.documents.beschikbaarheid import POSTEN
from reports.documents.beschikbaarheid import beschikbaarheid_tabel
from reports.documents.beschikbaarheid import onbekende_post
from reports.documents.beschikbaarheid import posten_tabel
from reports.documents.beschikbaarheid import samenvatting
from reports.documents.model import Tabel
from reports.fava_ext import OngeldigJaar
from reports.fava_ext import _Pagina


class Beschikbaarheid(_Pagina, FavaExtensionBase):
    """Per budget line: every entry in the control's order, budget in force, spent, open, available, over."""

    report_title = "Beschikbaarheid"

    # ---- what is asked -----------------------------------------------------------------

    def post(self) -> tuple[str, str] | None:
        """(actielijn, stroom) asked for with ``?actielijn=&stroom=``; None: the year's index."""
        actielijn = request.args.get("actielijn", "").strip()
        stroom = request.args.get("stroom", "").strip()
        return (actielijn, stroom) if actielijn or stroom else None

    def standaardjaar_van_pagina(self) -> int:
        """The year of today, as ``snw beschikbaarheid``; else the last booking's."""
        jaar = vandaag().year
        return jaar if jaar in self.jaren() else self.standaardjaar()

    def stand(self) -> tuple[int, datetime.date]:
        jaar, peildatum = self.keuze()
        return jaar, peildatum or peildatum_voor(jaar)

    def fout(self) -> str | None:
        fout = super().fout()
        if fout is None and self.post() is not None:
            fout = onbekende_post(self.programma(), *self.post())
        return fout

    # ---- the figures, once per load ------------------------------------------------------

    def overzicht(self) -> Overzicht:
        jaar, peildatum = self.stand()
        actielijn, stroom = self.post() or ("", "")
        return self.bewaard(("beschikbaarheid", jaar, actielijn, stroom, peildatum),
                            lambda: beschikbaarheid(self.ledger.all_entries, self.programma(), jaar, actielijn,
                                                    stroom, peildatum))

    def posten(self) -> tuple[Overzicht, ...]:
        jaar, peildatum = self.stand()
        return self.bewaard(("beschikbaarheid-posten", jaar, peildatum),
                            lambda: beschikbaarheid_posten(self.ledger.all_entries, self.programma(), jaar,
                                                           peildatum))

    def tabel(self) -> Tabel:
        if self.post() is None:
            return posten_tabel(tuple(b for b in self.posten()
                                      if self.past(self.stroom_rekening(b.stroom),
                                                   self.actielijn_rekening(b.actielijn) or "")))
        return beschikbaarheid_tabel(self.overzicht(), self.basis())

    def samenvatting(self) -> str:
        return samenvatting(self.overzicht(), self.basis()) if self.post() is not None else ""

    # ---- links -------------------------------------------------------------------------

    def postlink(self, actielijn: str, stroom: str) -> str:
        """This page for one budget line (the year through ``?jaar=``, Fava's filters kept)."""
        return url_for("extension_report", extension_name=self.name, actielijn=actielijn, stroom=stroom,
                       jaar=str(self.stand()[0]))

    def _post_args(self) -> dict[str, str]:
        post = self.post()
        return {"actielijn": post[0], "stroom": post[1]} if post else {}

    def jaarlink(self, jaar: int) -> str:
        return url_for("extension_report", extension_name=self.name, time=str(jaar), **self._post_args())

    def downloadlink(self, formaat: str) -> str:
        jaar = {"jaar": request.args["jaar"]} if "jaar" in request.args else {}
        pagina = url_for("extension_report", extension_name=self.name, formaat=formaat, **jaar, **self._post_args())
        pad, _, query = pagina.partition("?")
        return f"{pad.rstrip('/')}/download?{query}"

    def bedraglink(self, tabel: Tabel, rij: tuple[Any, ...], index: int) -> str | None:
        """In the index, the figures of a budget line lead to its overview; in an overview, a posting's
        amount to the journal of the line's leaf on that day."""
        koppen = [kolom.kop for kolom in tabel.kolommen]
        if tabel.naam == POSTEN:
            if koppen[index] in ("Begroot", "Besteed", "Open verplichtingen", "Beschikbaar", "Boven begroting"):
                return self.postlink(rij[koppen.index("Actielijn")], rij[koppen.index("Geldstroom")])
            return None
        return None

    def link(self, kop: str, waarde: Any) -> str | None:
        if kop == "Actielijn" and self.post() is None:
            return None  # the row's figures lead to the line's overview (bedraglink)
        return super().link(kop, waarde)

    # ---- download ----------------------------------------------------------------------

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        fout = self.fout()
        if fout:
            raise OngeldigJaar(fout)
        jaar, _ = self.stand()
        if self.post() is None:
            return self.tabellenbestand([("Beschikbaarheid", self.tabel())], f"beschikbaarheid-{jaar}.xlsx")
        actielijn, stroom = self.post()
        return self.tabellenbestand([(f"Beschikbaarheid {actielijn} {stroom}", self.tabel())],
                                    f"beschikbaarheid-{jaar}-{actielijn}-{stroom}.xlsx")

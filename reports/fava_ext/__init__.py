"""Fava extension: the programme's own pages, computed by the same functions as the CLI.

Enable it in the ledger with ``custom "fava-extension" "reports.fava_ext"``. Each class
is one page in Fava's sidebar; each only calls ``reports.compute`` and hands the result
to its template, as fava_investor does with its lib/front-end split.

Fava's filters drive the pages: the time filter (``?time=2025``, a month, a range) chooses
the year (the year of the range's last day) and the peildatum (that day, at most the last
booking); the account filter narrows the rows to the streams and actielijnen it matches.
The figures are computed once per ledger load, in one store the four pages share (keyed on
the loaded entries, so a new load starts empty): ``after_load_file`` computes every page for
every year it offers (its default peildatum), so the pages answer from the store; a month or a
range of Fava's time filter is computed on first use and kept.

A live ledger: ``snw import`` writes new files into ``import/``, which the ledger includes by
a glob (``include "import/*.beancount"``). Fava watches only the files it has included, so the
extension adds the folders of the ledger's include globs to what Fava's watcher watches
(``_GlobWachter``): a new file there reloads Fava on the next request.
"""

from __future__ import annotations

import dataclasses
import datetime
import glob
import io
import itertools
import os
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any
from typing import Callable
from typing import TYPE_CHECKING

from beancount.core import data
from fava.application import url_for
from fava.core.filters import FilterError
from fava.core.filters import Match
from fava.core.filters import TimeFilter
from fava.ext import FavaExtensionBase
from fava.ext import extension_endpoint
from flask import current_app
from flask import jsonify
from flask import Response
from flask import request
from flask import send_file
from markupsafe import Markup

from ledger import model
from ledger.load import DEMO_LEDGER
from ledger.load import include_patronen
from ledger.load import vingerafdruk
from ledger.rules.context import DERIVED
from reports.compute.begroting import begroting
from reports.compute.bevindingen import bevindingen
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import peildatum_voor
from reports.compute.proportionaliteit import proportionaliteit
from reports.compute.verplichtingen import verplichtingen_overzicht
from reports.documents.begroting import begroting_document
from reports.documents.bevindingen import met_bevindingen
from reports.documents.bevindingen import met_bevindingenblad
from reports.documents.geldstromen import geldstromen_tabel
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import Tabel
from reports.documents.model import TabelBlok
from reports.documents.proportionaliteit import TEMPLATE as PROPORTIONALITEIT_TEMPLATE
from reports.documents.proportionaliteit import proportionaliteit_document
from reports.documents.verplichtingen import verplichtingen_per_stroom_tabel
from reports.documents.verplichtingen import verplichtingen_tabel
from reports.render import charts
from reports.render.excel import workbook_bytes
from reports.render.output import document_bytes
from reports.render.stamp import documentdatum
from reports.render.html import cel as html_cel
from reports.render.workbook import tables_workbook

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Where the importers' configuration lives in the installed package (see ``after_load_file``).
IMPORT_CONFIG = Path(__file__).resolve().parents[2] / "importers" / "config.py"

#: The account of a stream's money still to spend; a stream's Fava account page.
STROOM_REKENING = "Liabilities:Nog-te-besteden:"

#: The Geldstromen columns shown by default, in this order (``?kolommen=alle``: every column of
#: ``snw geldstromen`` in its order): what the finance officer reads daily fits 1,400 px.
#: Gereserveerd is among them: reserved money is declared, not booked, so Fava's own views
#: (balance sheet, account pages, budgets) never show it (the page says so).
KERNKOLOMMEN = ("Geldstroom", "Naam", "Status", "Toegekend", "Gereserveerd", "Ontvangen", "Besteed cumulatief",
                "Nog te besteden",
                "Einddatum", "Prognose over bij einde", "Terug te betalen bij einde", "Begroot",
                "Open verplichtingen", "Besteed jaar")


def kolommen_van(tabel: Tabel, koppen: tuple[str, ...]) -> Tabel:
    """The same table with only the columns headed ``koppen``, in that order (values untouched).

    Args:
      tabel: the document's table.
      koppen: the headings to keep; unknown ones are skipped.
    Returns:
      A table with the chosen columns.
    """
    bekend = [kolom.kop for kolom in tabel.kolommen]
    index = [bekend.index(kop) for kop in koppen if kop in bekend]
    return dataclasses.replace(
        tabel,
        kolommen=tuple(tabel.kolommen[i] for i in index),
        rijen=tuple(tuple(rij[i] for i in index) for rij in tabel.rijen),
    )


def kenmerkfilter(kenmerk: str) -> str:
    """Fava's filter for a commitment and its payments: the payments' link or the commitment's kenmerk."""
    return f'^{kenmerk}, kenmerk:"^{kenmerk}$"'


class OngeldigJaar(ValueError):
    """A year was asked for (``?jaar=`` or the time filter) that the ledger has no figures for."""


class _Pagina:
    """Shared helpers of our pages: the programme, the chosen year, cell formatting, links.

    A plain mixin, not a ``FavaExtensionBase`` subclass: Fava registers every such
    subclass it finds in this module as a page of its own.
    """

    ledger: Any  # set by FavaExtensionBase

    # ---- the store: once per ledger load ---------------------------------------------

    def after_load_file(self) -> None:
        """Compute this page for every year it offers, keep the Import page, watch the import folder.

        The store is keyed on the loaded entries, so the figures of the previous load are gone.
        Every year of ``jaren()`` is computed here (at its default peildatum, with its charts
        drawn), so each page answers from the store; a month or range is computed on first use.
        """
        _portable_import_config(self.ledger)
        _GlobWachter.aan(self.ledger)
        budgetten_per_jaar(self.ledger)
        try:
            self.vooraf()
        except Exception:  # noqa: BLE001 - a failing figure must not keep Fava from loading; the page shows it
            _winkel(self.ledger).clear()

    def vooraf(self) -> None:
        """Compute the page's views of every year offered (overridden by each page)."""

    def bewaard(self, sleutel: tuple[Any, ...], maak: Callable[[], Any]) -> Any:
        """The value under ``sleutel``, made by ``maak`` on first use after a ledger load.

        One store for all our pages of this ledger (the programme is parsed once, and the
        computation layer's spending scan is shared). Computing runs under one lock: the
        computation layer keeps a single-slot cache of the last ledger's spending facts.

        Args:
          sleutel: the key (page, year, peildatum, ...).
          maak: computes the value when it is not cached.
        Returns:
          The cached or freshly computed value.
        """
        winkel = _winkel(self.ledger)
        try:
            return winkel[sleutel]
        except KeyError:
            pass
        with _REKENEN:
            if sleutel not in winkel:
                winkel[sleutel] = maak()
            return winkel[sleutel]

    # ---- programme and years -----------------------------------------------------------

    def programma(self) -> model.Programma:
        def maak() -> model.Programma:
            programma, _ = model.parse_programma(self.ledger.all_entries)
            return programma

        return self.bewaard(("programma",), maak)

    # ---- downloads: the files of the matching CLI report, made by the same code --------

    downloadformaten: tuple[str, ...] = ("xlsx",)

    @extension_endpoint("download")
    def download(self) -> Any:
        """``download?formaat=xlsx|pdf`` (and the page's filters): the report as a file."""
        formaat = request.args.get("formaat", "xlsx")
        if formaat not in self.downloadformaten:
            return Response(f"Formaat ‘{formaat}’ kan niet; kies uit {', '.join(self.downloadformaten)}.", 400,
                            mimetype="text/plain")
        try:
            inhoud, naam = self.downloadbestand(formaat)
        except OngeldigJaar as fout:
            return Response(str(fout), 400, mimetype="text/plain")
        return send_file(io.BytesIO(inhoud), mimetype=MIME[formaat], as_attachment=True, download_name=naam)

    def downloadlink(self, formaat: str) -> str:
        """The download of this page's report, with the filters of the page."""
        jaar = {"jaar": request.args["jaar"]} if "jaar" in request.args else {}
        # Flask's url_for names its first argument "endpoint", as Fava's endpoint route does its
        # parameter: build the page's URL (with Fava's filters) and add the endpoint to its path.
        pagina = url_for("extension_report", extension_name=self.name, formaat=formaat, **jaar)
        pad, _, query = pagina.partition("?")
        return f"{pad.rstrip('/')}/download?{query}"

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        """(content, file name) of the report in ``formaat``; each page says what it offers."""
        raise NotImplementedError

    def tabellenbestand(self, bladen: list[tuple[str, Tabel]], naam: str) -> tuple[bytes, str]:
        """A table report as XLSX, with the findings sheet ``snw`` adds too."""
        gevonden = bevindingen(self.ledger.errors, self.programma())
        workbook = tables_workbook(met_bevindingenblad(bladen, gevonden, self.basis()), kenmerk=self.kenmerk(),
                                   documentdatum=documentdatum())
        return workbook_bytes(workbook), naam

    def documentbestand(self, document: Document, formaat: str, naam: str, *, template: str,
                        **template_args: Any) -> tuple[bytes, str]:
        """A board document as ``snw`` writes it: findings added, rendered by ``document_bytes``."""
        document = met_bevindingen(document, bevindingen(self.ledger.errors, self.programma()), self.basis())
        return document_bytes(document, template=template, formats=(formaat,), **template_args)[formaat], naam

    def kenmerk(self) -> str:
        """The ledger fingerprint the CLI prints on documents."""
        return vingerafdruk(Path(self.ledger.beancount_file_path), self.ledger.options)

    def is_demo(self) -> bool:
        return Path(self.ledger.beancount_file_path).resolve() == DEMO_LEDGER

    def basis(self) -> Path:
        """The folder of the ledger's main file (for short file names of findings)."""
        return Path(self.ledger.beancount_file_path).parent

    def jaren(self) -> list[int]:
        """The years with bookings or a budget: the only years the pages offer and accept."""

        def maak() -> list[int]:
            years = {e.date.year for e in self.ledger.all_entries if isinstance(e, data.Transaction)}
            years |= {regel.jaar for regel in self.programma().begroting}
            return sorted(years)

        return self.bewaard(("jaren",), maak)

    def standaardjaar(self) -> int:
        """The year shown without a filter: the year of the last booking."""
        for entry in reversed(self.ledger.all_entries):
            if isinstance(entry, data.Transaction):
                return entry.date.year
        return datetime.date.today().year

    def _tijdvak(self) -> tuple[int, datetime.date] | None:
        """Year and last day chosen by Fava's time filter (``?time=``), or ``None`` without one.

        Parsed the way Fava parses it (``TimeFilter``: fiscal year end included), without
        filtering the entries (``g.filtered`` would filter all of them on every request).
        """
        waarde = request.args.get("time", "").strip()
        if not waarde:
            return None
        try:
            bereik = TimeFilter(self.ledger.options, self.ledger.fava_options, waarde).date_range
        except FilterError:
            return None  # Fava reports the unreadable filter itself
        laatste = bereik.end_inclusive
        return laatste.year, laatste

    def keuze(self) -> tuple[int, datetime.date | None]:
        """The year and the peildatum asked for (time filter first, then ``?jaar=``).

        Returns:
          The year and the peildatum (``None``: the report's own default for the year).
        Raises:
          OngeldigJaar: the year has no bookings and no budget in this ledger.
        """
        tijdvak = self._tijdvak()
        if tijdvak is not None:
            jaar, laatste = tijdvak
        else:
            waarde = request.args.get("jaar", "")
            if waarde and not waarde.isdigit():
                raise OngeldigJaar(f"‘{waarde}’ is geen jaar.")
            jaar = int(waarde) if waarde else self.standaardjaar_van_pagina()
            laatste = None
        if jaar not in self.jaren():
            beschikbaar = ", ".join(str(j) for j in self.jaren())
            raise OngeldigJaar(f"Voor {jaar} staan geen boekingen of begroting in het grootboek. "
                               f"Kies een van de jaren {beschikbaar}.")
        if laatste is None:
            return jaar, None
        return jaar, min(laatste, peildatum_voor(jaar))

    def standaardjaar_van_pagina(self) -> int:
        return self.standaardjaar()

    def jaar(self) -> int:
        return self.keuze()[0]

    def peildatum(self) -> datetime.date | None:
        return self.keuze()[1]

    def fout(self) -> str | None:
        """The Dutch message when the chosen year cannot be shown, else ``None``."""
        try:
            self.keuze()
        except OngeldigJaar as error:
            return str(error)
        return None

    def jaarlink(self, jaar: int) -> str:
        """This page for ``jaar`` through Fava's time filter (the account filter is kept)."""
        return url_for("extension_report", extension_name=self.name, time=str(jaar))  # type: ignore[attr-defined]

    # ---- Fava's account filter ---------------------------------------------------------

    def rekeningfilter(self) -> str:
        return request.args.get("account", "").strip()

    def past(self, *rekeningen: str) -> bool:
        """Whether any of the accounts passes Fava's account filter (as Fava's own filter matches)."""
        waarde = self.rekeningfilter()
        if not waarde:
            return True
        match = Match(waarde)
        return any(waarde in rekening.split(":") or match(rekening) for rekening in rekeningen)

    def stroom_rekening(self, code: str) -> str:
        return STROOM_REKENING + code

    def actielijn_rekening(self, code: str) -> str | None:
        actielijn = self.programma().actielijnen.get(code)
        return actielijn.account if actielijn is not None else None

    # ---- drill-down links --------------------------------------------------------------

    def link(self, kop: str, waarde: Any) -> str | None:
        """Where a cell leads: a stream or actielijn to its account page, a partner or a commitment
        to the journal filtered on it (a commitment together with its payments).

        Args:
          kop: the column heading.
          waarde: the cell's value.
        Returns:
          The URL, or ``None`` for a cell that leads nowhere.
        """
        if not isinstance(waarde, str) or not waarde:
            return None
        programma = self.programma()
        if kop == "Geldstroom" and waarde in programma.geldstromen:
            return url_for("account", name=self.stroom_rekening(waarde))
        if kop == "Actielijn" and waarde in programma.actielijnen:
            return url_for("account", name=programma.actielijnen[waarde].account)
        if kop == "Partner" and waarde in programma.partners:
            return url_for("report", report_name="journal", filter=f'partner:"^{waarde}$"')
        if kop == "Kenmerk":
            return url_for("report", report_name="journal", filter=kenmerkfilter(waarde))
        return None

    def bedraglink(self, tabel: Tabel, rij: tuple[Any, ...], index: int) -> str | None:
        """Where an amount leads: Fava's journal filtered to exactly the postings it sums.

        Each page says which of its amounts are sums of postings (``bedragfilter``); the link
        sets Fava's account filter (the stream leaves or one actielijn × stream leaf), its time
        filter (the period summed, to the peildatum) and, for a commitment's payments, its link.

        Args:
          tabel: the table.
          rij: the row.
          index: the amount's column.
        Returns:
          The journal URL, or ``None`` for an amount that is no sum of postings.
        """
        waarde = rij[index]
        if not isinstance(waarde, Decimal) or not waarde:
            return None
        rijwaarden = {kolom.kop: cel for kolom, cel in zip(tabel.kolommen, rij)}
        filters = self.bedragfilter(tabel.kolommen[index].kop, rijwaarden)
        if filters is None:
            return None
        rekening, tijd, filter_ = filters
        return url_for("report", report_name="journal", account=rekening, time=tijd, filter=filter_)

    def bedragfilter(self, kop: str, rij: dict[str, Any]) -> tuple[str, str, str | None] | None:
        """(account filter, time filter, advanced filter) of the postings an amount sums, or ``None``."""
        return None

    def stroomposten(self, code: str) -> str:
        """Fava's account filter for the spending of a stream: its leaves under every actielijn."""
        return f"^{model.ACTIELIJN_ROOT}:.*:{code}$"

    def bladposten(self, actielijn: str, stroom: str) -> str | None:
        """Fava's account filter for one actielijn × stream leaf."""
        gevonden = self.programma().actielijnen.get(actielijn)
        return f"^{gevonden.leaf(stroom)}$" if gevonden is not None else None

    def vanaf_begin(self, tot: datetime.date) -> str:
        """Fava's time filter from the first booked year up to and including ``tot``."""
        return f"{self.jaren()[0]}-01-01 - {tot.isoformat()}"

    # ---- cells and blocks --------------------------------------------------------------

    @staticmethod
    def rijklasse(tabel: Tabel, rij: tuple[Any, ...]) -> str:
        """``snw-verlopen`` for a row the document marks in its "Verlopen" column (open while expired)."""
        koppen = [kolom.kop for kolom in tabel.kolommen]
        return "snw-verlopen" if "Verlopen" in koppen and rij[koppen.index("Verlopen")] else ""

    @staticmethod
    def cel(value: Any, soort: str) -> str:
        return html_cel(value, soort)

    @staticmethod
    def soort(blok: Any) -> str:
        """The kind of a document block, for the template."""
        kinds = ((Sectie, "sectie"), (Alinea, "alinea"), (Lijst, "lijst"), (Grafiek, "grafiek"),
                 (TabelBlok, "tabel"), (Tabel, "tabel"))
        return next((name for kind, name in kinds if isinstance(blok, kind)), "onbekend")

    def svg(self, blok: Grafiek) -> Markup:
        """A chart block drawn as inline SVG (our own drawing, not user text), once per load."""
        try:
            sleutel: tuple[Any, ...] = ("svg", hash(blok.diagram), blok.diagram)
        except TypeError:
            return Markup(charts.svg(blok.diagram))  # noqa: S704
        return self.bewaard(sleutel, lambda: Markup(charts.svg(blok.diagram)))  # noqa: S704

    def teken_vooraf(self, document: Document) -> None:
        """Draw every chart of the document into the store (matplotlib is slow the first time)."""
        def blokken(inhoud: Any) -> Any:
            for blok in inhoud:
                if isinstance(blok, Sectie):
                    yield from blokken(blok.inhoud)
                else:
                    yield blok

        for sectie in document.secties:
            for blok in blokken(sectie.inhoud):
                if isinstance(blok, Grafiek):
                    self.svg(blok)

    @staticmethod
    def tabel_van(blok: Tabel | TabelBlok) -> Tabel:
        return blok.tabel if isinstance(blok, TabelBlok) else blok


#: The stores of our pages, per ``FavaLedger`` (by id): (the entries they were computed from, values).
_WINKELS: dict[int, tuple[Any, dict[tuple[Any, ...], Any]]] = {}
_REKENEN = threading.RLock()
_HOOGSTENS = 8  # ledgers kept (Fava serves one or a few files)


def _winkel(ledger: Any) -> dict[tuple[Any, ...], Any]:
    """The store of the ledger's current load (a new load, a new list of entries: an empty store)."""
    bewaard = _WINKELS.get(id(ledger))
    if bewaard is None or bewaard[0] is not ledger.all_entries:
        with _REKENEN:
            bewaard = _WINKELS.get(id(ledger))
            if bewaard is None or bewaard[0] is not ledger.all_entries:
                bewaard = (ledger.all_entries, {})
                _WINKELS.pop(id(ledger), None)
                _WINKELS[id(ledger)] = bewaard
                while len(_WINKELS) > _HOOGSTENS:  # ledgers of apps that are gone (tests make many)
                    del _WINKELS[next(iter(_WINKELS))]
    return bewaard[1]


def globmappen(bestanden: Iterable[str]) -> set[Path]:
    """The folders the ledger's include globs search (``include "import/*.beancount"``: ``import/``).

    A file added there joins the ledger at its next load, but Fava watches only files it has
    already included. A glob whose folder does not exist yet gives its nearest existing parent.

    Args:
      bestanden: every file the ledger included (``options["include"]``).
    Returns:
      The folders, absolute.
    """
    mappen = set()
    for naam in bestanden:
        try:
            inhoud = Path(naam).read_bytes()
        except OSError:
            continue
        for patroon in include_patronen(inhoud):  # the load's one reading of include lines
            delen = Path(os.fsdecode(patroon)).parts
            vast = list(itertools.takewhile(lambda deel: not glob.has_magic(deel), delen))
            if len(vast) == len(delen):
                continue  # a plain file, watched by Fava already
            map_ = (Path(naam).parent.joinpath(*vast)).resolve()
            while not map_.is_dir() and map_ != map_.parent:
                map_ = map_.parent
            mappen.add(map_)
    return mappen


class _GlobWachter:
    """Fava's file watcher, also watching the folders of the ledger's include globs.

    Fava calls ``watcher.update(files, folders)`` on every load with its included files and
    document folders; this wrapper adds the glob folders (Fava watches folders recursively),
    and hands everything else to Fava's own watcher.
    """

    def __init__(self, binnen: Any, ledger: Any) -> None:
        self._binnen = binnen
        self._ledger = ledger

    @classmethod
    def aan(cls, ledger: Any) -> None:
        """Wrap the ledger's watcher once and watch the glob folders of the current load."""
        wachter = ledger.watcher
        if not isinstance(wachter, cls):
            wachter = cls(wachter, ledger)
            ledger.watcher = wachter
            wachter.update(*ledger.paths_to_watch())

    def update(self, files: Iterable[Path], folders: Iterable[Path]) -> None:
        mappen = globmappen(self._ledger.options.get("include", ()))
        self._binnen.update(list(files), sorted({*map(Path, folders), *mappen}))

    def __getattr__(self, naam: str) -> Any:
        return getattr(self._binnen, naam)

    def __enter__(self) -> Any:
        return self._binnen.__enter__()

    def __exit__(self, *args: object) -> Any:
        return self._binnen.__exit__(*args)


def budgetten_per_jaar(ledger: Any) -> None:
    """End each of the plugin's yearly budgets in Fava at the end of its year.

    The plugin derives one ``custom "budget" … "yearly"`` per year and leaf, dated 1 January,
    and no ``0.00`` entries (``ledger.rules.fava_budgets``); Fava would carry a budget on until
    the next entry for the account. So a leaf budgeted in a year but not in the next gets a
    zero budget on 1 January of the next year inside Fava's budget module (Fava 1.30 keeps the
    parsed budgets per account, sorted by date, in ``BudgetModule._budget_entries``), not in
    the ledger, so the journal shows no zero budgets. Idempotent: a second call adds nothing.

    Args:
      ledger: the ``FavaLedger``, after Fava's budget module has loaded.
    """
    budgets = getattr(ledger.budgets, "_budget_entries", None)
    if not isinstance(budgets, dict):
        return  # another Fava: tests/test_fava_budgetten.py says so
    afgeleid: dict[str, set[int]] = {}
    for entry in ledger.all_entries_by_type.Custom:
        if entry.type == "budget" and entry.meta.get(DERIVED) and entry.values:
            afgeleid.setdefault(str(entry.values[0].value), set()).add(entry.date.year)
    for rekening, jaren in afgeleid.items():
        lijst = budgets.get(rekening)
        if not lijst:
            continue
        per_datum = {budget.date_start: budget for budget in lijst}
        einden = [per_datum[datetime.date(jaar, 1, 1)]._replace(date_start=datetime.date(jaar + 1, 1, 1),
                                                                number=Decimal(0))
                  for jaar in sorted(jaren)
                  if datetime.date(jaar, 1, 1) in per_datum and datetime.date(jaar + 1, 1, 1) not in per_datum]
        if einden:
            budgets[rekening] = sorted([*lijst, *einden], key=lambda budget: budget.date_start)


def _portable_import_config(ledger: Any) -> None:
    """Point Fava's Import page at the installed importers when the ledger's path does not resolve.

    The demo ledger names ``../../importers/config.py`` relative to itself; in a copy of the
    ledger elsewhere that file does not exist and Fava would say "Import config does not
    exist". Then the installed ``importers/config.py`` is used and Fava's ingest reloaded.

    Args:
      ledger: the ``FavaLedger``.
    """
    options = ledger.fava_options
    if not options.import_config:
        return
    if Path(ledger.join_path(options.import_config)).exists() or not IMPORT_CONFIG.exists():
        return
    if Path(options.import_config).name != IMPORT_CONFIG.name:
        return
    options.import_config = str(IMPORT_CONFIG)
    ledger.ingest.load_file()


def alleen_lezen() -> bool:
    """Whether this Fava runs with ``--read-only`` (Fava then refuses every request but GET).

    Fava keeps no flag for it; its read-only mode is the ``before_request`` hook ``_read_only``.
    """
    return any(getattr(f, "__name__", "") == "_read_only" for f in current_app.before_request_funcs.get(None, ()))


MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class Geldstromen(_Pagina, FavaExtensionBase):
    """Per stream: awarded, received, budgeted, committed, spent, to spend, forecast.

    Also carries the extension's script (``Geldstromen.js``, loaded on every Fava page): it puts
    ``lang="nl"`` on the page and, in read-only mode, disables the editor's save and the Import
    page's upload, move and delete buttons with a Dutch explanation.
    """

    report_title = "Geldstromen"
    has_js_module = True

    @extension_endpoint("modus")
    def modus(self) -> Any:
        """``{"alleen_lezen": bool}`` for the script."""
        return jsonify({"alleen_lezen": alleen_lezen()})

    def tabel(self) -> Tabel:
        jaar, peildatum = self.keuze()
        overzicht = self.overzicht(jaar, peildatum)
        regels = tuple(r for r in overzicht.regels if self.past(self.stroom_rekening(r.code)))
        tabel = geldstromen_tabel(dataclasses.replace(overzicht, regels=regels))
        return tabel if self.alle_kolommen() else kolommen_van(tabel, KERNKOLOMMEN)

    def overzicht(self, jaar: int, peildatum: datetime.date | None) -> Any:
        """``geldstromen_overzicht`` of the year at the peildatum, once per ledger load."""

        if peildatum == peildatum_voor(jaar):
            peildatum = None  # the year's default (``?time=2025`` is the default view of 2025)

        def maak() -> Any:
            return geldstromen_overzicht(self.ledger.all_entries, self.programma(), jaar, peildatum)

        return self.bewaard(("geldstromen", jaar, peildatum), maak)

    def vooraf(self) -> None:
        for jaar in self.jaren():
            self.overzicht(jaar, None)

    def bedragfilter(self, kop: str, rij: dict[str, Any]) -> tuple[str, str, str | None] | None:
        """Spent in the year and cumulative: the stream's spending postings (as ``bestedingen`` counts them)."""
        code = rij.get("Geldstroom")
        if kop not in ("Besteed jaar", "Besteed cumulatief") or code not in self.programma().geldstromen:
            return None
        overzicht = self.overzicht(*self.keuze())
        tot = overzicht.peildatum
        tijd = f"{overzicht.jaar}-01-01 - {tot.isoformat()}" if kop == "Besteed jaar" else self.vanaf_begin(tot)
        return self.stroomposten(code), tijd, None

    def alle_kolommen(self) -> bool:
        return request.args.get("kolommen") == "alle"

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        jaar, peildatum = self.keuze()
        overzicht = self.overzicht(jaar, peildatum)
        regels = tuple(r for r in overzicht.regels if self.past(self.stroom_rekening(r.code)))
        tabel = geldstromen_tabel(dataclasses.replace(overzicht, regels=regels))  # every column, as snw writes
        return self.tabellenbestand([("Geldstromen", tabel)], f"geldstromen-{jaar}.xlsx")

    def kolommenlink(self) -> str:
        """This page with the other column choice (the filters are kept)."""
        if self.alle_kolommen():
            return url_for("extension_report", extension_name=self.name)
        return url_for("extension_report", extension_name=self.name, kolommen="alle")


class Verplichtingen(_Pagina, FavaExtensionBase):
    """Per stream and per commitment: committed, paid, open, partner, end date, expired."""

    report_title = "Verplichtingen"

    def cijfers(self) -> Any:
        jaar, peildatum = self.keuze()
        overzicht = self.overzicht(jaar, peildatum)
        standen = tuple(s for s in overzicht.verplichtingen
                        if self.past(self.stroom_rekening(s.stroom), self.actielijn_rekening(s.actielijn) or ""))
        stromen = tuple(s for s in overzicht.stromen
                        if self.past(self.stroom_rekening(s.stroom)) or any(v.stroom == s.stroom for v in standen))
        return dataclasses.replace(overzicht, verplichtingen=standen, stromen=stromen)

    def overzicht(self, jaar: int, peildatum: datetime.date | None) -> Any:
        """``verplichtingen_overzicht`` of the year at the peildatum, once per ledger load."""

        if peildatum == peildatum_voor(jaar):
            peildatum = None  # the year's default (``?time=2025`` is the default view of 2025)

        def maak() -> Any:
            return verplichtingen_overzicht(self.ledger.all_entries, self.programma(), jaar, peildatum)

        return self.bewaard(("verplichtingen", jaar, peildatum), maak)

    def vooraf(self) -> None:
        for jaar in self.jaren():
            self.overzicht(jaar, None)

    def bedragfilter(self, kop: str, rij: dict[str, Any]) -> tuple[str, str, str | None] | None:
        """A commitment's payments (its link, on its own leaf, to the peildatum); a stream's spending."""
        if kop not in ("Betaald", "Besteed"):
            return None
        overzicht = self.overzicht(*self.keuze())
        tot = overzicht.peildatum
        if kop == "Betaald" and rij.get("Kenmerk"):
            stand = next((s for s in overzicht.verplichtingen if s.kenmerk == rij["Kenmerk"]), None)
            rekening = self.bladposten(stand.actielijn, stand.stroom) if stand is not None else None
            if rekening is None:
                return None
            return rekening, self.vanaf_begin(tot), kenmerkfilter(stand.kenmerk)
        if kop == "Besteed" and rij.get("Geldstroom") in self.programma().geldstromen:
            return self.stroomposten(rij["Geldstroom"]), self.vanaf_begin(tot), None
        return None

    def tabellen(self) -> list[Tabel]:
        cijfers = self.cijfers()
        return [verplichtingen_per_stroom_tabel(cijfers), verplichtingen_tabel(cijfers)]

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        cijfers = self.cijfers()
        return self.tabellenbestand([("Verplichtingen", verplichtingen_tabel(cijfers)),
                                     ("Per geldstroom", verplichtingen_per_stroom_tabel(cijfers))],
                                    f"verplichtingen-{self.keuze()[0]}.xlsx")


class Begroting(_Pagina, FavaExtensionBase):
    """The begroting of a year as the board reads it (same sections as the PDF)."""

    report_title = "Begroting"

    def standaardjaar_van_pagina(self) -> int:
        years = [regel.jaar for regel in self.programma().begroting]
        return max(years) if years else self.standaardjaar()

    def document(self, jaar: int | None = None) -> Document:
        """The begroting of the chosen year (or ``jaar``) as the page shows it, once per load."""
        jaar = self.keuze()[0] if jaar is None else jaar
        programma = self.programma()

        def maak() -> Document:
            document = begroting_document(self.cijfers(jaar), programma, documentdatum=documentdatum(), kenmerk="",
                                          demo=False)
            return met_bevindingen(document, bevindingen(self.ledger.errors, programma), self.basis())

        return self.bewaard(("begroting-document", jaar), maak)

    def cijfers(self, jaar: int) -> Any:
        """``begroting`` of the year, once per load."""
        return self.bewaard(("begroting", jaar), lambda: begroting(self.ledger.all_entries, self.programma(), jaar))

    def vooraf(self) -> None:
        for jaar in self.jaren():
            self.teken_vooraf(self.document(jaar))

    def bedragfilter(self, kop: str, rij: dict[str, Any]) -> tuple[str, str, str | None] | None:
        """Last year's realisation of a budget line: the spending on its actielijn × stream leaf."""
        if not kop.startswith("Realisatie ") or not rij.get("Actielijn") or not rij.get("Geldstroom"):
            return None
        cijfers = self.cijfers(self.keuze()[0])
        rekening = self.bladposten(rij["Actielijn"], rij["Geldstroom"])
        if rekening is None or cijfers.realisatie_tot.year != cijfers.vorig_jaar:
            return None
        return rekening, f"{cijfers.vorig_jaar}-01-01 - {cijfers.realisatie_tot.isoformat()}", None

    downloadformaten = ("xlsx", "pdf")

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        """The files ``snw begroting JAAR`` writes, from the same builders."""
        jaar, _ = self.keuze()
        programma = self.programma()
        figures = self.cijfers(jaar)
        document = begroting_document(figures, programma, documentdatum=documentdatum(), kenmerk=self.kenmerk(),
                                      demo=self.is_demo())
        return self.documentbestand(document, formaat, f"begroting-{jaar}.{formaat}", template="begroting.html.j2",
                                    ondertekening=figures.status != "vastgesteld")


class Proportionaliteit(_Pagina, FavaExtensionBase):
    """Partners against their draagkracht, programme versus regular money, spending per resident."""

    report_title = "Proportionaliteit"

    def document(self, jaar: int | None = None) -> Document:
        """The report of the chosen year (or ``jaar``) as the page shows it, once per load."""
        jaar = self.keuze()[0] if jaar is None else jaar
        programma = self.programma()

        def maak() -> Document:
            document = proportionaliteit_document(self.cijfers(jaar), documentdatum=documentdatum(), kenmerk="",
                                                  demo=False, grootboek="")
            return met_bevindingen(document, bevindingen(self.ledger.errors, programma), self.basis())

        return self.bewaard(("proportionaliteit-document", jaar), maak)

    def cijfers(self, jaar: int) -> Any:
        """``proportionaliteit`` of the year, once per load."""
        return self.bewaard(("proportionaliteit", jaar),
                            lambda: proportionaliteit(self.ledger.all_entries, self.programma(), jaar))

    def vooraf(self) -> None:
        for jaar in self.jaren():
            self.teken_vooraf(self.document(jaar))

    downloadformaten = ("xlsx", "pdf")

    def downloadbestand(self, formaat: str) -> tuple[bytes, str]:
        """The files ``snw proportionaliteit JAAR`` writes, from the same builders."""
        jaar, _ = self.keuze()
        programma = self.programma()
        rapport = self.cijfers(jaar)
        document = proportionaliteit_document(rapport, documentdatum=documentdatum(), kenmerk=self.kenmerk(),
                                              demo=self.is_demo(), grootboek=Path(self.ledger.beancount_file_path).name)
        return self.documentbestand(document, formaat, f"proportionaliteit-{jaar}.{formaat}",
                                    template=PROPORTIONALITEIT_TEMPLATE)


# The Beschikbaarheid page lives in its own module; imported here, so Fava finds it in this one.
from reports.fava_ext.beschikbaarheid import Beschikbaarheid  # noqa: E402, F401

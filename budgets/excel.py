"""The budget round trip through Excel: an invulblad out, ``budgets/<jaar>.beancount`` in.

``sjabloon_workbook`` writes the sheet the finance officer fills in:

* blad ``Begroting <jaar>``: rows are the actielijnen grouped by domain, columns the
  streams that run in the year (plus streams prefilled from an earlier budget) and
  ``EIGEN``; the yellow input cells are prefilled with the year's budget when the ledger
  already has one, otherwise with the previous year's. Locked formula cells give the
  row totals, the domain subtotals and the grand total (``SUBTOTAL(9, …)``, so subtotals
  are not counted twice), the available amount per stream and what is left of it. On
  the right, for reference, the previous year's budget and realisation (to date);
* blad ``Referentie <vorig jaar>``: that budget and realisation per actielijn × stream;
* blad ``Toelichting``: how to fill it in, the streams with their status and availability,
  the ledger fingerprint it was made from.

``lees_sjabloon`` reads the filled sheet back. It refuses, naming the cell, unknown
actielijn or stream codes, negative amounts and anything that is not an amount
("Blad Begroting 2028, cel D14: 'abc' is geen bedrag"), collecting every problem before
it gives up; it warns where a stream gets more than it has available. ``begroting_tekst``
turns the result into the ledger file (``custom "begroting"`` lines, with ``besluit:``
when the AB decided).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation
from typing import TYPE_CHECKING
from typing import Any

from beancount.core import data

from ledger import model
from ledger.nl import datum
from ledger.nl import euro
from reports.compute.begroting import EIGEN
from reports.compute.begroting import EIGEN_NAAM
from reports.compute.begroting import actief_in
from reports.compute.begroting import invulblad
from reports.compute.begroting import stroom_volgorde

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from beancount.core import data
    from openpyxl import Workbook

ZERO = Decimal(0)
CENT = Decimal("0.01")
BLAD = "Begroting {jaar}"
KOP_CODE = "Code"
KOP_TOTAAL = "Totaal"
_BLAD_RE = re.compile(r"^Begroting (\d{4})$")
_NL_GETAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
_PUNT_GETAL = re.compile(r"^-?\d+\.\d+$")


class InleesFout(Exception):
    """The filled sheet cannot be read; the message names every offending cell."""


@dataclasses.dataclass(frozen=True)
class Regel:
    """One budget amount read from the sheet."""

    domein: str
    actielijn: str
    stroom: str
    bedrag: Decimal
    cel: str
    domeinnaam: str = ""


@dataclasses.dataclass(frozen=True)
class Gelezen:
    """The result of reading a filled sheet."""

    jaar: int
    regels: tuple[Regel, ...]
    waarschuwingen: tuple[str, ...]

    @property
    def totaal(self) -> Decimal:
        return sum((r.bedrag for r in self.regels), ZERO)


def _domein_volgorde(programma: model.Programma) -> list[str]:
    codes = list(programma.domeinen)
    for actielijn in programma.actielijnen.values():
        if actielijn.domein not in codes:
            codes.append(actielijn.domein)
    return codes


def _stromen(programma: model.Programma, jaar: int, prefill: dict[tuple[str, str], Decimal]) -> list[str]:
    codes = {code for code, stroom in programma.geldstromen.items() if actief_in(stroom, jaar)}
    codes |= {stroom for (_, stroom), bedrag in prefill.items() if bedrag}
    codes.add(EIGEN)
    return sorted(codes, key=stroom_volgorde)


def sjabloon_workbook(entries: Sequence[data.Directive], programma: model.Programma, jaar: int, *,
                      kenmerk: str, documentdatum: datetime.date, demo: bool = False) -> Workbook:
    """The budget sheet to fill in for ``jaar``.

    Args:
      entries: the loaded entries.
      programma: the parsed declarations.
      jaar: the budget year.
      kenmerk: the ledger fingerprint (printed on the sheet).
      documentdatum: the generation date.
      demo: made from the demo ledger.
    Returns:
      The workbook; save it with ``reports.render.excel.workbook_bytes``.
    """
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment
    from openpyxl.styles import Border
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.styles import Protection
    from openpyxl.styles import Side
    from openpyxl.utils import get_column_letter

    from reports.render import excel
    from reports.documents.model import Kolom
    from reports.documents.model import Tabel
    from reports.render.workbook import write_sheet

    vorig = jaar - 1
    cijfers = invulblad(entries, programma, jaar)
    peildatum, tot = cijfers.peildatum, cijfers.realisatie_tot
    prefill, prefill_jaar = cijfers.prefill, cijfers.prefill_jaar
    vorig_budget, vorig_real, beschikbaar = cijfers.vorig_begroot, cijfers.vorig_realisatie, cijfers.beschikbaar
    stromen = _stromen(programma, jaar, prefill)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = BLAD.format(jaar=jaar)
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="D9D9D9")
    light = PatternFill("solid", fgColor="F2F2F2")
    yellow = PatternFill("solid", fgColor="FFF2CC")
    thin = Side(style="thin", color="808080")
    top = Border(top=Side(style="thin", color="000000"))
    unlocked = Protection(locked=False)

    sheet["A1"] = f"Begroting {jaar} — invulblad"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = ("Vul per actielijn en geldstroom het bedrag in euro in (gele cellen; leeg of 0 = geen begroting). "
                   "Totalen en 'nog vrij' rekenen mee. Inlezen: snw begroting-inlezen <dit bestand>.")
    bron = (f"Vooraf ingevuld met de begroting {prefill_jaar}" if prefill else "Nog niet ingevuld")
    sheet["A3"] = (f"{bron}. Grootboek {kenmerk}, stand {datum(peildatum)}; gemaakt op {datum(documentdatum)}."
                   + (" DEMOGEGEVENS." if demo else ""))
    sheet["A3"].font = Font(italic=True)

    header = 5
    first_stream_col = 3
    total_col = first_stream_col + len(stromen)
    ref_begroot_col, ref_real_col, diff_col = total_col + 1, total_col + 2, total_col + 3
    last_stream_letter = get_column_letter(total_col - 1)
    first_stream_letter = get_column_letter(first_stream_col)
    koppen = [KOP_CODE, "Actielijn", *stromen, f"{KOP_TOTAAL} {jaar}", f"Begroting {vorig}",
              f"Realisatie {vorig} t/m {datum(tot, 'short')}", f"Verschil met {vorig}"]
    for col, kop in enumerate(koppen, start=1):
        cell = sheet.cell(row=header, column=col, value=kop)
        cell.font = bold
        cell.fill = grey
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if col <= 2 else "right")
    statussen = {code: stroom.status for code, stroom in programma.geldstromen.items()}
    sheet.cell(row=header + 1, column=2, value="Naam geldstroom").font = Font(italic=True)
    sheet.cell(row=header + 2, column=2, value="Status").font = Font(italic=True)
    for index, code in enumerate(stromen):
        col = first_stream_col + index
        naam = EIGEN_NAAM if code == EIGEN else programma.geldstromen[code].naam
        sheet.cell(row=header + 1, column=col, value=naam).alignment = Alignment(wrap_text=True, vertical="top")
        status = "toezeggingen" if code == EIGEN else statussen.get(code, "")
        if code != EIGEN and not actief_in(programma.geldstromen.get(code), jaar):
            status += ", looptijd voorbij"
        sheet.cell(row=header + 2, column=col, value=status).font = Font(italic=True)
    row = header + 3
    data_first = row
    subtotal_rows = []
    actielijnen_per_domein: dict[str, list[model.Actielijn]] = defaultdict(list)
    for actielijn in programma.actielijnen.values():
        actielijnen_per_domein[actielijn.domein].append(actielijn)
    for domein in _domein_volgorde(programma):
        lijnen = sorted(actielijnen_per_domein.get(domein, []), key=lambda a: a.code)
        if not lijnen:
            continue
        naam = programma.domeinen[domein].naam if domein in programma.domeinen else domein
        cell = sheet.cell(row=row, column=2, value=f"{domein} — {naam}")
        cell.font = bold
        for col in range(1, diff_col + 1):
            sheet.cell(row=row, column=col).fill = light
        row += 1
        first = row
        for actielijn in lijnen:
            sheet.cell(row=row, column=1, value=actielijn.code)
            sheet.cell(row=row, column=2, value=actielijn.naam)
            for index, code in enumerate(stromen):
                value = prefill.get((actielijn.code, code))
                cell = sheet.cell(row=row, column=first_stream_col + index,
                                  value=excel.excel_number(value) if value else None)
                cell.number_format = excel.EURO_FORMAT
                cell.fill = yellow
                cell.protection = unlocked
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell = sheet.cell(row=row, column=total_col, value=f"=SUM({first_stream_letter}{row}:{last_stream_letter}{row})")
            cell.number_format = excel.EURO_FORMAT
            cell.font = bold
            ref = cijfers.vorig_begroot_actielijn(actielijn.code)
            real = cijfers.vorig_realisatie_actielijn(actielijn.code)
            sheet.cell(row=row, column=ref_begroot_col, value=excel.excel_number(ref)).number_format = excel.EURO_FORMAT
            sheet.cell(row=row, column=ref_real_col, value=excel.excel_number(real)).number_format = excel.EURO_FORMAT
            total_letter = get_column_letter(total_col)
            ref_letter = get_column_letter(ref_begroot_col)
            sheet.cell(row=row, column=diff_col,
                       value=f"={total_letter}{row}-{ref_letter}{row}").number_format = excel.EURO_FORMAT
            row += 1
        last = row - 1
        sheet.cell(row=row, column=2, value=f"Subtotaal {domein}").font = bold
        for col in [*range(first_stream_col, total_col + 1), ref_begroot_col, ref_real_col, diff_col]:
            letter = get_column_letter(col)
            cell = sheet.cell(row=row, column=col, value=f"=SUBTOTAL(9,{letter}{first}:{letter}{last})")
            cell.number_format = excel.EURO_FORMAT
            cell.font = bold
            cell.border = top
        subtotal_rows.append(row)
        row += 2
    data_last = row - 1
    total_row = row
    sheet.cell(row=total_row, column=2, value=KOP_TOTAAL).font = Font(bold=True, size=12)
    for col in [*range(first_stream_col, total_col + 1), ref_begroot_col, ref_real_col, diff_col]:
        letter = get_column_letter(col)
        cell = sheet.cell(row=total_row, column=col, value=f"=SUBTOTAL(9,{letter}{data_first}:{letter}{data_last})")
        cell.number_format = excel.EURO_FORMAT
        cell.font = Font(bold=True, size=12)
        cell.border = Border(top=Side(style="medium", color="000000"), bottom=Side(style="double", color="000000"))
    avail_row, free_row = total_row + 1, total_row + 2
    sheet.cell(row=avail_row, column=2, value=f"Beschikbaar {jaar}").font = Font(italic=True)
    sheet.cell(row=free_row, column=2, value="Nog vrij (negatief: te veel begroot)").font = bold
    for index, code in enumerate(stromen):
        col = first_stream_col + index
        letter = get_column_letter(col)
        cell = sheet.cell(row=avail_row, column=col, value=excel.excel_number(beschikbaar.get(code, ZERO)))
        cell.number_format = excel.EURO_FORMAT
        cell = sheet.cell(row=free_row, column=col, value=f"={letter}{avail_row}-{letter}{total_row}")
        cell.number_format = excel.EURO_FORMAT
        cell.font = bold
    free_range = f"{first_stream_letter}{free_row}:{last_stream_letter}{free_row}"
    sheet.conditional_formatting.add(free_range, CellIsRule(operator="lessThan", formula=["0"],
                                                            font=Font(bold=True, color="C00000"),
                                                            fill=PatternFill("solid", fgColor="F4CCCC")))
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 44
    for col in range(first_stream_col, diff_col + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 16
    sheet.row_dimensions[header + 1].height = 42
    sheet.freeze_panes = sheet.cell(row=header + 3, column=first_stream_col)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.print_title_rows = f"{header}:{header + 2}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    # Reference: previous year's budget and realisation per actielijn × stream.
    referentie = workbook.create_sheet(f"Referentie {vorig}")
    keys = sorted({k for k, v in (*vorig_budget.items(), *vorig_real.items()) if v and k[0] in programma.actielijnen},
                  key=lambda k: (_domein_volgorde(programma).index(programma.actielijnen[k[0]].domein), k[0],
                                 stroom_volgorde(k[1])))
    write_sheet(referentie, Tabel(
        f"Begroting {vorig} en realisatie {vorig} t/m {datum(tot)} (ter vergelijking)",
        (Kolom("Domein"), Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"),
         Kolom(f"Begroting {vorig}", "euro", True), Kolom(f"Realisatie {vorig} t/m {datum(tot, 'short')}", "euro", True)),
        tuple((programma.actielijnen[c].domein, c, programma.actielijnen[c].naam, s, vorig_budget.get((c, s), ZERO),
               vorig_real.get((c, s), ZERO)) for c, s in keys),
    ))
    referentie.protection.sheet = True

    toelichting = workbook.create_sheet("Toelichting")
    regels = [
        (f"Invulblad begroting {jaar}", None),
        ("", None),
        ("Jaar", jaar),
        ("Grootboek (vingerafdruk)", kenmerk),
        ("Stand grootboek", datum(peildatum)),
        ("Gemaakt op", datum(documentdatum)),
        ("", None),
        ("Invullen", f"Alleen de gele cellen op blad '{sheet.title}': bedragen in euro, niet negatief. "
                     "Rijen, kolommen en codes niet wijzigen; de overige cellen zijn beveiligd (zonder wachtwoord)."),
        ("Inlezen", f"snw begroting-inlezen <bestand> [--besluit AB-…] schrijft budgets/{jaar}.beancount; "
                    "onbekende codes, negatieve bedragen en tekst worden geweigerd met de cel erbij."),
        ("Beschikbaar", "Toegezegd − besteed vóór het jaar − open verplichtingen (0 als de looptijd het jaar niet "
                        "raakt); voor EIGEN de toezeggingen van partners. Meer begroten geeft een waarschuwing."),
        ("", None),
    ]
    for index, (label, value) in enumerate(regels, start=1):
        toelichting.cell(row=index, column=1, value=label).font = bold if index == 1 or value is not None else Font()
        if value is not None:
            toelichting.cell(row=index, column=2, value=value)
    start = len(regels) + 1
    write_sheet(toelichting, Tabel(
        "Geldstromen op het invulblad",
        (Kolom("Code"), Kolom("Naam"), Kolom("Status"), Kolom("Einddatum", "datum"),
         Kolom(f"Beschikbaar {jaar}", "euro")),
        tuple((code, EIGEN_NAAM if code == EIGEN else programma.geldstromen[code].naam,
               "toezeggingen" if code == EIGEN else statussen.get(code, ""),
               None if code == EIGEN else programma.geldstromen[code].tot, beschikbaar.get(code, ZERO))
              for code in stromen),
        totaal_label=None,
    ), start_row=start)
    toelichting.column_dimensions["A"].width = 26
    toelichting.column_dimensions["B"].width = 90
    toelichting.protection.sheet = True
    workbook.active = 0
    return workbook


def _bedrag(value: Any) -> Decimal | None:
    """An amount from a cell value; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(repr(value) if isinstance(value, float) else value)
        except InvalidOperation:
            return None
    if isinstance(value, str):
        text = value.replace("€", "").replace("\u00a0", "").replace(" ", "").replace("−", "-")
        try:
            if _NL_GETAL.match(text):
                return Decimal(text.replace(".", "").replace(",", "."))
            if _PUNT_GETAL.match(text):
                return Decimal(text)
        except InvalidOperation:
            return None
    return None


def lees_sjabloon(path: Path, entries: Sequence[data.Directive], programma: model.Programma) -> Gelezen:
    """Read a filled budget sheet.

    Args:
      path: the XLSX file (made by :func:`sjabloon_workbook` and filled in).
      entries: the loaded entries (for the availability warnings).
      programma: the parsed declarations (codes are checked against it).
    Returns:
      The amounts read, in sheet order, and the warnings.
    Raises:
      InleesFout: with one line per refused cell ("Blad Begroting 2028, cel D14: 'abc' is
        geen bedrag"); nothing was read.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        formulas = load_workbook(path, data_only=False)
        values = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InleesFout(f"{path.name} is geen leesbaar Excel-bestand (.xlsx): {exc}") from exc
    bladen = [(name, int(match.group(1))) for name in formulas.sheetnames if (match := _BLAD_RE.match(name))]
    if len(bladen) != 1:
        gevonden = ", ".join(formulas.sheetnames)
        raise InleesFout(f"{path.name}: verwacht precies één blad 'Begroting JJJJ', gevonden: {gevonden}")
    naam, jaar = bladen[0]
    sheet, cached = formulas[naam], values[naam]
    fouten: list[str] = []

    def fout(cel: str, tekst: str) -> None:
        fouten.append(f"Blad {naam}, cel {cel}: {tekst}")

    header = next((r for r in range(1, 30) if sheet.cell(row=r, column=1).value == KOP_CODE), None)
    if header is None:
        raise InleesFout(f"Blad {naam}: geen kopregel met '{KOP_CODE}' in kolom A gevonden")
    stromen: dict[int, str] = {}
    col = 3
    while True:
        kop = sheet.cell(row=header, column=col).value
        if kop is None or (isinstance(kop, str) and kop.startswith(KOP_TOTAAL)):
            break
        code = str(kop).strip()
        if code != EIGEN and code not in programma.geldstromen:
            fout(f"{get_column_letter(col)}{header}", f"onbekende geldstroom '{code}'")
        elif code in stromen.values():
            fout(f"{get_column_letter(col)}{header}", f"geldstroom '{code}' staat twee keer in de kopregel")
        else:
            stromen[col] = code
        col += 1
    if not stromen and not fouten:
        raise InleesFout(f"Blad {naam}: geen geldstromen in de kopregel (rij {header})")

    regels: list[Regel] = []
    gezien: dict[str, int] = {}
    for row in range(header + 3, sheet.max_row + 1):
        label = sheet.cell(row=row, column=2).value
        if isinstance(label, str) and label.strip() == KOP_TOTAAL:
            break
        code_value = sheet.cell(row=row, column=1).value
        if code_value is None or str(code_value).strip() == "":
            continue
        code = str(code_value).strip()
        actielijn = programma.actielijnen.get(code)
        if actielijn is None:
            fout(f"A{row}", f"onbekende actielijn '{code}'")
            continue
        if code in gezien:
            fout(f"A{row}", f"actielijn {code} staat al op rij {gezien[code]}")
            continue
        gezien[code] = row
        for col, stroom in stromen.items():
            cel = f"{get_column_letter(col)}{row}"
            raw = sheet.cell(row=row, column=col).value
            if isinstance(raw, str) and raw.startswith("="):
                raw = cached.cell(row=row, column=col).value
                if raw is None:
                    fout(cel, "formule zonder berekende waarde; sla het bestand op in Excel of vul een bedrag in")
                    continue
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                continue
            bedrag = _bedrag(raw)
            if bedrag is None:
                fout(cel, f"'{raw}' is geen bedrag")
                continue
            bedrag = bedrag.quantize(CENT, rounding=ROUND_HALF_UP)
            if bedrag < 0:
                fout(cel, f"negatief bedrag ({euro(bedrag)}); een begroting is nooit negatief")
                continue
            if bedrag == 0:
                continue
            domein = programma.domeinen.get(actielijn.domein)
            regels.append(Regel(actielijn.domein, code, stroom, bedrag, cel, domein.naam if domein else ""))
    if fouten:
        raise InleesFout("\n".join(fouten))

    cijfers = invulblad(entries, programma, jaar)
    per_stroom: dict[str, Decimal] = defaultdict(Decimal)
    for regel in regels:
        per_stroom[regel.stroom] += regel.bedrag
    waarschuwingen = []
    for stroom in sorted(per_stroom, key=stroom_volgorde):
        begroot = per_stroom[stroom]
        vrij = cijfers.vrij(stroom)
        # EIGEN against the year's pledges is the ledger's rule (below); a stream against what the
        # sheet shows as available this year (spending, commitments and forecast taken off).
        if stroom != EIGEN and begroot > vrij:
            waarschuwingen.append(f"Geldstroom {stroom} overbelast: begroot {euro(begroot)}, beschikbaar in {jaar} "
                                  f"{euro(vrij)} ({euro(begroot - vrij)} te veel)")
    waarschuwingen.extend(dekking_van(programma, jaar, regels))
    return Gelezen(jaar=jaar, regels=tuple(regels), waarschuwingen=tuple(waarschuwingen))


def dekking_van(programma: model.Programma, jaar: int, regels: list[Regel]) -> list[str]:
    """What ``snw check`` will report on the lines read, once written: the plugin's own rule
    (``ledger.rules.beschikbaarheid.dekkingsfouten``: a line outside its stream's period, on a
    stream not awarded, beyond what the stream is toegezegd over all years, EIGEN beyond the
    year's pledges), judged with the ledger's lines of the other years. One text per finding,
    with the sheet's cell.
    """
    from ledger.rules.beschikbaarheid import dekkingsfouten

    anders = [r for r in programma.begroting if r.jaar != jaar]
    # after every line of the ledger (the order decides which line crosses the stream's total)
    dag = max((r.datum for r in programma.begroting), default=datetime.date(jaar - 1, 12, 31)) + datetime.timedelta(1)
    nieuw = []
    for nummer, regel in enumerate(regels, start=1):
        entry = data.Custom({"filename": "sjabloon", "lineno": nummer, "cel": regel.cel}, dag, "begroting", [])
        nieuw.append(model.BegrotingRegel("begroting", dag, jaar, regel.actielijn, regel.stroom, regel.bedrag,
                                          None, entry))
    out = []
    for fout in dekkingsfouten(programma, [*anders, *nieuw]):
        cel = fout.source.get("cel")
        if cel is not None:
            out.append(f"{cel}: {fout.message.removeprefix('Waarschuwing: ')}")
    return out


def begroting_tekst(gelezen: Gelezen, dag: datetime.date, *, besluit: str | None = None,
                    besluit_omschrijving: str | None = None, bron: str = "") -> str:
    """The ledger file ``budgets/<jaar>.beancount`` for the amounts read.

    Args:
      gelezen: the result of :func:`lees_sjabloon`.
      dag: the date of the lines (and of a new AB decision).
      besluit: the AB decision that sets the budget; None: a draft (ontwerp).
      besluit_omschrijving: when given, a ``custom "ab-besluit"`` declaring ``besluit``
        is written too (for a decision the ledger does not know yet).
      bron: the sheet's file name, for the header comment.
    Returns:
      The file's text.
    """
    jaar = gelezen.jaar
    lines = [f"; Begroting {jaar}" + (f" — ingelezen uit {bron}" if bron else "")
             + " met snw begroting-inlezen.",
             f"; Vastgesteld bij besluit {besluit}." if besluit else "; Ontwerp: regels zonder besluit.", ""]
    if besluit and besluit_omschrijving:
        omschrijving = besluit_omschrijving.replace('"', "'")
        lines += [f'{dag.isoformat()} custom "ab-besluit" "{besluit}" "{omschrijving}"', ""]
    per_domein: dict[str, list[Regel]] = defaultdict(list)
    for regel in gelezen.regels:
        per_domein[regel.domein].append(regel)
    for domein, regels in per_domein.items():
        totaal = sum((r.bedrag for r in regels), ZERO)
        naam = f"{domein} — {regels[0].domeinnaam}" if regels[0].domeinnaam else domein
        lines.append(f"; ---- {naam} (totaal {totaal:.2f} EUR) ".ljust(80, "-"))
        lines.append("")
        for regel in regels:
            lines.append(f'{dag.isoformat()} custom "begroting" {jaar} "{regel.actielijn}" "{regel.stroom}" '
                         f"{regel.bedrag:.2f} EUR")
            if besluit:
                lines.append(f'  besluit: "{besluit}"')
        lines.append("")
    return "\n".join(lines)

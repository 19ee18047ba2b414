"""The partner template (``snw sjabloon``) and its importer.

One workbook per partner and year:

* ``Invullen`` — the sheet to fill: Datum, Actielijn, Geldstroom, Bedrag, Uren, Buurt,
  Omschrijving, Kenmerk (header on row 3, data from row 4), with drop-down lists (Excel data
  validation) of the declared actielijnen (code + name), the streams this partner may report
  on (``importers.context.toegestane_stromen``) and the focus neighbourhoods, and date, number
  and length checks;
* ``Leesmij`` — how to fill it in, in Dutch;
* ``Keuzelijsten`` — the lists behind the drop-downs (protected);
* ``_snw`` — hidden: template marker, partner and year, so the importer knows whose file it
  is and for which year.

The file is deterministic: the same ledger, partner and year give the same bytes.

Run the importer's golden-file tests with
``python -m importers.sjabloon test tests/importers/sjabloon`` (ledger: ``$SNW_LEDGER``).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from importers.base import BijdrageImporter
from importers.context import Grootboek
from importers.errors import Leesfout
from importers.processing import RijVerwerker
from importers.readers import Invoertabel
from importers.readers import bladnamen
from importers.readers import lees_xlsx
from importers.readers import schat_rijen_xlsx
from importers.rows import Rij
from importers.values import EIGEN_MIDDELEN
from ledger import model
from ledger.nl import datum as nl_datum
from ledger.nl import euro

if TYPE_CHECKING:
    from openpyxl import Workbook

MARKER = "snw-partnerbijdragen"
VERSIE = 1
BLAD_INVULLEN = "Invullen"
BLAD_LEESMIJ = "Leesmij"
BLAD_LIJSTEN = "Keuzelijsten"
BLAD_MARKER = "_snw"
KOPREGEL = 3
RIJEN = 1000  # rows with drop-downs and checks

# column header -> field of importers.rows.VELDEN
KOLOMMEN = {
    "Datum": "datum",
    "Actielijn": "actielijn",
    "Geldstroom": "geldstroom",
    "Bedrag": "bedrag",
    "Uren": "uren",
    "Buurt": "buurt",
    "Omschrijving": "omschrijving",
    "Kenmerk": "kenmerk",
}
VERPLICHT = ("Datum", "Actielijn", "Geldstroom", "Bedrag", "Uren")
_FIXED_TIME = datetime.datetime(2000, 1, 1)

_HULP = {
    "Datum": ("Datum", "Datum van de uitgave of de laatste dag van de gewerkte periode (dd-mm-jjjj), in {jaar}."),
    "Actielijn": ("Actielijn", "Kies de actielijn uit de lijst."),
    "Geldstroom": ("Geldstroom", "'eigen middelen' voor eigen geld en uren; anders de geldstroom van uw voorschot."),
    "Bedrag": ("Bedrag", "In euro's, bijvoorbeeld 1.234,56. Een correctie is negatief. Leeg bij uren: uren x tarief."),
    "Uren": ("Uren", "Inzet van medewerkers in uren (optioneel). Bedrag = uren x uurtarief."),
    "Buurt": ("Buurt", "Optioneel: de focusbuurt waar de bijdrage terechtkwam."),
    "Omschrijving": ("Omschrijving", "Wat is er gedaan? Geen namen of gegevens van bewoners."),
    "Kenmerk": ("Kenmerk", "Uw eigen unieke verwijzing, bijvoorbeeld het boekstuknummer."),
}


def _sorteer_code(code: str) -> tuple[str, int, str]:
    match = re.match(r"^(.*?)-(\d+)(.*)$", code)
    if not match:
        return (code, 0, "")
    return (match.group(1), int(match.group(2)), match.group(3))


def keuzelijsten(grootboek: Grootboek, partner: str) -> dict[str, list[str]]:
    """The drop-down values: actielijnen (code + name), streams for this partner, buurten.

    Args:
      grootboek: the ledger context.
      partner: partner code.
    Returns:
      ``{"Actielijn": [...], "Geldstroom": [...], "Buurt": [...]}``.
    """
    programma = grootboek.programma
    actielijnen = [f"{a.code} {a.naam}" for a in sorted(programma.actielijnen.values(),
                                                        key=lambda a: _sorteer_code(a.code))]
    stromen = []
    for code in grootboek.stromen(partner):
        if code == model.EIGEN:
            stromen.append(EIGEN_MIDDELEN)
        else:
            stromen.append(f"{code} {programma.geldstromen[code].naam}")
    buurten = [b.naam for b in programma.buurten.values()]
    return {"Actielijn": actielijnen, "Geldstroom": stromen, "Buurt": buurten}


def maak_sjabloon(grootboek: Grootboek, partner: str, jaar: int) -> Workbook:
    """Build the template workbook for a partner and year.

    Args:
      grootboek: the ledger context (declared actielijnen, streams, buurten, partners).
      partner: partner code (must be declared).
      jaar: the year the partner reports on.
    Returns:
      The workbook (save it with ``sjabloon_bytes`` for deterministic bytes).
    Raises:
      KeyError: the partner is not declared.
    """
    # Lazy: openpyxl is slow to import; only making a template needs all of this.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel
    from openpyxl.worksheet.datavalidation import DataValidation

    gegevens = grootboek.programma.partners[partner]
    lijsten = keuzelijsten(grootboek, partner)
    stromen = grootboek.stromen(partner)

    wb = Workbook()
    wb.properties.creator = "Samen Nieuw-West (snw sjabloon)"
    wb.properties.lastModifiedBy = "Samen Nieuw-West (snw sjabloon)"
    wb.properties.title = f"Partnerbijdragen {partner} {jaar}"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME

    # --- Invullen ---------------------------------------------------------------------
    ws = wb.active
    ws.title = BLAD_INVULLEN
    ws["A1"] = f"Partnerbijdragen Samen Nieuw-West {jaar}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Partner: {gegevens.naam} ({partner})  ·  Jaar: {jaar}  ·  Zie het blad {BLAD_LEESMIJ}"
    ws["A2"].font = Font(italic=True)
    kop_fill = PatternFill("solid", fgColor="DDEBF7")
    breedtes = {"Datum": 13, "Actielijn": 48, "Geldstroom": 34, "Bedrag": 14, "Uren": 9,
                "Buurt": 26, "Omschrijving": 50, "Kenmerk": 18}
    laatste = KOPREGEL + RIJEN
    letters = {}
    for index, kop in enumerate(KOLOMMEN, 1):
        cell = ws.cell(row=KOPREGEL, column=index, value=kop)
        cell.font = Font(bold=True)
        cell.fill = kop_fill
        cell.alignment = Alignment(vertical="center")
        letter = get_column_letter(index)
        letters[kop] = letter
        ws.column_dimensions[letter].width = breedtes[kop]
    ws.freeze_panes = f"A{KOPREGEL + 1}"
    for row in range(KOPREGEL + 1, laatste + 1):
        ws.cell(row=row, column=1).number_format = "DD-MM-YYYY"
        ws.cell(row=row, column=4).number_format = "#,##0.00"
        ws.cell(row=row, column=5).number_format = "0.##"

    def bereik(kop: str) -> str:
        return f"{letters[kop]}{KOPREGEL + 1}:{letters[kop]}{laatste}"

    def lijst_formule(kolom: str, aantal: int) -> str:
        return f"'{BLAD_LIJSTEN}'!${kolom}$2:${kolom}${max(aantal, 1) + 1}"

    validaties = []
    datum = DataValidation(type="date", operator="between",
                           formula1=str(int(to_excel(datetime.date(jaar, 1, 1)))),
                           formula2=str(int(to_excel(datetime.date(jaar, 12, 31)))), allow_blank=True)
    datum.error = f"Vul een datum in {jaar} in (dd-mm-jjjj)."
    validaties.append(("Datum", datum))
    for kop, kolom in (("Actielijn", "A"), ("Geldstroom", "B"), ("Buurt", "C")):
        dv = DataValidation(type="list", formula1=lijst_formule(kolom, len(lijsten[kop])), allow_blank=True)
        dv.error = f"Kies een waarde uit de lijst ({kop.lower()})."
        validaties.append((kop, dv))
    bedrag = DataValidation(type="decimal", operator="between", formula1="-100000000", formula2="100000000",
                            allow_blank=True)
    bedrag.error = "Vul een bedrag in euro's in, bijvoorbeeld 1234,56 (een correctie is negatief)."
    validaties.append(("Bedrag", bedrag))
    uren = DataValidation(type="decimal", operator="between", formula1="-10000", formula2="10000", allow_blank=True)
    uren.error = "Vul een aantal uren in, bijvoorbeeld 7,5."
    validaties.append(("Uren", uren))
    omschrijving = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="200", allow_blank=True)
    omschrijving.error = "Hooguit 200 tekens."
    validaties.append(("Omschrijving", omschrijving))
    kenmerk = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="50", allow_blank=True)
    kenmerk.error = "Hooguit 50 tekens."
    validaties.append(("Kenmerk", kenmerk))
    for kop, dv in validaties:
        titel, tekst = _HULP[kop]
        dv.errorTitle = f"Ongeldige waarde: {titel}"
        dv.errorStyle = "stop"
        dv.showErrorMessage = True
        dv.promptTitle = titel
        dv.prompt = tekst.format(jaar=jaar)
        dv.showInputMessage = True
        dv.add(bereik(kop))
        ws.add_data_validation(dv)

    # --- Leesmij ------------------------------------------------------------------------
    lees = wb.create_sheet(BLAD_LEESMIJ)
    lees.column_dimensions["A"].width = 110
    # The tariff on 1 January, then every change within the year (rows are valued at their own date).
    begin = datetime.date(jaar, 1, 1)
    geldig = [(begin, gegevens.tarief_op(begin)),
              *((t.vanaf, t.bedrag) for t in gegevens.tarieven if t.vanaf > begin and t.vanaf.year == jaar)]
    tarief = "; ".join(f"{euro(bedrag)} per uur" if vanaf == begin else f"vanaf {nl_datum(vanaf)} {euro(bedrag)} per uur"
                       for vanaf, bedrag in geldig if bedrag is not None) or \
        "geen uurtarief bekend: vul bij uren ook het bedrag in, of neem contact op met het programmabureau"
    regels: list[tuple[str, bool]] = [
        ("Partnerbijdragen aan Samen Nieuw-West", True),
        (f"Partner: {gegevens.naam} ({partner})", False),
        (f"Jaar: {jaar}", False),
        (f"Uurtarief: {tarief}", False),
        ("", False),
        ("Hoe vult u dit bestand in?", True),
        (f"1. Vul op het blad '{BLAD_INVULLEN}' één regel per bijdrage in, vanaf rij {KOPREGEL + 1}.", False),
        (f"2. Datum: de datum van de uitgave, of de laatste dag van de gewerkte periode; in {jaar} (dd-mm-jjjj).",
         False),
        ("3. Actielijn: kies uit de lijst (code en naam).", False),
        ("4. Geldstroom: 'eigen middelen' voor geld uit uw eigen begroting en voor uren van uw medewerkers; "
         "of de geldstroom waaruit u een voorschot van het programma kreeg (zie hieronder).", False),
        ("5. Bedrag: in euro's, bijvoorbeeld 1.234,56. Een correctie op een eerdere opgave is een negatief bedrag.",
         False),
        ("6. Uren: de inzet van uw medewerkers in uren. Laat u Bedrag leeg, dan rekenen wij uren × uurtarief; "
         "vult u beide in, dan moet het bedrag gelijk zijn aan uren × uurtarief.", False),
        ("7. Buurt (optioneel): de focusbuurt waar de bijdrage terechtkwam.", False),
        ("8. Omschrijving: wat er is gedaan, zonder namen of andere gegevens van bewoners.", False),
        ("9. Kenmerk (aanbevolen): uw eigen unieke verwijzing, bijvoorbeeld het boekstuknummer. Met kenmerken "
         "kunt u later een gecorrigeerd bestand sturen: wij vervangen dan alleen de gewijzigde regels. Zonder "
         "kenmerk herkennen wij een regel aan zijn inhoud; stuur een correctie dan onder dezelfde bestandsnaam.",
         False),
        ("", False),
        ("Geldstromen waarop u mag rapporteren", True),
    ]
    for code, reden in stromen.items():
        label = EIGEN_MIDDELEN if code == model.EIGEN else \
            f"{code} {grootboek.programma.geldstromen[code].naam}"
        regels.append((f"• {label} ({reden})", False))
    regels += [
        ("", False),
        ("Wat niet in dit bestand mag", True),
        ("Geen persoonsgegevens van bewoners: geen namen, burgerservicenummers (BSN), rekeningnummers (IBAN) "
         "of adressen. Een bestand met BSN's of IBAN's wordt in zijn geheel geweigerd.", False),
        ("", False),
        ("Goed om te weten", True),
        (f"• U mag kolommen toevoegen; die worden niet ingelezen. Wijzig de bladen '{BLAD_LIJSTEN}' en de "
         "kopregel niet.", False),
        ("• Een bestand met één foute regel wordt helemaal niet ingelezen; u krijgt dan per regel te horen "
         "wat er mis is.", False),
        ("• Hetzelfde bestand twee keer aanleveren is geen probleem: regels die er al staan, tellen niet dubbel.",
         False),
    ]
    for row, (text, bold) in enumerate(regels, 1):
        cell = _tekstcel(lees.cell(row=row, column=1), text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True, size=13 if row == 1 else 11)

    # --- Keuzelijsten -------------------------------------------------------------------
    ls = wb.create_sheet(BLAD_LIJSTEN)
    for index, (kop, values) in enumerate(lijsten.items(), 1):
        letter = get_column_letter(index)
        ls.cell(row=1, column=index, value=kop).font = Font(bold=True)
        ls.column_dimensions[letter].width = 60 if kop == "Actielijn" else 36
        for row, value in enumerate(values, 2):
            _tekstcel(ls.cell(row=row, column=index), value)
    ls.protection.sheet = True

    # --- _snw (hidden) --------------------------------------------------------------------
    marker = wb.create_sheet(BLAD_MARKER)
    for row, (key, value) in enumerate((("sjabloon", MARKER), ("versie", VERSIE), ("partner", partner),
                                        ("jaar", jaar)), 1):
        marker.cell(row=row, column=1, value=key)
        _tekstcel(marker.cell(row=row, column=2), value)
    marker.sheet_state = "hidden"
    marker.protection.sheet = True
    wb.active = 0
    return wb


def _tekstcel(cell: Any, value: Any) -> Any:
    """Put a value in a cell; text stays text, even when it starts with ``=`` (never a formula).

    openpyxl stores every string that starts with ``=`` as a formula; names and lists from
    the ledger must not become one.
    """
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def sjabloon_bytes(workbook: Workbook) -> bytes:
    """Save a workbook with fixed timestamps, so equal content gives equal bytes.

    The zip entries get a fixed date and ``docProps/core.xml`` fixed creation and
    modification times (openpyxl stamps the time of saving there).
    """
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            inhoud = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into dcterms:modified (and "now" into created).
                inhoud = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:(?:modified|created)>)",
                                rb"\g<1>" + _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                                inhoud)
            target.writestr(fixed, inhoud)
    return out.getvalue()


def lees_marker(pad: str | Path) -> dict[str, Any]:
    """The hidden ``_snw`` sheet's keys and values (empty when the file is no template)."""
    import openpyxl  # lazy: slow to import, and CSV files never get here

    try:
        workbook = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - not a readable workbook: not ours
        return {}
    try:
        if BLAD_MARKER not in workbook.sheetnames:
            return {}
        values = {}
        for row in workbook[BLAD_MARKER].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
            if row and row[0] is not None:
                values[str(row[0]).strip()] = row[1] if len(row) > 1 else None
        return values
    finally:
        workbook.close()


class SjabloonImporter(BijdrageImporter):
    """Importer for the partner template made by ``snw sjabloon``.

    Args:
      ledger: the ledger to read declarations from when no entries are passed in.
    """

    def __init__(self, ledger: str | Path | None = None) -> None:
        super().__init__(ledger)
        self._markers: dict[tuple[str, int], dict[str, Any]] = {}

    @property
    def name(self) -> str:
        return "snw.sjabloon"

    def _marker(self, filepath: str) -> dict[str, Any]:
        try:
            key = (str(filepath), Path(filepath).stat().st_mtime_ns)
        except OSError:
            return {}
        if key not in self._markers:
            self._markers[key] = lees_marker(filepath)
        return self._markers[key]

    def identify(self, filepath: str) -> bool:
        if not str(filepath).lower().endswith(".xlsx"):
            return False
        names = bladnamen(filepath)
        if BLAD_MARKER not in names or BLAD_INVULLEN not in names:
            return False
        return self._marker(filepath).get("sjabloon") == MARKER

    def partner(self, filepath: str) -> str:
        partner = self._marker(filepath).get("partner")
        if not partner:
            raise Leesfout(f"dit is geen sjabloon van snw sjabloon (blad {BLAD_MARKER} ontbreekt of is gewijzigd)")
        return str(partner).strip()

    def jaar(self, filepath: str) -> int:
        jaar = self._marker(filepath).get("jaar")
        try:
            return int(jaar)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise Leesfout(f"het jaar op blad {BLAD_MARKER} is gewijzigd ('{jaar}')") from exc

    def date(self, filepath: str) -> datetime.date | None:
        try:
            return datetime.date(self.jaar(filepath), 12, 31)
        except Leesfout:
            return None

    def filename(self, filepath: str) -> str | None:
        try:
            return f"sjabloon-{self.partner(filepath).lower()}-{self.jaar(filepath)}.xlsx"
        except Leesfout:
            return None

    def schatting(self, filepath: str) -> int:
        return schat_rijen_xlsx(filepath, [BLAD_INVULLEN])

    def verwerker(self, filepath: str, grootboek: Grootboek, partner: str) -> RijVerwerker:
        return RijVerwerker(grootboek, partner, jaar=self.jaar(filepath))

    def privacy_uitzonderingen(self, filepath: str) -> tuple[set[str], set[str]]:
        return {"Datum", "Bedrag", "Uren"}, set()

    def tabellen(self, filepath: str) -> list[Invoertabel]:
        self.jaar(filepath)  # a changed year is a file-level error
        return lees_xlsx(filepath, bladen=[BLAD_INVULLEN], kopregel=1, kop_zoeken=("Datum", "Actielijn"))

    def rijen(self, filepath: str, tabellen: list[Invoertabel]) -> Iterator[Rij]:
        for tabel in tabellen:
            index = {kop.strip().lower(): i for i, kop in enumerate(tabel.koppen) if kop}
            ontbrekend = [kop for kop in VERPLICHT if kop.lower() not in index]
            if ontbrekend:
                raise Leesfout(f"kolom {', '.join(ontbrekend)} ontbreekt in de kopregel (rij {tabel.kopregel})",
                               tabel.kopregel)
            kolommen = {veld: kop for kop, veld in KOLOMMEN.items() if kop.lower() in index}
            leeg: list[int] = []  # blank rows, reported when a filled row follows
            for nummer, values in tabel.rijen:
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    leeg.append(nummer)
                    continue
                for lege in leeg:
                    yield Rij(str(filepath), None, lege, {}, {}, overslaan="lege regel")
                leeg = []
                waarden = {}
                for kop, veld in KOLOMMEN.items():
                    i = index.get(kop.lower())
                    waarden[veld] = values[i] if i is not None and i < len(values) else None
                yield Rij(str(filepath), None, nummer, waarden, kolommen, ruw=tuple(values))


if __name__ == "__main__":  # pragma: no cover
    import beangulp.testing

    beangulp.testing.main(SjabloonImporter())

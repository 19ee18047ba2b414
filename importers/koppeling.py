"""A partner's own ERP export (CSV or XLSX), read through a mapping file in YAML.

One mapping file per partner (``importers/mappings/<partner>.yaml``) says how to read the
export and how its cost centres/projects map to actielijn and stream::

    partner: EIGEN-HAARD
    omschrijving: "Eigen Haard: export projectkosten uit het ERP"
    bestand:
      formaat: [csv, xlsx]        # csv | xlsx | both
      naam: "*"                   # glob on the file name (optional)
      codering: auto              # utf-8, utf-8-sig, cp1252, auto (UTF-8, else Windows-1252)
      scheidingsteken: ";"        # ; , tab | or auto
      kopregel: 1                 # row of the column names (xlsx: search from here)
      bladen: alle                # xlsx: a list of sheet names, or alle (default: first sheet)
      decimaalteken: ","          # , (1.234,56) or . (1,234.56)
      datumformaat: "%d-%m-%Y"    # or a list of formats
    kolommen:                     # our field -> the export's column
      datum: Boekdatum
      bedrag: Bedrag
      uren: Uren                  # optional
      omschrijving: Omschrijving  # optional
      kenmerk: Boekstuk           # optional (else a hash of the row)
      buurt: Complex wijk         # optional
      actielijn: ...              # optional: a column with the actielijn code itself
      geldstroom: ...             # optional: a column with the stream itself
      sleutel: [Kostenplaats, Project]   # columns looked up in the table below
    koppeling:                    # first match wins; a missing key or "*" matches anything
      - {Kostenplaats: "4810", actielijn: WON-04, geldstroom: VHF}
      - {Kostenplaats: "4820", Project: "P-2024-18", actielijn: WON-03, geldstroom: EIGEN}
    onbekende_sleutel: fout       # fout | overslaan (rows of other cost centres; reported)
    overslaan: {Omschrijving: "^(Sub)?[Tt]otaal"}   # subtotal rows: skip where a column matches
    subtotaalregel: aan           # aan | uit: the default subtotal rule (below)
    overslaan_met_datum: nee      # nee | ja: may a subtotal row have a date and an amount?
    identieke_regels: fout        # fout | overslaan (an identical repeat of a row with the
                                  # same kenmerk is skipped and counted)
    buurten: {"Dichters": dichtersbuurt}             # the export's names -> buurt codes
                                  # (names every export uses belong on the buurt declaration:
                                  # namen: "Dichters; …", known to every importer)
    geldstromen: {SPUK: SPUK-KW, Eigen: EIGEN}      # the values of the geldstroom column -> codes
    actielijnen: {"Vocht": WON-04}                  # the values of the actielijn column -> codes
    bedrag_bij_uren: controleren  # controleren | tarief (value hours at the partner's tariff)
    zakelijke_iban_kolommen: [IBAN crediteur]       # business IBANs, allowed (never read)

Rows are skipped only by these rules, and every skipped row is reported with its row and
rule (``rij 20 overgeslagen: subtotaal (Omschrijving begint met "Subtotaal")``):

* blank rows (only reported when a filled row follows);
* subtotal rows by the mapping's ``overslaan`` patterns, and by the default subtotal rule
  (``subtotaalregel: uit`` switches it off): a text cell that starts with ``Totaal`` or
  ``Subtotaal``, or a row with an amount but no date, description, kenmerk or key;
* rows of other cost centres with ``onbekende_sleutel: overslaan``;
* rows with amount 0 and no hours; identical repeats with ``identieke_regels: overslaan``.

A subtotal row that has a date and an amount is refused (the file with it) unless its amount
is the sum of the rows directly above it (a recognised total) or the mapping says
``overslaan_met_datum: ja``: a genuine invoice "Totaal onderhoud portiek" never vanishes.
Columns not named in the mapping are ignored (but scanned for personal data).

Run the golden-file tests with
``python -m importers.koppeling importers/mappings/eigen-haard.yaml test tests/importers/eigen-haard``.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from collections.abc import Iterator
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from importers.base import BijdrageImporter
from importers.context import Grootboek
from importers.errors import Leesfout
from importers.errors import rij_fout
from importers.processing import RijVerwerker
from importers.readers import Invoertabel
from importers.readers import bladnamen
from importers.readers import is_xlsx
from importers.readers import kop_csv
from importers.readers import lees_csv
from importers.readers import lees_xlsx
from importers.readers import schat_rijen_xlsx
from importers.rows import Rij
from importers.values import DATUMFORMATEN
from importers.values import parse_datum
from importers.values import parse_getal
from importers.values import tekst
from importers.values import toon

MAPPINGS = Path(__file__).resolve().parent / "mappings"
_FORMATEN = ("csv", "xlsx")
_VELDEN = ("datum", "bedrag", "uren", "omschrijving", "kenmerk", "buurt", "actielijn", "geldstroom")
_SUBTOTAAL = re.compile(r"^\s*(sub)?-?totaa?l\b", re.IGNORECASE)


class KoppelingFout(ValueError):
    """A mapping file is invalid (the message says which key and why)."""


@dataclasses.dataclass(frozen=True)
class Regel:
    """One line of the mapping table."""

    waarden: Mapping[str, str]  # key column -> value ("*" = any)
    actielijn: str
    geldstroom: str

    def past(self, sleutel: Mapping[str, str]) -> bool:
        return all(value == "*" or sleutel.get(kolom, "") == value for kolom, value in self.waarden.items())


@dataclasses.dataclass(frozen=True)
class Koppeling:
    """A parsed mapping file."""

    pad: Path
    partner: str
    omschrijving: str
    formaten: tuple[str, ...]
    naam: str
    codering: str
    scheidingsteken: str
    kopregel: int
    bladen: tuple[str, ...] | str | None
    decimaalteken: str
    datumformaten: tuple[str, ...]
    kolommen: Mapping[str, str]
    sleutel: tuple[str, ...]
    regels: tuple[Regel, ...]
    onbekende_sleutel: str
    overslaan: Mapping[str, re.Pattern[str]]
    buurten: Mapping[str, str]
    bedrag_bij_uren: str
    zakelijke_iban: frozenset[str]
    subtotaalregel: bool = True
    overslaan_met_datum: bool = False
    identieke_regels: str = "fout"
    geldstromen: Mapping[str, str] = dataclasses.field(default_factory=dict)
    actielijnen: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def verplichte_kolommen(self) -> tuple[str, ...]:
        """Columns the export must have (to identify it)."""
        return tuple(dict.fromkeys([*self.kolommen.values(), *self.sleutel]))

    @classmethod
    def laad(cls, pad: str | Path) -> Koppeling:
        """Read and check a mapping file.

        Raises:
          KoppelingFout: a key is missing or has a wrong value.
        """
        pad = Path(pad)
        try:
            raw = yaml.safe_load(pad.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise KoppelingFout(f"{pad}: niet te lezen: {exc}") from exc
        if not isinstance(raw, dict):
            raise KoppelingFout(f"{pad}: een koppeling is een YAML-mapping met partner, bestand, kolommen")
        return cls.van_dict(raw, pad)

    @classmethod
    def van_dict(cls, raw: Mapping[str, Any], pad: Path) -> Koppeling:  # noqa: C901, PLR0912
        """Build a mapping from its YAML data (see the module docstring)."""

        def fout(message: str) -> KoppelingFout:
            return KoppelingFout(f"{pad}: {message}")

        partner = raw.get("partner")
        if not partner or not isinstance(partner, str):
            raise fout("partner ontbreekt (de partnercode uit het grootboek)")
        bestand = raw.get("bestand") or {}
        if not isinstance(bestand, dict):
            raise fout("bestand moet een mapping zijn")
        formaat = bestand.get("formaat", list(_FORMATEN))
        formaten = tuple(str(f).lower() for f in ([formaat] if isinstance(formaat, str) else formaat))
        if not formaten or any(f not in _FORMATEN for f in formaten):
            raise fout(f"bestand.formaat moet csv, xlsx of beide zijn, niet {formaat}")
        decimaal = str(bestand.get("decimaalteken", ","))
        if decimaal not in (",", "."):
            raise fout("bestand.decimaalteken moet ',' of '.' zijn")
        datum = bestand.get("datumformaat", list(DATUMFORMATEN))
        datumformaten = tuple([datum] if isinstance(datum, str) else datum)
        bladen = bestand.get("bladen", bestand.get("blad"))
        if isinstance(bladen, str) and bladen != "alle":
            bladen = (bladen,)
        elif isinstance(bladen, list):
            bladen = tuple(str(b) for b in bladen)
        try:
            kopregel = int(bestand.get("kopregel", 1))
        except (TypeError, ValueError) as exc:
            raise fout("bestand.kopregel moet een rijnummer zijn") from exc

        kolommen_raw = raw.get("kolommen") or {}
        if not isinstance(kolommen_raw, dict):
            raise fout("kolommen moet een mapping zijn (veld: kolomnaam)")
        onbekend = sorted(set(kolommen_raw) - {*_VELDEN, "sleutel"})
        if onbekend:
            raise fout(f"onbekend veld onder kolommen: {', '.join(onbekend)} (velden: {', '.join(_VELDEN)}, sleutel)")
        sleutel_raw = kolommen_raw.get("sleutel") or []
        sleutel = tuple(str(s) for s in ([sleutel_raw] if isinstance(sleutel_raw, str) else sleutel_raw))
        kolommen = {veld: str(kolom) for veld, kolom in kolommen_raw.items() if veld != "sleutel" and kolom}
        for veld in ("datum", "bedrag"):
            if veld not in kolommen and not (veld == "bedrag" and "uren" in kolommen):
                raise fout(f"kolommen.{veld} ontbreekt")
        regels = []
        for index, item in enumerate(raw.get("koppeling") or [], 1):
            if not isinstance(item, dict) or "actielijn" not in item:
                raise fout(f"koppeling regel {index}: actielijn ontbreekt")
            waarden = {str(k): tekst(v) for k, v in item.items() if k not in ("actielijn", "geldstroom")}
            vreemd = sorted(set(waarden) - set(sleutel))
            if vreemd:
                raise fout(f"koppeling regel {index}: {', '.join(vreemd)} is geen sleutelkolom "
                           f"(kolommen.sleutel: {', '.join(sleutel) or 'leeg'})")
            regels.append(Regel(waarden, str(item["actielijn"]), str(item.get("geldstroom", "EIGEN"))))
        if "actielijn" not in kolommen and not regels:
            raise fout("geef kolommen.actielijn of een koppeling (tabel van sleutel naar actielijn)")
        if "geldstroom" not in kolommen and not regels:
            raise fout("geef kolommen.geldstroom of een koppeling met geldstroom per regel")
        onbekende_sleutel = str(raw.get("onbekende_sleutel", "fout"))
        if onbekende_sleutel not in ("fout", "overslaan"):
            raise fout("onbekende_sleutel moet fout of overslaan zijn")
        bij_uren = str(raw.get("bedrag_bij_uren", "controleren"))
        if bij_uren not in ("controleren", "tarief"):
            raise fout("bedrag_bij_uren moet controleren of tarief zijn")
        overslaan = {}
        for kolom, patroon in (raw.get("overslaan") or {}).items():
            try:
                overslaan[str(kolom)] = re.compile(str(patroon))
            except re.error as exc:
                raise fout(f"overslaan.{kolom}: ongeldige reguliere expressie: {exc}") from exc
        buurten = {str(k).strip().lower(): str(v) for k, v in (raw.get("buurten") or {}).items()}
        subtotaalregel = _ja_nee(raw.get("subtotaalregel", "aan"), ("aan", "uit"))
        if subtotaalregel is None:
            raise fout("subtotaalregel moet aan of uit zijn")
        met_datum = _ja_nee(raw.get("overslaan_met_datum", "nee"), ("ja", "nee"))
        if met_datum is None:
            raise fout("overslaan_met_datum moet ja of nee zijn")
        tabellen = {}
        for sleutel_ in ("geldstromen", "actielijnen"):
            tabel = raw.get(sleutel_) or {}
            if not isinstance(tabel, dict):
                raise fout(f"{sleutel_} moet een tabel zijn (waarde in de export: code)")
            veld = "geldstroom" if sleutel_ == "geldstromen" else "actielijn"
            if tabel and veld not in kolommen:
                raise fout(f"{sleutel_} vertaalt de kolom kolommen.{veld}; die ontbreekt")
            tabellen[sleutel_] = {tekst(k).lower(): str(v) for k, v in tabel.items()}
        identiek = str(raw.get("identieke_regels", "fout"))
        if identiek not in ("fout", "overslaan"):
            raise fout("identieke_regels moet fout of overslaan zijn")
        zakelijk = raw.get("zakelijke_iban_kolommen") or []
        return cls(
            pad=pad, partner=partner.strip(), omschrijving=str(raw.get("omschrijving", "")),
            formaten=formaten, naam=str(bestand.get("naam", "*")),
            codering=str(bestand.get("codering", "auto")),
            scheidingsteken=str(bestand.get("scheidingsteken", "auto")), kopregel=kopregel,
            bladen=bladen, decimaalteken=decimaal, datumformaten=datumformaten, kolommen=kolommen,
            sleutel=sleutel, regels=tuple(regels), onbekende_sleutel=onbekende_sleutel,
            overslaan=overslaan, buurten=buurten, bedrag_bij_uren=bij_uren,
            zakelijke_iban=frozenset(str(k) for k in ([zakelijk] if isinstance(zakelijk, str) else zakelijk)),
            subtotaalregel=subtotaalregel, overslaan_met_datum=met_datum, identieke_regels=identiek,
            geldstromen=tabellen["geldstromen"], actielijnen=tabellen["actielijnen"],
        )


def _ja_nee(value: Any, woorden: tuple[str, str]) -> bool | None:
    """A yes/no mapping value (``aan``/``uit``, ``ja``/``nee`` or a YAML boolean); None if neither."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text == woorden[0] else False if text == woorden[1] else None


class KoppelingImporter(BijdrageImporter):
    """Importer for a partner's ERP export, driven by a mapping file.

    Args:
      koppeling: the mapping file (or a parsed ``Koppeling``).
      ledger: the ledger to read declarations from when no entries are passed in.
    """

    via_koppeling = True

    def __init__(self, koppeling: str | Path | Koppeling, ledger: str | Path | None = None) -> None:
        super().__init__(ledger)
        self.koppeling = koppeling if isinstance(koppeling, Koppeling) else Koppeling.laad(koppeling)

    @property
    def name(self) -> str:
        return f"snw.koppeling.{self.koppeling.pad.stem}"

    def _formaat(self, filepath: str) -> str | None:
        lower = str(filepath).lower()
        if lower.endswith(".xlsx") and "xlsx" in self.koppeling.formaten:
            return "xlsx"
        if lower.endswith((".csv", ".txt")) and "csv" in self.koppeling.formaten:
            return "csv"
        return None

    def identify(self, filepath: str) -> bool:
        k = self.koppeling
        formaat = self._formaat(filepath)
        if formaat is None or not fnmatch.fnmatch(Path(filepath).name.lower(), k.naam.lower()):
            return False
        nodig = {kolom.lower() for kolom in k.verplichte_kolommen}
        if formaat == "csv":
            kop = kop_csv(filepath, codering=k.codering, scheidingsteken=k.scheidingsteken, kopregel=k.kopregel)
            return kop is not None and nodig <= {c.lower() for c in kop}
        if not is_xlsx(filepath) or "_snw" in bladnamen(filepath):
            return False
        try:
            tabellen = self._lees_xlsx(filepath, alleen_eerste=True)
        except Leesfout:
            return False
        return any(nodig <= {c.lower() for c in t.koppen} for t in tabellen)

    def partner(self, filepath: str) -> str:
        return self.koppeling.partner

    def verwerker(self, filepath: str, grootboek: Grootboek, partner: str) -> RijVerwerker:
        k = self.koppeling
        return RijVerwerker(grootboek, partner, datumformaten=k.datumformaten, decimaalteken=k.decimaalteken,
                            bedrag_bij_uren=k.bedrag_bij_uren, identieke_regels=k.identieke_regels)

    def privacy_uitzonderingen(self, filepath: str) -> tuple[set[str], set[str]]:
        k = self.koppeling
        numeriek = {k.kolommen[veld] for veld in ("datum", "bedrag", "uren") if veld in k.kolommen}
        return numeriek, set(k.zakelijke_iban)

    def schatting(self, filepath: str) -> int:
        if self._formaat(filepath) == "csv":
            with Path(filepath).open("rb") as handle:
                return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        return schat_rijen_xlsx(filepath, self.koppeling.bladen)

    def _lees_xlsx(self, filepath: str, *, alleen_eerste: bool = False) -> list[Invoertabel]:
        k = self.koppeling
        bladen = k.bladen
        if alleen_eerste and bladen == "alle":
            bladen = None
        elif alleen_eerste and isinstance(bladen, tuple):
            bladen = bladen[:1]
        return lees_xlsx(filepath, bladen=bladen, kopregel=k.kopregel,
                         kop_zoeken=k.verplichte_kolommen)

    def tabellen(self, filepath: str) -> list[Invoertabel]:
        k = self.koppeling
        formaat = self._formaat(filepath)
        if formaat is None:
            raise Leesfout(f"bestandstype {Path(filepath).suffix or '(geen)'} past niet bij koppeling "
                           f"{k.pad.name} (formaat: {', '.join(k.formaten)})")
        if formaat == "xlsx":
            return self._lees_xlsx(filepath)
        return [lees_csv(filepath, codering=k.codering, scheidingsteken=k.scheidingsteken, kopregel=k.kopregel)]

    def rijen(self, filepath: str, tabellen: list[Invoertabel]) -> Iterator[Rij]:  # noqa: C901, PLR0912
        k = self.koppeling
        meerdere = len(tabellen) > 1
        for tabel in tabellen:
            index = {kop.lower(): i for i, kop in enumerate(tabel.koppen) if kop}
            ontbrekend = [kolom for kolom in k.verplichte_kolommen if kolom.lower() not in index]
            if ontbrekend:
                raise Leesfout(f"kolom {', '.join(ontbrekend)} ontbreekt in de kopregel (rij {tabel.kopregel})",
                               tabel.kopregel, blad=tabel.blad if meerdere else None)

            def cel(values: tuple[Any, ...], kolom: str) -> Any:
                i = index[kolom.lower()]
                value = values[i] if i < len(values) else None
                return value.strip() or None if isinstance(value, str) else value

            kolommen = dict(k.kolommen)
            sleutel_label = "/".join(k.sleutel)
            blad = tabel.blad if meerdere else None
            leeg: list[int] = []  # blank rows, reported when a filled row follows
            blok: list[Decimal] = []  # amounts of the data rows since the last subtotal
            alles = Decimal(0)  # of every data row so far
            for nummer, values in tabel.rijen:
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    leeg.append(nummer)
                    continue
                for lege in leeg:
                    yield Rij(str(filepath), blad, lege, {}, {}, overslaan="lege regel")
                leeg = []
                waarden = {veld: cel(values, kolom) for veld, kolom in k.kolommen.items()}
                rij = Rij(str(filepath), blad, nummer, waarden, dict(kolommen), ruw=tuple(values))
                regel = self._subtotaal(values, cel, tabel.koppen)
                if regel is not None:
                    reden, kolom = regel
                    datum, bedrag = self._datum_bedrag(waarden)
                    if datum and bedrag is not None and not k.overslaan_met_datum and \
                            not _is_totaal(bedrag, blok, alles):
                        rij.fouten.append(rij_fout(
                            str(filepath), nummer, kolom,
                            f"deze regel heeft een datum en een bedrag en zou als {reden} worden overgeslagen, "
                            "maar het bedrag is geen optelling van de regels erboven",
                            suggestie="is het een echte boeking, pas dan overslaan in de koppeling aan (of zet "
                                      "subtotaalregel: uit); is het een totaal, zet overslaan_met_datum: ja",
                            blad=blad))
                    else:
                        rij.overslaan = reden
                        blok = []
                    yield rij
                    continue
                bedrag = self._datum_bedrag(waarden)[1]
                if bedrag is not None:
                    blok.append(bedrag)
                    alles += bedrag
                if k.regels and ("actielijn" not in k.kolommen or "geldstroom" not in k.kolommen):
                    sleutel = {kolom: tekst(cel(values, kolom)) for kolom in k.sleutel}
                    gevonden = next((r for r in k.regels if r.past(sleutel)), None)
                    waarde = " / ".join(toon(v) or "(leeg)" for v in sleutel.values())
                    if gevonden is None:
                        if k.onbekende_sleutel == "overslaan":
                            rij.overslaan = (f"onbekende sleutel ({sleutel_label} '{waarde}' staat niet in de "
                                             "koppeling; onbekende_sleutel: overslaan)")
                            yield rij
                            continue
                        rij.fouten.append(rij.fout(None, f"kolom {sleutel_label}: '{waarde}' staat niet in de "
                                                         f"koppeling {k.pad.name}",
                                                   "voeg een regel toe onder koppeling, of zet "
                                                   "onbekende_sleutel: overslaan"))
                    else:
                        for veld in ("actielijn", "geldstroom"):
                            if veld not in k.kolommen:
                                waarden[veld] = getattr(gevonden, veld)
                                rij.kolommen[veld] = f"{sleutel_label} (koppeling {k.pad.name})"
                for veld, tabel_ in (("geldstroom", k.geldstromen), ("actielijn", k.actielijnen)):
                    if veld in k.kolommen and tekst(waarden.get(veld)).lower() in tabel_:
                        waarden[veld] = tabel_[tekst(waarden.get(veld)).lower()]
                buurt = waarden.get("buurt")
                if buurt is not None and tekst(buurt).lower() in k.buurten:
                    waarden["buurt"] = k.buurten[tekst(buurt).lower()]
                yield rij

    def _datum_bedrag(self, waarden: Mapping[str, Any]) -> tuple[bool, Decimal | None]:
        """(the row has a readable date, its amount or None) — for telling totals from bookings."""
        k = self.koppeling
        try:
            datum = parse_datum(waarden.get("datum"), k.datumformaten) is not None
        except ValueError:
            datum = False
        try:
            bedrag = parse_getal(waarden.get("bedrag"), k.decimaalteken)
        except ValueError:
            bedrag = None
        return datum, bedrag

    def _subtotaal(self, values: tuple[Any, ...], cel: Any,
                   koppen: tuple[str, ...]) -> tuple[str, str | None] | None:
        """The subtotal rule a row matches: (reason for the report, column), or None."""
        k = self.koppeling
        for kolom, patroon in k.overslaan.items():
            try:
                waarde = tekst(cel(values, kolom))
            except KeyError:
                continue
            match = patroon.search(waarde)
            if match:
                return _subtotaal_reden(kolom, match, waarde), kolom
        if not k.subtotaalregel:
            return None
        for i, value in enumerate(values):
            if isinstance(value, str):
                match = _SUBTOTAAL.match(value)
                if match:
                    kolom = (koppen[i] if i < len(koppen) else "") or f"{i + 1}"
                    return _subtotaal_reden(kolom, match, value), kolom
        leeg = [veld for veld in ("datum", "omschrijving", "kenmerk", "actielijn", "geldstroom")
                if veld in k.kolommen]
        if all(cel(values, k.kolommen[veld]) is None for veld in leeg) and \
                all(cel(values, kolom) is None for kolom in k.sleutel):
            return "subtotaal (alleen een bedrag: geen datum, omschrijving, kenmerk of sleutel)", None
        return None


def _subtotaal_reden(kolom: str, match: re.Match[str], waarde: str) -> str:
    gevonden = toon(match.group().strip() or waarde, 30)
    wijze = "begint met" if match.start() == 0 or not waarde[: match.start()].strip() else "bevat"
    return f'subtotaal ({kolom} {wijze} "{gevonden}")'


def _is_totaal(bedrag: Decimal, blok: list[Decimal], alles: Decimal) -> bool:
    """Tell whether an amount is the sum of the rows directly above it, or of all rows above."""
    if blok and bedrag == alles:
        return True
    som = Decimal(0)
    for waarde in reversed(blok):
        som += waarde
        if som == bedrag:
            return True
    return False


def laad_koppelingen(map_: str | Path = MAPPINGS, ledger: str | Path | None = None) -> list[KoppelingImporter]:
    """An importer for every ``*.yaml`` mapping in a folder (sorted by name)."""
    return [KoppelingImporter(pad, ledger) for pad in sorted(Path(map_).glob("*.yaml"))]


if __name__ == "__main__":  # pragma: no cover
    import sys

    import beangulp.testing

    koppeling = sys.argv.pop(1)
    beangulp.testing.main(KoppelingImporter(koppeling))

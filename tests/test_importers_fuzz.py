"""Fuzzing the partner importers with hypothesis (issue 11, item 7).

Generated malformed and hostile partner files — wrong encodings, missing or shuffled headers,
dates out of range, too many decimals, huge cells, HTML, formulas, BSNs and IBANs in free
text, control characters, random bytes, damaged workbooks — each end in a clean import or a
clear refusal (Dutch row messages), never a traceback; what is accepted can only display as
text and round-trips through Beancount's parser; a refusal through ``snw import`` leaves the
ledger byte-identical.

The default run takes a few hundred cases; the dedicated run::

    SNW_FUZZ=10000 .venv/bin/pytest -m fuzz -s -p no:cacheprovider tests/test_importers_fuzz.py
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from beancount.parser import parser
from beancount.parser import printer
from click.testing import CliRunner
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from cli.main import cli
from importers.koppeling import KoppelingImporter
from importers.sjabloon import SjabloonImporter
from importers.values import formule_begin
from ledger.load import load_ledger

pytestmark = pytest.mark.fuzz

HIER = Path(__file__).resolve().parent / "importers"
MAPPING = Path(__file__).resolve().parent.parent / "importers" / "mappings" / "eigen-haard.yaml"
GEVALLEN = int(os.environ.get("SNW_FUZZ", "300"))
CLI_GEVALLEN = max(10, GEVALLEN // 50)
KOPPEN = ["Administratie", "Boekdatum", "Boekstuk", "Kostenplaats", "Project", "Omschrijving", "Wijk",
          "Crediteur", "IBAN crediteur", "Uren", "Bedrag", "Valuta"]
TELLING: Counter[str] = Counter()

VIJANDIG = st.sampled_from([
    "<script>alert(1)</script><img src=x onerror=alert(2)>", '=HYPERLINK("http://x","y")', "@SUM(A1)",
    "+cmd|' /C calc'!A0", "-2+3", "Totaal onderhoud portiek", "Subtotaal 4810", "Totaal", "huurder 111222333",
    "NL91ABNA0417164300", "nl91 abna 0417 1643 00", "\u202egnp.exe", "a\x00b", "\x1b[31mrood", "\"; drop", "\\",
    "é€ñ“”", "x" * 3000, "  ", "", "Dichters", "Lodewijk van Deyssel", "onbekend", "4810", "4830", "9999",
])
DATUMS = st.one_of(
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["31-02-2024", "00-01-2024", "15-13-2024", "15-01-0001", "15-01-9999", "", "3 maart 2025"]),
    st.text(max_size=12),
)
BEDRAGEN = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**6, max_value=10**6).map(str),
    st.sampled_from(["1.234,56", "(1.250,00)", "350,00-", "1,2345", "12,345", "1e9", "NaN", "--1", "€ 12,50",
                     "0", "0,00", "", "9" * 40]),
    st.text(max_size=8),
)
CEL = st.one_of(VIJANDIG, st.text(max_size=30), st.integers().map(str))
KOSTENPLAATS = st.sampled_from(["4810", "4820", "4830", "9999", ""])
GOEDE_DATUM = st.dates(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)).map(lambda d: d.strftime("%d-%m-%Y"))
GOED_BEDRAG = st.integers(-10**8, 10**8).map(
    lambda c: f"{'-' if c < 0 else ''}{abs(c) // 100:,}".replace(",", ".") + f",{abs(c) % 100:02d}")
GOEDE_TEKST = st.one_of(st.sampled_from(["Isolatie portiek", "Huismeester", "Schilderwerk", "Correctie", "<b>vet</b>",
                                         "Jansen & Zn", "“aanhalingstekens”", "- correctie"]),
                        st.text(st.characters(codec="cp1252"), max_size=30))


@st.composite
def csv_bestanden(draw: st.DrawFn) -> bytes:
    """A partner's ERP export as bytes: mostly well-formed, hostile in the details."""
    koppen = list(KOPPEN)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        del koppen[draw(st.integers(0, len(koppen) - 1))]  # a missing column
    if draw(st.integers(0, 9)) == 0:
        koppen = draw(st.permutations(koppen))
    rijen = []
    alle_goed = draw(st.integers(0, 2)) == 0
    for _ in range(draw(st.integers(0, 6))):
        if alle_goed or draw(st.integers(0, 2)):
            rijen.append([{
                "Administratie": "EH01", "Boekdatum": draw(GOEDE_DATUM), "Boekstuk": draw(st.text(
                    "ABCDEF0123456789", min_size=0, max_size=10)), "Kostenplaats": draw(KOSTENPLAATS.filter(
                        lambda k: k not in ("9999", ""))), "Project": "", "Omschrijving": draw(GOEDE_TEKST),
                "Wijk": draw(st.sampled_from(["", "Dichters", "Lodewijk van Deyssel"])), "Bedrag": draw(GOED_BEDRAG),
                "Valuta": "EUR"}.get(kop, "") for kop in koppen])
            continue
        waarden = {
            "Administratie": "EH01", "Boekdatum": draw(DATUMS), "Boekstuk": draw(st.one_of(CEL, st.just(""))),
            "Kostenplaats": draw(KOSTENPLAATS), "Project": draw(st.sampled_from(["", "P-RENO", "P-512"])),
            "Omschrijving": draw(CEL), "Wijk": draw(st.one_of(st.just(""), VIJANDIG)), "Crediteur": draw(CEL),
            "IBAN crediteur": draw(st.sampled_from(["", "NL91ABNA0417164300"])), "Uren": draw(st.one_of(
                st.just(""), BEDRAGEN)), "Bedrag": draw(BEDRAGEN), "Valuta": "EUR",
        }
        rijen.append([waarden.get(kop, "") for kop in koppen])
    scheiding = draw(st.sampled_from([";", ";", ";", ",", "\t"]))
    regels = [scheiding.join(koppen)] + [scheiding.join(r) for r in rijen]
    if draw(st.integers(0, 9)) == 0:
        regels.insert(draw(st.integers(0, len(regels))), draw(st.text(max_size=40)))
    tekst = draw(st.sampled_from(["\n", "\r\n"])).join(regels)
    codering = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = tekst.encode(codering, errors="replace")
    if draw(st.integers(0, 19)) == 0:
        data = draw(st.binary(max_size=200))
    return data


def _importer() -> tuple[KoppelingImporter, SjabloonImporter, list]:
    ledger = load_ledger(HIER / "ledger" / "main.beancount")
    return KoppelingImporter(MAPPING), SjabloonImporter(), ledger.entries


IMPORTERS = _importer()


def _controleer(resultaat: object) -> None:
    for fout in resultaat.fouten:
        assert fout.message and fout.source["lineno"] >= 0
        assert "Traceback" not in fout.message
    if resultaat.fouten:
        TELLING["geweigerd"] += 1
        assert resultaat.entries == []
        return
    TELLING["ingelezen"] += 1
    assert resultaat.entries
    for entry in resultaat.entries:
        for tekst in (entry.narration, str(entry.meta["kenmerk"]), str(entry.meta["bron"])):
            assert "<" not in tekst and ">" not in tekst
            assert not formule_begin(tekst)
        assert entry.postings[0].units.number == entry.postings[0].units.number.quantize(
            entry.postings[0].units.number.__class__("0.01"))
        tekst = printer.format_entry(entry)
        terug, fouten, _ = parser.parse_string(tekst)
        assert not fouten, (tekst, fouten)
        assert terug[0].narration == entry.narration


@settings(max_examples=GEVALLEN, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=csv_bestanden(), naam=st.sampled_from(["erp.csv", "erp <b>.csv", "=erp.csv", "erp.txt"]))
def test_fuzz_csv_exports(data: bytes, naam: str) -> None:
    koppeling, _, entries = IMPORTERS
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / naam
        pad.write_bytes(data)
        TELLING["csv"] += 1
        _controleer(koppeling.lees(str(pad), entries))


def _werkmap(inhoud: bytes, knip: int | None, rommel: bool) -> bytes:
    if rommel:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", inhoud[:50])
        return buffer.getvalue()
    return inhoud[:knip] if knip else inhoud


VOORBEELD_XLSX = (HIER / "sjabloon" / "eigen-haard-2024.xlsx").read_bytes()


@settings(max_examples=max(20, GEVALLEN // 10), deadline=None, suppress_health_check=list(HealthCheck))
@given(knip=st.one_of(st.none(), st.integers(0, len(VOORBEELD_XLSX) - 1)), rommel=st.booleans(),
       png=st.booleans())
def test_fuzz_damaged_workbooks(knip: int | None, rommel: bool, png: bool) -> None:
    _, sjabloon, entries = IMPORTERS
    data = b"\x89PNG\r\n\x1a\n" + os.urandom(64) if png else _werkmap(VOORBEELD_XLSX, knip, rommel)
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "eigen-haard-2024.xlsx"
        pad.write_bytes(data)
        TELLING["xlsx"] += 1
        if sjabloon.identify(str(pad)) or knip is None and not rommel and not png:
            _controleer(sjabloon.lees(str(pad), entries))
        else:
            _controleer(IMPORTERS[0].lees(str(pad), entries))


@pytest.fixture(scope="module")
def kopie() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="snw-fuzz-"))
    shutil.copytree(HIER / "ledger", tmp / "grootboek")
    yield tmp / "grootboek" / "main.beancount"
    shutil.rmtree(tmp, ignore_errors=True)


def _vingerafdruk(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file() and not p.name.endswith(".picklecache")}


@settings(max_examples=CLI_GEVALLEN, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=csv_bestanden())
def test_fuzz_snw_import_refusals_change_nothing(kopie: Path, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "erp.csv"
        pad.write_bytes(data)
        voor = _vingerafdruk(kopie.parent)
        result = CliRunner().invoke(cli, ["--grootboek", str(kopie), "import", "--proef", str(pad)])
        TELLING["cli"] += 1
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        assert _vingerafdruk(kopie.parent) == voor


def test_fuzz_telling() -> None:
    """Print the counts of this run (``-s`` shows them)."""
    totaal = TELLING["csv"] + TELLING["xlsx"] + TELLING["cli"]
    print(f"\nfuzz: {totaal} gevallen (csv {TELLING['csv']}, xlsx {TELLING['xlsx']}, snw import {TELLING['cli']}); "
          f"{TELLING['ingelezen']} ingelezen, {TELLING['geweigerd']} geweigerd, 0 tracebacks")
    assert totaal >= GEVALLEN

"""Unit tests of the shared importer layer: Dutch values, suggestions, streams, privacy, readers, mappings."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers import privacy
from importers.context import Grootboek
from importers.context import laad_grootboek
from importers.context import toegestane_stromen
from importers.koppeling import Koppeling
from importers.koppeling import KoppelingFout
from importers.readers import Invoertabel
from importers.readers import kop_csv
from importers.readers import lees_csv
from importers.readers import raad_scheidingsteken
from importers.rows import bron_bestand
from importers.rows import kenmerk_hash
from importers.suggestions import lijken_op
from importers.suggestions import lijkt_op
from importers.values import actielijn_code
from importers.values import decimalen
from importers.values import parse_datum
from importers.values import parse_getal
from importers.values import stroom_code
from ledger.nl import getal

HIER = Path(__file__).resolve().parent / "importers"
LEDGER = HIER / "ledger" / "main.beancount"


# --- numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("1.234,56", "1234.56"),
    ("1.234.567,89", "1234567.89"),
    ("1234,5", "1234.5"),
    ("12", "12"),
    ("-12,50", "-12.50"),
    ("12,50-", "-12.50"),
    ("(1.250,00)", "-1250.00"),
    ("€ 1.234,56", "1234.56"),
    ("€ -3,00", "-3.00"),
    ("-€ 3,00", "-3.00"),
    ("1 234,56", "1234.56"),  # space (also a no-break space) as thousands separator
    ("1\u00a0234,56", "1234.56"),
    ("\u221212,00", "-12.00"),  # unicode minus
    ("+5", "5"),
    ("", None),
    ("   ", None),
])
def test_parse_getal_dutch(tekst: str, verwacht: str | None) -> None:
    assert parse_getal(tekst) == (None if verwacht is None else Decimal(verwacht))


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("1,234.56", "1234.56"), ("(250.00)", "-250.00"), ("4,200.00", "4200.00"), ("12.5-", "-12.5"),
])
def test_parse_getal_decimal_point(tekst: str, verwacht: str) -> None:
    assert parse_getal(tekst, decimaalteken=".") == Decimal(verwacht)


@pytest.mark.parametrize("tekst", ["12,34,56", "1.23,4", "1234.56", "abc", "--5", "(5)-", "1,2.3", "12 EUR x"])
def test_parse_getal_refuses(tekst: str) -> None:
    with pytest.raises(ValueError, match="."):
        parse_getal(tekst)


def test_parse_getal_cells() -> None:
    assert parse_getal(1875.5) == Decimal("1875.5")
    assert parse_getal(0.1 + 0.2) == Decimal("0.3")  # binary noise from a spreadsheet
    assert parse_getal(12) == Decimal(12)
    assert parse_getal(None) is None
    with pytest.raises(ValueError, match="True"):
        parse_getal(True)


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2))
def test_dutch_formatting_round_trips(bedrag: Decimal) -> None:
    """What ledger.nl writes, parse_getal reads back."""
    assert parse_getal(getal(bedrag, 2)) == bedrag


def test_decimalen() -> None:
    assert decimalen(Decimal("12.50")) == 1
    assert decimalen(Decimal("10.005")) == 3
    assert decimalen(Decimal("100")) == 0


# --- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize(("waarde", "verwacht"), [
    ("31-01-2024", datetime.date(2024, 1, 31)),
    ("31/01/2024", datetime.date(2024, 1, 31)),
    ("2024-01-31", datetime.date(2024, 1, 31)),
    ("31-01-2024 00:00", datetime.date(2024, 1, 31)),
    ("31-01-24", datetime.date(2024, 1, 31)),  # two-digit year, not the year 24
    ("1-2-2024", datetime.date(2024, 2, 1)),
    (datetime.datetime(2024, 1, 31, 0, 0), datetime.date(2024, 1, 31)),
    (datetime.date(2024, 1, 31), datetime.date(2024, 1, 31)),
    (45322, datetime.date(2024, 1, 31)),  # Excel serial number
    ("", None),
    (None, None),
])
def test_parse_datum(waarde: object, verwacht: datetime.date | None) -> None:
    assert parse_datum(waarde) == verwacht


def test_parse_datum_refuses() -> None:
    for waarde in ("31-02-2024", "2024/13/01", "morgen"):
        with pytest.raises(ValueError, match="."):
            parse_datum(waarde)
    with pytest.raises(ValueError, match="."):
        parse_datum("2024-01-31", ["%d-%m-%Y"])  # only the mapping's format
    with pytest.raises(ValueError, match="."):
        parse_datum("31-01-24", ["%d-%m-%Y"])  # not silently the year 24


# --- codes and suggestions ------------------------------------------------------------------
def test_codes_from_drop_down_values() -> None:
    assert actielijn_code("VEI-11 Werkgroep Stoppen huiselijk geweld") == "VEI-11"
    assert actielijn_code("vei-11") == "VEI-11"
    assert actielijn_code(" WON-04 - Vocht") == "WON-04"
    assert stroom_code("eigen middelen") == "EIGEN"
    assert stroom_code("Eigen middelen") == "EIGEN"
    assert stroom_code("SPUK-KW SPUK Kansrijke Wijk") == "SPUK-KW"
    assert stroom_code("pmg") == "PMG"
    assert stroom_code(None) == ""


def test_suggestions_one_letter_off() -> None:
    codes = ["VEI-11", "VEI-12", "WON-04", "WEB-17", "WEB-11", "WEB-01"]
    assert lijkt_op("VIE-11", codes) == "VEI-11"  # swapped letters
    assert lijkt_op("WON-4O", codes) == "WON-04"
    assert lijken_op("WEB-71", codes)[0] == "WEB-17"  # a swap ranks first
    assert lijkt_op("XYZ-99", codes) is None
    assert lijkt_op("vhv", ["VHF", "PMG"]) == "VHF"


def test_kenmerk_hash_is_stable_and_content_based() -> None:
    args = ("HVA", datetime.date(2024, 1, 31), "LER-01", "EIGEN", Decimal("3800.00"), Decimal(40), None, "x")
    assert kenmerk_hash(*args) == kenmerk_hash(*args)
    assert kenmerk_hash(*args) == "h-" + kenmerk_hash(*args)[2:]
    assert kenmerk_hash(*args[:4], Decimal("3800"), *args[5:]) == kenmerk_hash(*args)  # 3800 == 3800.00
    assert kenmerk_hash(*args[:4], Decimal("3610.00"), *args[5:]) != kenmerk_hash(*args)


def test_bron_bestand() -> None:
    assert bron_bestand("erp-2024-q1.csv rij 12") == "erp-2024-q1.csv"
    assert bron_bestand("inzet 2024.xlsx blad Q1 rij 4") == "inzet 2024.xlsx"


# --- streams a partner may report on ----------------------------------------------------------
def test_toegestane_stromen() -> None:
    gb = laad_grootboek(LEDGER)
    assert toegestane_stromen(gb.programma, gb.entries, "HVA") == {
        "EIGEN": "eigen middelen en uren", "SPUK-KW": "verplichting spuk-hva-2024"}
    assert set(gb.stromen("EIGEN-HAARD")) == {"EIGEN", "VHF"}  # commitment (and advance with its link)
    assert gb.stromen("ROCHDALE") == {"EIGEN": "eigen middelen en uren",
                                      "PMG": "voorschot op Assets:Voorschot:ROCHDALE"}  # geldstroom: metadata
    assert gb.stromen("ADAMAS") == {"EIGEN": "eigen middelen en uren"}


def test_streams_from_spending_settled_from_the_advance() -> None:
    from beancount import loader

    entries, errors, _ = loader.load_string(LEDGER.read_text(encoding="utf-8").replace(
        'include "import/*.beancount"', "") + """
2023-01-01 open Assets:Voorschot:HVA EUR
2024-04-01 * "HVA" "Verantwoording onderzoek"
  Expenses:Actielijn:LER:LER-01-Werkend-leren:PMG   100.00 EUR
    partner: "HVA"
  Assets:Voorschot:HVA
""")
    assert "PMG" in Grootboek.van_entries(entries).stromen("HVA")


# --- privacy ------------------------------------------------------------------------------------
def test_bsn_eleven_check() -> None:
    assert privacy.is_bsn("111222333")
    assert privacy.is_bsn("123456782")
    assert privacy.is_bsn("10000008")  # 8 digits: the leading zero dropped by a spreadsheet
    assert not privacy.is_bsn("123456789")
    assert not privacy.is_bsn("000000000")
    assert not privacy.is_bsn("12345678a")


def test_iban_check() -> None:
    assert privacy.is_iban("NL91ABNA0417164300")
    assert not privacy.is_iban("NL92ABNA0417164300")
    assert privacy.bevat_iban("terugbetaling NL91 ABNA 0417 1643 00 bewoner")
    assert privacy.bevat_iban("nl91abna0417164300")
    assert not privacy.bevat_iban("factuur NL-2024-0001")


def _tabel(koppen: tuple[str, ...], *rijen: tuple[object, ...]) -> object:
    return Invoertabel(None, 1, koppen, tuple((n, r) for n, r in enumerate(rijen, 2)))


def test_privacy_scan_columns() -> None:
    # A column of invoice numbers (9 digits, mostly failing the 11-check) is fine.
    facturen = _tabel(("Factuur",), *[(str(n),) for n in range(200000001, 200000031)])
    assert privacy.controleer("x.csv", facturen) == []
    # A column of BSNs is refused, at its first row, without the values.
    bsn = _tabel(("Klantnummer", "Omschrijving"), ("111222333", "a"), ("123456782", "b"))
    fouten = privacy.controleer("x.csv", bsn)
    assert len(fouten) == 1
    assert fouten[0].source == {"filename": "x.csv", "lineno": 2}
    assert fouten[0].message.startswith("kolom Klantnummer: lijkt burgerservicenummers (BSN) te bevatten (rij 2, 3)")
    assert "111222333" not in fouten[0].message
    # A column headed BSN is refused whatever it holds.
    assert privacy.controleer("x.csv", _tabel(("BSN",), ("onbekend",)))
    # Amount columns are not scanned for BSNs.
    assert privacy.controleer("x.csv", _tabel(("Bedrag",), (123456782,)), geen_bsn={"Bedrag"}) == []
    # IBANs: refused unless declared as business accounts.
    iban = _tabel(("IBAN crediteur",), ("NL91ABNA0417164300",))
    assert privacy.controleer("x.csv", iban)
    assert privacy.controleer("x.csv", iban, zakelijke_iban={"IBAN crediteur"}) == []


def _elfproef(nummer: int) -> bool:
    """The BSN 11-check, written out here so the test does not lean on ``privacy.is_bsn``."""
    cijfers = f"{nummer:09d}"
    return sum(int(c) * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0


def _kenmerken(aantal: int, geldig: int) -> list[str]:
    """``aantal`` 9-digit kenmerken of which the first ``geldig`` pass the 11-check."""
    goed = (n for n in range(300000000, 400000000) if _elfproef(n))
    fout = (n for n in range(300000000, 400000000) if not _elfproef(n))
    return [str(next(goed)) for _ in range(geldig)] + [str(next(fout)) for _ in range(aantal - geldig)]


@pytest.mark.parametrize(("geldig", "geweigerd"), [
    (12, False),  # 60%: partner numbers that pass the 11-check by chance more often than usual
    (13, False),  # 65%
    (14, False),  # 70%
    (15, False),  # 75%
    (16, True),   # 80%: the threshold
    (18, True),   # 90%
    (20, True),   # 100%
])
def test_bsn_threshold_is_80_percent_of_the_nine_digit_values(geldig: int, geweigerd: bool) -> None:
    """A Kenmerk column is only taken for BSNs when at least 80% of its values pass the 11-check.

    Fails when the threshold (``privacy.BSN_DREMPEL``) is lowered to 50% or raised above 80%.
    """
    kenmerken = _kenmerken(20, geldig)
    assert sum(privacy.is_bsn(k) for k in kenmerken) == geldig
    tabel = _tabel(("Kenmerk", "Omschrijving"), *[(k, "inzet") for k in kenmerken])
    fouten = privacy.controleer("x.csv", tabel)
    assert [f.message.split(":")[0] for f in fouten] == (["kolom Kenmerk"] if geweigerd else [])


# --- readers ----------------------------------------------------------------------------------
def test_csv_encodings_and_delimiters(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfDatum;Omschrijving\r\n01-01-2024;Caf\xc3\xa9\r\n")
    cp = tmp_path / "cp.csv"
    cp.write_bytes("Datum;Omschrijving\n01-01-2024;Café € – fase\n".encode("cp1252"))
    for pad in (bom, cp):
        tabel = lees_csv(pad)
        assert tabel.koppen == ("Datum", "Omschrijving")
        assert tabel.rijen[0][0] == 2
        assert tabel.rijen[0][1][1].startswith("Café")
        assert kop_csv(pad) == ("Datum", "Omschrijving")
    assert raad_scheidingsteken("a,b,c") == ","
    assert raad_scheidingsteken("a;b;c") == ";"
    assert raad_scheidingsteken("a\tb") == "\t"


def test_csv_row_numbers_with_multiline_fields(tmp_path: Path) -> None:
    pad = tmp_path / "x.csv"
    pad.write_text('A;B\n1;"twee\nregels"\n3;x\n', encoding="utf-8")
    assert [nummer for nummer, _ in lees_csv(pad).rijen] == [2, 4]


# --- mapping files ----------------------------------------------------------------------------
def test_shipped_mappings_are_valid() -> None:
    from importers.koppeling import MAPPINGS

    for pad in MAPPINGS.glob("*.yaml"):
        koppeling = Koppeling.laad(pad)
        assert koppeling.partner


@pytest.mark.parametrize(("wijziging", "melding"), [
    ({"partner": None}, "partner ontbreekt"),
    ({"bestand": {"formaat": "pdf"}}, "bestand.formaat moet csv, xlsx of beide zijn"),
    ({"bestand": {"decimaalteken": ";"}}, "bestand.decimaalteken moet ',' of '.' zijn"),
    ({"kolommen": {"bedrag": "Bedrag", "sleutel": "KP"}}, "kolommen.datum ontbreekt"),
    ({"kolommen": {"datum": "D", "bedrag": "B", "sleutel": "KP", "iban": "X"}}, "onbekend veld onder kolommen: iban"),
    ({"koppeling": [{"Project": "x", "actielijn": "WON-01"}]}, "Project is geen sleutelkolom"),
    ({"koppeling": [{"KP": "1"}]}, "koppeling regel 1: actielijn ontbreekt"),
    ({"onbekende_sleutel": "negeren"}, "onbekende_sleutel moet fout of overslaan zijn"),
    ({"overslaan": {"Omschrijving": "("}}, "overslaan.Omschrijving: ongeldige reguliere expressie"),
])
def test_mapping_errors(wijziging: dict, melding: str) -> None:
    basis = {"partner": "EIGEN-HAARD", "bestand": {"formaat": "csv"},
             "kolommen": {"datum": "D", "bedrag": "B", "sleutel": "KP"},
             "koppeling": [{"KP": "1", "actielijn": "WON-01", "geldstroom": "EIGEN"}]}
    basis.update(wijziging)
    with pytest.raises(KoppelingFout, match=melding.replace("(", r"\(").replace(".", r"\.")):
        Koppeling.van_dict(basis, Path("test.yaml"))

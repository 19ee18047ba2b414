"""The error text for each kind of bad row, as golden files.

Each file under tests/importers/fouten/ sits next to ``<file>.fouten``: the exact lines
``snw import`` prints for it (``file:row: kolom X: reason (suggestie: ...)``, file names
without folder). Regenerate after a deliberate change with
``SNW_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_importers_fouten.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from importers import config
from importers.errors import format_rij_fout

HIER = Path(__file__).resolve().parent / "importers"
LEDGER = HIER / "ledger" / "main.beancount"
FOUTEN = HIER / "fouten"


@pytest.fixture(scope="module")
def importers() -> list:
    return config.importers(LEDGER)


def _tekst(importers: list, bestand: Path) -> str:
    herkend = [imp for imp in importers if imp.identify(str(bestand))]
    assert len(herkend) == 1, [imp.name for imp in herkend]
    resultaat = herkend[0].lees(str(bestand))
    assert resultaat.fouten, "dit bestand moet fouten geven"
    assert resultaat.entries == [], "een bestand met fouten levert geen enkele boeking"
    regels = [format_rij_fout(fout).replace(str(bestand), bestand.name) for fout in resultaat.fouten]
    return "\n".join(regels) + "\n"


@pytest.mark.parametrize("bestand", sorted(p for p in FOUTEN.iterdir() if p.suffix in (".csv", ".xlsx")),
                         ids=lambda p: p.name)
def test_fouttekst(importers: list, bestand: Path) -> None:
    verwacht = bestand.with_name(bestand.name + ".fouten")
    tekst = _tekst(importers, bestand)
    if os.environ.get("SNW_UPDATE_GOLDEN"):
        verwacht.write_text(tekst, encoding="utf-8")
    assert tekst == verwacht.read_text(encoding="utf-8")


def test_every_kind_of_bad_row_is_covered() -> None:
    """One line per kind of problem, so a kind cannot silently disappear from the tests."""
    alles = "".join(p.read_text(encoding="utf-8") for p in FOUTEN.glob("*.fouten"))
    for fragment in (
        "kolom Datum: '31-02-2024' is geen datum (suggestie: schrijf de datum als dd-mm-jjjj)",
        "kolom Datum: datum ontbreekt",
        "valt niet in 2024, het jaar van dit sjabloon",
        "kolom Actielijn: onbekende actielijn 'WON-4O' (suggestie: WON-04 (Gerichte vocht- en schimmelaanpak))",
        "kolom Actielijn: actielijn ontbreekt",
        "kolom Geldstroom: EIGEN-HAARD mag niet rapporteren op geldstroom PMG",
        "kolom Geldstroom: onbekende geldstroom 'VHV' (suggestie: VHF)",
        "kolom Geldstroom: geldstroom ontbreekt",
        "voorschotrekening Assets:Voorschot:HVA is niet geopend",
        "kolom Bedrag: '12,34,56' is geen getal",
        "kolom Bedrag: bedrag en uren ontbreken",
        "kolom Bedrag: € 900,00 is niet 10 uur × € 85,00 = € 850,00",
        "heeft meer dan twee decimalen",
        "kolom Uren: uren opgegeven, maar partner ADAMAS heeft geen uurtarief",
        "kolom Buurt: onbekende buurt 'Dichtersbuurd' (suggestie: Dichtersbuurt)",
        "kolom Kenmerk: kenmerk 'OK-1' komt twee keer voor",
        "kolom Kostenplaats/Project: '9999 / (leeg)' staat niet in de koppeling eigen-haard.yaml",
        "kolom Boekdatum: '2024-01-31' is geen datum",
        "kolom Bedrag: '1234.56' is geen getal (suggestie: schrijf het als 1.234,56",
        "kolom Huurder BSN: lijkt burgerservicenummers (BSN) te bevatten",
        "kolom Omschrijving: bevat IBAN-rekeningnummers",
        "kolom Kenmerk: lijkt burgerservicenummers (BSN) te bevatten",
    ):
        assert fragment in alles, fragment


def test_personal_data_is_never_repeated() -> None:
    alles = "".join(p.read_text(encoding="utf-8") for p in FOUTEN.glob("*.fouten"))
    for waarde in ("111222333", "123456782", "NL91", "0417164300"):
        assert waarde not in alles

"""Issue 17, point 8: each stream's facts, hoofdthema names, tranches per hoofdthema and year,
the tariff on a partner row, and the buurt index, on hand-built ledgers with the figures
computed by hand in the comments.

* geldstromen: the pot, Nieuw-West's share as a fraction and an amount (as declared), the
  areas it is shared with and its origin (CSV columns, the terminal's compact column);
* ``custom "hoofdthema"``: a declared name shows, an undeclared used theme shows its code and is
  listed on Onvolledig; malformed declarations are errors at their line;
* SiSa: per hoofdthema and grant year the tranche, carry-over in, available, spent and carried
  out, on the plugin's carry-over rule;
* proportionaliteit: the tariffs in force on each partner row, a change within the year dated;
* the buurt index against Nieuw-West's declared residents, absent (not 0) without them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import beanquery
from click.testing import CliRunner

from cli.main import cli
from ledger.load import load_ledger
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.proportionaliteit import proportionaliteit
from reports.compute.sisa import sisa
from reports.documents.geldstromen import geldstromen_tabel
from reports.documents.proportionaliteit import buurt_sectie
from reports.documents.proportionaliteit import partner_tabellen
from reports.documents.sisa import onvolledig_tabel
from reports.documents.sisa import overzicht_tabel
from reports.documents.sisa import tranchejaar_tabel

D = Decimal
DAG = datetime.date

KOP = """option "title" "Stroomfeiten"
option "operating_currency" "EUR"
plugin "ledger.plugins.snw"

2023-01-01 custom "domein" "WEB" "Werk en bestaanszekerheid"
2023-01-01 open Assets:Bank:Programma
2023-01-01 open Expenses:Actielijn:WEB:WEB-01-Geldzorgen
  code: "WEB-01"
  naam: "Geldzorgen"
  domein: "WEB"
  thema: "a"
"""


def _ledger(tmp_path: Path, tekst: str, naam: str = "grootboek.beancount"):  # noqa: ANN202
    path = tmp_path / naam
    path.write_text(KOP + tekst, encoding="utf-8")
    return load_ledger(path)


def _messages(ledger) -> list[str]:  # noqa: ANN001
    return [e.message for e in ledger.errors]


# ----------------------------------------------------------------------------------------
# Shares: a fraction of the pot or an amount, as declared
# ----------------------------------------------------------------------------------------
AANDELEN = """
2023-01-01 custom "geldstroom" "HEEL" "Aandeel precies 1"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 100000.00 EUR
  aandeel_nw: 1
  gedeeld_met: "Zuidoost"
2023-01-01 custom "geldstroom" "HALF" "De helft"
  herkomst: "eu"
  status: "toegekend"
  bedrag: 100000.00 EUR
  aandeel_nw: 0.5
  gedeeld_met: "Zuidoost Noord"
2023-01-01 custom "geldstroom" "HALF-CENT" "De helft van een oneven aantal centen"
  herkomst: "gemeente"
  status: "toegekend"
  bedrag: 100000.05 EUR
  aandeel_nw: 0.5
2023-01-01 custom "geldstroom" "DERDE" "Een derde"
  herkomst: "fonds"
  status: "toegekend"
  bedrag: 100000.00 EUR
  aandeel_nw: 0.3333333333
  gedeeld_met: "Zuidoost Noord"
2023-01-01 custom "geldstroom" "BEDRAG" "Aandeel als bedrag"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 36000000.00 EUR
  aandeel_nw: 15000000.00 EUR
  gedeeld_met: "Zuidoost"
2023-01-01 custom "geldstroom" "EIGEN-POT" "Niet gedeeld"
  herkomst: "gemeente"
  status: "toegekend"
  bedrag: 20000.00 EUR
2023-01-01 custom "geldstroom" "OPEN" "Verdeling open"
  herkomst: "gemeente"
  status: "gereserveerd"
  bedrag: 60000.00 EUR
  aandeel_nw: "open"
  gedeeld_met: "Zuidoost Noord"
2023-01-01 custom "geldstroom" "ONBEKENDE-POT" "Aandeel als bedrag, pot onbekend"
  herkomst: "rijk"
  status: "verwacht"
  bedrag: 0.00 EUR
  aandeel_nw: 5000.00 EUR
2023-12-31 * "EU" "Beschikking HALF (the year has a booking, so 2023 is a report year)"
  Assets:Te-ontvangen:HALF          50000.00 EUR
  Liabilities:Nog-te-besteden:HALF
"""


def test_share_as_fraction_and_amount(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, AANDELEN)
    assert ledger.errors == []
    regels = {r.code: r for r in geldstromen_overzicht(ledger.entries, ledger.programma, 2023,
                                                       DAG(2023, 12, 31)).regels}
    feiten = {code: (r.bedrag, r.aandeel_fractie, r.toegezegd, r.aandeel_opgave, r.gedeeld_met, r.herkomst)
              for code, r in regels.items()}
    assert feiten == {
        # exactly 1: the whole pot, still declared as a fraction
        "HEEL": (D("100000.00"), D(1), D("100000.00"), "deel", ("Zuidoost",), "rijk"),
        # 0,5 × 100.000,00 = 50.000,00
        "HALF": (D("100000.00"), D("0.5"), D("50000.00"), "deel", ("Zuidoost", "Noord"), "eu"),
        # 0,5 × 100.000,05 = 50.000,025: half up to 50.000,03 (half to even would give ,02)
        "HALF-CENT": (D("100000.05"), D("0.5"), D("50000.03"), "deel", (), "gemeente"),
        # 0,3333333333 × 100.000,00 = 33.333,33333: 33.333,33; the fraction stays as declared
        "DERDE": (D("100000.00"), D("0.3333333333"), D("33333.33"), "deel", ("Zuidoost", "Noord"), "fonds"),
        # an amount: the fraction is 15.000.000 / 36.000.000 = 5/12
        "BEDRAG": (D("36000000.00"), D("15000000.00") / D("36000000.00"), D("15000000.00"), "bedrag",
                   ("Zuidoost",), "rijk"),
        # not shared: all of the pot is Nieuw-West's
        "EIGEN-POT": (D("20000.00"), D(1), D("20000.00"), None, (), "gemeente"),
        # split open: no fraction, nothing Nieuw-West's yet
        "OPEN": (D("60000.00"), None, D(0), "open", ("Zuidoost", "Noord"), "gemeente"),
        # an amount of a pot of 0: no fraction of nothing (not 100%)
        "ONBEKENDE-POT": (D("0.00"), None, D("5000.00"), "bedrag", (), "rijk"),
    }


def test_share_columns_in_csv_and_compact_on_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "grootboek.beancount"
    path.write_text(KOP + AANDELEN, encoding="utf-8")
    runner = CliRunner()
    csv = runner.invoke(cli, ["--grootboek", str(path), "geldstromen", "--jaar", "2023", "--formaat", "csv"])
    assert csv.exit_code == 0, csv.output
    lines = [line.split(";") for line in csv.output.splitlines() if line.count(";") > 5]
    kop = lines[0]
    rijen = {line[0]: dict(zip(kop, line)) for line in lines[1:]}
    velden = ("Herkomst", "Pot", "Aandeel NW (deel)", "Aandeel NW (bedrag)", "Aandeel opgegeven als", "Gedeeld met")
    assert {code: tuple(rij[v] for v in velden) for code, rij in rijen.items()} == {
        "HEEL": ("Rijk", "100.000,00", "100,0", "100.000,00", "deel van de pot", "Zuidoost"),
        "HALF": ("EU", "100.000,00", "50,0", "50.000,00", "deel van de pot", "Zuidoost, Noord"),
        "HALF-CENT": ("gemeente", "100.000,05", "50,0", "50.000,03", "deel van de pot", ""),
        "DERDE": ("fonds", "100.000,00", "33,3", "33.333,33", "deel van de pot", "Zuidoost, Noord"),
        "BEDRAG": ("Rijk", "36.000.000,00", "41,7", "15.000.000,00", "bedrag", "Zuidoost"),
        "EIGEN-POT": ("gemeente", "20.000,00", "100,0", "20.000,00", "niet gedeeld", ""),
        "OPEN": ("gemeente", "60.000,00", "", "", "verdeling open", "Zuidoost, Noord"),
        "ONBEKENDE-POT": ("Rijk", "0,00", "", "5.000,00", "bedrag", ""),
    }
    tabel = runner.invoke(cli, ["--grootboek", str(path), "geldstromen", "--jaar", "2023"])
    assert tabel.exit_code == 0, tabel.output
    assert "Herkomst · pot · aandeel NW" in tabel.output
    assert "fonds · pot € 100.000,00 · NW 33,3% = € 33.333,33 · met Zuidoost, Noord" in tabel.output
    assert "gemeente · pot € 60.000,00 · NW: verdeling open · met Zuidoost, Noord" in tabel.output
    assert "gemeente · pot € 20.000,00  " in tabel.output  # not shared: origin and pot only
    assert "Aandeel NW (deel)" not in tabel.output  # the separate columns are for CSV and XLSX


def test_compact_and_full_tables_hold_the_same_figures(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, AANDELEN)
    overzicht = geldstromen_overzicht(ledger.entries, ledger.programma, 2023, DAG(2023, 12, 31))
    vol, kort = geldstromen_tabel(overzicht), geldstromen_tabel(overzicht, compact=True)
    aantal = len(kort.rijen[0]) - 4  # the figures after the compact facts column
    for v, k in zip(vol.rijen, kort.rijen):
        assert v[:3] == k[:3] and v[3:3 + aantal] == k[4:]
    assert vol.totalen()[[c.kop for c in vol.kolommen].index("Pot")] == D("100000.00") * 4 + D("0.05") + D(
        "36000000.00") + D("20000.00") + D("60000.00")


# ----------------------------------------------------------------------------------------
# Hoofdthema names and the tranches per hoofdthema and year
# ----------------------------------------------------------------------------------------
def _spuk(overloop: str, *, naam_b: bool = False) -> str:
    """A specific grant 2024-2025 with themes a and b; tranches 10.000 per theme per year;
    overloop_max 0,50. Spending 2024: a 2.000, b 10.000; 2025: a 12.000. Only a is named,
    unless ``naam_b``."""
    return f"""
2023-12-01 custom "geldstroom" "SU" "Specifieke uitkering"
  herkomst: "rijk"
  specifieke_uitkering: TRUE
  status: "toegekend"
  bedrag: 40000.00 EUR
  van: 2024-01-01
  tot: 2025-12-31
  themas: "a b"
  overloop: "hoofdthema"
  overloop_max: 0.50
2023-12-01 custom "tranche" "SU" 2024 10000.00 EUR "a"
2023-12-01 custom "tranche" "SU" 2024 10000.00 EUR "b"
2023-12-01 custom "tranche" "SU" 2025 10000.00 EUR "a"
2023-12-01 custom "tranche" "SU" 2025 10000.00 EUR "b"
2023-12-01 custom "hoofdthema" "a" "Preventie armoede en schulden"
  stroom: "SU"
{'2023-12-01 custom "hoofdthema" "b" "Jonge kind"' if naam_b else ''}
2024-01-10 * "Rijk" "Beschikking"
  Assets:Te-ontvangen:SU          40000.00 EUR
  Liabilities:Nog-te-besteden:SU
2024-03-01 * "Uitvoerder" "Thema a"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:SU   2000.00 EUR
  Assets:Bank:Programma
2024-04-01 * "Uitvoerder" "Thema b"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:SU  10000.00 EUR
    thema: "b"
  Assets:Bank:Programma
{overloop}
2025-03-01 * "Uitvoerder" "Thema a"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:SU  12000.00 EUR
  Assets:Bank:Programma
"""


OVERLOOP_4000 = '2025-01-31 custom "overloop" "SU" 2024 4000.00 EUR "a"'


def test_tranches_per_hoofdthema_and_year(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, _spuk(OVERLOOP_4000))
    assert ledger.errors == []
    rapport = sisa(ledger.entries, ledger.programma, 2025)
    rijen = [(t.onderdeel, t.onderdeel_naam, t.jaar, t.tranche, t.overloop_in, t.beschikbaar, t.besteed, t.over,
              t.ruimte, t.overloop_uit, t.vervalt) for t in rapport.tranchejaren]
    assert rijen == [
        # a 2024: 10.000 available, 2.000 spent, 8.000 left; the rule allows 50% of 10.000 = 5.000;
        # 4.000 declared and carried; 8.000 − 4.000 = 4.000 lapses
        ("a", "Preventie armoede en schulden", 2024, D(10000), D(0), D(10000), D(2000), D(8000), D(5000),
         D(4000), D(4000)),
        # a 2025 (final year): 10.000 + 4.000 in = 14.000, 12.000 spent, 2.000 left, nothing may move on
        ("a", "Preventie armoede en schulden", 2025, D(10000), D(4000), D(14000), D(12000), D(2000), D(0),
         D(0), D(2000)),
        # b has no declared name: its code
        ("b", "b", 2024, D(10000), D(0), D(10000), D(10000), D(0), D(0), D(0), D(0)),
        ("b", "b", 2025, D(10000), D(0), D(10000), D(0), D(10000), D(0), D(0), D(10000)),
    ]
    # spent per theme and year reconciles with the ledger (beanquery: all spending on SU per year)
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    for jaar in (2024, 2025):
        ((som,),) = connection.execute(
            f"SELECT sum(number) WHERE account ~ ':SU$' AND account ~ '^Expenses' AND year(date) = {jaar}").fetchall()
        assert sum((t.besteed for t in rapport.tranchejaren if t.jaar == jaar), D(0)) == som
    # the year T of the SiSa table per hoofdthema says the same as the new table
    for jaar in (2024, 2025):
        per_jaar = sisa(ledger.entries, ledger.programma, jaar)
        nieuw = {t.onderdeel: t for t in per_jaar.tranchejaren if t.jaar == jaar}
        for regel in per_jaar.regels:
            t = nieuw[regel.onderdeel]
            assert (regel.beschikbaar_jaar, regel.overloop_volgend_jaar, regel.vervalt) == (
                t.beschikbaar, t.overloop_uit, t.vervalt)
    tabel = tranchejaar_tabel(rapport)
    assert tabel.rijen[1][:4] == ("SU", "Preventie armoede en schulden", 2025, "per hoofdthema")


def test_carry_over_the_rule_refuses_is_not_carried(tmp_path: Path) -> None:
    """6.000 from a 2024 tranche of 10.000 is more than 50%: the plugin refuses it, and the
    table (on the same rule) carries nothing."""
    ledger = _ledger(tmp_path, _spuk('2025-01-31 custom "overloop" "SU" 2024 6000.00 EUR "a"'))
    assert [m for m in _messages(ledger) if m.startswith("Overloop niet toegestaan")] == [
        "Overloop niet toegestaan: € 6.000,00 van SU 2024 thema a is meer dan 50% van de tranche (€ 5.000,00)"]
    rapport = sisa(ledger.entries, ledger.programma, 2025)
    a = [(t.jaar, t.overloop_in, t.overloop_uit, t.vervalt) for t in rapport.tranchejaren if t.onderdeel == "a"]
    assert a == [(2024, D(0), D(0), D(8000)), (2025, D(0), D(0), D(0))]  # 2025: 10.000 − 12.000 < 0 lapses nothing


def test_declared_and_undeclared_hoofdthema(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, _spuk(OVERLOOP_4000))
    rapport = sisa(ledger.entries, ledger.programma, 2024)
    namen = {r.onderdeel: r.onderdeel_naam for r in rapport.regels}
    assert namen == {"a": "Preventie armoede en schulden", "b": "b"}
    assert [r[3] for r in overzicht_tabel(rapport).rijen] == ["Preventie armoede en schulden", "b"]
    onvolledig = [regel for regel in onvolledig_tabel(rapport).rijen if regel[0] == "SU"]
    assert ("SU", "Specifieke uitkering", "naam van hoofdthema b") in onvolledig
    assert not any("hoofdthema a" in regel[2] for regel in onvolledig)
    # declared: no longer on Onvolledig, and the indicator text uses the name
    benoemd = _ledger(tmp_path, _spuk(OVERLOOP_4000, naam_b=True), "benoemd.beancount")
    assert benoemd.errors == []
    rapport = sisa(benoemd.entries, benoemd.programma, 2024)
    assert not any("naam van hoofdthema" in item for o in rapport.onvolledig for item in o.ontbreekt)
    assert "Besteding (2024) ten laste van rijksmiddelen — Jonge kind" in [i.omschrijving for i in
                                                                          rapport.indicatoren]


def test_stream_name_before_general_name(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, """
2023-01-01 custom "geldstroom" "X" "X"
  themas: "a"
2023-01-01 custom "hoofdthema" "a" "Algemeen"
2023-01-01 custom "hoofdthema" "a" "Alleen voor X"
  stroom: "X"
""")
    assert ledger.errors == []
    assert ledger.programma.hoofdthema_naam("a", "X") == "Alleen voor X"
    assert ledger.programma.hoofdthema_naam("a", "Y") == "Algemeen"
    assert ledger.programma.hoofdthema_naam("a") == "Algemeen"
    assert ledger.programma.hoofdthema_naam("b", "X") is None


def test_malformed_hoofdthema_declarations(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, """
2023-01-01 custom "geldstroom" "X" "X"
  themas: "a"
2023-01-01 custom "hoofdthema" "a"
2023-01-01 custom "hoofdthema" "a" "Naam"
  stroom: "ONBEKEND"
2023-01-01 custom "hoofdthema" "z" "Naam"
  stroom: "X"
2023-01-01 custom "hoofdthema" "a" "Eerste"
2023-01-01 custom "hoofdthema" "a" "Tweede"
""")
    fouten = [(e.source["lineno"], e.message) for e in ledger.errors]
    begin = KOP.count("\n") + 1  # the first line of the fragment is its blank line
    assert fouten == [
        (begin + 3, "Ongeldige declaratie: hoofdthema heeft een code en een naam nodig, bijvoorbeeld custom "
                    "\"hoofdthema\" \"armoede-schulden\" \"Preventie armoede en schulden\" (met stroom: \"CODE\" "
                    "alleen voor die geldstroom)"),
        (begin + 4, "Ongeldige declaratie: hoofdthema a voor geldstroom ONBEKEND, die niet is gedeclareerd"),
        (begin + 6, "Ongeldige declaratie: hoofdthema z staat niet in de themas van X (a)"),
        (begin + 9, "Ongeldige declaratie: hoofdthema a heeft al een naam (Eerste)"),
    ]
    assert ledger.programma.hoofdthemas == {"a": "Eerste"}


# ----------------------------------------------------------------------------------------
# Proportionaliteit: the tariff on a partner row
# ----------------------------------------------------------------------------------------
TARIEVEN = """
2023-01-01 custom "partner" "P" "Partner P"
  draagkracht: 0.5
  tarief: 85.00 EUR
2024-07-01 custom "tarief" "P" 90.00 EUR
2024-07-01 custom "partner" "Q" "Partner Q"
  draagkracht: 0.5
  tarief: 70.00 EUR
2025-12-31 custom "tarief" "Q" 75.00 EUR
2023-01-01 custom "partner" "R" "Partner R zonder tarief"
2023-01-01 custom "geldstroom" "S" "Stroom"
  herkomst: "gemeente"
  status: "toegekend"
  bedrag: 1000000.00 EUR
2023-01-01 custom "buurt" "x" "Buurt X"
  bewoners: 1000
2023-01-01 custom "buurt" "y" "Buurt Y"
  bewoners: 3000
2023-01-01 custom "buurt" "plein" "Plein zonder bewoners"
2024-03-01 * "P" "Uren tegen 85"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:EIGEN   850.00 EUR
    partner: "P"
    uren: 10
  Equity:Inbreng-partners
2024-08-01 * "P" "Uren tegen 90"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:EIGEN   900.00 EUR
    partner: "P"
    uren: 10
  Equity:Inbreng-partners
2024-09-01 * "Q" "Uren tegen 70"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:EIGEN   140.00 EUR
    partner: "Q"
    uren: 2
  Equity:Inbreng-partners
2024-01-10 * "Gemeente" "Toekenning"
  Assets:Te-ontvangen:S          1000000.00 EUR
  Liabilities:Nog-te-besteden:S
2024-05-01 * "Uitvoerder" "In buurt X"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:S   2000.00 EUR
    buurt: "x"
  Assets:Bank:Programma
2024-05-02 * "Uitvoerder" "In buurt Y"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:S   3000.00 EUR
    buurt: "y"
  Assets:Bank:Programma
2024-05-03 * "Uitvoerder" "Op het plein"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:S   1000.00 EUR
    buurt: "plein"
  Assets:Bank:Programma
2024-05-04 * "Uitvoerder" "Zonder buurt"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:S   7000.00 EUR
  Assets:Bank:Programma
2025-02-01 * "P" "Uren tegen 90"
  Expenses:Actielijn:WEB:WEB-01-Geldzorgen:EIGEN   450.00 EUR
    partner: "P"
    uren: 5
  Equity:Inbreng-partners
"""
BEWONERS = '2023-01-01 custom "instelling" "nieuw_west_bewoners" 10000\n'


def test_tariff_change_within_the_year_on_the_partner_row(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, TARIEVEN + BEWONERS)
    assert ledger.errors == []
    jaar = proportionaliteit(ledger.entries, ledger.programma, 2024).partners_jaar
    rij = {r.code: r for r in jaar.regels}
    assert rij["P"].tarieven == ((DAG(2024, 1, 1), D("85.00")), (DAG(2024, 7, 1), D("90.00")))
    assert rij["P"].formatie == D("1750.00")  # 10 × 85 + 10 × 90
    assert rij["Q"].tarieven == ((DAG(2024, 7, 1), D("70.00")),)  # declared mid-year
    inzet = partner_tabellen(jaar)[0].tabel
    kop = [k.kop for k in inzet.kolommen]
    tarief = {r[0]: r[kop.index("Tarief per uur")] for r in inzet.rijen}
    assert tarief == {"P": "€ 85,00 / € 90,00 vanaf 1 juli", "Q": "€ 70,00 vanaf 1 juli"}
    # 2025: only the new tariff; cumulatively 2024-2025 the change with its year
    rapport = proportionaliteit(ledger.entries, ledger.programma, 2025)
    assert {r.code: r.tarieven for r in rapport.partners_jaar.regels}["P"] == ((DAG(2025, 1, 1), D("90.00")),)
    cumulatief = partner_tabellen(rapport.partners_cumulatief)[0].tabel
    assert {r[0]: r[kop.index("Tarief per uur")] for r in cumulatief.rijen}["P"] == \
        "€ 85,00 / € 90,00 vanaf 1 juli 2024"
    assert ledger.programma.partners["R"].tarieven_in(DAG(2024, 1, 1), DAG(2024, 12, 31)) == ()
    # a change on the last day of the year is in that year; the first day's tariff is the start
    q = ledger.programma.partners["Q"]
    assert q.tarieven_in(DAG(2025, 1, 1), DAG(2025, 12, 31)) == ((DAG(2025, 1, 1), D("70.00")),
                                                                (DAG(2025, 12, 31), D("75.00")))
    assert q.tarieven_in(DAG(2026, 1, 1), DAG(2026, 12, 31)) == ((DAG(2026, 1, 1), D("75.00")),)
    assert {r[0]: r[kop.index("Tarief per uur")] for r in partner_tabellen(rapport.partners_jaar)[0].tabel.rijen
            }["Q"] == "€ 70,00 / € 75,00 vanaf 31 december"


# ----------------------------------------------------------------------------------------
# The buurt index
# ----------------------------------------------------------------------------------------
def test_buurt_index_with_declared_residents(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, TARIEVEN + BEWONERS)
    buurten = proportionaliteit(ledger.entries, ledger.programma, 2024).buurten
    # with a buurt: 2.000 + 3.000 + 1.000 = 6.000 over 10.000 residents = 0,60 per resident;
    # without: 7.000 and the partners' hours 850 + 900 + 140 = 8.890
    assert (buurten.met_buurt, buurten.zonder_buurt, buurten.nw_bewoners) == (D(6000), D(8890), 10000)
    assert buurten.nw_gemiddelde == D("0.6")
    rij = {r.code: (r.per_bewoner, r.index) for r in buurten.regels}
    # X: 2.000 / 1.000 = 2,00 → 2,00 / 0,60 = 333,3%; Y: 3.000 / 3.000 = 1,00 → 166,7%
    assert rij["x"] == (D(2), D(2) / D("0.6"))
    assert rij["y"] == (D(1), D(1) / D("0.6"))
    assert rij["plein"] == (None, None)  # no residents: no average, no index
    # focus: 5.000 / 4.000 = 1,25 → 208,3%; rest: the square's 1.000 over 6.000 residents
    assert (buurten.focus_gemiddelde, buurten.focus_index) == (D("1.25"), D("1.25") / D("0.6"))
    assert (buurten.rest_bewoners, buurten.rest_gemiddelde) == (6000, D(1000) / D(6000))
    assert buurten.rest_index == (D(1000) / D(6000)) / D("0.6")
    # the index reconciles with beanquery sums over the ledger
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    ((met,),) = connection.execute("SELECT sum(number) WHERE account ~ '^Expenses:Actielijn' "
                                   "AND meta('buurt') IS NOT NULL AND year(date) = 2024").fetchall()
    ((x,),) = connection.execute("SELECT sum(number) WHERE account ~ '^Expenses:Actielijn' "
                                 "AND meta('buurt') = 'x' AND year(date) = 2024").fetchall()
    assert rij["x"][1] == (x / 1000) / (met / 10000)
    tekst = " ".join(getattr(b, "tekst", "") for b in buurt_sectie(buurten).inhoud)
    assert "declareert geen aantal bewoners" not in tekst


def test_buurt_index_absent_without_declared_residents(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, TARIEVEN)
    assert ledger.errors == []
    buurten = proportionaliteit(ledger.entries, ledger.programma, 2024).buurten
    assert (buurten.nw_bewoners, buurten.nw_gemiddelde, buurten.focus_index, buurten.rest_index) == (
        None, None, None, None)
    assert [(r.code, r.per_bewoner, r.index) for r in buurten.regels] == [
        ("x", D(2), None), ("y", D(1), None), ("plein", None, None)]  # per resident still; index absent, not 0
    notes = [b.tekst for b in buurt_sectie(buurten).inhoud if getattr(b, "soort", "") == "let-op"]
    assert any("declareert geen aantal bewoners van Nieuw-West" in n and "nieuw_west_bewoners" in n for n in notes)


def test_malformed_resident_count_is_an_error(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, TARIEVEN + '2023-01-01 custom "instelling" "nieuw_west_bewoners" "veel"\n')
    assert _messages(ledger) == ["Ongeldige declaratie: instelling nieuw_west_bewoners moet een positief geheel "
                                 "getal zijn, bijvoorbeeld custom \"instelling\" \"nieuw_west_bewoners\" 165000"]
    assert proportionaliteit(ledger.entries, ledger.programma, 2024).buurten.nw_bewoners is None

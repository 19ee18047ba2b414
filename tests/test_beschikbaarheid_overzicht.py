"""The availability overview of a budget line (``snw beschikbaarheid``, Fava's Beschikbaarheid page).

On the hand-built ledger tests/data/verplichtingen/grootboek.beancount (its header: WEB-17/SPUK goes
over its 2025 budget twice, before and after an amendment; end of 2025 budgeted 110.000, realised
115.500) every row is asserted, computed by hand in the comments; the rows at which the line goes
over are the postings the plugin reports (same file and line, same message); the last row
reconciles with beanquery and with ``snw realisatie``. Two small ledgers in ``tmp_path`` cross the
edges: an amendment on the same day as spending, and a later year's payment on an older commitment.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import beanquery
import openpyxl
import pytest
from click.testing import CliRunner
from fava.application import create_app

from cli.main import cli
from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.load import Ledger
from ledger.load import load_ledger
from ledger.plugins import snw
from ledger.rules.beschikbaarheid import Control
from reports.compute.beschikbaarheid import beschikbaarheid
from reports.compute.beschikbaarheid import beschikbaarheid_posten
from reports.compute.realisatie import realisatie_per_post

D = Decimal
MAIN = Path(__file__).parent / "data" / "verplichtingen" / "grootboek.beancount"


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger(MAIN, cache=False)


def line_of(text: str, path: Path = MAIN) -> int:
    """The line of the first line containing ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def rijen(overzicht) -> list[tuple]:  # noqa: ANN001
    return [(r.datum.isoformat(), r.soort, r.bedrag, r.begroot, r.besteed, r.open_verplicht, r.beschikbaar,
             r.overschrijding) for r in overzicht.regels]


# ---- the hand-built ledger -------------------------------------------------------------------


def test_every_row_of_web17_spuk_2025(ledger: Ledger) -> None:
    overzicht = beschikbaarheid(ledger.entries, ledger.programma, 2025, "WEB-17", "SPUK")
    assert overzicht.peildatum == datetime.date(2025, 12, 31)  # a past year: 31 December
    assert overzicht.bewaakt
    assert rijen(overzicht) == [
        # date, kind, amount, budget in force, spent, open, available, over
        # The begroting 2025 (AB-2024-12, adopted 10 December 2024): 100.000 available.
        ("2024-12-10", "begroting", D("100000.00"), D("100000.00"), 0, 0, D("100000.00"), 0),
        # V-2025-01 commits 90.000: 100.000 − 0 − 90.000 = 10.000 available.
        ("2025-01-10", "verplichting", D("90000.00"), D("100000.00"), 0, D("90000.00"), D("10000.00"), 0),
        # First term 30.000 within the commitment: open 90.000 → 60.000, spent 30.000, available unchanged.
        ("2025-03-31", "betaling op verplichting", D("30000.00"), D("100000.00"), D("30000.00"), D("60000.00"),
         D("10000.00"), 0),
        # Extra jobcoaching 12.000 without a commitment: 42.000 + 60.000 = 102.000 > 100.000, 2.000 over.
        ("2025-05-20", "uitgave", D("12000.00"), D("100000.00"), D("42000.00"), D("60000.00"), D("-2000.00"),
         D("2000.00")),
        # Amendment AB-2025-06 +10.000: 110.000 − 42.000 − 60.000 = 8.000 available again.
        ("2025-06-15", "begrotingswijziging", D("10000.00"), D("110000.00"), D("42000.00"), D("60000.00"),
         D("8000.00"), 0),
        # Second term 30.000: spent 72.000, open 30.000, available still 8.000.
        ("2025-07-31", "betaling op verplichting", D("30000.00"), D("110000.00"), D("72000.00"), D("30000.00"),
         D("8000.00"), 0),
        # Extra werkervaringsplekken 13.500: 85.500 + 30.000 = 115.500 > 110.000, 5.500 over.
        ("2025-10-15", "uitgave", D("13500.00"), D("110000.00"), D("85500.00"), D("30000.00"), D("-5500.00"),
         D("5500.00")),
        # Last term 30.000 within the commitment: spent 115.500, open 0; still 5.500 over.
        ("2025-11-28", "betaling op verplichting", D("30000.00"), D("110000.00"), D("115500.00"), D("0.00"),
         D("-5500.00"), D("5500.00")),
    ]
    # The stand at the peildatum is the last row's: the header's "begroot 110.000, gerealiseerd 115.500".
    assert (overzicht.begroot, overzicht.besteed, overzicht.open_verplicht, overzicht.overschrijding) == (
        D("110000.00"), D("115500.00"), D("0.00"), D("5500.00"))
    assert [r.besluit for r in overzicht.regels if r.soort.startswith("begroting")] == ["AB-2024-12", "AB-2025-06"]
    assert [r.kenmerken for r in overzicht.regels if r.kenmerken] == [("V-2025-01",)] * 4
    assert [(r.begunstigde, r.omschrijving) for r in overzicht.regels if r.soort == "uitgave"] == [
        ("NWWP", "Extra jobcoaching"), ("NWWP", "Extra werkervaringsplekken")]


def test_the_rows_that_go_over_are_the_postings_the_plugin_reports(ledger: Ledger) -> None:
    overzicht = beschikbaarheid(ledger.entries, ledger.programma, 2025, "WEB-17", "SPUK")
    gemeld = [(e.source["filename"], e.source["lineno"], e.message) for e in ledger.errors
              if isinstance(e, BegrotingError) and "WEB-17/SPUK" in e.message]
    assert len(gemeld) == 2
    over = overzicht.overschrijdingen
    assert [(r.bestand, r.regel, r.melding) for r in over] == gemeld
    # ... at the two spendings the header names (the line after each narration is its posting).
    assert [r.regel for r in over] == [line_of('"Extra jobcoaching"') + 1, line_of('"Extra werkervaringsplekken"') + 1]
    # The message states the overrun amount: 115.500 − 110.000 = 5.500.
    assert over[1].melding == (
        "Overschrijding begroting 2025 WEB-17/SPUK: besteed € 85.500,00 plus open verplichtingen € 30.000,00 = "
        "€ 115.500,00, begroot € 110.000,00; € 5.500,00 boven de begroting")
    # Only those rows carry a message: the payment within the commitment on 28 November adds nothing.
    assert overzicht.meldingen == over


def test_the_last_row_reconciles_with_beanquery_and_with_realisatie(ledger: Ledger) -> None:
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(
        "SELECT account, sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
        "AND date >= 2025-01-01 AND date <= 2025-12-31 GROUP BY account").fetchall()
    per_leaf = {account: number for account, number in rows}
    posten = beschikbaarheid_posten(ledger.entries, ledger.programma, 2025)
    assert [(b.actielijn, b.stroom) for b in posten] == [("VEI-11", "GEM"), ("WEB-02", "SPUK"), ("WEB-17", "SPUK")]
    realisatie = {(p.actielijn, p.stroom): p for p in realisatie_per_post(ledger.entries, ledger.programma, 2025).posten}
    for b in posten:
        leaf = ledger.programma.actielijnen[b.actielijn].leaf(b.stroom)
        assert b.besteed == per_leaf[leaf], leaf
        post = realisatie[(b.actielijn, b.stroom)]
        assert (b.begroot, b.besteed, b.open_verplicht, b.overschrijding) == (
            post.begroot, post.gerealiseerd, post.open_verplicht, post.overschrijding)
    # By hand: WEB-17/SPUK 30.000 × 3 + 12.000 + 13.500 = 115.500; VEI-11/GEM 20.000 + 15.000 = 35.000,
    # open 60.000 − 20.000 = 40.000; WEB-02/SPUK 15.000, open 40.000 − 15.000 = 25.000.
    assert [(b.besteed, b.open_verplicht) for b in posten] == [
        (D("35000.00"), D("40000.00")), (D("15000.00"), D("25000.00")), (D("115500.00"), D("0.00"))]


def test_a_peildatum_shows_the_rows_up_to_it(ledger: Ledger) -> None:
    overzicht = beschikbaarheid(ledger.entries, ledger.programma, 2025, "WEB-17", "SPUK", datetime.date(2025, 6, 15))
    # Up to and including the amendment of 15 June: five rows; 110.000 − 42.000 − 60.000 = 8.000.
    assert [r.datum for r in overzicht.regels][-1] == datetime.date(2025, 6, 15)
    assert len(overzicht.regels) == 5
    assert (overzicht.begroot, overzicht.besteed, overzicht.open_verplicht, overzicht.beschikbaar) == (
        D("110000.00"), D("42000.00"), D("60000.00"), D("8000.00"))
    assert overzicht.overschrijding == 0
    assert [r.datum for r in overzicht.overschrijdingen] == [datetime.date(2025, 5, 20)]


def test_the_filtered_replay_equals_the_plugins_full_pass(ledger: Ledger) -> None:
    """beschikbaarheid_spoor passes only the followed lines' transactions; the full pass gives the same steps."""

    class Alles:
        def __contains__(self, key: object) -> bool:
            return True

    control = Control(ledger.programma, volg=Alles())
    snw._Pass(ledger.programma, ledger.entries, control).run(ledger.entries)  # noqa: SLF001
    control.finish()
    keys = sorted(control.spoor)
    assert (2025, "WEB-17", "SPUK") in keys and (2026, "VEI-11", "GEM") in keys
    spoor = snw.beschikbaarheid_spoor(ledger.entries, ledger.programma, keys)
    for key in keys:
        assert spoor[key] == control.spoor[key], key
    # The figures are the control's: the full pass reports exactly the plugin's budget errors.
    assert [e.message for e in control.errors] == [e.message for e in ledger.errors if isinstance(e, BegrotingError)]


def test_a_tolerance_makes_the_row_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "grootboek.beancount"
    path.write_text(MAIN.read_text(encoding="utf-8")
                    + '\n2030-01-01 custom "instelling" "begroting_tolerantie" 0.05 "fout"\n', encoding="utf-8")
    geladen = load_ledger(path, cache=False)
    overzicht = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-17", "SPUK")
    # 102.000 <= 105.000 and 115.500 <= 115.500: both within 5%, both warnings, the amounts still stated.
    assert [(r.waarschuwing, r.overschrijding) for r in overzicht.meldingen] == [(True, D("2000.00")),
                                                                               (True, D("5500.00"))]
    overschrijdingen = [e for e in geladen.errors if "boven de begroting" in e.message]
    assert len(overschrijdingen) == 2 and all(isinstance(e, BegrotingWaarschuwing) for e in overschrijdingen)
    assert overzicht.meldingen[1].melding.endswith("€ 5.500,00 boven de begroting (binnen de tolerantie van 5,0%)")


# ---- edges, each on a ledger of its own ---------------------------------------------------------

HEAD = """option "operating_currency" "EUR"
plugin "ledger.plugins.snw"
2023-01-01 custom "domein" "WEB" "Werk en bestaanszekerheid"
2023-01-01 custom "partner" "NWWP" "Nieuw-West Werkt & Participeert"
  type: "maatschappelijke organisatie"
2023-01-01 open Assets:Bank:Programma
2023-01-01 open Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk
  code: "WEB-17"
  naam: "Werkgroep Werk"
  domein: "WEB"
2023-01-01 custom "geldstroom" "GEM" "Gemeentelijke middelen"
  herkomst: "gemeente"
  status: "toegekend"
  bedrag: 300000.00 EUR
  van: 2024-01-01
  tot: 2027-12-31
2024-01-02 * "Gemeente" "Toekenning" ^besluit-gem
  Assets:Te-ontvangen:GEM             300000.00 EUR
  Liabilities:Nog-te-besteden:GEM
2024-12-01 custom "ab-besluit" "AB-1" "Begroting"
2025-05-01 custom "ab-besluit" "AB-2" "Wijziging"
"""


def edge(tmp_path: Path, text: str) -> Ledger:
    path = tmp_path / "grootboek.beancount"
    path.write_text(HEAD + text, encoding="utf-8")
    return load_ledger(path, cache=False)


def test_a_same_day_amendment_applies_before_that_days_spending(tmp_path: Path) -> None:
    # The spending is written before the amendment, on the same day: the amendment still counts first.
    geladen = edge(tmp_path, """
2024-12-01 custom "begroting" 2025 "WEB-17" "GEM" 10000.00 EUR
  besluit: "AB-1"
2025-05-01 * "NWWP" "Jobcoaching"
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    12000.00 EUR
  Assets:Bank:Programma
2025-05-01 custom "begrotingswijziging" 2025 "WEB-17" "GEM" 5000.00 EUR
  besluit: "AB-2"
""")
    assert [e.message for e in geladen.errors] == []  # 12.000 <= 10.000 + 5.000: no overrun
    overzicht = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-17", "GEM")
    assert rijen(overzicht) == [
        ("2024-12-01", "begroting", D("10000.00"), D("10000.00"), 0, 0, D("10000.00"), 0),
        # Same day: first the amendment (10.000 + 5.000 = 15.000) ...
        ("2025-05-01", "begrotingswijziging", D("5000.00"), D("15000.00"), 0, 0, D("15000.00"), 0),
        # ... then the spending: 15.000 − 12.000 = 3.000 available, never over.
        ("2025-05-01", "uitgave", D("12000.00"), D("15000.00"), D("12000.00"), 0, D("3000.00"), 0),
    ]
    assert overzicht.overschrijdingen == ()


def test_a_later_years_payment_on_an_older_commitment_is_spending_of_that_year(tmp_path: Path) -> None:
    geladen = edge(tmp_path, """
2024-12-01 custom "begroting" 2025 "WEB-17" "GEM" 30000.00 EUR
  besluit: "AB-1"
2024-12-01 custom "begroting" 2026 "WEB-17" "GEM" 10000.00 EUR
  besluit: "AB-1"
2025-03-01 custom "verplichting" "WEB-17" "GEM" 20000.00 EUR
  kenmerk: "V-1"
  partner: "NWWP"
2025-04-01 * "NWWP" "Eerste termijn" ^V-1
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    5000.00 EUR
  Assets:Bank:Programma
2026-02-01 * "NWWP" "Slottermijn" ^V-1
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    12000.00 EUR
  Assets:Bank:Programma
""")
    # 2026: the payment on V-1 (of 2025) is 2026 spending: 12.000 > the 2026 budget of 10.000.
    fouten = [e for e in geladen.errors if "boven de begroting" in e.message]  # budget-line warnings aside
    assert [(e.source["lineno"], e.message) for e in fouten] == [
        (line_of('"Slottermijn"', tmp_path / "grootboek.beancount") + 1,
         "Overschrijding begroting 2026 WEB-17/GEM: besteed € 12.000,00, begroot € 10.000,00; "
         "€ 2.000,00 boven de begroting")]
    jaar2026 = beschikbaarheid(geladen.entries, geladen.programma, 2026, "WEB-17", "GEM", datetime.date(2026, 12, 31))
    assert rijen(jaar2026) == [
        ("2024-12-01", "begroting", D("10000.00"), D("10000.00"), 0, 0, D("10000.00"), 0),
        # The open 15.000 of V-1 is 2025's, never 2026's: 10.000 − 12.000 − 0 = −2.000.
        ("2026-02-01", "betaling op verplichting", D("12000.00"), D("10000.00"), D("12000.00"), 0, D("-2000.00"),
         D("2000.00")),
    ]
    assert jaar2026.regels[1].verplichting_jaren == (2025,)
    assert jaar2026.regels[1].melding == fouten[0].message
    # 2025 at 31 December: spent 5.000, open 20.000 − 5.000 = 15.000, available 30.000 − 20.000 = 10.000.
    jaar2025 = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-17", "GEM")
    assert (jaar2025.besteed, jaar2025.open_verplicht, jaar2025.beschikbaar) == (D("5000.00"), D("15000.00"),
                                                                             D("10000.00"))
    # The trail of the 2025 line goes on in 2026: the payment lowers its open commitment by what it pays
    # off, 15.000 − 12.000 = 3.000, and its spending stays 5.000.
    spoor = snw.beschikbaarheid_spoor(geladen.entries, geladen.programma, [(2025, "WEB-17", "GEM")])
    laatste = spoor[(2025, "WEB-17", "GEM")][-1]
    assert (laatste.datum, laatste.soort, laatste.besteed, laatste.open) == (
        datetime.date(2026, 2, 1), "betaling op verplichting", D("5000.00"), D("3000.00"))


def test_a_payment_before_its_commitment_leaves_only_the_rest_open(tmp_path: Path) -> None:
    geladen = edge(tmp_path, """
2024-12-01 custom "begroting" 2025 "WEB-17" "GEM" 10000.00 EUR
  besluit: "AB-1"
2025-02-01 * "NWWP" "Voorschot" ^V-2
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    3000.00 EUR
  Assets:Bank:Programma
2025-03-01 custom "verplichting" "WEB-17" "GEM" 8000.00 EUR
  kenmerk: "V-2"
""")
    assert geladen.errors == []
    overzicht = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-17", "GEM")
    assert rijen(overzicht) == [
        ("2024-12-01", "begroting", D("10000.00"), D("10000.00"), 0, 0, D("10000.00"), 0),
        # Paid before the commitment exists: spending, nothing open yet; 10.000 − 3.000 = 7.000.
        ("2025-02-01", "betaling op verplichting", D("3000.00"), D("10000.00"), D("3000.00"), 0, D("7000.00"), 0),
        # The commitment counts with what is still open: 8.000 − 3.000 = 5.000; 7.000 − 5.000 = 2.000.
        ("2025-03-01", "verplichting", D("8000.00"), D("10000.00"), D("3000.00"), D("5000.00"), D("2000.00"), 0),
    ]


def test_a_year_without_a_begroting_is_not_watched(tmp_path: Path) -> None:
    geladen = edge(tmp_path, """
2025-04-01 * "NWWP" "Jobcoaching"
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    5000.00 EUR
  Assets:Bank:Programma
""")
    overzicht = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-17", "GEM")
    assert not overzicht.bewaakt
    assert overzicht.regels == ()  # the control counts nothing in a year without a begroting


# ---- the command ---------------------------------------------------------------------------------


def run(*args: str, ledger: Path = MAIN):  # noqa: ANN201
    return CliRunner().invoke(cli, ["--grootboek", str(ledger), "beschikbaarheid", *args])


def test_cli_table(tmp_path: Path) -> None:
    result = run("WEB-17", "SPUK", "--jaar", "2025")
    assert result.exit_code == 0, result.output
    uit = result.stdout
    assert uit.startswith("Beschikbaarheid 2025 WEB-17/SPUK — Werkgroep Werk uit SPUK Kansrijke Wijk — "
                          "stand per 31 december 2025")
    regel = next(line for line in uit.splitlines() if line.startswith("15-10-2025"))
    assert "Uitgave" in regel and "NWWP — Extra werkervaringsplekken" in regel
    assert "€ 85.500,00" in regel and "€ -5.500,00" in regel and regel.endswith("grootboek.beancount:146")
    assert "Begrotingswijziging 2025, besluit AB-2025-06" in uit
    assert ("WEB-17/SPUK 2025, stand per 31 december 2025: begroot € 110.000,00, besteed € 115.500,00, open "
            "verplichtingen € 0,00, beschikbaar € -5.500,00; € 5.500,00 boven de begroting; overschreden op "
            "20 mei 2025 (grootboek.beancount:133), 15 oktober 2025 (grootboek.beancount:146).") in result.stderr


def test_cli_csv_and_xlsx(tmp_path: Path) -> None:
    result = run("WEB-17", "SPUK", "--jaar", "2025", "--formaat", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    assert rows[0][:9] == ["Datum", "Soort", "Omschrijving", "Bedrag", "Begroot", "Besteed", "Open verplichtingen",
                           "Beschikbaar", "Boven begroting"]
    assert [r[8] for r in rows[1:]] == ["0,00", "0,00", "0,00", "2.000,00", "0,00", "0,00", "5.500,00", "5.500,00"]
    doel = tmp_path / "b.xlsx"
    result = run("WEB-17", "SPUK", "--jaar", "2025", "--formaat", "xlsx", "--naar", str(doel))
    assert result.exit_code == 0, result.output
    blad = openpyxl.load_workbook(doel).worksheets[0]
    waarden = [[c.value for c in row] for row in blad.iter_rows()]
    kop = next(i for i, row in enumerate(waarden) if row[:2] == ["Datum", "Soort"])
    boven = waarden[kop][:11].index("Boven begroting")
    assert [D(str(row[boven])) for row in waarden[kop + 1:kop + 9]] == [0, 0, 0, 2000, 0, 0, 5500, 5500]


def test_cli_peildatum_and_default_year() -> None:
    result = run("WEB-17", "SPUK", "--jaar", "2025", "--peildatum", "2025-06-15", "--formaat", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 1 + 5
    # Without --jaar: the year of today (the tests fix today at 8 December 2026).
    result = run("VEI-11", "GEM")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Beschikbaarheid 2026 VEI-11/GEM")
    assert "stand per 8 december 2026" in result.stdout


def test_cli_default_year_is_todays_not_the_last_bookings(tmp_path: Path) -> None:
    geladen = edge(tmp_path, """
2024-12-01 custom "begroting" 2025 "WEB-17" "GEM" 10000.00 EUR
  besluit: "AB-1"
2025-05-01 * "NWWP" "Jobcoaching"
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:GEM    12000.00 EUR
  Assets:Bank:Programma
""")
    result = run("WEB-17", "GEM", ledger=geladen.path)
    assert result.exit_code == 0, result.output
    # The last booking is of 2025; today is in 2026, a year without a begroting on this ledger.
    assert result.stdout.startswith("Beschikbaarheid 2026 WEB-17/GEM")
    assert "Voor 2026 staat geen begroting in het grootboek" in result.stdout
    assert "WEB-17/GEM 2026, stand per 8 december 2026: geen begroting voor 2026, niet bewaakt." in result.stderr


@pytest.mark.parametrize(("args", "melding"), [
    (("WEB-71", "SPUK"), "Onbekende actielijn: WEB-71. Bedoelt u WEB-17?"),
    (("web-17", "SPUK"), "Onbekende actielijn: web-17. Bedoelt u WEB-17?"),
    (("WEB-17", "SPUKK"), "Onbekende geldstroom: SPUKK. Bedoelt u SPUK?"),
    (("WEB-17", "EIGEN"), "De eigen middelen van partners (EIGEN) hebben geen begroting"),
])
def test_cli_unknown_line_is_a_usage_error(args: tuple[str, str], melding: str) -> None:
    result = run(*args, "--jaar", "2025")
    assert result.exit_code == 2
    assert melding in result.stderr
    assert result.stdout == ""


# ---- Fava ----------------------------------------------------------------------------------------


def test_fava_page(tmp_path: Path, ledger: Ledger) -> None:
    path = tmp_path / "grootboek.beancount"
    path.write_text(MAIN.read_text(encoding="utf-8") + '\n2023-01-01 custom "fava-extension" "reports.fava_ext"\n',
                    encoding="utf-8")
    app = create_app([str(path)], read_only=True, load=True)
    client = app.test_client()
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    basis = f"/{slug}/extension/Beschikbaarheid/"
    index = client.get(f"{basis}?jaar=2025")
    assert index.status_code == 200
    html = index.get_data(as_text=True)
    # The year's index: each line's figures lead to its overview.
    assert f'<a href="{basis}?actielijn=WEB-17&amp;stroom=SPUK&amp;jaar=2025">€ 5.500,00</a>' in html
    pagina = client.get(f"{basis}?actielijn=WEB-17&stroom=SPUK&jaar=2025")
    assert pagina.status_code == 200
    html = pagina.get_data(as_text=True)
    overzicht = beschikbaarheid(ledger.entries, ledger.programma, 2025, "WEB-17", "SPUK")
    assert html.count("<tr><td class=\"tekst\">") == len(overzicht.regels) == 8
    assert ('<td class="tekst">15-10-2025</td><td class="tekst">Uitgave</td><td class="tekst">NWWP — Extra '
            'werkervaringsplekken</td><td class="num">€ 13.500,00</td><td class="num">€ 110.000,00</td>'
            '<td class="num">€ 85.500,00</td><td class="num">€ 30.000,00</td><td class="num">€ −5.500,00</td>'
            '<td class="num">€ 5.500,00</td>') in html
    assert "€ 5.500,00 boven de begroting; overschreden op 20 mei 2025" in html
    # The other years keep the budget line chosen.
    assert f'<a href="{basis}?time=2026&amp;actielijn=WEB-17&amp;stroom=SPUK">2026</a>' in html
    # Fava's time filter: stand per 30 June 2025, five rows.
    juni = client.get(f"{basis}?actielijn=WEB-17&stroom=SPUK&time=2025-06").get_data(as_text=True)
    assert "stand per 30 juni 2025" in juni and juni.count("<tr><td class=\"tekst\">") == 5
    onbekend = client.get(f"{basis}?actielijn=WEB-71&stroom=SPUK&jaar=2025")
    assert onbekend.status_code == 200
    assert "Onbekende actielijn: WEB-71. Bedoelt u WEB-17?" in onbekend.get_data(as_text=True)
    download = client.get(f"{basis}download?formaat=xlsx&actielijn=WEB-17&stroom=SPUK&jaar=2025")
    assert download.status_code == 200
    blad = openpyxl.load_workbook(io.BytesIO(download.data)).worksheets[0]
    assert blad["A1"].value.startswith("Beschikbaarheid 2025 WEB-17/SPUK")
    assert client.get(f"{basis}download?formaat=xlsx&actielijn=WEB-71&stroom=SPUK&jaar=2025").status_code == 400


def test_demo_overview_agrees_with_realisatie(demo: Ledger) -> None:
    """On the demo: every budget line of the current year at the peildatum is snw realisatie's line."""
    jaar = 2026
    posten = beschikbaarheid_posten(demo.entries, demo.programma, jaar)
    realisatie = realisatie_per_post(demo.entries, demo.programma, jaar)
    per_post = {(p.actielijn, p.stroom): p for p in realisatie.posten}
    per_lijn = {(b.actielijn, b.stroom): b for b in posten}
    assert len(posten) > 20
    for key, post in per_post.items():
        b = per_lijn.get(key)
        if b is None:  # realisatie also lists a line with only open commitments of earlier years
            assert post.begroot == post.gerealiseerd == post.open_verplicht == 0, post
            assert post.open_eerder > 0
            continue
        assert b.peildatum == realisatie.peildatum
        assert (b.begroot, b.besteed, b.open_verplicht, b.overschrijding) == (
            post.begroot, post.gerealiseerd, post.open_verplicht, post.overschrijding), key
    for key, b in per_lijn.items():  # and every line of the overview is a line of realisatie
        assert key in per_post, key


def test_a_commitment_lowered_and_closed_is_a_row_that_frees_budget(tmp_path: Path) -> None:
    """WEB-02/SPUK 2025: budget 50.000; V-2025-03 commits 40.000, 15.000 of it paid, so 25.000 open
    and 10.000 available. Lowered by 5.000 on 1 December: open 20.000, available 15.000; closed on
    20 December: open 0, available 35.000 (= 50.000 − 15.000 spent)."""
    path = tmp_path / "grootboek.beancount"
    path.write_text(MAIN.read_text(encoding="utf-8") + """
2025-12-01 custom "verplichting-wijziging" "V-2025-03" -5000.00 EUR
  reden: "Minder taallessen nodig"
2025-12-20 custom "verplichting-afsluiting" "V-2025-03"
  reden: "Taalhuizen 2025 afgerond"
""", encoding="utf-8")
    geladen = load_ledger(path, cache=False)
    rijen = beschikbaarheid(geladen.entries, geladen.programma, 2025, "WEB-02", "SPUK").regels
    wijzigingen = [r for r in rijen if r.soort == "verplichtingswijziging"]
    assert [(r.datum, r.bedrag, r.open_verplicht, r.begroot - r.besteed - r.open_verplicht) for r in wijzigingen] == [
        (datetime.date(2025, 12, 1), D("-5000.00"), D("20000.00"), D("15000.00")),
        (datetime.date(2025, 12, 20), D("-20000.00"), D("0.00"), D("35000.00")),
    ]
    assert wijzigingen[1].omschrijving == "Afgesloten: Taalhuizen 2025 afgerond"


def test_fava_page_escapes_the_ledgers_text(tmp_path: Path) -> None:
    """A narration and payee with markup show as text on the overview, never as live elements."""
    path = tmp_path / "grootboek.beancount"
    path.write_text(MAIN.read_text(encoding="utf-8") + """
2023-01-01 custom "fava-extension" "reports.fava_ext"
2025-11-20 * "<b onmouseover=x>NWWP</b>" "<img src=x onerror=alert(1)>"
  Expenses:Actielijn:WEB:WEB-02-Taalhuizen:SPUK        100.00 EUR
  Assets:Bank:Programma
""", encoding="utf-8")
    app = create_app([str(path)], read_only=True, load=True)
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    html = app.test_client().get(f"/{slug}/extension/Beschikbaarheid/?actielijn=WEB-02&stroom=SPUK&jaar=2025") \
        .get_data(as_text=True)
    assert "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html

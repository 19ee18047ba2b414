"""Commitments over their whole life, and the budget itself checked (issue 17, points 5, 7 and 9).

Each test writes a small hand-built ledger (BASIS plus a fragment) into ``tmp_path``; the line
that must be reported carries the marker ``; <- fout``. Figures are computed by hand in the
comments. BASIS: stream SPUK (awarded 500.000, 2024-01-01 .. 2025-12-31), stream GEM (awarded
300.000, 2024 .. 2027), actielijnen WEB-17 and VEI-11, partner NWWP; "today" is pinned to the
last entry (``custom "instelling" "vandaag"``), so a test gives the same answer on any day.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from beancount import loader
from click.testing import CliRunner

from cli.main import cli
from ledger import model
from ledger.errors import BegrotingError
from ledger.errors import BegrotingWaarschuwing
from ledger.errors import DeclaratieError
from ledger.errors import VerplichtingError
from ledger.errors import is_warning
from ledger.load import load_ledger
from reports.compute.begroting import begroting
from reports.compute.verplichtingstanden import verplichtingen_standen

D = Decimal
MARKER = "; <- fout"
WEB17 = "Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk"
VEI11 = "Expenses:Actielijn:VEI:VEI-11-Credible-Messengers"

BASIS = """
option "title" "Levensloop"
option "operating_currency" "EUR"
plugin "ledger.plugins.snw"

2023-01-01 custom "instelling" "vandaag" {vandaag}
2023-01-01 custom "domein" "VEI" "Veiligheid"
2023-01-01 custom "domein" "WEB" "Werk en bestaanszekerheid"
2023-01-01 custom "partner" "NWWP" "Nieuw-West Werkt & Participeert"
  type: "maatschappelijke organisatie"
2023-01-01 open Assets:Bank:Programma
2023-01-01 open Expenses:Actielijn:VEI:VEI-11-Credible-Messengers
  code: "VEI-11"
  naam: "Credible Messengers"
  domein: "VEI"
2023-01-01 open Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk
  code: "WEB-17"
  naam: "Werkgroep Werk"
  domein: "WEB"
2023-01-01 custom "geldstroom" "SPUK" "SPUK Kansrijke Wijk"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 500000.00 EUR
  van: 2024-01-01
  tot: 2025-12-31
2023-01-01 custom "geldstroom" "GEM" "Gemeentelijke middelen"
  herkomst: "gemeente"
  status: "toegekend"
  bedrag: 300000.00 EUR
  van: 2024-01-01
  tot: 2027-12-31
2024-01-02 * "Rijk" "Beschikking SPUK"
  Assets:Te-ontvangen:SPUK            500000.00 EUR
  Liabilities:Nog-te-besteden:SPUK
2024-01-02 * "Gemeente" "Toekenning GEM"
  Assets:Te-ontvangen:GEM             300000.00 EUR
  Liabilities:Nog-te-besteden:GEM
2024-12-10 custom "ab-besluit" "AB-1" "Vaststelling begroting 2025"
"""


def schrijf(tmp_path: Path, fragment: str, vandaag: str = "2024-01-01") -> tuple[Path, list[int]]:
    text = BASIS.format(vandaag=vandaag).lstrip("\n") + fragment.strip("\n") + "\n"
    path = tmp_path / "grootboek.beancount"
    path.write_text(text.replace(MARKER, ""), encoding="utf-8")
    marked = [number for number, line in enumerate(text.splitlines(), start=1) if MARKER in line]
    return path, marked


def laad(tmp_path: Path, fragment: str, vandaag: str = "2024-01-01") -> tuple[list, list, list[int]]:
    path, marked = schrijf(tmp_path, fragment, vandaag)
    entries, errors, _ = loader.load_file(str(path))
    return entries, errors, marked


def gevonden(errors: list) -> list[tuple[type, str, int]]:
    return [(type(e), e.message, e.source["lineno"]) for e in errors]


# --- the directives --------------------------------------------------------------------------

def test_changes_are_parsed_onto_the_commitment(tmp_path: Path) -> None:
    entries, errors, _ = laad(tmp_path, """
2025-01-10 custom "verplichting" "WEB-17" "SPUK" 60000.00 EUR
  kenmerk: "V-1"
2025-03-01 custom "verplichting-wijziging" "V-1" -15000.00 EUR
  reden: "Minder trajecten"
2025-04-01 custom "verplichting-wijziging" "V-1" 5000.00 EUR
  reden: "Extra groep"
2025-05-01 custom "verplichting-afsluiting" "V-1"
  reden: "Eindafrekening ontvangen"
""")
    assert errors == []
    programma, fouten = model.parse_programma(entries)
    assert fouten == []
    (v,) = programma.verplichtingen
    assert [(w.soort, w.datum, w.bedrag, w.reden) for w in v.wijzigingen] == [
        ("wijziging", datetime.date(2025, 3, 1), D("-15000.00"), "Minder trajecten"),
        ("wijziging", datetime.date(2025, 4, 1), D("5000.00"), "Extra groep"),
        ("afsluiting", datetime.date(2025, 5, 1), D(0), "Eindafrekening ontvangen"),
    ]
    # committed: 60.000 until 28 Feb, 45.000 from 1 March, 50.000 from 1 April
    assert (v.verplicht_op(datetime.date(2025, 2, 28)), v.verplicht_op(datetime.date(2025, 3, 1)),
            v.verplicht_op(datetime.date(2025, 4, 1))) == (D("60000.00"), D("45000.00"), D("50000.00"))
    assert v.afgesloten_op(datetime.date(2025, 4, 30)) is None
    assert v.afgesloten_op(datetime.date(2025, 5, 1)) == datetime.date(2025, 5, 1)


def test_malformed_changes_are_reported_at_their_line(tmp_path: Path) -> None:
    _, errors, marked = laad(tmp_path, """
2025-01-10 custom "verplichting" "WEB-17" "SPUK" 10000.00 EUR
  kenmerk: "V-1"
2025-02-01 custom "verplichting-wijziging" "V-9" -1000.00 EUR ; <- fout
  reden: "Bestaat niet"
2025-02-02 custom "verplichting-wijziging" "V-1" -1000.00 EUR ; <- fout
2025-02-03 custom "verplichting-wijziging" "V-1" 0.00 EUR ; <- fout
  reden: "Niets"
2025-02-04 custom "verplichting-wijziging" "V-1" -10000.01 EUR ; <- fout
  reden: "Te ver omlaag"
2025-02-05 custom "verplichting-afsluiting" "V-1" 5.00 EUR ; <- fout
  reden: "Met bedrag"
2025-03-01 custom "verplichting-afsluiting" "V-1"
  reden: "Klaar"
2025-03-02 custom "verplichting-wijziging" "V-1" 100.00 EUR ; <- fout
  reden: "Na afsluiting"
""")
    assert gevonden(errors) == list(zip(
        [DeclaratieError, DeclaratieError, DeclaratieError, VerplichtingError, VerplichtingError, VerplichtingError],
        ["Ongeldige declaratie: verplichting-wijziging van V-1 heeft een reden: nodig",
         "Ongeldige declaratie: verplichting-wijziging van V-1 heeft een bedrag nodig (positief verhoogt, negatief "
         "verlaagt), bijvoorbeeld -5000.00 EUR",
         "Ongeldige declaratie: verplichting-afsluiting van V-1 heeft geen bedrag: wat dan open is, valt vrij",
         "Ongeldige declaratie: verplichting-wijziging van onbekende verplichting V-9",
         "Ongeldige declaratie: verplichting-wijziging maakt V-1 negatief",
         "Ongeldige declaratie: verplichting-wijziging van V-1, die op 2025-03-01 is afgesloten"],
        [marked[1], marked[2], marked[4], marked[0], marked[3], marked[5]], strict=True))


# --- open never below 0; overpaid is a finding ---------------------------------------------

def _betaald(bedrag: str) -> str:
    return f"""
2025-01-10 custom "verplichting" "WEB-17" "SPUK" 10000.00 EUR
  kenmerk: "V-1"
2025-02-01 * "NWWP" "Eerste termijn" ^V-1
  {WEB17}:SPUK   6000.00 EUR
  Assets:Bank:Programma
2025-03-01 * "NWWP" "Slottermijn" ^V-1
  {WEB17}:SPUK   {bedrag} EUR ; <- fout
  Assets:Bank:Programma
"""


def test_paying_exactly_the_commitment_is_no_finding(tmp_path: Path) -> None:
    # 6.000 + 4.000 = 10.000 = committed: open 0, nothing reported
    _, errors, _ = laad(tmp_path, _betaald("4000.00"))
    assert errors == []


def test_one_cent_over_the_commitment_is_a_finding_at_the_payment(tmp_path: Path) -> None:
    # 6.000 + 4.000,01 = 10.000,01 > 10.000
    _, errors, marked = laad(tmp_path, _betaald("4000.01"))
    assert gevonden(errors) == [(VerplichtingError, "Betaling boven verplichting V-1: betaald € 10.000,01, "
                                                    "verplicht € 10.000,00", marked[0])]


def test_open_never_goes_below_zero_in_the_reports(tmp_path: Path) -> None:
    path, _ = schrijf(tmp_path, _betaald("4500.00"))
    ledger = load_ledger(path, cache=False)
    (stand,) = verplichtingen_standen(ledger.entries, ledger.programma, datetime.date(2025, 12, 31))
    # paid 10.500 on 10.000: open 0, not -500
    assert (stand.bedrag, stand.betaald, stand.open) == (D("10000.00"), D("10500.00"), D(0))


# --- a payment in a later year on an older commitment --------------------------------------

def _later_jaar(budget_2026: str) -> str:
    return f"""
2024-12-10 custom "begroting" 2025 "VEI-11" "GEM" 50000.00 EUR
  besluit: "AB-1"
2025-12-10 custom "ab-besluit" "AB-2" "Vaststelling begroting 2026"
2025-12-10 custom "begroting" 2026 "VEI-11" "GEM" {budget_2026} EUR
  besluit: "AB-2"
  toelichting: "Restant van de verplichting van 2025"
2025-02-01 custom "verplichting" "VEI-11" "GEM" 50000.00 EUR
  kenmerk: "V-2025"
2025-06-01 * "NWWP" "Termijn 2025" ^V-2025
  {VEI11}:GEM   30000.00 EUR
  Assets:Bank:Programma
2026-02-01 * "NWWP" "Termijn 2026 op de verplichting van 2025" ^V-2025
  {VEI11}:GEM   20000.00 EUR ; <- fout
  Assets:Bank:Programma
"""


def test_a_later_year_payment_on_an_older_commitment_is_spending_of_that_year(tmp_path: Path) -> None:
    # 2025: commitment 50.000 uses 50.000 of 50.000 (30.000 paid in 2025, 20.000 open): within.
    # 2026: the 20.000 paid on the 2025 commitment is spending of 2026: 20.000 = the 2026 budget: within.
    _, errors, _ = laad(tmp_path, _later_jaar("20000.00"))
    assert errors == []


def test_a_later_year_payment_over_that_years_budget_is_reported(tmp_path: Path) -> None:
    # 2026 budget 19.999,99 < 20.000 spent in 2026 (the 2025 commitment's open amount does not cover it)
    _, errors, marked = laad(tmp_path, _later_jaar("19999.99"))
    assert gevonden(errors) == [(BegrotingError, "Overschrijding begroting 2026 VEI-11/GEM: besteed € 20.000,00, "
                                                 "begroot € 19.999,99; € 0,01 boven de begroting", marked[0])]


# --- a same-day amendment applies before that day's spending -------------------------------

def _zelfde_dag(datum: str) -> str:
    return f"""
2024-12-10 custom "begroting" 2025 "VEI-11" "GEM" 100000.00 EUR
  besluit: "AB-1"
2025-05-01 * "NWWP" "Voorjaar"
  {VEI11}:GEM   95000.00 EUR
  Assets:Bank:Programma
{datum} custom "begrotingswijziging" 2025 "VEI-11" "GEM" 10000.00 EUR
  besluit: "AB-1"
  toelichting: "Extra groep"
2025-06-01 * "NWWP" "Juni"
  {VEI11}:GEM   10000.00 EUR ; <- fout
  Assets:Bank:Programma
"""


def test_an_amendment_dated_the_same_day_applies_before_that_days_spending(tmp_path: Path) -> None:
    # 95.000 + 10.000 = 105.000 <= 100.000 + 10.000 (the amendment of 1 June counts before the posting of 1 June)
    _, errors, _ = laad(tmp_path, _zelfde_dag("2025-06-01"))
    assert errors == []


def test_an_amendment_a_day_later_does_not_cover_the_spending(tmp_path: Path) -> None:
    # on 1 June the budget is still 100.000: 105.000 is over
    _, errors, marked = laad(tmp_path, _zelfde_dag("2025-06-02"))
    assert gevonden(errors) == [(BegrotingError, "Overschrijding begroting 2025 VEI-11/GEM: besteed € 105.000,00, "
                                                 "begroot € 100.000,00; € 5.000,00 boven de begroting", marked[0])]


# --- a commitment lowered and closed --------------------------------------------------------

LEVENSLOOP = f"""
2024-12-10 custom "begroting" 2025 "VEI-11" "GEM" 100000.00 EUR
  besluit: "AB-1"
2025-01-10 custom "verplichting" "VEI-11" "GEM" 60000.00 EUR
  kenmerk: "V-1"
2025-02-01 * "NWWP" "Termijn" ^V-1
  {VEI11}:GEM   20000.00 EUR
  Assets:Bank:Programma
{{verlaging}}
2025-04-01 * "NWWP" "Zonder verplichting"
  {VEI11}:GEM   55000.00 EUR ; <- fout
  Assets:Bank:Programma
{{afsluiting}}
2025-06-01 * "NWWP" "Na de afsluiting"
  {VEI11}:GEM   25000.00 EUR ; <- fout
  Assets:Bank:Programma
"""
VERLAGING = """2025-03-01 custom "verplichting-wijziging" "V-1" -15000.00 EUR
  reden: "Minder deelnemers\""""
AFSLUITING = """2025-05-01 custom "verplichting-afsluiting" "V-1"
  reden: "Eindafrekening\""""


def test_lowering_and_closing_free_budget_from_their_date(tmp_path: Path) -> None:
    # uses = spent + open: after the payment 20.000 + 40.000; lowered by 15.000 on 1 March: 20.000 + 25.000;
    # 1 April +55.000: 75.000 + 25.000 = 100.000 (at the budget, no finding); closed 1 May: 75.000 + 0;
    # 1 June +25.000: 100.000 + 0 = 100.000: no finding.
    _, errors, _ = laad(tmp_path, LEVENSLOOP.format(verlaging=VERLAGING, afsluiting=AFSLUITING))
    assert errors == []


def test_without_the_lowering_the_spending_is_over(tmp_path: Path) -> None:
    # 1 April: 75.000 + 40.000 = 115.000 > 100.000; closed 1 May: 75.000; 1 June: 100.000, within
    _, errors, marked = laad(tmp_path, LEVENSLOOP.format(verlaging="", afsluiting=AFSLUITING))
    assert gevonden(errors) == [(BegrotingError, "Overschrijding begroting 2025 VEI-11/GEM: besteed € 75.000,00 plus "
                                                 "open verplichtingen € 40.000,00 = € 115.000,00, begroot € 100.000,00; "
                                                 "€ 15.000,00 boven de begroting",
                                 marked[0])]


def test_without_the_closing_the_last_spending_is_over(tmp_path: Path) -> None:
    # 1 June: 100.000 + 25.000 open = 125.000 > 100.000
    _, errors, marked = laad(tmp_path, LEVENSLOOP.format(verlaging=VERLAGING, afsluiting=""))
    assert gevonden(errors) == [(BegrotingError, "Overschrijding begroting 2025 VEI-11/GEM: besteed € 100.000,00 plus "
                                                 "open verplichtingen € 25.000,00 = € 125.000,00, begroot € 100.000,00; "
                                                 "€ 25.000,00 boven de begroting",
                                 marked[1])]


def test_the_commitment_before_and_after_its_changes(tmp_path: Path) -> None:
    path, _ = schrijf(tmp_path, LEVENSLOOP.format(verlaging=VERLAGING, afsluiting=AFSLUITING))
    ledger = load_ledger(path, cache=False)

    def stand(dag: datetime.date):  # noqa: ANN202
        (s,) = verplichtingen_standen(ledger.entries, ledger.programma, dag)
        return s.bedrag, s.betaald, s.open, s.afgesloten, s.vrijgevallen

    # before the lowering: 60.000 committed, 20.000 paid, 40.000 open
    assert stand(datetime.date(2025, 2, 28)) == (D("60000.00"), D("20000.00"), D("40000.00"), None, D(0))
    # lowered: 45.000 committed, 25.000 open
    assert stand(datetime.date(2025, 4, 30)) == (D("45000.00"), D("20000.00"), D("25000.00"), None, D(0))
    # closed on 1 May: open 0, the 25.000 released
    assert stand(datetime.date(2025, 5, 1)) == (D("45000.00"), D("20000.00"), D(0), datetime.date(2025, 5, 1),
                                                D("25000.00"))


def test_a_raise_uses_more_budget_and_is_reported_at_the_change(tmp_path: Path) -> None:
    # committed 60.000, raised by 45.000 on 1 March: 20.000 spent + 85.000 open = 105.000 > 100.000
    _, errors, marked = laad(tmp_path, f"""
2024-12-10 custom "begroting" 2025 "VEI-11" "GEM" 100000.00 EUR
  besluit: "AB-1"
2025-01-10 custom "verplichting" "VEI-11" "GEM" 60000.00 EUR
  kenmerk: "V-1"
2025-02-01 * "NWWP" "Termijn" ^V-1
  {VEI11}:GEM   20000.00 EUR
  Assets:Bank:Programma
2025-03-01 custom "verplichting-wijziging" "V-1" 45000.00 EUR ; <- fout
  reden: "Uitbreiding"
""")
    assert gevonden(errors) == [(BegrotingError, "Verplichting boven begroting 2025 VEI-11/GEM: besteed € 20.000,00 "
                                                 "plus open verplichtingen € 85.000,00 = € 105.000,00, begroot "
                                                 "€ 100.000,00; € 5.000,00 boven de begroting", marked[0])]


def test_a_raise_beyond_the_stream_is_reported_at_the_change(tmp_path: Path) -> None:
    # GEM has 300.000: 250.000 committed, raised by 50.000,01 = 300.000,01
    _, errors, marked = laad(tmp_path, """
2025-01-10 custom "verplichting" "VEI-11" "GEM" 250000.00 EUR
  kenmerk: "V-1"
2025-03-01 custom "verplichting-wijziging" "V-1" 50000.01 EUR ; <- fout
  reden: "Uitbreiding"
""")
    assert gevonden(errors) == [(VerplichtingError, "Verplichtingen overschrijden geldstroom GEM: besteed plus open "
                                                    "verplichtingen € 300.000,01, beschikbaar € 300.000,00", marked[0])]


def test_lowering_below_what_is_paid_and_paying_a_closed_one_are_findings(tmp_path: Path) -> None:
    _, errors, marked = laad(tmp_path, f"""
2025-01-10 custom "verplichting" "VEI-11" "GEM" 30000.00 EUR
  kenmerk: "V-1"
2025-02-01 * "NWWP" "Termijn" ^V-1
  {VEI11}:GEM   20000.00 EUR
  Assets:Bank:Programma
2025-03-01 custom "verplichting-wijziging" "V-1" -10000.01 EUR ; <- fout
  reden: "Te ver omlaag"
2025-04-01 custom "verplichting-afsluiting" "V-1"
  reden: "Klaar"
2025-05-01 * "NWWP" "Na de afsluiting" ^V-1
  {VEI11}:GEM   100.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    # 30.000 − 10.000,01 = 19.999,99 < 20.000 paid
    assert gevonden(errors) == [
        (VerplichtingError, "Verlaging onder betaald: verplichting V-1 wordt € 19.999,99, er is al € 20.000,00 "
                            "betaald", marked[0]),
        (VerplichtingError, "Betaling op afgesloten verplichting V-1: afgesloten op 1 april 2025", marked[1])]


# --- open after the end: a finding at the commitment's line -------------------------------

EINDE = f"""
2025-01-10 custom "verplichting" "WEB-17" "SPUK" 40000.00 EUR ; <- fout
  kenmerk: "V-SPUK"
2025-06-01 * "NWWP" "Termijn" ^V-SPUK
  {WEB17}:SPUK   {{betaald}} EUR
  Assets:Bank:Programma
"""


def test_open_on_an_ended_stream_is_a_finding_at_the_commitment(tmp_path: Path) -> None:
    # SPUK ended 31-12-2025; judged on 1 January 2026 (vandaag): 40.000 − 28.000 = 12.000 open
    _, errors, marked = laad(tmp_path, EINDE.format(betaald="28000.00"), vandaag="2026-01-01")
    assert gevonden(errors) == [(VerplichtingError, "Verplichting V-SPUK staat nog open na het einde van geldstroom "
                                                    "SPUK (31-12-2025): open € 12.000,00", marked[0])]


def test_on_the_streams_last_day_it_is_not_yet_a_finding(tmp_path: Path) -> None:
    _, errors, _ = laad(tmp_path, EINDE.format(betaald="28000.00"), vandaag="2025-12-31")
    assert errors == []


def test_the_last_entry_counts_when_it_is_later_than_today(tmp_path: Path) -> None:
    # vandaag 2024-01-01, but an entry of 2 January 2026 lies after the end
    _, errors, _ = laad(tmp_path, EINDE.format(betaald="28000.00") + """
2026-01-02 custom "ab-besluit" "AB-9" "Later besluit"
""")
    assert [e.message for e in errors] == ["Verplichting V-SPUK staat nog open na het einde van geldstroom SPUK "
                                           "(31-12-2025): open € 12.000,00"]


def test_fully_paid_on_an_ended_stream_is_no_finding(tmp_path: Path) -> None:
    _, errors, _ = laad(tmp_path, EINDE.format(betaald="40000.00"), vandaag="2026-06-30")
    assert errors == []


def test_closed_on_an_ended_stream_is_no_finding(tmp_path: Path) -> None:
    _, errors, _ = laad(tmp_path, EINDE.format(betaald="28000.00") + """
2026-01-31 custom "verplichting-afsluiting" "V-SPUK"
  reden: "Eindafrekening: het restant wordt niet betaald"
""", vandaag="2026-06-30")
    assert errors == []


def test_open_past_its_own_end_date_is_a_finding(tmp_path: Path) -> None:
    # GEM runs to 2027, the commitment's own einddatum is 30 June 2025; 10.000 − 4.000 = 6.000 open
    _, errors, marked = laad(tmp_path, f"""
2025-01-10 custom "verplichting" "VEI-11" "GEM" 10000.00 EUR ; <- fout
  kenmerk: "V-EIGEN-EINDE"
  einddatum: 2025-06-30
2025-02-01 * "NWWP" "Termijn" ^V-EIGEN-EINDE
  {VEI11}:GEM   4000.00 EUR
  Assets:Bank:Programma
""", vandaag="2025-07-01")
    assert gevonden(errors) == [(VerplichtingError, "Verplichting V-EIGEN-EINDE staat nog open na haar einddatum "
                                                    "(30-06-2025): open € 6.000,00", marked[0])]


def test_expired_open_commitments_are_a_risk_in_the_begroting(tmp_path: Path) -> None:
    path, _ = schrijf(tmp_path, EINDE.format(betaald="28000.00") + """
2025-12-10 custom "ab-besluit" "AB-2" "Vaststelling begroting 2026"
2025-12-10 custom "begroting" 2026 "VEI-11" "GEM" 100000.00 EUR
  besluit: "AB-2"
""", vandaag="2026-01-01")
    ledger = load_ledger(path, cache=False)
    b = begroting(ledger.entries, ledger.programma, 2026, datetime.date(2026, 3, 1))
    (risico,) = [r for r in b.risicos if r.soort == "verlopen"]
    # 12.000 open on SPUK after 31-12-2025; kans middel (0,5): weighted 6.000
    assert (risico.stroom, risico.bedrag, risico.aantal, risico.kans, risico.gewogen) == (
        "SPUK", D("12000.00"), 1, "middel", D("6000.00"))


# --- the budget itself checked ----------------------------------------------------------------

def test_a_budget_line_past_its_streams_end_is_a_finding(tmp_path: Path) -> None:
    _, errors, marked = laad(tmp_path, """
2025-12-10 custom "ab-besluit" "AB-2" "Vaststelling begroting 2026"
2025-12-10 custom "begroting" 2026 "WEB-17" "SPUK" 1000.00 EUR ; <- fout
  besluit: "AB-2"
2025-12-10 custom "begroting" 2025 "WEB-17" "SPUK" 1000.00 EUR
  besluit: "AB-2"
""")
    fouten = [e for e in errors if not is_warning(e)]
    assert gevonden(fouten) == [(BegrotingError, "Begroting buiten de looptijd: begroting 2026 WEB-17/SPUK: de "
                                                 "looptijd van SPUK (01-01-2024 t/m 31-12-2025) raakt 2026 niet",
                                 marked[0])]


def test_an_adopted_line_on_an_expected_stream_is_a_warning_a_draft_none(tmp_path: Path) -> None:
    _, errors, marked = laad(tmp_path, """
2023-01-01 custom "geldstroom" "EXTRA" "Verwacht geld"
  status: "verwacht"
  bedrag: 100000.00 EUR
2024-12-10 custom "begroting" 2025 "VEI-11" "EXTRA" 1000.00 EUR ; <- fout
  besluit: "AB-1"
2024-12-11 custom "begroting" 2026 "VEI-11" "EXTRA" 1000.00 EUR
""")
    assert gevonden([e for e in errors if "niet-toegekende" in e.message]) == [(
        BegrotingWaarschuwing, "Waarschuwing: vastgestelde begroting op een niet-toegekende geldstroom: begroting "
                               "2025 VEI-11/EXTRA: EXTRA is verwacht; dit geld is nog geen dekking", marked[0])]
    assert not [e for e in errors if not is_warning(e)]


def test_an_expected_stream_awarded_later_covers_the_line(tmp_path: Path) -> None:
    _, errors, _ = laad(tmp_path, """
2023-01-01 custom "geldstroom" "EXTRA" "Verwacht geld"
  status: "verwacht"
  bedrag: 100000.00 EUR
2024-12-10 custom "begroting" 2025 "VEI-11" "EXTRA" 1000.00 EUR
  besluit: "AB-1"
2025-02-01 custom "geldstroom-wijziging" "EXTRA"
  status: "toegekend"
""")
    assert not [e for e in errors if "niet-toegekende" in e.message]


def _boven(tweede: str) -> str:
    return f"""
2024-12-10 custom "begroting" 2025 "VEI-11" "GEM" 200000.00 EUR
  besluit: "AB-1"
2025-12-10 custom "ab-besluit" "AB-2" "Vaststelling begroting 2026"
2025-12-10 custom "begroting" 2026 "VEI-11" "GEM" {tweede} EUR ; <- fout
  besluit: "AB-2"
  toelichting: "Afbouw"
"""


def test_budget_over_all_years_exactly_the_award_is_no_finding(tmp_path: Path) -> None:
    # GEM awarded 300.000: 200.000 (2025) + 100.000 (2026) = 300.000
    _, errors, _ = laad(tmp_path, _boven("100000.00"))
    assert errors == []


def test_budget_over_all_years_beyond_the_award_is_a_finding(tmp_path: Path) -> None:
    # 200.000 + 100.000,01 = 300.000,01 > 300.000
    _, errors, marked = laad(tmp_path, _boven("100000.01"))
    assert gevonden(errors) == [(BegrotingError, "Begroting boven toegezegd bedrag: begroting 2026 VEI-11/GEM: begroot "
                                                 "op GEM over alle jaren € 300.000,01, toegezegd € 300.000,00 "
                                                 "(€ 0,01 te veel)", marked[0])]


def test_partners_own_means_beyond_their_pledges_is_a_finding(tmp_path: Path) -> None:
    _, errors, marked = laad(tmp_path, """
2024-12-01 custom "toezegging" "NWWP" 2025 5000.00 EUR
2024-12-10 custom "begroting" 2025 "VEI-11" "EIGEN" 5000.00 EUR
  besluit: "AB-1"
2024-12-10 custom "begroting" 2025 "WEB-17" "EIGEN" 0.01 EUR ; <- fout
  besluit: "AB-1"
""")
    # pledged 5.000 for 2025; budgeted 5.000 (no finding) then 5.000,01
    assert gevonden(errors) == [(BegrotingError, "Begroting eigen middelen boven toezeggingen: begroting 2025 "
                                                 "WEB-17/EIGEN: begroot op EIGEN in 2025 € 5.000,01, toegezegd door "
                                                 "partners € 5.000,00", marked[0])]


def test_strikt_refuses_a_begroting_with_a_line_past_its_streams_end(tmp_path: Path) -> None:
    path, _ = schrijf(tmp_path, """
2025-12-10 custom "ab-besluit" "AB-2" "Vaststelling begroting 2026"
2025-12-10 custom "begroting" 2026 "WEB-17" "SPUK" 1000.00 EUR
  besluit: "AB-2"
""")
    out = tmp_path / "uit"
    result = CliRunner().invoke(cli, ["--grootboek", str(path), "--geen-cache", "begroting", "2026", "--naar", str(out),
                                      "--strikt"])
    assert result.exit_code == 1
    assert "Begroting buiten de looptijd: begroting 2026 WEB-17/SPUK" in result.output
    assert "--strikt maakt geen document" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_a_budget_line_without_toelichting_is_a_warning_of_the_plugin(tmp_path: Path) -> None:
    # bean-check (the loader) shows it, at the line: 2026 falls from 200.000 to 100.000 (−50%) without a toelichting
    _, errors, marked = laad(tmp_path, _boven("100000.00").replace('  toelichting: "Afbouw"\n', ""))
    assert gevonden(errors) == [(
        BegrotingWaarschuwing, "Waarschuwing: begroting 2026 VEI-11/GEM zonder toelichting: € 200.000,00 in 2025, "
                               "€ 100.000,00 in 2026 (−50%); zet toelichting: \"…\" bij de begrotingsregel", marked[0])]


def test_the_commitments_test_ledger_reports_its_expired_commitment() -> None:
    """tests/data/verplichtingen keeps V-2025-03 open on SPUK (ended 31-12-2025) on purpose: 40.000
    committed, 15.000 paid, 25.000 open, judged on 13 February 2026 (its last entry and vandaag).
    V-2025-02 ends on 30 June 2026 (its own einddatum): not yet."""
    main = Path(__file__).parent / "data" / "verplichtingen" / "grootboek.beancount"
    _, errors, _ = loader.load_file(str(main))
    regel = next(n for n, line in enumerate(main.read_text(encoding="utf-8").splitlines(), start=1)
                 if 'custom "verplichting" "WEB-02" "SPUK"' in line)
    assert [(e.message, e.source["lineno"]) for e in errors if isinstance(e, VerplichtingError)] == [
        ("Verplichting V-2025-03 staat nog open na het einde van geldstroom SPUK (31-12-2025): open € 25.000,00", regel)]


def test_snw_verplichtingen_shows_the_changes_and_the_closed_state(tmp_path: Path) -> None:
    from reports.compute.verplichtingen import verplichtingen_overzicht
    from reports.documents.verplichtingen import verplichtingen_tabel
    from reports.documents.verplichtingen import wijzigingen_tabel

    path, _ = schrijf(tmp_path, LEVENSLOOP.format(verlaging=VERLAGING, afsluiting=AFSLUITING))
    ledger = load_ledger(path, cache=False)
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, 2025, datetime.date(2025, 12, 31))
    tabel = verplichtingen_tabel(overzicht)
    koppen = [k.kop for k in tabel.kolommen]
    (rij,) = tabel.rijen
    waarde = dict(zip(koppen, rij, strict=True))
    # 60.000 − 15.000 = 45.000 committed, 20.000 paid, closed on 1 May with 25.000 released, open 0
    assert (waarde["Oorspronkelijk"], waarde["Wijzigingen"], waarde["Verplicht"], waarde["Betaald"],
            waarde["Open verplichting"], waarde["Afgesloten"], waarde["Vrijgevallen bij afsluiting"],
            waarde["Verlopen"]) == (D("60000.00"), D("-15000.00"), D("45000.00"), D("20000.00"), D(0),
                                    datetime.date(2025, 5, 1), D("25000.00"), "")
    assert wijzigingen_tabel(overzicht).rijen == (
        (datetime.date(2025, 3, 1), "V-1", "GEM", "VEI-11", "verlaging", D("-15000.00"), "Minder deelnemers"),
        (datetime.date(2025, 5, 1), "V-1", "GEM", "VEI-11", "afsluiting", D("-25000.00"), "Eindafrekening"),
    )

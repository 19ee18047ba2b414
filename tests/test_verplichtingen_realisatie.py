"""Commitments as figures (reports/compute/verplichtingen.py) and the year's realisation per budget
line (reports/compute/realisatie.py): exact figures on the hand-built ledger
tests/data/verplichtingen, and every figure reconciled with independent sums (beanquery over
the postings; the ``custom`` directives read straight from the entries, since beanquery cannot
read their values) on that ledger and on the demo.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount.core import data

from ledger.load import Ledger
from ledger.load import load_ledger
from reports.compute.realisatie import realisatie_per_post
from reports.compute.verplichtingen import verplichtingen_overzicht

D = Decimal
MAIN = Path(__file__).parent / "data" / "verplichtingen" / "grootboek.beancount"


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger(MAIN)


_CONNECTIONS: dict[int, object] = {}
_LINKED: dict[int, list] = {}


def connection(ledger: Ledger):  # noqa: ANN201
    key = id(ledger)
    if key not in _CONNECTIONS:
        _CONNECTIONS[key] = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                              options=ledger.options_map)
    return _CONNECTIONS[key]


def bq(ledger: Ledger, query: str) -> Decimal:
    rows = connection(ledger).execute(query).fetchall()
    value = rows[0][0] if rows else None
    return value if value is not None else D(0)


def per_account(ledger: Ledger, van: datetime.date, tot: datetime.date) -> dict[str, Decimal]:
    """beanquery: spending per actielijn stream leaf in a period."""
    rows = connection(ledger).execute(
        f"SELECT account, sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
        f"AND date >= {van.isoformat()} AND date <= {tot.isoformat()} GROUP BY account").fetchall()
    return {account: number for account, number in rows}


def declared_commitments(ledger: Ledger) -> dict[str, tuple[datetime.date, str, str, Decimal]]:
    """(datum, actielijn, stroom, bedrag) per kenmerk, read from the directives themselves."""
    out = {}
    for entry in ledger.entries:
        if isinstance(entry, data.Custom) and entry.type == "verplichting":
            values = [v.value for v in entry.values]
            out[entry.meta["kenmerk"]] = (entry.date, values[0], values[1], values[2].number)
    return out


def committed_and_closed(ledger: Ledger, kenmerk: str, bedrag: Decimal, tot: datetime.date) -> tuple[Decimal, bool]:
    """(committed at ``tot``, closed by then), read from the change directives themselves:
    ``verplichting-wijziging`` adds its amount, ``verplichting-afsluiting`` closes (open 0)."""
    closed = False
    for entry in ledger.entries:
        if (isinstance(entry, data.Custom) and entry.date <= tot and entry.values
                and entry.values[0].value == kenmerk):
            if entry.type == "verplichting-wijziging":
                bedrag += entry.values[1].value.number
            elif entry.type == "verplichting-afsluiting":
                closed = True
    return bedrag, closed


def independent_open(ledger: Ledger, kenmerk: str, actielijn: str, stroom: str, bedrag: Decimal,
                     tot: datetime.date) -> Decimal:
    """Open at ``tot``: committed − paid (beanquery), never below 0, 0 once closed."""
    committed, closed = committed_and_closed(ledger, kenmerk, bedrag, tot)
    return D(0) if closed else max(committed - paid_bq(ledger, kenmerk, actielijn, stroom, tot), D(0))


def actielijn_accounts(ledger: Ledger) -> dict[str, str]:
    return {e.meta["code"]: e.account for e in ledger.entries if isinstance(e, data.Open) and "code" in e.meta}


def paid_bq(ledger: Ledger, kenmerk: str, actielijn: str, stroom: str, tot: datetime.date) -> Decimal:
    """What beanquery's postings with the link ``^kenmerk`` on the commitment's leaf add up to."""
    key = id(ledger)
    if key not in _LINKED:  # one query for all linked spending postings, summed here
        _LINKED[key] = connection(ledger).execute(
            "SELECT date, links, account, number FROM postings WHERE account ~ '^Expenses:Actielijn:'").fetchall()
    account = f"{actielijn_accounts(ledger)[actielijn]}:{stroom}"
    return sum((number for datum, links, leaf, number in _LINKED[key]
                if kenmerk in links and leaf == account and datum <= tot), D(0))


# --- Hand-built ledger: exact figures ---------------------------------------------------------

def test_commitment_figures_at_the_end_of_2025(ledger: Ledger) -> None:
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, 2025)
    assert overzicht.peildatum == datetime.date(2025, 12, 31)
    assert [(v.kenmerk, v.stroom, v.actielijn, v.partner, v.bedrag, v.betaald, v.open, v.einddatum, v.verlopen)
            for v in overzicht.verplichtingen] == [
        ("V-2024-01", "SPUK", "WEB-17", "NWWP", D("60000.00"), D("60000.00"), D("0.00"),
         datetime.date(2025, 12, 31), False),
        ("V-2025-01", "SPUK", "WEB-17", "NWWP", D("90000.00"), D("90000.00"), D("0.00"),
         datetime.date(2025, 12, 31), False),
        ("V-2025-02", "GEM", "VEI-11", "ADAMAS", D("60000.00"), D("20000.00"), D("40000.00"),
         datetime.date(2026, 6, 30), False),  # its own einddatum
        ("V-2025-03", "SPUK", "WEB-02", "ADAMAS", D("40000.00"), D("15000.00"), D("25000.00"),
         datetime.date(2025, 12, 31), False),  # the stream's end, not yet passed on 31 December
    ]
    assert (overzicht.totaal("bedrag"), overzicht.totaal("betaald"), overzicht.totaal("open")) == (
        D("250000.00"), D("185000.00"), D("65000.00"))
    assert overzicht.verlopen == ()


def test_open_commitment_on_an_ended_stream_is_verlopen(ledger: Ledger) -> None:
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, 2026, datetime.date(2026, 2, 13))
    assert overzicht.peildatum == datetime.date(2026, 2, 13)
    standen = {v.kenmerk: v for v in overzicht.verplichtingen}
    assert (standen["V-2025-02"].betaald, standen["V-2025-02"].open, standen["V-2025-02"].verlopen) == (
        D("30000.00"), D("30000.00"), False)  # runs to 30 June 2026
    assert (standen["V-2025-03"].open, standen["V-2025-03"].verlopen) == (D("25000.00"), True)  # SPUK ended
    assert not standen["V-2025-01"].verlopen  # nothing open
    assert [v.kenmerk for v in overzicht.verlopen] == ["V-2025-03"]


def test_per_stream_totals(ledger: Ledger) -> None:
    eind_2025 = {s.stroom: s for s in verplichtingen_overzicht(ledger.entries, ledger.programma, 2025).stromen}
    assert [(s.stroom, s.toegekend, s.besteed, s.verplicht, s.betaald, s.open, s.open_verlopen,
             s.vrij_na_verplichtingen) for s in eind_2025.values()] == [
        ("GEM", D("300000.00"), D("60000.00"), D("60000.00"), D("20000.00"), D("40000.00"), D("0"),
         D("200000.00")),
        ("SPUK", D("500000.00"), D("190500.00"), D("190000.00"), D("165000.00"), D("25000.00"), D("0"),
         D("284500.00")),
    ]
    feb_2026 = {s.stroom: s for s in verplichtingen_overzicht(ledger.entries, ledger.programma, 2026).stromen}
    assert (feb_2026["GEM"].betaald, feb_2026["GEM"].open, feb_2026["GEM"].vrij_na_verplichtingen) == (
        D("30000.00"), D("30000.00"), D("200000.00"))
    assert feb_2026["SPUK"].open_verlopen == D("25000.00")


def test_realisation_per_budget_line_2025_with_an_overrun(ledger: Ledger) -> None:
    rapport = realisatie_per_post(ledger.entries, ledger.programma, 2025)
    assert rapport.peildatum == datetime.date(2025, 12, 31)
    # BBV art. 28: verschil = begroot na wijziging − gerealiseerd; vrij = verschil − open verplichtingen.
    assert [(p.actielijn, p.stroom, p.begroot, p.gerealiseerd, p.verschil, p.open_verplicht,
             p.vrij_na_verplichtingen) for p in rapport.posten] == [
        ("VEI-11", "GEM", D("80000.00"), D("35000.00"), D("45000.00"), D("40000.00"), D("5000.00")),
        ("WEB-02", "SPUK", D("50000.00"), D("15000.00"), D("35000.00"), D("25000.00"), D("10000.00")),
        # the overrun: 110.000 − 115.500 = −5.500, nothing open
        ("WEB-17", "SPUK", D("110000.00"), D("115500.00"), D("-5500.00"), D("0.00"), D("-5500.00")),
    ]
    assert (rapport.begroot, rapport.gerealiseerd, rapport.verschil, rapport.open_verplicht,
            rapport.vrij_na_verplichtingen, rapport.overschrijding) == (
        D("240000.00"), D("165500.00"), D("74500.00"), D("65000.00"), D("9500.00"), D("5500.00"))
    assert [p.actielijn for p in rapport.overschreden] == ["WEB-17"]
    assert rapport.per_stroom() == {
        "GEM": (D("80000.00"), D("35000.00"), D("45000.00"), D("40000.00"), D("5000.00")),
        "SPUK": (D("160000.00"), D("130500.00"), D("29500.00"), D("25000.00"), D("4500.00")),
    }


def test_realisation_2024_and_2026(ledger: Ledger) -> None:
    jaar_2024 = realisatie_per_post(ledger.entries, ledger.programma, 2024)
    assert [(p.actielijn, p.stroom, p.begroot, p.gerealiseerd, p.open_verplicht, p.vrij_na_verplichtingen)
            for p in jaar_2024.posten] == [
        ("VEI-11", "GEM", D("40000.00"), D("25000.00"), D("0"), D("15000.00")),
        ("WEB-17", "SPUK", D("60000.00"), D("60000.00"), D("0.00"), D("0.00")),
    ]
    # 2026: the 2025 commitment V-2025-02 counts in 2025; its 30.000 still open is shown apart.
    jaar_2026 = realisatie_per_post(ledger.entries, ledger.programma, 2026)
    assert [(p.actielijn, p.stroom, p.begroot, p.gerealiseerd, p.open_verplicht, p.open_eerder,
             p.vrij_na_verplichtingen) for p in jaar_2026.posten] == [
        ("VEI-11", "GEM", D("50000.00"), D("10000.00"), D("0"), D("30000.00"), D("40000.00")),
        ("WEB-02", "SPUK", D("0"), D("0"), D("0"), D("25000.00"), D("0")),
    ]


def test_a_payment_on_another_line_pays_nothing(tmp_path: Path) -> None:
    # ^V-2025-03 is a commitment on WEB-02; a payment with its link on WEB-17 is a rule violation
    # and leaves it as open as it was (the spending still counts on WEB-17).
    target = tmp_path / "grootboek.beancount"
    target.write_text(MAIN.read_text(encoding="utf-8") + """
2025-12-01 * "ADAMAS" "Taalhuizen, verkeerd geboekt" ^V-2025-03
  Expenses:Actielijn:WEB:WEB-17-Werkgroep-Werk:SPUK        5000.00 EUR
  Assets:Bank:Programma
""", encoding="utf-8")
    fout = load_ledger(target)
    assert any(e.message.startswith("Betaling past niet bij verplichting V-2025-03") for e in fout.errors)
    standen = {v.kenmerk: v for v in verplichtingen_overzicht(fout.entries, fout.programma, 2025).verplichtingen}
    assert (standen["V-2025-03"].betaald, standen["V-2025-03"].open) == (D("15000.00"), D("25000.00"))
    posten = {p.actielijn: p for p in realisatie_per_post(fout.entries, fout.programma, 2025).posten}
    assert (posten["WEB-17"].gerealiseerd, posten["WEB-17"].vrij_na_verplichtingen) == (D("120500.00"),
                                                                                        D("-10500.00"))
    assert posten["WEB-02"].open_verplicht == D("25000.00")


# --- Reconciliation with independent sums (hand-built ledger and demo) ----------------------

def stream_ends(ledger: Ledger, tot: datetime.date) -> dict[str, datetime.date]:
    """Each stream's ``tot`` as declared or last changed on or before ``tot``, from the directives."""
    out = {}
    for entry in ledger.entries:
        if (isinstance(entry, data.Custom) and entry.type in ("geldstroom", "geldstroom-wijziging")
                and entry.date <= tot and "tot" in entry.meta):
            out[entry.values[0].value] = entry.meta["tot"]
    return out


def check_commitments(ledger: Ledger, jaar: int) -> int:
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, jaar)
    tot = overzicht.peildatum
    ends = stream_ends(ledger, tot)
    own_ends = {e.meta["kenmerk"]: e.meta["einddatum"] for e in ledger.entries
                if isinstance(e, data.Custom) and e.type == "verplichting" and "einddatum" in e.meta}
    declared = {k: v for k, v in declared_commitments(ledger).items() if v[0] <= tot}
    assert sorted(v.kenmerk for v in overzicht.verplichtingen) == sorted(declared)
    open_per_stroom: dict[str, Decimal] = defaultdict(Decimal)
    for stand in overzicht.verplichtingen:
        datum, actielijn, stroom, bedrag = declared[stand.kenmerk]
        betaald = paid_bq(ledger, stand.kenmerk, actielijn, stroom, tot)
        committed, _ = committed_and_closed(ledger, stand.kenmerk, bedrag, tot)
        assert (stand.actielijn, stand.stroom, stand.bedrag, stand.betaald) == (actielijn, stroom, committed, betaald)
        assert stand.open == independent_open(ledger, stand.kenmerk, actielijn, stroom, bedrag, tot)
        einden = [d for d in (own_ends.get(stand.kenmerk), ends.get(stroom)) if d is not None]
        assert stand.verlopen == (stand.open > 0 and any(d < tot for d in einden)), stand.kenmerk
        open_per_stroom[stroom] += stand.open
    spending = per_account(ledger, datetime.date(1900, 1, 1), tot)
    for stroom in overzicht.stromen:
        besteed = sum((v for account, v in spending.items() if account.endswith(f":{stroom.stroom}")), D(0))
        assert stroom.besteed == besteed, stroom.stroom
        assert stroom.open == open_per_stroom.get(stroom.stroom, D(0))
        assert stroom.verplicht == sum((committed_and_closed(ledger, k, v[3], tot)[0] for k, v in declared.items()
                                        if v[2] == stroom.stroom), D(0))
        assert stroom.vrij_na_verplichtingen == stroom.toegekend - besteed - stroom.open
    return len(overzicht.verplichtingen)


def check_realisation(ledger: Ledger, jaar: int) -> list:
    rapport = realisatie_per_post(ledger.entries, ledger.programma, jaar)
    tot = rapport.peildatum
    accounts = actielijn_accounts(ledger)
    begroot: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in ledger.entries:
        if isinstance(entry, data.Custom) and entry.type in ("begroting", "begrotingswijziging"):
            values = [v.value for v in entry.values]
            if int(values[0]) == jaar:
                begroot[(values[1], values[2])] += values[3].number
    open_jaar: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for kenmerk, (datum, a, s, bedrag) in declared_commitments(ledger).items():
        if datum.year == jaar and datum <= tot:
            open_jaar[(a, s)] += independent_open(ledger, kenmerk, a, s, bedrag, tot)
    spending = per_account(ledger, datetime.date(jaar, 1, 1), tot)
    for post in rapport.posten:
        gerealiseerd = spending.get(f"{accounts[post.actielijn]}:{post.stroom}", D(0))
        assert (post.begroot, post.gerealiseerd, post.open_verplicht) == (
            begroot.get((post.actielijn, post.stroom), D(0)), gerealiseerd,
            open_jaar.get((post.actielijn, post.stroom), D(0))), post
        assert post.verschil == post.begroot - post.gerealiseerd
        assert post.vrij_na_verplichtingen == post.begroot - post.gerealiseerd - post.open_verplicht
    assert {(p.actielijn, p.stroom) for p in rapport.posten} >= {k for k, v in begroot.items() if v and k[1] != "EIGEN"}
    # Budgeted money only: the partners' own means (leaf EIGEN) are a section of their own.
    total = bq(ledger, f"SELECT sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
                       f"AND NOT account ~ ':EIGEN$' AND date >= {jaar}-01-01 AND date <= {tot.isoformat()}")
    eigen = bq(ledger, f"SELECT sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:.*:EIGEN$' "
                       f"AND date >= {jaar}-01-01 AND date <= {tot.isoformat()}")
    assert all(p.stroom != "EIGEN" for p in rapport.posten)
    assert rapport.gerealiseerd == total
    assert rapport.eigen_gerealiseerd == eigen
    assert rapport.begroot == sum(v for (_, s), v in begroot.items() if s != "EIGEN")
    assert rapport.verschil == rapport.begroot - rapport.gerealiseerd
    assert rapport.vrij_na_verplichtingen == rapport.begroot - rapport.gerealiseerd - rapport.open_verplicht
    return list(rapport.posten)


@pytest.mark.parametrize("jaar", [2024, 2025, 2026])
def test_hand_built_ledger_reconciles(ledger: Ledger, jaar: int) -> None:
    assert check_commitments(ledger, jaar) >= 1
    assert check_realisation(ledger, jaar)


def test_a_year_without_a_budget_has_no_overruns(ledger: Ledger) -> None:
    rapport = realisatie_per_post(ledger.entries, ledger.programma, 2023)
    assert rapport.posten == ()
    target = realisatie_per_post(ledger.entries, ledger.programma, 2025)
    assert all(p.gecontroleerd for p in target.posten)


def test_demo_2023_has_spending_but_no_budget(demo: Ledger) -> None:
    rapport = realisatie_per_post(demo.entries, demo.programma, 2023)
    assert rapport.begroot == 0 and rapport.gerealiseerd > 0
    assert not any(p.gecontroleerd for p in rapport.posten)
    assert (rapport.overschreden, rapport.overschrijding) == ((), D(0))


@pytest.mark.parametrize("jaar", [2023, 2024, 2025, 2026])
def test_demo_commitments_reconcile(demo: Ledger, jaar: int) -> None:
    assert check_commitments(demo, jaar) >= 9


@pytest.mark.parametrize("jaar", [2024, 2025, 2026])
def test_demo_realisation_reconciles_and_agrees_with_the_control(demo: Ledger, jaar: int) -> None:
    posten = check_realisation(demo, jaar)
    assert any(p.open_verplicht for p in posten) or jaar == 2026
    # The plugin reports no overrun on the demo, so no controlled line is over its budget.
    assert [p for p in posten if p.vrij_na_verplichtingen < 0] == []


def test_an_overrun_through_commitments_while_spending_stays_under_budget(tmp_path: Path) -> None:
    """WEB-02/SPUK 2025: budget 50.000, spent 15.000, open 25.000; a new commitment of 20.000 makes
    open 45.000. Verschil (BBV art. 28) = 50.000 − 15.000 = 35.000: less spent than budgeted; vrij na
    verplichtingen = 35.000 − 45.000 = −10.000: the availability control's overrun, as the plugin says."""
    target = tmp_path / "grootboek.beancount"
    target.write_text(MAIN.read_text(encoding="utf-8") + """
2025-11-01 custom "verplichting" "WEB-02" "SPUK" 20000.00 EUR
  kenmerk: "V-2025-09"
  partner: "ADAMAS"
""", encoding="utf-8")
    ledger = load_ledger(target, cache=False)
    assert any(e.message.startswith("Verplichting boven begroting 2025 WEB-02/SPUK") for e in ledger.errors)
    posten = {p.actielijn: p for p in realisatie_per_post(ledger.entries, ledger.programma, 2025).posten}
    web02 = posten["WEB-02"]
    assert (web02.verschil, web02.open_verplicht, web02.vrij_na_verplichtingen, web02.overschrijding) == (
        D("35000.00"), D("45000.00"), D("-10000.00"), D("10000.00"))
    rapport = realisatie_per_post(ledger.entries, ledger.programma, 2025)
    assert [p.actielijn for p in rapport.overschreden] == ["WEB-02", "WEB-17"]
    assert rapport.overschrijding == D("15500.00")  # 10.000 + 5.500: room on VEI-11 covers neither

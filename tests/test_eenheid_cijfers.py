"""One figure, one value: what two reports both show is equal across them for the same peildatum.

For the demo ledger and the hand-built ledgers, in a past year (stand per 31 December) and in the
current year (stand per today, fixed by tests/conftest.py), every figure that more than one report
shows is taken from each report and compared: the stream overview (``snw geldstromen``), the
commitments report (``snw verplichtingen``), the realisation per budget line (``snw realisatie``),
the accountability (``snw verantwoording``), SiSa (``snw sisa``), the begroting of the next year
made on the same peildatum (``snw begroting``, its coverage and its last-year columns) and the
proportionality report (``snw proportionaliteit``). The table commands are also read from their CSV
output, so the faces agree with the computation too.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.begroting import begroting
from reports.compute.geldstromen import geldstromen_overzicht
from reports.compute.peildatum import peildatum_voor
from reports.compute.proportionaliteit import proportionaliteit
from reports.compute.realisatie import realisatie_per_post
from reports.compute.sisa import sisa
from reports.compute.verantwoording import verantwoording
from reports.compute.verplichtingen import verplichtingen_overzicht

D = Decimal
DATA = Path(__file__).parent / "data"
CASES = [
    pytest.param(DEMO_LEDGER, 2025, id="demo-2025"),
    pytest.param(DEMO_LEDGER, 2026, id="demo-2026"),
    pytest.param(DATA / "verplichtingen" / "grootboek.beancount", 2025, id="verplichtingen-2025"),
    pytest.param(DATA / "begroting" / "grootboek.beancount", 2025, id="begroting-2025"),
    pytest.param(DATA / "jaareinde" / "grootboek.beancount", 2025, id="jaareinde-2025"),
]


def _csv(path: Path, *args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["--grootboek", str(path), *args, "--formaat", "csv"])
    assert result.exit_code == 0, result.output
    # stdout only: the findings go to stderr, and their messages hold a ";" too
    regels = [r for r in result.stdout.splitlines() if ";" in r]
    kop = regels[0].split(";")
    return [dict(zip(kop, r.split(";"))) for r in regels[1:]]


def _bedrag(tekst: str) -> Decimal:
    return D(tekst.replace(".", "").replace(",", ".").replace("−", "-")) if tekst else D(0)


@pytest.mark.parametrize(("path", "jaar"), CASES)
def test_every_shared_figure_is_one_value(path: Path, jaar: int) -> None:
    ledger = load_ledger(path)
    e, p = ledger.entries, ledger.programma
    peildatum = peildatum_voor(jaar)
    stromen = {r.code: r for r in geldstromen_overzicht(e, p, jaar).regels}
    verplichtingen = verplichtingen_overzicht(e, p, jaar)
    realisatie = realisatie_per_post(e, p, jaar)
    v = verantwoording(e, p, jaar)
    s = sisa(e, p, jaar)
    b = begroting(e, p, jaar + 1, peildatum)
    prop = proportionaliteit(e, p, jaar)
    # one peildatum
    assert {verplichtingen.peildatum, realisatie.peildatum, v.peildatum, s.peildatum, b.peildatum,
            prop.peildatum} == {peildatum}
    assert all(r.peildatum == peildatum for r in stromen.values())

    # open commitments per stream: geldstromen = verplichtingen (per stream and per commitment)
    per_stroom = {r.stroom: r for r in verplichtingen.stromen}
    open_per_stroom: dict[str, Decimal] = defaultdict(Decimal)
    for stand in verplichtingen.verplichtingen:
        open_per_stroom[stand.stroom] += stand.open
    for code, regel in stromen.items():
        assert regel.verplicht == open_per_stroom.get(code, D(0)), code
        if code in per_stroom:
            assert per_stroom[code].open == regel.verplicht, code

    # spending of the year per stream: geldstromen = realisatie (budgeted streams) = verantwoording
    gerealiseerd: dict[str, Decimal] = defaultdict(Decimal)
    for post in realisatie.posten:
        gerealiseerd[post.stroom] += post.gerealiseerd
    for code, regel in stromen.items():
        assert regel.besteed_jaar == gerealiseerd.get(code, D(0)), code
    assert {g.code: g.gerealiseerd for g in v.stromen} == {k: w for k, w in gerealiseerd.items()
                                                          if any(q.stroom == k for q in realisatie.posten)}
    assert (v.begroot, v.gerealiseerd, v.verschil, v.open_verplicht, v.vrij_na_verplichtingen) == (
        realisatie.begroot, realisatie.gerealiseerd, realisatie.verschil, realisatie.open_verplicht,
        realisatie.vrij_na_verplichtingen)
    # the partners' own means: realisatie = verantwoording = proportionaliteit
    eigen = realisatie.eigen_gerealiseerd
    assert v.gerealiseerd_partners == eigen
    assert prop.partners_jaar.totaal("geld") + prop.partners_jaar.totaal("formatie") == eigen

    # SiSa per grant = geldstromen; the verantwoording's SiSa is SiSa's
    for uitkering in s.uitkeringen:
        regel = stromen[uitkering.stroom]
        assert (uitkering.besteding_jaar, uitkering.besteding_cumulatief, uitkering.ontvangen,
                uitkering.terug_te_betalen, uitkering.niet_te_ontvangen) == (
            regel.besteed_jaar, regel.besteed_cumulatief, regel.ontvangen_netto,
            regel.vaststelling.terug_te_betalen, regel.vaststelling.niet_te_ontvangen), uitkering.stroom
    if v.sisa is not None:
        assert v.sisa.uitkeringen == s.uitkeringen and v.sisa.passiva == s.passiva

    # the begroting of next year on the same peildatum: its last-year columns are this year's realisation
    # (the budgeted streams and the partners' own means), its coverage the stream overview
    vorig_per_stroom: dict[str, Decimal] = defaultdict(Decimal)
    for post in b.posten:
        vorig_per_stroom[post.stroom] += post.vorig_realisatie
    for post in realisatie.posten:
        if post.gerealiseerd:
            assert vorig_per_stroom[post.stroom] == gerealiseerd[post.stroom], post.stroom
    assert vorig_per_stroom.get("EIGEN", D(0)) == eigen
    for d in b.dekking:
        if d.stroom in stromen:
            assert d.verplicht == stromen[d.stroom].verplicht, d.stroom

    # the faces: the CSV of the table commands shows the same figures
    csv_stromen = {r["Geldstroom"]: r for r in _csv(path, "geldstromen", "--jaar", str(jaar))
                   if r["Geldstroom"] in stromen}
    for code, r in csv_stromen.items():
        assert _bedrag(r["Besteed jaar"]) == stromen[code].besteed_jaar, code
        assert _bedrag(r["Open verplichtingen"]) == stromen[code].verplicht, code
    csv_realisatie = [r for r in _csv(path, "realisatie", "--jaar", str(jaar)) if r["Actielijn"]]
    assert sum((_bedrag(r["Gerealiseerd"]) for r in csv_realisatie), D(0)) == realisatie.gerealiseerd
    assert sum((_bedrag(r["Verschil"]) for r in csv_realisatie), D(0)) == realisatie.verschil


def test_the_current_year_is_stand_per_today() -> None:
    assert peildatum_voor(2026) == datetime.date(2026, 12, 8)

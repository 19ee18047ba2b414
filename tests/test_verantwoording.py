"""``snw verantwoording JAAR``: the year's accountability, from the begroting's own computation.

Figures are reconciled with independent sums: realisation with beanquery over the
postings, primitive budgets and amendments with the raw directives, pledges with the raw
``toezegging`` directives; open commitments and remainders with ``snw realisatie``'s
computation. The command writes the three faces on the demo and on a hand-built ledger; the
PDF speaks plain Dutch; explanations come from the ledger and missing ones are listed.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount.core import data
from click.testing import CliRunner
from pypdf import PdfReader

from cli.main import cli
from ledger.errors import is_warning
from ledger.load import DEMO_LEDGER
from ledger.load import load_ledger
from reports.compute.realisatie import realisatie_per_post
from reports.compute.verantwoording import verantwoording
from reports.documents.verantwoording import besluitpunten
from reports.documents.verantwoording import samenvatting_tekst
from reports.documents.verantwoording import verantwoording_document

DATA = Path(__file__).parent / "data" / "begroting"
D = Decimal
JARGON = re.compile(r"custom \"|\bplugin\b|Income:|Expenses:|Liabilities:|Assets:|Equity:|specifieke_uitkering|"
                    r"\bTRUE\b|\bFALSE\b|beancount|overgecommitteerd|overcommittering", re.IGNORECASE)

UITLEG = """
2026-02-01 custom "verantwoording" 2025 "VEI-13" "PMG"
  toelichting: "Time-out woningen kwamen pas in het voorjaar beschikbaar."
2026-02-01 custom "begrotingswijziging" 2025 "ORG-02" "GEM-ORG" 1000.00 EUR
  toelichting: "Kleine monitoringsopdracht."
"""


def _beanquery_per_actielijn(ledger, jaar: int) -> dict[str, Decimal]:  # noqa: ANN001
    connection = beanquery.connect("beancount:", entries=ledger.entries, errors=ledger.errors,
                                   options=ledger.options_map)
    rows = connection.execute(
        f"SELECT account, sum(number) FROM postings WHERE account ~ '^Expenses:Actielijn:' "
        f"AND date >= {jaar}-01-01 AND date <= {jaar}-12-31 GROUP BY account").fetchall()
    out: dict[str, Decimal] = defaultdict(Decimal)
    for account, number in rows:
        if account.endswith(":EIGEN"):
            out["EIGEN"] += number
            continue
        out[account.split(":")[2]] += number
        out["totaal"] += number
    return out


def _raw_budget(entries: list, jaar: int) -> tuple[Decimal, Decimal]:
    primitief = wijziging = D(0)
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type in ("begroting", "begrotingswijziging"):
            values = [v.value for v in entry.values]
            if int(values[0]) == jaar and values[2] != "EIGEN":  # partners' own means are no budget line
                if entry.type == "begroting":
                    primitief += values[3].number
                else:
                    wijziging += values[3].number
    return primitief, wijziging


@pytest.mark.parametrize(("path", "jaar"), [(DATA / "grootboek.beancount", 2025), (DEMO_LEDGER, 2025)])
def test_figures_reconcile_with_the_ledger(path: Path, jaar: int) -> None:
    ledger = load_ledger(path)
    v = verantwoording(ledger.entries, ledger.programma, jaar)
    bq = _beanquery_per_actielijn(ledger, jaar)
    # budgeted money only: the partners' own means (leaf EIGEN) are not realisation of the budget
    assert v.gerealiseerd == bq["totaal"]
    assert v.eigen_gerealiseerd == bq["EIGEN"]
    for domein in v.domeinen:
        assert domein.gerealiseerd == bq[domein.code], domein.code
    primitief, wijziging = _raw_budget(ledger.entries, jaar)
    assert (v.primitief, v.wijzigingen_totaal, v.begroot) == (primitief, wijziging, primitief + wijziging)
    assert sum((w.totaal for w in v.wijzigingen), D(0)) == wijziging
    # Open commitments and the remainder are snw realisatie's, line by line.
    r = realisatie_per_post(ledger.entries, ledger.programma, jaar)
    assert [(p.actielijn, p.stroom, p.verschil, p.open_verplicht, p.vrij_na_verplichtingen) for p in v.posten] == \
           [(p.actielijn, p.stroom, p.verschil, p.open_verplicht, p.vrij_na_verplichtingen) for p in r.posten]
    assert sum((s.vrij_na_verplichtingen for s in v.stromen), D(0)) == v.vrij_na_verplichtingen == \
        r.vrij_na_verplichtingen
    assert sum((s.verschil for s in v.stromen), D(0)) == v.verschil == r.verschil == v.begroot - v.gerealiseerd
    # Partners: pledges from the raw directives.
    toezegging: dict[str, Decimal] = defaultdict(Decimal)
    for entry in ledger.entries:
        if isinstance(entry, data.Custom) and entry.type == "toezegging" and int(entry.values[1].value) == jaar:
            toezegging[entry.values[0].value] += entry.values[2].value.number
    assert {b.partner: b.toegezegd for b in v.bijdragen if b.toegezegd} == dict(toezegging)
    assert all(p.stroom != "EIGEN" for p in v.posten)
    assert sum((b.gerealiseerd for b in v.bijdragen), D(0)) == bq["EIGEN"] == v.gerealiseerd_partners
    assert sum((p.gerealiseerd for p in v.eigen_middelen), D(0)) == bq["EIGEN"]
    assert v.toegezegd_partners == sum(toezegging.values(), D(0))


def test_explanations_from_the_ledger_and_missing_ones_listed(tmp_path: Path) -> None:
    map_ = tmp_path / "begroting"
    shutil.copytree(DATA, map_)
    (map_ / "uitleg.beancount").write_text(UITLEG, encoding="utf-8")
    main = map_ / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + 'include "uitleg.beancount"\n'
                    '2026-02-01 custom "instelling" "begroting_toelichting_drempel" 0.10\n', encoding="utf-8")
    ledger = load_ledger(main)
    assert [e.message.split(":")[0] for e in ledger.errors if not is_warning(e)] == ["Begroting buiten de looptijd"]
    v = verantwoording(ledger.entries, ledger.programma, 2025)
    assert v.drempel == D("0.10")
    toegelicht = {(p.actielijn, p.stroom): (p.toelichting, p.bron_toelichting) for p in v.toegelicht}
    # VEI-13 PMG: 80.000 of 100.000 (−20%), explained by its verantwoording line.
    assert toegelicht[("VEI-13", "PMG")] == ("Time-out woningen kwamen pas in het voorjaar beschikbaar.",
                                             "verantwoording")
    # ORG-02: budgeted 1.000 by amendment, nothing spent: explained by the amendment's toelichting.
    assert toegelicht[("ORG-02", "GEM-ORG")] == ("Kleine monitoringsopdracht.", "begroting")
    # VEI-11 PMG spent 150.000 of 170.000 (−11,8%): beyond 10% and unexplained, so listed, never invented.
    missend = {(p.actielijn, p.stroom) for p in v.zonder_toelichting}
    assert ("VEI-11", "PMG") in missend and not (missend & set(toegelicht))
    assert all(not p.toelichting for p in v.zonder_toelichting)
    doc = verantwoording_document(v, documentdatum=datetime.date(2026, 12, 1), kenmerk="x", demo=False)
    sectie = next(s for s in doc.secties if s.titel == "Toelichting op afwijkingen")
    titels = [blok.tabel.titel for blok in sectie.inhoud if hasattr(blok, "tabel")]
    assert titels == ["Afwijkingen met toelichting", f"Afwijkingen zonder toelichting ({len(missend)})"]
    assert any("ontbrekende toelichtingen" in p for p in besluitpunten(v, 0))


def test_unknown_actielijn_in_a_verantwoording_line_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    map_ = tmp_path / "begroting"
    shutil.copytree(DATA, map_)
    (map_ / "uitleg.beancount").write_text(
        '2026-02-01 custom "verantwoording" 2025 "VEI-99" "PMG"\n  toelichting: "x"\n', encoding="utf-8")
    main = map_ / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + 'include "uitleg.beancount"\n', encoding="utf-8")
    ledger = load_ledger(main)
    (fout,) = [e for e in ledger.errors if "verantwoording" in e.message]
    assert fout.message == "Onbekende actielijn in verantwoording: VEI-99"
    assert fout.source["filename"].endswith("uitleg.beancount") and fout.source["lineno"] == 1


def test_summary_and_decisions_in_rounded_and_exact_amounts() -> None:
    ledger = load_ledger(DATA / "grootboek.beancount")
    v = verantwoording(ledger.entries, ledger.programma, 2025)
    zinnen = " ".join(samenvatting_tekst(v, 2))
    # Budgeted money only: the begroting's 58.000 of partners' own means (VEI-11 20.000, WON-01 38.000)
    # and the 54.000 they delivered (16.000 + 38.000) are no budget and no realisation of it:
    # 828.000 − 58.000 = 770.000 primitive, 798.000 − 58.000 = 740.000 current; 742.000 − 54.000 = 688.000
    # realised; verschil 740.000 − 688.000 = 52.000 (rounded in running text).
    assert "bij vaststelling € 770.000; na 1 wijziging is zij € 740.000" in zinnen
    assert "is € 688.000 besteed (93% van de begroting): € 52.000 minder dan begroot" in zinnen
    assert "Daarnaast brachten partners € 54.000 aan eigen middelen en formatie in" in zinnen
    assert "Geen begrotingspost is overschreden." in zinnen and "2 open bevindingen" in zinnen
    assert [(p.actielijn, p.gepland, p.gerealiseerd) for p in v.eigen_middelen] == [
        ("VEI-11", D("20000.00"), D("16000.00")), ("WON-01", D("38000.00"), D("38000.00"))]
    punten = besluitpunten(v, 2)
    assert punten[0].startswith("De verantwoording 2025 van Samen Nieuw-West vast te stellen: gerealiseerd "
                                "€ 688.000,00 tegen een begroting van € 740.000,00")
    assert any("2 open bevindingen" in p for p in punten)


@pytest.mark.parametrize("path", [DATA / "grootboek.beancount", DEMO_LEDGER])
def test_command_writes_the_three_faces_in_plain_dutch(tmp_path: Path, path: Path) -> None:
    result = CliRunner().invoke(cli, ["--grootboek", str(path), "verantwoording", "2025", "--naar", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for suffix in ("pdf", "xlsx", "html"):
        assert (tmp_path / f"verantwoording-2025.{suffix}").stat().st_size > 1000
    reader = PdfReader(tmp_path / "verantwoording-2025.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    # The list of open findings names file and line, for the finance officer (the test ledger has
    # one: its 2027 draft line on PMG after PMG ended); the board's text is before it.
    text = text.split("\nOpen bevindingen\n")[0]
    assert not JARGON.findall(text), sorted(set(JARGON.findall(text)))
    for number, page in enumerate(reader.pages[1:], start=2):  # the cover is short by design
        body = "".join(page.extract_text().split())
        assert len(body) > 300, (number, body)  # no near-empty page (header and footer are ~120 characters)
    for kop in ("Samenvatting", "Verantwoording per domein", "Verantwoording per geldstroom",
                "Bijdragen van partners", "Besluitpunten"):
        assert kop in text, kop
    if path == DEMO_LEDGER:
        assert "SiSa en overlopende passiva" in text and "Begrotingswijzigingen 2025" in text
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "verantwoording-2025.xlsx")
    assert {"Per domein", "Per geldstroom", "Besluitpunten"} <= set(workbook.sheetnames)


def test_partners_own_means_are_never_an_overrun_or_a_deviation(tmp_path: Path) -> None:
    """Partners deliver 100.000 more own means on VEI-11 in 2025 than the 20.000 the begroting planned:
    that is no overrun, no deviation asking a toelichting and no realisation of the budget; it shows in
    the own means' section (16.000 + 100.000 = 116.000 delivered against 20.000 planned)."""
    map_ = tmp_path / "begroting"
    shutil.copytree(DATA, map_)
    main = map_ / "grootboek.beancount"
    main.write_text(main.read_text(encoding="utf-8") + """
2025-10-01 * "ADAMAS" "Extra inzet eigen middelen"
  partner: "ADAMAS"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN  100000.00 EUR
  Equity:Inbreng-partners
""", encoding="utf-8")
    voor = verantwoording(load_ledger(DATA / "grootboek.beancount").entries,
                          load_ledger(DATA / "grootboek.beancount").programma, 2025)
    ledger = load_ledger(main, cache=False)
    v = verantwoording(ledger.entries, ledger.programma, 2025)
    assert (v.begroot, v.gerealiseerd, v.verschil) == (voor.begroot, voor.gerealiseerd, voor.verschil)
    assert v.overschreden == () and v.overschrijding == 0
    assert all(p.stroom != "EIGEN" for p in (*v.toegelicht, *v.zonder_toelichting, *v.posten))
    assert [(p.actielijn, p.gepland, p.gerealiseerd) for p in v.eigen_middelen if p.actielijn == "VEI-11"] == [
        ("VEI-11", D("20000.00"), D("116000.00"))]
    assert v.eigen_gerealiseerd == voor.eigen_gerealiseerd + D("100000.00")
    assert not any("EIGEN" in punt for punt in besluitpunten(v, 0))

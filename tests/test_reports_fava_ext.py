"""Smoke test of our Fava pages over a small ledger that enables the extension."""

from __future__ import annotations

from pathlib import Path

from fava.application import create_app

BASIS = Path(__file__).parent / "data" / "regels" / "basis.beancount"


def test_geldstromen_page(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(BASIS.read_text(encoding="utf-8")
                      + '\n2023-01-01 custom "fava-extension" "reports.fava_ext"\n', encoding="utf-8")
    app = create_app([str(ledger)], read_only=True, load=True)
    client = app.test_client()
    response = client.get("/regeltest/extension/Geldstromen/?jaar=2023")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Geldstromen 2023" in html
    # PMG: Nieuw-West's share is awarded, half of it received.
    # The stream code links to its account page (drill-down).
    assert ("<td class=\"tekst\"><a href=\"/regeltest/account/Liabilities:Nog-te-besteden:PMG/\">PMG</a></td>"
            "<td class=\"tekst\">Preventie met Gezag</td>"
            "<td class=\"tekst\">toegekend</td><td class=\"num\">€ 100.000,00</td>") in html
    assert "€ 50.000,00" in html
    errors = client.get("/regeltest/errors/")
    assert errors.status_code == 200


def test_demo_pages_show_the_computed_figures(demo) -> None:  # noqa: ANN001
    from ledger.load import DEMO_LEDGER
    from ledger.nl import euro
    from reports.compute.begroting import begroting

    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    client = app.test_client()
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    page = client.get(f"/{slug}/extension/Begroting/?jaar=2027")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    figures = begroting(demo.entries, demo.programma, 2027)
    assert f"<td>{euro(figures.totaal)}</td>" in html
    for titel in ("Samenvatting", "Dekking per geldstroom", "Begroting per domein", "Risico's", "Besluitpunten"):
        assert f"{titel}</h3>" in html.replace("&#39;", "'")
    page = client.get(f"/{slug}/extension/Geldstromen/?jaar=2026")
    assert page.status_code == 200
    assert "Geldstromen 2026" in page.get_data(as_text=True)


def test_demo_proportionaliteit_page(demo) -> None:  # noqa: ANN001
    from ledger.load import DEMO_LEDGER
    from reports.compute.proportionaliteit import proportionaliteit

    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    page = app.test_client().get(f"/{slug}/extension/Proportionaliteit/?jaar=2025")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    rapport = proportionaliteit(demo.entries, demo.programma, 2025)
    onder = [r.code for r in rapport.partners_jaar.met_status("onder")]
    assert onder
    for code in onder:
        assert code in html


def test_fava_registers_exactly_our_five_pages() -> None:
    """Helper classes are not pages: Fava lists only the pages with a title."""
    from fava.ext import find_extensions

    classes, errors = find_extensions(Path(__file__).parent, "reports.fava_ext")
    assert errors == []
    assert sorted((c.__name__, c.report_title) for c in classes) == [
        ("Begroting", "Begroting"), ("Beschikbaarheid", "Beschikbaarheid"), ("Geldstromen", "Geldstromen"),
        ("Proportionaliteit", "Proportionaliteit"), ("Verplichtingen", "Verplichtingen")]


def test_demo_pages_default_to_the_right_year(demo) -> None:  # noqa: ANN001
    """Without ?jaar=: Begroting shows the latest budget year, the others the last booking's year."""
    from beancount.core import data

    from ledger.load import DEMO_LEDGER

    begrotingsjaren = {int(e.values[0].value) for e in demo.entries
                       if isinstance(e, data.Custom) and e.type == "begroting"}
    laatste_boeking = max(e.date for e in demo.entries if isinstance(e, data.Transaction)
                          and not e.meta.get("__derived__"))
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    client = app.test_client()
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    html = client.get(f"/{slug}/extension/Begroting/").get_data(as_text=True)
    assert f"Begroting {max(begrotingsjaren)}" in html
    assert f"Begroting {max(begrotingsjaren) + 1}<" not in html
    html = client.get(f"/{slug}/extension/Geldstromen/").get_data(as_text=True)
    assert f"Geldstromen {laatste_boeking.year}" in html
    assert f"Geldstromen {laatste_boeking.year - 1}<" not in html
    assert f"Geldstromen {laatste_boeking.year + 1}<" not in html

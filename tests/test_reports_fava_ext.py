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
    assert ("<td class=\"tekst\">PMG</td><td class=\"tekst\">Preventie met Gezag</td>"
            "<td class=\"tekst\">toegekend</td><td class=\"num\">€ 100.000,00</td>") in html
    assert "€ 50.000,00" in html
    errors = client.get("/regeltest/errors/")
    assert errors.status_code == 200

"""Each Fava page offers the XLSX (and PDF) of its CLI report, made by the same code."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from fava.application import create_app

from ledger.load import DEMO_LEDGER


@pytest.fixture(scope="module")
def client():  # noqa: ANN201
    app = create_app([str(DEMO_LEDGER)], read_only=True, load=True)
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    return app.test_client(), slug


@pytest.mark.parametrize(("pagina", "blad"), [("Geldstromen", "Geldstromen"), ("Verplichtingen", "Verplichtingen"),
                                             ("Begroting", "Omslag"), ("Proportionaliteit", "Omslag")])
def test_page_links_to_an_xlsx_that_openpyxl_opens(client, pagina: str, blad: str) -> None:  # noqa: ANN001
    test_client, slug = client
    page = test_client.get(f"/{slug}/extension/{pagina}/").get_data(as_text=True)
    link = re.search(r'<a href="([^"]*download[^"]*formaat=xlsx[^"]*)" download>XLSX</a>', page)
    assert link, page[:500]
    response = test_client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert blad in workbook.sheetnames


def test_begroting_pdf_download_is_the_cli_document(client, tmp_path) -> None:  # noqa: ANN001
    """Same builders and renderers as ``snw begroting``: the same bytes on the same day."""
    from click.testing import CliRunner

    from cli.main import cli

    test_client, slug = client
    response = test_client.get(f"/{slug}/extension/Begroting/download?formaat=pdf&jaar=2027")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    result = CliRunner().invoke(cli, ["begroting", "2027", "--naar", str(tmp_path), "--formaat", "pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "begroting-2027.pdf").read_bytes() == response.data


def test_unknown_format_is_refused_in_dutch(client) -> None:  # noqa: ANN001
    test_client, slug = client
    response = test_client.get(f"/{slug}/extension/Geldstromen/download?formaat=pdf")
    assert response.status_code == 400
    assert "kan niet" in response.get_data(as_text=True)

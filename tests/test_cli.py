"""The CLI through Click's CliRunner, and once as a real subprocess of the installed ``snw``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli

BASIS = Path(__file__).parent / "data" / "regels" / "basis.beancount"

BROKEN = """
2023-03-01 * "ADAMAS" "Buiten de looptijd"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10.00 EUR
    partner: "ONBEKEND"
  Assets:Bank:Programma
2023-03-02 * "Gemeente" "Verwacht geld"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:ENERGIEFIXERS   10.00 EUR
  Assets:Bank:Programma
"""


def broken_ledger(tmp_path: Path) -> Path:
    path = tmp_path / "broken.beancount"
    path.write_text(BASIS.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    return path


def test_check_clean() -> None:
    result = CliRunner().invoke(cli, ["--ledger", str(BASIS), "check"])
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_check_broken_names_file_and_line(tmp_path: Path) -> None:
    path = broken_ledger(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    partner_line = next(i for i, line in enumerate(lines, 1) if "VEI-11-Credible-Messengers:PMG   10.00" in line)
    energie_line = next(i for i, line in enumerate(lines, 1) if "ENERGIEFIXERS   10.00" in line)
    result = CliRunner().invoke(cli, ["--ledger", str(path), "check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:{partner_line}: Onbekende partner: ONBEKEND",
        f"{path}:{energie_line}: Geldstroom niet toegekend: ENERGIEFIXERS heeft status verwacht; "
        "alleen toegekend geld mag worden besteed",
    ]


def test_check_json(tmp_path: Path) -> None:
    import json

    result = CliRunner().invoke(cli, ["--ledger", str(broken_ledger(tmp_path)), "check", "--json"])
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert [item["message"].split(":")[0] for item in items] == ["Onbekende partner", "Geldstroom niet toegekend"]


def test_ledger_from_environment(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check"], env={"SNW_LEDGER": str(broken_ledger(tmp_path))})
    assert result.exit_code == 1


def test_missing_ledger(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--ledger", str(tmp_path / "nee.beancount"), "check"])
    assert result.exit_code == 1
    assert "Grootboek niet gevonden" in result.output


def test_geldstromen_csv() -> None:
    result = CliRunner().invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--year", "2023", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [line.split(";") for line in result.output.splitlines()]
    assert rows[0][:4] == ["Geldstroom", "Naam", "Status", "Toegekend"]
    pmg = next(row for row in rows if row[0] == "PMG")
    assert pmg[3] == "100.000,00"
    assert pmg[5] == "50.000,00"  # ontvangen
    vliegwiel = next(row for row in rows if row[0] == "VLIEGWIEL")
    assert vliegwiel[2] == "gereserveerd, verdeling open"
    assert vliegwiel[3] == "0,00"


def test_geldstromen_on_a_ledger_with_findings_lists_them_and_strikt_refuses(tmp_path: Path) -> None:
    path = broken_ledger(tmp_path)
    result = CliRunner().invoke(cli, ["--grootboek", str(path), "geldstromen", "--jaar", "2023"])
    assert result.exit_code == 0, result.output
    assert "Let op: 2 open bevinding(en)" in result.output  # stderr: CliRunner mixes it in
    assert "Concept — 2 open bevindingen" in result.output
    assert "Open bevindingen in het grootboek" in result.output
    assert re.search(r"Declaratie +broken\.beancount:\d+ +€ 10,00 +PMG +VEI-11 +Onbekende partner: ONBEKEND",
                     result.output)
    strikt = CliRunner().invoke(cli, ["--grootboek", str(path), "geldstromen", "--jaar", "2023", "--strikt"])
    assert strikt.exit_code == 1
    assert "--strikt maakt geen document" in strikt.output


def test_a_ledger_beancount_cannot_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.beancount"
    path.write_text(BASIS.read_text(encoding="utf-8") + "\n2023-13-45 * dit is geen boeking\n", encoding="utf-8")
    for command in (["geldstromen"], ["begroting", "2024", "--naar", str(tmp_path)], ["sisa", "2023", "--naar",
                                                                                      str(tmp_path)]):
        result = CliRunner().invoke(cli, ["--grootboek", str(path), *command])
        assert result.exit_code == 1, (command, result.output)
        assert "Het grootboek is niet te gebruiken" in result.output


def test_geldstromen_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "g.xlsx"
    result = CliRunner().invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--year", "2023",
                                      "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Geldstromen"]
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["Geldstroom", "Naam", "Status", "Toegekend"]
    values = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
    assert values["PMG"][3].value == 100000
    assert values["Totaal"][3].value.startswith("=SUM(D4:")
    first = out.read_bytes()
    CliRunner().invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--year", "2023",
                             "--format", "xlsx", "--out", str(out)])
    assert out.read_bytes() == first


def test_installed_snw_subprocess(tmp_path: Path) -> None:
    snw = shutil.which("snw", path=str(Path(sys.executable).parent))
    assert snw, "snw is not installed next to this Python"
    clean = subprocess.run([snw, "--ledger", str(BASIS), "check"], capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken = subprocess.run([snw, "--ledger", str(broken_ledger(tmp_path)), "check"],
                            capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "Onbekende partner: ONBEKEND" in broken.stdout


def test_check_refuses_a_ledger_without_the_plugin(tmp_path: Path) -> None:
    path = tmp_path / "zonder-plugin.beancount"
    path.write_text(BASIS.read_text(encoding="utf-8").replace('plugin "ledger.plugins.snw"', ""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--ledger", str(path), "check"])
    assert result.exit_code == 1
    assert f'{path}:1: Het grootboek zet de plugin niet aan: zet plugin "ledger.plugins.snw"' in result.output


def test_year_out_of_range_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--year", "0"])
    assert result.exit_code == 2
    assert "0 is not in the range 2000<=x<=2100" in result.output


def test_options_are_dutch_and_old_spellings_still_work(tmp_path: Path) -> None:
    """One language in --help; the English spellings of before are hidden aliases."""
    runner = CliRunner()
    from cli.main import COMMANDS

    for name in ["", *COMMANDS]:
        help_text = runner.invoke(cli, [*([name] if name else []), "--help"]).output
        for old in ("--ledger", "--out ", "--year", "--format", "--dry-run", "--port"):
            assert old not in help_text, (name, old)
    nieuw = runner.invoke(cli, ["--grootboek", str(BASIS), "geldstromen", "--jaar", "2023", "--formaat", "csv",
                                "--naar", str(tmp_path / "nieuw.csv")])
    oud = runner.invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--year", "2023", "--format", "csv",
                              "--out", str(tmp_path / "oud.csv")])
    assert nieuw.exit_code == 0 and oud.exit_code == 0, (nieuw.output, oud.output)
    assert (tmp_path / "nieuw.csv").read_bytes() == (tmp_path / "oud.csv").read_bytes()
    assert b"PMG" in (tmp_path / "nieuw.csv").read_bytes()
    tabel = runner.invoke(cli, ["--ledger", str(BASIS), "geldstromen", "--jaar", "2023", "--format", "table"])
    assert tabel.exit_code == 0 and tabel.output == runner.invoke(
        cli, ["--grootboek", str(BASIS), "geldstromen", "--jaar", "2023"]).output


VERPLICHTINGEN = Path(__file__).parent / "data" / "verplichtingen" / "grootboek.beancount"


def test_realisatie_shows_each_budget_line_with_its_overrun() -> None:
    """The officer looks for WEB-17's −5.500 and finds it, with the year's totals."""
    result = CliRunner().invoke(cli, ["--grootboek", str(VERPLICHTINGEN), "realisatie", "--jaar", "2025",
                                      "--formaat", "csv"])
    assert result.exit_code == 0, result.output
    # The CSV only: the two findings go to stderr (their messages hold a ";" too).
    output = result.stdout.splitlines()
    lines = [line.split(";") for line in output[next(i for i, t in enumerate(output) if t.startswith("Domein;")):]
             if ";" in line]
    kop, rijen = lines[0], {(r[1], r[3]): dict(zip(lines[0], r)) for r in lines[1:]}
    assert kop[:9] == ["Domein", "Actielijn", "Naam", "Geldstroom", "Begroot", "Gerealiseerd", "Verschil",
                       "Open verplichtingen", "Vrij na verplichtingen"]
    web17 = rijen[("WEB-17", "SPUK")]
    assert (web17["Begroot"], web17["Gerealiseerd"], web17["Verschil"], web17["Vrij na verplichtingen"]) == (
        "110.000,00", "115.500,00", "-5.500,00", "-5.500,00")
    # BBV art. 28's verschil and the availability control's vrij differ where commitments are open
    assert (rijen[("VEI-11", "GEM")]["Verschil"], rijen[("VEI-11", "GEM")]["Vrij na verplichtingen"]) == (
        "45.000,00", "5.000,00")
    assert "1 begrotingspost(en) overschreden: WEB-17/SPUK" in result.output


def test_verplichtingen_xlsx_holds_both_tables(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ledger.load import load_ledger
    from reports.compute.verplichtingen import verplichtingen_overzicht

    out = tmp_path / "v.xlsx"
    result = CliRunner().invoke(cli, ["--grootboek", str(VERPLICHTINGEN), "verplichtingen", "--jaar", "2026",
                                      "--formaat", "xlsx", "--naar", str(out)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert workbook.sheetnames[:2] == ["Verplichtingen", "Per geldstroom"]
    ledger = load_ledger(VERPLICHTINGEN)
    overzicht = verplichtingen_overzicht(ledger.entries, ledger.programma, 2026)
    rows = [[c.value for c in row] for row in workbook["Verplichtingen"].iter_rows(min_row=4)]
    kenmerken = {r[0]: r for r in rows if r[0] and r[0] != "Totaal"}
    for stand in overzicht.verplichtingen:
        # columns: kenmerk … omschrijving, oorspronkelijk, wijzigingen, verplicht, betaald, open (10), einddatum,
        # afgesloten, vrijgevallen, verlopen (14)
        assert kenmerken[stand.kenmerk][10] == float(stand.open), stand.kenmerk
        assert (kenmerken[stand.kenmerk][14] == "ja, nog open") == stand.verlopen

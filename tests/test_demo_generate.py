"""The demo ledger generator: deterministic output, checked in, complete, and valid."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import parser

from ledger.demo import generate

DEMO = Path(generate.__file__).resolve().parent


@pytest.fixture(scope="module")
def gegenereerd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = tmp_path_factory.mktemp("demo")
    generate.genereer(uit)
    return uit


def _bestanden(map_: Path) -> list[Path]:
    return sorted(p.relative_to(map_) for p in map_.rglob("*.beancount"))


def test_regenereren_geeft_dezelfde_bytes_als_ingecheckt(gegenereerd: Path) -> None:
    nieuw = _bestanden(gegenereerd)
    assert nieuw, "generator schreef niets"
    for pad in nieuw:
        assert (DEMO / pad).read_bytes() == (gegenereerd / pad).read_bytes(), (
            f"{pad} wijkt af van de ingecheckte versie; draai .venv/bin/python -m ledger.demo.generate"
        )
    # Every checked-in generated file is still produced (import/ may hold imported files).
    ingecheckt = [p for p in _bestanden(DEMO) if p.parts[0] not in ("import", "bron")]
    assert sorted(p for p in nieuw if p.parts[0] != "import") == ingecheckt


def test_twee_runs_zijn_byte_gelijk(tmp_path: Path, gegenereerd: Path) -> None:
    generate.genereer(tmp_path)
    for pad in _bestanden(gegenereerd):
        assert (tmp_path / pad).read_bytes() == (gegenereerd / pad).read_bytes()


def test_elk_bestand_begint_met_de_kop(gegenereerd: Path) -> None:
    for pad in _bestanden(gegenereerd):
        assert (gegenereerd / pad).read_text(encoding="utf-8").startswith(generate.KOP), pad


def _parse(map_: Path) -> list[data.Directive]:
    entries: list[data.Directive] = []
    for pad in _bestanden(map_):
        nieuw, errors, _ = parser.parse_file(str(map_ / pad))
        assert not errors, (pad, errors[:3])
        entries.extend(nieuw)
    return entries


def test_declaraties_zijn_compleet(gegenereerd: Path) -> None:
    entries = _parse(gegenereerd)
    actielijnen = [
        e for e in entries
        if isinstance(e, data.Open) and e.account.startswith("Expenses:Actielijn:") and e.account.count(":") == 3
    ]
    assert len(actielijnen) == 106
    assert len({e.meta["code"] for e in actielijnen}) == 106

    customs = [e for e in entries if isinstance(e, data.Custom)]
    stromen = {e.values[0].value: e for e in customs if e.type == "geldstroom"}
    assert len(stromen) >= 22
    assert stromen["SPUK-KW"].meta["bedrag"].number == Decimal("12000000.00")

    buurten = [e for e in customs if e.type == "buurt" and "bewoners" in e.meta]
    assert len(buurten) == 10
    assert sum(e.meta["bewoners"] for e in buurten) == 29981

    assert len([e for e in customs if e.type == "domein"]) == 8
    assert len([e for e in customs if e.type == "partner"]) == 86
    draagkracht = [e.meta["draagkracht"] for e in customs if e.type == "partner" and "draagkracht" in e.meta]
    assert sum(draagkracht) == Decimal("1.000")
    assert len([e for e in customs if e.type == "overloop"]) == 1


def test_korte_naam() -> None:
    assert generate.korte_naam("Coöperaties met ervaringsdeskundigen") == "Cooperaties-Ervaringsdeskundigen"
    assert generate.korte_naam("Werkgroep Stoppen huiselijk geweld en kindermishandeling") == (
        "Werkgroep-Stoppen-Huiselijk")
    assert generate.korte_naam("Co-creatie West") == "Co-Creatie-West"


def _inhoud(map_: Path) -> dict[Path, bytes]:
    return {p.relative_to(map_): p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file()}


@pytest.fixture
def met_onbekende_buurt(monkeypatch: pytest.MonkeyPatch) -> None:
    """De generator maakt één boeking met een buurt die niet gedeclareerd is (één regelbreuk)."""
    bouw = generate.bouw_demo

    def bouw_met_fout(programma: dict) -> generate.Demo:
        demo = bouw(programma)
        demo.uitgaven[0].posten[0].meta["buurt"] = "atlantis"
        return demo

    monkeypatch.setattr(generate, "bouw_demo", bouw_met_fout)


@pytest.mark.usefixtures("met_onbekende_buurt")
def test_ongeldige_ledger_wordt_geweigerd_en_doelmap_blijft_gelijk(tmp_path: Path, gegenereerd: Path) -> None:
    for pad, inhoud in _inhoud(gegenereerd).items():
        (tmp_path / pad).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / pad).write_bytes(inhoud)
    (tmp_path / "import" / "partner.beancount").write_bytes(b"; geimporteerd\n")
    voor = _inhoud(tmp_path)

    with pytest.raises(generate.OngeldigeDemo) as fout:
        generate.genereer(tmp_path)

    assert len(fout.value.fouten) == 1
    assert re.match(r"2023/uitgaven\.beancount:\d+: Onbekende buurt: atlantis\n", fout.value.fouten[0])
    assert _inhoud(tmp_path) == voor
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".")], "tijdelijke bestanden achtergelaten"


@pytest.mark.usefixtures("met_onbekende_buurt")
def test_main_meldt_elke_fout_en_schrijft_niets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--uit", str(tmp_path)]) == 1
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert re.search(r"^2023/uitgaven\.beancount:\d+: Onbekende buurt: atlantis$", err, re.MULTILINE)
    assert "niet gewijzigd" in err


def test_regelbreuk_in_de_data_wordt_door_de_plugin_geweigerd(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Een overloop boven de tranche: de generator plant ermee, de plugin weigert hem."""
    monkeypatch.setattr(generate, "SPUK_OVERLOOP", (date(2025, 1, 31), 2024, 2_000_000, "jonge-kind"))
    with pytest.raises(generate.OngeldigeDemo) as fout:
        generate.genereer(tmp_path)
    assert re.match(r"declaraties/geldstromen\.beancount:\d+: Overloop niet toegestaan: ", fout.value.fouten[0])
    assert list(tmp_path.iterdir()) == []


def test_demo_ledger_laadt_zonder_fouten() -> None:
    entries, errors, _ = loader.load_file(str(DEMO / "main.beancount"))
    assert [f"{e.source.get('filename')}:{e.source.get('lineno')}: {e.message}" for e in errors] == []
    assert len([e for e in entries if isinstance(e, data.Transaction)]) > 2000

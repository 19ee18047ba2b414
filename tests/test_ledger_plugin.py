"""Every rule of the plugin: a small ledger that breaks it, the exact message and line.

Each case appends a fragment to tests/data/regels/basis.beancount (which is clean); the
line that must be reported carries the marker ``; <- fout``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

BASIS = Path(__file__).parent / "data" / "regels" / "basis.beancount"
MARKER = "; <- fout"


def load_with(tmp_path: Path, fragment: str) -> tuple[list, list, Path, list[int]]:
    text = BASIS.read_text(encoding="utf-8") + "\n" + fragment.strip("\n") + "\n"
    path = tmp_path / "grootboek.beancount"
    path.write_text(text.replace(MARKER, ""), encoding="utf-8")
    marked = [number for number, line in enumerate(text.splitlines(), start=1) if MARKER in line]
    entries, errors, _ = loader.load_file(str(path))
    return entries, errors, path, marked


def messages(errors: list) -> list[str]:
    return [error.message for error in errors]


def assert_single(tmp_path: Path, fragment: str, expected: str) -> None:
    _, errors, path, marked = load_with(tmp_path, fragment)
    assert messages(errors) == [expected]
    assert errors[0].source["filename"] == str(path)
    assert [errors[0].source["lineno"]] == marked


def test_basis_is_clean() -> None:
    _, errors, _ = loader.load_file(str(BASIS))
    assert errors == []


def test_release_per_day_and_stream(tmp_path: Path) -> None:
    entries, errors, _, _ = load_with(tmp_path, """
2023-03-01 * "ADAMAS" "Credible Messengers maart"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   12500.00 EUR
    partner: "ADAMAS"
    buurt: "wildeman"
  Assets:Bank:Programma

2023-03-31 * "ADAMAS" "Uren maart"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN   800.00 EUR
    partner: "ADAMAS"
    uren: 10
  Equity:Inbreng-partners
""")
    assert errors == []
    derived = [e for e in entries if isinstance(e, data.Transaction) and e.meta.get("__derived__")]
    assert [(t.date.isoformat(), t.narration, [(p.account, p.units.number) for p in t.postings]) for t in derived] == [
        ("2023-03-01", "Vrijval PMG: 1 besteding", [
            ("Liabilities:Nog-te-besteden:PMG", Decimal("12500.00")),
            ("Income:Geldstroom:PMG", Decimal("-12500.00"))]),
        ("2023-03-31", "Vrijval ADAMAS: 1 besteding", [
            ("Equity:Inbreng-partners", Decimal("800.00")),
            ("Income:Inzet:ADAMAS", Decimal("-800.00"))]),
    ]
    # The release points back at the spending it comes from.
    assert derived[0].meta["lineno"] == next(
        e for e in entries if isinstance(e, data.Transaction) and e.narration == "Credible Messengers maart"
    ).meta["lineno"]
    opens = {e.account for e in entries if isinstance(e, data.Open)}
    assert "Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG" in opens
    assert "Income:Inzet:ADAMAS" in opens


def test_onbekende_geldstroom(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:XYZ   10.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    ours = [e for e in errors if e.message.startswith("Onbekende geldstroom")]
    assert messages(ours) == ["Onbekende geldstroom: XYZ in Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:XYZ"]
    assert ours[0].source["lineno"] == marked[0]


def test_boeking_zonder_geldstroom(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Onbekende geldstroom: boeking op VEI-11 zonder geldstroom "
     "(boek op Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:<STROOM>)")


def test_onbekende_partner(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10.00 EUR ; <- fout
    partner: "ONBEKEND"
  Assets:Bank:Programma
""", "Onbekende partner: ONBEKEND")


def test_onbekende_buurt(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10.00 EUR ; <- fout
    buurt: "atlantis"
  Assets:Bank:Programma
""", "Onbekende buurt: atlantis")


def test_onbekende_actielijn(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-99-Bestaat-Niet:PMG   10.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    ours = [e for e in errors if e.message.startswith("Onbekende actielijn")]
    assert messages(ours) == ["Onbekende actielijn: Expenses:Actielijn:VEI:VEI-99-Bestaat-Niet:PMG"]
    assert ours[0].source["lineno"] == marked[0]


def test_buiten_de_looptijd(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2026-06-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Buiten de looptijd: PMG loopt van 2022-06-01 tot en met 2026-05-31, boeking op 2026-06-01")


def test_domein_niet_subsidiabel(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:PMG   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Domein niet subsidiabel: PMG is voor VEI, actielijn WEB-13 valt onder WEB")


def test_thema_niet_subsidiabel(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:SPUK-KW   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Thema niet subsidiabel: SPUK-KW is voor armoede-schulden integraal veerkracht-weerbaarheid, "
     "actielijn WON-01 heeft thema (geen)")


def test_thema_per_boeking_overschrijft_actielijn(tmp_path: Path) -> None:
    _, errors, _, _ = load_with(tmp_path, """
2023-01-01 custom "tranche" "SPUK-KW" 2023 10000.00 EUR "integraal"
2023-03-01 * "x"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:SPUK-KW   10.00 EUR
    thema: "integraal"
  Assets:Bank:Programma
""")
    assert errors == []


def test_geldstroom_niet_toegekend(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:ENERGIEFIXERS   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Geldstroom niet toegekend: ENERGIEFIXERS heeft status verwacht; alleen toegekend geld mag worden besteed")


def test_verdeling_nog_open(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 custom "geldstroom-wijziging" "VLIEGWIEL"
  status: "toegekend"
2023-03-02 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:VLIEGWIEL   10.00 EUR ; <- fout
  Assets:Bank:Programma
""", "Verdeling nog open: het aandeel van Nieuw-West in VLIEGWIEL is nog niet bepaald; het geld blijft gereserveerd")


def test_wijziging_maakt_geld_beschikbaar(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-02 * "Gemeente" "Te vroeg: nog gereserveerd"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:VLIEGWIEL   10.00 EUR ; <- fout
  Assets:Bank:Programma
2024-02-01 custom "geldstroom-wijziging" "VLIEGWIEL"
  status: "toegekend"
  aandeel_nw: 20000.00 EUR
2024-02-01 * "Gemeente" "Toekenning vliegwiel"
  Assets:Te-ontvangen:VLIEGWIEL   20000.00 EUR
  Liabilities:Nog-te-besteden:VLIEGWIEL
2024-02-02 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:VLIEGWIEL   10.00 EUR
  Assets:Bank:Programma
""")
    assert messages(errors) == [
        "Geldstroom niet toegekend: VLIEGWIEL heeft status gereserveerd; alleen toegekend geld mag worden besteed"]
    assert errors[0].source["lineno"] == marked[0]


def test_toekenning_boven_beschikbaar(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "Rijk" "Te hoge beschikking"
  Assets:Te-ontvangen:PMG   1.00 EUR
  Liabilities:Nog-te-besteden:PMG   -1.00 EUR ; <- fout
""", "Toekenning boven beschikbaar bedrag: PMG geboekt € 100.001,00, beschikbaar € 100.000,00")


def test_overschrijding_geldstroom(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   60000.00 EUR
  Assets:Bank:Programma
2023-04-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   40000.01 EUR ; <- fout
  Assets:Bank:Programma
""", "Overschrijding geldstroom PMG: besteed € 100.000,01, beschikbaar € 100.000,00, "
     "geboekt als toekenning € 100.000,00")


def test_overschrijding_tranche(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   50000.01 EUR ; <- fout
  Assets:Bank:Programma
""", "Overschrijding tranche SPUK-KW 2023 thema armoede-schulden: besteed € 50.000,01, "
     "tranche plus overloop € 50.000,00")


def test_overloop_vergroot_ruimte_volgend_jaar(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   30000.00 EUR
  Assets:Bank:Programma
2024-01-31 custom "overloop" "SPUK-KW" 2023 20000.00 EUR "armoede-schulden"
2024-03-01 * "binnen tranche plus overloop"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   70000.00 EUR
  Assets:Bank:Programma
2024-04-01 * "erover"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   0.01 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert messages(errors) == [
        "Overschrijding tranche SPUK-KW 2024 thema armoede-schulden: besteed € 70.000,01, "
        "tranche plus overloop € 70.000,00"]
    assert errors[0].source["lineno"] == marked[0]


def test_overloop_meer_dan_over(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   30000.00 EUR
  Assets:Bank:Programma
2024-01-31 custom "overloop" "SPUK-KW" 2023 20000.01 EUR "armoede-schulden" ; <- fout
""", "Overloop niet toegestaan: € 20.000,01 van SPUK-KW 2023 thema armoede-schulden is meer dan er over is "
     "(€ 20.000,00)")


def test_overloop_boven_maximum(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-01-01 custom "geldstroom-wijziging" "SPUK-KW"
  overloop_max: 0.50
2024-01-31 custom "overloop" "SPUK-KW" 2023 25000.01 EUR "armoede-schulden" ; <- fout
""", "Overloop niet toegestaan: € 25.000,01 van SPUK-KW 2023 thema armoede-schulden is meer dan 50% van de "
     "tranche (€ 25.000,00)")


def test_overloop_niet_voor_afloop_jaar(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-11-30 custom "overloop" "SPUK-KW" 2023 100.00 EUR "armoede-schulden" ; <- fout
""", "Overloop niet toegestaan: SPUK-KW 2023 thema armoede-schulden kan pas na afloop van 2023 worden overgeheveld")


def test_overloop_na_looptijd(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2026-01-31 custom "overloop" "SPUK-KW" 2025 100.00 EUR "armoede-schulden" ; <- fout
""", "Overloop niet toegestaan: SPUK-KW 2025 thema armoede-schulden: 2026 valt na de looptijd (tot 2025-12-31)")


def test_overloop_bij_stroom_zonder_regime(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2024-01-31 custom "overloop" "PMG" 2023 100.00 EUR ; <- fout
""", "Overloop niet toegestaan: PMG kent geen overloop per jaar (overloopregime: geen)")


def test_vrij_regime_tranches_cumulatief(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2026-01-01 custom "geldstroom" "SPUK-KW-2026" "SPUK Kansrijke Wijk 2026-2028"
  herkomst: "rijk"
  status: "toegekend"
  bedrag: 300000.00 EUR
  van: 2026-01-01
  tot: 2028-12-31
  overloop: "vrij"
2026-01-01 custom "tranche" "SPUK-KW-2026" 2026 100000.00 EUR
2026-01-01 custom "tranche" "SPUK-KW-2026" 2027 100000.00 EUR
2026-01-02 * "Rijk" "Beschikking"
  Assets:Te-ontvangen:SPUK-KW-2026   300000.00 EUR
  Liabilities:Nog-te-besteden:SPUK-KW-2026
2026-03-01 * "x"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW-2026   40000.00 EUR
  Assets:Bank:Programma
2027-03-01 * "onbesteed 2026 mag in 2027"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW-2026   160000.00 EUR
  Assets:Bank:Programma
2027-04-01 * "maar niet meer dan t/m 2027 toegekend"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW-2026   0.01 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert messages(errors) == [
        "Overschrijding tranche SPUK-KW-2026: besteed t/m 2027 € 200.000,01, tranches t/m 2027 € 200.000,00"]
    assert errors[0].source["lineno"] == marked[0]


def test_subsidiejaar_juni_mei(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-01-01 custom "tranche" "PMG" 2022 10000.00 EUR
2023-01-01 custom "tranche" "PMG" 2023 10000.00 EUR
2023-05-31 * "mei 2023 valt in subsidiejaar 2022-2023"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10000.00 EUR
  Assets:Bank:Programma
2023-06-01 * "juni 2023 begint subsidiejaar 2023-2024"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10000.00 EUR
  Assets:Bank:Programma
2024-05-31 * "nog steeds 2023-2024"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   0.01 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert messages(errors) == [
        "Overschrijding tranche PMG 2023: besteed € 10.000,01, tranche plus overloop € 10.000,00"]
    assert errors[0].source["lineno"] == marked[0]


def test_verplichtingen_overschrijden_geldstroom(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   40000.00 EUR
  Assets:Bank:Programma
2023-03-02 custom "verplichting" "VEI-11" "PMG" 60000.01 EUR ; <- fout
  kenmerk: "beschikking-2023-001"
  partner: "ADAMAS"
""", "Verplichtingen overschrijden geldstroom PMG: besteed plus open verplichtingen € 100.000,01, "
     "beschikbaar € 100.000,00")


def test_betaling_boven_verplichting(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 custom "verplichting" "VEI-11" "PMG" 1000.00 EUR
  kenmerk: "beschikking-2023-001"
2023-04-01 * "ADAMAS" "Eerste betaling" ^beschikking-2023-001
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   600.00 EUR
  Assets:Bank:Programma
2023-05-01 * "ADAMAS" "Tweede betaling" ^beschikking-2023-001
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   400.01 EUR ; <- fout
  Assets:Bank:Programma
""", "Betaling boven verplichting beschikking-2023-001: betaald € 1.000,01, verplicht € 1.000,00")


def test_betaling_past_niet_bij_verplichting(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 custom "verplichting" "VEI-11" "PMG" 1000.00 EUR
  kenmerk: "beschikking-2023-001"
2023-04-01 * "x" ^beschikking-2023-001
  Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF   600.00 EUR ; <- fout
  Assets:Bank:Programma
2023-04-02 * "co"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:EIGEN   300.00 EUR
    partner: "CORPORATIES"
  Equity:Inbreng-partners
""", "Betaling past niet bij verplichting beschikking-2023-001: verplichting is voor VEI-11/PMG, "
     "betaling op WON-01/VHF")


def test_overhead_boven_maximum(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "Gemeente" "Projectkosten"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF   10000.01 EUR ; <- fout
    kosten: "overhead"
  Assets:Bank:Programma
2023-03-02 * "co"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:EIGEN   10000.00 EUR
    partner: "CORPORATIES"
  Equity:Inbreng-partners
""", "Overhead boven maximum: VHF overhead € 10.000,01, maximaal 10% van € 100.000,00 = € 10.000,00")


def test_cofinanciering_onder_minimum(tmp_path: Path) -> None:
    _, errors, path, _ = load_with(tmp_path, """
2023-03-01 * "Gemeente" "Verduurzaming"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF   7000.00 EUR
  Assets:Bank:Programma
2023-03-02 * "CORPORATIES" "Eigen bijdrage"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:EIGEN   2999.00 EUR
    partner: "CORPORATIES"
  Equity:Inbreng-partners
""")
    text = BASIS.read_text(encoding="utf-8").splitlines()
    declaration = text.index('2023-01-01 custom "geldstroom" "VHF" "Volkshuisvestingsfonds"') + 1
    first = len(text) + 2
    assert messages(errors) == [
        f"Cofinanciering onder minimum: WON-01 is voor 29,99% uit andere middelen betaald dan VHF "
        f"(€ 2.999,00 van € 9.999,00); minimaal 30% (eerste boeking {path}:{first})"]
    assert errors[0].source["lineno"] == declaration


def test_cofinanciering_voldoende(tmp_path: Path) -> None:
    _, errors, _, _ = load_with(tmp_path, """
2023-03-01 * "Gemeente" "Verduurzaming"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:VHF   7000.00 EUR
  Assets:Bank:Programma
2023-03-02 * "CORPORATIES" "Eigen bijdrage"
  Expenses:Actielijn:WON:WON-01-Verduurzaming:EIGEN   3000.00 EUR
    partner: "CORPORATIES"
  Equity:Inbreng-partners
""")
    assert errors == []


def test_formatie_klopt_niet(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-31 * "ADAMAS" "Uren"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN   801.00 EUR ; <- fout
    partner: "ADAMAS"
    uren: 10
  Equity:Inbreng-partners
""", "Formatie klopt niet: 10 uur × € 80,00 = € 800,00, geboekt € 801,00")


def test_eigen_middelen_zonder_partner(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-31 * "?" "Inbreng zonder partner"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN   100.00 EUR ; <- fout
  Equity:Inbreng-partners
""", "Onbekende partner: eigen middelen (EIGEN) vragen partner: met een gedeclareerde partner")


def test_ongeldige_declaratie(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-01-01 custom "geldstroom" "EU-JEUGD" "Europese subsidie" ; <- fout
  status: "beloofd"
""", "Ongeldige declaratie: status 'beloofd' is geen van aangevraagd, verwacht, gereserveerd, toegekend")


def test_onbekende_geldstroom_op_balansrekening(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-01 * "x"
  Assets:Te-ontvangen:ONBEKEND   10.00 EUR ; <- fout
  Assets:Bank:Programma
""")
    ours = [e for e in errors if e.message.startswith("Onbekende geldstroom")]
    assert messages(ours) == ["Onbekende geldstroom: ONBEKEND in Assets:Te-ontvangen:ONBEKEND"]
    assert ours[0].source["lineno"] == marked[0]


@pytest.mark.parametrize("config", ["{'begroting': False}", "{}"])
def test_plugin_config(tmp_path: Path, config: str) -> None:
    text = BASIS.read_text(encoding="utf-8").replace(
        'plugin "ledger.plugins.snw"', f'plugin "ledger.plugins.snw" "{config}"')
    path = tmp_path / "g.beancount"
    path.write_text(text, encoding="utf-8")
    _, errors, _ = loader.load_file(str(path))
    assert errors == []


def test_plugin_bad_config(tmp_path: Path) -> None:
    text = BASIS.read_text(encoding="utf-8").replace(
        'plugin "ledger.plugins.snw"', 'plugin "ledger.plugins.snw" "{kapot"')
    path = tmp_path / "g.beancount"
    path.write_text(text, encoding="utf-8")
    _, errors, _ = loader.load_file(str(path))
    assert len(errors) == 1
    assert errors[0].message.startswith("Ongeldige plugin-configuratie")


def test_releases_aggregate_per_day(tmp_path: Path) -> None:
    entries, errors, _, _ = load_with(tmp_path, """
2023-03-01 * "a"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   100.00 EUR
  Assets:Bank:Programma
2023-03-01 * "b"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   -20.00 EUR
  Assets:Bank:Programma
2023-03-01 * "c"
  Expenses:Actielijn:WEB:WEB-13-Gewoon-Geld-Geven:SPUK-KW   5.00 EUR
  Assets:Bank:Programma
""")
    assert errors == []
    derived = {e.narration: e.postings[0].units.number for e in entries
               if isinstance(e, data.Transaction) and e.meta.get("__derived__")}
    assert derived == {"Vrijval PMG: 2 bestedingen": Decimal("80.00"), "Vrijval SPUK-KW: 1 besteding": Decimal("5.00")}


def test_wijziging_geldt_vanaf_haar_datum(tmp_path: Path) -> None:
    """A change and an award on the same day: the change counts first, whatever the line order."""
    _, errors, _, _ = load_with(tmp_path, """
2024-02-01 * "Gemeente" "Toekenning vliegwiel op de dag van het besluit"
  Assets:Te-ontvangen:VLIEGWIEL   20000.00 EUR
  Liabilities:Nog-te-besteden:VLIEGWIEL
2024-02-01 custom "geldstroom-wijziging" "VLIEGWIEL"
  status: "toegekend"
  aandeel_nw: 20000.00 EUR
""")
    assert errors == []


def test_terugbetaling_verlaagt_wat_besteed_mag_worden(tmp_path: Path) -> None:
    _, errors, _, marked = load_with(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   60000.00 EUR
  Assets:Bank:Programma
2023-04-01 * "Rijk" "Terugbetaling deel PMG"
  Liabilities:Nog-te-besteden:PMG   30000.00 EUR
  Assets:Bank:Programma
2023-05-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   10000.01 EUR ; <- fout
  Assets:Bank:Programma
""")
    assert messages(errors) == [
        "Overschrijding geldstroom PMG: besteed € 70.000,01, beschikbaar € 100.000,00, "
        "geboekt als toekenning € 70.000,00"]
    assert errors[0].source["lineno"] == marked[0]


def test_terugbetaling_boven_wat_over_is(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 * "x"
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   60000.00 EUR
  Assets:Bank:Programma
2023-04-01 * "Rijk" "Te hoge terugbetaling"
  Liabilities:Nog-te-besteden:PMG   40000.01 EUR ; <- fout
  Assets:Bank:Programma
""", "Terugbetaling boven wat nog te besteden is: PMG toegekend na deze boeking € 59.999,99, "
     "al besteed € 60.000,00")


def test_eigen_betaling_op_verplichting_van_andere_stroom(tmp_path: Path) -> None:
    assert_single(tmp_path, """
2023-03-01 custom "verplichting" "VEI-11" "PMG" 1000.00 EUR
  kenmerk: "beschikking-2023-001"
2023-04-01 * "ADAMAS" "Eigen uren op de beschikking" ^beschikking-2023-001
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:EIGEN   800.00 EUR ; <- fout
    partner: "ADAMAS"
    uren: 10
  Equity:Inbreng-partners
""", "Betaling past niet bij verplichting beschikking-2023-001: verplichting is voor VEI-11/PMG, "
     "betaling op VEI-11/EIGEN")


class _CountingList(list):
    """A list that counts how often it is iterated over."""

    passes = 0

    def __iter__(self):  # noqa: ANN204
        self.passes += 1
        return super().__iter__()


def test_composition_is_one_pass_and_reaches_every_rule_module(tmp_path: Path) -> None:
    import pkgutil
    import sys

    import ledger.rules
    from ledger.plugins import snw

    entries, _, _, _ = load_with(tmp_path, """
2023-03-01 custom "verplichting" "VEI-11" "PMG" 1000.00 EUR
  kenmerk: "beschikking-2023-001"
2023-04-01 * "ADAMAS" "Uren op de beschikking" ^beschikking-2023-001
  Expenses:Actielijn:VEI:VEI-11-Credible-Messengers:PMG   800.00 EUR
    partner: "ADAMAS"
    uren: 10
  Assets:Bank:Programma
""")
    # Feed the plugin its own input again (without what it derived the first time).
    source = _CountingList(e for e in entries if not e.meta.get("__derived__"))
    reached: set[str] = set()

    def profile(frame, event, arg):  # noqa: ANN001, ANN202
        if event == "call":
            reached.add(frame.f_code.co_filename)

    sys.setprofile(profile)
    try:
        out, errors = snw.snw(source, {})
    finally:
        sys.setprofile(None)
    assert errors == []
    assert len(out) == len(entries)
    # The entries are walked three times, however many rules there are: the declarations
    # (model.parse_programma), the accounts already open, and the one pass of all rules.
    assert source.passes == 3
    modules = [name for _, name, _ in pkgutil.iter_modules(ledger.rules.__path__)]
    assert len(modules) >= 10
    for name in modules:
        assert str(Path(ledger.rules.__path__[0]) / f"{name}.py") in reached, name

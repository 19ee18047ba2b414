"""Make the example partner files under tests/importers/ (fictitious data only).

The files are committed; run this only to change them, then regenerate the expected
ledger text (see README.md in this folder) and review the diff::

    .venv/bin/python tests/importers/maak_bestanden.py

CSV files are written byte for byte (BOM, Windows-1252, CRLF), XLSX files with fixed
timestamps, so running it twice gives the same files.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parents[1]))

from importers.testing import bewaar as vast_bewaren  # noqa: E402
from importers.testing import gevuld_sjabloon  # noqa: E402

LEDGER = HIER / "ledger" / "main.beancount"
D = datetime.date


def schrijf_csv(pad: Path, regels: list[str], *, codering: str, bom: bool = False, eol: str = "\r\n") -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    data = (eol.join(regels) + eol).encode(codering)
    pad.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def vul_sjabloon(partner: str, jaar: int, rijen: list[tuple], extra: dict[str, list] | None = None):
    """A template made as `snw sjabloon` makes it, filled in the way a partner would."""
    return gevuld_sjabloon(LEDGER, partner, jaar, rijen, extra)


def bewaar(wb, pad: Path) -> None:
    vast_bewaren(wb, pad)


# ----------------------------------------------------------------------------------------
# Template (sjabloon)
# ----------------------------------------------------------------------------------------
def sjablonen() -> None:
    map_ = HIER / "sjabloon"
    # Eigen Haard 2024: money from the VHF advance, own money, hours without an amount
    # (amount = uren x tarief), a correction (negative), buurt by name, a blank row in between.
    bewaar(vul_sjabloon("EIGEN-HAARD", 2024, [
        (D(2024, 3, 31), "WON-04 Gerichte vocht- en schimmelaanpak", "VHF Volkshuisvestingsfonds", 12450,
         None, "Dichtersbuurt", "Schimmelinspectie portiekflats", "EH24-00017"),
        (D(2024, 3, 31), "WON-04 Gerichte vocht- en schimmelaanpak", "eigen middelen", None, 32,
         "Dichtersbuurt", "Projectleiding vocht en schimmel Q1", "EH24-U-Q1"),
        (None,) * 8,
        (D(2024, 4, 15), "WON-03 Terugkeer naar een passende woning in de buurt", "eigen middelen", 1875.5,
         None, None, "Verhuiskostenvergoeding terugkeerders", "EH24-00188"),
        (D(2024, 5, 2), "WON-04 Gerichte vocht- en schimmelaanpak", "VHF Volkshuisvestingsfonds", -1250,
         None, "Dichtersbuurt", "Creditnota ventilatieroosters", "EH24-00203"),
    ]), map_ / "eigen-haard-2024.xlsx")
    # HvA 2024: hours only, without Kenmerk (stable hash), dates typed as text, codes typed by
    # hand (lower case, without the name), an extra column the partner added.
    bewaar(vul_sjabloon("HVA", 2024, [
        ("31-01-2024", "ler-01", "eigen middelen", None, 40, None, "Onderzoekers bij opgaveteams januari", None),
        (D(2024, 2, 29), "LER-01", "Eigen middelen", 3800, 40, "wildeman",
         "Onderzoekers bij opgaveteams februari", None),
        (D(2024, 2, 29), "LER-01", "Eigen middelen", 3800, 40, "wildeman",
         "Onderzoekers bij opgaveteams februari", None),
        (D(2024, 3, 31), "LER-01 Voortgang en koers van werkend leren", "eigen middelen", "1.234,50", None,
         "Jacob Geelbuurt", "Materiaal  \n werkplaats", "HVA-2024-M1"),
    ], extra={"Notitie (intern)": ["januari", "februari", "februari (tweede team)", None]}),
        map_ / "hva-2024.xlsx")
    # Not a template: an export that happens to be XLSX; must not be identified.
    bewaar(rochdale_werkmap(), map_ / "geen-sjabloon.xlsx")


# ----------------------------------------------------------------------------------------
# Eigen Haard ERP export (CSV)
# ----------------------------------------------------------------------------------------
KOP_EH = ("Administratie;Boekdatum;Boekstuk;Kostenplaats;Project;Omschrijving;Wijk;Crediteur;"
          "IBAN crediteur;Uren;Bedrag;Valuta")


def eigen_haard() -> None:
    map_ = HIER / "eigen-haard"
    # Q1: UTF-8 with BOM, CRLF, ';', decimal comma and thousands dots, dd-mm-jjjj, an amount in
    # parentheses and one with a trailing minus (corrections), hours with a decimal comma and a
    # trailing minus, subtotal and total rows, a blank row, extra columns, business IBANs,
    # a cost centre mapped by cost centre and project.
    schrijf_csv(map_ / "erp-2024-q1.csv", [
        KOP_EH,
        "EH01;15-01-2024;EH24-00017;4830;P-512;Isolatie portiekflats complex 512;Dichters;"
        "Bouwbedrijf Noord BV;NL91ABNA0417164300;;12.450,00;EUR",
        "EH01;31-01-2024;EH24-00031;4820;;Huismeester op één plek, januari;Dichters;;;32;2.720,00;EUR",
        "EH01;29-02-2024;EH24-00102;4810;;Ventilatieroosters complex 512;Dichtersbuurt Geuzenveld;"
        "Installatietechniek West BV;NL20INGB0001234567;;8.730,55;EUR",
        "EH01;29-02-2024;EH24-00103;4810;;Creditnota ventilatieroosters;Dichters;"
        "Installatietechniek West BV;NL20INGB0001234567;;(1.250,00);EUR",
        ";;;4810;;Subtotaal 4810;;;;;7.480,55;EUR",
        ";;;;;;;;;;;",
        "EH01;15-03-2024;EH24-00188;4820;;Wijkbeheerder “Thuis in de buurt”;Lodewijk van Deyssel;;;24,5;;EUR",
        "EH01;28-03-2024;EH24-00190;4820;;Correctie uren wijkbeheerder februari;;;;4-;;EUR",
        "EH01;31-03-2024;EH24-00201;4830;P-RENO;Creditering zaalhuur bewonersavond renovatie;Dichters;"
        "Buurthuis De Kolk;;;350,00-;EUR",
        ";;;;;Totaal;;;;52,5;22.630,55;EUR",
    ], codering="utf-8", bom=True)
    # Q2: Windows-1252 (é, €, en dash), LF line endings, an extra trailing column, an amount
    # with a thousands dot, a zero row (skipped), quoted fields with the delimiter inside.
    schrijf_csv(map_ / "erp-2024-q2.csv", [
        KOP_EH + ";Memo",
        "EH01;02-04-2024;EH24-00250;4810;;\"Schimmelbestrijding; 14 woningen – fase 2\";Dichters;"
        "Bouwbedrijf Noord BV;NL91ABNA0417164300;;31.234,56;EUR;grote opdracht",
        "EH01;30-04-2024;EH24-00261;4830;P-RENO;Café-avond renovatie (€ 12 p.p.);Lodewijk van Deyssel;;;;480,00;EUR;",
        "EH01;30-04-2024;EH24-00262;4830;;Nulregel uit het ERP;;;;;0,00;EUR;",
        "EH01;31-05-2024;EH24-00270;4820;;Huismeester op één plek, mei;Dichters;;;12;1.020,00;EUR;",
        ";;;;;Subtotaal;;;;12;32.734,56;EUR;",
    ], codering="cp1252", eol="\n")
    # Another partner's export (different columns): must not be identified.
    schrijf_csv(map_ / "ander-export.csv", [
        "Datum,Grootboekrekening,Omschrijving,Debet,Credit",
        "2024-01-31,4000,Salarissen,1000.00,",
    ], codering="utf-8")


def rochdale_csv() -> None:
    """A mapping that lives next to its files (koppeling.yaml): money from an advance (PMG),
    a comma-delimited Windows-1252 export with decimal points and d/m/Y dates."""
    map_ = HIER / "rochdale-csv"
    schrijf_csv(map_ / "rochdale-pmg-2024.csv", [
        "Periode,Datum,Ref,Kostendrager,Omschrijving,Wijk,Bedrag",
        '2024-02,15/02/2024,R-24-0007,KD-PMG-VEI,"Voorlichting huiselijk geweld, ouders",Wildeman,"4,200.00"',
        "2024-03,28/03/2024,R-24-0019,KD-PMG-VEI,Training professionals (café De Ster),Jacob Geelbuurt,1250.5",
        "2024-04,30/04/2024,R-24-0031,KD-PMG-VEI,Creditnota training maart,,(250.00)",
        ",,,,Totaal,,5200.50",
    ], codering="cp1252")


# ----------------------------------------------------------------------------------------
# Rochdale quarterly workbook (XLSX, several sheets)
# ----------------------------------------------------------------------------------------
def rochdale_werkmap():
    import openpyxl

    wb = openpyxl.Workbook()
    kop = ["Datum", "Referentie", "Kostendrager", "Activiteit", "Buurt", "Medewerkersuren", "Bedrag (EUR)",
           "Opmerking"]
    kwartalen = {
        "Q1": [
            [D(2024, 2, 15), "R-24-0007", "KD-VERDUURZAMEN", "Zonnepanelen complex Jan de Louterstraat",
             "Lodewijk van Deysselbuurt", None, 4200.0, None],
            [D(2024, 3, 28), "R-24-0019", "KD-PLEK", "Wijkbeheerder op één plek", "lodewijk-van-deysselbuurt",
             16, None, "uren"],
            [None, None, None, "Totaal Q1", None, 16, 5480.0, None],
        ],
        "Q2": [
            [D(2024, 4, 30), "R-24-0031", "KD-VERDUURZAMEN", "Creditnota zonnepanelen februari", None, None,
             "(1.250,00)", "creditnota"],
            [D(2024, 5, 31), "R-24-0040", "KD-ONDERZOEK", "Deelname onderzoek werkend leren", None, 7.5, 600,
             None],
            ["14-06-2024", "R-24-0052", "KD-VERDUURZAMEN", "Correctie isolatie complex 7", "Jacob Geelbuurt",
             None, "2.400,00-", "tekstbedrag met min erachter"],
        ],
    }
    eerste = True
    for blad, rijen in kwartalen.items():
        ws = wb.active if eerste else wb.create_sheet()
        eerste = False
        ws.title = blad
        ws.append([f"Rochdale – inzet Samen Nieuw-West 2024 {blad}"])
        ws.append(["Gegenereerd uit het projectensysteem"])
        ws.append(kop)
        for rij in rijen:
            ws.append(rij)
        for row in ws.iter_rows(min_row=4, max_col=1):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "DD-MM-YYYY"
    return wb


def rochdale() -> None:
    map_ = HIER / "rochdale"
    bewaar(rochdale_werkmap(), map_ / "inzet-2024.xlsx")
    schrijf_csv(map_ / "andere-export.csv", [KOP_EH, "EH01;15-01-2024;X;4810;;x;;;;;1,00;EUR"],
                codering="utf-8")


# ----------------------------------------------------------------------------------------
# Files with errors (expected messages in <file>.fouten)
# ----------------------------------------------------------------------------------------
def fouten() -> None:
    map_ = HIER / "fouten"
    # One template with every kind of bad row (row numbers 4..).
    bewaar(vul_sjabloon("EIGEN-HAARD", 2024, [
        (D(2024, 1, 31), "WON-04", "eigen middelen", 100, None, None, "goede regel", "OK-1"),
        ("31-02-2024", "WON-04", "eigen middelen", 100, None, None, "geen bestaande datum", "F-01"),
        (None, "WON-04", "eigen middelen", 100, None, None, "datum ontbreekt", "F-02"),
        (D(2025, 1, 2), "WON-04", "eigen middelen", 100, None, None, "ander jaar", "F-03"),
        (D(2024, 2, 1), "WON-4O", "eigen middelen", 100, None, None, "actielijn met tikfout", "F-04"),
        (D(2024, 2, 1), "WON-04", "PMG Preventie met Gezag", 100, None, None, "geldstroom niet voor deze partner",
         "F-05"),
        (D(2024, 2, 1), "WON-04", "VHV", 100, None, None, "geldstroom met tikfout", "F-06"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", "12,34,56", None, None, "geen getal", "F-07"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", None, None, None, "bedrag en uren ontbreken", "F-08"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", 900, 10, None, "bedrag past niet bij uren", "F-09"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", 100, None, "Dichtersbuurd", "buurt met tikfout", "F-10"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", 100, None, None, "kenmerk dubbel", "OK-1"),
        (D(2024, 2, 1), "WON-04", "eigen middelen", 10.005, None, None, "drie decimalen", "F-12"),
        (D(2024, 2, 1), None, None, 100, None, None, "actielijn en geldstroom leeg", "F-13"),
    ]), map_ / "sjabloon-fouten.xlsx")
    # A partner without tariff reporting hours; a stream allowed by a commitment but no advance.
    bewaar(vul_sjabloon("HVA", 2024, [
        (D(2024, 3, 1), "LER-01", "SPUK-KW SPUK Kansrijke Wijk", 500, None, None, "geen voorschotrekening", "H-1"),
    ]), map_ / "hva-geen-voorschot.xlsx")
    bewaar(vul_sjabloon("ADAMAS", 2024, [
        (D(2024, 3, 1), "VEI-11", "eigen middelen", None, 8, None, "uren zonder tarief", "A-1"),
    ]), map_ / "adamas-uren.xlsx")
    # An ERP export with an unmapped cost centre and a date in another format.
    schrijf_csv(map_ / "eigen-haard-fouten.csv", [
        KOP_EH,
        "EH01;15-01-2024;EH24-00017;4810;;Schimmelinspectie;Dichters;;;;12.450,00;EUR",
        "EH01;15-01-2024;EH24-00018;9999;;Onderhoud kantoor;;;;;500,00;EUR",
        "EH01;2024-01-31;EH24-00019;4820;;Datum in ander formaat;;;;;100,00;EUR",
        "EH01;31-01-2024;EH24-00020;4820;;Bedrag met punt;;;;;1234.56;EUR",
    ], codering="utf-8", bom=True)
    # Personal data: a BSN column and a resident's IBAN in the description.
    schrijf_csv(map_ / "eigen-haard-bsn.csv", [
        KOP_EH + ";Huurder BSN",
        "EH01;15-01-2024;EH24-00017;4820;;Verhuiskosten;Dichters;;;;450,00;EUR;111222333",
        "EH01;16-01-2024;EH24-00018;4820;;Verhuiskosten;Dichters;;;;450,00;EUR;123456782",
    ], codering="utf-8", bom=True)
    bewaar(vul_sjabloon("EIGEN-HAARD", 2024, [
        (D(2024, 1, 31), "WON-03", "eigen middelen", 450, None, None,
         "Terugbetaling huurder NL91 ABNA 0417 1643 00", "P-1"),
        (D(2024, 2, 28), "WON-03", "eigen middelen", 450, None, None, "Verhuiskosten", "123456782"),
    ]), map_ / "sjabloon-iban.xlsx")


if __name__ == "__main__":
    sjablonen()
    eigen_haard()
    rochdale()
    rochdale_csv()
    fouten()
    print("klaar")

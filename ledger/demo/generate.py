"""Generator van de demoledger van Samen Nieuw-West.

Leest ``ledger/demo/bron/programma.yaml`` (feiten uit het uitvoeringsprogramma 2024-2027)
en schrijft de platte ``.beancount``-bestanden van de demoledger onder ``ledger/demo/``:

    main.beancount                       opties, plugin, Fava-extensie, includes
    declaraties/*.beancount              domeinen, actielijnen, geldstromen, partners, buurten, instellingen
    <jaar>/toekenningen.beancount        beschikkingen en ontvangsten (2023-2026)
    <jaar>/uitgaven.beancount            bestedingen uit programmageld, voorschotten
    <jaar>/inzet-partners.beancount      eigen middelen en formatie van partners, toezeggingen
    <jaar>/verplichtingen.beancount      beschikkingen en opdrachten aan uitvoerders
    budgets/<jaar>.beancount             begrotingen 2024-2026 (vastgesteld) en 2027 (ontwerp)
    import/index.beancount               lege plaatshouder voor geïmporteerde partnerbestanden

Feiten uit het plan (namen, codes, bedragen, looptijden, buurten, bewonersaantallen) komen
uit de yaml. Alles wat niet uit het plan komt (bestedingen, tranches, draagkracht, tarieven,
het aandeel van Nieuw-West in gedeelde potten, ...) is synthetisch en draagt
``illustratief: TRUE``. De bestedingen komen uit ``random.Random(2023)``: elke run levert
byte voor byte dezelfde bestanden.

De regels uit ``docs/ledgertaal.md`` staan niet in de generator: hij schrijft de ledger eerst
in een tijdelijke map en laadt die met Beancount, waarbij de regel ``plugin "ledger.plugins.snw"``
van de ledger zelf alles controleert (looptijd, subsidiabiliteit, tranches en overloop,
verplichtingen, cofinanciering, overhead, formatie, beschikbaarheid tegen de begroting). Pas
als dat zonder één fout of waarschuwing lukt, gaan de bestanden met
``ledger.files.write_all_atomic`` naar de doelmap; anders drukt hij elke fout af als
``bestand:regel: melding`` en blijft de doelmap zoals hij was.

Wat de generator wel uitrekent, is planning: het jaarplan per cel is de begroting en de
bestedingen blijven daaronder (factor 0,88-1,00, naar beneden afgerond); een betaling gaat naar
de eerste verplichting met ruimte; tot de begrotingswijziging van 2025 blijft VEI-11/PMG binnen
het primitieve bedrag; de corporaties brengen 55% van de VHF-besteding op WON-04 in. Dat zijn
keuzes om geldige data te *maken*, geen tweede controle met eigen marges.

Gebruik::

    .venv/bin/python -m ledger.demo.generate            # schrijft naar ledger/demo/
    .venv/bin/python -m ledger.demo.generate --uit DIR  # schrijft naar DIR (bijv. in tests)
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import timedelta
from decimal import ROUND_DOWN
from decimal import ROUND_UP
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from beancount.parser import printer

from ledger.files import write_all_atomic
from ledger.model import TOELICHTING_DREMPEL
from ledger.model import afwijking_boven_drempel
from ledger.nl import euro
from ledger.load import load_ledger

HIER = Path(__file__).resolve().parent
BRON = HIER / "bron" / "programma.yaml"

KOP = "; Gegenereerd door ledger/demo/generate.py uit bron/programma.yaml — niet met de hand bewerken\n"

#: Laatste dag met gerealiseerde boekingen in de demo.
EINDE_REALISATIE = date(2026, 10, 31)
JAREN_REALISATIE = (2023, 2024, 2025, 2026)
JAREN_BEGROTING = (2024, 2025, 2026, 2027)
START = date(2023, 1, 1)

BANK = "Assets:Bank:Programma"
INBRENG = "Equity:Inbreng-partners"
EIGEN = "EIGEN"

CENT = Decimal("0.01")
NUL = Decimal("0.00")

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


# ---------------------------------------------------------------------------
# Kleine hulpfuncties
# ---------------------------------------------------------------------------


def d(bedrag: int | str | Decimal) -> Decimal:
    """Bedrag als Decimal met twee decimalen."""
    return Decimal(bedrag).quantize(CENT)


def fmt(bedrag: Decimal) -> str:
    """Bedrag zoals Beancount het leest: ``-1234567.89``."""
    return f"{bedrag.quantize(CENT):f}"


def q(tekst: str) -> str:
    """Tekst tussen aanhalingstekens, met escapes."""
    return '"' + tekst.replace("\\", "\\\\").replace('"', '\\"') + '"'


def euro_nl(bedrag: int | Decimal) -> str:
    """Bedrag in hele euro's met punten als duizendtalscheiding: ``1.234.567``."""
    return f"{int(bedrag):,}".replace(",", ".")


def datum_nl(dag: date) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def laatste_dag(jaar: int, maand: int) -> date:
    return date(jaar, maand, calendar.monthrange(jaar, maand)[1])


def kwartaal(maand: int) -> int:
    return (maand - 1) // 3 + 1


def duizendtal_omlaag(bedrag: Decimal) -> int:
    return int((bedrag / 1000).to_integral_value(rounding=ROUND_DOWN)) * 1000


def duizendtal_omhoog(bedrag: Decimal) -> int:
    return int((bedrag / 1000).to_integral_value(rounding=ROUND_UP)) * 1000


STOPWOORDEN = frozenset(
    """de het een en van voor in op met naar aan bij tot te door om of uit over als die dat
    er is zijn hun we wij ze ons onze nog ook tussen ter rond onder volgens binnen na per
    tegen zonder via the and of s t""".split()
)


def korte_naam(naam: str) -> str:
    """Deterministische korte naam voor een rekeningcomponent.

    ASCII-gevouwen, de eerste drie betekenisvolle woorden, elk met een hoofdletter,
    verbonden met koppeltekens: ``"Coöperaties met ervaringsdeskundigen"`` wordt
    ``"Cooperaties-Ervaringsdeskundigen"``.
    """
    gevouwen = unicodedata.normalize("NFKD", naam)
    gevouwen = "".join(c for c in gevouwen if not unicodedata.combining(c))
    woorden = re.findall(r"[A-Za-z0-9]+", gevouwen)
    betekenisvol = [w for w in woorden if w.lower() not in STOPWOORDEN] or woorden
    delen = [w[0].upper() + w[1:] for w in betekenisvol[:3]]
    resultaat = "-".join(delen)
    if not re.fullmatch(r"[A-Z0-9][A-Za-z0-9-]*", resultaat):
        raise ValueError(f"geen geldige rekeningcomponent: {resultaat!r} (uit {naam!r})")
    return resultaat


def korte_omschrijving(naam: str) -> str:
    """Naam van een actielijn zonder toevoegingen na een gedachtestreepje of haakje."""
    kort = naam.split(" – ")[0].split(" (")[0].strip()
    return kort if len(kort) <= 60 else kort[:57].rstrip() + "…"


# ---------------------------------------------------------------------------
# Programmafeiten uit de yaml
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actielijn:
    code: str
    naam: str
    domein: str
    omschrijving: str
    opbrengst: str | None
    trekker: str | None
    rekening: str


def _actielijnen_in(node: Any, domein: str, opbrengst: str | None, uit: list[tuple[dict, str | None]]) -> None:
    if isinstance(node, list):
        for kind in node:
            _actielijnen_in(kind, domein, opbrengst, uit)
        return
    if not isinstance(node, dict):
        return
    code = node.get("code")
    if isinstance(code, str) and code.startswith(domein + "-") and "bron_regel" in node and "naam" in node:
        uit.append((node, opbrengst))
        return
    for sleutel in ("opbrengsten", "actielijnen", "actielijnen_zonder_opbrengst"):
        if sleutel in node:
            eigen = opbrengst
            if sleutel == "actielijnen" and "nr" in node:
                eigen = str(node["nr"])
            if sleutel == "actielijnen_zonder_opbrengst":
                eigen = None
            _actielijnen_in(node[sleutel], domein, eigen, uit)


def lees_programma(pad: Path) -> dict[str, Any]:
    with pad.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def actielijnen_uit(programma: dict[str, Any]) -> list[Actielijn]:
    resultaat = []
    for domein in programma["domeinen"]:
        gevonden: list[tuple[dict, str | None]] = []
        _actielijnen_in(domein, domein["code"], None, gevonden)
        for node, opbrengst in gevonden:
            trekker = node.get("trekker")
            if isinstance(trekker, list):
                trekker = " ".join(trekker)
            code = node["code"]
            rekening = f"Expenses:Actielijn:{domein['code']}:{code}-{korte_naam(node['naam'])}"
            resultaat.append(
                Actielijn(
                    code=code,
                    naam=node["naam"],
                    domein=domein["code"],
                    omschrijving=node.get("omschrijving", ""),
                    opbrengst=opbrengst,
                    trekker=trekker,
                    rekening=rekening,
                )
            )
    return resultaat


# ---------------------------------------------------------------------------
# Illustratieve themakoppeling (SPUK Kansrijke Wijk)
# ---------------------------------------------------------------------------

SPUK_THEMAS = (
    "armoede-schulden", "veerkracht-weerbaarheid", "re-integratie", "jonge-kind",
    "gezonde-leefomgeving", "programmaondersteuning", "integraal",
)  # fmt: skip
SPUK_2026_THEMAS = (
    "re-integratie-geldzorgen", "school-omgeving", "jonge-kind", "maatschappelijke-samenhang",
    "financiele-educatie", "integraal", "programmaorganisatie",
)  # fmt: skip

#: De namen van de hoofdthema's per regeling, zoals de regeling ze noemt (Stcrt. 2023-17605 en
#: 2025-20924); de ledger declareert ze (custom "hoofdthema" met stroom:), SiSa toont ze.
HOOFDTHEMA_NAMEN = {
    "SPUK-KW": {
        "armoede-schulden": "Preventie armoede en schulden",
        "veerkracht-weerbaarheid": "Veerkracht en weerbaarheid",
        "re-integratie": "Re-integratie",
        "jonge-kind": "Ontwikkeling jonge kind",
        "gezonde-leefomgeving": "Gezonde leefomgeving",
        "programmaondersteuning": "Programmaondersteuning",
        "integraal": "Integraal deel",
    },
    "SPUK-KW-2026": {
        "re-integratie-geldzorgen": "Re-integratie en preventie geldzorgen",
        "school-omgeving": "School en omgeving",
        "jonge-kind": "Jonge kind",
        "maatschappelijke-samenhang": "Maatschappelijke samenhang",
        "financiele-educatie": "Financiële educatie",
        "integraal": "Integraal budget",
        "programmaorganisatie": "Programmaorganisatie",
    },
}

THEMA_UITZONDERINGEN = {
    "EID-11": "veerkracht-weerbaarheid",
    "EID-12": "veerkracht-weerbaarheid",
    "EID-13": "veerkracht-weerbaarheid",
    "VEI-12": "re-integratie",
    "JEU-01": "jonge-kind",
    "JEU-02": "jonge-kind",
    "JEU-03": "jonge-kind",
    "JEU-04": "jonge-kind",
    "JEU-05": "jonge-kind",
    "JEU-06": "jonge-kind",
}


def thema_van(al: Actielijn) -> str:
    """Het (illustratieve) SPUK-hoofdthema van een actielijn."""
    if al.code in THEMA_UITZONDERINGEN:
        return THEMA_UITZONDERINGEN[al.code]
    if al.domein == "WEB":
        return "armoede-schulden" if (al.opbrengst or "").startswith("2.") else "re-integratie"
    return {
        "EID": "integraal",
        "VEI": "veerkracht-weerbaarheid",
        "CWB": "integraal",
        "WON": "gezonde-leefomgeving",
        "JEU": "veerkracht-weerbaarheid",
        "LER": "programmaondersteuning",
        "ORG": "programmaondersteuning",
    }[al.domein]


# ---------------------------------------------------------------------------
# Geldstromen: wat de demo met de stromen uit het plan doet
# ---------------------------------------------------------------------------

STATUS_MAPPING = {
    "toegekend": "toegekend",
    "beschikbaar": "toegekend",
    "lopend": "toegekend",
    "gereserveerd": "gereserveerd",
    "verwacht": "verwacht",
    "aangevraagd": "aangevraagd",
    "aan_te_vragen": "verwacht",
    "gepland": "verwacht",
    "doel": "verwacht",
    "onbekend": "verwacht",
    "gemengd": "verwacht",
}

HERKOMST = {"gemeente": "gemeente", "rijk": "rijk", "EU": "eu", "fonds": "fonds", "partners": "partners"}


def karakter_van(st: Stroom) -> str:
    """Structureel: the gemeente's money that runs to the programme's horizon; all else is one-off."""
    return "structureel" if st.herkomst == "gemeente" and st.tot.year >= 2040 else "incidenteel"


@dataclass
class Stroom:
    """Een geldstroom zoals de demo hem declareert."""

    code: str
    naam: str
    herkomst: str
    status: str
    bedrag: Decimal
    van: date
    tot: date
    datum: date = START
    financier: str | None = None
    status_bron: str | None = None
    bedrag_tekst: str | None = None
    aandeel_nw: Decimal | str | None = None
    gedeeld_met: str | None = None
    domeinen: str | None = None
    themas: str | None = None
    overloop: str | None = None
    overloop_max: str | None = None
    boekjaar_start: int | None = None
    cofinanciering_min: str | None = None
    overhead_max: str | None = None
    specifieke_uitkering: bool = False
    departement: str | None = None
    illustratief: bool = False
    illustratief_velden: str | None = None
    toelichting: str | None = None
    regel_bron: str | None = None
    bron: str | None = None
    bron_regel: str | None = None
    #: (datum, meta) van geldstroom-wijzigingen
    wijzigingen: list[tuple[date, dict[str, Any]]] = field(default_factory=list)
    #: (jaar, bedrag, thema)
    tranches: list[tuple[int, Decimal, str | None]] = field(default_factory=list)
    #: (datum, jaar_van, bedrag, thema)
    overlopen: list[tuple[date, int, Decimal, str | None]] = field(default_factory=list)
    beschikbaar: Decimal = NUL
    #: (van, tot) na alle wijzigingen: de looptijd waarin de demo uit de stroom besteedt
    looptijd: tuple[date, date] | None = None


# Keuzes van de demo per stroom uit de yaml. ``bedrag`` alleen waar het plan geen (totaal)bedrag geeft.
DEMO_STROMEN: dict[str, dict[str, Any]] = {
    "VLIEGWIEL": {
        "van": date(2023, 1, 1), "tot": date(2026, 12, 31), "aandeel_nw": "open",
        "illustratief_velden": "van tot",
        "toelichting": "Looptijd = huidige collegeperiode (jaartallen niet in het plan); verdeling over de drie gebieden nog open.",
    },
    "GEM-REGULIER": {
        "van": date(2027, 1, 1), "tot": date(2043, 12, 31), "bedrag": 0,
        "illustratief_velden": "van tot",
        "toelichting": "Doel: successen uit vliegwielmiddelen naar reguliere middelen; geen bedrag in het plan.",
    },
    "GEM-ORG": {
        "van": date(2023, 1, 1), "tot": date(2027, 12, 31), "bedrag": 3_000_000, "domeinen": "ORG",
        "illustratief_velden": "bedrag van tot",
        "toelichting": "Bedrag niet in het plan; de demo rekent met 600.000 per jaar voor de programmaorganisatie.",
    },
    "NPLV": {
        "van": date(2024, 1, 1), "tot": date(2027, 12, 31), "bedrag": 0,
        "illustratief_velden": "van tot",
        "toelichting": "Deelbudgetten bij departementen gereserveerd; bedrag niet in het plan.",
    },
    "NPLV-ORG": {
        "van": date(2023, 1, 1), "tot": date(2025, 12, 31), "domeinen": "ORG",
        "toelichting": "500.000 per jaar in 2023, 2024 en 2025 (totaal afgeleid).",
    },
    "PARTNERS": {
        "van": date(2023, 3, 23), "tot": date(2043, 12, 31), "bedrag": 0,
        "illustratief_velden": "tot",
        "toelichting": "Bijdragen van partners staan in de ledger op de stroom EIGEN (Income:Inzet:<PARTNER>).",
    },
    "EU-JEUGD": {
        "van": date(2023, 1, 1), "tot": date(2024, 12, 31), "domeinen": "JEU",
        "toelichting": "Plan: 'EUR 150.000 in 2023 en 2024'; totaal of per jaar is onduidelijk, de demo leest het als totaal.",
    },
    "PMG": {
        "van": date(2022, 6, 1), "tot": date(2026, 5, 31), "aandeel_nw": "open", "domeinen": "VEI",
        "boekjaar_start": 6, "specifieke_uitkering": True, "departement": "JenV",
        "regel_bron": "Stcrt. 2022-24113, 2025-31991 (eerste tranche 1 juni 2022 - 1 juni 2026)",
        "toelichting": "Gedeeld met Zuidoost; aandeel Nieuw-West niet in het plan.",
    },
    "WBI": {
        "van": date(2023, 1, 1), "tot": date(2027, 12, 31), "bedrag": 9_100_000, "domeinen": "WON",
        "specifieke_uitkering": True, "departement": "BZK", "illustratief_velden": "van tot",
        "toelichting": "Bedrag = vierde tranche (Osdorp, EUR 9,1 miljoen); bedrag derde tranche (Roëllbuurt) niet in het plan.",
    },
    "VHF": {
        "van": date(2023, 1, 1), "tot": date(2027, 12, 31), "domeinen": "WON",
        "cofinanciering_min": "0.30", "overhead_max": "0.10", "specifieke_uitkering": True,
        "departement": "BZK", "illustratief_velden": "van tot",
        "regel_bron": "RVO Volkshuisvestingsfonds: max. 10% eigen projectkosten gemeente, min. 30% cofinanciering",
    },
    "SEO": {
        "van": date(2022, 8, 1), "tot": date(2024, 7, 31), "bedrag": 0, "domeinen": "JEU",
        "illustratief_velden": "van tot domeinen",
        "toelichting": "Loopt niet via het programma (via_programma: false): schoolcoalities vragen zelf aan bij OCW.",
    },
    "ENERGIEFIXERS": {
        "van": date(2025, 1, 1), "tot": date(2027, 12, 31), "domeinen": "WON",
        "illustratief_velden": "van tot",
        "toelichting": "Te verwachten rijksmiddelen, specifiek voor Nieuw-West; de ontwerpbegroting 2027 leunt erop.",
    },
    "ISOLATIE": {
        "van": date(2023, 1, 1), "tot": date(2024, 12, 31), "aandeel_nw": "open",
        "gedeeld_met": "Amsterdam", "domeinen": "WON",
        "toelichting": "Stadsbreed budget voor Amsterdam; aandeel Nieuw-West niet in het plan.",
    },
    "ISOLATIE-KDW": {
        "van": date(2023, 1, 1), "tot": date(2024, 12, 31), "aandeel_nw": "open",
        "gedeeld_met": "Amsterdam", "domeinen": "WON", "illustratief_velden": "van tot",
        "toelichting": "Aanvulling op de lokale isolatieaanpak, stadsbreed; aandeel Nieuw-West niet in het plan.",
    },
    "SPUK-KW": {
        "van": date(2023, 1, 1), "tot": date(2025, 12, 31), "specifieke_uitkering": True, "departement": "BZK",
        "domeinen": "EID VEI WEB WON JEU ORG", "themas": " ".join(SPUK_THEMAS),
        "overloop": "hoofdthema", "overloop_max": "1.00",
        "regel_bron": "Regeling kansrijke wijk, Stcrt. 2023-17605 en 2023-25879; NPLV FAQ",
        "toelichting": "Thema school en omgeving loopt in Amsterdam via School en Omgeving (SEO).",
    },
    "SPUK-KW-GLO": {
        "van": date(2023, 8, 1), "tot": date(2025, 12, 31), "bedrag": 0, "domeinen": "WON",
        "specifieke_uitkering": True, "illustratief_velden": "tot domeinen",
        "toelichting": "Uitbreiding gezonde leefomgeving sinds augustus 2023; bedrag en toekenning niet in het plan.",
    },
    "SPUK-VEI": {
        "van": date(2024, 1, 1), "tot": date(2025, 12, 31), "bedrag": 240_000, "domeinen": "VEI",
        "specifieke_uitkering": True, "illustratief_velden": "bedrag van tot",
        "toelichting": "Voorlichting ondermijning (circa 1 fte); bedrag niet in het plan. Mogelijk deel van SPUK-KW.",
    },
    "GGG": {
        "van": date(2024, 7, 1), "tot": date(2026, 6, 30), "bedrag": 0, "domeinen": "WEB",
        "illustratief_velden": "van tot",
        "toelichting": "Pilot: EUR 150 per maand per huishouden, twee jaar; aantal huishoudens niet in het plan.",
    },
    "RIJK-MOB": {
        "van": date(2025, 1, 1), "tot": date(2030, 12, 31), "bedrag": 0, "domeinen": "WON",
        "illustratief_velden": "van tot",
        "toelichting": "Aparte aanvraag en besluitvorming nodig; bedrag niet in het plan.",
    },
    "KENNIS-ONDERZOEK": {
        "van": date(2024, 1, 1), "tot": date(2027, 12, 31), "bedrag": 0, "domeinen": "LER",
        "illustratief_velden": "tot",
        "toelichting": "Kennispartners vragen vanaf 2024 middelen aan; bedrag niet in het plan.",
    },
    "WON-RES": {
        "van": date(2024, 1, 1), "tot": date(2027, 12, 31), "bedrag": 0, "domeinen": "WON",
        "illustratief_velden": "van tot",
        "toelichting": "Al gereserveerd naast onder meer VHF; herkomst en bedrag niet in het plan.",
    },
    "JEU-JK": {
        "van": date(2024, 1, 1), "tot": date(2027, 12, 31), "bedrag": 2_000_000, "domeinen": "JEU",
        "illustratief_velden": "bedrag van tot",
        "toelichting": "Plan: 'substantieel', herkomst niet genoemd; de demo rekent met 2 miljoen voor 2024-2027.",
    },
}  # fmt: skip

# Tranches SPUK-KW 2023-2025 (illustratieve verdeling van 12 miljoen over jaren en thema's).
SPUK_TRANCHES = {
    2023: {"armoede-schulden": 700_000, "veerkracht-weerbaarheid": 600_000, "re-integratie": 500_000,
           "jonge-kind": 500_000, "gezonde-leefomgeving": 200_000, "programmaondersteuning": 200_000,
           "integraal": 300_000},
    2024: {"armoede-schulden": 1_000_000, "veerkracht-weerbaarheid": 900_000, "re-integratie": 800_000,
           "jonge-kind": 800_000, "gezonde-leefomgeving": 300_000, "programmaondersteuning": 300_000,
           "integraal": 400_000},
    2025: {"armoede-schulden": 1_000_000, "veerkracht-weerbaarheid": 900_000, "re-integratie": 800_000,
           "jonge-kind": 800_000, "gezonde-leefomgeving": 300_000, "programmaondersteuning": 300_000,
           "integraal": 400_000},
}  # fmt: skip
SPUK_OVERLOOP = (date(2025, 1, 31), 2024, 150_000, "jonge-kind")

# Reguliere gemeentelijke middelen (GEM-REGULIER): de gemeenteraad maakt begin 2026 structureel wat
# met vliegwielgeld werkte (illustratief besluit en bedrag; het plan noemt alleen het doel).
GEM_REGULIER_BESLUIT = date(2026, 1, 22)
GEM_REGULIER_BEDRAG = 2_500_000


def stromen_uit(programma: dict[str, Any]) -> dict[str, Stroom]:
    """Alle geldstromen van de demo: de 22 uit het plan plus twee illustratieve opvolgers."""
    partners = {p["code"] for p in programma["partners"]}
    stromen: dict[str, Stroom] = {}
    for s in programma["geldstromen"]:
        demo = DEMO_STROMEN[s["code"]]
        bedrag_yaml = s.get("bedrag")
        tekst = bedrag_yaml.get("bedrag_tekst") if isinstance(bedrag_yaml, dict) else None
        if "bedrag" in demo:
            bedrag = d(demo["bedrag"])
        elif isinstance(s.get("totaal"), dict):
            bedrag = d(s["totaal"]["bedrag_eur"])
        else:
            bedrag = d(bedrag_yaml["bedrag_eur"])
        financier = s["financier"].get("partner")
        if financier is None and s["financier"]["type"] == "rijk":
            financier = "RIJK"
        if financier is not None and financier not in partners:
            raise ValueError(f"financier {financier} van {s['code']} is geen partner")
        gedeeld = [g for g in s.get("gedeeld_tussen") or [] if g != "Nieuw-West"]
        illustratief_velden = demo.get("illustratief_velden")
        stroom = Stroom(
            code=s["code"],
            naam=s["naam"],
            herkomst=HERKOMST.get(s["financier"]["type"], "overig"),
            status=STATUS_MAPPING[s["status"]],
            status_bron=s["status"],
            bedrag=bedrag,
            bedrag_tekst=tekst,
            van=demo["van"],
            tot=demo["tot"],
            financier=financier,
            aandeel_nw=demo.get("aandeel_nw"),
            gedeeld_met=" ".join(gedeeld) if gedeeld else demo.get("gedeeld_met"),
            domeinen=demo.get("domeinen") or s.get("domein"),
            themas=demo.get("themas"),
            overloop=demo.get("overloop"),
            overloop_max=demo.get("overloop_max"),
            boekjaar_start=demo.get("boekjaar_start"),
            cofinanciering_min=demo.get("cofinanciering_min"),
            overhead_max=demo.get("overhead_max"),
            specifieke_uitkering=demo.get("specifieke_uitkering", False),
            departement=demo.get("departement"),
            illustratief=bool(illustratief_velden),
            illustratief_velden=illustratief_velden,
            toelichting=demo.get("toelichting"),
            regel_bron=demo.get("regel_bron"),
            bron=f"bron/programma.yaml#geldstromen/{s['code']}",
            bron_regel=" ".join(str(r) for r in s.get("bron_regel", [])),
        )
        stromen[stroom.code] = stroom

    # Regels als data (zie "Grant rules" in het ontwerp).
    spuk = stromen["SPUK-KW"]
    for jaar, per_thema in SPUK_TRANCHES.items():
        for thema, bedrag in per_thema.items():
            spuk.tranches.append((jaar, d(bedrag), thema))
    datum, jaar_van, bedrag, thema = SPUK_OVERLOOP
    spuk.overlopen.append((datum, jaar_van, d(bedrag), thema))
    if sum(b for _, b, _ in spuk.tranches) != spuk.bedrag:
        raise ValueError("tranches SPUK-KW tellen niet op tot het bedrag")

    nplv_org = stromen["NPLV-ORG"]
    for jaar in (2023, 2024, 2025):
        nplv_org.tranches.append((jaar, d(500_000), None))

    stromen["PMG"].wijzigingen.append(
        (
            date(2023, 3, 1),
            {
                "aandeel_nw": d(15_000_000),
                "illustratief": True,
                "toelichting": "Verdeling PMG tussen Nieuw-West en Zuidoost vastgesteld (illustratief bedrag).",
            },
        )
    )
    stromen["VLIEGWIEL"].wijzigingen.append(
        (
            date(2024, 2, 15),
            {
                "status": "toegekend",
                "aandeel_nw": d(22_000_000),
                "illustratief": True,
                "toelichting": "Gemeenteraad verdeelt de vliegwielmiddelen; aandeel Nieuw-West (illustratief).",
            },
        )
    )
    # De vliegwieltrend: wat met vliegwielgeld werkte, wordt regulier (zie OVERGANG).
    stromen["GEM-REGULIER"].wijzigingen.append(
        (
            GEM_REGULIER_BESLUIT,
            {
                "status": "toegekend",
                "bedrag": d(GEM_REGULIER_BEDRAG),
                "van": date(2026, 1, 1),
                "tot": date(2027, 12, 31),
                "illustratief": True,
                "toelichting": "Doorbraak uit vliegwielmiddelen structureel gemaakt: de gemeenteraad kent "
                "reguliere middelen toe voor actielijnen die zich met vliegwielgeld hebben bewezen; eerste "
                "tranche 2026-2027 (illustratief bedrag en datum).",
            },
        )
    )

    # Illustratieve opvolgers.
    spuk26 = Stroom(
        code="SPUK-KW-2026",
        naam="SPUK Kansrijke Wijk 2026-2028",
        herkomst="rijk",
        status="verwacht",
        bedrag=d(9_000_000),
        van=date(2026, 1, 1),
        tot=date(2028, 12, 31),
        datum=date(2025, 7, 1),
        financier="RIJK",
        domeinen="EID VEI WEB JEU ORG",
        themas=" ".join(SPUK_2026_THEMAS),
        overloop="vrij",
        specifieke_uitkering=True,
        departement="BZK",
        illustratief=True,
        illustratief_velden="bedrag status tranches",
        regel_bron="Stcrt. 2025-20924: niet bestede middelen mogen tot en met 2028 worden ingezet",
        toelichting="Opvolger van SPUK-KW; niet in het uitvoeringsprogramma 2024-2027.",
        bron="illustratief",
    )
    for jaar in (2026, 2027, 2028):
        spuk26.tranches.append((jaar, d(3_000_000), None))
    spuk26.wijzigingen.append(
        (
            date(2026, 2, 2),
            {
                "status": "toegekend",
                "illustratief": True,
                "toelichting": "Beschikking SPUK Kansrijke Wijk 2026-2028 ontvangen.",
            },
        )
    )
    stromen[spuk26.code] = spuk26

    pmg2 = Stroom(
        code="PMG-2",
        naam="Preventie met Gezag, tweede tranche",
        herkomst="rijk",
        status="gereserveerd",
        bedrag=d(24_000_000),
        van=date(2026, 6, 1),
        tot=date(2029, 12, 31),
        datum=date(2025, 10, 1),
        financier="MIN-JENV",
        aandeel_nw="open",
        gedeeld_met="Zuidoost",
        domeinen="VEI",
        boekjaar_start=6,
        specifieke_uitkering=True,
        departement="JenV",
        illustratief=True,
        illustratief_velden="bedrag",
        regel_bron="Stcrt. 2025-31991 (tweede tranche 1 juni 2026 - 31 december 2029)",
        toelichting="Tweede tranche PMG; verdeling tussen Nieuw-West en Zuidoost nog open.",
        bron="illustratief",
    )
    stromen[pmg2.code] = pmg2

    # Wat er na alle wijzigingen besteed mag worden, en in welke looptijd.
    for stroom in stromen.values():
        status, aandeel, bedrag = stroom.status, stroom.aandeel_nw, stroom.bedrag
        van, tot = stroom.van, stroom.tot
        for _, meta in stroom.wijzigingen:
            status = meta.get("status", status)
            aandeel = meta.get("aandeel_nw", aandeel)
            bedrag = meta.get("bedrag", bedrag)
            van, tot = meta.get("van", van), meta.get("tot", tot)
        stroom.looptijd = (van, tot)
        if status == "toegekend" and aandeel != "open":
            stroom.beschikbaar = aandeel if isinstance(aandeel, Decimal) else bedrag
    return stromen


# ---------------------------------------------------------------------------
# Partners, draagkracht en tarief (illustratief)
# ---------------------------------------------------------------------------

#: code -> (draagkracht, tarief per uur)
DRAAGKRACHT = {
    "GEM-AMS": ("0.240", 95),
    "SD-NW": ("0.110", 90),
    "CORPORATIES": ("0.170", 85),
    "EIGEN-HAARD": ("0.060", 85),
    "ROCHDALE": ("0.060", 85),
    "HVA": ("0.050", 105),
    "POLITIE": ("0.090", 100),
    "JONGERENWERK": ("0.035", 75),
    "BUURTTEAMS": ("0.065", 80),
    "GGD": ("0.040", 95),
    "OLVG": ("0.050", 110),
    "ADAMAS": ("0.030", 75),
}

#: partners die voorschotten krijgen (Assets:Voorschot:<PARTNER>)
VOORSCHOT_PARTNERS = ("BUURTTEAMS", "JONGERENWERK")

ALLE = (
    "wildeman", "reimerswaal", "johan-jongkindbuurt", "jacob-geelbuurt", "lodewijk-van-deysselbuurt",
    "confuciusbuurt", "louis-couperusbuurt", "dichtersbuurt", "wegener-sleswijkbuurt", "ruys-de-beerenbroukbuurt",
)  # fmt: skip
OSDORP = ("wildeman", "reimerswaal")
SLOTERVAART = ("johan-jongkindbuurt", "jacob-geelbuurt")
PLEINEN = ("plein-40-45", "dijkgraafplein", "delflandplein")


# ---------------------------------------------------------------------------
# Bestedingsplan: cellen actielijn x geldstroom
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cel:
    """Een actielijn die uit een geldstroom wordt betaald, met de uitvoerende partner."""

    actielijn: str
    stroom: str
    partner: str
    gewicht: int = 1
    modus: str = "direct"  # direct | verplichting | voorschot
    freq: str = "maand"  # maand | kwartaal
    buurten: tuple[str, ...] = ()
    van: tuple[int, int] = (2023, 2)
    tot: tuple[int, int] = (2027, 12)
    thema: str | None = None  # thema op de boeking (afwijkend van de actielijn)
    kosten: str | None = None
    vast: int | None = None  # vast jaarbedrag in plaats van een aandeel


SPUK = {"van": (2023, 2), "tot": (2025, 12)}
PMGP = {"van": (2023, 4), "tot": (2026, 5)}
VLW = {"van": (2024, 3), "tot": (2026, 12)}
S26 = {"van": (2026, 3), "tot": (2028, 12)}

CELLEN: tuple[Cel, ...] = (
    # SPUK Kansrijke Wijk 2023-2025, per hoofdthema
    Cel("WEB-15", "SPUK-KW", "GEM-AMS", 3, buurten=ALLE, **SPUK),
    Cel("WEB-17", "SPUK-KW", "BUURTTEAMS", 4, "voorschot", buurten=("dichtersbuurt", "wildeman"), **SPUK),
    Cel("WEB-19", "SPUK-KW", "GEM-AMS", 2, freq="kwartaal", **SPUK),
    Cel("WEB-21", "SPUK-KW", "BUURTTEAMS", 2, buurten=ALLE, **SPUK),
    Cel("EID-11", "SPUK-KW", "GOUDEN-MANNEN", 2, "verplichting", buurten=ALLE, **SPUK),
    Cel("EID-11", "SPUK-KW", "KIKID", 1, freq="kwartaal", **SPUK),
    Cel("EID-12", "SPUK-KW", "YOUNG-AMSTERDAM", 2, "verplichting", buurten=ALLE, **SPUK),
    Cel("EID-12", "SPUK-KW", "SAAAM", 1, freq="kwartaal", **SPUK),
    Cel("VEI-15", "SPUK-KW", "BUURTOUDERS", 2, buurten=ALLE, **SPUK),
    Cel("JEU-12", "SPUK-KW", "JONGERENWERK", 3, "voorschot", buurten=ALLE, **SPUK),
    Cel("WEB-01", "SPUK-KW", "NWWP", 3, buurten=("wildeman", "jacob-geelbuurt", "confuciusbuurt"), **SPUK),
    Cel("WEB-04", "SPUK-KW", "NWWP", 2, buurten=ALLE, **SPUK),
    Cel("WEB-07", "SPUK-KW", "NWWP", 2, "verplichting", buurten=ALLE, **SPUK),
    Cel("VEI-12", "SPUK-KW", "EXODUS", 2, "verplichting", **SPUK),
    Cel("JEU-01", "SPUK-KW", "OKT", 2, buurten=("jacob-geelbuurt",), **SPUK),
    Cel("JEU-02", "SPUK-KW", "OKT", 3, buurten=ALLE, **SPUK),
    Cel("JEU-05", "SPUK-KW", "SCHOOLBESTUREN", 2, "verplichting", "kwartaal", **SPUK),
    Cel("JEU-06", "SPUK-KW", "HUIZINGASCHOOL", 2, buurten=SLOTERVAART, **SPUK),
    Cel("WON-04", "SPUK-KW", "WOON", 2, buurten=ALLE, **SPUK),
    Cel("WON-08", "SPUK-KW", "CASCOLAND", 2, buurten=("confuciusbuurt", "louis-couperusbuurt"), **SPUK),
    Cel("ORG-02", "SPUK-KW", "GEM-AMS", 1, **SPUK),
    Cel("ORG-05", "SPUK-KW", "GEM-AMS", 1, freq="kwartaal", **SPUK),
    Cel("EID-01", "SPUK-KW", "SD-NW", 3, "verplichting", buurten=ALLE, **SPUK),
    Cel("EID-14", "SPUK-KW", "SD-NW", 2, buurten=ALLE, **SPUK),
    # Preventie met Gezag (alleen Veiligheid)
    Cel("VEI-16", "PMG", "JONGERENWERK", 4, "voorschot", buurten=OSDORP, **PMGP),
    Cel("VEI-11", "PMG", "BLIJVEND-VEILIG", 2, "verplichting", **PMGP),
    Cel("VEI-13", "PMG", "ADAMAS", 2, "verplichting", **PMGP),
    Cel("VEI-14", "PMG", "LAB6", 1, freq="kwartaal", **PMGP),
    Cel("VEI-10", "PMG", "RECHTBANK", 1, "verplichting", "kwartaal", van=(2024, 7), tot=(2026, 5)),
    Cel("VEI-12", "PMG", "RECLASSERING", 2, buurten=ALLE, **PMGP),
    Cel("VEI-17", "PMG", "POLITIE", 2, buurten=OSDORP, **PMGP),
    Cel("VEI-02", "PMG", "THOR", 3, buurten=ALLE, **PMGP),
    Cel("VEI-05", "PMG", "ADAMAS", 1, buurten=ALLE, van=(2024, 1), tot=(2026, 5)),
    # Vliegwielmiddelen (na de verdeling in februari 2024)
    Cel("EID-05", "VLIEGWIEL", "SD-NW", 1, buurten=ALLE, **VLW),
    Cel("EID-06", "VLIEGWIEL", "SD-NW", 1, freq="kwartaal", buurten=ALLE, **VLW),
    Cel("EID-09", "VLIEGWIEL", "SD-NW", 3, "verplichting", buurten=ALLE, **VLW),
    Cel("EID-02", "VLIEGWIEL", "SD-NW", 1, freq="kwartaal", buurten=PLEINEN, **VLW),
    Cel("CWB-01", "VLIEGWIEL", "GEM-AMS", 2, **VLW),
    Cel("CWB-03", "VLIEGWIEL", "AMSTERDOEN", 2, "verplichting", **VLW),
    Cel("CWB-03", "VLIEGWIEL", "MEENTCOOP", 1, freq="kwartaal", **VLW),
    Cel("WEB-22", "VLIEGWIEL", "NWWP", 3, buurten=ALLE, **VLW),
    Cel("WEB-09", "VLIEGWIEL", "NWWP", 2, buurten=ALLE, **VLW),
    Cel("JEU-10", "VLIEGWIEL", "SCHOOLBESTUREN", 2, freq="kwartaal", **VLW),
    Cel("JEU-13", "VLIEGWIEL", "JONGERENWERK", 3, "voorschot", buurten=ALLE, **VLW),
    Cel("LER-01", "VLIEGWIEL", "HVA", 3, "verplichting", **VLW),
    Cel("LER-02", "VLIEGWIEL", "HVA", 1, freq="kwartaal", **VLW),
    Cel("WON-12", "VLIEGWIEL", "SD-NW", 2, buurten=("dichtersbuurt", "lodewijk-van-deysselbuurt"), **VLW),
    Cel("WON-10", "VLIEGWIEL", "PANTAR", 2, buurten=ALLE, **VLW),
    Cel("VEI-03", "VLIEGWIEL", "SD-NW", 1, **VLW),
    # Volkshuisvestingsfonds (Wonen), met projectkosten van de gemeente als overhead
    Cel("WON-01", "VHF", "GEM-AMS", 3, buurten=ALLE, van=(2023, 4)),
    Cel("WON-01", "VHF", "GEM-AMS", freq="kwartaal", kosten="overhead", vast=100_000, van=(2023, 4)),
    Cel("WON-04", "VHF", "WOON", 1, "verplichting", buurten=ALLE, van=(2023, 4)),
    # Woningbouwimpuls, vierde tranche (Osdorp)
    Cel("WON-01", "WBI", "GEM-AMS", 1, buurten=OSDORP),
    # Programmaorganisatie
    Cel("ORG-01", "NPLV-ORG", "GEM-AMS", 1, tot=(2025, 12)),
    Cel("ORG-01", "GEM-ORG", "GEM-AMS", 3),
    Cel("ORG-03", "GEM-ORG", "GEM-AMS", 1, freq="kwartaal"),
    # Jonge kind
    Cel("JEU-02", "JEU-JK", "OKT", 2, buurten=ALLE, van=(2024, 2)),
    Cel("JEU-03", "JEU-JK", "SD-NW", 2, buurten=ALLE, van=(2024, 2)),
    Cel("JEU-04", "JEU-JK", "OKT", 1, freq="kwartaal", van=(2024, 2)),
    Cel("JEU-05", "JEU-JK", "SCHOOLBESTUREN", 2, "verplichting", "kwartaal", van=(2024, 2)),
    # Voorlichting ondermijning
    Cel("VEI-20", "SPUK-VEI", "GEM-AMS", 1, van=(2024, 2), tot=(2025, 12)),
    # SPUK Kansrijke Wijk 2026-2028 (thema's van de nieuwe regeling op de boeking)
    Cel("WEB-17", "SPUK-KW-2026", "BUURTTEAMS", 3, "voorschot", buurten=("dichtersbuurt", "wildeman"),
        thema="re-integratie-geldzorgen", **S26),
    Cel("WEB-18", "SPUK-KW-2026", "JONGERENWERK", 2, thema="financiele-educatie", **S26),
    Cel("EID-12", "SPUK-KW-2026", "YOUNG-AMSTERDAM", 2, "verplichting", buurten=ALLE,
        thema="maatschappelijke-samenhang", **S26),
    Cel("JEU-01", "SPUK-KW-2026", "OKT", 2, buurten=("jacob-geelbuurt",), **S26),
    Cel("EID-01", "SPUK-KW-2026", "SD-NW", 3, "verplichting", buurten=ALLE, **S26),
    Cel("ORG-01", "SPUK-KW-2026", "GEM-AMS", 2, thema="programmaorganisatie", **S26),
    # Energiefixers (verwacht): alleen in de ontwerpbegroting 2027
    Cel("WON-04", "ENERGIEFIXERS", "WOON", 2, van=(2027, 1)),
    Cel("WON-14", "ENERGIEFIXERS", "BUURTTEAMS", 1, van=(2027, 1)),
)  # fmt: skip

# Vliegwieltrend: actielijnen die zich met vliegwielgeld hebben bewezen, gaan vanaf april 2026 voor een
# deel over op reguliere gemeentelijke middelen (GEM-REGULIER). Per actielijn het aandeel van het
# maandbedrag dat vanaf de overgang regulier wordt; VLIEGWIEL betaalt de rest tot eind 2026, en de
# ontwerpbegroting 2027 zet dat aandeel van het jaarbedrag op GEM-REGULIER.
OVERGANG: dict[str, Decimal] = {
    "CWB-01": Decimal("0.40"),  # Ankerorganisaties
    "EID-09": Decimal("0.40"),  # Steun voor bewonersinitiatieven
    "JEU-10": Decimal("0.30"),  # Aanpak personeelstekort
    "WEB-22": Decimal("0.50"),  # Nieuw-West banen
    "WON-12": Decimal("0.30"),  # Op één plek in de buurt aanwezig
}
OVERGANG_MAAND = (2026, 4)
OVERGANG_TEKST = f"{MAANDEN[OVERGANG_MAAND[1] - 1]} {OVERGANG_MAAND[0]}"  # "april 2026"

#: Dezelfde uitvoerder en hetzelfde ritme als de vliegwielcel, nu uit GEM-REGULIER. Deze cellen krijgen
#: een eigen random.Random, zodat de overige bestedingen van de demo niet verschuiven.
OVERGANG_CELLEN: tuple[Cel, ...] = tuple(
    replace(cel, stroom="GEM-REGULIER", gewicht=1, van=OVERGANG_MAAND, tot=(2027, 12))
    for cel in CELLEN
    if cel.stroom == "VLIEGWIEL" and cel.actielijn in OVERGANG
)
if sorted(c.actielijn for c in OVERGANG_CELLEN) != sorted(OVERGANG):
    raise ValueError("elke overgangsactielijn heeft precies één vliegwielcel nodig")

#: Te besteden per stroom per jaar (hele euro's). Voor SPUK-KW per thema: zie spuk_plan().
PLAN: dict[str, dict[int, int]] = {
    "PMG": {2023: 3_400_000, 2024: 4_400_000, 2025: 4_600_000, 2026: 1_900_000},
    "VLIEGWIEL": {2024: 5_000_000, 2025: 7_500_000, 2026: 8_000_000},  # 2026: vóór de overgang (OVERGANG)
    "VHF": {2023: 1_000_000, 2024: 2_200_000, 2025: 2_800_000, 2026: 3_000_000, 2027: 3_200_000},
    "WBI": {2023: 1_400_000, 2024: 1_700_000, 2025: 1_800_000, 2026: 1_800_000, 2027: 1_600_000},
    "NPLV-ORG": {2023: 480_000, 2024: 480_000, 2025: 480_000},
    "GEM-ORG": {2023: 520_000, 2024: 560_000, 2025: 560_000, 2026: 600_000, 2027: 600_000},
    "JEU-JK": {2024: 420_000, 2025: 480_000, 2026: 500_000, 2027: 520_000},
    "SPUK-VEI": {2024: 114_000, 2025: 114_000},
    "SPUK-KW-2026": {2026: 2_400_000, 2027: 3_200_000},
    "ENERGIEFIXERS": {2027: 900_000},
}


def spuk_plan() -> dict[tuple[int, str], int]:
    """Te besteden SPUK-KW per (jaar, thema): 92% van de tranche; jonge kind schuift 2024 -> 2025."""
    plan = {}
    for jaar, per_thema in SPUK_TRANCHES.items():
        for thema, tranche in per_thema.items():
            plan[(jaar, thema)] = duizendtal_omlaag(Decimal(tranche) * Decimal("0.92"))
    plan[(2024, "jonge-kind")] = 640_000
    plan[(2025, "jonge-kind")] = 930_000  # <= tranche 800.000 + overloop 150.000
    return plan


#: Inzet van partners uit eigen middelen: (partner, actielijn, soort, basisbedrag per jaar, buurten)
INZET: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    ("GEM-AMS", "ORG-05", "uren", 150_000, ()),
    ("GEM-AMS", "CWB-02", "uren", 150_000, ()),
    ("GEM-AMS", "EID-04", "uren", 100_000, ALLE),
    ("GEM-AMS", "WEB-16", "uren", 200_000, ALLE),
    ("GEM-AMS", "WEB-15", "geld", 300_000, ()),
    ("SD-NW", "EID-04", "uren", 220_000, ALLE),
    ("SD-NW", "VEI-16", "uren", 110_000, OSDORP),
    ("SD-NW", "WON-12", "uren", 120_000, ("dichtersbuurt", "lodewijk-van-deysselbuurt")),
    ("CORPORATIES", "WON-04", "cofinanciering", 0, ()),
    ("CORPORATIES", "WON-01", "geld", 300_000, ()),
    ("CORPORATIES", "WON-05", "uren", 100_000, ()),
    ("CORPORATIES", "WON-11", "uren", 80_000, ALLE),
    ("EIGEN-HAARD", "WON-01", "geld", 200_000, ("dichtersbuurt",)),
    ("EIGEN-HAARD", "WON-12", "uren", 60_000, ("dichtersbuurt",)),
    ("ROCHDALE", "WON-01", "geld", 180_000, ("lodewijk-van-deysselbuurt",)),
    ("ROCHDALE", "WON-12", "uren", 60_000, ("lodewijk-van-deysselbuurt",)),
    ("HVA", "LER-01", "uren", 100_000, ()),
    ("HVA", "LER-03", "uren", 50_000, ()),
    ("HVA", "WEB-13", "uren", 50_000, ()),
    ("POLITIE", "VEI-17", "uren", 170_000, ()),
    ("POLITIE", "VEI-16", "uren", 80_000, OSDORP),
    ("JONGERENWERK", "JEU-12", "uren", 80_000, ALLE),
    ("JONGERENWERK", "JEU-13", "uren", 70_000, ALLE),
    ("BUURTTEAMS", "WEB-17", "uren", 170_000, ("dichtersbuurt", "wildeman")),
    ("BUURTTEAMS", "JEU-14", "uren", 80_000, ALLE),
    ("GGD", "WON-04", "uren", 150_000, ALLE),
    ("OLVG", "CWB-01", "uren", 120_000, ()),
    ("ADAMAS", "VEI-13", "uren", 130_000, ()),
)

#: groei van de inzet van partners per jaar (2023: vanaf het convenant, drie kwartalen)
INZET_FACTOR = {2023: Decimal("0.75"), 2024: Decimal("1.00"), 2025: Decimal("1.10"),
                2026: Decimal("1.15"), 2027: Decimal("1.20")}  # fmt: skip
COFIN_AANDEEL = Decimal("0.55")  # eigen geld corporaties t.o.v. VHF op WON-04, per kwartaal

# Ontvangsten: stroom -> (datum toekenning, [(datum, bedrag), ...]). De toekenning valt na (niet op)
# de dag waarop de stroom toegekend werd: op dezelfde dag sorteert Beancount op regelnummer, over
# bestanden heen, en de plugin weigert een toekenning boven wat de stroom dan beschikbaar heeft.
ONTVANGSTEN: dict[str, tuple[date, list[tuple[date, int]]]] = {
    "SPUK-KW": (date(2023, 1, 16), [(date(2023, 1, 20), 3_000_000), (date(2024, 1, 19), 4_500_000),
                                    (date(2025, 1, 17), 4_500_000)]),
    "VHF": (date(2023, 1, 16), [(date(2023, 3, 15), 5_600_000), (date(2024, 1, 19), 5_600_000),
                                (date(2025, 1, 17), 5_600_000), (date(2026, 1, 16), 5_600_000)]),
    "WBI": (date(2023, 1, 16), [(date(2023, 1, 27), 3_000_000), (date(2024, 1, 26), 3_000_000),
                                (date(2025, 1, 24), 3_100_000)]),
    "NPLV-ORG": (date(2023, 1, 16), [(date(2023, 1, 27), 500_000), (date(2024, 1, 26), 500_000),
                                     (date(2025, 1, 24), 500_000)]),
    "GEM-ORG": (date(2023, 1, 16), [(date(2023, 1, 27), 600_000), (date(2024, 1, 26), 600_000),
                                    (date(2025, 1, 24), 600_000), (date(2026, 1, 23), 600_000)]),
    "PMG": (date(2023, 3, 6), [(date(2023, 3, 15), 4_000_000), (date(2024, 3, 15), 4_000_000),
                               (date(2025, 3, 14), 4_000_000), (date(2026, 3, 13), 3_000_000)]),
    "VLIEGWIEL": (date(2024, 2, 19), [(dag, 2_000_000) for dag in (
        date(2024, 2, 29), date(2024, 5, 31), date(2024, 8, 30), date(2024, 11, 29),
        date(2025, 2, 28), date(2025, 5, 30), date(2025, 8, 29), date(2025, 11, 28),
        date(2026, 2, 27), date(2026, 5, 29), date(2026, 8, 28))]),
    "JEU-JK": (date(2024, 1, 15), [(date(2024, 1, 26), 500_000), (date(2025, 1, 24), 500_000),
                                   (date(2026, 1, 23), 500_000)]),
    "SPUK-VEI": (date(2024, 1, 15), [(date(2024, 1, 26), 240_000)]),
    "SPUK-KW-2026": (date(2026, 2, 5), [(date(2026, 2, 13), 3_000_000)]),
    "GEM-REGULIER": (date(2026, 1, 27), [(date(2026, 4, 3), 300_000), (date(2026, 7, 3), 300_000),
                                         (date(2026, 10, 2), 300_000)]),
}  # fmt: skip

#: Begrotingsbesluiten: jaar -> (datum, besluit, omschrijving); 2027 is een ontwerp.
BESLUITEN = {
    2024: (date(2023, 12, 21), "AB-2023-12", "Vaststelling begroting 2024"),
    2025: (date(2024, 12, 12), "AB-2024-12", "Vaststelling begroting 2025"),
    2026: (date(2025, 12, 11), "AB-2025-12", "Vaststelling begroting 2026"),
}
WIJZIGING_2025 = (date(2025, 6, 20), "AB-2025-06", "VEI-11", "PMG")
#: De begrotingswijziging 2026 verschuift het overgangsdeel per actielijn van VLIEGWIEL naar GEM-REGULIER.
WIJZIGING_2026 = (date(2026, 3, 19), "AB-2026-03",
                  "Begrotingswijziging 2026: van vliegwielmiddelen naar reguliere middelen")
ONTWERP_2027 = date(2026, 10, 15)


# ---------------------------------------------------------------------------
# Boekingen
# ---------------------------------------------------------------------------


@dataclass
class Post:
    rekening: str
    bedrag: Decimal
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Tx:
    datum: date
    payee: str
    omschrijving: str
    posten: list[Post]
    links: tuple[str, ...] = ()
    volgorde: tuple = ()


@dataclass
class Verplichting:
    datum: date
    actielijn: str
    stroom: str
    bedrag: Decimal
    kenmerk: str
    partner: str
    omschrijving: str


@dataclass(frozen=True)
class Afsluiting:
    """Een ``verplichting-afsluiting``: het programmabureau sluit een verplichting na de eindafrekening."""

    datum: date
    kenmerk: str
    reden: str


@dataclass(frozen=True)
class Begrotingswijziging:
    datum: date
    besluit: str
    jaar: int
    actielijn: str
    stroom: str
    bedrag: int
    toelichting: str


@dataclass
class Demo:
    """Alles wat de generator uitrekent, voordat het als tekst wordt geschreven."""

    programma: dict[str, Any]
    actielijnen: dict[str, Actielijn]
    stromen: dict[str, Stroom]
    partners: dict[str, dict[str, Any]]
    toekenningen: list[Tx] = field(default_factory=list)
    uitgaven: list[Tx] = field(default_factory=list)
    inzet: list[Tx] = field(default_factory=list)
    verplichtingen: list[Verplichting] = field(default_factory=list)
    afsluitingen: list[Afsluiting] = field(default_factory=list)
    #: (jaar, actielijn, stroom) -> huidig begroot bedrag (euro), na alle begrotingswijzigingen
    begroting: dict[tuple[int, str, str], int] = field(default_factory=dict)
    begrotingswijzigingen: list[Begrotingswijziging] = field(default_factory=list)
    #: (partner, jaar) -> (bedrag, uren)
    toezeggingen: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    saldi: dict[date, Decimal] = field(default_factory=dict)


def maanden_van(cel: Cel, jaar: int, stroom: Stroom) -> list[int]:
    """Maanden van ``jaar`` waarin de cel loopt (binnen de looptijd van de stroom)."""
    uit = []
    for maand in range(1, 13):
        if not (cel.van <= (jaar, maand) <= cel.tot):
            continue
        van, tot = stroom.looptijd or (stroom.van, stroom.tot)
        if laatste_dag(jaar, maand) < van or date(jaar, maand, 1) > tot:
            continue
        uit.append(maand)
    return uit


def cel_jaarplannen(demo: Demo) -> dict[Cel, dict[int, int]]:
    """Verdeel het jaarplan van elke stroom over zijn cellen, in hele duizendtallen."""
    spuk = spuk_plan()
    plannen: dict[Cel, dict[int, int]] = {cel: {} for cel in CELLEN}
    jaren = sorted(set(JAREN_REALISATIE) | set(JAREN_BEGROTING))
    groepen: dict[tuple[int, str, str | None], list[Cel]] = defaultdict(list)
    for cel in CELLEN:
        stroom = demo.stromen[cel.stroom]
        thema = thema_van(demo.actielijnen[cel.actielijn]) if cel.stroom == "SPUK-KW" else None
        for jaar in jaren:
            if maanden_van(cel, jaar, stroom):
                groepen[(jaar, cel.stroom, thema)].append(cel)
    for (jaar, stroomcode, thema), cellen in groepen.items():
        totaal = spuk.get((jaar, thema), 0) if stroomcode == "SPUK-KW" else PLAN[stroomcode].get(jaar, 0)
        stroom = demo.stromen[stroomcode]
        rest = Decimal(totaal)
        for cel in cellen:
            if cel.vast is not None:
                n = len(maanden_van(cel, jaar, stroom))
                plannen[cel][jaar] = duizendtal_omlaag(Decimal(cel.vast) * n / 12)
                rest -= plannen[cel][jaar]
        gewogen = [(cel, cel.gewicht * len(maanden_van(cel, jaar, stroom))) for cel in cellen if cel.vast is None]
        som = sum(g for _, g in gewogen)
        for cel, g in gewogen:
            plannen[cel][jaar] = duizendtal_omlaag(rest * g / som)

    # Vliegwieltrend: vanaf de overgang betaalt GEM-REGULIER het overgangsdeel van het maandbedrag.
    regulier = demo.stromen["GEM-REGULIER"]
    for cel in OVERGANG_CELLEN:
        vliegwielcel = next(c for c in CELLEN if c.stroom == "VLIEGWIEL" and c.actielijn == cel.actielijn)
        jaar = OVERGANG_MAAND[0]
        jaarplan = plannen[vliegwielcel][jaar]
        aandeel = OVERGANG[cel.actielijn]
        over = duizendtal_omlaag(Decimal(jaarplan) * aandeel * len(maanden_van(cel, jaar, regulier)) / 12)
        plannen[vliegwielcel][jaar] = jaarplan - over
        plannen[cel] = {jaar: over, jaar + 1: duizendtal_omlaag(Decimal(jaarplan) * aandeel)}
    return plannen


def maandgewichten(cel: Cel, jaar: int) -> dict[int, Decimal] | None:
    """Gewicht per maand van een vliegwielcel in het overgangsjaar (anders None: alle maanden gelijk).

    Vóór de overgang betaalt VLIEGWIEL het hele maandbedrag, daarna alleen het deel dat niet regulier wordt.
    """
    if cel.stroom != "VLIEGWIEL" or cel.actielijn not in OVERGANG or jaar != OVERGANG_MAAND[0]:
        return None
    rest = 1 - OVERGANG[cel.actielijn]
    return {m: rest if (jaar, m) >= OVERGANG_MAAND else Decimal(1) for m in range(1, 13)}


def perioden(cel: Cel, jaar: int, stroom: Stroom, jaarplan: int) -> list[tuple[int, Decimal, list[int]]]:
    """Betaalperioden van een cel in een jaar: (laatste maand, planbedrag, maanden)."""
    maanden = maanden_van(cel, jaar, stroom)
    if cel.freq == "maand":
        groepen = [[m] for m in maanden]
    else:
        per_kw: dict[int, list[int]] = defaultdict(list)
        for m in maanden:
            per_kw[kwartaal(m)].append(m)
        groepen = [per_kw[k] for k in sorted(per_kw)]
    gewichten = maandgewichten(cel, jaar)
    uit = []
    for groep in groepen:
        if gewichten is None:
            bedrag = (Decimal(jaarplan) * len(groep) / len(maanden)).quantize(CENT, rounding=ROUND_DOWN)
        else:
            deel = sum(gewichten[m] for m in groep) / sum(gewichten[m] for m in maanden)
            bedrag = (Decimal(jaarplan) * deel).quantize(CENT, rounding=ROUND_DOWN)
        uit.append((groep[-1], bedrag, groep))
    return uit


def periode_tekst(cel: Cel, jaar: int, maand: int) -> str:
    if cel.freq == "maand":
        return f"{MAANDEN[maand - 1]} {jaar}"
    return f"{kwartaal(maand)}e kwartaal {jaar}"


def begroting_uit_plannen(demo: Demo, plannen: dict[Cel, dict[int, int]]) -> None:
    """Begrotingsbedragen van de cellen: het jaarplan is de huidige begroting."""
    for cel, per_jaar in plannen.items():
        for jaar, bedrag in per_jaar.items():
            if jaar in JAREN_BEGROTING and bedrag:
                sleutel = (jaar, cel.actielijn, cel.stroom)
                demo.begroting[sleutel] = demo.begroting.get(sleutel, 0) + bedrag


def maak_uitgaven(
    demo: Demo, rng: random.Random, plannen: dict[Cel, dict[int, int]], cellen: tuple[Cel, ...],
) -> None:
    """Bestedingen, verplichtingen en voorschotten uit programmageld."""
    partners = demo.partners
    for cel in cellen:
        stroom = demo.stromen[cel.stroom]
        al = demo.actielijnen[cel.actielijn]
        naam = korte_omschrijving(al.naam)
        rekening = f"{al.rekening}:{cel.stroom}"
        payee = partners[cel.partner]["naam"]
        for jaar in JAREN_REALISATIE:
            jaarplan = plannen[cel].get(jaar, 0)
            if not jaarplan:
                continue
            maanden = maanden_van(cel, jaar, stroom)
            # Verplichtingen van dit jaar: (kenmerk, bedrag, vanaf); betalingen gaan naar de eerste met ruimte.
            tranches: list[tuple[str, Decimal, date]] = []
            if cel.modus == "verplichting":
                begin = date(jaar, maanden[0], 1)
                if begin > EINDE_REALISATIE:
                    continue
                kenmerk = f"{jaar}|{cel.stroom}|{cel.actielijn}|{cel.partner}"  # voorlopig; zie nummer_verplichtingen
                if (jaar, cel.actielijn, cel.stroom) == (2025, *WIJZIGING_2025[2:]):
                    # Eerst het primitief begrote deel; na de begrotingswijziging een aanvullende beschikking.
                    primitief, wijziging = maak_begrotingswijziging(demo)
                    aanvulling = WIJZIGING_2025[0] + timedelta(days=3)
                    delen = [(kenmerk, d(primitief), begin, f"{naam} {jaar}"),
                             (kenmerk + "|2", d(wijziging), aanvulling, f"{naam} {jaar}, aanvullende beschikking")]
                elif cel in OVERGANG_CELLEN:
                    delen = [(kenmerk, d(jaarplan), begin, f"{naam} {jaar}, reguliere middelen vanaf {OVERGANG_TEKST}")]
                else:
                    delen = [(kenmerk, d(jaarplan), begin, f"{naam} {jaar}")]
                for kenmerk, bedrag, vanaf, omschrijving in delen:
                    demo.verplichtingen.append(
                        Verplichting(vanaf, cel.actielijn, cel.stroom, bedrag, kenmerk, cel.partner, omschrijving)
                    )
                    tranches.append((kenmerk, bedrag, vanaf))
            betaald: dict[str, Decimal] = defaultdict(lambda: NUL)
            for laatste, planbedrag, groep in perioden(cel, jaar, stroom, jaarplan):
                if cel.modus == "voorschot":
                    maak_voorschot_periode(demo, rng, cel, jaar, groep, planbedrag, rekening, payee, naam)
                    continue
                dag = date(jaar, laatste, rng.randint(3, 28))
                factor = Decimal(rng.randint(880, 1000)) / 1000
                bedrag = (planbedrag * factor).quantize(CENT, rounding=ROUND_DOWN)
                meta = cel_meta(cel, rng)
                if dag > EINDE_REALISATIE:
                    continue
                links: tuple[str, ...] = ()
                for kenmerk, verplicht, vanaf in tranches:
                    if vanaf <= dag and betaald[kenmerk] + bedrag <= verplicht:
                        betaald[kenmerk] += bedrag
                        links = (kenmerk,)
                        break
                if tranches and not links:
                    # Geen verplichting met ruimte: op de laatste die al loopt; de plugin weigert de overbetaling.
                    kenmerk = [k for k, _, vanaf in tranches if vanaf <= dag][-1]
                    betaald[kenmerk] += bedrag
                    links = (kenmerk,)
                if cel.kosten == "overhead":
                    omschrijving = f"Projectkosten gemeente {cel.stroom} — {periode_tekst(cel, jaar, laatste)}"
                else:
                    omschrijving = f"{naam} — {periode_tekst(cel, jaar, laatste)}"
                demo.uitgaven.append(
                    Tx(dag, payee, omschrijving, [Post(rekening, bedrag, meta), Post(BANK, -bedrag)], links,
                       (cel.stroom, cel.actielijn, cel.partner))
                )


def nummer_verplichtingen(demo: Demo) -> None:
    """Geef verplichtingen per jaar een volgnummer (``beschikking-2024-007``) en zet de links op de betalingen."""
    nieuw: dict[str, str] = {}
    for jaar in JAREN_REALISATIE:
        deze = sorted(
            (v for v in demo.verplichtingen if v.datum.year == jaar),
            key=lambda v: (v.datum, v.stroom, v.actielijn, v.partner),
        )
        for nr, v in enumerate(deze, start=1):
            soort = "opdracht" if demo.partners[v.partner]["type"] in ("kennisinstelling", "bedrijf") else "beschikking"
            nieuw[v.kenmerk] = f"{soort}-{jaar}-{nr:03d}"
    for v in demo.verplichtingen:
        v.kenmerk = nieuw[v.kenmerk]
    for tx in demo.uitgaven:
        tx.links = tuple(nieuw[link] for link in tx.links)


def sluit_verlopen_verplichtingen(demo: Demo) -> None:
    """Sluit de verplichtingen op geldstromen waarvan de looptijd vóór het einde van de demo afliep.

    Zoals een programmabureau doet na de eindafrekening: wat na de laatste betaling nog open
    staat, wordt niet meer betaald en valt vrij. De afsluiting valt aan het eind van de maand na
    het einde van de looptijd (SPUK-KW: 31 januari 2026, PMG: 30 juni 2026). Zonder afsluiting zou
    de plugin elke zo'n verplichting melden (``staat nog open na het einde van geldstroom``).
    """
    betaald: dict[str, Decimal] = defaultdict(lambda: NUL)
    for tx in demo.uitgaven:
        for link in tx.links:
            betaald[link] += sum((p.bedrag for p in tx.posten if p.rekening.startswith("Expenses:")), NUL)
    for v in demo.verplichtingen:
        einde = demo.stromen[v.stroom].tot
        open_ = v.bedrag - betaald[v.kenmerk]
        if open_ <= 0 or einde >= EINDE_REALISATIE:
            continue
        volgende = einde + timedelta(days=1)
        dag = laatste_dag(volgende.year, volgende.month)
        demo.afsluitingen.append(Afsluiting(dag, v.kenmerk, (
            f"Eindafrekening {v.partner}: de looptijd van {v.stroom} eindigde op {datum_nl(einde)}; "
            f"het restant van {euro(open_)} wordt niet meer betaald")))


def cel_meta(cel: Cel, rng: random.Random) -> dict[str, Any]:
    meta: dict[str, Any] = {"partner": cel.partner}
    if cel.buurten and rng.random() < 0.7:
        meta["buurt"] = rng.choice(cel.buurten)
    if cel.thema:
        meta["thema"] = cel.thema
    if cel.kosten:
        meta["kosten"] = cel.kosten
    return meta


def maak_voorschot_periode(
    demo: Demo, rng: random.Random, cel: Cel, jaar: int, groep: list[int], planbedrag: Decimal,
    rekening: str, payee: str, naam: str,
) -> None:
    """Eén maand van een voorschotcel; het voorschot zelf gaat per kwartaal vooruit."""
    (maand,) = groep
    voorschot = f"Assets:Voorschot:{cel.partner}"
    stroom = demo.stromen[cel.stroom]
    maanden = maanden_van(cel, jaar, stroom)
    kw = [m for m in maanden if kwartaal(m) == kwartaal(maand)]
    if maand == kw[0] and date(jaar, maand, 1) <= EINDE_REALISATIE:
        kwartaalplan = planbedrag * len(kw)
        bedrag = d(duizendtal_omhoog(kwartaalplan))
        demo.uitgaven.append(
            Tx(date(jaar, maand, 1), payee, f"Voorschot {kwartaal(maand)}e kwartaal {jaar} — {naam} ({cel.stroom})",
               [Post(voorschot, bedrag), Post(BANK, -bedrag)], (), (cel.stroom, cel.actielijn, cel.partner))
        )
    dag = laatste_dag(jaar, maand)
    factor = Decimal(rng.randint(880, 1000)) / 1000
    bedrag = (planbedrag * factor).quantize(CENT, rounding=ROUND_DOWN)
    meta = cel_meta(cel, rng)
    if dag > EINDE_REALISATIE:
        return
    demo.uitgaven.append(
        Tx(dag, payee, f"Verantwoording {naam} — {MAANDEN[maand - 1]} {jaar}",
           [Post(rekening, bedrag, meta), Post(voorschot, -bedrag)], (), (cel.stroom, cel.actielijn, cel.partner))
    )


def maak_inzet(demo: Demo, rng: random.Random, plannen: dict[Cel, dict[int, int]]) -> None:
    """Inzet van partners uit eigen middelen (geld en formatie) op de stroom EIGEN, en toezeggingen."""
    vhf_won04 = next(c for c in CELLEN if c.actielijn == "WON-04" and c.stroom == "VHF")
    vhf = demo.stromen["VHF"]
    jaren = sorted(set(JAREN_REALISATIE) | set(JAREN_BEGROTING))
    toezegging: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for partner, code, soort, basis, buurten in INZET:
        al = demo.actielijnen[code]
        naam = korte_omschrijving(al.naam)
        rekening = f"{al.rekening}:{EIGEN}"
        payee = demo.partners[partner]["naam"]
        tarief = Decimal(DRAAGKRACHT[partner][1])
        for jaar in jaren:
            kwartalen = [2, 3, 4] if jaar == 2023 else [1, 2, 3, 4]
            if soort == "cofinanciering":
                per_kw: dict[int, Decimal] = defaultdict(lambda: NUL)
                for laatste, planbedrag, groep in perioden(vhf_won04, jaar, vhf, plannen[vhf_won04].get(jaar, 0)):
                    per_kw[kwartaal(laatste)] += planbedrag
                kwartaalbedragen = {
                    k: (per_kw[k] * COFIN_AANDEEL).quantize(CENT, rounding=ROUND_UP) for k in kwartalen if per_kw[k]
                }
                jaarplan = duizendtal_omhoog(sum(kwartaalbedragen.values(), NUL))
            else:
                jaarplan = duizendtal_omlaag(Decimal(basis) * INZET_FACTOR[jaar])
                kwartaalbedragen = {
                    k: (Decimal(jaarplan) / len(kwartalen)).quantize(CENT, rounding=ROUND_DOWN) for k in kwartalen
                }
            if not jaarplan:
                continue
            if jaar in JAREN_BEGROTING:
                sleutel = (jaar, code, EIGEN)
                demo.begroting[sleutel] = demo.begroting.get(sleutel, 0) + jaarplan
                toezegging[(partner, jaar)][0] += jaarplan
                if soort == "uren":
                    toezegging[(partner, jaar)][1] += int((Decimal(jaarplan) / tarief).to_integral_value())
            if jaar not in JAREN_REALISATIE:
                continue
            for k, kwartaalplan in kwartaalbedragen.items():
                meta: dict[str, Any] = {"partner": partner}
                if buurten and rng.random() < 0.6:
                    meta["buurt"] = rng.choice(buurten)
                if soort == "uren":
                    uren = int(kwartaalplan * Decimal(rng.randint(850, 1000)) / 1000 / tarief)
                    bedrag = d(uren * tarief)
                    meta["uren"] = uren
                    dag = laatste_dag(jaar, 3 * k)
                    omschrijving = f"Inzet uren {naam} — {k}e kwartaal {jaar}"
                else:
                    factor = Decimal(1) if soort == "cofinanciering" else Decimal(rng.randint(900, 1000)) / 1000
                    bedrag = (kwartaalplan * factor).quantize(CENT, rounding=ROUND_DOWN)
                    dag = date(jaar, 3 * k - 2, 2)
                    omschrijving = f"Eigen bijdrage {naam} — {k}e kwartaal {jaar}"
                if dag > EINDE_REALISATIE:
                    continue
                demo.inzet.append(
                    Tx(dag, payee, omschrijving, [Post(rekening, bedrag, meta), Post(INBRENG, -bedrag)], (),
                       (EIGEN, code, partner))
                )
    for (partner, jaar), (bedrag, uren) in sorted(toezegging.items()):
        demo.toezeggingen[(partner, jaar)] = (bedrag, uren)


def maak_toekenningen(demo: Demo) -> None:
    """Beschikkingen (te ontvangen tegenover nog te besteden) en ontvangsten op de bank."""
    for code, (toekenning, ontvangsten) in ONTVANGSTEN.items():
        stroom = demo.stromen[code]
        payee = demo.partners[stroom.financier]["naam"] if stroom.financier else stroom.naam
        bedrag = stroom.beschikbaar
        demo.toekenningen.append(
            Tx(toekenning, payee, f"Beschikking {stroom.naam} (aandeel Nieuw-West)" if stroom.gedeeld_met
               else f"Beschikking {stroom.naam}",
               [Post(f"Assets:Te-ontvangen:{code}", bedrag), Post(f"Liabilities:Nog-te-besteden:{code}", -bedrag)],
               (), ("0", code))
        )
        if sum(b for _, b in ontvangsten) > bedrag:
            raise ValueError(f"meer ontvangen dan toegekend op {code}")
        for dag, b in ontvangsten:
            demo.toekenningen.append(
                Tx(dag, payee, f"Ontvangst {stroom.naam} {dag.year}",
                   [Post(BANK, d(b)), Post(f"Assets:Te-ontvangen:{code}", -d(b))], (), ("1", code))
            )


def maak_begrotingswijziging(demo: Demo) -> tuple[int, int]:
    """Primitief bedrag en wijziging voor de ene begrotingswijziging in 2025.

    De begroting wordt primitief op 60% van het jaarplan vastgesteld; de wijziging (een
    verhoging, geen nieuw bedrag) brengt haar op het volle jaarplan. Tot de wijziging blijven
    de bestedingen binnen het primitieve bedrag.
    """
    _, _, code, stroom = WIJZIGING_2025
    volledig = demo.begroting[(2025, code, stroom)]
    primitief = duizendtal_omlaag(Decimal(volledig) * Decimal("0.6"))
    return primitief, volledig - primitief


def maak_begrotingswijzigingen(demo: Demo) -> None:
    """De begrotingswijzigingen van 2025 (verhoging VEI-11/PMG) en 2026 (vliegwiel naar regulier)."""
    datum, besluit, code, stroom = WIJZIGING_2025
    _, wijziging = maak_begrotingswijziging(demo)
    demo.begrotingswijzigingen.append(Begrotingswijziging(
        datum, besluit, 2025, code, stroom, wijziging,
        "Extra permanente time-out woningen met begeleiding (werkgroep Stoppen huiselijk geweld)."))
    datum, besluit, _ = WIJZIGING_2026
    for cel in sorted(OVERGANG_CELLEN, key=lambda c: c.actielijn):
        over = demo.begroting[(2026, cel.actielijn, "GEM-REGULIER")]
        procent = f"{OVERGANG[cel.actielijn] * 100:.0f}%"
        minder = f"Vanaf {OVERGANG_TEKST} betaalt GEM-REGULIER {procent} van het maandbedrag; VLIEGWIEL de rest."
        meer = (f"Doorbraak uit vliegwielmiddelen structureel gemaakt: {procent} van het maandbedrag "
                f"vanaf {OVERGANG_TEKST}.")
        demo.begrotingswijzigingen += [
            Begrotingswijziging(datum, besluit, 2026, cel.actielijn, "VLIEGWIEL", -over, minder),
            Begrotingswijziging(datum, besluit, 2026, cel.actielijn, "GEM-REGULIER", over, meer),
        ]


def primitief_bedrag(demo: Demo, sleutel: tuple[int, str, str]) -> int:
    """De begroting van ``sleutel`` zonder de wijzigingen (de regel in ``budgets/<jaar>.beancount``)."""
    wijzigingen = sum(w.bedrag for w in demo.begrotingswijzigingen if (w.jaar, w.actielijn, w.stroom) == sleutel)
    return demo.begroting.get(sleutel, 0) - wijzigingen


# ---------------------------------------------------------------------------
# Opbouw van de demo
# ---------------------------------------------------------------------------


def bouw_demo(programma: dict[str, Any]) -> Demo:
    actielijnen = {al.code: al for al in actielijnen_uit(programma)}
    partners = {p["code"]: p for p in programma["partners"]}
    demo = Demo(programma, actielijnen, stromen_uit(programma), partners)
    rng = random.Random(2023)
    plannen = cel_jaarplannen(demo)
    begroting_uit_plannen(demo, plannen)
    maak_begrotingswijzigingen(demo)
    maak_toekenningen(demo)
    maak_uitgaven(demo, rng, plannen, CELLEN)
    maak_uitgaven(demo, random.Random(2026), plannen, OVERGANG_CELLEN)
    nummer_verplichtingen(demo)
    sluit_verlopen_verplichtingen(demo)
    maak_inzet(demo, rng, plannen)
    # Banksaldo per jaareinde (voor de balance-regels).
    saldo = NUL
    grenzen = [date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1), EINDE_REALISATIE + timedelta(days=1)]
    alle = sorted(demo.toekenningen + demo.uitgaven, key=lambda t: t.datum)
    for grens in grenzen:
        saldo = sum((p.bedrag for tx in alle if tx.datum < grens for p in tx.posten if p.rekening == BANK), NUL)
        demo.saldi[grens] = saldo
    return demo


# ---------------------------------------------------------------------------
# Schrijven
# ---------------------------------------------------------------------------


class Schrijver:
    """Bouwt de tekst van één bestand op: kop, groepen met commentaar, één lege regel tussen entries."""

    def __init__(self, titel: str, uitleg: str = "") -> None:
        self.regels: list[str] = [KOP.rstrip("\n"), ";", f"; {titel}"]
        for regel in uitleg.strip("\n").splitlines() if uitleg else []:
            self.regels.append(f"; {regel}".rstrip())
        self.regels.append("")

    def sectie(self, titel: str) -> None:
        self.regels += [f"; {'=' * 78}", f"; {titel}", f"; {'=' * 78}", ""]

    def kopje(self, titel: str) -> None:
        self.regels += [f"; ---- {titel} " + "-" * max(4, 72 - len(titel)), ""]

    def commentaar(self, tekst: str) -> None:
        for regel in tekst.splitlines():
            self.regels.append(f"; {regel}".rstrip())

    def entry(self, regels: list[str]) -> None:
        self.regels += regels
        self.regels.append("")

    def tekst(self) -> str:
        while self.regels and self.regels[-1] == "":
            self.regels.pop()
        return "\n".join(self.regels) + "\n"


@dataclass(frozen=True)
class Getal:
    """Een kaal getal in metadata (bijv. ``0.30``) dat niet als tekst geschreven moet worden."""

    tekst: str


def meta_waarde(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "TRUE" if waarde else "FALSE"
    if isinstance(waarde, Decimal):
        return f"{fmt(waarde)} EUR"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Getal):
        return waarde.tekst
    return q(str(waarde))


def meta_regels(meta: dict[str, Any], inspringen: str = "  ") -> list[str]:
    return [f"{inspringen}{k}: {meta_waarde(v)}" for k, v in meta.items() if v is not None]


class Opmaak:
    """Uitlijning van bedragen in boekingen: één kolom voor de hele ledger."""

    def __init__(self, demo: Demo) -> None:
        rekeningen = [p.rekening for tx in demo.toekenningen + demo.uitgaven + demo.inzet for p in tx.posten]
        self.breedte = max(len(r) for r in rekeningen)

    def tx(self, tx: Tx) -> list[str]:
        kop = f"{tx.datum.isoformat()} * {q(tx.payee)} {q(tx.omschrijving)}"
        if tx.links:
            kop += " " + " ".join(f"^{link}" for link in tx.links)
        regels = [kop]
        for post in tx.posten:
            regels.append(f"  {post.rekening:<{self.breedte}}  {fmt(post.bedrag):>14} EUR")
            regels += meta_regels(post.meta, "    ")
        return regels


def schrijf_main(jaren: tuple[int, ...], begrotingsjaren: tuple[int, ...]) -> str:
    s = Schrijver(
        "Samen Nieuw-West — demoledger",
        "Hoofdbestand: opties, de plugin die de regels van de ledgertaal controleert\n"
        "(docs/ledgertaal.md) en de vrijgaveboekingen afleidt, de Fava-extensie en de includes.\n"
        "De demo draagt de echte bedragen uit het uitvoeringsprogramma 2024-2027 en synthetische,\n"
        "deterministische bestedingen (2023 t/m oktober 2026).",
    )
    s.entry(['option "title" "Samen Nieuw-West — demoledger"', 'option "operating_currency" "EUR"'])
    s.entry(['plugin "ledger.plugins.snw"'])
    s.entry(['2023-01-01 custom "fava-extension" "reports.fava_ext"'])
    s.entry([
        "; Fava in het Nederlands, bedragen als 1.234,56",
        '2023-01-01 custom "fava-option" "language" "nl"',
        '2023-01-01 custom "fava-option" "locale" "nl_NL"',
    ])
    s.entry([
        "; Fava opent op Geldstromen; opbrengsten, schulden en eigen vermogen positief in tabellen en grafieken",
        '2023-01-01 custom "fava-option" "default-page" "extension/Geldstromen/"',
        '2023-01-01 custom "fava-option" "invert-income-liabilities-equity" "true"',
    ])
    s.entry([
        "; Het dagboek zonder de afgeleide vrijvalboekingen van de plugin (getagd #vrijval)",
        '2023-01-01 custom "fava-sidebar-link" "Dagboek zonder vrijval" '
        '"/samen-nieuw-west-demoledger/journal/?filter=-%23vrijval"',
    ])
    s.entry([
        "; Fava's Importpagina: dezelfde importers als snw import; partnerbestanden in aanlevering/",
        '2023-01-01 custom "fava-option" "import-config" "../../importers/config.py"',
        '2023-01-01 custom "fava-option" "import-dirs" "aanlevering"',
    ])
    s.kopje("Declaraties")
    s.entry([f'include "declaraties/{naam}.beancount"' for naam in
             ("instellingen", "domeinen", "actielijnen", "geldstromen", "partners", "buurten")])
    for jaar in jaren:
        s.kopje(f"Boekjaar {jaar}")
        s.entry([f'include "{jaar}/{naam}.beancount"' for naam in
                 ("toekenningen", "verplichtingen", "uitgaven", "inzet-partners")])
    s.kopje("Begrotingen")
    s.entry([f'include "budgets/{jaar}.beancount"' for jaar in begrotingsjaren])
    s.kopje("Geïmporteerde partnerbestanden (snw import)")
    s.entry(['include "import/*.beancount"'])
    return s.tekst()


def schrijf_instellingen() -> str:
    s = Schrijver("Instellingen van de ledger", "Ledgerbrede instellingen die de plugin en de rapportages lezen.")
    s.entry([
        '2023-01-01 custom "instelling" "nieuw_west_bewoners" 165000',
        "  illustratief: TRUE",
        '  toelichting: "Aantal inwoners van Nieuw-West, voor gemiddelden per bewoner en de buurtindex (ongelijk investeren). Het plan (bron/programma.yaml) noemt het niet; 165.000 is het gangbare afgeronde aantal."',
    ])
    s.entry([
        '2023-01-01 custom "instelling" "proportionaliteit_band" 0.80 1.20',
        '  toelichting: "Aandeel van een partner in de gezamenlijke inzet gedeeld door zijn draagkracht: binnen deze band is proportioneel."',
    ])
    s.entry([
        '2023-01-01 custom "instelling" "begroting_tolerantie" 0.00 "fout"',
        '  toelichting: "Realisatie boven de vastgestelde begroting per actielijn en geldstroom is een fout."',
    ])
    s.entry([
        f'2023-01-01 custom "instelling" "vandaag" {EINDE_REALISATIE.isoformat()}',
        f'  toelichting: "De demo is een momentopname per {datum_nl(EINDE_REALISATIE)}: de plugin beoordeelt open '
        'verplichtingen na het einde van hun looptijd op deze datum (of de laatste boeking, als die later is), '
        'zodat snw check elke dag hetzelfde zegt. Een echt grootboek zet dit niet: dan telt de datum van vandaag."',
    ])
    s.entry([
        '2023-01-01 custom "instelling" "weerstandscapaciteit" 2500000.00 EUR',
        "  illustratief: TRUE",
        '  toelichting: "Wat het programma zelf kan inzetten om tegenvallers op te vangen (post onvoorzien en reserve); '
        'de begroting zet de gewogen risico\'s hiertegen af."',
    ])
    return s.tekst()


def schrijf_domeinen(programma: dict[str, Any]) -> str:
    s = Schrijver("Domeinen", "Zes opgavedomeinen en twee dwarsdoorsnijdende domeinen uit het uitvoeringsprogramma.")
    for dom in programma["domeinen"]:
        meta = {"soort": dom.get("soort"), "ondertitel": dom.get("ondertitel"),
                "bron": f"bron/programma.yaml#domeinen/{dom['code']}"}
        s.entry([f'2023-01-01 custom "domein" {q(dom["code"])} {q(dom["naam"])}', *meta_regels(meta)])
    return s.tekst()


def schrijf_actielijnen(demo: Demo) -> str:
    s = Schrijver(
        "Actielijnen",
        "Elke actielijn is een rekening Expenses:Actielijn:<DOMEIN>:<CODE>-<Korte-naam>. De plugin opent\n"
        "per actielijn de geldstroom-bladeren (…:<STROOM>) bij de eerste besteding.\n"
        "thema: illustratieve koppeling aan de hoofdthema's van SPUK Kansrijke Wijk (niet uit het plan).",
    )
    domeinnamen = {dom["code"]: dom["naam"] for dom in demo.programma["domeinen"]}
    huidig = None
    for al in demo.actielijnen.values():
        if al.domein != huidig:
            huidig = al.domein
            s.sectie(f"{al.domein} — {domeinnamen[al.domein]}")
        meta = {
            "code": al.code,
            "naam": al.naam,
            "domein": al.domein,
            "opbrengst": al.opbrengst,
            "trekker": al.trekker,
            "omschrijving": al.omschrijving,
            "thema": thema_van(al),
            "thema_illustratief": True,
        }
        s.entry([f"2023-01-01 open {al.rekening}", *meta_regels(meta)])
    return s.tekst()


def schrijf_geldstromen(demo: Demo) -> str:
    s = Schrijver(
        "Geldstromen",
        "Alle geldstromen uit het uitvoeringsprogramma (bron/programma.yaml) en twee illustratieve opvolgers\n"
        "(SPUK-KW-2026, PMG-2). status_bron: de status in het plan; status: wat de ledger ermee doet\n"
        "(beschikbaar/lopend -> toegekend; gepland/aan_te_vragen/doel/onbekend/gemengd -> verwacht).\n"
        "Bedrag 0.00 EUR: het plan noemt geen bedrag en de demo besteedt er niets uit.\n"
        "illustratief: TRUE markeert alles wat niet uit het plan komt; illustratief_velden zegt wat.",
    )
    s.sectie("Rekeningen van het programma")
    s.entry([f"2023-01-01 open {BANK} EUR", '  omschrijving: "Bankrekening van het programma"'])
    toegekend = set(ONTVANGSTEN)
    groepen = (
        ("Gemeentelijke bijdrage", ("VLIEGWIEL", "GEM-REGULIER", "GEM-ORG")),
        ("Rijksmiddelen (algemeen)", ("NPLV", "NPLV-ORG")),
        ("Bijdragen van partners", ("PARTNERS",)),
        ("Subsidieaanvragen en co-financiering", ("EU-JEUGD", "PMG", "PMG-2")),
        ("Rijksmiddelen (specifiek)", ("WBI", "VHF", "SEO")),
        ("Te verwachten rijksmiddelen", ("ENERGIEFIXERS", "ISOLATIE", "ISOLATIE-KDW")),
        ("Specifieke uitkeringen", ("SPUK-KW", "SPUK-KW-2026", "SPUK-KW-GLO", "SPUK-VEI")),
        ("Fondsen en pilots", ("GGG",)),
        ("Overige, nog niet gekwantificeerde middelen", ("RIJK-MOB", "KENNIS-ONDERZOEK", "WON-RES", "JEU-JK")),
    )
    gezien = [c for _, codes in groepen for c in codes]
    if sorted(gezien) != sorted(demo.stromen):
        raise ValueError("niet alle geldstromen zijn ingedeeld")
    for titel, codes in groepen:
        s.sectie(titel)
        for code in codes:
            st = demo.stromen[code]
            meta: dict[str, Any] = {
                "financier": st.financier,
                "herkomst": st.herkomst,
                "karakter": karakter_van(st),
                "specifieke_uitkering": True if st.specifieke_uitkering else None,
                "departement": st.departement,
                "status": st.status,
                "status_bron": st.status_bron,
                "bedrag": st.bedrag,
                "bedrag_tekst": st.bedrag_tekst,
                "aandeel_nw": st.aandeel_nw,
                "gedeeld_met": st.gedeeld_met,
                "van": st.van,
                "tot": st.tot,
                "boekjaar_start": st.boekjaar_start,
                "domeinen": st.domeinen,
                "themas": st.themas,
                "overloop": st.overloop,
                "overloop_max": Getal(st.overloop_max) if st.overloop_max else None,
                "cofinanciering_min": Getal(st.cofinanciering_min) if st.cofinanciering_min else None,
                "overhead_max": Getal(st.overhead_max) if st.overhead_max else None,
                "illustratief": True if st.illustratief else None,
                "illustratief_velden": st.illustratief_velden,
                "toelichting": st.toelichting,
                "regel_bron": st.regel_bron,
                "bron": st.bron,
                "bron_regel": st.bron_regel or None,
            }
            s.kopje(f"{code} — {st.naam}")
            s.entry([f'{st.datum.isoformat()} custom "geldstroom" {q(code)} {q(st.naam)}', *meta_regels(meta)])
            if st.tranches:
                s.commentaar("Jaartranches (uit het plan)." if code == "NPLV-ORG" else "Jaartranches (illustratieve verdeling).")
                breedte = max(len(q(t or "")) for _, _, t in st.tranches)
                for jaar, bedrag, thema in st.tranches:
                    regel = f'{st.datum.isoformat()} custom "tranche" {q(code)} {jaar} {fmt(bedrag):>12} EUR'
                    if thema:
                        regel += f" {q(thema):<{breedte}}".rstrip()
                    s.entry([regel, "  illustratief: TRUE"] if code != "NPLV-ORG" else [regel])
            if code in HOOFDTHEMA_NAMEN:
                namen = HOOFDTHEMA_NAMEN[code]
                if sorted(namen) != sorted((st.themas or "").split()):
                    raise ValueError(f"hoofdthema's van {code} hebben niet alle een naam")
                s.commentaar("Namen van de hoofdthema's (zoals de regeling ze noemt; SiSa toont ze).")
                for thema in (st.themas or "").split():
                    s.entry([f'{st.datum.isoformat()} custom "hoofdthema" {q(thema)} {q(namen[thema])}',
                             f"  stroom: {q(code)}"])
            for dag, jaar_van, bedrag, thema in st.overlopen:
                s.commentaar(f"Overloop: onbesteed deel van de tranche {jaar_van} ({thema}) naar {jaar_van + 1}.")
                s.entry([f'{dag.isoformat()} custom "overloop" {q(code)} {jaar_van} {fmt(bedrag)} EUR {q(thema or "")}',
                         "  illustratief: TRUE"])
            for dag, wmeta in st.wijzigingen:
                s.entry([f'{dag.isoformat()} custom "geldstroom-wijziging" {q(code)}', *meta_regels(wmeta)])
            if code in toegekend:
                s.entry([f"{st.datum.isoformat()} open Assets:Te-ontvangen:{code} EUR"])
                s.entry([f"{st.datum.isoformat()} open Liabilities:Nog-te-besteden:{code} EUR"])
    return s.tekst()


def schrijf_partners(demo: Demo) -> str:
    s = Schrijver(
        "Partners",
        "Alle organisaties uit het uitvoeringsprogramma, met het type uit bron/programma.yaml.\n"
        "draagkracht (aandeel in de gezamenlijke draagkracht, som 1.000) en tarief (waarde van één uur\n"
        "formatie) zijn illustratief en alleen gegeven voor de partners die in de demo bijdragen.",
    )
    s.entry([f"2023-01-01 open {INBRENG} EUR",
             '  omschrijving: "Tegenrekening van de inbreng van partners uit eigen middelen; saldo altijd nul"'])
    som = sum(Decimal(v[0]) for v in DRAAGKRACHT.values())
    if som != Decimal("1.000"):
        raise ValueError(f"draagkracht telt op tot {som}")
    s.sectie("Partners met een bijdrage in de demo (draagkracht en tarief illustratief)")
    for code, p in demo.partners.items():
        if code not in DRAAGKRACHT:
            continue
        draagkracht, tarief = DRAAGKRACHT[code]
        meta = {"type": p["type"], "draagkracht": Getal(draagkracht), "tarief": d(tarief), "illustratief": True,
                "betrokkenheid": " ".join(p.get("betrokkenheid", [])), "bron": f"bron/programma.yaml#partners/{code}"}
        s.entry([f'2023-01-01 custom "partner" {q(code)} {q(p["naam"])}', *meta_regels(meta)])
    s.sectie("Overige partners")
    for code, p in demo.partners.items():
        if code in DRAAGKRACHT:
            continue
        meta = {"type": p["type"], "betrokkenheid": " ".join(p.get("betrokkenheid", [])),
                "bron": f"bron/programma.yaml#partners/{code}"}
        s.entry([f'2023-01-01 custom "partner" {q(code)} {q(p["naam"])}', *meta_regels(meta)])
    s.sectie("Voorschotten aan partners die zelf programmageld besteden")
    for code in VOORSCHOT_PARTNERS:
        s.entry([f"2023-01-01 open Assets:Voorschot:{code} EUR"])
    return s.tekst()


def schrijf_buurten(programma: dict[str, Any]) -> str:
    fb = programma["focusbuurten"]
    s = Schrijver(
        "Buurten",
        "De tien focusbuurten met gebied, cluster en aantal bewoners uit het plan, en de drie pleinen\n"
        "die volgens het plan het verschil kunnen maken (zonder bewonersaantal).",
    )
    gebieden = fb.get("gebied_codes", {})
    s.sectie("Focusbuurten")
    for b in fb["buurten"]:
        gebied = gebieden.get(b["gebied"], b["gebied"])
        meta = {"gebied": gebied, "gebied_bron": b["gebied"] if gebied != b["gebied"] else None,
                "cluster": b["cluster"], "bewoners": b["aantal_bewoners"],
                "bron": f"bron/programma.yaml#focusbuurten/{b['id']}"}
        s.entry([f'2023-01-01 custom "buurt" {q(b["id"])} {q(b["naam"])}', *meta_regels(meta)])
    s.sectie("Pleinen")
    for p in fb["pleinen"]["lijst"]:
        meta = {"soort": "plein", "bron": f"bron/programma.yaml#focusbuurten/pleinen/{p['id']}"}
        s.entry([f'2023-01-01 custom "buurt" {q(p["id"])} {q(p["naam"])}', *meta_regels(meta)])
    return s.tekst()


def schrijf_toekenningen(demo: Demo, opmaak: Opmaak, jaar: int) -> str:
    s = Schrijver(
        f"Toekenningen en ontvangsten {jaar}",
        "Beschikking: Assets:Te-ontvangen:<STROOM> tegenover Liabilities:Nog-te-besteden:<STROOM>, voor\n"
        "het bedrag dat Nieuw-West mag besteden. Ontvangst: bank tegenover te ontvangen.",
    )
    txs = sorted((t for t in demo.toekenningen if t.datum.year == jaar), key=lambda t: (t.datum, t.volgorde))
    for titel, soort in (("Beschikkingen", "0"), ("Ontvangsten", "1")):
        deel = [t for t in txs if t.volgorde[0] == soort]
        if deel:
            s.sectie(titel)
            for tx in deel:
                s.entry(opmaak.tx(tx))
    s.sectie("Banksaldo")
    for grens, saldo in demo.saldi.items():
        if grens.year == jaar + 1 or (grens.year == jaar and grens > date(jaar, 1, 1)):
            s.commentaar(f"Saldo volgens bankafschrift per {datum_nl(grens - timedelta(days=1))}.")
            s.entry([f"{grens.isoformat()} balance {BANK}  {fmt(saldo)} EUR"])
    return s.tekst()


def schrijf_per_maand(s: Schrijver, opmaak: Opmaak, txs: list[Tx]) -> None:
    huidig = None
    for tx in sorted(txs, key=lambda t: (t.datum, t.volgorde, t.omschrijving)):
        maand = (tx.datum.year, tx.datum.month)
        if maand != huidig:
            huidig = maand
            s.sectie(f"{MAANDEN[tx.datum.month - 1]} {tx.datum.year}")
        s.entry(opmaak.tx(tx))


def schrijf_uitgaven(demo: Demo, opmaak: Opmaak, jaar: int) -> str:
    s = Schrijver(
        f"Uitgaven {jaar}",
        "Bestedingen uit programmageld op Expenses:Actielijn:…:<STROOM>, met partner: en vaak buurt:.\n"
        "Betalingen op een verplichting dragen de link ^<kenmerk>. Partners met een voorschot\n"
        "(Assets:Voorschot:<PARTNER>) verantwoorden hun bestedingen per maand.\n"
        "De plugin voegt bij elke besteding de vrijval Liabilities:Nog-te-besteden -> Income:Geldstroom toe.",
    )
    schrijf_per_maand(s, opmaak, [t for t in demo.uitgaven if t.datum.year == jaar])
    return s.tekst()


def schrijf_inzet(demo: Demo, opmaak: Opmaak, jaar: int) -> str:
    s = Schrijver(
        f"Inzet van partners {jaar}",
        "Eigen middelen en formatie van partners op de stroom EIGEN, tegenover Equity:Inbreng-partners.\n"
        "Bij formatie is het bedrag precies uren x tarief van de partner. De plugin zet de inbreng om\n"
        "naar Income:Inzet:<PARTNER>. Onderaan: toezeggingen van partners voor het volgende jaar.",
    )
    schrijf_per_maand(s, opmaak, [t for t in demo.inzet if t.datum.year == jaar])
    volgend = jaar + 1
    regels = [(p, b, u) for (p, j), (b, u) in demo.toezeggingen.items() if j == volgend]
    if regels:
        s.sectie(f"Toezeggingen voor {volgend} (uitvraag bij de begrotingsvoorbereiding, illustratief)")
        breedte = max(len(q(p)) for p, _, _ in regels)
        for partner, bedrag, uren in regels:
            regel = [f'{jaar}-11-15 custom "toezegging" {q(partner):<{breedte}} {volgend} {fmt(d(bedrag)):>12} EUR']
            if uren:
                regel.append(f"  uren: {uren}")
            regel.append("  illustratief: TRUE")
            s.entry(regel)
    return s.tekst()


def schrijf_verplichtingen(demo: Demo, jaar: int) -> str:
    s = Schrijver(
        f"Verplichtingen {jaar}",
        "Subsidiebeschikkingen en opdrachten aan uitvoerende partners. Betalingen dragen de link\n"
        "^<kenmerk>; open verplichting = verplicht - betaald.",
    )
    vs = sorted((v for v in demo.verplichtingen if v.datum.year == jaar),
                key=lambda v: (v.stroom, v.datum, v.actielijn, v.partner))
    huidig = None
    for v in vs:
        if v.stroom != huidig:
            huidig = v.stroom
            totaal = sum(w.bedrag for w in vs if w.stroom == v.stroom)
            s.sectie(f"{v.stroom} — {demo.stromen[v.stroom].naam} (totaal EUR {euro_nl(totaal)})")
        regel = f'{v.datum.isoformat()} custom "verplichting" {q(v.actielijn):<8} {q(v.stroom):<14} {fmt(v.bedrag):>12} EUR'
        meta = {"kenmerk": v.kenmerk, "partner": v.partner, "omschrijving": v.omschrijving}
        s.entry([regel, *meta_regels(meta)])
    sluitingen = sorted((a for a in demo.afsluitingen if a.datum.year == jaar), key=lambda a: (a.datum, a.kenmerk))
    if sluitingen:
        s.sectie("Afgesloten verplichtingen (eindafrekening; het restant valt vrij)")
        for a in sluitingen:
            s.entry([f'{a.datum.isoformat()} custom "verplichting-afsluiting" {q(a.kenmerk)}',
                     *meta_regels({"reden": a.reden})])
    return s.tekst()


def stand_op(demo: Demo, code: str, dag: date) -> str:
    """Toelichting bij een stroom die op ``dag`` nog niet (volledig) beschikbaar is."""
    if code == EIGEN:
        return "  (inbreng partners)"
    stroom = demo.stromen[code]
    status, aandeel = stroom.status, stroom.aandeel_nw
    for datum, meta in stroom.wijzigingen:
        if datum <= dag:
            status = meta.get("status", status)
            aandeel = meta.get("aandeel_nw", aandeel)
    if status != "toegekend":
        return f"  (nog {status})"
    if aandeel == "open":
        return "  (verdeling nog open)"
    return ""


def toelichting_begroting(demo: Demo, jaar: int, code: str, stroom: str,
                          wijzigingen: list[Begrotingswijziging]) -> str | None:
    """The programme office's explanation of a budget line that changes beyond the threshold.

    The line needs one by the ledger's own rule (``ledger.model.afwijking_boven_drempel``, the
    default threshold), unless an amendment of the year on the same line explains it or it is the
    first budget year. The reason is the demo's story: a stream that starts or ends, the
    transition from vliegwiel to regular money, the scaling up after the first year.
    """
    if not any(j == jaar - 1 for j, _, _ in demo.begroting):
        return None
    if any((w.actielijn, w.stroom) == (code, stroom) for w in wijzigingen):
        return None
    nu = Decimal(demo.begroting.get((jaar, code, stroom), 0))
    toen = Decimal(demo.begroting.get((jaar - 1, code, stroom), 0))
    if not afwijking_boven_drempel(nu, toen, TOELICHTING_DREMPEL):
        return None
    st = demo.stromen.get(stroom)
    if stroom == EIGEN:
        return f"Eigen inzet van de partners volgens hun toezegging voor {jaar}."
    if st is not None and st.tot < date(jaar, 12, 31):
        return f"{stroom} loopt af op {datum_nl(st.tot)}; begroot tot de einddatum."
    if stroom == "GEM-REGULIER":
        return "Reguliere gemeentelijke middelen nemen over van de vliegwielmiddelen, die eind 2026 aflopen."
    if not toen:
        begin = f" (looptijd vanaf {datum_nl(st.van)})" if st is not None and st.van.year == jaar else ""
        return f"Nieuw: deze actielijn wordt vanaf {jaar} uit {stroom} betaald{begin}."
    if nu > toen:
        return f"Opschaling: {jaar - 1} was het eerste volle uitvoeringsjaar van deze actielijn op {stroom}."
    return f"Minder activiteiten op {stroom} dan in {jaar - 1}, volgens het uitvoeringsplan."


def schrijf_begroting(demo: Demo, jaar: int) -> str:
    besluit = BESLUITEN.get(jaar)
    if besluit:
        dag, kenmerk, omschrijving = besluit
        uitleg = (f"Begroting {jaar}, vastgesteld door het alliantiebestuur op {datum_nl(dag)} ({kenmerk}).\n"
                  "Bedragen per actielijn x geldstroom; EIGEN = inbreng van partners uit eigen middelen.")
    else:
        dag, kenmerk = ONTWERP_2027, None
        uitleg = (f"Ontwerpbegroting {jaar} (nog niet vastgesteld: regels zonder besluit).\n"
                  "Leunt deels op Energiefixers, een geldstroom die nog verwacht wordt. Reguliere gemeentelijke\n"
                  "middelen (GEM-REGULIER) nemen over op de actielijnen die vliegwielgeld structureel maakte.")
    s = Schrijver(f"Begroting {jaar}", uitleg)
    wijzigingen = [w for w in demo.begrotingswijzigingen if w.jaar == jaar]
    # Primitieve bedragen; een regel die pas door een wijziging ontstaat, staat alleen bij de wijziging.
    primitief = {(c, st): primitief_bedrag(demo, (j, c, st)) for (j, c, st) in demo.begroting if j == jaar}
    per_stroom: dict[str, int] = defaultdict(int)
    for (c, st), b in primitief.items():
        if b:
            per_stroom[st] += b
    s.commentaar("Totaal per geldstroom" + (
        f" (primitieve begroting, voor de wijziging van {MAANDEN[wijzigingen[0].datum.month - 1]}):"
        if wijzigingen else ":"))
    for st in sorted(per_stroom, key=lambda c: (c == EIGEN, c)):
        s.commentaar(f"  {st:<15} EUR {euro_nl(per_stroom[st]):>11}{stand_op(demo, st, dag)}")
    s.commentaar(f"  {'totaal':<15} EUR {euro_nl(sum(per_stroom.values())):>11}")
    s.regels.append("")
    if kenmerk:
        s.entry([f'{dag.isoformat()} custom "ab-besluit" {q(kenmerk)} {q(omschrijving)}'])
    regels = sorted(((c, st), b) for (j, c, st), b in demo.begroting.items() if j == jaar)
    domeinnamen = {dom["code"]: dom["naam"] for dom in demo.programma["domeinen"]}
    volgorde = [dom["code"] for dom in demo.programma["domeinen"]]
    regels.sort(key=lambda r: (volgorde.index(demo.actielijnen[r[0][0]].domein), r[0][0], r[0][1] == EIGEN, r[0][1]))
    huidig = None
    for (code, stroom), _ in regels:
        bedrag = primitief[(code, stroom)]
        if not bedrag:
            continue
        dom = demo.actielijnen[code].domein
        if dom != huidig:
            huidig = dom
            totaal = sum(b for (c, _), b in regels if demo.actielijnen[c].domein == dom)
            s.kopje(f"{dom} — {domeinnamen[dom]} (totaal EUR {euro_nl(totaal)})")
        regel = [f'{dag.isoformat()} custom "begroting" {jaar} {q(code):<8} {q(stroom):<15} {fmt(d(bedrag)):>12} EUR']
        if kenmerk:
            regel.append(f"  besluit: {q(kenmerk)}")
        uitleg_regel = toelichting_begroting(demo, jaar, code, stroom, wijzigingen)
        if uitleg_regel:
            regel.append(f"  toelichting: {q(uitleg_regel)}")
        s.entry(regel)
    if jaar == 2025:
        (w,) = wijzigingen
        s.sectie("Begrotingswijziging")
        s.entry([f'{w.datum.isoformat()} custom "ab-besluit" {q(w.besluit)} "Begrotingswijziging 2025: uitbreiding time-out woningen"'])
        s.entry([
            f'{w.datum.isoformat()} custom "begrotingswijziging" {jaar} {q(w.actielijn)} {q(w.stroom)} {fmt(d(w.bedrag))} EUR',
            f"  besluit: {q(w.besluit)}",
            f"  toelichting: {q(w.toelichting)}",
        ])
    elif wijzigingen:
        wdag, wkenmerk, womschrijving = WIJZIGING_2026
        s.sectie("Begrotingswijziging: van vliegwielmiddelen naar reguliere middelen")
        s.commentaar(
            f"Na de toekenning van GEM-REGULIER ({datum_nl(GEM_REGULIER_BESLUIT)}) verschuift het alliantiebestuur "
            f"per\nactielijn het deel dat vanaf {OVERGANG_TEKST} regulier wordt betaald; het totaal per actielijn "
            "blijft gelijk.")
        s.regels.append("")
        s.entry([f'{wdag.isoformat()} custom "ab-besluit" {q(wkenmerk)} {q(womschrijving)}'])
        for w in wijzigingen:
            s.entry([
                f'{w.datum.isoformat()} custom "begrotingswijziging" {jaar} {q(w.actielijn):<8} {q(w.stroom):<15} '
                f"{fmt(d(w.bedrag)):>12} EUR",
                f"  besluit: {q(w.besluit)}",
                f"  toelichting: {q(w.toelichting)}",
            ])
    return s.tekst()


IMPORT_INDEX = (
    KOP
    + ";\n; main.beancount neemt import/*.beancount op (een glob zonder treffer is een laadfout).\n"
    "; snw import schrijft de geïmporteerde partnerbestanden naast dit bestand. Wat in Fava op de\n"
    "; Importpagina wordt geaccepteerd, komt hieronder (vóór de regel insert-entry), zodat het\n"
    "; gegenereerde hoofdbestand nooit met de hand wordt bewerkt.\n\n"
    '2023-01-01 custom "fava-option" "insert-entry" "^Equity:Inbreng-partners$|^Assets:Voorschot:"\n'
)


def bestanden(demo: Demo) -> dict[str, str]:
    """Alle gegenereerde bestanden: relatief pad -> inhoud."""
    opmaak = Opmaak(demo)
    uit = {
        "main.beancount": schrijf_main(JAREN_REALISATIE, JAREN_BEGROTING),
        "declaraties/instellingen.beancount": schrijf_instellingen(),
        "declaraties/domeinen.beancount": schrijf_domeinen(demo.programma),
        "declaraties/actielijnen.beancount": schrijf_actielijnen(demo),
        "declaraties/geldstromen.beancount": schrijf_geldstromen(demo),
        "declaraties/partners.beancount": schrijf_partners(demo),
        "declaraties/buurten.beancount": schrijf_buurten(demo.programma),
        "import/index.beancount": IMPORT_INDEX,
    }
    for jaar in JAREN_REALISATIE:
        uit[f"{jaar}/toekenningen.beancount"] = schrijf_toekenningen(demo, opmaak, jaar)
        uit[f"{jaar}/verplichtingen.beancount"] = schrijf_verplichtingen(demo, jaar)
        uit[f"{jaar}/uitgaven.beancount"] = schrijf_uitgaven(demo, opmaak, jaar)
        uit[f"{jaar}/inzet-partners.beancount"] = schrijf_inzet(demo, opmaak, jaar)
    for jaar in JAREN_BEGROTING:
        uit[f"budgets/{jaar}.beancount"] = schrijf_begroting(demo, jaar)
    return uit


class OngeldigeDemo(Exception):
    """De gegenereerde ledger laadt niet zonder fouten; er is niets in de doelmap geschreven."""

    def __init__(self, fouten: list[str]) -> None:
        """Args:
          fouten: elke fout als ``bestand:regel: melding`` (``printer.format_error``), met het
            bestand relatief aan de gegenereerde ledger.
        """
        super().__init__(f"de gegenereerde demoledger laadt met {len(fouten)} fout(en)")
        self.fouten = fouten


def _relatief(fout: Any, map_: Path) -> Any:
    """De fout met het bestand relatief aan ``map_`` (de tijdelijke map bestaat straks niet meer)."""
    bron = getattr(fout, "source", None)
    naam = bron.get("filename") if isinstance(bron, dict) else None
    if not naam or not Path(naam).resolve().is_relative_to(map_.resolve()):
        return fout
    relatief = Path(naam).resolve().relative_to(map_.resolve()).as_posix()
    return fout._replace(source={**bron, "filename": relatief})


def valideer(map_: Path) -> list[str]:
    """Laad ``map_/main.beancount`` zoals ``snw check`` dat doet: met de plugin van het grootboek.

    De regels staan in één plaats, ``ledger.plugins.snw`` (met ``ledger.rules.beschikbaarheid``);
    de generator controleert ze niet zelf. Elke fout of waarschuwing telt.

    Args:
      map_: de map met de gegenereerde ledger.
    Returns:
      De fouten, elk als ``bestand:regel: melding`` (met de boeking eronder), leeg als alles klopt.
    """
    geladen = load_ledger(map_ / "main.beancount")
    return [printer.format_error(_relatief(fout, map_)) for fout in geladen.errors]


def genereer(uit: Path, bron: Path = BRON) -> Demo:
    """Genereer de demoledger, laad hem met de plugin en zet hem pas dan in ``uit``.

    De bestanden komen eerst in een tijdelijke map; die wordt geladen (:func:`valideer`).
    Alleen een ledger zonder fouten gaat met ``ledger.files.write_all_atomic`` naar ``uit``;
    anders blijft ``uit`` zoals hij was.

    Args:
      uit: doelmap; bestaande bestanden met dezelfde naam worden overschreven, andere
        bestanden (bijv. geïmporteerde partnerbestanden in ``import/``) blijven staan.
      bron: het feitenbestand ``programma.yaml``.
    Returns:
      De opgebouwde demo (voor de samenvatting).
    Raises:
      OngeldigeDemo: de gegenereerde ledger laadt niet zonder fouten.
    """
    demo = bouw_demo(lees_programma(bron))
    inhoud = {Path(pad): tekst.encode("utf-8") for pad, tekst in bestanden(demo).items()}
    with tempfile.TemporaryDirectory(prefix="snw-demo-") as tijdelijk:
        proef = Path(tijdelijk)
        write_all_atomic({proef / pad: data for pad, data in inhoud.items()})
        fouten = valideer(proef)
    if fouten:
        raise OngeldigeDemo(fouten)
    write_all_atomic({uit / pad: data for pad, data in inhoud.items()})
    return demo


def samenvatting(demo: Demo) -> str:
    regels = []
    aantal = len(demo.toekenningen) + len(demo.uitgaven) + len(demo.inzet)
    regels.append(f"transacties: {aantal} (toekenningen/ontvangsten {len(demo.toekenningen)}, "
                  f"uitgaven {len(demo.uitgaven)}, inzet partners {len(demo.inzet)}); "
                  f"verplichtingen {len(demo.verplichtingen)}")
    for jaar in JAREN_REALISATIE:
        prog = sum((p.bedrag for t in demo.uitgaven if t.datum.year == jaar for p in t.posten
                    if p.rekening.startswith("Expenses:")), NUL)
        eigen = sum((p.bedrag for t in demo.inzet if t.datum.year == jaar for p in t.posten
                     if p.rekening.startswith("Expenses:")), NUL)
        regels.append(f"{jaar}: programmageld {prog:>14,.2f}  inzet partners {eigen:>13,.2f}")
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=HIER, help="doelmap (standaard: ledger/demo)")
    parser.add_argument("--bron", type=Path, default=BRON, help="feitenbestand programma.yaml")
    args = parser.parse_args(argv)
    try:
        demo = genereer(args.uit, args.bron)
    except OngeldigeDemo as fout:
        for tekst in fout.fouten:
            print(tekst, file=sys.stderr)
        print(f"{fout}; {args.uit} is niet gewijzigd", file=sys.stderr)
        return 1
    print(f"demoledger geschreven naar {args.uit}")
    print(samenvatting(demo))
    return 0


if __name__ == "__main__":
    sys.exit(main())

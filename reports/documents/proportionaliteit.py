"""The proportionality report as a document: tables and charts from the computed figures.

``proportionaliteit_document`` turns ``reports.compute.proportionaliteit.Proportionaliteit``
into a :class:`reports.documents.model.Document`; the shared faces make the XLSX
(``document_workbook``), HTML (``render_html``) and PDF (``render_pdf``) from it. Nothing
here computes a figure; it only chooses columns, words and charts.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok
from reports.documents.model import Kolom
from reports.documents.model import Tabel

if TYPE_CHECKING:
    from reports.compute.proportionaliteit import BuurtOverzicht
    from reports.compute.proportionaliteit import PartnerOverzicht
    from reports.compute.proportionaliteit import PartnerRegel
    from reports.compute.proportionaliteit import Proportionaliteit

ZERO = Decimal(0)
TEMPLATE = "proportionaliteit.html.j2"

MIDDELSOORT_NAMEN = {
    "vliegwiel": "vliegwielgeld (tijdelijk)",
    "programma": "programmageld (gemeente, Rijk, EU)",
    "regulier": "regulier geld",
    "overig": "overig (fondsen, anders)",
}

STATUS_TEKST = {
    "onder": "onder aandeel",
    "binnen": "binnen band",
    "boven": "boven aandeel",
}


def _bedrag(value: Decimal | None, *, cents: bool = False) -> str:
    """An amount for running text: ``ledger.nl.euro`` with a no-break space after the sign."""
    return euro(value, cents=cents).replace("€ ", "€\u00a0")


def _jaren_tekst(jaren: tuple[int, ...]) -> str:
    """Years as a list for a table cell (``2024, 2025``); ``geen`` without any."""
    return ", ".join(str(j) for j in jaren) if jaren else "geen"


def _band_tekst(band: tuple[Decimal, Decimal] | None) -> str:
    if band is None:
        return "geen band gedeclareerd"
    return f"{procent(band[0])}–{procent(band[1])}"


# ----------------------------------------------------------------------------------------
# Partners
# ----------------------------------------------------------------------------------------
INZET_KOLOMMEN = (
    Kolom("Partner"),
    Kolom("Geld", "euro", True),
    Kolom("Uren", "uren", True),
    Kolom("Tarief per uur"),
    Kolom("Formatie", "euro", True),
    Kolom("Totaal", "euro", True),
    Kolom("Waarvan in jaren zonder toezegging", "euro", True),
)
TOEZEGGING_KOLOMMEN = (
    Kolom("Partner"),
    Kolom("Jaren met toezegging"),
    Kolom("Toezegging", "euro", True),
    Kolom("Inzet in die jaren", "euro", True),
    Kolom("Realisatie", "procent"),
    Kolom("Toegezegde uren", "uren", True),
    Kolom("Uren in die jaren", "uren", True),
    Kolom("Realisatie uren", "procent"),
)
AANDEEL_KOLOMMEN = (
    Kolom("Partner"),
    Kolom("Naam"),
    Kolom("Totaal", "euro", True),
    Kolom("Aandeel", "procent", True),
    Kolom("Draagkracht (gedeclareerd)", "procent"),
    Kolom("Aandeel naar draagkracht", "procent", True),
    Kolom("Verhouding", "procent"),
    Kolom("Status"),
)


def _status_tekst(regel: PartnerRegel) -> str:
    if regel.status:
        return regel.status
    if regel.draagkracht is None:
        return "geen draagkracht"
    return ""


def tarief_tekst(tarieven: tuple[tuple[datetime.date, Decimal], ...], van_jaar: int, tot_jaar: int) -> str:
    """The tariffs of a period in one cell: ``€ 85,00 / € 90,00 vanaf 1 juli``.

    The tariff in force at the start of the period without a date; each change (or a first
    tariff later in the period) with the day it applies (the year only when the period spans
    years). ``geen tarief`` without any.
    """
    if not tarieven:
        return "geen tarief"
    begin = datetime.date(van_jaar, 1, 1)

    def dag(d: datetime.date) -> str:
        tekst = datum(d)
        return tekst.removesuffix(f" {d.year}") if van_jaar == tot_jaar else tekst

    return " / ".join(euro(bedrag) if vanaf == begin else f"{euro(bedrag)} vanaf {dag(vanaf)}"
                      for vanaf, bedrag in tarieven)


def partner_tabellen(overzicht: PartnerOverzicht) -> list[TabelBlok]:
    """Two tables: what each partner contributed, and its share against its draagkracht.

    The status cells of partners outside the band are flagged.
    """
    inzet = Tabel(
        titel=f"Inzet per partner, {overzicht.periode}",
        kolommen=INZET_KOLOMMEN,
        rijen=tuple(
            (r.code, r.geld, r.uren, tarief_tekst(r.tarieven, overzicht.van_jaar, overzicht.tot_jaar), r.formatie,
             r.totaal, r.inzet_zonder_toezegging)
            for r in overzicht.regels
        ),
        toelichting=(
            "Geld: eigen middelen (EIGEN), boekingen zonder uren. Formatie: boekingen met uren, gewaardeerd tegen "
            "het tarief van de partner dat gold op de boekdatum. Tarief per uur: de tarieven die in de periode "
            "golden; een wijziging met de datum vanaf wanneer. Waarvan in jaren zonder toezegging: inzet in een "
            "jaar waarvoor de partner niets toezegde; die telt mee in het aandeel naar draagkracht, niet in de "
            "realisatie van de toezegging."
        ),
    )
    toezegging = Tabel(
        titel=f"Inzet tegenover toezegging, dezelfde jaren, {overzicht.periode}",
        kolommen=TOEZEGGING_KOLOMMEN,
        rijen=tuple(
            (r.code, _jaren_tekst(r.toezegging_jaren), r.toezegging, r.inzet_toezeggingsjaren if r.toezegging_jaren
             else None, r.realisatie_toezegging, r.toezegging_uren,
             r.uren_toezeggingsjaren if r.toezegging_uren is not None else None, r.realisatie_uren)
            for r in overzicht.regels
        ),
        toelichting=(
            "Per partner staan inzet en toezegging over dezelfde jaren tegenover elkaar: de jaren waarvoor de "
            "partner een custom \"toezegging\" heeft (kolom Jaren met toezegging). Realisatie: inzet in die jaren "
            "gedeeld door de toezegging; realisatie uren: uren in die jaren gedeeld door de toegezegde uren."
        ),
    )
    markeringen = set()
    for index, regel in enumerate(overzicht.regels):
        if regel.status in ("onder", "boven"):
            markeringen.update({(index, len(AANDEEL_KOLOMMEN) - 2), (index, len(AANDEEL_KOLOMMEN) - 1)})
    aandeel = Tabel(
        titel=f"Aandeel tegenover draagkracht, {overzicht.periode}",
        kolommen=AANDEEL_KOLOMMEN,
        rijen=tuple(
            (r.code, r.naam, r.totaal, r.aandeel, r.draagkracht, r.draagkracht_aandeel, r.verhouding, _status_tekst(r))
            for r in overzicht.regels
        ),
        toelichting=(
            "Aandeel: totaal van de partner gedeeld door het totaal van de alliantie. Aandeel naar draagkracht: de "
            "gedeclareerde draagkracht, genormaliseerd over de partners die er een hebben. Verhouding: aandeel "
            f"gedeeld door aandeel naar draagkracht; de band is {_band_tekst(overzicht.band)}."
        ),
    )
    return [TabelBlok(inzet, compact=True), TabelBlok(toezegging, compact=True),
            TabelBlok(aandeel, markeringen=frozenset(markeringen), compact=True)]


def partner_grafiek(overzicht: PartnerOverzicht, titel: str) -> Grafiek | None:
    """Grouped bars: each partner's share of the joint effort next to its draagkracht share."""
    from reports.documents.model import staafdiagram

    regels = [r for r in overzicht.regels if r.draagkracht_aandeel is not None]
    if not regels or not any(r.totaal for r in overzicht.regels):
        return None
    labels = [f"{r.code} · {STATUS_TEKST[r.status]}" if r.status else r.code for r in regels]
    svg = staafdiagram(
        labels,
        {
            "Aandeel in de gezamenlijke inzet": [r.aandeel or ZERO for r in regels],
            "Aandeel naar draagkracht": [r.draagkracht_aandeel or ZERO for r in regels],
        },
        eenheid="procent",
    )
    return Grafiek(
        titel,
        svg,
        "Donkere staaf: aandeel van de partner in de inzet van alle partners (geld en formatie). Lichte staaf: het "
        "aandeel dat bij de draagkracht van de partner past. Binnen de band "
        f"({_band_tekst(overzicht.band)} van het draagkrachtaandeel) staat de partner op koers.",
    )


def _namen(codes: list[str]) -> str:
    return ", ".join(codes) if codes else "geen"


def partner_sectie(overzicht: PartnerOverzicht, titel: str, *, nieuwe_pagina: bool = False,
                   blad: str | None = None) -> Sectie:
    inhoud: list = []
    if overzicht.band is None:
        inhoud.append(Alinea(
            "Het grootboek declareert geen proportionaliteitsband (custom \"instelling\" "
            "\"proportionaliteit_band\"); de kolom Status blijft daarom leeg.", "let-op"))
    onder = [r.code for r in overzicht.met_status("onder")]
    boven = [r.code for r in overzicht.met_status("boven")]
    binnen = [r.code for r in overzicht.met_status("binnen")]
    zonder_toezegging = overzicht.totaal("inzet_zonder_toezegging")
    realisatie = overzicht.realisatie_toezegging
    punten = [
        f"Onder hun aandeel naar draagkracht: {_namen(onder)}.",
        f"Boven hun aandeel naar draagkracht: {_namen(boven)}.",
        f"Binnen de band ({_band_tekst(overzicht.band)}): {_namen(binnen)}.",
        f"Totale inzet van de partners over {overzicht.periode}: {_bedrag(overzicht.totaal('totaal'))} "
        f"(geld {_bedrag(overzicht.totaal('geld'))}, formatie {_bedrag(overzicht.totaal('formatie'))}).",
    ]
    if overzicht.toezegging_jaren:
        punten.append(
            f"Toegezegd voor {_jaren_tekst(overzicht.toezegging_jaren)}: {_bedrag(overzicht.totaal('toezegging'))}; "
            f"inzet van de partners in de jaren van hun toezegging: "
            f"{_bedrag(overzicht.totaal('inzet_toezeggingsjaren'))}"
            + (f" ({procent(realisatie, 1)} van de toezegging)." if realisatie is not None else "."))
    else:
        punten.append(f"Geen toezeggingen voor {overzicht.periode}.")
    if zonder_toezegging:
        punten.append(f"Inzet in jaren zonder toezegging: {_bedrag(zonder_toezegging)}; die telt mee in het aandeel "
                      "naar draagkracht, niet in de realisatie van de toezegging.")
    inhoud.append(Lijst(tuple(punten)))
    grafiek = partner_grafiek(overzicht, f"Aandeel in de inzet tegenover draagkracht, {overzicht.periode}")
    if grafiek is not None:
        inhoud.append(grafiek)
    inhoud.extend(partner_tabellen(overzicht))
    return Sectie(titel, tuple(inhoud), nieuwe_pagina=nieuwe_pagina, liggend=False, blad=blad)


# ----------------------------------------------------------------------------------------
# Actielijnen
# ----------------------------------------------------------------------------------------
def actielijn_tabel(rapport: Proportionaliteit) -> Tabel:
    rijen = tuple(
        (r.code, r.naam, r.vliegwiel, r.programma, r.eigen, r.regulier_overig, r.overig, r.totaal,
         r.aandeel_regulier, Decimal(len(r.partners)), " ".join(r.partners))
        for r in rapport.actielijnen
    )
    return Tabel(
        titel=f"Programmageld en regulier geld per actielijn, {rapport.jaar}",
        kolommen=(
            Kolom("Actielijn"),
            Kolom("Naam"),
            Kolom("Vliegwiel", "euro", True),
            Kolom("Ander programmageld", "euro", True),
            Kolom("Eigen inzet partners", "euro", True),
            Kolom("Regulier gemeente", "euro", True),
            Kolom("Overig", "euro", True),
            Kolom("Totaal", "euro", True),
            Kolom("Aandeel regulier", "procent"),
            Kolom("Partners", "getal"),
            Kolom("Bijdragende partners"),
        ),
        rijen=rijen,
    )


ACTIELIJN_UITLEG = (
    "Programmageld: vliegwielgeld en de andere geldstromen van gemeente, Rijk en EU. Regulier geld: de eigen inzet "
    "van partners (geld en formatie) en reguliere gemeentelijke middelen (GEM-REGULIER). Overig: fondsen en andere "
    "bronnen. Partners: het aantal partners met eigen inzet op de actielijn."
)


# ----------------------------------------------------------------------------------------
# Buurten
# ----------------------------------------------------------------------------------------
BUURT_KOLOMMEN = (
    Kolom("Buurt"),
    Kolom("Naam"),
    Kolom("Cluster"),
    Kolom("Bewoners", "getal", True),
    Kolom("Besteed", "euro", True),
    Kolom("Per bewoner", "euro"),
    Kolom("Index (NW = 100%)", "procent"),
    Kolom("T.o.v. gemiddelde"),
)


def _vergelijking(tekst: str | None) -> str:
    return {"meer": "meer dan gemiddeld", "minder": "minder dan gemiddeld", "gelijk": "gemiddeld"}.get(tekst or "", "")


def buurt_tabellen(buurten: BuurtOverzicht) -> list[TabelBlok]:
    rijen = []
    markeringen = set()
    for index, r in enumerate(buurten.regels):
        rijen.append((r.code, r.naam, r.cluster, Decimal(r.bewoners) if r.bewoners is not None else None,
                      r.besteed, r.per_bewoner, r.index,
                      _vergelijking(r.vergelijking) if r.bewoners else "geen bewonersaantal"))
        if r.vergelijking == "minder":
            markeringen.add((index, len(BUURT_KOLOMMEN) - 1))
    per_buurt = TabelBlok(Tabel(
        titel=f"Besteding per bewoner per focusbuurt, {buurten.jaar}",
        kolommen=BUURT_KOLOMMEN,
        rijen=tuple(rijen),
        toelichting=(
            "Besteed: alle boekingen op actielijnen met buurt: deze buurt (programmageld en eigen inzet). Index: "
            "besteding per bewoner gedeeld door het gemiddelde van Nieuw-West over de bestedingen met een buurt."
        ),
    ), markeringen=frozenset(markeringen), compact=True)
    clusters = TabelBlok(Tabel(
        titel=f"Per cluster, {buurten.jaar}",
        kolommen=(Kolom("Cluster"), Kolom("Bewoners", "getal", True), Kolom("Besteed", "euro", True),
                  Kolom("Per bewoner", "euro"), Kolom("Index (NW = 100%)", "procent"), Kolom("T.o.v. gemiddelde")),
        rijen=tuple((r.naam, Decimal(r.bewoners) if r.bewoners is not None else None, r.besteed, r.per_bewoner,
                     r.index, _vergelijking(r.vergelijking)) for r in buurten.clusters),
    ))
    nw = Decimal(buurten.nw_bewoners) if buurten.nw_bewoners else None
    rest = Decimal(buurten.rest_bewoners) if buurten.rest_bewoners is not None else None
    samenvatting = TabelBlok(Tabel(
        titel=f"Focusbuurten, rest van Nieuw-West en zonder buurt, {buurten.jaar}",
        kolommen=(Kolom("Wat"), Kolom("Besteed", "euro"), Kolom("Bewoners", "getal"), Kolom("Per bewoner", "euro"),
                  Kolom("Index (NW = 100%)", "procent")),
        rijen=(
            ("In de focusbuurten", buurten.focus_besteed, Decimal(buurten.focus_bewoners), buurten.focus_gemiddelde,
             buurten.focus_index),
            ("Rest van Nieuw-West (pleinen en andere plekken buiten de focusbuurten)", buurten.elders, rest,
             buurten.rest_gemiddelde, buurten.rest_index),
            ("Nieuw-West, bestedingen met een buurt (het gemiddelde)", buurten.met_buurt, nw, buurten.nw_gemiddelde,
             None),
            ("Zonder buurt (niet aan een buurt toe te wijzen)", buurten.zonder_buurt, None, None, None),
            ("Alle bestedingen op actielijnen", buurten.totaal, None, None, None),
        ),
        totaal_label=None,
        toelichting=(
            "Het gemiddelde van Nieuw-West rekent alleen met bestedingen die aan een buurt zijn toegewezen. "
            "Bestedingen zonder buurt staan op een eigen regel: ze worden niet over de buurten verdeeld en tellen "
            "niet mee in het gemiddelde of de index."
        ),
    ), nadruk_rijen=frozenset({2}))
    return [per_buurt, clusters, samenvatting]


def buurt_grafiek(buurten: BuurtOverzicht) -> Grafiek | None:
    from reports.documents.model import staafdiagram

    regels = [r for r in buurten.regels if r.per_bewoner is not None]
    if not regels:
        return None
    gemiddelde = buurten.nw_gemiddelde
    labels = [(f"{r.naam} ({r.cluster})" if r.cluster else r.naam)
              + (f" · {procent(r.index)}" if r.index is not None else "") for r in regels]
    svg = staafdiagram(
        labels,
        {"Besteed per bewoner": [r.per_bewoner or ZERO for r in regels]},
        eenheid="euro",
        verwijzing=[gemiddelde] * len(regels) if gemiddelde is not None else None,
        verwijzing_label=f"Gemiddelde Nieuw-West, met buurt ({euro(gemiddelde)})" if gemiddelde is not None else "",
    )
    bijschrift = ("Staaf: besteding per bewoner in de buurt (cluster tussen haakjes, daarachter de index: "
                  "Nieuw-West = 100%).")
    if gemiddelde is not None:
        bijschrift += " Streepje: het gemiddelde per bewoner van Nieuw-West over de bestedingen met een buurt; " \
                      "staven voorbij het streepje krijgen meer dan gemiddeld (ongelijk investeren)."
    return Grafiek(f"Besteding per bewoner per focusbuurt, {buurten.jaar}", svg, bijschrift)


def buurt_sectie(buurten: BuurtOverzicht) -> Sectie:
    inhoud: list = []
    if buurten.nw_gemiddelde is None:
        inhoud.append(Alinea(
            "Het grootboek declareert geen aantal bewoners van Nieuw-West (custom \"instelling\" "
            "\"nieuw_west_bewoners\"). Het gemiddelde per bewoner van Nieuw-West en de index ontbreken daarom; "
            "er is geen getal verzonnen.", "let-op"))
    meer = [r.naam for r in buurten.regels if r.vergelijking == "meer"]
    minder = [r.naam for r in buurten.regels if r.vergelijking == "minder"]
    aandeel_zonder = buurten.aandeel_zonder_buurt
    punten = []
    if buurten.nw_gemiddelde is not None:
        punten.append(f"Gemiddelde van Nieuw-West: {_bedrag(buurten.nw_gemiddelde, cents=True)} per bewoner "
                      f"({_bedrag(buurten.met_buurt)} met een buurt over {getal(buurten.nw_bewoners)} bewoners; "
                      "bestedingen zonder buurt tellen niet mee).")
        punten.append(f"Meer dan gemiddeld per bewoner: {_namen(meer)}.")
        punten.append(f"Minder dan gemiddeld per bewoner: {_namen(minder)}.")
    if buurten.rest_gemiddelde is not None:
        punten.append(f"Rest van Nieuw-West (pleinen en andere plekken buiten de focusbuurten): "
                      f"{_bedrag(buurten.elders)}, {_bedrag(buurten.rest_gemiddelde, cents=True)} per bewoner "
                      f"buiten de focusbuurten.")
    elif buurten.elders:
        punten.append(f"Op plekken zonder bewonersaantal (pleinen) geboekt: {_bedrag(buurten.elders)}; niet "
                      "in het gemiddelde van de focusbuurten.")
    punten.append(f"Zonder buurt geboekt: {_bedrag(buurten.zonder_buurt)}"
                  + (f" ({procent(aandeel_zonder, 1)} van alle bestedingen)" if aandeel_zonder is not None else "")
                  + "; dit bedrag is niet over de buurten verdeeld en zit niet in het gemiddelde.")
    inhoud.append(Lijst(tuple(punten)))
    grafiek = buurt_grafiek(buurten)
    if grafiek is not None:
        inhoud.append(grafiek)
    inhoud.extend(buurt_tabellen(buurten))
    return Sectie(f"Ongelijk investeren: focusbuurten {buurten.jaar}", tuple(inhoud), nieuwe_pagina=True,
                  blad="Focusbuurten")


# ----------------------------------------------------------------------------------------
# Domeinen en vliegwiel
# ----------------------------------------------------------------------------------------
def domein_sectie(rapport: Proportionaliteit) -> Sectie:
    from reports.documents.model import staafdiagram

    domeinen = rapport.domeinen
    tabel = Tabel(
        titel="Besteding per domein per jaar",
        kolommen=(Kolom("Domein"), Kolom("Naam"), *(Kolom(str(j), "euro", True) for j in domeinen.jaren),
                  Kolom("Totaal", "euro", True)),
        rijen=tuple((r.code, r.naam, *r.per_jaar, r.totaal) for r in domeinen.regels),
        toelichting="Alle boekingen op actielijnen (programmageld en eigen inzet), naar boekdatum.",
    )
    inhoud: list = []
    if domeinen.regels:
        svg = staafdiagram(
            [r.naam for r in domeinen.regels],
            {str(j): [r.per_jaar[i] for r in domeinen.regels] for i, j in enumerate(domeinen.jaren)},
            eenheid="euro",
        )
        inhoud.append(Grafiek("Besteding per domein, jaar op jaar", svg,
                              "Per domein één staaf per jaar, van boven naar beneden in jaarvolgorde."))
    inhoud.append(tabel)
    return Sectie("Domeinen door de jaren", tuple(inhoud), nieuwe_pagina=True, blad="Domeinen")


def vliegwiel_sectie(rapport: Proportionaliteit) -> Sectie:
    from reports.documents.model import staafdiagram

    trend = rapport.vliegwiel
    kolommen = (
        Kolom("Vliegwiel", "euro", True),
        Kolom("Ander programmageld", "euro", True),
        Kolom("Regulier", "euro", True),
        Kolom("Overig", "euro", True),
        Kolom("Totaal", "euro", True),
        Kolom("Aandeel vliegwiel", "procent"),
        Kolom("Aandeel regulier", "procent"),
    )

    def cijfers(r):  # noqa: ANN001, ANN202
        return (r.vliegwiel, r.programma, r.regulier, r.overig, r.totaal, r.aandeel_vliegwiel, r.aandeel_regulier)

    totalen = Tabel(
        titel="Actielijnen met vliegwielgeld: mix van middelen per jaar",
        kolommen=(Kolom("Jaar"), *kolommen),
        rijen=tuple((str(r.jaar), *cijfers(r)) for r in trend.totalen),
        totaal_label=None,
    )
    per_actielijn = TabelBlok(Tabel(
        titel="Per actielijn met vliegwielgeld, jaar op jaar",
        kolommen=(Kolom("Actielijn"), Kolom("Naam"), Kolom("Jaar"), *kolommen),
        rijen=tuple((r.code, r.naam, str(r.jaar), *cijfers(r)) for r in trend.regels if r.totaal),
        totaal_label="Totaal alle jaren",
        toelichting=(
            "Alle actielijnen die in de getoonde jaren vliegwielgeld kregen (jaren zonder besteding weggelaten). Het "
            "doel van het plan: wat werkt, gaat "
            "van tijdelijk vliegwielgeld naar reguliere financiering, dus het aandeel regulier hoort jaar op jaar te "
            "stijgen."
        ),
    ), groepeer=2, compact=True)
    inhoud: list = []
    if trend.totalen and any(r.totaal for r in trend.totalen):
        jaren = [r for r in trend.totalen if r.vliegwiel]
        inhoud.append(Alinea(
            "Aandeel van regulier geld in de besteding op de actielijnen met vliegwielgeld: "
            + "; ".join(f"{r.jaar} {procent(r.aandeel_regulier, 1)} (vliegwiel {procent(r.aandeel_vliegwiel, 1)})"
                        for r in jaren)
            + "."
        ))
        svg = staafdiagram(
            [str(r.jaar) for r in trend.totalen],
            {
                "Vliegwiel": [r.vliegwiel for r in trend.totalen],
                "Ander programmageld": [r.programma for r in trend.totalen],
                "Regulier": [r.regulier for r in trend.totalen],
                "Overig": [r.overig for r in trend.totalen],
            },
            gestapeld=True,
            eenheid="euro",
            breedte_cm=25.0,
        )
        inhoud.append(Grafiek("Van vliegwiel naar regulier", svg,
                              "Per jaar de besteding op alle actielijnen die vliegwielgeld kregen, naar soort geld."))
    else:
        inhoud.append(Alinea("Er is in deze jaren geen vliegwielgeld besteed."))
    inhoud.extend([totalen, per_actielijn])
    return Sectie("Vliegwiel: van tijdelijk naar regulier", tuple(inhoud), nieuwe_pagina=True, liggend=True,
                  blad="Vliegwiel")


# ----------------------------------------------------------------------------------------
# Document
# ----------------------------------------------------------------------------------------
def toelichting_sectie(rapport: Proportionaliteit) -> Sectie:
    band = _band_tekst(rapport.band)
    definities = (
        "Gerealiseerde inzet van een partner: de eigen middelen (geldstroom EIGEN) die de partner op actielijnen "
        "boekte, zoals de plugin ze vrijgeeft naar Income:Inzet:<partner>. Geld: boekingen zonder uren. Formatie: "
        "boekingen met uren (zie Formatie).",
        "Totaal van de alliantie: de som over alle partners. Aandeel: totaal van de partner / totaal van de alliantie.",
        "Aandeel naar draagkracht: de draagkracht uit de partnerdeclaratie, genormaliseerd over de partners die een "
        "draagkracht declareren. Verhouding: aandeel / aandeel naar draagkracht.",
        f"Status: onder (verhouding lager dan de band), binnen of boven (hoger dan de band). Band: {band} "
        "(custom \"instelling\" \"proportionaliteit_band\"); de grenzen horen bij 'binnen'.",
        "Toezegging: custom \"toezegging\" per partner en jaar. Realisatie: per partner de inzet in de jaren "
        "waarvoor de partner iets toezegde, gedeeld door de som van die toezeggingen; aan beide kanten dezelfde jaren. "
        "Inzet in een jaar zonder toezegging telt mee in het aandeel naar draagkracht, niet in de realisatie.",
        "Formatie: uren × het tarief van de partner dat gold op de boekdatum (custom \"tarief\" vanaf een datum; "
        "het tarief uit de partnerdeclaratie tot de eerste wijziging).",
        "Gemiddelde van Nieuw-West per bewoner: de bestedingen met een buurt gedeeld door het aantal bewoners "
        "van Nieuw-West (custom \"instelling\" \"nieuw_west_bewoners\"). Bestedingen zonder buurt zijn een eigen "
        "regel en tellen niet mee in het gemiddelde. Rest van Nieuw-West: bestedingen op plekken buiten de "
        "focusbuurten (pleinen) gedeeld door de bewoners buiten de focusbuurten. Bewoners per focusbuurt komen "
        "uit de buurtdeclaraties (feiten uit het programma).",
        "Programmageld: geldstromen met herkomst gemeente, Rijk of EU; vliegwielgeld is de geldstroom VLIEGWIEL. "
        "Regulier geld: eigen inzet van partners (EIGEN) en GEM-REGULIER (of een geldstroom met regulier: TRUE). "
        "Overig: fondsen en andere bronnen.",
        "Jaren volgen de boekdatum (kalenderjaar).",
    )
    soorten = Tabel(
        titel="Indeling van de gebruikte geldstromen",
        kolommen=(Kolom("Geldstroom"), Kolom("Naam"), Kolom("Soort geld")),
        rijen=tuple((code, naam, MIDDELSOORT_NAMEN[soort]) for code, naam, soort in rapport.middelsoorten),
        totaal_label=None,
    )
    return Sectie("Toelichting", (Lijst(definities, titel="Definities"), soorten), nieuwe_pagina=True,
                  blad="Toelichting")


def samenvatting_sectie(rapport: Proportionaliteit) -> Sectie:
    jaar = rapport.partners_jaar
    buurten = rapport.buurten
    punten = [
        f"Partners onder hun aandeel naar draagkracht in {rapport.jaar}: "
        f"{_namen([r.code for r in jaar.met_status('onder')])}.",
        f"Partners boven hun aandeel naar draagkracht in {rapport.jaar}: "
        f"{_namen([r.code for r in jaar.met_status('boven')])}.",
        f"Over {rapport.partners_cumulatief.periode} onder: "
        f"{_namen([r.code for r in rapport.partners_cumulatief.met_status('onder')])}; boven: "
        f"{_namen([r.code for r in rapport.partners_cumulatief.met_status('boven')])}.",
    ]
    if buurten.nw_gemiddelde is not None:
        punten.append(
            f"Focusbuurten met meer dan het gemiddelde van Nieuw-West per bewoner "
            f"({_bedrag(buurten.nw_gemiddelde, cents=True)}, bestedingen met een buurt): "
            f"{_namen([r.naam for r in buurten.regels if r.vergelijking == 'meer'])}; minder: "
            f"{_namen([r.naam for r in buurten.regels if r.vergelijking == 'minder'])}.")
    else:
        punten.append("Het gemiddelde per bewoner van Nieuw-West ontbreekt: het grootboek declareert het aantal "
                      "bewoners niet.")
    punten.append(f"Totaal besteed op actielijnen in {rapport.jaar}: {_bedrag(rapport.totaal_besteed)}, "
                  f"waarvan {_bedrag(buurten.zonder_buurt)} zonder buurt"
                  + (f" ({procent(buurten.aandeel_zonder_buurt, 1)})" if buurten.aandeel_zonder_buurt is not None
                     else "") + ".")
    inhoud: list = [Lijst(tuple(punten), titel="In één oogopslag")]
    grafiek = partner_grafiek(jaar, f"Partners: aandeel tegenover draagkracht, {rapport.jaar}")
    if grafiek is not None:
        inhoud.append(grafiek)
    grafiek = buurt_grafiek(buurten)
    if grafiek is not None:
        inhoud.append(grafiek)
    return Sectie("Samenvatting", tuple(inhoud), blad="")


def proportionaliteit_document(rapport: Proportionaliteit, *, documentdatum: datetime.date, kenmerk: str,
                               demo: bool, grootboek: str = "") -> Document:
    """The proportionality report as a document (cover, sections, tables, charts).

    Args:
      rapport: the computed figures.
      documentdatum: the generation date (``reports.render.stamp.documentdatum``).
      kenmerk: the ledger fingerprint.
      demo: made from the demo ledger.
      grootboek: the ledger's file name for the cover.
    Returns:
      The document, for ``render_html``/``render_pdf``/``document_workbook``.
    """
    omslag = [
        ("Verslagjaar", str(rapport.jaar)),
        ("Stand per", datum(rapport.peildatum)),
        ("Proportionaliteitsband", _band_tekst(rapport.band)),
    ]
    if grootboek:
        omslag.append(("Grootboek", grootboek))
    secties = (
        samenvatting_sectie(rapport),
        partner_sectie(rapport.partners_jaar, f"Naar draagkracht: partners {rapport.jaar}", nieuwe_pagina=True,
                       blad=f"Partners {rapport.jaar}"),
        partner_sectie(rapport.partners_cumulatief,
                       f"Naar draagkracht: partners {rapport.partners_cumulatief.periode}", nieuwe_pagina=True,
                       blad=f"Partners t-m {rapport.jaar}"),
        Sectie(f"Programmageld en regulier geld per actielijn {rapport.jaar}", (
            Alinea(ACTIELIJN_UITLEG, "noot"), TabelBlok(actielijn_tabel(rapport), compact=True),
        ), nieuwe_pagina=True, liggend=True, blad="Actielijnen"),
        buurt_sectie(rapport.buurten),
        domein_sectie(rapport),
        vliegwiel_sectie(rapport),
        toelichting_sectie(rapport),
    )
    return Document(
        titel=f"Proportionaliteit en ongelijk investeren {rapport.jaar}",
        ondertitel="Inzet naar draagkracht, programmageld en regulier geld, besteding per bewoner",
        omslag=tuple(omslag),
        secties=secties,
        datum=documentdatum,
        kenmerk=kenmerk,
        demo=demo,
    )

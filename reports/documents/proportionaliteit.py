"""The proportionality report as a document: tables and charts from the computed figures.

``proportionaliteit_document`` turns ``reports.compute.proportionaliteit.Proportionaliteit``
into a :class:`reports.documents.model.Document`; the shared faces make the XLSX
(``document_workbook``), HTML (``render_html``) and PDF (``render_pdf``) from it. Nothing
here computes a figure; it only chooses columns, words and charts.
"""

from __future__ import annotations

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
    import datetime

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


def _band_tekst(band: tuple[Decimal, Decimal] | None) -> str:
    if band is None:
        return "geen band gedeclareerd"
    return f"{procent(band[0])}–{procent(band[1])}"


# ----------------------------------------------------------------------------------------
# Partners
# ----------------------------------------------------------------------------------------
INZET_KOLOMMEN = (
    Kolom("Partner"),
    Kolom("Toezegging", "euro", True),
    Kolom("Toegezegde uren", "uren", True),
    Kolom("Geld", "euro", True),
    Kolom("Uren", "uren", True),
    Kolom("Formatie", "euro", True),
    Kolom("Totaal", "euro", True),
    Kolom("Realisatie t.o.v. toezegging", "procent"),
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


def partner_tabellen(overzicht: PartnerOverzicht) -> list[TabelBlok]:
    """Two tables: what each partner contributed, and its share against its draagkracht.

    The status cells of partners outside the band are flagged.
    """
    inzet = Tabel(
        titel=f"Inzet per partner, {overzicht.periode}",
        kolommen=INZET_KOLOMMEN,
        rijen=tuple(
            (r.code, r.toezegging, r.toezegging_uren, r.geld, r.uren, r.formatie, r.totaal,
             r.realisatie_toezegging)
            for r in overzicht.regels
        ),
        toelichting=(
            "Geld: eigen middelen (EIGEN), boekingen zonder uren. Formatie: boekingen met uren, gewaardeerd tegen "
            "het tarief van de partner. Toezegging: custom \"toezegging\" van de partner voor de periode."
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
    return [TabelBlok(inzet, compact=True), TabelBlok(aandeel, markeringen=frozenset(markeringen), compact=True)]


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
    alle_jaren = tuple(range(overzicht.van_jaar, overzicht.tot_jaar + 1))
    if overzicht.toezegging_jaren != alle_jaren:
        gedekt = ", ".join(str(j) for j in overzicht.toezegging_jaren) or "geen enkel jaar"
        inhoud.append(Alinea(
            f"Toezeggingen zijn er voor {gedekt}; de realisatie t.o.v. de toezegging vergelijkt de inzet over "
            f"{overzicht.periode} met de toezeggingen van die jaren.", "noot"))
    onder = [r.code for r in overzicht.met_status("onder")]
    boven = [r.code for r in overzicht.met_status("boven")]
    binnen = [r.code for r in overzicht.met_status("binnen")]
    inhoud.append(Lijst((
        f"Onder hun aandeel naar draagkracht: {_namen(onder)}.",
        f"Boven hun aandeel naar draagkracht: {_namen(boven)}.",
        f"Binnen de band ({_band_tekst(overzicht.band)}): {_namen(binnen)}.",
        f"Totale inzet van de partners: {_bedrag(overzicht.totaal('geld') + overzicht.totaal('formatie'))} "
        f"(geld {_bedrag(overzicht.totaal('geld'))}, formatie {_bedrag(overzicht.totaal('formatie'))}); "
        f"toegezegd {_bedrag(overzicht.totaal('toezegging'))}.",
    )))
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
            "besteding per bewoner gedeeld door het gemiddelde van heel Nieuw-West."
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
    samenvatting = TabelBlok(Tabel(
        titel=f"Focusbuurten, zonder buurt en heel Nieuw-West, {buurten.jaar}",
        kolommen=(Kolom("Wat"), Kolom("Besteed", "euro"), Kolom("Bewoners", "getal"), Kolom("Per bewoner", "euro")),
        rijen=(
            ("In de focusbuurten", buurten.focus_besteed, Decimal(buurten.focus_bewoners), buurten.focus_gemiddelde),
            *((("Op andere plekken (pleinen; geen bewonersaantal)", buurten.elders, None, None),)
              if buurten.elders else ()),
            ("Zonder buurt (niet aan een buurt toe te wijzen)", buurten.zonder_buurt, None, None),
            ("Heel Nieuw-West (alle bestedingen)", buurten.totaal, nw, buurten.nw_gemiddelde),
        ),
        totaal_label=None,
        toelichting=(
            "Boekingen zonder buurt worden niet over de buurten verdeeld; ze tellen alleen mee in het gemiddelde "
            "van heel Nieuw-West."
        ),
    ), nadruk_rijen=frozenset({3 if buurten.elders else 2}))
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
        verwijzing_label=f"Gemiddelde Nieuw-West ({euro(gemiddelde)})" if gemiddelde is not None else "",
    )
    bijschrift = ("Staaf: besteding per bewoner in de buurt (cluster tussen haakjes, daarachter de index: "
                  "Nieuw-West = 100%).")
    if gemiddelde is not None:
        bijschrift += " Streepje: het gemiddelde per bewoner van heel Nieuw-West; staven voorbij het streepje " \
                      "krijgen meer dan gemiddeld (ongelijk investeren)."
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
        punten.append(f"Gemiddelde van heel Nieuw-West: {_bedrag(buurten.nw_gemiddelde, cents=True)} per bewoner "
                      f"({_bedrag(buurten.totaal)} over {getal(buurten.nw_bewoners)} bewoners).")
        punten.append(f"Meer dan gemiddeld per bewoner: {_namen(meer)}.")
        punten.append(f"Minder dan gemiddeld per bewoner: {_namen(minder)}.")
    if buurten.elders:
        punten.append(f"Op plekken zonder bewonersaantal (pleinen) geboekt: {_bedrag(buurten.elders)}; niet "
                      "in het gemiddelde van de focusbuurten.")
    punten.append(f"Zonder buurt geboekt: {_bedrag(buurten.zonder_buurt)}"
                  + (f" ({procent(aandeel_zonder, 1)} van alle bestedingen)" if aandeel_zonder is not None else "")
                  + "; dit bedrag is niet over de buurten verdeeld.")
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
        "boekingen met uren; het bedrag is uren × tarief van de partner.",
        "Totaal van de alliantie: de som over alle partners. Aandeel: totaal van de partner / totaal van de alliantie.",
        "Aandeel naar draagkracht: de draagkracht uit de partnerdeclaratie, genormaliseerd over de partners die een "
        "draagkracht declareren. Verhouding: aandeel / aandeel naar draagkracht.",
        f"Status: onder (verhouding lager dan de band), binnen of boven (hoger dan de band). Band: {band} "
        "(custom \"instelling\" \"proportionaliteit_band\"); de grenzen horen bij 'binnen'.",
        "Toezegging: custom \"toezegging\" per partner en jaar; cumulatief de som van de jaren tot en met het "
        "verslagjaar.",
        "Gemiddelde van Nieuw-West per bewoner: alle bestedingen (met en zonder buurt) gedeeld door het aantal "
        "bewoners van Nieuw-West (custom \"instelling\" \"nieuw_west_bewoners\"). Bewoners per focusbuurt komen uit "
        "de buurtdeclaraties (feiten uit het programma).",
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
            f"Focusbuurten met meer dan gemiddeld per bewoner ({_bedrag(buurten.nw_gemiddelde, cents=True)}): "
            f"{_namen([r.naam for r in buurten.regels if r.vergelijking == 'meer'])}; minder: "
            f"{_namen([r.naam for r in buurten.regels if r.vergelijking == 'minder'])}.")
    else:
        punten.append("Het gemiddelde per bewoner van Nieuw-West ontbreekt: het grootboek declareert het aantal "
                      "bewoners niet.")
    punten.append(f"Totaal besteed op actielijnen in {rapport.jaar}: {_bedrag(rapport.totaal_besteed)}, "
                  f"waarvan {_bedrag(buurten.zonder_buurt)} zonder buurt.")
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

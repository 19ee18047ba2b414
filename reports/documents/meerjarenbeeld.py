"""The begroting's meerjarenbeeld and its amendments of the current year, as document sections.

Only wording and layout: every figure comes from ``reports.compute.meerjarenbeeld`` and
``reports.compute.begroting``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import euro_rond
from reports.documents.model import Alinea
from reports.documents.model import Kolom
from reports.documents.model import Sectie
from reports.documents.model import Tabel
from reports.documents.model import TabelBlok

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reports.compute.begroting import Begroting
    from reports.compute.begroting import Wijziging
    from reports.compute.meerjarenbeeld import Meerjarenbeeld
    from reports.compute.meerjarenbeeld import MeerjarigeStroom

KARAKTER_TEKST = {
    "incidenteel": "Incidenteel",
    "structureel": "Structureel",
    "eigen": "Eigen middelen partners",
    "niet opgegeven": "Niet opgegeven",
}


def _karakter(s: MeerjarigeStroom) -> str:
    return KARAKTER_TEKST.get(s.karakter, s.karakter)


def _reeks(namen: Sequence[str]) -> str:
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def meerjarenbeeld_tekst(m: Meerjarenbeeld) -> tuple[str, ...]:
    """The running text of the meerjarenbeeld: what later years carry and what runs out."""
    eerste, laatste = m.jaren[0], m.jaren[-1]
    later = [m.totaal(i) for i in range(1, len(m.jaren))]
    zinnen = []
    if not any(later):
        zinnen.append(f"Voor {eerste + 1}–{laatste} is nog niets begroot: de begroting {eerste} is de eerste "
                      "die het alliantiebestuur vaststelt, de jaren erna volgen.")
    else:
        delen = [f"{jaar} {euro_rond(m.totaal(i))}" for i, jaar in enumerate(m.jaren) if i > 0]
        zinnen.append(f"Na {eerste} is begroot: {_reeks(delen)}.")
    aflopend = m.aflopend()
    if aflopend:
        delen = [f"{s.stroom} ({datum(s.einddatum)})" for s in aflopend]
        vrij = m.vrij_aflopend
        zin = (f"Van de toegekende incidentele geldstromen lopen er {len(aflopend)} af vóór eind {laatste}: "
               f"{_reeks(delen)}.")
        if vrij > 0:
            zin += (f" Daarvan is na de begrotingen van deze jaren nog {euro_rond(vrij)} niet begroot; dat geld "
                    "vervalt bij de einddatum als het niet alsnog wordt begroot of de looptijd wordt verlengd.")
        zinnen.append(zin)
    structureel = [s for s in m.stromen if s.karakter == "structureel"]
    if structureel:
        delen = [f"{s.stroom} (toegekend tot {datum(s.einddatum)})" if s.einddatum else s.stroom for s in structureel]
        zinnen.append(f"Structureel geld: {_reeks(delen)}; de jaren na de toekenning hangen af van de "
                      "gemeentebegroting.")
    if m.verplicht_later > 0:
        delen = [f"{s.stroom} {euro_rond(s.verplicht_later)}" for s in m.stromen if s.verplicht_later > 0]
        zinnen.append(f"Open verplichtingen die in {eerste + 1} of later vallen: {euro_rond(m.verplicht_later)} "
                      f"({_reeks(delen)}); die zijn al afgetrokken van wat beschikbaar is.")
    if m.ongedekt > 0:
        delen = [f"{s.stroom} {euro_rond(s.ongedekt_totaal)}" for s in m.stromen if s.ongedekt_totaal > 0]
        zinnen.append(f"Over de vier jaren is {euro_rond(m.ongedekt)} begroot dat niet gedekt is ({_reeks(delen)}).")
    else:
        zinnen.append("Over de vier jaren is alles wat begroot is gedekt.")
    return tuple(zinnen)


def meerjarenbeeld_sectie(m: Meerjarenbeeld) -> Sectie:
    """The section "Meerjarenbeeld": text, per domain, per stream, one-off and recurring apart."""
    eerste, laatste = m.jaren[0], m.jaren[-1]
    jaarkolommen = tuple(Kolom(str(jaar), "euro", True) for jaar in m.jaren)
    domeinen = Tabel(
        f"Begroting per domein {eerste}–{laatste}",
        (Kolom("Domein"), Kolom("Naam"), *jaarkolommen),
        tuple((d.domein, d.naam, *d.begroot) for d in m.domeinen),
    )
    stromen = Tabel(
        f"Begroting per geldstroom {eerste}–{laatste}: dekking, later verplicht en niet begroot",
        (Kolom("Geldstroom"), Kolom("Karakter"), Kolom("Einddatum", "datum"),
         Kolom(f"Beschikbaar vanaf {eerste}", "euro", True), *jaarkolommen,
         Kolom("Ongedekt", "euro", True), Kolom(f"Verplicht na {eerste}", "euro", True),
         Kolom("Niet begroot", "euro", True)),
        tuple((s.stroom, _karakter(s) + ("" if s.status in ("toegekend", "toegezegd") else f", {s.status}"),
               s.einddatum, s.beschikbaar, *s.begroot,
               s.ongedekt_totaal, s.verplicht_later, s.vrij) for s in m.stromen),
        toelichting=(
            f"Beschikbaar vanaf {eerste}: toegezegd − besteed − open verplichtingen − prognose, stand "
            f"{datum(m.peildatum)} (voor eigen middelen: de toezeggingen van partners voor {eerste}–{laatste}). "
            "Elk jaar doet een beroep op wat van het beschikbare over is; wat begroot is na de einddatum, of meer "
            f"dan er over is, is ongedekt. Verplicht na {eerste}: het deel van de open verplichtingen dat na "
            f"{eerste} valt, gelijkmatig verdeeld over de dagen tot hun einddatum (al afgetrokken van het "
            "beschikbare). Niet begroot: wat na de vier jaren over is. Een geldstroom die nog niet is toegekend, "
            "heeft zijn status bij het karakter."),
    )
    karakter = Tabel(
        f"Incidenteel en structureel {eerste}–{laatste}",
        (Kolom("Karakter"), *jaarkolommen),
        tuple((KARAKTER_TEKST.get(k, k), *bedragen) for k, bedragen in m.per_karakter()),
        toelichting="Karakter zoals de geldstroom het opgeeft: incidenteel (eenmalig) of structureel (terugkerend).",
    )
    inhoud = (
        Alinea(" ".join(meerjarenbeeld_tekst(m))),
        TabelBlok(domeinen, compact=True),
        TabelBlok(stromen, compact=True, breedtes=(11, 9, 7, 10, 9, 9, 9, 9, 8, 8, 11)),
        TabelBlok(karakter, compact=True),
    )
    return Sectie(f"Meerjarenbeeld {eerste}–{laatste}", inhoud, anker="meerjarenbeeld", nieuwe_pagina=True,
                  liggend=True, blad="Meerjarenbeeld")


def wijzigingen_huidig_jaar(b: Begroting) -> Sectie | None:
    """The amendments of the current year (the year before the budget year) with their AB decisions."""
    if not b.vorig_wijzigingen:
        return None
    vorig = b.vorig_jaar
    stappen: list[tuple[str, object]] = [(f"Primitieve begroting {vorig}", b.vorig_primitief)]
    for w in b.vorig_wijzigingen:
        stappen.append((_wijziging_label(w), w.totaal))
    overzicht = Tabel(
        f"Van primitieve naar gewijzigde begroting {vorig}",
        (Kolom("Stap"), Kolom("Bedrag", "euro", True)),
        tuple(stappen),
        totaal_label=f"Gewijzigde begroting {vorig}",
    )
    regels = Tabel(
        f"Wijzigingen {vorig} per actielijn en geldstroom",
        (Kolom("Besluit"), Kolom("Datum", "datum"), Kolom("Actielijn"), Kolom("Geldstroom"),
         Kolom("Bedrag", "euro", True)),
        tuple((w.besluit or "ontwerp", w.datum, actielijn, stroom, bedrag)
              for w in b.vorig_wijzigingen for actielijn, stroom, bedrag in w.regels),
    )
    besloten = [w for w in b.vorig_wijzigingen if w.besluit]
    tekst = (f"De begroting {vorig} is in de loop van het jaar {len(b.vorig_wijzigingen)} keer gewijzigd"
             + (f", bij besluit{'en' if len(besloten) != 1 else ''} van het alliantiebestuur "
                + _reeks([f"{w.besluit} van {datum(w.datum)}" for w in besloten]) if besloten else "")
             + f". Per besluit het saldo; daarna elke regel. De begroting {vorig} in dit document is de gewijzigde "
             f"begroting ({euro(b.vorig_totaal)}).")
    return Sectie(f"Begrotingswijzigingen {vorig}", (Alinea(tekst), overzicht, TabelBlok(regels, compact=True)),
                  anker="wijzigingen-huidig", nieuwe_pagina=True, blad=f"Wijzigingen {vorig}")


def _wijziging_label(w: Wijziging) -> str:
    if w.besluit:
        return f"Besluit {w.besluit} ({datum(w.datum)}): {w.omschrijving}"
    return w.omschrijving

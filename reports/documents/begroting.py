"""The begroting as a board document: sections, tables and charts from the computed figures.

``begroting_document`` turns a :class:`reports.compute.begroting.Begroting` into a
:class:`reports.documents.model.Document`; the HTML, PDF and XLSX faces only format it.
No figure is computed here: every amount comes from ``reports.compute``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import euro_rond
from ledger.nl import getal
from ledger.nl import procent
from ledger.model import TOELICHTING_DREMPEL
from ledger.model import afwijking_boven_drempel
from reports.compute.begroting import EIGEN
from reports.documents.model import staafdiagram
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Grafiek
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import Som
from reports.documents.model import TabelBlok
from reports.documents.model import Kolom
from reports.documents.model import Tabel
from reports.documents.meerjarenbeeld import meerjarenbeeld_sectie
from reports.documents.meerjarenbeeld import wijzigingen_huidig_jaar

if TYPE_CHECKING:
    from ledger import model
    from collections.abc import Sequence

    from reports.compute.begroting import Begroting
    from reports.compute.begroting import Dekking
    from reports.compute.begroting import Post
    from reports.compute.begroting import Risico
    from reports.compute.begroting import Totaal

PROGRAMMA = "Nationaal Programma Samen Nieuw-West"

RISICO_SOORTEN = {
    "looptijd": "Looptijd",
    "verdeling": "Verdeling open",
    "overcommittering": "Meer verplicht dan toegekend",
    "ongedekt": "Ongedekt",
    "eigen": "Eigen bijdragen",
    "verlopen": "Verlopen verplichtingen",
}
STATUS_TEKST = {
    "toegekend": "toegekend",
    "gereserveerd": "gereserveerd",
    "verwacht": "verwacht",
    "aangevraagd": "aangevraagd",
    "toegezegd": "toegezegd",
}


def _kort(day: datetime.date) -> str:
    return datum(day, "short")


def status_tekst(b: Begroting) -> str:
    """The status line of the cover: ontwerp, or vastgesteld with decision and date."""
    if b.status == "vastgesteld" and b.besluit is not None:
        tekst = (f"Vastgesteld door het alliantiebestuur, besluit {b.besluit.kenmerk} van "
                 f"{datum(b.besluit.datum)}")
        besluiten = [w for w in b.wijzigingen if w.besluit]
        if besluiten:
            tekst += "; gewijzigd bij " + ", ".join(f"{w.besluit} ({datum(w.datum)})" for w in besluiten)
        return tekst
    if b.status == "geen begroting":
        return "Geen begroting: het grootboek bevat nog geen begrotingsregels voor dit jaar"
    tekst = "Ontwerp — ter vaststelling door het alliantiebestuur"
    if b.besluit is not None and b.regels_zonder_besluit:
        tekst += f" ({b.regels_zonder_besluit} regels nog zonder besluit)"
    return tekst


def _samenvatting(b: Begroting) -> Sectie:
    jaar, vorig = b.jaar, b.vorig_jaar
    gedekt, verwacht, verschil = b.gedekt_toegekend, b.gedekt_verwacht, b.verschil
    richting = "meer" if verschil >= 0 else "minder"
    tekst = (f"De begroting {jaar} bedraagt {euro_rond(b.totaal)}, {euro_rond(abs(verschil))} {richting} dan de "
             f"begroting {vorig} ({euro_rond(b.vorig_totaal)}). Van het begrote bedrag is {euro_rond(gedekt)} gedekt "
             "uit toegekende geldstromen en toezeggingen van partners")
    if verwacht:
        tekst += f", steunt {euro_rond(verwacht)} op geldstromen die nog niet zijn toegekend"
    tekst += f" en is {euro_rond(b.ongedekt)} niet gedekt." if b.ongedekt else "; er is geen ongedekt deel."
    inhoud: list = [Alinea(tekst)]
    onbenut = onbenut_tekst(b)
    if onbenut:
        inhoud.append(Alinea(onbenut, "let-op"))
    inhoud.append(Alinea(begrotingsstand_tekst(b) + " " + autorisatie_tekst(b), "noot"))
    inhoud.append(Alinea(
        f"De realisatie {vorig} tot en met {datum(b.realisatie_tot)} is {euro_rond(b.vorig_realisatie)}. "
        f"Alle bedragen komen uit het grootboek, stand {datum(b.peildatum)}.", "noot"))
    if b.ongedekt:
        inhoud.append(Alinea(f"Let op: {euro_rond(b.ongedekt)} van de begroting is niet gedekt; zie Dekking en "
                             "Risico's.", "let-op"))

    # XLSX: the summary cells are formulas over the domain tables of "Per domein" (model.Som)
    per_domein = "posten-{}"
    domeinen = Tabel(
        f"Begroting {jaar} per domein",
        (Kolom("Domein"), Kolom("Naam"),
         Kolom(f"Begroting {jaar}", "euro", True, som=Som(per_domein, f"Begroting {jaar}")),
         Kolom(f"Begroting {vorig}", "euro", True, som=Som(per_domein, f"Begroting {vorig}")),
         Kolom(f"Mutatie t.o.v. {vorig}", "euro", True, som=Som(per_domein, f"Mutatie t.o.v. {vorig}"))),
        tuple((t.code, t.naam, t.begroot, t.vorig_begroot, t.verschil) for t in b.domeinen),
    )
    inhoud.append(domeinen)
    if b.domeinen:
        inhoud.append(Grafiek(
            f"Begroting per domein, {jaar} tegenover {vorig}",
            staafdiagram([t.naam for t in b.domeinen],
                         {f"Begroting {jaar}": [t.begroot for t in b.domeinen],
                          f"Begroting {vorig}": [t.vorig_begroot for t in b.domeinen]}),
        ))
    alle_posten = "posten-*"
    stromen = Tabel(
        f"Begroting {jaar} per geldstroom",
        (Kolom("Geldstroom"), Kolom("Naam"),
         Kolom(f"Begroting {jaar}", "euro", True, som=Som(alle_posten, f"Begroting {jaar}", "Geldstroom")),
         Kolom(f"Begroting {vorig}", "euro", True, som=Som(alle_posten, f"Begroting {vorig}", "Geldstroom")),
         Kolom(f"Mutatie t.o.v. {vorig}", "euro", True, som=Som(alle_posten, f"Mutatie t.o.v. {vorig}", "Geldstroom"))),
        tuple((t.code, t.naam, t.begroot, t.vorig_begroot, t.verschil) for t in b.stromen),
    )
    inhoud.append(stromen)
    met_budget = [t for t in b.stromen if t.begroot]
    if met_budget:
        inhoud.append(Grafiek(
            f"Begroting {jaar} per geldstroom",
            staafdiagram([t.code for t in met_budget], {f"Begroting {jaar}": [t.begroot for t in met_budget]}),
        ))
    if b.onbenut:
        inhoud.append(TabelBlok(_onbenut_tabel(b), compact=True, breedtes=(17, 11, 18, 18, 18, 18)))
    return Sectie("Samenvatting", tuple(inhoud), anker="samenvatting", nieuwe_pagina=False)


AUTORISATIE_TEKST = {
    "actielijn": "tussen geldstromen binnen dezelfde actielijn",
    "domein": "tussen actielijnen binnen hetzelfde domein",
    "programma": "tussen actielijnen en domeinen van het programma",
}


def begrotingsstand_tekst(b: Begroting) -> str:
    """Which figures are primitive and which amended: 'Begroting 2027: primitieve begroting …'."""
    nu = (f"gewijzigde begroting (primitief {euro_rond(b.primitief)}, {len(b.wijzigingen)} wijziging"
          f"{'en' if len(b.wijzigingen) != 1 else ''})" if b.gewijzigd
          else "primitieve begroting" if b.status != "geen begroting" else "nog geen begroting")
    vorig = (f"gewijzigde begroting (primitief {euro_rond(b.vorig_primitief)}, {b.vorig_aantal_wijzigingen} "
             f"wijziging{'en' if b.vorig_aantal_wijzigingen != 1 else ''})" if b.vorig_gewijzigd
             else "primitieve begroting" if b.vorig_primitief else "geen begroting")
    return f"Begroting {b.jaar}: {nu}. Begroting {b.vorig_jaar} ter vergelijking: {vorig}."


def autorisatie_tekst(b: Begroting) -> str:
    """The autorisatieniveau in words, or that none is declared."""
    if b.autorisatie is None:
        return ("Er is geen autorisatieniveau vastgelegd: elke verschuiving in de begroting vraagt een besluit van "
                "het alliantiebestuur.")
    bedrag, binnen = b.autorisatie
    return (f"De programmadirecteur mag zonder besluit van het alliantiebestuur per keer tot {euro_rond(bedrag)} "
            f"verschuiven {AUTORISATIE_TEKST[binnen]}; het totaal van de begroting verandert daardoor niet. "
            "Andere wijzigingen vragen een besluit van het alliantiebestuur.")


def _stromen_rond(streams: Sequence[Dekking]) -> str:
    """``VHF € 16,5 mln (tot 31 december 2027), GEM-ORG € 423.757 (…) en …`` for running text."""
    delen = [f"{d.stroom} {euro_rond(d.onbenut_voor_einde)} (tot {datum(d.einddatum)})" for d in streams]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def onbenut_tekst(b: Begroting) -> str:
    """The summary's sentence on awarded money that no budget uses before its end date ('' when none)."""
    if not b.onbenut:
        return ""
    return (f"Van de toegekende geldstromen wordt {euro_rond(b.onbenut_voor_einde)} niet begroot vóór het einde van "
            f"hun looptijd: {_stromen_rond(b.onbenut)}. Wordt dit geld niet alsnog begroot of de looptijd niet "
            "verlengd, dan blijft het onbesteed en moet het worden terugbetaald of wordt het niet uitgekeerd. "
            "Geld dat nog niet is toegekend, telt hierin niet mee; zie de tabel hieronder en de besluitpunten.")


def _onbenut_tabel(b: Begroting) -> Tabel:
    jaar = b.jaar
    return Tabel(
        f"Toegekend geld dat vóór de einddatum niet is begroot: beschikbaar − begroot {jaar} − later begroot",
        (Kolom("Geldstroom"), Kolom("Einddatum", "datum"), Kolom(f"Beschikbaar {jaar}", "euro", True),
         Kolom(f"Begroot {jaar}", "euro", True), Kolom(f"Begroot na {jaar} tot einddatum", "euro", True),
         Kolom("Niet begroot vóór einddatum", "euro", True)),
        tuple((d.stroom, d.einddatum, d.beschikbaar, d.begroot, d.begroot_later, d.onbenut_voor_einde)
              for d in b.onbenut),
    )


def _dekking(b: Begroting) -> Sectie:
    jaar = b.jaar
    rijen = []
    markeringen = set()
    vorig = b.vorig_jaar
    for index, d in enumerate(b.dekking):
        status = STATUS_TEKST.get(d.status, d.status) + (", verdeling open" if d.verdeling_open else "")
        rijen.append((d.stroom, status, d.einddatum, d.toegezegd, d.besteed_eerder, d.verplicht, d.prognose_rest,
                      d.beschikbaar, d.begroot, d.resterend))
        if d.ongedekt > 0:
            markeringen.add((index, 9))
        if d.begroot > 0 and not d.toegekend and d.stroom != EIGEN:
            markeringen.add((index, 1))
    toelichting = (
        f"Toegezegd: toegekend of gereserveerd bedrag voor Nieuw-West (0 zolang de verdeling tussen gebieden "
        f"open is); voor EIGEN de toezeggingen van partners voor {jaar}. Besteed vóór {jaar} en open "
        f"verplichtingen: stand {datum(b.peildatum)}. Beschikbaar = toegezegd − besteed − open verplichtingen − "
        f"prognose (0 als de looptijd {jaar} niet raakt). Resterend = beschikbaar − begroot; een negatief bedrag "
        "(onderstreept, ⚠) is niet gedekt. Een onderstreepte status: begroot op geld dat nog niet is toegekend.")
    if b.peildatum < datetime.date(vorig, 12, 31):
        toelichting += (f" Prognose: wat tussen {datum(b.peildatum)} en 31 december {vorig} nog wordt besteed, "
                        f"bij het bestedingstempo van {vorig} tot nu toe, voor zover de open verplichtingen het niet "
                        "al dekken.")
    tabel = Tabel(
        f"Dekking van de begroting {jaar} per geldstroom",
        (Kolom("Geldstroom"), Kolom("Status"), Kolom("Einddatum", "datum"),
         Kolom("Toegezegd", "euro", True), Kolom(f"Besteed vóór {jaar}", "euro", True),
         Kolom("Open verplichtingen", "euro", True), Kolom(f"Prognose rest {vorig}", "euro", True),
         Kolom(f"Beschikbaar {jaar}", "euro", True),
         Kolom(f"Begroot {jaar}", "euro", True, som=Som("posten-*", f"Begroting {jaar}", "Geldstroom")),
         Kolom("Resterend", "euro", True)),
        tuple(rijen),
        toelichting=toelichting,
    )
    blok = TabelBlok(tabel, markeringen=frozenset(markeringen), compact=True,
                     breedtes=(10, 8, 7, 10.5, 10.5, 9.5, 9.5, 11, 11, 12.5))
    return Sectie("Dekking per geldstroom", (blok,), anker="dekking", nieuwe_pagina=True, liggend=True,
                  blad="Dekking")


def _per_domein(b: Begroting, programma: model.Programma) -> Sectie:
    jaar, vorig = b.jaar, b.vorig_jaar
    tot = _kort(b.realisatie_tot)
    inhoud: list = [Alinea(
        f"Per domein elke actielijn met begroting of realisatie, per geldstroom: de begroting {jaar}, de begroting "
        f"{vorig} en de realisatie {vorig} tot en met {datum(b.realisatie_tot)}; het verschil {vorig} = begroting "
        f"{vorig} na wijziging − realisatie (BBV art. 28), de mutatie = begroting {jaar} − begroting {vorig}.")]
    met_post = {p.actielijn for p in b.posten}
    zonder = sorted(code for code in programma.actielijnen if code not in met_post)
    if zonder:
        inhoud.append(Alinea(
            f"Actielijnen zonder begroting in {jaar} en {vorig} en zonder realisatie in {vorig} ({len(zonder)}): "
            + "; ".join(f"{code} {programma.actielijnen[code].naam}" for code in zonder) + ".", "noot"))
    for domein in b.domeinen:
        posten = [p for p in b.posten if p.domein == domein.code]
        tabel = Tabel(
            f"{domein.code} — {domein.naam}",
            (Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"), Kolom(f"Begroting {jaar}", "euro", True),
             Kolom(f"Begroting {vorig}", "euro", True), Kolom(f"Realisatie {vorig} t/m {tot}", "euro", True),
             Kolom(f"Verschil {vorig}", "euro", True), Kolom(f"Mutatie t.o.v. {vorig}", "euro", True)),
            tuple((p.actielijn, p.naam, p.stroom, p.begroot, p.vorig_begroot, p.vorig_realisatie, p.vorig_verschil,
                   p.verschil) for p in posten),
            totaal_label=f"Totaal {domein.code}",
            naam=f"posten-{domein.code}",  # the detail of the summary's model.Som columns
        )
        blok = TabelBlok(tabel, groepeer=2, compact=True, breedtes=(7, 23, 12, 11.6, 11.6, 11.6, 11.6, 11.6))
        inhoud.append(Sectie(f"{domein.code} — {domein.naam}",
                             (blok, *_domein_verschil(domein, b), *_verklaringen(posten, b)),
                             anker=f"domein-{domein.code.lower()}"))
    return Sectie("Begroting per domein", tuple(inhoud), anker="per-domein", nieuwe_pagina=True, liggend=True,
                  blad="Per domein")


def domein_verschil_tekst(domein: Totaal, b: Begroting) -> str:
    """A domain's change against last year in one sentence, per stream (largest first); '' when it is within
    the threshold for a toelichting."""
    drempel = b.posten[0].drempel if b.posten else TOELICHTING_DREMPEL
    if not afwijking_boven_drempel(domein.begroot, domein.vorig_begroot, drempel):
        return ""
    vorig = b.vorig_jaar
    richting = "meer" if domein.verschil > 0 else "minder"
    teken = "+" if domein.verschil > 0 else "−"
    aandeel = f" ({teken}{procent(abs(domein.verschil) / domein.vorig_begroot, 0)})" if domein.vorig_begroot else ""
    delen = [f"{stroom} {'+' if v > 0 else '−'}{euro_rond(abs(v))}" for stroom, v in b.verschil_per_stroom(domein.code)]
    tekst = (f"De begroting {b.jaar} voor {domein.naam} is {euro_rond(domein.begroot)}, {euro_rond(abs(domein.verschil))} "
             f"{richting} dan {vorig}{aandeel}.")
    if delen:
        tekst += " Per geldstroom: " + ", ".join(delen[:5]) + (" en andere" if len(delen) > 5 else "") + \
            "; de toelichting per regel staat hieronder."
    return tekst


def _domein_verschil(domein: Totaal, b: Begroting) -> tuple:
    tekst = domein_verschil_tekst(domein, b)
    return (Alinea(tekst),) if tekst else ()


def _verschil_tekst(p: Post) -> str:
    """``+ € 200.000 (+40%)``, ``nieuw`` or ``vervalt`` for running text."""
    teken = "+" if p.verschil > 0 else "−"
    if p.verschil_aandeel is None:
        return f"nieuw, {euro_rond(p.begroot)}"
    if not p.begroot:
        return f"vervalt (was {euro_rond(p.vorig_begroot)})"
    return f"{teken} {euro_rond(abs(p.verschil))} ({teken}{procent(abs(p.verschil_aandeel))})"


def _verklaringen(posten: Sequence[Post], b: Begroting) -> tuple:
    """The changed lines of a domain with their toelichting from the ledger, and those without one."""
    veranderd = [p for p in posten if p.vraagt_toelichting]
    if not veranderd:
        return ()
    drempel = procent(veranderd[0].drempel)
    met = [f"{p.actielijn} {p.naam} ({p.stroom}): {_verschil_tekst(p)}. {_uitleg(p)}" for p in veranderd
           if _uitleg(p)]
    zonder = [f"{p.actielijn} {p.naam} ({p.stroom}): {_verschil_tekst(p)}" for p in veranderd if not _uitleg(p)]
    out: list = []
    if met:
        out.append(Lijst(tuple(met), titel=f"Toelichting op wijzigingen van meer dan {drempel} tegenover "
                                            f"{b.vorig_jaar}"))
    if zonder:
        out.append(Alinea(f"Nog zonder toelichting in het grootboek (wijziging van meer dan {drempel} tegenover "
                          f"{b.vorig_jaar}): " + "; ".join(zonder) + ".", "noot"))
    return tuple(out)


def _uitleg(p: Post) -> str:
    """The line's toelichting, or the ledger's own reason when the line ends with its stream."""
    if p.toelichting:
        return p.toelichting
    if p.looptijd_voorbij is not None:
        return f"De looptijd van {p.stroom} eindigde op {datum(p.looptijd_voorbij)}."
    return ""


def _partners(b: Begroting) -> Sectie:
    jaar, vorig = b.jaar, b.vorig_jaar
    tot = _kort(b.realisatie_tot)
    tabel = Tabel(
        f"Toezeggingen van partners voor {jaar}",
        (Kolom("Partner"), Kolom("Naam"), Kolom(f"Toezegging {jaar}", "euro", True),
         Kolom(f"Uren {jaar}", "uren", True), Kolom(f"Toezegging {vorig}", "euro", True),
         Kolom(f"Uren {vorig}", "uren", True), Kolom(f"Geleverd {vorig} t/m {tot}", "euro", True),
         Kolom("Uren geleverd", "uren", True)),
        tuple((x.partner, x.naam, x.bedrag, x.uren, x.vorig_bedrag, x.vorig_uren, x.vorig_gerealiseerd,
               x.vorig_gerealiseerd_uren) for x in b.bijdragen),
        toelichting=(
            "Toezegging: wat de partner voor het jaar heeft toegezegd aan geld en formatie, naar draagkracht. "
            "Geleverd: wat "
            f"de partner in {vorig} als eigen middelen of formatie (geldstroom EIGEN) heeft geboekt; uren × "
            "tarief van de partner."),
    )
    eigen = next((d for d in b.dekking if d.stroom == EIGEN), None)
    inhoud: list = []
    if eigen is not None:
        inhoud.append(Alinea(
            f"De begroting {jaar} rekent op {euro_rond(eigen.begroot)} aan eigen middelen en formatie van partners; "
            f"de partners hebben {euro_rond(eigen.toegezegd)} toegezegd."))
    inhoud.append(TabelBlok(tabel, compact=True))
    return Sectie("Bijdragen van partners", tuple(inhoud), anker="partners", nieuwe_pagina=True, liggend=True,
                  blad="Partners")


KANS_TEKST = {"klein": "klein", "middel": "middel", "groot": "groot", "zeker": "zeker"}
BEHEERSMAATREGEL = {
    "ongedekt": "Vóór 1 april dekking voorstellen of de begroting op deze posten verlagen.",
    "overcommittering": "Geen nieuwe verplichtingen op deze geldstroom; lopende opdrachten herzien of extra "
                        "middelen aanvragen.",
    "looptijd": "Maandelijks de besteding volgen; tijdig verlenging vragen of de begroting naar voren halen.",
    "looptijd-eindigt-voor-jaar": "Eindafrekening opstellen en de terugbetaling reserveren; geen uitgaven meer "
                                  "op deze geldstroom.",
    "verdeling": "Posten pas starten na het besluit over de verdeling; zo nodig een besluit vragen.",
    "eigen": "Ontbrekende toezeggingen vóór vaststelling bij de partners vastleggen.",
    "verlopen": "Eindafrekening bij de partner opvragen en de verplichting afsluiten (verplichting-afsluiting), of "
                "de betaling uit andere middelen dekken.",
}


def beheersmaatregel(r: Risico) -> str:
    """The mitigation the programme office proposes for a risk."""
    if r.soort == "looptijd" and r.geval == "eindigt-voor-jaar":
        return BEHEERSMAATREGEL["looptijd-eindigt-voor-jaar"]
    return BEHEERSMAATREGEL[r.soort]


def weerstand_tekst(b: Begroting) -> str:
    """The weerstandsvermogen sentence: weighted risk against what can absorb it."""
    tekst = (f"De risico's samen bedragen {euro_rond(b.risico_totaal)}; gewogen naar kans is dat "
             f"{euro_rond(b.risico_gewogen)}.")
    if b.weerstandscapaciteit is None:
        return tekst + (" Er is geen weerstandscapaciteit vastgelegd; het programma kan tegenvallers dus niet "
                        "zelf opvangen en is daarvoor aangewezen op de financiers of de partners.")
    tekst += f" De vastgelegde weerstandscapaciteit is {euro_rond(b.weerstandscapaciteit)}"
    if b.weerstandsvermogen is not None:
        tekst += f" (weerstandsvermogen {getal(b.weerstandsvermogen, 2)})"
    if b.weerstand_tekort:
        return tekst + f"; {euro_rond(b.weerstand_tekort)} van de gewogen risico's kan het programma niet opvangen."
    return tekst + "; daarmee kunnen de gewogen risico's worden opgevangen."


def _kansen(b: Begroting) -> Tabel | None:
    if not b.kansen:
        return None
    rijen = []
    for k in b.kansen:
        if k.soort == "verdeling":
            gedeeld = " en ".join(k.gedeeld_met) if k.gedeeld_met else "andere gebieden"
            tekst = (f"Gereserveerd voor Nieuw-West samen met {gedeeld}; na het besluit over de verdeling komt het "
                     "deel van Nieuw-West beschikbaar.")
        else:
            tekst = f"Nog niet toegekend ({STATUS_TEKST.get(k.status, k.status)})."
            if k.begroot > 0:
                tekst += f" In {b.jaar} is er {euro_rond(k.begroot)} op begroot; die posten starten pas na toekenning."
        rijen.append((k.stroom, k.naam, k.einddatum, k.bedrag, tekst))
    return Tabel(
        f"Kansen voor {b.jaar}: geld dat nog niet is toegezegd",
        (Kolom("Geldstroom"), Kolom("Naam"), Kolom("Einddatum", "datum"), Kolom("Bedrag", "euro"),
         Kolom("Toelichting")),
        tuple(rijen), totaal_label=None,
    )


def _risicos(b: Begroting) -> Sectie:
    kansen = _kansen(b)
    if not b.risicos:
        inhoud: tuple = (Alinea("De cijfers tonen geen risico's voor dit jaar."),)
        if kansen is not None:
            inhoud += (TabelBlok(kansen, compact=True),)
        return Sectie("Risico's", inhoud, anker="risicos", nieuwe_pagina=False, blad="Risico's")
    tabel = Tabel(
        f"Risico's voor de begroting {b.jaar}",
        (Kolom("Soort"), Kolom("Geldstroom"), Kolom("Bedrag in gevaar", "euro", True), Kolom("Kans"),
         Kolom("Impact"), Kolom("Gewogen", "euro", True), Kolom("Toelichting"), Kolom("Beheersmaatregel")),
        tuple((RISICO_SOORTEN.get(r.soort, r.soort), r.stroom, r.bedrag, KANS_TEKST[r.kans], r.impact, r.gewogen,
               risico_tekst(r, b), beheersmaatregel(r)) for r in b.risicos),
        toelichting=(
            "Bedrag in gevaar: wat het programma verliest als het risico zich voordoet. Kans: zeker als een "
            "geldstroom al is afgelopen; groot bij een ongedekt of te zwaar verplicht bedrag, of een geldstroom die "
            "vóór het begrotingsjaar afloopt; middel bij een geldstroom die in het jaar afloopt of een open "
            "verdeling; klein bij eigen bijdragen zonder toezegging. Gewogen = bedrag × 100%, 75%, 50% of 25%. "
            "Impact: groot vanaf 10% van de totale begroting, middel vanaf 2%, anders klein."),
    )
    inhoud = [
        Alinea("Wat de cijfers in het grootboek laten zien: geldstromen die aflopen, reserveringen die nog niet "
               "tussen de gebieden zijn verdeeld, verplichtingen boven de toekenning en ongedekte posten. "
               "Geld dat nog niet is toegekend, staat bij de kansen."),
        TabelBlok(tabel, compact=True, breedtes=(9, 10, 10, 6, 6, 10, 28, 21)),
        Alinea(weerstand_tekst(b), "let-op" if b.weerstand_tekort else "tekst"),
    ]
    if kansen is not None:
        inhoud.append(TabelBlok(kansen, compact=True, breedtes=(11, 22, 9, 12, 46)))
    return Sectie("Risico's", tuple(inhoud), anker="risicos", nieuwe_pagina=True, liggend=True, blad="Risico's")


def risico_tekst(r: Risico, b: Begroting) -> str:
    """One risk in words for the board (the figures come from ``reports.compute.begroting``)."""
    jaar, label = b.jaar, f"{r.stroom} ({r.naam})"
    if r.soort == "looptijd" and r.einddatum is not None:
        eind = datum(r.einddatum)
        if r.geval == "eindigt-voor-jaar":
            loopt = "liep af" if r.afgelopen else "loopt af"
            delen = []
            if r.begroot > 0:
                delen.append(f"er staat {euro_rond(r.begroot)} op begroot in {jaar}, dat niet meer uit deze geldstroom "
                             "kan worden betaald")
            if r.terug_te_betalen > 0:
                delen.append(f"{euro_rond(r.terug_te_betalen)} ontvangen geld is niet besteed en moet mogelijk worden "
                             "terugbetaald")
            if r.niet_te_ontvangen > 0:
                delen.append(f"{euro_rond(r.niet_te_ontvangen)} van de toekenning wordt niet uitgekeerd")
            return f"{label} {loopt} op {eind}; " + "; ".join(delen) + "."
        niet_ontvangen = (f"; {euro_rond(r.niet_te_ontvangen)} van de toekenning wordt niet uitgekeerd"
                          if r.niet_te_ontvangen > 0 else "")
        tekst = f"{label} loopt af op {eind}"
        if r.begroot > 0:
            tekst += f"; de {euro_rond(r.begroot)} die in {jaar} is begroot, moet vóór die datum besteed zijn"
        if r.prognose is not None and r.prognose > 0:
            tekst += f"; bij het huidige bestedingstempo blijft {euro_rond(r.prognose)} van de toekenning over"
            if r.terug_te_betalen > 0:
                tekst += f", waarvan {euro_rond(r.terug_te_betalen)} al ontvangen is en mogelijk moet worden terugbetaald"
            tekst += niet_ontvangen
        return tekst + "."
    if r.soort == "verdeling":
        gedeeld = " en ".join(r.gedeeld_met) if r.gedeeld_met else "andere gebieden"
        tekst = (f"{label}: {euro_rond(r.gereserveerd)} is gereserveerd voor Nieuw-West samen met {gedeeld}; de "
                 "verdeling tussen de gebieden is nog niet besloten, dus er is nog niets beschikbaar")
        if r.begroot > 0:
            tekst += f". In {jaar} is er {euro_rond(r.begroot)} op begroot"
        return tekst + "."
    if r.soort == "overcommittering":
        return (f"{label}: er is meer besteed en verplicht ({euro_rond(r.nodig)}) dan toegekend "
                f"({euro_rond(r.toegekend)}).")
    if r.soort == "ongedekt":
        return f"{label}: begroot {euro_rond(r.begroot)}, beschikbaar {euro_rond(r.beschikbaar)}; {euro_rond(r.bedrag)} is niet gedekt."
    if r.soort == "eigen":
        return (f"Eigen middelen van partners: begroot {euro_rond(r.begroot)}, toegezegd {euro_rond(r.toegezegd)}; voor "
                f"{euro_rond(r.bedrag)} is nog geen toezegging.")
    if r.soort == "verlopen":
        einde = f" (einde {datum(r.einddatum)})" if r.einddatum is not None else ""
        wat = "verplichting staat" if r.aantal == 1 else "verplichtingen staan"
        return (f"{label}{einde}: {r.aantal} {wat} nog open na het einde van hun looptijd, samen "
                f"{euro_rond(r.bedrag)}; vraagt de partner dit nog, dan kan het niet meer uit deze geldstroom worden "
                "betaald.")
    raise ValueError(f"onbekend risico: {r.soort}")


def besluitpunten(b: Begroting) -> tuple[str, ...]:
    """The decision points the figures call for, numbered in the document."""
    jaar = b.jaar
    punten = [f"De begroting {jaar} van Samen Nieuw-West vast te stellen op {euro(b.totaal)}, verdeeld over de "
              "domeinen en actielijnen zoals in dit document opgenomen."]
    gedekt = [d for d in b.dekking if d.begroot > 0]
    delen = [f"{d.stroom} {euro(d.gedekt)}" for d in gedekt if (d.toegekend or d.stroom == EIGEN) and d.gedekt > 0]
    if delen:
        punten.append("Vast te stellen dat de begroting is gedekt uit toegekende middelen en toezeggingen van "
                      f"partners: {'; '.join(delen)}.")
    ongedekt = [d for d in gedekt if d.ongedekt > 0]
    if ongedekt:
        delen = "; ".join(f"{d.stroom} {euro(d.ongedekt)}" for d in ongedekt)
        punten.append(f"Kennis te nemen van het ongedekte deel van {euro(b.ongedekt)} ({delen}) en het "
                      f"programmabureau op te dragen vóór 1 april {jaar} dekking voor te stellen of de begroting "
                      "op deze posten te verlagen.")
    m = b.meerjaren
    later = [s for s in m.stromen if s.ongedekt_later] if m is not None else []
    if later:
        delen = "; ".join(f"{s.stroom} {euro(s.ongedekt_later)}" for s in later)
        punten.append(f"Kennis te nemen van wat in {jaar + 1}–{m.jaren[-1]} is begroot zonder dekking ({delen}; zie "
                      f"Meerjarenbeeld), en het programmabureau op te dragen dit bij de begroting {jaar + 1} te "
                      "dekken of de meerjarige begroting te verlagen.")
    if b.onbenut:
        delen = "; ".join(f"{d.stroom} {euro_rond(d.onbenut_voor_einde)}" for d in b.onbenut)
        punten.append(
            f"Kennis te nemen van {euro_rond(b.onbenut_voor_einde)} toegekend geld dat vóór het einde van de looptijd "
            f"niet is begroot ({delen}), en het programmabureau op te dragen vóór 1 april {jaar} per geldstroom "
            "voor te stellen dit geld alsnog te begroten, de financier om verlenging van de looptijd te vragen, "
            "of terugbetaling van het onbestede deel te aanvaarden.")
    verwacht = [d for d in gedekt if not d.toegekend and d.stroom != EIGEN and d.beschikbaar > 0]
    if verwacht:
        delen = "; ".join(f"{d.stroom} {euro(d.begroot)}" for d in verwacht)
        punten.append(f"Te bepalen dat de posten die steunen op nog niet toegekende geldstromen ({delen}) pas "
                      "worden uitgevoerd nadat de middelen zijn toegekend.")
    aflopend = sorted({r.stroom for r in b.risicos if r.soort == "looptijd"})
    if b.risicos:
        tekst = f"Kennis te nemen van de risico's die uit de cijfers blijken ({len(b.risicos)}, zie Risico's)"
        if aflopend:
            tekst += f", in het bijzonder de geldstromen die vóór of in {jaar} aflopen ({', '.join(aflopend)})"
        punten.append(tekst + ".")
    if b.autorisatie is not None:
        punten.append("Het autorisatieniveau voor " + str(jaar) + " vast te stellen: " + autorisatie_tekst(b)[0].lower()
                      + autorisatie_tekst(b)[1:])
    if b.bijdragen:
        uren = b.toezeggingen_uren
        uren_tekst = f" en {getal(uren)} uur formatie" if uren else ""
        punten.append(f"De toezeggingen van de partners voor {jaar} te bevestigen: {euro(b.toezeggingen_bedrag)}"
                      f"{uren_tekst}.")
    if b.wijzigingen:
        punten.append(f"Kennis te nemen van de begrotingswijzigingen {jaar} tot nu toe (primitieve begroting "
                      f"{euro(b.primitief)}, huidige begroting {euro(b.totaal)}).")
    return tuple(punten)


def _besluitpunten(b: Begroting) -> Sectie:
    if b.status == "vastgesteld" and b.besluit is not None:
        intro = (f"Het alliantiebestuur heeft de begroting {b.jaar} vastgesteld bij besluit {b.besluit.kenmerk} "
                 f"van {datum(b.besluit.datum)}. De besluitpunten zoals uit de cijfers opgesteld:")
    else:
        intro = "Het alliantiebestuur wordt gevraagd:"
    return Sectie("Besluitpunten", (Alinea(intro), Lijst(besluitpunten(b), genummerd=True)), anker="besluitpunten",
                  nieuwe_pagina=True, blad="Besluitpunten")


def _wijzigingen(b: Begroting) -> Sectie | None:
    if not b.wijzigingen:
        return None
    jaar = b.jaar
    primitief_besluit = (f"besluit {b.besluit.kenmerk}, {datum(b.besluit.datum)}" if b.besluit
                         else "nog niet vastgesteld")
    stappen = [(f"Primitieve begroting ({primitief_besluit})", b.primitief)]
    for w in b.wijzigingen:
        label = f"Wijziging {w.besluit} ({datum(w.datum)}): {w.omschrijving}" if w.besluit else w.omschrijving
        stappen.append((label, w.totaal))
    overzicht = Tabel(
        f"Van primitieve naar huidige begroting {jaar}",
        (Kolom("Stap"), Kolom("Bedrag", "euro", True)),
        tuple(stappen),
        totaal_label=f"Huidige begroting {jaar}",
    )
    kolommen = [Kolom("Actielijn"), Kolom("Geldstroom"), Kolom("Primitief", "euro", True)]
    sleutels = []
    for w in b.wijzigingen:
        kolommen.append(Kolom(w.besluit or "Ontwerp", "euro", True))
        sleutels.append({(a, s): bedrag for a, s, bedrag in w.regels})
    kolommen.append(Kolom("Huidig", "euro", True))
    rijen = []
    for p in b.posten:
        if not (p.primitief or p.begroot or p.wijzigingen):
            continue
        per = [sleutel.get((p.actielijn, p.stroom)) for sleutel in sleutels]
        rijen.append((p.actielijn, p.stroom, p.primitief, *per, p.begroot))
    detail = Tabel(f"Begroting {jaar} per actielijn en geldstroom: primitief, wijzigingen, huidig", tuple(kolommen),
                   tuple(rijen))
    gewijzigd = frozenset(i for i, r in enumerate(rijen) if any(v for v in r[3:-1]))
    return Sectie("Begrotingswijzigingen", (
        Alinea(f"De begroting {jaar} is na vaststelling gewijzigd. Per besluit het saldo van de wijziging; daarna per "
               "actielijn en geldstroom (gewijzigde regels vet)."),
        overzicht,
        TabelBlok(detail, nadruk_rijen=gewijzigd, compact=True),
    ), anker="wijzigingen", nieuwe_pagina=True, blad="Wijzigingen")


def begroting_document(b: Begroting, programma: model.Programma, *, documentdatum: datetime.date,
                       kenmerk: str, demo: bool) -> Document:
    """The board document for a computed begroting.

    Args:
      b: the computed begroting (``reports.compute.begroting.begroting``).
      programma: the parsed declarations (for actielijnen without budget).
      documentdatum: the generation date.
      kenmerk: the ledger fingerprint.
      demo: made from the demo ledger.
    Returns:
      The document; render it with ``reports.render.html`` / ``pdf`` / ``document``.
    """
    secties = [_samenvatting(b), _dekking(b)]
    if b.meerjaren is not None:
        secties.append(meerjarenbeeld_sectie(b.meerjaren))
    secties += [_per_domein(b, programma), _partners(b), _risicos(b)]
    for wijzigingen in (_wijzigingen(b), wijzigingen_huidig_jaar(b)):
        if wijzigingen is not None:
            secties.append(wijzigingen)
    secties.append(_besluitpunten(b))
    uren = b.toezeggingen_uren
    omslag = (
        ("Programma", PROGRAMMA),
        ("Begrotingsjaar", str(b.jaar)),
        ("Status", status_tekst(b)),
        ("Totaal begroot", euro(b.totaal)),
        ("Toezeggingen partners", euro(b.toezeggingen_bedrag)
         + (f" en {getal(uren)} uur" if uren else "")),
        ("Cijfers", f"stand grootboek per {datum(b.peildatum)}"),
    )
    return Document(
        titel=f"Begroting {b.jaar}",
        ondertitel="Programmabegroting voor het alliantiebestuur",
        omslag=omslag,
        secties=tuple(secties),
        datum=documentdatum,
        kenmerk=kenmerk,
        demo=demo,
        organisatie="Samen Nieuw-West",
    )

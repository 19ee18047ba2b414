"""The year's accountability (``snw verantwoording JAAR``) as a board document.

``verantwoording_document`` turns a :class:`reports.compute.verantwoording.Verantwoording`
into a :class:`reports.documents.model.Document`; no figure is computed here. The SiSa
tables are the SiSa document's own builders (``reports.documents.sisa``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from ledger.nl import euro_rond
from ledger.nl import procent
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Kolom
from reports.documents.model import Lijst
from reports.documents.model import Sectie
from reports.documents.model import Som
from reports.documents.model import Tabel
from reports.documents.model import TabelBlok
from reports.documents.sisa import overzicht_tabel
from reports.documents.sisa import passiva_tabellen
from reports.documents.sisa import terugbetalingen_tabel

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from reports.compute.verantwoording import Groepstotaal
    from reports.compute.verantwoording import Verantwoording
    from reports.compute.verantwoording import Verantwoordingspost

PROGRAMMA = "Nationaal Programma Samen Nieuw-West"
BREEDTES_POST = (6.5, 16, 9.5, 9.5, 7.5, 9.5, 10, 9.5, 10, 12)


def _reeks(delen: Sequence[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


BEDRAGEN = ("Primitief", "Wijzigingen", "Begroot {jaar}", "Gerealiseerd", "Verschil", "Open verplichtingen",
            "Vrij na verplichtingen")
"""The amounts of every table: BBV art. 28's verschil (begroot na wijziging − gerealiseerd), the open
commitments beside it, and what is free after them."""


def _kolommen(eerste: Sequence[Kolom], jaar: int, bron: str = "", sleutel: str = "") -> tuple[Kolom, ...]:
    """The key columns and the seven amounts; with ``bron`` each amount is the sum of the detail tables'
    (a formula over the per-domain sheet in the XLSX, ``reports.documents.model.Som``)."""
    koppen = [kop.format(jaar=jaar) for kop in BEDRAGEN]
    return (*eerste, *(Kolom(kop, "euro", True, som=Som(bron, kop, sleutel) if bron else None) for kop in koppen))


def _groep_tabel(titel: str, kop: str, groepen: Sequence[Groepstotaal], jaar: int, bron: str,
                 sleutel: str = "") -> Tabel:
    return Tabel(titel, _kolommen((Kolom(kop), Kolom("Naam")), jaar, bron, sleutel),
                 tuple((g.code, g.naam, g.primitief, g.wijzigingen, g.begroot, g.gerealiseerd, g.verschil,
                        g.open_verplicht, g.vrij_na_verplichtingen) for g in groepen))


def status_tekst(v: Verantwoording) -> str:
    if v.status == "vastgesteld" and v.besluit is not None:
        return f"begroting {v.jaar} vastgesteld bij besluit {v.besluit.kenmerk} van {datum(v.besluit.datum)}"
    if v.status == "ontwerp":
        return f"begroting {v.jaar} niet (volledig) vastgesteld"
    return f"geen begroting {v.jaar}"


def samenvatting_tekst(v: Verantwoording, aantal_bevindingen: int) -> tuple[str, ...]:
    """The summary's sentences, amounts rounded."""
    jaar = v.jaar
    zinnen = []
    if v.wijzigingen:
        zinnen.append(f"De begroting {jaar} was bij vaststelling {euro_rond(v.primitief)}; na "
                      f"{len(v.wijzigingen)} wijziging{'en' if len(v.wijzigingen) != 1 else ''} is zij "
                      f"{euro_rond(v.begroot)}.")
    else:
        zinnen.append(f"De begroting {jaar} is {euro_rond(v.begroot)}; zij is in het jaar niet gewijzigd.")
    aandeel = f" ({procent(v.aandeel_gerealiseerd, 0)} van de begroting)" if v.aandeel_gerealiseerd is not None else ""
    richting = "minder" if v.verschil >= 0 else "meer"
    zinnen.append(f"Tot en met {datum(v.peildatum)} is {euro_rond(v.gerealiseerd)} besteed{aandeel}: "
                  f"{euro_rond(abs(v.verschil))} {richting} dan begroot. Aan het eind staat nog "
                  f"{euro_rond(v.open_verplicht)} open aan verplichtingen van {jaar}; na die verplichtingen is "
                  f"{euro_rond(v.vrij_na_verplichtingen)} vrij.")
    if v.eigen_gerealiseerd:
        zinnen.append(f"Daarnaast brachten partners {euro_rond(v.eigen_gerealiseerd)} aan eigen middelen en formatie in; "
                      "die hebben geen begroting en staan apart onder Bijdragen van partners.")
    if v.overschreden:
        delen = [f"{p.actielijn} ({p.stroom}) {euro_rond(p.overschrijding)}" for p in v.overschreden]
        zinnen.append(f"{len(v.overschreden)} begrotingspost{'en zijn' if len(v.overschreden) != 1 else ' is'} "
                      f"overschreden, samen {euro_rond(v.overschrijding)}: {_reeks(delen)}.")
    else:
        zinnen.append("Geen begrotingspost is overschreden.")
    afwijkend = len(v.toegelicht) + len(v.zonder_toelichting)
    drempel = procent(v.drempel, 0)
    if afwijkend:
        zin = (f"{afwijkend} post{'en wijken' if afwijkend != 1 else ' wijkt'} meer dan {drempel} af van de "
               f"begroting; {len(v.toegelicht)} met toelichting")
        if v.zonder_toelichting:
            zin += f", {len(v.zonder_toelichting)} nog zonder (zie Toelichting op afwijkingen)"
        zinnen.append(zin + ".")
    else:
        zinnen.append(f"Geen post wijkt meer dan {drempel} af van de begroting.")
    if v.sisa is not None:
        zin = (f"De staat van overlopende passiva (voorschotten van overheden, BBV art. 49b) sluit per 31 december "
               f"{jaar} op {euro_rond(v.sisa.passiva_49b_totaal('eind'))} aan ontvangen en nog niet besteed geld")
        derden = v.sisa.passiva_totaal("eind") - v.sisa.passiva_49b_totaal("eind")
        if derden:
            zin += f"; van fondsen en andere derden is {euro_rond(derden)} vooruitontvangen"
        if v.sisa.terugbetalingen_totaal("eind"):
            zin += (f"; op afgelopen uitkeringen is {euro_rond(v.sisa.terugbetalingen_totaal('eind'))} terug te "
                    "betalen")
        zinnen.append(zin + ".")
    if aantal_bevindingen:
        zinnen.append(f"Het grootboek heeft {aantal_bevindingen} open "
                      f"{'bevinding' if aantal_bevindingen == 1 else 'bevindingen'}; zie Open bevindingen.")
    else:
        zinnen.append("Het grootboek heeft geen open bevindingen.")
    return tuple(zinnen)


def _samenvatting(v: Verantwoording, aantal_bevindingen: int) -> Sectie:
    return Sectie("Samenvatting", (
        Alinea(" ".join(samenvatting_tekst(v, aantal_bevindingen))),
        TabelBlok(_groep_tabel(f"Verantwoording {v.jaar} per domein", "Domein", v.domeinen, v.jaar, "posten-{}"),
                  compact=True,
                  breedtes=(7, 20, 10, 9, 10, 10, 9, 10, 15)),
        Alinea(f"Primitief: de begroting {v.jaar} zoals vastgesteld; wijzigingen: de begrotingswijzigingen van "
               f"{v.jaar}; begroot: de begroting na wijziging; gerealiseerd: de bestedingen van 1 januari tot en met "
               f"{datum(v.peildatum)} uit begrote geldstromen (de eigen middelen van partners staan apart); verschil = "
               f"begroot − gerealiseerd (BBV art. 28), negatief is meer besteed dan begroot; open verplichtingen: wat "
               f"op verplichtingen van {v.jaar} nog niet is betaald; vrij na verplichtingen = verschil − open "
               "verplichtingen, negatief is een overschrijding.", "noot"),
    ), anker="samenvatting", nieuwe_pagina=False, liggend=True)


def _per_domein(v: Verantwoording) -> Sectie:
    inhoud: list = [Alinea(f"Per domein elke actielijn en geldstroom met een begroting, bestedingen of open "
                           f"verplichtingen in {v.jaar}.")]
    for domein in v.domeinen:
        posten = [p for p in v.posten if p.domein == domein.code]
        tabel = Tabel(
            f"{domein.code} — {domein.naam}",
            _kolommen((Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom")), v.jaar),
            tuple((p.actielijn, p.naam, p.stroom, p.primitief, p.wijzigingen, p.begroot, p.gerealiseerd,
                   p.verschil, p.open_verplicht, p.vrij_na_verplichtingen) for p in posten),
            totaal_label=f"Totaal {domein.code}",
            naam=f"posten-{domein.code}",
        )
        markeringen = frozenset((i, 9) for i, p in enumerate(posten) if p.overschrijding > 0)
        inhoud.append(TabelBlok(tabel, groepeer=2, compact=True, breedtes=BREEDTES_POST, markeringen=markeringen))
    return Sectie("Verantwoording per domein", tuple(inhoud), anker="per-domein", nieuwe_pagina=True, liggend=True,
                  blad="Per domein")


def _per_stroom(v: Verantwoording) -> Sectie:
    tabel = _groep_tabel(f"Verantwoording {v.jaar} per geldstroom", "Geldstroom", v.stromen, v.jaar, "posten-*",
                         "Geldstroom")
    return Sectie("Verantwoording per geldstroom", (TabelBlok(tabel, compact=True,
                                                              breedtes=(9, 17, 11, 9, 11, 11, 10, 10, 12)),),
                  anker="per-stroom", liggend=True, blad="Per geldstroom")


def _wijzigingen(v: Verantwoording) -> Sectie | None:
    if not v.wijzigingen:
        return None
    overzicht = Tabel(
        f"Begrotingswijzigingen {v.jaar} per besluit",
        (Kolom("Besluit"), Kolom("Datum", "datum"), Kolom("Omschrijving"), Kolom("Saldo", "euro", True)),
        tuple((w.besluit or "geen besluit", w.datum, w.omschrijving, w.totaal) for w in v.wijzigingen),
    )
    regels = Tabel(
        f"Begrotingswijzigingen {v.jaar} per actielijn en geldstroom",
        (Kolom("Besluit"), Kolom("Actielijn"), Kolom("Geldstroom"), Kolom("Bedrag", "euro", True)),
        tuple((w.besluit or "geen besluit", a, s, bedrag) for w in v.wijzigingen for a, s, bedrag in w.regels),
    )
    zonder = [w for w in v.wijzigingen if not w.besluit]
    tekst = (f"Van primitieve begroting ({euro(v.primitief)}) naar huidige begroting ({euro(v.begroot)}): "
             f"{len(v.wijzigingen)} wijziging{'en' if len(v.wijzigingen) != 1 else ''}.")
    if zonder:
        tekst += " Een wijziging zonder AB-besluit is nog niet bekrachtigd."
    return Sectie(f"Begrotingswijzigingen {v.jaar}", (Alinea(tekst), overzicht, TabelBlok(regels, compact=True)),
                  anker="wijzigingen", liggend=True, blad="Wijzigingen")


def _post_rij(p: Verantwoordingspost) -> tuple:
    return (p.actielijn, p.naam, p.stroom, p.begroot, p.gerealiseerd, p.verschil)


def _toelichting(v: Verantwoording) -> Sectie | None:
    """The explained and the unexplained variances (None when no line varies beyond the threshold:
    the summary says so)."""
    if not v.toegelicht and not v.zonder_toelichting:
        return None
    drempel = procent(v.drempel, 0)
    inhoud: list = [Alinea(
        f"Een post waarvan de realisatie meer dan {drempel} van de begroting afwijkt (of die zonder begroting is "
        "besteed), vraagt een toelichting. De toelichting staat in het grootboek bij de verantwoording van de post, "
        "of anders bij de begroting van de post; hier wordt niets bij verzonnen.")]
    if v.toegelicht:
        inhoud.append(TabelBlok(Tabel(
            "Afwijkingen met toelichting",
            (Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"), Kolom("Begroot", "euro"),
             Kolom("Gerealiseerd", "euro"), Kolom("Verschil", "euro"), Kolom("Toelichting")),
            tuple((*_post_rij(p), p.toelichting + (" (uit de begroting)" if p.bron_toelichting == "begroting" else ""))
                  for p in v.toegelicht),
            totaal_label=None,
        ), compact=True, breedtes=(8, 16, 10, 10, 10, 10, 36)))
    if v.zonder_toelichting:
        inhoud.append(TabelBlok(Tabel(
            f"Afwijkingen zonder toelichting ({len(v.zonder_toelichting)})",
            (Kolom("Actielijn"), Kolom("Naam"), Kolom("Geldstroom"), Kolom("Begroot", "euro"),
             Kolom("Gerealiseerd", "euro"), Kolom("Verschil", "euro")),
            tuple(_post_rij(p) for p in v.zonder_toelichting),
            totaal_label=None,
        ), compact=True))
    return Sectie("Toelichting op afwijkingen", tuple(inhoud), anker="toelichting", liggend=True,
                  blad="Toelichting")


def _partners(v: Verantwoording) -> Sectie | None:
    """The partners' own means: pledged against delivered per partner, and delivered per actielijn.

    They have no budget line, so they are in none of the budget's totals, percentages or overruns.
    """
    if not v.bijdragen and not v.eigen_middelen:
        return None
    tabel = Tabel(
        f"Bijdragen van partners {v.jaar}: toegezegd en gerealiseerd",
        (Kolom("Partner"), Kolom("Naam"), Kolom("Toegezegd", "euro", True), Kolom("Gerealiseerd", "euro", True),
         Kolom("T.o.v. toezegging", "euro", True), Kolom("Uren toegezegd", "uren", True),
         Kolom("Uren gerealiseerd", "uren", True)),
        tuple((b.partner, b.naam, b.toegezegd, b.gerealiseerd, b.verschil, b.uren_toegezegd, b.uren_gerealiseerd)
              for b in v.bijdragen),
        toelichting=(f"Toegezegd: de toezeggingen van de partners voor {v.jaar}. Gerealiseerd: hun eigen middelen en "
                     f"formatie die in {v.jaar} op actielijnen zijn ingezet (uren tegen het tarief van de partner)."),
    )
    toegezegd, gerealiseerd = v.toegezegd_partners, v.gerealiseerd_partners
    tekst = (f"De partners zegden voor {v.jaar} {euro_rond(toegezegd)} toe en brachten {euro_rond(gerealiseerd)} in"
             + (f" ({procent(gerealiseerd / toegezegd, 0)})." if toegezegd else "."))
    achter = [b for b in v.bijdragen if b.toegezegd and b.gerealiseerd < b.toegezegd]
    if achter:
        tekst += f" {len(achter)} van de {len(v.bijdragen)} partners bleven onder hun toezegging."
    inhoud: list = [Alinea(tekst + " Eigen middelen hebben geen begrotingspost: ze tellen niet mee in de "
                                  "begroting, de realisatie of de overschrijdingen hiervoor.")]
    if v.bijdragen:
        inhoud.append(TabelBlok(tabel, compact=True))
    if v.eigen_middelen:
        inhoud.append(TabelBlok(Tabel(
            f"Eigen middelen en formatie {v.jaar} per actielijn",
            (Kolom("Domein"), Kolom("Actielijn"), Kolom("Naam"), Kolom("Gepland in de begroting", "euro", True),
             Kolom("Gerealiseerd", "euro", True), Kolom("Uren", "uren", True)),
            tuple((p.domein, p.actielijn, p.naam, p.gepland, p.gerealiseerd, p.uren) for p in v.eigen_middelen),
            toelichting=(f"Gerealiseerd: geld en formatie van partners op de actielijn van 1 januari tot en met "
                         f"{datum(v.peildatum)}; gepland: wat de begroting {v.jaar} aan eigen middelen voorzag."),
        ), compact=True))
    return Sectie("Bijdragen van partners", tuple(inhoud), anker="partners",
                  nieuwe_pagina=True, liggend=True, blad="Partners")


def _sisa(v: Verantwoording) -> Sectie | None:
    if v.sisa is None:
        return None
    rapport = v.sisa
    inhoud: list = [
        Alinea(f"De specifieke uitkeringen van {v.jaar} zoals ze in de SiSa-bijlage worden verantwoord, en de staat "
               "van overlopende passiva: wat van overheden is ontvangen en nog niet besteed (BBV art. 49b), apart "
               "wat van fondsen en andere derden vooruit is ontvangen, en wat op afgelopen uitkeringen terug te "
               "betalen is. De volledige verantwoording met indicatoren en de staat van overlopende activa staat in "
               f"de SiSa-rapportage {v.jaar}."),
        TabelBlok(overzicht_tabel(rapport), compact=True),
    ]
    inhoud.extend(TabelBlok(t, compact=True) for t in passiva_tabellen(rapport))
    if rapport.terugbetalingen:
        inhoud.append(TabelBlok(terugbetalingen_tabel(rapport), compact=True))
    return Sectie("SiSa en overlopende passiva", tuple(inhoud), anker="sisa", nieuwe_pagina=True, liggend=True,
                  blad="SiSa")


def besluitpunten(v: Verantwoording, aantal_bevindingen: int) -> tuple[str, ...]:
    """The decision points the figures call for."""
    jaar = v.jaar
    punten = [f"De verantwoording {jaar} van Samen Nieuw-West vast te stellen: gerealiseerd {euro(v.gerealiseerd)} "
              f"tegen een begroting van {euro(v.begroot)}, met {euro(v.open_verplicht)} aan open verplichtingen."]
    if v.overschreden:
        delen = "; ".join(f"{p.actielijn} ({p.stroom}) {euro(p.overschrijding)}" for p in v.overschreden)
        punten.append(f"De overschrijdingen van {euro(v.overschrijding)} ({delen}) achteraf te bekrachtigen of het "
                      "programmabureau op te dragen ze binnen het domein te dekken.")
    ongewijzigd = [w for w in v.wijzigingen if not w.besluit]
    if ongewijzigd:
        punten.append(f"De begrotingswijzigingen {jaar} zonder AB-besluit te bekrachtigen.")
    if v.vrij_na_verplichtingen > 0:
        punten.append(f"Kennis te nemen van {euro(v.vrij_na_verplichtingen)} dat na de open verplichtingen vrij is, en "
                      "het programmabureau op te "
                      f"dragen bij de begroting {jaar + 2} voor te stellen wat daarmee gebeurt (opnieuw begroten "
                      "binnen de looptijd van de geldstroom, of terugbetalen).")
    if v.zonder_toelichting:
        punten.append(f"Het programmabureau op te dragen de {len(v.zonder_toelichting)} ontbrekende toelichtingen op "
                      "afwijkingen aan te vullen vóór de jaarrekening.")
    if v.sisa is not None:
        punten.append(f"Kennis te nemen van de verantwoording van de specifieke uitkeringen {jaar} en van de staat van "
                      f"overlopende passiva ({euro(v.sisa.passiva_49b_totaal('eind'))} per 31 december {jaar}).")
    if aantal_bevindingen:
        punten.append(f"Kennis te nemen van de {aantal_bevindingen} open "
                      f"{'bevinding' if aantal_bevindingen == 1 else 'bevindingen'} in het grootboek en te bepalen dat "
                      "de verantwoording pas wordt vastgesteld als die zijn opgelost.")
    return tuple(punten)


def verantwoording_document(v: Verantwoording, *, documentdatum: datetime.date, kenmerk: str, demo: bool,
                            aantal_bevindingen: int = 0) -> Document:
    """The board document for a computed verantwoording.

    Args:
      v: the computed figures (``reports.compute.verantwoording.verantwoording``).
      documentdatum: the generation date.
      kenmerk: the ledger fingerprint.
      demo: made from the demo ledger.
      aantal_bevindingen: the ledger's open findings (``reports.documents.bevindingen.met_bevindingen``
        adds their list).
    Returns:
      The document.
    """
    secties = [_samenvatting(v, aantal_bevindingen), _per_domein(v), _per_stroom(v)]
    for sectie in (_wijzigingen(v), _toelichting(v), _partners(v), _sisa(v)):
        if sectie is not None:
            secties.append(sectie)
    secties.append(Sectie("Besluitpunten", (Alinea("Het alliantiebestuur wordt gevraagd:"),
                                            Lijst(besluitpunten(v, aantal_bevindingen), genummerd=True)),
                          anker="besluitpunten", nieuwe_pagina=True, blad="Besluitpunten"))
    omslag = (
        ("Programma", PROGRAMMA),
        ("Verantwoordingsjaar", str(v.jaar)),
        ("Begroting", status_tekst(v)),
        ("Begroot", euro(v.begroot)),
        ("Gerealiseerd", euro(v.gerealiseerd)),
        ("Cijfers", f"stand grootboek per {datum(v.peildatum)}"),
    )
    return Document(
        titel=f"Verantwoording {v.jaar}",
        ondertitel="Jaarverantwoording aan het alliantiebestuur",
        omslag=omslag, secties=tuple(secties), datum=documentdatum, kenmerk=kenmerk, demo=demo,
        organisatie="Samen Nieuw-West",
    )


"""The SiSa accountability workbook as a document: tables from the computed figures.

``sisa_document`` turns ``reports.compute.sisa.Sisa`` into a
:class:`reports.documents.model.Document`; ``reports.render.workbook.document_workbook``
makes the XLSX (cover sheet with the ledger fingerprint, one sheet per section, totals as
SUM formulas). Nothing here computes a figure.

Totals add like with like: a column is summed only when every row holds the same kind of
amount (the indicator sheet, one row per indicator of different kinds, has no totals; the
available amount, defined per carry-over regime and absent without tranches, neither).
Themes appear by the names the ledger declares (``custom "hoofdthema"``, computed as
``onderdeel_naam``); an undeclared one shows its code and is listed on the sheet Onvolledig.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ledger.nl import datum
from ledger.nl import euro
from reports.compute.sisa import HERKOMST_GROEPEN
from reports.compute.sisa import OVERHEID_GROEPEN
from reports.documents.geldstromen import GRONDSLAG_TEKST
from reports.documents.model import Alinea
from reports.documents.model import Document
from reports.documents.model import Sectie
from reports.documents.model import TabelBlok
from reports.documents.model import Kolom
from reports.documents.model import Som
from reports.documents.model import Tabel
from reports.documents.subsidiejaren import subsidiejaar_tabellen

if TYPE_CHECKING:
    import datetime

    from reports.compute.sisa import Sisa

HERKOMST_TITELS = {
    "EU": "Voorschotten van Europese overheidslichamen (BBV art. 49b)",
    "Rijk": "Voorschotten van het Rijk (BBV art. 49b)",
    "Overige overheden": "Voorschotten van overige Nederlandse overheidslichamen (BBV art. 49b)",
    "Overige derden": "Vooruitontvangen bedragen van overige derden (fondsen en anderen; geen art. 49b)",
}


NIET_GEDECLAREERD = "niet gedeclareerd"


REGELS = "sisa-regels"  # the table per uitkering and hoofdthema, by name


def _janee(value: bool) -> str:
    return "Ja" if value else "Nee"


def _gedeclareerd(value: str | None) -> str:
    """A declared SiSa code, departement or indicator number; never a made-up one."""
    return value or NIET_GEDECLAREERD


def overzicht_tabel(rapport: Sisa) -> Tabel:
    jaar = rapport.jaar
    return Tabel(
        titel=f"Specifieke uitkeringen {jaar}: per uitkering en hoofdthema",
        kolommen=(
            Kolom("SiSa-code"),
            Kolom("Geldstroom"),
            Kolom("Specifieke uitkering"),
            Kolom("Onderdeel"),
            Kolom(f"Beschikbaar {jaar}", "euro"),
            Kolom(f"Besteding {jaar}", "euro", True),
            Kolom(f"Cumulatief t/m {jaar}", "euro", True),
            Kolom(f"Overloop naar {jaar + 1}", "euro", True),
            Kolom("Eindverantwoording"),
            Kolom("Vervalt (niet besteed of overgeheveld)", "euro", True),
        ),
        rijen=tuple(
            (_gedeclareerd(r.sisa_code), r.stroom, r.naam, r.onderdeel_naam, r.beschikbaar_jaar, r.besteding_jaar,
             r.besteding_cumulatief, r.overloop_volgend_jaar, _janee(r.eindverantwoording), r.vervalt)
            for r in rapport.regels
        ),
        naam=REGELS,  # the detail of uitkering_tabel's model.Som columns (XLSX)
        toelichting=(
            f"Beschikbaar {jaar}: tranche van het jaar plus overloop uit {jaar - 1}; bij vrije overloop alle tranches "
            f"t/m {jaar} min wat eerder is besteed (alleen bij tranches). Vervalt: bij overloop per hoofdthema "
            "wat van het jaar niet is besteed en niet mag worden overgeheveld. Wat dat per uitkering betekent "
            "(terugbetalen of niet ontvangen), staat in de tabel per uitkering. Geen totaal van Beschikbaar: het "
            "is per overloopregime anders bepaald en ontbreekt zonder tranches."
        ),
    )


def uitkering_tabel(rapport: Sisa) -> Tabel:
    jaar = rapport.jaar
    return Tabel(
        titel=f"Per uitkering, stand 31 december {jaar}",
        kolommen=(
            Kolom("SiSa-code"),
            Kolom("Geldstroom"),
            Kolom("Specifieke uitkering"),
            Kolom("Toegekend", "euro", True),
            # XLSX: sums of the rows per hoofdthema above (model.Som), by stream
            Kolom(f"Besteding {jaar}", "euro", True, som=Som(REGELS, f"Besteding {jaar}", "Geldstroom", per=1)),
            Kolom(f"Cumulatief t/m {jaar}", "euro", True,
                  som=Som(REGELS, f"Cumulatief t/m {jaar}", "Geldstroom", per=1)),
            Kolom("Nog te besteden", "euro", True),
            Kolom("Einddatum", "datum"),
            Kolom("Eindverantwoording"),
            Kolom(f"Ontvangen t/m {jaar}", "euro", True),
            Kolom("Grondslag einde"),
            Kolom("Subsidiabele bestedingen bij einde", "euro", True),
            Kolom("Vaststelling (eindclaim)", "euro", True),
            Kolom("Terug te betalen bij einde", "euro", True),
            Kolom("Niet te ontvangen bij einde", "euro", True),
            Kolom("Nog te ontvangen na vaststelling", "euro", True),
            Kolom("Prognose niet besteed bij einde", "euro", True),
        ),
        rijen=tuple(
            (_gedeclareerd(u.sisa_code), u.stroom, u.naam, u.toegekend, u.besteding_jaar, u.besteding_cumulatief,
             u.nog_te_besteden, u.einddatum, _janee(u.eindverantwoording), u.ontvangen,
             GRONDSLAG_TEKST[u.vaststelling.grondslag], u.vaststelling.subsidiabel, u.vaststelling.vastgesteld,
             u.terug_te_betalen, u.niet_te_ontvangen, u.vaststelling.nog_te_ontvangen, u.prognose_einde)
            for u in rapport.uitkeringen
        ),
        toelichting=(
            "Toegekend, besteding, ontvangen en prognose komen uit het geldstromenoverzicht (snw geldstromen). "
            "De vaststelling bij het einde: subsidiabele bestedingen (binnen de looptijd); eindclaim = toegekend of "
            "de subsidiabele bestedingen als die lager zijn; terug te betalen = ontvangen − eindclaim (niet "
            "negatief); niet te ontvangen = toegekend − het hoogste van ontvangen en eindclaim; nog te ontvangen na "
            "vaststelling = eindclaim − ontvangen (niet negatief). Grondslag: \"vastgesteld (afgelopen)\" als de "
            f"uitkering op 31 december {jaar} is afgelopen (de werkelijke cijfers); \"prognose einddatum\" als ze "
            "nog loopt: dan is de besteding bij het einde een prognose bij het bestedingstempo van de laatste "
            "twaalf maanden."
        ),
    )


def indicator_tabel(rapport: Sisa) -> Tabel:
    return Tabel(
        titel=f"SiSa-bijlage verantwoordingsinformatie {rapport.jaar}",
        kolommen=(
            Kolom("Departement"),
            Kolom("SiSa-code"),
            Kolom("Specifieke uitkering"),
            Kolom("Indicatornummer"),
            Kolom("Indicator"),
            Kolom("Aard controle"),
            Kolom("Bedrag", "euro"),
            Kolom("Ja/Nee"),
        ),
        rijen=tuple(
            (_gedeclareerd(i.departement), _gedeclareerd(i.sisa_code), i.uitkering, _gedeclareerd(i.nummer),
             i.omschrijving,
             i.aard_controle, i.bedrag, i.janee)
            for i in rapport.indicatoren
        ),
        totaal_label=None,
        toelichting=(
            "SiSa-code, departement en indicatornummers staan als gegevens bij de declaratie van de geldstroom "
            f"(sisa_code, departement, sisa_besteding, …); waar ze ontbreken staat \"{NIET_GEDECLAREERD}\" en noemt "
            "het blad Onvolledig wat er mist. Aard controle R: rechtmatigheid, door de accountant te controleren; "
            "D1/D2: getrouwheid; n.v.t.: geen controle, voor de tussentijdse afstemming. Geen totaal: de regels zijn "
            "verschillende soorten indicatoren. Indiening bij het CBS uiterlijk 15 juli van het jaar erna."
        ),
    )




REGIME_TEKST = {"hoofdthema": "per hoofdthema", "vrij": "vrij", None: "geen"}


def tranchejaar_tabel(rapport: Sisa) -> Tabel:
    """Per grant with tranches, per hoofdthema and grant year up to T: the tranche and its carry-over."""
    jaar = rapport.jaar
    return Tabel(
        titel=f"Tranches per hoofdthema en jaar, t/m {jaar}",
        kolommen=(
            Kolom("Geldstroom"),
            Kolom("Hoofdthema"),
            Kolom("Jaar", "getal"),
            Kolom("Overloopregime"),
            Kolom("Tranche", "euro"),
            Kolom("Overloop uit vorig jaar", "euro"),
            Kolom("Beschikbaar", "euro"),
            Kolom("Besteed", "euro"),
            Kolom("Over (beschikbaar − besteed)", "euro"),
            Kolom("Ruimte voor overloop", "euro"),
            Kolom("Overloop naar volgend jaar", "euro"),
            Kolom("Vervalt", "euro"),
        ),
        rijen=tuple(
            (t.stroom, t.onderdeel_naam or "hele uitkering", t.jaar, REGIME_TEKST.get(t.regime, t.regime),
             t.tranche, t.overloop_in, t.beschikbaar, t.besteed, t.over, t.ruimte, t.overloop_uit, t.vervalt)
            for t in rapport.tranchejaren
        ),
        totaal_label=None,
        toelichting=(
            "Per subsidiejaar: beschikbaar = tranche + overloop uit het vorige jaar; over = beschikbaar − besteed. "
            "Overloop per hoofdthema: de gedeclareerde custom \"overloop\" die de regel toestaat (na afloop van het "
            "jaar, binnen de looptijd, ten hoogste overloop_max van de tranche en niet meer dan er over is); ruimte "
            "voor overloop is dat maximum. Overloop vrij: wat over is, gaat vanzelf mee (niet uit het laatste jaar; "
            "thema's samen). Zonder overloopregime gaat niets mee. Vervalt = over − overloop naar volgend jaar (niet "
            f"negatief). Besteding t/m 31 december {jaar}. Geen totalen: de jaren lopen in elkaar over."
        ),
    )


def onvolledig_tabel(rapport: Sisa) -> Tabel:
    """Per specific grant what its SiSa declaration lacks, one row per missing item."""
    return Tabel(
        titel="Wat ontbreekt per specifieke uitkering",
        kolommen=(Kolom("Geldstroom"), Kolom("Specifieke uitkering"), Kolom("Ontbreekt")),
        rijen=tuple((o.stroom, o.naam, item) for o in rapport.onvolledig for item in o.ontbreekt),
        totaal_label=None,
        toelichting=(
            "Deze uitkeringen kunnen zo niet in de SiSa-bijlage: declareer de SiSa-code, het departement en de "
            "indicatornummers van de regeling bij de geldstroom (docs/ledgertaal.md, Geldstroom). De bedragen staan "
            "wel in de tabellen; er wordt geen code of nummer verzonnen."
        ),
    )


def tranche_tabel(rapport: Sisa) -> Tabel:
    """Per grant with tranches: the award, the sum of its tranches and the difference."""
    return Tabel(
        titel="Tranches en toekenning",
        kolommen=(
            Kolom("Geldstroom"),
            Kolom("Specifieke uitkering"),
            Kolom("Toegekend", "euro", True),
            Kolom("Som van de tranches", "euro", True),
            Kolom("Verschil", "euro", True),
            Kolom("Tellen op"),
        ),
        rijen=tuple((t.stroom, t.naam, t.toegekend, t.tranches, t.verschil, _janee(not t.verschil))
                    for t in rapport.tranches),
        toelichting="De jaartranches van een uitkering (alle jaren, alle thema's) horen samen de toekenning te zijn.",
    )


PASSIVA_KOLOMMEN = (
    Kolom("Geldstroom"),
    Kolom("Naam"),
    Kolom("Saldo 1 januari", "euro", True),
    Kolom("Ontvangen", "euro", True),
    Kolom("Vrijgevallen (aan bestedingen)", "euro", True),
    Kolom("Terugbetaald", "euro", True),
    Kolom("Naar terug te betalen (afgelopen)", "euro", True),
    Kolom("Saldo 31 december", "euro", True),
)

ACTIVA_KOLOMMEN = (
    Kolom("Geldstroom"),
    Kolom("Naam"),
    Kolom("Saldo 1 januari", "euro", True),
    Kolom("Voorgefinancierd (besteed, niet ontvangen)", "euro", True),
    Kolom("Ontvangen ter dekking", "euro", True),
    Kolom("Saldo 31 december", "euro", True),
)

TERUG_KOLOMMEN = (
    Kolom("Geldstroom"),
    Kolom("Naam"),
    Kolom("Herkomst"),
    Kolom("Saldo 1 januari", "euro", True),
    Kolom("Bij (niet besteed bij einde)", "euro", True),
    Kolom("Terugbetaald", "euro", True),
    Kolom("Saldo 31 december", "euro", True),
)


def activa_tabellen(rapport: Sisa) -> list[Tabel]:
    """Pre-financed spending per stream: from government bodies (BBV art. 40a), and from other third parties."""
    tabellen = []
    for overheid in (True, False):
        rows = tuple(r for r in rapport.activa if r.overheid == overheid)
        if not rows:
            continue
        titel = (f"Staat van overlopende activa {rapport.jaar}: nog te ontvangen voorschotbedragen van "
                 "overheidslichamen (BBV art. 40a)") if overheid else (
                 f"Nog te ontvangen van overige derden {rapport.jaar} (geen art. 40a)")
        tabellen.append(Tabel(
            titel=titel,
            kolommen=ACTIVA_KOLOMMEN,
            rijen=tuple((r.stroom, r.naam, r.begin, r.bij, r.af, r.eind) for r in rows),
            toelichting=(
                "Per geldstroom wat meer is besteed dan ontvangen: saldo 1 januari + voorgefinancierd − ontvangen ter "
                "dekking = saldo 31 december. Ontvangen geld dekt eerst eerder voorgefinancierde bestedingen; dat deel "
                "is geen vooruitontvangen bedrag. Bij een afgelopen uitkering: de eindclaim die nog moet worden "
                "ontvangen."
            ) if overheid else (
                "Voorgefinancierde bestedingen op geld van fondsen en andere derden: een vordering, geen "
                "voorschotbedrag van een overheidslichaam."
            ),
        ))
    return tabellen


def terugbetalingen_tabel(rapport: Sisa) -> Tabel:
    """Per ended grant: received money not spent, a debt to the funder until it is repaid."""
    return Tabel(
        titel=f"Terug te betalen op afgelopen uitkeringen {rapport.jaar}",
        kolommen=TERUG_KOLOMMEN,
        rijen=tuple((r.stroom, r.naam, r.herkomst, r.begin, r.bij, r.terugbetaald, r.eind)
                    for r in rapport.terugbetalingen),
        toelichting=(
            "Ontvangen en niet besteed geld van een uitkering waarvan de looptijd is afgelopen: geen vooruitontvangen "
            "bedrag meer maar een schuld aan de verstrekker (ontvangen − eindclaim). Saldo 1 januari + bij − "
            "terugbetaald = saldo 31 december. Een terugbetaling in een later jaar dan de ontvangst lost dit saldo af."
        ),
    )


def passiva_tabellen(rapport: Sisa) -> list[Tabel]:
    """One table per 49b origin group, their summary per origin, then the other third parties apart."""

    def groep_tabel(groep: str) -> Tabel:
        return Tabel(
            titel=f"{groep}: {HERKOMST_TITELS[groep]}",
            kolommen=PASSIVA_KOLOMMEN,
            rijen=tuple((r.stroom, r.naam, r.begin, r.ontvangen, r.vrijgevallen, r.terugbetaald, r.terug_te_betalen,
                         r.eind) for r in rapport.passiva_per_herkomst(groep)),
            totaal_label=f"Totaal {groep}",
            naam=f"passiva-{groep}",  # the detail of the summary per origin (model.Som, XLSX)
        )

    tabellen = [groep_tabel(groep) for groep in OVERHEID_GROEPEN if rapport.passiva_per_herkomst(groep)]
    velden = ("begin", "ontvangen", "vrijgevallen", "terugbetaald", "terug_te_betalen", "eind")
    groepen = [groep for groep in OVERHEID_GROEPEN if rapport.passiva_per_herkomst(groep)]
    if groepen:
        tabellen.append(Tabel(
            titel=f"Staat van overlopende passiva {rapport.jaar} per herkomst (BBV art. 49b)",
            kolommen=(Kolom("Herkomst"), *(dataclasses.replace(k, som=Som("passiva-{}", k.kop))
                                           for k in PASSIVA_KOLOMMEN[2:])),
            rijen=tuple((groep, *(rapport.passiva_totaal(veld, groep) for veld in velden)) for groep in groepen),
            toelichting=(
                "Van Europese en Nederlandse overheidslichamen ontvangen voorschotbedragen voor uitkeringen met een "
                "specifiek bestedingsdoel (BBV art. 49b en 52a): ontvangen en nog niet besteed. Saldo 1 januari + "
                "ontvangen − vrijgevallen − terugbetaald − naar terug te betalen = saldo 31 december, per "
                "geldstroom. Ontvangen: de ontvangsten van het jaar min het deel dat eerder voorgefinancierde "
                "bestedingen dekt (staat van overlopende activa). Vrijgevallen: de bestedingen van het jaar die uit "
                "het voorschot zijn betaald. Naar terug te betalen: ontvangen en niet besteed geld van een uitkering "
                "die is afgelopen. Toegekend geld dat nog niet is ontvangen, staat hier niet; eigen geld van de "
                "gemeente ook niet; geld van fondsen en andere derden staat apart."
            ),
        ))
    tabellen.extend(groep_tabel(groep) for groep in HERKOMST_GROEPEN
                    if groep not in OVERHEID_GROEPEN and rapport.passiva_per_herkomst(groep))
    return tabellen


def toelichting_sectie(rapport: Sisa) -> Sectie:
    jaar = rapport.jaar
    definities = (
        ("Specifieke uitkering", "Een geldstroom met specifieke_uitkering: TRUE die op 31 december "
         f"{jaar} is toegekend, in of voor {jaar} begint en niet voor {jaar} eindigt."),
        (f"Besteding {jaar} / cumulatief", "Boekingen op actielijnen uit de geldstroom in het kalenderjaar (het "
         "verantwoordingsjaar van de gemeente) en tot en met dat jaar; per hoofdthema als de geldstroom tranches "
         "per thema en overloop \"hoofdthema\" heeft. Het thema is dat van de boeking, anders dat van de "
         "actielijn."),
        (f"Overloop naar {jaar + 1}", f"De gedeclareerde custom \"overloop\" uit {jaar} (hoofdthema); bij overloop "
         f"\"vrij\": tranches t/m {jaar} min bestedingen t/m {jaar}."),
        ("Eindverantwoording", "Ja in het kalenderjaar van de einddatum (tot) van de geldstroom."),
        ("SiSa-code en indicatornummers", "Gegevens bij de declaratie van de geldstroom (sisa_code, departement, "
         "sisa_besteding, sisa_overloop, sisa_cumulatief, sisa_eindverantwoording; per hoofdthema thema=nummer). "
         "Wat ontbreekt, staat op het blad Onvolledig; er wordt niets verzonnen."),
        ("Aard controle", "Zoals gedeclareerd (sisa_aard_controle), anders de SiSa-conventie: besteding en "
         "overloop R, cumulatieve besteding en eindverantwoording n.v.t."),
        ("Subsidiejaar", "Voor regelingen waarvan het subsidiejaar niet het kalenderjaar is (boekjaar_start, "
         "bijvoorbeeld Preventie met Gezag juni–mei): de besteding per subsidiejaar naast die per kalenderjaar."),
        ("Tranches en toekenning", "De jaartranches van een uitkering tellen op tot de toekenning; een verschil "
         "wordt gemeld."),
        ("Vervalt", "Bij overloop per hoofdthema: tranche + overloop uit het vorige jaar − besteding in het "
         "subsidiejaar − overloop naar het volgende jaar (niet negatief)."),
        ("Subsidiabele bestedingen bij einde", "De bestedingen binnen de looptijd van de uitkering op de "
         "einddatum: werkelijk als de uitkering is afgelopen, anders een prognose (grondslag)."),
        ("Vaststelling (eindclaim)", "Toegekend of de subsidiabele bestedingen, het laagste van de twee."),
        ("Terug te betalen bij einde", "Ontvangen (min terugbetalingen) − eindclaim, niet negatief. Geld dat is "
         "toegekend maar nooit ontvangen, wordt niet terugbetaald maar niet ontvangen."),
        ("Niet te ontvangen bij einde", "Toegekend − het hoogste van ontvangen en eindclaim, niet negatief."),
        ("Nog te ontvangen na vaststelling", "Eindclaim − ontvangen, niet negatief."),
        ("Staat van overlopende passiva", "Alleen voorschotten van overheidslichamen (EU, Rijk, overige overheden; "
         "BBV art. 49b): per geldstroom wat ontvangen is en nog niet besteed, op 1 januari en 31 december; "
         "ontvangen = ontvangsten in het jaar min het deel dat eerdere voorfinanciering dekt; vrijgevallen = de "
         "bestedingen van het jaar die uit het voorschot zijn betaald (het laagste van de besteding en saldo + "
         "ontvangen − terugbetaald), berekend uit de bestedingen en niet als sluitpost; naar terug te betalen = "
         "wat op een afgelopen uitkering niet is besteed. Geld van fondsen en andere derden staat apart."),
        ("Staat van overlopende activa", "Per geldstroom wat besteed is en nog niet ontvangen (voorgefinancierd), "
         "op 1 januari en 31 december; van overheidslichamen (BBV art. 40a) en van overige derden apart."),
        ("Terug te betalen op afgelopen uitkeringen", "Ontvangen − eindclaim van een uitkering waarvan de looptijd "
         "is afgelopen, tot het is terugbetaald: een schuld, geen vooruitontvangen bedrag."),
    )
    tabel = Tabel(
        titel="Definities",
        kolommen=(Kolom("Begrip"), Kolom("Definitie")),
        rijen=definities,
        totaal_label=None,
    )
    return Sectie("Toelichting", (tabel,), blad="Toelichting")


def sisa_document(rapport: Sisa, *, documentdatum: datetime.date, kenmerk: str, demo: bool,
                  grootboek: str = "") -> Document:
    """The SiSa workbook as a document.

    Args:
      rapport: the computed figures.
      documentdatum: the generation date.
      kenmerk: the ledger fingerprint.
      demo: made from the demo ledger.
      grootboek: the ledger's file name for the cover.
    Returns:
      The document, for ``document_workbook``.
    """
    jaar = rapport.jaar
    omslag = [("Verantwoordingsjaar", str(jaar)), ("Stand per", datum(rapport.peildatum))]
    if grootboek:
        omslag.append(("Grootboek", grootboek))
    verschillen = [r for r in (*rapport.passiva, *rapport.activa) if r.verschil]
    passiva_inhoud: list = []
    if verschillen:
        passiva_inhoud.append(Alinea(
            "Let op: de staat sluit niet voor " + ", ".join(r.stroom for r in verschillen) + ".", "let-op"))
    passiva_inhoud.extend(passiva_tabellen(rapport))
    if rapport.terugbetalingen:
        passiva_inhoud.append(terugbetalingen_tabel(rapport))
    activa_inhoud: list = activa_tabellen(rapport) if rapport.activa else [
        Alinea(f"Geen voorgefinancierde bestedingen op 1 januari of 31 december {jaar}.")]
    sisa_inhoud: list = [TabelBlok(overzicht_tabel(rapport), groepeer=3), uitkering_tabel(rapport)]
    scheef = [t for t in rapport.tranches if t.verschil]
    if scheef:
        sisa_inhoud.append(Alinea(
            "Let op: de tranches tellen niet op tot de toekenning voor "
            + ", ".join(f"{t.stroom} (verschil {euro(t.verschil)})" for t in scheef) + ".", "let-op"))
    if rapport.tranches:
        sisa_inhoud.append(tranche_tabel(rapport))
    onvolledig_inhoud: list = [
        Alinea(f"{len(rapport.onvolledig)} van de {len(rapport.uitkeringen)} specifieke uitkeringen zijn niet "
               "volledig gedeclareerd voor SiSa.", "let-op"),
        TabelBlok(onvolledig_tabel(rapport), groepeer=2),
    ] if rapport.onvolledig else [Alinea("Alle specifieke uitkeringen zijn volledig gedeclareerd voor SiSa.")]
    tranchejaar_secties = (
        (Sectie("Tranches per hoofdthema en jaar", (TabelBlok(tranchejaar_tabel(rapport), groepeer=2),),
                blad="Tranches per thema"),) if rapport.tranchejaren else ())
    subsidiejaar_secties = (
        (Sectie("Besteding per subsidiejaar", tuple(subsidiejaar_tabellen(rapport.subsidiejaren)),
                blad="Subsidiejaren"),) if rapport.subsidiejaren else ())
    secties = (
        Sectie(f"SiSa {jaar}", tuple(sisa_inhoud), blad=f"SiSa {jaar}"),
        *tranchejaar_secties,
        Sectie("Indicatoren", (TabelBlok(indicator_tabel(rapport), groepeer=3),), blad="Indicatoren"),
        Sectie("Onvolledig gedeclareerd", tuple(onvolledig_inhoud), blad="Onvolledig"),
        *subsidiejaar_secties,
        Sectie("Staat van overlopende passiva", tuple(passiva_inhoud), blad="Overlopende passiva"),
        Sectie("Staat van overlopende activa", tuple(activa_inhoud), blad="Overlopende activa"),
        toelichting_sectie(rapport),
    )
    return Document(
        titel=f"SiSa-verantwoording {jaar}",
        ondertitel="Specifieke uitkeringen en staat van overlopende passiva",
        omslag=tuple(omslag),
        secties=secties,
        datum=documentdatum,
        kenmerk=kenmerk,
        demo=demo,
        inhoudsopgave=False,
    )

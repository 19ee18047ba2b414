"""Row processing: check every value of a row against the ledger and make a ``Bijdrage``.

``RijVerwerker.verwerk`` parses each field (``importers.values``), checks it against the
ledger context (``importers.context``) and collects every problem on the row
(``Rij.fouten``) instead of stopping at the first.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from importers.context import VOORSCHOT
from importers.context import Grootboek
from importers.errors import rij_fout
from importers.rows import Bijdrage
from importers.rows import Rij
from importers.rows import kenmerk_hash
from importers.suggestions import lijken_op
from importers.suggestions import lijkt_op
from importers.suggestions import of_lijst
from importers.values import DATUMFORMATEN
from importers.values import EIGEN_MIDDELEN
from importers.values import actielijn_code
from importers.values import decimalen
from importers.values import formaat_beschrijving
from importers.values import formule_begin
from importers.values import is_html
from importers.values import parse_datum
from importers.values import parse_getal
from importers.values import strip_zeros
from importers.values import stroom_code
from importers.values import tekst
from importers.values import toon
from importers.values import veilige_tekst
from ledger import model
from ledger.nl import datum as nl_datum
from ledger.nl import euro
from ledger.nl import getal


MAXIMUM = Decimal(10) ** 9  # no partner contributes a billion euro or hours in one row


def buurt_namen(buurt: model.Buurt) -> list[str]:
    """Other names of a buurt, declared once on its declaration for every importer::

        2023-01-01 custom "buurt" "dichtersbuurt" "Dichtersbuurt"
          namen: "Dichters; Dichtersbuurt Geuzenveld"

    Args:
      buurt: the declared buurt.
    Returns:
      The names in ``namen:`` (separated by ``;``), stripped.
    """
    namen = (buurt.entry.meta or {}).get("namen") if buurt.entry is not None else None
    if not isinstance(namen, str):
        return []
    return [naam.strip() for naam in namen.split(";") if naam.strip()]


class RijVerwerker:
    """Checks rows of one partner's file against the ledger and turns them into ``Bijdrage``.

    Args:
      grootboek: the ledger context.
      partner: the partner the file is from.
      jaar: when the file is for one year (the template), rows must fall in it.
      datumformaten: formats for dates written as text.
      decimaalteken: ``","`` or ``"."`` for numbers written as text.
      bedrag_bij_uren: ``"controleren"`` (amount must equal hours × tariff) or ``"tarief"``
        (value hours at the partner's tariff, ignoring the file's amount).
      identieke_regels: ``"fout"`` (a kenmerk twice is an error) or ``"overslaan"`` (a row
        identical in every cell to an earlier row with the same kenmerk is skipped and
        reported; the same kenmerk with other values stays an error).
    """

    def __init__(self, grootboek: Grootboek, partner: str, *, jaar: int | None = None,
                 datumformaten: Sequence[str] = DATUMFORMATEN, decimaalteken: str = ",",
                 bedrag_bij_uren: str = "controleren", identieke_regels: str = "fout") -> None:
        self.gb = grootboek
        self.partner = partner
        self.jaar = jaar
        self.datumformaten = tuple(datumformaten)
        self.decimaalteken = decimaalteken
        self.bedrag_bij_uren = bedrag_bij_uren
        self.identieke_regels = identieke_regels
        self.stromen = grootboek.stromen(partner)
        self.kenmerken: dict[str, tuple[str, int, tuple[object, ...]]] = {}  # kenmerk -> (bron, rij, cells)
        self.hashes: dict[str, int] = {}
        self.buurten = self._buurt_index()

    def _buurt_index(self) -> dict[str, str]:
        index = {}
        for buurt in self.gb.programma.buurten.values():
            index[buurt.code.lower()] = buurt.code
            index[buurt.naam.lower()] = buurt.code
            for naam in buurt_namen(buurt):
                index.setdefault(naam.lower(), buurt.code)
        return index

    # --- one field at a time ---------------------------------------------------------
    def _datum(self, rij: Rij) -> datetime.date | None:
        value = rij.waarden.get("datum")
        try:
            datum = parse_datum(value, self.datumformaten)
        except ValueError:
            rij.fouten.append(rij.fout("datum", f"'{toon(value)}' is geen datum",
                                       f"schrijf de datum als {formaat_beschrijving(self.datumformaten)}"))
            return None
        if datum is None:
            rij.fouten.append(rij.fout("datum", "datum ontbreekt"))
            return None
        if self.jaar is not None and datum.year != self.jaar:
            rij.fouten.append(rij.fout(
                "datum", f"{nl_datum(datum, 'short')} valt niet in {self.jaar}, het jaar van dit sjabloon",
                f"zet de regel in een sjabloon voor {datum.year}: snw sjabloon --jaar {datum.year}"))
            return None
        return datum

    def _actielijn(self, rij: Rij) -> model.Actielijn | None:
        value = rij.waarden.get("actielijn")
        code = actielijn_code(value)
        if not code:
            rij.fouten.append(rij.fout("actielijn", "actielijn ontbreekt"))
            return None
        actielijn = self.gb.programma.actielijnen.get(code)
        if actielijn is None:
            codes = lijken_op(code, self.gb.programma.actielijnen)
            if len(codes) == 1:
                suggestie = f"{codes[0]} ({self.gb.programma.actielijnen[codes[0]].naam})"
            else:
                suggestie = of_lijst(codes) or None
            rij.fouten.append(rij.fout("actielijn", f"onbekende actielijn '{toon(value)}'", suggestie))
        return actielijn

    def _stroom(self, rij: Rij) -> str | None:
        value = rij.waarden.get("geldstroom")
        code = stroom_code(value)
        toegestaan = ", ".join(self._stroom_labels())
        if not code:
            rij.fouten.append(rij.fout("geldstroom", "geldstroom ontbreekt",
                                       f"kies uit {toegestaan}"))
            return None
        if code in self.stromen:
            return code
        bekend = {model.EIGEN, *self.gb.programma.geldstromen}
        if code in bekend:
            rij.fouten.append(rij_fout(
                rij.pad, rij.nummer, rij.kolom("geldstroom"),
                f"{self.partner} mag niet rapporteren op geldstroom {code}: er is geen "
                f"verplichting of voorschot voor {self.partner} uit {code}",
                suggestie=f"kies uit {toegestaan}",
                blad=rij.blad, grootboek=True))
            return None
        suggestie = lijkt_op(code, bekend)
        if suggestie and suggestie not in self.stromen:
            suggestie = None
        rij.fouten.append(rij.fout("geldstroom", f"onbekende geldstroom '{toon(value)}'",
                                   suggestie or f"kies uit {toegestaan}"))
        return None

    def _stroom_labels(self) -> list[str]:
        return [EIGEN_MIDDELEN if code == model.EIGEN else code for code in self.stromen]

    def _getal(self, rij: Rij, veld: str) -> tuple[Decimal | None, bool]:
        value = rij.waarden.get(veld)
        try:
            return parse_getal(value, self.decimaalteken), True
        except ValueError:
            voorbeeld = "1.234,56" if self.decimaalteken == "," else "1,234.56"
            rij.fouten.append(rij.fout(veld, f"'{toon(value)}' is geen getal",
                                       f"schrijf het als {voorbeeld}; een correctie als -12,50"))
            return None, False

    def _buurt(self, rij: Rij) -> str | None:
        value = tekst(rij.waarden.get("buurt"))
        if not value:
            return None
        code = self.buurten.get(value.lower())
        if code is None:
            suggestie = lijkt_op(value, [b.naam for b in self.gb.programma.buurten.values()])
            rij.fouten.append(rij.fout("buurt", f"onbekende buurt '{toon(value)}'",
                                       suggestie or "laat leeg of kies een focusbuurt uit de lijst"))
        return code

    # --- the whole row ----------------------------------------------------------------
    def verwerk(self, rij: Rij) -> Bijdrage | None:
        """Check one row; problems go to ``rij.fouten``.

        Returns:
          The contribution, or None when the row has errors or carries no amount at all.
        """
        datum = self._datum(rij)
        actielijn = self._actielijn(rij)
        stroom = self._stroom(rij)
        bedrag, bedrag_ok = self._getal(rij, "bedrag")
        uren, uren_ok = self._getal(rij, "uren")
        buurt = self._buurt(rij)
        omschrijving = self._tekst(rij, "omschrijving")
        kenmerk = self._tekst(rij, "kenmerk")
        for veld, waarde in (("bedrag", bedrag), ("uren", uren)):
            if waarde is not None and abs(waarde) >= MAXIMUM:
                rij.fouten.append(rij.fout(veld, "getal te groot (een miljard of meer)",
                                           "controleer de kolom; staat er een rekening- of kenmerknummer in?"))
                if veld == "bedrag":
                    bedrag, bedrag_ok = None, False
                else:
                    uren, uren_ok = None, False
        if bedrag is not None and decimalen(bedrag) > 2:
            rij.fouten.append(rij.fout("bedrag", f"{getal(bedrag, decimalen(bedrag))} heeft meer dan twee decimalen",
                                       "rond af op centen"))
            bedrag_ok = False
        if uren is not None and decimalen(uren) > 2:
            rij.fouten.append(rij.fout("uren", f"{getal(uren, decimalen(uren))} heeft meer dan twee decimalen",
                                       "rond af op kwartieren, bijvoorbeeld 7,25"))
            uren_ok = False
        if bedrag_ok and uren_ok:
            bedrag = self._bedrag(rij, bedrag, uren, datum)
        if rij.fouten or datum is None or actielijn is None or stroom is None or bedrag is None:
            return None
        if bedrag == 0 and not uren:
            rij.overslaan = "bedrag 0 en geen uren (niets te boeken)"
            return None
        if stroom != model.EIGEN:
            rekening = f"{VOORSCHOT}:{self.partner}"
            geopend = self.gb.geopend.get(rekening)
            if geopend is None or geopend > datum:
                rij.fouten.append(rij_fout(
                    rij.pad, rij.nummer, rij.kolom("geldstroom"),
                    f"geldstroom {stroom}: de voorschotrekening {rekening} is " + (
                        "niet geopend in het grootboek" if geopend is None else
                        f"pas geopend op {nl_datum(geopend, 'short')}"),
                    suggestie="het programmabureau boekt eerst het voorschot; of kies eigen middelen",
                    blad=rij.blad, grootboek=True))
                return None
        if kenmerk:
            eerder = self.kenmerken.get(kenmerk)
            cellen = rij.ruw or tuple(rij.waarden.get(veld) for veld in sorted(rij.waarden))
            if eerder is not None:
                if self.identieke_regels == "overslaan" and eerder[2] == cellen:
                    rij.overslaan = f"dubbel (gelijk aan rij {eerder[1]}, kenmerk {kenmerk})"
                    return None
                rij.fouten.append(rij.fout(
                    "kenmerk", f"kenmerk '{kenmerk}' komt twee keer voor (ook {eerder[0]})",
                    "geef elke regel een eigen kenmerk" + (
                        "; dezelfde kenmerk met andere waarden is geen dubbele regel"
                        if self.identieke_regels == "overslaan" else "")))
                return None
            self.kenmerken[kenmerk] = (rij.bron, rij.nummer, cellen)
        else:
            basis = kenmerk_hash(self.partner, datum, actielijn.code, stroom, bedrag, uren, buurt, omschrijving)
            volgnummer = self.hashes.get(basis, 0) + 1
            self.hashes[basis] = volgnummer
            kenmerk = basis if volgnummer == 1 else f"{basis}-{volgnummer}"
        link = self.gb.verplichting_link(self.partner, actielijn.code, stroom) if stroom != model.EIGEN else None
        return Bijdrage(
            partner=self.partner, datum=datum, actielijn=actielijn, stroom=stroom,
            bedrag=model.in_centen(bedrag), uren=strip_zeros(uren) if uren is not None else None,
            buurt=buurt, omschrijving=omschrijving or actielijn.naam, kenmerk=kenmerk,
            bron=rij.bron, link=link, pad=rij.pad, rij=rij.nummer,
        )

    def _tekst(self, rij: Rij, veld: str) -> str:
        """Partner text for the ledger: shown as text only (``veilige_tekst``), never a formula."""
        value = rij.waarden.get(veld)
        text = veilige_tekst(value)
        if formule_begin(text):
            rij.fouten.append(rij.fout(
                veld, f"tekst begint met '{text[0]}' en zou in een spreadsheet een formule worden",
                f"laat de '{text[0]}' aan het begin weg"))
        if is_html(value):
            rij.opmerkingen.append(f"kolom {rij.kolom(veld)}: < en > opgeslagen als ‹ en › (geen HTML)")
        return text

    def _bedrag(self, rij: Rij, bedrag: Decimal | None, uren: Decimal | None,
                datum: datetime.date | None) -> Decimal | None:
        if uren is None:
            if bedrag is None:
                rij.fouten.append(rij.fout("bedrag", "bedrag en uren ontbreken", "vul een bedrag of het aantal uren in"))
            return bedrag
        if datum is None:
            return bedrag  # the date is reported already; without it there is no tariff to value the hours at
        partner = self.gb.programma.partners.get(self.partner)
        tarief = partner.tarief_op(datum) if partner else None
        if tarief is None:
            op = f" op {nl_datum(datum, 'short')}" if partner and partner.tarieven else ""
            rij.fouten.append(rij.fout("uren", f"uren opgegeven, maar partner {self.partner} heeft geen uurtarief{op} "
                                               "in het grootboek", "vul alleen een bedrag in"))
            return None
        berekend = model.formatie_bedrag(uren, tarief)
        if bedrag is None or self.bedrag_bij_uren == "tarief":
            return berekend
        if model.in_centen(bedrag) != berekend:
            rij.fouten.append(rij.fout(
                "bedrag", f"{euro(bedrag)} is niet {getal(uren, decimalen(uren))} uur × {euro(tarief)} = {euro(berekend)}",
                "laat Bedrag leeg, dan wordt het uit de uren berekend"))
            return None
        return bedrag


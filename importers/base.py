"""The importer base class both partner importers share, and what reading one file gives.

The pipeline of one file::

    tables (importer-specific reading, ``importers.readers``)  ->  privacy scan (``importers.privacy``)
      -> rows (importer-specific column mapping: ``importers.rows.Rij``)
      -> ``RijVerwerker.verwerk`` (``importers.processing``): parse and check every value
         against the ledger (``importers.context``) -> ``Bijdrage``
      -> ``maak_transactie`` (``importers.rows``): the ledger entry

Nothing here writes files; ``importers.writer`` does that.
"""

from __future__ import annotations

import abc
import dataclasses
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path

import beangulp
from beancount.core import data

from importers import privacy
from importers.context import Grootboek
from importers.context import laad_grootboek
from importers.errors import ImportFout
from importers.errors import Leesfout
from importers.errors import rij_fout
from importers.processing import RijVerwerker
from importers.readers import Invoertabel
from importers.readers import GEEN_RIJEN
from importers.readers import controleer_bestand
from importers.readers import te_grote_cellen
from importers.rows import META_BRON
from importers.rows import Overslag
from importers.rows import Rij
from importers.rows import boeking_inhoud
from importers.rows import boeking_sleutel
from importers.rows import bron_naam
from importers.rows import bron_bestand
from importers.rows import maak_transactie
from importers.suggestions import lijkt_op
from importers.values import formule_begin
from ledger import model
from ledger.errors import ImportRowError

DUPLICATE = "__duplicate__"

Voortgang = Callable[[int], None]


@dataclasses.dataclass
class Resultaat:
    """What reading one file gave: entries, or the errors that refuse it.

    ``geldig`` keeps the entries of the valid rows even when the file is refused, so a dry
    run can show the totals of the valid part; ``entries`` is empty then (all or nothing).
    """

    pad: str
    partner: str | None
    entries: list[data.Transaction]
    fouten: list[ImportRowError]
    rijen: int = 0  # data rows read (blank rows excluded)
    overgeslagen_rijen: list[Overslag] = dataclasses.field(default_factory=list)
    geldig: list[data.Transaction] = dataclasses.field(default_factory=list)
    opmerkingen: list[str] = dataclasses.field(default_factory=list)  # e.g. text made safe

    @property
    def overgeslagen(self) -> int:
        """Rows skipped by a rule (subtotals, zero amounts, identical repeats...)."""
        return len(self.overgeslagen_rijen)

    @property
    def dubbel(self) -> int:
        """Identical repeats skipped (``identieke_regels: overslaan``)."""
        return sum(1 for overslag in self.overgeslagen_rijen if overslag.dubbel)


class BijdrageImporter(beangulp.Importer):
    """Base of the partner importers: reads rows, checks them, makes transactions.

    Subclasses read their file format (``tabellen``, ``rijen``) and say whose file it is
    (``partner``). The ledger context comes from ``existing`` (Fava and ``snw import`` pass
    the ledger's entries) or, when that is empty (``beangulp`` test/generate), from the ledger
    file given to the constructor (default ``$SNW_LEDGER`` or the demo ledger).

    Args:
      ledger: the ledger file to read declarations from when ``existing`` is empty.
    """

    via_koppeling = False  # read through a mapping file (which may declare business IBAN columns)

    def __init__(self, ledger: str | Path | None = None) -> None:
        self.ledger = ledger
        # (the entries it was built from, their number, the context); None: not built yet
        self._cache: tuple[Sequence[data.Directive] | None, int, Grootboek] | None = None

    # --- subclass API ---------------------------------------------------------------------
    @abc.abstractmethod
    def partner(self, filepath: str) -> str:
        """The partner code this file is from."""

    @abc.abstractmethod
    def tabellen(self, filepath: str) -> list[Invoertabel]:
        """Read the file's tables (raises ``Leesfout``)."""

    @abc.abstractmethod
    def rijen(self, filepath: str, tabellen: list[Invoertabel]) -> Iterator[Rij]:
        """The data rows mapped to our fields (blank and subtotal rows left out)."""

    def verwerker(self, filepath: str, grootboek: Grootboek, partner: str) -> RijVerwerker:
        """The row checker for this file (subclasses set year, formats...)."""
        return RijVerwerker(grootboek, partner)

    def privacy_uitzonderingen(self, filepath: str) -> tuple[set[str], set[str]]:
        """(columns not scanned for BSNs, columns allowed to hold business IBANs)."""
        return set(), set()

    def schatting(self, filepath: str) -> int:
        """Rough number of rows (for a progress bar)."""
        return 0

    # --- beangulp API ---------------------------------------------------------------------
    def account(self, filepath: str) -> data.Account:
        """The partner's contribution account, ``Income:Inzet:<PARTNER>`` (used for archiving)."""
        return f"{model.INCOME_INZET}:{self.partner(filepath)}"

    def grootboek(self, existing: Sequence[data.Directive] | None) -> Grootboek:
        """The ledger context: from ``existing`` when given, else from the ledger file."""
        bron: Sequence[data.Directive] | None = existing or None
        if self._cache is None or self._cache[0] is not bron or (bron is not None and self._cache[1] != len(bron)):
            grootboek = Grootboek.van_entries(bron) if bron is not None else laad_grootboek(self.ledger)
            self._cache = (bron, len(bron) if bron is not None else 0, grootboek)
        return self._cache[2]

    def lees(self, filepath: str, existing: Sequence[data.Directive] | None = None,
             voortgang: Voortgang | None = None) -> Resultaat:
        """Read and check a whole file; never raises for bad input.

        Args:
          filepath: the partner's file.
          existing: the ledger's entries (None or empty: load ``self.ledger``).
          voortgang: called with the number of rows done, for a progress bar.
        Returns:
          The entries, or the errors of every bad row; every skipped row with its rule.
        """
        onleesbaar = controleer_bestand(filepath)
        if not onleesbaar and formule_begin(bron_naam(filepath)):
            onleesbaar = (f"de bestandsnaam begint met '{bron_naam(filepath)[0]}' en zou in een spreadsheet een "
                          "formule worden (suggestie: geef het bestand een andere naam)")
        if onleesbaar:
            return Resultaat(filepath, None, [], [rij_fout(filepath, 0, None, onleesbaar)])
        try:
            partner = self.partner(filepath)
        except Leesfout as exc:
            return Resultaat(filepath, None, [], [rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad)])
        gb = self.grootboek(existing)
        if partner not in gb.programma.partners:
            suggestie = lijkt_op(partner, gb.programma.partners)
            return Resultaat(filepath, partner, [], [rij_fout(
                filepath, 0, None, f"partner {partner} is niet gedeclareerd in het grootboek",
                suggestie=suggestie, grootboek=True)])
        try:
            tabellen = self.tabellen(filepath)
        except Leesfout as exc:
            return Resultaat(filepath, partner, [], [rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad)])
        fouten: list[ImportRowError] = []
        meerdere = len(tabellen) > 1
        for tabel in tabellen:
            # Before anything else looks at the cells: a cell of megabytes is no description.
            for nummer, index in te_grote_cellen(tabel):
                kop = tabel.koppen[index] if index < len(tabel.koppen) and tabel.koppen[index] else f"{index + 1}"
                fouten.append(rij_fout(filepath, nummer, kop, "cel te groot",
                                       suggestie="een omschrijving is één zin; kort de tekst in",
                                       blad=tabel.blad if meerdere else None))
        if fouten:
            return Resultaat(filepath, partner, [], fouten)
        geen_bsn, zakelijk = self.privacy_uitzonderingen(filepath)
        for tabel in tabellen:
            fouten.extend(privacy.controleer(filepath, tabel, geen_bsn=geen_bsn, zakelijke_iban=zakelijk,
                                             meerdere_bladen=meerdere,
                                             koppeling=self.via_koppeling))
        if fouten:
            # Personal data: refuse the whole file before any value is read into an entry
            # (row messages could otherwise repeat a value).
            return Resultaat(filepath, partner, [], fouten)
        verwerker = self.verwerker(filepath, gb, partner)
        entries: list[data.Transaction] = []
        resultaat = Resultaat(filepath, partner, entries, fouten)
        try:
            for rij in self.rijen(filepath, tabellen):
                resultaat.rijen += 1
                if rij.overslaan is None and not rij.fouten:
                    bijdrage = verwerker.verwerk(rij)
                    if bijdrage is not None:
                        entries.append(maak_transactie(bijdrage))
                if rij.overslaan is not None and not rij.fouten:
                    resultaat.overgeslagen_rijen.append(Overslag(
                        filepath, rij.blad, rij.nummer, rij.overslaan, dubbel=rij.overslaan.startswith("dubbel")))
                fouten.extend(rij.fouten)
                resultaat.opmerkingen.extend(
                    f"{f'blad {rij.blad}, ' if rij.blad else ''}rij {rij.nummer}: {opmerking}"
                    for opmerking in rij.opmerkingen)
                if voortgang is not None:
                    voortgang(1)
        except Leesfout as exc:
            fouten.append(rij_fout(filepath, exc.rij, None, exc.message, blad=exc.blad))
        if not fouten and not entries:
            kopregel = tabellen[0].kopregel if tabellen else 0
            if resultaat.rijen == 0:
                fouten.append(rij_fout(filepath, kopregel, None, GEEN_RIJEN,
                                       blad=tabellen[0].blad if meerdere else None))
            else:
                fouten.append(rij_fout(filepath, kopregel, None,
                                       f"geen enkele regel om in te lezen: alle {resultaat.rijen} rij(en) "
                                       "zijn overgeslagen (zie hierboven)"))
        resultaat.geldig = list(entries)
        if fouten:
            entries.clear()  # all or nothing
        return resultaat

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        """beangulp: the file's transactions; a file with any bad row raises ``ImportFout``."""
        resultaat = self.lees(filepath, existing)
        if resultaat.fouten:
            raise ImportFout(resultaat.fouten)
        return list(resultaat.entries)

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Mark rows already in the ledger (same partner and kenmerk, same content).

        Fava and ``beangulp extract`` can only add entries. A file that changes or drops rows
        imported before (a corrected file) is refused here with a pointer to ``snw import``,
        which replaces them; otherwise the old and the corrected row would both count.
        """
        geboekt: dict[tuple[str, str], data.Transaction] = {}
        per_bestand: dict[tuple[str, str], set[str]] = {}
        for entry in existing or ():
            sleutel = boeking_sleutel(entry)
            if sleutel is None:
                continue
            geboekt[sleutel] = entry
            per_bestand.setdefault((sleutel[0], bron_bestand(str(entry.meta[META_BRON]))), set()).add(sleutel[1])
        gewijzigd = []
        nieuw_per_bestand: dict[tuple[str, str], set[str]] = {}
        for entry in entries:
            sleutel = boeking_sleutel(entry)
            if sleutel is None:
                continue
            nieuw_per_bestand.setdefault((sleutel[0], bron_bestand(str(entry.meta[META_BRON]))), set()).add(sleutel[1])
            oud = geboekt.get(sleutel)
            if oud is None:
                continue
            if boeking_inhoud(oud) == boeking_inhoud(entry):
                entry.meta[DUPLICATE] = True
            else:
                gewijzigd.append(rij_fout(entry.meta["filename"], entry.meta["lineno"], None,
                                          f"regel met kenmerk {sleutel[1]} is al geïmporteerd met een andere inhoud"))
        for (partner, bestand), kenmerken in nieuw_per_bestand.items():
            vervallen = per_bestand.get((partner, bestand), set()) - kenmerken
            if vervallen:
                gewijzigd.append(rij_fout(bestand, 0, None,
                                          f"{len(vervallen)} eerder geïmporteerde regel(s) uit {bestand} "
                                          "staan niet meer in het bestand"))
        if gewijzigd:
            gewijzigd.append(rij_fout(entries[0].meta["filename"] if entries else "", 0, None,
                                      "dit is een gecorrigeerd bestand; importeer het met `snw import BESTAND`, "
                                      "dat de gewijzigde regels vervangt"))
            raise ImportFout(gewijzigd)

"""Taking imported contributions into the ledger: plan, validate, write (``snw import``).

Imported entries live in the ledger's folder ``import/<partner>-<jaar>.beancount`` (relative
to the main ledger file, which includes ``import/*.beancount``), one file per partner and
year, written only by this module.

* **Stable reference.** Every imported transaction carries ``kenmerk:`` (the partner's own
  reference, or a hash of the row) and ``bron:`` ("<file> rij <n>"). An entry is identified
  by (partner, kenmerk).
* **Idempotent.** Importing the same file again changes nothing.
* **Corrected files replace.** Rows of a file imported before are replaced by the new
  version of that file (same file name), and rows with the same kenmerk are replaced
  wherever they came from; rows that are no longer in the file are removed; everything
  else in the partner's import files stays.
* **Booked elsewhere.** A row whose (partner, kenmerk) is already in another ledger file
  (e.g. accepted on Fava's Import page) is skipped when identical and refused when not.
* **All or nothing.** The plan is validated by loading the whole ledger from a temporary
  copy with the new import files in place; only when that copy has no errors are the files
  replaced, each atomically (temporary file + ``os.replace``).
"""

from __future__ import annotations

import bisect
import dataclasses
import fnmatch
import glob
import hashlib
import heapq
import io
import os
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from beancount import loader
from beancount.core import data
from beancount.ops import validation
from beancount.parser import booking
from beancount.parser import parser
from beancount.parser import printer

from importers.errors import rij_fout
from importers.rows import META_BRON
from importers.rows import boeking_inhoud
from importers.rows import boeking_partner
from importers.rows import boeking_sleutel
from importers.rows import bron_bestand
from importers.rows import bron_naam
from ledger import model
from ledger.errors import ImportRowError
from ledger.errors import is_warning
from ledger.files import ruim_op
from ledger.files import write_all_atomic
from ledger.load import include_patronen
from ledger.load import PLUGIN
from ledger.rules.context import DERIVED

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterator
    from collections.abc import Sequence

    from importers.base import Resultaat
    from ledger.load import Ledger

IMPORT_MAP = "import"
KOP = (
    "; Partnerbijdragen van {partner} over {jaar}, ingelezen met `snw import`.\n"
    "; Niet met de hand bewerken: lever een gecorrigeerd bestand aan en importeer het opnieuw;\n"
    "; dan worden alleen de gewijzigde regels vervangen. Zie importers/docs.md.\n"
)


VALIDATIE = "snw-import-"  # prefix of the validation copies in the temp folder


def _validatie_prefix(ledger_pad: Path) -> str:
    """``snw-import-<12 hex of the ledger's path>-``: whose validation copy a temp folder is."""
    return f"{VALIDATIE}{hashlib.sha256(str(ledger_pad.resolve()).encode()).hexdigest()[:12]}-"


def opruimen(ledger_pad: Path) -> list[Path]:
    """Remove what a killed import of this ledger left behind (call under the ledger's lock).

    The hidden temporary files of the atomic writer in ``import/`` and ``budgets/``, and
    validation copies of this ledger in the temp folder.

    Returns:
      What was removed.
    """
    folder = ledger_pad.resolve().parent
    weg = ruim_op(folder / IMPORT_MAP, folder / "budgets")
    prefix = _validatie_prefix(ledger_pad)
    for pad in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        if pad.is_dir():
            shutil.rmtree(pad, ignore_errors=True)
            weg.append(pad)
    return weg


def importpad(ledger_pad: Path, partner: str, jaar: int) -> Path:
    """``<ledger folder>/import/<partner>-<jaar>.beancount``."""
    return ledger_pad.resolve().parent / IMPORT_MAP / f"{partner.lower()}-{jaar}.beancount"


def partner_bestanden(ledger_pad: Path, partner: str) -> dict[int, Path]:
    """The existing import files of a partner, by year."""
    folder = ledger_pad.resolve().parent / IMPORT_MAP
    pattern = re.compile(rf"^{re.escape(partner.lower())}-(\d{{4}})\.beancount$")
    found = {}
    if folder.is_dir():
        for pad in sorted(folder.iterdir()):
            match = pattern.match(pad.name)
            if match:
                found[int(match.group(1))] = pad
    return found


def render(partner: str, jaar: int, entries: Sequence[data.Transaction]) -> str:
    """The text of an import file: a header and the entries by date and kenmerk."""
    return _render(partner, jaar, entries)[0].decode("utf-8")


def _render(partner: str, jaar: int,
            entries: Sequence[data.Transaction]) -> tuple[bytes, list[tuple[int, str]], list[int]]:
    """``render`` as UTF-8, (line number, bron) of each entry in it, and the byte offset of each entry.

    Encoded entry by entry: the file's bytes are all that is kept (a ``str`` of 100,000
    entries with one non-ASCII character takes two or four bytes a character).
    """
    ordered = sorted(entries, key=lambda e: (e.date, str(e.meta.get("kenmerk", ""))))
    kop = KOP.format(partner=partner, jaar=jaar)
    uit = io.BytesIO()
    uit.write(kop.encode("utf-8"))
    index: list[tuple[int, str]] = []
    begin: list[int] = []
    regel = kop.count("\n") + 1  # the line the next part starts on
    for entry in ordered:
        tekst = printer.format_entry(entry)
        index.append((regel + 1, str(entry.meta.get(META_BRON, ""))))  # after the blank line
        uit.write(b"\n")
        begin.append(uit.tell())
        uit.write(tekst.encode("utf-8"))
        regel += 1 + tekst.count("\n")
    return uit.getvalue(), index, begin


@dataclasses.dataclass
class Doelbestand:
    """One import file as it will be after the import."""

    pad: Path
    partner: str
    jaar: int
    oud: bytes | None
    entries: list[data.Transaction] = dataclasses.field(default_factory=list)
    nieuw: int = 0
    gewijzigd: int = 0
    vervallen: int = 0
    ongewijzigd: int = 0

    # the rendered file (UTF-8) and its line index, kept for as long as ``entries`` holds the
    # same objects (the plan, the summary, the validation and the writer all need it)
    _gemaakt: tuple[tuple[int, ...], bytes, list[tuple[int, str]], list[int]] | None = dataclasses.field(
        default=None, init=False, repr=False, compare=False)

    def _gerenderd(self) -> tuple[bytes, list[tuple[int, str]], list[int]]:
        sleutel = tuple(map(id, self.entries))
        if self._gemaakt is None or self._gemaakt[0] != sleutel:
            self._gemaakt = None  # the old text goes before the new one is made
            self._gemaakt = (sleutel, *_render(self.partner, self.jaar, self.entries))
        return self._gemaakt[1:]

    def _inhoud_en_index(self) -> tuple[bytes, list[tuple[int, str]]]:
        inhoud, index, _ = self._gerenderd()
        return inhoud, index

    def delen(self, grootte: int) -> Iterator[tuple[bytes, int]]:
        """The file in pieces of ``grootte`` entries: (bytes, the line the piece starts on)."""
        inhoud, index, begin = self._gerenderd()
        grenzen = [0, *begin[grootte::grootte], len(inhoud)]
        regels = [1, *(regel for regel, _ in index[grootte::grootte])]
        for van, tot, regel in zip(grenzen, grenzen[1:], regels, strict=False):
            yield inhoud[van:tot], regel

    @property
    def inhoud(self) -> bytes:
        """The file's bytes (UTF-8), as they will be written."""
        return self._inhoud_en_index()[0]

    @property
    def tekst(self) -> str:
        return self.inhoud.decode("utf-8")

    @property
    def bron_index(self) -> list[tuple[int, str]]:
        """(line number, bron) of each entry in ``tekst``."""
        return self._inhoud_en_index()[1]

    @property
    def veranderd(self) -> bool:
        return self.oud != self.inhoud


@dataclasses.dataclass(frozen=True)
class Totaal:
    """One line of the import summary: a partner's rows on an actielijn and stream."""

    partner: str
    actielijn: str
    stroom: str
    bedrag: Decimal
    uren: Decimal
    rijen: int


@dataclasses.dataclass
class Plan:
    """What an import would do."""

    ledger: Path
    doelen: list[Doelbestand]
    totalen: list[Totaal]
    elders: int  # rows already booked, identically, outside the import files
    fouten: list[Any]

    @property
    def veranderd(self) -> list[Doelbestand]:
        return [doel for doel in self.doelen if doel.veranderd]


def samenvatting(entries: Sequence[data.Transaction], programma: model.Programma) -> list[Totaal]:
    """Totals per partner, actielijn and stream of imported entries (sorted)."""
    sums: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for entry in entries:
        posting = entry.postings[0]
        actielijn, stroom = programma.actielijn_van_account(posting.account)
        key = (boeking_partner(entry) or "", actielijn.code if actielijn else posting.account, stroom or "")
        sums[key][0] += posting.units.number
        sums[key][1] += Decimal((posting.meta or {}).get("uren") or 0)
        sums[key][2] += 1
    return [Totaal(*key, *values) for key, values in sorted(sums.items())]


def _lees_importbestand(pad: Path) -> tuple[list[data.Transaction], list[Any]]:
    entries, errors, _ = parser.parse_file(str(pad))
    fouten = [rij_fout(str(pad), (e.source or {}).get("lineno", 0), None,
                       f"importbestand is beschadigd: {e.message}; herstel het eerst") for e in errors]
    return [e for e in entries if isinstance(e, data.Transaction)], fouten


def plan_import(ledger: Ledger, resultaten: Sequence[Resultaat]) -> Plan:
    """Work out the new content of every affected import file.

    Args:
      ledger: the loaded ledger.
      resultaten: what the importers read (files with errors must not be passed).
    Returns:
      The plan; ``fouten`` holds conflicts (a kenmerk booked elsewhere with other content,
      the same kenmerk in two files, damaged import files).
    """
    fouten: list[Any] = []
    per_partner: dict[str, list[data.Transaction]] = defaultdict(list)
    bronnen: dict[str, set[str]] = defaultdict(set)
    for resultaat in resultaten:
        if resultaat.partner is None:
            continue
        bronnen[resultaat.partner].add(bron_naam(resultaat.pad))
        per_partner[resultaat.partner].extend(resultaat.entries)

    doelen: list[Doelbestand] = []
    elders = 0
    for partner in sorted(bronnen):
        bestaande = partner_bestanden(ledger.path, partner)
        eigen_paden = {str(p.resolve()) for p in bestaande.values()}
        # (partner, kenmerk) -> entry booked in some other ledger file
        buiten: dict[tuple[str, str], data.Transaction] = {}
        for entry in ledger.entries:
            sleutel = boeking_sleutel(entry)
            if sleutel and sleutel[0] == partner:
                filename = entry.meta.get("filename") or ""
                if str(Path(filename).resolve()) not in eigen_paden:
                    buiten[sleutel] = entry

        nieuw: dict[tuple[str, str], data.Transaction] = {}
        for entry in per_partner[partner]:
            sleutel = boeking_sleutel(entry)
            assert sleutel is not None
            if sleutel in nieuw:
                eerder = nieuw[sleutel]
                fouten.append(rij_fout(entry.meta["filename"], entry.meta["lineno"], None,
                                       f"kenmerk '{sleutel[1]}' staat ook in {eerder.meta[META_BRON]}",
                                       suggestie="geef elke regel een eigen kenmerk"))
                continue
            geboekt = buiten.get(sleutel)
            if geboekt is not None:
                if boeking_inhoud(geboekt) == boeking_inhoud(entry):
                    elders += 1
                    continue
                fouten.append(rij_fout(
                    entry.meta["filename"], entry.meta["lineno"], None,
                    f"kenmerk '{sleutel[1]}' is al geboekt in {Path(geboekt.meta.get('filename', '?')).name}:"
                    f"{geboekt.meta.get('lineno', 0)} met een andere inhoud",
                    suggestie="pas die boeking aan of verwijder hem, en importeer dan opnieuw"))
                continue
            nieuw[sleutel] = entry

        oud: dict[int, list[data.Transaction]] = {}
        for jaar, pad in bestaande.items():
            entries, errors = _lees_importbestand(pad)
            fouten.extend(errors)
            oud[jaar] = entries
        oud_per_sleutel = {boeking_sleutel(e): (jaar, e) for jaar, entries in oud.items() for e in entries}

        jaren = sorted({*oud, *(e.date.year for e in nieuw.values())})
        for jaar in jaren:
            pad = bestaande.get(jaar) or importpad(ledger.path, partner, jaar)
            doel = Doelbestand(pad, partner, jaar, pad.read_bytes() if pad.exists() else None)
            for entry in oud.get(jaar, []):
                sleutel = boeking_sleutel(entry)
                if sleutel in nieuw:
                    continue  # replaced (counted below)
                if bron_bestand(str(entry.meta.get(META_BRON, ""))) in bronnen[partner]:
                    doel.vervallen += 1  # no longer in the corrected file
                    continue
                doel.entries.append(entry)
            for sleutel, entry in nieuw.items():
                if entry.date.year != jaar:
                    continue
                doel.entries.append(entry)
                vorig = oud_per_sleutel.get(sleutel)
                if vorig is None:
                    doel.nieuw += 1
                elif vorig[0] == jaar and boeking_inhoud(vorig[1]) == boeking_inhoud(entry):
                    doel.ongewijzigd += 1
                else:
                    doel.gewijzigd += 1
            doelen.append(doel)
    totalen = samenvatting([e for resultaat in resultaten for e in resultaat.entries], ledger.programma)
    return Plan(ledger.path, doelen, totalen, elders, fouten)


# --------------------------------------------------------------------------------------
# Validation on a temporary copy
# --------------------------------------------------------------------------------------
def _bron_index(tekst: str) -> list[tuple[int, str]]:
    """(line number, bron) of each entry in an import file's text."""
    entries, _, _ = parser.parse_string(tekst)
    return sorted((e.meta["lineno"], str(e.meta.get(META_BRON, ""))) for e in entries
                  if isinstance(e, data.Transaction))


def _bron_op_regel(index: list[tuple[int, str]], lineno: int) -> str | None:
    position = bisect.bisect_right(index, lineno, key=lambda item: item[0])
    return index[position - 1][1] if position else None


# entries parsed and booked at a time by the validation (``_valideer_snel``)
BOEKEN_PER_KEER = 5000

_GEEN_BESTAND = re.compile(r'^File glob "(.*)" does not match any files$')


def _past_in_glob(patroon: str, pad: str) -> bool:
    """Tell whether ``glob.glob(patroon, recursive=True)`` would list ``pad`` (both absolute)."""
    delen = [deel for deel in patroon.split(os.sep) if deel]
    namen = [naam for naam in pad.split(os.sep) if naam]

    def past(i: int, j: int) -> bool:
        if i == len(delen):
            return j == len(namen)
        if delen[i] == "**":
            return any(past(i + 1, k) for k in range(j, len(namen) + 1)
                       if all(not naam.startswith(".") for naam in namen[j:k]))
        if j == len(namen):
            return False
        naam = namen[j]
        if naam.startswith(".") and not delen[i].startswith("."):
            return False
        return fnmatch.fnmatchcase(naam, delen[i]) and past(i + 1, j + 1)

    return past(0, 0)


def _includes(main: Path, nieuw: set[str]) -> tuple[list[str], list[str]] | None:
    """The files a load of ``main`` would read, in the order Beancount parses them.

    As ``loader._parse_recursive`` does it: breadth first, each file's ``include`` patterns
    expanded by ``glob.glob``; ``nieuw`` are files that do not exist yet but will (import
    files of this import), taken as matching the patterns they fit (after the files the
    glob lists).

    Returns:
      (the files in parse order, the patterns that match no file), or None when the files
      cannot be read.
    """
    volgorde: list[str] = []
    leeg: list[str] = []
    gezien: set[str] = set()
    rij = [os.path.normpath(str(main))]
    while rij:
        naam = rij.pop(0)
        if naam in gezien:
            continue
        gezien.add(naam)
        volgorde.append(naam)
        if naam in nieuw:
            continue  # an import file of ours: no includes
        try:
            inhoud = Path(naam).read_bytes()
        except OSError:
            return None
        map_ = os.path.dirname(naam)
        for patroon in include_patronen(inhoud):
            tekst = os.fsdecode(patroon)
            zoek = tekst if os.path.isabs(tekst) else os.path.join(map_, tekst)
            gevonden = [os.path.normpath(p if os.path.isabs(p) else os.path.join(map_, p))
                        for p in glob.glob(zoek, recursive=True)]
            gevonden += sorted(p for p in nieuw if p not in gevonden and _past_in_glob(os.path.normpath(zoek), p))
            if not gevonden:
                leeg.append(tekst)
            rij.extend(gevonden)
    return volgorde, leeg


def _valideer_snel(ledger: Ledger, doelen: dict[Path, Doelbestand]) -> tuple[list[Any], set[Path]] | None:
    """The errors a load of the ledger with the import in place would give, from the loaded ledger.

    Instead of parsing the whole ledger again: the loaded entries without what our plugin
    derived and without the entries of the import files being replaced are exactly what
    booking gave for the rest of the ledger (nothing in them depends on the import files:
    booking without cost is per transaction). Only the new import files are parsed and booked;
    then Beancount's transformations (our plugin, pad, balance) and validation run on the whole,
    as ``loader.load_file`` would. The entries are merged in the order the loader sorts them
    (date, kind, line; ties by the order the files are parsed in).

    Only where that holds exactly: the ledger loaded without errors (a pattern that matched no
    file aside), our plugin is its only plugin, no ``pad`` entries and no ``documents`` option
    (their transformations add entries that would be added twice), no posting at cost in the
    import files. Otherwise None (the caller validates on a copy).

    Returns:
      (the errors, the import files the ledger includes), or None.
    """
    options_map = ledger.options_map
    fouten_nu = [e for e in ledger.errors if not is_warning(e)]
    if any(not (isinstance(e, loader.LoadError) and _GEEN_BESTAND.match(e.message)) for e in fouten_nu):
        return None
    if [name for name, _ in options_map.get("plugin", [])] != [PLUGIN]:
        return None
    if options_map.get("documents") or options_map.get("plugin_processing_mode", "default") != "default":
        return None
    if loader.PLUGINS_AUTO:
        return None
    doelnamen = {str(pad): pad for pad in doelen}
    nieuw = {naam for naam, pad in doelnamen.items() if not pad.exists()}
    gevonden = _includes(ledger.path.resolve(), nieuw)
    if gevonden is None:
        return None
    volgorde, leeg = gevonden
    echt: dict[str | None, str | None] = {}

    def opgelost(naam: str | None) -> str | None:
        if naam not in echt:
            echt[naam] = str(Path(naam).resolve()) if naam and os.path.isabs(naam) else naam
        return echt[naam]

    rang: dict[str | None, int] = {}
    for index, naam in enumerate(volgorde):
        rang.setdefault(opgelost(naam), index)
    if {opgelost(naam) for naam in options_map.get("include", [])} - set(rang):
        return None  # we do not see the includes the way the loader did

    def bestand(entry: data.Directive) -> str | None:
        return opgelost(entry.meta.get("filename"))

    basis = []
    for entry in ledger.entries:
        if isinstance(entry, data.Pad):
            return None
        if entry.meta.get(DERIVED) or bestand(entry) in doelnamen:
            continue
        basis.append(entry)

    errors: list[Any] = [loader.LoadError(data.new_metadata("<load>", 0), f'File glob "{patroon}" does not match any files')
                         for patroon in leeg]

    def sleutel(entry: data.Directive) -> tuple[Any, ...]:
        return (*data.entry_sortkey(entry), rang.get(bestand(entry), len(rang)))

    # Parsed and booked a piece at a time, so that only one piece is held twice (parsed and
    # booked): the files are ours (no pushtag, no options; every piece starts at an entry),
    # and a posting without cost is booked on its own (nothing at cost: checked).
    nieuwe: list[data.Directive] = []
    booking_errors: list[Any] = []
    for naam in sorted((n for n in doelnamen if n in rang), key=rang.__getitem__):
        for stuk, regel in doelen[doelnamen[naam]].delen(BOEKEN_PER_KEER):
            entries, parse_errors, _ = parser.parse_string(stuk, report_filename=naam, report_firstline=regel)
            errors.extend(parse_errors)
            if any(posting.cost is not None for entry in entries if isinstance(entry, data.Transaction)
                   for posting in entry.postings):
                return None
            entries, fouten_ = booking.book(entries, options_map)
            booking_errors.extend(fouten_)
            nieuwe.extend(entries)
            del entries
    nieuwe.sort(key=sleutel)
    booking_errors.sort(key=lambda error: sleutel(error.entry) if getattr(error, "entry", None) else ())
    errors.extend(booking_errors)
    # heapq.merge keeps the loaded order of the rest as it is, and puts each new entry
    # where the loader's sort would (ties go to the earlier file)
    alle = list(heapq.merge(basis, nieuwe, key=sleutel))
    del basis, nieuwe
    saved = list(sys.path)
    try:
        if "pythonpath" in options_map:
            sys.path[0:0] = options_map["pythonpath"]
        alle, errors = loader.run_transformations(alle, errors, dict(options_map), None)
    finally:
        sys.path[:] = saved
    errors.extend(validation.validate(alle, options_map, None, None))
    del alle
    opgenomen = {pad for naam, pad in doelnamen.items() if naam in rang}
    return errors, opgenomen


def valideer(ledger: Ledger, plan: Plan, bronpaden: dict[str, str] | None = None) -> list[ImportRowError]:
    """The errors of the whole ledger with the planned import files in place.

    From the loaded ledger when that is exact (``_valideer_snel``: only the new import files
    are parsed), else by loading a temporary copy of the ledger with the new files in place
    (``_valideer_kopie``). Both give the errors ``loader.load_file`` would give.

    Args:
      ledger: the loaded ledger (its ``options_map["include"]`` lists its files).
      plan: the planned import files.
      bronpaden: source file name -> the path given on the command line (for messages).
    Returns:
      Every error (not warning) of the ledger with the import in place: errors in the new
      import files point at the partner's file and row; others at the ledger file, marked as
      caused by this import or as already present.
    """
    bronpaden = bronpaden or {}
    doelen = {doel.pad.resolve(): doel for doel in plan.doelen}
    snel = _valideer_snel(ledger, doelen)
    if snel is not None:
        return _fouten(ledger, doelen, bronpaden, *snel,
                       lambda naam: (Path(naam).resolve() if os.path.isabs(naam) else Path(naam)) if naam else None)
    return _valideer_kopie(ledger, doelen, bronpaden)


def _valideer_kopie(ledger: Ledger, doelen: dict[Path, Doelbestand], bronpaden: dict[str, str]) -> list[ImportRowError]:
    """``valideer`` by loading the whole ledger from a temporary copy with the import in place."""
    echte = [Path(name).resolve() for name in ledger.options_map.get("include", [])]
    main = ledger.path.resolve()
    root = Path(os.path.commonpath([str(p.parent) for p in [main, *echte, *doelen]]))
    with tempfile.TemporaryDirectory(prefix=_validatie_prefix(ledger.path)) as tmp:
        kopie = Path(tmp)
        for pad in echte:
            doel = kopie / pad.relative_to(root)
            doel.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pad, doel)
        for pad, doelbestand in doelen.items():
            doel = kopie / pad.relative_to(root)
            doel.parent.mkdir(parents=True, exist_ok=True)
            doel.write_bytes(doelbestand.inhoud)
        loader.initialize(use_cache=False)  # no pickle cache of a copy that is thrown away
        entries, errors, options_map = loader.load_file(str(kopie / main.relative_to(root)))
        del entries
        opgenomen = {root / Path(name).relative_to(kopie) for name in options_map.get("include", [])}

        def echt(filename: str) -> Path | None:
            try:
                return root / Path(filename).relative_to(kopie)
            except ValueError:
                return Path(filename) if filename else None

        return _fouten(ledger, doelen, bronpaden, errors, opgenomen, echt)


def _fouten(ledger: Ledger, doelen: dict[Path, Doelbestand], bronpaden: dict[str, str], errors: list[Any],
            opgenomen: set[Path], echt_van: Callable[[str], Path | None]) -> list[ImportRowError]:
    """The validation's errors as import errors (see ``valideer``).

    Args:
      errors: the load's errors; ``echt_van`` gives the real file of an error's file name.
      opgenomen: the import files the ledger includes.
    """
    before = {((Path(e.source.get("filename", "")).resolve() if e.source else None),
               (e.source or {}).get("lineno"), e.message)
              for e in ledger.errors if not is_warning(e)}
    fouten: list[ImportRowError] = []
    for pad in doelen:
        if pad not in opgenomen:
            fouten.append(rij_fout(
                str(ledger.path), 0, None,
                f"het grootboek neemt {IMPORT_MAP}/{pad.name} niet op",
                suggestie=f'zet include "{IMPORT_MAP}/*.beancount" in {ledger.path.name}'))
    for error in errors:
        if is_warning(error):
            continue
        source = error.source or {}
        filename = source.get("filename") or ""
        lineno = source.get("lineno") or 0
        echt = echt_van(filename)
        if echt in doelen:
            bron = _bron_op_regel(doelen[echt].bron_index, lineno)
            if bron:
                bestand = bron_bestand(bron)
                rij = int(bron.rsplit(" ", 1)[1])
                fouten.append(rij_fout(bronpaden.get(bestand, bestand), rij, None,
                                       f"past niet in het grootboek: {error.message}"))
            else:
                fouten.append(rij_fout(str(echt), lineno, None, error.message))
            continue
        bestaand = (echt.resolve() if echt else None, lineno, error.message) in before
        fouten.append(rij_fout(
            str(echt) if echt else "<grootboek>", lineno, None,
            ("al bestaande fout in het grootboek (los die eerst op): " if bestaand else
             "door deze import: ") + error.message))
    return fouten


def cache_bestand(ledger_pad: Path) -> Path:
    """Beancount's pickle cache of a ledger (it does not notice new files in an include glob)."""
    pattern = os.getenv("BEANCOUNT_LOAD_CACHE_FILENAME") or loader.PICKLE_CACHE_FILENAME
    return Path(loader.get_cache_filename(pattern, str(ledger_pad.resolve())))


def schrijf(plan: Plan) -> list[Path]:
    """Write the changed import files atomically.

    Through ``ledger.files.write_all_atomic``: every file is staged completely and
    fsync-ed next to its target before any is moved into place. Beancount's load cache of the ledger is removed, because it does not
    notice a new file in an include glob.

    Returns:
      The files written.
    """
    geschreven = write_all_atomic({doel.pad: doel.inhoud for doel in plan.veranderd})
    if geschreven:
        cache_bestand(plan.ledger).unlink(missing_ok=True)
    return geschreven

"""The row model: a row mapped to our fields, a checked contribution, and its ledger entry.

``Rij`` (raw values of one row) -> ``RijVerwerker`` (``importers.processing``) -> ``Bijdrage``
-> ``maak_transactie``: the transaction. The ``boeking_*`` helpers recognise imported
transactions again (by partner and kenmerk) for deduplication and the import files.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core import amount as amount_lib
from beancount.core import data

from importers.context import VOORSCHOT
from importers.errors import rij_fout
from importers.values import strip_zeros
from importers.values import veilige_tekst
from ledger import model
from ledger.errors import ImportRowError

# Metadata keys of an imported transaction (ledgertaal: partner, buurt, uren, kenmerk, bron).
META_KENMERK = "kenmerk"
META_BRON = "bron"

# The fields of a contribution row (what each importer maps its columns to).
VELDEN = ("datum", "actielijn", "geldstroom", "bedrag", "uren", "buurt", "omschrijving", "kenmerk")


@dataclasses.dataclass
class Rij:
    """One data row mapped to our fields, before any check."""

    pad: str
    blad: str | None
    nummer: int
    waarden: dict[str, Any]  # field -> raw cell value
    kolommen: dict[str, str]  # field -> column name in the partner's file
    fouten: list[ImportRowError] = dataclasses.field(default_factory=list)
    overslaan: str | None = None  # set: the row is skipped, by this rule (reported)
    ruw: tuple[Any, ...] = ()  # every cell of the row as read (for spotting identical rows)
    opmerkingen: list[str] = dataclasses.field(default_factory=list)  # reported, not errors

    def kolom(self, veld: str) -> str:
        """The partner's column name for a field (``Bedrag`` when the field is not mapped)."""
        return self.kolommen.get(veld, veld.capitalize())

    def fout(self, veld: str | None, reden: str, suggestie: str | None = None) -> ImportRowError:
        """An error at this row and the field's column (see ``importers.errors.rij_fout``).

        Args:
          veld: the field (None for a problem of the whole row).
          reden: what is wrong, in Dutch.
          suggestie: the obvious fix, if there is one.
        Returns:
          The error (not yet added to ``fouten``).
        """
        return rij_fout(self.pad, self.nummer, self.kolom(veld) if veld else None, reden,
                        suggestie=suggestie, blad=self.blad)

    @property
    def bron(self) -> str:
        """``<file> [blad <sheet>] rij <n>``: the ``bron`` metadata of the row's transaction."""
        naam = bron_naam(self.pad)
        if self.blad:
            return f"{naam} blad {veilige_tekst(self.blad)} rij {self.nummer}"
        return f"{naam} rij {self.nummer}"


@dataclasses.dataclass(frozen=True)
class Overslag:
    """A row that was skipped, and the rule that skipped it (every one is reported)."""

    pad: str
    blad: str | None
    rij: int
    regel: str
    dubbel: bool = False  # an identical repeat of an earlier row (``identieke_regels: overslaan``)

    def __str__(self) -> str:
        plek = f"blad {self.blad}, rij {self.rij}" if self.blad else f"rij {self.rij}"
        return f"{plek} overgeslagen: {self.regel}"


@dataclasses.dataclass(frozen=True)
class Bijdrage:
    """A checked contribution row, ready to become a transaction."""

    partner: str
    datum: datetime.date
    actielijn: model.Actielijn
    stroom: str
    bedrag: Decimal
    uren: Decimal | None
    buurt: str | None
    omschrijving: str
    kenmerk: str
    bron: str
    link: str | None
    pad: str
    rij: int

    @property
    def tegenrekening(self) -> str:
        """``Equity:Inbreng-partners`` for own money and time, else the partner's advance."""
        if self.stroom == model.EIGEN:
            return model.INBRENG
        return f"{VOORSCHOT}:{self.partner}"


def kenmerk_hash(partner: str, datum: datetime.date, actielijn: str, stroom: str, bedrag: Decimal,
                 uren: Decimal | None, buurt: str | None, omschrijving: str) -> str:
    """A stable reference for a row without a Kenmerk: a hash of what it says.

    The row number is not part of it, so inserting rows above does not change it; the same
    row read from CSV or XLSX gives the same reference.
    """
    parts = [partner, datum.isoformat(), actielijn, stroom, f"{bedrag:.2f}",
             "" if uren is None else str(strip_zeros(uren)), buurt or "", omschrijving]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"h-{digest[:12]}"



def maak_transactie(bijdrage: Bijdrage) -> data.Transaction:
    """The ledger entry for a contribution (see docs/ledgertaal.md, Transactions).

    Own money and staff time go to the actielijn's ``EIGEN`` leaf against
    ``Equity:Inbreng-partners``; programme money to the stream leaf against the partner's
    advance ``Assets:Voorschot:<PARTNER>``.
    """
    meta = data.new_metadata(bijdrage.pad, bijdrage.rij)
    meta[META_KENMERK] = bijdrage.kenmerk
    meta[META_BRON] = bijdrage.bron
    posting_meta: dict[str, Any] = {"partner": bijdrage.partner}
    if bijdrage.buurt:
        posting_meta["buurt"] = bijdrage.buurt
    if bijdrage.uren is not None:
        posting_meta["uren"] = bijdrage.uren
    units = amount_lib.Amount(bijdrage.bedrag, model.CURRENCY)
    postings = [
        data.Posting(bijdrage.actielijn.leaf(bijdrage.stroom), units, None, None, None, posting_meta),
        data.Posting(bijdrage.tegenrekening, -units, None, None, None, None),
    ]
    links = frozenset({bijdrage.link}) if bijdrage.link else data.EMPTY_SET
    return data.Transaction(meta, bijdrage.datum, "*", bijdrage.partner, bijdrage.omschrijving,
                            data.EMPTY_SET, links, postings)



def boeking_partner(entry: data.Transaction) -> str | None:
    """The partner an imported transaction is from."""
    for posting in entry.postings:
        partner = model.posting_meta(posting, entry, "partner")
        if partner:
            return str(partner)
    return None


def boeking_sleutel(entry: data.Directive) -> tuple[str, str] | None:
    """(partner, kenmerk) of an imported transaction (one with ``kenmerk`` and ``bron``)."""
    if not isinstance(entry, data.Transaction):
        return None
    kenmerk = entry.meta.get(META_KENMERK)
    if kenmerk is None or META_BRON not in entry.meta:
        return None
    partner = boeking_partner(entry)
    return (partner, str(kenmerk)) if partner else None


def boeking_inhoud(entry: data.Transaction) -> tuple[Any, ...]:
    """What an imported transaction says, for comparing (ignores derived postings, bron)."""
    postings = []
    for posting in entry.postings:
        if posting.meta and posting.meta.get("__derived__"):
            continue
        number = posting.units.number if posting.units is not None else None
        meta = posting.meta or {}
        postings.append((posting.account, None if number is None else str(number),
                         *(str(meta.get(key, "")) for key in ("partner", "buurt", "uren"))))
    return (entry.date, entry.payee, entry.narration, tuple(sorted(postings)),
            tuple(sorted(entry.links or ())), str(entry.meta.get(META_KENMERK)))


@functools.lru_cache(maxsize=256)
def bron_naam(pad: str | Path) -> str:
    """The file name as ``bron`` metadata holds it (made safe to display, ``veilige_tekst``)."""
    return veilige_tekst(Path(pad).name)


def bron_bestand(bron: str) -> str:
    """The file name part of a ``bron`` value (``x.csv rij 4`` -> ``x.csv``)."""
    match = re.match(r"^(.*?)(?: blad .*)? rij \d+$", bron)
    return match.group(1) if match else bron


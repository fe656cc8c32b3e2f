"""Actor recognition and coding over one parsed document.

``ActorIndex`` finds the document's actors (countries, organisations, named people with their
titles, groups such as "the cartels") and codes any noun phrase head to a CAMEO-style actor
(``USAMIL``, ``MEXGOV``, ``MEXCRM``). It carries the document's own coreference: a full name,
then the surname, then "the admiral", then he/she, and "they" for the last plural group.

Rules of thumb, after the CAMEO actor codebook (Schrodt 2012): country first, then sector;
a named organisation's code wins over generic agent words; the longest dictionary match wins.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import pycountry
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from eventwire.actors.dictionary import (NON_ISO_COUNTRIES, SECTOR_CODES, ActorDictionary, alpha3_of,
                                         default_dictionary, fold_accents)
from eventwire.records import Actor, ActorRef, Document, Place

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "them"}
# Demonyms that written in lower case are English words ("polish the record")
_WORD_DEMONYMS = {"Polish"}

# Words for states that a counted pair stands for ("the two countries signed ...")
_STATE_NOUNS = {"country", "nation", "state", "neighbour", "neighbor", "government"}
# Bodies that news refers back to as "they" ("the union said they would strike"); not single people
_COLLECTIVE_BODIES = {"union", "government", "party", "ministry", "council", "committee", "movement", "group",
                      "coalition", "alliance", "army", "police", "administration", "company", "federation", "league",
                      "association", "front", "militia", "junta", "opposition", "parliament", "congress", "senate"}
_RELATIVE = {"who", "that", "which", "whom"}
# Epithets that wire copy uses for one country in particular (modifier, head) -> ISO alpha-3
_FIXED_EPITHETS = {("jewish", "state"): "ISR", ("zionist", "entity"): "ISR", ("zionist", "regime"): "ISR",
                   ("islamic", "republic"): "IRN", ("hermit", "kingdom"): "PRK"}
# Heads of a definite phrase that refers back to a country named before it: "the communist state",
# "the Gulf kingdom", "the country's defence minister"
_EPITHET_HEADS = {"country", "nation", "state", "kingdom", "republic", "emirate", "sultanate", "monarchy",
                  "archipelago"}
# Sectors whose holders are usually of the story's home country when the text names none.
_DOMESTIC_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
# International organisations' codes have no country part (IGOUNO, IGONAT, EUR ...).
_NON_COUNTRY = {"UNO", "NAT", "EUR", "AFR", "ARL", "ASN", "OAS", "IGO", "NGO", "IMG", "WST"}
# Title words that name military rank: they decide a person's sector over civilian words.
_RANKS = {"admiral", "general", "commander", "captain", "colonel", "lieutenant", "major", "sergeant", "marshal",
          "gen.", "lt.", "col.", "maj.", "adm.", "brig.", "capt.", "sgt.", "cmdr.", "gen", "lt", "col", "brigadier"}
# Civilian offices whose names contain a rank word ("Secretary-General", "Attorney General").
_CIVIL_GENERALS = ("secretary-general", "secretary general", "attorney general", "attorney-general",
                   "director-general", "director general", "solicitor general", "inspector general",
                   "consul general", "governor-general", "governor general", "surgeon general", "major general")
_NP_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
# Heads that only count or part their "of" phrase: "thousands of protesters", "members of the cartel".
_QUANTITY_HEADS = {"thousand", "hundred", "dozen", "dozens", "million", "group", "member", "some", "many",
                   "number", "crowd", "band", "unit", "contingent", "team", "delegation", "representative",
                   "mob", "throng", "handful", "couple", "score", "scores"}
# Heads that take the code of the group they belong to ("the head of the Jalisco cartel" -> MEXCRM).
# Heads that "Western" makes the Western powers as a bloc (CAMEO WST): "Western allies", "Western donors".
_WESTERN_HEADS = {"ally", "allies", "power", "powers", "nation", "nations", "country", "countries", "government",
                  "governments", "partner", "partners", "donor", "donors", "capital", "capitals"}
# Words that make a force or service a branch of its own: "the air force" is not the "Russian forces"
# named before it, while "the drug cartels" are the "Mexican cartels".
_BRANCH_WORDS = {"air", "naval", "border", "security", "special", "paramilitary", "presidential", "republican",
                 "coast", "riot", "military", "federal", "state", "secret", "national"}
# Sectors of office, which a "former" holder no longer acts for.
_OFFICE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
_MEMBER_HEADS = {"head", "chief", "boss", "member", "founder", "leader", "commander", "spokesman", "spokeswoman",
                 "dissident", "defector", "splinter",
                 "representative", "envoy", "delegation", "wing", "faction", "branch", "unit", "cell"}
# Places attacked or occupied stand for their country ("attacked the Ukrainian town").
_PLACE_HEADS = {"town", "city", "village", "region", "province", "area", "border", "base", "post", "port",
                "capital", "territory", "district", "state", "embassy", "consulate", "outpost", "camp"}
# Missions abroad belong to the sending country; "in X" is only where they sit.
_MISSION_HEADS = {"embassy", "consulate", "mission", "legation", "high commission"}
_MATCHERS: dict[int, PhraseMatcher] = {}


@dataclass
class _Mention:
    start: int  # char offset
    end: int
    actor: int  # index into ActorIndex.records
    token_i: int  # head token index
    plural: bool = False


class ActorIndex:
    """The actors of one document and a coder for noun phrases.

    sdoc: the parsed document (its text has the offsets of ``document.text``);
    document: the source Document (its dateline country is the fallback home country).
    ``records`` is the list of ``Actor`` written to the output; ``code_token(tok)`` codes a head token.
    """

    def __init__(self, sdoc: Doc, document: Document, places: list[Place] | None = None,
                 dictionary: ActorDictionary | None = None):
        self.sdoc = sdoc
        self._place_spans = [p.span for p in places or [] if p.geonameid is not None]
        # char span -> country of resolved places inside a country (states, provinces, towns)
        self._subnational = _subnational_places(places or [], document)
        self.document = document
        self.dictionary = dictionary or default_dictionary()
        self.records: list[Actor] = []
        self._keys: dict[str, int] = {}
        self._token_actor: dict[int, int] = {}
        self._mentions: list[_Mention] = []
        self._dict_spans: dict[int, tuple[str, object]] = {}  # token i -> ("country"|"org", entry)
        self._speakers: tuple[list[int], list[int]] | None = None  # see last_speaking_actor
        self._all_caps = sdoc.text.isupper()  # Doc.text is rebuilt on every access: read it once
        self.home_country = self._dateline_country(places or []) or _dominant_country(places or [])
        # token index -> (sentence start token, sentence start char); Token.sent recomputes on every call
        self._sent_of = {t.i: (s.start, s.start_char) for s in sdoc.sents for t in s}
        self._sent_starts = sorted({start for _, start in self._sent_of.values()})  # char offsets, in order
        self._find_dictionary_spans()
        self._find_people()
        self._find_groups()
        self._acronyms: set[int] = set()  # token indexes of acronyms naming a group ("NAF")
        self._find_acronyms()
        self._mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]

    # ---- recognition -------------------------------------------------------------------------
    def _matcher(self) -> PhraseMatcher:
        key = id(self.dictionary)
        if key not in _MATCHERS:
            m = PhraseMatcher(self.sdoc.vocab, attr="ORTH")
            make = self.sdoc.vocab.strings.add
            tok = _tokenizer_for(self.sdoc)
            for phrase, entry in self.dictionary.countries.items():
                forms = [phrase, phrase.upper()]
                if entry.kind == "demonym" and not phrase.endswith(("s", "ese", "sh", "ch")):
                    forms += [phrase + "s", phrase.upper() + "S"]  # "Albanians", "the Mexicans"
                if entry.kind == "demonym" and len(phrase) > 4 and " " not in phrase and phrase not in _WORD_DEMONYMS:
                    # "tunisian rioters": careless capitals in user text. Only adjectives: a lower-case
                    # name is mostly a word ("island", "jersey", "turkey", "china")
                    forms.append(phrase.lower())
                m.add("country:" + phrase, [tok(f) for f in forms])
                make("country:" + phrase)
            for phrase in self.dictionary.organisations:
                forms = [phrase, phrase.upper()]
                if phrase[:1].islower():
                    forms.append(phrase[:1].upper() + phrase[1:])  # "Al-Shabaab said" opening a sentence
                m.add("org:" + phrase, [tok(f) for f in forms])
            for phrase in self.dictionary.regions:
                m.add("region:" + phrase, [tok(phrase), tok(phrase.upper())])
            _MATCHERS[key] = m
        return _MATCHERS[key]

    def _find_dictionary_spans(self) -> None:
        spans = []
        matches = list(self._matcher()(self.sdoc))
        folded = _folded_doc(self.sdoc)
        if folded is not None:  # "Perú", "Côte d'Ivoire" written with accents: the tables are unaccented
            seen = set(matches)
            matches += [m for m in self._matcher()(folded) if m not in seen]
        for match_id, start, end in matches:
            label = self.sdoc.vocab.strings[match_id]
            spans.append(Span(self.sdoc, start, end, label=label))
        for span in filter_spans(spans):  # longest match wins, no overlaps
            kind, phrase = span.label_.split(":", 1)
            if kind == "region":
                continue
            if kind == "country" and self._inside_longer_place(span):
                continue  # "New Mexico", "New South Wales", "New Jersey": a state, not the country inside its name
            if kind == "country" and self.dictionary.countries[phrase].kind != "demonym" and _first_name_of_person(span):
                continue  # "Vice-President Hamilton Mourao", "Israel Katz": a first name, not Bermuda or Israel
            if kind == "country":
                entry = self.dictionary.countries[phrase]
                if phrase == "US" and span.text == "US" and self._is_pronoun_us(span):
                    continue
                for t in span:
                    self._dict_spans[t.i] = ("country", entry)
                if entry.kind != "demonym" or span.root.pos_ in ("PROPN", "NOUN") and span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                    # a country named as a participant ("Mexico", "Washington said", "the Mexicans")
                    idx = self._actor(entry.country, code=entry.country, country=entry.country, sector=None,
                                      kind="country", name=_country_name(self.dictionary, entry.country))
                    self._mention(span, idx)
            else:
                entry = self.dictionary.organisations[phrase]
                for t in span:
                    self._dict_spans[t.i] = ("org", entry)
                idx = self._actor("org:" + entry.code + ":" + phrase, code=entry.code, country=entry.country,
                                  sector=entry.sector, kind="organisation", name=phrase)
                self._mention(span, idx)

    def _inside_longer_place(self, span: Span) -> bool:
        """Whether a country phrase is only part of a longer resolved place of another country."""
        for (s, e), country in self._subnational.items():
            if s <= span.start_char and span.end_char <= e and (s, e) != (span.start_char, span.end_char):
                entry = self.dictionary.countries.get(span.label_.split(":", 1)[1])
                return entry is not None and entry.country != country
        return False

    def _place_country(self, tok: Token) -> str | None:
        """The country (ISO alpha-3) of the resolved subnational place ``tok`` is part of ("Alberta" -> CAN)."""
        for (s, e), country in self._subnational.items():
            if s <= tok.idx < e:
                return country
        return None

    def _is_pronoun_us(self, span: Span) -> bool:
        # "US" in ALL-CAPS text can be the pronoun "us" ("TOLD US"): a pronoun has a verb or preposition head.
        return self._all_caps and span.root.dep_ in ("dobj", "pobj", "dative") and span.root.head.pos_ in ("VERB", "ADP")

    def _is_known_person(self, name: str) -> bool:
        name = fold_accents(name)
        return name in self.dictionary.people or name in self.dictionary.surname_owners

    def person_spans(self) -> list[tuple[int, int]]:
        """Character spans of all mentions of people (for callers that must not read them as places)."""
        return [m for a in self.records if a.kind == "person" for m in a.mentions]

    def _known_people_spans(self) -> list[Span]:
        """Names from the people table the NER did not tag PERSON: full names, and surnames that only
        one table entry has ("Obama", "Putin")."""
        surname_owner = self.dictionary.surname_owners
        out = []
        for tok in self.sdoc:
            if tok.pos_ != "PROPN" or tok.ent_type_ in ("PERSON", "DATE", "TIME") or tok.i in self._dict_spans:
                continue  # "in May" is the month, not Theresa May
            for name in sorted(surname_owner.get(tok.text, ())):
                n = len(name.split())
                start = tok.i - n + 1
                if start >= 0 and self.sdoc[start: tok.i + 1].text == name:
                    out.append(self.sdoc[start: tok.i + 1])
                    break
            else:
                if self.dictionary.surname_person(tok.text) is not None:
                    out.append(self.sdoc[tok.i: tok.i + 1])
        return out

    def _find_people(self) -> None:
        known = self._known_people_spans()
        # a tagger's span that cuts across a known office holder's name ("Mian Nawaz" of "Mian Nawaz
        # Sharif") is that person, not another one
        ents = [e for e in self.sdoc.ents if e.label_ == "PERSON"
                and not any(k.start < e.end and e.start < k.end and (k.start, k.end) != (e.start, e.end) for k in known)]
        ents += known
        ents = [_trim_possessive(e) for e in ents]
        # a place the NER took for a person ("Ciudad Juarez") is a place; a known office holder
        # whose name is also a town ("Obama", Japan) is a person
        ents = [e for e in ents if e is not None and not any(t.i in self._dict_spans for t in e)
                and (self._is_known_person(e.text)
                     or not any(s < e.end_char and e.start_char < t for s, t in self._place_spans))]
        surnames: dict[str, int] = {}
        # Full names first, so that a later bare surname joins the full-name actor.
        for ent in sorted(ents, key=lambda e: (-len(e), e.start)):
            key = ent.text if len(ent) > 1 else None
            last = ent[-1].text
            if key is None and last in surnames:
                idx = surnames[last]
            elif (key is not None and last in surnames and self.records[surnames[last]].name.endswith(last)
                  and set(key.split()) <= set(self.records[surnames[last]].name.split())):
                # "Barack Obama" after "President Barack Hussein Obama"; but "Mian Nawaz" is not the
                # "Kalsum Nawaz" named before, whatever the shared last word
                idx = surnames[last]
            else:
                idx = self._actor("person:" + ent.text, code=None, country=None, sector=None, kind="person", name=ent.text)
                surnames.setdefault(last, idx)
            self._add_titles(idx, ent)
            self._mention(ent, idx)
        # Surnames the NER missed ("Mullen said") join their person.
        for tok in self.sdoc:
            if (tok.pos_ == "PROPN" and tok.text in surnames and tok.i not in self._token_actor
                    and tok.i not in self._dict_spans and tok.ent_type_ not in ("DATE", "TIME")):
                self._mention(self.sdoc[tok.i: tok.i + 1], surnames[tok.text])
        for idx, actor in enumerate(self.records):
            if actor.kind == "person":
                self._code_person(idx)
                self._code_known_person(idx, surnames)

    def _code_known_person(self, idx: int, surnames: dict[str, int]) -> None:
        """Office holders in the people table are coded by the office held on the publication date."""
        actor = self.records[idx]
        d = self.dictionary
        name = actor.name if actor.name in d.people else fold_accents(actor.name)
        if name not in d.people and len(name.split()) == 1:
            # a bare surname ("Obama") matches a table entry when exactly one person has it
            name = d.surname_person(name) or name
        elif name not in d.people:
            # a longer form of a table name ("Mian Nawaz Sharif" for "Nawaz Sharif"): its last words
            words = name.split()
            name = next((" ".join(words[i:]) for i in range(1, len(words) - 1) if " ".join(words[i:]) in d.people), name)
        code = d.person_code(name, self.document.published)
        if self.document.published is None and actor.sector and name in d.people:
            # an undated story: the office the text's own title names ("General David Petraeus" is the
            # general, not the later CIA director the latest term would give)
            titled = [t for t in d.people[name] if t.code[3:6] == actor.sector]
            if titled:
                code = max(titled, key=lambda t: t.start).code
        if code is None and name not in d.people:
            code = self._shared_surname_code(name)
        if code is None:
            return
        if actor.sector == "ELI" and code[:3] not in _NON_COUNTRY:
            code = code[:3] + "ELI"  # the text says "former": out of office, whatever the table's dates
        if actor.code and actor.code.startswith(code[:3]) and len(actor.code) > len(code):
            return  # the text's own title is more specific ("Defense Secretary" -> MIL)
        if len(code) == 3 and actor.sector and actor.code == actor.sector:
            code += actor.sector  # out of office, but the text's title gives the sector ("President Bush")
        actor.code, actor.known = code, True
        actor.country = None if code[:3] in _NON_COUNTRY else code[:3]
        actor.sector = code[3:6] or None

    def _shared_surname_code(self, name: str) -> str | None:
        """Code for a surname that several table entries share ("Bush"): the one of them in office on
        the publication date, else their common country when they all have the same one; else None."""
        d = self.dictionary
        owners = sorted(d.surname_owners.get(name.split()[-1], ()))
        if len(owners) < 2:
            return None
        codes = [d.person_code(n, self.document.published) for n in owners]
        in_office = {c for c in codes if c and len(c) > 3}
        if len(in_office) == 1:
            return next(iter(in_office))
        countries = {c[:3] for c in codes if c}
        if len(countries) == 1 and None not in codes and not in_office:
            return next(iter(countries))
        return None

    def _add_titles(self, idx: int, ent: Span) -> None:
        actor = self.records[idx]
        root = ent.root
        left = [t for t in self.sdoc[root.left_edge.i: ent.start] if t.pos_ not in ("DET", "PUNCT")]
        if left:
            title = self.sdoc[left[0].i: left[-1].i + 1].text.strip(" ,")
            if title and title not in actor.titles and any(c.isalpha() for c in title):
                actor.titles.append(title)
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > root.i:
                # "Ali Reza of the Iranian foreign ministry": the body the person speaks for
                objs = [o for o in child.children if o.dep_ == "pobj"]
                if objs:
                    toks = list(objs[0].subtree)
                    title = self.sdoc[toks[0].i: toks[-1].i + 1].text.strip(" ,")
                    if title.lower().startswith(("the ", "a ", "an ")):
                        title = title.split(" ", 1)[1]
                    if title and title not in actor.titles and any(c.isalpha() for c in title):
                        actor.titles.append(title)
            if child.dep_ == "appos" and child.i > root.i:
                toks = [t for t in child.subtree if not _inside_clause(t, child)]
                title = self.sdoc[toks[0].i: toks[-1].i + 1].text.strip(" ,")
                if title.lower().startswith(("the ", "a ", "an ")):
                    title = title.split(" ", 1)[1]
                if title and title not in actor.titles:
                    actor.titles.append(title)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            head_title = " ".join(t.text for t in root.head.subtree if t.i < root.i and t.pos_ not in ("DET", "PUNCT"))
            if head_title and head_title not in actor.titles:
                actor.titles.append(head_title)

    def _code_person(self, idx: int) -> None:
        actor = self.records[idx]
        country = sector = None
        for title in actor.titles:
            c, s, rank = self._code_title(title, exclude=idx)
            if rank:
                sector = "MIL"
            country = country or c
            sector = sector or s
        if country is None and sector is not None and sector not in ("IGO", "NGO"):
            country = self.home_country  # a titled person in a datelined story is usually local
        actor.country, actor.sector = country, sector
        actor.code = (country or "") + (sector or "") or None
        actor.known = actor.code is not None

    def _code_title(self, title: str, exclude: int) -> tuple[str | None, str | None, bool]:
        """Country, sector and whether a military rank is named, for one title string."""
        d = self.dictionary
        country = sector = None
        # "Somalia's President": the owner's name without its possessive ending
        words = [w[:-2] if w.endswith(("'s", "’s")) else w
                 for w in title.replace(",", " ").replace(" 's", "'s").replace(" ’s", "’s").split()]
        low_title = title.lower()
        civil = any(g in low_title for g in _CIVIL_GENERALS[:-1])  # "major general" is a rank
        rank = not civil and any(w.lower() in _RANKS for w in words)
        for n in range(len(words), 0, -1):  # longest phrases first
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i: i + n])
                if country is None and phrase in d.countries:
                    country = d.countries[phrase].country
                if phrase in d.organisations:
                    org = d.organisations[phrase]
                    country = country or org.country
                    sector = sector or org.sector
                low = phrase.lower()
                if sector is None and low in d.agents:
                    sector = d.agents[low]
                if sector is None and low.endswith("s") and low[:-1] in d.agents:
                    sector = d.agents[low[:-1]]
        if sector in _OFFICE_SECTORS and any(w.lower() in ("former", "ex", "ex-") or w.lower().startswith("ex-")
                                             for w in words):
            sector = "ELI"  # "former President X": out of office, one of the country's elites (CAMEO ELI)
        if country is None:  # "a spokesman for Petraeus": the principal's country
            for w in words:
                for other, a in enumerate(self.records):
                    if other != exclude and a.kind == "person" and a.name.split()[-1] == w and a.country:
                        country = a.country
        return country, sector, rank

    def _find_groups(self) -> None:
        """Generic agents ("the cartels", "the mayor", "police"), and "the admiral" for a known admiral."""
        self._person_mentions = sorted((m.start, m.actor) for m in self._mentions
                                       if self.records[m.actor].kind == "person")
        # title word -> the person mentions (offsets ascending, actors) whose person holds such a title
        self._title_index: dict[str, tuple[list[int], list[int]]] = {}
        kinds: dict[int, set[str]] = {}  # group actor -> the kind words of its first mention ("air" force)
        words_of = {a: {w for t in self.records[a].titles for w in t.lower().split()}
                    for a in {actor for _, actor in self._person_mentions}}
        for start, actor in self._person_mentions:
            for w in words_of[actor]:
                starts, actors = self._title_index.setdefault(w, ([], []))
                starts.append(start)
                actors.append(actor)
        for tok in self.sdoc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self._token_actor:
                continue
            person = self._title_reference(tok)
            if person is not None:
                self._mention(self.sdoc[tok.i: tok.i + 1], person)
                continue
            person = self._apposed_person(tok) if self._agent_sector(tok) is not None else None
            if person is not None:
                self._mention(self.sdoc[tok.i: tok.i + 1], person, start=_np_start(tok))
                continue
            if self._agent_sector(tok) is None:
                continue
            ref = self._code_phrase(tok)
            if ref is None:
                continue
            key = f"group:{ref.code or ''}:{tok.lemma_.lower()}"
            if ref.country is None and _several_parties(tok):
                key += ":several"  # "the two governments" are not the one government named elsewhere
            idx = self._actor(key, code=ref.code, country=ref.country, sector=ref.sector, kind="group",
                              name=_np_text(tok), known=ref.country is not None)
            kinds.setdefault(idx, self._kind_words(tok))
            # ("Rebels in Mali said": a capitalised plural the tagger took for a singular name)
            plural = tok.tag_ in ("NNS", "NNPS") or (
                tok.pos_ == "PROPN" and tok.lower_.endswith("s") and tok.lower_[:-1] in self.dictionary.agents)
            self._mention(self.sdoc[tok.i: tok.i + 1], idx, plural=plural, start=_np_start(tok))
        # "drug cartels" takes the country of "Mexican cartels" when the document names only one; "the air
        # force" is no kind of "Russian forces" (its own kind word is not theirs)
        known: dict[tuple[str, str], list[tuple[str, set[str]]]] = {}
        groups = [(key, idx) for key, idx in self._keys.items() if key.startswith("group:")]
        for key, idx in groups:
            a = self.records[idx]
            if a.country:
                known.setdefault((a.sector, key.rsplit(":", 1)[1]), []).append((a.country, kinds.get(idx, set())))
        for key, idx in groups:
            a = self.records[idx]
            countries = {c for c, k in known.get((a.sector, key.rsplit(":", 1)[1]), []) if kinds.get(idx, set()) <= k}
            if a.country is None and len(countries) == 1:
                a.country = next(iter(countries))
                a.code = a.country + (a.sector or "")
                a.known = True

    def _apposed_person(self, tok: Token) -> int | None:
        """The person a title noun stands in apposition with ("the foreign minister, Sergei Lavrov," and
        "Sergei Lavrov, the foreign minister,"): one actor, not a second group; None when there is none
        or the person has no code."""
        near = [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
        for other in near:
            idx = self._token_actor.get(other.i)
            if idx is not None and self.records[idx].kind == "person" and self.records[idx].code:
                return idx  # a person with no code would lose what the title noun is coded with
        return None

    def _find_acronyms(self) -> None:
        """An acronym defined in brackets after an actor ("the Nigerian Air Force (NAF)") names that actor
        there and wherever the document uses it again ("the NAF said"); acronyms in the tables are left
        to them."""
        doc = self.sdoc
        defined: dict[str, int] = {}
        for tok in doc:
            if tok.i < 2 or tok.i + 1 >= len(doc) or tok.i in self._dict_spans or tok.i in self._token_actor:
                continue
            if not (tok.is_upper and tok.is_alpha and len(tok.text) >= 2) or doc[tok.i - 1].text != "(" \
                    or doc[tok.i + 1].text != ")":
                continue
            idx = self._token_actor.get(doc[tok.i - 2].i)
            if idx is not None and self.records[idx].code and tok.text not in defined:
                defined[tok.text] = idx
        if not defined:
            return
        for tok in doc:
            idx = defined.get(tok.text)
            if idx is not None and tok.i not in self._token_actor and tok.i not in self._dict_spans:
                self._mention(doc[tok.i: tok.i + 1], idx)
                self._acronyms.add(tok.i)

    def _title_reference(self, tok: Token) -> int | None:
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            return None
        # the person of the last mention before the noun whose titles contain it ("the admiral")
        found = self._title_index.get(tok.lemma_.lower())
        if found is None:
            return None
        i = bisect_left(found[0], tok.idx)
        return found[1][i - 1] if i > 0 else None

    # ---- bookkeeping -------------------------------------------------------------------------
    def _actor(self, key: str, *, code, country, sector, kind, name, known=True) -> int:
        if key not in self._keys:
            self._keys[key] = len(self.records)
            self.records.append(Actor(name=name, code=code, country=country, sector=sector, kind=kind, known=known))
        return self._keys[key]

    def _mention(self, span: Span, idx: int, plural: bool = False, start: int | None = None) -> None:
        # start: where the mention's noun phrase begins when it is longer than ``span`` ("Turkish officials"
        # for the head "officials"); only the tokens of ``span`` belong to the actor
        start, end = span.start_char if start is None else start, span.end_char
        actor = self.records[idx]
        if [start, end] not in actor.mentions and (start, end) not in actor.mentions:
            actor.mentions.append((start, end))
        for t in span:
            self._token_actor[t.i] = idx
        self._mentions.append(_Mention(start, end, idx, span.root.i, plural))

    def _dateline_country(self, places: list[Place]) -> str | None:
        dl = self.document.dateline
        if dl is None:
            return None
        for p in places:  # the resolved dateline place ("MALE" -> Maldives)
            if p.span[0] == dl.span[0] and p.country:
                found = alpha3_of(p.country)
                if found:
                    return found
        place = dl.text.split(",")[0].strip().title()
        entry = self.dictionary.countries.get(place)
        if entry is not None:
            return entry.country
        capital = {e.phrase.lower(): e.country for e in self.dictionary.countries.values() if e.kind == "capital"}
        return capital.get(place.lower())

    # ---- coding ------------------------------------------------------------------------------
    def _agent_sector(self, tok: Token) -> str | None:
        agents = self.dictionary.agents
        lemma = tok.lemma_.lower()
        for mod in tok.children:
            if mod.dep_ in ("compound", "amod") and mod.i < tok.i:
                sector = agents.get(f"{mod.lemma_.lower()} {lemma}") or agents.get(f"{mod.lower_} {tok.lower_}")
                if sector:
                    return sector
        for p in tok.children:  # "prisoners of war": a phrase completed by its "of" phrase
            if p.dep_ == "prep" and p.lower_ == "of":
                sector = next((agents.get(f"{lemma} of {o.lower_}") for o in p.children
                               if o.dep_ == "pobj" and agents.get(f"{lemma} of {o.lower_}")), None)
                if sector:
                    return sector
        found = agents.get(lemma) or agents.get(tok.lower_)
        if found is None and tok.pos_ == "PROPN" and tok.lower_.endswith("s"):
            found = agents.get(tok.lower_[:-1])  # "Rebels attacked ...": a capitalised plural the tagger took for a name
        if found == "CVL":
            # "Mafia suspects", "rebel suspects", "cartel members": a generic person word takes the sector of
            # the group word before it
            for mod in tok.children:
                if mod.dep_ in ("compound", "amod") and mod.i < tok.i:
                    sector = agents.get(mod.lemma_.lower()) or agents.get(mod.lower_)
                    if sector and sector not in ("CVL", "GOV", "MIL", "COP", "JUD", "LEG"):
                        return sector
        return found

    def _title_sector(self, tok: Token) -> str | None:
        """Sector of a title word in a name's compounds ("President", "Minister", "General")."""
        agents = self.dictionary.agents
        low = tok.lower_
        if low in _RANKS:
            return "MIL"
        return agents.get(low) if tok.pos_ == "PROPN" and low not in ("leader", "secretary", "agent") else None

    def _code_phrase(self, head: Token, loose: bool = False) -> ActorRef | None:
        """Code a noun phrase from its own words: country/org/agent words among its modifiers.

        loose: a nationality word alone makes an actor ("Israeli bulldozers" -> ISR), as event
        arguments are coded; strict (default) needs an agent word, organisation or country name.
        """
        # "the Taliban and U.S. envoys": a first conjunct hung on the head as a modifier is an actor of its
        # own (code_token_all codes it), not a modifier of the head; its conjuncts still modify the head
        listed = {c.i for c in head.children if c.dep_ == "nmod" and c.i < head.i and self._listed_party(c)}
        tokens = [head] + [t for c in head.children if c.dep_ in _NP_DEPS and c.i < head.i for t in c.subtree
                           if t.i not in listed]
        if head.dep_ == "compound" and head.head.i > head.i:
            # "an Indian defence ministry statement": the nationality before the whole compound is the body's
            tokens += [c for c in head.head.children if c.dep_ == "amod" and c.i < head.i]
        sector = self._agent_sector(head)
        if sector is None and head.lemma_.lower() in _PLACE_HEADS | {"station", "headquarters", "building", "office",
                                                                     "convoy", "patrol", "checkpoint", "barracks"}:
            # "a police post", "an army base", "a government convoy": the owner's sector
            agents = self.dictionary.agents
            sector = next((agents[c.lemma_.lower()] for c in head.children
                           if c.dep_ in ("compound", "amod") and c.i < head.i and c.lemma_.lower() in agents), None)
        if sector is None and head.pos_ == "PROPN":
            # an unlisted name after a title: "Vice-President Jane Doe", "Interior Minister Ali X"
            sector = next((s for s in (self._title_sector(c) for c in head.children
                                       if c.dep_ == "compound" and c.i < head.i) if s), None)
        place_head = head.lemma_.lower() in _PLACE_HEADS
        whereabouts: set[int] = set()  # tokens of "in X"/"at X" phrases: where the actor is, not whose it is
        for c in head.children:  # "the government of Mexico", "chairman of the national security council", "the government in Kabul",
            member = head.lemma_.lower() in _MEMBER_HEADS  # "dissidents from Myanmar"
            # "troops from X" is often whence they go ("pulled troops from X"), but as the subject it is
            # where they come from ("Troops from Ghana attacked ..."); "a delegation from X" is X's
            origin = c.lower_ == "from" and (
                (sector is not None and (sector != "MIL" or head.dep_ in ("nsubj", "nsubjpass")))
                or (member and sector is None))
            located = c.lower_ in ("in", "at") and head.lemma_.lower() in _MISSION_HEADS  # "its embassy in Kabul"
            speaks_for = c.lower_ == "for" and member  # "a spokesman for the interior ministry"
            if (sector or place_head or member) and c.dep_ == "prep" and not located and (
                    c.lower_ in ("of", "in", "at") or origin or speaks_for):
                tokens.extend(t for p in c.children if p.dep_ == "pobj" for t in p.subtree)
                if c.lower_ in ("in", "at"):
                    whereabouts.update(t.i for p in c.children if p.dep_ == "pobj" for t in p.subtree)
                if member and c.lower_ in ("of", "for"):
                    # "the head of the Afghan army", "a leader of the PCC gang": the member's sector is the
                    # body's, also over the member word's own ("leader" alone is GOV)
                    bodies = [p for p in c.children if p.dep_ == "pobj"]
                    sector = next((s for s in (self._agent_sector(p) for p in bodies) if s), None) or sector
                    if any(self._unknown_body(p) for p in bodies):
                        return None  # "the leader of Los Choneros": a body the tables do not know
        country = org = based = None
        located_in = False
        for t in sorted(tokens, key=lambda t: t.i):
            hit = self._dict_spans.get(t.i)
            if hit is not None and hit[0] == "country" and _based_in(t):
                based = based or hit[1].country  # "Pakistan-based militants": where they are based
            if hit is None or _affiliation_word(t):
                continue
            kind, entry = hit
            if kind == "country" and country is None:
                country, located_in = entry.country, t.i in whereabouts
            elif kind == "org" and org is None:
                org = entry
        if located_in and org is not None and org.country:
            country = None  # "Hamas leaders in Cairo", "the ELN rebels in Havana": the group keeps its own country
        if country is None and org is None and sector is not None:
            country = based
        if country is None and org is None and sector is not None:
            # "the Alberta government", "Texas officials", "police in New Jersey": a state or town names the country
            country = next((c for c in (self._place_country(t) for t in sorted(tokens, key=lambda t: t.i)
                                        if t.i not in self._dict_spans) if c), None)
        if org is not None and (head.i in self._token_actor or sector is None):
            country = country or org.country
            sector = org.sector or sector
        elif org is not None:  # "gunmen of the Gulf Cartel": the organisation gives the country
            country = country or org.country
            if head.lemma_.lower() in _MEMBER_HEADS and org.sector:
                sector = org.sector  # "a FARC commander", "the Hamas leader": a member of the group
        elif (sector is None and not (place_head or loose) and self._dict_spans.get(head.i, ("",))[0] != "country"
              and not (country and head.pos_ == "PROPN" and head.ent_type_ == "ORG")):
            # "the Peruvian model", "EU rules": a country word alone does not make an actor; but a named
            # organisation with a country in its name ("the Kenyan Observatory for X") is of that country
            return None
        if country is None and sector is None:
            return None
        code = (country or "") + (sector or "")
        if country is None and org is not None and org.code[:3] in _NON_COUNTRY:
            # "UN peacekeepers" IGOUNO, "NATO troops" IGONATMIL: a transnational body keeps its own code
            code = org.code + (sector if sector and sector not in ("IGO", "NGO") and sector not in org.code else "")
        return ActorRef(text=_np_text(head), code=code or None, country=country, sector=sector)

    def _listed_party(self, mod: Token) -> bool:
        """Whether a coordinated modifier of a head is a party of its own ("the Taliban and U.S. envoys",
        "The Colombian government and FARC rebels") rather than a nationality ("US and Iraqi forces")."""
        return any(c.dep_ == "conj" for c in mod.children) and self._dict_spans.get(mod.i, ("",))[0] != "country"

    def _unknown_body(self, tok: Token) -> bool:
        """Whether ``tok`` names an organisation the tables do not know: a proper name that is no country,
        place, listed organisation or person ("Los Choneros")."""
        return ((tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "")) or tok.ent_type_ == "ORG") and (
                tok.i not in self._dict_spans
                and self._place_country(tok) is None and self._agent_sector(tok) is None
                and not any(c.i in self._dict_spans for c in tok.subtree))

    def code_token(self, tok: Token, *, loose: bool = False, _depth: int = 0) -> ActorRef | None:
        """Code the noun phrase headed by ``tok``; None when it names no actor.

        Resolves relative pronouns to their antecedent, he/she to the last person, they/them to the
        last plural group, "the admiral" to the admiral; returns an ActorRef whose ``actor_ref``
        indexes ``records`` when the phrase is a known document actor.
        """
        if _depth > 3:
            return None
        low = tok.lower_
        if low in _RELATIVE and tok.head.dep_ == "relcl":
            ref = self.code_token(tok.head.head, _depth=_depth + 1)
            if ref is None:  # the parser may attach the clause to the wrong noun: try the nearest one
                for prev in reversed(tok.doc[self._sent_of[tok.i][0]: tok.i]):
                    if prev.pos_ in ("NOUN", "PROPN") and prev.ent_type_ not in ("DATE", "TIME"):
                        ref = self.code_token(prev, _depth=_depth + 1)
                        if ref is not None:
                            break
            return ref
        if tok.lemma_.lower() in _QUANTITY_HEADS or tok.pos_ == "NUM":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.code_token(p, loose=loose, _depth=_depth + 1)
        if tok.pos_ == "PRON":
            idx = self._resolve_pronoun(tok)
            if idx is None:
                return None
            return self._ref(idx, tok.text)
        idx = self._token_actor.get(tok.i)
        if idx is not None:
            actor = self.records[idx]
            at_head = tok.i == _head_of_mention(self, tok) or tok.i in self._acronyms
            if actor.kind in ("person", "organisation") or at_head:
                ref = self._ref(idx, _np_text(tok))
                if actor.kind == "organisation" and actor.country is None and actor.sector and at_head:
                    # "Myanmar's Supreme Court", "the United States Treasury": a body listed without a country
                    # takes the one its phrase names
                    phrase = self._code_phrase(tok)
                    if phrase is not None and phrase.country:
                        code = phrase.country + actor.sector
                        return ActorRef(text=ref.text, code=code, country=phrase.country, sector=actor.sector,
                                        actor_ref=idx)
                if actor.kind == "organisation" and actor.country and actor.sector:
                    # "the Pakistani Taliban": a nationality word before a group's name is its branch there
                    mods = [self._dict_spans[c.i][1].country for c in tok.children
                            if c.dep_ in ("amod", "compound") and c.i < tok.i
                            and self._dict_spans.get(c.i, ("",))[0] == "country"]
                    if mods and mods[0] != actor.country:
                        return ActorRef(text=ref.text, code=mods[0] + actor.sector, country=mods[0],
                                        sector=actor.sector, actor_ref=idx)
                if actor.kind == "country":
                    # "Mexican cartels": a country word inside a bigger phrase is only a modifier
                    phrase = self._code_phrase(tok)
                    if phrase is not None and phrase.sector:
                        return phrase
                if actor.kind == "group" and ref.country is None:
                    owned = self._possessor_country(tok, ref)
                    if owned.country:
                        owned.actor_ref = ref.actor_ref
                        return owned
                return ref
        bloc = self._compass_bloc(tok)
        if bloc is not None:
            return bloc
        ref = self._code_phrase(tok, loose=loose)
        if ref is None:
            return self._epithet_ref(tok)
        if ref.country is None:
            ref = self._possessor_country(tok, ref)
        if ref.country is None:
            ref = self._inherit_country(tok, ref)
        # group mentions link to their record
        idx = self._token_actor.get(tok.i)
        if idx is not None:
            ref.actor_ref = idx
        return ref

    def code_token_all(self, tok: Token, *, loose: bool = False) -> list[ActorRef]:
        """Code the noun phrase headed by ``tok`` as one actor per country its coordinated modifiers
        name: "Polish and Czech diplomats" -> [POLGOV, CZEGOV]; otherwise ``[code_token(tok)]`` (or
        ``[]`` when the phrase names no actor). Each extra actor keeps the sector of the first."""
        ref = self.code_token(tok, loose=loose)
        if ref is None or ref.country is None or tok.pos_ == "PRON":
            return [ref] if ref is not None else []
        ref = self._resident_country(tok, ref)
        out = [ref]
        seen = {ref.country}
        for mod in tok.children:
            if mod.dep_ == "nmod" and mod.i < tok.i and self._listed_party(mod):  # not "US and Iraqi forces"
                # "The Colombian government and FARC rebels": the parser hung the first conjunct on the
                # second as a modifier; it is an actor of its own
                other = self.code_token(mod, loose=loose)
                if other is not None and other.code and other.code != ref.code:
                    out.append(other)
            if mod.dep_ not in ("amod", "compound", "nmod", "poss") or mod.i > tok.i:
                continue
            if self.country_word(mod) is None:
                continue
            conjuncts = list(mod.conjuncts)
            if any(c.dep_ == "cc" for c in mod.children):
                # "Malian and UN troops" parsed with UN as a second modifier of the head, not a conjunct
                conjuncts += [m for m in tok.children if m.dep_ in ("amod", "compound") and mod.i < m.i < tok.i]
            for conj in conjuncts:
                if conj.i > tok.i:
                    continue
                country = self.country_word(conj)
                hit = self._dict_spans.get(conj.i)
                if country is None and hit is not None and hit[0] == "org" and hit[1].code not in seen:
                    # "Afghan and NATO troops": an organisation coordinated with the nationality
                    org = hit[1]
                    seen.add(org.code)
                    sector = ref.sector if ref.sector and ref.sector not in org.code else ""
                    out.append(ActorRef(text=_np_text(tok), code=org.code + sector, country=org.country,
                                        sector=ref.sector or org.sector))
                    continue
                if country is None or country in seen or conj.i > tok.i:
                    continue
                seen.add(country)
                out.append(ActorRef(text=_np_text(tok), code=country + (ref.sector or ""), country=country,
                                    sector=ref.sector))
        if ref.sector:
            out += self._prep_conjoined(tok, ref, seen)
        return out

    def _prep_conjoined(self, tok: Token, ref: ActorRef, seen: set[str]) -> list[ActorRef]:
        """"Ministers from Chile and Argentina": one actor per country the of/from phrase coordinates."""
        out = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if self.country_word(obj) is None:
                    continue
                for conj in obj.conjuncts:
                    country = self.country_word(conj)
                    if country and country not in seen:
                        seen.add(country)
                        out.append(ActorRef(text=_np_text(tok), code=country + (ref.sector or ""), country=country,
                                            sector=ref.sector))
        return out

    def _resident_country(self, tok: Token, ref: ActorRef) -> ActorRef:
        """An ethnic group located in another country is coded with the country it lives in (CAMEO
        practice): "the Albanians of southern Serbia", "ethnic Hungarians in Serbia" -> SRB."""
        hit = self._dict_spans.get(tok.i)
        demonym = hit is not None and hit[0] == "country" and hit[1].kind == "demonym"
        ethnic = any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)
        if not (demonym or ethnic):
            return ref
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                place = next((c for c in (self.country_word(t) for t in obj.subtree) if c), None)
                if place and place != ref.country:
                    return ActorRef(text=ref.text, code=place + (ref.sector or ""), country=place,
                                    sector=ref.sector)
        return ref

    def _ref(self, idx: int, text: str) -> ActorRef:
        a = self.records[idx]
        return ActorRef(text=text, code=a.code, country=a.country, sector=a.sector, actor_ref=idx)

    def _possessor_country(self, tok: Token, ref: ActorRef) -> ActorRef:
        """"The army said its troops ...": a sector-only phrase owned by "its"/"their" takes the country of
        the group, organisation or country the pronoun refers to in the same sentence; one owned by a
        country epithet takes the epithet's country ("the country's defence minister")."""
        if not ref.sector:
            return ref
        for owner in (c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")):
            epithet = self._compass_bloc(owner) or (self._epithet_ref(owner) if owner.pos_ == "NOUN" else None)
            if epithet is not None:
                return ActorRef(text=ref.text, code=epithet.code + ref.sector, country=epithet.country,
                                sector=ref.sector)
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if poss is None:
            return ref
        sent_start = self._sent_of[poss.i][1]
        for m in reversed(self._mentions[: bisect_left(self._starts, poss.idx)]):
            if m.start < sent_start:
                break
            a = self.records[m.actor]
            if a.country and a.kind in ("country", "organisation", "group") and m.token_i != tok.i:
                return ActorRef(text=ref.text, code=a.country + ref.sector, country=a.country, sector=ref.sector)
        return ref

    def _compass_bloc(self, tok: Token) -> ActorRef | None:
        """"The West" and "Western allies" as an actor: the Western powers, CAMEO region code WST (CAMEO
        manual 1.1b3, region codes), never a region called West (Cameroon has one); "the North"/"the South" in a story that
        names either Korea: North or South Korea. None for anything else."""
        if tok.lemma_.lower() in _WESTERN_HEADS and any(c.dep_ == "amod" and c.lower_ == "western" for c in tok.children):
            return ActorRef(text=_np_text(tok), code="WST", country=None, sector=None)  # "Western allies"
        if (tok.text not in ("West", "North", "South") or tok.dep_ == "compound"
                or not any(c.lower_ == "the" for c in tok.children) or any(c.dep_ == "compound" for c in tok.children)):
            return None
        if tok.text == "West":
            return ActorRef(text=_np_text(tok), code="WST", country=None, sector=None)
        if not {"PRK", "KOR"} & {self.records[m.actor].country for m in self._mentions}:
            return None
        korea = {"North": "PRK", "South": "KOR"}[tok.text]
        return ActorRef(text=_np_text(tok), code=korea, country=korea, sector=None)

    def _epithet_ref(self, tok: Token) -> ActorRef | None:
        """The country a definite epithet stands for, as an actor with no sector: "the Jewish state" (a
        fixed epithet, ``_FIXED_EPITHETS``), or "the communist state", "the Gulf kingdom", "the country",
        which refer back to a country named before. None for anything else, and for an epithet with no
        such country before it; a phrase with its own country word is not an epithet ("the Syrian state")."""
        head = tok.lemma_.lower()
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        owners = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
        if head in _EPITHET_HEADS and len(owners) == 1 and self.country_word(owners[0]):
            country = self.country_word(owners[0])  # "the island nation of Nauru", "the Islamic Republic of Pakistan"
            return ActorRef(text=_np_text(tok), code=country, country=country, sector=None)
        if tok.tag_ not in ("NN", "NNP") or tok.dep_ == "compound" or owners:
            return None  # "the state of emergency"
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        if any(self.country_word(t) for m in mods for t in m.subtree):
            return None
        fixed = next((_FIXED_EPITHETS[(m.lower_, head)] for m in mods if (m.lower_, head) in _FIXED_EPITHETS), None)
        if fixed is not None:
            return ActorRef(text=_np_text(tok), code=fixed, country=fixed, sector=None)
        if tok.pos_ != "NOUN" or head not in _EPITHET_HEADS or (head == "state" and (
                not mods or any(m.lower_ in ("islamic", "federal", "member", "welfare") for m in mods))):
            return None  # "the state" alone is the government in general, or a state of a federation
        region = next((_EPITHET_REGIONS[m.lower_] for m in mods if m.lower_ in _EPITHET_REGIONS), None)
        idx = self._country_named_before(tok, region)
        if idx is None:
            return None
        named = self.records[idx]
        return ActorRef(text=_np_text(tok), code=named.country, country=named.country, sector=None,
                        actor_ref=idx if named.kind == "country" else None)  # the country, not the person

    def _country_named_before(self, tok: Token, region: frozenset[str] | None = None) -> int | None:
        """The actor whose country an epithet at ``tok`` refers back to: the last country or person named
        earlier in its own sentence; otherwise, in the two sentences before, the last one named as a clause subject
        ("Qatar hosted talks with Khartoum. The Gulf state ..."), else the last one named there. ``region``
        (ISO alpha-3 codes) keeps only the countries an epithet's region word allows ("the Gulf state")."""
        sent_start = self._sent_of[tok.i][1]
        starts = self._sent_starts
        window = starts[max(0, bisect_left(starts, sent_start) - 2)]
        earlier = [m for m in self._mentions[: bisect_left(self._starts, tok.idx)]
                   if m.start >= window and self.records[m.actor].kind == "country"
                   and self.records[m.actor].country not in _NON_COUNTRY]
        # in its own sentence a person's country counts too ("Erdogan vowed the country would send aid"), but
        # not a group's ("fishermen seized by the reclusive state" are not the state's own)
        same = [m for m in self._mentions[: bisect_left(self._starts, tok.idx)] if m.start >= sent_start
                and self.records[m.actor].kind in ("country", "person") and self.records[m.actor].country
                and self.records[m.actor].country not in _NON_COUNTRY]
        if region is not None:
            earlier = [m for m in earlier if self.records[m.actor].country in region]
            same = [m for m in same if self.records[m.actor].country in region]
        if same:
            named = self.sdoc[same[-1].token_i]
            if named.dep_ in ("nsubj", "nsubjpass") and named.head.i == _clause_verb(tok).i:
                return None  # "Belarus allowed observers into the country": its own territory, not a party
            return same[-1].actor
        subjects = [m for m in earlier if self.sdoc[m.token_i].dep_ in ("nsubj", "nsubjpass")]
        pick = (subjects or earlier or [None])[-1]
        return pick.actor if pick is not None else None

    def _inherit_country(self, tok: Token, ref: ActorRef) -> ActorRef:
        """A sector-only phrase takes the country of an earlier mention of the same kind ("Mexican cartels")."""
        lemma = tok.lemma_.lower()
        kinds = self._kind_words(tok)
        for m in reversed(self._mentions[: bisect_left(self._starts, tok.idx)]):
            a = self.records[m.actor]
            earlier = self.sdoc[m.token_i]
            if (a.kind == "group" and a.country and a.sector == ref.sector and earlier.lemma_.lower() == lemma
                    and kinds <= self._kind_words(earlier)):  # "the air force" is not the "Russian forces" before
                ref.country, ref.code = a.country, a.country + (ref.sector or "")
                break
        return ref

    @staticmethod
    def _kind_words(tok: Token) -> set[str]:
        """Modifiers that make ``tok`` a branch of its own ("air" of "air force", "border" of "border
        police"), which an earlier mention without them does not stand for."""
        return {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
                and c.lower_ in _BRANCH_WORDS}

    def _speaker_of_report(self, pronoun: Token) -> int | None:
        """The document actor that is the subject of the saying verb whose reported clause ``pronoun`` is
        the subject of, also through a coordinated verb ("X accused Y ... and said it ..."); else None."""
        clause = pronoun.head
        if pronoun.dep_ == "poss" and clause.dep_ in ("nsubj", "nsubjpass"):
            clause, pronoun = clause.head, clause  # "the navy said its commandos captured ...": the navy's
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return None
        verb = clause.head
        if verb.lemma_.lower() not in ("say", "add", "announce", "claim", "insist", "state", "warn", "tell"):
            return None
        while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self._token_actor.get(subject.i) if subject is not None and subject.i < pronoun.i else None

    @staticmethod
    def _speaker_of_clause(subject: Token, pronoun: Token) -> bool:
        """Whether ``subject`` is the subject of a verb whose embedded clause holds ``pronoun``
        ("the union[subject] said they[pronoun] would ...")."""
        verb = subject.head
        return (subject.dep_ == "nsubj" and pronoun.i > verb.i and pronoun.head is not verb
                and any(c.dep_ in ("ccomp", "xcomp") and pronoun in c.subtree for c in verb.children))

    def _resolve_pronoun(self, tok: Token) -> int | None:
        low = tok.lower_
        before = self._mentions[: bisect_left(self._starts, tok.idx)]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl":
            # "the peacekeepers they seized": the subject of a relative clause is never the noun the
            # clause describes
            noun = tok.head.head
            before = [m for m in before if not m.start <= noun.idx < m.end]
        sent_start = self._sent_of[tok.i][1]
        if low in _PERSON_PRONOUNS:
            for m in reversed(before):
                if self.records[m.actor].kind == "person":
                    return m.actor
        elif low in _PLURAL_PRONOUNS:
            for m in reversed(before):
                a = self.records[m.actor]
                if m.plural and a.kind == "group" and m.start >= sent_start - 600:
                    return m.actor
                if (a.kind == "organisation" and a.sector in ("REB", "CRM", "OPP") and m.start >= sent_start
                        and not m.plural):
                    return m.actor  # "the Taliban said they had attacked": armed groups are "they" in news
                if (a.kind in ("group", "organisation") and not m.plural and m.start >= sent_start
                        and self.sdoc[m.token_i].lemma_.lower() in _COLLECTIVE_BODIES
                        and self._speaker_of_clause(self.sdoc[m.token_i], tok)):
                    return m.actor  # "the guild said they would keep striking": a body is "they" too
        elif low == "it":
            speaker = self._speaker_of_report(tok)
            if speaker is not None and self.records[speaker].kind in ("country", "organisation", "group"):
                return speaker  # "X accused Y of ... and said it had destroyed ...": X, the one speaking
            own = _own_subject_span(tok)
            for m in reversed(before):
                if m.start < sent_start:
                    break
                if own[0] <= m.start < own[1]:
                    continue  # "a UN report that accused it": an object "it" is never its own clause's subject
                kind = self.records[m.actor].kind
                if kind in ("country", "organisation") or (kind == "group" and not m.plural
                                                           and self.records[m.actor].country):
                    return m.actor  # "the government said it was ready": a singular group too
        return None

    def country_word(self, tok: Token) -> str | None:
        """The ISO alpha-3 country a token names (name, demonym, capital, or national organisation);
        None for an affiliation ("pro-Iranian", "UK-based")."""
        hit = self._dict_spans.get(tok.i)
        if hit is None or _affiliation_word(tok):
            return None
        kind, entry = hit
        return entry.country

    def paired_parties(self, tok: Token) -> list[ActorRef]:
        """"The two ministers signed ...", "both leaders agreed ...": a counted pair of people or parties
        stands for the last two actors of different countries named before it in the document (each
        keeps its own code). [] when ``tok`` is no such pair or fewer than two such actors precede it."""
        paired = any(c.dep_ == "nummod" and c.lower_ in ("two", "2") for c in tok.children) or any(
            c.lower_ == "both" for c in tok.children)
        if paired and tok.lower_ == "koreas":  # "the two Koreas", "both Koreas"
            return [ActorRef(text=_np_text(tok), code=c, country=c, sector=None) for c in ("PRK", "KOR")]
        states = tok.lemma_.lower() in _STATE_NOUNS  # "the two countries", "both nations": the countries
        if not paired or tok.tag_ not in ("NNS", "NNPS") or (self._agent_sector(tok) is None and not states):
            return []
        before = self._mentions[: bisect_left(self._starts, tok.idx)]
        order = ((("country",), ("person", "group", "organisation", "country")) if states else
                 (("person", "group", "organisation"), ("person", "group", "organisation", "country")))
        for kinds in order:
            # people and bodies first ("the two ministers" are the ministers, not "Seoul" named last)
            out: list[ActorRef] = []
            for m in reversed(before):
                a = self.records[m.actor]
                if a.country and a.kind in kinds and all(r.country != a.country for r in out):
                    out.append(self._ref(m.actor, _np_text(tok)))
                if len(out) == 2:
                    return list(reversed(out))
        return []

    def modifier_actor(self, tokens: list[Token]) -> ActorRef | None:
        """The actor named by modifier words alone ("U.S. military" in "U.S. military airstrikes", "Syrian
        government" in "Syrian government missiles"): a country word and/or a sector word, read from the
        dictionaries without coreference (a bare "army" here is not the army named earlier). None when the
        words name no country, or name more than one."""
        countries = {c for c in (self.country_word(t) for t in tokens) if c}
        sectors = [s for s in (self._agent_sector(t) for t in tokens) if s]
        if len(countries) != 1:
            return None
        country = countries.pop()
        sector = sectors[0] if sectors else None
        text = tokens[0].doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1].text
        return ActorRef(text=text, code=country + (sector or ""), country=country, sector=sector)

    def countries_between(self, start: int, end: int) -> set[str]:
        """Countries of the known actors (people, organisations, groups, countries) mentioned between two
        character offsets; international organisations have none."""
        out = set()
        for m in self._mentions[bisect_left(self._starts, start):]:
            if m.start >= end:
                break
            country = self.records[m.actor].country
            if country and country not in _NON_COUNTRY:
                out.add(country)
        return out

    def actor_at(self, tok: Token) -> int | None:
        """Index of the document actor whose mention covers ``tok``, or None."""
        return self._token_actor.get(tok.i)

    def last_speaking_actor(self, offset: int) -> int | None:
        """The last organisation, group or country before ``offset`` that was the subject of a saying
        verb ("the army said"): what a later "it added" refers to."""
        if self._speakers is None:  # (offset, actor) of every such subject, built once per document
            self._speakers = ([], [])
            for tok in self.sdoc:
                if tok.dep_ == "nsubj" and tok.head.lemma_ in ("say", "add", "announce", "report", "state", "tell"):
                    idx = self._token_actor.get(tok.i)
                    if idx is not None and self.records[idx].kind != "person":
                        self._speakers[0].append(tok.idx)
                        self._speakers[1].append(idx)
        i = bisect_left(self._speakers[0], offset)
        return self._speakers[1][i - 1] if i > 0 else None

    def person_before(self, offset: int) -> int | None:
        """Index of the last person mentioned before char ``offset`` (for "he said")."""
        for m in reversed(self._mentions[: bisect_left(self._starts, offset)]):
            if self.records[m.actor].kind == "person":
                return m.actor
        return None

    def drop_placeholder_codes(self) -> None:
        """Clear the code of actors that are only a sector with no country ("police" -> ``MIL``/``COP``
        when no country could be given): they keep their text and sector, with ``code`` None and
        ``known`` False, as no placeholder code is emitted. Call once coding is done."""
        for a in self.records:
            if is_placeholder_code(a.code, a.country):
                a.code, a.known = None, False

    def fill_country(self, ref: ActorRef, country: str | None) -> ActorRef:
        """Give a sector-only actor the country of the event's place (CAMEO practice for local actors)."""
        international = ref.sector in ("IGO", "NGO", "IMG") or (ref.code or "")[:3] in ("IGO", "NGO", "IMG")
        if ref.country is None and country and ref.sector and not international:
            if country == "PSE" and "settler" in ref.text.lower():
                country = "ISR"  # settlers in the Palestinian territories are Israelis (CAMEO/ICEWS practice)
            ref.country, ref.code = country, country + ref.sector
        return ref


def is_placeholder_code(code: str | None, country: str | None) -> bool:
    """Whether ``code`` is only sector codes with no country ("MIL", "CVL", "GOVMIL"): a placeholder, not an
    actor code. "IGO", "NGO" and "IMG" lead CAMEO codes in a country's place (transnational actors have
    none), so they are real codes, as are "IGOUNO", "USAMIL", "MEXCRM"."""
    if not code or country is not None or len(code) % 3 or code[:3] in _NON_COUNTRY:
        return False
    return all(code[i:i + 3] in SECTOR_CODES for i in range(0, len(code), 3))


# Place names that are also plain directions: too loose to give an actor a country.
COMPASS_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                  "centre", "center", "northeast", "northwest", "southeast", "southwest"}


def _subnational_places(places: list[Place], document: Document) -> dict[tuple[int, int], str]:
    """Char span -> ISO alpha-3 country of each resolved place below country level (GeoNames feature
    classes ADM* and PPL*: states, provinces, districts, towns); countries themselves are left to the
    country table, and the dateline ("BRUSSELS (Reuters) -") names no actor."""
    dateline = tuple(document.dateline.span) if document.dateline is not None else None
    out = {}
    for p in places:
        if tuple(p.span) == dateline or p.text.lower() in COMPASS_WORDS:
            continue  # "the North's leader" is no region of Cameroon
        if p.geonameid is None or not p.country or p.inferred or not (p.feature_code or "").startswith(("ADM", "PPL")):
            continue
        country = alpha3_of(p.country)
        if country:
            out[tuple(p.span)] = country
    return out


def _dominant_country(places: list[Place]) -> str | None:
    """The story's home country when it has no dateline: the country of at least 60% of the resolved
    place mentions (and of two or more), as ISO alpha-3; else None."""
    countries = [p.country for p in places if p.geonameid is not None and p.country]
    if len(countries) < 2:
        return None
    top = max(dict.fromkeys(countries), key=countries.count)  # first-mentioned wins a tie: deterministic
    if countries.count(top) / len(countries) < 0.6:
        return None
    return alpha3_of(top)


# Second parts of "Syrian-backed", "UK-based", "Israeli-occupied": the country word names a sponsor, a seat
# or an occupier, not the actor or place it modifies.
_AFFILIATION_SUFFIXES = {"backed", "based", "funded", "sponsored", "supported", "allied", "aligned", "linked",
                         "style", "inspired", "leaning", "friendly", "occupied", "controlled", "held", "ruled",
                         "administered", "annexed", "run", "dominated"}


# Heads that name one party each; "the two governments", "both sides" are several of them.
_PARTY_HEADS = frozenset({"government", "country", "nation", "state", "side", "party", "administration"})


def _several_parties(tok: Token) -> bool:
    """"the two governments", "both sides": a plural party head counted or paired, which names more than
    one party and so takes no single country from other mentions."""
    return (tok.lemma_.lower() in _PARTY_HEADS and tok.tag_ in ("NNS", "NNPS")
            and any(c.dep_ == "nummod" or c.lower_ in ("both", "all") for c in tok.children))


# Region words in country epithets and the countries (ISO alpha-3) each allows: "the Gulf state" can
# only be a Gulf monarchy (geography, not a codebook).
_EPITHET_REGIONS = {
    "gulf": frozenset({"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}),
    "baltic": frozenset({"EST", "LVA", "LTU"}),
    "balkan": frozenset({"SRB", "HRV", "BIH", "MNE", "MKD", "ALB", "XKX", "KOS", "BGR", "SVN", "GRC", "ROU"}),
    "andean": frozenset({"COL", "PER", "ECU", "BOL", "VEN", "CHL"}),
    "himalayan": frozenset({"NPL", "BTN"}),
    "caribbean": frozenset({"CUB", "HTI", "DOM", "JAM", "TTO", "BHS", "BRB", "GRD", "LCA", "VCT", "ATG", "DMA", "KNA"}),
    "nordic": frozenset({"NOR", "SWE", "DNK", "FIN", "ISL"}),
    "scandinavian": frozenset({"NOR", "SWE", "DNK"}),
}


def _own_subject_span(pronoun: Token) -> tuple[int, int]:
    """Character span of the subject of the clause whose object ``pronoun`` is ("X accused it", "a report
    that accused it": the report, through the relative pronoun); (0, 0) for a subject pronoun."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative"):
        return (0, 0)
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return (0, 0)
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    last = subject.right_edge
    return (subject.left_edge.idx, last.idx + len(last))


def _based_in(t: Token) -> bool:
    """A country word that says where an actor is based: "Pakistan-based militants"."""
    doc = t.doc
    return t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "based"


def _affiliation_word(t: Token) -> bool:
    """A country word that only states an affiliation: "pro-Iranian", "anti-American", "Syrian-backed"."""
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in ("pro", "anti"):
        return True
    if t.i >= 1 and doc[t.i - 1].lower_ in ("pro-", "anti-"):
        return True
    return t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in _AFFILIATION_SUFFIXES


def _head_of_mention(index: ActorIndex, tok: Token) -> int:
    """The token at which a mention of ``tok``'s actor ends its phrase (the syntactic head of the span)."""
    i = tok.i
    idx = index._token_actor[i]
    while tok.head.i != tok.i and index._token_actor.get(tok.head.i) == idx:
        tok = tok.head
    return tok.i


def _np_text(head: Token) -> str:
    toks = [head] + [t for c in head.children if c.dep_ in _NP_DEPS | {"det"} and c.i < head.i for t in c.subtree]
    start = min(t.i for t in toks if not t.is_space)
    return head.doc[start: head.i + 1].text.strip()


def _np_start(head: Token) -> int:
    """Char offset where the noun phrase of ``head`` begins, as ``_np_text`` reads it."""
    text = _np_text(head)
    return head.idx + len(head.text) - len(text)


def _first_name_of_person(span: Span) -> bool:
    """Whether a country phrase opens a longer name the tagger reads as a person's ("Hamilton Mourao")."""
    ent = span[0].ent_type_ == "PERSON" and next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    return bool(ent) and ent.start == span.start and ent.end > span.end and span.doc[span.end].pos_ == "PROPN"


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in (``tok`` itself at the root of a verbless sentence)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _inside_clause(t: Token, top: Token) -> bool:
    while t.i != top.i:
        if t.dep_ in ("relcl", "acl", "advcl", "punct"):
            return True
        t = t.head
    return False


def _trim_possessive(ent: Span) -> Span | None:
    end = ent.end
    while end > ent.start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[ent.start:end] if end > ent.start else None


def _country_name(d: ActorDictionary, alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return next((name for code, name in NON_ISO_COUNTRIES.values() if code == alpha3), alpha3)
    return getattr(country, "common_name", None) or country.name


def _folded_doc(sdoc: Doc) -> Doc | None:
    """A token-for-token copy of ``sdoc`` with accents folded, so that the actor tables match accented
    spellings at the same token indexes; None when folding changes no token."""
    words = [fold_accents(t.text) for t in sdoc]
    if all(w == t.text for w, t in zip(words, sdoc)):
        return None
    return Doc(sdoc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sdoc])


def _tokenizer_for(sdoc: Doc):
    from spacy.lang.en import English

    nlp = _TOKENIZERS.get(id(sdoc.vocab))
    if nlp is None:
        nlp = English(vocab=sdoc.vocab)
        _TOKENIZERS[id(sdoc.vocab)] = nlp
    return nlp.make_doc


_TOKENIZERS: dict[int, object] = {}


def extract_actors(sdoc: Doc, document: Document, places: list[Place] | None = None,
                   dictionary: ActorDictionary | None = None) -> ActorIndex:
    """Find and code the actors of one parsed document; see ``ActorIndex``.

    places: resolved toponyms, so that a place the NER took for a person ("Ciudad Juarez") is not one.
    """
    return ActorIndex(sdoc, document, places, dictionary)

"""Code sentences with TABARI/PETRARCH dictionaries on a spaCy dependency parse.

The coder follows the PETRARCH-1 coding procedure (``check_verbs``, ``verb_pattern_match``, ``find_source``,
``find_target``, ``make_event_strings`` in openeventdata/petrarch2 ``petrarch/petrarch.py``; TABARI manual 0.8.4b2
ch. 3-5), with the constituency parse replaced by spaCy's dependency parse:

1. **Discards**: a sentence containing a discard phrase (or a story discard) is not coded.
2. **Noun phrases** ("NE" units): every nominal head with its left modifiers, plus one prepositional phrase
   ("the government *of Gondor*") when that phrase has no further one; conjoined heads make a *compound*
   unit whose members share forwarded adjectives and a trailing shared prepositional phrase
   ("envoys and generals of Rohan and Dale" -> four members).
3. **Actor codes**: the first actor phrase in a member (longest match first; date restrictions resolved against
   the sentence date), then every agent phrase, longest and non-overlapping: ``~XXX`` agents are appended
   (``RUSCOP``), ``XXX~`` prefixed (``NGOARN``); an agent code already in the code stops the agent list;
   an agent without an actor gives ``---XXX``. With ``new_actor_length`` > 0 an uncoded phrase of fewer words
   is written as its quoted text (``"INJURY TOLL"``).
4. **Verbs**: each verb token (surface form, else lemma; multi-word verbs such as ``BROKEN DOWN``) found in the
   verb dictionary. The words before it, back to the nearest comma that is not inside a noun phrase, form the
   *upper* sequence; the words of its verb phrase after it (its right dependents, without conjoined verbs) form
   the *lower* sequence. Patterns are tried longest first; the first whose upper part matches the upper sequence
   (read backwards from the verb) and whose lower part matches the lower sequence gives the code; ``$ + ^ %``
   bind source, target, a skipped phrase, a compound. Otherwise the verb's own code is used unless it is ``---``.
   Verbs inside the phrase of a coded verb are not coded again.
5. **Source / target**: unless bound by the pattern, the source is the first compound or coded unit of the upper
   sequence (else the first uncoded one); the target the first coded unit of the lower sequence whose code
   differs from the source's, else an uncoded one there, else the same search in the upper sequence going away
   from the verb. A passive verb with a *by* agent swaps them. A ``%`` source with no coded target pairs the
   compound's members with each other.
6. **Events**: one per (source member, target member), skipping self-references; ``A:B`` codes give
   source->target A and target->source B (an uncoded side takes the other's codes); compound codes ``X/Y``
   expand; with ``require_dyad`` events whose source or target is exactly ``---`` are dropped; duplicates
   collapse.

Configuration (``CoderConfig``) mirrors PETRARCH's ``PETR_config.ini`` ``[Options]``: ``require_dyad``,
``new_actor_length`` and the comma-clause settings ``comma_min/max``, ``comma_bmin/bmax`` (initial clause),
``comma_emin/emax`` (terminal clause); a comma clause whose word count lies in [min, max] is removed before
coding (``0`` as max turns that check off).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.dictionaries.actors import word_match
from eventwire.dictionaries.verbs import TOKENS, VerbForm, VerbPattern

NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
LEFT_EXCLUDE = {"cc", "conj", "relcl", "acl", "appos", "prep", "advcl", "mark", "punct", "aux", "auxpass",
                "nsubj", "nsubjpass", "csubj", "ccomp", "xcomp", "dobj"}
RIGHT_INCLUDE = {"nummod", "compound", "case", "flat", "nmod"}
NULL = "---"
NEGATIONS = {"NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", "CANNOT", "DIDN'T", "WON'T", "CAN'T", "DON'T"}


@dataclass
class CoderConfig:
    """Coding options (PETRARCH ``PETR_config.ini`` names and defaults).

    require_dyad: drop events whose source or target code is ``---``; new_actor_length: write uncoded noun
    phrases of fewer than this many words as quoted text (0 = never); comma_*: word-count bounds of comma
    clauses removed before coding (initial ``b``, internal, terminal ``e``; a max of 0 disables that check).
    """

    require_dyad: bool = True
    new_actor_length: int = 0
    comma_min: int = 2
    comma_max: int = 8
    comma_bmin: int = 0
    comma_bmax: int = 0
    comma_emin: int = 2
    comma_emax: int = 8

    @classmethod
    def from_options(cls, options: dict[str, Any] | None, base: CoderConfig | None = None) -> CoderConfig:
        """A config from PETRARCH-style option strings (``{"require_dyad": "False", "comma_max": "6"}``);
        unknown keys are ignored, values that do not parse keep the default."""
        cfg = replace(base) if base is not None else cls()
        for key, value in (options or {}).items():
            key = key.strip().lower()
            if not hasattr(cfg, key):
                continue
            if key == "require_dyad":
                cfg.require_dyad = "false" not in str(value).lower()
            else:
                try:
                    setattr(cfg, key, int(str(value).strip()))
                except ValueError:
                    continue
        return cfg


@dataclass
class CodedEvent:
    """One event found by the dictionary coder.

    source/target: actor codes (``ARNGOV``, ``---``, or quoted new-actor text); code: the event code from the
    dictionary; verb: the verb as written; pattern: ``file:line`` of the pattern used (None = the verb's own
    code); source_text/target_text: the noun phrases; sentence: (start, end) char offsets of the sentence;
    trigger: char offset of the verb; sentence_index: 0-based among the text's non-blank sentences.
    """

    source: str
    target: str
    code: str
    verb: str
    pattern: str | None
    source_text: str = ""
    target_text: str = ""
    sentence: tuple[int, int] = (0, 0)
    trigger: int = 0
    sentence_index: int = 0

    @property
    def triple(self) -> tuple[str, str, str]:
        """``(source, target, code)``, what the validation suites compare."""
        return (self.source, self.target, self.code)


@dataclass
class _Unit:
    """A noun phrase: token range [start, end) and its members (token index lists; >1 = compound)."""

    start: int
    end: int
    members: list[list[int]]
    codes: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def compound(self) -> bool:
        return len(self.members) > 1

    @property
    def coded(self) -> bool:
        return any(c != NULL and not c.startswith('"') for c in self.codes)


class DictionaryCoder:
    """Codes text with a loaded ``DictionarySet`` (see ``eventwire.dictionaries.load_dictionaries``).

    dictionaries: the verb/actor/agent/discard dictionaries; nlp: a spaCy English pipeline (default
    ``eventwire.nlp.load_nlp()``, loaded on first use); config: default ``CoderConfig``.

    Example::

        >>> coder = DictionaryCoder(load_dictionaries("../shared/suites/original/openeventdata-petrarch2"))  # doctest: +SKIP
        >>> [e.triple for e in coder.code_text("Russian police detained Russian students in Moscow on Friday.",
        ...                                    "1995-01-04")]                                               # doctest: +SKIP
        [('RUSCOP', 'RUSEDU', '212')]
    """

    def __init__(self, dictionaries, nlp: Language | None = None, config: CoderConfig | None = None):
        self.dicts = dictionaries
        self._nlp = nlp
        self.config = config or CoderConfig()
        self._patterns: dict[int, list[VerbPattern]] = {}

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            from eventwire.nlp import load_nlp  # noqa: PLC0415

            self._nlp = load_nlp()
        return self._nlp

    # ---- entry points ---------------------------------------------------------------------------
    def parse(self, text: str, single_sentence: bool = False) -> Doc:
        """spaCy parse of ``text`` with underscores read as blanks (``Dol_Amroth``); offsets are unchanged.
        single_sentence: the text is one sentence (a suite record), so the parser may not split it."""
        text = text.replace("_", " ")
        if not single_sentence:
            return self.nlp(text)
        doc = self.nlp.make_doc(text)
        for t in doc[1:]:
            t.is_sent_start = False
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def code_text(self, text: str, date: dt.date | str | None = None,
                  config: CoderConfig | dict | None = None, single_sentence: bool = False) -> list[CodedEvent]:
        """Code a text (one or more sentences). date: the story date (``date`` or ``YYYY-MM-DD``) used for the
        actors' date restrictions; config: a CoderConfig or PETRARCH option dict for this call;
        single_sentence: code the text as one sentence (PETRARCH/TABARI records)."""
        return self.code_doc(self.parse(text, single_sentence), date, config)

    def code_doc(self, sdoc: Doc, date: dt.date | str | None = None,
                 config: CoderConfig | dict | None = None) -> list[CodedEvent]:
        """Code an already parsed document (parse it with ``parse`` so underscores are blanks)."""
        if isinstance(date, str):
            date = dt.date.fromisoformat(date[:10])
        if isinstance(config, dict):
            config = CoderConfig.from_options(config, self.config)
        cfg = config or self.config
        discards = getattr(self.dicts, "discards", None)
        if discards is not None:
            hit = discards.find(sdoc.text)
            if hit is not None and hit.story:
                return []
        out: list[CodedEvent] = []
        index = -1
        for sent in sdoc.sents:
            if not sent.text.strip():
                continue
            index += 1
            if discards is not None and discards.find(sent.text) is not None:
                continue
            for e in _dedupe(_SentenceCoder(self, sent, date, cfg).run()):
                e.sentence_index = index
                out.append(e)
        return out

    def patterns(self, block: int) -> list[VerbPattern]:
        """Patterns of a verb block, longest first (stable)."""
        if block not in self._patterns:
            pats = self.dicts.verbs.blocks[block].patterns
            self._patterns[block] = sorted(pats, key=lambda p: -p.length)
        return self._patterns[block]


def _dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
    seen = set()
    out = []
    for e in events:
        if e.triple in seen:
            continue
        seen.add(e.triple)
        out.append(e)
    return out


class _SentenceCoder:
    def __init__(self, coder: DictionaryCoder, sent: Span, date: dt.date | None, cfg: CoderConfig):
        self.coder = coder
        self.dicts = coder.dicts
        self.sent = sent
        self.doc = sent.doc
        self.date = date
        self.cfg = cfg
        self.words = {t.i: _norm(t) for t in sent}
        self.units: list[_Unit] = []
        self.tok2unit: dict[int, int] = {}
        self.removed: set[int] = set()
        self.stop = False  # set when a TABARI marker (### discard, +++ complex) cancels the sentence
        self.dominant = False  # set by _code_verb when the code it used carries TABARI's dominant marker
        self.tabari = getattr(self.dicts.verbs, "flavor", "petrarch") == "tabari"
        # PETRARCH-1 and TABARI need "by" for a passive; PETRARCH-2 reads it off the parse (nsubjpass)
        self.passive_needs_agent = not getattr(self.dicts.verbs, "petrarch2", False)

    # ---- main loop --------------------------------------------------------------------------------
    def run(self) -> list[CodedEvent]:
        self._build_units()
        self._code_units()
        self._comma_clauses()
        events: list[CodedEvent] = []
        dominant: list[CodedEvent] = []  # events of verbs with a dominant code ([031!]): they alone are kept
        skip_until = -1
        for tok in self.sent:
            if tok.i <= skip_until or tok.i in self.removed:
                continue
            if not _is_verb(tok):
                continue
            found = self._verb_form(tok)
            if found is None:
                continue
            form, first, last = found
            result = self._code_verb(tok, form, first, last)
            if result is None:
                continue
            matched, evs = result
            events += evs
            if self.dominant:
                dominant += evs
            if matched:
                skip_until = max(skip_until, self._vp_end(tok))
            if self.stop:
                return []
        return dominant or events

    # ---- noun phrases --------------------------------------------------------------------------
    def _build_units(self) -> None:
        sent = self.sent
        claimed: set[int] = set()
        order = sorted(sent, key=lambda t: (_depth(t), t.i))
        for t in order:
            if t.i in claimed or not self._is_head(t):
                continue
            members, span_tokens = self._unit_members(t)
            members = [[i for i in m if self.doc[i].tag_ != "POS"] for m in members]
            members = [m for m in members if m]
            if not members:
                continue
            start = min(span_tokens)
            end = max(span_tokens) + 1
            while end - 1 > start and self.doc[end - 1].is_punct and self.doc[end - 1].text != "-":
                end -= 1  # a comma hung on the last word is not part of the phrase
            # a unit never swallows a token another unit already owns
            if any(i in claimed for i in range(start, end)):
                own = [i for i in range(start, end) if i not in claimed]
                if t.i not in own:
                    continue
                start, end = _contiguous(own, t.i)
                members = [[i for i in m if start <= i < end] for m in members]
                members = [m for m in members if m]
                if not members:
                    continue
            unit = _Unit(start, end, members)
            self.units.append(unit)
            idx = len(self.units) - 1
            for i in range(start, end):
                claimed.add(i)
                self.tok2unit[i] = idx
        self.units.sort(key=lambda u: u.start)
        self.tok2unit = {i: k for k, u in enumerate(self.units) for i in range(u.start, u.end)}

    def _is_head(self, t: Token) -> bool:
        if t.tag_ == "POS" or t.is_punct or t.is_space:
            return False
        if t.pos_ in NOMINAL_POS:
            if t.dep_ in ("compound", "poss", "nmod", "amod", "nummod", "quantmod", "det", "case", "npadvmod") \
                    and t.head.i != t.i and t.head.pos_ in NOMINAL_POS | {"ADJ"}:
                return False
            return True
        # adjectives and mis-tagged words standing as arguments ("An Eriadorian was shot")
        return t.pos_ in ("ADJ", "VERB") and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.tag_ not in ("VBD", "VBZ", "VBP", "VBG")

    def _left(self, h: Token) -> list[int]:
        out = []
        for c in h.children:
            if c.i < h.i and c.dep_ not in LEFT_EXCLUDE:
                out += [x.i for x in c.subtree]
            elif c.i < h.i and c.dep_ == "punct" and c.text in ("-", "'", '"'):
                out.append(c.i)
        return sorted(out)

    def _right(self, h: Token) -> list[int]:
        out = []
        for c in h.children:
            if c.i > h.i and c.dep_ in RIGHT_INCLUDE:
                out += [x.i for x in c.subtree]
        return out

    def _simple_pp(self, h: Token) -> tuple[Token, list[Token]] | None:
        preps = [c for c in h.children if c.dep_ == "prep" and c.i > h.i]
        if len(preps) != 1:
            return None
        p = preps[0]
        objs = [c for c in p.children if c.dep_ == "pobj"]
        if len(objs) != 1:
            return None
        o = objs[0]
        conj = [o] + [x for x in o.conjuncts if x.i > o.i]
        for x in conj:
            if any(c.dep_ in ("prep", "relcl", "acl") for c in x.children):
                return None
            if x.pos_ not in NOMINAL_POS and x.pos_ != "ADJ":
                return None
        return p, conj

    def _np(self, h: Token) -> list[int]:
        return sorted(set(self._left(h) + [h.i] + self._right(h)))

    def _np_variants(self, h: Token) -> list[list[int]]:
        """The head's phrase, split when a modifier is coordinated ("Gondor and Rohan envoys",
        "Eriador's death and injury toll"): the first conjunct keeps what precedes the coordination, every
        conjunct gets what follows it (the head)."""
        base = self._np(h)
        left = set(self._left(h))
        for m in sorted((self.doc[i] for i in left), key=lambda t: t.i):
            conj = [c for c in m.conjuncts if c.i > m.i and c.i in left and (c.pos_ in NOMINAL_POS or c.pos_ in ("ADJ", "PROPN"))]
            if not conj and m.head.i == h.i and any(c.dep_ == "cc" and c.i > m.i for c in m.children):
                # the parser hung "and" on the first modifier and the second on the head ("death and injury toll")
                cc = max(c.i for c in m.children if c.dep_ == "cc")
                conj = [s for s in h.children if cc < s.i < h.i and s.dep_ in ("compound", "nmod", "amod")][:1]
            if not conj:
                continue
            group = [m] + conj
            region = set()
            for x in group:
                region |= {t.i for t in x.subtree}
            lo, hi = min(region), max(region)
            prefix = [i for i in base if i < lo]
            rest = [i for i in base if i > hi]
            out = []
            for k, x in enumerate(group):
                own = {t.i for t in x.subtree} - {t.i for y in group if y is not x and y.i > x.i for t in y.subtree}
                own = {i for i in own if self.doc[i].dep_ not in ("cc", "punct") or i == x.i}
                own = {i for i in own if i not in {t.i for y in group if y is not x and y.i < x.i for t in y.subtree}
                       or i == x.i}
                out.append(sorted(set((prefix if k == 0 else []) + sorted(own) + rest)))
            return out
        return [base]

    def _unit_members(self, h: Token) -> tuple[list[list[int]], list[int]]:
        nominal = NOMINAL_POS | {"ADJ"}
        conj = [h] + [c for c in h.conjuncts if c.i > h.i and c.pos_ in nominal]
        # a list continued after an appositive: "Rohan, the Shire, Bree and Dale"
        for a in h.children:
            if a.dep_ == "appos" and a.i > h.i and any(x.i > a.i for x in a.conjuncts):
                conj += [a] + [x for x in a.conjuncts if x.i > a.i and x.pos_ in nominal]
        conj = sorted({c.i: c for c in conj}.values(), key=lambda t: t.i)
        pps = {c.i: self._simple_pp(c) for c in conj}
        # "envoys and generals of Rohan and Dale": a conjunct after an earlier conjunct's prepositional
        # object (and after its preposition) belongs to that object's coordination
        for k in range(len(conj) - 1, 0, -1):
            c = conj[k]
            for x in conj[:k]:
                pp = pps.get(x.i)
                if pp is not None and conj[k - 1].i < pp[0].i < c.i and max(o.i for o in pp[1]) < c.i:
                    pps[x.i] = (pp[0], pp[1] + [c])
                    conj.pop(k)
                    break
        span: set[int] = set()
        for c in conj:
            span |= set(self._np(c))
        variants = [self._np_variants(c) for c in conj]
        # forward adjectives of the first conjunct to bare later ones ("Danish media and government")
        if len(conj) > 1:
            adj = [x.i for c in conj[0].children if c.i < conj[0].i and c.dep_ == "amod" for x in c.subtree]
            for k in range(1, len(conj)):
                if adj and not self._left(conj[k]):
                    variants[k] = [sorted(adj + v) for v in variants[k]]
        shared = None
        if len(conj) > 1:
            for c in conj:
                pp = pps.get(c.i)
                if pp is not None and pp[0].i > conj[-1].i:
                    shared = pp
        members: list[list[int]] = []
        for k, c in enumerate(conj):
            pp = pps.get(c.i)
            if pp is None or (shared is not None and pp is shared):
                pp = shared
            for base in variants[k]:
                if pp is None:
                    members.append(base)
                    continue
                prep, objs = pp
                for o in objs:
                    for ov in self._np_variants(o):
                        members.append(sorted(set(base + [prep.i] + ov)))
            if pp is not None:
                span |= {pp[0].i} | {x.i for o in pp[1] for x in o.subtree}
        if len(conj) > 1 or len(members) > 1:
            span |= set(range(min(span), max(span) + 1))
        return members, sorted(span)

    def _code_units(self) -> None:
        for u in self.units:
            u.codes = []
            u.texts = []
            for m in u.members:
                u.codes.append(self._code_phrase(self._phrase_words(m)))
                u.texts.append(" ".join(self.doc[i].text for i in m))

    def _phrase_words(self, member: list[int]) -> list[str]:
        """Upper-case words of a phrase; hyphenated pieces written together are one word ("BARAD-DUR")."""
        words: list[str] = []
        prev = None
        for i in member:
            w = self.words.get(i)
            if not w:
                prev = None
                continue
            t = self.doc[i]
            if (prev is not None and prev.i == i - 1 and not prev.whitespace_ and words
                    and (w == "-" or words[-1].endswith("-"))):
                words[-1] += w
            else:
                words.append(w)
            prev = t
        return words

    def _code_phrase(self, words: list[str]) -> str:
        actors = getattr(self.dicts, "actors", None)
        agents = getattr(self.dicts, "agents", None)
        code = ""
        if actors is not None:
            for k in range(len(words)):
                for entry in actors.candidates(words[k]):
                    if entry.phrase.match(words, k):
                        code = actors.code_for(entry, self.date)
                        break
                if code:
                    break
        found: list[str] = []
        if agents is not None:
            k = 0
            while k < len(words):
                step = 1
                for entry in agents.candidates(words[k]):
                    n = entry.phrase.match(words, k)
                    if n:
                        found.append(entry.code)
                        step = n
                        break
                k += step
        if not found:
            if code:
                return code
            if self.cfg.new_actor_length > 0 and words and len(words) - 1 < self.cfg.new_actor_length:
                return '"' + " ".join(words) + '"'
            return NULL
        if not code and self.tabari:
            # TABARI writes an agent without an actor as "~MOS" (suffix agents) or "NGM" (prefix agents)
            first = found[0]
            code = "~" + first[1:] if first.startswith("~") else first[:-1]
            found = found[1:]
        if not code:
            code = NULL
        for ag in found:
            core = ag.strip("~")
            if _has_block(code, core):
                break
            code = code + core if ag.startswith("~") else core + code
        return code

    # ---- comma clauses -----------------------------------------------------------------------
    def _comma_clauses(self) -> None:
        """Remove comma-delimited clauses by word count (PETRARCH ``check_commas``): initial, terminal, internal."""
        cfg = self.cfg
        sent = self.sent
        commas = [t.i for t in sent if t.text == "," and t.i not in self.tok2unit]
        if not commas:
            return
        end = sent.end - 1
        while end > sent.start and self.doc[end].is_punct:
            end -= 1

        def count(a: int, b: int) -> int:
            return sum(1 for i in range(a, b) if self.doc[i].text[:1].isalpha() and i not in self.removed)

        if cfg.comma_bmax:
            n = count(sent.start, commas[0])
            if cfg.comma_bmin <= n <= cfg.comma_bmax:
                self.removed |= set(range(sent.start, commas[0]))
        if cfg.comma_emax:
            n = count(commas[-1] + 1, end + 1)
            if cfg.comma_emin <= n <= cfg.comma_emax:
                self.removed |= set(range(commas[-1] + 1, end + 1))
        if cfg.comma_max:
            for a, b in zip(commas, commas[1:]):
                n = count(a + 1, b)
                if cfg.comma_min <= n <= cfg.comma_max:
                    self.removed |= set(range(a + 1, b))

    # ---- verbs ---------------------------------------------------------------------------------
    def _verb_form(self, tok: Token) -> tuple[VerbForm, int, int] | None:
        verbs = self.dicts.verbs
        word = self.words.get(tok.i, "")
        cands = verbs.candidates(word)
        for form in cands:
            span = self._form_span(tok, form)
            if span is not None:
                return form, span[0], span[1]
        lemma = tok.lemma_.upper()
        if lemma != word:
            for form in verbs.bases.get(lemma, []):
                span = self._form_span(tok, form, lemma=True)
                if span is not None:
                    return form, span[0], span[1]
        return None

    def _form_span(self, tok: Token, form: VerbForm, lemma: bool = False) -> tuple[int, int] | None:
        first = tok.i - form.head
        last = tok.i + (len(form.words) - 1 - form.head)
        if first < self.sent.start or last >= self.sent.end:
            return None
        for k, w in enumerate(form.words):
            i = first + k
            if i == tok.i:
                continue
            if not word_match(w, self.words.get(i, "")):
                return None
        return first, last

    def _vp_end(self, v: Token) -> int:
        """Last token of the verb's phrase: the right dependents' subtrees of the verb and of the verbs it
        completes ("is about to *restore*": also those of *is*), without conjoined verbs."""
        chain = [v]
        if v.dep_ in ("aux", "auxpass") and v.head.i > v.i:
            chain.append(v.head)
        t = chain[-1]
        while t.dep_ in ("xcomp", "acomp") and t.head.i < t.i and len(chain) < 6:
            t = t.head
            chain.append(t)
        end = v.i
        for head in chain:
            for c in head.children:
                if c.i <= v.i:
                    continue
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                    continue
                if c.dep_ in ("cc", "punct"):
                    continue
                end = max(end, max(x.i for x in c.subtree))
        return end

    def _sequences(self, v: Token, first: int, last: int) -> tuple[list[int], list[int]]:
        upper = []
        i = first - 1
        while i >= self.sent.start:
            if i in self.removed:
                i -= 1
                continue
            t = self.doc[i]
            if t.text in (",", ";", ":", "--") and i not in self.tok2unit:
                break
            if self.words.get(i):
                upper.append(i)
            i -= 1
        lower = []
        end = self._vp_end(v)
        for i in range(last + 1, end + 1):
            if i in self.removed or not self.words.get(i):
                continue
            lower.append(i)
        return upper, lower

    def _code_verb(self, v: Token, form: VerbForm, first: int, last: int):
        self.dominant = False
        upper, lower = self._sequences(v, first, last)
        code = None
        bind: dict[str, int] = {}
        used: str | None = None
        used_pattern: VerbPattern | None = None
        for pat in self.coder.patterns(form.block):
            b: dict[str, int] = {}
            if not self._match(pat.pre, upper, b):
                continue
            if not self._match(pat.post, lower, b):
                continue
            if pat.code == "+++":
                continue  # TABARI "complex" marker: not an event pattern
            if pat.code == "###":
                return True, []  # discard the sentence's events from this verb
            code, bind, used, used_pattern = pat.code, b, pat.source, pat
            break
        if code is None:
            if form.code in (NULL, "+++", "###"):
                return None
            code = form.code
        self.dominant = used_pattern.dominant if used_pattern is not None else form.dominant
        if not self.tabari and _negated(v) and not (used is not None and self._mentions_negation(used_pattern)):
            # PETRARCH: "did not attack" is no event unless a pattern codes the negation itself (TABARI codes it)
            return True, []
        # source
        src = bind.get("$")
        compound_src = "%" in bind
        if compound_src and src is None:
            src = bind["%"]
        if src is None:
            src = self._find_source(upper)
        if src is None:
            return True, []
        tgt = bind.get("+")
        if tgt is None and compound_src:
            tgt = src
        if tgt is None:
            tgt = self._find_target(src, upper, lower)
        if tgt is None:
            return True, []
        scodes = self._codes(src)
        tcodes = self._codes(tgt)
        if self.tabari and any(c in ("###", "+++") for c in scodes + tcodes):
            # TABARI actor markers: ### discards the sentence, +++ flags it as too complex to code
            # (PETRARCH writes them as codes: its discards are a separate list)
            self.stop = True
            return True, []
        if compound_src and "+" not in bind:
            tcodes = scodes  # "% HAVE *": the members of the compound act on each other
        if _is_passive(v, self.passive_needs_agent):
            scodes, tcodes = tcodes, scodes
            src, tgt = tgt, src
        events = self._events(scodes, tcodes, code)
        s0, s1 = self.sent.start_char, self.sent.end_char
        out = [CodedEvent(s, t, c, self.doc[first: last + 1].text, used,
                          self.units[src].texts[0] if self.units[src].texts else "",
                          self.units[tgt].texts[0] if self.units[tgt].texts else "", (s0, s1), v.idx)
               for s, t, c in events]
        return True, out

    def _mentions_negation(self, pat: VerbPattern | None) -> bool:
        """True when a pattern spells out a negation (NOT, N'T, NEVER, NO ... or a synset of them)."""
        if pat is None:
            return False
        synsets = self.dicts.verbs.synsets
        for _, item in pat.pre + pat.post:
            words = [w for ph in synsets.get(item, []) for w in ph] if item.startswith("&") else [item]
            if any(w.rstrip("~") in NEGATIONS for w in words):
                return True
        return False

    def _codes(self, unit: int) -> list[str]:
        out = []
        for c in self.units[unit].codes:
            out += c.split("/") if "/" in c and not c.startswith('"') else [c]
        return out

    def _events(self, scodes: list[str], tcodes: list[str], code: str) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []

        def make(ss: list[str], ts: list[str], c: str) -> None:
            for s in ss:
                for t in ts:
                    if s != t:
                        out.append((s, t, c))

        if ":" in code:
            a, b = code.split(":", 1)
            if scodes[0] == NULL or tcodes[0] == NULL:
                if tcodes[0] == NULL:
                    tcodes = scodes
                else:
                    scodes = tcodes
            make(scodes, tcodes, a)
            make(tcodes, scodes, b)
        else:
            make(scodes, tcodes, code)
        if self.cfg.require_dyad:
            out = [e for e in out if e[0] != NULL and e[1] != NULL]
        out = [e for e in out if e[2] != NULL]
        return list(dict.fromkeys(out))

    def _find_source(self, upper: list[int]) -> int | None:
        seen: list[int] = []
        for i in reversed(upper):  # sentence order
            u = self.tok2unit.get(i)
            if u is not None and u not in seen:
                seen.append(u)
        for u in seen:
            if self.units[u].compound or self.units[u].coded:
                return u
        return seen[0] if seen else None

    def _find_target(self, src: int, upper: list[int], lower: list[int]) -> int | None:
        scodes = self.units[src].codes
        single = None if self.units[src].compound else scodes[0]

        def units_of(seq: list[int]) -> list[int]:
            out: list[int] = []
            for i in seq:
                u = self.tok2unit.get(i)
                if u is not None and u not in out and u != src:
                    out.append(u)
            return out

        low = units_of(lower)
        for u in low:
            unit = self.units[u]
            if unit.compound or (unit.coded and (single is None or unit.codes[0] != single)):
                return u
        for u in low:
            if not self.units[u].coded:
                return u
        up = units_of(upper)  # nearest the verb first
        for u in up:
            unit = self.units[u]
            if unit.coded and (single is None or unit.codes[0] != single):
                return u
        for u in up:
            if not self.units[u].coded:
                return u
        return None

    # ---- pattern matching ----------------------------------------------------------------------
    def _match(self, side: tuple[tuple[str, str], ...], seq: list[int], bind: dict[str, int]) -> bool:
        """Match one side of a pattern against a sequence of token indices (ordered away from the verb)."""
        k = 0
        synsets = self.dicts.verbs.synsets
        backwards = len(seq) >= 2 and seq[0] > seq[1]
        for conn, item in side:
            while True:
                if k >= len(seq):
                    return False
                i = seq[k]
                n = 0
                if item in TOKENS:
                    u = self.tok2unit.get(i)
                    if u is not None and (item != "%" or self.units[u].compound):
                        if item != "^":
                            bind[item] = u
                        n = 1
                        while k + n < len(seq) and self.tok2unit.get(seq[k + n]) == u:
                            n += 1
                elif item.startswith("&"):
                    n = self._synset_at(synsets.get(item, []), seq, k, backwards)
                elif word_match(item, self.words[i]):
                    n = 1
                if n:
                    k += n
                    break
                if conn == "_":
                    return False
                k += 1
        return True

    def _synset_at(self, phrases: Iterable[tuple[str, ...]], seq: list[int], k: int, backwards: bool) -> int:
        """Length of the longest synset phrase at ``seq[k]`` (read in text order), 0 when none matches."""
        best = 0
        for ph in phrases:
            n = len(ph)
            if k + n > len(seq) or n <= best:
                continue
            toks = seq[k: k + n]
            if backwards:
                toks = list(reversed(toks))
            if any(toks[j + 1] != toks[j] + 1 for j in range(n - 1)):
                continue
            if all(word_match(w, self.words[t]) for w, t in zip(ph, toks)):
                best = n
        return best


def _has_block(code: str, part: str) -> bool:
    """True when ``part`` occurs in ``code`` at a 3-character block boundary (PETRARCH's duplicate check)."""
    for k in range(0, max(len(code) - len(part) + 1, 0), 3):
        if code[k: k + len(part)] == part:
            return True
    return False


def _norm(t: Token) -> str:
    """The token as the dictionaries write words: upper case, possessive 's dropped, spaces removed."""
    if t.tag_ == "POS" or t.is_space:
        return ""
    if t.text in (".", "!", "?") and t.i == t.sent.end - 1:
        return ""
    return t.text.upper().replace("’", "'")


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 100:
        t = t.head
        d += 1
    return d


def _contiguous(idx: list[int], anchor: int) -> tuple[int, int]:
    s = set(idx)
    a = anchor
    while a - 1 in s:
        a -= 1
    b = anchor
    while b + 1 in s:
        b += 1
    return a, b + 1


def _is_verb(t: Token) -> bool:
    """A verb heading a verb phrase (participles used as noun modifiers, "an inebriated official", are not)."""
    if t.dep_ in ("amod", "compound", "nmod", "poss"):
        return False
    return t.tag_.startswith("VB") or t.pos_ in ("VERB", "AUX")


def _negated(v: Token) -> bool:
    """The verb (or the auxiliary chain it heads) carries a negation: ``did not attack``, ``never met``."""
    heads = [v] + ([v.head] if v.dep_ in ("aux", "auxpass", "xcomp") and v.head.i != v.i else [])
    return any(c.dep_ == "neg" for h in heads for c in h.children)


def _is_passive(v: Token, needs_agent: bool = True) -> bool:
    """A passive verb: ``X was opposed by Y`` (PETRARCH-1/TABARI require the *by* agent; PETRARCH-2 takes any
    passive subject, ``X was criticized``)."""
    if not any(c.dep_ == "auxpass" for c in v.children):
        return False
    return not needs_agent or any(c.dep_ == "agent" for c in v.children)

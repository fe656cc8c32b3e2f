"""Reader for TABARI and PETRARCH verb dictionaries (synsets, verb blocks, verb forms, patterns).

Sources of the format: TABARI manual 0.8.4b2 ch. 5 ("The .verbs file"), PETRARCH ``docs/source/dictionaries.rst``
and the docstring of ``PETRreader.read_verb_dictionary`` (openeventdata/petrarch2), and the CAMEO 2.0
verb file header (PETRARCH-2 syntax). What is supported:

* synsets: ``&NAME`` (``&NAME_`` = no plurals) followed by ``+WORD`` / ``+TWO WORDS`` members; regular plurals
  are added as PETRARCH does (``Y``->``IES``, ``S``->``ES``, else ``+S``) unless the member or label ends in ``_``;
  a member may name another synset (``+&TIETYPES``); TABARI's ``<SYNSETS>...</SYNSETS>`` wrapper is accepted;
* blocks: ``--- DESCRIPTION [CODE] ---`` starts a block; the first verb line is its primary verb; verb lines
  ``VERB {IRREGULAR FORMS} [OWN CODE]``; multi-word verbs ``+BREAK_DOWN {+BROKE_DOWN ...}`` /
  ``WIRE_+TAP`` (``+`` marks the verb word); regular forms (``S``, ``ED``/``D``, ``ING``) are generated;
  TABARI files without ``---`` headers make every verb line its own block, and its ``{...}`` form line may
  follow on the next line;
* patterns ``- WORDS * WORDS [CODE]``: ``*`` is the verb; ``_`` joins words that must be consecutive, a blank
  allows words between; ``$`` source, ``+`` target, ``^`` skip a noun phrase, ``%`` compound actor, ``&SYN``
  synset; PETRARCH-2 ``{noun phrase}`` and ``(prepositional phrase)`` groups are read as their words;
  TABARI ``{ A | B }`` alternatives become an anonymous synset; ``A:B`` codes are symmetric pairs;
  TABARI's ``<TIME>`` section is skipped;
* codes with TABARI's dominant-event marker (``[031!]``, ``[080!]``) are read as the code without the
  marker, flagged ``dominant``: when such a verb or pattern codes an event, the coder keeps only the events
  of dominant verbs in that sentence (TABARI.Demo.text, "only ATTEND will code when coding in ALL mode").

Stemming: in TABARI files a word not ended by ``_`` is a stem (prefix match); PETRARCH matches whole words.
Internally a stem is written with a trailing ``~``.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eventwire.dictionaries.common import EVENT_CODE_RE, Issue, Line, content_lines, read_text, split_event_code

TOKENS = frozenset("$+^%")
SPECIAL_CODES = frozenset({"+++", "###"})  # TABARI: complex event (pattern not used) / discard the sentence


@dataclass(frozen=True)
class VerbPattern:
    """One ``- ... * ... [CODE]`` line.

    pre: items before the verb, nearest the verb first, each ``(connector, item)`` where the connector links the
    item to the element on its verb side (``"_"`` adjacent, ``" "`` gaps allowed); post: items after the verb,
    in text order, same shape. An item is an upper-case word (``"WORD~"`` = stem), ``&SYNSET``, or one of
    ``$ + ^ %``. code: event code (``"064"``, ``"032:033"``, ``"+++"``, ``"###"``); source: ``file:line``;
    dominant: the code was written with TABARI's dominant marker (``[080!]``; ``code`` is without it).
    """

    pre: tuple[tuple[str, str], ...]
    post: tuple[tuple[str, str], ...]
    code: str
    source: str
    text: str
    dominant: bool = False

    @property
    def length(self) -> int:
        """Number of pattern elements; longer patterns are tried first (PETRARCH unit tests PATTERN-29..31)."""
        return len(self.pre) + len(self.post)


@dataclass
class VerbBlock:
    """A verb synonym block: its primary verb, default code and the patterns all its verbs share; dominant:
    the default code carries TABARI's dominant marker."""

    name: str
    code: str
    source: str
    patterns: list[VerbPattern] = field(default_factory=list)
    verbs: list[str] = field(default_factory=list)
    dominant: bool = False


@dataclass(frozen=True)
class VerbForm:
    """A surface form that triggers a block: words (``("BROKEN", "DOWN")``), the index of the verb word,
    the block index, the code used when no pattern matches (the verb's own code, else the block's), the
    base verb as written in the dictionary, and whether that code is dominant (TABARI ``[031!]``)."""

    words: tuple[str, ...]
    head: int
    block: int
    code: str
    base: str
    dominant: bool = False


@dataclass
class VerbDictionary:
    """A loaded verb dictionary.

    synsets: ``&NAME`` -> member phrases (tuples of upper-case words, ``~`` = stem); blocks: all verb blocks;
    forms: verb word form -> the VerbForms whose verb word it is (multi-word forms included; longest first);
    bases: base verb word -> VerbForms (for lemma look-up); flavor: ``petrarch`` | ``tabari``;
    petrarch2: the patterns use PETRARCH-2 phrase groups (the coder then reads any passive subject as the target);
    issues: problems found while reading; files: the files read.
    """

    flavor: str = "petrarch"
    petrarch2: bool = False  # patterns use PETRARCH-2 {noun phrase} / (prepositional phrase) groups
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    forms: dict[str, list[VerbForm]] = field(default_factory=dict)
    bases: dict[str, list[VerbForm]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def pattern_count(self) -> int:
        """Number of patterns over all blocks."""
        return sum(len(b.patterns) for b in self.blocks)

    def candidates(self, word: str) -> list[VerbForm]:
        """VerbForms whose verb word is ``word`` (upper case), then TABARI stems that are prefixes of it."""
        out = list(self.forms.get(word, []))
        if self.flavor == "tabari":
            for n in range(len(word), 1, -1):
                out += self.forms.get(word[:n] + "~", [])
        return out

    def lookup(self, word: str, lemma: str | None = None) -> list[VerbForm]:
        """VerbForms for a token: by its upper-case surface form, else by its lemma (base verbs only)."""
        hits = self.candidates(word.upper())
        if hits:
            return hits
        if lemma:
            return self.bases.get(lemma.upper(), [])
        return []

    def to_dict(self) -> dict:
        """JSON-ready form (for the ``eventwire dict import`` cache); ``from_dict`` reads it back."""
        return {
            "flavor": self.flavor,
            "petrarch2": self.petrarch2,
            "synsets": {k: [list(p) for p in v] for k, v in self.synsets.items()},
            "blocks": [{"name": b.name, "code": b.code, "source": b.source, "verbs": b.verbs, "dominant": b.dominant,
                        "patterns": [{"pre": [list(x) for x in p.pre], "post": [list(x) for x in p.post],
                                      "code": p.code, "source": p.source, "text": p.text, "dominant": p.dominant}
                                     for p in b.patterns]}
                       for b in self.blocks],
            "forms": [asdict(f) for fs in self.forms.values() for f in fs],
            "issues": [i.to_dict() for i in self.issues],
            "files": self.files,
        }

    @classmethod
    def from_dict(cls, d: dict) -> VerbDictionary:
        """Rebuild from ``to_dict`` output; raises KeyError/TypeError on a damaged dict."""
        vd = cls(flavor=d["flavor"], petrarch2=bool(d.get("petrarch2")), files=list(d.get("files", [])))
        vd.synsets = {k: [tuple(p) for p in v] for k, v in d["synsets"].items()}
        for b in d["blocks"]:
            block = VerbBlock(b["name"], b["code"], b["source"], verbs=list(b["verbs"]),
                              dominant=bool(b.get("dominant")))
            block.patterns = [VerbPattern(tuple(tuple(x) for x in p["pre"]), tuple(tuple(x) for x in p["post"]),
                                          p["code"], p["source"], p["text"], bool(p.get("dominant")))
                              for p in b["patterns"]]
            vd.blocks.append(block)
        for f in d["forms"]:
            vd._add_form(VerbForm(tuple(f["words"]), f["head"], f["block"], f["code"], f["base"],
                                  bool(f.get("dominant"))))
        vd.issues = [Issue(**i) for i in d.get("issues", [])]
        return vd

    def _add_form(self, form: VerbForm) -> None:
        key = form.words[form.head]
        lst = self.forms.setdefault(key, [])
        # a later definition of the same form replaces the earlier one (PETRARCH keeps the last)
        lst[:] = [f for f in lst if f.words != form.words]
        lst.append(form)
        lst.sort(key=lambda f: -len(f.words))
        if " ".join(form.words) == form.base:  # the verb as written: found by lemma too
            blst = self.bases.setdefault(key, [])
            blst[:] = [f for f in blst if f.words != form.words]
            blst.append(form)
            blst.sort(key=lambda f: -len(f.words))


def regular_forms(verb: str) -> list[str]:
    """Regular English forms of a verb the way PETRARCH makes them: VERB, VERBS, VERBED/VERBD, VERBING."""
    v = verb.upper()
    out = [v, v + "S"]
    if v.endswith("E"):
        out += [v + "D", v[:-1] + "ING"]
    else:
        out += [v + "ED", v + "ING"]
    return out


def plural(phrase: str) -> str | None:
    """Regular plural of a synset member's last word as the PETRARCH documentation states it: Y -> IES,
    SS -> SSES, else + S; None for a word already ending in S ("DOLLARS")."""
    if phrase.endswith("Y") and phrase[-2:-1] not in ("A", "E", "O", "U"):
        return phrase[:-1] + "IES"
    if phrase.endswith("SS"):
        return phrase + "ES"
    if phrase.endswith("S"):
        return None
    return phrase + "S"


_CODE_AT_END = re.compile(r"\[([^\]]*)\]")


class _VerbReader:
    def __init__(self, path: Path, flavor: str, vd: VerbDictionary):
        self.path = path
        self.name = path.name
        self.flavor = flavor
        self.vd = vd
        self.block: int | None = None
        self.new_block = False
        self.synset: str | None = None
        self.synset_noplural = False
        self.pending_forms_for: tuple[str, list[str], int, str, bool] | None = None
        self.alt_count = 0
        self.raw_synsets: dict[str, list[tuple[str, int, str]]] = {}
        self.pattern_lines: list[tuple[int, Line, str]] = []  # (block, line, text) resolved at the end

    def issue(self, line: Line, message: str, severity: str = "error") -> None:
        self.vd.issues.append(Issue(self.name, line.number, message, line.raw, severity))

    def run(self, text: str) -> None:
        in_time = False
        for line in content_lines(self.path, text):
            s = line.text.strip()
            up = s.upper()
            if up in ("<SYNSETS>", "</SYNSETS>"):
                self.synset = None
                continue
            if up == "<TIME>":
                in_time = True
                continue
            if up == "</TIME>":
                in_time = False
                continue
            if in_time:
                continue
            if s.startswith("~~FINISH"):  # TABARI end-of-file marker
                break
            if s.startswith("~"):
                self.issue(line, "PETRARCH-2 transformation rules (~ lines) are not supported; line ignored",
                           "warning")
                continue
            if re.fullmatch(r"</?[A-Z]+>", up):
                self.issue(line, f"unknown section tag {s}", "warning")
                continue
            if s.startswith("+") and self.synset is not None:
                self._synset_member(line, s[1:])
                continue
            self.synset = None
            if s.startswith("---"):
                self._header(line, s)
            elif s.startswith("&"):
                self._synset_start(line, s)
            elif s.startswith("-"):
                self._pattern(line, s[1:])
            elif s.startswith("{") and self.pending_forms_for is not None:
                self._forms_line(line, s)
            else:
                self._verb(line, s)
        self._resolve()

    # ---- blocks and verbs ---------------------------------------------------------------------
    def _header(self, line: Line, s: str) -> None:
        codes = _CODE_AT_END.findall(s)
        written = codes[0].strip() if codes else "---"
        code, dominant = split_event_code(written)
        name = re.sub(r"\[[^\]]*\]", "", s).strip("- \t") or "?"
        if not self._valid_code(code):
            self.issue(line, f"bad event code [{written}] in block header; the block's verbs get the null code ---")
            code, dominant = "---", False
        self.vd.blocks.append(VerbBlock(name, code, f"{self.name}:{line.number}", dominant=dominant))
        self.block = len(self.vd.blocks) - 1
        self.new_block = True
        self.pending_forms_for = None

    def _verb(self, line: Line, s: str) -> None:
        codes = _CODE_AT_END.findall(s)
        written = codes[0].strip() if codes else None
        own, own_dominant = split_event_code(written) if written is not None else (None, False)
        body = re.sub(r"\[[^\]]*\]", "", s)
        forms: list[str] | None = None
        if "{" in body:
            if "}" not in body:
                self.issue(line, "missing '}' after the verb forms; line skipped")
                return
            forms = body[body.index("{") + 1: body.index("}")].split()
            body = body[: body.index("{")] + body[body.index("}") + 1:]
        verb = body.strip()
        if not verb or not re.fullmatch(r"[+A-Za-z0-9'_ .=-]+", verb):
            self.issue(line, "cannot read this line as a verb (expected VERB {FORMS} [CODE])")
            return
        if own is not None and not self._valid_code(own):
            self.issue(line, f"bad event code [{written}]; the verb gets its block's code")
            own, own_dominant = None, False
        if self.block is None or self.flavor == "tabari" and not self.new_block:
            # TABARI: every verb line is its own block
            self.vd.blocks.append(VerbBlock(verb.strip("+_=").upper(), own or "---", f"{self.name}:{line.number}",
                                            dominant=own_dominant))
            self.block = len(self.vd.blocks) - 1
            self.new_block = True
        block = self.vd.blocks[self.block]
        if self.new_block:
            if own is not None and block.code == "---" and self.flavor == "tabari":
                block.code, block.dominant = own, own_dominant
            self.new_block = False
        code, dominant = (own, own_dominant) if own is not None else (block.code, block.dominant)
        words, head = _verb_words(verb, stems=self.flavor == "tabari")
        if not words:
            self.issue(line, "empty verb")
            return
        base = " ".join(words)
        block.verbs.append(base)
        self._add_forms(line, words, head, code, base, forms, dominant=dominant)
        self.pending_forms_for = (base, words, head, code, dominant) if forms is None and self.flavor == "tabari" \
            else None

    def _forms_line(self, line: Line, s: str) -> None:
        if "}" not in s:
            self.issue(line, "missing '}' after the verb forms; line skipped")
            return
        base, words, head, code, dominant = self.pending_forms_for  # type: ignore[misc]
        self._add_forms(line, words, head, code, base, s[s.index("{") + 1: s.index("}")].split(), regular=False,
                        dominant=dominant)
        self.pending_forms_for = None

    def _add_forms(self, line: Line, words: list[str], head: int, code: str, base: str,
                   forms: list[str] | None, regular: bool = True, dominant: bool = False) -> None:
        variants: list[tuple[list[str], int]] = []
        if words[head].endswith("~"):  # TABARI stem: matches every form
            variants.append((words, head))
        elif regular:
            for f in regular_forms(words[head]):
                variants.append((words[:head] + [f] + words[head + 1:], head))
        for f in forms or []:
            fw, fh = _verb_words(f, stems=self.flavor == "tabari")
            if fw:
                if len(fw) == 1 and len(words) > 1:  # a one-word form of a multi-word verb's verb word
                    fw, fh = words[:head] + fw + words[head + 1:], head
                variants.append((fw, fh))
        seen = set()
        for vw, vh in variants:
            key = tuple(vw)
            if key in seen:
                continue
            seen.add(key)
            self.vd._add_form(VerbForm(key, vh, self.block, code, base, dominant))  # type: ignore[arg-type]

    # ---- synsets --------------------------------------------------------------------------------
    def _synset_start(self, line: Line, s: str) -> None:
        label = s.split()[0].upper()
        noplural = label.endswith("_")
        name = label.rstrip("_")
        if not re.fullmatch(r"&[A-Z0-9_]+", name):
            self.issue(line, f"bad synset label {label}")
            self.synset = None
            return
        if name in self.raw_synsets:
            self.issue(line, f"synset {name} defined again; the members are added to the first definition",
                       "warning")
        self.raw_synsets.setdefault(name, [])
        self.synset = name
        self.synset_noplural = noplural

    def _synset_member(self, line: Line, text: str) -> None:
        t = text.strip().strip("()").strip()
        if not t:
            self.issue(line, "empty synset member")
            return
        self.raw_synsets[self.synset].append((t, line.number, "noplural" if self.synset_noplural else ""))  # type: ignore[index]

    # ---- patterns -------------------------------------------------------------------------------
    def _pattern(self, line: Line, s: str) -> None:
        if self.block is None:
            self.issue(line, "pattern outside a verb block; skipped")
            return
        self.pattern_lines.append((self.block, line, s))

    def _resolve(self) -> None:
        # synsets first (patterns may use a synset defined after them, and synsets may nest)
        for name, members in self.raw_synsets.items():
            out: list[tuple[str, ...]] = []
            for text, _, flag in members:
                exact_end = text.endswith("_")
                words = split_contractions([w for w in re.split(r"[ _]+", text.upper()) if w])
                if any(w.startswith("&") for w in words):
                    out.append(tuple(words))  # names other synsets: expanded below
                    continue
                if self.flavor == "tabari":
                    words = [w if i < len(words) - 1 or exact_end else w + "~" for i, w in enumerate(words)]
                out.append(tuple(words))
                if not (flag or exact_end or self.flavor == "tabari") and plural(words[-1]):
                    out.append(tuple(words[:-1] + [plural(words[-1])]))  # type: ignore[list-item]
            self.vd.synsets[name] = out
        raw = dict(self.vd.synsets)
        for name in list(self.vd.synsets):
            self.vd.synsets[name] = self._expand(name, raw, set())
        for block, line, s in self.pattern_lines:
            pat = self._read_pattern(line, s)
            if pat is not None:
                self.vd.blocks[block].patterns.append(pat)

    def _expand(self, name: str, raw: dict[str, list[tuple[str, ...]]], seen: set[str]) -> list[tuple[str, ...]]:
        """Members of a synset with the synsets they name expanded (``+&TIETYPES``, ``+&TIETYPES_MEMOS``)."""
        out: list[tuple[str, ...]] = []
        for member in raw.get(name, []):
            combos: list[tuple[str, ...]] = [()]
            for w in member:
                if not w.startswith("&"):
                    combos = [c + (w,) for c in combos]
                    continue
                inner = w.rstrip("_")
                if inner in seen or inner == name or inner not in raw:
                    line = next((n for t, n, _ in self.raw_synsets.get(name, []) if inner in t.upper()), 0)
                    why = "circular" if inner in seen or inner == name else "not defined"
                    self.vd.issues.append(Issue(self.name, line, f"synset {name} names {inner}, which is {why}",
                                                " ".join(member)))
                    combos = []
                    break
                combos = [c + ph for c in combos for ph in self._expand(inner, raw, seen | {name})]
            out.extend(combos)
        return list(dict.fromkeys(out))

    def _read_pattern(self, line: Line, s: str) -> VerbPattern | None:
        codes = _CODE_AT_END.findall(s)
        if not codes:
            self.issue(line, "pattern has no [CODE]; skipped")
            return None
        code, dominant = split_event_code(codes[-1])
        if not (self._valid_code(code) or code in SPECIAL_CODES):
            self.issue(line, f"bad event code [{codes[-1].strip()}]; pattern skipped")
            return None
        body = s[: s.rindex("[" + codes[-1])].strip()
        body = body.replace("**", "*")
        body = self._alternatives(line, body)
        if body is None:
            return None
        if re.search(r"[{}()]", body):
            self.vd.petrarch2 = True
        body = re.sub(r"[{}()]", " ", body)
        body = body.replace("_ ", " ").replace(" _", " ")  # PETRARCH: "XXXX_ " is an open match
        if body.count("*") != 1:
            self.issue(line, "pattern needs exactly one '*' (the verb); skipped")
            return None
        pre_text, post_text = body.split("*")
        try:
            pre = self._side(pre_text, before=True)
            post = self._side(post_text, before=False)
        except ValueError as exc:
            self.issue(line, f"{exc}; pattern skipped")
            return None
        return VerbPattern(tuple(pre), tuple(post), code, f"{self.name}:{line.number}", s.strip(), dominant)

    def _alternatives(self, line: Line, body: str) -> str | None:
        """TABARI ``{ A | B }`` -> an anonymous synset ``&_ALTn``."""
        while True:
            m = re.search(r"\{([^{}]*\|[^{}]*)\}", body)
            if not m:
                return body
            self.alt_count += 1
            name = f"&ALT.{self.alt_count}"
            members = []
            for alt in m.group(1).split("|"):
                alt = alt.strip()
                if not alt:
                    continue
                if alt.startswith("&"):
                    members.extend(self.vd.synsets.get(alt.upper().rstrip("_").split("_")[0], []))
                    continue
                exact = alt.endswith("_")
                words = [w for w in re.split(r"[ _]+", alt.upper()) if w]
                if self.flavor == "tabari" and not exact:
                    words[-1] += "~"
                members.append(tuple(words))
            if not members:
                self.issue(line, "empty { | } alternatives; pattern skipped")
                return None
            self.vd.synsets[name] = members
            body = body[: m.start()] + " " + name + " " + body[m.end():]

    def _side(self, text: str, before: bool) -> list[tuple[str, str]]:
        items, connectors, lead, trail = _tokenize(text)
        if any(i.endswith("N'T") and len(i) > 3 for i in items):  # TABARI "DIDN'T" -> "DID N'T" (TreeBank)
            new_items: list[str] = []
            new_conns: list[str] = []
            for k, item in enumerate(items):
                parts = split_contractions([item])
                if k:
                    new_conns.append(connectors[k - 1])
                new_items.append(parts[0])
                if len(parts) == 2:
                    new_conns.append("_")
                    new_items.append(parts[1])
            items, connectors = new_items, new_conns
        out = []
        for i, item in enumerate(items):
            if item.startswith("&"):
                name = item.rstrip("_")
                if name not in self.vd.synsets:
                    raise ValueError(f"synset {name} is not defined")
                items[i] = name
            elif "/" in item and item not in TOKENS:  # CAMEO 2.0 "(TO/FOR PROTEST)": alternatives
                self.alt_count += 1
                name = f"&ALT.{self.alt_count}"
                self.vd.synsets[name] = [(w,) for w in item.split("/") if w]
                items[i] = name
            elif item not in TOKENS:
                if not re.fullmatch(r"[A-Z0-9'.,&~-]+", item):
                    raise ValueError(f"cannot read pattern word {item!r}")
                if self.flavor == "tabari" and not item.endswith("~") and not _followed_by_underscore(i, connectors, trail):
                    items[i] = item + "~"
        if before:
            # nearest the verb first; the connector on each item links it toward the verb
            links = connectors + [trail]
            for i in range(len(items) - 1, -1, -1):
                out.append((links[i], items[i]))
        else:
            links = [lead] + connectors
            for i, item in enumerate(items):
                out.append((links[i], item))
        return out

    def _valid_code(self, code: str) -> bool:
        return bool(EVENT_CODE_RE.match(code)) or code in SPECIAL_CODES


def split_contractions(words: list[str]) -> list[str]:
    """Split negative contractions the way TreeBank tokenizers (and spaCy) do: DIDN'T -> DID N'T, WON'T -> WO
    N'T, CAN'T -> CA N'T, so TABARI entries written as one word match tokenized text."""
    out: list[str] = []
    for w in words:
        core = w.rstrip("~")
        if core.endswith("N'T") and len(core) > 3:
            out += [core[:-3], "N'T" + w[len(core):]]
        else:
            out.append(w)
    return out


def _followed_by_underscore(i: int, connectors: list[str], trail: str) -> bool:
    return (connectors[i] if i < len(connectors) else trail) == "_"


def _tokenize(text: str) -> tuple[list[str], list[str], str, str]:
    """Split one side of a pattern: items, connectors between them, the connector before the first item
    (after ``*``) and the one after the last (before ``*``)."""
    text = text.replace("\t", " ")
    items: list[str] = []
    connectors: list[str] = []
    lead = trail = " "
    cur = ""
    pending: str | None = None
    for ch in text:
        if ch in " _":
            if cur:
                items.append(cur.upper())
                cur = ""
                pending = ch
            elif pending is not None:
                if ch == "_":
                    pending = "_"
            elif not items:
                if ch == "_":
                    lead = "_"
            continue
        if pending is not None:
            connectors.append(pending)
            pending = None
        cur += ch
    if cur:
        items.append(cur.upper())
        trail = " "
    elif pending is not None:
        trail = pending
    if not items and text.strip("_ ") == "":
        lead = trail = "_" if "_" in text else " "
    return items, connectors, lead, trail


def _verb_words(verb: str, stems: bool = False) -> tuple[list[str], int]:
    """Words of a verb entry and the index of its verb word (marked ``+`` in multi-word verbs, else 0).
    With stems (TABARI), a word not followed by ``_`` is a stem and gets a trailing ``~``."""
    head = 0
    words = []
    text = verb.strip().strip("=")
    for i, m in enumerate(re.finditer(r"[^ _]+", text)):
        w = m.group(0)
        if w.startswith("+"):
            head = i
            w = w[1:]
        w = w.upper().rstrip("=")
        if not w:
            continue
        if stems and text[m.end(): m.end() + 1] != "_":
            w += "~"
        words.append(w)
    return words, head


def detect_flavor(path: Path, text: str) -> str:
    """``tabari`` for TABARI files (``.verbs``/``.actors``/``.agents`` names, ``;`` comments, ``<SYNSETS>``,
    ``<NOUN>`` sections), else ``petrarch``."""
    if path.suffix.lower() in (".verbs", ".actors", ".agents"):
        return "tabari"
    head = text[:20000]
    if re.search(r"^<(SYNSETS|NOUN|ADJECTIVE|TIME)>", head, re.M):
        return "tabari"
    return "petrarch"


def read_verb_dictionary(path: str | Path, flavor: str | None = None,
                         into: VerbDictionary | None = None) -> VerbDictionary:
    """Read a TABARI or PETRARCH verb dictionary file.

    path: the file (``PETR.Validate.verbs.txt``, ``CAMEO.2.0.txt``, ``TABARI.Demo.verbs`` ...);
    flavor: ``petrarch`` | ``tabari`` (default: detected, see ``detect_flavor``); into: add to this dictionary.
    RETURNS the VerbDictionary; lines that cannot be read are listed in ``.issues`` (with file:line) and skipped,
    so one bad line never stops the load. Raises FileNotFoundError for a missing file.
    """
    path = Path(path)
    text = read_text(path)
    vd = into if into is not None else VerbDictionary(flavor=flavor or detect_flavor(path, text))
    if into is None and flavor:
        vd.flavor = flavor
    reader = _VerbReader(path, flavor or vd.flavor, vd)
    reader.run(text)
    vd.files.append(str(path))
    return vd

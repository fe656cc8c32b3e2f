"""Readers for TABARI/PETRARCH actor, agent and discard dictionaries.

Sources of the format: PETRARCH ``docs/source/dictionaries.rst`` ("Actor Dictionary", "Agent Dictionary",
"Discard List") and ``PETRreader.read_actor_dictionary``/``read_agent_dictionary``/``read_discard_list``
(openeventdata/petrarch2), TABARI manual 0.8.4b2 ch. 5.

Actors: ``PHRASE [CODE]`` (``_`` joins words that must be consecutive, a blank allows words between), ``+SYNONYM``
lines sharing the codes of the primary phrase, and date restrictions, either on indented lines
(``\\t[CODE <YYMMDD]``, ``[CODE >YYMMDD]``, ``[CODE YYMMDD-YYMMDD]``, ``[CODE]`` = default) or, in TABARI files,
inline (``ALBRIGHT [USAGOV 991201-010114] [---]``). Limits are inclusive; YYMMDD years 00-30 are 20YY.
Agents: ``PHRASE {PLURAL} [~CODE]`` (``~`` before: appended to the actor code; after, ``NGO~``: put before it);
regular plurals are generated (``{}`` = none); ``!NAME! = A, B`` substitution sets used as ``CONGRESS!PERSON!``.
TABARI ``<NOUN>``/``<ADJECTIVE>`` sections in actor files are skipped. Discards: one phrase per line, ``+PHRASE``
discards the whole story, a final ``_`` requires a word end.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.dictionaries.common import (ACTOR_CODE_RE, AGENT_CODE_RE, Issue, Line, content_lines,
                                           parse_dict_date, read_text, split_phrase)


@dataclass(frozen=True)
class CodeRule:
    """One actor code with its date restriction: kind ``default`` | ``before`` (date <= end) | ``after``
    (date >= start) | ``between`` (start <= date <= end); dates are ISO strings."""

    code: str
    kind: str = "default"
    start: str | None = None
    end: str | None = None

    def applies(self, date: dt.date) -> bool:
        """True when ``date`` satisfies this rule's restriction (never for a ``default`` rule)."""
        iso = date.isoformat()
        if self.kind == "before":
            return iso <= self.end  # type: ignore[operator]
        if self.kind == "after":
            return iso >= self.start  # type: ignore[operator]
        if self.kind == "between":
            return self.start <= iso <= self.end  # type: ignore[operator]
        return False


@dataclass(frozen=True)
class Phrase:
    """A dictionary phrase: upper-case words (``~`` = stem) and the connectors between them."""

    words: tuple[str, ...]
    connectors: tuple[str, ...]

    def match(self, words: list[str], start: int) -> int:
        """Number of text words consumed when the phrase matches at ``words[start]`` (0 = no match).

        The first word must be at ``start``; after a ``_`` the next word must follow at once, after a blank
        other words may come between (PETRARCH ``actor_phrase_match``)."""
        if start >= len(words) or not word_match(self.words[0], words[start]):
            return 0
        k = start + 1
        for i in range(1, len(self.words)):
            conn = self.connectors[i - 1]
            while True:
                if k >= len(words):
                    return 0
                if word_match(self.words[i], words[k]):
                    k += 1
                    break
                if conn == "_":
                    return 0
                k += 1
        return k - start


def word_match(pattern: str, word: str) -> bool:
    """Exact upper-case match, or prefix match for a stem (``"ETHIOP~"``)."""
    if pattern.endswith("~"):
        return word.startswith(pattern[:-1])
    return pattern == word


@dataclass
class ActorEntry:
    """A phrase naming an actor and the index of its code rules in ``ActorDictionary.codes``."""

    phrase: Phrase
    codes: int
    source: str


@dataclass
class _FirstWordIndex:
    """Phrases keyed by their first word, longest first; TABARI stems (``WORD~``) under ``~WORD``."""

    flavor: str = "petrarch"
    index: dict[str, list] = field(default_factory=dict)

    @property
    def entry_count(self) -> int:
        """Number of phrases indexed."""
        return sum(len(v) for v in self.index.values())

    def add(self, entry) -> None:
        """Index an entry by its first word (stems under ``~STEM``), longest phrases first."""
        key = entry.phrase.words[0]
        if key.endswith("~"):
            key = "~" + key[:-1]
        lst = self.index.setdefault(key, [])
        lst.append(entry)
        lst.sort(key=lambda e: -len(e.phrase.words))

    def candidates(self, word: str) -> list:
        """Entries that may start at ``word`` (exact first word, then TABARI stems that are prefixes of it)."""
        out = list(self.index.get(word, []))
        if self.flavor == "tabari":
            for n in range(len(word), 0, -1):
                out += self.index.get("~" + word[:n], [])
            out.sort(key=lambda e: -len(e.phrase.words))
        return out


@dataclass
class ActorDictionary(_FirstWordIndex):
    """Actor phrases keyed by first word (longest first) and the shared code-rule lists.

    ``code_for(entry, date)`` resolves date restrictions: the first rule (in file order) whose restriction
    holds, else the first unrestricted code, else ``---`` (PETRARCH ``get_actor_code``).
    """

    codes: list[list[CodeRule]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def code_for(self, entry: ActorEntry, date: dt.date | None) -> str:
        """The entry's code at ``date`` (see the class docstring); ``---`` when no rule applies."""
        rules = self.codes[entry.codes]
        if date is not None:
            for r in rules:
                if r.kind != "default" and r.applies(date):
                    return r.code
        for r in rules:
            if r.kind == "default":
                return r.code
        return "---"

    def lookup(self, phrase: str, date: dt.date | None = None) -> str | None:
        """Code of the longest entry matching the whole of ``phrase`` (words joined by blanks), or None."""
        words = phrase.upper().replace("_", " ").split()
        for e in self.candidates(words[0]) if words else []:
            if e.phrase.match(words, 0) == len(words):
                return self.code_for(e, date)
        return None

    def to_dict(self) -> dict:
        """JSON-ready form for the cache; ``from_dict`` reads it back."""
        return {"flavor": self.flavor, "codes": [[r.__dict__ for r in rs] for rs in self.codes],
                "entries": [{"words": list(e.phrase.words), "connectors": list(e.phrase.connectors),
                             "codes": e.codes, "source": e.source} for es in self.index.values() for e in es],
                "issues": [i.to_dict() for i in self.issues], "files": self.files}

    @classmethod
    def from_dict(cls, d: dict) -> ActorDictionary:
        ad = cls(flavor=d["flavor"], files=list(d.get("files", [])))
        ad.codes = [[CodeRule(**r) for r in rs] for rs in d["codes"]]
        for e in d["entries"]:
            ad.add(ActorEntry(Phrase(tuple(e["words"]), tuple(e["connectors"])), e["codes"], e["source"]))
        ad.issues = [Issue(**i) for i in d.get("issues", [])]
        return ad


def _phrase(text: str, flavor: str) -> Phrase | None:
    words, conns = split_phrase(text.upper())
    if not words:
        return None
    if flavor == "tabari":
        # TABARI: a word is a stem unless followed by "_" (final underscore = whole word)
        raw = text.strip()
        out = []
        pos = 0
        for w in words:
            pos = raw.upper().find(w, pos) + len(w)
            nxt = raw[pos: pos + 1]
            out.append(w if nxt == "_" else w + "~")
        words = out
    return Phrase(tuple(words), tuple(conns))


_BRACKET = re.compile(r"\[([^\]]*)\]")


def _code_rule(body: str, notes: list[str] | None = None) -> CodeRule:
    """``CODE``, ``CODE <DATE``, ``CODE >DATE``, ``CODE DATE-DATE``; raises ValueError naming the problem.
    A date with more than 8 digits is read from its first 8 (PETRARCH) and noted in ``notes``."""
    body = body.strip()
    if not body:
        raise ValueError("empty [ ] code")
    parts = body.split(None, 1)
    code = parts[0]
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not ACTOR_CODE_RE.match(code):
        raise ValueError(f"bad actor code {code!r}")
    if not rest:
        return CodeRule(code)
    for digits in re.findall(r"\d+", rest):
        if len(digits) > 8 and notes is not None:
            notes.append(f"date {digits} has more than 8 digits; read as {digits[:8]} (PETRARCH rule)")
    if rest[0] in "<>":
        d = parse_dict_date(rest[1:], lenient=True)
        return CodeRule(code, "before" if rest[0] == "<" else "after",
                        start=d.isoformat() if rest[0] == ">" else None, end=d.isoformat() if rest[0] == "<" else None)
    if "-" in rest:
        a, b = rest.split("-", 1)
        d1, d2 = parse_dict_date(a, lenient=True), parse_dict_date(b, lenient=True)
        if d2 < d1:
            raise ValueError("end date before start date")
        return CodeRule(code, "between", d1.isoformat(), d2.isoformat())
    if rest.isdigit() and notes is not None:
        # PETRARCH reads "[CODE DATE]" (no <, > or -) as a plain default code
        notes.append(f"date {rest} without <, > or - is ignored; {code} is read as the default code")
        return CodeRule(code)
    raise ValueError(f"cannot read date restriction {parts[1]!r} (use <DATE, >DATE or DATE-DATE)")


def read_actor_dictionary(path: str | Path, flavor: str | None = None,
                          into: ActorDictionary | None = None) -> ActorDictionary:
    """Read an actor dictionary file (``PETR.Validate.actors.txt``, ``Phoenix.Countries.actors.txt``,
    ``TABARI.Demo.actors`` ...).

    flavor: ``petrarch`` (whole-word match) | ``tabari`` (stems); default: detected from the file.
    into: add to this dictionary (several actor files make one dictionary).
    RETURNS the ActorDictionary. A line that cannot be read, a malformed code or an impossible date is listed in
    ``.issues`` with file:line and left out (a bad code never reaches the output); the rest of the file loads.
    """
    from eventwire.dictionaries.verbs import detect_flavor  # noqa: PLC0415

    path = Path(path)
    text = read_text(path)
    ad = into if into is not None else ActorDictionary(flavor=flavor or detect_flavor(path, text))
    fl = flavor or ad.flavor
    name = path.name
    current: list[CodeRule] | None = None  # rules of the current record
    current_idx = -1
    pending: list[tuple[Phrase, int]] = []  # phrases of the current record
    section: str | None = None

    def issue(line: Line, msg: str, severity: str = "error") -> None:
        ad.issues.append(Issue(name, line.number, msg, line.raw, severity))

    def close_record() -> None:
        nonlocal pending
        if current is not None and not current:
            for ph, n in pending:
                ad.issues.append(Issue(name, n, "actor has no usable code; it codes as ---", " ".join(ph.words),
                                       "warning"))
        pending = []

    for line in content_lines(path, text):
        s = line.text.strip()
        up = s.upper()
        if re.fullmatch(r"<(NOUN|ADJECTIVE|TIME|SYNSETS)>", up):
            section = up
            continue
        if re.fullmatch(r"</(NOUN|ADJECTIVE|TIME|SYNSETS)>", up):
            section = None
            continue
        if section is not None:
            continue
        if "---STOP---" in s or s.startswith("~~FINISH"):
            break
        if line.indented and s.startswith("["):  # date restriction / code line of the current record
            if current is None:
                issue(line, "code line without an actor phrase before it")
                continue
            for body in _BRACKET.findall(s) or [""]:
                notes: list[str] = []
                try:
                    current.append(_code_rule(body, notes))
                except ValueError as exc:
                    issue(line, f"{exc}; restriction skipped")
                for note in notes:
                    issue(line, note, "warning")
            continue
        synonym = s.startswith("+")
        if synonym and current is None:
            issue(line, "synonym (+) before any actor phrase")
            continue
        phrase_text = _BRACKET.sub(" ", s[1:] if synonym else s).strip()
        bad_bracket = "[" in phrase_text or "]" in phrase_text or s.count("[") != s.count("]")
        if bad_bracket:
            issue(line, "unbalanced [ ] in actor line; line skipped")
            continue
        if not synonym and not (current is not None and not current and "[" not in s):
            # (consecutive primary phrases without codes share the codes that follow them, as in PETRARCH)
            close_record()
            current = []
            ad.codes.append(current)
            current_idx = len(ad.codes) - 1
        for body in _BRACKET.findall(s):
            notes = []
            try:
                current.append(_code_rule(body, notes))  # type: ignore[union-attr]
            except ValueError as exc:
                issue(line, f"{exc}; code skipped")
            for note in notes:
                issue(line, note, "warning")
        ph = _phrase(phrase_text, fl)
        if ph is None:
            issue(line, "empty actor phrase")
            continue
        pending.append((ph, line.number))
        ad.add(ActorEntry(ph, current_idx, f"{name}:{line.number}"))
    close_record()
    ad.files.append(str(path))
    return ad


# ---- agents ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgentEntry:
    """An agent phrase and its code (``~GOV`` appended, ``NGO~`` prefixed)."""

    phrase: Phrase
    code: str
    source: str


@dataclass
class AgentDictionary(_FirstWordIndex):
    """Agent phrases keyed by first word, longest first (singular and plural forms both stored)."""

    issues: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def lookup(self, phrase: str) -> str | None:
        """Agent code of the longest entry matching the whole of ``phrase``, or None."""
        words = phrase.upper().replace("_", " ").split()
        for e in self.candidates(words[0]) if words else []:
            if e.phrase.match(words, 0) == len(words):
                return e.code
        return None

    def to_dict(self) -> dict:
        """JSON-ready form for the cache; ``from_dict`` reads it back."""
        return {"flavor": self.flavor,
                "entries": [{"words": list(e.phrase.words), "connectors": list(e.phrase.connectors), "code": e.code,
                             "source": e.source} for es in self.index.values() for e in es],
                "issues": [i.to_dict() for i in self.issues], "files": self.files}

    @classmethod
    def from_dict(cls, d: dict) -> AgentDictionary:
        ag = cls(flavor=d["flavor"], files=list(d.get("files", [])))
        for e in d["entries"]:
            ag.add(AgentEntry(Phrase(tuple(e["words"]), tuple(e["connectors"])), e["code"], e["source"]))
        ag.issues = [Issue(**i) for i in d.get("issues", [])]
        return ag


def agent_plural(phrase: str) -> str:
    """Regular plural of an agent phrase's last word (PETRARCH): Y -> IES, S -> ES, else + S."""
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase + "ES"
    return phrase + "S"


def read_agent_dictionary(path: str | Path, flavor: str | None = None,
                          into: AgentDictionary | None = None) -> AgentDictionary:
    """Read an agent dictionary (``PETR.Validate.agents.txt``, ``Phoenix.agents.txt``, ``Validate.agents``).

    RETURNS the AgentDictionary; lines without a code, with a malformed code, an unclosed ``{`` or an unknown
    ``!MARKER!`` go to ``.issues`` (file:line) and are skipped.
    """
    from eventwire.dictionaries.verbs import detect_flavor  # noqa: PLC0415

    path = Path(path)
    text = read_text(path)
    ag = into if into is not None else AgentDictionary(flavor=flavor or detect_flavor(path, text))
    fl = flavor or ag.flavor
    name = path.name
    markers: dict[str, list[str]] = {}

    def issue(line: Line, msg: str, severity: str = "error") -> None:
        ag.issues.append(Issue(name, line.number, msg, line.raw, severity))

    def store(text_: str, code: str, line: Line) -> None:
        ph = _phrase(text_, fl)
        if ph is None:
            issue(line, "empty agent phrase")
            return
        ag.add(AgentEntry(ph, code, f"{name}:{line.number}"))

    for line in content_lines(path, text):
        s = line.text.strip()
        if re.match(r"^<Combine", s, re.I) or s.upper() in ("<COMBINEBLOCK>", "</COMBINEBLOCK>"):
            issue(line, "agent combination rules are not supported; line ignored", "warning")
            continue
        m = re.fullmatch(r"!([A-Z0-9_]+)!\s*=\s*(.+)", s, re.I)
        if m:
            markers[m.group(1).upper()] = [x.strip().upper() for x in m.group(2).split(",") if x.strip()]
            continue
        codes = _BRACKET.findall(s)
        if not codes:
            issue(line, "agent needs a [~CODE] or [CODE~]; line skipped")
            continue
        code = codes[0].replace(" ", "")
        if not AGENT_CODE_RE.match(code):
            issue(line, f"bad agent code [{codes[0].strip()}] (expected ~CODE or CODE~); line skipped")
            continue
        head = s[: s.index("[")]
        plural_text: str | None = None
        if "{" in head:
            if "}" not in head:
                issue(line, "missing '}' after the plural; line skipped")
                continue
            plural_text = head[head.index("{") + 1: head.index("}")].strip()
            head = head[: head.index("{")]
        head = head.strip()
        if not head:
            issue(line, "empty agent phrase")
            continue
        if "!" in head:
            mm = re.search(r"!([A-Z0-9_]+)!", head, re.I)
            if not mm or mm.group(1).upper() not in markers:
                issue(line, "substitution marker !...! not defined before use; line skipped")
                continue
            for sub in markers[mm.group(1).upper()]:
                store(head[: mm.start()] + sub + head[mm.end():], code, line)
            continue
        store(head, code, line)
        if plural_text is None:
            plural_text = agent_plural(head.upper().rstrip("_"))
        if plural_text:
            store(plural_text, code, line)
    ag.files.append(str(path))
    return ag


# ---- discards -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Discard:
    """A discard phrase (upper case); story: ``+`` prefix (the whole story is skipped); whole_word: final ``_``."""

    text: str
    story: bool
    whole_word: bool
    source: str


@dataclass
class DiscardList:
    """Phrases whose presence in a sentence stops it (or its story) being coded."""

    entries: list[Discard] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def find(self, text: str) -> Discard | None:
        """The first discard phrase found in ``text`` (story discards first), or None.

        Matching is case-insensitive; the phrase must start at a word start; it is a stem unless it ends
        in ``_`` (then a blank or punctuation must follow), as in PETRARCH ``check_discards``."""
        up = " " + re.sub(r"\s+", " ", text.upper()) + " "
        for story in (True, False):
            for d in self.entries:
                if d.story != story:
                    continue
                for m in re.finditer(re.escape(" " + d.text), up):
                    end = m.end()
                    if not d.whole_word or end >= len(up) or not up[end].isalnum():
                        return d
        return None

    def to_dict(self) -> dict:
        """JSON-ready form for the cache; ``from_dict`` reads it back."""
        return {"entries": [d.__dict__ for d in self.entries], "issues": [i.to_dict() for i in self.issues],
                "files": self.files}

    @classmethod
    def from_dict(cls, d: dict) -> DiscardList:
        return cls([Discard(**e) for e in d["entries"]], [Issue(**i) for i in d.get("issues", [])],
                   list(d.get("files", [])))


def read_discard_list(path: str | Path, into: DiscardList | None = None) -> DiscardList:
    """Read a discard list (``PETR.Validate.discards.txt``, ``Phoenix.discards.txt``); RETURNS the DiscardList."""
    path = Path(path)
    dl = into if into is not None else DiscardList()
    for line in content_lines(path):
        s = line.text.strip()
        story = s.startswith("+")
        body = s[1:].strip() if story else s
        whole = body.endswith("_")
        body = body.rstrip("_").replace("_", " ").strip().upper()
        if not body:
            dl.issues.append(Issue(path.name, line.number, "empty discard phrase", line.raw))
            continue
        dl.entries.append(Discard(re.sub(r"\s+", " ", body), story, whole, f"{path.name}:{line.number}"))
    dl.files.append(str(path))
    return dl

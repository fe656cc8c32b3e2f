"""Shared pieces of the TABARI/PETRARCH dictionary readers: line reading, comments, issues, dates, codes.

Comment rules follow the PETRARCH documentation (``docs/source/dictionaries.rst`` in openeventdata/petrarch2,
"General Rules for dictionaries") and the TABARI manual (0.8.4b2, ch. 5): a line starting with ``#`` is a
comment; ``<!-- ... -->`` comments may span lines (a line starting with ``<!`` is a comment line); `` #``
(blank, hash) and ``;`` (the KEDS/TABARI delimiter) start an end-of-line comment; blank lines are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A CAMEO/WEIS event code as the validation dictionaries write it: digits and letters ("174K", "075A",
# "1010"), the null code "---", and the paired form "032:033" (TABARI manual 5.3: source->target 032 and
# target->source 033); one side of the pair may be empty (CAMEO 2.0 writes "[:173]": target->source only).
EVENT_CODE_RE = re.compile(r"^(?:(?:---|[0-9A-Za-z]{2,6})(?::(?:---|[0-9A-Za-z]{2,6})?)?|:(?:---|[0-9A-Za-z]{2,6}))$")
# TABARI's dominant-event marker: a verb or pattern code written with a trailing "!" ("ATTEND [031!]",
# "- * DOWN FROM [080!]") codes as the code without it, and when that verb codes an event, it is the only verb
# of the sentence that does (TABARI.Demo.text: "Dominant event: only ATTEND will code when coding in ALL
# mode"). The marker is never part of an event code.
DOMINANT_MARK = "!"
# Actor codes: 3-letter blocks (upper case in practice; the PETRARCH validation file has "pse"), "---",
# compound codes "FRO/BIL/SAM" (one event per part), and the TABARI markers "+++" (complex) / "###" (discard).
ACTOR_CODE_RE = re.compile(r"^(?:---|\+\+\+|###|[A-Za-z0-9]{2,15}(?:/[A-Za-z0-9]{2,15})*)$")
# Agent codes: "~GOV" (appended after the actor code) or "NGO~" (put before it).
AGENT_CODE_RE = re.compile(r"^(?:~[A-Za-z0-9]{2,15}|[A-Za-z0-9]{2,15}~)$")


def split_event_code(code: str) -> tuple[str, bool]:
    """An event code as written in a verb dictionary -> (the code without TABARI's dominant marker, whether
    it had one): ``"080!"`` -> ``("080", True)``, ``"080"`` -> ``("080", False)``. Only one trailing marker is
    removed; whether the rest is a valid code is for ``EVENT_CODE_RE`` to say (``"!"`` and ``"08!0"`` are not)."""
    code = code.strip()
    if code.endswith(DOMINANT_MARK):
        return code[:-1].rstrip(), True
    return code, False


@dataclass(frozen=True)
class Issue:
    """One problem found while reading a dictionary file.

    path/line: where (1-based line); message: what is wrong; text: the line as written (stripped);
    severity: ``error`` (the entry was skipped or its code dropped) or ``warning`` (kept, but worth a look).
    """

    path: str
    line: int
    message: str
    text: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        shown = f": {self.text!r}" if self.text else ""
        return f"{self.path}:{self.line}: {self.severity}: {self.message}{shown}"

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message, "text": self.text,
                "severity": self.severity}


class DictionaryError(ValueError):
    """A dictionary could not be used at all (missing file, no usable entry, unreadable cache).

    ``issues`` holds the per-line problems collected so far (may be empty).
    """

    def __init__(self, message: str, issues: list[Issue] | None = None):
        super().__init__(message)
        self.issues = list(issues or [])


def summarize_issues(issues: list[Issue], limit: int = 20) -> str:
    """One block of text for a list of issues: a count line, then up to ``limit`` issues, one per line."""
    if not issues:
        return "no problems found"
    order: dict[str, int] = {}
    for i in issues:
        order.setdefault(i.path, len(order))
    issues = sorted(issues, key=lambda i: (order[i.path], i.line))
    errors = sum(1 for i in issues if i.severity == "error")
    head = f"{errors} error(s), {len(issues) - errors} warning(s) while reading dictionaries"
    lines = [head] + [f"  {i}" for i in issues[:limit]]
    if len(issues) > limit:
        lines.append(f"  ... and {len(issues) - limit} more")
    return "\n".join(lines)


def read_text(path: Path) -> str:
    """File text as UTF-8, falling back to Latin-1 (the TABARI CAMEO verbs file is not UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass
class Line:
    """A content line: 1-based number, text without comments (right-stripped; leading tab/space kept),
    and the raw line for error messages."""

    number: int
    text: str
    raw: str

    @property
    def indented(self) -> bool:
        return self.text[:1] in ("\t", " ")


def content_lines(path: Path, text: str | None = None) -> Iterator[Line]:
    """Yield the non-comment, non-blank lines of a dictionary file with their line numbers."""
    if text is None:
        text = read_text(path)
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.replace("\ufeff", "")
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line[line.index("-->") + 3:]
            else:
                continue
        # XML-style comments: strip complete ones, open a multi-line one
        while "<!--" in line:
            start = line.index("<!--")
            end = line.find("-->", start + 4)
            if end < 0:
                line = line[:start]
                in_comment = True
                break
            line = line[:start] + line[end + 3:]
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!"):
            continue
        line = _cut_comment(line)
        if not line.strip():
            continue
        yield Line(number, line.rstrip(), raw.strip())


def _cut_comment(line: str) -> str:
    """Remove an end-of-line comment: `` #`` (also after a tab or a closing ``]``) or ``;``."""
    m = re.search(r"[ \t\]]#", line)
    if m and line[m.start()] == "]":
        return line[: m.start() + 1]
    if m:
        line = line[: m.start()]
    if ";" in line:
        line = line[: line.index(";")]
    return line


def parse_dict_date(text: str, lenient: bool = False) -> dt.date:
    """A date as the actor dictionaries write it: ``YYYYMMDD`` or ``YYMMDD`` (years 00-30 are 20YY, else 19YY,
    as in KEDS/TABARI). With lenient, more than 8 digits are read from the first 8 (PETRARCH ``dstr_to_ordate``:
    "only the first 8 characters are checked"). Raises ValueError for anything else, including impossible dates."""
    s = text.strip()
    if lenient and s.isdigit() and len(s) > 8:
        s = s[:8]
    if not s.isdigit() or len(s) not in (6, 8):
        raise ValueError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(s) == 8:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    return dt.date(year, month, day)  # raises ValueError for month 13, Feb 30 ...


def split_phrase(text: str) -> tuple[list[str], list[str]]:
    """Split a dictionary phrase on blanks and underscores.

    Returns (words, connectors) where ``connectors[i]`` joins ``words[i]`` to ``words[i+1]``: ``"_"`` = the
    next word must follow at once, ``" "`` = other words may come between (PETRARCH ``make_noun_list``).
    A trailing underscore ("ARNOR_") is dropped.
    """
    words: list[str] = []
    connectors: list[str] = []
    current = ""
    for ch in text.strip():
        if ch in " _\t":
            if current:
                words.append(current)
                connectors.append("_" if ch == "_" else " ")
                current = ""
            elif connectors and ch == "_":
                connectors[-1] = "_"
            continue
        current += ch
    if current:
        words.append(current)
        connectors.append(" ")
    return words, connectors[: max(len(words) - 1, 0)]

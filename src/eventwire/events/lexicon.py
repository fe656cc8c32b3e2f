"""The predicate lexicon: which predicates (with which objects and prepositions) make which CAMEO event.

The table is ``eventwire/events/data/verbs.tsv`` (our own); its header documents the pattern syntax.
Users add patterns with ``load_lexicon(extra_paths)`` or ``$EVENTWIRE_VERB_FILE``. Each pattern carries a
CAMEO code; the PLOVER type, mode, QuadClass and Goldstein score come from ``eventwire.ontology``.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.actors.dictionary import read_table_text

_CODE = re.compile(r"^\d{2,4}$")


class LexiconError(ValueError):
    """A lexicon line cannot be parsed; the message names file and line."""


@dataclass(frozen=True)
class PredicatePattern:
    """One lexicon entry.

    lemma: predicate lemma; particle: required particle ("up") or None; objects: allowed direct-object
    lemmas (empty = any or none); target_prep: preposition introducing the target, or None; cameo: code;
    source_prep: preposition introducing the source when the subject is the one acted on ("received
    assurances from X", "faces pressure from X": X is the source, the subject the target), or None.
    """

    lemma: str
    particle: str | None
    objects: frozenset[str]
    target_prep: str | None
    cameo: str
    source: str  # "file:line", for error reports and debugging
    source_prep: str | None = None
    object_prep: str | None = None  # "+to:street": the required object is that of this preposition

    @property
    def specificity(self) -> int:
        prep = self.target_prep or self.source_prep
        return (2 if self.objects else 0) + (1 if self.particle else 0) + (1 if prep else 0)


def parse_pattern(text: str, cameo: str, source: str) -> PredicatePattern:
    """Parse ``LEMMA [~PARTICLE] [+[PREP:]OBJ,OBJ] [>PREP | <PREP]``. Raises LexiconError naming ``source``."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
        raise LexiconError(f"{source}: pattern must start with a lower-case lemma: {text!r}")
    if not _CODE.match(cameo):
        raise LexiconError(f"{source}: bad CAMEO code {cameo!r} (2 to 4 digits expected)")
    particle = prep = source_prep = object_prep = None
    objects: frozenset[str] = frozenset()
    for part in parts[1:]:
        if part.startswith("~"):
            particle = part[1:]
        elif part.startswith("+"):
            body = part[1:]
            if ":" in body:  # "+to:street,streets": the object of "to" ("took to the streets")
                object_prep, body = body.split(":", 1)
            objects = frozenset(x for x in body.split(",") if x)
        elif part.startswith(">"):
            prep = part[1:]
        elif part.startswith("<"):
            source_prep = part[1:]
        else:
            raise LexiconError(f"{source}: cannot read {part!r} in pattern {text!r} "
                               "(use ~particle, +object, >prep, <prep)")
    return PredicatePattern(parts[0], particle, objects, prep, cameo, source, source_prep, object_prep)


def _read(path: Path) -> list[PredicatePattern]:
    out = []
    header = False
    for lineno, line in enumerate(read_table_text(path, LexiconError).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        cols = re.split(r"\t+", line)
        if len(cols) < 2:
            raise LexiconError(f"{path}:{lineno}: expected 'pattern<TAB>cameo', got {line!r}")
        out.append(parse_pattern(cols[0], cols[1].strip(), f"{path.name}:{lineno}"))
    return out


def load_lexicon(extra_paths: list[str | os.PathLike] | None = None) -> dict[str, list[PredicatePattern]]:
    """Load the packaged lexicon plus extra files; returns lemma -> patterns, most specific first."""
    paths = [Path(str(resources.files("eventwire.events") / "data" / "verbs.tsv"))]
    env = os.environ.get("EVENTWIRE_VERB_FILE")
    paths += [Path(p) for p in (extra_paths or [])] + ([Path(env)] if env else [])
    by_lemma: dict[str, list[PredicatePattern]] = {}
    for path in paths:
        for pat in _read(path):
            by_lemma.setdefault(pat.lemma, []).append(pat)
    for pats in by_lemma.values():
        pats.sort(key=lambda p: -p.specificity)
    return by_lemma


@functools.lru_cache(maxsize=1)
def default_lexicon() -> dict[str, list[PredicatePattern]]:
    """The packaged lexicon (plus ``$EVENTWIRE_VERB_FILE``), loaded once per process."""
    return load_lexicon()


@dataclass(frozen=True)
class NounPattern:
    """An event noun: lemma, CAMEO code, and the role of its "of" phrase (target | source | none)."""

    lemma: str
    cameo: str
    of_role: str


@functools.lru_cache(maxsize=1)
def default_nouns() -> dict[str, NounPattern]:
    """The packaged event-noun table (``events/data/nouns.tsv``), loaded once per process."""
    path = Path(str(resources.files("eventwire.events") / "data" / "nouns.tsv"))
    out: dict[str, NounPattern] = {}
    header = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 3 or not _CODE.match(cols[1]) or cols[2] not in ("target", "source", "none"):
            raise LexiconError(f"{path.name}:{lineno}: expected 'noun<TAB>cameo<TAB>target|source|none', got {line!r}")
        out[cols[0]] = NounPattern(cols[0], cols[1], cols[2])
    return out

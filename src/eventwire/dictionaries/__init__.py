"""TABARI/PETRARCH-format dictionaries: read, cache and code with them.

* ``load_dictionaries(path_or_paths)`` reads verb, actor, agent and discard files (or a cache made by
  ``import_dictionaries``) into a ``DictionarySet``; problems are collected per line (``DictionarySet.issues``)
  and the rest still loads.
* ``import_dictionaries(inputs, out_dir)`` reads them and writes the loaded form to
  ``out_dir/eventwire-dictionaries.json`` (what ``eventwire dict import`` does); ``load_dictionaries(out_dir)``
  then loads that cache without re-reading the source files.
* ``DictionaryCoder`` (``eventwire.dictionaries.coder``) codes sentences with them on spaCy's dependency parse.

Formats: TABARI manual 0.8.4b2 ch. 5; PETRARCH ``docs/source/dictionaries.rst`` and ``PETRreader.py``
(openeventdata/petrarch2). See the module docstrings of ``verbs``, ``actors`` and ``coder``.

Example::

    >>> ds = load_dictionaries("../shared/suites/original/openeventdata-petrarch2")  # doctest: +SKIP
    >>> ds.actors.lookup("MINAS TIRITH")                                            # doctest: +SKIP
    'GON'
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.dictionaries.actors import (ActorDictionary, AgentDictionary, DiscardList, read_actor_dictionary,
                                           read_agent_dictionary, read_discard_list)
from eventwire.dictionaries.common import DictionaryError, Issue, summarize_issues
from eventwire.dictionaries.verbs import VerbDictionary, read_verb_dictionary

__all__ = [
    "DictionarySet", "DictionaryError", "Issue", "CACHE_NAME", "classify_file", "load_dictionaries",
    "import_dictionaries", "save_dictionaries", "summarize_issues", "read_verb_dictionary",
    "read_actor_dictionary", "read_agent_dictionary", "read_discard_list",
]

CACHE_NAME = "eventwire-dictionaries.json"
CACHE_FORMAT = "eventwire-dictionaries"
CACHE_VERSION = 1
ROLES = ("verbs", "actors", "agents", "discards")


@dataclass
class DictionarySet:
    """Everything the dictionary coder needs: verbs, actors, agents, discards (each may be None).

    issues: all per-line problems of all files (``Issue``: path, line, message, text, severity);
    files: role -> files read; ignored: files given but not recognised as a dictionary.
    """

    verbs: VerbDictionary | None = None
    actors: ActorDictionary | None = None
    agents: AgentDictionary | None = None
    discards: DiscardList | None = None
    files: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        """All problems of all parts (errors and warnings)."""
        out: list[Issue] = []
        for part in (self.verbs, self.actors, self.agents, self.discards):
            if part is not None:
                out += part.issues
        return out

    @property
    def errors(self) -> list[Issue]:
        """Only the problems that made the reader skip a line, a pattern or a code."""
        return [i for i in self.issues if i.severity == "error"]

    def summary(self) -> dict:
        """Counts for people and tests: verbs (forms), verb blocks, patterns, synsets, actor phrases, agent
        phrases, discards, errors, warnings."""
        v = self.verbs
        return {
            "verb_blocks": len(v.blocks) if v else 0,
            "verb_forms": sum(len(x) for x in v.forms.values()) if v else 0,
            "patterns": v.pattern_count if v else 0,
            "synsets": len([k for k in v.synsets if not k.startswith("&ALT.")]) if v else 0,
            "actor_phrases": self.actors.entry_count if self.actors else 0,
            "actor_records": len(self.actors.codes) if self.actors else 0,
            "agent_phrases": self.agents.entry_count if self.agents else 0,
            "discards": len(self.discards.entries) if self.discards else 0,
            "errors": len(self.errors),
            "warnings": len(self.issues) - len(self.errors),
        }

    def to_dict(self) -> dict:
        """The cache document: ``{"format", "version", "files", "ignored", "verbs", "actors", "agents",
        "discards"}`` (each part's own ``to_dict``, or None)."""
        return {
            "format": CACHE_FORMAT, "version": CACHE_VERSION, "files": self.files, "ignored": self.ignored,
            "verbs": self.verbs.to_dict() if self.verbs else None,
            "actors": self.actors.to_dict() if self.actors else None,
            "agents": self.agents.to_dict() if self.agents else None,
            "discards": self.discards.to_dict() if self.discards else None,
        }

    @classmethod
    def from_dict(cls, d: dict) -> DictionarySet:
        """Rebuild from ``to_dict`` output; raises DictionaryError for another format or version."""
        if d.get("format") != CACHE_FORMAT or d.get("version") != CACHE_VERSION:
            raise DictionaryError(f"not an eventwire dictionary cache of version {CACHE_VERSION} "
                                  f"(format={d.get('format')!r}, version={d.get('version')!r}); "
                                  "re-run `eventwire dict import` to rebuild it")
        return cls(
            verbs=VerbDictionary.from_dict(d["verbs"]) if d.get("verbs") else None,
            actors=ActorDictionary.from_dict(d["actors"]) if d.get("actors") else None,
            agents=AgentDictionary.from_dict(d["agents"]) if d.get("agents") else None,
            discards=DiscardList.from_dict(d["discards"]) if d.get("discards") else None,
            files={k: list(v) for k, v in d.get("files", {}).items()}, ignored=list(d.get("ignored", [])),
        )


def classify_file(path: str | os.PathLike) -> str | None:
    """The role of a dictionary file from its name: ``verbs`` | ``actors`` | ``agents`` | ``discards`` |
    ``project`` (a TABARI ``.project`` file naming the others) | None (not a dictionary).

    >>> classify_file("PETR.Validate.verbs.txt"), classify_file("Phoenix.agents.txt"), classify_file("x.csv")
    ('verbs', 'agents', None)
    """
    name = Path(path).name.lower()
    if name.endswith(".project"):
        return "project"
    if name == CACHE_NAME:
        return None
    for role, keys in (("discards", ("discard",)), ("agents", ("agent",)), ("actors", ("actor",)),
                       ("verbs", ("verb",))):
        if any(k in name for k in keys):
            return role
    if re.fullmatch(r"cameo\.[0-9.]+(\.[a-z]+)?\.txt", name):  # CAMEO.2.0.txt: the PETRARCH-2 verb file
        return "verbs"
    return None


def _project_files(path: Path) -> dict[str, list[Path]]:
    """Files named in a TABARI project file (``<actorsfile> X``, ``<verbsfile> Y``, ``<agentsfile> Z``)."""
    out: dict[str, list[Path]] = {}
    tags = {"actorsfile": "actors", "verbsfile": "verbs", "agentsfile": "agents"}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"\s*<(\w+)>\s*(\S+)", line)
        if m and m.group(1).lower() in tags:
            out.setdefault(tags[m.group(1).lower()], []).append(path.parent / m.group(2))
    return out


def load_dictionaries(source: str | os.PathLike | list | tuple | None = None, *,
                      verbs: list | str | os.PathLike | None = None, actors: list | str | os.PathLike | None = None,
                      agents: list | str | os.PathLike | None = None,
                      discards: list | str | os.PathLike | None = None, flavor: str | None = None) -> DictionarySet:
    """Load dictionaries.

    source: a directory (its ``eventwire-dictionaries.json`` cache if present, else every dictionary file in it,
    classified by name with ``classify_file``; a TABARI ``.project`` file names its files), a cache file, one
    dictionary file, or a list of files; verbs/actors/agents/discards: files given by role (added to source);
    flavor: force ``petrarch`` or ``tabari`` reading (default: detected per file).
    RETURNS a DictionarySet. Per-line problems are in ``.issues``; raises DictionaryError when a named file does
    not exist or nothing could be loaded, and FileNotFoundError for a missing source path.
    """
    roles: dict[str, list[Path]] = {r: [] for r in ROLES}
    ignored: list[str] = []
    sources: list[Path] = []
    if source is not None:
        sources = [Path(p) for p in (source if isinstance(source, (list, tuple)) else [source])]
    for p in sources:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
        if p.is_dir() and (p / CACHE_NAME).exists() and len(sources) == 1 and not any((verbs, actors, agents, discards)):
            return read_cache(p / CACHE_NAME)
        if p.is_file() and p.name == CACHE_NAME:
            return read_cache(p)
        files = sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p]
        for f in files:
            role = classify_file(f)
            if role == "project":
                for r, fs in _project_files(f).items():
                    roles[r] += [x for x in fs if x not in roles[r]]
            elif role is None:
                ignored.append(str(f))
            elif f not in roles[role]:
                roles[role].append(f)
    for role, given in (("verbs", verbs), ("actors", actors), ("agents", agents), ("discards", discards)):
        if given:
            roles[role] += [Path(x) for x in (given if isinstance(given, (list, tuple)) else [given])]
    missing = [str(f) for fs in roles.values() for f in fs if not f.exists()]
    if missing:
        raise DictionaryError(f"dictionary file(s) not found: {', '.join(missing)}")
    if not any(roles.values()):
        raise DictionaryError("no dictionary files found (expected names containing verbs, actors, agents or "
                              f"discards, or a TABARI .project file) in: {', '.join(map(str, sources)) or '(none)'}")
    ds = DictionarySet(ignored=ignored)
    for f in roles["verbs"]:
        ds.verbs = read_verb_dictionary(f, flavor, into=ds.verbs)
    for f in roles["actors"]:
        ds.actors = read_actor_dictionary(f, flavor, into=ds.actors)
    for f in roles["agents"]:
        ds.agents = read_agent_dictionary(f, flavor, into=ds.agents)
    for f in roles["discards"]:
        ds.discards = read_discard_list(f, into=ds.discards)
    ds.files = {r: [str(f) for f in fs] for r, fs in roles.items() if fs}
    return ds


def read_cache(path: str | os.PathLike) -> DictionarySet:
    """Load a cache written by ``save_dictionaries``; raises DictionaryError for an unreadable or foreign file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read the dictionary cache ({exc}); re-run `eventwire dict import`") from exc
    try:
        return DictionarySet.from_dict(data)
    except DictionaryError as exc:
        raise DictionaryError(f"{path}: {exc}") from None
    except (KeyError, TypeError) as exc:
        raise DictionaryError(f"{path}: damaged dictionary cache (missing {exc}); re-run `eventwire dict import`") from exc


def save_dictionaries(ds: DictionarySet, out_dir: str | os.PathLike) -> Path:
    """Write ``ds`` to ``out_dir/eventwire-dictionaries.json`` (directory created if needed); RETURNS the path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / CACHE_NAME
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(ds.to_dict(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(target)
    return target


def import_dictionaries(inputs: str | os.PathLike | list, out_dir: str | os.PathLike, *,
                        flavor: str | None = None) -> tuple[DictionarySet, Path]:
    """Read dictionary files/directories (as ``load_dictionaries``) and cache the loaded form in ``out_dir``.

    RETURNS (the DictionarySet, the cache path). Per-line problems stay in ``.issues`` and are also stored in
    the cache, so ``eventwire dict import`` can report them in one summary.
    """
    ds = load_dictionaries(inputs, flavor=flavor)
    return ds, save_dictionaries(ds, out_dir)

"""Find and use the dictionaries that belong to a peer validation suite (``../shared/suites``).

``suite_dictionaries(suite_path)`` reads ``MANIFEST.json`` next to the suite: its ``info`` names the PETRARCH
``Verbfile``/``Actorfile``/``Agentfile``/``Discardfile`` (found under ``original/``, next to the suite's
``source_file`` first, then anywhere below ``original/`` and ``../reference/dictionaries``); a TABARI suite
without such names uses the ``.project`` file next to its source file (TABARI names its dictionaries there).
``SuiteDictionaryCoder`` wraps a ``DictionaryCoder`` in the ``code_many``/``code`` interface that
``eventwire.evaluate`` drives, applying each record's ``meta.config_in_force`` (PETRARCH ``<Config>`` options).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from eventwire.dictionaries import DictionaryError, DictionarySet, load_dictionaries
from eventwire.dictionaries.pipeline import DictionaryPipeline

_ROLE_KEYS = {"verbs": "Verbfile", "actors": "Actorfile", "agents": "Agentfile", "discards": "Discardfile"}


def _manifest(suite: Path) -> tuple[dict, Path]:
    path = suite.parent / "MANIFEST.json"
    if not path.exists():
        raise DictionaryError(f"{suite}: no MANIFEST.json next to the suite, so its dictionaries are unknown; "
                              "pass --dictionaries DIR instead")
    return json.loads(path.read_text(encoding="utf-8")), path


def suite_dictionary_files(suite_path: str | os.PathLike) -> dict[str, list[Path]]:
    """The suite's own dictionary files by role (``verbs``, ``actors``, ``agents``, ``discards``).

    Raises DictionaryError when the manifest has no entry for the suite or a named file cannot be found.
    """
    suite = Path(suite_path)
    manifest, mpath = _manifest(suite)
    name = suite.stem
    entry = manifest.get(name)
    if entry is None:
        raise DictionaryError(f"{mpath}: no entry for suite {name!r}")
    base = suite.parent
    src_dir = (base / entry.get("source_file", "")).parent
    info = entry.get("info") or {}
    roots = [src_dir, base / "original", base.parent / "reference" / "dictionaries"]
    out: dict[str, list[Path]] = {}
    if any(k in info for k in _ROLE_KEYS.values()):
        for role, key in _ROLE_KEYS.items():
            for fname in [x.strip() for x in str(info.get(key) or "").split(",") if x.strip()]:
                found = _find(fname, roots)
                if found is None:
                    raise DictionaryError(f"{mpath}: {key} {fname!r} of suite {name!r} not found under "
                                          + ", ".join(str(r) for r in roots))
                out.setdefault(role, []).append(found)
        return out
    projects = sorted(src_dir.glob("*.project"))
    stem = Path(entry.get("source_file", "")).stem
    projects.sort(key=lambda p: (p.stem != stem, p.name))
    if not projects:
        raise DictionaryError(f"{mpath}: suite {name!r} names no dictionaries and {src_dir} has no .project file; "
                              "pass --dictionaries DIR to name them")
    from eventwire.dictionaries import _project_files  # noqa: PLC0415

    return {r: fs for r, fs in _project_files(projects[0]).items()}


def _find(fname: str, roots: list[Path]) -> Path | None:
    for root in roots:
        if (root / fname).is_file():
            return root / fname
    for root in roots:
        if root.is_dir():
            hits = sorted(root.rglob(fname))
            if hits:
                return hits[0]
    return None


def suite_dictionaries(suite_path: str | os.PathLike) -> DictionarySet:
    """Load the suite's own dictionaries (see ``suite_dictionary_files``)."""
    files = suite_dictionary_files(suite_path)
    return load_dictionaries(verbs=files.get("verbs"), actors=files.get("actors"), agents=files.get("agents"),
                             discards=files.get("discards"))


class SuiteDictionaryCoder(DictionaryPipeline):
    """A pipeline-like object for ``evaluate_suite``: codes each suite record as one sentence with the dictionary
    coder, applying the record's ``meta.config_in_force`` (configs: record id -> PETRARCH option dict)."""

    def __init__(self, dictionaries: DictionarySet, configs: dict[str, dict] | None = None, nlp=None):
        super().__init__(dictionaries, nlp=nlp, single_sentence=True, configs=configs)

"""Story-level PLOVER type recall: a generalisation measure on labelled stories.

The input is a CSV file (or a ``.zip`` holding one CSV file) with one story per row and the columns
``text`` (the story), ``label`` (its PLOVER event type) and optionally ``mode`` (its PLOVER mode) and
``title``. Each story was written to report one event of its labelled type, so the question asked is
whether eventwire finds that event: it is a recall measure on text none of our rules were written from,
unlike the suites, whose tuning records the lexicon was fitted to. The NGEC synthetic stories
(``../shared/reference/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip``, 4,500 stories) are the
intended input; only the story ``text`` is coded (the titles hold placeholders such as ``{country_1}``).

Metric definitions (per split: all, tune, held-out)
----------------------------------------------------
Only events whose modality is not excluded by default count: ``negated`` and ``hypothetical`` events are
left out, as ``eventwire.store.repository.EXCLUDED_MODALITIES`` leaves them out of queries and exports;
asserted, planned, intended, threatened and requested events count. The *lead* is the story's first
``lead`` sentences (default 3; sentence index as in ``Event.sentence_index``).

* ``recall_lead``: share of stories where some counted event in the lead has the labelled PLOVER type.
* ``recall_story``: the same over the whole story.
* ``coverage_lead``: share of stories with at least one counted event in the lead (of any type).
* ``precision_lead``: share of counted lead events whose PLOVER type is the story's label (micro, over
  events). A story reports one event, but may mention others (a protest after an arrest), so this is a
  lower bound on precision: it tells how much of what we emit in the lead is on the story's topic.
* ``clean_lead``: share of stories with lead events whose lead events are *all* of the labelled type.

With ``by_type``: ``per_type`` gives, for each label, the number of stories, the two recalls and the
types produced in the lead of the stories where the label was missed (``instead``: type -> stories,
``(none)`` when the lead has no counted event); ``per_mode`` gives the recalls by (label, mode).

Held-out quarter: a story's id is its 0-based row index in the file (as a string); stories whose
``sha1(id) mod 4 == 0`` (``eventwire.evaluate.is_heldout``) are held out and must not be tuned on; the
rest form the tuning part.

Example::

    >>> from eventwire.story_evaluate import evaluate_stories, format_story_report
    >>> r = evaluate_stories("../shared/reference/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip",
    ...                      limit=20)                                   # doctest: +SKIP
    >>> print(format_story_report(r))                                    # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventwire.evaluate import (NONE_LABEL, PLOVER_TYPES, CodingErrors, _default_pipeline, _make_document, _pct,
                                coded_events, is_heldout, report_head)

__all__ = ["STORY_COLUMNS", "DEFAULT_LEAD", "EXCLUDED_MODALITIES", "is_story_file", "read_stories",
           "score_story", "evaluate_stories", "format_story_report"]

STORY_COLUMNS = ("text", "label")
"""Columns a story file must have; ``mode`` and ``title`` are read when present."""

DEFAULT_LEAD = 3
"""Sentences that make a story's lead (news leads report the event in the first sentences)."""

EXCLUDED_MODALITIES = ("negated", "hypothetical")
"""Modalities that do not count, as in ``eventwire.store.repository.EXCLUDED_MODALITIES``."""


def is_story_file(path: str | Path) -> bool:
    """True for a path named ``*.csv`` or ``*.csv.zip`` (a labelled story file), by name only."""
    name = Path(path).name.lower()
    return name.endswith(".csv") or name.endswith(".csv.zip")


def _open_text(path: Path) -> io.TextIOBase:
    if path.name.lower().endswith(".zip"):
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ValueError(f"{path}: not a zip file ({exc})") from exc
        names = [n for n in zf.namelist() if n.lower().endswith(".csv") and not n.startswith("__MACOSX")]
        if len(names) != 1:
            raise ValueError(f"{path}: a story zip must hold exactly one .csv file, found {len(names)}")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def read_stories(path: str | Path) -> list[dict[str, Any]]:
    """Read a labelled story file (CSV, or a zip holding one CSV).

    RETURNS one dict per row: ``{"id": str(row index, 0-based), "text", "label" (upper case), "mode"
    (upper case, "" when none), "title"}``. Raises FileNotFoundError for a missing file and ValueError
    when a required column (``STORY_COLUMNS``) is missing, the zip holds no single CSV, or a label is not
    one of the 16 PLOVER types (the message names the row).
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    csv.field_size_limit(10_000_000)
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in STORY_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: a story file needs the columns {', '.join(STORY_COLUMNS)}; "
                             f"missing {', '.join(missing)}")
        out = []
        for i, row in enumerate(reader):
            label = (row.get("label") or "").strip().upper()
            if label not in PLOVER_TYPES:
                raise ValueError(f"{path}: row {i}: label {row.get('label')!r} is not a PLOVER type "
                                 f"({', '.join(PLOVER_TYPES)})")
            out.append({"id": str(i), "text": row.get("text") or "", "label": label,
                        "mode": (row.get("mode") or "").strip().upper(), "title": row.get("title") or ""})
    return out


def score_story(story: dict, events: list[dict], lead: int = DEFAULT_LEAD) -> dict[str, Any]:
    """Score the produced events of one story.

    story: a ``read_stories`` row (``label``); events: produced events as dicts (``plover_type``,
    ``modality``, ``sentence_index``); lead: sentences in the lead.
    RETURNS ``{"lead_types": Counter of PLOVER types of counted lead events, "story_types": set of types of
    counted events, "hit_lead": bool, "hit_story": bool}``.
    """
    counted = [e for e in events if e.get("modality") not in EXCLUDED_MODALITIES and e.get("plover_type")]
    lead_types = Counter(str(e["plover_type"]).upper() for e in counted
                         if (e.get("sentence_index") or 0) < lead)
    story_types = {str(e["plover_type"]).upper() for e in counted}
    label = story["label"]
    return {"lead_types": lead_types, "story_types": story_types,
            "hit_lead": label in lead_types, "hit_story": label in story_types}


class _StoryTally:
    def __init__(self):
        self.c: Counter = Counter()

    def add(self, s: dict, label: str) -> None:
        self.c["stories"] += 1
        self.c["hit_lead"] += s["hit_lead"]
        self.c["hit_story"] += s["hit_story"]
        n = sum(s["lead_types"].values())
        self.c["lead_events"] += n
        self.c["lead_events_right"] += s["lead_types"][label]
        if n:
            self.c["with_lead"] += 1
            self.c["clean"] += s["lead_types"][label] == n

    def metrics(self) -> dict[str, Any]:
        c = self.c

        def share(k, n):
            return c[k] / c[n] if c[n] else None

        return {"stories": c["stories"], "recall_lead": share("hit_lead", "stories"),
                "recall_story": share("hit_story", "stories"), "coverage_lead": share("with_lead", "stories"),
                "precision_lead": share("lead_events_right", "lead_events"),
                "clean_lead": share("clean", "with_lead"), "lead_events": c["lead_events"],
                "hits_lead": c["hit_lead"], "hits_story": c["hit_story"]}


def evaluate_stories(path: str | Path, *, pipeline=None, limit: int | None = None, lead: int = DEFAULT_LEAD,
                     by_type: bool = False, split: str | None = None, progress: bool = False,
                     details: bool = False) -> dict[str, Any]:
    """Code a labelled story file and score story-level PLOVER type recall (definitions in the module doc).

    path: CSV or CSV zip (``read_stories``); pipeline: an ``eventwire.pipeline.Pipeline`` or anything with
    ``code_many(documents)`` (default: the shared one of ``eventwire.evaluate``); limit: only the first N
    stories (after the split filter); lead: sentences in the lead (>= 1); by_type: add ``per_type`` and
    ``per_mode``; split: ``"tune"`` or ``"heldout"`` to code only that part (None: all); progress: print
    progress to stderr; details: add ``details``, one row per story (id, heldout, label, mode, hits, lead
    types). A story that fails to code counts in ``errors`` and as producing nothing.
    RETURNS ``{"stories_file", "records", "scored", "lead", "errors", "error_examples", "metrics", "tune",
    "heldout", "per_type", "per_mode", "seconds"}``. Raises ValueError for a bad file, lead or split.
    """
    if lead < 1:
        raise ValueError(f"lead must be at least 1 sentence, got {lead}")
    if split not in (None, "tune", "heldout"):
        raise ValueError(f"split must be 'tune' or 'heldout', got {split!r}")
    t0 = time.perf_counter()
    path = Path(path)
    stories = read_stories(path)
    total = len(stories)
    if split is not None:
        stories = [s for s in stories if is_heldout(s["id"]) == (split == "heldout")]
    if limit is not None:
        stories = stories[:limit]
    docs: list[Any] = []
    for s in stories:
        try:
            docs.append(_make_document(s["text"], origin=f"{path}:row {s['id']}", id=f"story-{s['id']}",
                                       published=None))
        except Exception as exc:  # noqa: BLE001  a bad row is an error for this story, not for the run
            docs.append(exc)
    tallies = {"all": _StoryTally(), "tune": _StoryTally(), "heldout": _StoryTally()}
    per_type: dict[str, _StoryTally] = defaultdict(_StoryTally)
    per_mode: dict[tuple[str, str], _StoryTally] = defaultdict(_StoryTally)
    instead: dict[str, Counter] = defaultdict(Counter)
    errors = CodingErrors()
    rows: list[dict] = []
    if stories:
        pipe = pipeline if pipeline is not None else _default_pipeline()
        for n, i, _result, events in coded_events(pipe, docs, [f"row {s['id']}" for s in stories], errors):
            story = stories[i]
            s = score_story(story, events, lead)
            held = is_heldout(story["id"])
            label = story["label"]
            tallies["all"].add(s, label)
            tallies["heldout" if held else "tune"].add(s, label)
            if by_type:
                per_type[label].add(s, label)
                per_mode[(label, story["mode"] or "-")].add(s, label)
                if not s["hit_lead"]:
                    for t in (s["lead_types"] or {NONE_LABEL: 1}):
                        instead[label][t] += 1
            if details:
                rows.append({"id": story["id"], "heldout": held, "label": label, "mode": story["mode"],
                             "hit_lead": s["hit_lead"], "hit_story": s["hit_story"],
                             "lead_types": dict(s["lead_types"]), "story_types": sorted(s["story_types"])})
            if progress and (n % 50 == 0 or n == len(stories)):
                print(f"stories: {n}/{len(stories)} coded, {errors.count} errors", file=sys.stderr, flush=True)
    out: dict[str, Any] = {
        "stories_file": str(path), "records": total, "scored": len(stories), "split": split or "all",
        "lead": lead, "errors": errors.count, "error_examples": errors.examples,
        "metrics": tallies["all"].metrics(), "tune": tallies["tune"].metrics(),
        "heldout": tallies["heldout"].metrics(),
        "per_type": {t: {**per_type[t].metrics(), "instead": dict(instead[t].most_common())}
                     for t in sorted(per_type)} if by_type else {},
        "per_mode": {f"{t}/{m}": per_mode[(t, m)].metrics() for t, m in sorted(per_mode)} if by_type else {},
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if details:
        out["details"] = rows
    return out


def _line(label: str, m: dict, lead: int) -> str:
    return (f"  {label:<22} recall lead-{lead} {_pct(m['recall_lead'])}  whole story {_pct(m['recall_story'])}  "
            f"lead events on type {_pct(m['precision_lead'])}  all-on-type {_pct(m['clean_lead'])}  "
            f"any lead event {_pct(m['coverage_lead'])}   ({m['stories']} stories)")


def format_story_report(result: dict) -> str:
    """Plain-text report of an ``evaluate_stories`` result (percentages with one decimal, n/a on 0/0)."""
    lead = result["lead"]
    lines = report_head(f"stories {result['stories_file']}",
                        f"{result['records']} rows, scored {result['scored']} [{result['split']}], lead = first "
                        f"{lead} sentences, errors {result['errors']}, {result['seconds']:.1f}s",
                        result.get("error_examples", []))
    for name, key in (("all", "metrics"), ("tune", "tune"), ("held-out", "heldout")):
        if result[key]["stories"]:
            lines.append(_line(name, result[key], lead))
    if result.get("per_type"):
        lines.append("per type (label: recall; types produced in the lead where the label was missed):")
        for t, m in result["per_type"].items():
            inst = ", ".join(f"{k} {v}" for k, v in list(m["instead"].items())[:5])
            lines.append(f"  {t:<10} n {m['stories']:>4}  lead {_pct(m['recall_lead'])}  story "
                         f"{_pct(m['recall_story'])}   missed -> {inst or '-'}")
    if result.get("per_mode"):
        lines.append("per mode:")
        for k, m in result["per_mode"].items():
            lines.append(f"  {k:<26} n {m['stories']:>4}  lead {_pct(m['recall_lead'])}  story {_pct(m['recall_story'])}")
    return "\n".join(lines)

"""CAMEO PentaClass and actor-span scores on real news sentences: a generalisation measure.

The inputs are the ConfliBERT CAMEO files (``../shared/reference/conflibert/``, GPL-3.0, read at run time
and never copied into this repository): real news sentences none of our rules were written from.

* A **PentaClass file** (``cameo_class/{train,test}.tsv``): one sentence per line, ``text<TAB>label``,
  label a digit 0-4 (``is_pentaclass_file``, ``read_pentaclass``).
* An **actor-span file** (``cameo_ner/{train,test}.txt``): CoNLL, one ``token TAG`` per line, a blank line
  between sentences; ``B-S``/``I-S`` tag the event's source actor, ``B-T``/``I-T`` its target (``B-R``/``I-R``
  tags are also present and are ignored here) (``is_actor_span_file``, ``read_actor_spans``).

Splits: the file named ``train.*`` is the tuning part, ``test.*`` the held-out part (``file_part``); no
other split is made. ``cameo_ner/test.txt`` holds the same 451 sentences as ``cameo_class/test.tsv``.

The PentaClass mapping (``PENTACLASS_ROOTS``, ``pentaclass_of_cameo``)
----------------------------------------------------------------------
The source does not document its label set. The mapping below is **inferred from the data**: the
train sentences' labels measured against the CAMEO roots our coder gives them.

====  =============================  ========================================================
0     public statement or appeal     CAMEO roots 01-02
1     verbal cooperation             03-05
2     material cooperation           06-08
3     verbal conflict                09-13, and 16 "reduce relations" (sanctions, aid cuts and
                                     expelled diplomats are labelled 3 in the data)
4     material conflict              14, 15, 17-20
====  =============================  ========================================================

Measured on train.tsv (counted events by root x sentence label), each root's events fall mostly in its
class above, e.g. root 16: 64 of 68 in class 3; 19: 122 of 149 in class 4; 08: 142 of 158 in class 2. Root 15
(force posture) is split (10 events in class 2, 9 in class 4) and is kept in 4, the CAMEO quad class.

eventwire by design never emits CAMEO 01x statements (they have no PLOVER type), so class 0 is found only
when the sentence holds a 02x appeal; ``accuracy_excl_0`` is therefore reported beside the plain accuracy.

Measure 1: PentaClass (``evaluate_pentaclass``)
-----------------------------------------------
Only events whose modality is not ``negated`` or ``hypothetical`` count (as queries and exports, see
``eventwire.store.repository.EXCLUDED_MODALITIES``). A sentence's *produced class* is the PentaClass of its
counted events' CAMEO codes; with several classes, the most frequent one, ties broken by the class of the
earliest event; with no counted event, ``"none"``.

* ``accuracy``: share of sentences whose produced class is the gold class.
* ``accuracy_excl_0``: the same over the sentences whose gold class is not 0.
* ``any_event``: share of sentences with at least one counted event.
* ``gold_among_produced``: share of sentences whose gold class is among the classes of their counted
  events (a sentence with events of classes 3 and 4 and gold 4 counts even when 3 is the prediction).
* ``per_class[c]``: precision / recall / F1 of the sentence prediction for class c (tp: predicted c and
  gold c; fp: predicted c, gold another; fn: gold c, predicted another or none) and ``support`` (gold count).
* ``confusion[gold][produced]``: sentence counts, gold rows ``"0"``-``"4"`` x produced columns
  ``"0"``-``"4"`` and ``"none"``; every row is present, so the table sums to the scored sentences.

Measure 2: actor spans (``evaluate_actor_spans``)
-------------------------------------------------
Text: a CoNLL sentence is coded as the matching line of the sibling PentaClass file (``../cameo_class/<same
stem>.tsv``, or ``texts=``) when its tokens, spaces removed, equal that line's text with spaces removed;
otherwise as its tokens joined by spaces with the obvious detokenisation (``detokenize``: no space before
``, . ; : ! ? % ) 's n't``, none after ``( $``). The gold spans are then placed in the coded document's text
by finding each token in order (``align_tokens``); a span runs from its first to its last found token.

Produced actor span of an event's source (target) ``ActorRef``: the mention in ``DocumentResult.actors[
actor_ref].mentions`` whose text equals the ref's text (else its first mention) -- method ``mention``;
when the ref has no actor (``actor_ref`` None) or no mention, the first case-insensitive occurrence of its
text in the sentence -- ``text_search``; when the text is not found, the ref matches a gold span when a
word of its text (case-folded) is a word of the gold span -- ``token_overlap``. ``methods`` counts each.
Two character spans match when they overlap (share at least one character).

* ``source_recall``: share of sentences with a gold source span where some counted event's source
  matches a gold source span (any of them, when a sentence has several).
* ``target_recall``: the same for targets.
* ``source_precision``: produced source actors (distinct spans per sentence, over the sentences where
  we produced a source) that match a gold source span, over all of them; a sentence without a gold source
  makes its produced sources wrong. ``target_precision`` likewise.

Example::

    >>> from eventwire.pentaclass_evaluate import evaluate_pentaclass, format_pentaclass_report
    >>> r = evaluate_pentaclass("../shared/reference/conflibert/cameo_class/test.tsv", limit=20)  # doctest: +SKIP
    >>> print(format_pentaclass_report(r))                                                          # doctest: +SKIP
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.evaluate import (CodingErrors, _default_pipeline, _make_document, _pct, cameo_root, coded_events, prf,
                                report_head)

__all__ = ["PENTACLASS_NAMES", "PENTACLASS_ROOTS", "NONE_CLASS", "EXCLUDED_MODALITIES", "pentaclass_of_cameo",
           "is_pentaclass_file", "is_actor_span_file", "file_part", "read_pentaclass", "read_actor_spans",
           "detokenize", "align_tokens", "sentence_class", "evaluate_pentaclass", "evaluate_actor_spans",
           "format_pentaclass_report", "format_actor_span_report"]

PENTACLASS_NAMES = {0: "statement/appeal", 1: "verbal coop", 2: "material coop", 3: "verbal conflict",
                    4: "material conflict"}
"""Short names of the five classes (inferred from the data; see the module doc)."""

PENTACLASS_ROOTS = {
    0: ("01", "02"), 1: ("03", "04", "05"), 2: ("06", "07", "08"),
    3: ("09", "10", "11", "12", "13", "16"), 4: ("14", "15", "17", "18", "19", "20"),
}
"""PentaClass -> CAMEO roots (inferred from the data, not documented by the source)."""

_ROOT_CLASS = {root: c for c, roots in PENTACLASS_ROOTS.items() for root in roots}

NONE_CLASS = "none"
"""The produced class of a sentence with no counted event (a confusion-table column)."""

EXCLUDED_MODALITIES = ("negated", "hypothetical")
"""Modalities that do not count, as in ``eventwire.store.repository.EXCLUDED_MODALITIES``."""

_CLASS_LINE = re.compile(r"^[^\t]*\S[^\t]*\t[0-4]\s*$")
_TAG = re.compile(r"^(O|[BI]-[A-Z]+)$")
_SNIFF_LINES = 50


def pentaclass_of_cameo(code: str | None) -> int | None:
    """PentaClass 0-4 of a CAMEO code by its root (``PENTACLASS_ROOTS``); None for a code with no numeric root.

    >>> [pentaclass_of_cameo(c) for c in ("010", "0431", "073", "112", "163", "190", None)]
    [0, 1, 2, 3, 3, 4, None]
    """
    return _ROOT_CLASS.get(cameo_root(code) or "")


def _head(path: Path, n: int = _SNIFF_LINES) -> list[str]:
    try:
        with path.open(encoding="utf-8") as fh:
            return [line.rstrip("\n") for _, line in zip(range(n), fh)]
    except (OSError, UnicodeDecodeError):
        return []


def is_pentaclass_file(path: str | Path) -> bool:
    """True for a ``*.tsv`` file whose first non-blank lines (up to 50) are all ``text<TAB>digit 0-4``.

    An unreadable or empty file is not one (False, nothing raised)."""
    path = Path(path)
    if path.suffix.lower() != ".tsv" or not path.is_file():
        return False
    lines = [line for line in _head(path) if line.strip()]
    return bool(lines) and all(_CLASS_LINE.match(line) for line in lines)


def is_actor_span_file(path: str | Path) -> bool:
    """True for a ``*.txt`` or ``*.conll`` file whose first lines (up to 200) are CoNLL ``token TAG`` lines
    (tags ``O``, ``B-X``, ``I-X``) or blank, with at least one ``B-S`` or ``B-T`` tag. False otherwise."""
    path = Path(path)
    if path.suffix.lower() not in (".txt", ".conll") or not path.is_file():
        return False
    tags = []
    for line in _head(path, 200):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) < 2 or not _TAG.match(parts[-1]):
            return False
        tags.append(parts[-1])
    return "B-S" in tags or "B-T" in tags


def file_part(path: str | Path) -> str:
    """``"tune"`` for a file named ``train.*``, ``"heldout"`` for ``test.*``, else ``"unknown"``."""
    stem = Path(path).name.split(".")[0].lower()
    return {"train": "tune", "test": "heldout"}.get(stem, "unknown")


def read_pentaclass(path: str | Path) -> list[dict[str, Any]]:
    """Read a PentaClass file.

    RETURNS one dict per non-blank line: ``{"id": str(line index among sentences, 0-based), "text": str,
    "label": int 0-4}``. Raises FileNotFoundError for a missing file and ValueError (naming the line) for a
    line that is not ``text<TAB>digit 0-4``.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if not _CLASS_LINE.match(line):
                raise ValueError(f"{path}: line {n}: expected 'text<TAB>label' with a label 0-4, got {line[:60]!r}")
            text, label = line.rsplit("\t", 1)
            out.append({"id": str(len(out)), "text": text, "label": int(label.strip())})
    return out


def read_actor_spans(path: str | Path) -> list[dict[str, Any]]:
    """Read a CoNLL actor-span file.

    RETURNS one dict per sentence: ``{"id": str(sentence index), "tokens": [str], "source": [(i, j)],
    "target": [(i, j)]}`` where ``(i, j)`` are token index ranges (j exclusive) of the ``S`` and ``T`` spans
    (an ``I-`` tag after a different tag opens a span). Raises FileNotFoundError for a missing file and
    ValueError (naming the line) for a line that is not ``token TAG``.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    out: list[dict[str, Any]] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close():
        if tokens:
            spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
            for i, tag in enumerate(tags):
                kind = tag[2:]
                if kind in spans and (tag[0] == "B" or i == 0 or tags[i - 1][2:] != kind):
                    j = i + 1
                    while j < len(tags) and tags[j] == "I-" + kind:
                        j += 1
                    spans[kind].append((i, j))
            out.append({"id": str(len(out)), "tokens": list(tokens), "source": spans["S"], "target": spans["T"]})
        tokens.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                close()
                continue
            if len(parts) < 2 or not _TAG.match(parts[-1]):
                raise ValueError(f"{path}: line {n}: expected 'token TAG' (tags O, B-X, I-X), got {line.strip()[:60]!r}")
            tokens.append(" ".join(parts[:-1]))
            tags.append(parts[-1])
    close()
    return out


_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'S\b|’s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


def _first_rows(rows: list[dict[str, Any]], limit: int | None) -> tuple[list[dict[str, Any]], int]:
    """The first ``limit`` rows (all when None) and the file's row count."""
    return (rows if limit is None else rows[:limit]), len(rows)


def detokenize(tokens: list[str]) -> str:
    """Tokens joined by spaces, without the space before ``, . ; : ! ? % ) 's n't 're 've 'll 'd 'm`` and
    after ``( $``.

    >>> detokenize(["Zenda", "'s", "envoy", "(", "retired", ")", "said", "no", ",", "twice", "."])
    "Zenda's envoy (retired) said no, twice."
    """
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(tokens)))


_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def align_tokens(tokens: list[str], text: str) -> list[tuple[int, int] | None]:
    """Character span of each token in ``text``, found in order (each search starts where the previous found
    token ended), trying the token with straight quotes when its curly form is missing; None for a token not
    found (e.g. otherwise changed by text repair)."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        k = text.find(tok, pos)
        if k < 0:  # text repair straightens curly quotes: try the straight form
            tok = tok.translate(_STRAIGHT)
            k = text.find(tok, pos)
        if k < 0:
            out.append(None)
            continue
        out.append((k, k + len(tok)))
        pos = k + len(tok)
    return out


def _counted(events: list[dict]) -> list[dict]:
    return [e for e in events if e.get("modality") not in EXCLUDED_MODALITIES]


def sentence_class(events: list[dict]) -> tuple[int | str, list[int]]:
    """The produced class of a sentence from its event dicts (``cameo_code``, ``modality``).

    RETURNS ``(prediction, classes)``: classes are the PentaClasses of the counted events in order (events
    with a ``negated``/``hypothetical`` modality or no numeric CAMEO code are left out); prediction is the
    most frequent class, ties broken by the earliest event, or ``NONE_CLASS`` when classes is empty.
    """
    classes = [c for c in (pentaclass_of_cameo(e.get("cameo_code")) for e in _counted(events)) if c is not None]
    if not classes:
        return NONE_CLASS, []
    counts = Counter(classes)
    best = max(counts.values())
    return next(c for c in classes if counts[c] == best), classes


def _docs(items: list[tuple[str, str]], path: Path) -> list[Any]:
    docs: list[Any] = []
    for sid, text in items:
        try:
            docs.append(_make_document(text, origin=f"{path}:sentence {sid}", id=f"sentence-{sid}", published=None))
        except Exception as exc:  # noqa: BLE001  a bad sentence is an error for it, not for the run
            docs.append(exc)
    return docs


# --------------------------------------------------------------------------------------------------
# Measure 1: PentaClass
# --------------------------------------------------------------------------------------------------

def evaluate_pentaclass(path: str | Path, *, pipeline=None, limit: int | None = None, progress: bool = False,
                        details: bool = False) -> dict[str, Any]:
    """Code a PentaClass file and score the sentence-level class (definitions in the module doc).

    path: a ``text<TAB>label`` file (``read_pentaclass``); pipeline: an ``eventwire.pipeline.Pipeline`` or
    anything with ``code_many(documents)`` (default: the shared one of ``eventwire.evaluate``); limit: only
    the first N sentences; progress: print progress to stderr; details: add ``details``, one row per sentence
    (id, label, prediction, classes). A sentence that fails to code counts in ``errors`` and as ``"none"``.
    RETURNS ``{"file", "part", "records", "scored", "errors", "error_examples", "metrics": {"sentences",
    "accuracy", "accuracy_excl_0", "sentences_excl_0", "any_event", "gold_among_produced"}, "per_class":
    {"0".."4": prf dict + "support"}, "confusion": {"0".."4": {"0".."4", "none": int}}, "predicted": {class:
    int}, "seconds"}``. Raises FileNotFoundError / ValueError for a missing or malformed file.
    """
    t0 = time.perf_counter()
    path = Path(path)
    rows, total = _first_rows(read_pentaclass(path), limit)
    labels = [str(c) for c in PENTACLASS_ROOTS]
    columns = labels + [NONE_CLASS]
    confusion = {g: {p: 0 for p in columns} for g in labels}
    c: Counter = Counter()
    errors = CodingErrors()
    out_rows: list[dict] = []
    if rows:
        pipe = pipeline if pipeline is not None else _default_pipeline()
        docs = _docs([(r["id"], r["text"]) for r in rows], path)
        for n, i, _result, events in coded_events(pipe, docs, [f"sentence {r['id']}" for r in rows], errors):
            gold = rows[i]["label"]
            pred, classes = sentence_class(events)
            confusion[str(gold)][str(pred)] += 1
            c["n"] += 1
            c["right"] += pred == gold
            c["any"] += bool(classes)
            c["among"] += gold in classes
            if gold != 0:
                c["n_excl_0"] += 1
                c["right_excl_0"] += pred == gold
            if details:
                out_rows.append({"id": rows[i]["id"], "label": gold, "prediction": pred, "classes": classes})
            if progress and (n % 100 == 0 or n == len(rows)):
                print(f"sentences: {n}/{len(rows)} coded, {errors.count} errors", file=sys.stderr, flush=True)

    def share(k, d):
        return c[k] / c[d] if c[d] else None

    per_class = {}
    for g in labels:
        tp = confusion[g][g]
        fp = sum(confusion[o][g] for o in labels if o != g)
        support = sum(confusion[g].values())
        per_class[g] = {**prf(tp, fp, support - tp), "support": support}
    predicted = {p: sum(confusion[g][p] for g in labels) for p in columns}
    out: dict[str, Any] = {
        "file": str(path), "part": file_part(path), "records": total, "scored": len(rows),
        "errors": errors.count, "error_examples": errors.examples,
        "metrics": {"sentences": c["n"], "accuracy": share("right", "n"),
                    "accuracy_excl_0": share("right_excl_0", "n_excl_0"), "sentences_excl_0": c["n_excl_0"],
                    "any_event": share("any", "n"), "gold_among_produced": share("among", "n")},
        "per_class": per_class, "confusion": confusion, "predicted": predicted,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if details:
        out["details"] = out_rows
    return out


def format_pentaclass_report(result: dict, *, by_type: bool = False) -> str:
    """Plain-text report of an ``evaluate_pentaclass`` result; by_type adds the confusion table."""
    m = result["metrics"]
    lines = report_head(f"pentaclass {result['file']}  [{result['part']}]",
                        f"{result['records']} sentences, scored {result['scored']}, errors {result['errors']}, "
                        f"{result['seconds']:.1f}s", result.get("error_examples", []))
    lines.append(f"  accuracy {_pct(m['accuracy'])}   excl. gold class 0 {_pct(m['accuracy_excl_0'])} "
                 f"({m['sentences_excl_0']} sentences)   any event {_pct(m['any_event'])}   gold among produced "
                 f"classes {_pct(m['gold_among_produced'])}")
    lines.append("  (class 0 = CAMEO 01-02 statements and appeals: eventwire by design never emits 01x statements, "
                 "which have no PLOVER type; it is found only through 02x appeals)")
    for g, pc in result["per_class"].items():
        lines.append(f"  {g} {PENTACLASS_NAMES[int(g)]:<18} P {_pct(pc['precision'])}  R {_pct(pc['recall'])}  "
                     f"F1 {_pct(pc['f1'])}   (support {pc['support']})")
    if by_type:
        cols = list(next(iter(result["confusion"].values()), {}))
        lines.append("confusion (gold rows x produced columns):")
        lines.append("  gold " + "".join(f"{col:>6}" for col in cols))
        for g, row in result["confusion"].items():
            lines.append(f"  {g:<4} " + "".join(f"{row[col]:>6}" for col in cols))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Measure 2: actor spans
# --------------------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _sibling_texts(path: Path, texts: str | Path | None) -> dict[str, str]:
    """Whitespace-free key -> sentence text, from ``texts`` or ``../cameo_class/<stem>.tsv`` when present."""
    src = Path(texts) if texts is not None else path.parent.parent / "cameo_class" / f"{path.name.split('.')[0]}.tsv"
    if not src.is_file():
        if texts is not None:
            raise FileNotFoundError(f"{src}: no such file")
        return {}
    return {"".join(r["text"].split()): r["text"] for r in read_pentaclass(src)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _actor_span(ref: dict, result: Any, text: str) -> tuple[str, Any]:
    """``("mention" | "text_search", (start, end))`` or ``("token_overlap", words)`` for an event's ActorRef dict."""
    ref_text = (ref.get("text") or "").strip()
    k = ref.get("actor_ref")
    actors = getattr(result, "actors", None) or []
    if isinstance(k, int) and 0 <= k < len(actors):
        mentions = [tuple(m) for m in (getattr(actors[k], "mentions", None) or [])]
        if mentions:
            same = [m for m in mentions if text[m[0]:m[1]].casefold() == ref_text.casefold()]
            return "mention", (same or mentions)[0]
    if ref_text:
        at = text.casefold().find(ref_text.casefold())
        if at >= 0:
            return "text_search", (at, at + len(ref_text))
    return "token_overlap", _words(ref_text)


def _matches(produced: tuple[str, Any], gold_spans: list[tuple[int, int]], gold_words: list[set[str]]) -> bool:
    method, val = produced
    if method == "token_overlap":
        return any(val & w for w in gold_words)
    return any(_overlaps(val, g) for g in gold_spans)


def evaluate_actor_spans(path: str | Path, *, pipeline=None, limit: int | None = None, texts: str | Path | None = None,
                         progress: bool = False, details: bool = False) -> dict[str, Any]:
    """Code a CoNLL actor-span file and score the produced source/target actors against the gold spans
    (definitions and the text reconstruction in the module doc).

    path: CoNLL file (``read_actor_spans``); pipeline as in ``evaluate_pentaclass``; limit: only the first N
    sentences; texts: a PentaClass file whose lines give the sentences' original text (default: the sibling
    ``../cameo_class/<stem>.tsv`` when it exists); progress: print progress to stderr; details: add one row per
    sentence. A sentence that fails to code counts in ``errors`` and as producing nothing.
    RETURNS ``{"file", "part", "records", "scored", "errors", "error_examples", "text_from": {"original": n,
    "detokenized": n}, "unaligned_tokens": n, "methods": {"mention", "text_search", "token_overlap": n},
    "metrics": {"source_recall", "target_recall", "source_precision", "target_precision", "gold_source",
    "gold_target", "source_hits", "target_hits", "produced_sources", "produced_targets", "sources_right",
    "targets_right", "sentences_with_source", "sentences_with_target"}, "seconds"}``.
    Raises FileNotFoundError / ValueError for a missing or malformed file (or ``texts`` file).
    """
    t0 = time.perf_counter()
    path = Path(path)
    rows, total = _first_rows(read_actor_spans(path), limit)
    originals = _sibling_texts(path, texts)
    text_from: Counter = Counter()
    items = []
    for r in rows:
        original = originals.get("".join("".join(r["tokens"]).split()))
        text_from["original" if original else "detokenized"] += 1
        items.append((r["id"], original or detokenize(r["tokens"])))
    c: Counter = Counter()
    methods: Counter = Counter({"mention": 0, "text_search": 0, "token_overlap": 0})
    errors = CodingErrors()
    out_rows: list[dict] = []
    if rows:
        pipe = pipeline if pipeline is not None else _default_pipeline()
        docs = _docs(items, path)
        for n, i, result, events in coded_events(pipe, docs, [f"sentence {r['id']}" for r in rows], errors):
            r = rows[i]
            doc = getattr(result, "document", None)
            text = getattr(doc, "text", None) or items[i][1]
            where = align_tokens(r["tokens"], text)
            c["unaligned"] += sum(w is None for w in where)
            row: dict[str, Any] = {"id": r["id"]}
            for role, key in (("source", "S"), ("target", "T")):
                gold_spans, gold_words = [], []
                for a, b in r[role]:
                    found = [w for w in where[a:b] if w is not None]
                    if found:
                        gold_spans.append((found[0][0], found[-1][1]))
                    gold_words.append(_words(" ".join(r["tokens"][a:b])))
                produced = {}
                for e in _counted(events):
                    ref = e.get(role)
                    if ref:
                        span = _actor_span(ref, result, text)
                        produced.setdefault((span[0], span[1] if span[0] != "token_overlap" else
                                             tuple(sorted(span[1]))), span)
                right = [p for p in produced.values() if _matches(p, gold_spans, gold_words)]
                for p in produced.values():
                    methods[p[0]] += 1
                c[f"gold_{role}"] += bool(r[role])
                c[f"{role}_hits"] += bool(r[role]) and bool(right)
                c[f"produced_{role}s"] += len(produced)
                c[f"{role}s_right"] += len(right)
                c[f"sentences_with_{role}"] += bool(produced)
                row[role] = {"gold": [" ".join(r["tokens"][a:b]) for a, b in r[role]],
                             "produced": [text[p[1][0]:p[1][1]] if p[0] != "token_overlap" else " ".join(sorted(p[1]))
                                          for p in produced.values()], "hits": len(right)}
            if details:
                out_rows.append(row)
            if progress and (n % 100 == 0 or n == len(rows)):
                print(f"sentences: {n}/{len(rows)} coded, {errors.count} errors", file=sys.stderr, flush=True)

    def share(k, d):
        return c[k] / c[d] if c[d] else None

    metrics = {"source_recall": share("source_hits", "gold_source"), "target_recall": share("target_hits", "gold_target"),
               "source_precision": share("sources_right", "produced_sources"),
               "target_precision": share("targets_right", "produced_targets")}
    for k in ("gold_source", "gold_target", "source_hits", "target_hits", "produced_sources", "produced_targets",
              "sources_right", "targets_right", "sentences_with_source", "sentences_with_target"):
        metrics[k] = c[k]
    out: dict[str, Any] = {
        "file": str(path), "part": file_part(path), "records": total, "scored": len(rows), "errors": errors.count,
        "error_examples": errors.examples, "text_from": {"original": text_from["original"],
                                                         "detokenized": text_from["detokenized"]},
        "unaligned_tokens": c["unaligned"], "methods": dict(methods), "metrics": metrics,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if details:
        out["details"] = out_rows
    return out


def format_actor_span_report(result: dict) -> str:
    """Plain-text report of an ``evaluate_actor_spans`` result (percentages with one decimal, n/a on 0/0)."""
    m = result["metrics"]
    tf = result["text_from"]
    mt = result["methods"]
    lines = report_head(f"actor spans {result['file']}  [{result['part']}]",
                        f"{result['records']} sentences, scored {result['scored']}, errors {result['errors']}, "
                        f"{result['seconds']:.1f}s", result.get("error_examples", []))
    lines.append(f"  text: {tf['original']} original sentences, {tf['detokenized']} re-joined tokens; "
                 f"{result['unaligned_tokens']} tokens not found in the coded text")
    lines.append(f"  source recall {_pct(m['source_recall'])} ({m['source_hits']}/{m['gold_source']})   precision "
                 f"{_pct(m['source_precision'])} ({m['sources_right']}/{m['produced_sources']} produced sources, "
                 f"{m['sentences_with_source']} sentences)")
    lines.append(f"  target recall {_pct(m['target_recall'])} ({m['target_hits']}/{m['gold_target']})   precision "
                 f"{_pct(m['target_precision'])} ({m['targets_right']}/{m['produced_targets']} produced targets, "
                 f"{m['sentences_with_target']} sentences)")
    lines.append(f"  produced actor spans by: mention offsets {mt['mention']}, text search {mt['text_search']}, "
                 f"token overlap {mt['token_overlap']}")
    return "\n".join(lines)

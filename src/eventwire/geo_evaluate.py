"""Geoparsing evaluation against the gold JSONL sets in ``../shared/geo`` (format: geo/SOURCES.md).

Metrics follow Gritta, Pilehvar & Collier, "What's missing in geographical parsing?" (LREV 2018)
and "A Pragmatic Guide to Geoparsing Evaluation" (LREV 2020):

- geocoding (gold spans given to the resolver): Acc@161km (share of gold toponyms with lat/lon
  resolved within 161 km = 100 miles), mean and median error in km, AUC of the error curve
  (mean over toponyms of log(1 + error_km) / log(20039); 0 is perfect, 1 is worst; a declined
  toponym counts as the maximum error 20039 km, half the Earth's circumference), exact GeoNames id
  share where gold has ids, coverage (share resolved at all), inferred (share placed at a nearby
  town because the name itself is not in the gazetteer, ``Place.inferred``) and its Acc@161;
- end to end (the resolver's own recognition on the spaCy parse): recognition precision, recall
  and F1 by span overlap, plus the share of gold toponyms (with coordinates) found and resolved
  within 161 km.

Splits: the gold files are the development part of each corpus. Like ``eventwire.evaluate``, the
documents whose ``sha1(id) mod 4 == 0`` (``is_heldout``) form a deterministic held-out quarter that
rules are not tuned on; results carry the figures for all documents at the top level and for the
two parts under ``"heldout"`` and ``"tune"``. Files with a toponym ``type`` (gwn, tudloc2013) also
get gold-span figures per type under ``"by_type"``.
"""
from __future__ import annotations

import hashlib
import json
import math
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire.documents import split_dateline
from eventwire.places.resolve import haversine_km
from eventwire.records import Document

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
SPLITS = ("heldout", "tune")


def is_heldout(record_id: Any) -> bool:
    """The deterministic held-out quarter: ``int(sha1(id)) % 4 == 0`` over the UTF-8 id (the same
    rule as ``eventwire.evaluate.is_heldout``)."""
    return int(hashlib.sha1(str(record_id).encode("utf-8")).hexdigest(), 16) % 4 == 0


def _load(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"gold file not found: {p}")
    docs = []
    with open(p, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{p}:{lineno}: not JSON ({exc})") from exc
            if limit is not None and len(docs) >= limit:
                break
    return docs


def _error_stats(errors: list[float], n_total: int) -> dict[str, Any]:
    if not errors:
        return {"acc161": None, "mean_km": None, "median_km": None, "auc": None}  # nothing to score
    return {
        "acc161": round(sum(e <= ACC_KM for e in errors) / n_total, 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(statistics.fmean(math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors), 4),
    }


class _SpanTally:
    """Counts for gold-span (geocoding) scoring of one split."""

    def __init__(self) -> None:
        self.docs = 0
        self.errors: list[float] = []
        self.n_all = self.n_ids = self.id_hits = self.resolved = 0
        self.inferred: list[float] = []  # errors of points placed at a nearby town (Place.inferred)

    def add(self, t: dict[str, Any], p: Any) -> None:
        self.n_all += 1
        if p.geonameid is not None:
            self.resolved += 1
        if t.get("geonameid"):
            self.n_ids += 1
            self.id_hits += int(p.geonameid == t["geonameid"])
        if t.get("lat") is None or t.get("lon") is None:
            return
        self.errors.append(MAX_ERROR_KM if p.lat is None else haversine_km(t["lat"], t["lon"], p.lat, p.lon))
        if getattr(p, "inferred", None):
            self.inferred.append(self.errors[-1])

    def metrics(self) -> dict[str, Any]:
        out: dict[str, Any] = {"docs": self.docs, "toponyms": len(self.errors)}
        out.update(_error_stats(self.errors, max(1, len(self.errors))))
        out["exact_id"] = round(self.id_hits / self.n_ids, 4) if self.n_ids else None
        out["with_id"] = self.n_ids
        out["coverage"] = round(self.resolved / self.n_all, 4) if self.n_all else None
        # names not in the gazetteer placed at the nearest town named before them: how many, how well
        out["inferred"] = round(len(self.inferred) / len(self.errors), 4) if self.errors else None
        out["inferred_acc161"] = (round(sum(e <= 161 for e in self.inferred) / len(self.inferred), 4)
                                  if self.inferred else None)
        return out


class _EndTally:
    """Counts for end-to-end (recognition + resolution) scoring of one split."""

    def __init__(self) -> None:
        self.docs = self.n_gold = self.n_pred = self.tp_pred = self.tp_gold = 0
        self.n_coords = self.within = 0

    def metrics(self) -> dict[str, Any]:
        precision = self.tp_pred / self.n_pred if self.n_pred else 0.0
        recall = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"docs": self.docs, "gold": self.n_gold, "predicted": self.n_pred,
                "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "toponyms": self.n_coords,
                "found_within_161": round(self.within / self.n_coords, 4) if self.n_coords else None}


def _row(d: dict[str, Any], t: dict[str, Any], p: Any, held: bool) -> dict[str, Any]:
    err = None
    if t.get("lat") is not None and t.get("lon") is not None:
        err = MAX_ERROR_KM if (p is None or p.lat is None) else round(
            haversine_km(t["lat"], t["lon"], p.lat, p.lon), 1)
    return {"id": d.get("id"), "heldout": held, "name": t["name"], "span": [t["start"], t["end"]],
            "type": t.get("type") or t.get("fcode"), "gold_geonameid": t.get("geonameid"),
            "gold_lat": t.get("lat"), "gold_lon": t.get("lon"),
            "geonameid": getattr(p, "geonameid", None), "resolved_name": getattr(p, "name", None),
            "country": getattr(p, "country", None), "lat": getattr(p, "lat", None),
            "lon": getattr(p, "lon", None), "error_km": err,
            "reason": getattr(p, "reason", None) if p is not None else "not found",
            "inferred": getattr(p, "inferred", None)}


def evaluate_geo(path: str | Path, *, gold_spans: bool, resolver: Any, nlp: Any = None,
                 limit: int | None = None, details: bool = False) -> dict[str, Any]:
    """Evaluate toponym resolution on one gold JSONL file and return the figures as a dict.

    path: a ``geo/*.jsonl`` file; gold_spans: True to resolve the gold spans
    (``resolver.resolve_spans``), False to run recognition + resolution end to end
    (``resolver.resolve`` on ``nlp(text)``, so ``nlp`` is required); limit: first N documents only;
    details: also return one row per gold toponym under ``"rows"`` (gold and resolved id, point,
    error in km, decline reason), for error analysis.
    Returns for gold_spans: {dataset, mode, docs, toponyms (with lat/lon), acc161, mean_km,
    median_km, auc, exact_id (share of toponyms with gold ids resolved to that id), with_id,
    coverage, heldout: {same figures}, tune: {same}, by_type: {type: {same}} where gold has types};
    end to end: {dataset, mode, docs, gold, predicted, precision, recall, f1, found_within_161
    (share of gold toponyms with lat/lon that were found and resolved within 161 km), toponyms,
    heldout: {...}, tune: {...}}.
    Raises FileNotFoundError for a missing file, ValueError for a bad line or a missing nlp.
    """
    docs = _load(path, limit)
    name = Path(path).stem
    rows: list[dict[str, Any]] = []
    if gold_spans:
        tallies: dict[str, _SpanTally] = {"all": _SpanTally(), "heldout": _SpanTally(), "tune": _SpanTally()}
        by_type: dict[str, _SpanTally] = defaultdict(_SpanTally)
        for i, d in enumerate(docs):
            held = is_heldout(d.get("id", i))
            parts = (tallies["all"], tallies["heldout" if held else "tune"])
            for tally in parts:
                tally.docs += 1
            tops = d["toponyms"]
            places = resolver.resolve_spans(d["text"], [(t["start"], t["end"]) for t in tops])
            for t, p in zip(tops, places):
                for tally in parts:
                    tally.add(t, p)
                if t.get("type"):
                    by_type[t["type"]].add(t, p)
                if details:
                    rows.append(_row(d, t, p, held))
        out: dict[str, Any] = {"dataset": name, "mode": "gold_spans"}
        out.update(tallies["all"].metrics())
        for split in SPLITS:
            out[split] = tallies[split].metrics()
        if by_type:
            out["by_type"] = {k: {key: v for key, v in t.metrics().items() if key != "docs"}
                              for k, t in sorted(by_type.items())}
        if details:
            out["rows"] = rows
        return out

    if nlp is None:
        raise ValueError("evaluate_geo(gold_spans=False) needs a spaCy pipeline: pass nlp=load_nlp()")
    ends = {"all": _EndTally(), "heldout": _EndTally(), "tune": _EndTally()}
    false_positives: list[dict[str, Any]] = []
    for i, d in enumerate(docs):
        text = d["text"]
        held = is_heldout(d.get("id", i))
        parts = (ends["all"], ends["heldout" if held else "tune"])
        # like the pipeline's reader: a wire dateline ("NEWARK, Ohio —") is split off first
        document = Document(id=str(d.get("id", i)), text=text, origin=f"{path}:{i + 1}",
                            dateline=split_dateline(text))
        places = resolver.resolve(nlp(text), document)
        tops = d["toponyms"]
        for e in parts:
            e.docs += 1
            e.n_gold += len(tops)
            e.n_pred += len(places)
        for p in places:
            if any(p.span[0] < t["end"] and t["start"] < p.span[1] for t in tops):
                for e in parts:
                    e.tp_pred += 1
            elif details:
                false_positives.append({"id": d.get("id"), "heldout": held, "text": p.text, "span": list(p.span),
                                        "geonameid": p.geonameid, "resolved_name": p.name, "reason": p.reason})
        for t in tops:
            hits = [p for p in places if p.span[0] < t["end"] and t["start"] < p.span[1]]
            ok = t.get("lat") is not None and t.get("lon") is not None and any(
                p.lat is not None and haversine_km(t["lat"], t["lon"], p.lat, p.lon) <= ACC_KM for p in hits)
            for e in parts:
                if hits:
                    e.tp_gold += 1
                if t.get("lat") is not None and t.get("lon") is not None:
                    e.n_coords += 1
                    e.within += int(ok)
            if details:
                best = min(hits, key=lambda p: (p.lat is None, 0 if p.lat is None else haversine_km(
                    t["lat"] or 0, t["lon"] or 0, p.lat, p.lon)), default=None)
                rows.append(_row(d, t, best, held))
    out = {"dataset": name, "mode": "end_to_end"}
    out.update(ends["all"].metrics())
    for split in SPLITS:
        out[split] = ends[split].metrics()
    if details:
        out["rows"] = rows
        out["false_positives"] = false_positives
    return out


def format_report(result: dict[str, Any]) -> str:
    """Plain-text report of one ``evaluate_geo`` result: one line per split (all, held-out, tune),
    then per toponym type where the gold file has types."""
    mode = result.get("mode")
    lines = [f"geo {result.get('dataset')} ({'gold spans' if mode == 'gold_spans' else 'end to end'})"]

    def pct(v: Any) -> str:
        return "n/a" if v is None else f"{100 * v:5.1f}%"

    def num(v: Any) -> str:
        return "n/a" if v is None else f"{v:.1f}"

    parts = [("all", result)] + [(s, result[s]) for s in SPLITS if s in result]
    for label, m in parts:
        if mode == "gold_spans":
            lines.append(f"  {label:<8} docs {m['docs']:>4}  toponyms {m['toponyms']:>5}  Acc@161 {pct(m['acc161'])}"
                         f"  mean {num(m['mean_km'])} km  median {num(m['median_km'])} km"
                         f"  AUC {'n/a' if m['auc'] is None else format(m['auc'], '.3f')}"
                         f"  exact id {pct(m['exact_id'])}  coverage {pct(m['coverage'])}"
                         f"  inferred {pct(m['inferred'])} (Acc@161 {pct(m['inferred_acc161'])})")
        else:
            lines.append(f"  {label:<8} docs {m['docs']:>4}  gold {m['gold']:>5}  P {pct(m['precision'])}"
                         f"  R {pct(m['recall'])}  F1 {pct(m['f1'])}"
                         f"  found within 161 km {pct(m['found_within_161'])}")
    for typ, m in (result.get("by_type") or {}).items():
        lines.append(f"  type {typ:<22} toponyms {m['toponyms']:>5}  Acc@161 {pct(m['acc161'])}"
                     f"  coverage {pct(m['coverage'])}")
    return "\n".join(lines)

"""Geoparsing evaluation against the gold JSONL sets in ``../shared/geo`` (format: geo/SOURCES.md).

Metrics follow Gritta, Pilehvar & Collier, "What's missing in geographical parsing?" (LREV 2018)
and "A Pragmatic Guide to Geoparsing Evaluation" (LREV 2020):

- geocoding (gold spans given to the resolver): Acc@161km (share of gold toponyms with lat/lon
  resolved within 161 km = 100 miles), mean and median error in km, AUC of the error curve
  (mean over toponyms of log(1 + error_km) / log(20039); 0 is perfect, 1 is worst; a declined
  toponym counts as the maximum error 20039 km, half the Earth's circumference), exact GeoNames id
  share where gold has ids, coverage (share resolved at all);
- end to end (the resolver's own recognition on the spaCy parse): recognition precision, recall
  and F1 by span overlap, plus the share of gold toponyms (with coordinates) found and resolved
  within 161 km.
"""
from __future__ import annotations

import json
import math
import statistics
from pathlib import Path
from typing import Any

from eventwire.places.resolve import haversine_km
from eventwire.records import Document

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0


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
        return {"acc161": 0.0, "mean_km": None, "median_km": None, "auc": None}
    return {
        "acc161": round(sum(e <= ACC_KM for e in errors) / n_total, 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(statistics.fmean(math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors), 4),
    }


def evaluate_geo(path: str | Path, *, gold_spans: bool, resolver: Any, nlp: Any = None,
                 limit: int | None = None) -> dict[str, Any]:
    """Evaluate toponym resolution on one gold JSONL file and return the figures as a dict.

    path: a ``geo/*.jsonl`` file; gold_spans: True to resolve the gold spans
    (``resolver.resolve_spans``), False to run recognition + resolution end to end
    (``resolver.resolve`` on ``nlp(text)``, so ``nlp`` is required); limit: first N documents only.
    Returns for gold_spans: {dataset, docs, toponyms (with lat/lon), acc161, mean_km, median_km, auc,
    exact_id (share of toponyms with gold ids resolved to that id), with_id, coverage};
    end to end: {dataset, docs, gold, predicted, precision, recall, f1, found_within_161
    (share of gold toponyms with lat/lon that were found and resolved within 161 km), toponyms}.
    Raises FileNotFoundError for a missing file, ValueError for a bad line or a missing nlp.
    """
    docs = _load(path, limit)
    name = Path(path).stem
    if gold_spans:
        errors: list[float] = []
        n_coords = n_ids = id_hits = resolved = 0
        for d in docs:
            tops = d["toponyms"]
            places = resolver.resolve_spans(d["text"], [(t["start"], t["end"]) for t in tops])
            for t, p in zip(tops, places):
                if p.geonameid is not None:
                    resolved += 1
                if t.get("geonameid"):
                    n_ids += 1
                    id_hits += int(p.geonameid == t["geonameid"])
                if t.get("lat") is None or t.get("lon") is None:
                    continue
                n_coords += 1
                if p.lat is None:
                    errors.append(MAX_ERROR_KM)
                else:
                    errors.append(haversine_km(t["lat"], t["lon"], p.lat, p.lon))
        n_all = sum(len(d["toponyms"]) for d in docs)
        out = {"dataset": name, "mode": "gold_spans", "docs": len(docs), "toponyms": n_coords}
        out.update(_error_stats(errors, max(1, n_coords)))
        out["exact_id"] = round(id_hits / n_ids, 4) if n_ids else None
        out["with_id"] = n_ids
        out["coverage"] = round(resolved / n_all, 4) if n_all else None
        return out

    if nlp is None:
        raise ValueError("evaluate_geo(gold_spans=False) needs a spaCy pipeline: pass nlp=load_nlp()")
    n_gold = n_pred = tp_pred = tp_gold = 0
    n_coords = within = 0
    for i, d in enumerate(docs):
        text = d["text"]
        document = Document(id=str(d.get("id", i)), text=text, origin=f"{path}:{i + 1}")
        places = resolver.resolve(nlp(text), document)
        tops = d["toponyms"]
        n_gold += len(tops)
        n_pred += len(places)
        for p in places:
            if any(p.span[0] < t["end"] and t["start"] < p.span[1] for t in tops):
                tp_pred += 1
        for t in tops:
            hits = [p for p in places if p.span[0] < t["end"] and t["start"] < p.span[1]]
            if hits:
                tp_gold += 1
            if t.get("lat") is None or t.get("lon") is None:
                continue
            n_coords += 1
            if any(p.lat is not None and haversine_km(t["lat"], t["lon"], p.lat, p.lon) <= ACC_KM for p in hits):
                within += 1
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"dataset": name, "mode": "end_to_end", "docs": len(docs), "gold": n_gold, "predicted": n_pred,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "toponyms": n_coords, "found_within_161": round(within / n_coords, 4) if n_coords else None}

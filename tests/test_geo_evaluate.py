"""geo_evaluate on the real gold files (a few documents) and on hand-made records."""
from __future__ import annotations

import json
import math

import pytest

from eventwire.geo_evaluate import MAX_ERROR_KM, evaluate_geo
from eventwire.nlp import load_nlp
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.resolve import PlaceResolver, haversine_km
from eventwire.records import Place

from conftest import SHARED

GEO = SHARED / "geo"
FILES = ["lgl", "gwn", "trnews", "geovirus", "tudloc2013"]


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.open(progress=False))


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    # a quarter of a great circle
    assert abs(haversine_km(0, 0, 0, 90) - 2 * math.pi * 6371.0088 / 4) < 1e-6
    assert abs(haversine_km(0, 0, 0, 180) - MAX_ERROR_KM) < 30  # 20039 = half the equator (Gritta)


@pytest.mark.parametrize("name", FILES)
def test_gold_spans_on_real_file(resolver, name):
    path = GEO / f"{name}.jsonl"
    assert path.exists(), f"gold file missing: {path}"
    out = evaluate_geo(path, gold_spans=True, resolver=resolver, limit=15)
    assert out["dataset"] == name and out["docs"] == 15
    assert 0.0 <= out["acc161"] <= 1.0 and 0.0 <= out["auc"] <= 1.0
    assert out["acc161"] > 0.5  # sanity floor, not the target


def test_end_to_end_on_real_file(resolver):
    out = evaluate_geo(GEO / "gwn.jsonl", gold_spans=False, resolver=resolver, nlp=load_nlp(), limit=5)
    assert out["mode"] == "end_to_end" and out["docs"] == 5
    assert 0 < out["precision"] <= 1 and 0 < out["recall"] <= 1
    assert 0 <= out["found_within_161"] <= 1


class FixedResolver:
    """Resolves every span to one point; for checking the arithmetic."""

    def __init__(self, lat, lon):
        self.lat, self.lon = lat, lon

    def resolve_spans(self, text, spans):
        return [Place(text=text[s:e], span=(s, e), geonameid=1 if self.lat is not None else None,
                      lat=self.lat, lon=self.lon) for s, e in spans]


def test_metric_arithmetic(tmp_path):
    doc = {"dataset": "x", "id": "1", "text": "Paris and Lyon.",
           "toponyms": [{"start": 0, "end": 5, "name": "Paris", "geonameid": 1, "lat": 0.0, "lon": 0.0},
                        {"start": 10, "end": 14, "name": "Lyon", "geonameid": 2, "lat": 0.0, "lon": 10.0},
                        {"start": 10, "end": 14, "name": "Lyon", "geonameid": None, "lat": None, "lon": None}]}
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    out = evaluate_geo(path, gold_spans=True, resolver=FixedResolver(0.0, 0.0))
    far = haversine_km(0, 0, 0, 10)
    assert out["toponyms"] == 2 and out["acc161"] == 0.5
    assert out["median_km"] == round(far / 2, 1)
    assert out["auc"] == round(math.log1p(far) / math.log(MAX_ERROR_KM) / 2, 4)
    assert out["exact_id"] == 0.5 and out["coverage"] == 1.0
    declined = evaluate_geo(path, gold_spans=True, resolver=FixedResolver(None, None))
    assert declined["acc161"] == 0.0 and declined["auc"] == 1.0 and declined["coverage"] == 0.0


def test_errors(tmp_path, resolver):
    with pytest.raises(FileNotFoundError, match="gold file not found"):
        evaluate_geo(tmp_path / "none.jsonl", gold_spans=True, resolver=resolver)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        evaluate_geo(bad, gold_spans=True, resolver=resolver)
    with pytest.raises(ValueError, match="needs a spaCy pipeline"):
        evaluate_geo(GEO / "gwn.jsonl", gold_spans=False, resolver=resolver)


def test_heldout_split_matches_evaluate_and_is_reported(resolver):
    from eventwire.evaluate import is_heldout as suite_heldout
    from eventwire.geo_evaluate import format_report, is_heldout

    for rid in ("1", "42", "sha256:abc", 7):
        assert is_heldout(rid) == suite_heldout(str(rid))
    out = evaluate_geo(GEO / "gwn.jsonl", gold_spans=True, resolver=resolver, limit=12, details=True)
    assert out["heldout"]["docs"] + out["tune"]["docs"] == out["docs"] == 12
    assert out["heldout"]["toponyms"] + out["tune"]["toponyms"] == out["toponyms"]
    assert "Literal" in out["by_type"]
    assert len(out["rows"]) == sum(1 for _ in out["rows"]) and {"error_km", "reason", "heldout"} <= set(out["rows"][0])
    report = format_report(out)
    assert report.splitlines()[0] == "geo gwn (gold spans)"
    assert any(line.strip().startswith("heldout") for line in report.splitlines())

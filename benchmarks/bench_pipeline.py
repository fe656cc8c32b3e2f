"""Benchmark: eventwire's full pipeline against a bare ``nlp.pipe`` (same model, same documents, same run),
plus a per-stage profile (reading, parse, dates, places, actors, quotes, figures, events, store).

Usage:
    .venv/bin/python benchmarks/bench_pipeline.py [--per-source N] [--rounds R] [--batch-size B] [--cprofile]

Documents: up to N (default 200) from each of ../shared/news/{muc4,rams,wikievents,case2021_task2}.jsonl
and ../shared/articles (real text, read by eventwire's readers). Bare and full passes alternate over R
rounds (default 2; order swapped each round, so drift in machine load hits both); the best round of each
is reported. Prints documents/s, words/s (whitespace words), CPU seconds, the ratio full/bare (target
>= 0.65), the exclusive time of every stage in an instrumented pass, and peak RSS (ru_maxrss). Each pass
prints the share of the cores other programs used meanwhile; --wait-quiet S waits for an idle machine.
--cprofile adds the eventwire functions with the most own time in a cProfiled full pass.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import corpus

STAGES = ("reading", "parse", "dates", "places", "actors", "quotes", "figures", "events", "other", "store")


class StageProfile:
    """Exclusive wall time per stage: time in a nested stage is not counted twice."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []

    @contextlib.contextmanager
    def stage(self, name: str):
        frame = [name, time.perf_counter(), 0.0]
        self._stack.append(frame)
        try:
            yield
        finally:
            self._stack.pop()
            elapsed = time.perf_counter() - frame[1]
            self.totals[name] += elapsed - frame[2]
            if self._stack:
                self._stack[-1][2] += elapsed

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            with self.stage(name):
                return fn(*args, **kwargs)
        return timed


class TimedNLP:
    """Stands in for the spaCy pipeline inside ``Pipeline``: times ``pipe`` and ``__call__`` as "parse"."""

    def __init__(self, nlp, profile: StageProfile):
        self._nlp, self._profile = nlp, profile

    def pipe(self, texts, **kwargs):
        it = iter(self._nlp.pipe(texts, **kwargs))
        while True:
            with self._profile.stage("parse"):
                try:
                    doc = next(it)
                except StopIteration:
                    return
            yield doc

    def __call__(self, text):
        with self._profile.stage("parse"):
            return self._nlp(text)

    def __getattr__(self, name):
        return getattr(self._nlp, name)


@contextlib.contextmanager
def instrumented(pipeline, profile: StageProfile):
    """Patch the stage functions the pipeline calls with timed wrappers; restore them afterwards."""
    import eventwire.actors
    import eventwire.dates
    import eventwire.events
    import eventwire.figures
    import eventwire.quotes

    targets = [(eventwire.dates, "extract_dates", "dates"), (eventwire.actors, "extract_actors", "actors"),
               (eventwire.quotes, "extract_quotes", "quotes"), (eventwire.figures, "extract_figures", "figures"),
               (eventwire.events, "extract_events", "events")]
    saved = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in targets]
    nlp, resolve = pipeline.nlp, pipeline.places.resolve
    try:
        for mod, attr, name in targets:
            setattr(mod, attr, profile.wrap(name, getattr(mod, attr)))
        pipeline.places.resolve = profile.wrap("places", resolve)
        pipeline.nlp = TimedNLP(nlp, profile)
        yield
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)
        del pipeline.places.resolve
        pipeline.nlp = nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-source", type=int, default=200, help="documents per source (default 200)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating bare/full rounds (default 2)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for both passes")
    ap.add_argument("--cprofile", action="store_true", help="also print the hottest eventwire functions")
    ap.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                    help="before each timed pass, wait up to SECONDS for other programs to leave the cores idle")
    args = ap.parse_args()
    corpus.check_sources()

    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

    print(corpus.load_line())
    with corpus.Clock() as c:
        pipeline = Pipeline(batch_size=args.batch_size)
    nlp = pipeline.nlp
    print(f"pipeline load: {c.wall:.2f} s  RSS after load: {corpus.rss_mb():.0f} MB")

    profile = StageProfile()
    with corpus.Clock() as c:
        docs = corpus.interleaved(args.per_source)
    profile.totals["reading"] = c.wall
    texts = [d.text for d in docs]
    n_words = corpus.words(texts)
    by_source: dict[str, int] = defaultdict(int)
    for d in docs:
        by_source[d.origin.rsplit(":", 1)[0].rsplit("/", 1)[-1]] += 1
    print(f"documents: {len(docs)} ({', '.join(f'{k} {v}' for k, v in by_source.items())})  "
          f"words: {n_words}  characters: {sum(map(len, texts))}")
    list(pipeline.code_many(docs[:16]))  # warm up lazy tables, caches and the model

    bare, full = [], []
    for r in range(args.rounds):
        order = ("bare", "full") if r % 2 == 0 else ("full", "bare")
        for kind in order:
            if args.wait_quiet:
                corpus.wait_for_quiet(max_wait=args.wait_quiet)
            with corpus.Clock() as c:
                if kind == "bare":
                    for _ in nlp.pipe(texts, batch_size=args.batch_size):
                        pass
                else:
                    results = list(pipeline.code_many(docs))
            (bare if kind == "bare" else full).append(c)
            share = c.foreign / (c.wall * (os.cpu_count() or 1))
            print(f"  round {r + 1} {kind}: {c.wall:6.2f} s wall  {c.cpu:6.2f} s CPU  "
                  f"(other programs' CPU share meanwhile {share:.0%})")
    failed = [x for x in results if not hasattr(x, "events")]
    b, f = min(bare, key=lambda c: c.wall), min(full, key=lambda c: c.wall)
    print()
    print(f"{'':24}{'docs/s':>9}{'words/s':>10}{'wall s':>9}{'CPU s':>8}")
    for label, c in (("bare nlp.pipe", b), ("full pipeline", f)):
        print(f"{label:24}{len(docs) / c.wall:9.1f}{n_words / c.wall:10.0f}{c.wall:9.2f}{c.cpu:8.2f}")
    print(f"ratio full/bare throughput: {b.wall / f.wall:.3f} wall, {b.cpu / f.cpu:.3f} CPU  (target >= 0.65)")
    print(f"events: {sum(len(x.events) for x in results if hasattr(x, 'events'))}  failed documents: {len(failed)}")

    # Instrumented pass: exclusive time per stage, then the store.
    if args.wait_quiet:
        corpus.wait_for_quiet(max_wait=args.wait_quiet)
    with instrumented(pipeline, profile), corpus.Clock() as c:
        results = list(pipeline.code_many(docs))
    coded = [x for x in results if hasattr(x, "events")]
    profile.totals["other"] = c.wall - sum(profile.totals[s] for s in STAGES if s not in ("reading", "store"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        with corpus.Clock() as s:
            for x in coded:
                store.add(x)
        store.close()
    profile.totals["store"] = s.wall
    total = sum(profile.totals[s] for s in STAGES)
    print()
    print("per-stage profile (exclusive wall time, one instrumented pass; store = SQLite file, one commit per document)")
    print(f"{'stage':10}{'seconds':>9}{'share':>8}{'ms/doc':>9}")
    for name in sorted(STAGES, key=lambda s: -profile.totals[s]):
        t = profile.totals[name]
        print(f"{name:10}{t:9.2f}{t / total:8.1%}{1000 * t / len(docs):9.2f}")
    ours = {s: profile.totals[s] for s in STAGES if s not in ("parse", "reading", "store", "other")}
    slowest = max(ours, key=ours.get)
    print(f"slowest eventwire stage: {slowest} ({ours[slowest] / total:.1%} of all time, "
          f"{ours[slowest] / profile.totals['parse']:.2f}x the parse)")

    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        list(pipeline.code_many(docs))
        prof.disable()
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime")
        total_t = sum(v[2] for v in stats.stats.values())
        rows = sorted(((v[2], v[3], k) for k, v in stats.stats.items() if "eventwire" in k[0]), reverse=True)
        print()
        print(f"hottest eventwire functions (cProfile own time; share of the {total_t:.1f} s profiled pass)")
        for tt, ct, (file, line, fn) in rows[:20]:
            short = file.split("src/")[-1]
            print(f"  {tt:7.2f} s own {tt / total_t:6.1%}  {ct:7.2f} s cum {ct / total_t:6.1%}  {short}:{line} {fn}")
    print()
    print(f"peak RSS (this process): {corpus.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

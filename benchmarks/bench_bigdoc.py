"""Benchmark: how coding time grows with the size of one document (a stage that grows faster than the parse
stalls a worker on a long article or a mis-split feed).

Usage:
    .venv/bin/python benchmarks/bench_bigdoc.py [--sizes 25000,50000,100000,200000] [--top 8]

Each document is real RAMS text from ../shared/news/rams.jsonl, windows joined with blank lines up to the
size in characters. Prints, per size, the exclusive time of every stage (as bench_pipeline.py) and the
eventwire or spaCy functions with the most own time in the largest document (cProfile), with their callers
in eventwire, so a quadratic hot spot is named by function and line.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time

import corpus
from bench_pipeline import StageProfile, instrumented


def big_text(size: int) -> str:
    """RAMS windows joined with blank lines until the text has ``size`` characters."""
    parts, n = [], 0
    for d in corpus.read_documents(None, (corpus.SHARED / "news" / "rams.jsonl",)):
        parts.append(d.text)
        n += len(d.text) + 2
        if n >= size:
            break
    return "\n\n".join(parts)[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25000,50000,100000,200000", help="document sizes in characters")
    ap.add_argument("--top", type=int, default=8, help="functions to list for the largest document")
    args = ap.parse_args()
    corpus.check_sources()
    from eventwire.documents import document_from_text
    from eventwire.pipeline import Pipeline

    print(corpus.load_line())
    pipeline = Pipeline()
    pipeline.code(document_from_text("Warm-up: Mexican police arrested 12 people in Ciudad Juarez on Friday.",
                                     origin="warm-up"))
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'chars':>8}{'total s':>9}  stage seconds (exclusive)")
    for size in sizes:
        doc = document_from_text(big_text(size), origin=f"big-{size}")
        profile = StageProfile()
        with instrumented(pipeline, profile):
            t0 = time.perf_counter()
            pipeline.code(doc)
            total = time.perf_counter() - t0
        stages = "  ".join(f"{k} {v:.2f}" for k, v in sorted(profile.totals.items(), key=lambda kv: -kv[1]))
        print(f"{len(doc.text):8d}{total:9.2f}  {stages}", flush=True)

    doc = document_from_text(big_text(sizes[-1]), origin="big")
    sdoc = pipeline.parse(doc)
    prof = cProfile.Profile()
    prof.enable()
    pipeline._code_parsed(doc, sdoc)
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    print(f"\nafter the parse, {len(doc.text)} characters: {total:.1f} s profiled; most own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:args.top]
    for (file, line, fn), (_cc, nc, tt, ct, callers) in rows:
        short = file.split("site-packages/")[-1].split("src/")[-1]
        ours = sorted(_eventwire_callers(stats, (file, line, fn)), reverse=True)[:3]
        via = "; ".join(f"{name} ({cum:.1f} s)" for cum, name in ours)
        print(f"  {tt:6.2f} s own {tt / total:6.1%}  {nc:9d} calls  {short}:{line} {fn}" + (f"  <- {via}" if via else ""))


def _eventwire_callers(stats: pstats.Stats, key: tuple, depth: int = 3) -> list[tuple[float, str]]:
    """The nearest eventwire functions up the call graph from ``key`` (through spaCy properties such as
    ``Doc.text``), each with the cumulative time of its calls on that path."""
    found: dict[str, float] = {}
    frontier = [key]
    for _ in range(depth):
        nxt = []
        for k in frontier:
            for caller, v in stats.stats[k][4].items():
                if "eventwire" in caller[0]:
                    name = f"{caller[0].split('src/')[-1]}:{caller[1]} {caller[2]}"
                    found[name] = found.get(name, 0.0) + v[3]
                elif caller in stats.stats:
                    nxt.append(caller)
        if found:
            break
        frontier = nxt
    return [(t, name) for name, t in found.items()]


if __name__ == "__main__":
    main()

"""Benchmark: toponym resolution time vs spaCy parse time on the same documents.

Usage: python benchmarks/bench_places.py [GOLD_JSONL ...] [--limit N]
Default documents: ../shared/geo/lgl.jsonl and gwn.jsonl (first 100 each). Prints parse seconds,
resolution seconds and their ratio (target: resolution adds <= 20% to parse time).
The gazetteer is opened (built if missing) and warmed before timing.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.nlp import load_nlp
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.resolve import PlaceResolver
from eventwire.records import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / ".." / "shared" / "geo" / "lgl.jsonl", ROOT / ".." / "shared" / "geo" / "gwn.jsonl"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=100, help="documents per file")
    args = ap.parse_args()
    texts: list[str] = []
    for f in args.files:
        with open(f, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= args.limit:
                    break
                texts.append(json.loads(line)["text"])
    nlp = load_nlp()
    resolver = PlaceResolver(Gazetteer.open())
    nlp("warm up")
    t0 = time.perf_counter()
    docs = [nlp(t) for t in texts]
    parse_s = time.perf_counter() - t0
    documents = [Document(id=str(i), text=t, origin="bench") for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    n_places = sum(len(resolver.resolve(d, doc)) for d, doc in zip(docs, documents))
    resolve_s = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"documents: {len(texts)}  characters: {chars}  places: {n_places}")
    print(f"spaCy parse:  {parse_s:7.2f} s")
    print(f"resolution:   {resolve_s:7.2f} s  (first run, cold lookup caches)")
    print(f"ratio resolution/parse: {resolve_s / parse_s:.3f}  (target <= 0.20)")


if __name__ == "__main__":
    main()

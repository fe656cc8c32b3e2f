"""Benchmark: ingest throughput in one process, with ``--workers N`` processes and on a Dask LocalCluster,
on the same real documents, checking that every run stores the same records.

Usage:
    .venv/bin/python benchmarks/bench_scale.py [--limit N] [--workers 2] [--modes single,workers,dask,parquet]
                                               [--rounds R]

The corpus (default: all 3,433 documents of ../shared/news/*.jsonl and ../shared/articles, interleaved so
every partition mixes wire copy, web text and snippets) is written to a temporary JSON Lines file, and each
mode runs the real ingest path on it: ``eventwire.store.ingest_paths`` (reading, skip-if-stored check,
coding, one SQLite commit per document) with a ``Pipeline`` (single), a ``ProcessPipeline`` (workers) or
a ``DaskPipeline`` on ``LocalCluster(n_workers=N, threads_per_worker=1, processes=True)`` (dask); parquet
is Dask workers writing a Parquet dataset, then ``load_dataset`` into a store (timed separately).
Each run is a fresh Python process (it imports the code as it is then; a digest of the source is printed,
since records can only be compared between runs of the same code). Models are loaded before the clock
starts (start-up is printed apart). Prints documents/s, words/s,
speed-up over single, peak RSS of the parent and of every worker, and whether the stored event rows of
each mode equal the single-process ones. Other jobs on the machine skew timings: each run prints the share
of the cores other programs used meanwhile; --wait-quiet S waits (up to S seconds) for an idle machine
before each run, and with --rounds R the modes alternate and the best round counts.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import json
import tempfile
from pathlib import Path

import corpus


def write_corpus(path: Path, limit: int | None) -> tuple[int, int]:
    """Write the interleaved corpus as JSON Lines; RETURNS (documents, words)."""
    docs = corpus.interleaved(None, limit)
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            record = {"id": d.id, "text": d.text, "published": d.published.isoformat() if d.published else None,
                      "title": d.title, "source": d.source, "url": d.url}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(docs), corpus.words(d.text for d in docs)


def store_digest(db: Path) -> tuple[int, str]:
    """(events, sha256 of every events row but pk) of a store: equal digests mean identical event records."""
    import sqlalchemy as sa

    from eventwire.store import Store
    from eventwire.store.schema import events

    with Store(db) as store, store.engine.connect() as conn:
        cols = [c for c in events.columns if c.name != "pk"]
        h = hashlib.sha256()
        n = 0
        for row in conn.execute(sa.select(*cols).order_by(events.c.pk)):
            h.update(repr(tuple(row)).encode())
            n += 1
    return n, h.hexdigest()[:16]


def run_mode(mode: str, source: Path, tmp: Path, workers: int, tag: str) -> dict:
    from eventwire.distributed import DaskPipeline
    from eventwire.parallel import ProcessPipeline
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store, ingest_paths

    out: dict = {"mode": mode}
    with corpus.Clock() as start:
        if mode == "single":
            coder = Pipeline()
        elif mode == "workers":
            coder = ProcessPipeline(workers)
            coder.start()
        else:
            coder = DaskPipeline("local", workers=workers)
            coder.start()
    out["startup"] = start.wall
    db = tmp / f"{mode}-{tag}.db"
    c = corpus.Clock()
    workers_before = _workers_cpu(mode, coder)
    try:
        with c:
            if mode == "parquet":
                statuses = [o.status for o in coder.write_parquet(_read(source), tmp / f"parquet-{tag}")]
            else:
                with Store(db) as store:
                    statuses = [o.status for o in ingest_paths(store, [source], pipeline=coder)]
        out["seconds"] = c.wall
        out["parent_cpu"] = c.cpu
        out["workers_cpu"] = _workers_cpu(mode, coder) - workers_before
        unjoined_cpu = 0.0
        if mode in ("workers",):
            out["worker_rss"] = coder.worker_peak_rss_mb()
            # forkserver children are not ours to wait for: their whole CPU time counts as "ours" below
            unjoined_cpu = _workers_cpu(mode, coder)
        elif mode in ("dask", "parquet"):
            out["worker_rss"] = sorted((v for v in coder.worker_peak_rss_mb().values() if v), reverse=True)
    finally:
        if hasattr(coder, "close"):
            coder.close()
    c.finish()  # Dask workers are joined now: their CPU is ours, the rest was other programs'
    out["foreign"] = max(0.0, c.foreign - unjoined_cpu) / (c.wall * (os.cpu_count() or 1))
    if mode == "parquet":
        from eventwire.parquet_io import load_dataset

        with corpus.Clock() as load, Store(db) as store:
            load_statuses = [o.status for o in load_dataset(store, tmp / f"parquet-{tag}")]
        out["load_seconds"] = load.wall
        out["loaded"] = load_statuses.count("ingested")
    out["documents"] = len(statuses)
    out["failed"] = statuses.count("failed")
    out["events"], out["digest"] = store_digest(db)
    return out


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used, from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _workers_cpu(mode: str, coder) -> float:
    """CPU seconds the worker processes have used so far (0 for single)."""
    if mode == "workers":
        return sum(_proc_cpu(pid) for pid in list(coder._pool._processes or {}))
    if mode in ("dask", "parquet"):
        return sum(coder.client.run(_self_cpu).values())
    return 0.0


def _self_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _read(source: Path):
    from eventwire.documents import read_inputs

    return read_inputs([str(source)])


def code_version() -> str:
    """First 12 hex digits of a sha256 over eventwire's source and data files as they are now: runs with
    different versions (someone edited the code between them) cannot be compared record for record."""
    import eventwire

    root = Path(eventwire.__file__).parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def run_child(mode: str, source: Path, tmp: Path, workers: int, tag: str) -> dict:
    """Run one mode in a fresh Python process (so every mode imports the code as it is now); RETURNS its result."""
    cmd = [sys.executable, __file__, "--child", mode, "--source", str(source), "--tmp", str(tmp),
           "--workers", str(workers), "--tag", tag]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).parent)
    if done.returncode != 0:
        sys.exit(f"error: {mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="documents (default: all 3,433)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes / Dask workers (default 2)")
    ap.add_argument("--modes", default="single,workers,dask,parquet", help="comma-separated modes to run")
    ap.add_argument("--rounds", type=int, default=1, help="repeat the modes R times, alternating (best counts)")
    ap.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                    help="before each run, wait up to SECONDS for other programs to leave the cores idle")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--tag", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # one run, in its own process; the result goes to stdout as JSON
        version = code_version()
        res = run_mode(args.child, args.source, args.tmp, args.workers, args.tag)
        res.update(code=version, process_rss=corpus.peak_rss_mb())
        print(json.dumps(res))
        return
    corpus.check_sources()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    print(corpus.load_line())
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmpdir:
        tmp = Path(tmpdir)
        source = tmp / "corpus.jsonl"
        n_docs, n_words = write_corpus(source, args.limit)
        print(f"corpus: {n_docs} documents, {n_words} words (temporary JSON Lines file)")
        best: dict[str, dict] = {}
        for r in range(args.rounds):
            for mode in (modes if r % 2 == 0 else modes[::-1]):
                if args.wait_quiet:
                    corpus.wait_for_quiet(max_wait=args.wait_quiet)
                res = run_child(mode, source, tmp, args.workers, f"r{r}")
                rss = ", ".join(f"{x:.0f}" for x in res.get("worker_rss", []))
                print(f"  round {r + 1} {mode:8} {res['seconds']:7.1f} s  {res['documents'] / res['seconds']:6.1f} docs/s"
                      f"  start-up {res['startup']:4.1f} s  parent CPU {res['parent_cpu']:6.1f} s"
                      f"  workers CPU {res['workers_cpu']:6.1f} s  parent peak RSS {res['process_rss']:.0f} MB"
                      f"  worker peak RSS MB [{rss}]  events {res['events']} ({res['digest']}, code {res['code']})"
                      f"  other programs' CPU share {res['foreign']:.0%}"
                      + (f"  load {res['load_seconds']:.1f} s" if "load_seconds" in res else ""), flush=True)
                if mode not in best or res["seconds"] < best[mode]["seconds"]:
                    best[mode] = res
    base = best.get("single")
    print()
    print(f"{'mode':10}{'docs/s':>9}{'words/s':>10}{'speed-up':>10}{'worker peak RSS (MB)':>24}  same events as single")
    for mode, res in best.items():
        speed = f"{base['seconds'] / res['seconds']:.2f}x" if base else "-"
        if not base:
            same = "-"
        elif res["code"] != base["code"]:
            same = "? (code edited between the runs)"
        else:
            same = "yes" if res["digest"] == base["digest"] else "NO"
        rss = "/".join(f"{x:.0f}" for x in res.get("worker_rss", [])) or "-"
        print(f"{mode:10}{res['documents'] / res['seconds']:9.1f}{n_words / res['seconds']:10.0f}{speed:>10}{rss:>24}  {same}")
    cores = os.cpu_count() or 1
    print()
    print("CPU accounting (independent of other programs): CPU seconds per document, and the wall time the run")
    print(f"would need with the {cores} cores to itself = max(all CPU / {cores}, parent CPU, CPU of the busiest worker)")
    for mode, res in best.items():
        total = res["parent_cpu"] + res["workers_cpu"]
        n_proc = 1 if mode == "single" else args.workers
        bound = max(total / min(cores, n_proc + (0 if mode == "single" else 1)), res["parent_cpu"],
                    res["workers_cpu"] / n_proc if n_proc else 0)
        print(f"  {mode:8} {1000 * total / res['documents']:6.1f} ms CPU/doc (parent {1000 * res['parent_cpu'] / res['documents']:.1f})"
              f"  CPU-bound wall {bound:6.1f} s -> {res['documents'] / bound:5.1f} docs/s"
              + (f", {best['single']['parent_cpu'] / bound:.2f}x single" if "single" in best else ""))
    if "parquet" in best:
        p = best["parquet"]
        print(f"parquet: workers wrote the dataset in {p['seconds']:.1f} s; load_dataset stored {p['loaded']} documents "
              f"in {p['load_seconds']:.1f} s ({p['loaded'] / p['load_seconds']:.0f} docs/s)")
    failed = ", ".join(f"{m} {r['failed']}" for m, r in best.items())
    print(f"failed documents per mode: {failed}")


if __name__ == "__main__":
    main()

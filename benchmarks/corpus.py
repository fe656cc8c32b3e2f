"""Benchmark corpus: real news text from ../shared, read at run time (nothing is copied into the repo).

Sources, in this order: ``../shared/news/{muc4,rams,wikievents,case2021_task2}.jsonl`` (JSON Lines with
``id``, ``date``, ``text``) and the articles in ``../shared/articles/*.json``. Documents go through
eventwire's own readers (``eventwire.documents.read_inputs``), so text repair and datelines are as in
production. Also: a few helpers for memory and machine-load figures (stdlib only).
"""
from __future__ import annotations

import itertools
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = ("muc4", "rams", "wikievents", "case2021_task2")
SOURCES = tuple(SHARED / "news" / f"{name}.jsonl" for name in NEWS) + (SHARED / "articles",)


def source_name(path: Path) -> str:
    """Short label of a corpus source: ``muc4``, ``rams``, ``articles`` ..."""
    return path.stem if path.suffix else path.name


def check_sources() -> None:
    """Exit with a one-line message when ../shared is missing (benchmarks need the real text)."""
    missing = [str(p) for p in SOURCES if not p.exists()]
    if missing:
        sys.exit(f"error: benchmark corpus missing: {', '.join(missing)}; run from a checkout beside ../shared")


def read_documents(per_source: int | None = None, sources: tuple[Path, ...] = SOURCES) -> Iterator:
    """Documents (``eventwire.records.Document``; reader errors dropped) from each source in turn.

    per_source: at most this many documents from each source (None: all of them; 3,433 in total).
    Lazy: one document at a time.
    """
    from eventwire.documents import InputError, read_inputs

    for src in sources:
        docs = (d for d in read_inputs([str(src)]) if not isinstance(d, InputError))
        yield from itertools.islice(docs, per_source)


def interleaved(per_source: int | None, total: int | None = None) -> list:
    """Documents taken round-robin from the sources (so any prefix mixes wire copy, web text and
    snippets), at most ``per_source`` from each, at most ``total`` in all. RETURNS a list of Document."""
    streams = [read_documents(per_source, (src,)) for src in SOURCES]
    out = []
    for group in itertools.zip_longest(*streams):
        out.extend(d for d in group if d is not None)
    return out[:total] if total is not None else out


def words(texts) -> int:
    """Whitespace-separated words in the texts."""
    return sum(len(t.split()) for t in texts)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB of this process (RUSAGE_SELF) or of its largest waited-for child
    (RUSAGE_CHILDREN); Linux reports ru_maxrss in KiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def rss_mb(pid: int | None = None) -> float:
    """Current resident set size in MB of a process (default: this one), from /proc (Linux)."""
    with open(f"/proc/{pid or os.getpid()}/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def busy_share(seconds: float = 3.0) -> float:
    """Share of all cores busy over the next ``seconds`` (this process is idle meanwhile)."""
    start = _busy_seconds()
    time.sleep(seconds)
    return (_busy_seconds() - start) / (seconds * (os.cpu_count() or 1))


def wait_for_quiet(threshold: float = 0.15, max_wait: float = 900.0) -> float:
    """Wait (up to ``max_wait`` seconds) until other programs keep less than ``threshold`` of the cores busy,
    so a timing is not a measure of someone else's job. RETURNS the last busy share seen."""
    deadline = time.monotonic() + max_wait
    share = busy_share()
    while share >= threshold and time.monotonic() < deadline:
        share = busy_share(10.0)
    return share


def load_line() -> str:
    """Machine load for the record: cores, 1-minute load average (other jobs skew timings)."""
    return f"cores: {os.cpu_count()}  load average (1 min) at start: {os.getloadavg()[0]:.2f}"


def _busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (user, nice, system, irq, softirq, steal; /proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU seconds of this process and of its waited-for children (worker pools once shut down)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class Clock:
    """Wall and CPU time of a block: ``with Clock() as c: ...; c.wall, c.cpu`` (seconds); ``c.foreign``: CPU
    seconds that other programs on the machine used meanwhile (busy time minus this process tree's; worker
    processes count once they have been joined), the measure of how much other jobs skewed the timing."""

    def __enter__(self) -> "Clock":
        self._w, self._c = time.perf_counter(), time.process_time()
        self._busy, self._own = _busy_seconds(), _own_seconds()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = time.process_time() - self._c
        self.foreign = max(0.0, (_busy_seconds() - self._busy) - (_own_seconds() - self._own))

    def finish(self) -> None:
        """Recompute ``foreign`` now (after worker processes have been joined), keeping wall and cpu."""
        self.foreign = max(0.0, (_busy_seconds() - self._busy) - (_own_seconds() - self._own))

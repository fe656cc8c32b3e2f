"""Code documents in several worker processes on one machine, results in input order.

``ProcessPipeline(workers=N)`` is a drop-in for ``Pipeline`` wherever only ``code_many`` is used
(``eventwire.store.ingest_paths``, the CLI's ``ingest --workers N``)::

    from eventwire.parallel import ProcessPipeline
    from eventwire.store import Store, ingest_paths

    with ProcessPipeline(workers=2) as coder, Store("events.db") as store:
        for outcome in ingest_paths(store, ["news/"], pipeline=coder):
            print(outcome)

How it works: the parent reads the input stream and sends it to the workers in chunks of
``chunk_size`` items; each worker builds its ``Pipeline`` (spaCy model + gazetteer) once, in the pool's
initializer, and codes a chunk with ``Pipeline.code_many``. At most ``max_in_flight`` chunks are out at
any time and results are yielded strictly in input order, so memory stays bounded on any corpus size
and a store fed from this stream ends up identical to a single-process run.

Failures: a document whose coding raises becomes an ``InputError`` (as in ``Pipeline.code_many``);
a chunk whose worker process dies (segfault, out-of-memory kill) is re-coded one document per task
in a fresh pool, so only the document that kills a worker is lost, reported as an ``InputError``.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from eventwire.documents import InputError

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.records import Document, DocumentResult

Item = Any  # Document | InputError on the way in, DocumentResult | InputError on the way out
PipelineFactory = Callable[[], "Pipeline"]
"""A picklable callable without arguments that builds a ``Pipeline`` (called once per worker process)."""

WORKER_DIED = "worker process died while coding this document ({})"
"""Reason given to a document that kills its worker process (with the pool's error)."""


class WorkerSetupError(RuntimeError):
    """The worker processes could not build their pipeline (model missing, gazetteer unreadable...) or
    could not start at all; the message carries the worker's error."""


def default_factory(batch_size: int = 32) -> PipelineFactory:
    """The factory workers use unless given one: ``Pipeline(batch_size=batch_size)`` with the packaged
    spaCy model and the default gazetteer. RETURNS a picklable zero-argument callable."""
    return functools.partial(_build_pipeline, batch_size)


def _build_pipeline(batch_size: int) -> Pipeline:
    from eventwire.pipeline import Pipeline

    return Pipeline(batch_size=batch_size)


def code_chunk(pipeline: Pipeline, items: list[Item]) -> list[Item]:
    """Code one chunk with ``pipeline.code_many``; RETURNS one DocumentResult or InputError per item, in order.

    Never raises for a bad document: when ``code_many`` itself fails (say, inside the spaCy parse, where
    it cannot tell which document is at fault), the chunk is coded again one document at a time and
    only the failing document becomes ``InputError(origin, "coding failed: ...")``.
    """
    try:
        return list(pipeline.code_many(items))
    except Exception:  # noqa: BLE001 - isolate the document at fault below
        return [_code_one(pipeline, item) for item in items]


def _code_one(pipeline: Pipeline, item: Item) -> Item:
    if isinstance(item, InputError):
        return item
    try:
        return pipeline.code(item)
    except Exception as exc:  # noqa: BLE001 - one failing document must not stop the batch
        return InputError(item.origin, f"coding failed: {type(exc).__name__}: {exc}")


# Worker-process state: the pipeline is built once per process by the pool's initializer.
_WORKER_PIPELINE: Pipeline | None = None
_WORKER_SETUP_ERROR: str | None = None


def _init_worker(factory: PipelineFactory) -> None:
    global _WORKER_PIPELINE, _WORKER_SETUP_ERROR
    # Ctrl-C goes to the whole process group: the parent handles it and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER_PIPELINE = factory()
    except Exception as exc:  # noqa: BLE001 - reported to the parent by every task (WorkerSetupError)
        _WORKER_SETUP_ERROR = f"{type(exc).__name__}: {exc}"


def _worker_code(items: list[Item]) -> list[Item]:
    if _WORKER_PIPELINE is None:
        raise WorkerSetupError(f"worker could not build its pipeline: {_WORKER_SETUP_ERROR}")
    return code_chunk(_WORKER_PIPELINE, items)


def _ping(pause: float = 0.0) -> int:
    if _WORKER_PIPELINE is None:
        raise WorkerSetupError(f"worker could not build its pipeline: {_WORKER_SETUP_ERROR}")
    time.sleep(pause)  # lets the other workers take the other pings
    return os.getpid()


def proc_peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident memory in MB (``VmHWM`` in ``/proc/PID/status``) of a process (default: this one);
    None when it cannot be read (not Linux, or the process is gone)."""
    try:
        with open(f"/proc/{pid or os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        return None
    return None


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of ``size`` consecutive items (the last may be shorter); lazy, holds one list at a time."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class ProcessPipeline:
    """Codes documents in ``workers`` processes; a drop-in for ``Pipeline.code_many``.

    workers: number of worker processes (>= 1; default: ``os.cpu_count()``);
    factory: zero-argument picklable callable building each worker's ``Pipeline``
    (default: ``default_factory(batch_size)``);
    batch_size: documents per ``nlp.pipe`` batch inside a worker (used by the default factory);
    chunk_size: documents sent to a worker at once (default: ``batch_size``);
    max_in_flight: chunks submitted but not yet yielded (default: ``2 * workers + 1``); bounds memory
    to about ``max_in_flight * chunk_size`` documents and their results;
    start_method: multiprocessing start method (default ``forkserver`` where available, else ``spawn``;
    ``fork`` is not used: the parent may run threads, e.g. a progress bar).

    The pool starts on first use and is shut down by ``close()`` (or leaving a ``with`` block).
    Raises ValueError for workers < 1 or sizes < 1.
    """

    def __init__(self, workers: int | None = None, *, factory: PipelineFactory | None = None,
                 batch_size: int = 32, chunk_size: int | None = None, max_in_flight: int | None = None,
                 start_method: str | None = None):
        self.workers = workers or os.cpu_count() or 1
        if self.workers < 1:
            raise ValueError(f"workers must be 1 or more, got {workers}")
        self.batch_size = batch_size
        self.chunk_size = chunk_size or batch_size
        self.max_in_flight = max_in_flight or 2 * self.workers + 1
        if min(self.batch_size, self.chunk_size, self.max_in_flight) < 1:
            raise ValueError("batch_size, chunk_size and max_in_flight must be 1 or more")
        self.factory = factory or default_factory(batch_size)
        methods = multiprocessing.get_all_start_methods()
        self.start_method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self._pool: ProcessPoolExecutor | None = None

    # -- pool --------------------------------------------------------------------------------

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context(self.start_method),
                initializer=_init_worker, initargs=(self.factory,))
            try:  # fail fast, with the worker's reason, when workers cannot start or build a pipeline
                pool.submit(_ping).result()
            except BrokenProcessPool as exc:
                pool.shutdown(wait=True, cancel_futures=True)
                raise WorkerSetupError(
                    f"worker processes exited while starting ({exc}); a script that starts them must guard "
                    "its entry point with `if __name__ == '__main__':`") from exc
            except WorkerSetupError:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            self._pool = pool
        return self._pool

    def start(self) -> list[int]:
        """Start all worker processes now and wait until each has built its pipeline (they load in parallel;
        otherwise processes start one by one as chunks arrive). RETURNS their process ids. Raises
        ``WorkerSetupError`` with the worker's reason when they cannot."""
        pool = self._executor()
        seen: set[int] = set()
        deadline = time.monotonic() + 300
        # A ping answers only once its process has built the pipeline; pings that pause keep a ready
        # process busy so the others get theirs. No barrier across processes: retry until all answered.
        while len(seen) < self.workers and time.monotonic() < deadline:
            seen.update(f.result() for f in [pool.submit(_ping, 0.2) for _ in range(self.workers)])
        return sorted(seen)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        """Stop the worker processes (pending chunks are cancelled). Safe to call twice."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessPipeline:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def worker_peak_rss_mb(self) -> list[float]:
        """Peak resident memory in MB (``VmHWM``, Linux ``/proc``) of each live worker process, largest
        first. RETURNS an empty list when the pool has not started or ``/proc`` is not available."""
        if self._pool is None:
            return []
        return sorted((x for pid in list(self._pool._processes or {}) if (x := proc_peak_rss_mb(pid)) is not None),
                      reverse=True)

    # -- coding ------------------------------------------------------------------------------

    def code_many(self, items: Iterable[Document | InputError]) -> Iterator[DocumentResult | InputError]:
        """Code a stream of documents in the worker processes; yields one result per item, in input order.

        items: ``Document`` or ``InputError`` (passed through), e.g. from ``eventwire.documents.read_inputs``;
        read lazily, at most ``max_in_flight`` chunks ahead of what has been yielded.
        RETURNS an iterator of ``DocumentResult`` or ``InputError`` (coding failures and documents that
        killed a worker, named by origin). Stopping the iteration early cancels the pending chunks.
        """
        pending: deque[list[Any]] = deque()  # [chunk, future]
        try:
            for chunk in chunked(items, self.chunk_size):
                pending.append([chunk, self._submit(chunk)])
                while len(pending) >= self.max_in_flight:
                    yield from self._collect(pending)
            while pending:
                yield from self._collect(pending)
        except BaseException:
            self._restart()  # interrupted or closed early: drop what is still queued
            raise

    def _submit(self, chunk: list[Item]) -> Future:
        return self._executor().submit(_worker_code, chunk)

    def _collect(self, pending: deque[list[Any]]) -> list[Item]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except WorkerSetupError:
            raise
        except BrokenProcessPool:
            # A worker died: every queued future failed with it. Code the head chunk one document per
            # task (to find the culprit), then resubmit the rest to a fresh pool.
            self._restart()
            out = [self._isolated(item) for item in chunk]
            for entry in pending:
                entry[1] = self._submit(entry[0])
            return out
        except Exception:  # noqa: BLE001 - e.g. a result that cannot be pickled: isolate per document
            return [self._isolated(item) for item in chunk]

    def _isolated(self, item: Item) -> Item:
        if isinstance(item, InputError):
            return item
        try:
            return self._executor().submit(_worker_code, [item]).result()[0]
        except BrokenProcessPool as exc:
            self._restart()
            return InputError(item.origin, WORKER_DIED.format(exc))
        except WorkerSetupError:
            raise
        except Exception as exc:  # noqa: BLE001
            return InputError(item.origin, f"coding failed: {type(exc).__name__}: {exc}")

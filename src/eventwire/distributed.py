"""Code documents on a Dask cluster: the same pipeline on every worker, results in input order.

``DaskPipeline("tcp://scheduler:8786")`` (or ``"local"`` for a ``LocalCluster`` on this machine) is a
drop-in for ``Pipeline`` wherever only ``code_many`` is used, and can also have the workers write a
partitioned Parquet dataset themselves (``write_parquet``), which ``eventwire load DIR`` stores::

    from eventwire.distributed import DaskPipeline

    with DaskPipeline("local", workers=2) as coder:
        for outcome in coder.write_parquet(read_inputs(["news/"]), "out/"):
            ...

How it works: the client reads the input stream and submits it in partitions of ``partition_size`` items
(at most ``max_in_flight`` partitions out at once, so memory stays bounded). Each worker process builds
one ``Pipeline`` (spaCy model + gazetteer) on first use, kept in a module-level cache keyed by the
factory's token, and codes a partition with ``Pipeline.code_many``; ``start()`` builds them on all workers
up front. Input files are read by the client only: workers need eventwire, the model and the gazetteer,
not the corpus. For ``write_parquet`` on a remote cluster, the output directory must be on storage the
workers share.

Failures: a document whose coding raises becomes an ``InputError`` (never the whole partition); a
partition whose task fails anyway (its worker died, say) is re-run one document per task, so only the
document at fault is lost, reported with its origin. Needs ``pip install 'eventwire[dask]'``.
"""
from __future__ import annotations

import os
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.documents import InputError
from eventwire.parallel import (
    PipelineFactory, WorkerSetupError, chunked, code_chunk, default_factory, proc_peak_rss_mb,
)
from eventwire.store.ingest import IngestOutcome

if TYPE_CHECKING:
    from distributed import Client

    from eventwire.pipeline import Pipeline
    from eventwire.records import Document, DocumentResult

LOCAL = "local"
"""Address meaning: start a LocalCluster on this machine (processes, one thread each)."""


class DaskUnavailable(RuntimeError):
    """Dask or its scheduler cannot be used: not installed, or the scheduler cannot be reached."""


# --------------------------------------------------------------------------------------------
# worker side: one pipeline per worker process

_PIPELINES: dict[str, Pipeline] = {}
_LOCK = threading.Lock()  # a worker with several threads builds and uses its pipeline one task at a time


def _worker_pipeline(token: str, factory: PipelineFactory) -> Pipeline:
    pipeline = _PIPELINES.get(token)
    if pipeline is None:
        try:
            pipeline = factory()
        except Exception as exc:  # noqa: BLE001 - reported to the client as a setup error
            raise WorkerSetupError(f"worker could not build its pipeline: {type(exc).__name__}: {exc}") from exc
        _PIPELINES[token] = pipeline
    return pipeline


def _warm(token: str, factory: PipelineFactory) -> int:
    with _LOCK:
        _worker_pipeline(token, factory)
    return os.getpid()


def _code_partition(token: str, factory: PipelineFactory, items: list[Any]) -> list[Any]:
    with _LOCK:
        return code_chunk(_worker_pipeline(token, factory), items)


def _write_partition(token: str, factory: PipelineFactory, items: list[Any], directory: str, index: int):
    from eventwire.parquet_io import write_partition

    coded = _code_partition(token, factory, items)
    return write_partition(coded, directory, index)


def _peak_rss() -> float | None:
    return proc_peak_rss_mb()


# --------------------------------------------------------------------------------------------
# client side


class DaskPipeline:
    """Codes documents on a Dask cluster; a drop-in for ``Pipeline.code_many``.

    address: scheduler address (``tcp://host:8786``), ``"local"`` for a LocalCluster on this machine,
    or a connected ``distributed.Client``; workers: LocalCluster worker processes (default
    ``os.cpu_count()``; ignored for a remote scheduler); factory: zero-argument picklable callable building
    a worker's ``Pipeline`` (default ``eventwire.parallel.default_factory(batch_size)``); batch_size:
    documents per ``nlp.pipe`` batch; partition_size: documents per task (default 32); max_in_flight:
    partitions submitted but not yet yielded (default ``2 * worker threads + 1``).

    Raises DaskUnavailable when dask.distributed is not installed or the scheduler cannot be reached
    (on first use: the cluster is connected lazily).
    """

    def __init__(self, address: str | Client = LOCAL, *, workers: int | None = None,
                 factory: PipelineFactory | None = None, batch_size: int = 32, partition_size: int = 32,
                 max_in_flight: int | None = None, connect_timeout: float = 30.0):
        if partition_size < 1:
            raise ValueError(f"partition_size must be 1 or more, got {partition_size}")
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be 1 or more, got {workers}")
        self.address = address
        self.workers = workers
        self.factory = factory or default_factory(batch_size)
        self.partition_size = partition_size
        self._max_in_flight = max_in_flight
        self.connect_timeout = connect_timeout
        self._client: Client | None = address if not isinstance(address, str) else None
        self._own_client = self._client is None
        self._cluster = None
        self._token: str | None = None
        self._run = uuid.uuid4().hex[:12]
        self._submitted = 0

    # -- cluster -----------------------------------------------------------------------------

    @property
    def client(self) -> Client:
        """The ``distributed.Client`` (connected, or the LocalCluster started, on first use)."""
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError as exc:
                raise DaskUnavailable("Dask is not installed; install it with: pip install 'eventwire[dask]'") from exc
            if self.address == LOCAL:
                self._cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, dashboard_address=":0")
                self._client = Client(self._cluster)
            else:
                try:
                    self._client = Client(self.address, timeout=self.connect_timeout)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise DaskUnavailable(f"cannot reach the Dask scheduler at {self.address} ({exc}); check the "
                                          "address (tcp://HOST:8786) and that the scheduler runs, or use --dask local") from exc
        return self._client

    @property
    def token(self) -> str:
        """Identifies the factory on the workers (pipelines are cached per token in each worker process)."""
        if self._token is None:
            from dask.base import tokenize

            self._token = "eventwire-pipeline-" + tokenize(self.factory)
        return self._token

    def start(self) -> dict[str, int]:
        """Build the pipeline on every current worker now (in parallel) instead of on each one's first task.

        RETURNS {worker address: process id}. Raises WorkerSetupError with a worker's reason when it
        cannot build the pipeline, DaskUnavailable when the cluster cannot be reached.
        """
        return self.client.run(_warm, self.token, self.factory)

    @property
    def max_in_flight(self) -> int:
        if self._max_in_flight:
            return self._max_in_flight
        threads = sum(self.client.nthreads().values()) or 1
        return 2 * threads + 1

    def worker_peak_rss_mb(self) -> dict[str, float | None]:
        """Peak resident memory in MB (Linux ``VmHWM``) of each worker process: {worker address: MB}."""
        return self.client.run(_peak_rss)

    def close(self) -> None:
        """Disconnect; a LocalCluster started here is shut down. Safe to call twice."""
        if self._own_client and self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskPipeline:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- coding ------------------------------------------------------------------------------

    def _key(self, kind: str) -> str:
        self._submitted += 1
        return f"eventwire-{kind}-{self._run}-{self._submitted}"

    def code_many(self, items: Iterable[Document | InputError]) -> Iterator[DocumentResult | InputError]:
        """Code a stream of documents on the cluster; yields one result per item, in input order.

        items: ``Document`` or ``InputError`` (passed through), read lazily, at most ``max_in_flight``
        partitions ahead of what has been yielded. RETURNS an iterator of ``DocumentResult`` or
        ``InputError``. Raises WorkerSetupError when the workers cannot build the pipeline.
        """
        client, token, factory = self.client, self.token, self.factory
        pending: deque[tuple[list[Any], Any]] = deque()
        limit = self.max_in_flight
        try:
            for chunk in chunked(items, self.partition_size):
                pending.append((chunk, client.submit(_code_partition, token, factory, chunk,
                                                     key=self._key("code"), pure=False)))
                while len(pending) >= limit:
                    yield from self._result(*pending.popleft())
            while pending:
                yield from self._result(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()

    def _result(self, chunk: list[Any], future: Any) -> list[Any]:
        try:
            return future.result()
        except WorkerSetupError:
            raise
        except Exception:  # noqa: BLE001 - the partition's task failed (e.g. its worker died): isolate per document
            return [self._isolated(item) for item in chunk]

    def _isolated(self, item: Any) -> Any:
        if isinstance(item, InputError):
            return item
        future = self.client.submit(_code_partition, self.token, self.factory, [item], key=self._key("one"),
                                    pure=False)
        try:
            return future.result()[0]
        except WorkerSetupError:
            raise
        except Exception as exc:  # noqa: BLE001
            return InputError(item.origin, f"coding failed on the Dask worker: {type(exc).__name__}: {exc}")

    def write_parquet(self, items: Iterable[Document | InputError], directory: str | os.PathLike[str]
                      ) -> Iterator[IngestOutcome]:
        """Code a stream of documents on the cluster and have each worker write its partition of a new
        Parquet dataset at ``directory`` (see ``eventwire.parquet_io``; must be shared storage for a
        remote cluster). RETURNS an iterator of outcomes (``written`` or ``failed``), one per item, in input
        order. Raises DatasetError when ``directory`` exists and is not empty.
        """
        from eventwire.parquet_io import init_dataset, write_partition

        path = str(init_dataset(directory).resolve())
        client, token, factory = self.client, self.token, self.factory
        pending: deque[tuple[int, list[Any], Any]] = deque()
        limit = self.max_in_flight
        try:
            for index, chunk in enumerate(chunked(items, self.partition_size)):
                pending.append((index, chunk, client.submit(_write_partition, token, factory, chunk, path, index,
                                                            key=self._key("parquet"), pure=False)))
                while len(pending) >= limit:
                    yield from self._written(*pending.popleft(), write_partition, path)
            while pending:
                yield from self._written(*pending.popleft(), write_partition, path)
        finally:
            for *_, future in pending:
                future.cancel()

    def _written(self, index: int, chunk: list[Any], future: Any, write_partition, path: str) -> list[IngestOutcome]:
        try:
            return future.result().outcomes
        except WorkerSetupError:
            raise
        except Exception:  # noqa: BLE001 - code per document on the cluster, write the partition here
            return write_partition([self._isolated(item) for item in chunk], Path(path), index).outcomes

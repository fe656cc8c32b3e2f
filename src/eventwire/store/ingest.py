"""Batch ingest: read inputs, code them, store each document in its own transaction.

Library functions yield one ``IngestOutcome`` per input document and never exit or print;
the CLI turns outcomes into a progress bar, error lines and a summary.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.records import DocumentResult
from eventwire.store.repository import Store, StoreError

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

STATUSES = ("ingested", "skipped", "failed")


@dataclass
class IngestOutcome:
    """What happened to one input document.

    origin: where it came from (path, ``path:line``); status: ingested | skipped (same text already
    stored) | failed; document_id: the document's id when known; error: the reason when failed.
    ``str()`` of a failed outcome is the user-facing "origin: reason".
    """

    origin: str
    status: str
    document_id: str | None = None
    error: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.error}" if self.error else f"{self.origin}: {self.status}"


def store_results(store: Store, items: Iterable[Any], *, organisation: str = "local",
                  tlp: str = "CLEAR") -> Iterator[IngestOutcome]:
    """Store a stream of ``DocumentResult``s; input errors in the stream become failed outcomes.

    items: DocumentResult or InputError (anything with ``origin`` and ``reason``), e.g. from
    ``Pipeline.code_many``. A document that cannot be stored is a failed outcome and the batch goes on;
    documents stored before it stay stored. RETURNS an iterator of outcomes, one per item, in order.
    """
    for item in items:
        if not isinstance(item, DocumentResult):
            origin = getattr(item, "origin", None) or "<input>"
            yield IngestOutcome(str(origin), "failed", error=str(getattr(item, "reason", None) or item))
            continue
        doc = item.document
        with _interrupt_deferred() as interrupted:
            try:
                stored = store.add(item, organisation=organisation, tlp=tlp)
                outcome = IngestOutcome(doc.origin, "ingested" if stored else "skipped", doc.id)
            except StoreError as exc:
                outcome = IngestOutcome(doc.origin, "failed", doc.id, str(exc))
        yield outcome
        if interrupted:
            raise KeyboardInterrupt  # Ctrl-C while storing: after the stored document has been reported


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[list[bool]]:
    """Hold Ctrl-C (SIGINT) back while one document is stored, so a document that is committed is also
    reported; yields a list that is non-empty when an interrupt came meanwhile. A no-op off the main
    thread, where signal handlers cannot be set."""
    hits: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield hits
        return
    previous = signal.signal(signal.SIGINT, lambda *_: hits.append(True))
    try:
        yield hits
    finally:
        signal.signal(signal.SIGINT, previous)


def ingest_paths(store: Store, paths: Sequence[str | Path], *, published: dt.date | None = None,
                 pipeline: Pipeline | None = None, batch_size: int = 32, max_bytes: int | None = None,
                 organisation: str = "local", tlp: str = "CLEAR") -> Iterator[IngestOutcome]:
    """Read, code and store every document under ``paths`` (files, directories, JSONL, HTML, ``-``).

    published: publication date for inputs that do not carry one; pipeline: a ready ``Pipeline``
    (default: one is built, with ``batch_size``); max_bytes: size limit of one document (default: the
    reader's, 50 MB). Documents whose text is already stored are skipped
    before coding. RETURNS an iterator of outcomes, one per input document (skips may come a little
    earlier than their input position, since coding runs in batches).
    """
    from eventwire.documents import read_inputs
    from eventwire.records import Document

    if pipeline is None:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline(batch_size=batch_size)
    skipped: list[IngestOutcome] = []
    limits = {} if max_bytes is None else {"max_bytes": max_bytes}

    def fresh() -> Iterator[Any]:
        for item in read_inputs([str(p) for p in paths], published=published, **limits):
            if isinstance(item, Document) and store.contains_text(item.text):
                skipped.append(IngestOutcome(item.origin, "skipped", item.id))
                continue
            yield item

    for outcome in store_results(store, pipeline.code_many(fresh()), organisation=organisation, tlp=tlp):
        yield from _drain(skipped)
        yield outcome
    yield from _drain(skipped)


def _drain(pending: list[IngestOutcome]) -> Iterator[IngestOutcome]:
    while pending:
        yield pending.pop(0)

"""The multiprocessing runner (``eventwire.parallel``): same records as one process, in input order, bounded
reading ahead, failures isolated to the document at fault; and ``eventwire ingest --workers``.

The corpus is a dozen real documents from ../shared/news and ../shared/articles (read at run time),
plus a malformed line and a repeated document, so statuses (failed, skipped) are compared too.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.documents import InputError, read_inputs
from eventwire.parallel import ProcessPipeline, WorkerSetupError, chunked
from eventwire.pipeline import Pipeline
from eventwire.records import DocumentResult
from eventwire.store import Store, ingest_paths
from eventwire.store.schema import RECORD_TABLES, documents

from conftest import SHARED
KILLER_ID = "kill-the-worker"


def small_corpus(directory: Path) -> Path:
    """A JSON Lines corpus of 12 real documents (RAMS, MUC-4, CASE 2021, WikiEvents, two articles), then a
    malformed line and the first document again. RETURNS its path."""
    picks = [("news/rams.jsonl", 4), ("news/muc4.jsonl", 3), ("news/case2021_task2.jsonl", 2),
             ("news/wikievents.jsonl", 1)]
    lines: list[str] = []
    for rel, n in picks:
        path = SHARED / rel
        assert path.exists(), f"shared test data missing: {path}"
        with path.open(encoding="utf-8") as fh:
            lines.extend(next(fh).rstrip("\n") for _ in range(n))
    for name in ("001.json", "005.json"):
        path = SHARED / "articles" / name
        assert path.exists(), f"shared test data missing: {path}"
        record = json.loads(path.read_text(encoding="utf-8"))
        lines.append(json.dumps({"id": f"article-{name}", **record}, ensure_ascii=False))
    lines.append('{"id": "broken", "text": ')
    lines.append(lines[0])
    out = directory / "corpus.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def table_rows(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table in insertion order, without the autoincrement key and ingest time."""
    out = {}
    with store.engine.connect() as conn:
        for name, table in (("documents", documents), *RECORD_TABLES.items()):
            cols = [c for c in table.columns if c.name not in ("pk", "ingested_at")]
            order = table.c.pk if "pk" in table.c else sa.literal_column("rowid")
            out[name] = [tuple(r) for r in conn.execute(sa.select(*cols).order_by(order))]
    return out


def event_tuples(store: Store) -> list[tuple]:
    """(document, ordinal, type, mode, modality, CAMEO, source code, target code, location, date) per event."""
    e = RECORD_TABLES["events"]
    cols = (e.c.document_id, e.c.ordinal, e.c.plover_type, e.c.plover_mode, e.c.modality, e.c.cameo_code,
            e.c.source_code, e.c.target_code, e.c.location_geonameid, e.c.date_start, e.c.evidence)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(*cols).order_by(e.c.pk))]


def origin_of(item) -> str:
    return item.document.origin if isinstance(item, DocumentResult) else item.origin


# Factories for worker processes (module level, so the workers can import them by name).

class KillingPipeline(Pipeline):
    """Exits its process, as a segfault or an out-of-memory kill would, on the document KILLER_ID."""

    def _code_parsed(self, document, sdoc):
        if document.id == KILLER_ID:
            os._exit(3)
        return super()._code_parsed(document, sdoc)


def killing_factory() -> Pipeline:
    return KillingPipeline(batch_size=4)


def broken_factory() -> Pipeline:
    raise FileNotFoundError("gazetteer.sqlite is gone")


class EchoPipeline:
    """No model: turns every document into an InputError naming it (for tests of the plumbing)."""

    def code_many(self, items):
        for item in items:
            yield item if isinstance(item, InputError) else InputError(item.origin, "echo")


def echo_factory() -> EchoPipeline:
    return EchoPipeline()


@pytest.fixture(scope="module")
def workers():
    with ProcessPipeline(2, chunk_size=3, batch_size=4) as coder:
        yield coder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return small_corpus(tmp_path_factory.mktemp("corpus"))


def test_two_workers_give_the_single_process_results_in_input_order(workers, pipeline, corpus):
    items = list(read_inputs([str(corpus)]))
    assert len(items) == 14 and isinstance(items[12], InputError)
    single = list(pipeline.code_many(items))
    parallel = list(workers.code_many(iter(items)))
    assert [origin_of(x) for x in parallel] == [origin_of(x) for x in items]
    assert [type(x) for x in parallel] == [type(x) for x in single]
    coded = [(s.to_dict(), p.to_dict()) for s, p in zip(single, parallel) if isinstance(s, DocumentResult)]
    assert len(coded) == 13
    assert sum(len(s["events"]) for s, _ in coded) >= 10  # the comparison below is not vacuous
    for s, p in coded:
        assert p == s, s["document"]["origin"]
    assert str(parallel[12]).startswith(f"{corpus}:13: malformed JSON")
    peaks = workers.worker_peak_rss_mb()
    assert len(peaks) == 2 and all(100 < mb < 1500 for mb in peaks)


def test_ingest_with_workers_stores_the_same_rows(workers, pipeline, corpus, tmp_path):
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        single = [(o.origin, o.status) for o in ingest_paths(one, [corpus], pipeline=pipeline)]
        parallel = [(o.origin, o.status) for o in ingest_paths(two, [corpus], pipeline=workers)]
        assert parallel == single
        assert [s for _, s in single].count("skipped") == 1 and [s for _, s in single].count("failed") == 1
        events = event_tuples(one)
        assert len(events) >= 10 and any(e[6] for e in events)
        assert event_tuples(two) == events
        assert table_rows(two) == table_rows(one)


def test_cli_ingest_workers_matches_single_process(corpus, tmp_path):
    runner = CliRunner()
    one = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "one.db")])
    two = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "two.db"), "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the malformed line
    assert two.stdout == one.stdout == "ingested 12, skipped 1 already stored, failed 1\n"
    assert two.stderr == one.stderr
    assert two.stderr.startswith(f"error: {corpus}:13: malformed JSON")
    with Store(tmp_path / "one.db") as a, Store(tmp_path / "two.db") as b:
        assert event_tuples(b) == event_tuples(a)
        assert table_rows(b) == table_rows(a)


def test_a_document_that_kills_its_worker_is_reported_and_the_others_kept(corpus, pipeline):
    items = list(read_inputs([str(corpus)]))[:8]
    items[5].id = KILLER_ID
    with ProcessPipeline(2, factory=killing_factory, chunk_size=3) as coder:
        out = list(coder.code_many(items))
    assert [origin_of(x) for x in out] == [origin_of(x) for x in items]
    failed = [x for x in out if isinstance(x, InputError)]
    assert [x.origin for x in failed] == [items[5].origin]
    assert failed[0].reason.startswith("worker process died while coding this document")
    expected = {x.document.id: x.to_dict() for x in pipeline.code_many(items[:5] + items[6:])}
    assert {x.document.id: x.to_dict() for x in out if isinstance(x, DocumentResult)} == expected


def test_worker_that_cannot_build_its_pipeline_is_one_error():
    with ProcessPipeline(2, factory=broken_factory) as coder, pytest.raises(WorkerSetupError) as err:
        list(coder.code_many([InputError("x", "y")]))
    assert str(err.value) == "worker could not build its pipeline: FileNotFoundError: gazetteer.sqlite is gone"


def test_input_is_read_a_bounded_number_of_chunks_ahead():
    pulled = []

    def stream():
        for i in range(10_000):
            pulled.append(i)
            yield InputError(f"doc-{i}", "not read")

    with ProcessPipeline(2, factory=echo_factory, chunk_size=10, max_in_flight=4) as coder:
        out = coder.code_many(stream())
        first = [next(out) for _ in range(25)]
        assert [x.origin for x in first] == [f"doc-{i}" for i in range(25)]
        # two chunks fully yielded, then at most max_in_flight chunks read but not fully yielded
        assert len(pulled) <= 2 * 10 + 4 * 10
        rest = list(out)
    assert len(rest) == 10_000 - 25 and rest[-1].origin == "doc-9999"


def test_chunked_keeps_order_and_remainder():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        ProcessPipeline(-1)
    with pytest.raises(ValueError, match="must be 1 or more"):
        ProcessPipeline(2, chunk_size=0, batch_size=0)

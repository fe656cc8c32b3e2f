"""The Dask runner (``eventwire.distributed``) on a LocalCluster of 2 worker processes (one thread each):
record for record the single-process output, into the store or through a Parquet dataset and
``eventwire load``; a failing document is reported and skipped without losing its partition.

The corpus is the small real corpus of test_parallel (12 documents, a malformed line, a repeat).
"""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.distributed import DaskPipeline
from eventwire.documents import InputError, read_inputs
from eventwire.parallel import WorkerSetupError
from eventwire.parquet_io import DatasetError, export_errors, load_dataset, partitions
from eventwire.pipeline import Pipeline
from eventwire.records import DocumentResult
from eventwire.store import Store, ingest_paths
from test_parallel import broken_factory, event_tuples, origin_of, small_corpus, table_rows

BAD_ID = "the-bad-one"


class FailingPipeline(Pipeline):
    """Fails like a parser crash: ``code_many`` raises for any batch holding BAD_ID, and coding BAD_ID alone
    raises too, so only a per-document retry can save the rest of the partition."""

    def code_many(self, items):
        items = list(items)
        if len(items) > 1 and any(getattr(i, "id", None) == BAD_ID for i in items):
            raise RuntimeError("parser crashed on this batch")
        yield from super().code_many(items)

    def _code_parsed(self, document, sdoc):
        if document.id == BAD_ID:
            raise RuntimeError("cannot code this document")
        return super()._code_parsed(document, sdoc)


def failing_factory() -> Pipeline:
    return FailingPipeline(batch_size=4)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def dask_coder(client):
    coder = DaskPipeline(client, partition_size=4)
    assert len(coder.start()) == 2  # the pipeline is built once on each worker
    yield coder
    coder.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return small_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus, pipeline):
    """The single-process ingest of the corpus: (outcomes, store path)."""
    path = tmp_path_factory.mktemp("reference") / "single.db"
    with Store(path) as store:
        outcomes = [(o.origin, o.status) for o in ingest_paths(store, [corpus], pipeline=pipeline)]
    return outcomes, path


def test_dask_codes_like_a_single_process_in_input_order(dask_coder, pipeline, corpus):
    items = list(read_inputs([str(corpus)]))
    single = list(pipeline.code_many(items))
    out = list(dask_coder.code_many(items))
    assert [origin_of(x) for x in out] == [origin_of(x) for x in items]
    pairs = [(s.to_dict(), d.to_dict()) for s, d in zip(single, out) if isinstance(s, DocumentResult)]
    assert len(pairs) == 13 and sum(len(s["events"]) for s, _ in pairs) >= 10
    for s, d in pairs:
        assert d == s, s["document"]["origin"]
    peaks = dask_coder.worker_peak_rss_mb()
    assert len(peaks) == 2 and all(100 < mb < 1500 for mb in peaks.values())


def test_dask_ingest_and_parquet_load_store_the_same_records(dask_coder, reference, corpus, tmp_path):
    outcomes, single_path = reference
    with Store(single_path) as single, Store(tmp_path / "dask.db") as direct, Store(tmp_path / "loaded.db") as loaded:
        assert [(o.origin, o.status) for o in ingest_paths(direct, [corpus], pipeline=dask_coder)] == outcomes
        written = list(dask_coder.write_parquet(read_inputs([str(corpus)]), tmp_path / "out"))
        assert [o.status for o in written] == ["written"] * 12 + ["failed", "written"]
        assert partitions(tmp_path / "out") == [0, 1, 2, 3]
        statuses = [o.status for o in load_dataset(loaded, tmp_path / "out")]
        assert statuses == ["ingested"] * 12 + ["skipped"]  # the repeated document, as in the direct ingest
        expected = event_tuples(single)
        assert len(expected) >= 10 and sum(1 for e in expected if e[6] and e[7]) >= 3
        assert event_tuples(direct) == expected
        assert event_tuples(loaded) == expected
        assert table_rows(direct) == table_rows(single)
        assert table_rows(loaded) == table_rows(single)
    events = pq.read_table(tmp_path / "out" / "events").to_pylist()
    # the dataset holds every coded document, the repeat of the first one too (load skips it)
    repeat = [e for e in expected if e[0] == expected[0][0]]
    assert [(e["document_id"], e["ordinal"], e["plover_type"], e["source_code"], e["target_code"]) for e in events] \
        == [(e[0], e[1], e[2], e[6], e[7]) for e in expected + repeat]
    assert json.loads(events[0]["record"])["plover_type"] == events[0]["plover_type"]
    errors = export_errors(tmp_path / "out")
    assert [(e["partition"], e["position"], e["origin"]) for e in errors] == [(3, 0, f"{corpus}:13")]
    assert errors[0]["error"].startswith("malformed JSON")
    with pytest.raises(DatasetError, match="exists and is not an empty directory"):
        list(dask_coder.write_parquet(read_inputs([str(corpus)]), tmp_path / "out"))


def test_failing_document_is_reported_and_its_partition_kept(client, pipeline, corpus, tmp_path):
    items = [x for x in read_inputs([str(corpus)]) if not isinstance(x, InputError)][:8]
    items[5].id = BAD_ID  # partition 1 holds items 4-7
    with DaskPipeline(client, factory=failing_factory, partition_size=4) as coder:
        out = list(coder.code_many(items))
        written = list(coder.write_parquet(items, tmp_path / "out"))
    assert [origin_of(x) for x in out] == [origin_of(x) for x in items]
    failed = [x for x in out if isinstance(x, InputError)]
    assert [(x.origin, x.reason) for x in failed] == [
        (items[5].origin, "coding failed: RuntimeError: cannot code this document")]
    expected = {x.document.id: x.to_dict() for x in pipeline.code_many(items[:5] + items[6:])}
    assert {x.document.id: x.to_dict() for x in out if isinstance(x, DocumentResult)} == expected
    assert [o.status for o in written] == ["written"] * 5 + ["failed"] + ["written"] * 2
    assert [(e["partition"], e["position"]) for e in export_errors(tmp_path / "out")] == [(1, 1)]
    with Store(tmp_path / "loaded.db") as store:
        assert [o.status for o in load_dataset(store, tmp_path / "out")] == ["ingested"] * 7
        assert store.count() == 7


def test_workers_that_cannot_build_the_pipeline_fail_with_their_reason(client):
    with DaskPipeline(client, factory=broken_factory) as coder, pytest.raises(WorkerSetupError) as err:
        coder.start()
    assert str(err.value) == "worker could not build its pipeline: FileNotFoundError: gazetteer.sqlite is gone"


def test_cli_dask_local_parquet_then_load_equals_single_process(reference, corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(corpus), "--dask", "local", "--workers", "2", "--out", "parquet", str(out)])
    assert result.exit_code == 1, result.output  # the malformed line
    assert result.stdout == f"wrote 13 documents to {out}, failed 1\n"
    assert result.stderr.startswith(f"error: {corpus}:13: malformed JSON")
    result = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "loaded.db")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ingested 12, skipped 1 already stored, failed 0 (1 inputs had failed before the export)\n"
    with Store(reference[1]) as single, Store(tmp_path / "loaded.db") as loaded:
        assert event_tuples(loaded) == event_tuples(single)
        assert table_rows(loaded) == table_rows(single)


def test_cli_load_refuses_a_directory_that_is_not_a_dataset(tmp_path):
    result = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path}: not an eventwire Parquet dataset (no _eventwire.json); give the "
                             "directory written by eventwire ingest --out parquet DIR\n")


def test_parquet_round_trip_keeps_repeats_and_id_clashes_apart(tmp_path):
    """One partition holding a document, its exact repeat and another text under the same id: loading gives
    what direct ``Store.add`` calls give (stored, skipped, refused), record for record."""
    from eventwire.parquet_io import write_dataset
    from test_store import juarez_result, mullen_result

    clash = juarez_result()
    clash.document.id = mullen_result().document.id
    items = [mullen_result(), mullen_result(), clash, juarez_result()]
    with Store(tmp_path / "direct.db") as direct:
        direct_status = []
        for r in items:
            try:
                direct_status.append("ingested" if direct.add(r) else "skipped")
            except Exception:  # noqa: BLE001 - StoreError: id taken by another text
                direct_status.append("failed")
        written = list(write_dataset(items, tmp_path / "out", partition_size=8))
        assert [o.status for o in written] == ["written"] * 4
        with Store(tmp_path / "loaded.db") as loaded:
            outcomes = list(load_dataset(loaded, tmp_path / "out"))
            assert [o.status for o in outcomes] == direct_status == ["ingested", "skipped", "failed", "ingested"]
            assert "already stored with a different text" in outcomes[2].error
            assert len(event_tuples(direct)) == len(mullen_result().events) + len(juarez_result().events) > 0
            assert event_tuples(loaded) == event_tuples(direct)
            assert table_rows(loaded) == table_rows(direct)

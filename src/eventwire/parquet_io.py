"""Coded documents as a partitioned Parquet dataset, and loading such a dataset into a store.

Layout of a dataset directory (one file per table per partition; partition numbers follow input order)::

    DIR/_eventwire.json                      format marker: {"format": "eventwire-parquet", "version": 1, ...}
    DIR/documents/part-000000.parquet        one row per coded document
    DIR/events/part-000000.parquet           one row per record, with the document's id
    DIR/actors/ places/ quotes/ figures/     likewise
    DIR/errors/part-000000.parquet           inputs that failed: position in the partition, origin, error

Columns: ``position`` (the input item's index within its partition: it ties record rows to their
document row even when a partition holds the same document twice), then the store's columns
(``eventwire.store.schema``; ``pk``, ``organisation``, ``tlp`` and ``ingested_at`` left out) with the
same values ``Store.add`` writes: flat fields for filtering plus a ``record`` column holding the record
in the output contract as JSON text (for documents: the contract's ``document`` object). Dates are Parquet ``date32``, JSON columns UTF-8 strings. Any Parquet reader
(pyarrow, DuckDB, pandas, Spark) can read the tables directly; ``load_dataset`` stores them.

A partition's ``documents`` file is written last, each file through a temporary name and an atomic rename,
so a partition is complete exactly when its documents file exists; ``load_dataset`` ignores partial ones.
Needs ``pyarrow`` (``pip install 'eventwire[parquet]'``, included in ``eventwire[dask]``).
"""
from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire import __version__
from eventwire.records import DocumentResult
from eventwire.store.ingest import IngestOutcome
from eventwire.store.repository import StoreError, document_rows
from eventwire.store.schema import RECORD_TABLES, SCHEMA_VERSION, documents

if TYPE_CHECKING:
    import pyarrow as pa

    from eventwire.store import Store

FORMAT = "eventwire-parquet"
FORMAT_VERSION = 1
MARKER = "_eventwire.json"
TABLES = ("documents", "events", "actors", "places", "quotes", "figures")
"""Tables of a dataset with coded records, in the order ``documents`` first (written last)."""
ERRORS = "errors"
SKIPPED_COLUMNS = frozenset({"pk", "organisation", "tlp", "ingested_at"})
SQL_TABLES: dict[str, sa.Table] = {"documents": documents, **RECORD_TABLES}


class DatasetError(Exception):
    """A directory that is not an eventwire Parquet dataset, or one that cannot be written or read."""


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise DatasetError("Parquet output needs pyarrow; install it with: pip install 'eventwire[parquet]'") from exc
    return pa, pq


def _arrow_type(column: sa.Column):
    pa, _ = _pyarrow()
    t = column.type
    if isinstance(t, sa.JSON):
        return pa.string()
    if isinstance(t, sa.Boolean):
        return pa.bool_()
    if isinstance(t, sa.Integer):
        return pa.int64()
    if isinstance(t, sa.Float):
        return pa.float64()
    if isinstance(t, sa.Date) and not isinstance(t, sa.DateTime):
        return pa.date32()
    if isinstance(t, sa.String):
        return pa.string()
    raise TypeError(f"no Parquet type for column {column.table.name}.{column.name} ({t!r})")


def json_columns(name: str) -> frozenset[str]:
    """Columns of table ``name`` stored as JSON text in Parquet (``record`` and the store's JSON columns)."""
    if name == ERRORS:
        return frozenset()
    return frozenset(c.name for c in SQL_TABLES[name].columns if isinstance(c.type, sa.JSON)) | {"record"}


def arrow_schema(name: str) -> pa.Schema:
    """The Parquet schema of table ``name`` (one of ``TABLES`` or ``"errors"``): ``position``, then the
    store's columns in the store's order without pk/organisation/tlp/ingested_at, plus ``record`` for
    documents."""
    pa, _ = _pyarrow()
    position = pa.field("position", pa.int64(), nullable=False)
    if name == ERRORS:
        return pa.schema([position, ("origin", pa.string()), ("error", pa.string())])
    table = SQL_TABLES[name]
    fields = [position] + [pa.field(c.name, _arrow_type(c), nullable=not (c.primary_key or c.nullable is False))
                           for c in table.columns if c.name not in SKIPPED_COLUMNS]
    if name == "documents":
        fields.append(pa.field("record", pa.string(), nullable=False))
    return pa.schema(fields)


# --------------------------------------------------------------------------------------------
# writing


@dataclass
class PartitionSummary:
    """What was written for one partition: its number, one ``IngestOutcome`` per input item in order
    (status ``written`` or ``failed``), and the number of rows per table."""

    index: int
    outcomes: list[IngestOutcome] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def check_new_dataset(directory: str | os.PathLike[str]) -> Path:
    """RETURN ``directory`` as a path after checking it can become a new dataset: it does not exist or is an
    empty directory. Raises DatasetError otherwise (a second run into it would mix partitions)."""
    path = Path(directory)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise DatasetError(f"{path}: exists and is not an empty directory; choose a new output directory "
                           "or delete this one")
    return path


def init_dataset(directory: str | os.PathLike[str]) -> Path:
    """Create ``directory`` as a new, empty dataset (with its format marker) and RETURN its path.

    Raises DatasetError when it exists and is not empty, or cannot be created.
    """
    path = check_new_dataset(directory)
    try:
        for name in (*TABLES, ERRORS):
            (path / name).mkdir(parents=True, exist_ok=True)
        marker = {"format": FORMAT, "version": FORMAT_VERSION, "store_schema_version": SCHEMA_VERSION,
                  "eventwire": __version__, "tables": [*TABLES, ERRORS]}
        (path / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise DatasetError(f"{path}: cannot create the output directory ({exc.strerror or exc})") from exc
    return path


def _part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def write_partition(items: list[Any], directory: str | os.PathLike[str], index: int) -> PartitionSummary:
    """Write one partition of coded items to the dataset at ``directory`` and RETURN its summary.

    items: ``DocumentResult`` or anything with ``origin`` and ``reason`` (``InputError``), in input order;
    index: the partition number (file ``part-{index:06d}.parquet`` in every table folder; writing the same
    index again replaces it, so a retried task is harmless). Failed items and documents whose rows
    cannot be built go to the ``errors`` table. Raises DatasetError when a file cannot be written.
    """
    pa, pq = _pyarrow()
    path = Path(directory)
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (*TABLES, ERRORS)}
    summary = PartitionSummary(index)
    for position, item in enumerate(items):
        if not isinstance(item, DocumentResult):
            origin = str(getattr(item, "origin", None) or "<input>")
            reason = str(getattr(item, "reason", None) or item)
            tables[ERRORS].append({"position": position, "origin": origin, "error": reason})
            summary.outcomes.append(IngestOutcome(origin, "failed", error=reason))
            continue
        doc = item.document
        try:
            rows = document_rows(item)
        except StoreError as exc:
            tables[ERRORS].append({"position": position, "origin": doc.origin, "error": str(exc)})
            summary.outcomes.append(IngestOutcome(doc.origin, "failed", doc.id, str(exc)))
            continue
        row = rows["documents"][0]
        row["record"] = {"id": doc.id, "title": doc.title,
                         "published": doc.published.isoformat() if doc.published else None,
                         "source": doc.source, "url": doc.url, "origin": doc.origin, "dateline": row["dateline"]}
        for name in TABLES:
            tables[name].extend({"position": position, **r} for r in rows[name])
        summary.outcomes.append(IngestOutcome(doc.origin, "written", doc.id))
    part = _part_name(index)
    for name in (*TABLES[1:], ERRORS, TABLES[0]):  # documents last: its file marks the partition complete
        schema = arrow_schema(name)
        as_json = json_columns(name)
        columns = {f.name: [_cell(r.get(f.name), f.name in as_json) for r in tables[name]] for f in schema}
        target = path / name / part
        tmp = target.with_name(f".{part}.{uuid.uuid4().hex}.tmp")
        try:
            pq.write_table(pa.table(columns, schema=schema), tmp)
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise DatasetError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        summary.rows[name] = len(tables[name])
    return summary


def _cell(value: Any, as_json: bool) -> Any:
    if as_json and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def write_dataset(items: Iterable[Any], directory: str | os.PathLike[str], *,
                  partition_size: int = 256) -> Iterator[IngestOutcome]:
    """Write a stream of coded items (e.g. ``Pipeline.code_many(...)``) as a new dataset at ``directory``,
    ``partition_size`` items per partition. RETURNS an iterator of outcomes, one per item in input order
    (``written`` or ``failed``), each partition's outcomes after its files are written.
    Raises DatasetError as ``init_dataset`` and ``write_partition`` do.
    """
    from eventwire.parallel import chunked

    path = init_dataset(directory)
    for index, chunk in enumerate(chunked(items, partition_size)):
        yield from write_partition(chunk, path, index).outcomes


# --------------------------------------------------------------------------------------------
# reading


def check_dataset(directory: str | os.PathLike[str]) -> Path:
    """RETURN the dataset path after checking its format marker; raises DatasetError saying what is wrong."""
    path = Path(directory)
    marker = path / MARKER
    if not path.is_dir():
        raise DatasetError(f"{path}: no such directory; give the directory written by "
                           "eventwire ingest --out parquet DIR")
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: not an eventwire Parquet dataset (no {MARKER}); give the directory "
                           "written by eventwire ingest --out parquet DIR") from None
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{marker}: unreadable ({exc})") from exc
    if meta.get("format") != FORMAT or int(meta.get("version", 0)) > FORMAT_VERSION:
        raise DatasetError(f"{path}: dataset format {meta.get('format')!r} version {meta.get('version')!r} "
                           f"is not one this eventwire reads ({FORMAT} <= {FORMAT_VERSION}); upgrade eventwire")
    return path


def partitions(directory: str | os.PathLike[str]) -> list[int]:
    """Numbers of the complete partitions (those with a documents file), ascending."""
    path = check_dataset(directory)
    return sorted(int(p.name[5:11]) for p in (path / "documents").glob("part-*.parquet"))


def read_partition(directory: str | os.PathLike[str], index: int) -> tuple[list[dict[str, list[dict[str, Any]]]],
                                                                          list[dict[str, Any]]]:
    """Read one partition back. RETURNS (documents, errors): per document, in input order, its rows per
    table in the shape of ``eventwire.store.document_rows`` (JSON columns parsed, ``record`` of documents
    dropped), ready for ``Store.add_rows``; errors: the partition's failed inputs (position, origin, error).
    Raises DatasetError when a table file of the partition is missing or unreadable.
    """
    _, pq = _pyarrow()
    path = Path(directory)
    part = _part_name(index)
    loaded: dict[str, list[dict[str, Any]]] = {}
    for name in (*TABLES, ERRORS):
        target = path / name / part
        try:
            rows = pq.read_table(target).to_pylist()
        except FileNotFoundError:
            raise DatasetError(f"{target}: missing; the partition is incomplete (re-run the export)") from None
        except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on corrupt files
            raise DatasetError(f"{target}: unreadable ({exc})") from exc
        as_json = json_columns(name)
        keep = {c.name for c in SQL_TABLES[name].columns} | {"position"} if name in SQL_TABLES else None
        loaded[name] = [{k: (json.loads(v) if k in as_json and v is not None else v)
                         for k, v in r.items() if keep is None or k in keep} for r in rows]
    by_position: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {n: [] for n in TABLES[1:]})
    for name in TABLES[1:]:
        for r in loaded[name]:
            by_position[r.pop("position")][name].append(r)
    docs = []
    for d in loaded["documents"]:
        docs.append({"documents": [d], **by_position.get(d.pop("position"), {n: [] for n in TABLES[1:]})})
    return docs, loaded[ERRORS]


def export_errors(directory: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The inputs that failed before the export (all complete partitions): dicts with partition, position,
    origin and error, in input order."""
    _, pq = _pyarrow()
    path = check_dataset(directory)
    out = []
    for index in partitions(path):
        target = path / ERRORS / _part_name(index)
        try:
            rows = pq.read_table(target).to_pylist()
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{target}: unreadable ({exc})") from exc
        out.extend({"partition": index, **r} for r in rows)
    return out


def load_dataset(store: Store, directory: str | os.PathLike[str], *, organisation: str = "local",
                 tlp: str = "CLEAR") -> Iterator[IngestOutcome]:
    """Store every document of the dataset at ``directory``, partition by partition in input order, each
    document in its own transaction (``Store.add_rows``), so the store ends up as a direct ingest of the
    same input would leave it. Inputs that failed before the export are not repeated here (see
    ``export_errors``).

    RETURNS an iterator of ``IngestOutcome``, one per exported document: ingested | skipped (same text
    already stored) | failed (the store refused it), with the origin recorded at export.
    Raises DatasetError for a directory that is not a dataset or an unreadable partition.
    """
    path = check_dataset(directory)
    for index in partitions(path):
        docs, _errors = read_partition(path, index)
        for rows in docs:
            doc = rows["documents"][0]
            origin = doc.get("origin") or doc["id"]
            try:
                stored = store.add_rows(rows, organisation=organisation, tlp=tlp)
            except StoreError as exc:
                yield IngestOutcome(origin, "failed", doc["id"], str(exc))
            else:
                yield IngestOutcome(origin, "ingested" if stored else "skipped", doc["id"])

"""``Store``: write ``DocumentResult`` records to SQL and read events back with filters.

One query layer for all reads (so visibility rules can be enforced in one place later).
Each document is written in its own transaction: a crash loses at most the document in flight.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.visitors import InternalTraversal

from eventwire.records import MODALITIES, DocumentResult
from eventwire.store import schema
from eventwire.store.schema import RECORD_TABLES, SCHEMA_VERSION, TLP_LEVELS, documents, events

DEFAULT_URL = "sqlite:///eventwire.db"
"""Store used when neither an URL nor ``EVENTWIRE_DB`` is given (a file in the working directory)."""

ENV_VAR = "EVENTWIRE_DB"
# How long opening a store waits for another process that is creating or migrating it.
LOCK_WAIT_SECONDS = 60.0

MAX_SPAN_KEY = "max_event_span_days"
"""eventwire_meta key: the longest stored event interval (effective_end - effective_start) in days, kept up to
date by ``add_rows``; date filters use it to seek into ix_events_page instead of scanning it."""

EXCLUDED_MODALITIES = ("negated", "hypothetical")
"""Modalities left out of ``query_events`` unless ``include_negated=True``."""

EVENT_COLUMNS = (
    "document_id", "published", "id", "sentence_index", "span_start", "span_end",
    "plover_type", "plover_mode", "modality", "cameo_code", "quad_class", "goldstein",
    "source_text", "source_code", "source_country", "source_sector",
    "target_text", "target_code", "target_country", "target_sector",
    "location_name", "location_geonameid", "location_lat", "location_lon", "location_country",
    "date_text", "date_start", "date_end", "date_precision", "confidence", "trigger", "evidence",
)
"""Keys (in order) of the flat event dicts returned by ``Store.query_events``; ``published`` is the document's."""


class StoreError(Exception):
    """A store could not be opened, or a document could not be written. The message says why and what to do."""


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """Turn a user-given store location into an SQLAlchemy URL.

    url: an SQLAlchemy URL (``sqlite:///x.db``, ``postgresql+psycopg://user@host/db``), a plain file
    path (taken as SQLite), ``:memory:``, or None for ``$EVENTWIRE_DB`` else ``sqlite:///eventwire.db``.
    RETURNS the URL string.

    >>> resolve_url("data/events.db")
    'sqlite:///data/events.db'
    """
    if url is None or str(url) == "":
        url = os.environ.get(ENV_VAR) or DEFAULT_URL
    url = os.fspath(url)
    if url == ":memory:":
        return "sqlite://"
    if "://" not in url:
        return "sqlite:///" + url
    return url


def content_hash(text: str) -> str:
    """sha256 hex digest of ``text`` encoded as UTF-8: the key that makes ingest idempotent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    """An event database (SQLite by default, PostgreSQL via its URL); creates the tables on first use.

    url: see ``resolve_url``; writable: also take a write lock once on opening (ingest), so that a
    read-only file is refused at once; pass False to only read (queries).
    Raises ``StoreError`` when the database cannot be opened, is read-only while ``writable``, or is
    another application's database.

    >>> store = Store(":memory:")
    >>> store.count()
    0
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, writable: bool = True):
        self.url = resolve_url(url)
        self.read_only = not writable and _unwritable_sqlite_file(self.url) is not None
        if self.read_only:
            self._open_read_only()
            return
        self.engine = _engine(self.url)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                self._open(writable)
                return
            except StoreError as exc:
                # Another process creating or migrating the same new store holds its lock; SQLite does not
                # wait for a lock a reading transaction needs to upgrade, so the open is retried here.
                if not _locked(exc.__cause__) or time.monotonic() > deadline:
                    raise
                self.engine = _engine(self.url)
                time.sleep(0.2)

    def _open_read_only(self) -> None:
        """Open an SQLite store that this process may not write (a read-only file or folder: an archive,
        a colleague's share) for queries: immutable, no -wal/-shm files, no schema changes; one of an
        older schema must first be opened once where it can be written."""
        path = _unwritable_sqlite_file(self.url)
        self.engine = _engine(f"sqlite:///file:{path.resolve()}?mode=ro&immutable=1&uri=true", read_only=True)
        try:
            self._refuse_foreign()
            found = self._check_version(write=False)
            if found is None or found < SCHEMA_VERSION:
                raise StoreError(f"cannot open database {self.display_url} read-only: it is of an older schema "
                                 f"({found}); open it once where it can be written (ingest) to upgrade it")
            with self.engine.connect() as conn:
                self._max_span = _stored_max_span(conn) or 0
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open database {self.display_url} read-only: {exc.orig}") from exc

    def _open(self, writable: bool) -> None:
        """Check, create or migrate the schema; raises StoreError (engine disposed) when it cannot."""
        try:
            self._refuse_foreign()
            older = self._migrate()
            schema.metadata.create_all(self.engine)
            if older:  # create_all leaves existing tables alone: add the indexes newer schemas define
                with warnings.catch_warnings():  # reflection cannot describe expression indexes; names suffice
                    warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
                    for table in schema.metadata.sorted_tables:
                        for index in table.indexes:
                            index.create(self.engine, checkfirst=True)
            self._check_version()
            self._max_span = self._init_max_span()
            if writable and self.engine.dialect.name == "sqlite":
                # a write now (rolled back), so a read-only file fails here once, not after each coded document
                with self.engine.connect() as conn:
                    with conn.begin() as tx:
                        conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                                     .values(value=schema.meta.c.value))
                        tx.rollback()
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            if "readonly" in str(exc.orig).replace("-", "").replace(" ", ""):
                raise StoreError(f"cannot open database {self.display_url}: it is read-only (eventwire writes to "
                                 "the file and creates its -wal and -shm files beside it); make it and its folder "
                                 "writable or copy it elsewhere") from exc
            raise StoreError(f"cannot open database {self.display_url}: {exc.orig}; "
                             "check that the path or server exists and is writable") from exc
        except sa.exc.DatabaseError as exc:  # e.g. a file that is not an SQLite database
            self.engine.dispose()
            raise StoreError(f"cannot open database {self.display_url}: {exc.orig}; "
                             "is it an eventwire store? name a new file with --db") from exc

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def add(self, result: DocumentResult, *, organisation: str = "local", tlp: str = "CLEAR") -> bool:
        """Store one coded document and all its records in one transaction.

        result: the ``DocumentResult``; organisation: owning organisation; tlp: TLP 2.0 marking
        (one of ``TLP_LEVELS``), inherited by every record of the document.
        RETURNS True when stored, False when a document with the same text (content hash) is already stored.
        Raises ``StoreError`` (nothing of the document is written) when the id is taken by a different
        text or a record cannot be written.
        """
        if tlp not in TLP_LEVELS:
            raise ValueError(f"tlp {tlp!r} is not a TLP 2.0 marking; use one of {', '.join(TLP_LEVELS)}")
        return self.add_rows(document_rows(result), organisation=organisation, tlp=tlp)

    def add_rows(self, rows: dict[str, list[dict[str, Any]]], *, organisation: str = "local",
                 tlp: str = "CLEAR") -> bool:
        """Store one document given as table rows (``document_rows(result)``, or rows read back from a
        Parquet export) in one transaction; the same contract as ``add``.

        rows: {"documents": [one row], "events": [...], "actors": [...], "places": [...], "quotes": [...],
        "figures": [...]}; organisation/tlp/ingested_at are set here. RETURNS True when stored, False when
        the same text is already stored. Raises ``StoreError`` as ``add`` does.
        """
        if tlp not in TLP_LEVELS:
            raise ValueError(f"tlp {tlp!r} is not a TLP 2.0 marking; use one of {', '.join(TLP_LEVELS)}")
        doc_row = {**rows["documents"][0], "organisation": organisation, "tlp": tlp,
                   "ingested_at": dt.datetime.now(dt.timezone.utc)}
        digest, doc_id = doc_row["content_hash"], doc_row["id"]
        for row in rows.get("events") or ():  # rows built without them (older exports, by hand)
            if "effective_start" not in row:
                row["effective_start"] = row.get("date_start") or doc_row.get("published")
                row["effective_end"] = row.get("date_end") or row.get("date_start") or doc_row.get("published")
        span = _max_span((r["effective_start"], r["effective_end"]) for r in rows.get("events") or ())
        try:
            # IMMEDIATE on SQLite: take the write lock up front, so concurrent writers wait (busy_timeout)
            # instead of failing on a read-to-write lock upgrade.
            with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
                if _hash_exists(conn, digest):
                    return False
                if conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first():
                    raise StoreError(f"document id {doc_id!r} is already stored with a different text; "
                                     "give the new version its own id")
                conn.execute(documents.insert(), doc_row)
                for name, table in RECORD_TABLES.items():
                    if rows.get(name):
                        conn.execute(table.insert(), rows[name])
                if span > self._max_span:
                    _raise_max_span(conn, span)
        except sa.exc.IntegrityError as exc:
            # Another writer stored the same text between our check and our insert.
            with self.engine.connect() as conn:
                if _hash_exists(conn, digest):
                    return False
            raise StoreError(f"could not store document {doc_id!r}: {exc.orig}") from exc
        except sa.exc.StatementError as exc:
            raise StoreError(f"could not store document {doc_id!r}: {type(exc.orig).__name__}: {exc.orig}") from exc
        self._max_span = max(self._max_span, span)
        return True

    def contains_text(self, text: str) -> bool:
        """True when a document with exactly this text is stored (lets ingest skip coding it again)."""
        with self.engine.connect() as conn:
            return _hash_exists(conn, content_hash(text))

    # -- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        """Number of stored documents."""
        return self.counts()["documents"]

    def counts(self) -> dict[str, int]:
        """Row counts per table: documents, events, actors, places, quotes, figures."""
        with self.engine.connect() as conn:
            out = {"documents": conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()}
            for name, table in RECORD_TABLES.items():
                out[name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        return out

    def query_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events matching all given filters, as a list: ``iter_events`` (same keyword filters, same
        order) with the planner free to collect and sort the matches first, which is faster in total
        for a whole, narrow result. Raises ValueError for a malformed filter value."""
        return list(self.iter_events(**filters, stream=False))

    def iter_events(
        self,
        actor: str | None = None,
        dyad: str | Sequence[str | None] | None = None,
        plover_type: str | Sequence[str] | None = None,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        country: str | None = None,
        include_negated: bool = False,
        limit: int | None = None,
        document_ids: Sequence[str] | None = None,
        offset: int = 0,
        stream: bool = True,
        modality: str | Sequence[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events matching all given filters, one flat dict (keys ``EVENT_COLUMNS``) at a time.

        actor: CAMEO code prefix matched on source or target ("USA" matches USAMIL);
        dyad: (source, target) code prefixes, or the string "USA,MEX"; an empty side matches anything;
        plover_type: a PLOVER type or several (any of them);
        since/until: ``date`` or "YYYY-MM-DD", inclusive; an event matches when its date interval overlaps
        [since, until]; events without a date use the document's publication date, and events with
        neither are left out when a date filter is given;
        country: ISO alpha-3 or alpha-2 code matched on source country, target country (alpha-3) or
        location country (alpha-2);
        include_negated: also return negated and hypothetical events (left out by default);
        modality: only events of this modality or these modalities (``records.MODALITIES``); naming
        "negated" or "hypothetical" here returns them without include_negated;
        limit: at most this many rows; offset: skip this many first rows (pages: offset = k * limit);
        document_ids: only events of these documents;
        stream (the default): rows are read in date order straight from the listing index, so the first
        rows arrive at once whatever the result's size and memory stays flat (exports of any size).
        YIELDS dicts ordered by event date (undated last), then insertion order. Dates are ISO strings.
        Raises ValueError for a malformed filter value when the iteration starts.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, got {offset}")
        e, d = events, documents
        # Filters and order read only columns of ix_events_page, so a page (limit) is read from that index
        # alone, in order, stopping after the page. On SQLite, code prefixes become ranges (usable by an
        # index) and, for a page, filter terms are kept off the single-column indexes (_Scan): a broad
        # filter (actor USA: a third of all events) would otherwise fetch every matching row to sort it.
        # Without a limit and without streaming the planner picks the filter's own index.
        # See benchmarks/bench_store.py.
        sqlite = self.engine.dialect.name == "sqlite"
        col = (lambda c: _Scan(c)) if sqlite and (limit is not None or stream) else (lambda c: c)
        start, end = e.c.effective_start, e.c.effective_end

        def prefix(column: sa.Column, code: str) -> sa.ColumnElement[bool]:
            if sqlite:  # BINARY collation: [code, successor) is exactly the strings starting with code
                return sa.and_(col(column) >= code, col(column) < code[:-1] + chr(ord(code[-1]) + 1))
            return column.startswith(code, autoescape=True)

        # published comes per returned row (a primary-key lookup), not through a join: a join lets SQLite
        # drive the query from documents (a scan of all of them) when it misjudges a filter's selectivity.
        published = sa.select(d.c.published).where(d.c.id == e.c.document_id).scalar_subquery()
        cols = [published.label("published") if name == "published" else e.c[name] for name in EVENT_COLUMNS]
        query = sa.select(*cols).select_from(e)
        if actor:
            code = _code(actor, "actor")
            query = query.where(sa.or_(prefix(e.c.source_code, code), prefix(e.c.target_code, code)))
        if dyad:
            src, tgt = _dyad(dyad)
            if src:
                query = query.where(prefix(e.c.source_code, src))
            if tgt:
                query = query.where(prefix(e.c.target_code, tgt))
        if plover_type:
            types = [plover_type] if isinstance(plover_type, str) else list(plover_type)
            query = query.where(col(e.c.plover_type).in_([t.strip().upper() for t in types]))
        if since is not None:
            since_d = parse_date(since, "since")
            # Every event overlapping [since, ...] starts at most the longest stored interval before since:
            # a lower bound on the index's order, so the scan starts there.
            with self.engine.connect() as conn:
                longest = _stored_max_span(conn) or 0
            query = query.where(end >= since_d, start >= since_d - dt.timedelta(days=longest))
        if until is not None:
            query = query.where(start <= parse_date(until, "until"))
        if country:
            alpha3, alpha2 = _country_codes(country)
            query = query.where(sa.or_(col(e.c.source_country).in_(alpha3), col(e.c.target_country).in_(alpha3),
                                       col(e.c.location_country).in_(alpha2)))
        if document_ids is not None:
            query = query.where(e.c.document_id.in_(list(document_ids)))
        if modality:
            wanted = [m.strip().lower() for m in ([modality] if isinstance(modality, str) else modality)]
            unknown = [m for m in wanted if m not in MODALITIES]
            if unknown:
                raise ValueError(f"modality {', '.join(unknown)}: not one of {', '.join(MODALITIES)}")
            query = query.where(col(e.c.modality).in_(wanted))
        elif not include_negated:
            mod = col(e.c.modality)
            query = query.where(sa.or_(mod.is_(None), mod.not_in(EXCLUDED_MODALITIES)))
        query = query.order_by(start.is_(None), start, e.c.pk)
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=1000).execute(query) if stream else conn.execute(query)
            for row in result:
                yield _plain_row(row._mapping)

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document with all its records, or None when no document has this id.

        RETURNS the output contract (``DocumentResult.to_dict(include_text=True)``) with ``document``
        extended by content_hash, lang, organisation, tlp and ingested_at.
        """
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
            if row is None:
                return None
            m = row._mapping
            out: dict[str, Any] = {"document": {
                "id": m["id"], "title": m["title"], "published": _iso(m["published"]), "source": m["source"],
                "url": m["url"], "origin": m["origin"], "dateline": m["dateline"], "text": m["text"],
                "lang": m["lang"], "content_hash": m["content_hash"], "organisation": m["organisation"],
                "tlp": m["tlp"], "ingested_at": _iso(_utc(m["ingested_at"])),
            }}
            for name, table in RECORD_TABLES.items():
                q = sa.select(table.c.record).where(table.c.document_id == doc_id).order_by(table.c.ordinal)
                out[name] = list(conn.execute(q).scalars())
            out["dates"] = m["dates"] or []
        return out

    def document_ids(self, prefix: str = "", limit: int | None = None) -> list[str]:
        """Ids of stored documents starting with ``prefix``, in id order (for lookups by a short id)."""
        q = sa.select(documents.c.id).where(documents.c.id.startswith(prefix, autoescape=True)).order_by(documents.c.id)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    # -- internals ---------------------------------------------------------------------------

    def _refuse_foreign(self) -> None:
        """Raise StoreError for a database that holds tables but none of eventwire's bookkeeping: another
        application's database, which eventwire must neither read as a store nor add its tables to."""
        tables = set(sa.inspect(self.engine).get_table_names())
        if tables and schema.meta.name not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
            self.engine.dispose()
            raise StoreError(f"{self.display_url} is not an eventwire store (it holds other tables: {shown}); "
                             "name a new file with --db")

    def _migrate(self) -> bool:
        """Bring a database of an older schema up to ``SCHEMA_VERSION`` (before ``create_all`` adds indexes
        on new columns); refuse one of a newer schema. RETURNS True when the database was of an older
        schema. Schema 1 -> 2: events.effective_start/effective_end, filled from the event's dates, else
        the document's publication date (new indexes: ``__init__``; the span key: ``_init_max_span``)."""
        tables = set(sa.inspect(self.engine).get_table_names())
        found = self._check_version(write=False) if schema.meta.name in tables else None
        if events.name not in tables:
            return False
        present = {c["name"] for c in sa.inspect(self.engine).get_columns(events.name)}
        if "effective_start" in present:
            return found is not None and found < SCHEMA_VERSION
        published = sa.select(documents.c.published).where(documents.c.id == events.c.document_id).scalar_subquery()
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            for name in ("effective_start", "effective_end"):
                conn.execute(sa.text(f"ALTER TABLE {events.name} ADD COLUMN {name} DATE"))
            conn.execute(events.update().values(
                effective_start=sa.func.coalesce(events.c.date_start, published),
                effective_end=sa.func.coalesce(events.c.date_end, events.c.date_start, published)))
        return True

    def _init_max_span(self) -> int:
        """The stored longest event interval (days), computed once from the events when the key is missing
        (a store written before schema 2 or by bulk tools)."""
        with self.engine.connect() as conn:
            found = _stored_max_span(conn)
        if found is not None:
            return found
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            found = _stored_max_span(conn)
            if found is not None:
                return found
            e = events
            pairs = conn.execute(sa.select(e.c.effective_start, e.c.effective_end)
                                 .where(e.c.effective_end > e.c.effective_start))
            span = _max_span(pairs)
            conn.execute(schema.meta.insert(), {"key": MAX_SPAN_KEY, "value": str(span)})
            return span

    def _check_version(self, write: bool = True) -> int | None:
        """Refuse a newer schema; with ``write``, record ``SCHEMA_VERSION``. RETURNS the version found."""
        with self.engine.begin() as conn:
            found = conn.execute(sa.select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar()
            if found is not None and int(found) > SCHEMA_VERSION:
                raise StoreError(f"database {self.display_url} has schema version {found}, newer than this "
                                 f"eventwire's ({SCHEMA_VERSION}); upgrade eventwire")
            if not write:
                return None if found is None else int(found)
            if found is None:
                conn.execute(schema.meta.insert(), {"key": "schema_version", "value": str(SCHEMA_VERSION)})
            elif int(found) < SCHEMA_VERSION:  # _migrate has brought the tables up to date
                conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                             .values(value=str(SCHEMA_VERSION)))
        return None if found is None else int(found)


def parse_date(value: dt.date | str, name: str = "date") -> dt.date:
    """A ``date`` from a date or an ISO "YYYY-MM-DD" string; ValueError naming ``name`` and the format otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a date; expected YYYY-MM-DD, e.g. 2009-03-03") from None


def _unwritable_sqlite_file(url: str) -> Path | None:
    """The file of an SQLite store that exists but that this process cannot write, or whose folder it
    cannot write (where SQLite would create the -wal and -shm files); else None."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = _sqlite_file(parsed.database)
    if not path.is_file():
        return None
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return None
    return path


def _engine(url: str, *, read_only: bool = False) -> Engine:
    kwargs: dict[str, Any] = {"json_serializer": lambda obj: json.dumps(obj, ensure_ascii=False)}
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"{url!r} is not a database URL or path; use a file path or e.g. "
                         "sqlite:///eventwire.db or postgresql+psycopg://user@host/dbname") from exc
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database in (None, "", ":memory:"):
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif sqlite and parsed.database and not _sqlite_file(parsed.database).parent.exists():
        where = _sqlite_file(parsed.database)
        raise StoreError(f"cannot create database {where}: directory {where.parent} "
                         "does not exist; create it or choose another --db path")
    if parsed.get_backend_name() not in _KNOWN_BACKENDS:
        raise StoreError(f"{url!r}: unknown database kind {parsed.get_backend_name()!r}; use a file path, "
                         "sqlite:///FILE or postgresql+psycopg://user@host/dbname")
    try:
        engine = sa.create_engine(url, **kwargs)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        hint = _DRIVER_HINTS.get(parsed.get_backend_name(), "install the SQLAlchemy driver named in the URL")
        raise StoreError(f"no database driver for {parsed.drivername} ({exc}); {hint}") from exc
    if sqlite:
        sa.event.listen(engine, "connect", _sqlite_connect_read_only if read_only else _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


# What to install for each database kind's default driver (SQLAlchemy dialects).
_DRIVER_HINTS = {
    "postgresql": "pip install 'psycopg[binary]' and use postgresql+psycopg://user@host/dbname",
    "mysql": "pip install pymysql and use mysql+pymysql://user@host/dbname",
    "mariadb": "pip install pymysql and use mariadb+pymysql://user@host/dbname",
}


def _locked(exc: BaseException | None) -> bool:
    """Whether a driver error is SQLite's "database is locked" (another process holds the write lock)."""
    return isinstance(exc, sa.exc.OperationalError) and "database is locked" in str(exc.orig)


def _sqlite_file(database: str) -> Path:
    """The file of an SQLite database name, also when given as an SQLite URI ("file:x.db?mode=ro")."""
    if database.startswith("file:"):
        return Path(database[len("file:"):].split("?", 1)[0])
    return Path(database)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin), so the driver's own transaction handling is off.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # as _sqlite_connect; no journal mode change: nothing is written
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def _stored_max_span(conn: Connection) -> int | None:
    value = conn.execute(sa.select(schema.meta.c.value).where(schema.meta.c.key == MAX_SPAN_KEY)).scalar()
    return None if value is None else int(value)


def _raise_max_span(conn: Connection, span: int) -> None:
    """Set the stored longest interval to ``span`` unless another writer stored a longer one."""
    meta = schema.meta
    conn.execute(meta.update().where(meta.c.key == MAX_SPAN_KEY, sa.cast(meta.c.value, sa.Integer) < span)
                 .values(value=str(span)))


def _max_span(pairs: Any) -> int:
    """Longest (end - start) in days over (start, end) pairs of dates or ISO strings; 0 when none."""
    longest = 0
    for start, end in pairs:
        if start is not None and end is not None:
            longest = max(longest, (parse_date(end) - parse_date(start)).days)
    return longest


def _hash_exists(conn: Connection, digest: str) -> bool:
    return conn.execute(sa.select(documents.c.id).where(documents.c.content_hash == digest)).first() is not None


def document_rows(result: DocumentResult) -> dict[str, list[dict[str, Any]]]:
    """The rows one ``DocumentResult`` becomes, per table, computed before any transaction opens
    (compute, then write): {"documents": [row], "events": [...], "actors": [...], "places": [...],
    "quotes": [...], "figures": [...]}. Column values are Python values (dates as ``date``, JSON columns as
    dicts/lists); documents rows lack organisation, tlp and ingested_at (``Store.add_rows`` sets them).
    Raises ``StoreError`` for a record date that is not an ISO date.
    """
    doc = result.document
    rows = _record_rows(result)
    for row in rows["events"]:
        row["effective_start"] = row["date_start"] or doc.published
        row["effective_end"] = row["date_end"] or row["date_start"] or doc.published
    rows["documents"] = [{
        "id": doc.id, "content_hash": content_hash(doc.text), "title": doc.title, "published": doc.published,
        "source": doc.source, "url": doc.url, "origin": doc.origin, "lang": doc.lang,
        "dateline": rows.pop("dateline"), "dates": rows.pop("dates"), "text": doc.text,
    }]
    return rows


def _record_rows(result: DocumentResult) -> dict[str, Any]:
    """Rows for every record table, plus the document's dateline and dates as contract dicts."""
    contract = result.to_dict()
    doc_id = result.document.id
    out: dict[str, Any] = {"dateline": contract["document"]["dateline"], "dates": contract["dates"]}
    out["events"] = [_event_row(rec, doc_id, i) for i, rec in enumerate(contract["events"])]
    out["actors"] = [{
        "document_id": doc_id, "ordinal": i, "name": a.name, "code": a.code, "country": a.country,
        "sector": a.sector, "kind": a.kind, "known": a.known, "record": rec,
    } for i, (a, rec) in enumerate(zip(result.actors, contract["actors"]))]
    out["places"] = [{
        "document_id": doc_id, "ordinal": i, "text": p.text, "span_start": p.span[0], "span_end": p.span[1],
        "geonameid": p.geonameid, "name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat,
        "lon": p.lon, "feature_code": p.feature_code, "score": p.score, "record": rec,
    } for i, (p, rec) in enumerate(zip(result.places, contract["places"]))]
    out["quotes"] = [{
        "document_id": doc_id, "ordinal": i, "text": q.text, "span_start": q.span[0], "span_end": q.span[1],
        "speaker_name": q.speaker.name if q.speaker else None,
        "speaker_actor_ref": q.speaker.actor_ref if q.speaker else None, "addressee": q.addressee,
        "date_start": _date_field(q.date.start if q.date else None, f"quote {i} date start", doc_id),
        "record": rec,
    } for i, (q, rec) in enumerate(zip(result.quotes, contract["quotes"]))]
    out["figures"] = [{
        "document_id": doc_id, "ordinal": i, "kind": f.kind, "value": f.value, "value_min": f.min,
        "value_max": f.max, "qualifier": f.qualifier, "unit": f.unit, "currency": f.currency, "text": f.text,
        "span_start": f.span[0], "span_end": f.span[1], "record": rec,
    } for i, (f, rec) in enumerate(zip(result.figures, contract["figures"]))]
    return out


def flatten_event(event: dict[str, Any], document: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event of the output contract (``to_dict()["events"][i]``) as a flat dict with the keys
    ``EVENT_COLUMNS``; ``document`` (the contract's ``document``) supplies document_id and published."""
    document = document or {}
    src, tgt = event.get("source") or {}, event.get("target") or {}
    loc, date = event.get("location") or {}, event.get("date") or {}
    span = event.get("span") or (None, None)
    return {
        "document_id": document.get("id"), "published": document.get("published"), "id": event.get("id"),
        "sentence_index": event.get("sentence_index"), "span_start": span[0], "span_end": span[1],
        "plover_type": event.get("plover_type"), "plover_mode": event.get("plover_mode"),
        "modality": event.get("modality"), "cameo_code": event.get("cameo_code"),
        "quad_class": event.get("quad_class"), "goldstein": event.get("goldstein"),
        "source_text": src.get("text"), "source_code": src.get("code"), "source_country": src.get("country"),
        "source_sector": src.get("sector"),
        "target_text": tgt.get("text"), "target_code": tgt.get("code"), "target_country": tgt.get("country"),
        "target_sector": tgt.get("sector"),
        "location_name": loc.get("name"), "location_geonameid": loc.get("geonameid"),
        "location_lat": loc.get("lat"), "location_lon": loc.get("lon"), "location_country": loc.get("country"),
        "date_text": date.get("text"), "date_start": date.get("start"), "date_end": date.get("end"),
        "date_precision": date.get("precision"), "confidence": event.get("confidence"),
        "trigger": event.get("trigger"), "evidence": event.get("evidence"),
    }


def _event_row(record: dict[str, Any], doc_id: str, ordinal: int) -> dict[str, Any]:
    row = flatten_event(record, {"id": doc_id})
    del row["published"]
    what = f"event {record.get('id')!r}"
    row["date_start"] = _date_field(row["date_start"], f"{what} date start", doc_id)
    row["date_end"] = _date_field(row["date_end"], f"{what} date end", doc_id)
    row.update(ordinal=ordinal, record=record)
    return row


def _date_field(value: str | dt.date | None, what: str, doc_id: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value, what)
    except ValueError as exc:
        raise StoreError(f"could not store document {doc_id!r}: {exc}") from None


class _Scan(sa.sql.expression.ColumnElement):
    """A column in a filter term that must not choose the index: ``+column`` on SQLite (the documented
    unary-plus way to keep a term off an index), the plain column elsewhere."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: sa.ColumnElement) -> None:
        self.column = column
        self.type = column.type


@compiles(_Scan)
def _scan_default(element: _Scan, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(_Scan, "sqlite")
def _scan_sqlite(element: _Scan, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


_KNOWN_BACKENDS = frozenset({"sqlite", "postgresql", "mysql", "mariadb", "oracle", "mssql"})
"""SQLAlchemy's own dialects: a URL naming anything else is a typo, not a missing driver."""


def _code(value: str, name: str) -> str:
    code = value.strip().upper()
    if not code.replace("-", "").isalnum():
        raise ValueError(f"{name} {value!r} is not an actor code; use a CAMEO code prefix such as USA or USAMIL")
    return code


def _dyad(value: str | Sequence[str | None]) -> tuple[str | None, str | None]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    if len(parts) != 2:
        raise ValueError(f"dyad {value!r} needs a source and a target code, e.g. USA,MEX (either side may be empty)")
    src, tgt = ((p or "").strip() for p in parts)
    return (_code(src, "dyad source") if src else None, _code(tgt, "dyad target") if tgt else None)


_NON_ISO_COUNTRIES = frozenset({"XK", "XKX", "KSV"})
"""Country codes in use without an ISO 3166-1 entry (Kosovo)."""


def _country_codes(value: str) -> tuple[list[str], list[str]]:
    """(alpha-3 codes, alpha-2 codes) meaning the same country as ``value`` (alpha-2 or alpha-3)."""
    import pycountry

    code = value.strip().upper()
    alpha3, alpha2 = {code}, {code}
    found = None
    if len(code) == 2:
        found = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
    if found is None and code not in _NON_ISO_COUNTRIES:
        raise ValueError(f"country {value!r} is not an ISO 3166 country code; use alpha-2 or alpha-3, "
                         "e.g. KE or KEN")
    if found is not None:
        alpha3.add(found.alpha_3)
        alpha2.add(found.alpha_2)
    return sorted(alpha3), sorted(alpha2)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite returns the stored UTC time without its offset.
    return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _plain_row(mapping: Any) -> dict[str, Any]:
    return {k: _iso(mapping[k]) for k in EVENT_COLUMNS}


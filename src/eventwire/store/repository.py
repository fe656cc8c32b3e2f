"""``Store``: write ``DocumentResult`` records to SQL and read events back with filters.

One query layer for all reads (so visibility rules can be enforced in one place later).
Each document is written in its own transaction: a crash loses at most the document in flight.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from eventwire.records import DocumentResult
from eventwire.store import schema
from eventwire.store.schema import RECORD_TABLES, SCHEMA_VERSION, TLP_LEVELS, documents, events

DEFAULT_URL = "sqlite:///eventwire.db"
"""Store used when neither an URL nor ``EVENTWIRE_DB`` is given (a file in the working directory)."""

ENV_VAR = "EVENTWIRE_DB"

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

    url: see ``resolve_url``. Raises ``StoreError`` when the database cannot be opened.

    >>> store = Store(":memory:")
    >>> store.count()
    0
    """

    def __init__(self, url: str | os.PathLike[str] | None = None):
        self.url = resolve_url(url)
        self.engine = _engine(self.url)
        try:
            schema.metadata.create_all(self.engine)
            self._check_version()
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open database {self.display_url}: {exc.orig}; "
                             "check that the path or server exists and is writable") from exc

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
        doc = result.document
        digest = content_hash(doc.text)
        rows = _record_rows(result)
        doc_row = {
            "id": doc.id, "content_hash": digest, "title": doc.title, "published": doc.published,
            "source": doc.source, "url": doc.url, "origin": doc.origin, "lang": doc.lang,
            "dateline": rows.pop("dateline"), "dates": rows.pop("dates"), "text": doc.text,
            "organisation": organisation, "tlp": tlp, "ingested_at": dt.datetime.now(dt.timezone.utc),
        }
        try:
            # IMMEDIATE on SQLite: take the write lock up front, so concurrent writers wait (busy_timeout)
            # instead of failing on a read-to-write lock upgrade.
            with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
                if _hash_exists(conn, digest):
                    return False
                if conn.execute(sa.select(documents.c.id).where(documents.c.id == doc.id)).first():
                    raise StoreError(f"document id {doc.id!r} is already stored with a different text; "
                                     "give the new version its own id")
                conn.execute(documents.insert(), doc_row)
                for name, table in RECORD_TABLES.items():
                    if rows[name]:
                        conn.execute(table.insert(), rows[name])
        except sa.exc.IntegrityError as exc:
            # Another writer stored the same text between our check and our insert.
            with self.engine.connect() as conn:
                if _hash_exists(conn, digest):
                    return False
            raise StoreError(f"could not store document {doc.id!r}: {exc.orig}") from exc
        except sa.exc.StatementError as exc:
            raise StoreError(f"could not store document {doc.id!r}: {type(exc.orig).__name__}: {exc.orig}") from exc
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

    def query_events(
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
    ) -> list[dict[str, Any]]:
        """Events matching all given filters, as flat dicts with the keys ``EVENT_COLUMNS``.

        actor: CAMEO code prefix matched on source or target ("USA" matches USAMIL);
        dyad: (source, target) code prefixes, or the string "USA,MEX"; an empty side matches anything;
        plover_type: a PLOVER type or several (any of them);
        since/until: ``date`` or "YYYY-MM-DD", inclusive; an event matches when its date interval overlaps
        [since, until]; events without a date use the document's publication date, and events with
        neither are left out when a date filter is given;
        country: ISO alpha-3 or alpha-2 code matched on source country, target country (alpha-3) or
        location country (alpha-2);
        include_negated: also return negated and hypothetical events (left out by default);
        limit: at most this many rows; document_ids: only events of these documents.
        RETURNS dicts ordered by event date (undated last), then insertion order. Dates are ISO strings.
        Raises ValueError for a malformed filter value.
        """
        e, d = events, documents
        start = sa.func.coalesce(e.c.date_start, d.c.published, type_=sa.Date)
        end = sa.func.coalesce(e.c.date_end, e.c.date_start, d.c.published, type_=sa.Date)
        cols = [d.c.published if name == "published" else e.c[name] for name in EVENT_COLUMNS]
        query = sa.select(*cols).select_from(e.join(d, e.c.document_id == d.c.id))
        if actor:
            prefix = _code(actor, "actor")
            query = query.where(sa.or_(e.c.source_code.startswith(prefix, autoescape=True),
                                       e.c.target_code.startswith(prefix, autoescape=True)))
        if dyad:
            src, tgt = _dyad(dyad)
            if src:
                query = query.where(e.c.source_code.startswith(src, autoescape=True))
            if tgt:
                query = query.where(e.c.target_code.startswith(tgt, autoescape=True))
        if plover_type:
            types = [plover_type] if isinstance(plover_type, str) else list(plover_type)
            query = query.where(e.c.plover_type.in_([t.strip().upper() for t in types]))
        if since is not None:
            query = query.where(end >= parse_date(since, "since"))
        if until is not None:
            query = query.where(start <= parse_date(until, "until"))
        if country:
            alpha3, alpha2 = _country_codes(country)
            query = query.where(sa.or_(e.c.source_country.in_(alpha3), e.c.target_country.in_(alpha3),
                                       e.c.location_country.in_(alpha2)))
        if document_ids is not None:
            query = query.where(e.c.document_id.in_(list(document_ids)))
        if not include_negated:
            query = query.where(sa.or_(e.c.modality.is_(None), e.c.modality.not_in(EXCLUDED_MODALITIES)))
        query = query.order_by(start.is_(None), start, e.c.pk)
        if limit is not None:
            if limit < 0:
                raise ValueError(f"limit must be 0 or more, got {limit}")
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_plain_row(row._mapping) for row in conn.execute(query)]

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

    def _check_version(self) -> None:
        with self.engine.begin() as conn:
            found = conn.execute(sa.select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar()
            if found is None:
                conn.execute(schema.meta.insert(), {"key": "schema_version", "value": str(SCHEMA_VERSION)})
            elif int(found) > SCHEMA_VERSION:
                raise StoreError(f"database {self.display_url} has schema version {found}, newer than this "
                                 f"eventwire's ({SCHEMA_VERSION}); upgrade eventwire")


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


def _engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {"json_serializer": lambda obj: json.dumps(obj, ensure_ascii=False)}
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"{url!r} is not a database URL or path; use a file path or e.g. "
                         "sqlite:///eventwire.db or postgresql+psycopg://user@host/dbname") from exc
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database in (None, "", ":memory:"):
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif sqlite and parsed.database and not Path(parsed.database).parent.exists():
        raise StoreError(f"cannot create database {parsed.database}: directory {Path(parsed.database).parent} "
                         "does not exist; create it or choose another --db path")
    try:
        engine = sa.create_engine(url, **kwargs)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(f"no database driver for {parsed.drivername} ({exc}); install it, e.g. "
                         "pip install 'psycopg[binary]' for postgresql+psycopg://") from exc
    if sqlite:
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin), so the driver's own transaction handling is off.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def _hash_exists(conn: Connection, digest: str) -> bool:
    return conn.execute(sa.select(documents.c.id).where(documents.c.content_hash == digest)).first() is not None


def _record_rows(result: DocumentResult) -> dict[str, Any]:
    """Rows for every table, computed before the transaction opens (compute, then write)."""
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


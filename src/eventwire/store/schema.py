"""The storage schema as SQLAlchemy Core tables (portable: SQLite and PostgreSQL).

Every derived table carries ``document_id`` (cascade delete) and ``ordinal`` (the record's index in
its ``DocumentResult`` list, so ``actor_ref``/``place_ref`` indices stay meaningful), a ``record``
column with the full record as JSON (the output contract), and flat columns for filtering.
Dates are SQL DATE, spans two integer columns (Python ``str`` offsets, end exclusive). Strings have
no length limit (PostgreSQL would enforce one that SQLite ignores).
"""
from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 2
"""Bumped on every schema change; ``Store`` refuses a database written by a newer schema and migrates an
older one (``eventwire.store.repository._migrate``). 2: events.effective_start/effective_end, the
``ix_events_page`` and ``ix_events_target_country`` indexes, the ``max_event_span_days`` meta key."""

TLP_LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
"""TLP 2.0 markings a document may carry."""

metadata = sa.MetaData()


def _json() -> sa.JSON:
    # none_as_null: a Python None is stored as SQL NULL, not the JSON text 'null'.
    return sa.JSON(none_as_null=True)


def _doc_fk() -> sa.Column:
    return sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


meta = sa.Table(
    "eventwire_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),  # sha256 hex of text (UTF-8)
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("lang", sa.String),
    sa.Column("dateline", _json()),
    sa.Column("dates", _json()),  # DocumentResult.dates (all date expressions), for a full round trip
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("organisation", sa.String, nullable=False, server_default="local"),
    sa.Column("tlp", sa.String, nullable=False, server_default="CLEAR"),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_documents_published", "published"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("id", sa.String, nullable=False),  # Event.id as produced by the coder
    sa.Column("sentence_index", sa.Integer),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("evidence", sa.Text),
    sa.Column("trigger", sa.Text),
    sa.Column("plover_type", sa.String),
    sa.Column("plover_mode", sa.String),
    sa.Column("modality", sa.String),
    sa.Column("cameo_code", sa.String),
    sa.Column("quad_class", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("source_text", sa.Text),
    sa.Column("source_code", sa.String),
    sa.Column("source_country", sa.String),
    sa.Column("source_sector", sa.String),
    sa.Column("target_text", sa.Text),
    sa.Column("target_code", sa.String),
    sa.Column("target_country", sa.String),
    sa.Column("target_sector", sa.String),
    sa.Column("location_name", sa.Text),
    sa.Column("location_geonameid", sa.Integer),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("location_country", sa.String),  # ISO 3166-1 alpha-2 (gazetteer)
    sa.Column("date_text", sa.Text),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String),
    sa.Column("confidence", sa.Float),
    sa.Column("record", _json(), nullable=False),
    # The dates filters and ordering use (schema 2): the event's date interval, else the document's
    # publication date; NULL when neither is known. Written with the row (compute, then write).
    sa.Column("effective_start", sa.Date),
    sa.Column("effective_end", sa.Date),
    sa.Index("ix_events_document_id", "document_id"),
    sa.Index("ix_events_source_code", "source_code"),
    sa.Index("ix_events_target_code", "target_code"),
    sa.Index("ix_events_dyad_country", "source_country", "target_country"),
    sa.Index("ix_events_target_country", "target_country"),  # schema 2: the country filter's OR, unpaged
    sa.Index("ix_events_plover_type", "plover_type"),
    sa.Index("ix_events_date_start", "date_start"),
    sa.Index("ix_events_location_country", "location_country"),
)

# The listing index: in the order ``Store.query_events`` returns events (undated last, then date, then
# insertion) and holding every filtered column, so a page of any filter combination is read from the index
# alone, stopping after the page, and a filter with few or no matches costs one index scan (~75 ms per
# million events on a 2-core VM; benchmarks/bench_store.py). Expression first: PostgreSQL and SQLite both
# index expressions.
sa.Index("ix_events_page", events.c.effective_start.is_(None), events.c.effective_start, events.c.pk,
         events.c.effective_end, events.c.modality, events.c.source_code, events.c.target_code,
         events.c.plover_type, events.c.source_country, events.c.target_country, events.c.location_country)

actors = sa.Table(
    "actors", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("code", sa.String),
    sa.Column("country", sa.String),
    sa.Column("sector", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("known", sa.Boolean),
    sa.Column("record", _json(), nullable=False),
    sa.Index("ix_actors_document_id", "document_id"),
    sa.Index("ix_actors_code", "code"),
)

places = sa.Table(
    "places", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("text", sa.Text),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("geonameid", sa.Integer),
    sa.Column("name", sa.Text),
    sa.Column("country", sa.String),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("feature_code", sa.String),
    sa.Column("score", sa.Float),
    sa.Column("record", _json(), nullable=False),
    sa.Index("ix_places_document_id", "document_id"),
    sa.Index("ix_places_geonameid", "geonameid"),
    sa.Index("ix_places_country", "country"),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("text", sa.Text),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_actor_ref", sa.Integer),
    sa.Column("addressee", sa.Text),
    sa.Column("date_start", sa.Date),
    sa.Column("record", _json(), nullable=False),
    sa.Index("ix_quotes_document_id", "document_id"),
)

figures = sa.Table(
    "figures", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.String),
    sa.Column("value", sa.Float),
    sa.Column("value_min", sa.Float),
    sa.Column("value_max", sa.Float),
    sa.Column("qualifier", sa.String),
    sa.Column("unit", sa.String),
    sa.Column("currency", sa.String),
    sa.Column("text", sa.Text),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("record", _json(), nullable=False),
    sa.Index("ix_figures_document_id", "document_id"),
    sa.Index("ix_figures_kind", "kind"),
)

RECORD_TABLES = {"events": events, "actors": actors, "places": places, "quotes": quotes, "figures": figures}
"""Tables holding one row per record of a ``DocumentResult`` list, keyed by the list's name."""

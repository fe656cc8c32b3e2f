"""Event storage: SQLAlchemy Core tables (SQLite by default, PostgreSQL by URL), idempotent on content hash.

    from eventwire.store import Store
    store = Store("events.db")          # or "postgresql+psycopg://user@host/db"; None = $EVENTWIRE_DB
    store.add(result)                   # False when the same text is already stored
    store.query_events(actor="USA", since="2009-03-01")
"""
from eventwire.store.ingest import IngestOutcome, ingest_paths, store_results
from eventwire.store.repository import (
    DEFAULT_URL, ENV_VAR, EVENT_COLUMNS, Store, StoreError, content_hash, document_rows, flatten_event,
    parse_date, resolve_url,
)
from eventwire.store.schema import SCHEMA_VERSION, TLP_LEVELS

__all__ = [
    "DEFAULT_URL", "ENV_VAR", "EVENT_COLUMNS", "SCHEMA_VERSION", "TLP_LEVELS", "IngestOutcome", "Store",
    "StoreError", "content_hash", "document_rows", "flatten_event", "ingest_paths", "parse_date", "resolve_url", "store_results",
]

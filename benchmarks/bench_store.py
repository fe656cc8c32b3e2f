"""Benchmark: ``eventwire events`` filters on a store of 1,000,000 synthetic events.

Usage:
    .venv/bin/python benchmarks/bench_store.py [--db PATH] [--events N] [--rebuild] [--repeat R]

Builds (once; reused while its event count matches, --rebuild to force) an SQLite store with eventwire's
own schema: N events (default 1,000,000) over N/10 documents, with skewed actor codes (USA, RUS, CHN, UKR
... with sectors), PLOVER types, dates over ten years (a third of the events undated, so the document's
date counts), locations, modalities, evidence text and a contract ``record`` JSON of realistic size. The
rows go in with bulk ``executemany`` in large transactions, indexes are built afterwards, then ANALYZE.

Then times ``Store.query_events`` (the query behind ``eventwire events``) for each filter the CLI offers:
actor, dyad, type, date range, country, and a combination, each for a first page (``--limit 100``) and for
the whole result streamed (time to its first row, rows per second), best of R runs (default 5) after one
warm-up. Target: each filter answers in <= 200 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path
from typing import Any

import corpus

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "PSE", "SYR", "IRN", "IRQ", "AFG", "PAK", "IND", "GBR", "FRA",
             "DEU", "TUR", "MEX", "COL", "VEN", "BRA", "NGA", "MLI", "SDN", "ETH", "SOM", "KEN", "EGY", "LBY",
             "YEM", "SAU", "PRK", "KOR", "JPN", "PHL", "MMR", "THA", "IDN", "ZAF", "COD", "CAF", "LBN", "JOR",
             "AZE", "ARM", "GEO", "BLR", "POL", "ITA", "ESP", "CAN", "AUS", "NZL", "ARG", "CHL", "PER", "BOL",
             "SLV", "GTM", "HND", "NIC"]
ALPHA2 = {"USA": "US", "RUS": "RU", "CHN": "CN", "UKR": "UA", "ISR": "IL", "PSE": "PS", "SYR": "SY", "IRN": "IR",
          "IRQ": "IQ", "AFG": "AF", "PAK": "PK", "IND": "IN", "GBR": "GB", "FRA": "FR", "DEU": "DE", "TUR": "TR",
          "MEX": "MX", "COL": "CO", "VEN": "VE", "BRA": "BR", "NGA": "NG", "MLI": "ML", "SDN": "SD", "ETH": "ET",
          "SOM": "SO", "KEN": "KE", "EGY": "EG", "LBY": "LY", "YEM": "YE", "SAU": "SA", "PRK": "KP", "KOR": "KR",
          "JPN": "JP", "PHL": "PH", "MMR": "MM", "THA": "TH", "IDN": "ID", "ZAF": "ZA", "COD": "CD", "CAF": "CF",
          "LBN": "LB", "JOR": "JO", "AZE": "AZ", "ARM": "AM", "GEO": "GE", "BLR": "BY", "POL": "PL", "ITA": "IT",
          "ESP": "ES", "CAN": "CA", "AUS": "AU", "NZL": "NZ", "ARG": "AR", "CHL": "CL", "PER": "PE", "BOL": "BO",
          "SLV": "SV", "GTM": "GT", "HND": "HN", "NIC": "NI"}
SECTORS = ["", "GOV", "MIL", "COP", "REB", "CVL", "OPP", "JUD", "MED", "BUS"]
TYPES = [("ASSAULT", "18"), ("PROTEST", "14"), ("CONSULT", "04"), ("ACCUSE", "11"), ("COERCE", "17"),
         ("AID", "07"), ("COOPERATE", "06"), ("DEMAND", "10"), ("THREATEN", "13"), ("REJECT", "12"),
         ("SANCTION", "16"), ("AGREE", "05"), ("SUPPORT", "05"), ("MOBILIZE", "15"), ("RETREAT", "08"),
         ("CONCEDE", "08")]
MODALITIES = ["asserted"] * 17 + ["planned", "negated", "hypothetical"]
WORDS = ("government forces attacked rebels near the border on Tuesday officials said police arrested "
         "protesters demanding elections ministers met to discuss aid talks broke down after a ceasefire "
         "collapsed troops withdrew from the city residents fled").split()
START = dt.date(2015, 1, 1)
DAYS = 3650


def _weighted(items: list, rng: random.Random, skew: float = 1.1):
    weights = [1 / (i + 1) ** skew for i in range(len(items))]
    return lambda: rng.choices(items, weights)[0]


def build(db: Path, n_events: int, seed: int = 5) -> None:
    """Create the synthetic store at ``db`` (replacing it) with eventwire's schema and ``n_events`` events."""
    import sqlalchemy as sa

    from eventwire.store import Store
    from eventwire.store.schema import documents, events

    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    Store(db).close()  # tables and indexes exactly as eventwire creates them
    rng = random.Random(seed)
    country, sector = _weighted(COUNTRIES, rng), _weighted(SECTORS, rng, 0.6)
    ptype = _weighted(TYPES, rng, 0.8)
    n_docs = max(1, n_events // 10)
    engine = sa.create_engine(f"sqlite:///{db}")
    index_ddl = []
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN "
                                     "('events','documents') AND sql IS NOT NULL").fetchall():
            index_ddl.append(sql)
            raw.execute(f"DROP INDEX {name}")
        doc_cols = [c.name for c in documents.columns]
        ev_cols = [c.name for c in events.columns if c.name != "pk"]
        doc_sql = f"INSERT INTO documents ({','.join(doc_cols)}) VALUES ({','.join('?' * len(doc_cols))})"
        ev_sql = f"INSERT INTO events ({','.join(ev_cols)}) VALUES ({','.join('?' * len(ev_cols))})"
        t0 = time.perf_counter()
        batch_docs, batch_events = [], []
        made = 0
        for d in range(n_docs):
            published = START + dt.timedelta(days=rng.randrange(DAYS))
            doc_id = f"synthetic-{d:07d}"
            text = " ".join(rng.choices(WORDS, k=160))
            batch_docs.append(dict(
                id=doc_id, content_hash=f"{d:064x}", title=None, published=published.isoformat(), source="SYN",
                url=None, origin=f"synthetic:{d}", lang="en", dateline=None, dates="[]", text=text,
                organisation="local", tlp="CLEAR", ingested_at="2026-01-01 00:00:00.000000"))
            per_doc = 10 if d < n_docs - 1 else n_events - made
            for k in range(per_doc):
                batch_events.append(_event(rng, doc_id, k, published, country, sector, ptype))
            made += per_doc
            if len(batch_events) >= 50_000:
                _flush(raw, doc_sql, doc_cols, batch_docs, ev_sql, ev_cols, batch_events)
                batch_docs, batch_events = [], []
        _flush(raw, doc_sql, doc_cols, batch_docs, ev_sql, ev_cols, batch_events)
        t_rows = time.perf_counter() - t0
        for sql in index_ddl:
            raw.execute(sql)
        # Rows went in behind the Store's back: let the next Store open recompute the longest interval.
        raw.execute("DELETE FROM eventwire_meta WHERE key = 'max_event_span_days'")
        raw.execute("ANALYZE")
        raw.commit()
        t_all = time.perf_counter() - t0
    engine.dispose()
    print(f"built {db}: {n_docs} documents, {n_events} events; rows {t_rows:.1f} s "
          f"({n_events / t_rows:,.0f} events/s), with indexes and ANALYZE {t_all:.1f} s, "
          f"{db.stat().st_size / 1e9:.2f} GB")


def _flush(raw, doc_sql, doc_cols, docs, ev_sql, ev_cols, evs) -> None:
    raw.execute("BEGIN")
    raw.executemany(doc_sql, [tuple(d[c] for c in doc_cols) for d in docs])
    raw.executemany(ev_sql, [tuple(e[c] for c in ev_cols) for e in evs])
    raw.execute("COMMIT")


def _event(rng: random.Random, doc_id: str, k: int, published: dt.date, country, sector, ptype) -> dict:
    src_c, tgt_c = country(), country()
    src, tgt = src_c + sector(), (tgt_c + sector()) if rng.random() < 0.85 else None
    plover, cameo_root = ptype()
    if rng.random() < 0.67:
        start = published - dt.timedelta(days=rng.randrange(8))
        end = start + dt.timedelta(days=rng.choice([0, 0, 0, 0, 6, 30]))
        date = {"text": "on Tuesday", "span": [10, 20], "start": start.isoformat(), "end": end.isoformat(),
                "precision": "day"}
    else:
        start = end = None
        date = None
    loc_c = rng.choice([src_c, tgt_c or src_c])
    evidence = " ".join(rng.choices(WORDS, k=24)).capitalize() + "."
    record = {
        "id": f"{doc_id}-{k}", "sentence_index": k, "span": [100 * k, 100 * k + len(evidence)], "evidence": evidence,
        "trigger": "attacked", "plover_type": plover, "plover_mode": None, "modality": rng.choice(MODALITIES),
        "cameo_code": cameo_root + "0", "quad_class": 4, "goldstein": -10.0,
        "source": {"text": "forces", "code": src, "country": src_c, "sector": src[3:] or None, "actor_ref": 0},
        "target": {"text": "rebels", "code": tgt, "country": tgt_c, "sector": tgt[3:] or None, "actor_ref": 1}
        if tgt else None,
        "location": {"place_ref": 0, "name": "Somewhere", "geonameid": 1000 + k, "lat": 1.5, "lon": 2.5,
                     "country": ALPHA2[loc_c]},
        "date": date, "confidence": 0.7, "context": [],
    }
    return {
        "document_id": doc_id, "ordinal": k, "id": record["id"], "sentence_index": k, "span_start": record["span"][0],
        "span_end": record["span"][1], "evidence": evidence, "trigger": "attacked", "plover_type": plover,
        "plover_mode": None, "modality": record["modality"], "cameo_code": record["cameo_code"], "quad_class": 4,
        "goldstein": -10.0, "source_text": "forces", "source_code": src, "source_country": src_c,
        "source_sector": src[3:] or None, "target_text": "rebels" if tgt else None, "target_code": tgt,
        "target_country": tgt_c if tgt else None, "target_sector": (tgt[3:] or None) if tgt else None,
        "location_name": "Somewhere", "location_geonameid": 1000 + k, "location_lat": 1.5, "location_lon": 2.5,
        "location_country": ALPHA2[loc_c], "date_text": "on Tuesday" if date else None,
        "date_start": start.isoformat() if start else None, "date_end": end.isoformat() if end else None,
        "date_precision": "day" if date else None, "confidence": 0.7, "record": json.dumps(record),
        "effective_start": (start or published).isoformat(), "effective_end": (end or start or published).isoformat(),
    }


QUERIES = [
    ("actor USA", dict(actor="USA")),
    ("actor NIC (rare)", dict(actor="NIC")),
    ("actor USAMIL", dict(actor="USAMIL")),
    ("dyad USA,RUS", dict(dyad="USA,RUS")),
    ("dyad ,UKR", dict(dyad=",UKR")),
    ("dyad NIC,HND (rare)", dict(dyad="NIC,HND")),
    ("type PROTEST", dict(plover_type="PROTEST")),
    ("type PROTEST,ASSAULT", dict(plover_type=["PROTEST", "ASSAULT"])),
    ("date range 1 month", dict(since="2020-03-01", until="2020-03-31")),
    ("date range 1 year", dict(since="2019-01-01", until="2019-12-31")),
    ("since (last month)", dict(since="2024-12-01")),
    ("country UKR", dict(country="UKR")),
    ("country NI (rare)", dict(country="NI")),
    ("actor+type+dates", dict(actor="RUS", plover_type="ASSAULT", since="2022-02-01", until="2022-03-31")),
    ("dyad+dates", dict(dyad="ISR,PSE", since="2023-10-01", until="2023-12-31")),
]


def time_queries(db: Path, repeat: int) -> list[tuple]:
    """Per filter, the best of ``repeat`` runs after a warm-up of: the first page as ``eventwire events``
    asks for it (limit 101: a page of 100 and a look for a next one), the page at offset 10,000, and a
    streamed ``--all`` (``Store.iter_events``): time to its first row, and the whole result's rows/s.
    RETURNS tuples (label, first-page s, rows on it, deep-page s, first streamed row s, all rows, all s)."""
    from eventwire.store import Store

    def best(fn) -> tuple[float, Any]:
        fn()  # warm-up (page cache, statement cache)
        times, out = [], None
        for _ in range(repeat):
            t0 = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t0)
        return min(times), out

    def first_row(store, kwargs):
        rows = store.iter_events(**kwargs)
        row = next(rows, None)
        rows.close()
        return row

    rows = []
    with Store(db) as store:
        for label, kwargs in QUERIES:
            t_page, page = best(lambda: store.query_events(limit=101, **kwargs))
            t_deep, _ = best(lambda: store.query_events(limit=101, offset=10_000, **kwargs))
            t_first, _ = best(lambda: first_row(store, kwargs))
            t_all, n_all = best(lambda: sum(1 for _ in store.iter_events(**kwargs)))
            rows.append((label, t_page, min(len(page), 100), t_deep, t_first, n_all, t_all))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench-store.db"), help="store file to build/reuse")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query (best counts)")
    args = ap.parse_args()
    import sqlite3

    print(corpus.load_line())
    existing = None
    if args.db.exists() and not args.rebuild:
        with sqlite3.connect(args.db) as con:
            existing = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if existing != args.events:
        build(args.db, args.events)
    else:
        print(f"reusing {args.db}: {existing} events")
    from eventwire.store import Store

    with Store(args.db):  # opening migrates an older schema, as any eventwire command would
        pass
    print(f"{'filter':24}{'page ms':>9}{'rows':>6}{'offset 10k ms':>15}{'1st streamed ms':>17}"
          f"{'all rows':>10}{'all s':>8}{'rows/s':>10}")
    worst = 0.0
    for label, t_page, n_page, t_deep, t_first, n_all, t_all in time_queries(args.db, args.repeat):
        worst = max(worst, t_page, t_first)
        print(f"{label:24}{1000 * t_page:9.1f}{n_page:6}{1000 * t_deep:15.1f}{1000 * t_first:17.1f}"
              f"{n_all:10}{t_all:8.2f}{n_all / t_all if t_all else 0:10,.0f}")
    print(f"slowest answer (a first page, or the first row of a streamed --all): {1000 * worst:.1f} ms "
          f"(target <= 200 ms)")

if __name__ == "__main__":
    main()

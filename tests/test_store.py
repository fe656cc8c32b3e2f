"""Store tests on real temp-file SQLite databases with hand-built DocumentResults (no NLP needed)."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from eventwire.records import (
    Actor, ActorRef, DateRef, Dateline, Document, DocumentResult, Event, EventLocation, Figure, Place, Quote,
    Speaker,
)
from eventwire.store import (
    EVENT_COLUMNS, Store, StoreError, content_hash, flatten_event, ingest_paths, resolve_url, store_results,
)
from eventwire.store import schema

MULLEN = (  # our own sentences about a real visit (names, dates and the figure are facts)
    "WASHINGTON (Reuters) — Mike Mullen, the admiral who is the senior US military officer, will visit Mexico "
    "this week for talks with Mexican defence officials. \"Violence along the border keeps rising,\" "
    "Robert Gates, the defense secretary, said on NBC on Sunday. Drug violence killed 5,300 people last year."
)
JUAREZ = "CIUDAD JUAREZ (Reuters) — Mexican police arrested 12 suspected cartel gunmen in Ciudad Juarez on Friday."
ACCUSE = "The United States accused Russia of aggression on Monday."
DENIAL = "Russia did not attack Georgia. China could impose sanctions on the United States."


def span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = text.index(part, start)
    return (i, i + len(part))


def sentence_of(text: str, part: str) -> str:
    i = text.index(part)
    starts = [text.rfind(". ", 0, i), text.rfind("— ", 0, i)]
    begin = max(s + 2 for s in starts) if max(starts) >= 0 else 0
    end = text.find(".", i)
    return text[begin:end + 1]


def make_event(text: str, eid: str, trigger: str, plover: str, cameo: str, quad: int, goldstein: float,
               src: tuple[str, str | None, str | None, str | None] | None,
               tgt: tuple[str, str | None, str | None, str | None] | None, *, modality: str = "asserted",
               mode: str | None = None, location: EventLocation | None = None, date: DateRef | None = None,
               sentence_index: int = 0) -> Event:
    evidence = sentence_of(text, trigger)
    return Event(
        id=eid, sentence_index=sentence_index, span=span(text, evidence), evidence=evidence, trigger=trigger,
        plover_type=plover, plover_mode=mode, modality=modality, cameo_code=cameo, quad_class=quad,
        goldstein=goldstein, source=ActorRef(*src) if src else None, target=ActorRef(*tgt) if tgt else None,
        location=location, date=date, confidence=0.8,
    )


def mullen_result() -> DocumentResult:
    t = MULLEN
    doc = Document(id="sha256:" + content_hash(t), text=t, origin="stories/mullen.txt",
                   title="Mullen to visit Mexico", published=dt.date(2009, 3, 3), source="Reuters",
                   url="https://example.org/mullen",
                   dateline=Dateline(text="WASHINGTON", span=(0, 10), end=t.index("Mike Mullen"), agency="Reuters",
                                     place_ref=0))
    week = DateRef(text="this week", span=span(t, "this week"), start="2009-03-02", end="2009-03-08",
                   precision="week")
    sunday = DateRef(text="on Sunday", span=span(t, "on Sunday"), start="2009-03-01", end="2009-03-01",
                     precision="day")
    places = [
        Place(text="WASHINGTON", span=(0, 10), geonameid=4140963, name="Washington", country="US",
              admin1="District of Columbia", lat=38.895, lon=-77.036, feature_code="PPLC", score=0.93),
        Place(text="Mexico", span=span(t, "Mexico"), geonameid=3996063, name="Mexico", country="MX",
              lat=23.0, lon=-102.0, feature_code="PCLI", score=0.97),
    ]
    actors = [
        Actor(name="Mike Mullen", code="USAMIL", country="USA", sector="MIL", kind="person",
              titles=["Admiral", "senior US military officer"], mentions=[span(t, "Mike Mullen")]),
        Actor(name="Mexico", code="MEX", country="MEX", sector=None, kind="country", mentions=[span(t, "Mexico")]),
        Actor(name="Robert Gates", code="USAGOV", country="USA", sector="GOV", kind="person",
              titles=["Defense Secretary"], mentions=[span(t, "Robert Gates")]),
    ]
    visit = make_event(
        t, "e0", "visit", "CONSULT", "042", 1, 1.9,
        ("Mike Mullen", "USAMIL", "USA", "MIL", 0), ("Mexico", "MEX", "MEX", None, 1),
        modality="planned", mode="visit",
        location=EventLocation(place_ref=1, name="Mexico", geonameid=3996063, lat=23.0, lon=-102.0, country="MX"),
        date=week)
    quotes = [Quote(text="Violence along the border keeps rising",
                    span=span(t, "Violence along the border keeps rising"),
                    speaker=Speaker(name="Robert Gates", actor_ref=2), addressee="NBC", date=sunday)]
    figures = [Figure(kind="fatalities", value=5300, min=5300, max=5300, qualifier="=", unit="people",
                      text="killed 5,300 people last year", span=span(t, "killed 5,300 people last year"),
                      period={"start": "2008-01-01", "end": "2008-12-31"})]
    return DocumentResult(document=doc, events=[visit], actors=actors, places=places, quotes=quotes,
                          figures=figures, dates=[week, sunday])


def juarez_result() -> DocumentResult:
    t = JUAREZ
    doc = Document(id="reuters-juarez-1", text=t, origin="feed.jsonl:2", published=dt.date(2009, 2, 21),
                   source="Reuters")
    friday = DateRef(text="on Friday", span=span(t, "on Friday"), start="2009-02-20", end="2009-02-20",
                     precision="day")
    place = Place(text="Ciudad Juarez", span=span(t, "Ciudad Juarez", 20), geonameid=4013708,
                  name="Ciudad Juárez", country="MX", admin1="Chihuahua", lat=31.72, lon=-106.46,
                  feature_code="PPLA2", score=0.91)
    arrest = make_event(
        t, "e0", "arrested", "COERCE", "173", 4, -5.0,
        ("Mexican police", "MEXCOP", "MEX", "COP", None), ("suspected cartel gunmen", "MEXCRM", "MEX", "CRM", None),
        mode="arrest",
        location=EventLocation(place_ref=0, name="Ciudad Juárez", geonameid=4013708, lat=31.72, lon=-106.46,
                               country="MX"),
        date=friday)
    figures = [Figure(kind="arrests", value=12, min=12, max=12, qualifier="=", unit="people", text="arrested 12",
                      span=span(t, "arrested 12"))]
    return DocumentResult(document=doc, events=[arrest], places=[place], figures=figures, dates=[friday])


def accuse_result() -> DocumentResult:
    t = ACCUSE
    doc = Document(id="sha256:" + content_hash(t), text=t, origin="<text>", published=dt.date(2009, 3, 3))
    accuse = make_event(t, "e0", "accused", "ACCUSE", "112", 3, -2.0,
                        ("The United States", "USA", "USA", None, None), ("Russia", "RUS", "RUS", None, None))
    return DocumentResult(document=doc, events=[accuse])


def denial_result() -> DocumentResult:
    t = DENIAL
    doc = Document(id="denial", text=t, origin="denial.txt", published=dt.date(2008, 8, 8))
    negated = make_event(t, "e0", "attack", "ASSAULT", "190", 4, -10.0, ("Russia", "RUS", "RUS", None, None),
                         ("Georgia", "GEO", "GEO", None, None), modality="negated")
    hypothetical = make_event(t, "e1", "impose", "SANCTION", "163", 4, -8.0, ("China", "CHN", "CHN", None, None),
                              ("the United States", "USA", "USA", None, None), modality="hypothetical",
                              sentence_index=1)
    return DocumentResult(document=doc, events=[negated, hypothetical])


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "events.db"


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


@pytest.fixture
def filled(store):
    for result in (mullen_result(), juarez_result(), accuse_result(), denial_result()):
        assert store.add(result) is True
    return store


def test_round_trip_reads_back_real_values(store, db_path):
    result = mullen_result()
    assert store.add(result) is True

    got = store.get_document(result.document.id)
    expected = result.to_dict(include_text=True)
    for key in ("events", "actors", "places", "quotes", "figures", "dates"):
        assert got[key] == expected[key], key
    for key, value in expected["document"].items():
        assert got["document"][key] == value, key
    assert got["document"]["content_hash"] == content_hash(MULLEN)
    assert got["document"]["organisation"] == "local" and got["document"]["tlp"] == "CLEAR"
    assert got["document"]["published"] == "2009-03-03"
    assert got["document"]["dateline"] == {"text": "WASHINGTON", "span": [0, 10], "end": MULLEN.index("Mike Mullen"),
                                           "agency": "Reuters", "date_text": None, "place_ref": 0}

    [event] = store.query_events()
    assert event["source_code"] == "USAMIL" and event["target_code"] == "MEX"
    assert (event["plover_type"], event["plover_mode"], event["cameo_code"]) == ("CONSULT", "visit", "042")
    assert (event["quad_class"], event["goldstein"], event["modality"]) == (1, 1.9, "planned")
    assert MULLEN[event["span_start"]:event["span_end"]] == event["evidence"]
    assert event["evidence"].startswith("Mike Mullen, the admiral")
    assert (event["date_start"], event["date_end"], event["date_precision"]) == ("2009-03-02", "2009-03-08", "week")
    assert (event["location_geonameid"], event["location_country"], event["location_lat"]) == (3996063, "MX", 23.0)
    assert event["published"] == "2009-03-03"
    assert list(event) == list(EVENT_COLUMNS)

    # The data is on disk: a second Store on the same file sees it, and the raw columns are typed.
    with Store(f"sqlite:///{db_path}") as again:
        assert again.count() == 1
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT date_start, span_start, source_country FROM events").fetchone() == (
        "2009-03-02", event["span_start"], "USA")
    assert con.execute("SELECT kind, value, value_min FROM figures").fetchone() == ("fatalities", 5300.0, 5300.0)
    assert con.execute("SELECT speaker_name, speaker_actor_ref, date_start FROM quotes").fetchone() == (
        "Robert Gates", 2, "2009-03-01")
    assert con.execute("SELECT ordinal, geonameid, country FROM places ORDER BY ordinal").fetchall() == [
        (0, 4140963, "US"), (1, 3996063, "MX")]
    con.close()


def test_flatten_event_matches_stored_row(store):
    result = juarez_result()
    store.add(result)
    contract = result.to_dict()
    assert flatten_event(contract["events"][0], contract["document"]) == store.query_events()[0]


def test_same_document_twice_is_stored_once(store):
    assert store.add(mullen_result()) is True
    assert store.add(mullen_result()) is False
    # Same text under another id is still the same content.
    other = mullen_result()
    other.document.id = "another-id"
    assert store.add(other) is False
    assert store.contains_text(MULLEN)
    assert store.counts() == {"documents": 1, "events": 1, "actors": 3, "places": 2, "quotes": 1, "figures": 1}


def test_same_id_with_other_text_is_refused(store):
    store.add(juarez_result())
    edited = juarez_result()
    edited.document.text = JUAREZ.replace("12", "13")
    with pytest.raises(StoreError, match="document id 'reuters-juarez-1' is already stored with a different text"):
        store.add(edited)
    assert store.count() == 1


def test_filter_by_actor_prefix(filled):
    assert sorted(e["source_code"] for e in filled.query_events(actor="USA")) == ["USA", "USAMIL"]
    assert [e["source_code"] for e in filled.query_events(actor="usamil")] == ["USAMIL"]
    # target side counts too
    assert [e["target_code"] for e in filled.query_events(actor="MEXCRM")] == ["MEXCRM"]
    assert filled.query_events(actor="GBR") == []


def test_streamed_events_and_pages_follow_the_listing_order(filled):
    whole = filled.query_events(include_negated=True)
    assert len(whole) >= 4
    assert list(filled.iter_events(include_negated=True)) == whole
    assert [e["id"] for e in filled.query_events(include_negated=True, limit=2, offset=1)] == \
        [e["id"] for e in whole[1:3]]
    assert [e["id"] for e in filled.iter_events(actor="USA", offset=1)] == \
        [e["id"] for e in filled.query_events(actor="USA")][1:]
    with pytest.raises(ValueError, match="offset must be 0 or more"):
        filled.query_events(offset=-1)


def test_filter_by_dyad(filled):
    assert [e["id"] for e in filled.query_events(dyad="USA,MEX")] == ["e0"]
    assert [e["source_code"] for e in filled.query_events(dyad=("USA", "RUS"))] == ["USA"]
    assert filled.query_events(dyad="MEX,USA") == []
    # target prefix MEX matches MEX (the visit) and MEXCRM (the arrest)
    assert sorted(e["source_code"] for e in filled.query_events(dyad=",MEX")) == ["MEXCOP", "USAMIL"]
    assert [e["target_code"] for e in filled.query_events(dyad="MEX,")] == ["MEXCRM"]
    with pytest.raises(ValueError, match="needs a source and a target"):
        filled.query_events(dyad="USA")


def test_filter_by_type(filled):
    assert [e["cameo_code"] for e in filled.query_events(plover_type="COERCE")] == ["173"]
    assert sorted(e["plover_type"] for e in filled.query_events(plover_type=["consult", "ACCUSE"])) == [
        "ACCUSE", "CONSULT"]


def test_filter_by_date_range(filled):
    # Juarez arrest 2009-02-20; Mullen visit 2009-03-02..08; accusation undated, published 2009-03-03.
    assert [e["cameo_code"] for e in filled.query_events(until="2009-02-28")] == ["173"]
    assert [e["cameo_code"] for e in filled.query_events(since="2009-03-01")] == ["042", "112"]
    # interval overlap: the visit week overlaps 2009-03-05
    assert [e["cameo_code"] for e in filled.query_events(since="2009-03-05", until=dt.date(2009, 3, 5))] == ["042"]
    # undated event falls back to the publication date
    assert [e["cameo_code"] for e in filled.query_events(since="2009-03-03", until="2009-03-03")] == ["042", "112"]
    with pytest.raises(ValueError, match="since '3/1/2009' is not a date; expected YYYY-MM-DD"):
        filled.query_events(since="3/1/2009")


def test_filter_by_country_matches_actors_and_location(filled):
    # MEX: Mullen visit (target MEX), Juarez arrest (source MEX); alpha-2 and alpha-3 both work.
    assert sorted(e["cameo_code"] for e in filled.query_events(country="MEX")) == ["042", "173"]
    assert sorted(e["cameo_code"] for e in filled.query_events(country="mx")) == ["042", "173"]
    assert [e["cameo_code"] for e in filled.query_events(country="RUS")] == ["112"]


def test_negated_and_hypothetical_excluded_by_default(filled):
    default = filled.query_events()
    assert {e["modality"] for e in default} == {"asserted", "planned"}
    assert len(default) == 3
    everything = filled.query_events(include_negated=True)
    assert len(everything) == 5
    assert {e["modality"] for e in everything} >= {"negated", "hypothetical"}
    assert filled.query_events(actor="RUS", plover_type="ASSAULT") == []
    [negated] = filled.query_events(actor="RUS", plover_type="ASSAULT", include_negated=True)
    assert negated["evidence"] == "Russia did not attack Georgia."


def test_modality_filter_selects_exactly_the_named_modalities(filled):
    assert [e["modality"] for e in filled.query_events(modality="planned")] == ["planned"]
    # naming negated returns it although negated events are left out by default
    [negated] = filled.query_events(modality=["negated"])
    assert negated["evidence"] == "Russia did not attack Georgia."
    assert {e["modality"] for e in filled.query_events(modality=("asserted", "hypothetical"))} == \
        {"asserted", "hypothetical"}
    with pytest.raises(ValueError, match="modality sure: not one of"):
        filled.query_events(modality="sure")


def test_order_limit_and_documents(filled):
    # dated events in date order, then by insertion; undated events use the publication date.
    assert [e["cameo_code"] for e in filled.query_events()] == ["173", "042", "112"]
    assert len(filled.query_events(limit=2)) == 2
    assert [e["document_id"] for e in filled.query_events(document_ids=["reuters-juarez-1"])] == ["reuters-juarez-1"]
    assert filled.document_ids("reuters") == ["reuters-juarez-1"]
    assert filled.get_document("no-such-id") is None


def test_failing_document_mid_batch_keeps_the_others(store):
    bad_json = accuse_result()
    bad_json.figures.append(Figure(kind="count", value=1, min=1, max=1, qualifier="=", unit="items",
                                   text="aggression", span=span(ACCUSE, "aggression"),
                                   period={"start": object()}))  # not JSON: fails inside the transaction
    bad_date = denial_result()
    bad_date.events[0].date = DateRef(text="soon", span=(0, 4), start="soon")

    class ReaderError:  # the shape of documents.InputError: origin + reason
        origin, reason = "broken.txt", "empty document"

    items = [mullen_result(), bad_json, juarez_result(), ReaderError(), bad_date, mullen_result()]
    outcomes = list(store_results(store, items))
    assert [o.status for o in outcomes] == ["ingested", "failed", "ingested", "failed", "failed", "skipped"]
    assert outcomes[1].origin == "<text>" and "TypeError" in outcomes[1].error
    assert str(outcomes[3]) == "broken.txt: empty document"
    assert "event 'e0' date start 'soon' is not a date" in outcomes[4].error
    assert store.counts() == {"documents": 2, "events": 2, "actors": 3, "places": 3, "quotes": 1, "figures": 2}
    # nothing of the failed documents is left behind
    with store.engine.connect() as conn:
        for table in (schema.documents, *schema.RECORD_TABLES.values()):
            key = table.c.id if table is schema.documents else table.c.document_id
            assert conn.execute(sa.select(key).where(key.in_([bad_json.document.id, "denial"]))).first() is None


def test_sqlite_pragmas_and_cascade(store, db_path):
    store.add(juarez_result())
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with store.engine.begin() as conn:
        conn.execute(schema.documents.delete())
    assert store.counts() == {"documents": 0, "events": 0, "actors": 0, "places": 0, "quotes": 0, "figures": 0}


def test_tlp_and_organisation(store):
    store.add(juarez_result(), organisation="acme", tlp="AMBER+STRICT")
    doc = store.get_document("reuters-juarez-1")["document"]
    assert (doc["organisation"], doc["tlp"]) == ("acme", "AMBER+STRICT")
    with pytest.raises(ValueError, match="not a TLP 2.0 marking"):
        store.add(accuse_result(), tlp="PURPLE")


def test_store_urls(tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///eventwire.db"
    assert resolve_url("data/events.db") == "sqlite:///data/events.db"
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path}/x.db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path}/env.db"
    with Store() as s:
        s.add(accuse_result())
    assert (tmp_path / "env.db").exists()
    with pytest.raises(StoreError, match="directory .* does not exist"):
        Store(tmp_path / "missing" / "x.db")
    with Store(":memory:") as mem:
        assert mem.add(accuse_result()) and mem.count() == 1


def test_schema_is_portable_to_postgresql():
    dialect = postgresql.dialect()
    ddl = [str(CreateTable(t).compile(dialect=dialect)) for t in schema.metadata.sorted_tables]
    ddl += [str(CreateIndex(i).compile(dialect=dialect)) for t in schema.metadata.sorted_tables for i in t.indexes]
    joined = "\n".join(ddl)
    assert "record JSON NOT NULL" in joined and "published DATE" in joined
    assert "CREATE INDEX ix_events_dyad_country ON events (source_country, target_country)" in joined
    for name in ("source_code", "target_code", "plover_type", "date_start", "location_country", "document_id"):
        assert any(f"ON events ({name})" in d for d in ddl), name


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE eventwire_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 99, newer than this eventwire's"):
        Store(db_path)


class RecordingCoder:
    """Stands in for Pipeline.code_many (no NLP): wraps each Document in an empty DocumentResult,
    passes InputErrors through, and records what it was asked to code."""

    def __init__(self):
        self.coded: list[str] = []

    def code_many(self, items):
        for item in items:
            if isinstance(item, Document):
                self.coded.append(item.origin)
                yield DocumentResult(document=item)
            else:
                yield item


from conftest import SHARED


def shared(rel: str) -> str:
    path = SHARED / rel
    assert path.exists(), f"shared test data missing: {path}"
    return str(path)


def test_ingest_paths_reports_every_input_and_skips_stored_text_before_coding(store):
    paths = [shared("articles/001.json"), shared("badinput/empty.txt"), shared("badinput/mixed.jsonl"),
             shared("articles/002.json")]
    coder = RecordingCoder()
    outcomes = list(ingest_paths(store, paths, pipeline=coder))
    by_origin = {o.origin: o for o in outcomes}
    assert len(outcomes) == 11
    assert by_origin[paths[0]].status == "ingested" and by_origin[paths[3]].status == "ingested"
    assert by_origin[f"{paths[2]}:1"].status == "ingested" and by_origin[f"{paths[2]}:8"].document_id == "ok-2"
    assert str(by_origin[paths[1]]) == f"{paths[1]}: empty document (no text after decoding)"
    assert str(by_origin[f"{paths[2]}:3"]) == f"{paths[2]}:3: no 'text' field"
    assert sum(o.status == "failed" for o in outcomes) == 7
    assert store.count() == 4
    assert store.get_document("ok-1")["document"]["published"] == "2024-05-06"

    again = RecordingCoder()
    outcomes = list(ingest_paths(store, [paths[0], paths[3]], pipeline=again))
    assert [o.status for o in outcomes] == ["skipped", "skipped"]
    assert again.coded == []  # already stored text is not coded again
    assert store.count() == 4


def test_concurrent_writers_on_one_sqlite_file(db_path):
    """Two processes' worth of writers (separate engines) on one file: every document stored, none lost."""
    import threading

    Store(db_path).close()
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            with Store(db_path) as s:
                for i in range(25):
                    r = accuse_result()
                    r.document.text = f"{ACCUSE} ({tag} {i})"
                    r.document.id = f"{tag}-{i}"
                    assert s.add(r) is True
                    # the same text from the other writer's point of view: stored once
                    shared_text = juarez_result()
                    shared_text.document.id = f"{tag}-juarez-{i}"
                    shared_text.document.text = f"{JUAREZ} ({i})"
                    s.add(shared_text)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(db_path) as s:
        assert s.count() == 75


def test_version_1_store_is_migrated_and_filters_as_before(db_path):
    """A schema-1 file (no effective dates, page index or span key) opens as schema 2 with the same answers."""
    with Store(db_path) as s:
        for result in (mullen_result(), juarez_result(), accuse_result(), denial_result()):
            s.add(result)
        before = s.query_events(since="2009-03-01", limit=10)
    con = sqlite3.connect(db_path)
    for name in ("ix_events_page", "ix_events_target_country"):
        con.execute(f"DROP INDEX {name}")
    con.execute("ALTER TABLE events DROP COLUMN effective_start")
    con.execute("ALTER TABLE events DROP COLUMN effective_end")
    con.execute("DELETE FROM eventwire_meta WHERE key = 'max_event_span_days'")
    con.execute("UPDATE eventwire_meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with Store(db_path) as s:
        assert s.query_events(since="2009-03-01", limit=10) == before
        assert [e["cameo_code"] for e in before] == ["042", "112"]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT value FROM eventwire_meta WHERE key = 'schema_version'").fetchone() == ("2",)
    assert con.execute("SELECT value FROM eventwire_meta WHERE key = 'max_event_span_days'").fetchone() == ("6",)
    assert con.execute("SELECT effective_start, effective_end FROM events WHERE cameo_code = '112'").fetchone() == (
        "2009-03-03", "2009-03-03")  # undated: the publication date
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {
        "ix_events_page", "ix_events_target_country"}
    con.close()


def test_date_filter_finds_an_interval_that_began_long_before(filled):
    """Date filters seek by the longest stored interval: a 1990-2010 event still overlaps 2005."""
    result = accuse_result()
    result.document.text += " (archive)"
    result.document.id = "archive"
    result.events[0].date = DateRef(text="from 1990 to 2010", span=(0, 4), start="1990-01-01", end="2010-12-31",
                                    precision="year")
    assert filled.add(result) is True
    assert [e["document_id"] for e in filled.query_events(since="2005-06-01", until="2005-06-30")] == ["archive"]
    assert [e["document_id"] for e in filled.query_events(since="2009-03-01", limit=5)] == [
        "archive", mullen_result().document.id, accuse_result().document.id]
    with Store(filled.url) as again:  # a second Store on the file reads the stored span
        assert [e["document_id"] for e in again.query_events(since="2010-12-31")] == ["archive"]


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    from eventwire.store import Store, StoreError

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 80)
    with pytest.raises(StoreError, match=r"^cannot open database sqlite:///.*garbage.db: file is not a database;"):
        Store(str(garbage))


def test_database_url_of_unknown_kind_is_named():
    with pytest.raises(StoreError, match=r"'foo://bar': unknown database kind 'foo'; use a file path"):
        Store("foo://bar")


def test_another_applications_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (x INTEGER)")
    con.commit()
    con.close()
    for writable in (True, False):
        with pytest.raises(StoreError, match=r"other.db is not an eventwire store \(it holds other tables: documents\)"):
            Store(path, writable=writable)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["documents"]
    con.close()


def test_read_only_store_is_refused_once_for_writing_but_can_be_read(tmp_path):
    path = tmp_path / "ro.db"
    with Store(path) as store:
        store.add(juarez_result())
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    with pytest.raises(StoreError, match="it is read-only"):
        Store(url)
    with Store(url, writable=False) as reader:
        assert reader.count() == 1


def _open_count(path: str) -> int:
    return Store(path).count()


def test_processes_creating_one_new_store_at_once_all_open_it(tmp_path):
    # SQLite does not wait for a lock that a reading transaction must upgrade; opening retries instead
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = str(tmp_path / f"race{round_}.db")
        with ctx.Pool(4) as pool:
            assert pool.map(_open_count, [path] * 4) == [0, 0, 0, 0]


def test_ctrl_c_while_storing_reports_the_stored_document_then_stops(store):
    # the interrupt lands inside store.add, after the document was committed: it is still counted
    import os
    import signal

    from eventwire.pipeline import code_text
    from eventwire.store import store_results

    results = [code_text(text) for text in ("Kenya and Ethiopia signed a border accord on Monday.",
                                              "Police in Nairobi arrested five suspects on Sunday.")]
    add = store.add

    def add_then_interrupt(result, **kwargs):
        stored = add(result, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return stored

    store.add = add_then_interrupt
    seen = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in store_results(store, results):
            seen.append(outcome.status)
    assert seen == ["ingested"] and store.count() == 1


def test_a_store_in_a_folder_this_user_cannot_write_is_opened_read_only_for_queries(filled, db_path, monkeypatch):
    import os

    expected = [e["id"] for e in filled.query_events()]
    filled.close()
    for extra in ("-wal", "-shm"):
        assert not os.path.exists(str(db_path) + extra)  # checkpointed and removed on close
    real_access = os.access
    # the folder is not writable for this user (root would pass any permission check, so it is simulated)
    monkeypatch.setattr(os, "access", lambda p, mode: False if os.fspath(p) == str(db_path.parent) and
                        mode == os.W_OK else real_access(p, mode))
    with Store(db_path, writable=False) as archive:
        assert archive.read_only and [e["id"] for e in archive.query_events()] == expected
        assert archive.count() == 4
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["events.db"]  # no -wal/-shm created


def test_a_missing_driver_names_what_to_install_for_that_database(monkeypatch):
    from eventwire.store import repository

    def no_driver(url, **kwargs):  # as SQLAlchemy fails on a machine without the MySQL driver
        raise ModuleNotFoundError("No module named 'MySQLdb'")

    monkeypatch.setattr(repository.sa, "create_engine", no_driver)
    with pytest.raises(StoreError, match=r"no database driver for mysql .*pip install pymysql and use mysql\+pymysql://"):
        Store("mysql://user@localhost/events")

"""CLI tests through typer.testing.CliRunner: help texts, exact one-line errors, output formats, and
end-to-end coding/ingest on the shared articles and bad inputs (read from ../shared; missing data fails)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import EVENT_COLUMNS, Store
from test_store import accuse_result, denial_result, juarez_result, mullen_result

from conftest import SHARED
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def shared(rel: str) -> Path:
    path = SHARED / rel
    assert path.exists(), f"shared test data missing: {path}"
    return path


@pytest.fixture
def filled_db(tmp_path) -> Path:
    path = tmp_path / "events.db"
    with Store(path) as store:
        for result in (mullen_result(), juarez_result(), accuse_result(), denial_result()):
            store.add(result)
    return path


def _commands(group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        if getattr(cmd, "commands", None):
            yield from _commands(cmd, prefix + (name,))
        yield prefix + (name,), cmd


EXPECTED_COMMANDS = {("code",), ("ingest",), ("events",), ("show",), ("evaluate",), ("demo",), ("gazetteer",),
                     ("gazetteer", "build"), ("gazetteer", "info"), ("gazetteer", "lookup")}


def test_every_command_has_help_with_an_example():
    found = dict(_commands(get_command(app)))
    assert EXPECTED_COMMANDS <= set(found)
    for path, cmd in found.items():
        result = invoke(*path, "--help")
        assert result.exit_code == 0, path
        assert cmd.help and cmd.help.strip(), f"{' '.join(path)} has no help"
        assert "Example:" in result.output and "eventwire " in result.output, f"{' '.join(path)} has no example"
    top = invoke("--help")
    assert top.exit_code == 0 and "--quiet" in top.output


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_bad_published_is_one_exact_line(command, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The United States accused Russia of aggression on Monday.", encoding="utf-8")
    extra = ["--db", str(tmp_path / "x.db")] if command == "ingest" else []
    result = invoke(command, story, "--published", "03/03/2009", *extra)
    assert result.exit_code == 2
    assert result.stderr == "error: --published '03/03/2009' is not a date; expected YYYY-MM-DD, e.g. 2009-03-03\n"
    assert result.stdout == ""
    assert not (tmp_path / "x.db").exists()


def test_events_csv_header_and_rows(filled_db):
    result = invoke("events", "--db", filled_db, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(EVENT_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date_start"], r["source_code"], r["target_code"], r["cameo_code"]) for r in rows] == [
        ("2009-02-20", "MEXCOP", "MEXCRM", "173"),
        ("2009-03-02", "USAMIL", "MEX", "042"),
        ("", "USA", "RUS", "112"),
    ]
    juarez = rows[0]
    assert juarez["location_name"] == "Ciudad Juárez" and juarez["location_geonameid"] == "4013708"
    assert juarez["evidence"] == "Mexican police arrested 12 suspected cartel gunmen in Ciudad Juarez on Friday."
    assert (juarez["span_start"], juarez["published"], juarez["goldstein"]) == ("26", "2009-02-21", "-5.0")
    # commas and quotes inside evidence survive the CSV round trip
    assert rows[1]["evidence"].startswith("Mike Mullen, the admiral who is the senior US military officer, will visit")


def test_events_filters_and_formats(filled_db):
    as_json = json.loads(invoke("events", "--db", filled_db, "--dyad", "USA,MEX", "--format", "json").stdout)
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in as_json] == [("USAMIL", "MEX", "CONSULT")]
    lines = invoke("events", "--db", filled_db, "--include-negated", "--format", "jsonl").stdout.splitlines()
    assert sorted(json.loads(x)["modality"] for x in lines) == [
        "asserted", "asserted", "hypothetical", "negated", "planned"]
    by_modality = json.loads(invoke("events", "--db", filled_db, "--modality", "negated,planned", "--format", "json").stdout)
    assert sorted(e["modality"] for e in by_modality) == ["negated", "planned"]
    typed = json.loads(invoke("events", "--db", filled_db, "--type", "coerce,accuse", "--format", "json").stdout)
    assert sorted(e["cameo_code"] for e in typed) == ["112", "173"]
    country = json.loads(invoke("events", "--db", filled_db, "--country", "MX", "--since", "2009-03-01",
                                "--format", "json").stdout)
    assert [e["cameo_code"] for e in country] == ["042"]
    table = runner.invoke(app, ["events", "--db", str(filled_db), "--actor", "USA"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "USAMIL -> MEX" in table.stdout and "2 events" in table.stdout


def test_events_come_in_pages_and_all_streams_every_event(filled_db):
    every = [json.loads(x) for x in invoke("events", "--db", filled_db, "--include-negated", "--all",
                                           "--format", "jsonl").stdout.splitlines()]
    assert len(every) == 5
    first = invoke("events", "--db", filled_db, "--include-negated", "--limit", "2", "--format", "json")
    assert [e["id"] for e in json.loads(first.stdout)] == [e["id"] for e in every[:2]]
    assert first.stderr == "events 1-2 shown; more match: --offset 2 for the next page, --all for every event\n"
    quiet = invoke("--quiet", "events", "--db", filled_db, "--include-negated", "--limit", "2", "--format", "json")
    assert quiet.stderr == "" and quiet.stdout == first.stdout
    last = invoke("events", "--db", filled_db, "--include-negated", "--limit", "2", "--offset", "4", "--format", "json")
    assert [e["id"] for e in json.loads(last.stdout)] == [every[4]["id"]] and last.stderr == ""
    past = invoke("events", "--db", filled_db, "--include-negated", "--offset", "99", "--format", "json")
    assert (json.loads(past.stdout), past.stderr) == ([], "no events at --offset 99: fewer match\n")
    streamed_csv = list(csv.DictReader(io.StringIO(invoke("events", "--db", filled_db, "--include-negated", "--all",
                                                          "--format", "csv").stdout)))
    assert [r["id"] for r in streamed_csv] == [e["id"] for e in every]
    as_json = json.loads(invoke("events", "--db", filled_db, "--include-negated", "--all", "--format", "json").stdout)
    assert as_json == every


def test_events_usage_errors_are_one_line(filled_db):
    cases = {
        ("--since", "yesterday"): "error: --since 'yesterday' is not a date; expected YYYY-MM-DD, e.g. 2009-03-03\n",
        ("--format", "xml"): "error: --format 'xml' is not a known format; use one of table, json, jsonl, csv\n",
        ("--dyad", "USA"): "error: dyad 'USA' needs a source and a target code, e.g. USA,MEX (either side may be empty)\n",
        ("--since", "2009-03-05", "--until", "2009-03-01"): "error: --since 2009-03-05 is after --until 2009-03-01: no event can match\n",
        ("--type", ","): "error: --type ',' names no type; use one or more of AGREE, CONSULT, SUPPORT, CONCEDE, "
                         "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, "
                         "COERCE, ASSAULT\n",
        ("--all", "--limit", "5"): "error: --all lists every matching event; leave out --limit (or leave out --all to page)\n",
        ("--country", "Kenya"): "error: country 'Kenya' is not an ISO 3166 country code; use alpha-2 or alpha-3, e.g. KE or KEN\n",
        ("--modality", "certain"): "error: --modality 'certain': use one or more of asserted, planned, intended, "
                                   "threatened, negated, hypothetical, requested\n",
        ("--type", "assault,riot"): "error: --type RIOT: not a PLOVER type; use one of AGREE, CONSULT, SUPPORT, "
                                    "CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, "
                                    "SANCTION, MOBILIZE, COERCE, ASSAULT\n",
    }
    for args, message in cases.items():
        result = invoke("events", "--db", filled_db, *args)
        assert (result.exit_code, result.stderr) == (2, message), args


def test_store_that_cannot_be_opened(tmp_path):
    result = invoke("ingest", "--db", tmp_path / "no" / "such" / "dir.db", tmp_path / "x.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot create database ") and result.stderr.count("\n") == 1
    assert "does not exist; create it or choose another --db path" in result.stderr


def test_reading_a_store_that_does_not_exist_is_an_error_not_an_empty_store(tmp_path):
    result = invoke("events", "--db", tmp_path / "typo.db")
    assert result.exit_code == 2
    assert result.stderr == (f"error: no store at {tmp_path / 'typo.db'}: nothing has been ingested there; "
                             "check --db (or EVENTWIRE_DB), or run eventwire ingest first\n")
    assert not (tmp_path / "typo.db").exists()


def test_db_from_environment(filled_db, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", str(filled_db))
    rows = json.loads(invoke("events", "--format", "json").stdout)
    assert len(rows) == 3


def test_show_document(filled_db):
    got = json.loads(invoke("show", "reuters-juarez-1", "--db", filled_db, "--format", "json").stdout)
    assert got["document"]["text"].startswith("CIUDAD JUAREZ (Reuters)")
    assert got["events"][0]["cameo_code"] == "173" and got["figures"][0]["value"] == 12
    text = invoke("show", "reuters", "--db", filled_db)  # a unique beginning of the id is enough
    assert text.exit_code == 0
    assert "arrests: = 12 people" in text.stdout and "Ciudad Juarez -> Ciudad Juárez, Chihuahua, MX" in text.stdout
    missing = invoke("show", "nope", "--db", filled_db)
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: nope: no such document in sqlite:///")
    empty = invoke("show", " ", "--db", filled_db)  # not "the beginning of every id"
    assert empty.exit_code == 2 and empty.stderr.startswith("error: DOC_ID is empty;")


def test_evaluate_refuses_unknown_files(tmp_path):
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"text": "no gold here"}\n', encoding="utf-8")
    result = invoke("evaluate", odd)
    assert result.exit_code == 1
    assert result.stderr == (f'error: {odd}: first record has neither "toponyms" (geo gold) nor "expected" (event '
                             'suite); see ../shared/geo/SOURCES.md and ../shared/suites/README.md for the formats\n')


def test_evaluate_geo_gold_spans():
    result = invoke("evaluate", shared("geo/lgl.jsonl"), "--gold-spans", "--limit", "3", "--json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["kind"] == "geo" and got["docs"] == 3 and 0 <= got["acc161"] <= 1


def test_gazetteer_lookup():
    result = invoke("gazetteer", "lookup", "Ciudad Juarez", "--country", "MX", "--json")
    assert result.exit_code == 0, result.output
    [best, *_] = json.loads(result.stdout)
    assert (best["geonameid"], best["country"]) == (4013708, "MX")
    bad = invoke("gazetteer", "build", "--level", "42")
    assert (bad.exit_code, bad.stderr) == (2, "error: --level '42' is not a gazetteer level; use one of 15000, 5000, "
                                              "1000, 500 (minimum city population)\n")


# -- end to end: the real pipeline ------------------------------------------------------------

def test_code_one_document_prints_one_object():
    result = invoke("code", shared("articles/008.json"), "--format", "json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert isinstance(got, dict)
    assert got["document"]["published"] == "2022-02-22"
    assert set(got) >= {"document", "events", "actors", "places", "quotes", "figures"}


def test_code_jsonl_keeps_input_order_and_reports_failures():
    inputs = [shared("articles/005.json"), shared("badinput/empty.txt"), shared("articles/008.json")]
    result = invoke("code", *inputs, "--format", "jsonl")
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["document"]["origin"].endswith("005.json") and "events" in lines[0]
    assert lines[1]["document"] == {"origin": str(inputs[1])} and "empty" in lines[1]["error"]
    assert lines[2]["document"]["origin"].endswith("008.json")
    assert result.stderr.startswith(f"error: {inputs[1]}: empty") and result.stderr.count("\n") == 1
    several = json.loads(invoke("code", inputs[0], inputs[2]).stdout)
    assert isinstance(several, list) and len(several) == 2


def test_ingest_is_idempotent_and_keeps_going_past_bad_inputs(tmp_path):
    db = tmp_path / "events.db"
    inputs = [shared("articles/001.json"), shared("badinput/binary.txt"), shared("articles/007.json"),
              shared("badinput/mixed.jsonl")]
    first = invoke("ingest", *inputs, "--db", db)
    assert first.exit_code == 1
    errors = first.stderr.splitlines()
    assert errors and all(line.startswith("error: ") for line in errors)
    assert any(line.startswith(f"error: {inputs[1]}: ") for line in errors)
    assert any(line.startswith(f"error: {inputs[3]}:") for line in errors)  # bad JSONL lines, with line numbers
    summary = first.stdout.strip().splitlines()[-1]
    ingested = int(summary.split()[1].rstrip(","))
    assert ingested >= 4  # 001, 007, ok-1, ok-2
    assert summary == f"ingested {ingested}, skipped 0 already stored, failed {len(errors)}"

    with Store(db) as store:
        assert store.count() == ingested
        stored = store.query_events(include_negated=True)
    assert stored, "the shared articles should give events"

    again = invoke("--quiet", "ingest", inputs[0], inputs[2], "--db", db)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    verbose = invoke("ingest", inputs[0], "--db", db)
    assert verbose.stdout.strip() == "ingested 0, skipped 1 already stored, failed 0"
    with Store(db) as store:
        assert store.count() == ingested
        assert len(store.query_events(include_negated=True)) == len(stored)


def test_a_broken_user_table_stops_the_run_once_naming_it(tmp_path, monkeypatch):
    from eventwire.actors.dictionary import default_dictionary
    from eventwire.events.lexicon import default_lexicon

    tables = tmp_path / "actd"
    tables.mkdir()
    (tables / "people.tsv").write_text("name\tcode\tstart\tend\nJane Roe\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Police arrested five men in Lagos on Sunday.", encoding="utf-8")
    default_dictionary.cache_clear()
    try:
        monkeypatch.setenv("EVENTWIRE_ACTOR_DIR", str(tables))
        result = invoke("ingest", doc, "--db", tmp_path / "x.db")
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and "people.tsv:2: expected 4 tab-separated columns" in result.stderr
        monkeypatch.setenv("EVENTWIRE_ACTOR_DIR", str(tmp_path / "nowhere"))
        result = invoke("code", doc)
        assert (result.exit_code, result.stderr) == (
            1, f"error: EVENTWIRE_ACTOR_DIR={tmp_path / 'nowhere'}: not a folder of actor tables\n")
        monkeypatch.delenv("EVENTWIRE_ACTOR_DIR")
        monkeypatch.setenv("EVENTWIRE_VERB_FILE", str(tmp_path / "verbs.tsv"))
        result = invoke("code", doc)
        assert result.stderr == f"error: EVENTWIRE_VERB_FILE={tmp_path / 'verbs.tsv'}: no such file\n"
    finally:
        default_dictionary.cache_clear()
        default_lexicon.cache_clear()


def test_code_with_text_gives_the_repaired_text_spans_point_into(tmp_path):
    doc = tmp_path / "nul.txt"
    doc.write_bytes(b"Police \x00arrested five men in Lagos on Sunday.\r\n")
    got = json.loads(invoke("code", doc, "--text").stdout)
    text = got["document"]["text"]
    assert text == "Police arrested five men in Lagos on Sunday."
    [event] = got["events"]
    assert text[event["span"][0]:event["span"][1]] == event["evidence"] == text
    assert "text" not in json.loads(invoke("code", doc).stdout)["document"]


def test_tables_written_to_a_pipe_are_wide_enough_for_evidence(filled_db, monkeypatch):
    from eventwire.export import PIPED_TABLE_WIDTH, table_console

    monkeypatch.delenv("COLUMNS", raising=False)
    assert table_console(io.StringIO()).width == PIPED_TABLE_WIDTH == 160
    monkeypatch.setenv("COLUMNS", "100")
    assert table_console(io.StringIO()).width == 100


@pytest.mark.parametrize("args, message", [
    (["events", "--limit", "0"],
     "error: Invalid value for '--limit': Input should be greater than or equal to 1 (see 'eventwire events --help')"),
    (["ingest", "x", "--db-path"], "error: No such option: --db-path (Possible options: --db) (see 'eventwire ingest --help')"),
    (["nosuch"], "error: No such command 'nosuch'. (see 'eventwire --help')"),
])
def test_console_entry_point_gives_usage_errors_in_one_line(args, message):
    import subprocess
    import sys

    code = "import sys; from eventwire.cli import run; sys.argv = ['eventwire'] + sys.argv[1:]; run()"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr.strip(), done.stdout) == (2, message, "")


def test_closed_stdin_is_one_error_naming_stdin(tmp_path):
    # run from cron or a service with stdin closed ("eventwire ingest - <&-"): Python then has no sys.stdin
    import os
    import subprocess
    import sys

    code = "import sys; from eventwire.cli import run; sys.argv = ['eventwire'] + sys.argv[1:]; run()"
    done = subprocess.run([sys.executable, "-c", code, "ingest", "-", "--db", str(tmp_path / "x.db")],
                          capture_output=True, text=True, timeout=120, stdin=None, preexec_fn=lambda: os.close(0))
    assert done.returncode == 1
    assert done.stderr.strip() == "error: <stdin>: not available (standard input is closed)"


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """A store with 600 events (300 copies of two hand-built documents, each text made unique): its listings
    are far larger than a pipe's buffer, so a reader that stops early really closes the pipe on the writer."""
    import dataclasses

    from eventwire.store import content_hash

    path = tmp_path_factory.mktemp("big") / "events.db"
    with Store(path) as store:
        for i in range(300):
            for base in (juarez_result(), accuse_result()):
                text = f"{base.document.text} Item {i}."
                doc = dataclasses.replace(base.document, id="sha256:" + content_hash(text), text=text)
                store.add(dataclasses.replace(base, document=doc))
    return path


def _run_piped(args: list[str], lines: int) -> tuple[int, list[bytes], bytes]:
    """Run the console entry point with stdout into a pipe whose reader takes ``lines`` lines and closes it
    (``eventwire ... | head -N``); return the exit status, the lines read and all of stderr."""
    import subprocess
    import sys

    code = "import sys; from eventwire.cli import run; sys.argv = ['eventwire'] + sys.argv[1:]; run()"
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got = [proc.stdout.readline() for _ in range(lines)]
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(timeout=120), got, err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "table"])
def test_a_reader_that_stops_early_ends_the_listing_quietly(big_db, fmt):
    status, lines, err = _run_piped(["events", "--db", str(big_db), "--all", "--format", fmt], 3)
    assert (status, err) == (0, b"")
    if fmt == "jsonl":
        first = [json.loads(x) for x in lines]
        assert [(e["cameo_code"], e["source_code"], e["target_code"]) for e in first] == [("173", "MEXCOP", "MEXCRM")] * 3
    elif fmt == "csv":
        assert lines[0].decode().rstrip("\n") == ",".join(EVENT_COLUMNS)
    elif fmt == "json":
        assert lines[0] == b"[\n" and lines[1] == b"  {\n"
    else:
        assert lines[0].decode().strip() == "600 events"


def test_a_reader_that_stops_early_ends_a_page_and_other_commands_quietly(big_db):
    status, lines, err = _run_piped(["events", "--db", str(big_db), "--limit", "500", "--format", "jsonl"], 1)
    assert (status, err, json.loads(lines[0])["cameo_code"]) == (0, b"", "173")  # no 'more match' note either
    # a reader that closes before anything is written: the output still buffered meets the closed pipe at exit
    status, lines, err = _run_piped(["--version"], 0)
    assert (status, lines, err) == (0, [], b"")
    status, lines, err = _run_piped(["show", "reuters", "--db", str(big_db)], 0)  # errors are still reported
    assert status == 1 and err.startswith(b"error: reuters: no such document")


def test_an_undated_event_shows_its_publication_date_marked_or_undated(filled_db):
    from rich.console import Console

    from eventwire.export import write_table

    table = runner.invoke(app, ["events", "--db", str(filled_db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    rows = [line for line in table.stdout.splitlines() if "->" in line]
    cells = [[c.strip() for c in line.split("│")[1:3]] for line in rows]
    assert cells == [["2009-02-20", "MEXCOP -> MEXCRM"], ["2009-03-02", "USAMIL -> MEX"],
                     ["2009-03-03 (published)", "USA -> RUS"]]  # the accusation has no date of its own
    # dimmed on a terminal; no publication date either: 'undated'
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=200)
    write_table([{"date_start": None, "published": None, "source_code": "USA", "evidence": "x"},
                 {"date_start": None, "published": "2009-03-03", "source_code": "RUS", "evidence": "y"},
                 {"date_start": "2009-02-20", "published": "2009-02-21", "source_code": "MEX", "evidence": "z"}],
                console)
    text = out.getvalue()
    assert "\x1b[2mundated" in text and "\x1b[2m2009-03-03 (published)" in text
    assert "2009-02-20" in text and "\x1b[2m2009-02-20" not in text and "2009-02-21" not in text
    assert "undated" in invoke("events", "--help").stdout


def test_table_cells_are_text_not_markup():
    """Square brackets are common in quoted news text ("[the minister]"); the table shows them as written."""
    from eventwire.export import write_table

    out = io.StringIO()
    write_table([{"date_start": "2009-03-02", "source_code": "USA", "target_code": "[MEX]", "location_name": "[b]Here",
                  "evidence": "He said [the minister] was late [/] and [bold]angry."}], out)
    text = out.getvalue()
    assert "He said [the minister] was late [/] and [bold]angry." in text
    assert "USA -> [MEX]" in text and "[b]Here" in text


def test_evaluate_names_plain_reasons_for_unreadable_inputs(tmp_path):
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\xff\xfe\x81" * 50)
    result = runner.invoke(app, ["evaluate", str(tmp_path / "none.jsonl"), str(binary)])
    assert f"error: {tmp_path / 'none.jsonl'}: no such file" in result.output
    assert f"error: {binary}: not UTF-8 text (undecodable byte at offset 1); is it a binary file?" in result.output

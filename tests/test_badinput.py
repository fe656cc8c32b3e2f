"""Every file of ../shared/badinput behaves as its README table says, at the reading stage.

Each input is either read into a Document whose text is its bytes decoded (or repaired), or refused with a
one-line InputError naming the file (and the line, for JSON Lines) and the reason.
"""
from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from eventwire.documents import InputError, document_from_text, read_inputs
from eventwire.records import Document

# What each file must give. Files with a test of their own are listed in OWN_TESTS.
REFUSED = {
    "empty.txt": "empty document (no text after decoding)",
    "whitespace_only.txt": "empty document (no text after decoding)",
    "binary.txt": "not text (binary content: no text encoding fits)",
    "not_really.html": "not text (binary content: PNG image)",
}
# Decodable files and the encoding their bytes are in (badinput/README.md): the document's text must be
# exactly those bytes decoded, with no BOM and no NUL (the texts stay in ../shared; nothing is copied here).
DECODED = {"latin1.txt": "latin-1", "cp1252_quotes.txt": "cp1252", "utf16_bom.txt": "utf-16",
           "utf8_bom.txt": "utf-8-sig", "brackets_spaces.txt": "utf-8", "nul_bytes.txt": "utf-8"}
# Files that need repair, and the words the README says the repaired text must hold.
REPAIRED = {"mojibake.txt": ("president's", "Querétaro"), "question_apostrophe.txt": ("We've", "It's", "Don't"),
            "rtl_mixed.txt": ("بغداد", "Baghdad"), "emoji_controls.txt": ("Nairobi",)}
TEXTS = set(DECODED) | set(REPAIRED)
OWN_TESTS = {"all_caps_wire.txt", "no_punctuation_long_line.txt", "mixed.jsonl", "hostile.html", "README.md"}


@pytest.fixture(scope="module")
def badinput(shared: Path) -> Path:
    path = shared / "badinput"  # `shared` (tests/conftest.py) fails, never skips, when data is missing
    assert (path / "README.md").is_file(), f"shared bad-input corpus missing at {path}"
    return path


def read(badinput: Path, name: str) -> list[Document | InputError]:
    return list(read_inputs([str(badinput / name)]))


def read_one_document(badinput: Path, name: str) -> Document:
    [item] = read(badinput, name)
    assert isinstance(item, Document), str(item)
    return item


def read_one_error(badinput: Path, name: str) -> InputError:
    [item] = read(badinput, name)
    assert isinstance(item, InputError), item
    assert item.origin == str(badinput / name)
    assert "\n" not in str(item)
    return item


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_a_one_line_reason(badinput, name):
    err = read_one_error(badinput, name)
    assert str(err) == f"{badinput / name}: {REFUSED[name]}"


@pytest.mark.parametrize("name", sorted(DECODED))
def test_decoded_text_is_the_bytes_in_their_encoding(badinput, name):
    """Accented letters and typographic quotes kept, no byte-order mark, NULs removed, brackets and double
    spaces as written."""
    doc = read_one_document(badinput, name)
    raw = (badinput / name).read_bytes().decode(DECODED[name]).lstrip("\ufeff")
    assert doc.text == raw.replace("\x00", "").strip()
    assert "\ufeff" not in doc.text and "\x00" not in doc.text
    assert doc.dateline is None


@pytest.mark.parametrize("name", sorted(REPAIRED))
def test_repaired_text(badinput, name):
    """Mojibake and ?-apostrophes repaired, invisible control characters gone."""
    doc = read_one_document(badinput, name)
    for word in REPAIRED[name]:
        assert word in doc.text, word
    assert "â€" not in doc.text and "?ve" not in doc.text and "?s " not in doc.text
    assert not [c for c in doc.text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t"]
    assert doc.dateline is None


@pytest.mark.parametrize("name, word", [("rtl_mixed.txt", "بغداد"), ("emoji_controls.txt", "Nairobi")])
def test_offsets_are_not_shifted_by_control_characters(badinput, name, word):
    doc = read_one_document(badinput, name)
    start = doc.text.index(word)
    assert doc.text[start:start + len(word)] == word
    assert doc.text[start + len(word)] in " )"  # no invisible character glued to the word


def test_all_caps_wire_is_read_with_its_dateline(badinput):
    doc = read_one_document(badinput, "all_caps_wire.txt")
    assert (doc.dateline.text, doc.dateline.span, doc.dateline.date_text, doc.dateline.agency) == \
        ("BOGOTA", (0, 6), "12 MAY 89", None)
    raw = (badinput / "all_caps_wire.txt").read_text(encoding="utf-8")
    # the body is everything after the wire separator and its bracketed tags, unchanged (the text stays
    # in ../shared)
    assert doc.text[doc.dateline.end:] == re.sub(r"^\s*(\[[^\]]*\]\s*)+", "", raw.split("--", 1)[1]).strip()
    assert "SARAVENA" in doc.text[doc.dateline.end:]


def test_long_line_without_punctuation_is_read_quickly(badinput):
    started = time.perf_counter()
    doc = read_one_document(badinput, "no_punctuation_long_line.txt")
    assert time.perf_counter() - started < 10
    assert len(doc.text) == (badinput / "no_punctuation_long_line.txt").stat().st_size
    assert doc.text == (badinput / "no_punctuation_long_line.txt").read_text(encoding="utf-8")
    assert doc.dateline is None


def test_mixed_jsonl_reads_the_good_lines_and_reports_every_other_line(badinput):
    items = read(badinput, "mixed.jsonl")
    path = badinput / "mixed.jsonl"
    docs = [item for item in items if isinstance(item, Document)]
    assert [(d.id, d.origin, d.published, d.text) for d in docs] == [
        ("ok-1", f"{path}:1", dt.date(2024, 5, 6), "The president of Kenya visited Uganda on Monday."),
        ("ok-2", f"{path}:8", dt.date(2021, 10, 8),
         "Mexico and the United States signed a security agreement on Friday."),
    ]
    assert [str(item) for item in items if isinstance(item, InputError)] == [
        f"{path}:2: malformed JSON (Unterminated string starting at col 28)",
        f"{path}:3: no 'text' field",
        f"{path}:4: 'text' is not a string",
        f"{path}:5: 'published' is not an ISO date (YYYY-MM-DD): 'not-a-date'",
        f"{path}:6: not a JSON object (got array)",
        f"{path}:7: blank line (expected a JSON object)",
    ]


def test_hostile_html_main_text_without_scripts_and_without_fetching(badinput, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("reading HTML must not open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    doc = read_one_document(badinput, "hostile.html")
    assert doc.title == "Ministers meet in Nairobi"
    assert doc.text == (
        "NAIROBI (Wire) - The foreign ministers of Kenya and Uganda met in Nairobi on Tuesday and agreed to "
        "reopen the border, officials said.\n\"We have agreed to work together,\" the Kenyan minister said.")
    assert (doc.dateline.text, doc.dateline.agency) == ("NAIROBI", "Wire")
    for junk in ("for(;;)", "body{}", "alert", "127.0.0.1", "Buy now", "Home | World", "javascript"):
        assert junk not in doc.text


def test_the_whole_corpus_streams_without_stopping_and_every_error_is_one_line(badinput):
    items = list(read_inputs([str(badinput)]))
    read_names = [Path(i.origin).name for i in items if isinstance(i, Document)]
    assert read_names == [  # the folder's README.md is not walked (markdown is not a news format)
        "all_caps_wire.txt", "brackets_spaces.txt", "cp1252_quotes.txt", "emoji_controls.txt",
        "hostile.html", "latin1.txt", "mixed.jsonl:1", "mixed.jsonl:8", "mojibake.txt",
        "no_punctuation_long_line.txt", "nul_bytes.txt", "question_apostrophe.txt", "rtl_mixed.txt",
        "utf16_bom.txt", "utf8_bom.txt",
    ]
    refused = [Path(i.origin).name for i in items if isinstance(i, InputError)]
    assert refused == ["binary.txt", "empty.txt"] + [f"mixed.jsonl:{n}" for n in range(2, 8)] + \
        ["not_really.html", "whitespace_only.txt"]
    assert all("\n" not in str(i) for i in items if isinstance(i, InputError))


def test_generated_document_over_50_mb_gets_the_size_error_in_bounded_memory(tmp_path):
    big = tmp_path / "huge_article.txt"
    with open(big, "w", encoding="utf-8") as f:
        paragraph = "Officials in Nairobi said talks with Uganda would resume on Monday. " * 100 + "\n"
        while f.tell() < 52_400_000:
            f.write(paragraph)
    size_mb = big.stat().st_size / 1e6
    tracemalloc.start()
    try:
        [err] = read_inputs([str(big)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(err) == f"{big}: too large: {size_mb:.1f} MB exceeds the 50 MB limit (--max-bytes)"
    assert peak < 5_000_000


def test_every_badinput_file_is_covered(badinput):
    assert set(REFUSED) | set(TEXTS) | OWN_TESTS == {p.name for p in badinput.iterdir()}


def test_symlink_loop_inside_a_directory_is_reported_and_the_walk_goes_on(tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "a.txt").write_text("Troops clashed in Mali.")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(i.origin).name for i in items if isinstance(i, Document)] == ["a.txt"]
    assert [str(i) for i in items if not isinstance(i, Document)] == [
        f"{tmp_path / 'loop.txt'}: cannot read (Too many levels of symbolic links)"]


def test_overlong_documents_are_refused_by_name(pipeline):
    from eventwire.pipeline import MAX_CODE_CHARS

    doc = document_from_text("Rebels attacked. " * (MAX_CODE_CHARS // 17 + 10), origin="huge.txt")
    [err] = list(pipeline.code_many([doc]))
    assert str(err).startswith("huge.txt: too long to code: 1,000,")


def test_unspaced_runs_and_run_on_sentences_still_give_results(pipeline):
    # no sentence breaks and 30,000-character words: coded (without events), not hung or crashed
    text = "rebels attacked the town and " * 2000 + "x" * 30000
    [result] = list(pipeline.code_many([document_from_text(text, origin="runon.txt")]))
    assert result.events == [] and result.document.origin == "runon.txt"


def test_long_documents_are_parsed_in_pieces_with_the_same_result(pipeline, monkeypatch):
    import eventwire.pipeline as pipeline_module
    from eventwire.documents import Document

    paragraphs = [
        "Rebels attacked a police post near Goma on Friday, killing four officers.",
        "The army said it would respond. Officials in Kinshasa condemned the attack.",
        "Police arrested 12 suspects in Bukavu on Saturday, a spokesman said.",
    ] * 4
    text = "\n".join(paragraphs)
    whole = pipeline.code(Document(id="w", text=text, origin="w"))
    monkeypatch.setattr(pipeline_module, "PARSE_CHUNK_CHARS", 300)
    pieces = list(pipeline_module._pieces(text))
    assert "".join(pieces) == text and len(pieces) >= 3 and all(len(p) <= 300 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])
    sdoc = pipeline.parse(Document(id="c", text=text, origin="c"))
    assert sdoc.text == text
    chunked = pipeline.code(Document(id="c", text=text, origin="c"))
    key = lambda r: [(e.plover_type, e.cameo_code, e.span, e.source and e.source.code, e.target and e.target.code)
                     for e in r.events]
    assert key(chunked) == key(whole) and len(whole.events) >= 8


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    import os

    good = tmp_path / "good.txt"
    good.write_text("Kenyan police arrested two men in Nairobi.", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # a writer that ends the wait should the pipe ever be opened for reading (the test fails, not hangs)
    threading.Thread(target=lambda: open(fifo, "wb").close(), daemon=True).start()
    items = list(read_inputs([str(good), str(fifo)]))
    assert isinstance(items[0], Document)
    assert str(items[1]) == f"{fifo}: a named pipe (FIFO), not a file; pass its content on standard input ('-') instead"


def _deep_page(levels: int, lead: str = "") -> str:
    story = "<p>Kenyan police arrested twelve suspects in Nairobi on Sunday, a spokesman said.</p>" * 3
    return f"<html><body>{lead}" + "<div>" * levels + story + "</div>" * levels + "</body></html>"


def test_deeply_nested_html_keeps_its_text_or_says_why(tmp_path):
    # 500 levels: deeper than libxml2's default 256, read in full; a shallow fragment must not replace it
    page = tmp_path / "deep.html"
    page.write_text(_deep_page(500, lead="<div>x</div>"), encoding="utf-8")
    [doc] = list(read_inputs([str(page)]))
    assert doc.text.count("Kenyan police arrested twelve suspects") == 3
    # beyond what the parser reads at all: a clear error, not a fragment stored as the story
    page.write_text(_deep_page(5000, lead="<div>x</div>"), encoding="utf-8")
    [err] = list(read_inputs([str(page)]))
    assert str(err) == f"{page}: HTML nested too deeply to read its text (more than 2,000 levels of tags)"

"""Tests for eventwire.documents: text repair, datelines, decoding and the input readers."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import pickle
import sys
from pathlib import Path

import pytest

from eventwire.documents import (
    InputError,
    decode_bytes,
    document_from_text,
    read_inputs,
    repair_text,
    split_dateline,
)
from eventwire.records import Document

SEED = "seed/000_c33082421bb197e9.txt"  # inside the `shared` fixture's folder (tests/conftest.py)


def read_all(*paths, **kwargs) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def errors(items) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


def documents(items) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


# ---------------------------------------------------------------- InputError


def test_input_error_message_attributes_and_pickling():
    err = InputError("news/a.jsonl:3", "no 'text' field")
    assert (err.origin, err.reason) == ("news/a.jsonl:3", "no 'text' field")
    assert str(err) == "news/a.jsonl:3: no 'text' field"
    assert isinstance(err, Exception)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.origin, copy.reason, str(copy)) == (err.origin, err.reason, str(err))


def test_input_error_is_always_one_line():
    assert str(InputError("a.txt", "first\nsecond")) == "a.txt: first second"


# ---------------------------------------------------------------- repair_text


@pytest.mark.parametrize("damaged, repaired", [
    ("We?ve offered", "We've offered"),
    ("It?s time", "It's time"),
    ("Don?t worry", "Don't worry"),
    ("the president?s envoy", "the president's envoy"),
    ("I?m here", "I'm here"),
    ("they?re late", "they're late"),
    ("we?ll see", "we'll see"),
    ("I?d say", "I'd say"),
    ("WE?VE WON", "WE'VE WON"),
    ("Sean O?Brien", "Sean O'Brien"),
    ("Côte d?Ivoire", "Côte d'Ivoire"),
])
def test_repair_question_mark_apostrophes(damaged, repaired):
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize("text", [
    "Why?Because they can.",
    "Is it ok?",
    "Is it ok? Yes.",
    "Who?Me?",
    "Quer?taro",  # a lost accent, not an apostrophe
])
def test_real_question_marks_stay(text):
    assert repair_text(text) == text


def test_repair_removes_controls_bom_and_normalises_line_breaks():
    assert repair_text("\ufeffOne\r\ntwo\rthree\x00 four\x07\x1b five\tsix\x7f") == "One\ntwo\nthree four five\tsix"


def test_repair_turns_form_feeds_into_line_breaks():
    assert repair_text("page one\fpage two\vend") == "page one\npage two\nend"


def test_repair_removes_zero_width_and_bidi_controls_but_keeps_joiners():
    assert repair_text("Nairobi\u200b on Monday\u202e, \u2066x\u2069") == "Nairobi on Monday, x"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert repair_text(family) == family


def test_repair_fixes_mojibake_and_keeps_curly_quotes_and_accents():
    assert repair_text("QuerÃ©taro") == "Querétaro"
    assert repair_text("“We will respond,” he said in Medellín – ‘soon’") == \
        "“We will respond,” he said in Medellín – ‘soon’"


def test_repair_writes_in_word_apostrophes_as_ascii():
    assert repair_text("The presidentâ€™s envoy") == "The president's envoy"
    assert repair_text("We’ve said ‘no’ to the officials’ plan") == "We've said ‘no’ to the officials’ plan"


def test_repair_leaves_clean_text_alone():
    text = "Officials in بغداد (Baghdad) said 5,300 people (about 40%) fled.\n\nNew paragraph."
    assert repair_text(text) == text


# ---------------------------------------------------------------- split_dateline


@pytest.mark.parametrize("text, place, agency, date_text, body", [
    ("BRASILIA (AFP) — The navy's chief of staff", "BRASILIA", "AFP", None, "The navy's"),
    ("MEXICO CITY, Oct 14 (Reuters) - Mexico said", "MEXICO CITY", "Reuters", "Oct 14", "Mexico said"),
    ("KABUL, Afghanistan (AP) — A bomb exploded", "KABUL, Afghanistan", "AP", None, "A bomb"),
    ("NAIROBI, March 3 (Reuters) -Kenya said", "NAIROBI", "Reuters", "March 3", "Kenya said"),
    ("LONDON — The prime minister", "LONDON", None, None, "The prime"),
    ("BOGOTA, Colombia —Rebels attacked", "BOGOTA, Colombia", None, None, "Rebels"),
    ("BRUSSELS (Reuters) – Finance ministers", "BRUSSELS", "Reuters", None, "Finance"),
    ("LONDON—The talks", "LONDON", None, None, "The talks"),
    ("WASHINGTON, D.C. (AP) -- Lawmakers", "WASHINGTON, D.C.", "AP", None, "Lawmakers"),
    ("BERLIN (dpa)\nThe government", "BERLIN", "dpa", None, "The government"),
    ("MAJURO, Marshall Islands (AP) — The president", "MAJURO, Marshall Islands", "AP", None, "The president"),
    ("PARIS, Sept. 5, 2023 (AFP) - France", "PARIS", "AFP", "Sept. 5, 2023", "France"),
    ("MALE: The foreign minister arrived", "MALE", None, None, "The foreign"),
    # a region whose name has lower-case joining words
    ("BUKAVU, Democratic Republic of Congo, June 2 (Reuters) - Rebels said", "BUKAVU, Democratic Republic of Congo",
     "Reuters", "June 2", "Rebels said"),
    ("SAN FERNANDO, Trinidad and Tobago (AP) — Police said", "SAN FERNANDO, Trinidad and Tobago", "AP", None, "Police"),
    ("Bangkok\n\nRiot police cleared the square", "Bangkok", None, None, "Riot police"),
    ("BOGOTA, 12 MAY 89 -- [TEXT] GUERRILLAS ATTACKED", "BOGOTA", None, "12 MAY 89", "GUERRILLAS"),
    ("SAN MIGUEL, 4 FEB 90 -- [REPORT] [ARMY PRESS OFFICE, SAN MIGUEL] [TEXT] THE BRIGADE",
     "SAN MIGUEL", None, "4 FEB 90", "THE BRIGADE"),
])
def test_split_dateline_styles(text, place, agency, date_text, body):
    dateline = split_dateline(text)
    assert (dateline.text, dateline.agency, dateline.date_text) == (place, agency, date_text)
    assert text[dateline.span[0]:dateline.span[1]] == place
    assert text[dateline.end:].startswith(body)


def test_split_dateline_after_leading_whitespace_gives_offsets_into_the_text():
    dateline = split_dateline("\n  LONDON - Talks resumed")
    assert (dateline.text, dateline.span, dateline.end) == ("LONDON", (3, 9), 12)


@pytest.mark.parametrize("text", [
    "The president said — we will not back down.",
    "Two of the four - survivors were found.",
    "COVID-19 cases rose on Monday.",
    "UPDATE: the talks resumed.",
    "BREAKING — talks collapse",
    "Q: What did the minister say?",
    "Washington (AFP) said nothing",  # the place must be ALL CAPS
    "WASHINGTON officials said on Monday that talks would resume.",
    "LONDON, he said — the talks",
    "WASHINGTON —",  # no story after it
    "The talks in\n\nGeneva resumed.",
    "A" * 90 + " (AFP) — late",
    "",
])
def test_split_dateline_does_not_fire_on_ordinary_openings(text):
    assert split_dateline(text) is None


# ---------------------------------------------------------------- document_from_text


def test_document_from_text_repairs_splits_and_hashes():
    doc = document_from_text("KABUL, Afghanistan (AP) — We?ve seen it.\r\n", origin="<text>")
    assert doc.text == "KABUL, Afghanistan (AP) — We've seen it."
    assert doc.id == "sha256:" + hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert doc.source == "AP"
    assert doc.origin == "<text>"
    assert (doc.dateline.text, doc.dateline.agency, doc.text[doc.dateline.end:]) == \
        ("KABUL, Afghanistan", "AP", "We've seen it.")
    assert (doc.title, doc.published, doc.url, doc.lang) == (None, None, None, "en")


def test_document_from_text_keeps_given_fields():
    doc = document_from_text("LONDON (Reuters) - Talks resumed.", origin="x.txt", id="story-7",
                             title="Talks  resumed\u200b", published=dt.date(2024, 5, 6),
                             source="BBC", url="https://example.org/a")
    assert (doc.id, doc.title, doc.published, doc.source, doc.url) == \
        ("story-7", "Talks  resumed", dt.date(2024, 5, 6), "BBC", "https://example.org/a")
    assert doc.dateline.agency == "Reuters"


def test_same_text_gives_same_id():
    a = document_from_text("Talks resumed.\n", origin="a")
    b = document_from_text("\ufeffTalks resumed.", origin="b")
    assert a.id == b.id


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x00", "\ufeff\u200b"])
def test_document_from_text_refuses_empty_text(text):
    with pytest.raises(InputError) as info:
        document_from_text(text, origin="empty.txt")
    assert str(info.value) == "empty.txt: empty document (no text after decoding)"


# ---------------------------------------------------------------- decode_bytes

SAMPLE = "Le ministre a rencontré le président à Bogotá; “We will respond,” he said."


@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
    SAMPLE.encode("utf-16"),  # with BOM
    b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
    SAMPLE.encode("utf-32"),
    SAMPLE.encode("cp1252"),
    (SAMPLE * 4).encode("utf-16-le"),  # no BOM: detected
], ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf32", "cp1252", "utf16-no-bom"])
def test_decode_bytes_encodings(data):
    assert decode_bytes(data, "a.txt").startswith(SAMPLE)


def test_decode_bytes_latin1_accents():
    data = "Le ministre a rencontré le président à Bogotá lundi à Ciudad Juárez.".encode("latin-1")
    assert decode_bytes(data, "a.txt") == "Le ministre a rencontré le président à Bogotá lundi à Ciudad Juárez."


def test_decode_bytes_empty_is_empty_text():
    assert decode_bytes(b"", "a.txt") == ""


def test_decode_bytes_keeps_a_few_nuls_for_repair():
    assert decode_bytes(b"The envoy\x00 arrived.", "a.txt") == "The envoy\x00 arrived."


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n" + b"text" * 100, "not text (binary content: PNG image)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not text (binary content: PDF document)"),
    (b"ab\x00\x01" * 200, "not text (binary content: 50% control characters)"),
    (bytes(range(256)) * 20, "not text (binary content: no text encoding fits)"),
])
def test_decode_bytes_refuses_binary(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "blob.txt")
    assert (info.value.origin, info.value.reason) == ("blob.txt", reason)


# ---------------------------------------------------------------- read_inputs: files


def test_seed_article(shared):
    [doc] = read_all(shared / SEED)
    assert doc.origin == str(shared / SEED)
    assert (doc.dateline.text, doc.dateline.agency, doc.dateline.span) == ("WASHINGTON", "AFP", (0, 10))
    raw = (shared / SEED).read_text(encoding="utf-8")
    first_words = raw.split("—", 1)[1].split()[:6]  # the body's opening words, read from the file itself
    assert doc.text[doc.dateline.end:].split()[:6] == first_words
    assert doc.source == "AFP"
    assert "We've" in doc.text and "?" not in doc.text
    assert doc.id == "sha256:" + hashlib.sha256(doc.text.encode()).hexdigest()


def test_json_article_fields(shared):
    record = json.loads((shared / "articles/001.json").read_text(encoding="utf-8"))
    [doc] = read_all(shared / "articles/001.json")
    assert doc.title == record["title"]
    assert doc.published == dt.date(2023, 3, 7)
    assert doc.source == "Bobr Times"
    assert doc.url == record["url"]
    assert doc.text == record["text"].strip()  # curly quotes and all, unchanged by repair
    assert doc.id.startswith("sha256:") and doc.dateline is None


def test_article_datelines_match_the_gold(shared):
    for number in range(1, 11):
        [doc] = read_all(shared / f"articles/{number:03d}.json")
        gold = json.loads((shared / f"articles/{number:03d}.gold.json").read_text())["dateline"]
        found = doc.dateline and {"place": doc.dateline.text, "agency": doc.dateline.agency}
        expected = gold and {"place": gold["place"], "agency": gold["agency"]}
        assert found == expected, doc.origin


def test_articles_directory_skips_gold_annotation_files(shared):
    items = read_all(shared / "articles", extensions=(".json",))
    assert [d.origin for d in documents(items)] == [str(shared / f"articles/{n:03d}.json") for n in range(1, 11)]
    assert errors(items) == []
    # named explicitly, an annotation file is read, and reported for what it lacks
    gold = shared / "articles/001.gold.json"
    assert errors(read_all(gold)) == [f"{gold}: no 'text' field"]


def test_missing_path():
    assert errors(read_all("no/such/file.txt")) == ["no/such/file.txt: no such file or directory"]


def test_published_applies_to_inputs_without_their_own_date(tmp_path):
    (tmp_path / "a.txt").write_text("Talks resumed.")
    (tmp_path / "b.jsonl").write_text(
        '{"text": "Dated.", "published": "2021-10-08T14:30:00+02:00"}\n{"text": "Undated."}\n')
    items = read_all(tmp_path / "a.txt", tmp_path / "b.jsonl", published=dt.date(2020, 1, 2))
    assert [(d.text, d.published) for d in items] == [
        ("Talks resumed.", dt.date(2020, 1, 2)),
        ("Dated.", dt.date(2021, 10, 8)),
        ("Undated.", dt.date(2020, 1, 2)),
    ]


def test_jsonl_records(tmp_path):
    path = tmp_path / "news.ndjson"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": 7, "text": "LONDON (Reuters) - Talks.", "title": "T", "url": "u", "date": "2020-02-03"}\n'
        b'{"id": "x", "text": "Fine", "source": 5}\n'
        b'{"text": "\\u00a0  "}\n'
        b'{"id": "a" "b"}\n'
        b'{"text": "caf\xe9"}\n'
        b'{"id": "last", "text": "Last line without newline."}'
    )
    items = read_all(path)
    [first, last] = documents(items)
    assert (first.id, first.title, first.url, first.published, first.source, first.origin) == \
        ("7", "T", "u", dt.date(2020, 2, 3), "Reuters", f"{path}:1")
    assert (last.id, last.origin) == ("last", f"{path}:6")
    assert errors(items) == [
        f"{path}:2: 'source' is not a string",
        f"{path}:3: empty document (no text after decoding)",
        f"{path}:4: malformed JSON (Expecting ',' delimiter at col 12)",
        f"{path}:5: not valid UTF-8 (byte 0xe9 at col 14)",
    ]


def test_jsonl_oversized_line_is_reported_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 3000}) + "\n" + json.dumps({"id": "small", "text": "ok"}) + "\n")
    items = read_all(path, max_bytes=2_000)
    assert errors(items) == [f"{path}:1: too large: 3,025 bytes exceeds the 2,000-byte limit (--max-bytes)"]
    assert [d.id for d in documents(items)] == ["small"]


def test_empty_and_binary_jsonl_files(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "image.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\n\x00")
    assert errors(read_all(tmp_path)) == [
        f"{tmp_path / 'empty.jsonl'}: empty document (no JSON Lines records)",
        f"{tmp_path / 'image.jsonl'}: not text (binary content: PNG image)",
    ]


def test_json_list_and_errors(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": "One."}, "two", {"text": "Three."}]))
    (tmp_path / "broken.json").write_text('{"text": "x",\n "id": }')
    (tmp_path / "lines.json").write_text('{"text": "a"}\n{"text": "b"}\n')
    (tmp_path / "scalar.json").write_text("42")
    items = read_all(tmp_path / "list.json", tmp_path / "broken.json", tmp_path / "lines.json",
                     tmp_path / "scalar.json")
    assert [(d.origin, d.text) for d in documents(items)] == [
        (f"{tmp_path / 'list.json'}[0]", "One."), (f"{tmp_path / 'list.json'}[2]", "Three.")]
    assert errors(items) == [
        f"{tmp_path / 'list.json'}[1]: not a JSON object (got string)",
        f"{tmp_path / 'broken.json'}: malformed JSON (Expecting value at line 2 col 8)",
        f"{tmp_path / 'lines.json'}: malformed JSON (Extra data at line 2 col 1; "
        "one object per line is JSON Lines: name the file .jsonl)",
        f"{tmp_path / 'scalar.json'}: not a JSON object (got number)",
    ]


def test_html_main_text_title_and_date(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><head><title>Border deal</title><meta property='article:published_time' content='2024-05-07'>"
        "<script>var secret = 'SCRIPT';</script><style>p { color: red }</style></head>"
        "<body><nav>Home | World</nav><article><h1>Border deal</h1>"
        "<p>KAMPALA (AFP) — Uganda and Kenya agreed on Tuesday to reopen the border after talks that lasted "
        "two days, the foreign ministers of both countries said in a joint statement.</p>"
        "<p>Trade across the crossing had been suspended for a month.</p></article></body></html>")
    [doc] = read_all(page, published=dt.date(2000, 1, 1))
    assert doc.title == "Border deal"
    assert doc.published == dt.date(2024, 5, 7)
    assert doc.text.startswith("KAMPALA (AFP) — Uganda and Kenya agreed on Tuesday")
    assert "Trade across the crossing had been suspended for a month." in doc.text
    assert (doc.dateline.text, doc.source) == ("KAMPALA", "AFP")
    for junk in ("SCRIPT", "color", "Home | World"):
        assert junk not in doc.text


def test_html_fallback_and_no_text(tmp_path):
    (tmp_path / "short.html").write_text("<p>Short note.</p><script>alert('x')</script>")
    (tmp_path / "nothing.html").write_text("<html><head><script>alert('x')</script></head><body> </body></html>")
    items = read_all(tmp_path / "short.html", tmp_path / "nothing.html")
    assert [d.text for d in documents(items)] == ["Short note."]
    assert errors(items) == [f"{tmp_path / 'nothing.html'}: no main text found in HTML"]


def test_directory_walk_is_sorted_recursive_and_skips_hidden_and_other_extensions(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.TXT", "sub/deeper/d.text", ".hidden.txt", ".git/e.txt",
                 "notes.csv", "image.png"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}.")
    items = read_all(tmp_path)
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in items] == \
        ["b.txt", "sub/c.TXT", "sub/deeper/d.text"]  # markdown (READMEs, indexes) is not walked
    assert [d.text for d in read_all(tmp_path, extensions=(".csv",))] == ["Text of notes.csv."]


def test_a_file_named_explicitly_is_read_whatever_its_extension(tmp_path):
    (tmp_path / "story").write_text("NAIROBI — Talks resumed.")
    [doc] = read_all(tmp_path / "story")
    assert doc.dateline.text == "NAIROBI"


def test_generated_file_over_50_mb_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(52_400_000)  # sparse: costs no disk and no time
    assert errors(read_all(big)) == [f"{big}: too large: 52.4 MB exceeds the 50 MB limit (--max-bytes)"]


def test_size_limit_is_per_document(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 1_500)
    (tmp_path / "b.txt").write_text("y" * 500)
    items = read_all(tmp_path, max_bytes=1_000)
    assert errors(items) == [f"{tmp_path / 'a.txt'}: too large: 1,500 bytes exceeds the 1,000-byte limit (--max-bytes)"]
    assert [d.text for d in documents(items)] == ["y" * 500]


def test_read_inputs_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("First.")
    consumed = []

    def paths():
        for name in ["a.txt", "missing.txt"]:
            consumed.append(name)
            yield str(tmp_path / name)

    stream = read_inputs(paths())
    assert consumed == []
    assert next(stream).text == "First."
    assert consumed == ["a.txt"]
    assert str(next(stream)).endswith("missing.txt: no such file or directory")


# ---------------------------------------------------------------- read_inputs: stdin


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BufferedReader(io.BytesIO(data))


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin("LONDON (Reuters) — It?s over.\n".encode()))
    [doc] = read_inputs(["-"], published=dt.date(2024, 1, 2))
    assert (doc.origin, doc.text, doc.source, doc.published) == \
        ("<stdin>", "LONDON (Reuters) — It's over.", "Reuters", dt.date(2024, 1, 2))


def test_stdin_json_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b'{"id": "s1", "text": "One."}\n{"id": "s2"}\n'))
    items = list(read_inputs(["-"]))
    assert [d.id for d in documents(items)] == ["s1"]
    assert errors(items) == ["<stdin>:2: no 'text' field"]


def test_stdin_binary_and_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"\x89PNG\r\n\x1a\nrest"))
    assert errors(read_inputs(["-"])) == ["<stdin>: not text (binary content: PNG image)"]
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"z" * 2_500))
    assert errors(read_inputs(["-"], max_bytes=1_000)) == \
        ["<stdin>: too large: 2,500 bytes exceeds the 1,000-byte limit (--max-bytes)"]


def test_html_date_is_not_guessed_from_a_copyright_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Talks</title></head><body><article><p>Ministers of Kenya and Uganda met "
                    "in Nairobi on Thursday and agreed to reopen the border crossing at Busia.</p>"
                    "<p>They will meet again next month in Kampala to sign the accord.</p></article>"
                    "<footer>Copyright 2003 Example Media</footer></body></html>", encoding="utf-8")
    [doc] = list(read_inputs([str(page)], published=dt.date(2011, 8, 4)))
    assert doc.published == dt.date(2011, 8, 4)


# ---------------------------------------------------------------- HTML given as text, unrendered HTML


@pytest.mark.parametrize("text, expected", [
    ("<html><body><p>Police arrested five suspects.</p></body></html>", True),
    ("\ufeff  \n<!DOCTYPE html>\n<title>x</title>", True),
    ("<!-- saved page -->\n<HTML lang='en'>", True),
    ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("<body>\nText", True),
    ('<div class="story"><p>Talks resumed.</p></div>', True),
    ("<p>Talks resumed.</p>", True),
    ("<meta charset='utf-8'><p>Talks resumed.", True),
    ("<p>Talks resumed, and no closing tag", False),
    ("<<URGENT>> Talks resumed in Nairobi.", False),
    ("<b>Talks</b> resumed.", False),
    ("<htmlish> is no tag", False),
    ("Talks resumed. <p>A tag later in the text</p> is still plain text.", False),
    ("", False),
])
def test_looks_like_html(text, expected):
    from eventwire.documents import looks_like_html

    assert looks_like_html(text) is expected


def test_html_on_stdin_is_read_as_html(monkeypatch):
    page = b"<html><body><p>Police arrested five suspects in Lagos on Sunday.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", FakeStdin(page))
    [doc] = read_inputs(["-"])
    assert (doc.origin, doc.text) == ("<stdin>", "Police arrested five suspects in Lagos on Sunday.")


def test_html_inside_a_txt_file_is_read_as_html(tmp_path):
    (tmp_path / "page.txt").write_text(
        "\ufeff\n<!DOCTYPE html><html><head><title>Arrests in Lagos</title></head><body><article>"
        "<h1>Arrests in Lagos</h1><p>Police arrested five suspects in Lagos on Sunday, officials said.</p>"
        "<p>The suspects were taken to a police station in Ikeja.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("<<URGENT>> Police arrested five suspects in Lagos on Sunday.")
    page, plain = read_all(tmp_path / "page.txt", tmp_path / "plain.txt")
    assert page.title == "Arrests in Lagos"
    assert page.text == ("Police arrested five suspects in Lagos on Sunday, officials said.\n"
                         "The suspects were taken to a police station in Ikeja.")
    assert plain.text == "<<URGENT>> Police arrested five suspects in Lagos on Sunday."


def test_html_inside_a_json_text_field_is_read_as_html(tmp_path):
    page = ("<html><head><title>Page title</title><meta property='article:published_time' content='2024-05-01'>"
            "</head><body><nav>Home | World</nav><article><p>Police arrested five suspects in Lagos on Sunday, "
            "officials said.</p><p>The suspects were taken to a police station in Ikeja.</p></article>"
            "</body></html>")
    records = [{"id": "a", "text": page, "title": "Arrests in Lagos", "published": "2024-05-06"},
               {"id": "b", "text": page},
               {"id": "c", "text": "<html><body><script>x()</script></body></html>"},
               {"id": "d", "text": "<b>Breaking</b>: police arrested five suspects."}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    items = read_all(path)
    a, b, d = documents(items)
    body = ("Police arrested five suspects in Lagos on Sunday, officials said.\n"
            "The suspects were taken to a police station in Ikeja.")
    assert (a.id, a.text, a.title, a.published) == ("a", body, "Arrests in Lagos", dt.date(2024, 5, 6))
    assert (b.id, b.text, b.title, b.published) == ("b", body, "Page title", dt.date(2024, 5, 1))
    assert errors(items) == [f"{path}:3: no main text found in HTML"]
    assert d.text == "<b>Breaking</b>: police arrested five suspects."


UNRENDERED_PAGE = (
    "<html><head><title>Arrests</title></head><body><article>"
    "<p>Police arrested five suspects in Lagos on Sunday, officials said after a night of raids.</p>"
    "<template><p>Cuba attacked Mexico.</p></template>"
    "<noscript><p>Enable JavaScript to read Venezuela threatened Colombia.</p></noscript>"
    "<div hidden><p>Russia invaded Norway.</p></div>"
    "<p style='color: red; DISPLAY : none'>Chile bombed Peru.</p>"
    "<div hidden='until-found'><p>The suspects were taken to Ikeja.</p></div>"
    "<p><span aria-hidden='true'>Witnesses</span> said the raids lasted hours.</p>"
    "</article></body></html>"
)


def test_unrendered_html_elements_give_no_text(tmp_path):
    (tmp_path / "page.html").write_text(UNRENDERED_PAGE, encoding="utf-8")
    [doc] = read_all(tmp_path / "page.html")
    for hidden in ("Cuba", "Venezuela", "Russia", "Chile"):
        assert hidden not in doc.text
    # hidden="until-found" is found by page search and aria-hidden is shown: both are text
    assert doc.text == ("Police arrested five suspects in Lagos on Sunday, officials said after a night of raids. "
                        "The suspects were taken to Ikeja. Witnesses said the raids lasted hours.")


def test_unrendered_html_elements_give_no_text_in_the_fallback(tmp_path):
    (tmp_path / "short.html").write_text(
        "<p>Short note.</p><template>Cuba attacked Mexico.</template><div hidden>Russia invaded Norway.</div>"
        "<p>Second note.</p>", encoding="utf-8")
    [doc] = read_all(tmp_path / "short.html")
    assert doc.text == "Short note.\nSecond note."


def test_a_hidden_body_is_still_read(tmp_path):
    # anti-flicker snippets hide the whole page until scripts run: the page is still the article
    (tmp_path / "page.html").write_text(
        "<html><body style='display:none'><article><p>Police arrested five suspects in Lagos on Sunday, "
        "officials said after a night of raids.</p></article></body></html>", encoding="utf-8")
    [doc] = read_all(tmp_path / "page.html")
    assert doc.text == "Police arrested five suspects in Lagos on Sunday, officials said after a night of raids."


# ---------------------------------------------------------------- unreadable decoded text


def test_broken_utf16_file_is_no_document(tmp_path):
    (tmp_path / "u.txt").write_bytes(b"\xff\xfe\x00\x00\x01\x00")
    assert errors(read_all(tmp_path / "u.txt")) == [
        f"{tmp_path / 'u.txt'}: no readable text after decoding (no letters or digits)"]


@pytest.mark.parametrize("text, reason", [
    ("\ufffd", "no readable text after decoding (no letters or digits)"),
    ("-- ... !!", "no readable text after decoding (no letters or digits)"),
    ("\ufffd\ufffd\ufffd ab", "no readable text after decoding (60% undecodable characters)"),
])
def test_document_from_text_refuses_unreadable_text(text, reason):
    with pytest.raises(InputError) as info:
        document_from_text(text, origin="u.txt")
    assert (info.value.origin, info.value.reason) == ("u.txt", reason)


@pytest.mark.parametrize("text", ["Ok.", "2024", "北京", "NAIROBI — Talks resumed.", "Caf\ufffd reopened."])
def test_short_real_documents_still_pass(text):
    assert document_from_text(text, origin="short.txt").text == text


def test_unreadable_json_record_is_reported_by_its_origin(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "\\ufffd\\ufffd"}\n{"text": "Talks resumed."}\n', encoding="utf-8")
    items = read_all(tmp_path / "a.jsonl")
    assert errors(items) == [f"{tmp_path / 'a.jsonl'}:1: no readable text after decoding (no letters or digits)"]
    assert [d.text for d in documents(items)] == ["Talks resumed."]


# ---------------------------------------------------------------- symbolic links in directory walks


def test_directory_walk_follows_symlinked_files_and_directories(tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("Troops clashed in Mali.")
    (tmp_path / "sl").mkdir()
    (tmp_path / "sl" / "a.txt").write_text("Rebels attacked Goma.")
    (tmp_path / "sl" / "link").symlink_to("../other")
    (tmp_path / "sl" / "c.txt").symlink_to("../other/b.txt")
    items = read_all(tmp_path / "sl")
    assert errors(items) == []
    assert [(Path(d.origin).relative_to(tmp_path).as_posix(), d.text) for d in items] == [
        ("sl/a.txt", "Rebels attacked Goma."),
        ("sl/c.txt", "Troops clashed in Mali."),  # sl/link/b.txt is the same file: read once
    ]


def test_a_file_reached_twice_is_read_once(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "b.txt").write_text("Troops clashed in Mali.")
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "one").symlink_to("../real")
    (tmp_path / "top" / "two").symlink_to("../real")
    (tmp_path / "z.txt").write_text("Rebels attacked Goma.")
    items = read_all(tmp_path / "top", tmp_path / "z.txt", tmp_path / "real" / "b.txt", tmp_path / "z.txt")
    assert errors(items) == []
    assert [(Path(d.origin).relative_to(tmp_path).as_posix(), d.text) for d in items] == [
        ("top/one/b.txt", "Troops clashed in Mali."),
        ("z.txt", "Rebels attacked Goma."),
    ]


def test_dangling_symlinks_are_reported_by_name(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels attacked Goma.")
    (tmp_path / "dead.txt").symlink_to("gone.txt")
    (tmp_path / "deaddir").symlink_to("gone")
    (tmp_path / "photo.png").symlink_to("gone.png")  # would not be read anyway: no error
    items = read_all(tmp_path)
    assert [d.text for d in documents(items)] == ["Rebels attacked Goma."]
    assert errors(items) == [
        f"{tmp_path / 'dead.txt'}: broken symbolic link (target 'gone.txt' does not exist)",
        f"{tmp_path / 'deaddir'}: broken symbolic link (target 'gone' does not exist)",
    ]
    assert errors(read_all(tmp_path / "dead.txt")) == [
        f"{tmp_path / 'dead.txt'}: broken symbolic link (target 'gone.txt' does not exist)"]


def test_symlinked_directory_loop_is_reported_and_the_walk_goes_on(tmp_path):
    (tmp_path / "top" / "sub").mkdir(parents=True)
    (tmp_path / "top" / "sub" / "a.txt").write_text("Rebels attacked Goma.")
    (tmp_path / "top" / "sub" / "up").symlink_to("..")
    (tmp_path / "top" / "z.txt").write_text("Troops clashed in Mali.")
    items = read_all(tmp_path / "top")
    assert [d.text for d in documents(items)] == ["Rebels attacked Goma.", "Troops clashed in Mali."]
    assert errors(items) == [f"{tmp_path / 'top' / 'sub' / 'up'}: symbolic link loop "
                             f"(links to a directory that contains it: {tmp_path / 'top'})"]


@pytest.mark.parametrize("text, reason", [
    ("La policía detuvo el lunes a cinco hombres acusados de planear un ataque contra el alcalde de la ciudad.",
     "language looks like Spanish (es); eventwire codes English text only"),
    ("Le ministre a annoncé lundi que la police avait arrêté cinq suspects près de la frontière.",
     "language looks like French (fr); eventwire codes English text only"),
    ("警方周一逮捕了五名嫌疑人，他们涉嫌策划袭击市长。官员说，调查仍在进行中。",
     "language looks like Chinese (zh); eventwire codes English text only"),
])
def test_text_in_another_language_is_refused_by_name(tmp_path, text, reason):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police arrested five men near the border on Monday.", encoding="utf-8")
    items = read_all(tmp_path)
    assert errors(items) == [f"{tmp_path / 'a.txt'}: {reason}"]
    assert [d.text for d in documents(items)] == ["Police arrested five men near the border on Monday."]


@pytest.mark.parametrize("text", [
    "GUNMEN KILLED 12 PEOPLE IN BORNO STATE ON SUNDAY, POLICE SAID.",  # wire copy in capitals
    "Merkel met Macron in Berlin.",  # names only: too little to tell
    "Ayotzinapa, Guerrero: families of the students marched to the Zócalo in Mexico City on Friday.",
    # short wire sentences full of African names, which the identifier ranks as Nigerian Pidgin first
    "Nigerian troops killed ten Boko Haram fighters in Borno.",
    "Kenyan police arrested two men in Nairobi.",
])
def test_english_with_foreign_names_or_capitals_is_read(text):
    from eventwire.documents import document_from_text

    assert document_from_text(text, origin="<t>").text == text


def test_json_nested_beyond_the_decoder_is_an_error_not_a_crash(tmp_path):
    # the JSON decoder recurses once per level: 1,000 levels exhaust Python's stack; the file (or line) is
    # refused with a one-line error and the files around it are still read
    deep = "[" * 1000 + "]" * 1000
    (tmp_path / "a.txt").write_text("Police arrested two men in Nairobi.")
    (tmp_path / "deep.json").write_text('{"id": "x", "text": "Police arrested two men.", "meta": ' + deep + "}")
    (tmp_path / "deep.jsonl").write_text('{"id": "y", "text": "Soldiers attacked rebels."}\n'
                                         '{"id": "z", "text": "x", "meta": ' + deep + "}\n")
    (tmp_path / "z.txt").write_text("Soldiers attacked rebels near Goma.")
    items = read_all(tmp_path)
    too_deep = "malformed JSON (nested too deeply: arrays or objects more than about 900 levels deep)"
    assert errors(items) == [f"{tmp_path / 'deep.json'}: {too_deep}", f"{tmp_path / 'deep.jsonl'}:2: {too_deep}"]
    assert sorted(d.text for d in documents(items)) == [
        "Police arrested two men in Nairobi.", "Soldiers attacked rebels near Goma.", "Soldiers attacked rebels."]


def test_publication_date_may_be_an_iso_string():
    from eventwire.documents import InputError, document_from_text

    doc = document_from_text("Police arrested two men on Monday.", origin="story.txt", published="2024-05-03")
    assert doc.published == dt.date(2024, 5, 3)
    with pytest.raises(InputError, match="story.txt: publication date 'May 3' is not an ISO date"):
        document_from_text("Police arrested two men.", origin="story.txt", published="May 3")

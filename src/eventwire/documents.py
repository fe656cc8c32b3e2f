"""Reading inputs into ``Document`` records: decoding, text repair and dateline detection.

The readers turn files, directories, JSON / JSON Lines records, HTML pages and stdin into
``eventwire.records.Document`` objects, one at a time. A bad input never stops the stream: it is
yielded as an ``InputError`` naming the input (``path``, ``path:LINE`` for JSON Lines, ``<stdin>``)
and the reason, in one line, and the next input is read.

Every document's text goes through ``repair_text`` (ftfy mojibake repair, control characters,
the ``?``-for-apostrophe artefact) before any offset is taken, so all spans index the repaired text.
A wire dateline such as ``NAIROBI (AP) —`` is split off by ``split_dateline``.

Nothing is ever fetched from the network: HTML is read from the bytes given.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import charset_normalizer
import ftfy
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml_html_clean import Cleaner

from eventwire.language import non_english_reason
from eventwire.records import Dateline, Document

# Markdown is left out of directory walks (READMEs and indexes sit beside corpora); name a .md file to read it.
DEFAULT_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson")
DEFAULT_MAX_BYTES = 50_000_000

EMPTY_REASON = "empty document (no text after decoding)"
STDIN_ORIGIN = "<stdin>"

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm")


class InputError(Exception):
    """An input that could not be read, as a one-line message ``"{origin}: {reason}"``.

    origin: where the input came from (a file path, ``path:LINE`` for a JSON Lines record,
    ``path[INDEX]`` for an item of a JSON list, ``<stdin>``); reason: what is wrong with it.
    Readers *yield* InputErrors in their output stream (so a batch goes on); ``document_from_text``
    and ``decode_bytes`` *raise* them.
    """

    def __init__(self, origin: str, reason: str):
        super().__init__(origin, reason)  # keeps the error picklable for multiprocessing / Dask
        self.origin = origin
        self.reason = reason

    def __str__(self) -> str:
        return " ".join(f"{self.origin}: {self.reason}".split())  # always one line

    def __repr__(self) -> str:
        return f"InputError({self.origin!r}, {self.reason!r})"


# --------------------------------------------------------------------------------------------
# Text repair

# ftfy repairs mojibake, C1 controls, line breaks and so on; curly quotes are kept as written.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False)

# Invisible characters that carry no text but split tokens or reorder display: byte order marks,
# zero-width space, word joiner, directional marks and bidi embeddings/overrides/isolates.
# Zero-width (non-)joiners are kept: emoji sequences and Persian spelling need them.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060\u200e\u200f\u061c"
                                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_LINE_BREAKS = str.maketrans("\r\f\v", "\n\n\n")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 except \t \n, DEL, C1

_LETTER = r"[^\W\d_]"
# A `?` standing in for an apostrophe: a letter, `?`, then a contraction or possessive tail
# (We?ve, It?s, president?s, they?re, we?ll, I?d, I?m, Don?t; also in all-caps text), or the
# Irish / French name prefixes O?Brien and d?Ivoire. A real question mark is followed by a space,
# the end of the text or another word ("Why?Because"), so it never matches.
_QUESTION_APOSTROPHE = re.compile(  # `\?` first, context checked around it: a fast scan
    r"\?(?:"
    rf"(?<={_LETTER}\?)(?=(?:s|ve|re|ll|d|m)\b)"
    r"|(?<=n\?)(?=t\b)"
    r"|(?<=[A-Z]\?)(?=(?:S|VE|RE|LL|D|M)\b)"
    r"|(?<=N\?)(?=T\b)"
    r"|(?<=\b[Od]\?)(?=[A-Z][a-z])"
    r")"
)
# A typographic apostrophe inside a word (president’s, We’ve): written as ASCII so that
# contractions and possessives look the same whatever the source used.
_INWORD_APOSTROPHE = re.compile(rf"\u2019(?<={_LETTER}\u2019)(?={_LETTER})")


def repair_text(text: str) -> str:
    """Repair common damage in news text and return the repaired text.

    Applied, in order: line breaks (``\\r\\n``, ``\\r``, form feed, vertical tab) become ``\\n``;
    ftfy ``fix_text`` (mojibake such as ``QuerÃ©taro`` -> ``Querétaro``, C1 controls, HTML-escaped
    entities in plain text...) with curly quotes kept; byte order marks, zero-width spaces and
    bidi controls removed; other C0/C1 control characters (NULs included) removed;
    the ``?``-for-apostrophe artefact repaired (``We?ve`` -> ``We've``; a real question mark such
    as ``Why?Because`` or ``ok?`` stays); an apostrophe inside a word written as ``'``
    (``president’s`` -> ``president's``); quotation marks (“ ” ‘ ’ at word edges) are kept.

    The result may be shorter than the input; spans are always taken on the repaired text.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = _CONTROL_CHARS.sub("", text.translate(_INVISIBLE))
    text = _QUESTION_APOSTROPHE.sub("'", text)
    return _INWORD_APOSTROPHE.sub("'", text)


# --------------------------------------------------------------------------------------------
# Datelines

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = rf"(?i:{_MONTH}[ ]\d{{1,2}}(?:,?[ ]\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:[ ]\d{{2,4}})?)"
# A word of a place name: a letter, then letters, digits, dots, apostrophes, ampersands, and
# hyphens inside the word (so ``COVID-19`` never yields ``COVID`` + dash).
_WORD = rf"{_LETTER}(?:[\w.'’&]|-(?={_LETTER})){{0,30}}"
# The dash after a dateline (— – -- -, a lone hyphen needing a space beside it) or the colon of "MALE:".
_SEP = r"—|–|--|-(?=\s)|(?<=\s)-|:(?=[ ])"
_WIRE_DATELINE = re.compile(
    rf"""
    (?P<place>(?P<city>{_WORD}(?:[ ]{_WORD}){{0,4}})       # WASHINGTON, MEXICO CITY
       (?:,[ ](?P<region>{_WORD}(?:[ ]{_WORD}){{0,3}}))?   # , Afghanistan
    )
    (?:,[ ](?P<date>{_DATE}))?                             # , Oct 14 / , 12 MAY 89
    [ ]*
    (?:\((?P<agency>{_LETTER}[\w .&/'-]{{0,30}})\)[ ]*(?P<sep>{_SEP})?   # (AFP) —
       |(?P<dash>{_SEP})                                         # — alone
    )
    """,
    re.VERBOSE,
)
# The Hindu style: the place alone on the first line, then a blank line ("Bangkok\n\n").
_PLACE_LINE = re.compile(rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,2}})[ \t]*\n[ \t]*\n")
# Bracketed all-caps source tags after an old wire dateline: "-- [REPORT] [TEXT] ...".
_WIRE_TAGS = re.compile(r"(?:\[[^\[\]\n]{1,80}\]\s*)+")
# All-caps openers that are labels, not places.
_LABELS = frozenset({
    "ADVISORY", "ALERT", "ANALYSIS", "BREAKING", "BREAKING NEWS", "COMMENT", "CORRECTION",
    "EDITORIAL", "EDITOR'S NOTE", "EXCLUSIVE", "EXPLAINER", "FACTBOX", "FEATURE", "FLASH",
    "INTERVIEW", "LIVE", "NOTE", "OPINION", "PHOTOS", "REVIEW", "UPDATE", "UPDATED", "URGENT",
    "VIDEO", "WARNING", "WATCH",
})
_MONTH_NAME = re.compile(rf"(?i:{_MONTH})$")
# Lower-case words inside a dateline's region ("Democratic Republic of Congo", "Trinidad and Tobago").
_REGION_JOINERS = frozenset({"of", "the", "and", "de", "del", "du", "la", "da", "do", "al", "el"})
_DATELINE_WINDOW = 200  # datelines are searched in the first characters only
_DATELINE_MAX_END = 80  # the dash or agency must come within this many characters


def split_dateline(text: str) -> Dateline | None:
    """Find a wire-story dateline at the start of ``text``; None when there is none.

    Recognised: ``NAIROBI (AP) — ``, ``MEXICO CITY, Oct 14 (Reuters) - ``,
    ``KABUL, Afghanistan (AP) — ``, ``LONDON — ``, ``BOGOTA, Colombia —``, ``MALE: `` and old
    wire ``BOGOTA, 12 MAY 89 -- [TEXT] `` (the bracketed tags are skipped), and a place alone on
    the first line followed by a blank line (``Bangkok\\n\\n``). The place must be ALL CAPS
    (optionally + ``, Titlecase region``) and be followed by an agency in brackets and/or a dash
    (— – -- -) or colon within the first 80 characters, so ordinary first sentences
    ("The president said — ...") never match.

    Returns ``Dateline(text=place as written, span=(start, end) of the place, end=offset where the
    body starts, agency="AFP" | None, date_text="Oct 14" | None)``.
    """
    head = text[:_DATELINE_WINDOW]
    start = len(head) - len(head.lstrip())
    match = _WIRE_DATELINE.match(head, start)
    if match and _is_wire_dateline(match, start):
        body = match.end()
        return _dateline(text, match, body, agency=match["agency"], date_text=match["date"])
    match = _PLACE_LINE.match(head, start)
    if match and all(word[0].isupper() for word in match["place"].split()) \
            and match["place"].upper() not in _LABELS:
        return _dateline(text, match, match.end(), agency=None, date_text=None)
    return None


def _is_wire_dateline(match: re.Match[str], start: int) -> bool:
    city, region = match["city"], match["region"]
    if match.end() - start > _DATELINE_MAX_END:
        return False
    if not city.isupper() or sum(ch.isalpha() for ch in city) < 2 or city in _LABELS:
        return False
    if region is None:
        return True
    words = region.split()
    # "Democratic Republic of Congo", "Bosnia and Herzegovina": small joining words may stay lower case
    return (words[0][0].isupper() and all(w[0].isupper() or w in _REGION_JOINERS for w in words)
            and not any(_MONTH_NAME.match(w) for w in words))


def _dateline(text: str, match: re.Match[str], body: int, *, agency: str | None,
              date_text: str | None) -> Dateline | None:
    while body < len(text) and text[body].isspace():
        body += 1
    tags = _WIRE_TAGS.match(text, body)
    if tags and tags.group().isupper():
        body = tags.end()
    if body >= len(text):
        return None  # a dateline with no story after it is not a dateline
    return Dateline(text=match["place"], span=match.span("place"), end=body,
                    agency=agency.strip() if agency else None, date_text=date_text)


# --------------------------------------------------------------------------------------------
# Documents from text and bytes


def document_from_text(text: str, *, origin: str, id: str | None = None, title: str | None = None,
                       published: dt.date | str | None = None, source: str | None = None,
                       url: str | None = None) -> Document:
    """Build a ``Document`` from one text: repair it, split off its dateline, give it an id.

    text: the article; origin: where it came from, used in error messages; id: the caller's id,
    else ``"sha256:" + hex sha256`` of the repaired text (UTF-8); source: defaults to the
    dateline's agency ("AFP"). The repaired text is stripped of leading/trailing whitespace;
    the title is repaired too.
    Raises ``InputError(origin, "empty document (no text after decoding)")`` when no text is left, and
    ``InputError(origin, "no readable text after decoding (...)")`` when what is left is no text:
    no letter or digit at all (a lone U+FFFD from a broken UTF-16 file, punctuation, symbols), or more
    U+FFFD replacement characters (undecodable bytes) than letters and digits; and
    ``InputError(origin, "language looks like Spanish (es); eventwire codes English text only")`` for text
    confidently identified as another language (``eventwire.language``). ``published`` may be a date,
    a datetime or an ISO date string; another string raises ``InputError(origin, "publication date ...")``.
    """
    repaired = repair_text(text).strip()
    if not repaired:
        raise InputError(origin, EMPTY_REASON)
    unreadable = _unreadable_reason(repaired) or non_english_reason(repaired)
    if unreadable:
        raise InputError(origin, unreadable)
    dateline = split_dateline(repaired)
    if title is not None:
        title = repair_text(title).strip() or None
    if isinstance(published, str):  # "2024-05-03", as callers pass it from command lines and JSON
        try:
            published = dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise InputError(origin, f"publication date {published!r} is not an ISO date (YYYY-MM-DD)") from None
    if isinstance(published, dt.datetime):
        published = published.date()
    return Document(
        id=id or "sha256:" + hashlib.sha256(repaired.encode("utf-8")).hexdigest(),
        text=repaired,
        origin=origin,
        title=title,
        published=published,
        source=source or (dateline.agency if dateline else None),
        url=url,
        dateline=dateline,
    )


UNREADABLE_REASON = "no readable text after decoding"
_REPLACEMENT = "\ufffd"
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, in any script
_NON_SPACE = re.compile(r"\S")


def _unreadable_reason(text: str) -> str | None:
    """Why a non-empty repaired text is not a document, or None when it is readable."""
    if not _ALNUM.search(text):
        return f"{UNREADABLE_REASON} (no letters or digits)"
    replaced = text.count(_REPLACEMENT)
    if replaced and replaced > len(_ALNUM.findall(text)):  # counted only when undecodable bytes are seen
        share = replaced / len(_NON_SPACE.findall(text))
        return f"{UNREADABLE_REASON} ({share:.0%} undecodable characters)"
    return None


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # controls text files do not contain
_MAX_CONTROL_SHARE = 0.10
_CONTROL_SAMPLE = 1_000_000  # characters examined for the control-character share


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode the bytes of a text file and return the text (no BOM; not yet repaired).

    Order: a BOM (UTF-8, UTF-16, UTF-32) decides (undecodable bytes become U+FFFD); else strict UTF-8; else the encoding
    charset-normalizer detects (windows-1252 when it fits as well as the detector's choice, as
    WHATWG does for legacy Western text). A few NULs or stray controls are left for
    ``repair_text`` to remove. Empty bytes give ``""``.
    Raises ``InputError(origin, "not text (binary content: ...)")`` for a known binary signature
    (PNG, PDF, ZIP...), when no encoding fits, or when over 10% of the characters are controls.
    """
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):  # the BOM declares the encoding: a stray bad byte becomes U+FFFD
            return _checked_text(data.decode(codec, errors="replace").lstrip("\ufeff"), origin)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(origin, f"not text (binary content: {kind})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or _control_share(text) > _MAX_CONTROL_SHARE:
        text = _detect_encoding(data)  # e.g. cp1252, or UTF-16 without a BOM
    if text is None:
        raise InputError(origin, "not text (binary content: no text encoding fits)")
    return _checked_text(text, origin)


def _detect_encoding(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Short Western texts fit cp1250, cp1252 and their kin equally well; take windows-1252 then.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos \
                and match.coherence >= best.coherence:
            return data.decode("cp1252")
    return str(best)


def _control_share(text: str) -> float:
    sample = text[:_CONTROL_SAMPLE]
    return len(_BINARY_CONTROLS.findall(sample)) / len(sample) if sample else 0.0


def _checked_text(text: str, origin: str) -> str:
    share = _control_share(text)
    if share > _MAX_CONTROL_SHARE:
        raise InputError(origin, f"not text (binary content: {share:.0%} control characters)")
    return text


# --------------------------------------------------------------------------------------------
# Readers


def read_inputs(paths: Iterable[str | os.PathLike[str]], *, published: dt.date | None = None,
                extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Read files, directories and stdin; yield one ``Document`` or ``InputError`` per input record.

    paths: files, directories (walked recursively in name order; hidden files and directories
    skipped; only files whose name ends with one of ``extensions``, case-insensitively) or ``-``
    for stdin. A file named explicitly is read whatever its extension.
    By extension: ``.jsonl``/``.ndjson`` one JSON object per line, read line by line (origin
    ``path:LINE``); ``.json`` one object or a list of objects (origin ``path[INDEX]``); objects
    carry ``text`` (required) and optional ``id``, ``title``, ``published`` (ISO date or datetime;
    ``date`` is accepted too), ``source``, ``url``. ``.html``/``.htm``: the main text extracted by
    trafilatura (title and date from the page metadata; nothing is fetched); anything else: text.
    Stdin is text, or JSON Lines when it starts with ``{``.
    published: the date for inputs that carry none of their own.
    max_bytes: size limit of one document (a file, a JSON Lines line, stdin); larger ones give
    ``too large: 52.4 MB exceeds the 50 MB limit (--max-bytes)`` without being read into memory.

    A file reached more than once (named twice, or through two symbolic links to one folder) is read
    once, at its first appearance.
    Lazy: reads one input at a time. Never raises for a bad input; yields an InputError instead
    (``no such file or directory``, ``not text (binary content ...)``, ``empty document ...``,
    ``malformed JSON (...)``, ``no 'text' field`` ...).
    """
    suffixes = tuple(e.lower() for e in extensions)
    seen: set[tuple[int, int]] = set()

    def read_once(path: str) -> Iterator[Document | InputError]:
        # One file reached twice (named twice, or through two links to one folder) is read once.
        try:
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
        except OSError:
            key = None  # _read_file reports it
        if key is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode)):
            # opening a named pipe blocks until something writes to it: the batch would hang
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a socket"
            yield InputError(path, f"{kind}, not a file; pass its content on standard input ('-') instead")
            return
        if key is not None and info.st_ino:
            if key in seen:
                return
            seen.add(key)
        yield from _read_file(path, published, max_bytes)

    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            yield from _read_stdin(published, max_bytes)
        elif os.path.isdir(name):
            for item in _walk(name, suffixes):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from read_once(item)
        else:
            yield from read_once(name)


def _walk(directory: str, suffixes: tuple[str, ...],
          ancestors: frozenset[tuple[int, int]] = frozenset()) -> Iterator[str | InputError]:
    """Files to read under ``directory``, in name order, and InputErrors for what cannot be walked.

    Symbolic links are followed, to files and to directories alike. A link to a directory being walked
    (``sub/up -> ..``) is a loop: reported, not entered. A link whose target is missing is reported
    unless its name shows a file that would not be read anyway (``photo.png``).
    """
    try:
        info = os.stat(directory)
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(directory, _os_reason(exc))
        return
    ancestors = ancestors | {(info.st_dev, info.st_ino)}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        wanted = entry.name.lower().endswith(suffixes) and not _is_annotation(entry.name)
        try:
            is_dir = entry.is_dir()  # follows symbolic links
            is_file = not is_dir and entry.is_file()
            if not is_dir and not is_file and entry.is_symlink() and not os.path.exists(entry.path):
                if wanted or not os.path.splitext(entry.name)[1]:
                    yield InputError(entry.path, f"broken symbolic link (target {os.readlink(entry.path)!r} "
                                                 "does not exist)")
                continue
            target = entry.stat() if is_dir else None
        except OSError as exc:  # a symlink loop, a file vanishing mid-walk
            yield InputError(entry.path, _os_reason(exc))
            continue
        if target is not None:
            if (target.st_dev, target.st_ino) in ancestors:
                yield InputError(entry.path, "symbolic link loop (links to a directory that contains it: "
                                             f"{os.path.realpath(entry.path)})")
            else:
                yield from _walk(entry.path, suffixes, ancestors)
        elif is_file and wanted:
            yield entry.path


def _is_annotation(name: str) -> bool:
    """Gold/annotation files beside articles (``001.gold.json``) are not articles; a directory walk skips them."""
    return ".gold." in name.lower()


def _read_file(path: str, published: dt.date | None, max_bytes: int) -> Iterator[Document | InputError]:
    lower = path.lower()
    try:
        if lower.endswith(_JSONL_SUFFIXES):
            with open(path, "rb") as stream:
                sniff = stream.peek(8192)[:8192]
                try:
                    decode_bytes(_complete_utf8(sniff), path)
                except InputError as err:
                    yield err
                    return
                yield from _jsonl_documents(stream, path, published, max_bytes)
            return
        size = os.stat(path).st_size
        if size > max_bytes:
            yield InputError(path, _too_large(size, max_bytes))
            return
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)  # a pipe or special file may report no size
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and os.path.islink(path):
            yield InputError(path, f"broken symbolic link (target {os.readlink(path)!r} does not exist)")
        else:
            yield InputError(path, _os_reason(exc))
        return
    if len(data) > max_bytes:
        yield InputError(path, _too_large(len(data), max_bytes))
    elif lower.endswith(".json"):
        yield from _json_documents(data, path, published)
    else:
        try:
            if lower.endswith(_HTML_SUFFIXES):
                yield _html_document(data, path, published)
            else:
                yield _text_document(data, path, published)
        except InputError as err:
            yield err


# An HTML page given as text (stdin, a .txt file): after a BOM, whitespace, comments and an XML declaration,
# it opens with a doctype or <html>/<head>/<body> tag, or with a block tag that is closed again
# ("<p>...</p>", "<div ...>...</div>"); plain text beginning with "<" ("<<URGENT>>", "<3 ...") is not HTML.
_HTML_PROLOGUE = re.compile(r"(?:\ufeff|\s|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL)
_HTML_DOCUMENT_START = re.compile(r"<(?:!doctype\s+html\b|(?:html|head|body)(?=[\s>/]))", re.IGNORECASE)
_HTML_BLOCK_START = re.compile(
    r"<(article|main|section|div|p|h[1-6]|table|ul|ol|blockquote|header|title|meta)(?=[\s>/])[^<>]*>",
    re.IGNORECASE)
_HTML_SNIFF_CHARS = 100_000  # where the closing tag of an opening block tag is looked for


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or fragment rather than plain text (content sniffing).

    HTML when, after a byte order mark, whitespace, ``<!-- comments -->`` and an ``<?xml ...?>``
    declaration, the text starts with ``<!doctype html``, ``<html``, ``<head`` or ``<body``, or
    starts with a block tag (``<p>``, ``<div class=...>``, ``<article>``, ``<h1>``, ``<title>`` ...)
    whose closing tag (``</p>``) follows within the first 100,000 characters. Conservative: text
    that merely contains tags, or begins with ``<`` otherwise, stays plain text.
    """
    start = _HTML_PROLOGUE.match(text).end()
    if _HTML_DOCUMENT_START.match(text, start):
        return True
    block = _HTML_BLOCK_START.match(text, start)
    if block is None:
        return False
    if block.group(1).lower() == "meta":
        return True  # a void element: "<meta charset=...>" opens only pages
    closing = re.compile(rf"</{block.group(1)}\s*>", re.IGNORECASE)
    return closing.search(text, block.end(), _HTML_SNIFF_CHARS) is not None


def _text_document(data: bytes, origin: str, published: dt.date | None) -> Document:
    """The bytes of a text file or of stdin -> Document; an HTML page in them is read as HTML."""
    text = decode_bytes(data, origin)
    if looks_like_html(text):
        return _html_page_document(text, origin, published)
    return document_from_text(text, origin=origin, published=published)


def _read_stdin(published: dt.date | None, max_bytes: int) -> Iterator[Document | InputError]:
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        # run from cron or a service with stdin closed ("eventwire code - <&-"): Python has no stdin at all
        yield InputError(STDIN_ORIGIN, "not available (standard input is closed)")
        return
    stream: BinaryIO = sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    if stream.peek(8192).lstrip()[:1] == b"{":
        yield from _jsonl_documents(stream, STDIN_ORIGIN, published, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(STDIN_ORIGIN, _too_large(len(data) + _drain(stream), max_bytes))
        return
    try:
        yield _text_document(data, STDIN_ORIGIN, published)
    except InputError as err:
        yield err


def _jsonl_documents(stream: BinaryIO, prefix: str, published: dt.date | None,
                     max_bytes: int) -> Iterator[Document | InputError]:
    for lineno in itertools.count(1):
        line = stream.readline(max_bytes + 1)
        if not line:
            if lineno == 1:
                yield InputError(prefix, "empty document (no JSON Lines records)")
            return
        origin = f"{prefix}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield InputError(origin, _too_large(len(line) + _skip_line(stream), max_bytes))
            continue
        try:
            yield _record_document(_parse_jsonl_line(line, origin, first=lineno == 1), origin, published)
        except InputError as err:
            yield err


def _parse_jsonl_line(line: bytes, origin: str, *, first: bool) -> Any:
    if first and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        text = line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at col {exc.start + 1})") from exc
    if not text.strip():
        raise InputError(origin, "blank line (expected a JSON object)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"malformed JSON ({_json_error_message(exc)} at col {exc.colno})") from exc
    except RecursionError as exc:  # the decoder recurses once per level: refuse, do not crash the batch
        raise InputError(origin, _TOO_DEEP) from exc


def _json_documents(data: bytes, path: str, published: dt.date | None) -> Iterator[Document | InputError]:
    try:
        obj = json.loads(decode_bytes(data, path))
    except InputError as err:
        yield err
        return
    except json.JSONDecodeError as exc:
        hint = "; one object per line is JSON Lines: name the file .jsonl" if exc.msg == "Extra data" else ""
        yield InputError(path, f"malformed JSON ({_json_error_message(exc)} at line {exc.lineno} "
                               f"col {exc.colno}{hint})")
        return
    except RecursionError:
        yield InputError(path, _TOO_DEEP)
        return
    if isinstance(obj, list):
        records = ((f"{path}[{i}]", item) for i, item in enumerate(obj))
    else:
        records = iter([(path, obj)])
    for origin, record in records:
        try:
            yield _record_document(record, origin, published)
        except InputError as err:
            yield err


def _record_document(record: Any, origin: str, published: dt.date | None) -> Document:
    """One JSON object -> Document; raises InputError naming the field at fault.

    A ``text`` field holding an HTML page (``looks_like_html``) is read as HTML: its main text is
    extracted; the record's ``title``/``source``/``url``/``published`` override the page's metadata.
    """
    if not isinstance(record, dict):
        raise InputError(origin, f"not a JSON object (got {_json_type(record)})")
    if "text" not in record:
        raise InputError(origin, "no 'text' field")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(origin, "'text' is not a string")
    fields = {key: _optional_str(record, key, origin) for key in ("title", "source", "url")}
    record_id = record.get("id")
    if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, (str, int))):
        raise InputError(origin, "'id' is not a string")
    date_field = "published" if "published" in record else "date"
    dated = record.get(date_field) is not None
    if dated:
        published = _parse_date(record[date_field], origin, date_field)
    doc_id = str(record_id) if record_id is not None else None
    if looks_like_html(text):
        # A crawler's record carrying the raw page: read it as HTML, the record's own fields win
        # over what the page's metadata says.
        page = _html_page_document(text, origin, published)
        return document_from_text(
            page.text, origin=origin, id=doc_id,
            published=published if dated else page.published,
            title=fields["title"] or page.title, source=fields["source"] or page.source,
            url=fields["url"] or page.url)
    return document_from_text(text, origin=origin, id=doc_id, published=published, **fields)


def _optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(origin, f"'{key}' is not a string")
    return value


def _parse_date(value: Any, origin: str, field: str = "published") -> dt.date:
    """An ISO date (``2024-05-06``) or datetime (``2024-05-06T10:00:00Z``) -> date; else InputError."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise InputError(origin, f"'{field}' is not an ISO date (YYYY-MM-DD): {value!r}")


def _html_document(data: bytes, origin: str, published: dt.date | None) -> Document:
    return _html_page_document(decode_bytes(data, origin), origin, published)


def _html_page_document(page: str, origin: str, published: dt.date | None) -> Document:
    """A decoded HTML page -> Document: unrendered elements dropped, main text by trafilatura."""
    if not page.strip():
        raise InputError(origin, EMPTY_REASON)
    page = _drop_unrendered(page)
    try:
        # trafilatura parses hostile markup; any failure of it is reported for this file only.
        # Dates only from the page's metadata and markup, not guessed from its text ("Copyright 2003").
        extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                                date_extraction_params={"extensive_search": False,
                                                                        "original_date": True})
    except Exception as exc:  # noqa: BLE001 - third-party parser at the input boundary
        raise InputError(origin, f"HTML extraction failed ({type(exc).__name__}: {exc})") from exc
    text = extracted.text if extracted is not None else None
    title = extracted.title if extracted is not None else None
    deep = _nesting_depth(page) > _PARSER_DEPTH
    if not text or not text.strip() or (deep and _lost_text(text, page)):
        text = _cleaned_html_text(page)
    if not text.strip():
        raise InputError(origin, "no main text found in HTML")
    if deep and _lost_text(text, page):
        # libxml2 stops reading markup nested thousands of levels deep: a fragment is no document
        raise InputError(origin, "HTML nested too deeply to read its text (more than 2,000 levels of tags)")
    page_date = extracted.date if extracted is not None else None
    if page_date:
        try:
            published = _parse_date(page_date, origin)
        except InputError:
            pass  # an odd metadata date is no reason to lose the page
    return document_from_text(
        _drop_title_line(text, title), origin=origin, title=title, published=published,
        source=extracted.sitename if extracted is not None else None,
        url=extracted.url if extracted is not None else None,
    )


# Elements a browser never renders, whose text must not become document text: <template> contents,
# <noscript> (shown only with scripts off), anything with the `hidden` attribute (but `hidden="until-found"`
# is searchable, revealed content) or an inline `display: none`. <html>/<body> are kept whatever they say
# (anti-flicker snippets hide the page until scripts run). <script>/<style> are left to trafilatura and the
# cleaner: JSON-LD scripts in the head carry the page's date. `aria-hidden` content is kept: it is shown,
# only hidden from screen readers (drop caps, icons, visual duplicates).
_UNRENDERED = etree.XPath(
    "//template | //noscript"
    " | //*[@hidden and translate(normalize-space(@hidden), 'UNTILFOD', 'untilfod') != 'until-found']"
    " | //*[contains(translate(@style, 'DISPLAYNOE \t\n\r', 'displaynoe'), 'display:none')]"
)
_UTF8_HTML_PARSER = lxml_html.HTMLParser(encoding="utf-8")


def _drop_unrendered(page: str) -> str:
    """The page without the elements a browser never renders (``_UNRENDERED``), as HTML text.

    The page is returned unchanged when it has no such element or lxml cannot parse it (trafilatura
    then gets the original, as before).
    """
    try:
        tree = lxml_html.document_fromstring(page.encode("utf-8", "replace"), parser=_UTF8_HTML_PARSER)
    except (etree.ParserError, ValueError):
        return page
    dropped = False
    for element in _UNRENDERED(tree):
        if element.tag in ("html", "body") or element.getparent() is None:
            continue
        if element.tail and not element.tail[:1].isspace():
            element.tail = " " + element.tail  # "<p>a</p><p hidden>b</p>c" must not read "ac"
        element.drop_tree()  # keeps the element's tail: the text after it is rendered
        dropped = True
    if not dropped:
        return page
    return lxml_html.tostring(tree.getroottree(), encoding="unicode")


_HTML_CLEANER = Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=True,
                        links=True, meta=True, processing_instructions=True, embedded=True,
                        frames=True, forms=True, page_structure=False)


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
               "article", "section", "header", "footer", "table", "ul", "ol", "dl", "dd", "dt")


_DEEP_HTML_PARSER = lxml_html.HTMLParser(huge_tree=True)  # nesting up to libxml2's 2,048 levels, not 256
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
              "param", "keygen"}
_PARSER_DEPTH = 250  # libxml2 cuts trees deeper than 256 levels (2,048 with huge_tree)


def _nesting_depth(page: str) -> int:
    """The deepest nesting of elements in ``page``, counted from its tags (void elements excluded)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG_NAME.findall(page):
        if name.lower() in _VOID_TAGS or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _lost_text(text: str, page: str) -> bool:
    """Whether ``text``, read from a page nested deeper than the parser reads (which cuts the tree and
    leaves a fragment), misses most of the page's words; judged against the page with its tags, scripts
    and styles stripped (letters counted). Only such deep pages are to be judged."""
    rough = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", page))
    letters_rough = sum(c.isalpha() for c in rough)
    letters_text = sum(c.isalpha() for c in text)
    return letters_rough > 20 + 2 * letters_text


def _cleaned_html_text(page: str) -> str:
    """Fallback when trafilatura finds no main text: all visible text of the cleaned page."""
    try:
        tree = _HTML_CLEANER.clean_html(lxml_html.document_fromstring(page, parser=_DEEP_HTML_PARSER))
    except (etree.ParserError, ValueError):
        return ""
    for head in list(tree.iter("head")):  # the title is metadata, not body text
        head.drop_tree()
    for block in tree.iter(*_BLOCK_TAGS):  # keep paragraphs apart in text_content()
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura starts the text with the page heading; drop it when it repeats the title."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


# --------------------------------------------------------------------------------------------
# Small helpers


def _too_large(size: int, limit: int) -> str:
    if limit < 100_000:  # small limits read best in bytes ("the 10-byte limit", not "1e-05 MB")
        return f"too large: {size:,} bytes exceeds the {limit:,}-byte limit (--max-bytes)"
    shown = f"{size / 1e6:.1f} MB"
    if shown == f"{limit / 1e6:.1f} MB":
        shown = f"{size:,} bytes"
    return f"too large: {shown} exceeds the {limit / 1e6:g} MB limit (--max-bytes)"


def _drain(stream: BinaryIO) -> int:
    """Skip the rest of a stream in bounded chunks; return the number of bytes skipped."""
    skipped = 0
    while chunk := stream.read(1 << 20):
        skipped += len(chunk)
    return skipped


def _skip_line(stream: BinaryIO) -> int:
    """Skip the rest of the current line in bounded chunks; return its length without the newline."""
    skipped = 0
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


def _complete_utf8(sample: bytes) -> bytes:
    """Cut a possibly split UTF-8 sequence off the end of a sample taken from a longer file."""
    for cut in range(min(3, len(sample)) + 1):
        try:
            (sample[: len(sample) - cut]).decode("utf-8")
            return sample[: len(sample) - cut]
        except UnicodeDecodeError:
            continue
    return sample


_TOO_DEEP = "malformed JSON (nested too deeply: arrays or objects more than about 900 levels deep)"


def _json_error_message(exc: json.JSONDecodeError) -> str:
    return exc.msg.removesuffix(" at")  # "Unterminated string starting at" + " at col 28"


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({exc.strerror or type(exc).__name__})"

"""The pipeline: Document -> spaCy parse -> mentions -> resolution -> events -> DocumentResult.

``Pipeline`` holds the heavy resources (spaCy model, gazetteer) and is built once per process
(or per Dask/multiprocessing worker); callers may pass their own. Each stage is a function in
its own module and can be called alone.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import actors as actor_stage
from eventwire import dates as date_stage
from eventwire import events as event_stage
from eventwire import figures as figure_stage
from eventwire import quotes as quote_stage
from eventwire.documents import InputError, document_from_text
from eventwire.nlp import load_nlp
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.resolve import PlaceResolver
from eventwire.records import Document, DocumentResult


class Pipeline:
    """Codes documents into ``DocumentResult`` records.

    nlp: a loaded spaCy English pipeline (default: ``eventwire.nlp.load_nlp()``);
    gazetteer: an open ``Gazetteer`` (default: the packaged one, built on first use);
    batch_size: documents per ``nlp.pipe`` batch;
    classifier: opt-in model fallback (default off: the rules alone code). True loads the packaged sentence
    classifier (``eventwire.classify``; raises ``ClassifierNotInstalled`` without the ``classifier`` extra);
    a ``SentenceClassifier`` (or any object with ``labels`` and ``predict_proba``) is used as given. It adds
    at most one low-confidence event to a sentence in which the rules found none (``eventwire.events.fallback``);
    classifier_threshold: the minimum top probability (default ``fallback.DEFAULT_THRESHOLD``).
    """

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None, batch_size: int = 32,
                 classifier: Any = False, classifier_threshold: float | None = None):
        if classifier is True:
            from eventwire.classify import default_classifier

            classifier = default_classifier()
        self.classifier = classifier or None
        self.classifier_threshold = classifier_threshold
        self.nlp = nlp or load_nlp()
        self.gazetteer = gazetteer or Gazetteer.open()
        self.places = PlaceResolver(self.gazetteer)
        self.batch_size = batch_size
        _load_tables()

    def parse(self, document: Document) -> Doc:
        """Parse one document; the dateline is blanked so it is not read as a sentence."""
        return next(self._parse_many([_parse_text(document)]))

    def _parse_many(self, texts: list[str]) -> Iterator[Doc]:
        """Parsed Docs of ``texts`` in order: ``nlp.pipe`` batches, and texts over ``PARSE_CHUNK_CHARS``
        parsed in pieces cut at line or sentence ends and joined back into one Doc (same text, same
        offsets), so that a long document costs the parser's memory for one piece, not for all of it."""
        run: list[str] = []
        for text in texts:
            if len(text) <= PARSE_CHUNK_CHARS:
                run.append(text)
                continue
            if run:
                yield from self.nlp.pipe(run, batch_size=self.batch_size)
                run = []
            pieces = list(self.nlp.pipe(_pieces(text), batch_size=1))
            yield Doc.from_docs(pieces, ensure_whitespace=False)
        if run:
            yield from self.nlp.pipe(run, batch_size=self.batch_size)

    def code(self, document: Document) -> DocumentResult:
        """Code one document (parse + all stages). Raises InputError for a document over
        ``MAX_CODE_CHARS`` characters."""
        checked = _check_length(document)
        if isinstance(checked, InputError):
            raise checked
        return self._code_parsed(document, self.parse(document))

    def code_many(self, items: Iterable[Document | InputError]) -> Iterator[DocumentResult | InputError]:
        """Code a stream of documents with ``nlp.pipe`` batches, in input order.

        InputErrors from the readers pass through unchanged; a document whose coding raises is
        turned into an InputError naming it, so one bad document never stops the batch.
        """
        pending: list[Document | InputError] = []
        for item in items:
            pending.append(item)
            if len(pending) >= self.batch_size:
                yield from self._code_batch(pending)
                pending = []
        if pending:
            yield from self._code_batch(pending)

    def _code_batch(self, batch: list[Document | InputError]) -> Iterator[DocumentResult | InputError]:
        batch = [_check_length(d) for d in batch]
        docs = [d for d in batch if isinstance(d, Document)]
        parsed = self._parse_many([_parse_text(d) for d in docs])
        for item in batch:
            if isinstance(item, InputError):
                yield item
                continue
            sdoc = next(parsed)
            try:
                yield self._code_parsed(item, sdoc)
            except Exception as exc:  # one failing document must not stop the batch
                yield InputError(item.origin, f"coding failed: {type(exc).__name__}: {exc}")

    def _code_parsed(self, document: Document, sdoc: Doc) -> DocumentResult:
        published = document.published
        dates = date_stage.extract_dates(sdoc, published)
        places = self.places.resolve(sdoc, document)
        actors = actor_stage.extract_actors(sdoc, document, places)
        people = actors.person_spans()
        places = [p for p in places if not any(s <= p.span[0] < e for s, e in people)]
        quotes = quote_stage.extract_quotes(sdoc, actors, dates)
        figures = figure_stage.extract_figures(sdoc, published, dates)
        if self.classifier is None:
            events = event_stage.extract_events(sdoc, document, actors, places, dates)
        else:
            events = event_stage.extract_events(sdoc, document, actors, places, dates, classifier=self.classifier,
                                                classifier_threshold=self.classifier_threshold)
        if document.dateline is not None:
            document.dateline.place_ref = next(
                (i for i, p in enumerate(places) if p.span == tuple(document.dateline.span)), None)
        return DocumentResult(
            document=document, events=events, actors=actors.records, places=places,
            quotes=quotes, figures=figures, dates=dates,
        )


MAX_CODE_CHARS = 1_000_000  # spaCy's own default limit: the parser needs about 1 GB per 100,000 words


def _check_length(item: Document | InputError) -> Document | InputError:
    """Refuse a document too long to parse in bounded memory, naming it and the limit."""
    if isinstance(item, Document) and len(item.text) > MAX_CODE_CHARS:
        return InputError(item.origin, f"too long to code: {len(item.text):,} characters exceeds the "
                                       f"{MAX_CODE_CHARS:,}-character limit; split the document")
    return item


PARSE_CHUNK_CHARS = 100_000
"""Texts longer than this are parsed in pieces of at most this many characters (``Pipeline._parse_many``)."""


def _pieces(text: str) -> Iterator[str]:
    """Consecutive pieces of ``text`` (joined they are ``text``) of at most ``PARSE_CHUNK_CHARS``
    characters, each cut after a line end, else after a sentence end (". "), else at a space, found in
    the second half of the piece; a piece with none of these is cut at the limit."""
    pos, n = 0, len(text)
    while pos < n:
        end = pos + PARSE_CHUNK_CHARS
        if end >= n:
            yield text[pos:]
            return
        low = pos + PARSE_CHUNK_CHARS // 2
        cut = text.rfind("\n", low, end) + 1
        if not cut:
            cut = text.rfind(". ", low, end - 1) + 2
            if cut == 1:
                cut = text.rfind(" ", low, end) + 1 or end
        yield text[pos:cut]
        pos = cut


_LONG_RUN = re.compile(r"\S{200,}")


def _break_long_run(m: re.Match) -> str:
    run = m.group(0)
    return " ".join(run[i:i + 99] for i in range(0, len(run), 100))[: len(run)]


def _parse_text(document: Document) -> str:
    """The text spaCy parses: same length and offsets as ``document.text``, with the dateline blanked
    (it is not a sentence) and runs of 200+ characters without a space broken every 100 characters
    (spaCy's affix splitting is quadratic in the length of such a run; no word is that long)."""
    text = document.text
    if document.dateline is not None:
        end = document.dateline.end
        text = " " * end + text[end:]
    return _LONG_RUN.sub(_break_long_run, text)


_DEFAULT: Pipeline | None = None


def code_text(text: str, published: dt.date | str | None = None, *, id: str | None = None,
              title: str | None = None, source: str | None = None, pipeline: Pipeline | None = None,
              **extra: Any) -> DocumentResult:
    """Code one text and return its ``DocumentResult``.

    text: the article (a dateline such as ``NAIROBI (AP) —`` is recognised);
    published: publication date (``date`` or ``YYYY-MM-DD``) used to resolve relative dates.
    Raises ``InputError`` for empty or non-text input. Uses a shared default Pipeline unless given one.
    """
    global _DEFAULT
    if pipeline is None:
        if _DEFAULT is None:
            _DEFAULT = Pipeline()
        pipeline = _DEFAULT
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc = document_from_text(text, origin=extra.pop("origin", "<text>"), id=id, title=title,
                             published=published, source=source, **extra)
    return pipeline.code(doc)


class TableError(ValueError):
    """A user's actor table or lexicon file (``$EVENTWIRE_ACTOR_DIR``, ``$EVENTWIRE_VERB_FILE``) cannot be
    used; the message names the file (and line) or the variable."""


def _load_tables() -> None:
    """Load the actor tables and the event lexicons now (each once per process), so that a malformed or
    missing user file stops the run once, naming it, instead of failing every document.
    Raises TableError."""
    import os

    from eventwire.actors.dictionary import DictionaryError, default_dictionary
    from eventwire.events.lexicon import LexiconError, default_lexicon, default_nouns

    actor_dir = os.environ.get("EVENTWIRE_ACTOR_DIR")
    if actor_dir and not os.path.isdir(actor_dir):
        raise TableError(f"EVENTWIRE_ACTOR_DIR={actor_dir}: not a folder of actor tables")
    verb_file = os.environ.get("EVENTWIRE_VERB_FILE")
    if verb_file and not os.path.isfile(verb_file):
        raise TableError(f"EVENTWIRE_VERB_FILE={verb_file}: no such file")
    try:
        default_dictionary()
        default_lexicon()
        default_nouns()
    except (DictionaryError, LexiconError, OSError, UnicodeDecodeError) as exc:
        raise TableError(" ".join(str(exc).split())) from exc

"""Direct quotations and their attribution: who said it, to whom, and when.

A quotation is text between paired quotation marks (straight or curly). Its speaker is the subject
of the nearest saying verb outside any quotation in the same paragraph ("..., Gates said"; "Kirby
told AFP"); a quotation with no saying verb of its own in the paragraph continues the previous
quotation's speaker. Pronoun speakers ("he said") resolve through the actor index to the last person
named, and "the admiral" to the admiral. The addressee is the indirect object or object of "tell"
("told NBC"); the date is the date expression in the attribution clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.actors import ActorIndex
from eventwire.events.clauses import subjects
from eventwire.records import DateRef, Quote, Speaker

SAYING_VERBS = {"say", "tell", "add", "state", "declare", "announce", "explain", "insist", "note", "write",
                "ask", "warn", "argue", "claim", "stress", "reply", "respond", "continue", "conclude", "comment",
                "acknowledge", "admit", "quote", "remark"}
_OPEN = {'"': '"', "“": "”", "«": "»"}
_MIN_QUOTE = 2  # characters
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes or titles
MAX_QUOTE_CHARS = 3000  # a longer "quotation" comes from unpaired marks


@dataclass
class _Q:
    start: int  # offset of the first character inside the marks
    end: int
    paragraph: tuple[int, int]


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of the direct quotations in ``text``, paired per paragraph.

    An unmatched mark at a paragraph's end (a quotation that runs on into the next paragraph, as
    wire style allows) closes at the paragraph end.
    """
    out = []
    pos = 0
    for para in re.split(r"(\n\s*\n|\n)", text):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in _OPEN or ch == "”":
                close = _OPEN.get(ch, '"')
                j = para.find(close, i + 1)
                if ch == '"':
                    j = para.find('"', i + 1)
                if j == -1:
                    j = len(para)
                if j - i - 1 >= _MIN_QUOTE:
                    out.append((pos + i + 1, pos + j))
                i = j + 1
            else:
                i += 1
        pos += len(para)
    return out


def extract_quotes(sdoc: Doc, actors: ActorIndex, dates: list[DateRef]) -> list[Quote]:
    """Quotations of one parsed document with speaker, addressee and date (see module docstring)."""
    text = sdoc.text
    spans = find_quotations(text)
    quotes: list[Quote] = []
    prev: tuple[Quote, tuple[int, int]] | None = None
    for start, end in spans:
        if _scare_quote(text[start:end]) or end - start > MAX_QUOTE_CHARS:
            continue  # 'an "armed terrorist group"' is a label; 10,000 characters is stray marks, not speech
        para = _paragraph(text, start)
        verb = _saying_verb(sdoc, para, spans, start, end)
        quote = Quote(text=text[start:end].strip(), span=(start, end))
        if verb is not None:
            quote.speaker = _speaker(verb, actors)
            quote.addressee = _addressee(verb)
            quote.date = _date_of(verb, dates)
        elif prev is not None and prev[1] == para:
            quote.speaker, quote.addressee, quote.date = prev[0].speaker, None, prev[0].date
        else:  # a quotation inside someone's action: 'protesters surrounded stations "to ask for ..."'
            quote.speaker = _clause_subject(sdoc, start, end, actors)
        quotes.append(quote)
        prev = (quote, para)
    return quotes


def _scare_quote(inner: str) -> bool:
    """A short quoted phrase with no closing punctuation of its own is a label or term, not speech."""
    inner = inner.strip()
    return len(inner.split()) < MIN_QUOTE_WORDS and not inner.endswith((",", ".", "!", "?", ";", ":"))


def _clause_subject(sdoc: Doc, start: int, end: int, actors: ActorIndex) -> Speaker | None:
    """The subject of the verb that governs a quotation with no saying verb, if it is an actor."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    while tok.head.i != tok.i and start <= tok.idx < end:
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or start <= tok.idx < end:
        return None
    subj, passive = subjects(tok)
    return _speaker_of_token(subj[0], actors) if subj and not passive else None


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def _saying_verb(sdoc: Doc, para: tuple[int, int], spans: list[tuple[int, int]], qs: int, qe: int) -> Token | None:
    """The saying verb that attributes the quotation at [qs, qe): nearest outside any quotation."""
    best = None
    for tok in sdoc.char_span(para[0], para[1], alignment_mode="expand") or []:
        if tok.lemma_.lower() not in SAYING_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(s - 1 <= tok.idx <= e for s, e in spans):
            continue
        # the verb must sit next to this quotation, not beyond another one
        lo, hi = (qe, tok.idx) if tok.idx > qe else (tok.idx, qs)
        if any(lo < s < hi for s, _ in spans):
            continue
        dist = tok.idx - qe if tok.idx > qe else (qs - tok.idx) * 1.5
        if best is None or dist < best[0]:
            best = (dist, tok)
    return best[1] if best else None


def _speaker(verb: Token, actors: ActorIndex) -> Speaker | None:
    # nearest subject first: a misparse can hang a subject from inside the quotation on the verb too
    subj = sorted((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: abs(c.i - verb.i))
    if not subj:
        # "..., Gates said" can be parsed with the name as an inverted subject or object
        subj = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ == "PROPN"]
    if not subj:
        # "The governor confirmed the raid, saying '...'": the subject of the governing verb
        subj, passive = subjects(verb)
        subj = [] if passive else subj
    if not subj:
        return None
    return _speaker_of_token(subj[0], actors)


def _speaker_of_token(tok: Token, actors: ActorIndex) -> Speaker | None:
    """The speaker a subject token names: a person inside the phrase first ("army spokesperson
    Ann Okafor"), then the coded actor, then he/she/it resolved, then the phrase itself."""
    for t in tok.subtree:
        idx = actors.actor_at(t)
        if idx is not None and actors.records[idx].kind == "person" and t.i <= tok.i + 3:
            return Speaker(name=actors.records[idx].name, actor_ref=idx)
    if tok.pos_ == "PRON" and tok.lower_ in ("it", "they"):
        idx = actors.last_speaking_actor(tok.idx)
        if idx is not None:
            return Speaker(name=actors.records[idx].name, actor_ref=idx)
    ref = actors.code_token(tok)
    if ref is not None and ref.actor_ref is not None:
        actor = actors.records[ref.actor_ref]
        return Speaker(name=actor.name, actor_ref=ref.actor_ref)
    if tok.pos_ == "PRON" and tok.lower_ in ("he", "she"):
        idx = actors.person_before(tok.idx)
        if idx is not None:
            return Speaker(name=actors.records[idx].name, actor_ref=idx)
    if tok.lower_ in ("i", "we", "it", "they", "you"):
        return None
    phrase = tok.doc[min(t.i for t in tok.subtree): max(t.i for t in tok.subtree) + 1].text
    return Speaker(name=phrase, actor_ref=None)


def _addressee(verb: Token) -> str | None:
    if verb.lemma_.lower() != "tell":
        return None
    for c in verb.children:
        if c.dep_ in ("dative", "dobj") and c.pos_ in ("PROPN", "NOUN"):
            return c.doc[min(t.i for t in c.subtree): c.i + 1].text
    return None


def _date_of(verb: Token, dates: list[DateRef]) -> DateRef | None:
    lo = min(t.idx for t in verb.subtree)
    hi = max(t.idx + len(t.text) for t in verb.subtree)
    # only dates in the attribution, not inside the quotation itself
    for child in verb.children:
        if child.dep_ in ("npadvmod", "prep", "advmod"):
            for d in dates:
                sub = list(child.subtree)
                if sub[0].idx <= d.span[0] < sub[-1].idx + len(sub[-1].text):
                    return d
    return None if lo > hi else None

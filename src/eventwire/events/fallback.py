"""Classifier fallback: an event for a sentence in which the rules found none (opt-in, low confidence).

Used only when the pipeline is built with a classifier (``Pipeline(classifier=True)``, ``--classifier``).
A sentence qualifies when the rules coded no event in it and its main clause has a subject that the actor
index codes (a country, organisation or sector code, not just a text). The sentence-level classifier
(``eventwire.classify``) gives a distribution over the PLOVER types and NONE; when the top label is a
PLOVER type with probability at least ``threshold``, one event is emitted: that type's default CAMEO code
(``ontology.default_cameo``), source = the clause's subject actor, target = its object or prepositional
actor when coded, modality from ``clauses.modality``, confidence ``CONFIDENCE_SCALE`` x probability (at most
0.4, below every rule-coded event's), and ``coder = "classifier"``.

Which clause: the sentence root; when the root is a saying verb ("X said Y attacked Z"), the reported
clause for material acts (Y attacked), the speaker's for verbal acts (X's demand or accusation).
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from eventwire import ontology
from eventwire.actors import ActorIndex
from eventwire.events import clauses
from eventwire.records import ActorRef, DateRef, Document, Event, Place

DEFAULT_THRESHOLD = 0.3
"""Minimum top probability; chosen on the tuning parts only (docs/evaluation.md, "Classifier fallback")."""
CONFIDENCE_SCALE = 0.4
CODER = "classifier"
# Verbal acts are the speaker's when a saying verb reports them; material acts are the reported subject's.
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
SAYING = {"say", "tell", "state", "announce", "declare", "add", "report", "claim", "insist", "note", "argue",
          "stress", "warn", "reiterate", "confirm", "allege", "charge", "assert"}


def _subject_actor(pred: Token, actors: ActorIndex) -> ActorRef | None:
    """The coded actor of the predicate's subject (active clauses only), or None."""
    toks, passive = clauses.subjects(pred)
    if passive:
        return None  # "was attacked by X": the agent may be anything; left to the rules
    for t in toks:
        ref = actors.code_token(t, loose=True)
        if ref is not None and ref.code:
            return ref
    return None


def clause_candidates(sent: Span) -> tuple[Token | None, list[Token]]:
    """The sentence root (None when it is not a verb) and, when the root is a saying verb, the verbs of the
    clauses it reports."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None, []
    reported = []
    if root.lemma_.lower() in SAYING:
        reported = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    return root, reported


def _choose(sent: Span, plover_type: str | None, actors: ActorIndex) -> tuple[Token, ActorRef] | None:
    """The predicate and its coded subject actor for a sentence (plover_type None: any clause will do)."""
    root, reported = clause_candidates(sent)
    if root is None:
        return None
    order = [root] + reported if plover_type in VERBAL_TYPES or not reported else reported + [root]
    for pred in order:
        ref = _subject_actor(pred, actors)
        if ref is not None:
            return pred, ref
    return None


def _target(pred: Token, src: ActorRef, actors: ActorIndex, places: list[Place]) -> ActorRef | None:
    from eventwire.events.extract import _code_target

    toks = clauses.direct_objects(pred) + [o for p in clauses.prep_children(pred)
                                           if p.lower_ in clauses.TARGET_PREPS for o in clauses.pobjs(p)]
    for t in toks:
        ref = _code_target(t, actors, places)
        if ref is not None and ref.code and ref.code != src.code:
            return ref
    return None


def classifier_events(sdoc: Doc, document: Document, sentences: list[tuple[int, Span]], actors: ActorIndex,
                      places: list[Place], dates: list[DateRef], classifier,
                      threshold: float = DEFAULT_THRESHOLD) -> list[Event]:
    """Events for ``sentences`` (``(sentence index, sentence)`` pairs in which the rules found no event).

    classifier: an object with ``labels`` and ``predict_proba(list[str]) -> (n, len(labels))`` (a
    ``eventwire.classify.SentenceClassifier``); threshold: minimum probability of the top PLOVER type.
    RETURNS at most one event per sentence, in sentence order.
    """
    from eventwire.events.extract import _date, _event, _historical, _location

    chosen = [(i, sent) for i, sent in sentences if _choose(sent, None, actors) is not None]
    if not chosen:
        return []
    probs = classifier.predict_proba([sent.text.strip() for _, sent in chosen])
    labels = list(classifier.labels)
    out: list[Event] = []
    for (s_index, sent), row in zip(chosen, probs):
        top = int(row.argmax())
        plover_type, p = labels[top], float(row[top])
        if p < threshold or plover_type not in ontology.plover_types():
            continue
        picked = _choose(sent, plover_type, actors)
        if picked is None:
            continue
        pred, src = picked
        tgt = _target(pred, src, actors, places)
        code = ontology.default_cameo(plover_type)
        location = _location(pred, sent, places, [])
        date = _date(pred, sent, dates)
        mod = clauses.modality(pred)
        if plover_type == "THREATEN" and mod == "threatened":
            mod = "asserted"
        event = _event(code, pred, sent, s_index, src, tgt, location, date, mod, CONFIDENCE_SCALE * p)
        event = dataclasses.replace(event, confidence=round(min(CONFIDENCE_SCALE, CONFIDENCE_SCALE * p), 2),
                                    coder=CODER)
        if _historical(sent, event.date, document.published):
            event.context.append("historical")
        out.append(event)
    return out

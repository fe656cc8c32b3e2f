"""A pipeline-like wrapper that codes ``Document``s with the dictionary coder into ``DocumentResult``s.

``DictionaryPipeline`` has the ``code(document)`` / ``code_many(documents)`` interface of
``eventwire.pipeline.Pipeline`` (so ``eventwire code --dictionaries DIR`` and ``evaluate_suite`` can drive it), but
its events come only from TABARI/PETRARCH dictionaries (``eventwire.dictionaries.coder``); actors, places, quotes
and figures are not extracted. Events carry the dictionary's codes as written; PLOVER type/mode, QuadClass and
Goldstein come from ``eventwire.ontology`` when the code is a CAMEO code, else they are None/0 (the validation
suites' WEIS-like codes such as ``1717`` or ``174K``).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.dictionaries.coder import CodedEvent, CoderConfig, DictionaryCoder


class DictionaryPipeline:
    """Codes documents with a loaded ``DictionarySet``.

    dictionaries: the DictionarySet; nlp: a spaCy pipeline (default ``eventwire.nlp.load_nlp()``);
    config: default CoderConfig; single_sentence: each document is one sentence (suite records);
    configs: document id -> PETRARCH option dict applied on top of ``config``.
    """

    def __init__(self, dictionaries, nlp=None, config: CoderConfig | None = None, single_sentence: bool = False,
                 configs: dict[str, dict] | None = None):
        self.coder = DictionaryCoder(dictionaries, nlp=nlp, config=config)
        self.single_sentence = single_sentence
        self.configs = configs or {}

    def code(self, document):
        """RETURNS a ``DocumentResult`` with the document's dictionary-coded events."""
        text = document.text
        if getattr(document, "dateline", None) is not None:  # the dateline is not a sentence
            end = document.dateline.end
            text = " " * end + text[end:]
        cfg = CoderConfig.from_options(self.configs.get(str(document.id)) or {}, self.coder.config)
        events = self.coder.code_text(text, document.published, cfg, single_sentence=self.single_sentence)
        return coded_events_result(document, events)

    def code_many(self, documents: Iterable) -> Iterator:
        """Code documents in order; input errors pass through, and a document whose coding raises is returned as
        an ``InputError`` naming it, so one bad document never stops the batch."""
        from eventwire.documents import InputError  # noqa: PLC0415

        for d in documents:
            if not hasattr(d, "text"):
                yield d
                continue
            try:
                yield self.code(d)
            except Exception as exc:  # noqa: BLE001  one failing document must not stop the batch
                yield InputError(getattr(d, "origin", str(d.id)), f"coding failed: {type(exc).__name__}: {exc}")


def coded_events_result(document, events: list[CodedEvent]):
    """A ``DocumentResult`` holding ``events`` as ``records.Event``s (source/target ``ActorRef`` with the codes;
    country = first three letters when they are upper-case letters, sector = the next three)."""
    from eventwire.records import ActorRef, DocumentResult, Event  # noqa: PLC0415

    out = []
    for k, e in enumerate(events):
        cameo = _cameo(e.code)
        key = f"{document.id}:{k}:{e.source}:{e.target}:{e.code}"
        out.append(Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16], sentence_index=e.sentence_index, span=e.sentence,
            evidence=document.text[e.sentence[0]: e.sentence[1]].strip(), trigger=e.verb,
            plover_type=cameo.plover_type if cameo else None, plover_mode=cameo.plover_mode if cameo else None,
            modality="asserted", cameo_code=e.code, quad_class=cameo.quad_class if cameo else 0,
            goldstein=cameo.goldstein if cameo else 0.0,
            source=_ref(ActorRef, e.source, e.source_text), target=_ref(ActorRef, e.target, e.target_text),
            confidence=0.5, context=[f"dictionary pattern {e.pattern}" if e.pattern else "dictionary verb code"],
        ))
    return DocumentResult(document=document, events=out)


def _cameo(code: str) -> Any:
    from eventwire import ontology  # noqa: PLC0415

    try:
        return ontology.cameo(code)
    except (KeyError, TypeError):
        return None


def _ref(cls, code: str, text: str):
    head = code[:3]
    country = head if len(code) >= 3 and head.isalpha() and head.isupper() else None
    sector = code[3:6] if len(code) >= 6 and (country or head == "---") and code[3:6].isalpha() else None
    return cls(text=text, code=code, country=country, sector=sector)

"""The records eventwire produces: plain dataclasses that serialise to the output contract.

Every record points back into ``Document.text`` with a character span ``(start, end)``
(Python ``str`` offsets, end exclusive). ``DocumentResult.to_dict()`` gives the JSON
shape documented in ``docs/architecture.md`` (the "output contract").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

MODALITIES = ("asserted", "planned", "intended", "threatened", "negated", "hypothetical", "requested")


@dataclass
class Dateline:
    """A wire-story dateline such as ``NAIROBI (AP) —``.

    text: the place part as written ("WASHINGTON"); span: its offsets;
    agency: the news agency in brackets, if any ("AFP"); end: offset where the story body starts;
    place_ref: index into ``DocumentResult.places`` once resolved.
    """

    text: str
    span: Span
    end: int
    agency: str | None = None
    date_text: str | None = None
    place_ref: int | None = None


@dataclass
class Document:
    """One input document after reading and text repair.

    id: caller's id or ``sha256:<hex>`` of ``text``; text: repaired UTF-8 text that all spans index;
    published: publication date or None; origin: where it came from (path, ``path:line``, ``<stdin>``),
    used in error messages; dateline: split-off dateline, not parsed as a sentence.
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    dateline: Dateline | None = None
    lang: str = "en"


@dataclass
class DateRef:
    """A date expression resolved against the publication date.

    start/end: inclusive ISO dates of the interval, or None when it cannot be resolved
    (no publication date, or too vague); precision: day | week | month | year | None.
    """

    text: str
    span: Span
    start: str | None = None
    end: str | None = None
    precision: str | None = None


@dataclass
class Place:
    """A toponym and its resolution in the gazetteer.

    geonameid/name/country (ISO 3166-1 alpha-2)/admin1/lat/lon/feature_code come from the gazetteer;
    all are None when the resolver declined, and ``reason`` then says why. score in [0, 1].
    inferred: set when the toponym itself is not in the gazetteer (a street, building or venue) and
    the point is that of the town or district named nearest before it in the document; it says so
    ("not in the gazetteer; placed at Liverpool, the nearest town named before it").
    """

    text: str
    span: Span
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    score: float = 0.0
    reason: str | None = None
    inferred: str | None = None


@dataclass
class Actor:
    """A document-level actor: a person, organisation, country or group, with all its mentions.

    code: CAMEO-style actor code (ISO alpha-3 country + sector codes, e.g. ``USAMIL``), None when unknown;
    kind: person | organisation | country | group; known: False for actors kept by text only.
    """

    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    known: bool = True


@dataclass
class ActorRef:
    """An actor as it takes part in one event or quote (the mention's text plus its coding)."""

    text: str
    code: str | None
    country: str | None
    sector: str | None
    actor_ref: int | None = None


@dataclass
class EventLocation:
    """Where an event happened: a place from ``DocumentResult.places`` or None with a reason."""

    place_ref: int | None
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    reason: str | None = None


@dataclass
class Event:
    """One coded event: source actor does something to target actor.

    plover_type/plover_mode follow the PLOVER manual; cameo_code/quad_class/goldstein the CAMEO
    codebook (Schrodt 2012; Goldstein 1992 scale). modality is one of ``MODALITIES``.
    confidence in [0, 1]. coder: None for the rule coder (left out of ``to_dict()``); ``"classifier"`` for
    an event the optional sentence classifier supplied where the rules found none (``eventwire.events.fallback``).
    """

    id: str
    sentence_index: int
    span: Span
    evidence: str
    trigger: str
    plover_type: str
    plover_mode: str | None
    modality: str
    cameo_code: str
    quad_class: int
    goldstein: float
    source: ActorRef | None
    target: ActorRef | None
    location: EventLocation | None = None
    date: DateRef | None = None
    confidence: float = 0.5
    context: list[str] = field(default_factory=list)
    coder: str | None = None


@dataclass
class Speaker:
    name: str
    actor_ref: int | None = None


@dataclass
class Quote:
    """A direct quotation with its attribution. speaker None when no speaker could be found."""

    text: str
    span: Span
    speaker: Speaker | None = None
    addressee: str | None = None
    date: DateRef | None = None


@dataclass
class Figure:
    """A normalised number from the text.

    kind: fatalities | injuries | arrests | kidnapped | displaced | money | percent | count;
    value: the point value (None for a range), min/max: bounds; qualifier: = | > | >= | < | <= | ~ | range;
    unit: people | USD-style currency amount | percent | items; currency: ISO 4217 or None;
    period: {"start","end"} ISO dates, or {"per": "year"} for rates, or None.
    """

    kind: str
    value: float | None
    min: float | None
    max: float | None
    qualifier: str
    unit: str
    text: str
    span: Span
    currency: str | None = None
    period: dict[str, Any] | None = None


@dataclass
class DocumentResult:
    """Everything eventwire extracted from one document: the output contract."""

    document: Document
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """JSON-ready dict in the output contract. include_text adds ``document.text``."""
        doc = self.document
        d: dict[str, Any] = {
            "document": {
                "id": doc.id,
                "title": doc.title,
                "published": doc.published.isoformat() if doc.published else None,
                "source": doc.source,
                "url": doc.url,
                "origin": doc.origin,
                "dateline": _plain(doc.dateline),
            },
            "events": [_event_dict(e) for e in self.events],
            "actors": [_plain(a) for a in self.actors],
            "places": [_plain(p) for p in self.places],
            "quotes": [_plain(q) for q in self.quotes],
            "figures": [_plain(f) for f in self.figures],
            "dates": [_plain(x) for x in self.dates],
        }
        if include_text:
            d["document"]["text"] = doc.text
        return d


def _event_dict(event: Event) -> dict[str, Any]:
    """An event in the output contract; ``coder`` only when set (rule-coded events keep their old shape)."""
    d = _plain(event)
    if d.get("coder") is None:
        d.pop("coder", None)
    return d


def _plain(obj: Any) -> Any:
    if obj is None:
        return None
    d = asdict(obj)
    return _lists(d)


def _lists(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _lists(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_lists(x) for x in v]
    return v

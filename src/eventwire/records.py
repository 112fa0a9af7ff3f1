"""Immutable records that flow through the pipeline.

Every extracted value carries ``start``/``end`` character offsets into the *article text* (``Article.text``)
and a ``confidence`` in [0, 1], so each coded field can be traced back to the words it came from.
Stages never mutate a record: they return new ones (``dataclasses.replace``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable hex id from text parts (the basis of idempotent re-ingest)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read by ``ingest``. ``id`` is a content hash of title + text."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    source: str | None = None
    external_id: str | None = None
    url: str | None = None
    origin: str | None = None  # file path (and line) it was read from
    title_offset: int = 0  # where the title starts in text; -1 when the title is not part of the text
    encoding: str = "utf-8"  # how the bytes were decoded (a cp1252 fallback is recorded here)

    @staticmethod
    def make_id(title: str, text: str) -> str:
        return content_hash(title.strip(), text.strip())


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PloverActor:
    country: str | None = None
    primary: str | None = None
    secondary: str | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A resolved actor mention.

    ``cameo_code`` is the CAMEO actor code (country + sectors, e.g. ``RUSGOV``; ``---GOV`` when the
    country is unknown). ``kind`` is one of state | person | organization | group.
    ``reason`` says how the mention was resolved (alias, capital-as-government, office holder, coref …).
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    sectors: tuple[str, ...] = ()
    cameo_code: str | None = None
    plover_actor: PloverActor = field(default_factory=PloverActor)
    kind: str = "state"
    aliases: tuple[str, ...] = ()
    confidence: float = 1.0
    sentence: int = -1
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    geonameid: int | None = None
    feature: str = "city"  # city|admin|country|water|region
    population: int = 0
    confidence: float = 1.0
    sentence: int = -1


@dataclass(frozen=True, slots=True)
class DateRef:
    text: str
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    precision: str  # day|week|month|year|period
    confidence: float = 1.0
    sentence: int = -1


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str | None
    kind: str  # fatalities|injuries|count|distance|duration|volume|money|…
    text: str
    start: int
    end: int
    confidence: float = 1.0
    sentence: int = -1


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: who did what to whom, where, when, how many — with evidence."""

    id: str
    article_id: str
    sentence: str
    evidence: Span
    trigger: Span
    source: ActorRef | None
    target: ActorRef | None
    cameo_code: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    status: str = "factual"  # factual|hypothetical|negated|future|reported
    location: Place | None = None
    location_precision: str | None = None  # attached|sentence|article
    date: DateRef | None = None
    fatalities: int | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 1.0
    story_id: str | None = None
    num_articles: int = 1
    num_sources: int = 1
    sentence_index: int = -1
    # which coder named the code: "pattern" (a trigger pattern matched the words at ``trigger``) or "fallback"
    # (the exemplar classifier of events/fallback.py, for a sentence with two actors and no pattern match)
    method: str = "pattern"


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed; stored in the ``failures`` table, never silently dropped."""

    origin: str
    code: str
    message: str
    article_id: str | None = None
    stage: str = "ingest"


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    headline: str
    article_ids: tuple[str, ...]
    num_articles: int
    num_sources: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    digest: tuple[dict[str, Any], ...] = ()
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the extraction stages found in one article. Stages fill it in one after another."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    doc: Any = field(default=None, compare=False, repr=False)  # the spaCy Doc (not serialised)
    duplicate_of: str | None = None  # article id of the original when this is a near-duplicate copy
    story_id: str | None = None


_PLAIN = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls) if f.name != "doc")
    return names


def to_dict(obj: Any) -> Any:
    """JSON-ready plain data from records (dates as ISO strings, tuples as lists)."""
    if isinstance(obj, _PLAIN):
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_dict(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


__all__ = [
    "ActorRef",
    "Analysis",
    "Article",
    "DateRef",
    "Event",
    "Failure",
    "Place",
    "PloverActor",
    "Quantity",
    "Sentence",
    "Span",
    "Story",
    "asdict",
    "content_hash",
    "to_dict",
]

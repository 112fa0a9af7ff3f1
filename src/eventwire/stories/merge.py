"""Cross-outlet event dedup: the same event reported by several articles of one story becomes one event.

Two mentions are the same event when they share the story, the source and target actor codes, the CAMEO
root, the place (or both have none), and their dates lie within ``date_window_days`` of each other (or both
have none). The merged event is the first mention with ``num_articles`` / ``num_sources`` counted over the
mentions and the story id set; every mention stays traceable (article id + evidence offsets).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..records import ActorRef, Analysis, Event, Place

_Key = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's report of a merged event."""

    event_id: str  # the id of the mention's own event record
    article_id: str
    start: int
    end: int
    source: str | None = None  # outlet


@dataclass(frozen=True, slots=True)
class MergedEvents:
    events: list[Event] = field(default_factory=list)
    mentions: dict[str, list[EventMention]] = field(default_factory=dict)  # merged event id -> mentions


def _actor_key(actor: ActorRef | None) -> str:
    if actor is None:
        return ""
    return actor.cameo_code or actor.country or actor.name.lower()


def _place_key(place: Place | None) -> str:
    if place is None:
        return ""
    if place.geonameid is not None:
        return f"g{place.geonameid}"
    return f"n{place.name.lower()}|{place.country or ''}"


def _key(story: str, event: Event) -> _Key:
    return (story, _actor_key(event.source), _actor_key(event.target), event.cameo_root, _place_key(event.location))


def _start(item: tuple[Event, Analysis]) -> dt.date:
    date = item[0].date
    return date.date_start if date is not None else dt.date.min


def _date_groups(items: list[tuple[Event, Analysis]], window: int) -> list[list[tuple[Event, Analysis]]]:
    """Chain mentions whose date ranges lie within ``window`` days; undated mentions form their own group."""
    undated = [it for it in items if it[0].date is None]
    groups: list[list[tuple[Event, Analysis]]] = [undated] if undated else []
    current: list[tuple[Event, Analysis]] = []
    current_end = dt.date.min
    for item in sorted((it for it in items if it[0].date is not None), key=_start):
        date = item[0].date
        assert date is not None  # undated mentions were set aside above
        if current and (date.date_start - current_end).days > window:
            groups.append(current)
            current = []
        current_end = date.date_end if not current else max(current_end, date.date_end)
        current.append(item)
    if current:
        groups.append(current)
    return groups


def merge_events(analyses: list[Analysis], date_window_days: int = 1) -> MergedEvents:
    """One event per distinct real-world event across the articles (near-duplicate copies count as articles)."""
    by_key: dict[_Key, list[tuple[Event, Analysis]]] = defaultdict(list)
    order: list[_Key] = []
    # A copy that was not coded itself (the pipeline may skip NLP for near-duplicates) still reports its
    # original's events: it counts as one more article and outlet for each of them.
    copies: dict[str, list[Analysis]] = defaultdict(list)
    for analysis in analyses:
        if analysis.duplicate_of is not None and not analysis.events:
            copies[analysis.duplicate_of].append(analysis)
    for analysis in analyses:
        story = analysis.story_id or ""
        for event in analysis.events:
            key = _key(story, event)
            if key not in by_key:
                order.append(key)
            by_key[key].append((event, analysis))
            by_key[key].extend((event, copy) for copy in copies.get(analysis.article.id, ()))
    out = MergedEvents()
    for key in order:
        for group in _date_groups(by_key[key], date_window_days):
            merged, mentions = _merge_group(group)
            out.events.append(merged)
            out.mentions[merged.id] = mentions
    return out


def _merge_group(group: list[tuple[Event, Analysis]]) -> tuple[Event, list[EventMention]]:
    first, first_analysis = group[0]
    articles = {a.article.id for _e, a in group}
    sources = {a.article.source or a.article.id for _e, a in group}
    mentions = [
        EventMention(event_id=e.id, article_id=a.article.id, start=e.evidence.start, end=e.evidence.end,
                     source=a.article.source)
        for e, a in group
    ]
    merged = dataclasses.replace(
        first,
        num_articles=len(articles),
        num_sources=len(sources),
        story_id=first_analysis.story_id or first.story_id,
        confidence=max(e.confidence for e, _a in group),
    )
    return merged, mentions

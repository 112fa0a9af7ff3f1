"""Capitals that stand for their government ("Washington said", "Moscow's position").

They are toponyms all the same — geoparsing corpora tag and resolve them — so the geoparser reports them (with a
lower confidence), but an event does not happen there: ``locate_event`` skips them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import ActorRef

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


def government_spans(actors: Iterable[ActorRef], doc: Any = None) -> list[tuple[int, int]]:
    """Spans of capitals the actor stage read as their government (\"Washington said\")."""
    return [(a.start, a.end) for a in actors if any(r in (a.reason or "") for r in NON_LOCATION_REASONS)
            and _stands_for_government(doc, a.start, a.end)]

"""Entity features of an analysed article, for the topic level of story clustering.

Text cosines group reports of one event; reports of one *topic* on one day (a strike, the reaction to it, the
figures behind it) often share few words but the same actors, places and event dyads. These features come from
the extraction stages (actors, geo, events), so they name an entity the same way however it is written
("Moscow", "Russia's", "the Russian air grouping" -> ``c:RUS``).

Feature kinds (prefix):
    c:  a country an actor or place belongs to (ISO3)
    a:  an actor's CAMEO code with a known country or group (``RUSMIL``, ``IMGMUSISI``); ``---REB``-style codes
        without a country say too little and are left out
    n:  a named non-state actor (person, organisation, group)
    p:  a named place below country level (city, region, water body)
    d:  an event dyad, source > target (countries or codes)
    e:  an event's source with its CAMEO root (``RUS:19`` - Russia fighting)

Each feature counts once per article (event features half): the story profile sums them over its articles.
"""

from __future__ import annotations

from ..records import ActorRef, Analysis
from .text import country_names

# Event features count half: one article's coded events are many and noisier than the entities it names,
# and at full weight they swamp the share of its profile another story can hold.
EVENT_WEIGHT = 0.5
_ARTICLES = frozenset({"the", "a", "an"})  # "The ministry" at a sentence start is no proper name


def _party(ref: ActorRef | None) -> str | None:
    """How an event party is named in dyad features: its country, else its code when that is specific."""
    if ref is None:
        return None
    if ref.country:
        return ref.country
    code = ref.cameo_code
    return code if code and not code.startswith("---") else None


def entity_features(analysis: Analysis) -> dict[str, float]:
    """The article's entity features and their weights; empty when the extraction stages found nothing."""
    feats: set[str] = set()
    countries = country_names()
    for actor in analysis.actors:
        if actor.country:
            feats.add(f"c:{actor.country}")
        code = actor.cameo_code
        if code and not code.startswith("---") and code != actor.country:
            feats.add(f"a:{code}")
        name = actor.name.lower() if actor.name else ""
        # Only proper names: "the ministry", "people" or "Syria" read as a group say nothing beyond c:/a:.
        proper = actor.name[:1].isupper() and name.split(" ", 1)[0] not in _ARTICLES
        if actor.kind != "state" and proper and name not in countries:
            feats.add(f"n:{name}")
    for place in analysis.places:
        if place.country:
            feats.add(f"c:{place.country}")
        if place.feature != "country" and place.name:
            feats.add(f"p:{place.geonameid or place.name.lower()}")
    for event in analysis.events:
        src, tgt = _party(event.source), _party(event.target)
        if src and tgt and src != tgt:
            feats.add(f"d:{src}>{tgt}")
        if src:
            feats.add(f"e:{src}:{event.cameo_root}")
    return {f: EVENT_WEIGHT if f[0] in "de" else 1.0 for f in feats}

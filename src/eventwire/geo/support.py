"""Spatial coherence between the toponyms of one article.

Names in one article tend to lie close together ("Mansfield", "DeSoto Parish", "Shreveport"): each candidate
of an ambiguous name earns support from every *other* name that has a candidate near it or inside the same
state or country. This is the "spatial minimality" heuristic of classic geoparsers, cut down to the top
candidates of each name so that it stays cheap. Nearness and a shared state add up over the other names; mere
membership of the same country counts once (every US town is "in" the "US" an article names).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .gazetteer import Entry
from .recognize import Mention

TOP_K = 8
TOP_K_COUNTY = 40  # a county name exists in up to ~30 states, all equally plausible before context
NEAR_KM = 200.0
CLOSE_KM = 50.0  # a town and its county, or neighbouring towns: stronger than "in the same region"
MAX_SUPPORT = 4.0
COUNTRY_CONTAINS = 0.3
STRONG = 0.5  # a lent weight at least this large is evidence of nearness, not just of the same country
LEND_SCALE = 10.0  # prior points (log10 population) per tenfold drop in a reading's lending weight
# Countries whose first-level regions the gazetteer holds as entries (see resolve.REGION_COUNTRIES).
REGION_COUNTRIES = frozenset({"USA", "CAN", "AUS", "GBR", "IND"})


def _km(a: Entry, b: Entry) -> float:
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


def _within(inner: Entry, outer: Entry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner.index != outer.index
    if outer.feature == "admin" and outer.admin1:
        return (inner.country, inner.admin1) == (outer.country, outer.admin1) and inner.index != outer.index
    return False


def _weight(c: Entry, b: Entry) -> float:
    if c.index == b.index:
        return 0.0
    if c.feature in ("city", "admin") and b.feature in ("city", "admin"):
        km = _km(c, b)
        if km < CLOSE_KM and (c.feature == "city" or c.population < 1_000_000):
            return 1.5  # not for a whole state: "Georgia" is not close to Atlanta in this sense
        if km < NEAR_KM:
            return 1.0
    if _within(b, c) or _within(c, b):
        # A town inside a named state is evidence; inside a named country hardly ("US" holds every US town).
        return COUNTRY_CONTAINS if "country" in (b.feature, c.feature) else 0.7
    if c.admin1 and c.country in REGION_COUNTRIES and (b.country, b.admin1) == (c.country, c.admin1):
        return 0.7
    return 0.2 if c.country and c.country == b.country else 0.0


def _name_candidates(mentions: list[Mention], prior: Callable[[Mention, Entry, bool], float]
                     ) -> dict[str, list[tuple[Entry, float]]]:
    """Each name's top candidates with how plausible each is beside the name's best reading (1.0 for the best;
    a reading LEND_SCALE prior points below the best lends a tenth)."""
    names: dict[str, list[tuple[Entry, float]]] = {}
    for m in mentions:
        key = m.text.lower()
        if key in names:
            continue
        best: dict[int, tuple[float, Entry]] = {}
        for c in m.candidates:
            s = prior(m, c.entry, c.alternate)
            if s > best.get(c.entry.index, (-1e9, c.entry))[0]:
                best[c.entry.index] = (s, c.entry)
        k = TOP_K_COUNTY if m.source == "county" else TOP_K
        ranked = sorted(best.values(), key=lambda t: -t[0])[:k]
        names[key] = [(e, 10 ** ((sc - ranked[0][0]) / LEND_SCALE)) for sc, e in ranked]
    return names


def spatial_support(mentions: list[Mention], prior: Callable[[Mention, Entry, bool], float]
                    ) -> dict[tuple[str, int], float]:
    """Support of each (name, candidate index) from the other names of the article."""
    names = _name_candidates(mentions, prior)
    out: dict[tuple[str, int], float] = {}
    for key, cands in names.items():
        if len(cands) < 2:
            continue
        for c, _ in cands:
            strong, weak = 0.0, 0.0
            for other, ocands in names.items():
                if other == key or not ocands:
                    continue
                # "Moscow" lends support near Moscow, Russia, hardly near Moscow, Idaho.
                w = max(_weight(c, o) * p for o, p in ocands)
                if w >= STRONG:
                    strong += w
                else:
                    weak = max(weak, w)
            # Nearness and a shared state add up; "somewhere in the same country" counts once, however many names
            # say it ("US", "American", "Boston" do not make every US namesake likelier than a foreign country).
            out[(key, c.index)] = min(strong + weak, MAX_SUPPORT)
    return out

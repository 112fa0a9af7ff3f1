"""Toponym disambiguation: pick one gazetteer entry per mention from population, feature class, the
document's country/state context, "Town, State" apposition, distance to the other places in the article, the kind
of the names listed with it ("Boston, Chicago and New York") and newspaper titles ("New York Times").

Point conventions: a country is its representative centre point (country_points.tsv), a US state its centre
(us_states.tsv), seas and world regions the points in places_extra.tsv. The two public dev sets disagree on some
of these (Canada, "New York", the European Union): we keep one convention rather than tune per set."""

from __future__ import annotations

import math
import re
from collections import Counter

from .gazetteer import Candidate, Entry, Gazetteer
from .recognize import Mention
from .support import spatial_support

FEATURE_PRIOR = {"country": 4.0, "admin": 2.0, "water": 3.0, "region": 3.0, "city": 0.0}
CAPITAL_BONUS = 3.5
SUPPORT_WEIGHT = 2.0
METROPOLIS = 5_000_000
NEAR_KM = 250.0
CONTEXT_CONF = 0.6  # first-pass picks at least this sure vote for the document's countries and states
UNANIMOUS_COUNTRY = 0.7  # vote of a name whose candidates all lie in one country, whichever is meant
# The outlet's home region (see outlet.py): the share of its other articles that name places there.
HOME_REGION = 3.0
HOME_COUNTRY = 1.0
HOME_COUNTRY_VOTE = 2.0
TLD_VOTE = 1.5  # the URL's country-code domain, as a vote for the document's country
REREADS = 2  # context-aware re-readings of the whole article before the final one
# Countries whose first-level regions are gazetteer entries, so that a region named in the text and the towns in
# it agree ("Ontario" and "London" → London, Ontario).
REGION_COUNTRIES = frozenset({"USA", "CAN", "AUS", "GBR", "IND"})
# A newspaper takes the name of its city ("New York Times", "Washington Post"): the city, not the same-named state.
MASTHEAD = re.compile(r"\s+(?:Times|Post|Daily News|Herald|Tribune|Journal|Chronicle|Gazette|Examiner|Inquirer|"
                      r"Dispatch|Courier|Globe)\b")
MASTHEAD_BONUS = 3.0
# Names in one list ("Los Angeles, Miami, New York and Detroit"; "California or Washington") are of one kind: a
# name whose readings differ in kind (city or state) takes the kind of the list's sure readings.
LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")
LIST_BONUS = 2.5


def region_key(e: Entry) -> str | None:
    """"USA.TX", "CAN.08": the first-level region an entry lies in (or is), when known."""
    return f"{e.country}.{e.admin1}" if e.country and e.admin1 and e.country in REGION_COUNTRIES else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Context:
    """What the article says about where it is: countries and US states mentioned, and places already
    resolved with confidence."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()  # weighted votes (floats; Counter's int typing is nominal)
        self.states: Counter[str] = Counter()
        self.anchors: list[Entry] = []
        self.by_text: dict[str, list[tuple[Entry, float, float]]] = {}  # name -> (entry, country vote, state vote)
        self.support: dict[tuple[str, int], float] = {}
        self.home: dict[str, float] = {}  # outlet home-region shares: "USA" / "USA.TX" -> 0..1
        self.masthead: frozenset[int] = frozenset()  # starts of names followed by a newspaper title word
        self.list_kind: dict[int, str] = {}  # start of a name in a list -> the feature of its neighbours' readings

    def add(self, entry: Entry, weight: float = 1.0, text: str = "", sure: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] += weight  # type: ignore[assignment]
        if (key := region_key(entry)) is not None:
            self.states[key] += weight * sure  # type: ignore[assignment]
        if entry.feature in ("city", "admin") and weight >= 1.0:
            self.anchors.append(entry)
        self.by_text.setdefault(text.casefold(), []).append((entry, weight, weight * sure))

    def copy(self) -> Context:
        ctx = Context()
        ctx.countries, ctx.states = self.countries.copy(), self.states.copy()
        ctx.anchors, ctx.by_text = list(self.anchors), {k: list(v) for k, v in self.by_text.items()}
        ctx.support, ctx.home, ctx.masthead, ctx.list_kind = self.support, self.home, self.masthead, self.list_kind
        return ctx

    def without(self, m: Mention) -> Context:
        """The context minus the votes of the name being resolved (leave-one-out), so that an ambiguous name
        ("Georgia") does not confirm its own first guess."""
        own = self.by_text.get(m.text.casefold())  # "MANSFIELD" (a dateline) is the same name as "Mansfield"
        if not own:
            return self
        ctx = Context()
        ctx.countries, ctx.states = self.countries.copy(), self.states.copy()
        for entry, weight, state_weight in own:
            if entry.country:
                ctx.countries[entry.country] -= weight  # type: ignore[assignment]
            if (key := region_key(entry)) is not None:
                ctx.states[key] -= state_weight  # type: ignore[assignment]
        ctx.countries, ctx.states = +ctx.countries, +ctx.states
        ctx.anchors = [a for a in self.anchors if all(a.index != e.index for e, _, _ in own)]
        ctx.support = self.support
        ctx.home = self.home
        ctx.masthead = self.masthead
        ctx.list_kind = self.list_kind
        return ctx


def _apposition_bonus(m: Mention, cand: Entry, following: dict[int, Entry]) -> float:
    """"Paris, Texas" / "Columbus, Ohio" / "Athens, Greece": the next toponym names the container."""
    nxt = following.get(m.end)
    if nxt is None:
        return 0.0
    if nxt.feature == "admin" and region_key(nxt) is not None and region_key(cand) == region_key(nxt):
        return 8.0
    if nxt.feature == "country" and cand.country == nxt.country:
        return 6.0
    return 0.0


def prior(m: Mention, e: Entry, alternate: bool) -> float:
    """Context-free plausibility: population, feature class, capital, own name vs alternate name."""
    s = math.log10(e.population + 10) + FEATURE_PRIOR.get(e.feature, 0.0)
    if e.capital:
        s += CAPITAL_BONUS
    elif e.feature == "city" and e.population >= METROPOLIS:
        s += CAPITAL_BONUS * 0.75  # world cities are named far beyond their population ("New York")
    if alternate and e.feature == "city":
        s -= 2.0
    return s


def score(m: Mention, c: Candidate, ctx: Context, following: dict[int, Entry]) -> float:
    e = c.entry
    s = prior(m, e, c.alternate) + SUPPORT_WEIGHT * ctx.support.get((m.text.lower(), e.index), 0.0)
    if c.fuzzy:
        s -= 1.0
    total = sum(ctx.countries.values()) or 1.0
    if e.country and e.country in ctx.countries:
        s += 4.0 * ctx.countries[e.country] / total + 1.0
    elif e.country is None and ctx.countries:
        s += 2.0  # seas and world regions belong to no country: do not let a local article's country vote them out
    region = region_key(e)
    if region is not None and e.feature in ("city", "admin") and region in ctx.states:
        s += (2.0 + 2.0 * ctx.states[region] / (sum(ctx.states.values()) or 1.0)) * min(1.0, ctx.states[region])
    if e.feature == "city" and ctx.anchors:
        nearest = min(haversine_km(e.lat, e.lon, a.lat, a.lon) for a in ctx.anchors if a.index != e.index) \
            if any(a.index != e.index for a in ctx.anchors) else 1e9
        if nearest < NEAR_KM:
            s += 1.5
    if m.start in ctx.masthead and e.feature == "city":
        s += MASTHEAD_BONUS
    if ctx.list_kind.get(m.start) == e.feature:
        s += LIST_BONUS
    if ctx.home:
        if e.feature in ("city", "admin") and e.admin1:
            s += HOME_REGION * ctx.home.get(f"{e.country}.{e.admin1}", 0.0)
        s += HOME_COUNTRY * ctx.home.get(e.country or "", 0.0)
    return s + _apposition_bonus(m, e, following)


def _apposition_map(mentions: list[Mention], text: str) -> dict[int, Entry]:
    """Map the end offset of a toponym to the container named right after it (", Texas")."""
    out: dict[int, Entry] = {}
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if b.candidates and gap.strip() in (",", "") and gap.count(",") == 1:
            best = max(b.candidates, key=lambda c: FEATURE_PRIOR.get(c.entry.feature, 0.0) + c.entry.population / 1e9)
            if best.entry.feature in ("admin", "country"):
                out[a.end] = best.entry
    return out


def resolve(mentions: list[Mention], text: str, gaz: Gazetteer, actor_countries: Counter[str],
            home: dict[str, float] | None = None, tld_country: str | None = None
            ) -> list[tuple[Mention, Entry, float]]:
    """A context-free pass whose confident picks (and the actors' countries) form the document context, REREADS
    context-aware re-readings that each vote the context anew, then the final context-aware pass. ``home``: the
    outlet's home-region shares; ``tld_country``: the country of the article's URL domain."""
    following = _apposition_map(mentions, text)
    ctx = Context()
    ctx.support = spatial_support(mentions, prior)
    ctx.home = home or {}
    for iso3, n in actor_countries.items():
        ctx.countries[iso3] += 0.5 * n  # type: ignore[assignment]
    if tld_country:
        ctx.countries[tld_country] += TLD_VOTE  # type: ignore[assignment]
    for key, share in ctx.home.items():
        if "." not in key:  # the outlet's home country votes like a place named in the text
            ctx.countries[key] += HOME_COUNTRY_VOTE * share  # type: ignore[assignment]
    ctx.masthead = frozenset(m.start for m in mentions if MASTHEAD.match(text, m.end))
    first = [_pick(m, ctx, following) for m in mentions]
    base = ctx
    ctx = _voted(base, mentions, first)
    ctx.list_kind = _list_kinds(mentions, first, text)
    for _ in range(REREADS):
        # Re-read every name in the light of the others' context-aware readings, then vote again: a town that
        # the first pass could not place may now agree with its neighbours, and its vote firms up theirs.
        again = [_pick(m, ctx.without(m), following) for m in mentions]
        kinds = ctx.list_kind
        ctx = _voted(base, mentions, again)
        ctx.list_kind = kinds
    out: list[tuple[Mention, Entry, float]] = []
    for m in mentions:
        if m.source == "unresolved":
            continue
        entry, conf = _pick(m, ctx.without(m), following)
        if entry is not None:
            out.append((m, entry, conf))
    return _same_county(out)


def _voted(base: Context, mentions: list[Mention], picks: list[tuple[Entry | None, float]]) -> Context:
    """``base`` (actor, domain and outlet votes) plus the votes of the sure picks of the article's names."""
    ctx = base.copy()
    for m, (entry, conf) in zip(mentions, picks, strict=True):
        if entry is not None and conf >= CONTEXT_CONF:
            ctx.add(entry, 1.0 if not m.demonym else 0.5, m.text, min(1.0, 2.0 * (conf - 0.5)))
        elif entry is not None and len({c.entry.country for c in m.candidates}) == 1 and entry.country:
            # "Henry County" is in ten states but all of them American: a vote for the country, not the state.
            ctx.countries[entry.country] += UNANIMOUS_COUNTRY  # type: ignore[assignment]
    return ctx


def _list_kinds(mentions: list[Mention], first: list[tuple[Entry | None, float]], text: str) -> dict[int, str]:
    """For each name whose readings differ in kind and that stands in a list of names ("A, B and C"), the kind
    (city, admin, country) of the list's other members, when those are sure, of one kind only, and agree."""
    out: dict[int, str] = {}
    n = len(mentions)
    for i, m in enumerate(mentions):
        if len({c.entry.feature for c in m.candidates}) < 2:
            continue
        kinds: set[str] = set()
        for step in (-1, 1):  # walk the list both ways from the name
            j = i
            while 0 <= j + step < n:
                a, b = (mentions[j + step], mentions[j]) if step < 0 else (mentions[j], mentions[j + step])
                if not LIST_GAP.fullmatch(text[a.end : b.start]):
                    break
                j += step
                entry, conf = first[j]
                other = mentions[j]
                # Only neighbours of one kind whatever their reading: "Oregon and Washington" must not make
                # Oregon a city because Washington's first reading was the capital.
                if entry is not None and conf >= CONTEXT_CONF and other.text != m.text and not other.demonym \
                        and {c.entry.feature for c in other.candidates} == {entry.feature}:
                    kinds.add(entry.feature)
        if len(kinds) == 1:
            out[m.start] = kinds.pop()
    return out


def _same_county(resolved: list[tuple[Mention, Entry, float]]) -> list[tuple[Mention, Entry, float]]:
    """One sense per article: a bare name read as a county ("DeKalb") is the county the article names in full
    ("DeKalb County"), not a same-named county of another state."""
    full = {m.text.rsplit(" ", 1)[0]: (e, c, {x.entry.index for x in m.candidates})
            for m, e, c in resolved if m.source == "county"}
    out = []
    for m, e, c in resolved:
        named = full.get(m.context.get("county", ""))
        if named is not None and e.index in named[2]:  # the bare name was read as one of those counties
            e, c = named[0], named[1]
        out.append((m, e, c))
    return out


def _pick(m: Mention, ctx: Context, following: dict[int, Entry]) -> tuple[Entry | None, float]:
    seen: dict[int, float] = {}
    best: dict[int, Entry] = {}
    for c in m.candidates:
        s = score(m, c, ctx, following)
        if s > seen.get(c.entry.index, -1e9):
            seen[c.entry.index] = s
            best[c.entry.index] = c.entry
    if not seen:
        return None, 0.0
    ranked = sorted(seen.items(), key=lambda kv: -kv[1])
    top_idx, top = ranked[0]
    margin = top - ranked[1][1] if len(ranked) > 1 else 5.0
    conf = 1.0 / (1.0 + math.exp(-margin))  # logistic on the score margin
    if m.candidates and all(c.fuzzy for c in m.candidates):
        conf *= 0.8
    return best[top_idx], round(min(conf, 0.99 if m.strong else 0.9), 3)

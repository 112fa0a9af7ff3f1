"""Disambiguation rules of geo/resolve.py and geo/__init__.py, on hand-written sentences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from eventwire.geo import Geoparser, _actor_votes
from eventwire.geo.gazetteer import Entry, Gazetteer
from eventwire.geo.recognize import Mention
from eventwire.geo.resolve import prior, resolve
from eventwire.geo.support import spatial_support
from eventwire.records import ActorRef, Analysis, Article


def _mention(gaz: Gazetteer, text: str, start: int, **kw: object) -> Mention:
    return Mention(start=start, end=start + len(text), text=text, candidates=gaz.lookup(text), sentence=0,
                   source=str(kw.get("source", "ner")), strong=True)


def test_actor_holding_a_toponym_does_not_vote_for_its_country(geoparser: Geoparser) -> None:
    gaz = geoparser.gazetteer
    text = "Lebanon police officer Dana Cole said the road reopened."
    lebanon = _mention(gaz, "Lebanon", 0)
    assert {c.entry.country for c in lebanon.candidates} >= {"LBN", "USA"}
    officer = ActorRef(text="Lebanon police officer Dana Cole", start=0, end=32, name="Dana Cole", country="LBN",
                       reason="title")
    minister = ActorRef(text="the French minister", start=40, end=59, name="minister", country="FRA",
                        reason="demonym")
    a = Analysis(article=Article(id="t1", text=text), actors=(officer, minister))
    votes = _actor_votes(a, [lebanon])
    assert votes["LBN"] == 0  # the officer took his country from the ambiguous name itself
    assert votes["FRA"] == 1


def _resolve_names(gaz: Gazetteer, text: str, names: list[str]) -> dict[str, list[Entry]]:
    ms, pos = [], 0
    for name in names:
        pos = text.index(name, pos)
        ms.append(_mention(gaz, name, pos))
        pos += len(name)
    out: dict[str, list[Entry]] = {}
    for m, e, _ in resolve(ms, text, gaz, Counter()):
        out.setdefault(m.text, []).append(e)
    return out


def test_newspaper_title_takes_the_city(geoparser: Geoparser) -> None:
    gaz = geoparser.gazetteer
    names = ["Kansas City", "New York"]
    got = _resolve_names(gaz, "Officials in Kansas City told the New York Times the bill would pass.", names)
    assert got["New York"][0].feature == "city" and got["New York"][0].admin1 == "NY"
    # Without the masthead the bare name keeps its state reading.
    got = _resolve_names(gaz, "Officials in Kansas City said New York would pass the bill.", names)
    assert got["New York"][0].feature == "admin"


def test_name_in_a_list_takes_the_kind_of_the_list(geoparser: Geoparser) -> None:
    gaz = geoparser.gazetteer
    got = _resolve_names(gaz, "The band will play Albany, Chicago, New York and Seattle this summer.",
                         ["Albany", "Chicago", "New York", "Seattle"])
    assert got["New York"][0].feature == "city"
    got = _resolve_names(gaz, "Voters in Albany, Ohio, Pennsylvania and New York will decide the race.",
                         ["Albany", "Ohio", "Pennsylvania", "New York"])
    assert got["New York"][0].feature == "admin"


def test_dateline_in_capitals_is_the_same_name(geoparser: Geoparser) -> None:
    """Leave-one-out ignores case: the dateline "WINDSOR" must not vote for the reading of "Windsor" (and the other
    way round), which would make a coin-flip between namesakes look certain."""
    gaz = geoparser.gazetteer
    text = "WINDSOR - The Windsor school board met on Tuesday."
    ms = [_mention(gaz, "WINDSOR", 0), _mention(gaz, "Windsor", 14)]
    assert len({c.entry.country for c in ms[1].candidates}) > 1
    out = resolve(ms, text, gaz, Counter())
    assert out[0][1].index == out[1][1].index
    assert all(conf < 0.9 for _, _, conf in out)


def test_country_containment_is_weak_support(geoparser: Geoparser) -> None:
    """Naming the United States says little about which of its towns is meant: a foreign namesake keeps more
    support from another sure town nearby than a US town gets from the country name alone."""
    gaz = geoparser.gazetteer
    ms = [_mention(gaz, "Lima", 0), _mention(gaz, "United States", 9)]
    support = spatial_support(ms, prior)
    lima_us = [v for (name, idx), v in support.items() if name == "lima" and gaz.entry(idx).country == "USA"]
    assert lima_us and max(lima_us) <= 0.3 + 1e-9


def test_rereading_resolves_a_town_with_its_county(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Deputies from Henry County searched a barn near Paris on Friday. The Paris fire chief said "
                "the barn, on a farm outside Paris, burned for hours.")
    paris = [p for p in a.places if p.text == "Paris"]
    county = next(p for p in a.places if p.text == "Henry County")
    assert paris and all(p.country == "USA" for p in paris)
    assert all(p.admin1 == county.admin1 for p in paris)


def test_same_country_support_counts_once(geoparser: Geoparser) -> None:
    """Several names that only say "the same country" ("US", "American", a far-away US city) lend no more support
    than one of them; a nearby town lends more than all of them together."""
    gaz = geoparser.gazetteer
    few = [_mention(gaz, "Lima", 0), _mention(gaz, "United States", 10)]
    many = [*few, _mention(gaz, "American", 30), _mention(gaz, "Seattle", 50), _mention(gaz, "Miami", 70)]
    near = [*few, _mention(gaz, "Findlay", 90)]  # a town near Lima, Ohio

    def best_us(ms: list[Mention]) -> float:
        support = spatial_support(ms, prior)
        return max(v for (name, idx), v in support.items() if name == "lima" and gaz.entry(idx).admin1 == "OH")

    assert best_us(many) == best_us(few)
    assert best_us(near) > best_us(many) + 0.5

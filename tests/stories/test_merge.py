from __future__ import annotations

import datetime as dt

from eventwire.records import ActorRef, Analysis, Article, DateRef, Event, Place, Span
from eventwire.stories import merge_events

from .conftest import article

TEXT = "Paris launched air strikes against the Islamist group's Syrian stronghold in Raqqa this week."
FRA = ActorRef(text="Paris", start=0, end=5, name="France", country="FRA", sectors=("GOV",), cameo_code="FRAGOV")
IS = ActorRef(text="the Islamist group", start=35, end=53, name="Islamic State", cameo_code="IMGMOSREB", kind="group")
RAQQA = Place(text="Raqqa", start=80, end=85, name="Raqqa", country="SYR", geonameid=163915, lat=35.95, lon=39.01)


def _event(a: Article, day: dt.date | None = dt.date(2015, 11, 18), place: Place | None = RAQQA,
           root: str = "19", target: ActorRef | None = IS) -> Event:
    date = DateRef(text="this week", start=86, end=95, date_start=day, date_end=day, precision="day") if day else None
    return Event(
        id=f"ev-{a.id}-{root}-{day}-{place.name if place else None}", article_id=a.id, sentence=TEXT,
        evidence=Span(0, len(TEXT), TEXT), trigger=Span(7, 15, "launched"), source=FRA, target=target,
        cameo_code=root + "5", cameo_root=root, cameo_name="employ aerial weapons", goldstein=-10.0, quad_class=4,
        plover_type="ASSAULT", plover_mode="aerial", location=place, date=date, confidence=0.8,
    )


def _analysis(a: Article, *events: Event, story: str = "s1", dup: str | None = None) -> Analysis:
    return Analysis(article=a, events=events, story_id=story, duplicate_of=dup)


def test_wire_copy_from_another_outlet_counts_twice() -> None:
    a = article(TEXT, source="outlet-1", external_id="seed-01")
    b = article(TEXT.replace("this week", "earlier this week"), source="outlet-7", external_id="seed-wirecopy-01")
    merged = merge_events([_analysis(a, _event(a)), _analysis(b, _event(b), dup=a.id)])
    assert len(merged.events) == 1
    ev = merged.events[0]
    assert (ev.num_articles, ev.num_sources, ev.story_id) == (2, 2, "s1")
    assert ev.id == _event(a).id  # the first mention stands for the event
    assert [(m.article_id, m.start, m.end) for m in merged.mentions[ev.id]] == [
        (a.id, 0, len(TEXT)), (b.id, 0, len(TEXT))
    ]


def test_same_outlet_twice_is_one_source() -> None:
    a, b = article(TEXT, source="x"), article(TEXT + " More.", source="x")
    ev = merge_events([_analysis(a, _event(a)), _analysis(b, _event(b))]).events[0]
    assert (ev.num_articles, ev.num_sources) == (2, 1)


def test_different_place_date_root_target_or_story_stay_apart() -> None:
    a, b = article(TEXT, source="x"), article(TEXT + " Again.", source="y")
    other_place = Place(text="Deir el-Zour", start=0, end=12, name="Deir ez-Zor", country="SYR", geonameid=170794)
    cases = [
        _event(b, place=other_place),
        _event(b, day=dt.date(2015, 11, 25)),
        _event(b, root="18"),
        _event(b, target=None),
    ]
    for other in cases:
        assert len(merge_events([_analysis(a, _event(a)), _analysis(b, other)]).events) == 2
    assert len(merge_events([_analysis(a, _event(a)), _analysis(b, _event(b), story="s2")]).events) == 2


def test_dates_within_the_window_and_missing_places_merge() -> None:
    a, b = article(TEXT, source="x"), article(TEXT + " Again.", source="y")
    close = [_analysis(a, _event(a, place=None)), _analysis(b, _event(b, day=dt.date(2015, 11, 19), place=None))]
    assert len(merge_events(close).events) == 1
    undated = [_analysis(a, _event(a, day=None)), _analysis(b, _event(b, day=None))]
    assert merge_events(undated).events[0].num_articles == 2


def test_no_events_gives_empty_result() -> None:
    merged = merge_events([_analysis(article(TEXT))])
    assert merged.events == [] and merged.mentions == {}


def test_uncoded_copy_counts_for_its_originals_events() -> None:
    a = article(TEXT, source="outlet-1")
    b = article(TEXT + " (Wire copy.)", source="outlet-7")
    merged = merge_events([_analysis(a, _event(a)), _analysis(b, dup=a.id)])
    ev = merged.events[0]
    assert (ev.num_articles, ev.num_sources) == (2, 2)
    assert [m.article_id for m in merged.mentions[ev.id]] == [a.id, b.id]

"""date_event on short texts: grammatical attachment beats proximity; fallbacks in order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from eventwire.records import Analysis
from eventwire.when import date_event

D = dt.date
PUB = D(2015, 11, 21)


def _date_for(analysis: Analysis, word: str) -> tuple[str, dt.date] | None:
    i = analysis.article.text.index(word)
    sentence = next(s for s in analysis.sentences if s.start <= i < s.end)
    ref = date_event(analysis, i, i + len(word), sentence.index)
    return None if ref is None else (ref.text, ref.date_start)


def test_relative_clause_date_belongs_to_the_inner_event(
    analyse: Callable[[str, dt.date | None], Analysis],
) -> None:
    a = analyse("Paris launched air strikes this week following attacks that killed 130 people on November 13.", PUB)
    assert _date_for(a, "launched") == ("this week", D(2015, 11, 16))
    assert _date_for(a, "attacks") == ("November 13", D(2015, 11, 13))


def test_two_events_two_dates(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("Rebels seized the town on Monday, and the army recaptured it on Thursday.", PUB)
    assert _date_for(a, "seized") == ("Monday", D(2015, 11, 16))
    assert _date_for(a, "recaptured") == ("Thursday", D(2015, 11, 19))


def test_compound_date_noun(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("In a Friday meeting with officials in Moscow, Putin said the campaign should be intensified.", PUB)
    assert _date_for(a, "meeting") == ("Friday", D(2015, 11, 20))
    assert _date_for(a, "intensified") == ("Friday", D(2015, 11, 20))


def test_date_in_another_sentence_is_not_used(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("Talks ended on Monday. The army shelled the city.", PUB)
    ref = date_event(a, a.article.text.index("shelled"), a.article.text.index("shelled") + 7, 1)
    assert ref is not None and ref.text == "" and ref.date_start == PUB


def test_without_parse_the_nearest_date_in_the_sentence(
    analyse: Callable[[str, dt.date | None], Analysis],
) -> None:
    a = dataclasses.replace(analyse("On Monday talks failed and on Friday troops attacked.", PUB), doc=None)
    i = a.article.text.index("attacked")
    ref = date_event(a, i, i + 8, 0)
    assert ref is not None and ref.text == "Friday"
    assert ref.confidence < 0.85  # proximity only: lower confidence than an attached date


def test_no_published_no_dates_gives_none(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("The army shelled the city on Friday.", None)
    assert a.dates == ()  # relative dates need a publication date
    i = a.article.text.index("shelled")
    assert date_event(a, i, i + 7, 0) is None


def test_absolute_dates_resolve_without_published(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("The army shelled the city on 13 November 2015 and again in March 2016 and in 2017.", None)
    got = {(d.text, d.date_start, d.date_end) for d in a.dates}
    assert ("13 November 2015", D(2015, 11, 13), D(2015, 11, 13)) in got
    assert ("March 2016", D(2016, 3, 1), D(2016, 3, 31)) in got
    assert any(t.endswith("2017") and s == D(2017, 1, 1) for t, s, _ in got)
    i = a.article.text.index("shelled")
    ref = date_event(a, i, i + 7, 0)
    assert ref is not None and ref.text == "13 November 2015"

"""Property tests: the real pipeline on arbitrary text never raises, and every offset it returns points into
the article (``text[start:end] == item.text``); every Event's evidence span lies within the article."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.pipeline import Pipeline
from eventwire.records import Analysis, Article

NEWSY = ["Russia", "France", "Ukraine", "the United Nations", "Putin", "police", "protesters", "Kyiv", "Paris",
         "attacked", "met with", "accused", "killed", "12", "dozens of", "people", "on Tuesday", "yesterday",
         "said", "in", "and", "will", "not", "sanctions", "troops", "Mr.", "U.S.", "—", "\u201c", "\u201d",
         ".", ",", "!", "?", "\n", "\n\n", "  ", "\t", "é", "\u200b", "\U0001f4a5", "(", ")", ";", "1,000", "3.5"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)

newsy_text = st.lists(st.sampled_from(NEWSY) | st.text(max_size=12), min_size=0, max_size=80).map(" ".join)
any_text = st.text(max_size=600)  # hypothesis' text() draws every code point except surrogates
dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _run(pipeline: Pipeline, text: str, published: dt.date | None) -> Analysis:
    article = Article(id=Article.make_id("", text), text=text, published=published, origin="hypothesis")
    out = list(pipeline.run([article]))
    assert len(out) == 1
    result = out[0]
    # any valid Unicode text must be analysed; a Failure here is a pipeline bug, shown with its message
    assert isinstance(result, Analysis), f"{result.code}: {result.message}"  # type: ignore[union-attr]
    return result


def _check_span(text: str, item: Any, what: str) -> None:
    assert 0 <= item.start <= item.end <= len(text), (what, item.start, item.end, len(text))
    assert text[item.start:item.end] == item.text, (what, item.text, text[item.start:item.end])


def _check(text: str, a: Analysis) -> None:
    for s in a.sentences:
        _check_span(text, s, "sentence")
    for name in ("actors", "places", "dates", "quantities"):
        for item in getattr(a, name):
            _check_span(text, item, name)
    for e in a.events:
        assert e.article_id == a.article.id
        _check_span(text, e.evidence, "evidence")
        _check_span(text, e.trigger, "trigger")
        assert e.evidence.start <= e.trigger.start and e.trigger.end <= e.evidence.end
        for actor in (e.source, e.target):
            if actor is not None:
                _check_span(text, actor, "event actor")


@SETTINGS
@given(text=any_text, published=dates)
def test_pipeline_on_arbitrary_text(pipeline: Pipeline, text: str, published: dt.date | None) -> None:
    _check(text, _run(pipeline, text, published))


@SETTINGS
@given(text=newsy_text, published=dates)
def test_pipeline_on_news_like_text(pipeline: Pipeline, text: str, published: dt.date | None) -> None:
    _check(text, _run(pipeline, text, published))


def test_events_found_by_the_news_strategy_are_checked(pipeline: Pipeline) -> None:
    """Guard against a vacuous property: the checks above do see events on news-like text."""
    text = "Russia attacked Ukraine on Tuesday, killing 12 people in Kyiv. France accused Russia."
    a = _run(pipeline, text, dt.date(2022, 3, 1))
    assert a.events and a.actors and a.places
    _check(text, a)

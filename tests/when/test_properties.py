"""Property-based checks: the resolver never raises and every range is ordered."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.nlp import NLP
from eventwire.records import Analysis, Article
from eventwire.when import DateResolver, date_event

WORDS = (
    "on|in|since|last|next|this|the|past|over|ago|week|weeks|month|year|days|Friday|Sunday|"
    "November|May|Dec.|13|2015|1990s|early|late|mid-|three|a|dozen|yesterday|today|tomorrow|"
    "weekend|earlier|29|February|31|June|0|9999|-|,|.|will|meet|killed|2015-02-30|2015-11-13|"
    "of|the end of"
).split("|")
phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 10, 1)))
RESOLVER = DateResolver(use_entities=False)


def _check(text: str, pub: dt.date | None) -> None:
    analysis = Analysis(article=Article(id="p", text=text, published=pub))
    for ref in RESOLVER.find(analysis):
        assert ref.date_start <= ref.date_end
        assert text[ref.start : ref.end] == ref.text
        assert 0.0 < ref.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(text=phrases, pub=published)
def test_rules_never_raise_on_word_salad(text: str, pub: dt.date | None) -> None:
    _check(text, pub)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), pub=published)
def test_rules_never_raise_on_arbitrary_text(text: str, pub: dt.date | None) -> None:
    _check(text, pub)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=phrases, pub=published)
def test_full_stage_with_parse_never_raises(text: str, pub: dt.date | None, nlp_stage: NLP) -> None:
    analysis = nlp_stage.parse(Analysis(article=Article(id="p", text=text, published=pub)))
    out = next(DateResolver().pipe([analysis]))
    for ref in out.dates:
        assert ref.date_start <= ref.date_end
    if text:
        got = date_event(out, 0, min(len(text), 5), 0)
        assert got is None or got.date_start <= got.date_end


@settings(max_examples=200, deadline=None)
@given(
    month=st.sampled_from(["January", "February", "April", "June", "September", "November", "December"]),
    day=st.integers(min_value=0, max_value=40),
    pub=published,
)
def test_day_month_without_year_is_valid_or_absent(month: str, day: int, pub: dt.date | None) -> None:
    text = f"The army withdrew on {month} {day}, officials said."
    analysis = Analysis(article=Article(id="p", text=text, published=pub))
    for ref in RESOLVER.find(analysis):
        assert ref.date_start <= ref.date_end
        if pub is not None and ref.precision == "day":
            assert ref.date_start <= pub  # no future cue: a past date

"""Property-based checks: number parsing and the extractor never raise; offsets always point at the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.nlp import NLP
from eventwire.quantities import QuantityExtractor, parse_number
from eventwire.records import Analysis, Article

WORDS = (
    "killed|at|least|a|dozen|hundreds|of|people|2,289|sorties|$|5|million|%|percent|per|cent|"
    "1,500km|barrels|day|two|and|forty|-|five|thousand|were|wounded|toll|rose|to|45|2015|"
    "November|13|one|the|tens|1.5bn|,"
).split("|")
phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=16).map(" ".join)
EXTRACTOR = QuantityExtractor()


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_parse_number_never_raises(text: str) -> None:
    got = parse_number(text)
    assert got is None or (got[0] >= 0 and 0 < got[1] <= 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(phrases, st.text(max_size=80)))
def test_extractor_never_raises(text: str, nlp_stage: NLP) -> None:
    analysis = nlp_stage.parse(Analysis(article=Article(id="p", text=text)))
    for q in EXTRACTOR.find(analysis):
        assert text[q.start : q.end] == q.text
        assert q.value >= 0
        assert 0 < q.confidence <= 1

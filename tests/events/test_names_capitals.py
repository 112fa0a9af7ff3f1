"""Actor names and capitals in event coding (whole pipeline): a word of an actor's name triggers nothing, the
words of a name give it no country, "met their counterparts from X" is reciprocal whichever word the parser
hangs "from X" on, and a capital addressed by a non-violent act stands for its government (a capital struck or
attacked stays a place)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Article

Triple = tuple[str | None, str, str | None]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _code(pipeline: Pipeline, text: str) -> set[Triple]:
    analysis = pipeline.analyse(Article(id="n", text=text, published=dt.date(2016, 3, 1)))
    return {(e.source.cameo_code if e.source else None, e.cameo_code, e.target.cameo_code if e.target else None)
            for e in analysis.events}


@pytest.mark.parametrize("text", [
    "The North Atlantic Treaty Organization condemned Putin on Monday.",
    "The Shanghai Cooperation Organisation condemned Putin on Monday.",
])
def test_a_word_of_a_name_is_no_trigger(pipeline: Pipeline, text: str) -> None:
    found = _code(pipeline, text)
    assert {code for _, code, _ in found} == {"111"}, found


def test_a_place_inside_an_organisation_name_gives_it_no_country(pipeline: Pipeline) -> None:
    assert _code(pipeline, "The Shanghai Cooperation Organisation urged the US to withdraw its forces.") == {
        ("IGOSCO", "0256", "USA")}


def test_a_noun_joined_to_a_name_still_triggers(pipeline: Pipeline) -> None:
    # "sanctions" is inside the resolver's "EU's sanctions" mention but is no word of the name
    assert ("IGOEEC", "163", "RUS") in _code(pipeline, "The EU's sanctions on Russia hurt its economy.")


@pytest.mark.parametrize("usa", ["the U.S.", "the US", "the United States"])
def test_counterparts_from_x_are_met_whatever_the_attachment(pipeline: Pipeline, usa: str) -> None:
    found = _code(pipeline, f"Officials from Russia met their counterparts from {usa} in Geneva.")
    assert found == {("RUSGOV", "040", "USAGOV"), ("USAGOV", "040", "RUSGOV")}


def test_counterparts_take_the_sector_of_those_they_meet(pipeline: Pipeline) -> None:
    found = _code(pipeline, "Russian generals met their Turkish counterparts in Ankara.")
    assert found == {("RUSMIL", "040", "TURMIL"), ("TURMIL", "040", "RUSMIL")}


def test_counterparts_from_a_capital_are_its_government(pipeline: Pipeline) -> None:
    found = _code(pipeline, "Officials from Moscow met their counterparts from Washington in Geneva.")
    assert found == {("RUSGOV", "040", "USAGOV"), ("USAGOV", "040", "RUSGOV")}


def test_where_counterparts_meet_is_not_whose_they_are(pipeline: Pipeline) -> None:
    found = _code(pipeline, "Russian officials met their counterparts in Geneva.")
    assert not any(code and code.startswith("CHEGOV") for triple in found for code in triple), found


def test_from_after_the_object_of_other_verbs_stays_on_the_verb(pipeline: Pipeline) -> None:
    # only meeting verbs: "withdrew troops from Syria" withdrew them out of Syria
    found = _code(pipeline, "Russia withdrew its troops from Syria on Monday.")
    assert all(src == "RUS" for src, _, _ in found) and found


def test_a_capital_accused_does_the_act_it_is_accused_of(pipeline: Pipeline) -> None:
    found = _code(pipeline, "Britain accused Tehran of violating the ceasefire on Monday.")
    assert ("GBR", "112", "IRNGOV") in found
    assert any(src == "IRNGOV" and code == "196" for src, code, _ in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("The EU imposed sanctions on Moscow.", ("IGOEEC", "163", "RUSGOV")),
    ("The UN criticised Beijing on Monday.", ("IGOUNO", "111", "CHNGOV")),
    ("Washington urged Tehran to release the sailors.", ("USAGOV", "0253", "IRNGOV")),
    ("France accused Moscow of supporting the rebels.", ("FRA", "112", "RUSGOV")),
    ("Britain held talks with Tehran.", ("GBR", "046", "IRNGOV")),
    ("The EU extended sanctions on Moscow and Minsk.", ("IGOEEC", "163", "BLRGOV")),
    ("Poland demanded an immediate withdrawal by Moscow.", ("POL", "105", "RUSGOV")),
])
def test_a_capital_addressed_by_a_non_violent_act_is_its_government(
        pipeline: Pipeline, text: str, expected: Triple) -> None:
    assert expected in _code(pipeline, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli jets struck Damascus.", ("ISRMIL", "195", "SYR")),
    ("Obama visited Moscow.", ("USAGOV", "042", "RUS")),
])
def test_a_capital_struck_or_visited_stays_a_place(pipeline: Pipeline, text: str, expected: Triple) -> None:
    assert expected in _code(pipeline, text)

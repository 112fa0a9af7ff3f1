"""locate_event rules found in the event-location error analysis (issue #6), each on constructed sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.geo import locate_event
from eventwire.records import Analysis, Place


def _event(a: Analysis, phrase: str, trigger: str) -> tuple[Place | None, str | None]:
    text = a.article.text
    start = text.index(phrase) + phrase.index(trigger)
    sent = next(s.index for s in a.sentences if s.start <= start < s.end)
    return locate_event(a, start, start + len(trigger), sent)


def _where(a: Analysis, phrase: str, trigger: str) -> str | None:
    place, _ = _event(a, phrase, trigger)
    return place.text if place is not None else None


@pytest.mark.parametrize(("text", "phrase", "trigger", "scene"), [
    # the place after "in" inside another place's phrase only says where that place lies
    ("A shopkeeper was killed in the Karrada district in central Baghdad on Monday.", "was killed", "killed",
     "Karrada"),
    # "the X suburb of Y": the larger of the two names is the container
    ("Two men were shot dead in the Nairobi suburb of Eastleigh on Friday.", "were shot", "shot", "Eastleigh"),
    ("A bomb destroyed a shop in the Zayouna neighbourhood of Baghdad.", "destroyed", "destroyed", "Zayouna"),
    # the appositive's container ("a village in the Nineveh province") is not the scene of "much of Khadra"
    ("Much of Khadra, a village in the Nineveh province, was destroyed by the fire.", "was destroyed",
     "destroyed", "Khadra"),
])
def test_smallest_named_place_of_the_phrase(analyse: Callable[[str], Analysis], text: str, phrase: str,
                                            trigger: str, scene: str) -> None:
    assert _where(analyse(text), phrase, trigger) == scene


def test_while_clause_shares_the_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("The reporter was shot twice while he was driving through Karachi at night.")
    assert _where(a, "was shot", "shot") == "Karachi"
    # an "after" clause tells of an earlier incident elsewhere, not of this one's scene
    b = analyse("The reporter was arrested after his brother had fled to Karachi.")
    assert _where(b, "was arrested", "arrested") is None


def test_casualty_conjunct_shares_the_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Two policemen were killed and three others wounded during a raid on Gardez.")
    assert _event(a, "were killed", "killed")[0] is not None
    assert _where(a, "were killed", "killed") == "Gardez"
    c = analyse("Four people were killed and nine others were wounded in a bomb blast in Peshawar on Sunday.")
    assert _event(c, "were killed", "killed")[1] == "attached"
    # a later conjunct with a subject of its own is another event
    b = analyse("Two soldiers were killed on Monday and the army later stormed Peshawar's main camp.")
    assert _where(b, "were killed", "killed") is None


def test_place_where_the_source_spoke_is_not_the_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Twelve fighters were killed in the clashes, a commander told reporters in Erbil.")
    assert _event(a, "were killed", "killed") == (None, None)
    b = analyse("Twelve fighters were killed, according to local sources in Kirkuk.")
    assert _event(b, "were killed", "killed") == (None, None)


def test_object_of_a_killing_is_a_person_not_a_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Masked gunmen shot Jordan twice in the chest.")
    assert _event(a, "gunmen shot", "shot") == (None, None)
    # a place object of a verb that takes places stays the scene
    b = analyse("Rebels captured Jordan's border post of Karameh on Friday.")
    assert _where(b, "captured", "captured") is not None


def test_figurative_senses_have_no_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("She captured her third world title in Tokyo on Sunday.")
    assert _event(a, "captured", "captured") == (None, None)
    b = analyse("The vote demonstrated the strength of the opposition in Caracas.")
    assert _event(b, "demonstrated", "demonstrated") == (None, None)
    c = analyse("Rebels captured the airport in Tokyo on Sunday.")
    assert _where(c, "captured", "captured") == "Tokyo"
    d = analyse("Thousands of people demonstrated in Caracas on Sunday.")
    assert _where(d, "demonstrated", "demonstrated") == "Caracas"


def test_what_a_protest_is_about_is_not_its_place(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Hundreds of students protested against the war in Yemen.")
    assert _event(a, "protested", "protested") == (None, None)
    b = analyse("Hundreds of students protested in Sanaa against the war in Yemen.")
    assert _where(b, "protested", "protested") == "Sanaa"
    c = analyse("Thousands marched in solidarity with the refugees in Gaza.")
    assert _event(c, "marched", "marched") == (None, None)


def test_anaphor_in_another_clause_is_not_the_scene(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("A soldier was killed on Saturday as the US envoy prepared to meet the country's new council.")
    assert _event(a, "was killed", "killed") == (None, None)


def test_destination_of_a_movement_is_its_place(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("The rebel delegation travelled to Nairobi on Monday.")
    place, precision = _event(a, "travelled", "travelled")
    assert place is not None and place.text == "Nairobi" and precision == "attached"
    # "to" after a verb that is no movement names a partner, not a place
    b = analyse("The rebel delegation talked to Nairobi about the ceasefire.")
    assert _event(b, "talked", "talked") == (None, None)

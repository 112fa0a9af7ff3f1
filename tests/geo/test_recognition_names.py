"""Toponym recognition: names found in the event-location error analysis (issue #6) that the recogniser missed."""

from __future__ import annotations

from collections.abc import Callable

from eventwire.geo import load_gazetteer
from eventwire.records import Analysis


def _places(a: Analysis) -> dict[str, str | None]:
    return {p.text: p.country for p in a.places}


def test_former_country_names_resolve_to_the_country() -> None:
    gaz = load_gazetteer()
    for name, iso3 in (("Swaziland", "SWZ"), ("Zaire", "COD"), ("East Timor", "TLS"), ("Ceylon", "LKA")):
        hits = gaz.lookup(name)
        assert hits and hits[0].entry.country == iso3 and hits[0].entry.feature == "country", name


def test_former_country_name_in_text(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Elsewhere in Swaziland, armed troops patrolled the roads on Friday.")
    assert _places(a).get("Swaziland") == "SWZ"


def test_other_name_of_a_great_city_after_a_preposition(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Several hundred students marched in central Kiev on Sunday.")
    assert _places(a).get("Kiev") == "UKR"
    # a word that is only some city's other name, with no place cue, stays a word
    b = analyse("She sang a hymn with all her Soul.")
    assert "Soul" not in _places(b)


def test_place_name_the_tagger_split_as_a_person(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Police patrolled the slums of Santo Domingo on Tuesday.")
    assert _places(a).get("Santo Domingo") == "DOM"
    # an article before a person's name does not make a place of it
    b = analyse("Officials said the Bush administration had pursued that option earlier.")
    assert all("Bush" not in t for t in _places(b))


def test_country_name_opening_a_sentence(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Gibraltar was handed to Britain in 1713 under the Treaty of Utrecht.")
    assert _places(a).get("Gibraltar") == "GIB"


def test_local_name_after_the_name_of_its_city(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("A shopkeeper was shot at his home in the Nairobi suburb of Kwamboka on Monday.")
    assert "Kwamboka" in _places(a) and _places(a).get("Nairobi") == "KEN"
    b = analyse("A bomb exploded in a camp in the town of al-Qarna west of Ramadi.")
    assert "al-Qarna" in _places(b)


def test_common_word_after_of_in_a_title_is_no_place(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("A motorist was shot on Friday as U.S. Secretary of State Colin Powell met Israeli leaders.")
    assert "State" not in _places(a)
    # a place noun before "of" keeps the town ("the western town of Man")
    b = analyse("Many people have died in the western town of Man, which rebels seized in November.")
    assert "Man" in _places(b)

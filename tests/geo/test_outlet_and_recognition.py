"""Outlet home-region prior, first-level regions outside the US, and the recognition cues added for issue #6:
datelines, upper-case country codes, demonyms shadowed by small towns, repeated names, county lists, places in a
place slot and capitals that stand for their government."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.geo import Geoparser, locate_event
from eventwire.geo.outlet import OutletPrior, outlet_key, tld_country
from eventwire.nlp import NLP
from eventwire.records import Analysis, Article

ISO = {"CA": "CAN", "GB": "GBR", "US": "USA", "DE": "DEU"}


def _places(a: Analysis, text: str) -> list[tuple[str | None, str | None, str]]:
    return [(p.country, p.admin1, p.feature) for p in a.places if p.text == text]


def test_outlet_key_and_tld() -> None:
    assert outlet_key(Article(id="a", text="", url="http://www.ajc.com/metro/story.html")) == "ajc.com"
    assert outlet_key(Article(id="a", text="", source=" Daily Herald ")) == "daily herald"
    assert outlet_key(Article(id="a", text="")) is None
    assert tld_country(Article(id="a", text="", url="https://lfpress.ca/news/1"), ISO) == "CAN"
    assert tld_country(Article(id="a", text="", url="http://thisisoxfordshire.co.uk/x"), ISO) == "GBR"
    assert tld_country(Article(id="a", text="", url="https://example.com/x"), ISO) is None
    assert tld_country(Article(id="a", text="", url="https://news.tv/x"), ISO) is None  # generic use of a ccTLD


def test_outlet_prior_is_leave_one_out() -> None:
    prior = OutletPrior()
    prior.record("paper.com", "a", frozenset({"USA", "USA.GA"}))
    prior.record("paper.com", "b", frozenset({"USA", "USA.GA"}))
    prior.record("paper.com", "c", frozenset({"USA", "USA.TX"}))
    assert prior.shares("paper.com", "c") == {"USA": 1.0, "USA.GA": 1.0}  # c's own vote is left out
    assert prior.shares("paper.com", "a") == {"USA": 1.0, "USA.GA": 0.5, "USA.TX": 0.5}
    assert prior.shares("other.com", "a") == {}
    assert prior.shares(None, "a") == {}


def test_outlet_home_region_resolves_a_bare_local_name(nlp_stage: NLP) -> None:
    texts = [
        "Decatur city officials have scheduled two community meetings to talk about school attendance zones.",
        "Traffic was heavy in Atlanta, Georgia, on Monday after a crash on the interstate.",
        "The Gwinnett County school board in Lawrenceville, Georgia, met on Tuesday.",
        "Residents of Marietta, Georgia, packed the council chamber on Wednesday.",
    ]
    articles = [Article(id=f"a{i}", text=t, url=f"http://www.localpaper.com/story/{i}.html")
                for i, t in enumerate(texts)]
    analyses = list(nlp_stage.pipe([Analysis(article=a) for a in articles]))
    with_prior = list(Geoparser(outlet_prior=True).pipe(analyses))
    assert ("USA", "GA", "city") in _places(with_prior[0], "Decatur")
    # Without the outlet prior the bare name falls to the largest Decatur (Illinois or Alabama).
    without = list(Geoparser(outlet_prior=False).pipe(analyses))
    assert ("USA", "GA", "city") not in _places(without[0], "Decatur")


def test_first_level_region_outside_the_us(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("The family moved from Sarnia to London, Ontario, last year.")
    assert [p.country for p in a.places if p.text == "London"] == ["CAN"]


def test_upper_case_dateline_is_a_place(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("PLEASANTON, Calif. -- DeltaTrak, a maker of cold chain devices, announced a new logger today.")
    assert ("USA", "CA", "city") in _places(a, "PLEASANTON")


def test_upper_case_country_code_is_no_pronoun(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("The ministry approved projects worth 11 billion US dollars for the next three years.")
    assert [p.country for p in a.places if p.text == "US"] == ["USA"]


def test_demonym_shadowed_by_a_small_town(analyse: Callable[[str], Analysis]) -> None:
    # "Canadian" is also a small town in Texas; in "The Canadian Press" it is the demonym.
    a = analyse("The family spoke to reporters on Sunday, said Peter Goffin of The Canadian Press.")
    assert [p.country for p in a.places if p.text == "Canadian"] == ["CAN"]


def test_name_recognised_once_is_a_place_everywhere(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("A house fire broke out in Torrington on Monday night. Torrington firefighters were called "
                "at 9 p.m. and the Torrington Fire Department said nobody was hurt.")
    torrington = [p for p in a.places if p.text == "Torrington"]
    assert len(torrington) == 3 and len({(p.lat, p.lon) for p in torrington}) == 1


def test_repeats_do_not_enter_person_names(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("She grew up in Clinton, Iowa. Former president Bill Clinton spoke at the event.")
    assert [p.start for p in a.places if p.text == "Clinton"] == [a.article.text.index("Clinton")]


def test_list_of_counties(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("School boards in Barrow, Jackson and Madison counties tweaked their layoff policies.")
    for name in ("Barrow", "Jackson", "Madison"):
        found = [p for p in a.places if p.text == name]
        assert found and found[0].feature == "admin" and found[0].country == "USA", name


def test_small_town_as_object_of_a_capture_verb(analyse: Callable[[str], Analysis]) -> None:
    a = analyse("Croatian armed forces captured Knin on Saturday.")
    assert [p.country for p in a.places if p.text == "Knin"] == ["HRV"]


def test_landmark_is_not_its_small_namesake(geoparser: Geoparser) -> None:
    # "White House" is also a town in Tennessee; the landmark in Washington ranks first without context.
    from eventwire.geo.resolve import prior

    cands = geoparser.gazetteer.lookup("White House")
    best = max(cands, key=lambda c: prior(None, c.entry, c.alternate))  # type: ignore[arg-type]
    assert (best.entry.country, best.entry.admin1) == ("USA", "DC")
    assert any(c.entry.admin1 == "TN" for c in cands)


def test_capital_as_government_is_reported_but_no_scene(analyse: Callable[[str], Analysis]) -> None:
    text = "Moscow condemned the decision on Monday."
    a = analyse(text)
    if not any(r.reason == "capital-as-government" for r in a.actors):
        pytest.skip("the actor stage did not mark 'Moscow' as capital-as-government")
    moscow = [p for p in a.places if p.text == "Moscow"]
    assert moscow and moscow[0].country == "RUS" and moscow[0].confidence <= 0.5
    start = text.index("condemned")
    place, _ = locate_event(a, start, start + len("condemned"), 0)
    assert place is None or place.text != "Moscow"


def test_outlet_prior_is_opt_in(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Off by default (an article's places must not depend on the rest of the run); the setting turns it on."""
    from eventwire.geo import Geoparser

    gaz = Geoparser(outlet_prior=False).gazetteer
    assert Geoparser(gazetteer=gaz).outlets is None
    monkeypatch.setenv("EVENTWIRE_GEO_OUTLET_PRIOR", "true")
    assert Geoparser(gazetteer=gaz).outlets is not None

"""Coordination and compound actors: one mention standing for several actors gives one event per actor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from eventwire.actors import ActorResolver
from eventwire.events import EventCoder
from eventwire.nlp import NLP
from eventwire.records import Analysis, Article, Event

from .conftest import actor

# invented names: one name coded as two actors (a PETRARCH block of several codes), plain states around it
DICTIONARY = {
    "actors": [
        {"name": {"phrase": "the twin isles", "whole_word": True}, "synonyms": [],
         "codes": [{"codes": ["TWA", "TWB"], "from": None, "to": None}]},
        {"name": {"phrase": "valdoria", "whole_word": True}, "synonyms": [],
         "codes": [{"codes": ["VAL"], "from": None, "to": None}]},
        {"name": {"phrase": "korvania", "whole_word": True}, "synonyms": [],
         "codes": [{"codes": ["KOR"], "from": None, "to": None}]},
        {"name": {"phrase": "brellin", "whole_word": True}, "synonyms": [],
         "codes": [{"codes": ["BRL"], "from": None, "to": None}]},
    ],
    "agents": [
        {"phrase": "senator", "plurals": [], "code": "LEG", "position": "suffix"},
        {"phrase": "minister", "plurals": [], "code": "GOV", "position": "suffix"},
    ],
}


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    path = tmp_path_factory.mktemp("dict") / "invented.json"
    path.write_text(json.dumps(DICTIONARY), encoding="utf-8")
    return ActorResolver(overrides=path)


def _events(nlp_stage: NLP, coder: EventCoder, resolver: ActorResolver, text: str) -> list[Event]:
    article = Article(id="c", text=text, published=dt.date(2001, 5, 2))
    analysis = next(iter(resolver.pipe([nlp_stage.parse(Analysis(article=article))])))
    return list(next(iter(coder.pipe([analysis]))).events)


def _triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {((e.source.cameo_code if e.source else "-") or "-", e.cameo_root,
             (e.target.cameo_code if e.target else "-") or "-") for e in events if e.status == "factual"}


def test_compound_dictionary_name_is_several_actors(resolver: ActorResolver,
                                                     nlp_stage: NLP) -> None:
    text = "The Twin Isles praised Valdoria on Monday."
    article = Article(id="a", text=text, published=dt.date(2001, 5, 2))
    actors = next(iter(resolver.pipe([nlp_stage.parse(Analysis(article=article))]))).actors
    isles = sorted(a.cameo_code or "" for a in actors if a.text == "The Twin Isles")
    assert isles == ["TWA", "TWB"]


def test_compound_source_gives_one_event_per_code(nlp_stage: NLP, coder: EventCoder,
                                                  resolver: ActorResolver) -> None:
    triples = _triples(_events(nlp_stage, coder, resolver, "The Twin Isles praised Valdoria on Monday."))
    assert {("TWA", "05", "VAL"), ("TWB", "05", "VAL")} <= triples


def test_compound_target_gives_one_event_per_code(nlp_stage: NLP, coder: EventCoder,
                                                  resolver: ActorResolver) -> None:
    triples = _triples(_events(nlp_stage, coder, resolver, "Valdoria praised The Twin Isles on Monday."))
    assert {("VAL", "05", "TWA"), ("VAL", "05", "TWB")} <= triples


def test_coordinated_nouns_and_owners_cross(nlp_stage: NLP, coder: EventCoder, resolver: ActorResolver) -> None:
    """ "senators and ministers in A and B": every noun with every country."""
    text = "Senators and ministers in Valdoria and Korvania praised Brellin on Monday."
    sources = {s for s, _, t in _triples(_events(nlp_stage, coder, resolver, text)) if t == "BRL"}
    assert {"VALLEG", "KORLEG", "VALGOV", "KORGOV"} <= sources


def test_one_noun_with_coordinated_owners(nlp_stage: NLP, coder: EventCoder, resolver: ActorResolver) -> None:
    """ "the ministers of A and B": one event per owner, and the two still meet each other."""
    text = "The ministers of Valdoria and Korvania praised Brellin."
    sources = {s for s, _, t in _triples(_events(nlp_stage, coder, resolver, text)) if t == "BRL"}
    assert {"VALGOV", "KORGOV"} <= sources
    text = "The ministers of Valdoria and Korvania met on Monday."
    pairs = {(s, t) for s, _, t in _triples(_events(nlp_stage, coder, resolver, text))}
    assert {("VALGOV", "KORGOV"), ("KORGOV", "VALGOV")} <= pairs


def test_same_span_actors_in_hand_built_analysis(nlp_stage: NLP, coder: EventCoder) -> None:
    """The events stage pairs every actor of a shared span, and never pairs them with each other."""
    text = "The Twin Isles met Valdoria on Monday."
    refs = (actor(text, "The Twin Isles", "TWA"), actor(text, "The Twin Isles", "TWB"), actor(text, "Valdoria", "VAL"))
    analysis = nlp_stage.parse(Analysis(article=Article(id="h", text=text)))
    analysis = dataclasses.replace(analysis, actors=refs)
    events = list(next(iter(coder.pipe([analysis]))).events)
    pairs = {(e.source.cameo_code, e.target.cameo_code) for e in events if e.source and e.target}
    assert {("TWA", "VAL"), ("TWB", "VAL")} <= pairs
    assert ("TWA", "TWB") not in pairs and ("TWB", "TWA") not in pairs


def test_coordinated_verbs_share_the_object(code_events: Any) -> None:
    """ "X denounced and bombed Y": both acts are aimed at Y; an intransitive first verb takes no object."""
    text = "Valdoria denounced and bombed Korvania on Friday."
    events = code_events(text, {"Valdoria": "VAL", "Korvania": "KOR"})
    roots = {e.cameo_root for e in events if e.target is not None and e.target.cameo_code == "KOR"}
    assert {"11", "19"} <= roots
    text = "Valdoria police arrived and detained Korvania students."
    events = code_events(text, {"Valdoria police": "VALCOP", "Korvania students": "KOREDU"})
    assert not [e for e in events if e.cameo_root == "04" and e.target is not None]


def test_uncoded_object_yields_to_named_partner(code_events: Any) -> None:
    """ "celebrated <unknown name> with X": the named party is the target, not the object nobody could code."""
    text = "Valdoria celebrated Harvestmoon with the parliament of Korvania."
    actors = [("Valdoria", "VAL"), ("Harvestmoon", "", "unknown"), ("parliament of Korvania", "KORLEG")]
    events = [e for e in code_events(text, actors) if e.source is not None and e.source.cameo_code == "VAL"]
    assert events and {e.target.cameo_code for e in events if e.target is not None} == {"KORLEG"}

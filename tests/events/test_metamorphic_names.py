"""Metamorphic tests: renaming an actor ("Russia" / "the Russian Federation", "NATO" / "the North Atlantic Treaty
Organization") must not change the coded events. Each template is filled with every combination of name variants
and the (source, code, target) sets must all be equal (and not empty).

The templates and names are our own (not gold sentences); they run the whole pipeline (nlp → actors → geo →
events) because the variants differ in how the actor resolver and the parser read them.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Article

Triple = tuple[str | None, str, str | None]

VARIANTS: dict[str, list[str]] = {
    "russia": ["Russia", "the Russian Federation"],
    "usa": ["the United States", "the U.S.", "the US", "the USA"],
    "czechia": ["the Czech Republic", "Czechia"],
    "korea": ["South Korea", "the Republic of Korea"],
    "nato": ["NATO", "the North Atlantic Treaty Organization"],
    "sco": ["the SCO", "the Shanghai Cooperation Organisation"],
    "un": ["the United Nations", "the UN"],
    "isis": ["Islamic State", "ISIS", "Daesh", "IS militants"],
}

# (template, first actor, second actor)
CASES: list[tuple[str, str, str]] = [
    ("Diplomats from {a} met their counterparts from {b} in Vienna.", "russia", "usa"),
    ("Envoys from {a} met their counterparts from {b} on Friday.", "czechia", "korea"),
    ("Officials of {a} met their counterparts from {b} in Geneva.", "russia", "usa"),
    ("{a} condemned {b} on Tuesday.", "nato", "russia"),
    ("{a} urged {b} to withdraw its forces.", "sco", "usa"),
    ("{a} criticised {b} for the delay.", "nato", "sco"),
    ("{a} called on {b} to end the blockade.", "un", "russia"),
    ("{a} denounced {b} on Wednesday.", "un", "isis"),
]


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _triples(pipeline: Pipeline, text: str) -> frozenset[Triple]:
    analysis = pipeline.analyse(Article(id="m", text=text, published=dt.date(2016, 3, 1)))
    return frozenset(
        (e.source.cameo_code if e.source else None, e.cameo_code, e.target.cameo_code if e.target else None)
        for e in analysis.events
    )


@pytest.mark.parametrize(("template", "first", "second"), CASES, ids=[c[0][:32] for c in CASES])
def test_renaming_an_actor_keeps_the_events(pipeline: Pipeline, template: str, first: str, second: str) -> None:
    found: dict[frozenset[Triple], list[str]] = {}
    for a, b in itertools.product(VARIANTS[first], VARIANTS[second]):
        text = _capital(template.format(a=a, b=b))
        found.setdefault(_triples(pipeline, text), []).append(text)
    assert len(found) == 1, "\n".join(f"{sorted(k, key=str)}: {v}" for k, v in found.items())
    assert next(iter(found)), "no event coded"

"""Fixtures for the actors tests: the spaCy model and the resolver are built once per session."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.actors import ActorResolver
from eventwire.nlp import NLP
from eventwire.records import ActorRef, Analysis, Article


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver()


@pytest.fixture(scope="session")
def run(nlp_stage: NLP, resolver: ActorResolver) -> Any:
    """run(text, published, resolver=None) -> list[ActorRef] through the real nlp and actors stages."""

    def _run(text: str, published: dt.date | None = None, res: ActorResolver | None = None) -> list[ActorRef]:
        article = Article(id=Article.make_id("", text), text=text, published=published)
        analysis = nlp_stage.parse(Analysis(article=article))
        out = next(iter((res or resolver).pipe([analysis])))
        return list(out.actors)

    return _run


def overlapping(actors: list[ActorRef], text: str, mention: str) -> list[ActorRef]:
    """Actors whose span overlaps the first occurrence of ``mention`` in ``text``."""
    start = text.find(mention)
    assert start >= 0, f"{mention!r} not in {text!r}"
    end = start + len(mention)
    return [a for a in actors if a.start < end and start < a.end]


def satisfies(actor: ActorRef, want: dict[str, Any]) -> bool:
    if "country" in want and actor.country != want["country"]:
        return False
    if "sector" in want and want["sector"] not in actor.sectors:
        return False
    if "cameo" in want and actor.cameo_code != want["cameo"]:
        return False
    if "kind" in want and actor.kind != want["kind"]:
        return False
    if "name" in want:
        names = {actor.name.lower(), *(a.lower() for a in actor.aliases)}
        if str(want["name"]).lower() not in names:
            return False
    return True

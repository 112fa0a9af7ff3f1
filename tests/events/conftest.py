"""Shared fixtures for the events tests: one spaCy model per session and hand-built actor mentions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventwire.events import EventCoder
from eventwire.nlp import NLP
from eventwire.records import ActorRef, Analysis, Article, Event

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    return EventCoder()


def actor(text: str, phrase: str, code: str, kind: str = "state", nth: int = 0, reason: str = "alias") -> ActorRef:
    """An ActorRef for the ``nth`` occurrence of ``phrase`` in ``text`` (code = country + sectors)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    country = None if code.startswith("---") or not code else code[:3]
    sectors = tuple(code[i : i + 3] for i in range(3, len(code), 3))
    return ActorRef(text=phrase, start=start, end=start + len(phrase), name=phrase, country=country,
                    sectors=sectors, cameo_code=code or None, kind=kind, reason=reason)


CodeFn = Callable[..., list[Event]]


@pytest.fixture(scope="session")
def code_events(nlp_stage: NLP, coder: EventCoder) -> CodeFn:
    """Parse ``text``, attach the given actors (phrase → code) and run the event coder."""

    def run(text: str, actors: dict[str, str] | list[tuple[str, ...]], **kw: Any) -> list[Event]:
        pairs = list(actors.items()) if isinstance(actors, dict) else actors
        seen: dict[str, int] = {}
        refs = []
        for phrase, code, *how in pairs:  # an optional third item is the mention's reason ("title")
            refs.append(actor(text, phrase, code, nth=seen.get(phrase, 0), reason=how[0] if how else "alias"))
            seen[phrase] = seen.get(phrase, 0) + 1
        analysis = nlp_stage.parse(Analysis(article=Article(id="t", text=text, **kw)))
        analysis = dataclasses.replace(analysis, actors=tuple(sorted(refs, key=lambda a: a.start)))
        return list(next(iter(coder.pipe([analysis]))).events)

    return run


def triples(events: list[Event], status: str | None = "factual") -> set[tuple[str, str, str]]:
    return {
        (e.source.cameo_code if e.source else "-", e.cameo_code, e.target.cameo_code if e.target else "-")
        for e in events
        if status is None or e.status == status
    }

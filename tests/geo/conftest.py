"""Session fixtures for the geo tests: the spaCy model and the gazetteer load once."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.geo import Geoparser
from eventwire.nlp import NLP
from eventwire.records import Analysis, Article

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def geoparser() -> Geoparser:
    return Geoparser()


@pytest.fixture(scope="session")
def analyse(nlp_stage: NLP, geoparser: Geoparser) -> Callable[[str], Analysis]:
    """Text → Analysis after nlp (+ actors when that stage is importable) + geo."""
    stages: list[object] = [nlp_stage]
    try:
        from eventwire.actors import ActorResolver  # type: ignore[attr-defined]

        stages.append(ActorResolver())
    except ImportError:
        pass  # the actor stage is developed separately; geo works without it (no capital-as-government info)
    stages.append(geoparser)

    def run(text: str) -> Analysis:
        items = [Analysis(article=Article(id=Article.make_id("", text), text=text))]
        for stage in stages:
            items = list(stage.pipe(items))  # type: ignore[attr-defined]
        return items[0]

    return run

"""Shared fixtures for the WHEN tests: the spaCy model is loaded once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventwire.nlp import NLP
from eventwire.records import Analysis, Article
from eventwire.when import DateResolver


@pytest.fixture(scope="session")
def resolver() -> DateResolver:
    return DateResolver()


@pytest.fixture(scope="session")
def analyse(nlp_stage: NLP, resolver: DateResolver) -> Callable[[str, dt.date | None], Analysis]:
    def run(text: str, published: dt.date | None) -> Analysis:
        article = Article(id=Article.make_id("", text), text=text, published=published)
        return next(resolver.pipe([nlp_stage.parse(Analysis(article=article))]))

    return run

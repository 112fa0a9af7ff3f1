"""Shared fixtures for the QUANTITIES tests: the spaCy model is loaded once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventwire.nlp import NLP
from eventwire.quantities import QuantityExtractor
from eventwire.records import Analysis, Article
from eventwire.when import DateResolver


@pytest.fixture(scope="session")
def analyse(nlp_stage: NLP) -> Callable[[str, dt.date | None], Analysis]:
    dates, quantities = DateResolver(), QuantityExtractor()

    def run(text: str, published: dt.date | None = None) -> Analysis:
        article = Article(id=Article.make_id("", text), text=text, published=published)
        analysis = nlp_stage.parse(Analysis(article=article))
        return next(quantities.pipe(dates.pipe([analysis])))

    return run

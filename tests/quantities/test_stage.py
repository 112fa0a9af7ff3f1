"""Both stages follow the Stage protocol and fill only their own field."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eventwire.nlp import NLP
from eventwire.quantities import QuantityExtractor
from eventwire.records import Analysis, Article
from eventwire.stage import Stage
from eventwire.when import DateResolver


def test_stages_follow_the_protocol(nlp_stage: NLP) -> None:
    dates, quantities = DateResolver(), QuantityExtractor()
    assert isinstance(dates, Stage) and dates.name == "when"
    assert isinstance(quantities, Stage) and quantities.name == "quantities"
    text = "Rebels killed 12 soldiers on Friday."
    parsed = nlp_stage.parse(Analysis(article=Article(id="a", text=text, published=dt.date(2015, 11, 21))))
    out = next(quantities.pipe(dates.pipe([parsed])))
    assert [d.text for d in out.dates] == ["Friday"]
    assert [(q.value, q.kind) for q in out.quantities] == [(12.0, "fatalities")]
    assert dataclasses.replace(out, dates=parsed.dates, quantities=parsed.quantities) == parsed
    assert out.quantities[0].sentence == 0 and out.dates[0].sentence == 0


def test_without_a_parse_quantities_are_empty_and_dates_still_resolve() -> None:
    article = Article(id="a", text="Rebels killed 12 soldiers on 13 November 2015.", published=None)
    dated = next(DateResolver().pipe([Analysis(article=article)]))
    assert [d.date_start for d in dated.dates] == [dt.date(2015, 11, 13)]
    assert next(QuantityExtractor().pipe([dated])).quantities == ()

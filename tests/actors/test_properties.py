"""Property test: whatever the words, actor spans are valid, sorted, non-overlapping offsets into the text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "Russia",
    "U.S.",
    "US",
    "us",
    "the",
    "Turkish",
    "government",
    "it",
    "its",
    "he",
    "they",
    "said",
    "Paris",
    "launched",
    "strikes",
    "in",
    "Mr",
    "Assad",
    "İstanbul",
    "’s",
    "'s",
    "militants",
    "of",
    "ministry",
    "The",
    "President",
    "Obama",
    "NATO",
    "Nato",
    "Islamic",
    "State",
    "group",
    ",",
    ".",
    "\n",
    "—",
    "Kremlin",
    "officials",
    "and",
    "French",
    "planes",
    "ISIS",
    "Ǆ",
    "the West",
    "Daesh",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.dates(dt.date(1990, 1, 1), dt.date(2026, 1, 1)))
def test_spans_are_valid(run: Any, words: list[str], day: dt.date) -> None:
    text = " ".join(words)
    actors = run(text, day)
    spans = [(a.start, a.end) for a in actors]
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) and text[s:e] == a.text for (s, e), a in zip(spans, actors, strict=True))
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    assert all(a.kind in ("state", "person", "organization", "group") for a in actors)
    assert all(0.0 <= a.confidence <= 1.0 for a in actors)

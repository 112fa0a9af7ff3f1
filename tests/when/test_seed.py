"""The `dates` rows of the seed acceptance file, and event dates for the seed story's triggers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.records import Analysis
from eventwire.when import date_event


@pytest.fixture(scope="module")
def expected(seed_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((seed_dir / "expected.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def seed(seed_dir: Path, expected: dict[str, Any], analyse: Callable[[str, dt.date | None], Analysis]) -> Analysis:
    text = (seed_dir / expected["article"]["file"]).read_text(encoding="utf-8")
    return analyse(text, expected["article"]["published"])


def test_seed_date_rows(seed: Analysis, expected: dict[str, Any]) -> None:
    for row in expected["dates"]:
        want = row["text"].lower()
        refs = [d for d in seed.dates if want in d.text.lower() or d.text.lower() in want]
        assert refs, f"{row['text']!r} not found among {[d.text for d in seed.dates]}"
        ok = [d for d in refs if row["from"] <= d.date_start <= d.date_end <= row["to"]]
        assert ok, f"{row['text']!r}: {refs} not within {row['from']}..{row['to']}"


def _event_date(analysis: Analysis, word: str, occurrence: int = 0) -> tuple[str, dt.date, dt.date]:
    i = -1
    for _ in range(occurrence + 1):
        i = analysis.article.text.index(word, i + 1)
    sentence = next(s for s in analysis.sentences if s.start <= i < s.end)
    ref = date_event(analysis, i, i + len(word), sentence.index)
    assert ref is not None
    return ref.text, ref.date_start, ref.date_end


D = dt.date


@pytest.mark.parametrize(
    ("trigger", "text", "start", "end"),
    [
        ("launched", "this week", D(2015, 11, 16), D(2015, 11, 21)),
        ("attacks", "November 13", D(2015, 11, 13), D(2015, 11, 13)),
        ("killed", "November 13", D(2015, 11, 13), D(2015, 11, 13)),
        ("launching", "last month", D(2015, 10, 1), D(2015, 10, 31)),
        ("began", "last month", D(2015, 10, 1), D(2015, 10, 31)),
        ("must drop", "Wednesday", D(2015, 11, 18), D(2015, 11, 18)),
        ("Lavrov said", "Wednesday", D(2015, 11, 18), D(2015, 11, 18)),
        ("meeting", "Friday", D(2015, 11, 20), D(2015, 11, 20)),
        ("performed", "Over the past 48 days", D(2015, 10, 4), D(2015, 11, 21)),
        ("delivered", "Over the past 48 days", D(2015, 10, 4), D(2015, 11, 21)),
    ],
)
def test_seed_event_dates(seed: Analysis, trigger: str, text: str, start: dt.date, end: dt.date) -> None:
    assert _event_date(seed, trigger) == (text, start, end)


def test_event_without_a_date_gets_the_published_day(seed: Analysis) -> None:
    i = seed.article.text.index("vehemently opposed")
    sentence = next(s for s in seed.sentences if s.start <= i < s.end)
    ref = date_event(seed, i, i + 10, sentence.index)
    assert ref is not None
    assert (ref.text, ref.start, ref.end, ref.precision) == ("", -1, -1, "day")
    assert ref.date_start == ref.date_end == D(2015, 11, 21)
    assert ref.confidence < 0.5

"""The seed's `quantities` rows, and attach_quantities on the seed story and on short texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.quantities import attach_quantities
from eventwire.records import Analysis, Quantity

PUB = dt.date(2015, 11, 21)


@pytest.fixture(scope="module")
def seed(seed_dir: Path, analyse: Callable[[str, dt.date | None], Analysis]) -> Analysis:
    expected = yaml.safe_load((seed_dir / "expected.yaml").read_text(encoding="utf-8"))
    text = (seed_dir / expected["article"]["file"]).read_text(encoding="utf-8")
    return analyse(text, expected["article"]["published"])


def _row_matches(q: Quantity, row: dict[str, Any]) -> bool:
    if abs(q.value - float(row["value"])) > 1e-6:
        return False
    if "kind" in row and q.kind != row["kind"]:
        return False
    if "unit" in row and q.unit != row["unit"]:
        return False
    want = row.get("unit_or_kind_contains")
    return want is None or want in (q.unit or "") or want in q.kind


def test_seed_quantity_rows(seed: Analysis, seed_dir: Path) -> None:
    rows = yaml.safe_load((seed_dir / "expected.yaml").read_text(encoding="utf-8"))["quantities"]
    for row in rows:
        assert any(_row_matches(q, row) for q in seed.quantities), (row, seed.quantities)


def test_seed_has_no_dates_or_years_as_quantities(seed: Analysis) -> None:
    for q in seed.quantities:
        assert q.value not in (13.0, 2015.0), q


def _attach(a: Analysis, word: str) -> tuple[set[tuple[float, str | None, str]], int | None]:
    i = a.article.text.index(word)
    sentence = next(s for s in a.sentences if s.start <= i < s.end)
    qs, fatalities = attach_quantities(a, i, i + len(word), sentence.index)
    return {(q.value, q.unit, q.kind) for q in qs}, fatalities


@pytest.mark.parametrize(
    ("trigger", "must", "fatalities"),
    [
        ("attacks", {(130.0, "person", "fatalities")}, 130),
        ("killed", {(130.0, "person", "fatalities")}, 130),
        ("performed", {(2289.0, "sortie", "count"), (4111.0, "strike", "count")}, None),
        ("delivered", {(2289.0, "sortie", "count"), (4111.0, "strike", "count")}, None),
        ("launching", {(1500.0, "km", "distance")}, None),
        ("began", {(1500.0, "km", "distance")}, None),
        ("producing", {(30000.0, "barrel", "rate")}, None),
    ],
)
def test_seed_attachments(
    seed: Analysis, trigger: str, must: set[tuple[float, str, str]], fatalities: int | None
) -> None:
    got, dead = _attach(seed, trigger)
    assert must <= got, got
    assert dead == fatalities


def test_seed_strike_does_not_take_the_paris_death_toll(seed: Analysis) -> None:
    got, dead = _attach(seed, "launched")
    assert dead is None
    assert not any(kind == "fatalities" for _, _, kind in got)


def test_participle_clause_belongs_to_the_event(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("Militants attacked the village, killing 12 people and wounding 30.", PUB)
    got, dead = _attach(a, "attacked")
    assert dead == 12
    assert (30.0, "person", "injuries") in got


def test_relative_clause_on_the_object(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("Jets launched strikes that killed 30 civilians.", PUB)
    assert _attach(a, "launched")[1] == 30


def test_coordinated_clause_with_its_own_subject_is_another_event(
    analyse: Callable[[str, dt.date | None], Analysis],
) -> None:
    a = analyse("Russia bombed Aleppo and Turkish artillery shelled 20 villages.", PUB)
    assert _attach(a, "bombed")[0] == set()
    assert (20.0, "village", "count") in _attach(a, "shelled")[0]


def test_reporting_verb_does_not_take_the_reported_toll(
    analyse: Callable[[str, dt.date | None], Analysis],
) -> None:
    a = analyse("The ministry said the blast killed 15 people.", PUB)
    assert _attach(a, "said") == (set(), None)
    assert _attach(a, "killed")[1] == 15


def test_nothing_in_the_sentence(analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    a = analyse("Talks resumed in Geneva.", PUB)
    assert _attach(a, "resumed") == (set(), None)

"""Acceptance checks from ../shared/acceptance/seed: the `actors` rows of expected.yaml on story.txt, and
identical actor codes for story.txt and story_plain_names.txt (the metamorphic check)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import overlapping, satisfies

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "acceptance" / "seed"
PUBLISHED = dt.date(2015, 11, 21)


def _seed() -> Path:
    if not SEED.is_dir():
        pytest.skip(f"seed acceptance folder not found ({SEED})")
    return SEED


def test_expected_actor_rows(run: Any) -> None:
    seed = _seed()
    expected = yaml.safe_load((seed / "expected.yaml").read_text(encoding="utf-8"))
    text = (seed / "story.txt").read_text(encoding="utf-8")
    actors = run(text, PUBLISHED)
    failures = []
    for row in expected["actors"]:
        want = {k: row[k] for k in ("country",) if k in row}
        if "sector" in row:
            want["sector"] = row["sector"]
        found = overlapping(actors, text, row["text"])
        names = [n.lower() for n in row.get("name_any", [])]
        ok = [
            a
            for a in found
            if satisfies(a, want) and (not names or {a.name.lower(), *map(str.lower, a.aliases)} & set(names))
        ]
        if not ok:
            failures.append((row, [(a.text, a.cameo_code, a.name) for a in found]))
    assert not failures, failures


def _codes(actors: list[Any]) -> Counter[tuple[str | None, str | None]]:
    return Counter((a.cameo_code, a.name) for a in actors)


def test_plain_names_give_the_same_actor_codes(run: Any) -> None:
    seed = _seed()
    story = run((seed / "story.txt").read_text(encoding="utf-8"), PUBLISHED)
    plain = run((seed / "story_plain_names.txt").read_text(encoding="utf-8"), PUBLISHED)
    assert _codes(story) == _codes(plain)
    assert len(story) == len(plain)


def test_story_specifics(run: Any) -> None:
    """Capital as agent vs place; the Islamist group -> Islamic State by a later full name; pronouns."""
    seed = _seed()
    text = (seed / "story.txt").read_text(encoding="utf-8")
    actors = run(text, PUBLISHED)
    paris = [a for a in actors if a.text == "Paris"]
    assert len(paris) == 1 and paris[0].country == "FRA" and paris[0].reason == "capital-as-government"
    assert paris[0].start == text.index("Paris launched")
    group = [a for a in actors if "Islamist group" in a.text]
    assert group and group[0].name == "Islamic State" and group[0].reason == "coref"
    fleet = [a for a in actors if a.text == "its fleet"]
    assert fleet and fleet[0].cameo_code == "RUSMIL"
    he = [a for a in actors if a.text == "he"]
    assert he and he[0].name == "Vladimir Putin"
    assert [a.start for a in actors] == sorted(a.start for a in actors)
    assert all(text[a.start : a.end] == a.text for a in actors)
    assert all(a.sentence >= 0 for a in actors)

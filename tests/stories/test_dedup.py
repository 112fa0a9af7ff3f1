from __future__ import annotations

import dataclasses

import pytest

from eventwire.errors import ConfigError
from eventwire.records import Analysis
from eventwire.stories import NearDuplicateDetector, NearDuplicateStage

from .conftest import article

BODY = (
    "Rebels attacked a village in western Uganda and killed six civilians before soldiers drove them off, "
    "a military spokesman said Thursday. The attack occurred overnight Wednesday in the Kasese district."
)


def test_light_edit_and_new_headline_is_a_copy() -> None:
    det = NearDuplicateDetector()
    first = article(BODY, title="Six killed in Uganda raid", source="a")
    copy = article(BODY.replace("overnight Wednesday", "late on Wednesday") + " ", title="Uganda rebels kill six")
    assert det.check(first) is None
    assert det.check(copy) == first.id


def test_typography_only_copy_is_found_and_other_story_is_not() -> None:
    det = NearDuplicateDetector()
    first = article(BODY)
    assert det.check(first) is None
    assert det.check(article(BODY.replace("'", "\u2019").upper())) == first.id
    other = article("The central bank raised interest rates by half a point on Tuesday, citing inflation "
                    "that has stayed above its target for a year.")
    assert det.check(other) is None


def test_same_article_again_is_not_its_own_duplicate() -> None:
    det = NearDuplicateDetector()
    a = article(BODY)
    assert det.check(a) is None
    assert det.check(a) is None


def test_window_of_articles_evicts_old_entries() -> None:
    det = NearDuplicateDetector(window=3)
    first = article(BODY)
    det.check(first)
    for i in range(3):
        det.check(article(f"Filler story number {i} about harvest prices in the northern provinces this autumn."))
    assert len(det) == 3
    assert det.check(article(BODY + " More follows.")) is None  # the original has left the window


def test_window_of_days_evicts_old_entries() -> None:
    det = NearDuplicateDetector(window_days=2)
    det.check(article(BODY, published="2020-01-01"))
    det.check(article("An unrelated report on football results from the weekend league games.",
                      published="2020-01-10"))
    assert len(det) == 1
    assert det.check(article(BODY + " Updated.", published="2020-01-10")) is None


def test_stage_sets_duplicate_of() -> None:
    first, copy = article(BODY, source="a"), article(BODY + " (Reporting by staff.)", source="b")
    out = list(NearDuplicateStage().pipe([Analysis(article=first), Analysis(article=copy)]))
    assert NearDuplicateStage.name == "dedup"
    assert out[0].duplicate_of is None
    assert out[1].duplicate_of == first.id
    assert dataclasses.replace(out[1], duplicate_of=None) == Analysis(article=copy)


def test_bad_threshold_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        NearDuplicateDetector(threshold=1.5)

"""The table of quantity expressions in cases.yaml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.records import Analysis, Quantity

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))
PUB = dt.date(2015, 11, 21)


def _matches(q: Quantity, want: dict[str, Any]) -> bool:
    if abs(q.value - float(want["value"])) > 1e-6:
        return False
    if "unit" in want and q.unit != want["unit"]:
        return False
    return "kind" not in want or q.kind == want["kind"]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['text'][:40]}" for i, c in enumerate(CASES)])
def test_case(case: dict[str, Any], analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    analysis = analyse(case["text"], PUB)
    found = analysis.quantities
    for want in case["expect"]:
        hits = [q for q in found if _matches(q, want)]
        assert hits, f"{want} not in {[(q.value, q.unit, q.kind, q.text) for q in found]}"
        conf = hits[0].confidence
        assert want.get("min_conf", 0.0) <= conf <= want.get("max_conf", 1.0), hits[0]
    for absent in case.get("none", []):
        for m in re.finditer(rf"(?<!\w){re.escape(absent)}(?!\w)", case["text"]):
            assert not any(q.start < m.end() and m.start() < q.end for q in found), (absent, found)
    if not case["expect"]:
        assert found == (), found
    for q in found:
        assert case["text"][q.start : q.end] == q.text
        assert 0.0 < q.confidence <= 1.0

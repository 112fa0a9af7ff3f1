"""The table of date expressions in cases.yaml, each resolved against its publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.records import Analysis, DateRef

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


def _same_expr(ref: DateRef, expr: str) -> bool:
    a, b = ref.text.lower(), expr.lower()
    return a in b or b in a


def check_expected(ref_list: tuple[DateRef, ...], want: dict[str, Any]) -> None:
    matches = [r for r in ref_list if _same_expr(r, want["expr"])]
    assert matches, f"{want['expr']!r} not found among {[r.text for r in ref_list]}"
    ref = matches[0]
    lo, hi = want["from"], want["to"]
    if want.get("within"):
        assert lo <= ref.date_start <= ref.date_end <= hi, ref
    else:
        assert (ref.date_start, ref.date_end) == (lo, hi), ref
    if "precision" in want:
        assert ref.precision == want["precision"], ref
    assert 0.0 < ref.confidence <= 1.0


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['text'][:40]}" for i, c in enumerate(CASES)])
def test_case(case: dict[str, Any], analyse: Callable[[str, dt.date | None], Analysis]) -> None:
    analysis = analyse(case["text"], case["published"])
    for want in case["expect"]:
        check_expected(analysis.dates, want)
    for absent in case.get("none", []):
        assert not any(absent.lower() in r.text.lower() for r in analysis.dates), analysis.dates
    if not case["expect"]:
        assert analysis.dates == (), analysis.dates
    for ref in analysis.dates:
        assert case["text"][ref.start : ref.end] == ref.text
        assert ref.date_start <= ref.date_end
        assert ref.precision in {"day", "week", "month", "year", "period"}

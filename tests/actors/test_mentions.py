"""The hand-written mention table (tests/actors/mentions.yaml) must pass at >= 95 %."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .conftest import overlapping, satisfies

TABLE = Path(__file__).with_name("mentions.yaml")
KEYS = ("country", "sector", "cameo", "kind", "name")


def _check(run: Any, row: dict[str, Any]) -> str | None:
    published = row.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    actors = run(row["text"], published)
    found = overlapping(actors, row["text"], row["mention"])
    if row.get("none"):
        return None if not found else f"expected no actor, got {[(a.text, a.cameo_code) for a in found]}"
    want = {k: row[k] for k in KEYS if k in row}
    if any(satisfies(a, want) for a in found):
        return None
    got = [(a.text, a.cameo_code, a.name, a.sectors, a.reason) for a in found]
    return f"want {want}, got {got}"


def test_mention_table_accuracy(run: Any) -> None:
    rows = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    assert len(rows) >= 150
    failures = []
    for row in rows:
        problem = _check(run, row)
        if problem:
            failures.append(f"{row['text']!r} [{row['mention']}]: {problem}")
    accuracy = 1 - len(failures) / len(rows)
    print(f"mention table: {len(rows) - len(failures)}/{len(rows)} = {accuracy:.1%}")
    for line in failures:
        print("  FAIL", line)
    assert accuracy >= 0.95, "\n".join(failures)

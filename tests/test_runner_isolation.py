"""A failure in the driver-side story steps (near-duplicates, clustering) costs one article, not the run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from eventwire.records import Analysis
from eventwire.runner import StoryTracker, run_paths


class _Broken:
    """A stage that fails on articles whose text mentions 'boom'."""

    name = "broken"

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for item in items:
            if "boom" in item.article.text:
                raise RuntimeError("detector exploded")
            yield from self.inner.pipe([item])  # type: ignore[attr-defined]


def test_story_steps_isolate_a_bad_article(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.jsonl"
    rows = [{"id": f"a{i}", "published": "2024-05-13",
             "text": f"Kenya and Uganda signed a trade deal on Monday. Note {i} {'boom' if i == 1 else ''}"}
            for i in range(3)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    original = StoryTracker.__init__

    def patched(self: StoryTracker, *a: object, **k: object) -> None:
        original(self, *a, **k)
        self.dedup = _Broken(self.dedup)  # type: ignore[assignment]
        self.clusterer = _Broken(self.clusterer)  # type: ignore[assignment]

    monkeypatch.setattr(StoryTracker, "__init__", patched)
    db = tmp_path / "s.duckdb"
    summary = run_paths([src], db=db)
    assert summary.articles == 2 and summary.failures == 1
    con = duckdb.connect(str(db), read_only=True)
    fails = con.execute("SELECT stage, message FROM failures").fetchall()
    con.close()
    assert fails[0][0] == "dedup" and "exploded" in fails[0][1]

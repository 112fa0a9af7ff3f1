"""The bundled sample used by ``eventwire demo``."""

from __future__ import annotations

import json
from collections import Counter

from eventwire.ingest import read_paths, sample_paths
from eventwire.records import Article, Failure


def test_sample_files_and_formats() -> None:
    paths = sample_paths()
    assert sorted(p.suffix for p in paths) == [".html", ".jsonl", ".rss", ".txt"]
    assert all(p.is_file() for p in paths)


def test_sample_reads_without_failures() -> None:
    items = list(read_paths(sample_paths()))
    assert not [i for i in items if isinstance(i, Failure)]
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) >= 18 and len({a.id for a in arts}) == len(arts)
    assert len({a.source for a in arts if a.source}) >= 5


def test_sample_jsonl_shape() -> None:
    (jsonl,) = [p for p in sample_paths() if p.suffix == ".jsonl"]
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert 12 <= len(rows) <= 20
    assert all(set(r) == {"id", "title", "text", "published", "source"} for r in rows)
    # A story carried by several outlets (near-duplicate wire copies) for the story/dedup stages.
    first_sentences = Counter(r["text"].split(" killed")[0] for r in rows)
    assert max(first_sentences.values()) >= 3

"""Shared fixtures for the stories tests: the seed story split into articles, and the spaCy model (loaded once)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.records import Article

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "acceptance" / "seed"


def article(text: str, title: str = "", published: str | None = "2015-11-21", source: str | None = None,
            external_id: str | None = None) -> Article:
    return Article(
        id=Article.make_id(title, text), text=text, title=title,
        published=dt.date.fromisoformat(published) if published else None, source=source, external_id=external_id,
    )


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    path = SEED / "story_split.jsonl"
    if not path.exists():
        pytest.skip(f"seed acceptance data not found at {path}")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append(article(rec["text"], rec["title"], rec["published"], rec["source"], rec["id"]))
    return out

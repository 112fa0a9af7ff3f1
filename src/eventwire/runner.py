"""Run files or folders end to end into the store: ingest → pipeline → single writer. Resumable and idempotent:
articles already in the store (by content-hash id) are skipped before any NLP."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import Pipeline
from .records import Analysis, Article, Failure
from .store import Writer, connect


@dataclass
class RunSummary:
    db: str
    read: int = 0
    skipped_known: int = 0
    articles: int = 0
    events: int = 0
    failures: int = 0
    seconds: float = 0.0
    stages: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _new_only(items: Iterable[Article | Failure], writer: Writer, summary: RunSummary,
              chunk: int = 256) -> Iterator[Article | Failure]:
    buf: list[Article | Failure] = []

    def drain() -> Iterator[Article | Failure]:
        known = writer.known_articles(a.id for a in buf if isinstance(a, Article))
        for a in buf:
            if isinstance(a, Article) and a.id in known:
                summary.skipped_known += 1
                continue
            yield a
        buf.clear()

    for item in items:
        summary.read += 1
        buf.append(item)
        if len(buf) >= chunk:
            yield from drain()
    yield from drain()


def run_paths(
    paths: Iterable[Path | str],
    *,
    db: Path | str = "eventwire.duckdb",
    published: dt.date | None = None,
    source: str | None = None,
    pipeline: Pipeline | None = None,
    on_article: Callable[[Analysis | Failure], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` (files or folders) into the DuckDB store at ``db``."""
    from .ingest import IngestOptions, read_paths

    items = read_paths(paths, IngestOptions(published=published, source=source))
    return run_articles(items, db=db, pipeline=pipeline, on_article=on_article)


def run_articles(
    items: Iterable[Article | Failure],
    *,
    db: Path | str = "eventwire.duckdb",
    pipeline: Pipeline | None = None,
    on_article: Callable[[Analysis | Failure], None] | None = None,
) -> RunSummary:
    """Run already-read articles (and pass ingest failures through) into the store at ``db``."""
    t0 = time.perf_counter()
    summary = RunSummary(db=str(db))
    pipe = pipeline or Pipeline()
    con = connect(db)
    try:
        with Writer(con) as writer:
            for result in _analyse(_new_only(items, writer, summary), pipe):
                writer.add(result)
                if isinstance(result, Failure):
                    summary.failures += 1
                else:
                    summary.articles += 1
                    summary.events += len(result.events)
                if on_article:
                    on_article(result)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - t0
    summary.stages = pipe.info.as_dict()["stages"]  # type: ignore[assignment]
    return summary


def _analyse(items: Iterable[Article | Failure], pipe: Pipeline) -> Iterator[Analysis | Failure]:
    """Failures from ingest pass through untouched; articles go through the pipeline in batches."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        batch.append(item)
        if len(batch) >= pipe.batch_size:
            yield from pipe.run(batch)
            batch = []
    if batch:
        yield from pipe.run(batch)

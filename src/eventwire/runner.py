"""Run files or folders end to end into the store: ingest → pipeline → single writer. Resumable and idempotent:
articles already in the store (by content-hash id) are skipped before any NLP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EventwireError
from .pipeline import Pipeline
from .records import Analysis, Article, Failure
from .store import Writer, connect
from .store.db import WRITE_WAIT_SECONDS


@dataclass
class RunSummary:
    db: str
    read: int = 0
    skipped_known: int = 0
    articles: int = 0
    events: int = 0
    failures: int = 0
    stories: int = 0
    seconds: float = 0.0
    stages: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _new_only(items: Iterable[Article | Failure], writer: Writer, summary: RunSummary,
              chunk: int = 256) -> Iterator[Article | Failure]:
    """Articles not stored yet. An exact repeat within the run (same content hash) is skipped too, whether or not
    the writer has flushed the first copy yet, so the counts do not depend on batching or worker timing."""
    buf: list[Article | Failure] = []
    seen: set[str] = set()  # ids passed on in this run (16-character hashes: ~17 MB for 250,000 articles)

    def drain() -> Iterator[Article | Failure]:
        known = writer.known_articles(a.id for a in buf if isinstance(a, Article))
        for a in buf:
            if isinstance(a, Article):
                if a.id in known or a.id in seen:
                    summary.skipped_known += 1
                    continue
                seen.add(a.id)
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
    lock_wait: float = WRITE_WAIT_SECONDS,
) -> RunSummary:
    """Ingest ``paths`` (files or folders) into the DuckDB store at ``db``."""
    from .ingest import IngestOptions, read_paths

    items = read_paths(paths, IngestOptions(published=published, source=source))
    return run_articles(items, db=db, pipeline=pipeline, on_article=on_article, lock_wait=lock_wait)


def run_articles(
    items: Iterable[Article | Failure],
    *,
    db: Path | str = "eventwire.duckdb",
    pipeline: Pipeline | None = None,
    on_article: Callable[[Analysis | Failure], None] | None = None,
    lock_wait: float = WRITE_WAIT_SECONDS,
) -> RunSummary:
    """Run already-read articles (and pass ingest failures through) into the store at ``db``. When another
    process holds the store (e.g. ``eventwire serve`` reading it), wait up to ``lock_wait`` seconds for it."""
    t0 = time.perf_counter()
    summary = RunSummary(db=str(db))
    pipe = pipeline or Pipeline()
    con = connect(db, wait=lock_wait)
    try:
        with Writer(con) as writer:
            tracker = StoryTracker()
            for result in _analyse(_new_only(items, writer, summary), pipe, tracker, writer):
                record_result(result, writer, summary, on_article)
            writer.flush()
            summary.stories = tracker.finalise(writer)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - t0
    summary.stages = pipe.info.as_dict()["stages"]  # type: ignore[assignment]
    return summary


def record_result(result: Analysis | Failure, writer: Writer, summary: RunSummary,
                  on_article: Callable[[Analysis | Failure], None] | None) -> None:
    """Hand one result to the single writer and count it (shared by the local and the Dask engine)."""
    writer.add(result)
    if isinstance(result, Failure):
        summary.failures += 1
    else:
        summary.articles += 1
        summary.events += len(result.events)
    if on_article:
        on_article(result)


class StoryTracker:
    """The stateful, order-dependent part of a run, kept in the driver process: near-duplicate detection before
    extraction, streaming story clustering after it, then per story the merged events and a digest.

    Memory is bounded: at most ``max_per_story`` analyses (without their spaCy Doc) are kept per story and at
    most ``max_stories`` stories; older ones are finalised early."""

    def __init__(self, max_per_story: int = 100, max_stories: int = 5000) -> None:
        from .stories import NearDuplicateStage, StoryClusterer

        self.dedup = NearDuplicateStage()
        self.clusterer = StoryClusterer()
        self.max_per_story = max_per_story
        self.max_stories = max_stories
        self.kept: dict[str, list[Analysis]] = {}

    def before(self, articles: list[Article], failures: list[Failure]) -> list[Analysis]:
        """Near-duplicate links. An article that makes the detector fail becomes a Failure; the batch goes on."""
        items = [Analysis(article=a) for a in articles]
        try:
            return list(self.dedup.pipe(items))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
            out: list[Analysis] = []
            for item in items:
                try:
                    out.extend(self.dedup.pipe([item]))
                except Exception as exc:  # noqa: BLE001 - one article must not stop the run
                    failures.append(_failure(item, "dedup", exc))
            return out

    def after(self, results: list[Analysis | Failure], writer: Writer) -> list[Analysis | Failure]:
        out: list[Analysis | Failure] = []
        # The whole batch in one call: the clusterer embeds its headlines in one model call (one call per article
        # made runs with embeddings many times slower). If it fails, the articles go one by one below; those
        # already clustered keep their story (the clusterer counts an article once).
        analyses = [r for r in results if isinstance(r, Analysis)]
        try:
            done = dict(zip(map(id, analyses), self.clusterer.pipe(analyses), strict=True))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
            done = {}
        for r in results:
            if isinstance(r, Failure):
                out.append(r)
                continue
            if id(r) in done:
                out.append(done[id(r)])
                continue
            try:
                out.extend(self.clusterer.pipe([r]))
            except Exception as exc:  # noqa: BLE001 - one article must not stop the run
                out.append(_failure(r, "stories", exc))
        for r in out:
            if isinstance(r, Analysis) and r.story_id:
                items = self.kept.setdefault(r.story_id, [])
                if len(items) < self.max_per_story:
                    items.append(dataclasses.replace(r, doc=None))
        while len(self.kept) > self.max_stories:
            oldest = next(iter(self.kept))
            self._finalise({oldest: self.kept.pop(oldest)}, writer)
        return out

    def finalise(self, writer: Writer) -> int:
        kept, self.kept = self.kept, {}
        return self._finalise(kept, writer)

    def _finalise(self, kept: dict[str, list[Analysis]], writer: Writer) -> int:
        from .stories import build_digest, merge_events

        groups: dict[str, list[Analysis]] = {}
        for sid, items in kept.items():
            groups.setdefault(self.clusterer.resolve(sid), []).extend(items)
        merges, digests = [], []
        for sid, items in groups.items():
            items = [dataclasses.replace(a, story_id=sid) for a in items]
            merged = merge_events(items)
            merges.append((sid, [a.article.id for a in items], [(e, merged.mentions[e.id]) for e in merged.events]))
            digests.append(build_digest(items))
        # one transaction for all stories: per-story statements dominated the end of a run
        writer.write_story_merges_many(merges)
        writer.write_stories(digests)
        return len(groups)


def _analyse(items: Iterable[Article | Failure], pipe: Pipeline, tracker: StoryTracker,
             writer: Writer) -> Iterator[Analysis | Failure]:
    """Failures from ingest pass through untouched; articles are deduplicated (in input order), then go
    through the pipeline, which reads them lazily (with worker processes several batches are in flight while
    this process clusters and writes), then into the story tracker batch by batch."""
    failures: list[Failure] = []

    def deduplicated() -> Iterator[Analysis]:
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            batch.append(item)
            if len(batch) >= pipe.batch_size:
                yield from tracker.before(batch, failures)
                batch = []
        if batch:
            yield from tracker.before(batch, failures)

    done: list[Analysis | Failure] = []
    for result in pipe.run(deduplicated()):
        done.append(result)
        if len(done) >= pipe.batch_size:
            yield from _drain(failures)
            yield from tracker.after(done, writer)
            done = []
    yield from _drain(failures)
    if done:
        yield from tracker.after(done, writer)


def _failure(item: Analysis, stage: str, exc: Exception) -> Failure:
    code = exc.code if isinstance(exc, EventwireError) else "stage_error"
    return Failure(origin=item.article.origin or item.article.id, code=code,
                   message=f"{type(exc).__name__}: {exc}", article_id=item.article.id, stage=stage)


def _drain(failures: list[Failure]) -> Iterator[Failure]:
    yield from failures
    failures.clear()

"""Compose the stages: ingest → nlp → actors → geo → when → quantities → events.

``Pipeline.run(articles)`` yields one ``Analysis`` per article (or a ``Failure`` for an article a stage could
not handle: the batch goes on). ``Pipeline.info`` holds per-stage timing (RunInfo).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .deadline import TimeLimitExceeded, time_limit
from .errors import ArticleTimeoutError, EventwireError, StageError
from .records import Analysis, Article, Failure
from .stage import Stage

# the floor rate of the time limit: an article may take ``time_limit`` seconds plus one second per this many
# characters (the whole pipeline does ~25,000 characters/s per process here)
TIME_LIMIT_CHARS_PER_SECOND = 2_000


@dataclass
class StageInfo:
    seconds: float = 0.0
    items: int = 0


@dataclass
class RunInfo:
    """Per-stage wall time and item counts of one pipeline (cumulative over runs)."""

    stages: dict[str, StageInfo] = field(default_factory=dict)
    articles: int = 0
    failures: int = 0
    sentences: int = 0
    chars: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "failures": self.failures,
            "sentences": self.sentences,
            "chars": self.chars,
            "stages": {k: {"seconds": round(v.seconds, 4), "items": v.items} for k, v in self.stages.items()},
        }


def default_stages(
    actors_file: Path | None = None, model: str | None = None, n_process: int = 1, prefilter: bool = True
) -> list[Stage]:
    """The extraction stages in order. ``prefilter``: parse only sentences with a possible actor and an event
    trigger (built from the same dictionaries and patterns the actors and events stages use)."""
    from .actors import ActorResolver
    from .events import EventCoder
    from .geo import Geoparser
    from .nlp import NLP, CandidateFilter, lemma_lookups, load_model
    from .quantities import QuantityExtractor
    from .when import DateResolver

    actors, events = ActorResolver(overrides=actors_file), EventCoder()
    candidates = (
        CandidateFilter.from_stages(actors.kb, events.index, lemma_lookups(load_model(model)))
        if prefilter else None
    )
    return [
        NLP(model=model, n_process=n_process, prefilter=candidates),
        actors,
        Geoparser(),
        DateResolver(),
        QuantityExtractor(),
        events,
    ]


class Pipeline:
    """Runs articles through the extraction stages in batches."""

    def __init__(
        self,
        stages: list[Stage] | None = None,
        *,
        batch_size: int = 64,
        actors_file: Path | None = None,
        keep_docs: bool = False,
        processes: int = 1,
        model: str | None = None,
        prefilter: bool = True,
        time_limit: float | None = None,
    ) -> None:
        """``processes`` > 1: the default stages run in that many worker processes (each loads the model and
        dictionaries once), batches in flight while the caller consumes results; Docs never leave a worker,
        so ``keep_docs`` does not apply. Custom ``stages`` always run in this process.

        ``time_limit``: seconds an article may take (plus one second per ``TIME_LIMIT_CHARS_PER_SECOND``
        characters) before it is stopped and recorded as a ``timeout`` failure; None: the
        ``article_time_limit`` setting; 0: no limit. See ``budget``."""
        if time_limit is None:
            from .config import load_settings

            time_limit = load_settings().article_time_limit
        self.time_limit = time_limit
        self.processes = processes if stages is None else 1
        self.batch_size = batch_size
        self.keep_docs = keep_docs and self.processes == 1  # run() drops each Doc once all stages are done
        self.info = RunInfo()
        self._pool: ProcessPoolExecutor | None = None
        self._config = (actors_file, model, prefilter, batch_size, time_limit)
        self._worker_state: dict[int, dict[str, Any]] = {}  # pid -> that worker's cumulative RunInfo/stats
        if stages is not None:
            self.stages = stages
        elif self.processes > 1:
            self.stages = []  # built inside each worker
        else:
            self.stages = default_stages(actors_file=actors_file, model=model, prefilter=prefilter)

    def _run_batch(self, batch: list[Analysis]) -> list[Analysis]:
        # near-duplicate copies (``duplicate_of`` set before the pipeline) skip extraction: they are linked to
        # their original and counted in its story's merged events, so they cost almost nothing
        items: list[Analysis] = [a for a in batch if a.duplicate_of is None]
        copies = {id(a) for a in batch if a.duplicate_of is not None}
        if copies:
            done = iter(self._extract(items))
            return [a if id(a) in copies else next(done) for a in batch]
        return self._extract(items)

    def _extract(self, items: list[Analysis]) -> list[Analysis]:
        for stage in self.stages:
            t0 = time.perf_counter()
            items = list(stage.pipe(items))
            rec = self.info.stages.setdefault(stage.name, StageInfo())
            rec.seconds += time.perf_counter() - t0
            rec.items += len(items)
        return items

    def run(self, articles: Iterable[Article | Analysis]) -> Iterator[Analysis | Failure]:
        """Extract from each article (or pre-filled Analysis) in batches; yields results in input order.
        ``articles`` is read lazily, so a caller may feed a generator and consume results as they come."""
        if self.processes > 1:
            yield from self._run_pool(self._batches(articles))
            return
        for batch in self._batches(articles):
            yield from self._account(self._results(batch))

    def _batches(self, articles: Iterable[Article | Analysis]) -> Iterator[list[Analysis]]:
        batch: list[Analysis] = []
        for article in articles:
            batch.append(article if isinstance(article, Analysis) else Analysis(article=article))
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def budget(self, batch: list[Analysis]) -> float:
        """Seconds ``batch`` may take: ``time_limit`` plus a floor rate for its text, far below what the
        pipeline does on a busy machine, so only a stage that loops or stalls reaches it. 0: no limit."""
        if not self.time_limit:
            return 0.0
        return self.time_limit + sum(len(a.article.text) for a in batch) / TIME_LIMIT_CHARS_PER_SECOND

    def _timed_batch(self, batch: list[Analysis]) -> list[Analysis]:
        seconds = self.budget(batch)
        try:
            with time_limit(seconds):
                return self._run_batch(batch)
        except TimeLimitExceeded:
            raise ArticleTimeoutError(
                f"extraction took longer than its time limit of {seconds:.0f} s and was stopped"
            ) from None

    def _results(self, batch: list[Analysis]) -> list[Analysis | Failure]:
        try:
            return list(self._timed_batch(batch))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch (or ran too long), below
            results: list[Analysis | Failure] = []
            for item in batch:
                try:
                    results.extend(self._timed_batch([item]))
                except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
                    code = exc.code if isinstance(exc, EventwireError) else "stage_error"
                    results.append(
                        Failure(
                            origin=item.article.origin or item.article.id,
                            code=code,
                            message=f"{type(exc).__name__}: {exc}",
                            article_id=item.article.id,
                            stage="pipeline",
                        )
                    )
            return results

    def _account(self, results: list[Analysis | Failure]) -> Iterator[Analysis | Failure]:
        for r in results:
            if isinstance(r, Analysis):
                if not self.keep_docs:
                    r = dataclasses.replace(r, doc=None)
                self.info.articles += 1
                self.info.sentences += len(r.sentences)
                self.info.chars += len(r.article.text)
            else:
                self.info.failures += 1
            yield r

    # ---- worker processes -------------------------------------------------------------------------
    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=mp.get_context("spawn"),
                                             initializer=_worker_init, initargs=self._config)
        return self._pool

    def start(self) -> list[int]:
        """Start the worker processes now and return their pids once every one has loaded its pipeline
        (``processes`` > 1; otherwise nothing to do). Without it they start on the first batch; the benchmark
        calls it so that model loading is timed apart, as it is for one process."""
        if self.processes == 1:
            return []
        pool = self._ensure_pool()
        ready: set[int] = set()
        while len(ready) < self.processes:  # a loaded worker may take every probe while another still loads
            ready.update(f.result() for f in [pool.submit(_worker_ready) for _ in range(self.processes)])
        return sorted(ready)

    def _run_pool(self, batches: Iterator[list[Analysis]]) -> Iterator[Analysis | Failure]:
        pool = self._ensure_pool()
        in_flight: deque[Future[tuple[int, list[Analysis | Failure], dict[str, Any]]]] = deque()
        for batch in batches:
            in_flight.append(pool.submit(_worker_batch, batch))
            while len(in_flight) >= 2 * self.processes:  # every worker busy, one batch queued behind each
                yield from self._collect(in_flight.popleft().result())
        while in_flight:
            yield from self._collect(in_flight.popleft().result())

    def _collect(self, done: tuple[int, list[Analysis | Failure], dict[str, Any]]) -> Iterator[Analysis | Failure]:
        pid, results, state = done
        self._worker_state[pid] = state
        stages: dict[str, StageInfo] = {}
        for st in self._worker_state.values():
            for name, v in st["stages"].items():
                rec = stages.setdefault(name, StageInfo())
                rec.seconds += v["seconds"]
                rec.items += v["items"]
        self.info.stages = stages  # summed over workers: CPU seconds, not wall time
        yield from self._account(results)

    def parse_stats(self) -> dict[str, float]:
        """Share of articles/sentences/characters that reached spaCy's full parser (summed over workers)."""
        from .nlp import NLP, ParseStats

        if self.processes == 1:
            nlp = next((s for s in self.stages if isinstance(s, NLP)), None)
            return nlp.stats.as_dict() if nlp is not None else {}
        total = ParseStats()
        for st in self._worker_state.values():
            for k, v in st["parse"].items():
                if k in total.__dataclass_fields__:
                    setattr(total, k, getattr(total, k) + v)
        return total.as_dict()

    def close(self) -> None:
        """Stop the worker processes (``processes`` > 1); a later run starts new ones."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def analyse(self, article: Article) -> Analysis:
        """Run one article; raises instead of returning a Failure."""
        if self.processes > 1:
            return self._ensure_pool().submit(_worker_analyse, Analysis(article=article)).result()
        return self._timed_batch([Analysis(article=article)])[0]


_WORKER: Pipeline | None = None


def _worker_init(actors_file: Path | None, model: str | None, prefilter: bool, batch_size: int,
                 time_limit: float) -> None:
    global _WORKER
    _WORKER = Pipeline(default_stages(actors_file=actors_file, model=model, prefilter=prefilter),
                       batch_size=batch_size, time_limit=time_limit)


def _worker() -> Pipeline:
    if _WORKER is None:
        raise StageError("pipeline worker process was not initialised")
    return _WORKER


def _worker_ready() -> int:
    _worker()
    time.sleep(0.1)  # hold this probe so that the other probes go to the other workers
    return os.getpid()


def _worker_batch(batch: list[Analysis]) -> tuple[int, list[Analysis | Failure], dict[str, Any]]:
    worker = _worker()
    results = list(worker._account(worker._results(batch)))  # drops the Docs: they stay in the worker
    state = {"stages": worker.info.as_dict()["stages"], "parse": worker.parse_stats()}
    return os.getpid(), results, state


def _worker_analyse(item: Analysis) -> Analysis:
    return dataclasses.replace(_worker()._timed_batch([item])[0], doc=None)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str = "",
    pipeline: Pipeline | None = None,
) -> Analysis:
    """Extract actors, places, dates, quantities and events from one text."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = Article(
        id=Article.make_id(title, text), text=text, title=title, published=published, source=source
    )
    return (pipeline or default_pipeline()).analyse(article)

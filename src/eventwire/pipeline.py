"""Compose the stages: ingest → nlp → actors → geo → when → quantities → events.

``Pipeline.run(articles)`` yields one ``Analysis`` per article (or a ``Failure`` for an article a stage could
not handle: the batch goes on). ``Pipeline.info`` holds per-stage timing (RunInfo).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EventwireError
from .records import Analysis, Article, Failure
from .stage import Stage


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
    actors_file: Path | None = None, model: str | None = None, n_process: int = 1
) -> list[Stage]:
    from .actors import ActorResolver
    from .events import EventCoder
    from .geo import Geoparser
    from .nlp import NLP
    from .quantities import QuantityExtractor
    from .when import DateResolver

    return [
        NLP(model=model, n_process=n_process),
        ActorResolver(overrides=actors_file),
        Geoparser(),
        DateResolver(),
        QuantityExtractor(),
        EventCoder(),
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
    ) -> None:
        self.stages = stages if stages is not None else default_stages(actors_file=actors_file)
        self.batch_size = batch_size
        self.keep_docs = keep_docs  # run() drops each spaCy Doc once all stages are done, to bound memory
        self.info = RunInfo()

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
        """Extract from each article (or pre-filled Analysis) in batches; yields results in input order."""
        batch: list[Analysis] = []
        for article in articles:
            batch.append(article if isinstance(article, Analysis) else Analysis(article=article))
            if len(batch) >= self.batch_size:
                yield from self._safe_batch(batch)
                batch = []
        if batch:
            yield from self._safe_batch(batch)

    def _safe_batch(self, batch: list[Analysis]) -> Iterator[Analysis | Failure]:
        try:
            results: list[Analysis | Failure] = list(self._run_batch(batch))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
            results = []
            for item in batch:
                try:
                    results.extend(self._run_batch([item]))
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

    def analyse(self, article: Article) -> Analysis:
        """Run one article; raises instead of returning a Failure."""
        return self._run_batch([Analysis(article=article)])[0]


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

"""``POST /articles``: bearer-token check, then the Python API (ingest record → Pipeline → Writer). Thin on
purpose: the same code path as ``eventwire run`` on a JSONL line."""

from __future__ import annotations

import secrets
import threading
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..ingest.fields import article_from_record
from ..ingest.options import IngestOptions
from ..records import Analysis, Article, Failure
from ..store import Writer
from ..store.api_queries import write_connection
from .errors import ApiError

MAX_ARTICLES = 100


class ArticleIn(BaseModel):
    """One article, with the fields of a JSONL input line."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=64, description="YYYY-MM-DD (or RFC 2822)")
    source: str | None = Field(default=None, max_length=500, description="outlet")
    id: str | None = Field(default=None, max_length=500, description="your id, kept as external_id")
    url: str | None = Field(default=None, max_length=2000)


class IngestResult(BaseModel):
    articles: int
    events: int
    skipped_known: int
    ids: list[str]
    failures: list[dict[str, Any]]


def require_token(request: Request) -> None:
    expected: str | None = request.app.state.token
    if expected is None:
        raise ApiError(403, "ingest_disabled",
                       "POST /articles is disabled: start the server with an ingest token to enable it")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "missing or wrong bearer token",
                       headers={"WWW-Authenticate": 'Bearer realm="eventwire"'})


class PipelineHolder:
    """Loads the pipeline (spaCy and the dictionaries) on the first POST, once per app; one write at a time."""

    def __init__(self, pipeline: Any = None) -> None:
        self._pipeline = pipeline
        self.lock = threading.Lock()

    def get(self) -> Any:
        if self._pipeline is None:
            try:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline()
            except ImportError as exc:  # extraction stages not installed / not written yet
                raise ApiError(503, "pipeline_unavailable", f"the extraction pipeline cannot load: {exc}") from exc
        return self._pipeline


def _to_articles(items: list[ArticleIn]) -> list[Article]:
    opts = IngestOptions()
    out: list[Article] = []
    for i, item in enumerate(items):
        try:
            record: dict[object, object] = {k: v for k, v in item.model_dump(exclude_none=True).items()}
            out.append(article_from_record(record, f"POST /articles[{i}]", opts))
        except InputError as exc:
            raise ApiError(422, exc.code, exc.message, {"index": i}) from exc
    return out


def ingest_articles(request: Request, items: list[ArticleIn]) -> IngestResult:
    require_token(request)
    if not items:
        raise ApiError(422, "validation_error", "no articles in the request body")
    if len(items) > MAX_ARTICLES:
        raise ApiError(413, "payload_too_large", f"at most {MAX_ARTICLES} articles per request",
                       {"count": len(items)})
    articles = _to_articles(items)
    holder: PipelineHolder = request.app.state.pipeline
    with holder.lock:
        pipeline = holder.get()
        with write_connection(request.app.state.db) as con, Writer(con) as writer:
            known = writer.known_articles(a.id for a in articles)
            fresh = [a for a in articles if a.id not in known]
            results: list[Analysis | Failure] = list(pipeline.run(fresh)) if fresh else []
            for r in results:
                writer.add(r)
    analyses = [r for r in results if isinstance(r, Analysis)]
    failures = [
        {"origin": f.origin, "code": f.code, "message": f.message, "article_id": f.article_id}
        for f in results if isinstance(f, Failure)
    ]
    return IngestResult(articles=len(analyses), events=sum(len(a.events) for a in analyses),
                        skipped_known=len(articles) - len(fresh), ids=[a.id for a in articles],
                        failures=failures)


__all__ = ["MAX_ARTICLES", "ArticleIn", "IngestResult", "PipelineHolder", "ingest_articles",
           "require_token"]

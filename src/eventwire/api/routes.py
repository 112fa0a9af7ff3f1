"""The REST endpoints: argument parsing and formatting only; the queries live in ``eventwire.store.api_queries``."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
import anyio.to_thread
import duckdb
from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response, StreamingResponse
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ..store import api_queries as q
from ..store.api_queries import ApiFilter
from .errors import ERROR_RESPONSES, ApiError, ErrorBody
from .ingest import MAX_ARTICLES, ArticleIn, IngestResult, ingest_articles, require_token
from .params import event_filter

router = APIRouter(responses=ERROR_RESPONSES)
Filter = Annotated[ApiFilter, Depends(event_filter)]
ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,100}$"
JSON = "application/json"
# what FastAPI does for a ``dict[str, Any]`` return value (dates as ISO strings, NaN/inf as null), without the
# response-model round trip
_ENCODER: TypeAdapter[Any] = TypeAdapter(Any)


def _db(request: Request) -> Path:
    return request.app.state.db  # type: ignore[no-any-return]


def _page_cap(request: Request) -> int:
    return request.app.state.page_cap  # type: ignore[no-any-return]


def _limit(request: Request, limit: int) -> int:
    cap = _page_cap(request)
    if limit > cap:
        raise ApiError(422, "validation_error", f"invalid limit: the page size cap is {cap}",
                       {"limit": limit, "max": cap})
    return limit


async def _read(request: Request, query: Callable[[duckdb.DuckDBPyConnection], Any],
                not_found: tuple[str, str] | None = None) -> Response:
    """Run ``query`` on a read cursor in a worker thread and encode its answer there too.

    At most ``app.state.read_threads`` reads run at once: the rest wait their turn instead of all competing for
    two cores and the GIL (which would also starve the event loop that answers cached requests). ``not_found``
    (kind, id): a None answer becomes a 404."""
    db = _db(request)

    def work() -> bytes:
        with q.read_connection(db) as con:
            found = query(con)
        if found is None and not_found is not None:
            kind, key = not_found
            raise ApiError(404, "not_found", f"no {kind} with id {key!r}", {"id": key})
        return _ENCODER.dump_json(found)

    body = await anyio.to_thread.run_sync(work, limiter=_read_limiter(request))
    return Response(body, media_type=JSON)


def _read_limiter(request: Request) -> anyio.CapacityLimiter:
    """The app's read limiter for the running event loop (a TestClient may run the app on several loops)."""
    loop = asyncio.get_running_loop()
    state = request.app.state
    current: tuple[asyncio.AbstractEventLoop, anyio.CapacityLimiter] | None = getattr(state, "read_limiter", None)
    if current is None or current[0] is not loop:
        current = (loop, anyio.CapacityLimiter(state.read_threads))
        state.read_limiter = current
    return current[1]


@router.get("/health", tags=["meta"], summary="Liveness and store counts", response_model=dict[str, Any])
async def health(request: Request) -> Response:
    name, ingest = _db(request).name, request.app.state.token is not None  # the file name only: no paths
    return await _read(request, lambda con: {"status": "ok", "db": name, **q.health(con), "ingest_enabled": ingest})


@router.get("/events", tags=["events"], summary="Events (filtered, sorted, cursor-paginated)",
            response_model=dict[str, Any])
async def list_events(
    request: Request, f: Filter,
    sort: Annotated[Literal[q.SORTS], Query(description="sort key; `-` for descending")] = "-date",  # type: ignore[valid-type]
    cursor: Annotated[str | None, Query(max_length=500, description="`next_cursor` of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, description="page size (capped)")] = 50,
) -> Response:
    size = _limit(request, limit)
    return await _read(request, lambda con: q.events_page(con, f, sort=sort, cursor=cursor, limit=size))


@router.get("/events/{event_id}", tags=["events"], response_model=dict[str, Any],
            summary="One event with its evidence, highlight spans and every mention")
async def get_event(request: Request, event_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> Response:
    return await _read(request, lambda con: q.event_detail(con, event_id), not_found=("event", event_id))


@router.get("/map", tags=["events"], summary="Located events as compact points for the dashboard map",
            response_model=dict[str, Any])
async def map_points(request: Request, f: Filter,
                     limit: Annotated[int, Query(ge=1, le=50000)] = 20000) -> Response:
    return await _read(request, lambda con: q.map_points(con, f, limit=limit))


@router.get("/stories", tags=["stories"], response_model=dict[str, Any],
            summary="Stories, largest first (with event filters: stories having a matching event)")
async def list_stories(
    request: Request, f: Filter,
    q_text: Annotated[str | None, Query(alias="q", max_length=200, description="headline text")] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    size = _limit(request, limit)
    return await _read(request, lambda con: q.stories_page(con, q=q_text, limit=size, offset=offset, f=f))


@router.get("/stories/{story_id}", tags=["stories"], summary="One story: digest, articles and events",
            response_model=dict[str, Any])
async def get_story(request: Request, story_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> Response:
    return await _read(request, lambda con: q.story_detail(con, story_id), not_found=("story", story_id))


@router.get("/actors", tags=["aggregates"], summary="Top actors with event counts and mean Goldstein",
            response_model=dict[str, Any])
async def actors(
    request: Request, f: Filter,
    role: Annotated[Literal["source", "target"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
) -> Response:
    size = _limit(request, limit)
    return await _read(request, lambda con: {"items": q.top_actors(con, f, limit=size, role=role)})


@router.get("/network", tags=["aggregates"], summary="Who acts on whom: weighted directed actor edges",
            response_model=dict[str, Any])
async def network(request: Request, f: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 150) -> Response:
    return await _read(request, lambda con: q.network(con, f, limit=limit))


@router.get("/stats", tags=["aggregates"], response_model=dict[str, Any],
            summary="Counts per day, CAMEO root, country, QuadClass, PLOVER type")
async def stats(request: Request, f: Filter) -> Response:
    return await _read(request, lambda con: q.stats(con, f))


_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
          "parquet": "application/vnd.apache.parquet"}


@router.get("/export", tags=["events"], summary="Filtered events as a streamed CSV, JSONL or Parquet download",
            response_class=StreamingResponse)
def export(request: Request, f: Filter, background: BackgroundTasks,
           format: Annotated[Literal["csv", "jsonl", "parquet"], Query()] = "jsonl") -> Any:
    name = f"eventwire-events-{dt.date.today():%Y%m%d}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "parquet":
        with q.read_connection(_db(request)) as con:
            path = q.export_parquet_file(con, f)
        background.add_task(path.unlink, missing_ok=True)
        return FileResponse(path, media_type=_MEDIA[format], headers=headers, background=background)
    # open (and fail with 503 if locked) before the first byte: once streaming starts the status is sent
    stream = q.export_stream(_db(request), f, format)
    first = next(stream, b"")

    def body() -> Iterator[bytes]:
        yield first
        yield from stream

    return StreamingResponse(body(), media_type=_MEDIA[format], headers=headers)


_ARTICLES_BODY = TypeAdapter(list[ArticleIn] | ArticleIn)


@router.post(
    "/articles", tags=["ingest"], status_code=201, response_model=IngestResult,
    dependencies=[Depends(require_token)],
    responses={401: {"model": ErrorBody, "description": "missing or wrong bearer token"},
               403: {"model": ErrorBody, "description": "ingest disabled (no token configured)"},
               413: {"model": ErrorBody, "description": "body or article count over the limit"}},
    summary="Ingest articles (needs `Authorization: Bearer <token>`)",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "anyOf": [ArticleIn.model_json_schema(),
                  {"type": "array", "items": ArticleIn.model_json_schema(), "maxItems": MAX_ARTICLES}]}}}}},
)
async def post_articles(request: Request) -> IngestResult:
    # the body is read here, after the token check, so an anonymous client learns nothing about validation
    raw = await request.body()
    try:
        parsed = _ARTICLES_BODY.validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    return await run_in_threadpool(ingest_articles, request, items)

"""Build the FastAPI app: routes, the one error shape, body-size limit, optional CORS, offline /docs and the
dashboard's static files (served from the installed package; no CDN)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, MutableMapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from .. import __version__
from ..store.api_queries import store_version
from .cache import DEFAULT_MAX_BYTES as DEFAULT_CACHE_BYTES
from .cache import ResponseCache, ResponseCacheMiddleware
from .errors import BodyLimit, install_handlers
from .ingest import PipelineHolder
from .routes import router

DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_PAGE_CAP = 500
DEFAULT_READ_THREADS = 4

DESCRIPTION = """Political events (CAMEO/PLOVER) extracted by eventwire, read from its DuckDB store.

Read endpoints are open. `POST /articles` needs `Authorization: Bearer <token>`.
Errors always look like `{"error": {"code": "...", "message": "...", "detail": ...}}`.
The dashboard is at [/](/)."""


def create_app(
    db: Path,
    token: str | None = None,
    *,
    cors_origins: Sequence[str] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    page_cap: int = DEFAULT_PAGE_CAP,
    pipeline: Any = None,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
    read_threads: int = DEFAULT_READ_THREADS,
) -> FastAPI:
    """The API + dashboard over the store at ``db`` (opened read-only per request).

    ``token`` enables ``POST /articles``; ``cors_origins`` turns CORS on for those origins (off by default);
    ``pipeline`` is the ``eventwire.Pipeline`` used for ingest (built on first use when None);
    ``cache_bytes`` bounds the response cache of the list and aggregate endpoints (0 turns it off);
    ``read_threads`` caps the store reads running at once (the others queue)."""
    stack = contextlib.ExitStack()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stack.close()

    app = FastAPI(title="eventwire", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.db = Path(db)
    app.state.token = token or None
    app.state.page_cap = page_cap
    app.state.pipeline = PipelineHolder(pipeline)
    app.state.read_threads = max(1, read_threads)
    app.state.cache = ResponseCache(max_bytes=cache_bytes) if cache_bytes > 0 else None
    install_handlers(app)
    app.include_router(router)
    web = stack.enter_context(resources.as_file(resources.files("eventwire.web")))
    _mount_dashboard(app, Path(web))
    if app.state.cache is not None:
        # inside CORS and the body limit: a cached answer still gets the per-request CORS headers
        store = Path(db)
        app.add_middleware(ResponseCacheMiddleware, cache=app.state.cache, version=lambda: store_version(store))
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=max_body)
    return app


# The dashboard needs nothing but its own origin; inline styles are Leaflet's (marker positions).
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class _AssetFiles(StaticFiles):
    """Static files minus the package's Python sources (the web folder is also a Python package)."""

    async def get_response(self, path: str, scope: MutableMapping[str, Any]) -> Response:
        if path.endswith((".py", ".pyc")) or "__pycache__" in path:
            raise StarletteHTTPException(404)
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def _mount_dashboard(app: FastAPI, web: Path) -> None:
    app.mount("/static", _AssetFiles(directory=web), name="static")
    index = web / "index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": DASHBOARD_CSP, "X-Content-Type-Options": "nosniff",
                                     "Referrer-Policy": "no-referrer"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(web / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # FastAPI's default page loads Swagger UI from a CDN; these files are vendored in the package.
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the API + dashboard with uvicorn (blocking). Binds 127.0.0.1 unless told otherwise."""
    import uvicorn

    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")

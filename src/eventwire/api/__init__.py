"""REST API and dashboard over the store (FastAPI): ``create_app(db)`` for ASGI servers and tests,
``serve(db)`` to run it with uvicorn (what ``eventwire serve`` calls).

Read endpoints are open; ``POST /articles`` needs ``Authorization: Bearer <token>`` and is disabled when no token
is configured. Every error has the shape ``{"error": {"code", "message", "detail"}}``.
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, DEFAULT_PAGE_CAP, create_app, serve

__all__ = ["DEFAULT_MAX_BODY", "DEFAULT_PAGE_CAP", "create_app", "serve"]

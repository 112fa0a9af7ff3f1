"""A bounded response cache for the read endpoints that many clients ask for with the same parameters (the
dashboard's lists and aggregates): ``GET`` path + normalised query string + store version → the finished
200 response (status, headers, body bytes).

Correctness rests on the store version (``eventwire.store.api_queries.store_version``): it changes whenever a
writer commits, in this process or another, so an entry is only ever served for the store state it was built
from. The version is read *before* the request runs: a response can only be newer than its key, never older.
The whole cache is dropped when the version moves on. Memory is bounded by bytes and by entries (LRU).

A hit is answered here, on the event loop, without routing, validation, a thread or DuckDB. Bodies of 1 KB
and more are also kept gzip-compressed (once, when the entry is made) and sent that way to clients that
accept it: a 2,000-point ``/map`` is 460 KB of JSON and 25 KB compressed.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from .errors import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ENTRIES = 2048
# the read endpoints whose answer depends only on the query string and the store (detail pages are mostly
# one-off reads: they are left out so they do not push the shared lists out of the cache)
CACHED_PATHS = frozenset({"/events", "/stories", "/actors", "/network", "/stats", "/map", "/health"})
CACHE_HEADER = b"x-eventwire-cache"
GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 6
_VARY = (b"vary", b"Accept-Encoding")


@dataclass(frozen=True)
class CachedResponse:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    gzipped: bytes | None = None  # the same body gzip-compressed (large bodies only)

    @property
    def size(self) -> int:
        return (len(self.body) + len(self.gzipped or b"") + sum(len(k) + len(v) for k, v in self.headers)
                + 64)

    def message_start(self, gzip_ok: bool) -> tuple[dict[str, object], bytes]:
        """The ``http.response.start`` message and the body for a client that does (not) accept gzip."""
        if gzip_ok and self.gzipped is not None:
            headers = [(k, v) for k, v in self.headers if k != b"content-length"]
            headers += [(b"content-length", str(len(self.gzipped)).encode()), (b"content-encoding", b"gzip")]
            body = self.gzipped
        else:
            headers, body = list(self.headers), self.body
        return {"type": "http.response.start", "status": self.status,
                "headers": [*headers, _VARY, (CACHE_HEADER, b"hit")]}, body


def accepts_gzip(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether an ``Accept-Encoding`` request header allows gzip (``gzip`` or ``*`` without ``q=0``)."""
    for name, value in headers:
        if name != b"accept-encoding":
            continue
        for part in value.decode("latin-1").lower().split(","):
            token, _, params = part.partition(";")
            if token.strip() in ("gzip", "*"):
                q = params.strip().removeprefix("q=").strip()
                return not q or _qvalue(q) > 0
    return False


def _qvalue(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def compressed(body: bytes, headers: Iterable[tuple[bytes, bytes]]) -> bytes | None:
    """The gzip body worth keeping beside ``body`` (None when small or already encoded)."""
    if len(body) < GZIP_MIN_BYTES or any(k == b"content-encoding" for k, _ in headers):
        return None
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


class ResponseCache:
    """LRU map bounded by total bytes and entry count; entries larger than ``max_bytes // 8`` are not kept."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.max_entry_bytes = max_bytes // 8
        self._items: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self._bytes = 0
        self._version: Hashable = None
        self._lock = threading.Lock()  # the middleware runs on one loop; tests and workers may share a cache
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, version: Hashable, key: Hashable) -> CachedResponse | None:
        with self._lock:
            if version != self._version:
                self._clear()
                self._version = version
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, version: Hashable, key: Hashable, response: CachedResponse) -> bool:
        """Keep ``response`` unless it is too large or built for a version that is no longer current."""
        size = response.size
        with self._lock:
            if version != self._version or size > self.max_entry_bytes:
                return False
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._items[key] = response
            self._bytes += size
            while self._items and (self._bytes > self.max_bytes or len(self._items) > self.max_entries):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size
            return True

    def clear(self) -> None:
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        self._items.clear()
        self._bytes = 0


def cache_key(path: str, query_string: bytes) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Parameter order does not matter; a repeated name keeps its order (the last one wins in FastAPI)."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return path, tuple(sorted(pairs, key=lambda kv: kv[0]))


class ResponseCacheMiddleware:
    """ASGI middleware: serve ``GET`` requests to ``paths`` from ``cache`` for the current ``version()``; on a
    miss, run the app and keep a 200 answer. ``version()`` returns None when the store cannot be stat'ed
    (then nothing is cached).

    Concurrent misses of one key are coalesced: the first request runs the query, the others wait for its
    answer (when many clients open the dashboard at once, one query runs instead of one per client)."""

    def __init__(self, app: ASGIApp, *, cache: ResponseCache, version: Callable[[], Hashable | None],
                 paths: Iterable[str] = CACHED_PATHS) -> None:
        self.app = app
        self.cache = cache
        self.version = version
        self.paths = frozenset(paths)
        self._filling: dict[Hashable, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = cache_key(scope["path"], scope.get("query_string", b""))
        slot = (version, key)
        hit = self.cache.get(version, key)
        while hit is None and slot in self._filling:  # the same query is running for another request
            await self._filling[slot].wait()
            hit = self.cache.get(version, key)
        if hit is not None:
            start, body = hit.message_start(accepts_gzip(scope.get("headers", ())))
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        done = self._filling[slot] = asyncio.Event()
        try:
            await self._fill(scope, receive, send, version, key)
        finally:  # an error answer is not kept: the waiters then run the request themselves
            del self._filling[slot]
            done.set()

    async def _fill(self, scope: Scope, receive: Receive, send: Send, version: Hashable, key: Hashable) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        keep = True
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, keep, size
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
                message = {**message, "headers": [*message.get("headers", []), _VARY, (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                keep = size <= self.cache.max_entry_bytes
                chunks.append(body)
                if keep and not message.get("more_body", False) and start is not None:
                    headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", []))
                    full = b"".join(chunks)
                    self.cache.put(version, key, CachedResponse(start["status"], headers, full,
                                                                compressed(full, headers)))
            await send(message)

        await self.app(scope, receive, capture)


__all__ = ["CACHED_PATHS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_ENTRIES", "CachedResponse", "ResponseCache",
           "ResponseCacheMiddleware", "accepts_gzip", "cache_key", "compressed"]

"""Read queries behind the REST API and the dashboard: keyset pages, event detail with highlight spans, stories,
actors, the actor network, stats, map points and streamed exports.

Every user value goes in as a parameter; the only strings formatted into SQL come from the fixed tables below
(sort keys, column lists), chosen by key, never by user text.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import ConfigError, StoreError, StoreLockedError
from .db import connect, writer_waiting
from .queries import FLAT_EVENT_COLUMNS, EventFilter, _escape_like, _where

# sort key -> (SQL expression with NULLs replaced by a sentinel so keyset comparisons stay total, value type)
SORT_KEYS: dict[str, tuple[str, str]] = {
    "date": ("COALESCE(e.date.\"start\", e.published, DATE '0001-01-01')", "date"),
    "published": ("COALESCE(e.published, DATE '0001-01-01')", "date"),
    "goldstein": ("COALESCE(e.goldstein, -99.0)", "float"),
    "confidence": ("COALESCE(e.confidence, -1.0)", "float"),
    "fatalities": ("COALESCE(e.fatalities, -1)", "int"),
    "articles": ("COALESCE(e.num_articles, 0)", "int"),
}
SORTS = tuple(sorted([*SORT_KEYS, *(f"-{k}" for k in SORT_KEYS)]))
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
STREAM_CHUNK = 2000


@dataclass(frozen=True)
class ApiFilter:
    """The shared ``EventFilter`` plus the dashboard's QuadClass filter."""

    base: EventFilter
    quad: int | None = None


class _SharedReader:
    """One read-only connection per store file, shared by concurrent requests (each gets its own cursor) and
    closed as soon as no request uses it and it has been idle for ``IDLE_SECONDS``, or once it is older than
    ``MAX_AGE_SECONDS`` and idle: a writer process needs the file to itself, so readers hold it only while they
    are busy. A writer that waits for the file (``connect(..., wait=...)``, as ``eventwire run`` does) says so
    with a marker file (``db.writer_waiting``): the reader then closes as soon as its requests are done and
    answers 503 until the writer has the file. Opening a connection per request cost more than most queries,
    and each reopening starts with a cold DuckDB cache (~50 ms for the first detail page)."""

    IDLE_SECONDS = 0.2
    MAX_AGE_SECONDS = 30.0

    def __init__(self, db: Path) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.opened = 0.0
        self.last_used = 0.0
        self.inflight = 0
        self.watcher: threading.Thread | None = None  # closes the connection once idle (one per open connection)

    def acquire(self) -> duckdb.DuckDBPyConnection:
        with self.lock:
            if writer_waiting(self.db):  # ``eventwire run`` waits for the file: let go, answer 503 meanwhile
                if self.inflight == 0:
                    self._close()
                raise StoreLockedError(f"the store {self.db} is about to be written; retry in a moment")
            if self.con is not None and self.inflight == 0 and time.monotonic() - self.opened > self.MAX_AGE_SECONDS:
                self._close()
            if self.con is None:
                try:
                    self.con = connect(self.db, read_only=True)
                except duckdb.ConnectionException as exc:
                    # the same file already open read-write in this process (e.g. a POST /articles in flight)
                    raise StoreLockedError(f"the store {self.db} is being written; retry in a moment",
                                           detail=str(exc)) from exc
                self.opened = time.monotonic()
                if self.watcher is None:
                    self.watcher = threading.Thread(target=self._watch, name="eventwire-reader-idle", daemon=True)
                    self.watcher.start()
            self.inflight += 1
            return self.con.cursor()

    def release(self, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.close()
        with self.lock:
            self.inflight -= 1
            self.last_used = time.monotonic()
            if self.inflight == 0 and self.con is not None and writer_waiting(self.db):
                self._close()

    def _watch(self) -> None:
        """Close the connection once no request has used it for ``IDLE_SECONDS`` (a thread per open
        connection, not a timer per request: starting a thread cost ~0.1 ms of every read)."""
        while True:
            time.sleep(self.IDLE_SECONDS / 2)
            with self.lock:
                if self.con is not None and self.inflight == 0 and \
                        time.monotonic() - self.last_used >= self.IDLE_SECONDS:
                    self._close()
                if self.con is None:
                    self.watcher = None
                    return

    def _close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def close(self) -> None:
        with self.lock:
            self._close()


@functools.lru_cache(maxsize=256)
def _resolved(db: Path | str) -> str:
    """The absolute path of a store file: the key of its shared reader (cached: ``resolve`` walks the path)."""
    return str(Path(db).resolve())


_READERS: dict[str, _SharedReader] = {}
_READERS_LOCK = threading.Lock()


def close_readers() -> None:
    """Close every shared read connection (tests, app shutdown)."""
    with _READERS_LOCK:
        for reader in _READERS.values():
            reader.close()


@contextmanager
def read_connection(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor on the store, released right after the request (see ``_SharedReader``)."""
    key = _resolved(db)
    with _READERS_LOCK:
        reader = _READERS.setdefault(key, _SharedReader(Path(db)))
    cursor = reader.acquire()
    try:
        yield cursor
    finally:
        reader.release(cursor)


# per store file: bumped by every write_connection in this process (a same-process write is then seen even
# within the file system's timestamp granularity)
_GENERATIONS: dict[str, int] = {}


def _file_state(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def store_version(db: Path) -> tuple[int, tuple[int, int, int], tuple[int, int, int] | None] | None:
    """A value that changes whenever a writer commits to the store (None when there is no store file).

    Cheap (two ``stat`` calls, no DuckDB): a commit appends to the write-ahead log (``<db>.wal``) and a
    checkpoint rewrites the file and drops the log, so the (inode, size, mtime) of both changes with every
    commit, whichever process writes. Writes through ``write_connection`` also bump a counter of this process."""
    key = _resolved(db)
    main = _file_state(key)
    if main is None:
        return None
    return _GENERATIONS.get(key, 0), main, _file_state(key + ".wal")


@contextmanager
def write_connection(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    # this process's shared reader must let go of the file first (DuckDB opens a file one way per process)
    with _READERS_LOCK:
        reader = _READERS.get(_resolved(db))
    if reader is not None:
        with reader.lock:
            if reader.inflight:
                raise StoreLockedError(f"the store {db} is busy with reads; retry in a moment")
            reader._close()
    try:
        con = connect(db)
    except duckdb.ConnectionException as exc:
        raise StoreLockedError(f"the store {db} is in use; retry in a moment", detail=str(exc)) from exc
    key = _resolved(db)
    try:
        yield con
    finally:
        con.close()
        with _READERS_LOCK:
            _GENERATIONS[key] = _GENERATIONS.get(key, 0) + 1


def _where_api(f: ApiFilter) -> tuple[str, list[Any]]:
    where, params = _where(f.base)
    if f.quad is not None:
        where = (where + " AND " if where else "WHERE ") + "e.quad_class = ?"
        params = [*params, f.quad]
    return where, params


# --- cursors -------------------------------------------------------------------------------------------------

def encode_cursor(sort: str, value: Any, event_id: str) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps({"s": sort, "v": value, "id": event_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """The (sort value, id) after which the next page starts; ConfigError when forged or from another sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        value, event_id, cur_sort = data["v"], data["id"], data["s"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise ConfigError("invalid cursor: pass the next_cursor of the previous page unchanged") from exc
    if cur_sort != sort or not isinstance(event_id, str):
        raise ConfigError("the cursor belongs to another sort order; restart without a cursor")
    kind = SORT_KEYS[sort.lstrip("-")][1]
    try:
        if kind == "date":
            value = dt.date.fromisoformat(value)
        elif kind == "float":
            value = float(value)
        else:
            value = int(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError("invalid cursor value") from exc
    return value, event_id


def events_page(
    con: duckdb.DuckDBPyConnection, f: ApiFilter, *, sort: str = "-date", cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """One keyset page of flat events plus ``next_cursor`` (None on the last page) and the total count."""
    if sort not in SORTS:
        raise ConfigError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    expr = SORT_KEYS[sort.lstrip("-")][0]
    desc = sort.startswith("-")
    where, params = _where_api(f)
    total = con.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0]
    page_where, page_params = where, list(params)
    if cursor:
        value, last_id = decode_cursor(cursor, sort)
        op = "<" if desc else ">"
        clause = f"({expr} {op} ? OR ({expr} = ? AND e.id {op} ?))"
        page_where = (where + " AND " if where else "WHERE ") + clause
        page_params += [value, value, last_id]
    order = "DESC" if desc else "ASC"
    sql = (f"SELECT {FLAT_EVENT_COLUMNS}, {expr} AS _sort_key FROM events e {page_where} "
           f"ORDER BY _sort_key {order}, e.id {order} LIMIT ?")
    rows = _rows(con, sql, [*page_params, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(sort, rows[-1]["_sort_key"], rows[-1]["id"]) if more and rows else None
    for r in rows:
        del r["_sort_key"]
    return {"total": total, "items": rows, "next_cursor": next_cursor}


# --- one event -----------------------------------------------------------------------------------------------

_SPAN_KINDS = (("source", "source"), ("target", "target"), ("trigger", "trigger"), ("location", "place"))


def highlight_spans(ev: dict[str, Any]) -> list[dict[str, Any]]:
    """Character spans (article offsets) of the coded parts of an event, for highlighting its sentence."""
    spans: list[dict[str, Any]] = []
    for field, kind in _SPAN_KINDS:
        part = ev.get(field)
        if part and part.get("start") is not None and part.get("end") is not None:
            label = part.get("cameo_code") or part.get("name") or part.get("text")
            spans.append({"kind": kind, "start": part["start"], "end": part["end"], "label": label})
    date = ev.get("date_span")
    if date:
        spans.append({"kind": "date", "start": date[0], "end": date[1], "label": date[2]})
    for q in ev.get("quantities") or []:
        if q.get("start") is not None:
            spans.append({"kind": "quantity", "start": q["start"], "end": q["end"], "label": q.get("kind")})
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def _nulls_last(*values: Any) -> tuple[tuple[bool, Any], ...]:
    """A Python sort key that orders like SQL ``ORDER BY v1 NULLS LAST, v2 NULLS LAST, ...`` (ascending)."""
    return tuple((v is None, 0 if v is None else v) for v in values)


def _date_spans(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> dict[str, tuple[int, int, str]]:
    """Event id → the offsets of its date expression (the events table keeps only its text): the ``dates`` row
    of the same article with that text, nearest to the evidence. One query for all the events."""
    wanted = [ev for ev in events if (ev.get("date") or {}).get("text")
              and (ev.get("evidence") or {}).get("start") is not None]
    if not wanted:
        return {}
    articles = sorted({ev["article_id"] for ev in wanted})
    # ``=`` for one article uses the dates_article_id index; ``list_contains`` scans (both are pushed down)
    where, param = ("article_id = ?", articles[0]) if len(articles) == 1 else ("list_contains(?, article_id)",
                                                                                articles)
    rows = con.execute(f'SELECT article_id, text, "start", "end" FROM dates WHERE {where} ORDER BY "start", "end"',
                       [param]).fetchall()
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for article_id, text, start, end in rows:
        found.setdefault((article_id, text), []).append((start, end))
    spans: dict[str, tuple[int, int, str]] = {}
    for ev in wanted:
        date, at = ev["date"], ev["evidence"]["start"]
        candidates = found.get((ev["article_id"], date["text"]))
        if candidates:
            start, end = min(candidates, key=lambda se: abs(se[0] - at))
            spans[ev["id"]] = (start, end, str(date.get("start")))
    return spans


def _with_highlight(ev: dict[str, Any], text: str | None, date_span: tuple[int, int, str] | None) -> dict[str, Any]:
    evidence = ev.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    ev["date_span"] = date_span
    spans = highlight_spans(ev)
    ev.pop("date_span")
    if text is not None and start is not None and end is not None and 0 <= start <= end <= len(text):
        snippet = text[start:end]
    else:  # no article text: the stored sentence, with offsets that may not line up, is the best we have
        snippet, start = ev.get("sentence") or "", (start or 0)
    inside = [s for s in spans if start <= s["start"] and s["end"] <= start + len(snippet)]
    ev["highlight"] = {"text": snippet, "offset": start, "spans": inside}
    return ev


# Point reads are split into single-column filters: DuckDB pushes ``col = ?`` and ``list_contains(?, col)``
# down into the scan (zone maps, no STRUCT decoding of the other rows) but not a disjunction of them, which
# read every column of every row (30 ms for one story at 100k events).

def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Rows as dicts through ``execute`` (the relation API binds every statement twice: ~0.3 ms a query)."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _span_text(text: str | None, start: int | None, end: int | None) -> str | None:
    if text is None or start is None or end is None:
        return None
    start = max(start, 0)
    return text[start:max(end, start)]


_ARTICLE_REF_COLUMNS = "id, external_id, title, published, source, url, story_id"


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(con, "SELECT e.* FROM events e WHERE e.id = ?", [event_id])
    if not rows:
        return None
    ev = rows[0]
    articles = {a["id"]: a for a in _rows(con, f"SELECT {_ARTICLE_REF_COLUMNS}, text FROM articles WHERE id = ?",
                                          [ev["article_id"]])}
    art = articles.get(ev["article_id"])
    _with_highlight(ev, art["text"] if art else None, _date_spans(con, [ev]).get(ev["id"]))
    ev["article"] = {k: v for k, v in art.items() if k != "text"} if art else None
    # every mention of this event: the writer lists the mentions of the events merged into it under its id
    # too (a merged event keeps its own row, so reading theirs as well listed those mentions twice)
    mentions = _rows(con, "SELECT DISTINCT ON (article_id, evidence_start, evidence_end) article_id, "
                          "evidence_start, evidence_end, outlet FROM event_mentions WHERE event_id = ?", [event_id])
    others = sorted({m["article_id"] for m in mentions} - articles.keys())
    if others:
        articles.update((a["id"], a) for a in _rows(
            con, f"SELECT {_ARTICLE_REF_COLUMNS}, text FROM articles WHERE list_contains(?, id)", [others]))
    for m in mentions:
        a = articles.get(m["article_id"]) or {}
        m.update(title=a.get("title"), published=a.get("published"), url=a.get("url"),
                 external_id=a.get("external_id"), text=_span_text(a.get("text"), m["evidence_start"],
                                                                    m["evidence_end"]))
    ev["mentions"] = sorted(mentions, key=lambda m: _nulls_last(m["published"], m["outlet"], m["article_id"]))
    return ev


# --- stories -------------------------------------------------------------------------------------------------

def stories_page(con: duckdb.DuckDBPyConnection, *, q: str | None = None, limit: int = 50,
                 offset: int = 0, f: ApiFilter | None = None) -> dict[str, Any]:
    """Stories, largest first; with an event filter, only stories with at least one matching event."""
    clauses: list[str] = []
    params: list[Any] = []
    if q:
        clauses.append("lower(headline) LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(q.lower())}%")
    if f is not None and f != ApiFilter(base=EventFilter()):
        ev_where, ev_params = _where_api(f)
        clauses.append(f"(id IN (SELECT e.story_id FROM events e {ev_where}) OR EXISTS (SELECT 1 FROM events e "
                       f"{ev_where} {'AND' if ev_where else 'WHERE'} list_contains(s.event_ids, e.id)))")
        params += [*ev_params, *ev_params]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = con.execute(f"SELECT count(*) FROM stories s {where}", params).fetchall()[0][0]
    # pick the page first, then count its events with one grouped join (a per-story subquery over all
    # events before LIMIT took seconds on a 100k-event store)
    rows = _rows(
        con,
        "WITH page AS (SELECT id, headline, num_articles, num_sources, first_seen, last_seen, event_ids "
        f"FROM stories s {where} ORDER BY num_articles DESC, last_seen DESC NULLS LAST, id LIMIT ? OFFSET ?), "
        "listed AS (SELECT p.id AS sid, u.eid FROM page p, unnest(p.event_ids) AS u(eid)), "
        "ids AS (SELECT p.id AS sid, e.id AS eid FROM page p JOIN events e ON e.story_id = p.id "
        "        WHERE e.merged_into IS NULL "
        "        UNION SELECT l.sid, e.id FROM listed l JOIN events e ON e.id = l.eid WHERE e.merged_into IS NULL) "
        "SELECT p.id, p.headline, p.num_articles, p.num_sources, p.first_seen, p.last_seen, "
        "count(ids.eid) AS num_events FROM page p LEFT JOIN ids ON ids.sid = p.id "
        "GROUP BY ALL ORDER BY p.num_articles DESC, p.last_seen DESC NULLS LAST, p.id",
        [*params, limit, offset],
    )
    return {"total": total, "items": rows}


_STORY_ARTICLE_COLUMNS = "id, external_id, title, published, source, url, duplicate_of, n_events, text"


def story_detail(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    rows = _rows(con, "SELECT * FROM stories WHERE id = ?", [story_id])
    if not rows:
        return None
    story = rows[0]
    story["digest"] = json.loads(story["digest"]) if isinstance(story["digest"], str) else story["digest"]
    ids = list(story.get("article_ids") or [])
    # members by story_id, plus the listed ids (content hashes or external ids)
    found = {a["id"]: a for a in _rows(
        con, f"SELECT {_STORY_ARTICLE_COLUMNS} FROM articles WHERE story_id = ?", [story_id])}
    known = found.keys() | {a["external_id"] for a in found.values()}
    if any(i not in known for i in ids):  # usually every listed article also has the story's id
        for column in ("id", "external_id"):
            for a in _rows(con, f"SELECT {_STORY_ARTICLE_COLUMNS} FROM articles WHERE list_contains(?, {column})",
                           [ids]):
                found.setdefault(a["id"], a)
    articles = sorted(found.values(), key=lambda a: _nulls_last(a["published"], a["source"], a["id"]))
    texts = {a["id"]: a.pop("text") for a in articles}
    events = {e["id"]: e for e in _rows(
        con, "SELECT e.* FROM events e WHERE e.story_id = ? AND e.merged_into IS NULL", [story_id])}
    listed = [i for i in story.get("event_ids") or [] if i not in events]
    if listed:
        for e in _rows(con, "SELECT e.* FROM events e WHERE list_contains(?, e.id) AND e.merged_into IS NULL",
                       [listed]):
            events.setdefault(e["id"], e)
    ordered = sorted(events.values(), key=lambda e: _nulls_last((e.get("date") or {}).get("start"), e["id"]))
    missing = sorted({e["article_id"] for e in ordered} - texts.keys())
    if missing and not texts:
        texts = {a["id"]: a["text"] for a in _rows(
            con, "SELECT id, text FROM articles WHERE list_contains(?, id)", [missing])}
    spans = _date_spans(con, ordered)
    story["articles"] = articles
    story["events"] = [_with_highlight(ev, texts.get(ev["article_id"]), spans.get(ev["id"])) for ev in ordered]
    return story


# --- aggregates ----------------------------------------------------------------------------------------------

def top_actors(con: duckdb.DuckDBPyConnection, f: ApiFilter, *, limit: int = 50,
               role: str | None = None) -> list[dict[str, Any]]:
    where, params = _where_api(f)
    roles = {"source": ["source"], "target": ["target"], None: ["source", "target"]}[role]
    parts = [
        f"SELECT COALESCE(e.{r}.cameo_code, e.{r}.name) AS actor, e.{r}.name AS name, "
        f"e.{r}.cameo_code AS cameo_code, e.{r}.country AS country, e.{r}.kind AS kind, "
        f"'{r}' AS role, e.goldstein AS goldstein FROM events e {where} "
        f"{'AND' if where else 'WHERE'} e.{r} IS NOT NULL"
        for r in roles
    ]
    sql = (
        "SELECT actor, mode(name) AS name, any_value(cameo_code) AS cameo_code, mode(country) AS country, "
        "mode(kind) AS kind, count(*) AS events, count(*) FILTER (WHERE role = 'source') AS as_source, "
        "count(*) FILTER (WHERE role = 'target') AS as_target, round(avg(goldstein), 2) AS mean_goldstein "
        f"FROM ({' UNION ALL '.join(parts)}) WHERE actor IS NOT NULL GROUP BY actor "
        "ORDER BY events DESC, actor LIMIT ?"
    )
    return _rows(con, sql, [*params * len(roles), limit])


def network(con: duckdb.DuckDBPyConnection, f: ApiFilter, *, limit: int = 150) -> dict[str, Any]:
    """Directed source→target edges weighted by event count and mean Goldstein, plus their nodes."""
    where, params = _where_api(f)
    extra = "AND" if where else "WHERE"
    edges = _rows(
        con,
        "SELECT COALESCE(e.source.cameo_code, e.source.name) AS source, "
        "COALESCE(e.target.cameo_code, e.target.name) AS target, count(*) AS events, "
        "round(avg(e.goldstein), 2) AS mean_goldstein, round(sum(e.goldstein), 2) AS sum_goldstein "
        f"FROM events e {where} {extra} e.source IS NOT NULL AND e.target IS NOT NULL "
        "GROUP BY 1, 2 HAVING source IS NOT NULL AND target IS NOT NULL "
        "ORDER BY events DESC, source, target LIMIT ?",
        [*params, limit],
    )
    keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = []
    if keys:
        nodes = _rows(
            con,
            "SELECT actor AS id, mode(name) AS name, mode(country) AS country, count(*) AS events FROM ("
            "SELECT COALESCE(e.source.cameo_code, e.source.name) AS actor, e.source.name AS name, "
            f"e.source.country AS country FROM events e {where} "
            "UNION ALL SELECT COALESCE(e.target.cameo_code, e.target.name), e.target.name, e.target.country "
            f"FROM events e {where}) WHERE actor IN (SELECT unnest(?)) GROUP BY actor ORDER BY actor",
            [*params, *params, keys],
        )
    return {"nodes": nodes, "edges": edges}


def stats(con: duckdb.DuckDBPyConnection, f: ApiFilter) -> dict[str, Any]:
    where, params = _where_api(f)
    day = 'COALESCE(e.date."start", e.published)'

    def grouped(key: str, extra: str = "", order: str = "n DESC, key") -> list[dict[str, Any]]:
        return _rows(con, f"SELECT {key} AS key{extra}, count(*) AS n FROM events e {where} GROUP BY 1 "
                          f"HAVING key IS NOT NULL ORDER BY {order}", params)

    total = con.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0]
    return {
        "total": total,
        "per_day": grouped(day, ", count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict", "key"),
        "per_root": grouped("e.cameo_root", ", any_value(e.cameo_name) AS name"),
        "per_country": grouped("e.location.country"),
        "per_quad_class": grouped("e.quad_class", order="key"),
        "per_plover": grouped("e.plover_type"),
        "per_status": grouped("e.status"),
    }


def map_points(con: duckdb.DuckDBPyConnection, f: ApiFilter, *, limit: int = 20000) -> dict[str, Any]:
    """Compact rows for the map: only located events."""
    where, params = _where_api(f)
    extra = "AND" if where else "WHERE"
    sql = (
        "SELECT e.id, e.location.lat AS lat, e.location.lon AS lon, e.quad_class, e.cameo_code, e.cameo_name, "
        'COALESCE(e.date."start", e.published) AS date, e.source.name AS source_name, '
        "e.target.name AS target_name, e.location.name AS place, e.story_id, e.goldstein "
        f"FROM events e {where} {extra} e.location.lat IS NOT NULL AND e.location.lon IS NOT NULL "
        'ORDER BY COALESCE(e.date."start", e.published) DESC NULLS LAST, e.id LIMIT ?'
    )
    rows = _rows(con, sql, [*params, limit + 1])
    return {"truncated": len(rows) > limit, "items": rows[:limit]}


def health(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0]
              for t in ("articles", "events", "stories", "failures")}
    version = con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
    return {"counts": counts, "schema_version": version}


# --- exports -------------------------------------------------------------------------------------------------

def export_stream(db: Path, f: ApiFilter, fmt: str) -> Iterator[bytes]:
    """Stream the filtered events as CSV (flat) or JSONL (nested) in chunks; the connection lives as long as
    the stream. Parquet cannot be streamed row by row: see ``export_parquet_file``."""
    if fmt not in ("csv", "jsonl"):
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    where, params = _where_api(f)
    cols = FLAT_EVENT_COLUMNS if fmt == "csv" else "e.*"
    sql = f'SELECT {cols} FROM events e {where} ORDER BY e.date."start" NULLS LAST, e.id'
    with read_connection(db) as con:
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        if fmt == "csv":
            yield _csv_line(names)
        while batch := cur.fetchmany(STREAM_CHUNK):
            if fmt == "csv":
                yield b"".join(_csv_line(row) for row in batch)
            else:
                yield b"".join(
                    (json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=_default)
                     + "\n").encode()
                    for row in batch
                )


def export_parquet_file(con: duckdb.DuckDBPyConnection, f: ApiFilter) -> Path:
    """Write the filtered, nested events to a temporary Parquet file (the caller streams and deletes it)."""
    where, params = _where_api(f)
    fd, name = tempfile.mkstemp(prefix="eventwire-export-", suffix=".parquet")
    os.close(fd)
    try:
        con.sql(f'SELECT e.* FROM events e {where} ORDER BY e.date."start" NULLS LAST, e.id',
                params=params).write_parquet(name)
    except duckdb.Error as exc:
        Path(name).unlink(missing_ok=True)
        raise StoreError(f"parquet export failed: {exc}") from exc
    return Path(name)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _csv_line(values: Any) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        ["" if v is None else (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for v in values]
    )
    return buf.getvalue().encode()

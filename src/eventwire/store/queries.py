"""Read queries over the store. Every value from a user goes in as a parameter, never into the SQL text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

# Flat columns for tables, CSV and the API list view (nested STRUCTs stay in Parquet/JSONL).
FLAT_EVENT_COLUMNS = """
    e.id, e.date."start" AS date_start, e.date."end" AS date_end, e.date.precision AS date_precision,
    e.source.cameo_code AS source_code, e.source.name AS source_name, e.source.country AS source_country,
    e.cameo_code, e.cameo_name, e.plover_type, e.plover_mode,
    e.target.cameo_code AS target_code, e.target.name AS target_name, e.target.country AS target_country,
    e.status, e.goldstein, e.quad_class, e.location.name AS location_name, e.location.lat AS lat,
    e.location.lon AS lon, e.location.country AS location_country, e.fatalities, e.num_articles, e.num_sources,
    e.confidence, e.story_id, e.article_id, e.outlet, e.published, e.sentence, e.method
"""


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # text in a name or a CAMEO actor code prefix (e.g. "RUS", "USAMIL", "Putin")
    country: str | None = None  # ISO3 of source, target or location
    cameo: str | None = None  # code prefix: "19" (root) or "195"
    plover: str | None = None
    status: str | None = None
    method: str | None = None  # pattern|fallback
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    story: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_merged: bool = False


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not f.include_merged:
        clauses.append("e.merged_into IS NULL")
    if f.actor:
        # the user's text is matched literally: LIKE wildcards in it are escaped, not interpreted
        like = f"%{_escape_like(f.actor.lower())}%"
        clauses.append(
            "(lower(e.source.name) LIKE ? ESCAPE '\\' OR lower(e.target.name) LIKE ? ESCAPE '\\' "
            "OR lower(e.source.text) LIKE ? ESCAPE '\\' OR lower(e.target.text) LIKE ? ESCAPE '\\' "
            "OR e.source.cameo_code LIKE ? ESCAPE '\\' OR e.target.cameo_code LIKE ? ESCAPE '\\')"
        )
        code = f"{_escape_like(f.actor.upper())}%"
        params += [like, like, like, like, code, code]
    if f.country:
        c = f.country.upper()
        clauses.append("(e.source.country = ? OR e.target.country = ? OR e.location.country = ?)")
        params += [c, c, c]
    if f.cameo:
        clauses.append("e.cameo_code LIKE ? ESCAPE '\\'")
        params.append(f"{_escape_like(f.cameo)}%")
    if f.plover:
        clauses.append("e.plover_type = ?")
        params.append(f.plover.upper())
    if f.status:
        clauses.append("e.status = ?")
        params.append(f.status)
    if f.method:
        clauses.append("e.method = ?")
        params.append(f.method)
    if f.date_from:
        clauses.append('e.date."end" >= ?')
        params.append(f.date_from)
    if f.date_to:
        clauses.append('e.date."start" <= ?')
        params.append(f.date_to)
    if f.story:
        clauses.append("e.story_id = ?")
        params.append(f.story)
    if f.bbox:
        clauses.append("e.location.lon BETWEEN ? AND ? AND e.location.lat BETWEEN ? AND ?")
        params += [f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def events_relation(
    con: duckdb.DuckDBPyConnection, f: EventFilter, *, flat: bool = True, limit: int | None = None,
    offset: int = 0,
) -> duckdb.DuckDBPyRelation:
    where, params = _where(f)
    cols = FLAT_EVENT_COLUMNS if flat else "e.*"
    sql = f'SELECT {cols} FROM events e {where} ORDER BY e.date."start" NULLS LAST, e.id'
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return con.sql(sql, params=params)


def events(con: duckdb.DuckDBPyConnection, f: EventFilter | None = None, *, flat: bool = True,
           limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    rel = events_relation(con, f or EventFilter(), flat=flat, limit=limit, offset=offset)
    return _dicts(rel)


def failures(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT origin, code, message, stage, article_id, created_at FROM failures ORDER BY created_at, origin"
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return _dicts(con.sql(sql, params=params))


def stories(con: duckdb.DuckDBPyConnection, story_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM stories"
    params: list[Any] = []
    if story_id:
        sql += " WHERE id = ?"
        params.append(story_id)
    return _dicts(con.sql(sql + " ORDER BY num_articles DESC, first_seen, id", params=params))


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    counts = {
        t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0]
        for t in ("articles", "sentences", "actors", "places", "events", "failures", "stories")
    }
    top_roots = con.sql(
        "SELECT cameo_root, count(*) AS n FROM events "
        "WHERE merged_into IS NULL AND status = 'factual' GROUP BY cameo_root ORDER BY n DESC, cameo_root LIMIT 10"
    ).fetchall()
    top_dyads = con.sql(
        "SELECT source.cameo_code AS s, target.cameo_code AS t, count(*) AS n FROM events "
        "WHERE merged_into IS NULL AND status = 'factual' GROUP BY s, t ORDER BY n DESC, s, t LIMIT 10"
    ).fetchall()
    return {"counts": counts, "top_roots": top_roots, "top_dyads": top_dyads}


def _dicts(rel: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    names = rel.columns
    return [dict(zip(names, row, strict=True)) for row in rel.fetchall()]

"""Exports of the events table: Parquet (nested, as CONTRACT.md), CSV (flat), JSONL (nested),
GDELT 2.0-style event TSV and PLOVER/POLECAT-style JSONL."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb

from ..errors import ConfigError
from .queries import EventFilter, _dicts, events_relation

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "plover")

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]
_GEO_TYPE = {"country": 1, "admin": 2, "city": 4, "region": 5, "water": 5}


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, f: EventFilter | None = None) -> int:
    """Write the (canonical, non-merged) events to ``out``; returns the number of rows written."""
    f = f or EventFilter()
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        rel = events_relation(con, f, flat=False)
        rel.write_parquet(str(out))
        return len(rel)
    if fmt == "csv":
        rel = events_relation(con, f, flat=True)
        rel.write_csv(str(out), header=True)
        return len(rel)
    if fmt == "jsonl":
        rows = _dicts(events_relation(con, f, flat=False))
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=_default) + "\n")
        return len(rows)
    if fmt == "gdelt":
        rows = _dicts(events_relation(con, f, flat=False))
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(GDELT_COLUMNS)
            for r in rows:
                w.writerow(gdelt_row(r))
        return len(rows)
    if fmt == "plover":
        rows = _dicts(events_relation(con, f, flat=False))
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                if r["plover_type"]:
                    fh.write(json.dumps(plover_row(r), ensure_ascii=False, default=_default) + "\n")
        return sum(1 for r in rows if r["plover_type"])
    raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _actor_cols(a: dict[str, Any] | None) -> list[Any]:
    if not a:
        return ["", "", "", ""]
    sectors = a.get("sectors") or []
    return [a.get("cameo_code") or "", (a.get("name") or "").upper(), a.get("country") or "",
            sectors[0] if sectors else ""]


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    date = (r.get("date") or {}).get("start") or r.get("published")
    loc = r.get("location") or {}
    code = r["cameo_code"] or ""
    return [
        r["id"], date.strftime("%Y%m%d") if date else "", *_actor_cols(r.get("source")),
        *_actor_cols(r.get("target")), 1, code, code[:3], r["cameo_root"], r["quad_class"], r["goldstein"],
        r["num_articles"], r["num_sources"], r["num_articles"], _GEO_TYPE.get(loc.get("feature") or "", 0),
        loc.get("name") or "", loc.get("country") or "", loc.get("lat") or "", loc.get("lon") or "",
        loc.get("geonameid") or "", (r.get("published") or dt.date.today()).strftime("%Y%m%d"),
        r.get("outlet") or "",
    ]


def plover_row(r: dict[str, Any]) -> dict[str, Any]:
    def actor(a: dict[str, Any] | None) -> dict[str, Any] | None:
        if not a:
            return None
        pa = a.get("plover_actor") or {}
        return {"text": a.get("text"), "name": a.get("name"), "country": pa.get("country"),
                "primary": pa.get("primary"), "secondary": pa.get("secondary")}

    date = r.get("date") or {}
    return {
        "event_id": r["id"], "event_type": r["plover_type"], "mode": r["plover_mode"],
        "event_date": date.get("start"), "date_precision": date.get("precision"),
        "actor": actor(r.get("source")), "recipient": actor(r.get("target")),
        "location": r.get("location"), "status": r["status"], "fatalities": r.get("fatalities"),
        "event_text": r["sentence"], "story_id": r.get("story_id"), "num_articles": r["num_articles"],
        "num_sources": r["num_sources"], "cameo_code": r["cameo_code"],
    }

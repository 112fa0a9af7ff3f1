"""Query parameters shared by the event endpoints, validated into an ``ApiFilter`` (clear 4xx on bad input)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from fastapi import Query

from ..store.api_queries import ApiFilter
from ..store.queries import EventFilter
from .errors import ApiError

Status = Literal["factual", "hypothetical", "negated", "future", "reported"]
Method = Literal["pattern", "fallback"]


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees."""
    if raw is None or raw == "":
        return None
    parts = raw.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ApiError(422, "validation_error", "invalid bbox: expected min_lon,min_lat,max_lon,max_lat",
                       {"bbox": raw})
    x0, y0, x1, y1 = values
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ApiError(422, "validation_error",
                       "invalid bbox: need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90",
                       {"bbox": raw})
    return x0, y0, x1, y1


async def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="actor name text or CAMEO actor code "
                                                                  "prefix (e.g. `RUS`, `USAMIL`, `Putin`)")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                         description="ISO3 of source, target or location")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$",
                                       description="CAMEO event code prefix: root `19` or code `195`")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root code (alias of a "
                                                                      "two-digit `cameo`)")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER event type, "
                                                                                  "e.g. `ASSAULT`")] = None,
    status: Annotated[Status | None, Query(description="factual|hypothetical|negated|future|reported")] = None,
    method: Annotated[Method | None, Query(description="pattern|fallback: coded by a trigger pattern or by "
                                                        "the fallback classifier")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="first day (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="last day (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(max_length=120, description="min_lon,min_lat,max_lon,max_lat")] = None,
    story: Annotated[str | None, Query(max_length=100, description="story id")] = None,
) -> ApiFilter:
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, "validation_error", "invalid date range: from is after to",
                       {"from": date_from.isoformat(), "to": date_to.isoformat()})
    if cameo and root and not cameo.startswith(root):
        raise ApiError(422, "validation_error", "invalid cameo: it does not start with root",
                       {"cameo": cameo, "root": root})
    base = EventFilter(
        actor=actor.strip() or None if actor else None, country=country, cameo=cameo or root,
        plover=plover, status=status, method=method, date_from=date_from, date_to=date_to, story=story or None,
        bbox=parse_bbox(bbox),
    )
    return ApiFilter(base=base, quad=quad)

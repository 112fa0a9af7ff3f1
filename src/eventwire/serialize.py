"""Records → plain JSON-ready dicts in the shape of CONTRACT.md (also the store's column shape)."""

from __future__ import annotations

from typing import Any

from .records import ActorRef, Analysis, DateRef, Event, Place, Quantity, to_dict


def actor_record(a: ActorRef | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "text": a.text,
        "start": a.start,
        "end": a.end,
        "name": a.name,
        "aliases": list(a.aliases),
        "country": a.country,
        "sectors": list(a.sectors),
        "cameo_code": a.cameo_code,
        "plover_actor": {
            "country": a.plover_actor.country,
            "primary": a.plover_actor.primary,
            "secondary": a.plover_actor.secondary,
        },
        "kind": a.kind,
        "confidence": a.confidence,
    }


def place_record(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "geonameid": p.geonameid,
        "feature": p.feature,
        "confidence": p.confidence,
    }


def date_record(d: DateRef | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"start": d.date_start, "end": d.date_end, "precision": d.precision, "text": d.text}


def quantity_record(q: Quantity) -> dict[str, Any]:
    return {"value": q.value, "unit": q.unit, "kind": q.kind, "text": q.text, "start": q.start, "end": q.end}


def event_record(e: Event, *, iso: bool = False) -> dict[str, Any]:
    """One event as CONTRACT.md describes it. ``iso=True`` turns dates into strings (for JSON)."""
    rec: dict[str, Any] = {
        "id": e.id,
        "article_id": e.article_id,
        "story_id": e.story_id,
        "sentence": e.sentence,
        "sentence_index": e.sentence_index,
        "evidence": {"start": e.evidence.start, "end": e.evidence.end},
        "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": e.trigger.text},
        "source": actor_record(e.source),
        "target": actor_record(e.target),
        "cameo_code": e.cameo_code,
        "cameo_root": e.cameo_root,
        "cameo_name": e.cameo_name,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "plover_type": e.plover_type,
        "plover_mode": e.plover_mode,
        "status": e.status,
        "location": place_record(e.location),
        "location_precision": e.location_precision,
        "date": date_record(e.date),
        "fatalities": e.fatalities,
        "quantities": [quantity_record(q) for q in e.quantities],
        "confidence": e.confidence,
        "method": e.method,
        "num_articles": e.num_articles,
        "num_sources": e.num_sources,
    }
    return to_dict(rec) if iso else rec


def analysis_record(a: Analysis) -> dict[str, Any]:
    """The ``eventwire extract`` JSON object."""
    art = a.article
    return {
        "article": to_dict(
            {
                "id": art.id,
                "external_id": art.external_id,
                "title": art.title,
                "published": art.published,
                "source": art.source,
                "url": art.url,
                "chars": len(art.text),
                "sentences": len(a.sentences),
            }
        ),
        "events": [event_record(e, iso=True) for e in a.events],
        "actors": to_dict(list(a.actors)),
        "places": to_dict(list(a.places)),
        "dates": to_dict(list(a.dates)),
        "quantities": to_dict(list(a.quantities)),
    }

"""Geoparsing scorers: toponym recognition + resolution (``evaluate_geo``) and event location
(``evaluate_event_location``) against the JSONL gold sets described in shared/data/geo/SOURCE.md.

Span matching is by *overlap*: a gold place counts as found when a predicted span overlaps it, and a predicted
span is correct when it overlaps a gold place. Predicted spans that overlap only an ``unresolved`` gold mention
(a toponym without coordinates) are left out of precision, as in the reference scorer. acc@161km, mean and
median error are computed over the matched gold places.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..records import Analysis, Article, Place
from .gold import read_jsonl

BATCH = 64


class GeoPipeline:
    """NLP + actors (when the actor stage is available) + Geoparser, batch by batch."""

    def __init__(self, outlet_prior: bool | None = None) -> None:
        from ..geo import Geoparser
        from ..nlp import NLP

        self.stages: list[Any] = [NLP()]
        self.with_actors = False
        try:
            from ..actors import ActorResolver

            self.stages.append(ActorResolver())
            self.with_actors = True
        except ImportError:
            self.with_actors = False  # the actor stage is optional here: geo then runs without actor context
        self.stages.append(Geoparser(outlet_prior=outlet_prior))

    def run(self, texts: list[tuple[str, str]] | list[Article]) -> Iterator[Analysis]:
        """Analyse ``(id, text)`` pairs or whole articles (with the ``url``/``source`` a feed would carry)."""
        articles = [t if isinstance(t, Article) else Article(id=t[0], text=t[1]) for t in texts]
        for i in range(0, len(articles), BATCH):
            items: list[Analysis] = [Analysis(article=a) for a in articles[i : i + BATCH]]
            for stage in self.stages:
                items = list(stage.pipe(items))
            yield from items


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ..geo import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def _score_article(gold: dict[str, Any], places: tuple[Place, ...], acc: dict[str, Any]) -> None:
    golds = gold.get("places", [])
    unresolved = gold.get("unresolved", [])
    for p in places:
        if any(_overlaps(p.start, p.end, g["start"], g["end"]) for g in golds):
            acc["tp_pred"] += 1
        elif not any(_overlaps(p.start, p.end, u["start"], u["end"]) for u in unresolved):
            acc["fp"] += 1
            acc["fp_names"][p.text] += 1
    for g in golds:
        hits = [p for p in places if _overlaps(p.start, p.end, g["start"], g["end"])]
        if not hits:
            acc["fn_names"][g["name"]] += 1
            continue
        acc["tp_gold"] += 1
        p = max(hits, key=lambda h: min(h.end, g["end"]) - max(h.start, g["start"]))
        if p.lat is not None and p.lon is not None and g.get("lat") is not None:
            km = _haversine(p.lat, p.lon, g["lat"], g["lon"])
            acc["errors"].append(km)
            if km > 161:
                acc["far_names"][f"{g['name']}→{p.name}/{p.country}"] += 1


def evaluate_geo(gold_path: Path, limit: int | None = None, pipeline: GeoPipeline | None = None,
                 outlet_prior: bool | None = None) -> dict[str, Any]:
    """Toponym precision/recall/F1 (overlap match) and resolution error over matched places. ``outlet_prior``:
    the geoparser's outlet home-region prior (None: the setting ``geo_outlet_prior``, off by default)."""
    rows = read_jsonl(gold_path, limit)
    pipe = pipeline or GeoPipeline(outlet_prior=outlet_prior)
    acc: dict[str, Any] = {"tp_pred": 0, "fp": 0, "tp_gold": 0, "errors": [], "fp_names": Counter(),
                           "fn_names": Counter(), "far_names": Counter()}
    # The outlet (URL, domain) is input a news feed carries too: the geoparser learns each outlet's home region
    # from its articles (geo/outlet.py). No gold place goes in.
    articles = [Article(id=r["id"], text=r["text"], url=r.get("url"), source=r.get("domain"))
                for r in rows]
    for gold, analysis in zip(rows, pipe.run(articles), strict=True):
        _score_article(gold, analysis.places, acc)
    n_gold = sum(len(r.get("places", [])) for r in rows)
    n_pred = acc["tp_pred"] + acc["fp"]
    precision = acc["tp_pred"] / n_pred if n_pred else 0.0
    recall = acc["tp_gold"] / n_gold if n_gold else 0.0
    errors: list[float] = acc["errors"]
    return {
        "match": "overlap",
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "acc_161km": round(sum(e <= 161 for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_resolved_scored": len(errors),
        "articles": len(rows),
        "with_actors": pipe.with_actors,
        "top_false_positives": acc["fp_names"].most_common(15),
        "top_missed": acc["fn_names"].most_common(15),
        "top_far": acc["far_names"].most_common(15),
    }


ERROR_CLASSES = ("false_location", "missed_recognised", "missed_unrecognised", "wrong_recognised",
                 "wrong_unrecognised")


def _error_class(analysis: Analysis, place: Place | None, golds: list[dict[str, Any]]) -> str:
    """Why an event-location prediction is wrong: a place where the gold has none, no place although the gold
    has one, or another place; "recognised" when the geoparser found a place overlapping a gold span."""
    if not golds:
        return "false_location"
    found = any(_overlaps(p.start, p.end, g["start"], g["end"]) for p in analysis.places for g in golds)
    return ("missed_" if place is None else "wrong_") + ("recognised" if found else "unrecognised")


def _event_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop research-assistant records that a maintainer re-annotation supersedes."""
    return [r for r in rows if not r.get("superseded_by_relabel")]


def evaluate_event_location(gold_path: Path, limit: int | None = None,
                            pipeline: GeoPipeline | None = None) -> dict[str, Any]:
    """Accuracy of ``locate_event``: correct when the predicted place overlaps a gold location span, or when
    both gold and prediction are empty. Also reports the "attached-only" variant (sentence/article fallbacks
    counted as no location), which fits sentence-level gold where 40% of events have no location."""
    from ..geo import locate_event

    rows = _event_records(read_jsonl(gold_path, limit))
    pipe = pipeline or GeoPipeline()
    texts = list({r["text"]: None for r in rows})
    analyses = dict(zip(texts, pipe.run([(str(i), t) for i, t in enumerate(texts)]), strict=True))
    counts: Counter[str] = Counter()
    for r in rows:
        a = analyses[r["text"]]
        trig = r["event_trigger"]
        sent = next((s.index for s in a.sentences if s.start <= trig["start"] < s.end), 0)
        place, precision = locate_event(a, trig["start"], trig["end"], sent)
        golds = r.get("event_locations") or []
        has_gold = bool(golds)
        hit = place is not None and any(_overlaps(place.start, place.end, g["start"], g["end"]) for g in golds)
        full_ok = hit if has_gold else place is None
        attached = place if precision == "attached" else None
        att_ok = (attached is not None and hit) if has_gold else attached is None
        counts["n"] += 1
        counts["with_location"] += has_gold
        counts["correct"] += full_ok
        counts["correct_attached_only"] += att_ok
        counts["located_correct"] += has_gold and hit
        counts[f"pred_{precision}"] += 1
        counts[f"pred_{precision}_correct"] += has_gold and hit
        if not full_ok:
            counts[_error_class(a, place, golds)] += 1
    n, wl = counts["n"] or 1, counts["with_location"] or 1
    return {
        "accuracy": round(counts["correct"] / n, 4),
        "accuracy_attached_only": round(counts["correct_attached_only"] / n, 4),
        "recall_located": round(counts["located_correct"] / wl, 4),
        "n": counts["n"],
        "n_with_location": counts["with_location"],
        "by_precision": {k: v for k, v in sorted(counts.items()) if k.startswith("pred_")},
        **{f"err_{k}": counts[k] for k in ERROR_CLASSES},
        "with_actors": pipe.with_actors,
        "match": "overlap",
    }

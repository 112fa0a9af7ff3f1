"""Choose the fallback classifier's threshold on the dev gold sets: precision/recall per threshold.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/sweep_fallback.py [--gold FILE ...] [--json]

Each gold file is coded twice — fallback off, and fallback on with threshold 0 — so the events the fallback
adds are known; their classifier probability is read back from their confidence (0.2 + 0.2·p, see
``EventCoder._fallback``). For each threshold the added events below it are dropped and the file is scored
as ``eventwire eval events`` does. Printed per threshold: how many fallback events are kept, how many of them
are right (CAMEO: a gold (source, root, target) triple no pattern event had already matched; PLOVER: a gold
type), that precision, and the file's headline figures (triple F1 / root F1 / pass rate; PLOVER F1 and type
accuracy). The shipped ``DEFAULT_THRESHOLD`` (events/fallback.py) is the lowest threshold at which no file's
headline figure (triple F1, pass rate, PLOVER type accuracy) falls below its fallback-off value (the 1.01 row)
by more than one event; the comment there records the sweep that chose it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.evaluate import events as ev
from eventwire.events import EventCoder
from eventwire.records import Article, Event

GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "events"
Key = tuple[str, str | None]  # the unit-test suite repeats sentences with other dates (and other actor codes)
THRESHOLDS = [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.01]


class _Replay:
    """A stand-in pipeline returning events computed beforehand, filtered by a threshold."""

    def __init__(self, events: dict[Key, list[Event]], added: set[str], threshold: float) -> None:
        self.events, self.added, self.threshold = events, added, threshold

    def analyse(self, article: Article) -> Any:
        key = (article.text, article.published.isoformat() if article.published else None)
        keep = [e for e in self.events[key] if e.id not in self.added or _prob(e) >= self.threshold]
        return type("A", (), {"events": keep})


def _prob(e: Event) -> float:
    return round((e.confidence - 0.2) / 0.2, 3)


def _key(rec: dict[str, Any]) -> Key:
    published = ev._published(rec)
    return rec["text"], published.isoformat() if published else None


def _code_all(gold: list[dict[str, Any]], path: Path, fallback: bool) -> dict[Key, list[Event]]:
    plover = any("event_type" in e for r in gold for e in r["events"])
    pipe = ev._pipeline(gold, path, None, None, plover)
    for i, stage in enumerate(pipe.stages):
        if isinstance(stage, EventCoder):
            pipe.stages[i] = EventCoder(will_as_intent=stage.will_as_intent, fallback=fallback,
                                        fallback_threshold=0.0)
    return {_key(r): ev._run(pipe, r) for r in gold}


def sweep(path: Path) -> dict[str, Any]:
    gold = ev.load_gold(path)
    plover = any("event_type" in e for r in gold for e in r["events"])
    base = _code_all(gold, path, False)
    full = _code_all(gold, path, True)
    known = {e.id for evs in base.values() for e in evs}
    added = {e.id for evs in full.values() for e in evs if e.id not in known}
    rows = []
    for t in THRESHOLDS:
        scores = (ev._score_plover if plover else ev._score_cameo)(gold, _Replay(full, added, t), False)
        kept, right = _fallback_hits(gold, full, added, t, plover)
        row = {"threshold": t, "fallback_events": kept, "fallback_right": right,
               "fallback_precision": round(right / kept, 3) if kept else None}
        keys = ("f1", "type_accuracy") if plover else ("f1", "root_f1", "record_pass_rate")
        rows.append(row | {k: scores[k] for k in keys})
    return {"gold": path.name, "rows": rows}


def _fallback_hits(gold: list[dict[str, Any]], full: dict[Key, list[Event]], added: set[str], t: float,
                   plover: bool) -> tuple[int, int]:
    kept = right = 0
    for rec in gold:
        events = [e for e in full[_key(rec)] if e.status in ev.COUNTED_STATUS]
        mine = [e for e in events if e.id in added and _prob(e) >= t]
        if plover:
            want = Counter(g["event_type"] for g in rec["events"])
            types = [e.plover_type for e in mine if e.plover_type]
            kept += len(types)
            right += sum((Counter(types) & want).values())
            continue
        dyad = bool(rec.get("require_dyad", True))
        g = [(x["source"] or "---", x["code"], x["target"] or "---") for x in rec["events"]]
        others = ev.predicted_triples([e for e in events if e.id not in added], dyad)
        _, missed, _ = ev._match(g, others, "root")
        pred = ev.predicted_triples(mine, dyad)
        ok, _, _ = ev._match(missed, pred, "root")
        kept += len(pred)
        right += len(ok)
    return kept, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, nargs="*",
                        default=[GOLD / "petr2_gsr_dev.jsonl", GOLD / "plover_gsr_dev.jsonl"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [sweep(p) for p in args.gold]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for res in results:
        print(res["gold"])
        keys = list(res["rows"][0])
        print("  " + "  ".join(f"{k:>18}" for k in keys))
        for row in res["rows"]:
            print("  " + "  ".join(f"{row[k]!s:>18}" for k in keys))


if __name__ == "__main__":
    main()

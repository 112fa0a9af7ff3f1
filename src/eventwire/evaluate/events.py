"""Score event coding against the gold sets in ``shared/data/events`` (see its SOURCE.md).

CAMEO sets (``petr_unittest``, ``petr2_gsr``): predicted events become (source, code, target) triples and are
matched per record against the gold triples (multiset matching). Reported:

- ``precision``/``recall``/``f1``: (source, root, target) triples — the headline figure;
- ``code_*``: (source, full code, target); ``root_*``: the root alone (was the right kind of event found,
  whoever did it); ``per_root``: P/R/F1 per gold root; ``confusion``: gold root → predicted root for
  events whose actors matched but whose root did not (``"none"`` when nothing was predicted for the pair);
- ``record_pass_rate``: share of records whose predicted full-code triples equal the gold set exactly
  (PETRARCH's own notion of a passing unit test).

Rules: only events with status factual or future count (negated, hypothetical and reported — hedged,
attributed claims — are never counted as things that happened; PETRARCH's gold does code announced future
acts). With ``require_dyad`` (PETRARCH's option) an event with a missing actor is dropped before scoring;
otherwise a missing actor is ``---``. Actor codes are compared at the gold's granularity: a gold
country-only code (``USA``) matches any predicted code of that country (``USAGOV``); a gold ``---GOV``
matches any country with agent ``GOV``; a longer gold code (``USAGOV``) needs the predicted code to start
with it. The record's ``date`` is the article's publication date.

PLOVER set (``plover_gsr``): per record, the multiset of predicted PLOVER types against the gold types
(``precision``/``recall``/``f1``), plus ``type_accuracy``: the share of records whose most confident
predicted event has a gold type. These records follow the CAMEO manual's reading of announcements, so the
default pipeline is run with ``EventCoder(will_as_intent=True)`` for them ("X will give aid" → AGREE).

Without ``dictionary``, a record's ``actor_dictionary`` file next to the gold file (the unit-test fixture) is
used as the user actor dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..records import Article, Event
from .gold import read_jsonl

COUNTED_STATUS = frozenset({"factual", "future"})
Triple = tuple[str, str, str]


load_gold = read_jsonl  # the events gold files are plain JSONL


def actor_match(gold: str, pred: str) -> bool:
    """Compare a predicted CAMEO actor code with a gold one at the gold's granularity (see module doc)."""
    if gold == pred:
        return True
    if gold.startswith("---"):
        agent = gold[3:]
        return bool(agent) and pred[3:].startswith(agent)
    if len(gold) == 3:
        return pred[:3] == gold
    return pred.startswith(gold)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _match(gold: list[Triple], pred: list[Triple], level: str) -> tuple[list[Triple], list[Triple], list[Triple]]:
    """Greedy one-to-one matching; returns (matched gold, unmatched gold, unmatched predicted)."""
    left = list(pred)
    matched, missed = [], []
    for g in gold:
        for i, p in enumerate(left):
            code_ok = p[1] == g[1] if level == "code" else p[1][:2] == g[1][:2]
            if code_ok and actor_match(g[0], p[0]) and actor_match(g[2], p[2]):
                matched.append(g)
                del left[i]
                break
        else:
            missed.append(g)
    return matched, missed, left


def _code(actor: Any) -> str:
    if actor is None:
        return "---"
    return str(actor.cameo_code or (actor.country or "---"))


def predicted_triples(events: Iterable[Event], require_dyad: bool) -> list[Triple]:
    out: list[Triple] = []
    for e in events:
        if e.status not in COUNTED_STATUS:
            continue
        if require_dyad and (e.source is None or e.target is None):
            continue
        t = (_code(e.source), e.cameo_code, _code(e.target))
        if t not in out:
            out.append(t)
    return out


def _published(rec: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
    except ValueError:
        return None


def _run(pipeline: Any, rec: dict[str, Any]) -> list[Event]:
    article = Article(id=Article.make_id("", rec["text"]), text=rec["text"], published=_published(rec))
    return list(pipeline.analyse(article).events)


def _pipeline(
    gold: list[dict[str, Any]], gold_path: Path, dictionary: Path | None, pipeline: Any, plover: bool
) -> Any:
    if pipeline is not None:
        return pipeline
    from ..events import EventCoder
    from ..pipeline import Pipeline, default_stages

    if dictionary is None:
        names = {r.get("actor_dictionary") for r in gold} - {None, "phoenix"}
        sibling = [Path(gold_path).parent / str(n) for n in names]
        dictionary = next((p for p in sibling if p.exists()), None)
    stages = default_stages(actors_file=dictionary)
    if plover:
        # the PLOVER records follow the CAMEO manual: "X will give aid" is coded as the announcement (AGREE)
        stages = [s if not isinstance(s, EventCoder) else EventCoder(will_as_intent=True) for s in stages]
    return Pipeline(stages=stages)


def evaluate_events(
    gold_path: Path, dictionary: Path | None = None, show_errors: bool = False, pipeline: Any = None
) -> dict[str, Any]:
    """Score the default (or given) pipeline on one gold file; the set is recognised from its records."""
    gold = load_gold(gold_path)
    if not gold:
        raise GoldFileError(f"gold file {gold_path} has no records")
    plover = any("event_type" in e for r in gold for e in r["events"])
    pipe = _pipeline(gold, gold_path, dictionary, pipeline, plover)
    if plover:
        return _score_plover(gold, pipe, show_errors)
    return _score_cameo(gold, pipe, show_errors)


def _score_cameo(gold: list[dict[str, Any]], pipe: Any, show_errors: bool) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("root", "code", "kind")}
    per_root: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    passed, errors = 0, []
    for rec in gold:
        pred = predicted_triples(_run(pipe, rec), bool(rec.get("require_dyad", True)))
        g = [(e["source"] or "---", e["code"], e["target"] or "---") for e in rec["events"]]
        for level in ("root", "code"):
            ok, missed, extra = _match(g, pred, level)
            counts[level].update(tp=len(ok), fn=len(missed), fp=len(extra))
            if level == "root":
                _per_root(per_root, confusion, ok, missed, extra)
        roots_g, roots_p = Counter(t[1][:2] for t in g), Counter(t[1][:2] for t in pred)
        counts["kind"].update(tp=sum((roots_g & roots_p).values()), fn=sum((roots_g - roots_p).values()),
                              fp=sum((roots_p - roots_g).values()))
        _, code_missed, code_extra = _match(g, pred, "code")
        exact = not code_missed and not code_extra
        passed += exact
        if show_errors and not exact:
            errors.append({"id": rec["id"], "text": rec["text"], "gold": g, "predicted": pred})
    out: dict[str, Any] = {"set": gold[0]["id"].split(":")[0], "records": len(gold)}
    out |= prf(counts["root"]["tp"], counts["root"]["fp"], counts["root"]["fn"])
    out |= {f"code_{k}": v for k, v in prf(counts["code"]["tp"], counts["code"]["fp"], counts["code"]["fn"]).items()}
    out |= {f"root_{k}": v for k, v in prf(counts["kind"]["tp"], counts["kind"]["fp"], counts["kind"]["fn"]).items()}
    out["counts"] = {k: dict(v) for k, v in counts.items()}
    out["record_pass_rate"] = round(passed / len(gold), 4)
    out["per_root"] = {r: prf(c["tp"], c["fp"], c["fn"]) | {"support": c["tp"] + c["fn"]}
                       for r, c in sorted(per_root.items())}
    out["confusion"] = {r: dict(c) for r, c in sorted(confusion.items())}
    if show_errors:
        out["errors"] = errors
    return out


def _per_root(
    per_root: dict[str, Counter[str]],
    confusion: dict[str, Counter[str]],
    ok: list[Triple],
    missed: list[Triple],
    extra: list[Triple],
) -> None:
    for t in ok:
        per_root[t[1][:2]]["tp"] += 1
    for t in extra:
        per_root[t[1][:2]]["fp"] += 1
    for t in missed:
        per_root[t[1][:2]]["fn"] += 1
        same_pair = [p for p in extra if actor_match(t[0], p[0]) and actor_match(t[2], p[2])]
        confusion[t[1][:2]][same_pair[0][1][:2] if same_pair else "none"] += 1


def _score_plover(gold: list[dict[str, Any]], pipe: Any, show_errors: bool) -> dict[str, Any]:
    tp = fp = fn = correct = 0
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for rec in gold:
        events = [e for e in _run(pipe, rec) if e.status in COUNTED_STATUS and e.plover_type]
        pred = Counter(str(e.plover_type) for e in events)
        want = Counter(e["event_type"] for e in rec["events"])
        tp += sum((pred & want).values())
        fp += sum((pred - want).values())
        fn += sum((want - pred).values())
        for t, n in (pred & want).items():
            per_type[t]["tp"] += n
        for t, n in (pred - want).items():
            per_type[str(t)]["fp"] += n
        for t, n in (want - pred).items():
            per_type[t]["fn"] += n
        top = max(events, key=lambda e: e.confidence, default=None)
        hit = top is not None and top.plover_type in want
        correct += hit
        if show_errors and not hit:
            errors.append({"id": rec["id"], "text": rec["text"], "gold": sorted(want), "predicted": sorted(pred)})
    out: dict[str, Any] = {"set": gold[0]["id"].split(":")[0], "records": len(gold)}
    out |= prf(tp, fp, fn)
    out["type_accuracy"] = round(correct / len(gold), 4)
    out["per_type"] = {t: prf(c["tp"], c["fp"], c["fn"]) | {"support": c["tp"] + c["fn"]}
                       for t, c in sorted(per_type.items())}
    if show_errors:
        out["errors"] = errors
    return out


__all__ = ["actor_match", "evaluate_events", "load_gold", "predicted_triples", "prf"]

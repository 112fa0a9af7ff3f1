"""Score one article against an acceptance file shaped like ../shared/acceptance/seed/expected.yaml.

Every row is checked against the extraction (events, places, actors, quantities, dates); each result says
which keys failed so a regression is easy to read. See the seed README for the meaning of the fields.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import GoldFileError
from ..records import ActorRef, Analysis, DateRef, Event, Place, Quantity

STATE_CODE_LEN = 3


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass
class RowResult:
    section: str
    id: str
    passed: bool
    problems: list[str] = field(default_factory=list)
    partial: bool = False  # e.g. the CAMEO root matched but not the full code

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.id, "passed": self.passed, "partial": self.partial,
                "problems": self.problems}


def _names(a: ActorRef) -> set[str]:
    return {n.lower() for n in (a.name, *a.aliases, a.text) if n}


def check_actor(a: ActorRef | None, want: dict[str, Any]) -> list[str]:
    if a is None:
        return ["no actor"]
    problems = []
    if "country" in want and a.country != want["country"]:
        problems.append(f"country {a.country} != {want['country']}")
    if "sector_any" in want and not set(want["sector_any"]) & set(a.sectors):
        problems.append(f"sectors {list(a.sectors)} lack any of {want['sector_any']}")
    if "sector" in want and want["sector"] not in a.sectors:
        problems.append(f"sectors {list(a.sectors)} lack {want['sector']}")
    if "name_any" in want and not {n.lower() for n in want["name_any"]} & _names(a):
        problems.append(f"name {a.name!r} not one of {want['name_any']}")
    return problems


def check_place(p: Place | None, want: dict[str, Any]) -> list[str]:
    if p is None:
        return ["no location"]
    problems = []
    if "country" in want and p.country != want["country"]:
        problems.append(f"location country {p.country} != {want['country']}")
    if "lat" in want:
        if p.lat is None or p.lon is None:
            problems.append("location has no coordinates")
        else:
            km = haversine_km(p.lat, p.lon, float(want["lat"]), float(want["lon"]))
            if km > float(want.get("within_km", 50)):
                problems.append(f"location {p.name} is {km:.0f} km from expected")
    return problems


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def check_date(d: DateRef | None, want: dict[str, Any]) -> list[str]:
    if d is None:
        return ["no date"]
    lo, hi = _date(want["from"]), _date(want["to"])
    if d.date_start < lo or d.date_end > hi:
        return [f"date {d.date_start}..{d.date_end} not within {lo}..{hi}"]
    return []


def check_quantity(q: Quantity, want: dict[str, Any]) -> bool:
    if abs(q.value - float(want["value"])) > 1e-6:
        return False
    if "kind" in want and q.kind != want["kind"]:
        return False
    if "unit" in want and (q.unit or "").lower() != str(want["unit"]).lower():
        return False
    if "unit_or_kind_contains" in want:
        needle = str(want["unit_or_kind_contains"]).lower()
        if needle not in (q.unit or "").lower() and needle not in q.kind.lower():
            return False
    return True


def check_event(e: Event, row: dict[str, Any]) -> tuple[list[str], bool]:
    """Problems of one event against one ``must``/``should`` row, and whether only the full code differed."""
    problems: list[str] = []
    partial = False
    if e.status != "factual":
        problems.append(f"status {e.status}")
    for role in ("source", "target"):
        if role in row:
            problems += [f"{role}: {p}" for p in check_actor(getattr(e, role), row[role])]
    if "cameo" in row and e.cameo_code != str(row["cameo"]):
        if e.cameo_root == str(row["cameo"])[:2]:
            partial = True
        else:
            problems.append(f"cameo {e.cameo_code} != {row['cameo']}")
    if "cameo_root_any" in row and e.cameo_root not in {str(r) for r in row["cameo_root_any"]}:
        problems.append(f"root {e.cameo_root} not in {row['cameo_root_any']}")
    if "plover" in row and e.plover_type != row["plover"]:
        problems.append(f"plover {e.plover_type} != {row['plover']}")
    if "plover_any" in row and e.plover_type not in row["plover_any"]:
        problems.append(f"plover {e.plover_type} not in {row['plover_any']}")
    if "location" in row:
        problems += check_place(e.location, row["location"])
    if "date" in row:
        problems += check_date(e.date, row["date"])
    if "fatalities" in row and e.fatalities != int(row["fatalities"]):
        problems.append(f"fatalities {e.fatalities} != {row['fatalities']}")
    for want in row.get("quantities", []):
        if not any(check_quantity(q, want) for q in e.quantities):
            problems.append(f"no quantity {want}")
    return problems, partial


def score_event_row(section: str, row: dict[str, Any], events: tuple[Event, ...]) -> RowResult:
    candidates = [e for e in events if row["sentence_contains"] in e.sentence]
    if not candidates:
        return RowResult(section, row["id"], False, ["no event from that sentence"])
    best: tuple[list[str], bool] | None = None
    for e in candidates:
        problems, partial = check_event(e, row)
        if best is None or len(problems) < len(best[0]):
            best = (problems, partial)
    assert best is not None
    return RowResult(section, row["id"], not best[0], best[0], partial=best[1] and not best[0])


def score_must_not(row: dict[str, Any], analysis: Analysis) -> RowResult:
    """No factual event of these roots between the two countries may come from that text. An event comes from
    the text its evidence span covers (the clause that carries it), so one sentence can hold a doubted
    cooperation (must not be factual) and a factual praise in its next clause (a ``must`` row)."""
    pair = set(row["between"])
    roots = {str(r) for r in row["cameo_root_any"]}
    text = analysis.article.text
    bad = [
        e for e in analysis.events
        if row["sentence_contains"] in text[e.evidence.start:e.evidence.end] and e.status == "factual"
        and e.cameo_root in roots and e.source is not None and e.target is not None
        and {e.source.country, e.target.country} == pair
    ]
    return RowResult("must_not", row["id"], not bad,
                     [f"factual {e.cameo_code} {e.source and e.source.cameo_code}->"
                      f"{e.target and e.target.cameo_code}" for e in bad])


def _text_match(mention_text: str, want: str) -> bool:
    return mention_text.lower() == want.lower() or want.lower() in mention_text.lower()


def score_mentions(a: Analysis, gold: dict[str, Any]) -> list[RowResult]:
    out: list[RowResult] = []
    for row in gold.get("places", []):
        cands = [p for p in a.places if _text_match(p.text, row["text"])]
        probs = min((check_place(p, row) for p in cands), key=len, default=["place not found"])
        out.append(RowResult("places", row["text"], not probs, probs))
    for row in gold.get("actors", []):
        actor_cands = [x for x in a.actors if _text_match(x.text, row["text"])]
        probs = min((check_actor(x, row) for x in actor_cands), key=len, default=["actor not found"])
        out.append(RowResult("actors", row["text"], not probs, probs))
    for row in gold.get("quantities", []):
        ok = any(check_quantity(q, row) for q in a.quantities)
        out.append(RowResult("quantities", f"{row['value']}", ok, [] if ok else ["quantity not found"]))
    for row in gold.get("dates", []):
        date_cands = [d for d in a.dates if _text_match(d.text, row["text"]) or _text_match(row["text"], d.text)]
        probs = min((check_date(d, row) for d in date_cands), key=len, default=["date not found"])
        out.append(RowResult("dates", row["text"], not probs, probs))
    return out


def event_signature(a: Analysis) -> set[tuple[Any, ...]]:
    """(source country, source sector, cameo code, target country or entity, location) of factual events."""
    sig = set()
    for e in a.events:
        if e.status != "factual":
            continue
        src = e.source
        tgt = e.target
        sig.add((
            src.country if src else None,
            tuple(sorted(src.sectors)) if src else (),
            e.cameo_code,
            (tgt.country or tgt.name) if tgt else None,
            e.location.name if e.location else None,
        ))
    return sig


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldFileError(f"cannot read acceptance file {path}: {exc}") from exc
    if not isinstance(data, dict) or "article" not in data:
        raise GoldFileError(f"{path} is not an acceptance file (no 'article' section)")
    return data


def evaluate_seed(gold_path: Path, pipeline: Any = None) -> dict[str, Any]:
    """Run the article named in the acceptance file and score every row."""
    from ..pipeline import extract

    gold = load_gold(gold_path)
    art = gold["article"]
    base = gold_path.parent
    published = _date(art["published"])
    text = (base / art["file"]).read_text(encoding="utf-8")
    title = art.get("headline", "")
    analysis = extract(text, published=published, source=art.get("source"), title=title, pipeline=pipeline)
    rows: list[RowResult] = [score_event_row("must", r, analysis.events) for r in gold.get("must", [])]
    rows += [score_event_row("should", r, analysis.events) for r in gold.get("should", [])]
    rows += [score_must_not(r, analysis) for r in gold.get("must_not", [])]
    rows += score_mentions(analysis, gold)
    meta = gold.get("metamorphic", {}).get("same_events_as")
    metamorphic = None
    if meta:
        other = extract((base / meta).read_text(encoding="utf-8"), published=published, title=title,
                        pipeline=pipeline)
        a_sig, b_sig = event_signature(analysis), event_signature(other)
        metamorphic = {"same": a_sig == b_sig, "only_first": sorted(map(str, a_sig - b_sig)),
                       "only_second": sorted(map(str, b_sig - a_sig))}
    return summarise(rows, analysis, metamorphic, [*gold.get("must", []), *gold.get("should", [])])


def summarise(rows: list[RowResult], analysis: Analysis, metamorphic: dict[str, Any] | None,
              event_rows: list[dict[str, Any]]) -> dict[str, Any]:
    def count(section: str) -> tuple[int, int]:
        sel = [r for r in rows if r.section == section]
        return sum(r.passed for r in sel), len(sel)

    must_passed, must_total = count("must")
    recall = must_passed / must_total if must_total else 0.0
    # precision: of the factual events coded from the sentences the file names, the share that match a row
    named = {row["sentence_contains"] for row in event_rows}
    factual = [e for e in analysis.events if e.status == "factual" and any(n in e.sentence for n in named)]
    matched = sum(1 for e in factual if any(not check_event(e, row)[0] for row in event_rows))
    precision = matched / len(factual) if factual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result: dict[str, Any] = {
        "must_passed": must_passed, "must_total": must_total,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "rows": [r.as_dict() for r in rows], "metamorphic": metamorphic,
        "events": len(analysis.events), "factual_events_on_named_sentences": len(factual),
    }
    for section in ("should", "must_not", "places", "actors", "quantities", "dates"):
        p, t = count(section)
        result[f"{section}_passed"], result[f"{section}_total"] = p, t
    result["score_line"] = score_line(result)
    return result


def score_line(r: dict[str, Any]) -> str:
    parts = [f"seed must: {r['must_passed']}/{r['must_total']}", f"should: {r['should_passed']}/{r['should_total']}"]
    for s in ("must_not", "places", "actors", "quantities", "dates"):
        parts.append(f"{s}: {r[f'{s}_passed']}/{r[f'{s}_total']}")
    if r.get("metamorphic") is not None:
        parts.append("metamorphic: " + ("same" if r["metamorphic"]["same"] else "DIFFERENT"))
    return ", ".join(parts)

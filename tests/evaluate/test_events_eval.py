"""Event-coding scorer: matching rules on hand-made gold, and the real pipeline on the dev gold sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import GoldFileError
from eventwire.evaluate.events import actor_match, evaluate_events, predicted_triples, prf
from eventwire.records import ActorRef, Event, Span

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "events"


def _event(src: str | None, code: str, tgt: str | None, status: str = "factual") -> Event:
    def ref(c: str | None) -> ActorRef | None:
        return None if c is None else ActorRef(text=c, start=0, end=1, name=c, country=c[:3], cameo_code=c)

    return Event(id=code, article_id="a", sentence="s", evidence=Span(0, 1), trigger=Span(0, 1), source=ref(src),
                 target=ref(tgt), cameo_code=code, cameo_root=code[:2], cameo_name="", goldstein=0.0, quad_class=1,
                 plover_type=None, plover_mode=None, status=status)


def test_actor_match_granularity() -> None:
    assert actor_match("USA", "USAGOV")  # gold country-only: any code of that country
    assert actor_match("USAGOV", "USAGOV")
    assert not actor_match("USAGOV", "USA")  # gold more specific than the prediction
    assert actor_match("---GOV", "RUSGOV")  # unknown-country agent: the agent must match
    assert not actor_match("---GOV", "RUSMIL")
    assert actor_match("IGOUNO", "IGOUNOMIL")


def test_prf_edges() -> None:
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(1, 1, 0)["precision"] == 0.5
    assert prf(0, 2, 0)["f1"] == 0.0


def test_predicted_triples_status_and_dyad() -> None:
    events = [_event("USA", "190", "IRQ"), _event("USA", "190", None), _event("RUS", "040", "USA", "negated"),
              _event("RUS", "036", "USA", "future")]
    assert predicted_triples(events, require_dyad=True) == [("USA", "190", "IRQ"), ("RUS", "036", "USA")]
    assert ("USA", "190", "---") in predicted_triples(events, require_dyad=False)


def test_bad_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError):
        evaluate_events(tmp_path / "missing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(GoldFileError):
        evaluate_events(empty)


def test_small_gold_with_real_pipeline(tmp_path: Path) -> None:
    gold = tmp_path / "mini.jsonl"
    rows = [
        {"id": "mini:1", "text": "Russia praised Turkey on Monday.", "date": "2015-01-05", "require_dyad": True,
         "events": [{"source": "RUS", "target": "TUR", "code": "051"}]},
        {"id": "mini:2", "text": "Egypt did not attack Libya.", "date": "2015-01-05", "require_dyad": True,
         "events": []},
        {"id": "mini:3", "text": "Chile criticized Peru.", "date": "2015-01-05", "require_dyad": True,
         "events": [{"source": "CHL", "target": "PER", "code": "112"}]},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = evaluate_events(gold, show_errors=True)
    assert {"precision", "recall", "f1", "code_f1", "root_f1", "per_root", "confusion"} <= set(out)
    assert out["counts"]["root"] == {"tp": 2, "fn": 0, "fp": 0}  # 111 vs 112 share root 11
    assert out["counts"]["code"]["tp"] == 1
    assert out["record_pass_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert [e["id"] for e in out["errors"]] == ["mini:3"]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "petr2_gsr_dev.jsonl").exists(), reason="shared/data/events is absent")
def test_petr2_gsr_dev_floor() -> None:
    out = evaluate_events(SHARED / "petr2_gsr_dev.jsonl")
    assert out["records"] == 49
    # regression floors (measured 2026-11-25: root F1 0.57, triple F1 0.37); the target is 0.80
    assert out["root_f1"] >= 0.5
    assert out["f1"] >= 0.3


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "plover_gsr_dev.jsonl").exists(), reason="shared/data/events is absent")
def test_plover_gsr_dev_floor() -> None:
    out = evaluate_events(SHARED / "plover_gsr_dev.jsonl")
    assert {"precision", "recall", "f1", "type_accuracy"} <= set(out)
    assert out["type_accuracy"] >= 0.65  # measured 0.70; the target is 0.80


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "petr_unittest_dictionary.json").exists(), reason="shared/data/events is absent")
def test_petr_unittest_dev_with_its_dictionary() -> None:
    out = evaluate_events(SHARED / "petr_unittest_dev.jsonl")  # picks up the sibling actor dictionary
    assert out["records"] == 152
    assert out["f1"] >= 0.38  # measured 0.43

"""Geo scorers on a few gold records (the full runs are reported, not tested: they take minutes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import GoldFileError
from eventwire.evaluate.geo import GeoPipeline, evaluate_event_location, evaluate_geo

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "geo"
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="shared/data/geo gold files are not present")


@pytest.fixture(scope="module")
def pipeline() -> GeoPipeline:
    return GeoPipeline()


def test_perfect_and_wrong_predictions_score_as_expected(tmp_path: Path, pipeline: GeoPipeline) -> None:
    text = "Fighting spread from Aleppo to Damascus on Monday."
    rec = {"id": "t1", "text": text, "unresolved": [],
           "places": [{"start": 21, "end": 27, "name": "Aleppo", "lat": 36.20, "lon": 37.16},
                      {"start": 31, "end": 39, "name": "Damascus", "lat": 33.51, "lon": 36.29}]}
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    r = evaluate_geo(gold, pipeline=pipeline)
    assert r["precision"] == 1.0 and r["recall"] == 1.0 and r["acc_161km"] == 1.0
    rec["places"][1]["lat"], rec["places"][1]["lon"] = 0.0, 0.0  # a wrong gold point must count as an error
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    r = evaluate_geo(gold, pipeline=pipeline)
    assert r["acc_161km"] == 0.5 and r["mean_km"] > 1000


def test_event_location_scoring(tmp_path: Path, pipeline: GeoPipeline) -> None:
    text = "A car bomb exploded in Kabul on Tuesday."
    recs = [
        {"id": "e1", "text": text, "event_trigger": {"start": 11, "end": 19, "text": "exploded"},
         "event_locations": [{"start": 23, "end": 28, "name": "Kabul"}]},
        {"id": "e2", "text": "Talks will resume soon, he said.", "event_trigger": {"start": 11, "end": 17,
         "text": "resume"}, "event_locations": []},
    ]
    gold = tmp_path / "e.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    r = evaluate_event_location(gold, pipeline=pipeline)
    assert r["accuracy"] == 1.0 and r["n"] == 2 and r["n_with_location"] == 1
    assert r["err_false_location"] == 0 and r["err_missed_unrecognised"] == 0


def test_event_location_error_classes(tmp_path: Path, pipeline: GeoPipeline) -> None:
    # A located event whose gold says none, and one whose gold place the geoparser never saw.
    recs = [
        {"id": "e1", "text": "A car bomb exploded in Kabul on Tuesday.",
         "event_trigger": {"start": 11, "end": 19, "text": "exploded"}, "event_locations": []},
        {"id": "e2", "text": "A car bomb exploded on Tuesday near the bus.",
         "event_trigger": {"start": 11, "end": 19, "text": "exploded"},
         "event_locations": [{"start": 40, "end": 43, "name": "bus"}]},
    ]
    gold = tmp_path / "e.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    r = evaluate_event_location(gold, pipeline=pipeline)
    assert r["accuracy"] == 0.0
    assert r["err_false_location"] == 1 and r["err_missed_unrecognised"] == 1


def test_bad_gold_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldFileError):
        evaluate_geo(bad, pipeline=None)


@needs_gold
@pytest.mark.parametrize("name", ["lgl.jsonl", "geowebnews.jsonl"])
def test_gold_sample_runs(name: str, pipeline: GeoPipeline) -> None:
    r = evaluate_geo(GOLD / name, limit=15, pipeline=pipeline)
    for key in ("precision", "recall", "f1", "acc_161km", "mean_km", "median_km", "n_gold", "n_pred"):
        assert key in r
    assert r["recall"] > 0.5 and r["acc_161km"] > 0.5


@needs_gold
def test_event_location_sample_runs(pipeline: GeoPipeline) -> None:
    r = evaluate_event_location(GOLD / "event_location_dev.jsonl", limit=200, pipeline=pipeline)
    assert r["n"] > 100 and r["accuracy"] > 0.4

"""Story-clustering (B-cubed) and digest (ROUGE) scorers, and floors on the dev gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.digest import evaluate_digest, rouge_n
from eventwire.evaluate.stories import bcubed, evaluate_stories

STORIES = Path(__file__).parents[2] / ".." / "shared" / "data" / "stories"


def _gold(name: str) -> Path:
    path = STORIES / name
    if not path.exists():
        pytest.skip(f"gold file not found: {path}")
    return path


def test_bcubed_known_values() -> None:
    assert bcubed(["a", "a", "b"], ["x", "x", "y"]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    one = bcubed(["a"] * 4, ["x", "x", "y", "y"])
    assert one["precision"] == pytest.approx(0.5) and one["recall"] == 1.0
    singletons = bcubed(["a", "b", "c", "d"], ["x", "x", "y", "y"])
    assert singletons["precision"] == 1.0 and singletons["recall"] == pytest.approx(0.5)


def test_rouge_counts_clipped_hits_over_all_references() -> None:
    r = rouge_n("the cat sat on the mat", ["the cat sat", "a dog sat on a mat"], 1)
    assert r["recall"] == pytest.approx((3 + 3) / (3 + 6))
    assert rouge_n("cats running", ["cat runs"], 1)["recall"] == 1.0  # Porter stemming
    assert rouge_n("a b c d", ["a b c d"], 2, words=2)["recall"] == 1.0  # both cut to 2 words


# Floors sit a few points under the figures measured when this was written (see the stories report);
# the aims are ecbplus 0.80, duc2004 0.90, ucinews 0.85.
@pytest.mark.parametrize(("name", "floor"), [("ecbplus", 0.78), ("duc2004", 0.83), ("ucinews", 0.80)])
def test_bcubed_floor_on_dev(name: str, floor: float) -> None:
    result = evaluate_stories(_gold(f"{name}_dev.jsonl"))
    assert result["bcubed_f1"] == result["f1"] >= floor
    assert {"precision", "recall", "n_clusters", "n_gold_clusters"} <= set(result)


def test_digest_rouge_matches_published_and_beats_lexrank() -> None:
    result = evaluate_digest(_gold("digest/duc2004_dev.jsonl"))
    base = result["baselines"]
    # Published ROUGE-1.5.5 recall on the 32 dev topics (SOURCE.md); this implementation lands within 0.3.
    published = {"Lead": (32.34, 6.51), "LexRank": (34.69, 6.91), "Centroid": (36.11, 7.91),
                 "ICSISumm": (38.58, 10.12)}
    for system, (r1, r2) in published.items():
        assert base[system]["rouge1"] == pytest.approx(r1, abs=0.3), system
        assert base[system]["rouge2"] == pytest.approx(r2, abs=0.1), system
    assert result["rouge1"] > base["LexRank"]["rouge1"]
    assert result["rouge2"] > base["LexRank"]["rouge2"]
    # Headline + digest with bigram-concept coverage measured 39.05 / 10.20 (ICSISumm 38.68 / 10.12 here).
    assert result["rouge1"] >= 38.5 and result["rouge2"] >= 9.9


def test_extract_option_runs_the_real_pipeline_and_uses_entities(tmp_path: Path) -> None:
    """The seed split as a one-story gold file: text alone splits it, the extracted entities join it."""
    import json

    seed = Path(__file__).parents[2] / ".." / "shared" / "acceptance" / "seed" / "story_split.jsonl"
    if not seed.exists():
        pytest.skip(f"seed acceptance data not found: {seed}")
    gold = tmp_path / "seed_gold.jsonl"
    with gold.open("w", encoding="utf-8") as out:
        for line in seed.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out.write(json.dumps({**rec, "date": rec["published"], "cluster_id": "seed"}) + "\n")
    plain = evaluate_stories(gold)
    extracted = evaluate_stories(gold, extract=True)
    assert plain["n_clusters"] > 1 and plain["recall"] < 1.0
    assert extracted["n_clusters"] == 1 and extracted["f1"] == 1.0
    assert "extraction" in extracted["features"]


def test_gold_timestamps_become_dates_as_in_ingest() -> None:
    import datetime as dt

    from eventwire.evaluate.stories import parse_date

    day = parse_date("2014-03-10T17:21:23.608Z")
    assert day == dt.date(2014, 3, 10) and type(day) is dt.date  # a datetime broke the extraction stages
    assert parse_date("1998-10-16") == dt.date(1998, 10, 16) and parse_date(None) is None


def test_extract_on_timestamped_headlines_has_no_stage_failures(tmp_path: Path) -> None:
    """ucinews-style records (ms timestamps, a date without a year in the headline) run through extraction."""
    import json

    heads = ["Stock Market News for March 10, 2014", "Stock Market News for March 10, 2014 - Market News",
             "Opening Bell 10 March | Asian markets slump"]
    gold = tmp_path / "timestamped.jsonl"
    gold.write_text("".join(
        json.dumps({"id": f"t{i}", "title": h, "text": h, "date": f"2014-03-10T17:2{i}:23.608Z", "source": f"s{i}",
                    "cluster_id": "markets"}) + "\n" for i, h in enumerate(heads)), encoding="utf-8")
    result = evaluate_stories(gold, extract=True)
    assert result["n_failures"] == 0, result["failures"]
    assert result["n_articles"] == 3

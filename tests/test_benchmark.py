"""The benchmark: a same-run baseline, parse shares and the political subset, on a few articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from eventwire.benchmark import BenchConfig, _in_fresh_process, political_subset, run_bench
from eventwire.errors import StageError
from eventwire.records import Article


def _corpus(tmp_path: Path) -> Path:
    texts = [
        "Iraqi troops attacked Iranian positions near Basra on Monday, Iran said.",
        "Volume was light at 12 mln shares. Prices were steady.",
        "Japan urged the United States to lift the tariffs on its semiconductors.",
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"t{i}", "text": t, "date": "1987-03-02"}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def test_political_subset_needs_a_state_and_a_trigger() -> None:
    arts = [Article(id=str(i), text=t) for i, t in enumerate(
        ["Japan urged the United States to lift the tariffs.", "The company urged shareholders to vote.",
         "Japan's exports rose 5 pct."])]
    assert [a.id for a in political_subset(arts)] == ["0"]


def test_bench_reports_ratio_parse_shares_and_political_subset(tmp_path: Path) -> None:
    r = run_bench(BenchConfig(corpus=_corpus(tmp_path), limit=None, batch_size=8))
    assert r["articles"] == 3 and r["ratio"] > 0
    parse = r["eventwire"]["parse"]
    assert parse["articles"] == 3 and 0 < parse["share_sentences_parsed"] < 1
    assert r["political"]["articles"] == 2 and r["political"]["ratio"] > 0
    assert r["eventwire"]["peak_rss_mb"] > 0 and r["baseline"]["peak_rss_mb"] > 0


def test_a_crashed_child_raises_instead_of_hanging() -> None:
    with pytest.raises(StageError):
        _in_fresh_process(os._exit, 3)  # os._exit(3, queue) is a TypeError in the child


def test_bench_measures_dask_speedup_of_two_workers_over_one(tmp_path: Path) -> None:
    from eventwire.benchmark import dask_scaling, load_articles

    arts = load_articles(_corpus(tmp_path), None)
    r = dask_scaling(arts, (2, 1))
    assert set(r["runs"]) == {"1", "2"} and r["speedup"]["1"] == 1.0 and r["speedup"]["2"] > 0
    one, two = r["runs"]["1"], r["runs"]["2"]
    assert one["articles"] == two["articles"] == 3
    assert one["events"] == two["events"] > 0  # the same work either way
    assert one["peak_rss_mb_per_worker"] > 0 and one["startup_seconds"] > 0

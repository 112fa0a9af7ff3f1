"""The CLI as a user drives it (typer's CliRunner): demo, run (twice), events, stories, failures, export, extract,
eval seed. Each command is a thin layer over the Python API."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed"


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a.txt").write_text("Kenya protests tax bill\n\nPolice in Nairobi arrested 40 protesters on Tuesday "
                                  "after clashes near parliament.\n", encoding="utf-8")
    (folder / "b.jsonl").write_text(
        json.dumps({"id": "b1", "title": "Talks", "text": "Egypt hosted talks with Qatar on Monday in Cairo.",
                    "published": "2024-05-14", "source": "Wire"}) + "\n{broken json\n", encoding="utf-8")
    (folder / "c.csv").write_text('id,title,text,published\nc1,Aid,"Japan pledged aid to Sudan on Friday.",'
                                  "2024-05-10\n", encoding="utf-8")
    (folder / "d.html").write_text("<html><head><title>Strike</title></head><body><article><p>Turkish jets struck "
                                   "militant positions in northern Iraq on Sunday, the ministry said.</p></article>"
                                   "</body></html>", encoding="utf-8")
    with gzip.open(folder / "e.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Poland expelled a Russian diplomat on Monday.", "published": "2024-05-13"})
                 + "\n")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    return folder


def test_run_is_idempotent_and_records_failures(mixed: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ok(["run", str(mixed), "--db", str(db), "--published", "2024-05-14"])
    first = json.loads(_ok(["events", "--db", str(db), "--format", "json"]))
    assert first, "events were coded"
    _ok(["run", str(mixed), "--db", str(db), "--published", "2024-05-14"])
    again = json.loads(_ok(["events", "--db", str(db), "--format", "json"]))
    assert len(again) == len(first)
    failures = json.loads(_ok(["failures", "--db", str(db), "--format", "json"]))
    codes = {f["code"] for f in failures}
    assert {"parse_error", "empty_article", "binary_input"} <= codes, codes
    out = tmp_path / "events.parquet"
    _ok(["export", "--format", "parquet", "--out", str(out), "--db", str(db)])
    df = pd.read_parquet(out)
    assert len(df) == len(first) and {"source", "target", "cameo_code", "location", "date"} <= set(df.columns)
    stories = [json.loads(line) for line in _ok(["stories", "--db", str(db), "--format", "jsonl"]).splitlines()]
    assert stories and all({"id", "headline", "article_ids", "digest", "event_ids"} <= set(s) for s in stories)
    assert any("b1" in s["article_ids"] for s in stories), "external ids name the articles"


def test_demo_prints_a_summary(tmp_path: Path) -> None:
    out = _ok(["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert "events" in out and "top event types" in out


def test_unknown_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 2 and "no store" in result.output


@pytest.mark.skipif(not SEED.exists(), reason="../shared/acceptance/seed not beside the repo")
def test_extract_prints_the_contract_json() -> None:
    doc = json.loads(_ok(["extract", str(SEED / "story.txt"), "--published", "2015-11-21"]))
    assert set(doc) == {"article", "events", "actors", "places", "dates", "quantities"}
    ev = doc["events"][0]
    for key in ("id", "article_id", "sentence", "evidence", "source", "target", "cameo_code", "cameo_root",
                "goldstein", "quad_class", "plover_type", "status", "location", "date", "confidence"):
        assert key in ev
    assert doc["article"]["title"].startswith("Iraq closes airspace")


@pytest.mark.skipif(not SEED.exists(), reason="../shared/acceptance/seed not beside the repo")
def test_eval_seed_json() -> None:
    res = json.loads(_ok(["eval", "seed", "--gold", str(SEED / "expected.yaml"), "--json"]))
    assert {"precision", "recall", "f1", "must_passed", "must_total"} <= set(res)


def test_extract_with_user_actors(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - name: Zubrowka Liberation Front\n    aliases: [ZLF]\n    country: RUS\n"
                      "    sectors: [REB]\n    kind: group\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("The ZLF attacked a police station in Moscow on Monday.", encoding="utf-8")
    out = json.loads(_ok(["extract", str(doc), "--published", "2023-05-10", "--actors", str(actors)]))
    codes = {a["text"]: a["cameo_code"] for a in out["actors"]}
    assert codes.get("ZLF") == "RUSREB", codes
    assert any(e["source"] and e["source"]["cameo_code"] == "RUSREB" for e in out["events"])


def test_bench_rejects_bad_dask_worker_counts() -> None:
    res = runner.invoke(app, ["bench", "--dask", "one,two"])
    assert res.exit_code == 2
    assert "worker counts" in res.output


def test_eval_events_show_errors_lists_records(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "t1", "text": "France praised Germany for its help.",
                                "events": [{"source": "FRA", "target": "DEU", "code": "190"}]}) + "\n",
                    encoding="utf-8")
    res = runner.invoke(app, ["eval", "events", "--gold", str(gold), "--show-errors"])
    assert res.exit_code == 0, res.output
    assert "✗ t1" in res.output and "FRA 190 DEU" in res.output

"""A few seconds of the load test (scripts/loadtest.py) at 5 clients on a small store: 0 5xx, no transport
error (timings are reported, not asserted: CI machines vary). Full size: ``python scripts/loadtest.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("eventwire.api", reason="the REST API (eventwire.api) is not importable yet")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))  # scripts/ is not a package
import loadtest  # noqa: E402

from eventwire.store import connect  # noqa: E402


def test_synthetic_store_has_the_real_schema(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    loadtest.build_store(db, 1000)
    con = connect(db, read_only=True)
    try:
        n, distinct, roots = con.execute(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT cameo_root) FROM events").fetchall()[0]
        orphans = con.execute("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
                              ).fetchall()[0][0]
    finally:
        con.close()
    assert n == distinct == 1000 and roots == 20 and orphans == 0


def test_short_load_gives_no_server_errors(tmp_path: Path) -> None:
    out = loadtest.loadtest(n_events=3000, clients=5, seconds=3.0, max_requests=2000, workdir=tmp_path)
    assert out["requests"] > 0
    assert out["errors_5xx"] == 0, out["statuses"]
    assert out["transport_errors"] == {}
    assert set(out["statuses"]) == {200}, out["statuses"]
    print(out)  # shown with -s: requests/s and latency percentiles of this machine


def test_shared_pool_and_warmup_options(tmp_path: Path) -> None:
    import asyncio

    db = tmp_path / "w.duckdb"
    loadtest.build_store(db, 2000)
    server = loadtest.Server(db, loadtest.free_port())
    server.start()
    try:
        shared, _ = asyncio.run(loadtest.run_load(server.url, 3, 1.5, 2000, 300, shared_pool=True))
        warm, _ = asyncio.run(loadtest.run_load(server.url, 3, 2.0, 2000, 100_000, warmup=1.0))
    finally:
        server.stop()
    assert set(shared.statuses) == {200} and not shared.errors and len(shared.latencies) == shared.statuses[200]
    assert set(warm.statuses) == {200} and not warm.errors
    assert 0 < len(warm.latencies) < warm.statuses[200]  # the first second counts as requests, not latencies


@pytest.mark.skipif(__import__("shutil").which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_wrk_client_replays_the_mix_without_errors(tmp_path: Path) -> None:
    out = loadtest.loadtest(n_events=3000, clients=5, seconds=2.0, max_requests=2000, workdir=tmp_path,
                            client="wrk")
    assert out["requests"] > 0 and out["non_2xx"] == 0 and out["transport_errors"] == {}
    assert 0 < out["p50_ms"] <= out["p99_ms"] <= out["max_ms"]
    paths = (tmp_path / "paths.txt").read_text().split()
    assert {loadtest.template(p) for p in paths} >= {"/events/{id}", "/stories/{id}", "/map", "/health"}

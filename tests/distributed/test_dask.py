"""The Dask engine on a LocalCluster with 2 workers gives the same store contents as the local engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from eventwire.distributed import DaskOptions, run_dask
from eventwire.ingest import IngestOptions, read_paths, sample_paths
from eventwire.runner import run_articles
from eventwire.store import attach_parquet, connect

OPTS = IngestOptions(published=dt.date(2024, 5, 14))


def _snapshot(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": sorted(con.execute("SELECT id, story_id, duplicate_of FROM articles").fetchall()),
            "events": sorted(con.execute(
                "SELECT id, cameo_code, source.cameo_code, target.cameo_code, location.name, status, num_articles, "
                "num_sources, merged_into, story_id FROM events").fetchall(), key=str),
            "failures": sorted(con.execute("SELECT origin, code FROM failures").fetchall()),
            # the digests are built on the Dask workers at the end of a run: they must come out the same
            "stories": sorted(con.execute("SELECT id, headline, num_articles, num_sources, first_seen, last_seen, "
                                          "digest::VARCHAR, event_ids FROM stories").fetchall(), key=str),
        }
    finally:
        con.close()


@pytest.mark.slow
def test_dask_two_workers_equals_local(tmp_path: Path) -> None:
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Kenya and Uganda signed a trade agreement on Monday."}\n{not json}\n', encoding="utf-8")
    paths = [*sample_paths(), bad]
    local = run_articles(read_paths(paths, OPTS), db=local_db)
    pq = tmp_path / "parquet"
    remote = run_dask(read_paths(paths, OPTS), db=dask_db,
                      options=DaskOptions(workers=2, partition_size=4, parquet_dir=pq))
    assert local.events > 0 and remote.events == local.events
    assert remote.failures == local.failures == 1
    assert _snapshot(dask_db) == _snapshot(local_db)
    con = connect(dask_db)
    try:
        n = attach_parquet(con, pq)
        assert n == con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        days = con.execute("SELECT DISTINCT published FROM events_parquet").fetchall()
        assert days, "the Parquet files are date-partitioned"
    finally:
        con.close()

"""End to end into DuckDB with the pre-filter on: story merges written in one batch stay consistent, and a
second run over the same articles changes nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb

from eventwire.ingest import read_paths
from eventwire.pipeline import Pipeline
from eventwire.runner import run_articles


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_story_merges_are_consistent_and_idempotent(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    src = shared / "acceptance" / "seed" / "story_split.jsonl"
    pipe = Pipeline()
    first = run_articles(read_paths([src]), db=db, pipeline=pipe)
    assert first.articles > 1 and first.events > 0 and first.stories >= 1
    # every merged mention points at a canonical event of the same story
    dangling = _rows(db, "SELECT e.id FROM events e LEFT JOIN events c ON e.merged_into = c.id "
                         "WHERE e.merged_into IS NOT NULL AND (c.id IS NULL OR c.story_id IS DISTINCT FROM e.story_id)")
    assert dangling == []
    # every article with a story is listed by that story (the digest lists external ids where there are some)
    stories = {sid: set(ids) for sid, ids in _rows(db, "SELECT id, article_ids FROM stories")}
    for aid, ext, sid in _rows(db, "SELECT id, external_id, story_id FROM articles WHERE story_id IS NOT NULL"):
        assert aid in stories[sid] or ext in stories[sid]
    canon = _rows(db, "SELECT num_articles FROM events WHERE merged_into IS NULL")
    assert canon and all(n is not None and n >= 1 for (n,) in canon)
    mentions = _rows(db, "SELECT count(*) FROM event_mentions m JOIN events e ON m.event_id = e.id")
    assert mentions[0][0] >= first.events
    before = _rows(db, "SELECT id, merged_into, story_id, num_articles FROM events ORDER BY id")
    again = run_articles(read_paths([src]), db=db, pipeline=pipe)
    assert again.articles == 0 and again.skipped_known == first.articles
    assert _rows(db, "SELECT id, merged_into, story_id, num_articles FROM events ORDER BY id") == before


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    return {
        "articles": sorted(_rows(db, "SELECT id, story_id, duplicate_of, n_sentences FROM articles")),
        "events": sorted(_rows(db, "SELECT id, cameo_code, merged_into, story_id, num_articles FROM events"), key=str),
        "stories": sorted(_rows(db, "SELECT id, num_articles FROM stories"), key=str),
    }


def test_two_worker_processes_write_the_same_store(shared: Path, tmp_path: Path) -> None:
    src = shared / "acceptance" / "seed" / "story_split.jsonl"
    one = run_articles(read_paths([src]), db=tmp_path / "one.duckdb", pipeline=Pipeline(batch_size=4))
    pool = Pipeline(batch_size=4, processes=2)
    try:
        assert len(pool.start()) == 2  # both workers loaded before the first batch
        two = run_articles(read_paths([src]), db=tmp_path / "two.duckdb", pipeline=pool)
        assert 0 < pool.parse_stats()["articles"] <= two.articles  # near-duplicates skip extraction
    finally:
        pool.close()
    assert (two.articles, two.events, two.stories) == (one.articles, one.events, one.stories)
    assert _snapshot(tmp_path / "two.duckdb") == _snapshot(tmp_path / "one.duckdb")
    assert set(two.stages) >= {"nlp", "actors", "events"}


def test_an_exact_repeat_in_one_run_is_skipped_before_it_is_flushed(tmp_path: Path) -> None:
    from eventwire.records import Article

    texts = ["France and Germany signed a trade agreement on Monday.", "Kenya accused Uganda of shelling a town."]
    arts = [Article(id=Article.make_id("", t), text=t) for t in texts]
    summary = run_articles([arts[0], arts[1], arts[0]], db=tmp_path / "s.duckdb", pipeline=Pipeline(batch_size=4))
    assert (summary.articles, summary.skipped_known) == (2, 1)

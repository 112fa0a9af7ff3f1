"""The single writer: batched Arrow appends, one transaction per batch, idempotent by content-hash ids.

An article row is written in the same transaction as everything extracted from it, so an article present in
``articles`` is complete: a run killed half-way resumes by skipping stored articles, losing and duplicating nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from ..records import Analysis, Failure, Story, content_hash, to_dict
from ..serialize import event_record
from .db import table_schema

TABLES = ("articles", "sentences", "actors", "places", "dates", "quantities", "events", "event_mentions")


@dataclass
class WriteCounts:
    articles: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    by_table: dict[str, int] = field(default_factory=dict)


def _mention_rows(a: Analysis) -> dict[str, list[dict[str, Any]]]:
    aid = a.article.id
    art = a.article
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["articles"].append(
        {
            "id": aid,
            "external_id": art.external_id,
            "title": art.title,
            "text": art.text,
            "published": art.published,
            "source": art.source,
            "url": art.url,
            "origin": art.origin,
            "duplicate_of": a.duplicate_of,
            "story_id": a.story_id,
            "n_sentences": len(a.sentences),
            "n_events": len(a.events),
        }
    )
    rows["sentences"] = [
        {"article_id": aid, "idx": s.index, "start": s.start, "end": s.end, "text": s.text} for s in a.sentences
    ]
    for table, items in (("actors", a.actors), ("places", a.places), ("quantities", a.quantities)):
        rows[table] = [{**to_dict(item), "article_id": aid} for item in items]
    rows["dates"] = [
        {"text": d.text, "start": d.start, "end": d.end, "date_start": d.date_start, "date_end": d.date_end,
         "precision": d.precision, "confidence": d.confidence, "sentence": d.sentence, "article_id": aid}
        for d in a.dates
    ]
    for e in a.events:
        rec = event_record(e)
        rec.update({"merged_into": None, "published": art.published, "outlet": art.source,
                    "story_id": e.story_id or a.story_id})
        rows["events"].append(rec)
        rows["event_mentions"].append(
            {"event_id": e.id, "article_id": aid, "evidence_start": e.evidence.start,
             "evidence_end": e.evidence.end, "outlet": art.source}
        )
    return rows


class Writer:
    """Buffers analyses and failures and appends them in batches (call ``flush`` or use as a context manager)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, batch_size: int = 256) -> None:
        self.con = con
        self.batch_size = batch_size
        self._pending: list[Analysis] = []
        self._failures: list[Failure] = []
        self._schemas = {t: table_schema(con, t) for t in (*TABLES, "failures")}
        self.counts = WriteCounts()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        found = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in found}

    def add(self, item: Analysis | Failure) -> None:
        if isinstance(item, Failure):
            self._failures.append(item)
        else:
            self._pending.append(item)
        if len(self._pending) + len(self._failures) >= self.batch_size:
            self.flush()

    def _append(self, table: str, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        schema = self._schemas[table]
        names = [n for n in schema.names if any(n in r for r in rows[:1])]
        tbl = pa.Table.from_pylist([{n: r.get(n) for n in names} for r in rows],
                                   schema=pa.schema([schema.field(n) for n in names]))
        cols = ", ".join(f'"{n}"' for n in names)
        self.con.register("_ew_batch", tbl)
        try:
            self.con.execute(f'INSERT OR IGNORE INTO "{table}" ({cols}) SELECT {cols} FROM _ew_batch')
        finally:
            self.con.unregister("_ew_batch")
        return len(rows)

    def flush(self) -> None:
        if not self._pending and not self._failures:
            return
        merged: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        seen: set[str] = set()
        for a in self._pending:
            if a.article.id in seen:  # the same content twice in one batch: keep the first
                self.counts.skipped += 1
                continue
            seen.add(a.article.id)
            for table, rows in _mention_rows(a).items():
                merged[table].extend(rows)
        failure_rows = [
            {"id": content_hash(f.origin, f.code, f.message), "origin": f.origin, "code": f.code,
             "message": f.message, "article_id": f.article_id, "stage": f.stage}
            for f in self._failures
        ]
        self.con.execute("BEGIN TRANSACTION")
        try:
            # articles go last: their presence marks everything before them as stored (resume point)
            for table in (*TABLES[1:], "articles"):
                n = self._append(table, merged[table])
                self.counts.by_table[table] = self.counts.by_table.get(table, 0) + n
            self._append("failures", failure_rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self.counts.articles += len(merged["articles"])
        self.counts.events += len(merged["events"])
        self.counts.failures += len(failure_rows)
        self._pending.clear()
        self._failures.clear()

    def write_story_merges(self, story_id: str, article_ids: Iterable[str],
                           merged: Iterable[tuple[Any, list[Any]]]) -> None:
        """Record one story (see ``write_story_merges_many``)."""
        self.write_story_merges_many([(story_id, list(article_ids), list(merged))])

    def write_story_merges_many(self, stories: Iterable[tuple[str, list[str], list[tuple[Any, list[Any]]]]]) -> None:
        """Record stories: their articles' story id, and each merged event (canonical row gets the counts;
        the other mention rows point at it through ``merged_into``; every mention is listed). All stories go
        in one transaction as three set-based UPDATEs and one INSERT (per-row statements cost ~40 ms each)."""
        self.flush()
        story_of: dict[str, str] = {}
        state: dict[str, dict[str, Any]] = {}  # event id -> the columns its last assignment sets (order kept)
        mentions: dict[tuple[str, str, int], dict[str, Any]] = {}
        for story_id, article_ids, merged in stories:
            story_of.update(dict.fromkeys(article_ids, story_id))
            for event, refs in merged:
                state.setdefault(event.id, {}).update(num_articles=event.num_articles,
                                                      num_sources=event.num_sources, story_id=story_id,
                                                      merged_into=None)
                for other in sorted({m.event_id for m in refs if m.event_id != event.id}):
                    state.setdefault(other, {}).update(merged_into=event.id, story_id=story_id)
                for m in refs:
                    mentions.setdefault((event.id, m.article_id, m.start), {
                        "event_id": event.id, "article_id": m.article_id, "evidence_start": m.start,
                        "evidence_end": m.end, "outlet": m.source})
        counted = [{"id": k, **v} for k, v in state.items() if "num_articles" in v]
        pointers = [{"id": k, **v} for k, v in state.items() if "num_articles" not in v]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._update("articles", [{"id": k, "story_id": v} for k, v in story_of.items()],
                         {"story_id": pa.string()})
            self._update("events", counted, {"num_articles": pa.int64(), "num_sources": pa.int64(),
                                             "story_id": pa.string(), "merged_into": pa.string()})
            self._update("events", pointers, {"merged_into": pa.string(), "story_id": pa.string()})
            self._append("event_mentions", list(mentions.values()))
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _update(self, table: str, rows: list[dict[str, Any]], columns: dict[str, pa.DataType]) -> None:
        """UPDATE ``table`` from an Arrow batch keyed by ``id`` (one statement for all rows)."""
        if not rows:
            return
        schema = pa.schema([pa.field("id", pa.string()), *(pa.field(c, t) for c, t in columns.items())])
        tbl = pa.Table.from_pylist([{n: r.get(n) for n in schema.names} for r in rows], schema=schema)
        sets = ", ".join(f'"{c}" = b."{c}"' for c in columns)
        self.con.register("_ew_update", tbl)
        try:
            self.con.execute(f'UPDATE "{table}" SET {sets} FROM _ew_update b WHERE "{table}".id = b.id')
        finally:
            self.con.unregister("_ew_update")

    def write_stories(self, stories: Iterable[Story]) -> int:
        rows = [
            {"id": s.id, "headline": s.headline, "article_ids": list(s.article_ids),
             "num_articles": s.num_articles, "num_sources": s.num_sources, "first_seen": s.first_seen,
             "last_seen": s.last_seen, "digest": _json(to_dict(list(s.digest))), "event_ids": list(s.event_ids)}
            for s in stories
        ]
        if not rows:
            return 0
        schema = pa.schema([("id", pa.string()), ("headline", pa.string()), ("article_ids", pa.list_(pa.string())),
                            ("num_articles", pa.int32()), ("num_sources", pa.int32()), ("first_seen", pa.date32()),
                            ("last_seen", pa.date32()), ("digest", pa.string()), ("event_ids", pa.list_(pa.string()))])
        tbl = pa.Table.from_pylist(rows, schema=schema)
        self.con.execute("BEGIN TRANSACTION")
        self.con.register("_ew_stories", tbl)
        try:
            self.con.execute("DELETE FROM stories WHERE id IN (SELECT id FROM _ew_stories)")
            self.con.execute("INSERT INTO stories SELECT id, headline, article_ids, num_articles, num_sources, "
                             "first_seen, last_seen, CAST(digest AS JSON), event_ids FROM _ew_stories")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.unregister("_ew_stories")
        return len(rows)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)

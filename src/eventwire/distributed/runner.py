"""Run the extraction pipeline on Dask workers; the driver stays the single DuckDB writer.

Workers load the models once (a worker plugin keeps one ``Pipeline`` per worker process), process partitions of
articles and send back plain records (the spaCy Doc is dropped). Optionally each worker also writes its events as
date-partitioned Parquet (``published=YYYY-MM-DD/part-<id>.parquet``) that ``eventwire.store.attach_parquet``
can query in place. Results equal the local engine's: ids are content hashes and nothing depends on order.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from ..records import Analysis, Article, Failure
from ..runner import RunSummary, StoryTracker, _new_only, record_result
from ..store import Writer, connect
from ..store.db import WRITE_WAIT_SECONDS

PLUGIN_NAME = "eventwire-pipeline"


@dataclass(frozen=True)
class DaskOptions:
    scheduler: str | None = None  # address of an existing scheduler; None starts a LocalCluster
    workers: int = 2
    threads_per_worker: int = 1
    partition_size: int = 64
    max_in_flight: int = 8  # partitions queued per worker, to bound driver memory
    parquet_dir: Path | None = None
    actors_file: Path | None = None


class PipelinePlugin(WorkerPlugin):
    """Dask worker plugin: build the pipeline once when the worker starts."""

    name = PLUGIN_NAME

    def __init__(self, actors_file: Path | None = None) -> None:
        self.actors_file = actors_file
        self.pipeline: Any = None

    def setup(self, worker: Any) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(actors_file=self.actors_file)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def process_partition(articles: list[Analysis], parquet_dir: str | None = None) -> list[Analysis | Failure]:
    """Runs on a worker: extraction for one partition with the worker's own pipeline."""
    from distributed import get_worker

    plugin: PipelinePlugin = get_worker().plugins[PLUGIN_NAME]  # type: ignore[assignment]
    results = list(plugin.pipeline.run(articles))
    if parquet_dir:
        write_partition_parquet([r for r in results if isinstance(r, Analysis)], Path(parquet_dir))
    return results


def write_partition_parquet(analyses: list[Analysis], root: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..records import content_hash
    from ..serialize import event_record

    by_day: dict[str, list[dict[str, Any]]] = {}
    for a in analyses:
        day = a.article.published.isoformat() if a.article.published else "unknown"
        for e in a.events:
            rec = event_record(e, iso=True)
            rec["published"] = day
            rec["outlet"] = a.article.source
            by_day.setdefault(day, []).append(rec)
    written = []
    for day, rows in by_day.items():
        folder = root / f"published={day}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{content_hash(*(r['id'] for r in rows))}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        written.append(path)
    return written


def _partitions(items: Iterable[Article | Failure], size: int,
                failures: list[Failure]) -> Iterator[list[Article]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        failures.extend(x for x in chunk if isinstance(x, Failure))
        arts = [x for x in chunk if isinstance(x, Article)]
        if arts:
            yield arts


def local_cluster(workers: int, threads_per_worker: int = 1) -> Any:
    """A LocalCluster of worker processes on 127.0.0.1, without the web dashboard."""
    from distributed import LocalCluster

    return LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=threads_per_worker, processes=True,
        dashboard_address=None, host="127.0.0.1")


def _client(opts: DaskOptions) -> tuple[Any, Any]:
    from distributed import Client

    if opts.scheduler:
        return Client(opts.scheduler), None  # type: ignore[no-untyped-call]
    cluster = local_cluster(opts.workers, opts.threads_per_worker)
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def run_dask(
    items: Iterable[Article | Failure],
    *,
    db: Path | str = "eventwire.duckdb",
    options: DaskOptions | None = None,
    on_article: Callable[[Analysis | Failure], None] | None = None,
    lock_wait: float = WRITE_WAIT_SECONDS,
) -> RunSummary:
    """Like ``runner.run_articles`` but the extraction runs on Dask workers. Results are taken back in
    submission order, so the order-dependent driver steps (near-duplicates, story clustering) see exactly what
    the local engine sees and the store ends up the same."""
    opts = options or DaskOptions()
    t0 = time.perf_counter()
    summary = RunSummary(db=str(db))
    con = connect(db, wait=lock_wait)  # before the cluster starts: a store that stays locked fails fast
    try:
        client, cluster = _client(opts)
    except BaseException:
        con.close()
        raise
    try:
        client.register_plugin(PipelinePlugin(opts.actors_file), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or opts.workers)
        with Writer(con) as writer:
            tracker = StoryTracker()
            failures: list[Failure] = []
            parts = _partitions(_new_only(items, writer, summary), opts.partition_size, failures)
            pq_dir = str(opts.parquet_dir) if opts.parquet_dir else None
            queue: deque[Any] = deque()
            for part in islice(parts, n_workers * opts.max_in_flight):
                queue.append(client.submit(process_partition, tracker.before(part, failures), pq_dir, pure=False))
            while queue:
                fut = queue.popleft()
                for result in tracker.after(fut.result(), writer):
                    record_result(result, writer, summary, on_article)
                fut.release()
                nxt = next(parts, None)
                if nxt is not None:
                    queue.append(client.submit(process_partition, tracker.before(nxt, failures), pq_dir, pure=False))
                while failures:
                    record_result(failures.pop(0), writer, summary, on_article)
            while failures:  # ingest failures read after the last partition was submitted
                record_result(failures.pop(0), writer, summary, on_article)
            writer.flush()
            summary.stories = tracker.finalise(writer)
    finally:
        con.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - t0
    return summary

"""Throughput and memory benchmark with a same-run baseline.

Each measurement runs in a fresh process (so its peak RSS is its own) on the same articles:
(a) eventwire end to end (articles → pipeline → DuckDB store), (b) the baseline: spaCy's full en_core_web_sm
pipeline alone over the same texts with ``nlp.pipe`` and the same number of processes, (c) the ratio a/b.
Figures are reported as ratios to the baseline measured in the same run, never as absolute pass/fail timings.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import resource
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import StageError
from .records import Article, Failure


@dataclass(frozen=True)
class BenchConfig:
    corpus: Path
    limit: int | None = 2000
    processes: int = 1
    batch_size: int = 64
    political: bool = True  # also bench the political subset (so a pre-filter cannot flatter the result)
    prefilter: bool = True
    dask_workers: tuple[int, ...] = ()  # also run the Dask engine with each of these worker counts (e.g. (1, 2))


def _peak_rss_mb() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(max(me, kids), 1), "peak_rss_mb_main": round(me, 1),
            "peak_rss_mb_children": round(kids, 1)}


def load_articles(corpus: Path, limit: int | None) -> list[Article]:
    from .ingest import read_paths

    items: Iterable[Article | Failure] = read_paths([corpus])
    arts = (a for a in items if isinstance(a, Article))
    return list(islice(arts, limit) if limit else arts)


def _baseline(texts: list[str], processes: int, batch_size: int, out: Any) -> None:
    import spacy

    from .nlp.model import MODEL_PACKAGES

    t0 = time.perf_counter()
    nlp = spacy.load(MODEL_PACKAGES[0])  # the stock pipeline: none of eventwire's components or memo tables
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    sentences = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        sentences += sum(1 for _ in doc.sents)
    out.put({"seconds": time.perf_counter() - t1, "load_seconds": load_s, "sentences": sentences,
             **_peak_rss_mb()})


def _eventwire(articles: list[Article], processes: int, batch_size: int, prefilter: bool, out: Any) -> None:
    from .pipeline import Pipeline, default_stages
    from .runner import run_articles

    t0 = time.perf_counter()
    if processes > 1:  # worker processes run all extraction stages; their start-up (spawn, model and dictionary
        # loading) is timed apart as load_seconds, like the model loading of one process
        pipe = Pipeline(batch_size=batch_size, processes=processes, prefilter=prefilter)
        pipe.start()
    else:
        pipe = Pipeline(default_stages(prefilter=prefilter), batch_size=batch_size)
    _load_story_model()
    load_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t1 = time.perf_counter()
        summary = run_articles(articles, db=Path(tmp) / "bench.duckdb", pipeline=pipe)
        pipe.close()  # workers exit here, so their peak RSS is counted below
        seconds = time.perf_counter() - t1
    sentences = pipe.info.sentences
    out.put({"seconds": seconds, "load_seconds": load_s, "articles": summary.articles,
             "events": summary.events, "failures": summary.failures, "skipped_known": summary.skipped_known,
             "run_info": pipe.info.as_dict(), "sentences": sentences, "parse": _parse_stats(pipe),
             **_peak_rss_mb()})


def _load_story_model() -> None:
    """The story embedding model, whenever it is installed and the setting does not switch it off (the run
    itself loads it only at its first headline-only article): loaded here so that, like spaCy's model, its
    one-time loading is timed apart; embedding each headline stays in the timed run. The peak RSS therefore
    includes the model even for a corpus without headlines."""
    from .config import load_settings
    from .stories import embed

    if load_settings().story_embeddings is not False and embed.model_installed():
        embed.load_model()


def _parse_stats(pipe: Any) -> dict[str, float]:
    """Share of articles, sentences and characters that reached spaCy's full pipeline."""
    return pipe.parse_stats()  # type: ignore[no-any-return]


def political_subset(articles: list[Article]) -> list[Article]:
    """Articles that mention at least one state actor and one event trigger (a first, cheap pass)."""
    from .nlp import default_filter

    f = default_filter()
    return [a for a in articles if f.political(a.text)]


def _in_fresh_process(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, q))
    proc.start()
    while True:  # a child that dies (bad config, out of memory) must not leave the parent waiting forever
        try:
            result = q.get(timeout=2)
            break
        except queue.Empty:
            if not proc.is_alive() and q.empty():
                raise StageError(f"benchmark process {target.__name__} exited with code {proc.exitcode} "
                                 "without a result (see its traceback above)") from None
    proc.join()
    return result  # type: ignore[no-any-return]


def _compare(articles: list[Article], cfg: BenchConfig) -> dict[str, Any]:
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    base = _in_fresh_process(_baseline, texts, cfg.processes, cfg.batch_size)
    ours = _in_fresh_process(_eventwire, articles, cfg.processes, cfg.batch_size, cfg.prefilter)
    n = len(articles)

    def rates(r: dict[str, Any]) -> dict[str, float]:
        s = max(r["seconds"], 1e-9)
        return {"articles_per_s": round(n / s, 2), "chars_per_s": round(chars / s, 1),
                "sentences_per_s": round(r.get("sentences", 0) / s, 1)}

    result: dict[str, Any] = {"articles": n, "chars": chars, "baseline": {**base, **rates(base)},
              "eventwire": {**ours, **rates(ours)}}
    result["ratio"] = round(result["eventwire"]["chars_per_s"] / max(result["baseline"]["chars_per_s"], 1e-9), 3)
    return result


def run_bench(cfg: BenchConfig) -> dict[str, Any]:
    """The full sample, then (``cfg.political``) its political subset, each against its own baseline; then
    (``cfg.dask_workers``) the Dask engine on the full sample with each worker count."""
    articles = load_articles(cfg.corpus, cfg.limit)
    result: dict[str, Any] = {"corpus": str(cfg.corpus), "processes": cfg.processes, "prefilter": cfg.prefilter,
                              **_compare(articles, cfg)}
    if cfg.political:
        subset = political_subset(articles)
        result["political"] = {"share_of_articles": round(len(subset) / max(len(articles), 1), 4),
                               **(_compare(subset, cfg) if subset else {})}
    if cfg.dask_workers:
        result["dask"] = dask_scaling(articles, cfg.dask_workers)
    return result


def _dask(articles: list[Article], workers: int, out: Any) -> None:
    """The Dask engine on a LocalCluster of ``workers`` single-threaded worker processes. Cluster start and model
    loading are timed apart (``startup_seconds``: a warm-up run on a few articles loads the pipeline on every
    worker), so ``seconds`` is the steady-state run over all articles, driver (story tracking, writer) included."""
    from distributed import Client

    from .distributed import DaskOptions, run_dask
    from .distributed.runner import local_cluster

    t0 = time.perf_counter()
    cluster = local_cluster(workers)
    client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        opts = DaskOptions(scheduler=cluster.scheduler_address, workers=workers)
        with tempfile.TemporaryDirectory() as tmp:
            run_dask(articles[: 2 * workers], db=Path(tmp) / "warm.duckdb", options=opts)
            _load_story_model()  # the driver's story model, as in the local runs
            startup = time.perf_counter() - t0
            t1 = time.perf_counter()
            summary = run_dask(articles, db=Path(tmp) / "bench.duckdb", options=opts)
            seconds = time.perf_counter() - t1
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        cluster.close()
    out.put({"workers": workers, "seconds": round(seconds, 2), "startup_seconds": round(startup, 2),
             "articles": summary.articles, "events": summary.events,
             "peak_rss_mb_per_worker": round(max(worker_rss.values(), default=0.0), 1), **_peak_rss_mb()})


def dask_scaling(articles: list[Article], workers: Iterable[int] = (1, 2)) -> dict[str, Any]:
    """Seconds of the Dask engine per worker count on the same articles, and the speed-up of each over the
    smallest count (issue 9 asks for 2 workers over 1)."""
    runs = {n: _in_fresh_process(_dask, articles, n) for n in sorted(set(workers))}
    chars = sum(len(a.text) for a in articles)
    for r in runs.values():
        r["chars_per_s"] = round(chars / max(r["seconds"], 1e-9), 1)
    base = runs[min(runs)]
    return {"runs": {str(n): r for n, r in runs.items()},
            "speedup": {str(n): round(base["seconds"] / max(r["seconds"], 1e-9), 3) for n, r in runs.items()}}


def _stories(articles: list[Article], out: Any) -> None:
    """Near-duplicates + streaming story clustering alone, in article order (the driver-side story steps)."""
    from .stories import NearDuplicateDetector, StoryClusterer

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dedup, clusterer = NearDuplicateDetector(), StoryClusterer()
    sizes: list[int] = []
    t0 = time.perf_counter()
    copies = 0
    for i, article in enumerate(articles):
        original = dedup.check(article)
        copies += original is not None
        clusterer.add(article, duplicate_of=original)
        if i % 1000 == 999:
            sizes.append(sum(clusterer.state_size().values()) + sum(dedup.state_size().values()))
    seconds = time.perf_counter() - t0
    out.put({"articles": len(articles), "seconds": round(seconds, 2),
             "articles_per_s": round(len(articles) / max(seconds, 1e-9), 1), "near_duplicates": copies,
             "stories": clusterer.state_size()["stories"], "state_entries_per_1000": sizes,
             "rss_before_mb": round(rss0, 1), **_peak_rss_mb()})


def run_story_bench(corpus: Path, limit: int | None = 10_000) -> dict[str, Any]:
    """Memory and speed of story clustering over ``limit`` articles streamed in order (issue 7)."""
    articles = load_articles(corpus, limit)
    return _in_fresh_process(_stories, articles)

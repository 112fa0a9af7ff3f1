"""A stage that never returns on one article costs that article (a ``timeout`` failure), not the run."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator

import pytest

from eventwire.deadline import TimeLimitExceeded, time_limit
from eventwire.errors import ArticleTimeoutError
from eventwire.pipeline import Pipeline
from eventwire.records import Analysis, Article, Failure


class _Spins:
    """Loops forever on articles that mention 'spin', and swallows ordinary exceptions while it does."""

    name = "spins"

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for item in items:
            while "spin" in item.article.text:
                try:
                    time.sleep(0.001)
                except Exception:  # noqa: BLE001, S112 - a careless stage must still be stoppable
                    continue
            yield item


def _articles(n: int, bad: set[int]) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Article {i} {'spin' if i in bad else 'fine'}.") for i in range(n)]


def _run(pipe: Pipeline, articles: list[Article]) -> list[Analysis | Failure]:
    return list(pipe.run(articles))


def test_an_endless_stage_becomes_a_timeout_failure_and_the_batch_goes_on() -> None:
    pipe = Pipeline(stages=[_Spins()], batch_size=8, time_limit=0.3)
    results = _run(pipe, _articles(5, bad={2}))
    assert [type(r).__name__ for r in results] == ["Analysis"] * 2 + ["Failure"] + ["Analysis"] * 2
    failure = results[2]
    assert isinstance(failure, Failure)
    assert failure.code == "timeout" and failure.article_id == "a2" and "time limit" in failure.message
    assert pipe.info.failures == 1 and pipe.info.articles == 4


def test_the_limit_works_in_a_thread_as_in_dask_workers() -> None:
    out: list[list[Analysis | Failure]] = []
    pipe = Pipeline(stages=[_Spins()], batch_size=4, time_limit=0.3)
    worker = threading.Thread(target=lambda: out.append(_run(pipe, _articles(3, bad={0}))))
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert [r.code for r in out[0] if isinstance(r, Failure)] == ["timeout"]


def test_analyse_raises_a_clear_error() -> None:
    pipe = Pipeline(stages=[_Spins()], time_limit=0.2)
    with pytest.raises(ArticleTimeoutError, match="time limit"):
        pipe.analyse(Article(id="x", text="spin"))


def test_no_limit_and_the_budget_grows_with_the_text() -> None:
    assert Pipeline(stages=[], time_limit=0).budget([Analysis(article=Article(id="x", text="a" * 10))]) == 0
    pipe = Pipeline(stages=[], time_limit=10)
    short, long = (Analysis(article=Article(id="x", text="a" * n)) for n in (10, 200_000))
    assert 10 < pipe.budget([short]) < pipe.budget([long]) == 10 + 100


def test_the_setting_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_ARTICLE_TIME_LIMIT", "7.5")
    assert Pipeline(stages=[]).time_limit == 7.5


def test_a_block_that_ends_in_time_is_not_interrupted_later() -> None:
    for _ in range(200):  # a limit that expires right as the block ends must not leak out of the statement
        try:
            with time_limit(0.0005):
                sum(range(300))
        except TimeLimitExceeded:
            pass  # stopped inside the block: allowed
    time.sleep(0.05)  # a leaked, withdrawn-too-late interruption would surface here
    with time_limit(5):
        time.sleep(0.01)


def test_time_limit_exceeded_escapes_except_exception() -> None:
    assert not issubclass(TimeLimitExceeded, Exception)


def test_a_runaway_regular_expression_is_stopped_in_the_main_thread() -> None:
    import re

    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.3):
        re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking: hours
    assert time.monotonic() - start < 5


def test_a_stage_that_swallows_the_interruption_is_interrupted_again() -> None:
    def stubborn() -> int:
        hits = 0
        while hits < 3:
            try:
                time.sleep(0.01)
            except TimeLimitExceeded:
                hits += 1
        return hits

    out: list[object] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                out.append(stubborn())
                time.sleep(10)
        except TimeLimitExceeded:
            out.append("stopped")

    for runner in (work, lambda: threading.Thread(target=work).start()):
        out.clear()
        runner()
        deadline = time.monotonic() + 20
        while len(out) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert out == [3, "stopped"]

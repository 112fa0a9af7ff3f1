"""The story steps of ``eventwire run`` (runner.StoryTracker): a batch is clustered in one call, so the clusterer
embeds its headlines in one model call; an article that breaks the batch costs only itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pytest

from eventwire.records import Analysis, Failure
from eventwire.runner import StoryTracker
from eventwire.stories import StoryClusterer
from eventwire.stories.embed import DIMENSION

from .conftest import article

HEADLINES = [
    "Powerful earthquake kills five in northern Chile",
    "Deadly quake jolts Pacific coastline near Iquique",
    "Ruling party wins parliamentary election in Hungary",
    "Governing coalition secures landslide at the polls",
]


def _batch() -> list[Analysis]:
    return [Analysis(article=article(h, h, "2014-04-01", source=f"s{i}")) for i, h in enumerate(HEADLINES)]


def test_a_batch_is_clustered_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.stories.cluster as cluster_mod

    calls: list[int] = []

    def fake(articles, chars, batch_size=32):  # type: ignore[no-untyped-def]
        calls.append(len(articles))
        return [np.full(DIMENSION, DIMENSION**-0.5, dtype=np.float32) for _ in articles]

    monkeypatch.setattr(cluster_mod, "embed_articles", fake)
    monkeypatch.setattr(cluster_mod, "model_installed", lambda: True)
    monkeypatch.setattr(cluster_mod, "load_model", lambda: object())
    tracker = StoryTracker()
    tracker.clusterer = StoryClusterer(embeddings="headlines")
    failure = Failure(origin="x", code="parse_error", message="bad", article_id="x", stage="nlp")
    items = _batch()
    out = tracker.after([items[0], failure, *items[1:]], writer=None)  # type: ignore[arg-type]
    assert calls == [4]  # one model call for the batch's headlines, not one per article
    assert out[1] is failure and [a.article.id for a in out if isinstance(a, Analysis)] == [
        a.article.id for a in items]
    assert all(isinstance(a, Failure) or a.story_id for a in out)


class _Exploding(StoryClusterer):
    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for item in items:
            if "Iquique" in item.article.text:
                raise RuntimeError("clusterer exploded")
            yield from super().pipe([item])


def test_an_article_that_breaks_the_batch_costs_only_itself() -> None:
    tracker = StoryTracker()
    tracker.clusterer = _Exploding(embeddings=False)
    out = tracker.after(_batch(), writer=None)  # type: ignore[arg-type]
    assert [type(r).__name__ for r in out] == ["Analysis", "Failure", "Analysis", "Analysis"]
    assert isinstance(out[1], Failure) and out[1].stage == "stories" and "exploded" in out[1].message
    # the article clustered before the failure is not counted twice when the batch goes again one by one
    assert tracker.clusterer.state_size()["articles"] == 3
    assert sum(len(v) for v in tracker.kept.values()) == 3

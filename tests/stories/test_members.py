"""Member vectors (a story's latest articles) and the incrementally re-weighed centroid cache."""

from __future__ import annotations

import datetime as dt

from eventwire.stories import StoryClusterer, cluster_articles
from eventwire.stories.text import DocumentFrequencies, norm

from .conftest import article
from .test_cluster import ELECTION, QUAKE

RESCUE = (
    "Rescue teams in Iquique searched the collapsed houses for survivors of the Chile earthquake, and the "
    "government sent soldiers to the northern port after the tsunami warning was lifted."
)
RESCUE_LATER = (
    "Weeks after the Chile earthquake, rescue teams in Iquique ended the search of collapsed houses for "
    "survivors, and soldiers left the northern port where the tsunami warning had forced thousands to flee."
)


def _day(offset: int) -> str:
    return (dt.date(2014, 4, 1) + dt.timedelta(days=offset)).isoformat()


def _late_stream(late: str) -> list:
    return [article(QUAKE[0], published=_day(0)), article(RESCUE, published=_day(1)),
            article(QUAKE[2], published=_day(2)), article(late, published=_day(60))]


def test_a_late_report_close_to_one_member_survives_the_time_decay() -> None:
    arts = _late_stream(RESCUE_LATER)
    on = cluster_articles(arts, StoryClusterer(embeddings=False))
    off = cluster_articles(arts, StoryClusterer(embeddings=False, member_vectors=0))
    assert len(set(on[:3])) == 1 and len(set(off[:3])) == 1
    assert on[3] == on[0]  # 58 days after the story was last seen, but close to its rescue report
    assert off[3] != off[0]  # the centroid alone, decayed by exp(-58 / 30), falls below the threshold


def test_the_floor_needs_a_close_member() -> None:
    labels = cluster_articles(_late_stream(ELECTION[0]), StoryClusterer(embeddings=False, member_time_floor=1.0))
    assert labels[3] != labels[0]  # no time decay at all for a close member, and still no join for another story


def test_members_are_bounded_and_merges_keep_the_latest() -> None:
    clusterer = StoryClusterer(embeddings=False, member_vectors=2)
    for i, text in enumerate([*QUAKE, RESCUE]):
        clusterer.add(article(text, published=_day(i)))
    story = next(s for s in clusterer._stories.values() if s.size >= 3)
    assert len(story.members) == 2
    assert [m.seq for m in story.members] == sorted(m.seq for m in story.members)
    other = next(s for s in clusterer._stories.values() if s is not story) if len(clusterer._stories) > 1 else None
    if other is None:  # all one story: make a second one and merge it in
        clusterer.add(article(ELECTION[0], published=_day(5)))
        other = next(s for s in clusterer._stories.values() if s is not story)
    newest = max([*story.members, *other.members], key=lambda m: m.seq).seq
    kept = clusterer._merge(story, other)
    assert len(kept.members) == 2 and kept.members[-1].seq == newest
    off = StoryClusterer(embeddings=False, member_vectors=0)
    for text in QUAKE:
        off.add(article(text))
    assert all(not s.members for s in off._stories.values())


def test_incremental_centroid_weights_equal_a_full_weighing() -> None:
    """After every article, each story's cached weighted centroid, when made with the memoised IDF values of the
    current generation, equals weighing the whole centroid again: the same values, term order and norm."""
    clusterer = StoryClusterer(embeddings=False)
    texts = [*QUAKE, *ELECTION, RESCUE, RESCUE_LATER] * 3
    incremental = 0
    for i, text in enumerate(texts):
        clusterer.add(article(f"{text} Update {i}.", published=_day(i // 4)))
        for story in list(clusterer._stories.values()):
            before = story.cache_key
            tv, ntv, nv, nnv = clusterer._weighted(story)
            if before is not None and before[0] != story.size:
                incremental += story.cache_gen == (clusterer.df.generation, clusterer.name_df.generation)
            if story.cache_gen != (clusterer.df.generation, clusterer.name_df.generation):
                continue
            full, names = clusterer.df.weigh(story.tf), clusterer.name_df.weigh(story.names)
            if story.cache_gen != (clusterer.df.generation, clusterer.name_df.generation):
                continue  # weighing it again dropped the memoised values
            assert list(tv) == list(story.tf) and tv == full and ntv == norm(full)
            assert nv == names and nnv == norm(names)
    assert incremental > 0  # the incremental path ran


def test_weigh_matches_idf_and_counts_generations() -> None:
    df = DocumentFrequencies()
    for text in ("quake chile", "quake iquique", "election hungary"):
        df.add(text.split())
    df.add(["tsunami warning", "quake"])
    gen = df.generation
    weights = df.weigh({"quake": 2.0, "tsunami warning": 1.0, "unseen": 1.0})
    assert weights == {"quake": 2.0 * df.idf("quake"), "tsunami warning": df.idf("tsunami warning"),
                       "unseen": df.idf("unseen")}
    df.add(["quake"])
    df.add(["quake"])  # the collection grew by more than 2%: memoised values are dropped
    df.weigh({"quake": 1.0})
    assert df.generation > gen


def test_the_floor_stops_at_the_time_window() -> None:
    arts = _late_stream(RESCUE_LATER)  # the late report comes 58 days after the story was last seen
    labels = cluster_articles(arts, StoryClusterer(embeddings=False, window_days=40))
    assert labels[3] != labels[0]

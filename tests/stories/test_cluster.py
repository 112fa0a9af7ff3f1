from __future__ import annotations

import datetime as dt

from eventwire.records import Analysis, Article, content_hash
from eventwire.stories import NearDuplicateDetector, StoryClusterer, cluster_articles

from .conftest import article

QUAKE = [
    "A strong earthquake struck northern Chile on Tuesday, killing five people and triggering a tsunami warning "
    "along the Pacific coast near Iquique.",
    "Rescue teams in Iquique searched collapsed houses after the Chile earthquake killed five people and forced "
    "thousands to flee the tsunami warning.",
    "Chile's president declared Iquique a disaster zone after the magnitude 8.2 earthquake and tsunami warning.",
]
ELECTION = [
    "Voters in Hungary went to the polls on Sunday in a parliamentary election that Prime Minister Viktor Orban "
    "is expected to win.",
    "Viktor Orban claimed victory in Hungary's parliamentary election as his party won a two-thirds majority.",
    "Opposition parties in Hungary conceded defeat in the parliamentary election won by Orban's Fidesz party.",
]


def _interleaved() -> list[Article]:
    out = []
    for i, (q, e) in enumerate(zip(QUAKE, ELECTION, strict=True)):
        day = f"2014-04-0{i + 1}"
        out += [article(q, published=day, source=f"q{i}"), article(e, published=day, source=f"e{i}")]
    return out


def test_two_interleaved_stories_are_separated() -> None:
    labels = cluster_articles(_interleaved())
    assert len(set(labels[0::2])) == 1
    assert len(set(labels[1::2])) == 1
    assert labels[0] != labels[1]


def test_story_id_is_stable_hash_of_first_article() -> None:
    arts = _interleaved()
    labels = cluster_articles(arts)
    assert labels[0] == content_hash("story", arts[0].id)
    assert labels == cluster_articles(arts)  # deterministic


def test_stage_sets_story_id_and_copies_follow_their_original() -> None:
    arts = _interleaved()
    copy = article(ELECTION[0] + " (Editing by staff.)", published="2014-04-03", source="wire")
    det = NearDuplicateDetector()
    items = [Analysis(article=a, duplicate_of=det.check(a)) for a in [*arts, copy]]
    clusterer = StoryClusterer()
    out = list(clusterer.pipe(items))
    assert StoryClusterer.name == "stories"
    assert out[-1].duplicate_of == arts[1].id
    assert clusterer.resolve(out[-1].story_id or "") == clusterer.resolve(out[1].story_id or "")


def test_old_story_is_not_joined_after_the_time_window() -> None:
    first = article(QUAKE[0], published="2014-01-01")
    late = article(QUAKE[1], published="2014-06-01")
    labels = cluster_articles([first, late], StoryClusterer(window_days=30))
    assert labels[0] != labels[1]


def test_undated_articles_are_clustered_by_text() -> None:
    arts = [article(t, published=None) for t in (*QUAKE, *ELECTION)]
    labels = cluster_articles(arts)
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1 and labels[0] != labels[3]


def test_actor_and_place_countries_are_used_when_present() -> None:
    clusterer = StoryClusterer()
    a = article("Talks resumed in the capital on the border dispute.", published="2014-04-01")
    doc = clusterer._doc(a, None)
    assert not any(n.startswith("#") for n in doc.names) and not doc.ents
    from eventwire.records import Place

    place = Place(text="the capital", start=16, end=27, name="Addis Ababa", country="ETH", geonameid=344979)
    doc = clusterer._doc(a, Analysis(article=a, places=(place,)))
    # Resolved entities feed the topic level, not the text-level names channel.
    assert set(doc.ents) == {"c:ETH", "p:344979"} and "@addis ababa" not in doc.names


def test_state_stays_bounded_over_a_long_stream() -> None:
    """10,000 synthetic articles over 100 topics and 200 days: every table stays under its configured bound."""
    # word features only: one model call per article would take minutes (test_embed covers the centroid bound)
    clusterer = StoryClusterer(max_stories=150, window_days=5, remember_articles=2_000, df_window=3_000,
                               embeddings=False)
    detector = NearDuplicateDetector(window=1_000, window_days=3)
    start = dt.date(2020, 1, 1)
    biggest: dict[str, int] = {}
    for i in range(10_000):
        topic = i % 100
        day = start + dt.timedelta(days=i // 50)
        text = (f"topic{topic} word{topic}x{i % 7} report number {i} about place{topic} and leader{(i * 7) % 997} "
                f"with term{i} and term{i + 1} on day {day.isoformat()}")
        a = article(text, published=day.isoformat())
        clusterer.add(a, duplicate_of=detector.check(a))
        for key, value in clusterer.state_size().items():
            biggest[key] = max(biggest.get(key, 0), value)
        assert len(detector) <= 1_000
    assert biggest["stories"] <= 151  # the bound is enforced right after each article
    assert biggest["articles"] <= 2_000
    assert biggest["aliases"] <= 2_000
    assert biggest["df_terms"] < 3 * 3_000 * 20  # decayed: at most ~2 windows of documents' terms survive
    assert len(clusterer._index) <= 151 * 2 * 300 * 2
    assert detector.state_size()["entries"] <= 1_000


def test_reingesting_an_article_keeps_its_story_and_state() -> None:
    clusterer = StoryClusterer()
    arts = _interleaved()
    first = [clusterer.add(a) for a in arts]
    before = clusterer.state_size()
    assert [clusterer.add(a) for a in arts] == [clusterer.resolve(s) for s in first]
    assert clusterer.state_size() == before


def test_full_articles_get_word_pair_terms_and_headlines_do_not() -> None:
    clusterer = StoryClusterer()
    long_doc = clusterer._doc(article(QUAKE[0] + " " + QUAKE[1]), None)
    assert "tsunami warning" in long_doc.tf and "tsunami" in long_doc.tf
    assert long_doc.tf["tsunami warning"] < long_doc.tf["tsunami"]  # pairs weigh less than words
    headline = clusterer._doc(article("Chile earthquake triggers tsunami warning"), None)
    assert not any(" " in t for t in headline.tf)
    assert not any(" " in t for t in StoryClusterer(bigram_weight=0.0)._doc(article(QUAKE[0]), None).tf)


def test_headline_stories_merge_at_their_own_threshold() -> None:
    from eventwire.stories.cluster import _Story

    # short_merge_threshold is the word-only threshold (embed_short_merge_threshold applies with embeddings)
    clusterer = StoryClusterer(merge_threshold=0.3, short_merge_threshold=0.2, embeddings=False)
    clusterer.add(article("Chile quake kills five"))
    clusterer.add(article(QUAKE[0] + " " + QUAKE[1]))
    counted = list(clusterer._stories.values())
    assert [(s.size, s.short) for s in counted] in ([(1, 1), (1, 0)], [(2, 1)])  # headline-only articles counted
    heads = _Story(id="h1", created=1, size=3, short=3), _Story(id="h2", created=2, size=2, short=2)
    mixed = _Story(id="m", created=3, size=3, short=1)
    assert clusterer._merge_threshold(*heads) == 0.2
    assert clusterer._merge_threshold(heads[0], mixed) == 0.3

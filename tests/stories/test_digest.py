from __future__ import annotations

import datetime as dt

from eventwire.records import Analysis
from eventwire.stories import build_digest

from .conftest import article
from .test_cluster import QUAKE

MORE = [
    "The earthquake struck at 8:46 p.m. local time about 95 kilometres northwest of Iquique, officials said.",
    "Power was cut in several towns and a landslide blocked the main road to the coastal city of Iquique.",
    "Hundreds of inmates escaped from a women's prison in Iquique during the evacuation, the police said.",
]


def _story() -> list[Analysis]:
    arts = [article(f"{q} {m}", published=f"2014-04-0{i + 1}", source=f"outlet-{i}", external_id=f"a{i}")
            for i, (q, m) in enumerate(zip(QUAKE, MORE, strict=True))]
    arts.append(article(QUAKE[0] + " " + MORE[0], published="2014-04-02", source="outlet-9", external_id="copy"))
    out = [Analysis(article=a, story_id="st") for a in arts]
    out[-1] = Analysis(article=arts[-1], story_id="st", duplicate_of=arts[0].id)
    return out


def test_headline_given_is_kept_and_sentences_are_attributed() -> None:
    story = build_digest(_story(), headline="Quake hits Chile")
    assert story.headline == "Quake hits Chile"
    assert 3 <= len(story.digest) <= 6
    assert all(set(d) == {"sentence", "article_id", "source"} for d in story.digest)
    assert {d["article_id"] for d in story.digest} <= {"a0", "a1", "a2"}  # never the copy
    assert story.id == "st" and story.num_articles == 4 and story.num_sources == 4
    assert story.first_seen == dt.date(2014, 4, 1) and story.last_seen == dt.date(2014, 4, 3)
    assert story.article_ids == ("a0", "a1", "a2", "copy")


def test_no_two_digest_sentences_repeat_each_other() -> None:
    sentences = [d["sentence"] for d in build_digest(_story(), max_sentences=6).digest]
    assert len(sentences) == len(set(sentences))


def test_without_titles_the_most_central_sentence_becomes_the_headline() -> None:
    story = build_digest(_story())
    assert "earthquake" in story.headline.lower()
    assert story.headline not in [d["sentence"] for d in story.digest]


def test_first_article_title_is_the_default_headline() -> None:
    items = _story()
    titled = article(items[1].article.text, title="Chile counts the cost", external_id="t")
    story = build_digest([items[0], Analysis(article=titled), *items[2:]])
    assert story.headline == "Chile counts the cost"


def test_word_budget_is_respected() -> None:
    titled = build_digest(_story(), headline="Quake hits Chile", max_sentences=20, max_words=40)
    words = [len(d["sentence"].split()) for d in titled.digest]
    assert sum(words[:-1]) < 40  # the budget stops selection; the last sentence may run over it
    composed = build_digest(_story(), max_sentences=20, max_words=40)  # no titles: the headline is a sentence
    words = [len(composed.headline.split())] + [len(d["sentence"].split()) for d in composed.digest]
    assert sum(words[:-1]) < 40  # and it counts against the budget


def test_empty_story() -> None:
    story = build_digest([])
    assert story.digest == () and story.num_articles == 0


def test_concept_bigrams_skip_stopword_pairs_and_fold_plurals() -> None:
    from eventwire.stories.text import concept_bigrams

    grams = concept_bigrams("The rescue teams searched in the ruins")
    assert ("rescue", "team") in grams and ("the", "rescue") in grams
    assert ("in", "the") not in grams  # two stopwords say nothing


def test_concepts_are_bigrams_several_articles_use() -> None:
    from eventwire.stories.digest import _candidates, _score, concept_weights

    items = _story()
    weights = concept_weights(_score(items, _candidates(items)))
    assert weights[("tsunami", "warning")] == 3.0  # in all three originals (the copy is skipped)
    assert ("women's", "prison") not in weights  # one article's detail is no concept of the story


def test_digest_covers_what_the_articles_share_before_one_article_detail() -> None:
    shared = "Rescue teams pulled survivors from the collapsed hotel in the port city of Iquique on Wednesday."
    arts = [
        article(f"{shared} The mayor asked residents to stay calm.", source="o1", external_id="b1"),
        article(f"{shared} A baker said his shop had lost its windows and much of its stock.", source="o2",
                external_id="b2"),
        article(f"{shared} Schools will stay closed until Monday, officials said.", source="o3", external_id="b3"),
        article("A fisherman in a village far to the south said the sea pulled back about a hundred metres "
                "before the wave came in.", source="o4", external_id="b4"),
    ]
    story = build_digest([Analysis(article=a) for a in arts], headline="Quake", max_sentences=1)
    assert story.digest[0]["sentence"] == shared

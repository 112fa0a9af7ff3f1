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
    story = build_digest(_story(), max_sentences=20, max_words=40)
    words = [len(d["sentence"].split()) for d in story.digest]
    assert sum(words[:-1]) < 40  # the budget stops selection; the last sentence may run over it


def test_empty_story() -> None:
    story = build_digest([])
    assert story.digest == () and story.num_articles == 0

"""The candidate pre-filter and the NLP stage that parses only candidate sentences."""

from __future__ import annotations

from typing import Any

from eventwire.nlp import NLP, CandidateFilter, rough_sentences
from eventwire.pipeline import Pipeline, default_stages
from eventwire.records import Analysis, Article

TEXT = (
    "Crude oil prices rose 20 cts to 18.50 dlrs a barrel in early trading on Monday.\n\n"
    "Iraqi troops attacked Iranian positions near Basra, killing 40 soldiers, Iran said.\n\n"
    "Mr. Shultz met U.S. Ambassador Smith in Geneva. He urged Moscow to release the prisoners.\n\n"
    "Volume was light at 12 mln shares."
)


def _article(text: str) -> Article:
    return Article(id=Article.make_id("", text), text=text)


def test_rough_sentences_cover_the_text_and_keep_abbreviations() -> None:
    spans = rough_sentences(TEXT)
    assert spans[0][0] == 0 and spans[-1][1] == len(TEXT)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    texts = [TEXT[s:e].strip() for s, e in spans]
    assert "Mr. Shultz met U.S. Ambassador Smith in Geneva." in texts  # "Mr." and "U.S." end nothing


def test_candidates_need_a_trigger_and_an_actor(candidates: CandidateFilter) -> None:
    marks = {TEXT[s.start : s.end].strip(): s.candidate for s in candidates.segments(TEXT)}
    assert marks["Iraqi troops attacked Iranian positions near Basra, killing 40 soldiers, Iran said."]
    assert marks["He urged Moscow to release the prisoners."]
    assert not marks["Volume was light at 12 mln shares."]
    assert not marks["Crude oil prices rose 20 cts to 18.50 dlrs a barrel in early trading on Monday."]


def test_pronoun_only_candidate_pulls_in_the_named_sentence_before(candidates: CandidateFilter) -> None:
    text = "Prime Minister Nakasone arrived in Washington.\n\nPrices were steady.\n\nHe urged restraint."
    marks = [s.candidate for s in candidates.segments(text)]
    assert marks == [True, False, True]


def test_case_sensitive_names_and_months(candidates: CandidateFilter) -> None:
    # "us" the pronoun is not the US; "March" the month is not the verb
    assert not any(s.candidate for s in candidates.segments("Let us March on into the new year."))
    assert candidates.political("The US condemned the attack.")
    assert not candidates.political("The company reported higher profits.")


def test_filtered_doc_keeps_offsets_and_sentence_indices(nlp: Any, candidates: CandidateFilter) -> None:
    stage = NLP(prefilter=candidates)
    (a,) = stage.pipe([Analysis(article=_article(TEXT))])
    doc = a.doc
    assert len(doc.text) == len(TEXT)
    assert [s.start_char for s in doc.sents] == [s.start for s in a.sentences]
    for s in a.sentences:
        assert s.text == TEXT[s.start : s.end]
    skipped = [s for s in a.sentences if not doc.text[s.start : s.end].strip()]
    assert any(s.text.startswith("Volume was light") for s in skipped)
    attack = next(t for t in doc if t.text == "attacked")
    assert attack.lemma_ == "attack" and attack.dep_ in ("ROOT", "ccomp")
    assert TEXT[attack.idx : attack.idx + len("attacked")] == "attacked"
    assert {e.text for e in doc.ents} >= {"Iraqi", "Basra"}
    stats = stage.stats.as_dict()
    assert 0 < stats["share_sentences_parsed"] < 1 and stats["articles_parsed"] == 1


def test_article_without_candidates_gets_sentences_but_no_parse(candidates: CandidateFilter) -> None:
    text = "Volume was light at 12 mln shares.\n\nPrices were steady."
    (a,) = NLP(prefilter=candidates).pipe([Analysis(article=_article(text))])
    assert [s.text.strip() for s in a.sentences] == ["Volume was light at 12 mln shares.", "Prices were steady."]
    assert not a.doc.text.strip()


def test_prefilter_keeps_events_of_the_full_parse() -> None:
    full = Pipeline(default_stages(prefilter=False)).analyse(_article(TEXT))
    fast = Pipeline(default_stages(prefilter=True)).analyse(_article(TEXT))

    def key(a: Analysis) -> set[tuple[str, int, int]]:
        return {(e.cameo_code, e.evidence.start, e.evidence.end) for e in a.events}

    assert key(fast) == key(full) and key(full)
    def actors(a: Analysis) -> set[tuple[int, int, str | None]]:
        return {(r.start, r.end, r.cameo_code) for r in a.actors}

    assert actors(fast) <= actors(full)


def test_nominal_trigger_heads_match_as_nouns_only() -> None:
    """A nominal trigger's head word ("accord") stands for its noun forms ("accords"), not for verb forms that
    the coder never matches as that noun ("according to")."""
    from eventwire.events.patterns import Pattern
    from eventwire.nlp.prefilter import trigger_rules

    f = CandidateFilter(["Egypt"], ["Egypt"], [], trigger_rules([Pattern(code="057", nouns=("accord",))]))

    def marked(text: str) -> bool:
        return any(s.candidate for s in f.segments(text))

    assert marked("Egypt signed the accords on Monday.")
    assert marked("Egypt hailed the accord.")
    assert not marked("Exports rose in Egypt, according to the ministry.")


def test_casualty_counts_are_parsed_without_an_actor(candidates: CandidateFilter) -> None:
    text = ("The attack left 25 dead and 40 wounded. The death toll rose to 57. "
            "Weak sales hurt profits. Sales rose 12 pct to 40 mln dlrs.")
    marked = [(text[s.start:s.end].strip(), s.candidate) for s in candidates.segments(text)]
    assert marked == [("The attack left 25 dead and 40 wounded.", True), ("The death toll rose to 57.", True),
                      ("Weak sales hurt profits.", False), ("Sales rose 12 pct to 40 mln dlrs.", False)]


def test_casualties_in_unparsed_text_would_be_lost() -> None:
    """What the rule is for: the quantities stage counts casualties only in parsed sentences."""
    from eventwire.quantities import QuantityExtractor

    stages = default_stages()
    pipe = Pipeline(stages[:1] + [QuantityExtractor()], batch_size=4)
    result = next(iter(pipe.run([_article("The attack left 25 dead and 40 wounded.")])))
    assert isinstance(result, Analysis)
    assert [(q.value, q.kind) for q in result.quantities] == [(25.0, "fatalities"), (40.0, "injuries")]

"""The memoised attribute ruler + lemmatizer gives exactly what spaCy's own two components give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from eventwire.nlp import lemma_lookups, load_model
from eventwire.nlp.attributes import MemoAttributes

SEED = Path(__file__).resolve().parents[3] / "shared" / "acceptance" / "seed"
SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"

# multi-token exceptions of the ruler ("there is", "gon na", "let's", "ain't", "y'all", "c'mon") and words the
# ruler re-tags by word ("that", "something", "but" as adverb)
TRICKY = [
    "There is a problem. There were two. Y'all gon na see, let's go, c'mon! They ain't done it.",
    "Something happened to nobody, but everyone knew that the ministry had said that it would.",
    "There's no deal: there are talks, but there is no agreement, and it ain't over.",
    "Kabul  (Reuters)  -  Talks resumed.\n\n  The envoy met  them   on Monday.\n \nIt rained.",
]


def texts() -> list[str]:
    out = list(TRICKY)
    for path in (SEED / "story.txt", SEED / "story_plain_names.txt", SAMPLE / "france_mali_statement.txt"):
        if path.exists():
            out.extend(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return out * 2  # the second pass is answered from the memo table


@pytest.fixture(scope="module")
def stock() -> Any:
    """Our pipeline (line-break sentences too) with spaCy's own attribute ruler and lemmatizer."""
    nlp = load_model(memo_attributes=False)
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    return nlp


def annotations(doc: Any) -> tuple[Any, list[str], list[str]]:
    return doc.to_array([POS, MORPH, LEMMA, TAG, DEP]), [t.lemma_ for t in doc], [str(t.morph) for t in doc]


def test_memo_output_is_identical_to_spacy(stock: Any) -> None:
    memo_nlp = load_model()
    assert "eventwire_memo_attributes" in memo_nlp.pipe_names
    assert "attribute_ruler" not in memo_nlp.pipe_names and "lemmatizer" not in memo_nlp.pipe_names
    all_texts = texts()
    assert len(all_texts) > 10
    for a, b in zip(stock.pipe(all_texts), memo_nlp.pipe(all_texts), strict=True):
        arr_a, lem_a, morph_a = annotations(a)
        arr_b, lem_b, morph_b = annotations(b)
        assert lem_a == lem_b, a.text
        assert morph_a == morph_b, a.text
        assert numpy.array_equal(arr_a, arr_b), a.text
    memo = memo_nlp.get_pipe("eventwire_memo_attributes")
    assert memo.hits > 0  # the repeated texts came from the table


def test_expletive_there_is_keyed_by_its_match(stock: Any) -> None:
    memo_nlp = load_model()
    doc = memo_nlp("There is a problem.")
    ref = stock("There is a problem.")
    assert doc[1].pos_ == ref[1].pos_ == "VERB"  # the ruler's multi-token exception, not the AUX tag mapping
    alone = memo_nlp("It is a problem.")
    assert alone[1].pos_ == stock("It is a problem.")[1].pos_ == "AUX"


def test_bounded_table(stock: Any) -> None:
    memo = MemoAttributes(stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer"), max_entries=5)
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = stock("The ministry said the talks in Doha would resume on Monday after a long pause.")
    ref = stock("The ministry said the talks in Doha would resume on Monday after a long pause.")
    out = memo(doc)
    assert len(memo.table) <= 5
    assert [t.lemma_ for t in out] == [t.lemma_ for t in ref]
    assert [t.pos_ for t in out] == [t.pos_ for t in ref]


def test_lemma_lookups_still_reach_the_disabled_lemmatizer() -> None:
    lookups = lemma_lookups(load_model())
    assert lookups is not None and lookups.has_table("lemma_exc")

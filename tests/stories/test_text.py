from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.stories.text import DocumentFrequencies, content_terms, countries_in, name_terms, split_sentences


def test_sentences_respect_abbreviations_and_newlines() -> None:
    text = "Mr. Smith met U.S. officials on Friday. They agreed.\nHeadline line\nThe end."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith met U.S. officials on Friday.", "They agreed.", "Headline line", "The end."
    ]


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"'AZ"), max_size=200))
def test_sentence_spans_are_ordered_disjoint_and_trimmed(text: str) -> None:
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end


def test_names_and_countries() -> None:
    names = name_terms("Syrian forces shelled Aleppo. The Turkish government protested to Bashar al-Assad.")
    assert "aleppo" in names and "turkish" in names and "bashar al assad" in names
    assert set(countries_in(["syrian forces", "turkish", "south korean navy", "russian federation"])) == {
        "KOR", "RUS", "SYR", "TUR"
    }


def test_content_terms_drop_stopwords_and_fold_plurals() -> None:
    assert content_terms("The missiles were fired at the cities") == ["missile", "fired", "city"]


def test_document_frequencies_decay_keeps_table_bounded() -> None:
    df = DocumentFrequencies(window=10)
    for i in range(100):
        df.add([f"rare{i}", "common"])
    assert len(df) <= 2 * 10 + 1
    assert df.idf("common") < df.idf("rare99") < df.idf("never-seen")


def test_word_pairs_share_a_bounded_set_of_df_keys() -> None:
    from eventwire.stories import text

    df = text.DocumentFrequencies()
    for i in range(3 * text.PAIR_BUCKETS // 1000):
        df.add([f"w{i} x{j}" for j in range(1000)] + ["earthquake"])
    assert len(df) <= text.PAIR_BUCKETS + 1  # every pair key is a bucket; the word keeps its own key
    assert df.idf("earthquake") < df.idf("asian game")  # a pair shares its bucket with a few others at most
    fresh = text.DocumentFrequencies()
    fresh.add(["asian game", "stock market"])
    fresh.add(["stock market"])
    assert text._key("stock market") == text._key("stock market") != "stock market"
    assert fresh.idf("stock market") < fresh.idf("asian game") < fresh.idf("bird flu")

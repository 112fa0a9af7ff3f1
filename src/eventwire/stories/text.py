"""Text helpers shared by dedup, clustering and digests: normalisation, tokens, names, sentences, TF-IDF.

Everything here is cheap and spaCy-free on purpose: near-duplicate detection runs before NLP, and story
clustering must keep up with ingest.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A capitalised word (or an all-caps acronym) — the spaCy-free stand-in for named-entity mentions.
_NAME = re.compile(r"\b[A-Z][A-Za-z0-9\-]+(?:\s+(?:[A-Z][A-Za-z0-9\-]+|al-|bin|de|la|van|von))*")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; newlines also end sentences (headline and dateline lines).
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")


def _data_lines(name: str) -> list[str]:
    text = resources.files("eventwire").joinpath("data", "stories", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_data_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(_data_lines("abbreviations.txt"))


def normalise(text: str) -> str:
    """Lower-cased, NFKC, typographic quotes and dashes folded: copies that differ only in typography match."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


def words(text: str) -> list[str]:
    """All word tokens of the normalised text (stopwords kept: shingles need word order)."""
    return _WORD.findall(normalise(text))


def _stem(token: str) -> str:
    # A light plural/possessive fold; full stemming costs more than it gains for story similarity.
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def content_terms(text: str) -> list[str]:
    """Stemmed content words (no stopwords, no pure numbers shorter than 4 digits)."""
    stop = stopwords()
    out = []
    for tok in words(text):
        if tok in stop or len(tok) < 2 or (tok.isdigit() and len(tok) < 4):
            continue
        out.append(_stem(tok))
    return out


def name_terms(text: str) -> list[str]:
    """Capitalised word sequences not at a sentence start: a cheap proxy for people, places, organisations."""
    stop = stopwords()
    out = []
    for m in _NAME.finditer(text):
        start = m.start()
        prefix = text[max(0, start - 3) : start]
        at_start = start == 0 or bool(re.search(r"[.!?\n\"“]\s*$", prefix))
        phrase = m.group(0)
        toks = [t for t in words(phrase) if t not in stop]
        if not toks or (at_start and len(toks) == 1):
            continue
        out.append(" ".join(toks))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (spaCy-free). Abbreviations such as "Mr." or "U.S." do not end one."""
    abbrev = abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        before = text[start : m.start()].rstrip("\"'”’)]")
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if m.group(0).strip() and (last in abbrev or (len(last) == 1 and last.isalpha())):
            continue
        _add_span(text, start, m.start(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sublinear(counts: Counter[str]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


class DocumentFrequencies:
    """Incremental document frequencies with bounded memory.

    Counts are halved (and terms whose count falls below 0.5 dropped) each time ``window`` documents have been
    added, so the table follows the news of the last few windows and never grows with the stream's length.
    """

    def __init__(self, window: int = 20_000) -> None:
        self.window = window
        self.df: dict[str, float] = {}
        self.n = 0.0
        self._since_decay = 0

    def add(self, terms: Iterable[str]) -> None:
        df = self.df
        for t in set(terms):
            df[t] = df.get(t, 0.0) + 1.0
        self.n += 1.0
        self._since_decay += 1
        if self._since_decay >= self.window:
            self._decay()

    def _decay(self) -> None:
        self._since_decay = 0
        self.n /= 2.0
        self.df = {t: c / 2.0 for t, c in self.df.items() if c >= 1.0}

    def idf(self, term: str) -> float:
        return math.log((self.n + 1.0) / (self.df.get(term, 0.0) + 1.0)) + 1.0

    def weigh(self, tf: dict[str, float]) -> dict[str, float]:
        return {t: w * self.idf(t) for t, w in tf.items()}

    def __len__(self) -> int:
        return len(self.df)


def norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vec.values()))


def cosine(a: dict[str, float], b: dict[str, float], na: float | None = None, nb: float | None = None) -> float:
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if dot == 0.0:
        return 0.0
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0

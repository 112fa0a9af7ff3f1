"""Text helpers shared by dedup, clustering and digests: normalisation, tokens, names, sentences, TF-IDF.

Everything here is cheap and spaCy-free on purpose: near-duplicate detection runs before NLP, and story
clustering must keep up with ingest.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A capitalised word (or an all-caps acronym) — the spaCy-free stand-in for named-entity mentions.
_NAME = re.compile(
    r"\b(?:al-)?[A-Z][A-Za-z0-9\-]+(?:\s+(?:(?:al|bin|de|del|der|du|la|van|von)\s+)?(?:al-)?[A-Z][A-Za-z0-9\-]+)*"
)
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


def concept_bigrams(text: str) -> list[tuple[str, str]]:
    """Word bigrams (light-stemmed) that are not two stopwords: the concepts digests cover ("air strike",
    "killed five", "of Iquique"), ICSISumm style. Stopwords stay inside bigrams: they carry the phrasing."""
    stop = stopwords()
    toks = [(_stem(t), t in stop) for t in words(text)]
    return [(a, b) for (a, sa), (b, sb) in zip(toks, toks[1:], strict=False) if not (sa and sb)]


def name_terms(text: str) -> list[str]:
    """Capitalised word sequences: a cheap proxy for people, places, organisations.

    A sentence-initial capital proves nothing, so there a leading stopword ("The Turkish government") is
    dropped and a lone word is kept only when it names a country ("Syrian forces ...").
    """
    stop = stopwords()
    countries = country_names()
    out = []
    for m in _NAME.finditer(text):
        start = m.start()
        at_start = start == 0 or bool(re.search(r"[.!?\n\"“]\s*$", text[max(0, start - 3) : start]))
        toks = words(m.group(0))
        while toks and toks[0] in stop:
            toks = toks[1:]
            at_start = False
        if not toks or (at_start and len(toks) == 1 and toks[0] not in countries):
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
        if "\n" not in m.group(0) and (last in abbrev or (len(last) == 1 and last.isalpha())):
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


PAIR_BUCKETS = 1 << 17


def _key(term: str) -> str:
    """The table key of a term: word pairs (``"asian game"``) share ``PAIR_BUCKETS`` hashed keys. Pairs are many
    and mostly seen once; hashing bounds their share of the table, and a collision only lowers an IDF a little.
    crc32, not ``hash()``: the same keys in every process, so runs are reproducible."""
    if " " not in term:
        return term
    return f" {zlib.crc32(term.encode()) % PAIR_BUCKETS}"


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
        # IDF values are memoised until the collection grows by 2% (or decays): weighing story centroids is the
        # clusterer's hot loop, and a few documents more barely move a logarithm.
        self._idf: dict[str, float] = {}
        self._idf_n = 0.0
        self.generation = 0  # bumped whenever the memoised IDF values are dropped: weighings of one generation agree

    def add(self, terms: Iterable[str]) -> None:
        df = self.df
        for t in {_key(t) for t in terms}:
            df[t] = df.get(t, 0.0) + 1.0
        self.n += 1.0
        self._since_decay += 1
        if self._since_decay >= self.window:
            self._decay()

    def _decay(self) -> None:
        self._idf = {}
        self.generation += 1
        self._since_decay = 0
        self.n /= 2.0
        self.df = {t: c / 2.0 for t, c in self.df.items() if c >= 1.0}

    def idf(self, term: str) -> float:
        return math.log((self.n + 1.0) / (self.df.get(_key(term), 0.0) + 1.0)) + 1.0

    def weigh(self, tf: dict[str, float]) -> dict[str, float]:
        if self.n > self._idf_n * 1.02 + 1.0 or len(self._idf) > 4 * self.window:
            self._idf = {}
            self._idf_n = self.n
            self.generation += 1
        cache = self._idf
        # The misses first, in one tight loop (the same expression as ``idf``, so the same values): weighing
        # story centroids is the clusterer's hot spot, and a method call per term cost more than the logarithm.
        missing = [t for t in tf if t not in cache]
        if missing:
            df, n1, log = self.df, self.n + 1.0, math.log
            for t in missing:
                key = t if " " not in t else f" {zlib.crc32(t.encode()) % PAIR_BUCKETS}"  # ``_key``, inlined
                cache[t] = log(n1 / (df.get(key, 0.0) + 1.0)) + 1.0
        return {t: w * cache[t] for t, w in tf.items()}

    def __len__(self) -> int:
        return len(self.df)


def norm(vec: dict[str, float]) -> float:
    values = vec.values()
    return math.sqrt(sum(map(operator.mul, values, values)))  # the same sum as a generator, in half the time


def cosine(a: dict[str, float], b: dict[str, float], na: float | None = None, nb: float | None = None) -> float:
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if dot == 0.0:
        return 0.0
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-case country name or demonym -> ISO3 (pycountry names plus the demonyms in countries.tsv)."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table[value.lower()] = country.alpha_3
    for line in _data_lines("countries.tsv"):
        name, _tab, code = line.partition("\t")
        table[name.strip()] = code.strip()
    return table


def countries_in(names: Iterable[str]) -> list[str]:
    """ISO3 codes of the countries named (or named by demonym) in name phrases: "Syrian army" -> SYR."""
    table = country_names()
    out = []
    for phrase in names:
        toks = phrase.split()
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                code = table.get(" ".join(toks[i : i + n]))
                if code:
                    out.append(code)
    return out

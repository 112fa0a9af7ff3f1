"""Streaming near-duplicate detection: MinHash LSH over word shingles, bounded by a window of articles/days.

It runs before NLP so that wire copies and light re-edits cost a hash, not a parse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..errors import ConfigError
from ..records import Analysis, Article
from .text import words


@dataclass(frozen=True, slots=True)
class _Entry:
    article_id: str
    published: dt.date | None
    minhash: MinHash


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


class NearDuplicateDetector:
    """Remembers recent articles and says which earlier one a new article copies (Jaccard of word shingles).

    ``threshold`` is the Jaccard similarity of ``shingle``-word shingles above which two texts are copies;
    memory holds at most ``window`` articles and none older than ``window_days`` before the newest seen.
    """

    def __init__(
        self,
        threshold: float = 0.5,
        *,
        shingle: int = 3,
        num_perm: int = 128,
        window: int = 10_000,
        window_days: int | None = 7,
        min_words: int = 8,
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ConfigError(f"threshold must be in (0, 1), got {threshold}")
        if window < 1 or shingle < 1:
            raise ConfigError("window and shingle must be positive")
        self.threshold = threshold
        self.shingle = shingle
        self.num_perm = num_perm
        self.window = window
        self.window_days = window_days
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()  # insertion (= stream) order, oldest first
        self._exact: dict[bytes, str] = {}  # digest of the normalised text -> key: identical copies in O(1)
        self._key_digest: dict[str, bytes] = {}
        self._seq = 0
        self._newest: dt.date | None = None
        self._template = MinHash(num_perm=num_perm)  # permutations are computed once, then copied

    def __len__(self) -> int:
        return len(self._entries)

    def shingles(self, article: Article) -> list[bytes]:
        """Word shingles of the body; the title only when the body is too short to stand alone, because
        outlets re-headline wire copies while keeping the body."""
        toks = words(article.text)
        if len(toks) < self.min_words and article.title and not article.text.startswith(article.title):
            toks = words(article.title) + toks
        k = self.shingle if len(toks) >= self.shingle else max(1, len(toks))
        return [" ".join(toks[i : i + k]).encode("utf-8") for i in range(len(toks) - k + 1)]

    def _minhash(self, shingles: list[bytes]) -> MinHash:
        mh = self._template.copy()
        mh.update_batch(shingles)
        return mh

    def check(self, article: Article) -> str | None:
        """The id of an earlier near-duplicate of ``article`` (or None); the article is remembered either way."""
        shingles = self.shingles(article)
        if not shingles:
            return None
        digest = hashlib.blake2b(b"\x00".join(shingles), digest_size=16).digest()
        self._advance(_day(article.published))
        found = self._exact.get(digest)
        if found is not None:
            exact = self._entries[found].article_id
            return None if exact == article.id else exact
        mh = self._minhash(shingles)
        original = self._best_match(mh, article.id)
        self._remember(article, mh, digest)
        return original

    def _best_match(self, mh: MinHash, article_id: str) -> str | None:
        best, best_j = None, -1.0
        # Oldest first, strict improvement: on a tie the earliest article is the original, in every run.
        for key in sorted(self._lsh.query(mh), key=int):
            entry = self._entries[key]
            j = mh.jaccard(entry.minhash)
            if j >= self.threshold and j > best_j and entry.article_id != article_id:
                best, best_j = entry.article_id, j
        return best

    def _remember(self, article: Article, mh: MinHash, digest: bytes) -> None:
        self._seq += 1
        key = f"{self._seq}"
        self._entries[key] = _Entry(article.id, _day(article.published), mh)
        self._exact[digest] = key
        self._key_digest[key] = digest
        self._lsh.insert(key, mh, check_duplication=False)
        while len(self._entries) > self.window:
            self._evict_oldest()

    def _advance(self, published: dt.date | None) -> None:
        if published is None or (self._newest is not None and published <= self._newest):
            return
        self._newest = published
        if self.window_days is None:
            return
        # dates near year 1 would underflow: the window then reaches back only to 0001-01-01
        cutoff = published - dt.timedelta(days=min(self.window_days, published.toordinal() - 1))
        # Stream order is roughly time order: evict from the old end while entries are out of the window.
        while self._entries:
            first = next(iter(self._entries.values()))
            if first.published is None or first.published >= cutoff:
                break
            self._evict_oldest()

    def _evict_oldest(self) -> None:
        key, _entry = self._entries.popitem(last=False)
        self._lsh.remove(key)
        digest = self._key_digest.pop(key)
        if self._exact.get(digest) == key:
            del self._exact[digest]

    def state_size(self) -> dict[str, int]:
        """Sizes of the internal tables (for memory checks and metrics)."""
        return {"entries": len(self._entries), "exact": len(self._exact), "lsh_keys": len(self._key_digest)}


class NearDuplicateStage:
    """Stage "dedup": sets ``analysis.duplicate_of`` to the article id of an earlier copy."""

    name = "dedup"

    def __init__(self, detector: NearDuplicateDetector | None = None) -> None:
        self.detector = detector or NearDuplicateDetector()

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            original = self.detector.check(analysis.article)
            yield dataclasses.replace(analysis, duplicate_of=original) if original else analysis


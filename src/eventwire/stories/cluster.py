"""Online story clustering: one pass over articles in time order, bounded memory, clusters can merge.

Each story keeps a centroid of sublinear term frequencies (content words) and of names (actors, places and
capitalised phrases). An article joins the most similar active story when

    (w_text * cos_tfidf(text) + w_names * cos_tfidf(names)) * exp(-gap_days / time_scale) >= threshold

where IDF comes from incrementally updated, decaying document frequencies and ``gap_days`` is the distance
from the article's date to the story's [first, last] dates (``short_threshold`` for headline-only articles,
whose cosines run lower; a match between ``low_threshold`` and ``threshold`` is taken when it beats the
runner-up ``margin`` times over). Otherwise the article starts a new story. After an article
joins, stories close to the updated one are merged into the older of the two; ``resolve`` maps a retired id
to the surviving one. Stories idle longer than ``window_days`` or beyond ``max_stories`` are retired.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import ConfigError
from ..records import Analysis, Article, content_hash
from .dedup import NearDuplicateDetector
from .text import DocumentFrequencies, content_terms, cosine, countries_in, name_terms, norm, sublinear


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = 0.17
    short_threshold: float = 0.08  # for headline-only articles (< short_terms terms): their cosines run lower
    short_terms: int = 15
    # A weaker match still joins when it stands out: score >= low_threshold and >= margin x the runner-up.
    low_threshold: float = 0.12
    margin: float = 3.0
    merge_threshold: float = 0.30
    w_text: float = 0.75
    w_names: float = 0.25
    title_weight: float = 2.0  # a headline word counts as much as this many body occurrences
    time_scale_days: float = 30.0
    window_days: float | None = 60.0
    max_stories: int = 2_000
    max_terms: int = 300  # centroid terms kept per story (the heaviest)
    query_terms: int = 12  # an article looks up candidate stories through its heaviest terms
    max_candidates: int = 10  # stories scored in full per article
    remember_articles: int = 20_000  # article id -> story id, for near-duplicate copies
    df_window: int = 20_000


_Vec = tuple[dict[str, float], float, dict[str, float], float]  # text tf-idf, its norm, names tf-idf, norm


@dataclass(slots=True)
class _Story:
    id: str
    created: int
    tf: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first: float | None = None
    last: float | None = None
    cache_key: tuple[int, float] | None = None  # (size, df.n) the cached weighted vectors were made with
    cache: _Vec | None = None


@dataclass(frozen=True, slots=True)
class _Doc:
    tf: dict[str, float]
    names: dict[str, float]
    when: float | None


def _days(value: dt.date | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.timestamp() / 86400.0
    return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC).timestamp() / 86400.0


class StoryClusterer:
    """Stage "stories": sets ``analysis.story_id`` (stable: a hash of the story's first article id)."""

    name = "stories"

    def __init__(self, config: ClusterConfig | None = None, **overrides: float | int | None) -> None:
        cfg = config or ClusterConfig()
        try:
            self.config = dataclasses.replace(cfg, **overrides)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(f"unknown StoryClusterer option: {exc}") from exc
        self.df = DocumentFrequencies(self.config.df_window)
        self.name_df = DocumentFrequencies(self.config.df_window)
        self._stories: OrderedDict[str, _Story] = OrderedDict()  # least recently updated first
        self._index: dict[str, set[str]] = {}  # term -> ids of active stories whose centroid holds it
        self._aliases: OrderedDict[str, str] = OrderedDict()  # merged story id -> surviving story id
        self._article_story: OrderedDict[str, str] = OrderedDict()
        self._seq = 0
        self._newest: float | None = None

    # -- public -------------------------------------------------------------------------------------
    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            story_id = self.add(analysis.article, analysis, duplicate_of=analysis.duplicate_of)
            yield dataclasses.replace(analysis, story_id=story_id)

    def add(self, article: Article, analysis: Analysis | None = None, duplicate_of: str | None = None) -> str:
        """Assign one article to a story and return the story id."""
        known = self._article_story.get(article.id)
        if known is not None and self.resolve(known) in self._stories:
            return self.resolve(known)  # re-ingest of the same article: same story, counted once
        self._seq += 1
        doc = self._doc(article, analysis)
        self.df.add(doc.tf)
        self.name_df.add(doc.names)
        self._advance(doc.when)
        vec = self._vectorise(doc)
        story = self._story_of_original(duplicate_of)
        candidates: list[tuple[float, _Story]] = []
        if story is None:
            candidates = self._scored_candidates(doc, vec)
            if self._accept(doc, candidates):
                story = candidates[0][1]
        if story is None:
            story = _Story(id=content_hash("story", article.id), created=self._seq)
            self._stories[story.id] = story
        self._absorb(story, doc)
        story = self._merge_neighbours(story, candidates)
        self._remember_article(article.id, story.id)
        self._evict()
        return story.id

    def _accept(self, doc: _Doc, candidates: list[tuple[float, _Story]]) -> bool:
        if not candidates:
            return False
        best = candidates[0][0]
        if len(doc.tf) < self.config.short_terms:
            return best >= self.config.short_threshold
        runner_up = candidates[1][0] if len(candidates) > 1 else 0.0
        if best >= self.config.threshold:
            return True
        return best >= self.config.low_threshold and best >= self.config.margin * runner_up

    def resolve(self, story_id: str) -> str:
        """The surviving id of a story that may since have been merged into another."""
        seen = 0
        while story_id in self._aliases and seen < 64:  # chains are short; the bound guards against cycles
            story_id = self._aliases[story_id]
            seen += 1
        return story_id

    def state_size(self) -> dict[str, int]:
        return {
            "stories": len(self._stories),
            "index_terms": len(self._index),
            "aliases": len(self._aliases),
            "articles": len(self._article_story),
            "df_terms": len(self.df),
            "name_df_terms": len(self.name_df),
        }

    # -- representation ---------------------------------------------------------------------------
    def _doc(self, article: Article, analysis: Analysis | None) -> _Doc:
        body = article.text
        title = article.title if article.title and not article.text.startswith(article.title) else ""
        tf = sublinear(Counter(content_terms(body)))
        if title:
            for term in set(content_terms(title)):
                tf[term] = tf.get(term, 0.0) + self.config.title_weight
        phrases = name_terms(f"{title}\n{body}" if title else body)
        names: Counter[str] = Counter(phrases)
        # Countries tie together reports that name them differently ("Syrian forces", "in Syria").
        names.update(f"#{code}" for code in countries_in(phrases))
        if analysis is not None:
            # Resolved actors and places name the same entity however it is written ("Moscow", "Russia's").
            for ref in (*analysis.actors, *analysis.places):
                names[f"@{ref.name.lower()}"] += 1
                if ref.country:
                    names[f"#{ref.country}"] += 1
        return _Doc(tf=tf, names=sublinear(names), when=_days(article.published))

    def _vectorise(self, doc: _Doc) -> _Vec:
        tv = self.df.weigh(doc.tf)
        nv = self.name_df.weigh(doc.names)
        return (tv, norm(tv), nv, norm(nv))

    def _weighted(self, story: _Story) -> _Vec:
        key = (story.size, self.df.n)
        cached = story.cache
        # IDF drifts slowly: reuse the weighted centroid until the story changes or the corpus grows by 25%.
        if cached is not None and story.cache_key is not None and story.cache_key[0] == story.size:
            if self.df.n <= story.cache_key[1] * 1.25 + 1:
                return cached
        tv = self.df.weigh(story.tf)
        nv = self.name_df.weigh(story.names)
        story.cache = (tv, norm(tv), nv, norm(nv))
        story.cache_key = key
        return story.cache

    def _pair(self, a: _Vec, b: _Vec) -> float:
        s = self.config.w_text * cosine(a[0], b[0], a[1], b[1])
        if a[2] and b[2]:
            return s + self.config.w_names * cosine(a[2], b[2], a[3], b[3])
        return s / self.config.w_text  # no names on one side: judge by text alone

    def _score(self, doc: _Doc, vec: _Vec, story: _Story) -> float:
        s = self._pair(vec, self._weighted(story))
        return s * self._time_factor(doc.when, story)

    def _time_factor(self, when: float | None, story: _Story) -> float:
        if when is None or story.first is None or story.last is None:
            return 1.0
        gap = max(0.0, story.first - when, when - story.last)
        return math.exp(-gap / self.config.time_scale_days)

    def _scored_candidates(self, doc: _Doc, vec: _Vec) -> list[tuple[float, _Story]]:
        tv, nv = vec[0], vec[2]
        k = self.config.query_terms
        top = [(t, tv[t]) for t in sorted(tv, key=tv.__getitem__, reverse=True)[:k]]
        top += [(f"n:{n}", nv[n]) for n in sorted(nv, key=nv.__getitem__, reverse=True)[:k]]
        # Rank stories by the weight of the query terms they share, and score only the best few in full:
        # in a dense stream common terms reach hundreds of stories, and a full cosine each is the hot spot.
        shared: Counter[str] = Counter()
        for term, weight in top:
            for sid in self._index.get(term, ()):
                shared[sid] += weight
        stories = self._stories
        # Ties broken by age, not by set order (str hashes vary between runs): results are reproducible.
        ids = heapq.nsmallest(self.config.max_candidates, shared, key=lambda i: (-shared[i], stories[i].created))
        scored = [(self._score(doc, vec, self._stories[i]), self._stories[i]) for i in ids]
        scored.sort(key=lambda p: (-p[0], p[1].created))
        return scored

    # -- updates ----------------------------------------------------------------------------------
    def _absorb(self, story: _Story, doc: _Doc | _Story) -> None:
        for term, w in doc.tf.items():
            if term not in story.tf:
                self._index.setdefault(term, set()).add(story.id)
            story.tf[term] = story.tf.get(term, 0.0) + w
        for name, w in doc.names.items():
            if name not in story.names:
                self._index.setdefault(f"n:{name}", set()).add(story.id)
            story.names[name] = story.names.get(name, 0.0) + w
        if isinstance(doc, _Story):
            story.size += doc.size
            times = [t for t in (doc.first, doc.last) if t is not None]
        else:
            story.size += 1
            times = [doc.when] if doc.when is not None else []
        for t in times:
            story.first = t if story.first is None else min(story.first, t)
            story.last = t if story.last is None else max(story.last, t)
        self._prune(story)
        self._stories.move_to_end(story.id)

    def _prune(self, story: _Story) -> None:
        limit = self.config.max_terms
        if len(story.tf) <= 2 * limit:  # prune in bulk, not on every article
            return
        keep = sorted(story.tf, key=story.tf.__getitem__, reverse=True)[:limit]
        dropped = set(story.tf) - set(keep)
        story.tf = {t: story.tf[t] for t in keep}
        for term in dropped:
            self._unindex(term, story.id)
        if len(story.names) > 2 * limit:
            kept = sorted(story.names, key=story.names.__getitem__, reverse=True)[:limit]
            for name in set(story.names) - set(kept):
                self._unindex(f"n:{name}", story.id)
            story.names = {n: story.names[n] for n in kept}

    def _unindex(self, term: str, story_id: str) -> None:
        ids = self._index.get(term)
        if ids is not None:
            ids.discard(story_id)
            if not ids:
                del self._index[term]

    def _unindex_story(self, story: _Story) -> None:
        for term in story.tf:
            self._unindex(term, story.id)
        for name in story.names:
            self._unindex(f"n:{name}", story.id)

    def _merge_neighbours(self, story: _Story, candidates: list[tuple[float, _Story]]) -> _Story:
        floor = self.config.threshold * 0.75
        for score, other in candidates:
            if score < floor:
                break
            if other.id == story.id or other.id not in self._stories or story.id not in self._stories:
                continue
            if self._story_similarity(story, other) >= self.config.merge_threshold:
                story = self._merge(story, other)
        return story

    def _story_similarity(self, a: _Story, b: _Story) -> float:
        s = self._pair(self._weighted(a), self._weighted(b))
        if a.first is not None and b.first is not None and a.last is not None and b.last is not None:
            gap = max(0.0, a.first - b.last, b.first - a.last)
            s *= math.exp(-gap / self.config.time_scale_days)
        return s

    def _merge(self, a: _Story, b: _Story) -> _Story:
        keep, gone = (a, b) if a.created <= b.created else (b, a)
        del self._stories[gone.id]
        self._unindex_story(gone)
        self._absorb(keep, gone)
        keep.cache = None
        self._aliases[gone.id] = keep.id
        while len(self._aliases) > self.config.remember_articles:
            self._aliases.popitem(last=False)
        return keep

    def _story_of_original(self, duplicate_of: str | None) -> _Story | None:
        if duplicate_of is None or duplicate_of not in self._article_story:
            return None
        return self._stories.get(self.resolve(self._article_story[duplicate_of]))

    def _remember_article(self, article_id: str, story_id: str) -> None:
        self._article_story[article_id] = story_id
        self._article_story.move_to_end(article_id)
        while len(self._article_story) > self.config.remember_articles:
            self._article_story.popitem(last=False)

    def _advance(self, when: float | None) -> None:
        if when is not None and (self._newest is None or when > self._newest):
            self._newest = when

    def _evict(self) -> None:
        window = self.config.window_days
        while self._stories:
            sid, oldest = next(iter(self._stories.items()))
            too_many = len(self._stories) > self.config.max_stories
            stale = (
                window is not None
                and self._newest is not None
                and oldest.last is not None
                and oldest.last < self._newest - window
            )
            if not (too_many or stale):
                break
            del self._stories[sid]
            self._unindex_story(oldest)


def cluster_articles(records: Iterable[Article], clusterer: StoryClusterer | None = None) -> list[str]:
    """Story id of each article (in input order), final after merges; copies join their original's story."""
    clusterer = clusterer or StoryClusterer()
    detector = NearDuplicateDetector()
    assigned = [clusterer.add(a, duplicate_of=detector.check(a)) for a in records]
    return [clusterer.resolve(s) for s in assigned]

"""Online story clustering: one pass over articles in time order, bounded memory, clusters can merge.

Each story keeps a centroid of sublinear term frequencies (content words, and for full articles adjacent
content-word pairs at ``bigram_weight``) and of names (actors, places and capitalised phrases). An article
joins the most similar active story when

    (w_text * cos_tfidf(text) + w_names * cos_tfidf(names)) * exp(-gap_days / time_scale) >= threshold

where IDF comes from incrementally updated, decaying document frequencies and ``gap_days`` is the distance
from the article's date to the story's [first, last] dates (``short_threshold`` for headline-only articles,
whose cosines run lower; a match between ``low_threshold`` and ``threshold`` is taken when it beats the
runner-up ``margin`` times over). A full article as close as ``member_match`` to one of the story's latest
``member_vectors`` articles is decayed by time to ``member_time_floor`` at most: a long story returns after
weeks with a report much like one of its own. Otherwise the article starts a new story. After an article
joins, stories close to the updated one are merged into the older of the two (``short_merge_threshold`` when
both are mostly headlines); ``resolve`` maps a retired id to the surviving one. Stories idle longer than
``window_days`` or beyond ``max_stories`` are retired.

Sentence embeddings (setting ``story_embeddings``; see ``embed``): an article's title + lead is embedded with
all-MiniLM-L6-v2 and each story keeps the sum of its articles' unit vectors. By default (setting unset) only
headline-only articles are embedded, and only when the model package is installed: their few words say little,
a headline costs a few word pieces, and full articles gain little from embeddings of their lead (dev B-cubed
UCI 0.823 -> 0.863 at ECB+ / DUC unchanged, where embedding every article gives 0.802 / 0.875 and costs ~120 ms
an article). ``story_embeddings = true`` embeds every article, ``false`` none. The score above
gains ``w_embed * (cos_embedding - embed_floor)`` (``w_embed_short`` / ``embed_floor_short`` for headline-only
articles, whose few words say little), the same term enters story merges, and the nearest stories by embedding
are scored beside those found through shared terms. ``pipe`` and ``cluster_articles`` embed a batch at a time.
Without the model the clusterer logs one warning and runs on words alone, with the word-only parameters.

Topic level: when the extraction stages have run, each article also carries entity features (countries,
actor codes, named actors, places, event dyads; see ``entities``). Stories within ``topic_days`` of each other
are merged when one holds enough of the other's IDF-weighted entity profile (``_topic_similarity``): the
reports of one day about one conflict (a strike, the reaction, the figures behind it) share few words but the
same specific entities, while one common country (USA alone) weighs little and never suffices.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..errors import ConfigError
from ..records import Analysis, Article, content_hash
from .dedup import NearDuplicateDetector
from .embed import CentroidIndex, Vector, embed_articles, load_model, model_installed
from .entities import entity_features
from .text import DocumentFrequencies, content_terms, cosine, countries_in, name_terms, norm, sublinear


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    # One setting for all three dev sets (ECB+, DUC 2004, UCI News), not tuned per set.
    threshold: float = 0.14
    short_threshold: float = 0.08  # for headline-only articles (< short_terms terms): their cosines run lower
    short_terms: int = 15
    # A weaker match still joins when it stands out: score >= low_threshold and >= margin x the runner-up.
    low_threshold: float = 0.10
    margin: float = 3.0
    merge_threshold: float = 0.30
    short_merge_threshold: float = 0.225  # two stories of mostly headline-only articles
    # Adjacent content-word pairs ("asian game", "human right") join the text vector of full articles at this
    # weight: they tell apart reports that share words but not the phrases of one event (headlines have too
    # few words for pairs to recur, so they get none).
    bigram_weight: float = 0.5
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
    # Topic level (needs the extraction stages): stories within ``topic_days`` of each other that share
    # ``topic_min_shared`` entity features (countries, actors, places, event dyads; IDF-weighted over the
    # stream) and hold ``topic_threshold`` of one another's entity mass are merged. None switches it off.
    # With ``topic_needs_specific`` countries alone never link: a headline naming only China (c:CHN) was
    # "contained" in every story of the day about China. 3 -> 4 shared features and that rule: extract-mode dev
    # F1 DUC 0.842 -> 0.860, UCI 0.850 -> 0.864 (headline embeddings on), ECB+ unchanged (undated: no links).
    topic_threshold: float | None = 0.3
    topic_days: float = 1.0
    topic_min_shared: int = 4
    topic_needs_specific: bool = True
    topic_small: int = 2  # stories of at most this many (analysed) articles are judged by containment
    # Sentence embeddings (all-MiniLM-L6-v2 of title + lead, see ``embed``): True embeds every article, "headlines"
    # only headline-only articles (when the model package is installed; cheap, and the same dev F1 on full
    # articles as words alone), False none; None takes the setting ``story_embeddings`` (unset: "headlines").
    # The score gains ``w_embed`` x (cosine to the story's centroid - ``embed_floor``): above the floor it lifts
    # reports worded differently, below it holds back stories that only share words.
    # Tuned by a small grid on the three dev sets together (one setting for all).
    embeddings: bool | str | None = None
    w_embed: float = 0.4
    embed_floor: float = 0.6
    # Headline-only articles share few words, so their meaning carries more of the decision.
    w_embed_short: float = 1.0
    embed_floor_short: float = 0.4
    # With embeddings on, a low cosine holds back unrelated stories, so the time decay can be gentler (long
    # TDT stories: DUC dev F1 0.854 -> 0.875) and headline stories merge only on a stronger score.
    embed_time_scale_days: float = 45.0
    embed_short_merge_threshold: float = 0.3
    embed_chars: int = 1500  # title + lead characters embedded per article (the model reads 256 pieces at most)
    embed_candidates: int = 5  # nearest stories by embedding scored beside the word-index candidates
    embed_batch: int = 64  # articles embedded together by ``pipe`` and ``cluster_articles``
    # Long stories: each story keeps the word vectors of its ``member_vectors`` latest articles. A full article
    # whose text score against one of them reaches ``member_match`` is not decayed below ``member_time_floor`` by
    # the time since the story was last seen: a TDT topic returns after weeks with a report much like one of its
    # own, while its centroid has blurred several sub-events (DUC 2004 dev: 20 of 24 missed joins had the right
    # story on top, cut below the threshold by time decay). One member, not the centroid, must match: the
    # centroid variant let more old stories of the same kind through (DUC dev precision 0.896 -> 0.854).
    member_vectors: int = 5
    member_match: float = 0.2
    member_time_floor: float = 0.6


HEADLINES = "headlines"  # embeddings mode: headline-only articles (the default when the model is installed)

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
    cache_gen: tuple[int, int] = (-1, -1)  # IDF generations (text, names) the cache was weighed in
    dirty: dict[str, None] = field(default_factory=dict)  # centroid terms changed since (in insertion order)
    dirty_names: dict[str, None] = field(default_factory=dict)
    ents: dict[str, float] = field(default_factory=dict)  # entity feature -> articles naming it
    ent_size: int = 0  # articles with entity features (copies skip extraction and have none)
    short: int = 0  # headline-only articles (fewer than ``short_terms`` terms)
    emb: Vector | None = None  # sum of the unit embeddings of its articles (direction = centroid)
    members: deque[_Member] = field(default_factory=deque)  # its latest articles (``member_vectors`` at most)


@dataclass(slots=True)
class _Member:
    tf: dict[str, float]
    names: dict[str, float]
    vec: _Vec  # weighted with the IDF of ``n`` documents
    n: float
    seq: int  # arrival order


@dataclass(frozen=True, slots=True)
class _Doc:
    tf: dict[str, float]
    names: dict[str, float]
    when: float | None
    ents: dict[str, float] = field(default_factory=dict)
    emb: Vector | None = None


def _days(value: dt.date | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.timestamp() / 86400.0
    return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC).timestamp() / 86400.0


class StoryClusterer:
    """Stage "stories": sets ``analysis.story_id`` (stable: a hash of the story's first article id)."""

    name = "stories"

    def __init__(self, config: ClusterConfig | None = None, **overrides: float | int | str | None) -> None:
        cfg = config or ClusterConfig()
        try:
            self.config = dataclasses.replace(cfg, **overrides)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(f"unknown StoryClusterer option: {exc}") from exc
        if self.config.embeddings is None:
            from ..config import load_settings

            setting = load_settings().story_embeddings
            self.config = dataclasses.replace(self.config, embeddings=HEADLINES if setting is None else setting)
        if self.config.embeddings not in (True, False, HEADLINES):
            raise ConfigError(f"embeddings must be true, false or {HEADLINES!r}, not {self.config.embeddings!r}")
        # The model itself loads on the first article that needs it (once per process); switched on but
        # unavailable -> one warning, words only. Headline mode stays quiet when the package is not installed.
        self._mode = "all" if self.config.embeddings is True else "off" if not self.config.embeddings else HEADLINES
        self._active: bool | None = None  # embeddings on and the model loaded (known after the first article)
        self.embedded = 0  # articles embedded so far
        self._centroids = CentroidIndex()
        self.df = DocumentFrequencies(self.config.df_window)
        self.name_df = DocumentFrequencies(self.config.df_window)
        self.ent_df = DocumentFrequencies(self.config.df_window)  # over articles with entity features only
        self._stories: OrderedDict[str, _Story] = OrderedDict()  # least recently updated first
        self._index: dict[str, set[str]] = {}  # term -> ids of active stories whose centroid holds it
        self._aliases: OrderedDict[str, str] = OrderedDict()  # merged story id -> surviving story id
        self._article_story: OrderedDict[str, str] = OrderedDict()
        self._seq = 0
        self._newest: float | None = None

    # -- public -------------------------------------------------------------------------------------
    @property
    def uses_embeddings(self) -> bool:
        """Whether articles are embedded (switched on and the model loads); in headline mode, headline-only
        ones. Asking loads the model (in headline mode only if it is installed)."""
        if self._active is None:
            if self._mode == "off" or (self._mode == HEADLINES and not model_installed()):
                self._active = False
            else:
                self._active = load_model() is not None
        return self._active

    @property
    def embedding_mode(self) -> str:
        """``"all"`` (title + lead of every article), ``"headlines"`` (headline-only articles) or ``"off"``."""
        return self._mode

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        chunk: list[Analysis] = []
        for analysis in items:
            chunk.append(analysis)
            if len(chunk) >= self.config.embed_batch:
                yield from self._pipe_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._pipe_chunk(chunk)

    def _pipe_chunk(self, chunk: list[Analysis]) -> Iterator[Analysis]:
        vectors = self.embed([(a.article, a.duplicate_of) for a in chunk])
        for analysis, vec in zip(chunk, vectors, strict=True):
            story_id = self.add(analysis.article, analysis, duplicate_of=analysis.duplicate_of, embedding=vec)
            yield dataclasses.replace(analysis, story_id=story_id)

    def embed(self, items: list[tuple[Article, str | None]]) -> list[Vector | None]:
        """Embeddings of a batch of (article, duplicate_of) in one model call; None for each when embeddings are
        off or unavailable, and for copies of a known article (they join their original's story unscored)."""
        todo = [i for i, (a, dup) in enumerate(items) if self._needs_embedding(a, dup)]
        out: list[Vector | None] = [None] * len(items)
        if todo and self.uses_embeddings:
            found = embed_articles([items[i][0] for i in todo], self.config.embed_chars)
            vecs: list[Vector | None] = list(found) if found is not None else [None] * len(todo)
            for i, vec in zip(todo, vecs, strict=True):
                out[i] = vec
            self.embedded += sum(v is not None for v in vecs)
        return out

    def _needs_embedding(self, article: Article, duplicate_of: str | None) -> bool:
        if self._mode == "off" or article.id in self._article_story:
            return False
        if duplicate_of is not None and duplicate_of in self._article_story:
            return False
        return self._mode == "all" or self._is_headline(article)

    def _is_headline(self, article: Article) -> bool:
        """An article of a headline alone (fewer than ``short_terms`` distinct content words, as ``_accept``
        judges it): the few words it shares with its story say little, and embedding it costs a few word pieces
        (a full article's lead costs up to 256)."""
        title = article.title if article.title and not article.text.startswith(article.title) else ""
        if len(article.text) + len(title) > 40 * self.config.short_terms:  # far too long to be a headline
            return False
        if "\n" in article.text.strip():  # a brief of several lines (a results table, a dividend notice)
            return False
        return len(set(content_terms(f"{title}\n{article.text}"))) < self.config.short_terms

    def add(self, article: Article, analysis: Analysis | None = None, duplicate_of: str | None = None,
            embedding: Vector | None = None) -> str:
        """Assign one article to a story and return the story id. ``embedding``: the article's unit vector,
        if the caller embedded a batch (``embed``); otherwise it is computed here when embeddings are on."""
        known = self._article_story.get(article.id)
        if known is not None and self.resolve(known) in self._stories:
            return self.resolve(known)  # re-ingest of the same article: same story, counted once
        self._seq += 1
        if embedding is None and self._story_of_original(duplicate_of) is None:
            embedding = (self.embed([(article, None)]) or [None])[0]
        doc = self._doc(article, analysis, embedding)
        self.df.add(doc.tf)
        self.name_df.add(doc.names)
        if doc.ents:
            self.ent_df.add(doc.ents)
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
        self._add_member(story, doc, vec)
        story = self._merge_neighbours(story, candidates)
        story = self._link_topic(story, doc)
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
            "entity_df_terms": len(self.ent_df),
            "member_terms": sum(len(m.tf) for st in self._stories.values() for m in st.members),
        }

    # -- representation ---------------------------------------------------------------------------
    def _doc(self, article: Article, analysis: Analysis | None, embedding: Vector | None = None) -> _Doc:
        body = article.text
        title = article.title if article.title and not article.text.startswith(article.title) else ""
        terms = content_terms(body)
        tf = sublinear(Counter(terms))
        if self.config.bigram_weight > 0 and len(terms) >= self.config.short_terms:
            pairs = Counter(f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False))
            tf.update({p: self.config.bigram_weight * w for p, w in sublinear(pairs).items()})
        if title:
            for term in set(content_terms(title)):
                tf[term] = tf.get(term, 0.0) + self.config.title_weight
        phrases = name_terms(f"{title}\n{body}" if title else body)
        names: Counter[str] = Counter(phrases)
        # Countries tie together reports that name them differently ("Syrian forces", "in Syria").
        codes = countries_in(phrases)
        names.update(f"#{code}" for code in codes)
        # Resolved actors and places go to the topic level (entity features), not into this channel: added
        # here they pulled same-topic, different-event reports together (ECB+ dev F1 0.812 -> 0.792).
        ents: dict[str, float] = {}
        if analysis is not None:
            ents = entity_features(analysis)
            # Countries named in the text count too: the extraction stages may skip sentences without an event
            # (NLP prefilter), and "ISIS controls Syria's oil fields" still places the article in Syria. Without
            # extraction the topic level stays off: countries alone are far too coarse (DUC dev F1 0.84 -> 0.56).
            ents.update((f"c:{code}", 1.0) for code in codes)
        return _Doc(tf=tf, names=sublinear(names), when=_days(article.published), ents=ents, emb=embedding)

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
        # The story grew: while the memoised IDF values are those the cache was weighed with, only the terms its
        # new articles touched change, so they alone are re-weighed (the same values as weighing it all again).
        if cached is not None and story.cache_gen == (self.df.generation, self.name_df.generation):
            tv = self.df.weigh({t: story.tf[t] for t in story.dirty})
            nv = self.name_df.weigh({n: story.names[n] for n in story.dirty_names})
            if story.cache_gen == (self.df.generation, self.name_df.generation):
                cached[0].update(tv)
                cached[2].update(nv)
                story.cache = (cached[0], norm(cached[0]), cached[2], norm(cached[2]))
                story.cache_key = key
                story.dirty.clear()
                story.dirty_names.clear()
                return story.cache
        tv = self.df.weigh(story.tf)
        nv = self.name_df.weigh(story.names)
        story.cache = (tv, norm(tv), nv, norm(nv))
        story.cache_key = key
        story.cache_gen = (self.df.generation, self.name_df.generation)
        story.dirty.clear()
        story.dirty_names.clear()
        return story.cache

    def _pair(self, a: _Vec, b: _Vec) -> float:
        s = self.config.w_text * cosine(a[0], b[0], a[1], b[1])
        if a[2] and b[2]:
            return s + self.config.w_names * cosine(a[2], b[2], a[3], b[3])
        return s / self.config.w_text  # no names on one side: judge by text alone

    def _score(self, doc: _Doc, vec: _Vec, story: _Story) -> float:
        s = self._pair(vec, self._weighted(story))
        if doc.emb is not None:
            sim = self._centroids.similarity(story.id, doc.emb)
            if sim is not None:
                s += self._embed_term(sim, len(doc.tf) < self.config.short_terms)
        factor = self._time_factor(doc.when, story)
        if factor < self.config.member_time_floor and self._may_lift(doc, vec, story):
            factor = self.config.member_time_floor
        return s * factor

    def _may_lift(self, doc: _Doc, vec: _Vec, story: _Story) -> bool:
        """Whether a full article is close to one of the story's latest articles, inside the time window (a
        story idle for longer is retired after this article, and must not be joined before)."""
        cfg = self.config
        if len(doc.tf) < cfg.short_terms or not story.members:
            return False
        if cfg.window_days is not None and doc.when is not None and story.last is not None:
            if doc.when - story.last > cfg.window_days:
                return False
        return self._close_member(vec, story)

    def _close_member(self, vec: _Vec, story: _Story) -> bool:
        """Whether one of the story's latest articles is as close to the article as ``member_match``."""
        return any(self._pair(vec, self._member_vec(m)) >= self.config.member_match for m in story.members)

    def _member_vec(self, member: _Member) -> _Vec:
        # As for centroids: re-weigh only when the corpus has grown by 25% since.
        if self.df.n > member.n * 1.25 + 1:
            tv = self.df.weigh(member.tf)
            nv = self.name_df.weigh(member.names)
            member.vec, member.n = (tv, norm(tv), nv, norm(nv)), self.df.n
        return member.vec

    def _add_member(self, story: _Story, doc: _Doc, vec: _Vec) -> None:
        if self.config.member_vectors <= 0:
            return
        story.members.append(_Member(doc.tf, doc.names, vec, self.df.n, self._seq))
        while len(story.members) > self.config.member_vectors:
            story.members.popleft()

    def _embed_term(self, sim: float, short: bool) -> float:
        cfg = self.config
        if short:
            return cfg.w_embed_short * (sim - cfg.embed_floor_short)
        return cfg.w_embed * (sim - cfg.embed_floor)

    def _time_factor(self, when: float | None, story: _Story) -> float:
        if when is None or story.first is None or story.last is None:
            return 1.0
        gap = max(0.0, story.first - when, when - story.last)
        return math.exp(-gap / self._time_scale())

    def _time_scale(self) -> float:
        # Only when every article is embedded does a low cosine hold back unrelated long-running stories.
        if self._mode == "all" and self.uses_embeddings:
            return self.config.embed_time_scale_days
        return self.config.time_scale_days

    def _scored_candidates(self, doc: _Doc, vec: _Vec) -> list[tuple[float, _Story]]:
        tv, nv = vec[0], vec[2]
        k = self.config.query_terms
        top = [(t, tv[t]) for t in sorted(tv, key=tv.__getitem__, reverse=True)[:k]]
        top += [(f"n:{n}", nv[n]) for n in sorted(nv, key=nv.__getitem__, reverse=True)[:k]]
        # Rank stories by the weight of the query terms they share, and score only the best few in full:
        # in a dense stream common terms reach hundreds of stories, and a full cosine each is the hot spot.
        shared: dict[str, float] = defaultdict(float)
        for term, weight in top:
            for sid in self._index.get(term, ()):
                shared[sid] += weight
        stories = self._stories
        # Ties broken by age, not by set order (str hashes vary between runs): results are reproducible.
        ids = heapq.nsmallest(self.config.max_candidates, shared, key=lambda i: (-shared[i], stories[i].created))
        if doc.emb is not None:  # stories worded differently but close in meaning are scored too
            near = [sid for sid, _ in self._centroids.nearest(doc.emb, self.config.embed_candidates)]
            ids += [sid for sid in near if sid not in ids and sid in stories]
        scored = [(self._score(doc, vec, self._stories[i]), self._stories[i]) for i in ids]
        scored.sort(key=lambda p: (-p[0], p[1].created))
        return scored

    # -- updates ----------------------------------------------------------------------------------
    def _absorb(self, story: _Story, doc: _Doc | _Story) -> None:
        track = story.cache is not None  # the terms to re-weigh (see ``_weighted``)
        for term, w in doc.tf.items():
            if term not in story.tf:
                self._index.setdefault(term, set()).add(story.id)
            story.tf[term] = story.tf.get(term, 0.0) + w
            if track:
                story.dirty[term] = None
        for name, w in doc.names.items():
            if name not in story.names:
                self._index.setdefault(f"n:{name}", set()).add(story.id)
            story.names[name] = story.names.get(name, 0.0) + w
            if track:
                story.dirty_names[name] = None
        for feat, w in doc.ents.items():
            if feat not in story.ents:
                self._index.setdefault(f"x:{feat}", set()).add(story.id)
            story.ents[feat] = story.ents.get(feat, 0.0) + w
        if isinstance(doc, _Story):
            story.ent_size += doc.ent_size
            story.size += doc.size
            story.short += doc.short
            times = [t for t in (doc.first, doc.last) if t is not None]
        else:
            story.ent_size += 1 if doc.ents else 0
            story.size += 1
            story.short += 1 if len(doc.tf) < self.config.short_terms else 0
            times = [doc.when] if doc.when is not None else []
        for t in times:
            story.first = t if story.first is None else min(story.first, t)
            story.last = t if story.last is None else max(story.last, t)
        if doc.emb is not None:
            story.emb = doc.emb.copy() if story.emb is None else story.emb + doc.emb
            self._centroids.set(story.id, story.emb)
        self._prune(story)
        self._stories.move_to_end(story.id)

    def _prune(self, story: _Story) -> None:
        limit = self.config.max_terms
        if len(story.tf) <= 2 * limit:  # prune in bulk, not on every article
            return
        story.cache = None  # weighed afresh: the pruned centroid's terms are in a new order
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
        if len(story.ents) > 2 * limit:
            kept = sorted(story.ents, key=story.ents.__getitem__, reverse=True)[:limit]
            for feat in set(story.ents) - set(kept):
                self._unindex(f"x:{feat}", story.id)
            story.ents = {f: story.ents[f] for f in kept}

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
        for feat in story.ents:
            self._unindex(f"x:{feat}", story.id)

    def _merge_neighbours(self, story: _Story, candidates: list[tuple[float, _Story]]) -> _Story:
        floor = self.config.threshold * 0.75
        for score, other in candidates:
            if score < floor:
                break
            if other.id == story.id or other.id not in self._stories or story.id not in self._stories:
                continue
            if self._story_similarity(story, other) >= self._merge_threshold(story, other):
                story = self._merge(story, other)
        return story

    def _merge_threshold(self, a: _Story, b: _Story) -> float:
        # Headline stories: their centroids hold a few words each, and their cosines run lower (as for joins).
        if 2 * a.short > a.size and 2 * b.short > b.size:
            if a.emb is not None and b.emb is not None:  # the similarity holds the embedding term
                return self.config.embed_short_merge_threshold
            return self.config.short_merge_threshold
        return self.config.merge_threshold

    def _story_similarity(self, a: _Story, b: _Story) -> float:
        s = self._pair(self._weighted(a), self._weighted(b))
        if a.emb is not None and b.emb is not None:
            na, nb = float(np.linalg.norm(a.emb)), float(np.linalg.norm(b.emb))
            if na > 0 and nb > 0:
                short = 2 * a.short > a.size and 2 * b.short > b.size
                s += self._embed_term(float(a.emb @ b.emb) / (na * nb), short)
        if a.first is not None and b.first is not None and a.last is not None and b.last is not None:
            gap = max(0.0, a.first - b.last, b.first - a.last)
            s *= math.exp(-gap / self._time_scale())
        return s

    def _merge(self, a: _Story, b: _Story) -> _Story:
        keep, gone = (a, b) if a.created <= b.created else (b, a)
        del self._stories[gone.id]
        self._unindex_story(gone)
        self._centroids.drop(gone.id)
        self._absorb(keep, gone)
        keep.cache = None
        if gone.members:  # the latest articles of both, in arrival order
            both = sorted([*keep.members, *gone.members], key=lambda m: m.seq)
            keep.members = deque(both[-self.config.member_vectors :])
        self._aliases[gone.id] = keep.id
        while len(self._aliases) > self.config.remember_articles:
            self._aliases.popitem(last=False)
        return keep

    # -- topic level --------------------------------------------------------------------------------
    def _link_topic(self, story: _Story, doc: _Doc) -> _Story:
        """Merge stories of the same days that name the same specific entities as the article's story."""
        cfg = self.config
        if cfg.topic_threshold is None or not doc.ents or story.first is None:
            return story
        # Candidates are found through the article's rarest features (a common one reaches too many stories).
        query = sorted(doc.ents, key=self.ent_df.idf, reverse=True)[: cfg.query_terms]
        shared: Counter[str] = Counter()
        for feat in query:
            for sid in self._index.get(f"x:{feat}", ()):
                if sid != story.id:
                    shared[sid] += 1
        ids = heapq.nsmallest(cfg.max_candidates, shared, key=lambda i: (-shared[i], self._stories[i].created))
        strong: list[_Story] = []
        weak: list[_Story] = []
        for sid in ids:
            other = self._stories[sid]
            if self._same_days(story, other) and self._topic_similarity(story, other) >= cfg.topic_threshold:
                few = min(len(story.ents), len(other.ents)) < cfg.topic_min_shared
                (weak if few else strong).append(other)
        # A profile of one or two entities ("the Caspian Sea") links only when a single story of those days
        # names them: ambiguous weak evidence is left alone, as in the text-level margin rule.
        if len(weak) == 1:
            strong.append(weak[0])
        for other in strong:
            if other.id in self._stories and story.id in self._stories:
                story = self._merge(story, other)
        return story

    def _same_days(self, a: _Story, b: _Story) -> bool:
        # Undated stories never link at topic level: without time, shared actors say only "same region".
        if a.first is None or a.last is None or b.first is None or b.last is None:
            return False
        return max(a.first - b.last, b.first - a.last) <= self.config.topic_days

    def _topic_similarity(self, a: _Story, b: _Story) -> float:
        """How much of one story's entity mass (IDF x share of its articles naming the entity) the other holds.

        A story of one or two articles is judged by containment in the other's full profile: a big story
        names many entities, and a report naming only some of them (the figures of a strike, a minister's
        reaction) still belongs to its topic. Two bigger stories compare their cores (weighted overlap
        coefficient), so a big story does not absorb every story of the day through its marginal mentions.
        """
        common = a.ents.keys() & b.ents.keys()
        # A shared event feature counts twice: it is a relation (who did what kind of thing), not a mention.
        evidence = len(common) + sum(1 for f in common if f[0] in "de")
        if evidence < min(self.config.topic_min_shared, len(a.ents), len(b.ents)):
            return 0.0
        if self.config.topic_needs_specific and all(f[0] == "c" for f in common):
            return 0.0
        small, big = (a, b) if a.ent_size <= b.ent_size else (b, a)
        ws = self._entity_weights(small)
        if small.ent_size <= self.config.topic_small:
            total = sum(ws.values())
            return sum(ws[f] for f in common) / total if total else 0.0
        wb = self._entity_weights(big)
        smaller = min(sum(ws.values()), sum(wb.values()))
        return sum(min(ws[f], wb[f]) for f in common) / smaller if smaller else 0.0

    def _entity_weights(self, story: _Story) -> dict[str, float]:
        # IDF times the share of the story's articles naming the entity: a big story's core entities count,
        # not everything any of its articles mentioned (else it would absorb every story of the day).
        size = max(1, story.ent_size)
        return self.ent_df.weigh({f: min(1.0, n / size) for f, n in story.ents.items()})

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
            self._centroids.drop(sid)


def cluster_articles(records: Iterable[Article], clusterer: StoryClusterer | None = None) -> list[str]:
    """Story id of each article (in input order), final after merges; copies join their original's story."""
    clusterer = clusterer or StoryClusterer()
    detector = NearDuplicateDetector()
    assigned: list[str] = []
    chunk: list[tuple[Article, str | None]] = []

    def flush() -> None:
        # copies are checked as the articles arrive; the rest of the chunk is embedded in one model call
        for (article, original), vec in zip(chunk, clusterer.embed(chunk), strict=True):
            assigned.append(clusterer.add(article, duplicate_of=original, embedding=vec))
        chunk.clear()

    for article in records:
        chunk.append((article, detector.check(article)))
        if len(chunk) >= clusterer.config.embed_batch:
            flush()
    flush()
    return [clusterer.resolve(s) for s in assigned]

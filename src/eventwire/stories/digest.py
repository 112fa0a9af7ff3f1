"""Story digests: a headline and a few key sentences, each attributed to its article and outlet.

Sentences are scored by centrality (TF-IDF cosine to the story centroid, sentences as documents), by their
place in the article (news puts the essentials first) and by the events they carry (an event reported by more
articles weighs more); they are picked greedily with maximal marginal relevance so that no two say the same.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from ..records import Analysis, Story, content_hash
from .merge import merge_events
from .text import DocumentFrequencies, content_terms, cosine, norm, split_sentences, sublinear

MIN_WORDS = 6
MAX_WORDS = 70
REDUNDANT = 0.5  # cosine above which a candidate repeats a chosen sentence


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    article: int  # index into the story's analyses
    position: int  # sentence index in its article
    start: int
    end: int
    vec: dict[str, float]
    norm: float
    score: float = 0.0


def _spans(analysis: Analysis) -> list[tuple[int, int]]:
    if analysis.sentences:
        return [(s.start, s.end) for s in analysis.sentences]
    return split_sentences(analysis.article.text)


def _candidates(analyses: list[Analysis]) -> list[tuple[str, int, int, int, int]]:
    out = []
    for i, analysis in enumerate(analyses):
        if analysis.duplicate_of is not None:  # a copy adds no new sentences
            continue
        text = analysis.article.text
        for pos, (start, end) in enumerate(_spans(analysis)):
            sentence = " ".join(text[start:end].split())
            n_words = len(sentence.split())
            if MIN_WORDS <= n_words <= MAX_WORDS and sentence != analysis.article.title.strip():
                out.append((sentence, i, pos, start, end))
    return out


def _event_weights(analyses: list[Analysis]) -> dict[tuple[str, int], float]:
    """(article id, evidence start) -> weight of the merged event mentioned there."""
    merged = merge_events(analyses)
    weights: dict[tuple[str, int], float] = {}
    for event in merged.events:
        for m in merged.mentions[event.id]:
            w = math.log1p(event.num_articles) * (0.5 + 0.5 * event.confidence)
            weights[(m.article_id, m.start)] = max(weights.get((m.article_id, m.start), 0.0), w)
    return weights


def _score(analyses: list[Analysis], raw: list[tuple[str, int, int, int, int]]) -> list[_Candidate]:
    df = DocumentFrequencies(window=10**9)
    tfs = [sublinear(Counter(content_terms(r[0]))) for r in raw]
    for tf in tfs:
        df.add(tf)
    vecs = [df.weigh(tf) for tf in tfs]
    centroid: dict[str, float] = {}
    for v in vecs:
        for t, w in v.items():
            centroid[t] = centroid.get(t, 0.0) + w
    cnorm = norm(centroid)
    events = _event_weights(analyses)
    out = []
    for (sentence, i, pos, start, end), vec in zip(raw, vecs, strict=True):
        art_id = analyses[i].article.id
        event_w = max((w for (a, s), w in events.items() if a == art_id and start <= s < end), default=0.0)
        score = cosine(vec, centroid, None, cnorm) + 0.15 / (1 + pos) + 0.1 * event_w
        out.append(_Candidate(sentence, i, pos, start, end, vec, norm(vec), score))
    return out


def _select(cands: list[_Candidate], k: int, max_words: int | None, lam: float = 0.7) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    words = 0
    pool = sorted(cands, key=lambda c: -c.score)
    while pool and len(chosen) < k and (max_words is None or words < max_words):
        best, best_val = None, -math.inf
        for c in pool:
            overlap = max((cosine(c.vec, s.vec, c.norm, s.norm) for s in chosen), default=0.0)
            if overlap > REDUNDANT:
                continue
            val = lam * c.score - (1 - lam) * overlap
            if val > best_val:
                best, best_val = c, val
        if best is None:
            break
        chosen.append(best)
        pool.remove(best)
        words += len(best.text.split())
    return chosen


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def build_digest(
    analyses: list[Analysis],
    headline: str | None = None,
    max_sentences: int = 6,
    max_words: int | None = None,
) -> Story:
    """A ``Story`` for the articles of one story: headline, counts, dates, digest sentences, merged event ids."""
    articles = [a.article for a in analyses]
    cands = _score(analyses, _candidates(analyses)) if analyses else []
    if not headline:
        headline = next((a.title.strip() for a in articles if a.title.strip()), None)
    if not headline and cands:
        top = max(cands, key=lambda c: c.score)
        headline = top.text
        cands = [c for c in cands if c is not top]
    chosen = _select(cands, max_sentences, max_words)
    digest = tuple(
        {
            "sentence": c.text,
            "article_id": articles[c.article].external_id or articles[c.article].id,
            "source": articles[c.article].source,
        }
        for c in chosen
    )
    days = [d for d in (_day(a.published) for a in articles) if d is not None]
    story_id = next((a.story_id for a in analyses if a.story_id), None)
    return Story(
        id=story_id or (content_hash("story", articles[0].id) if articles else ""),
        headline=headline or "",
        article_ids=tuple(a.external_id or a.id for a in articles),
        num_articles=len(articles),
        num_sources=len({a.source or a.id for a in articles}),
        first_seen=min(days, default=None),
        last_seen=max(days, default=None),
        digest=digest,
        event_ids=tuple(e.id for e in merge_events(analyses).events),
    )

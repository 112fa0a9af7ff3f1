"""Digest scorer: ROUGE-1/2 of ``build_digest`` summaries against multi-reference human summaries (DUC 2004).

ROUGE follows the published ROUGE-1.5.5 run (``-n 2 -m -l 100 -f A``): summaries and references cut to their
first ``words`` words, tokens stemmed with the original Porter algorithm (NLTK), stopwords kept, clipped n-gram
hits summed over the references before dividing (formula "A", averaged per topic). Digests are built without
spaCy (regex sentence splitter), so the run is fast.

The summary scored is the digest as a reader gets it: the story's headline, then its digest sentences, cut to
``words`` words. DUC articles have no titles, so the headline there is the story's most central sentence
(``build_digest``), and the digest sentences are chosen to add to it; scoring the sentences alone would leave
out the one sentence the digest leads with.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..records import Analysis, Article
from .gold import read_jsonl
from .stories import parse_date

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem import porter

    # ROUGE-1.5.5 ships the original Porter algorithm; NLTK's default mode adds extensions that shift
    # scores by about half a point.
    return porter.PorterStemmer(mode=porter.PorterStemmer.ORIGINAL_ALGORITHM)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


def _tokens(text: str, words: int) -> list[str]:
    """ROUGE-1.5.5 style: first ``words`` words, lower case, non-alphanumerics as spaces, every token stemmed."""
    truncated = " ".join(text.split()[:words]).lower()
    return [_stem(w) for w in _NON_ALNUM.sub(" ", truncated).split()]


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(summary: str, references: list[str], n: int, words: int = 100) -> dict[str, float]:
    """ROUGE-N with several references, ROUGE-1.5.5 formula "A" (hits and counts summed over references)."""
    peer = _ngrams(_tokens(summary, words), n)
    hits = model_total = peer_total = 0
    for ref in references:
        model = _ngrams(_tokens(ref, words), n)
        hits += sum(min(c, peer[g]) for g, c in model.items())
        model_total += sum(model.values())
        peer_total += sum(peer.values())
    recall = hits / model_total if model_total else 0.0
    precision = hits / peer_total if peer_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _references(cluster: dict[str, Any]) -> list[str]:
    refs = [r["summary"] for r in cluster.get("reference_summaries") or [] if r.get("summary")]
    if not refs and cluster.get("reference_summary"):
        refs = [cluster["reference_summary"]]
    if not refs:
        raise GoldFileError(f"cluster {cluster.get('id')} has no reference summary")
    return refs


def _analyses(cluster: dict[str, Any]) -> list[Analysis]:
    out = []
    for rec in cluster["articles"]:
        title, text = rec.get("title") or "", rec.get("text") or ""
        article = Article(
            id=Article.make_id(title, text), text=text, title=title, published=parse_date(rec.get("date")),
            source=rec.get("source"), external_id=rec.get("id"),
        )
        out.append(Analysis(article=article, story_id=str(cluster["id"])))
    return out


def score_summaries(summaries: dict[str, str], clusters: list[dict[str, Any]], words: int = 100) -> dict[str, Any]:
    """Mean ROUGE-1/2 (in %, per-topic average as in the published tables) over the clusters given."""
    totals: dict[str, float] = defaultdict(float)
    n = 0
    for cluster in clusters:
        if cluster["id"] not in summaries:
            continue
        refs = _references(cluster)
        for order in (1, 2):
            for k, v in rouge_n(summaries[cluster["id"]], refs, order, words).items():
                totals[f"rouge{order}_{k}"] += v
        n += 1
    means = {k: round(100 * v / n, 2) if n else 0.0 for k, v in totals.items()}
    return {
        "rouge1": means.get("rouge1_recall", 0.0),
        "rouge2": means.get("rouge2_recall", 0.0),
        "precision": means.get("rouge1_precision", 0.0),
        "recall": means.get("rouge1_recall", 0.0),
        "f1": means.get("rouge1_f1", 0.0),
        **means,
        "n_topics": n,
    }


def evaluate_digest(gold_path: Path, words: int = 100, baselines: bool = True) -> dict[str, Any]:
    """Score ``build_digest`` (``max_words=words``) on a DUC-style gold file; also score the published system
    summaries stored beside it (``*_baselines_*.jsonl``) with the same code, to check this ROUGE."""
    from ..stories import build_digest

    gold_path = Path(gold_path)
    clusters = read_jsonl(gold_path)
    ours = {}
    for cluster in clusters:
        story = build_digest(_analyses(cluster), headline=None, max_sentences=20, max_words=words)
        ours[cluster["id"]] = "\n".join([story.headline, *(d["sentence"] for d in story.digest)]).strip()
    result = score_summaries(ours, clusters, words)
    result["features"] = (
        "headline + digest: tfidf centroid + position + bigram-concept coverage + MMR (no spaCy, regex sentences)"
    )
    base_path = gold_path.with_name(gold_path.name.replace("_dev", "_baselines_dev"))
    if baselines and base_path != gold_path and base_path.exists():
        by_system: dict[str, dict[str, str]] = {}
        for rec in read_jsonl(base_path):
            by_system.setdefault(rec["system"], {})[rec["id"]] = rec["summary"]
        result["baselines"] = {
            system: {k: v for k, v in score_summaries(s, clusters, words).items() if k in ("rouge1", "rouge2")}
            for system, s in sorted(by_system.items())
        }
    return result

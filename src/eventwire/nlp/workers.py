"""Parse worker processes that live for the whole run.

``nlp.pipe(n_process=N)`` starts N fresh processes (each loading the model, seconds) on every call, and the
pipeline calls the nlp stage once per batch; a pool started once and fed every batch keeps the model loaded.
Docs come back as ``DocBin`` bytes (the same serialisation spaCy's own multiprocessing uses). Workers are
spawned, not forked: the parent may hold DuckDB threads, and a fork copies their locks.
"""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from spacy.tokens import Doc, DocBin

_WORKER_NLP: Any = None
_WORKER_BATCH = 64


def _init(model: str | None, batch_size: int) -> None:
    global _WORKER_NLP, _WORKER_BATCH
    from .model import load_model

    _WORKER_NLP = load_model(model)
    _WORKER_BATCH = batch_size


def _parse_chunk(texts: list[str]) -> bytes:
    bin_ = DocBin(store_user_data=False)
    for doc in _WORKER_NLP.pipe(texts, batch_size=_WORKER_BATCH):
        bin_.add(doc)
    return bin_.to_bytes()


class ParsePool:
    """``parse(texts)`` → Docs in order, spread over ``n_process`` long-lived worker processes."""

    def __init__(self, vocab: Any, n_process: int, model: str | None, batch_size: int) -> None:
        self.vocab = vocab
        self.n_process = n_process
        self.executor = ProcessPoolExecutor(max_workers=n_process, mp_context=mp.get_context("spawn"),
                                            initializer=_init, initargs=(model, batch_size))

    def parse(self, texts: list[str]) -> list[Doc]:
        if not texts:
            return []
        chunks = _chunks(texts, self.n_process * 2)
        out: list[Doc] = []
        for data in self.executor.map(_parse_chunk, chunks):
            out.extend(DocBin().from_bytes(data).get_docs(self.vocab))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _chunks(texts: list[str], parts: int) -> list[list[str]]:
    """Contiguous chunks of about equal character count (order kept)."""
    total = sum(len(t) for t in texts)
    size = max(1, total // max(parts, 1) + 1)
    chunks: list[list[str]] = [[]]
    filled = 0
    for t in texts:
        if filled >= size and chunks[-1]:
            chunks.append([])
            filled = 0
        chunks[-1].append(t)
        filled += len(t)
    return chunks

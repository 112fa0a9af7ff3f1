"""Shared helpers for the ingest tests (ingest needs no spaCy model)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import pytest

from eventwire.ingest import IngestOptions, read_file, read_paths
from eventwire.records import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def split(items: Iterable[Article | Failure]) -> tuple[list[Article], list[Failure]]:
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in items:
        assert isinstance(item, (Article, Failure)), item
        (articles if isinstance(item, Article) else failures).append(item)
    return articles, failures


def read(path: Path | str, options: IngestOptions | None = None) -> tuple[list[Article], list[Failure]]:
    return split(read_file(path, options))


def read_all(paths: Iterable[Path | str], options: IngestOptions | None = None) -> list[Article | Failure]:
    return list(read_paths(paths, options))


def gzip_copy(src: Path, dest: Path) -> Path:
    dest.write_bytes(gzip.compress(src.read_bytes()))
    return dest

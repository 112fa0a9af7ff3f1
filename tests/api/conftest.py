"""A store filled with hand-built records through the real Writer, and a TestClient over it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_builders import fill_store  # noqa: E402

from eventwire.api import create_app  # noqa: E402

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    fill_store(db)
    return db


@pytest.fixture(scope="session")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store, page_cap=100), raise_server_exceptions=False) as c:
        yield c

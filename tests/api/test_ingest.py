"""POST /articles: bearer token, size limits, validation, and a real (NLP-stage) pipeline writing to the store;
plus the full pipeline on the bundled sample once the extraction stages are importable."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import HOLD_LOCK, assert_error
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.pipeline import Pipeline

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "wire-1", "title": "Talks in Ankara", "published": "2015-11-23", "source": "Wire",
           "text": "Talks in Ankara\n\nTurkish and Russian diplomats met in Ankara on Monday to discuss the border."}


@pytest.fixture(scope="session")
def nlp_pipeline() -> Pipeline:
    """The real spaCy stage only (the other stages are being written): articles and sentences get stored."""
    from eventwire.nlp import NLP

    return Pipeline(stages=[NLP()])


@pytest.fixture()
def ingest_client(store: Path, tmp_path: Path, nlp_pipeline: Pipeline) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path / "ingest.duckdb"
    shutil.copy(store, db)
    with TestClient(create_app(db, token=TOKEN, pipeline=nlp_pipeline, max_body=20_000),
                    raise_server_exceptions=False) as c:
        yield c, db


def test_post_disabled_without_token(client: TestClient) -> None:
    err = assert_error(client.post("/articles", json=ARTICLE, headers=AUTH), 403, "ingest_disabled")
    assert "disabled" in err["message"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "}])
def test_post_needs_the_bearer_token(ingest_client: tuple[TestClient, Path], headers: dict[str, str]) -> None:
    c, _ = ingest_client
    r = c.post("/articles", json=ARTICLE, headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_unauthorised_bad_body_is_still_401(ingest_client: tuple[TestClient, Path]) -> None:
    c, _ = ingest_client
    assert_error(c.post("/articles", content=b"{not json", headers={"Content-Type": "application/json"}), 401)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"title": "no text"}, 422),
        ({"text": ""}, 422),
        ({"text": "   "}, 422),
        ({"text": "ok text here", "published": "yesterday-ish"}, 422),
        ([], 422),
        ("just a string", 422),
        ({"text": 5}, 422),
    ],
)
def test_post_validation(ingest_client: tuple[TestClient, Path], body: Any, status: int) -> None:
    c, _ = ingest_client
    assert_error(c.post("/articles", json=body, headers=AUTH), status)


def test_post_malformed_json(ingest_client: tuple[TestClient, Path]) -> None:
    c, _ = ingest_client
    r = c.post("/articles", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 422, "validation_error")


def test_post_body_size_limit(ingest_client: tuple[TestClient, Path]) -> None:
    c, _ = ingest_client
    big = {**ARTICLE, "text": "word " * 10_000}
    assert_error(c.post("/articles", json=big, headers=AUTH), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    r = c.post("/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 413, "payload_too_large")


def test_post_too_many_articles(ingest_client: tuple[TestClient, Path]) -> None:
    c, _ = ingest_client
    many = [{"text": f"Article number {i} about talks."} for i in range(101)]
    assert_error(c.post("/articles", json=many, headers=AUTH), 413, "payload_too_large")


def test_post_ingests_through_the_pipeline_and_writer(ingest_client: tuple[TestClient, Path]) -> None:
    c, db = ingest_client
    r = c.post("/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["articles"] == 1 and body["skipped_known"] == 0 and len(body["ids"]) == 1
    assert c.get("/health").json()["counts"]["articles"] == 9
    again = c.post("/articles", json=[ARTICLE], headers=AUTH).json()  # idempotent by content hash
    assert again["articles"] == 0 and again["skipped_known"] == 1
    assert c.get("/health").json()["counts"]["articles"] == 9
    from eventwire.store import connect

    con = connect(db, read_only=True)
    try:
        row = con.execute("SELECT external_id, source, published, n_sentences FROM articles WHERE id = ?",
                          [body["ids"][0]]).fetchall()[0]
    finally:
        con.close()
    assert row[0] == "wire-1" and row[1] == "Wire" and str(row[2]) == "2015-11-23" and row[3] >= 1


def test_post_while_another_process_writes_is_503(ingest_client: tuple[TestClient, Path]) -> None:
    c, db = ingest_client
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        assert_error(c.post("/articles", json=ARTICLE, headers=AUTH), 503, "store_locked")
    finally:
        proc.kill()
        proc.wait(timeout=10)


def _full_pipeline_or_skip() -> Pipeline:
    try:
        return Pipeline()
    except ImportError as exc:
        pytest.skip(f"extraction stages not importable yet ({exc}); the API is tested on hand-built records")


def test_real_pipeline_on_the_bundled_sample(tmp_path: Path) -> None:
    pipeline = _full_pipeline_or_skip()
    from eventwire.ingest import sample_paths
    from eventwire.runner import run_paths

    db = tmp_path / "sample.duckdb"
    summary = run_paths(sample_paths(), db=db, pipeline=pipeline)
    assert summary.articles > 0
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        health = c.get("/health").json()
        assert health["counts"]["articles"] == summary.articles
        page = c.get("/events", params={"limit": 100}).json()
        assert page["total"] == health["counts"]["events"] - _merged(db)
        for ev in page["items"][:20]:
            detail = c.get(f"/events/{ev['id']}").json()
            h = detail["highlight"]
            for span in h["spans"]:  # every span lies inside the evidence text it highlights
                assert 0 <= span["start"] - h["offset"] <= span["end"] - h["offset"] <= len(h["text"])
            assert detail["mentions"]
        for path in ("/stats", "/actors", "/network", "/map", "/stories", "/export?format=csv"):
            assert c.get(path).status_code == 200, path


def _merged(db: Path) -> int:
    from eventwire.store import connect

    con = connect(db, read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM events WHERE merged_into IS NOT NULL").fetchall()[0][0])
    finally:
        con.close()

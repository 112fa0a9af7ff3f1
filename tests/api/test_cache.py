"""The response cache of the list and aggregate endpoints: bounded (LRU by bytes and entries), keyed by the
normalised query, and never stale: a commit by a Writer, in this process or another, invalidates it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_builders import Spec, analysis
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.cache import CachedResponse, ResponseCache, accepts_gzip, cache_key
from eventwire.store import Writer, connect
from eventwire.store.api_queries import close_readers, store_version

HEADER = "x-eventwire-cache"
NEW = Spec("Ukraine accused Russia of shelling Kharkiv on Sunday.", "UNIAN", dt.date(2015, 11, 29),
           ("Ukraine", "Ukraine", "UKR", "UKRGOV"), ("Russia", "Russia", "RUS", "RUSGOV"), "accused",
           ("112", "11", "Accuse", -2.0, 3, "ACCUSE"), ("Kharkiv", 49.99, 36.23, "UKR"),
           ("Sunday", dt.date(2015, 11, 29)), title="Shelling")


def _entry(n: int) -> CachedResponse:
    return CachedResponse(200, ((b"content-type", b"application/json"),), b"x" * n)


def test_lru_is_bounded_by_entries() -> None:
    cache = ResponseCache(max_bytes=10**6, max_entries=3)
    for i in range(5):
        cache.get("v1", i)
        assert cache.put("v1", i, _entry(10))
    assert len(cache) == 3
    assert cache.get("v1", 0) is None and cache.get("v1", 1) is None  # the oldest went first
    assert cache.get("v1", 2) is not None  # ... and a read makes an entry recent again
    cache.put("v1", 5, _entry(10))
    assert cache.get("v1", 2) is not None and cache.get("v1", 3) is None


def test_lru_is_bounded_by_bytes() -> None:
    cache = ResponseCache(max_bytes=8000, max_entries=100)
    cache.get("v", "probe")
    for i in range(20):
        cache.put("v", i, _entry(900))
    assert cache.bytes <= 8000 and 0 < len(cache) < 20
    assert not cache.put("v", "huge", _entry(2000))  # over max_bytes // 8: not kept at all
    assert cache.get("v", "huge") is None


def test_new_version_drops_everything_and_stale_puts_are_refused() -> None:
    cache = ResponseCache()
    cache.get("v1", "a")
    cache.put("v1", "a", _entry(5))
    assert cache.get("v1", "a") is not None
    assert cache.get("v2", "a") is None and len(cache) == 0
    assert not cache.put("v1", "a", _entry(5))  # built for a version that is no longer current
    assert cache.get("v2", "a") is None


def test_key_ignores_parameter_order_only() -> None:
    assert cache_key("/events", b"country=RUS&limit=5") == cache_key("/events", b"limit=5&country=RUS")
    assert cache_key("/events", b"country=RUS") != cache_key("/events", b"country=UKR")
    assert cache_key("/events", b"a=1") != cache_key("/stats", b"a=1")
    assert cache_key("/events", b"cameo=1&cameo=2") != cache_key("/events", b"cameo=2&cameo=1")


def test_accept_encoding_parsing() -> None:
    def h(value: str) -> list[tuple[bytes, bytes]]:
        return [(b"accept-encoding", value.encode())]

    assert accepts_gzip(h("gzip, deflate")) and accepts_gzip(h("br;q=1.0, GZIP;q=0.5")) and accepts_gzip(h("*"))
    assert not accepts_gzip(h("identity")) and not accepts_gzip(h("gzip;q=0")) and not accepts_gzip([])


@pytest.fixture()
def fresh(store: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path / "cache.duckdb"
    shutil.copy(store, db)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c, db
    close_readers()


def test_repeated_reads_are_served_from_the_cache(fresh: tuple[TestClient, Path]) -> None:
    c, _ = fresh
    for path in ("/events?country=TUR&limit=2", "/stats", "/map", "/network", "/actors", "/stories", "/health"):
        first, second = c.get(path), c.get(path)
        assert first.status_code == second.status_code == 200, (path, first.text)
        assert first.headers[HEADER] == "miss" and second.headers[HEADER] == "hit", path
        assert first.content == second.content and second.headers["content-type"] == "application/json"
    # the same query in another order is the same entry
    assert c.get("/events?limit=2&country=TUR").headers[HEADER] == "hit"
    # detail pages and errors are not cached
    assert HEADER not in c.get("/events/ev-raqqa").headers
    for _ in range(2):
        r = c.get("/events?limit=0")
        assert r.status_code == 422 and r.headers[HEADER] == "miss"


def test_large_cached_answers_go_out_gzipped_to_clients_that_accept_it(fresh: tuple[TestClient, Path]) -> None:
    c, _ = fresh
    plain = c.get("/map", headers={"Accept-Encoding": "identity"})
    assert plain.headers[HEADER] == "miss" and "content-encoding" not in plain.headers
    assert len(plain.content) > 1024 and plain.headers["vary"] == "Accept-Encoding"
    zipped = c.get("/map", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers[HEADER] == "hit" and zipped.headers["content-encoding"] == "gzip"
    assert int(zipped.headers["content-length"]) < len(plain.content)
    assert zipped.content == plain.content  # httpx decodes it
    again = c.get("/map", headers={"Accept-Encoding": "identity"})
    assert again.headers[HEADER] == "hit" and "content-encoding" not in again.headers
    assert again.content == plain.content and int(again.headers["content-length"]) == len(plain.content)
    small = c.get("/health", headers={"Accept-Encoding": "gzip"})  # under 1 KB: never compressed
    assert "content-encoding" not in c.get("/health", headers={"Accept-Encoding": "gzip"}).headers
    assert small.status_code == 200


def test_concurrent_misses_of_one_key_run_one_query(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import concurrent.futures
    import time

    import httpx

    from eventwire.store import api_queries

    calls: list[int] = []
    real = api_queries.stats

    def slow_stats(con: object, f: object) -> object:
        calls.append(1)
        time.sleep(0.3)  # long enough for the other requests to arrive while it runs
        return real(con, f)  # type: ignore[arg-type]

    monkeypatch.setattr(api_queries, "stats", slow_stats)
    app = create_app(store)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await asyncio.gather(*(http.get("/stats?quad=4") for _ in range(8)))

    # a thread of its own: an event loop left running in this thread (Playwright's sync API in the web tests)
    # makes asyncio.run fail here
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        answers = pool.submit(asyncio.run, burst()).result(timeout=60)
    assert len(calls) == 1
    assert {r.status_code for r in answers} == {200} and len({r.content for r in answers}) == 1
    assert sorted(r.headers[HEADER] for r in answers) == ["hit"] * 7 + ["miss"]
    close_readers()


def test_a_writer_commit_in_this_process_invalidates_the_cache(fresh: tuple[TestClient, Path]) -> None:
    c, db = fresh
    stats, events = c.get("/stats").json(), c.get("/events", params={"country": "UKR"}).json()
    assert c.get("/stats").headers[HEADER] == "hit"
    before = store_version(db)
    close_readers()  # DuckDB opens a file one way per process: the API's read-only handle lets go first
    con = connect(db)
    try:
        with Writer(con) as w:
            w.add(analysis(NEW))
    finally:
        con.close()
    assert store_version(db) != before
    after = c.get("/stats")
    assert after.headers[HEADER] == "miss" and after.json()["total"] == stats["total"] + 1
    assert c.get("/events", params={"country": "UKR"}).json()["total"] == events["total"] + 1
    assert c.get("/stats").headers[HEADER] == "hit"


def test_a_commit_by_another_process_invalidates_the_cache(fresh: tuple[TestClient, Path]) -> None:
    c, db = fresh
    total = c.get("/events").json()["total"]
    assert c.get("/events").headers[HEADER] == "hit"
    close_readers()
    code = ("import sys, duckdb\n"
            "con = duckdb.connect(sys.argv[1])\n"
            "con.execute(\"INSERT INTO events SELECT * REPLACE ('ev-copy' AS id) FROM events WHERE id = 'ev-raqqa'\")\n"
            "con.close()\n")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
    r = c.get("/events")
    assert r.headers[HEADER] == "miss" and r.json()["total"] == total + 1


def test_post_articles_invalidates_the_cache(store: Path, tmp_path: Path) -> None:
    db = tmp_path / "post.duckdb"
    shutil.copy(store, db)

    class OneAnalysis:  # a stand-in pipeline: the write path (token, Writer, write_connection) is real
        def run(self, articles: list[object]) -> Iterator[object]:
            yield analysis(NEW)

    with TestClient(create_app(db, token="t0ken", pipeline=OneAnalysis())) as c:
        before = c.get("/health").json()["counts"]["events"]
        assert c.get("/health").headers[HEADER] == "hit"
        r = c.post("/articles", json={"text": NEW.text}, headers={"Authorization": "Bearer t0ken"})
        assert r.status_code == 201, r.text
        assert c.get("/health").json()["counts"]["events"] == before + 1
    close_readers()


def test_cached_answers_keep_cors_headers(store: Path) -> None:
    with TestClient(create_app(store, cors_origins=["http://dash.example"])) as c:
        for _ in range(2):
            r = c.get("/stats", headers={"Origin": "http://dash.example"})
            assert r.headers["access-control-allow-origin"] == "http://dash.example"
        assert r.headers[HEADER] == "hit"
        assert "access-control-allow-origin" not in c.get("/stats", headers={"Origin": "http://evil.example"}).headers


def test_cache_can_be_turned_off(store: Path) -> None:
    with TestClient(create_app(store, cache_bytes=0)) as c:
        assert HEADER not in c.get("/stats").headers and HEADER not in c.get("/stats").headers

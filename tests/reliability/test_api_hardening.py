"""REST API hardening: the write token, body and page limits, an injection suite in every filter, CORS off by
default and no stack trace in any response. Skipped when ``eventwire.api`` is not importable."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Article
from eventwire.runner import run_articles
from eventwire.store import connect

api = pytest.importorskip("eventwire.api", reason="the REST API (eventwire.api) is not importable yet")
from fastapi.testclient import TestClient  # noqa: E402

TOKEN = "s3cret-token-for-tests"
INJECTIONS = [
    "'", '"', "`", "''", "' OR '1'='1", "' OR 1=1 --", '" OR ""="', "1' OR '1'='1' /*", "admin'--",
    "'; DROP TABLE events; --", "1; DROP TABLE articles", "'); DELETE FROM events; --",
    "' UNION SELECT id, text FROM articles --", "1 UNION ALL SELECT NULL,NULL,NULL--",
    "' UNION SELECT table_name FROM information_schema.tables --", "/* comment */", "-- comment", "#", "%",
    "_", "%' --", "\\", "\\'", "\x00", "%00", "\u02bc OR 1=1", "\uff07 OR 1=1", "\u2019; DROP TABLE x",
    "RUS' AND sleep(5)--", "19' OR cameo_code LIKE '%", "'; ATTACH '/tmp/x.db' AS x; --",
    "'; COPY events TO '/tmp/pwn.csv'; --", "'; INSTALL httpfs; LOAD httpfs; --",
    "read_csv_auto('/etc/passwd')", "$1", "?", "%s", "{0}", "${jndi:ldap://127.0.0.1/a}",
    "<script>alert(1)</script>", "../../../../etc/passwd", "A" * 5000, "\u202eSUR", "e\u0301" * 300,
    "\U0001f4a5", "NaN", "-1", "99999999999999999999", "1e309", "2020-01-01' OR '1'='1",
    "0001-01-01", "9999-12-31", "-180,-90,180,90 OR 1=1", "nan,nan,nan,nan", "-date; DROP TABLE events",
]
EVENT_FILTERS = ["actor", "country", "cameo", "root", "plover", "status", "quad", "from", "to", "bbox", "story"]
ENDPOINTS: dict[str, list[str]] = {
    "/events": [*EVENT_FILTERS, "sort", "cursor", "limit"],
    "/actors": [*EVENT_FILTERS, "role", "limit"],
    "/stats": EVENT_FILTERS,
    "/export": [*EVENT_FILTERS, "format"],
    "/stories": ["q", "limit", "offset"],
}
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "/', "duckdb.", "site-packages")


def _articles(n: int) -> list[Article]:
    pairs = [("Russia", "Ukraine", "attacked"), ("France", "Germany", "met with"), ("Egypt", "Qatar", "accused"),
             ("China", "India", "praised"), ("Turkey", "Iran", "threatened")]
    out = []
    for i in range(n):
        a, b, v = pairs[i % len(pairs)]
        text = f"{a} {v} {b} on Tuesday in the capital, officials said in report {i}. Police killed {i + 2} people."
        out.append(Article(id=Article.make_id("", text), text=text, published=None, source=f"outlet-{i % 3}",
                           origin=f"hardening:{i}"))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    db = tmp_path_factory.mktemp("api") / "store.duckdb"
    run_articles(_articles(30), db=db, pipeline=pipeline)
    return db


@pytest.fixture(scope="module")
def client(store: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(api.create_app(store, token=TOKEN, pipeline=pipeline, max_body=64 * 1024, page_cap=100),
                    raise_server_exceptions=False) as c:
        yield c


def _snapshot(db: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}
    finally:
        con.close()


def _assert_error_shape(r: Any, status: int | tuple[int, ...], code: str | None = None) -> None:
    statuses = (status,) if isinstance(status, int) else status
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    if code:
        assert body["error"]["code"] == code, body


def _no_trace(text: str) -> None:
    for marker in TRACE_MARKERS:
        assert marker not in text, f"{marker!r} in a response body: {text[:500]}"


def _rows(path: str, r: Any) -> int:
    """How many event rows a 200 answer carries (for the "no extra rows" check)."""
    if path == "/export":
        return r.text.count("\n")
    body = r.json()
    if path in ("/events", "/stats"):
        return int(body["total"])
    if path == "/actors":
        return sum(int(i["events"]) for i in body["items"])
    if path == "/network":
        return sum(int(e["events"]) for e in body["edges"])
    return len(body["items"])


# --- the write token ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": TOKEN}, {"Authorization": "Bearer "},
                                     {"Authorization": f"Bearer {TOKEN}x"}, {"X-Token": TOKEN}])
def test_post_without_the_right_token_is_refused(client: TestClient, store: Path, headers: dict[str, str]) -> None:
    before = _snapshot(store)
    r = client.post("/articles", json={"text": "Russia attacked Ukraine on Monday."}, headers=headers)
    _assert_error_shape(r, 401, "unauthorized")
    assert r.headers.get("www-authenticate", "").startswith("Bearer")
    assert _snapshot(store) == before


def test_post_is_disabled_without_a_configured_token(store: Path) -> None:
    with TestClient(api.create_app(store), raise_server_exceptions=False) as c:
        r = c.post("/articles", json={"text": "x y z"}, headers={"Authorization": "Bearer anything"})
    _assert_error_shape(r, 403, "ingest_disabled")


def test_post_with_the_token_stores_the_article(client: TestClient, store: Path) -> None:
    text = "Egypt hosted talks with Qatar in Cairo on Sunday, the ministry said. Hardening check 4242."
    r = client.post("/articles", json={"text": text, "published": "2024-05-12"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert r.json()["articles"] == 1
    r2 = client.post("/articles", json={"text": text, "published": "2024-05-12"},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert r2.status_code == 201 and r2.json()["skipped_known"] == 1  # idempotent


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("path", ["/events", "/articles", "/stories"])
def test_other_write_methods_are_not_allowed(client: TestClient, method: str, path: str) -> None:
    r = client.request(method.upper(), path, headers={"Authorization": f"Bearer {TOKEN}"})
    _assert_error_shape(r, 405)


# --- body and page limits -------------------------------------------------------------------------------------

def test_body_over_the_limit_is_413(client: TestClient) -> None:
    body = json.dumps({"text": "word " * 20_000})  # 100 KB > 64 KiB
    for headers in ({"Authorization": f"Bearer {TOKEN}"}, {}):
        r = client.post("/articles", content=body, headers={**headers, "Content-Type": "application/json"})
        _assert_error_shape(r, 413, "payload_too_large")


def test_streamed_body_without_length_is_cut_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(200):
            yield b"x" * 1024
        yield b'"}'

    r = client.post("/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                                                             "Content-Type": "application/json"})
    _assert_error_shape(r, 413, "payload_too_large")


def test_too_many_articles_in_one_post(client: TestClient) -> None:
    r = client.post("/articles", json=[{"text": f"a{i}"} for i in range(101)],
                    headers={"Authorization": f"Bearer {TOKEN}"})
    _assert_error_shape(r, 413, "payload_too_large")


@pytest.mark.parametrize("path", ["/events", "/stories", "/actors"])
@pytest.mark.parametrize("limit", ["101", "1000000", "0", "-1", "abc", "1e3", "99999999999999999999999"])
def test_page_size_is_capped(client: TestClient, path: str, limit: str) -> None:
    r = client.get(path, params={"limit": limit})
    _assert_error_shape(r, 422, "validation_error")


def test_page_at_the_cap_is_allowed(client: TestClient) -> None:
    assert client.get("/events", params={"limit": "100"}).status_code == 200


# --- injection ------------------------------------------------------------------------------------------------

def test_injection_strings_in_every_filter_have_no_effect(client: TestClient, store: Path) -> None:
    assert len(INJECTIONS) >= 40
    before = _snapshot(store)
    baseline = {path: _rows(path, client.get(path)) for path in ENDPOINTS}
    assert baseline["/events"] > 0
    successes: list[str] = []
    tried = 0
    for path, params in ENDPOINTS.items():
        for param in params:
            for value in INJECTIONS:
                tried += 1
                r = client.get(path, params={param: value})
                _no_trace(r.text)
                if r.status_code >= 500:
                    successes.append(f"{path}?{param}={value[:40]!r}: {r.status_code}")
                elif r.status_code != 200:
                    _assert_error_shape(r, (400, 404, 413, 422))
                elif _rows(path, r) > baseline[path]:
                    successes.append(f"{path}?{param}={value[:40]!r}: {_rows(path, r)} rows > {baseline[path]}")
    assert tried >= 40 * 40
    assert successes == [], successes[:20]
    assert _snapshot(store) == before, "tables changed"


@pytest.mark.parametrize("value", INJECTIONS[:20])
def test_injection_in_ids_and_cursors(client: TestClient, value: str) -> None:
    for path in (f"/events/{value}", f"/stories/{value}"):
        r = client.get(path.replace("#", "%23").replace("?", "%3F"))
        _no_trace(r.text)
        assert r.status_code in (404, 405, 422), (path, r.status_code)
    forged = base64.urlsafe_b64encode(json.dumps({"s": "-date", "v": value, "id": value}).encode()).decode()
    r = client.get("/events", params={"cursor": forged})
    _no_trace(r.text)
    assert r.status_code in (200, 400, 422), r.text[:300]
    if r.status_code == 200:
        assert len(r.json()["items"]) <= 50


def test_like_wildcards_do_not_widen_the_actor_filter(client: TestClient) -> None:
    """``%`` and ``_`` typed by a user are literal characters, not LIKE wildcards (no actor name has them)."""
    for value in ("%", "_", "%%", "_%_"):
        r = client.get("/events", params={"actor": value})
        assert r.status_code == 200
        assert r.json()["total"] == 0, f"actor={value!r} matched {r.json()['total']} events"


# --- CORS and traces -------------------------------------------------------------------------------------------

def test_cors_headers_absent_by_default(client: TestClient) -> None:
    r = client.get("/events", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    pre = client.options("/events", headers={"Origin": "https://evil.example",
                                              "Access-Control-Request-Method": "GET"})
    assert not any(h.lower().startswith("access-control-") for h in pre.headers)
    _no_trace(pre.text)


def test_cors_only_for_configured_origins(store: Path) -> None:
    with TestClient(api.create_app(store, cors_origins=["https://ok.example"])) as c:
        ok = c.get("/events", headers={"Origin": "https://ok.example"})
        bad = c.get("/events", headers={"Origin": "https://evil.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://ok.example"
    assert "access-control-allow-origin" not in bad.headers


@pytest.mark.parametrize("path", ["/nope", "/events/%00", "/export?format=xlsx", "/events?from=2020-13-40",
                                  "/events?sort=drop", "/events?cursor=%%%", "/openapi.json", "/docs", "/health",
                                  "/stories/..%2F..%2Fetc%2Fpasswd", "/static/../../pyproject.toml"])
def test_no_stack_trace_in_any_response(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code < 500, (path, r.status_code, r.text[:300])
    _no_trace(r.text)
    if r.status_code >= 400 and r.headers.get("content-type", "").startswith("application/json"):
        _assert_error_shape(r, r.status_code)


def test_malformed_json_body_is_a_clean_422(client: TestClient) -> None:
    for body in (b"{", b"[1,2", b'{"text": 5}', b"\xff\xfe", b"[" * 10_000 + b"]" * 10_000, b"null"):
        r = client.post("/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                            "Content-Type": "application/json"})
        assert r.status_code in (400, 413, 422), (body[:20], r.status_code, r.text[:300])
        _no_trace(r.text)
        _assert_error_shape(r, r.status_code)

"""Read endpoints over a hand-filled store: shapes, filters, sorting, cursor pagination, exports, docs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["counts"]["events"] == 7 and body["counts"]["stories"] == 2
    assert body["ingest_enabled"] is False


def test_events_default_sort_newest_first(client: TestClient) -> None:
    body = client.get("/events").json()
    assert body["total"] == 7 and len(body["items"]) == 7 and body["next_cursor"] is None
    dates = [e["date_start"] or e["published"] for e in body["items"]]
    assert dates == sorted(dates, reverse=True)
    first = body["items"][0]
    for key in ("id", "source_code", "target_code", "cameo_code", "quad_class", "goldstein", "lat", "story_id"):
        assert key in first


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "RUS"}, 2),
        ({"actor": "russia"}, 2),
        ({"actor": "Paris"}, 1),  # surface text
        ({"country": "tur"}, 3),
        ({"cameo": "19"}, 1),
        ({"cameo": "195"}, 1),
        ({"root": "04"}, 1),
        ({"plover": "assault"}, 1),
        ({"status": "hypothetical"}, 1),
        ({"quad": 3}, 3),
        ({"from": "2015-11-24"}, 2),  # undated events drop out of a date range
        ({"to": "2015-11-21"}, 2),
        ({"from": "2015-11-20", "to": "2015-11-20"}, 1),
        ({"bbox": "25,25,45,45"}, 3),  # Raqqa, Istanbul, Cairo
        ({"story": "story-talks"}, 2),
        ({"country": "TUR", "quad": 1}, 1),
        ({"method": "pattern"}, 7),
        ({"method": "fallback"}, 0),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, object], expected: int) -> None:
    r = client.get("/events", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == expected and len(r.json()["items"]) == expected


@pytest.mark.parametrize("sort", ["-date", "date", "goldstein", "-goldstein", "-fatalities", "confidence",
                                  "published", "-articles"])
def test_cursor_pagination_walks_every_event_once(client: TestClient, sort: str) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, object] = {"limit": 2, "sort": sort}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/events", params=params).json()
        seen += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 7 and len(set(seen)) == 7
    full = [e["id"] for e in client.get("/events", params={"sort": sort}).json()["items"]]
    assert seen == full


def test_goldstein_sort_order(client: TestClient) -> None:
    items = client.get("/events", params={"sort": "goldstein"}).json()["items"]
    values = [e["goldstein"] for e in items]
    assert values == sorted(values) and values[0] == -10.0


def test_event_detail_with_mentions_and_spans(client: TestClient) -> None:
    r = client.get("/events/ev-raqqa")
    assert r.status_code == 200
    ev = r.json()
    assert ev["source"]["cameo_code"] == "FRAGOV" and ev["location"]["name"] == "Raqqa"
    assert {m["outlet"] for m in ev["mentions"]} == {"Reuters", "AFP"}
    afp = next(m for m in ev["mentions"] if m["outlet"] == "AFP")
    assert afp["text"].startswith("French jets launched strikes")
    h = ev["highlight"]
    assert h["text"] == "Paris launched air strikes on Raqqa on Friday, killing 12 fighters."
    got = {s["kind"]: h["text"][s["start"] - h["offset"]:s["end"] - h["offset"]] for s in h["spans"]}
    assert got == {"source": "Paris", "trigger": "launched", "place": "Raqqa", "date": "Friday",
                   "target": "fighters", "quantity": "killing 12 fighters"}
    assert ev["article"]["source"] == "Reuters" and "text" not in ev["article"]


def test_stories_list_and_detail(client: TestClient) -> None:
    body = client.get("/stories").json()
    assert body["total"] == 2
    assert {s["id"] for s in body["items"]} == {"story-raqqa", "story-talks"}
    assert client.get("/stories", params={"q": "raqqa"}).json()["total"] == 1
    # event filters keep the stories with a matching event
    assert [s["id"] for s in client.get("/stories", params={"country": "EGY"}).json()["items"]] == ["story-talks"]
    assert [s["id"] for s in client.get("/stories", params={"quad": 4}).json()["items"]] == ["story-raqqa"]
    assert client.get("/stories", params={"actor": "USA"}).json()["total"] == 0
    story = client.get("/stories/story-raqqa").json()
    assert [d["source"] for d in story["digest"]] == ["Reuters", "AFP"]
    assert {a["source"] for a in story["articles"]} == {"Reuters", "AFP"}
    assert [e["id"] for e in story["events"]] == ["ev-raqqa"]
    spans = story["events"][0]["highlight"]["spans"]
    assert {s["kind"] for s in spans} >= {"source", "trigger", "target", "place"}
    talks = client.get("/stories/story-talks").json()
    assert len(talks["events"]) == 2 and len(talks["articles"]) == 2


def test_actors(client: TestClient) -> None:
    items = client.get("/actors").json()["items"]
    top = items[0]
    assert top["actor"] == "TURGOV" and top["events"] == 3 and top["as_target"] == 2
    sources = client.get("/actors", params={"role": "source"}).json()["items"]
    assert all(a["as_target"] == 0 for a in sources)
    assert client.get("/actors", params={"country": "EGY"}).json()["items"][0]["actor"] in {"EGYGOV", "QATGOV"}


def test_network(client: TestClient) -> None:
    body = client.get("/network").json()
    edge = next(e for e in body["edges"] if e["source"] == "RUSGOV" and e["target"] == "TURGOV")
    assert edge["events"] == 1 and edge["mean_goldstein"] == 3.5
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert client.get("/network", params={"quad": 4}).json()["edges"] == [
        {"source": "FRAGOV", "target": "---REB", "events": 1, "mean_goldstein": -10.0, "sum_goldstein": -10.0}]


def test_stats(client: TestClient) -> None:
    s = client.get("/stats").json()
    assert s["total"] == 7
    assert sum(d["n"] for d in s["per_day"]) == 7
    assert {r["key"] for r in s["per_root"]} == {"04", "05", "07", "12", "13", "14", "19"}
    assert {q["key"]: q["n"] for q in s["per_quad_class"]} == {1: 2, 2: 1, 3: 3, 4: 1}
    assert client.get("/stats", params={"country": "SYR"}).json()["total"] == 2


def test_map_points(client: TestClient) -> None:
    body = client.get("/map").json()
    assert len(body["items"]) == 5 and not body["truncated"]
    assert all(p["lat"] is not None for p in body["items"])


def test_export_csv_streams_filtered_rows(client: TestClient) -> None:
    r = client.get("/export", params={"format": "csv", "country": "TUR"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    df = pd.read_csv(io.StringIO(r.text))
    assert len(df) == 3 and set(df.columns) >= {"id", "source_code", "cameo_code", "lat"}


def test_export_jsonl_is_nested(client: TestClient) -> None:
    r = client.get("/export", params={"format": "jsonl"})
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == 7
    raqqa = next(x for x in rows if x["id"] == "ev-raqqa")
    assert raqqa["source"]["cameo_code"] == "FRAGOV" and raqqa["date"]["start"] == "2015-11-20"


def test_export_parquet(client: TestClient, tmp_path: Path) -> None:
    r = client.get("/export", params={"format": "parquet", "cameo": "19"})
    assert r.status_code == 200
    out = tmp_path / "e.parquet"
    out.write_bytes(r.content)
    df = pd.read_parquet(out)
    assert list(df["id"]) == ["ev-raqqa"] and df.iloc[0]["location"]["lat"] == pytest.approx(35.95)


def test_empty_export_still_has_a_header(client: TestClient) -> None:
    r = client.get("/export", params={"format": "csv", "actor": "nobody-at-all"})
    assert r.status_code == 200 and r.text.startswith("id,")
    assert len(r.text.strip().splitlines()) == 1


def test_docs_and_openapi_are_offline(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/events", "/events/{event_id}", "/stories", "/stories/{story_id}", "/actors", "/stats",
              "/export", "/health", "/articles", "/network", "/map"):
        assert p in paths


def test_dashboard_is_served_from_the_package(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "eventwire" in r.text
    for asset in ("/static/app.js", "/static/charts.js", "/static/app.css",
                  "/static/vendor/leaflet/leaflet.js", "/static/vendor/world/countries-110m.json"):
        assert client.get(asset).status_code == 200, asset
    assert "https://" not in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/__init__.py").status_code == 404  # no Python sources served


def test_cors_off_by_default(client: TestClient) -> None:
    r = client.get("/events", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_on_when_configured(store: Path) -> None:
    from eventwire.api import create_app

    with TestClient(create_app(store, cors_origins=["https://analyst.example"])) as c:
        r = c.get("/health", headers={"Origin": "https://analyst.example"})
        assert r.headers["access-control-allow-origin"] == "https://analyst.example"


def test_parallel_requests_each_get_their_own_read_only_connection(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/events", "/stats", "/network", "/map", "/stories/story-raqqa", "/events/ev-raqqa"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert codes == [200] * len(paths)


def test_event_detail_lists_each_mention_of_a_merged_event_once(tmp_path: Path) -> None:
    """The writer lists every mention of a cross-article merge under the canonical event; the merged event
    keeps its own mention row too. The detail page must show each (article, evidence) once."""
    import dataclasses

    from api_builders import SPECS, fill_store

    from eventwire.api import create_app
    from eventwire.store import Writer, connect
    from eventwire.stories.merge import EventMention

    db = tmp_path / "merged.duckdb"
    specs = [dataclasses.replace(SPECS[0], event_id="ev-canon"), dataclasses.replace(SPECS[1], event_id="ev-dup")]
    analyses = fill_store(db, specs)
    (canon,), (dup,) = (a.events for a in analyses)
    refs = [EventMention(e.id, e.article_id, e.evidence.start, e.evidence.end, a.article.source)
            for e, a in ((canon, analyses[0]), (dup, analyses[1]))]
    con = connect(db)
    try:
        with Writer(con) as w:
            merged = dataclasses.replace(canon, num_articles=2, num_sources=2)
            w.write_story_merges("story-raqqa", [a.article.id for a in analyses], [(merged, refs)])
    finally:
        con.close()
    with TestClient(create_app(db)) as c:
        ev = c.get("/events/ev-canon").json()
        assert ev["num_articles"] == 2
        got = sorted((m["article_id"], m["evidence_start"]) for m in ev["mentions"])
        assert got == sorted((r.article_id, r.start) for r in refs)
        assert c.get("/events/ev-dup").json()["merged_into"] == "ev-canon"


def test_shared_reader_closes_the_store_once_idle(store: Path) -> None:
    """The shared read connection is closed by its idle watcher after ``IDLE_SECONDS`` without reads (so that
    another process can write), and reopened by the next read; one watcher thread per open connection."""
    import threading
    import time

    from eventwire.store import api_queries as q

    for _ in range(3):
        with q.read_connection(store) as con:
            assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 7
    reader = q._READERS[q._resolved(store)]
    assert reader.con is not None
    assert sum(t.name == "eventwire-reader-idle" for t in threading.enumerate()) >= 1
    deadline = time.monotonic() + 5
    while reader.con is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reader.con is None and reader.watcher is None
    with q.read_connection(store) as con:
        assert con.execute("SELECT 1").fetchall() == [(1,)]
    assert reader.con is not None and reader.watcher is not None

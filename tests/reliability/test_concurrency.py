"""The single-writer rule: while `eventwire run` writes a store, readers (Python API, CLI, REST API) and a
second `eventwire run` get a clear "store locked" error, never a DuckDB lock crash or a stack trace."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import StoreError, StoreLockedError
from eventwire.store import connect
from eventwire.store.db import want_write_marker, writer_waiting

CLI = [sys.executable, "-m", "eventwire.cli"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}


def _jsonl(path: Path, n: int, tag: str) -> Path:
    rows = [{"title": f"{tag} {i}", "text": f"Russia accused France of spying on Tuesday, report {tag}-{i} said. "
             f"Officials in Paris met {i % 50 + 2} delegates from Moscow and Berlin.", "published": "2021-05-04"}
            for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _wait_locked(db: Path, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Until the writer process holds the store (a read-only open fails with StoreLockedError)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the writer exited early with {proc.returncode}")
        try:
            con = connect(db, read_only=True)
        except StoreLockedError:
            return
        except StoreError:  # no store file yet: the writer is still loading the model
            time.sleep(0.2)
            continue
        con.close()  # opened between the writer's start and its lock: try again
        time.sleep(0.2)
    pytest.fail("the writer never took the store lock")


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, subprocess.Popen[bytes]]]:
    """`eventwire run` on a long input in a subprocess, holding the store open for the module's tests."""
    tmp = tmp_path_factory.mktemp("lock")
    db = tmp / "store.duckdb"
    src = _jsonl(tmp / "long.jsonl", 20_000, "w")
    proc = subprocess.Popen([*CLI, "run", str(src), "--db", str(db)], env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        _wait_locked(db, proc)
        yield db, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)


def test_python_reader_gets_store_locked(writer: tuple[Path, subprocess.Popen[bytes]]) -> None:
    db, _ = writer
    with pytest.raises(StoreLockedError) as info:
        connect(db, read_only=True)
    assert info.value.code == "store_locked"
    assert "one writer at a time" in info.value.message
    with pytest.raises(StoreLockedError):
        connect(db)  # a second writer in this process too


@pytest.mark.parametrize("command", [["events"], ["failures"], ["stories"],
                                     ["export", "--format", "csv", "--out", "{tmp}/x.csv"]])
def test_cli_reader_exits_2_with_a_clear_message(writer: tuple[Path, subprocess.Popen[bytes]], tmp_path: Path,
                                                 command: list[str]) -> None:
    db, _ = writer
    args = [c.replace("{tmp}", str(tmp_path)) for c in command]
    done = subprocess.run([*CLI, *args, "--db", str(db)], env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "store_locked" in done.stderr and "one writer at a time" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_second_run_exits_2_with_a_clear_message(writer: tuple[Path, subprocess.Popen[bytes]],
                                                 tmp_path: Path) -> None:
    db, _ = writer
    src = _jsonl(tmp_path / "other.jsonl", 5, "second")
    done = subprocess.run([*CLI, "run", str(src), "--db", str(db), "--lock-wait", "1"], env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "store_locked" in done.stderr and "Traceback" not in done.stderr
    assert "waited 1 s" in " ".join(done.stderr.split())
    assert not want_write_marker(db).exists()  # the waiting writer cleans up its marker


def test_rest_api_answers_503_in_the_error_shape(writer: tuple[Path, subprocess.Popen[bytes]]) -> None:
    api = pytest.importorskip("eventwire.api", reason="the REST API (eventwire.api) is not importable yet")
    from fastapi.testclient import TestClient

    db, _ = writer
    with TestClient(api.create_app(db)) as client:
        for path in ("/events", "/stories", "/actors", "/stats", "/export?format=csv", "/health", "/map"):
            r = client.get(path)
            assert r.status_code == 503, (path, r.status_code, r.text[:300])
            body = r.json()
            assert set(body) == {"error"} and body["error"]["code"] == "store_locked", body
            assert "Traceback" not in r.text
            assert r.headers.get("retry-after")


def test_store_is_readable_and_consistent_once_the_writer_is_gone(
        writer: tuple[Path, subprocess.Popen[bytes]]) -> None:
    db, proc = writer
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    con = connect(db, read_only=True)
    try:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall()[0]
        orphans = con.execute("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
                              ).fetchall()[0][0]
    finally:
        con.close()
    assert total == distinct
    assert orphans == 0  # an article and its events are written in one transaction


def test_same_process_writer_and_api_reader(tmp_path: Path) -> None:
    """The API's read-only open while this process holds the store read-write: 503, not a crash."""
    api = pytest.importorskip("eventwire.api", reason="the REST API (eventwire.api) is not importable yet")
    from fastapi.testclient import TestClient

    db = tmp_path / "s.duckdb"
    con = connect(db)
    try:
        with TestClient(api.create_app(db)) as client:
            r = client.get("/events")
        assert r.status_code == 503 and r.json()["error"]["code"] == "store_locked", r.text
    finally:
        con.close()
    connect(db, read_only=True).close()  # released: readers are fine again


def test_waiting_writer_gets_the_store_from_a_busy_api_server(tmp_path: Path) -> None:
    """`eventwire serve` under a steady stream of uncached reads keeps its shared read connection open (it only
    closes when idle or, once idle, after 30 s). A writer that waits (``connect(wait=...)``, as `eventwire run`
    does) announces itself with a marker; the server lets go within a moment, answers 503 while the writer
    holds the store, and serves again afterwards."""
    import random
    import threading

    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import loadtest

    db = tmp_path / "busy.duckdb"
    loadtest.build_store(db, 3000)
    server = loadtest.Server(db, loadtest.free_port())
    server.start()
    stop = threading.Event()
    statuses: list[int] = []

    def reader(seed: int) -> None:
        rnd = random.Random(seed)
        with httpx.Client(base_url=server.url, timeout=30) as http:
            while not stop.is_set():
                statuses.append(http.get(f"/events/ev{rnd.randrange(3000):08d}").status_code)

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(4)]
    try:
        for t in threads:
            t.start()
        time.sleep(1.5)
        assert statuses and set(statuses) == {200}
        t0 = time.monotonic()
        con = connect(db, wait=10.0)
        waited = time.monotonic() - t0
        try:
            assert not want_write_marker(db).exists() and not writer_waiting(db)
            con.execute("CREATE TABLE writer_was_here AS SELECT 1 AS x")
            seen = len(statuses)
            time.sleep(0.5)
            assert 503 in statuses[seen:]  # readers are told to retry while the writer holds the store
        finally:
            con.close()
        time.sleep(1.0)
        seen = len(statuses)
        time.sleep(1.0)
        assert statuses[seen:] and set(statuses[seen:]) == {200}
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
        server.stop()
    assert waited < 5.0, waited
    assert set(statuses) <= {200, 503}

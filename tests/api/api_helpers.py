"""Shared assertions for the API tests."""

from __future__ import annotations

from typing import Any


def assert_error(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    assert "Traceback" not in r.text
    return body["error"]  # type: ignore[no-any-return]


# a second process holding DuckDB's write lock on a store file (as `eventwire run` does)
HOLD_LOCK = (
    "import sys, time, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "con.execute('BEGIN TRANSACTION'); con.execute('SELECT count(*) FROM events').fetchall()\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)

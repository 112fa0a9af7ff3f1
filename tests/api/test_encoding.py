"""Read answers are encoded in the worker thread: still valid JSON for NaN/inf and dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store.api_queries import close_readers


def test_nan_and_infinity_become_null_and_dates_iso(store: Path, tmp_path: Path) -> None:
    db = tmp_path / "nan.duckdb"
    shutil.copy(store, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET goldstein = 'nan'::DOUBLE WHERE id = 'ev-raqqa'")
    con.execute("UPDATE events SET confidence = 'inf'::DOUBLE WHERE id = 'ev-raqqa'")
    con.close()
    with TestClient(create_app(db)) as c:
        for path in ("/events?cameo=195", "/events/ev-raqqa", "/map?cameo=195"):
            r = c.get(path)
            assert r.status_code == 200, r.text
            body = json.loads(r.text, parse_constant=lambda name: pytest_fail(name))
            item = body["items"][0] if "items" in body else body
            assert item["goldstein"] is None
        detail = c.get("/events/ev-raqqa").json()
        assert detail["confidence"] is None and detail["published"] == "2015-11-21"
    close_readers()


def pytest_fail(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")

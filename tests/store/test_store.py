"""The store: migrations, idempotent batched writes, queries with filters, exports readable by pandas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from eventwire.records import (
    ActorRef,
    Analysis,
    Article,
    DateRef,
    Event,
    Failure,
    Place,
    PloverActor,
    Quantity,
    Sentence,
    Span,
)
from eventwire.store import EventFilter, Writer, connect, events, export, failures, migrate
from eventwire.store.db import _migrations

TEXT = "Paris launched air strikes on Raqqa on Friday, killing 12 fighters."


def _analysis(text: str = TEXT, source: str = "outlet-1") -> Analysis:
    art = Article(id=Article.make_id("", text), text=text, published=dt.date(2015, 11, 21), source=source)
    src = ActorRef(text="Paris", start=0, end=5, name="France", country="FRA", sectors=("GOV",),
                   cameo_code="FRAGOV", plover_actor=PloverActor("FRA", "GOV"), reason="capital-as-government")
    tgt = ActorRef(text="fighters", start=58, end=66, name="fighters", country=None, sectors=("REB",),
                   cameo_code="---REB", kind="group")
    place = Place(text="Raqqa", start=30, end=35, name="Raqqa", lat=35.95, lon=39.01, country="SYR",
                  geonameid=163915, feature="city")
    date = DateRef(text="Friday", start=39, end=45, date_start=dt.date(2015, 11, 20),
                   date_end=dt.date(2015, 11, 20), precision="day")
    qty = Quantity(value=12, unit="fighter", kind="fatalities", text="killing 12 fighters", start=47, end=66)
    ev = Event(id="ev-" + art.id, article_id=art.id, sentence=text, evidence=Span(0, len(text)),
               trigger=Span(6, 14, "launched"), source=src, target=tgt, cameo_code="195", cameo_root="19",
               cameo_name="Employ aerial weapons", goldstein=-10.0, quad_class=4, plover_type="ASSAULT",
               plover_mode="aerial", location=place, location_precision="attached", date=date, fatalities=12,
               quantities=(qty,))
    return Analysis(article=art, sentences=(Sentence(0, 0, len(text), text),), actors=(src, tgt),
                    places=(place,), dates=(date,), quantities=(qty,), events=(ev,))


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    versions = [v for v, _, _ in _migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    con = connect(tmp_path / "s.duckdb")
    assert migrate(con) == []  # already applied by connect
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall()[0][0] == len(versions)


def test_writes_are_idempotent(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    for _ in range(2):
        with Writer(con) as w:
            w.add(_analysis())
            w.add(Failure(origin="bad.jsonl:3", code="parse_error", message="line 3: not JSON"))
    for table, n in (("articles", 1), ("events", 1), ("places", 1), ("failures", 1), ("event_mentions", 1)):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == n, table
    assert failures(con)[0]["code"] == "parse_error"


def test_event_filters(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    with Writer(con) as w:
        w.add(_analysis())
    assert len(events(con, EventFilter(actor="FRA"))) == 1
    assert len(events(con, EventFilter(actor="france"))) == 1
    assert len(events(con, EventFilter(cameo="19", country="SYR"))) == 1
    assert events(con, EventFilter(cameo="04")) == []
    assert len(events(con, EventFilter(date_from=dt.date(2015, 11, 20), date_to=dt.date(2015, 11, 20)))) == 1
    assert events(con, EventFilter(date_from=dt.date(2015, 11, 21))) == []
    assert len(events(con, EventFilter(bbox=(35.0, 30.0, 45.0, 40.0)))) == 1
    assert events(con, EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))) == []
    # user text is a parameter, never SQL
    assert events(con, EventFilter(actor="x' OR '1'='1")) == []


def test_the_coding_method_is_stored_and_filtered(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    guessed = _analysis("Chad menaced Sudan with force on Friday, killing 12 fighters.", source="outlet-2")
    guessed = dataclasses.replace(guessed, events=tuple(dataclasses.replace(e, method="fallback", id="ev-guess")
                                                        for e in guessed.events))
    with Writer(con) as w:
        w.add(_analysis())
        w.add(guessed)
    assert [r["method"] for r in events(con, EventFilter(method="fallback"))] == ["fallback"]
    assert [r["id"] for r in events(con, EventFilter(method="pattern"))] == ["ev-" + _analysis().article.id]
    out = tmp_path / "e.parquet"
    export(con, "parquet", out)
    assert sorted(pd.read_parquet(out)["method"]) == ["fallback", "pattern"]


def test_stores_from_before_the_method_column_read_as_unknown(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    with Writer(con) as w:
        w.add(_analysis())
    con.execute("ALTER TABLE events DROP COLUMN method")
    con.execute("DELETE FROM schema_migrations WHERE version = 4")
    assert migrate(con) == [4]
    assert [r["method"] for r in events(con, EventFilter())] == [None]  # not marked then: unknown
    assert events(con, EventFilter(method="pattern")) == []


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt", "plover"])
def test_exports_read_back(tmp_path: Path, fmt: str) -> None:
    con = connect(tmp_path / "s.duckdb")
    with Writer(con) as w:
        w.add(_analysis())
        w.add(_analysis("Moscow hosted talks with Ankara on Friday.", source="outlet-2"))
    out = tmp_path / f"events.{fmt}"
    n = export(con, fmt, out)
    assert n >= 1
    if fmt == "parquet":
        df = pd.read_parquet(out)
        row = df[df.cameo_code == "195"].iloc[0]
        assert row["source"]["cameo_code"] == "FRAGOV"
        assert row["location"]["lat"] == pytest.approx(35.95)
        assert row["date"]["start"] == dt.date(2015, 11, 20)
    elif fmt == "csv":
        df = pd.read_csv(out)
        assert df.loc[0, "source_code"] == "FRAGOV" and df.loc[0, "lat"] == pytest.approx(35.95)
    elif fmt == "gdelt":
        df = pd.read_csv(out, sep="\t", dtype=str)
        assert df.loc[0, "EventRootCode"] == "19" and df.loc[0, "SQLDATE"] == "20151120"
    else:
        rec = json.loads(out.read_text().splitlines()[0])
        assert rec.get("plover_type", rec.get("event_type")) == "ASSAULT"


def test_read_only_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        connect(tmp_path / "missing.duckdb", read_only=True)

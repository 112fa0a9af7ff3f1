"""Open the DuckDB store and bring its schema up to date with the numbered migrations."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError, StoreLockedError

DEFAULT_DB = Path("eventwire.duckdb")


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("eventwire.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: Path | str = DEFAULT_DB, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and migrate, unless read-only) the store. ``":memory:"`` gives a throw-away store."""
    target = str(path)
    if target != ":memory:" and read_only and not Path(target).exists():
        raise StoreError(f"no store at {target}: run `eventwire run` or `eventwire demo` first")
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"the store {target} is in use by another eventwire process (one writer at a time); "
                "wait for it to finish or use another --db file",
                detail=str(exc),
            ) from exc
        raise StoreError(f"cannot open store {target}: {exc}") from exc
    if not read_only:
        migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet recorded in ``schema_migrations``; returns the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in _migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {exc}") from exc
        applied.append(version)
    return applied


def table_schema(con: duckdb.DuckDBPyConnection, table: str) -> Any:
    """The Arrow schema of a table (the single source of truth for batched Arrow appends)."""
    return con.sql(f'SELECT * FROM "{table}" LIMIT 0').to_arrow_table().schema


def attach_parquet(con: duckdb.DuckDBPyConnection, root: Path | str, view: str = "events_parquet") -> int:
    """Expose date-partitioned event Parquet files (as the Dask workers write them) as a view; returns rows."""
    if not view.isidentifier():
        raise StoreError(f"bad view name {view!r}")
    pattern = str(Path(root) / "**" / "*.parquet")
    rel = con.read_parquet(pattern, hive_partitioning=True)
    rel.create_view(view, replace=True)
    return int(con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0])

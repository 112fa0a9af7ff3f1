"""Open the DuckDB store and bring its schema up to date with the numbered migrations."""

from __future__ import annotations

import os
import time
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


# A writer that finds the store held by readers (the REST API's shared read connection) waits up to this long,
# announcing itself with a marker file that the readers poll: they let go of the file and answer 503 until the
# writer is in. The marker counts only while the waiting writer keeps touching it (a killed writer's goes stale).
WRITE_WAIT_SECONDS = 30.0
WANT_WRITE_TTL_SECONDS = 3.0
_WAIT_STEP_SECONDS = 0.1


def want_write_marker(path: Path | str) -> Path:
    """The file a waiting writer keeps fresh: ``<store>.write-wanted``."""
    return Path(f"{path}.write-wanted")


def writer_waiting(path: Path | str) -> bool:
    """Whether a writer is waiting for the store at ``path`` (its marker was touched in the last seconds)."""
    try:
        mtime = os.stat(want_write_marker(path)).st_mtime
    except OSError:
        return False
    return time.time() - mtime < WANT_WRITE_TTL_SECONDS


def connect(path: Path | str = DEFAULT_DB, *, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open (and migrate, unless read-only) the store. ``":memory:"`` gives a throw-away store.

    ``wait`` (read-write only): seconds to keep trying while another process holds the file, announcing the
    wait to the REST API's readers (``writer_waiting``) so that they let go; then ``StoreLockedError``."""
    target = str(path)
    if target != ":memory:" and read_only and not Path(target).exists():
        raise StoreError(f"no store at {target}: run `eventwire run` or `eventwire demo` first")
    deadline = time.monotonic() + (0.0 if read_only else wait)
    marker: Path | None = None
    try:
        while True:
            try:
                con = duckdb.connect(target, read_only=read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"cannot open store {target}: {exc}") from exc
                if time.monotonic() >= deadline:
                    waited = f" (waited {wait:g} s)" if wait and not read_only else ""
                    raise StoreLockedError(
                        f"the store {target} is in use by another eventwire process{waited} (one writer at a "
                        "time); wait for it to finish or use another --db file",
                        detail=str(exc),
                    ) from exc
                marker = want_write_marker(target)
                try:
                    marker.touch()
                except OSError:  # a read-only directory: wait without announcing
                    marker = None
                time.sleep(_WAIT_STEP_SECONDS)
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)
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

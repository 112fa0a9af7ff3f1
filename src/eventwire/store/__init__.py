"""DuckDB store: schema migrations, the single writer, queries and exports. Only this package talks to DuckDB."""

from .db import DEFAULT_DB, attach_parquet, connect, migrate
from .export import FORMATS, export
from .queries import EventFilter, events, failures, stories, summary
from .writer import WriteCounts, Writer

__all__ = [
    "DEFAULT_DB",
    "FORMATS",
    "EventFilter",
    "WriteCounts",
    "attach_parquet",
    "Writer",
    "connect",
    "events",
    "export",
    "failures",
    "migrate",
    "stories",
    "summary",
]

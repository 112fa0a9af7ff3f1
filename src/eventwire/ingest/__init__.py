"""Ingest: read files and folders of news articles into ``Article`` records (or ``Failure`` records).

Formats by extension: .txt, .jsonl/.ndjson, .json, .csv/.tsv, .html/.htm, .xml/.rss/.atom, each optionally
gzipped (.gz). ``read_paths`` never raises on bad input: every problem becomes a ``Failure`` with a
stable code from ``eventwire.errors``.

>>> from eventwire.ingest import read_paths, IngestOptions
>>> for item in read_paths(["news/"], IngestOptions(source="wire")): ...
"""

from __future__ import annotations

from .options import IngestOptions, UnsafeXMLError
from .reader import FORMATS, read_file, read_paths, walk
from .sample import sample_paths

__all__ = ["FORMATS", "IngestOptions", "UnsafeXMLError", "read_file", "read_paths", "sample_paths", "walk"]

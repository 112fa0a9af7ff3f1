"""Plain-text and tabular formats: .txt, .jsonl/.ndjson, .json, .csv/.tsv."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..errors import EventwireError, InputError, ParseError, TooLargeError
from ..records import Article, Failure
from .decoding import ByteStream, decode, iter_lines, warn_fallback
from .fields import TEXT_KEYS, article_from_record, make_article
from .options import IngestOptions

HEADLINE_MAX_CHARS = 200
# A JSON document may wrap its records in one of these keys ({"articles": [...]}).
CONTAINER_KEYS = ("articles", "items", "data", "records", "documents", "results")

# Raised once, process-wide: the csv module's own limit (128 KiB) is far below a long article; the
# per-article bound is enforced by ``make_article`` instead.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def to_failure(exc: EventwireError, origin: str) -> Failure:
    return Failure(origin=origin, code=exc.code, message=exc.message)


def headline(text: str) -> tuple[str, int]:
    """``(title, offset)`` of the first line when it looks like a headline: shorter than 200 characters,
    no final period, and followed by more text. ``("", 0)`` otherwise."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0:
        return "", 0
    line = text[start:end].rstrip()
    if (
        not line
        or len(line) >= HEADLINE_MAX_CHARS
        or line.endswith(".")
        or not any(c.isalpha() for c in line)
        or not text[end:].strip()
    ):
        return "", 0
    return line, start


def parse_txt(text: str, origin: str, opts: IngestOptions) -> Article:
    title, offset = headline(text)
    return make_article(text=text, title=title, title_offset=offset, origin=origin, opts=opts)


def _load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{what}: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise ParseError(f"{what}: invalid JSON: {exc}") from exc


def _record_article(value: Any, where: str, opts: IngestOptions) -> Article:
    if not isinstance(value, Mapping):
        raise ParseError(f"{where}: expected a JSON object, got {type(value).__name__}")
    return article_from_record(value, where, opts)


def _json_line(raw: bytes | str, lineno: int, where: str, opts: IngestOptions) -> Article:
    text = raw if isinstance(raw, str) else decode(raw, where, opts.fallback_encoding, whole_file=False)[0]
    return _record_article(_load_json(text, f"line {lineno}"), where, opts)


def iter_jsonl(stream: ByteStream, origin: str, opts: IngestOptions) -> Iterator[Article | Failure]:
    """One record per line; a bad line becomes a Failure and the next lines are still read."""
    for lineno, raw in iter_lines(stream, opts.max_bytes):
        where = f"{origin}:{lineno}"
        if raw is None:
            yield to_failure(TooLargeError(f"line {lineno} is longer than {opts.max_bytes} bytes"), where)
            continue
        if not raw.strip():
            continue
        try:
            yield _json_line(raw, lineno, where, opts)
        except InputError as exc:
            yield to_failure(exc, where)


def _iter_jsonl_text(text: str, origin: str, opts: IngestOptions) -> Iterator[Article | Failure]:
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            where = f"{origin}:{lineno}"
            try:
                yield _json_line(line, lineno, where, opts)
            except InputError as exc:
                yield to_failure(exc, where)


def _records(value: Any) -> tuple[list[Any], bool]:
    """The records of a JSON document and whether they came from a list."""
    if isinstance(value, list):
        return value, True
    if isinstance(value, Mapping) and not any(str(k).lower() in TEXT_KEYS for k in value):
        for key in CONTAINER_KEYS:
            inner = value.get(key)
            if isinstance(inner, list):
                return inner, True
    return [value], False


def iter_json(text: str, origin: str, opts: IngestOptions) -> Iterator[Article | Failure]:
    """A list of records, one record, or ``{"articles": [...]}``. JSON Lines saved as .json also works."""
    try:
        value = _load_json(text, origin)
    except ParseError as exc:
        if "Extra data" in exc.message:
            yield from _iter_jsonl_text(text, origin, opts)
            return
        raise
    items, is_list = _records(value)
    for i, item in enumerate(items, 1):
        where = f"{origin}#{i}" if is_list else origin
        try:
            yield _record_article(item, where, opts)
        except InputError as exc:
            yield to_failure(exc, where)


def _decoded_lines(stream: ByteStream, origin: str, opts: IngestOptions) -> Iterator[str]:
    warned = False
    for lineno, raw in iter_lines(stream, opts.max_bytes):
        if raw is None:
            raise TooLargeError(f"{origin}: line {lineno} is longer than {opts.max_bytes} bytes")
        text, encoding = decode(raw, f"{origin}: line {lineno}", opts.fallback_encoding, whole_file=False)
        if encoding not in ("utf-8", "utf-16") and not warned:
            warn_fallback(origin, encoding)
            warned = True
        yield text


def iter_csv(stream: ByteStream, origin: str, opts: IngestOptions, delimiter: str = ",") -> Iterator[Article | Failure]:
    """A header row naming the columns (same names as JSON), then one article per row.

    A bad row becomes a Failure; an undecodable or over-long line ends the file (the CSV reader cannot
    resynchronise on quoted fields after skipping bytes)."""
    reader = csv.DictReader(_decoded_lines(stream, origin, opts), delimiter=delimiter)
    try:
        header = [str(h).strip().lower() for h in reader.fieldnames or ()]
    except csv.Error as exc:
        raise ParseError(f"{origin}: bad CSV header: {exc}") from exc
    if not header:
        return
    if not any(h in TEXT_KEYS for h in header):
        raise ParseError(f"{origin}: no text column in the CSV header (one of {', '.join(TEXT_KEYS)})")
    yield from _csv_rows(reader, origin, opts)


def _csv_rows(reader: csv.DictReader[str], origin: str, opts: IngestOptions) -> Iterable[Article | Failure]:
    prev = reader.line_num
    while True:
        start = prev + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield to_failure(ParseError(f"line {reader.line_num}: bad CSV: {exc}"), f"{origin}:{start}")
            prev = reader.line_num
            continue
        prev = reader.line_num
        where = f"{origin}:{start}"
        try:
            yield article_from_record(row, where, opts)
        except InputError as exc:
            yield to_failure(exc, where)

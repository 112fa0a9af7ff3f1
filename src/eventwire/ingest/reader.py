"""Walk paths, pick a reader per file (extension, gzip magic, content sniffing), and turn every error into a
``Failure``: nothing raises out of ``read_paths``."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from ..errors import (
    BinaryInputError,
    EmptyArticleError,
    EventwireError,
    InputError,
    ParseError,
    UnsupportedFormatError,
)
from ..records import Article, Failure
from .decoding import LimitedStream, PeekStream, decode, read_bounded, warn_fallback
from .formats import iter_csv, iter_json, iter_jsonl, parse_txt, to_failure
from .markup import iter_feed, parse_html
from .options import IngestOptions

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
GZIP_MAGIC = b"\x1f\x8b"
GZIP_SUFFIXES = (".gz", ".gzip")

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_ONE_ARTICLE = frozenset({"txt", "html"})  # bounded by max_bytes; other whole-file formats by max_file_bytes
_LINE_FORMATS = frozenset({"jsonl", "csv", "tsv"})  # streamed line by line

Result = Article | Failure


def read_paths(paths: Iterable[Path | str], options: IngestOptions | None = None) -> Iterator[Result]:
    """Articles and failures from files and folders, in a deterministic order: each argument in turn,
    folders walked recursively in sorted order, hidden files and folders skipped. ``-`` reads stdin."""
    opts = options or IngestOptions()
    for p in paths:
        if str(p) != STDIN and _is_dir(Path(p)):
            for item in _walk_with_errors(Path(p)):
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from read_file(item, opts)
        else:
            yield from read_file(p, opts)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long: read_file reports it as a Failure
        return False


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted by name at every level; names starting with '.' are skipped."""
    for item in _walk_with_errors(folder):
        if isinstance(item, Path):
            yield item


def _walk_with_errors(folder: Path) -> Iterator[Path | Failure]:
    """Like ``walk``, but a folder that cannot be listed becomes a Failure instead of vanishing."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from (_unreadable_folder(exc) for exc in errors)
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    yield from (_unreadable_folder(exc) for exc in errors)


def _unreadable_folder(exc: OSError) -> Failure:
    origin = str(exc.filename or "")
    return Failure(origin=origin, code=InputError.code, message=f"cannot list folder {origin}: {exc.strerror}")


def read_file(path: Path | str, options: IngestOptions | None = None) -> Iterator[Result]:
    """Articles (or Failures) from one file; ``-`` reads stdin as one plain-text article."""
    opts = options or IngestOptions()
    if str(path) == STDIN:
        return _guard(STDIN_ORIGIN, lambda: _read_stdin(opts))
    return _guard(str(path), lambda: _read_path(Path(path), opts))


def _guard(origin: str, produce: Callable[[], Iterator[Result]]) -> Iterator[Result]:
    """The error boundary: whatever goes wrong in one file becomes a Failure for that file."""
    try:
        yield from produce()
    except EventwireError as exc:
        yield to_failure(exc, origin)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:  # BadGzipFile is an OSError: catch it first
        yield Failure(origin=origin, code=ParseError.code, message=f"corrupt compressed data: {exc}")
    except OSError as exc:
        yield Failure(origin=origin, code=InputError.code, message=f"cannot read {origin}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop a batch of thousands
        yield Failure(origin=origin, code=InputError.code, message=f"{type(exc).__name__}: {exc}")


def _read_stdin(opts: IngestOptions) -> Iterator[Result]:
    data = read_bounded(sys.stdin.buffer, opts.max_bytes, "stdin")
    yield parse_txt(_decode(data, STDIN_ORIGIN, opts), STDIN_ORIGIN, opts)


def _read_path(path: Path, opts: IngestOptions) -> Iterator[Result]:
    origin = str(path)
    name = path.name.lower()
    with path.open("rb") as raw:
        stream = PeekStream(raw)
        if stream.peek_head(2) == GZIP_MAGIC:
            gz = gzip.GzipFile(fileobj=cast(BinaryIO, stream), mode="rb")
            stream = PeekStream(LimitedStream(gz, opts.max_file_bytes, origin))
            name = name.removesuffix(".gzip").removesuffix(".gz")
            fmt = FORMATS.get(Path(name).suffix) or _sniff(stream.peek_head(), origin)
        elif name.endswith(GZIP_SUFFIXES):
            raise ParseError(f"{origin}: not gzip data (no gzip header)")
        else:
            fmt = FORMATS.get(Path(name).suffix) or _unsupported(origin)
        yield from _read_format(fmt, stream, origin, opts)


def _unsupported(origin: str) -> str:
    raise UnsupportedFormatError(
        f"{origin}: unsupported file type {Path(origin).suffix or '(no extension)'!r}; "
        f"expected one of {', '.join(sorted(FORMATS))}, optionally gzipped (.gz)"
    )


def _sniff(head: bytes, origin: str) -> str:
    """Guess the format of a compressed file without an inner extension (``data.gz``) from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    if start.startswith(b"<"):
        if b"<html" in start or b"<!doctype html" in start:
            return "html"
        return "feed"
    if not start:
        raise EmptyArticleError(f"{origin}: file is empty")
    if b"\x00" in head:
        raise BinaryInputError(f"{origin}: compressed binary data, not text")
    return "txt"


def _read_format(fmt: str, stream: PeekStream, origin: str, opts: IngestOptions) -> Iterator[Result]:
    if fmt in _LINE_FORMATS:
        head = stream.peek_head()
        if b"\x00" in head:  # else a binary file would yield one failure per "line"
            raise BinaryInputError(f"{origin} contains NUL bytes: binary data, not text")
        if not head.strip():
            raise EmptyArticleError(f"{origin}: file is empty")
        if fmt == "jsonl":
            yield from iter_jsonl(stream, origin, opts)
        else:
            yield from iter_csv(stream, origin, opts, delimiter="\t" if fmt == "tsv" else ",")
        return
    data = read_bounded(stream, opts.max_bytes if fmt in _ONE_ARTICLE else opts.max_file_bytes, origin)
    if not data.strip():
        raise EmptyArticleError(f"{origin}: file is empty")
    if fmt == "feed":
        yield from iter_feed(data, origin, opts)
        return
    text = _decode(data, origin, opts)
    if fmt == "txt":
        yield parse_txt(text, origin, opts)
    elif fmt == "html":
        yield parse_html(text, origin, opts)
    else:
        yield from iter_json(text, origin, opts)


def _decode(data: bytes, origin: str, opts: IngestOptions) -> str:
    text, encoding = decode(data, origin, opts.fallback_encoding)
    if encoding not in ("utf-8", "utf-16"):
        warn_fallback(origin, encoding)
    return text

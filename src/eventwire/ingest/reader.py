"""Walk paths, pick a reader per file (extension, gzip magic, content sniffing), and turn every error into a
``Failure``: nothing raises out of ``read_paths``."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EventwireError, InputError, ParseError, UnsupportedFormatError
from ..records import Article, Failure
from .decoding import ByteStream, LimitedStream, decode, read_bounded, warn_fallback
from .formats import iter_csv, iter_json, iter_jsonl, parse_txt, to_failure
from .markup import iter_feed, parse_html
from .options import IngestOptions

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
GZIP_MAGIC = b"\x1f\x8b"

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
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
# Formats read as one document (bounded by max_bytes per article or max_file_bytes per file).
_ONE_ARTICLE = frozenset({"txt", "html"})

Result = Article | Failure


def read_paths(paths: Iterable[Path | str], options: IngestOptions | None = None) -> Iterator[Result]:
    """Articles and failures from files and folders, in a deterministic order: each argument in turn,
    folders walked recursively in sorted order, hidden files and folders skipped. ``-`` reads stdin."""
    opts = options or IngestOptions()
    for p in paths:
        if str(p) == STDIN:
            yield from read_file(STDIN, opts)
            continue
        path = Path(p)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, opts)
        else:
            yield from read_file(path, opts)


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted by name at every level; names starting with '.' are skipped."""
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


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
    except OSError as exc:
        yield Failure(origin=origin, code=InputError.code, message=f"cannot read: {exc.strerror or exc}")
    except (EOFError, zlib.error) as exc:
        yield Failure(origin=origin, code=ParseError.code, message=f"corrupt compressed data: {exc}")
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop a batch of thousands
        yield Failure(origin=origin, code=InputError.code, message=f"{type(exc).__name__}: {exc}")


def _read_stdin(opts: IngestOptions) -> Iterator[Result]:
    data = read_bounded(sys.stdin.buffer, opts.max_bytes, "stdin")
    yield parse_txt(_decode(data, STDIN_ORIGIN, opts), STDIN_ORIGIN, opts)


def _read_path(path: Path, opts: IngestOptions) -> Iterator[Result]:
    origin = str(path)
    with path.open("rb") as raw:
        name = path.name.lower()
        stream: ByteStream = raw
        if raw.read(2) == GZIP_MAGIC:
            gz = gzip.GzipFile(fileobj=raw, mode="rb")
            stream = LimitedStream(gz, opts.max_file_bytes, origin)
            name = name.removesuffix(".gz").removesuffix(".gzip")
        elif name.endswith((".gz", ".gzip")):
            raise ParseError(f"{origin}: not gzip data (missing gzip header)")
        raw.seek(0)
        fmt = FORMATS.get(Path(name).suffix) or _sniff_inner(stream, name, origin)
        yield from _read_format(fmt, stream, origin, opts)


def _sniff_inner(stream: ByteStream, name: str, origin: str) -> str:
    """A bare ``x.gz`` has no inner extension: guess the format from the first bytes."""
    if Path(name).suffix or not isinstance(stream, LimitedStream):
        raise UnsupportedFormatError(
            f"{origin}: unsupported file type {Path(origin).suffix or '(none)'!r}; "
            f"expected one of {', '.join(sorted(FORMATS))} (optionally .gz)"
        )
    raise UnsupportedFormatError(f"{origin}: compressed file without an inner extension (name it x.jsonl.gz …)")


def _read_format(fmt: str, stream: ByteStream, origin: str, opts: IngestOptions) -> Iterator[Result]:
    if fmt in ("jsonl", "csv", "tsv"):
        _reject_binary_head(stream, origin)
        if fmt == "jsonl":
            yield from iter_jsonl(stream, origin, opts)
        else:
            yield from iter_csv(stream, origin, opts, delimiter="\t" if fmt == "tsv" else ",")
        return
    limit = opts.max_bytes if fmt in _ONE_ARTICLE else opts.max_file_bytes
    data = read_bounded(stream, limit, origin)
    if fmt == "feed":
        yield from iter_feed(_nonempty(data, origin), origin, opts)
        return
    text = _decode(data, origin, opts)
    if fmt == "txt":
        yield parse_txt(text, origin, opts)
    elif fmt == "html":
        yield parse_html(text, origin, opts)
    else:
        yield from iter_json(text, origin, opts)


def _reject_binary_head(stream: ByteStream, origin: str) -> None:
    """A binary file with a line-format extension would otherwise yield one failure per 'line'."""
    seekable = stream if isinstance(stream, io.IOBase) else None
    head = stream.read(8192)
    if b"\x00" in head:
        from ..errors import BinaryInputError

        raise BinaryInputError(f"{origin} contains NUL bytes: binary data, not text")
    _rewind(stream, seekable)


def _rewind(stream: ByteStream, seekable: io.IOBase | None) -> None:
    target: BinaryIO | io.IOBase | None = seekable
    if target is None and isinstance(stream, LimitedStream):
        stream.rewind()
        return
    if target is not None:
        target.seek(0)


def _nonempty(data: bytes, origin: str) -> bytes:
    if not data.strip():
        from ..errors import EmptyArticleError

        raise EmptyArticleError(f"{origin}: file is empty")
    return data


def _decode(data: bytes, origin: str, opts: IngestOptions) -> str:
    text, encoding = decode(data, origin, opts.fallback_encoding)
    if encoding not in ("utf-8", "utf-16"):
        warn_fallback(origin, encoding)
    return text

"""Bytes → text: bounded reads, binary sniffing, the UTF-8 → UTF-8-SIG → fallback decoding chain."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from typing import Protocol

from ..errors import BinaryInputError, DecodeError, TooLargeError

log = logging.getLogger("eventwire.ingest")

CHUNK = 1024 * 1024
SNIFF_BYTES = 8192
# C0 controls other than tab/newline/carriage return/form feed: rare in text, common in binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05
_NEWLINES = re.compile(r"\r\n?")


class ByteStream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class LimitedStream:
    """Wraps a (decompressing) stream and raises ``TooLargeError`` once more than ``limit`` bytes came out."""

    def __init__(self, inner: ByteStream, limit: int, what: str) -> None:
        self._inner = inner
        self._limit = limit
        self._what = what
        self._count = 0

    def _account(self, data: bytes) -> bytes:
        self._count += len(data)
        if self._count > self._limit:
            raise TooLargeError(f"{self._what} is larger than {self._limit} bytes when decompressed")
        return data

    def read(self, size: int = -1, /) -> bytes:
        # An unbounded read of a gzip bomb would exhaust memory before we could count it.
        return self._account(self._inner.read(size if size >= 0 else self._limit + 1))

    def readline(self, size: int = -1, /) -> bytes:
        return self._account(self._inner.readline(size if size >= 0 else self._limit + 1))


def read_bounded(stream: ByteStream, limit: int, what: str) -> bytes:
    """Read the whole stream, chunk by chunk, failing with ``too_large`` past ``limit`` bytes."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            raise TooLargeError(f"{what} is larger than the limit of {limit} bytes")
        parts.append(chunk)


def iter_lines(stream: ByteStream, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, line)`` from a byte stream; ``None`` for a line longer than ``max_line``
    (its bytes are skipped without being held in memory)."""
    lineno = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(CHUNK)
            yield lineno, None
            continue
        yield lineno, line


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data  # memchr: cheap even on large inputs


def decode(data: bytes, what: str, fallback: str | None = "cp1252", *, whole_file: bool = True) -> tuple[str, str]:
    """Decode bytes to text; returns ``(text, encoding)``. Newlines are normalised to ``\\n`` so that
    offsets are the same whichever platform wrote the file. A UTF-16 byte-order mark is honoured only at
    the start of a whole file (not on one line of a JSONL/CSV file)."""
    text, encoding = _decode_raw(data, what, fallback, whole_file)
    sample = text[:SNIFF_BYTES]
    if _CONTROL.search(sample) and len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise BinaryInputError(f"{what} looks like binary data (control characters)")
    return normalise_newlines(text), encoding


def warn_fallback(what: str, encoding: str) -> None:
    """Say that a fallback encoding was used: the text may hold mis-decoded characters."""
    log.warning("%s is not valid UTF-8; decoded as %s", what, encoding)


def normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def _decode_raw(data: bytes, what: str, fallback: str | None, whole_file: bool) -> tuple[str, str]:
    if whole_file and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{what}: invalid UTF-16 ({exc.reason} at byte {exc.start})") from exc
    if looks_binary(data):
        raise BinaryInputError(f"{what} contains NUL bytes: binary data, not text")
    try:
        return data.decode("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    text = _try_decode(data, fallback) if fallback else None
    if text is not None:
        return text, str(fallback)
    raise DecodeError(
        f"{what} is not valid UTF-8 ({first_error.reason} at byte {first_error.start})"
        + (f" nor {fallback}" if fallback else "")
    ) from first_error


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None  # the caller reports the UTF-8 error, which is the informative one


class PeekStream:
    """A byte stream whose first bytes can be looked at without consuming them (works on gzip and
    non-seekable streams alike)."""

    def __init__(self, inner: ByteStream) -> None:
        self._inner = inner
        self._buffer = b""

    def peek_head(self, size: int = SNIFF_BYTES) -> bytes:
        while len(self._buffer) < size:
            chunk = self._inner.read(size - len(self._buffer))
            if not chunk:
                break
            self._buffer += chunk
        return self._buffer[:size]

    def read(self, size: int = -1, /) -> bytes:
        if not self._buffer:
            return self._inner.read(size)
        if 0 <= size <= len(self._buffer):
            out, self._buffer = self._buffer[:size], self._buffer[size:]
            return out
        out, self._buffer = self._buffer, b""
        return out + self._inner.read(size - len(out) if size >= 0 else -1)

    def readline(self, size: int = -1, /) -> bytes:
        if not self._buffer:
            return self._inner.readline(size)
        limit = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        nl = self._buffer.find(b"\n", 0, limit)
        if nl >= 0 or limit == size:
            cut = nl + 1 if nl >= 0 else limit
            out, self._buffer = self._buffer[:cut], self._buffer[cut:]
            return out
        out, self._buffer = self._buffer, b""
        return out + self._inner.readline(size - len(out) if size >= 0 else -1)

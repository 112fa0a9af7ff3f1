"""Options shared by every reader, and the one ingest error that ``errors.py`` does not define yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import errors
from ..errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How files are read.

    ``published`` / ``source`` fill records that carry none. ``max_bytes`` bounds one article (a .txt/.html
    file, a JSONL line, a CSV record, a feed entry); ``max_file_bytes`` bounds formats read whole that hold
    many articles (.json, feeds) and the decompressed size of a ``.gz`` stream (gzip bombs).
    ``min_chars``: an article with fewer non-blank characters is an ``empty_article`` failure.
    ``fallback_encoding``: tried when UTF-8 fails (a warning is logged); ``None`` turns that into a
    ``decode_error``.
    """

    published: dt.date | None = None
    source: str | None = None
    max_bytes: int = 50 * MB
    min_chars: int = 1
    max_file_bytes: int = 2048 * MB
    fallback_encoding: str | None = "cp1252"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_file_bytes <= 0:
            raise errors.ConfigError("max_bytes and max_file_bytes must be positive")
        if self.min_chars < 0:
            raise errors.ConfigError("min_chars must be >= 0")


class _UnsafeXMLError(InputError):
    """XML with entity declarations or external references (billion laughs, XXE)."""

    code = "unsafe_xml"


# errors.py is owned by the lead: use its class once it exists, this stand-in until then.
UnsafeXMLError: type[InputError] = getattr(errors, "UnsafeXMLError", _UnsafeXMLError)

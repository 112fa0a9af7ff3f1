"""Turn a loose record (a JSON object, a CSV row, a feed entry) into an ``Article``."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping

from ..errors import EmptyArticleError, ParseError, TooLargeError
from ..records import Article
from .decoding import normalise_newlines
from .options import IngestOptions

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "date", "publish_date")
SOURCE_KEYS = ("source", "outlet", "publisher")
URL_KEYS = ("url", "link")
ID_KEYS = ("id",)

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")


def parse_published(value: object) -> dt.date | None:
    """ISO date or datetime (the date part as written, no time-zone shift), or an RFC 2822 date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ParseError(f"published must be an ISO date string, got {type(value).__name__}")
    s = value.strip()
    m = _ISO_DATE.fullmatch(s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        return dt.date.fromisoformat(s)
    except ValueError:
        return _parse_rfc2822(s)


def _parse_rfc2822(s: str) -> dt.date:
    # Not ISO: RFC 2822 ("Sat, 21 Nov 2015 10:00:00 GMT") is common in feed and mail exports.
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError, OverflowError) as exc:
        raise ParseError(f"unrecognised published date {s[:80]!r} (expected YYYY-MM-DD)") from exc


def _pick(rec: Mapping[str, object], keys: tuple[str, ...]) -> object:
    """The first non-empty value among ``keys`` (or the first present one when all are empty)."""
    found: object = None
    for key in keys:
        if key in rec:
            value = rec[key]
            if value not in (None, ""):
                return value
            found = value if found is None else found
    return found


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_text(value: object, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if field in ("text", "title"):  # a number is not an article ("NaN" would be stored as text "nan")
            raise ParseError(f"field {field!r} must be a string, got {type(value).__name__}")
        return str(value)
    if field == "source" and isinstance(value, Mapping):
        # NewsAPI-style {"id": ..., "name": "Outlet"}
        return _as_text(value.get("name") or value.get("title"), field)
    raise ParseError(f"field {field!r} must be a string, got {type(value).__name__}")


def article_from_record(rec: Mapping[object, object], origin: str, opts: IngestOptions) -> Article:
    """Field names are matched case-insensitively; see the module constants for the accepted names."""
    norm = {str(k).strip().lower(): v for k, v in rec.items() if k is not None}
    raw_text = _pick(norm, TEXT_KEYS)
    if raw_text is None:
        raise ParseError(f"{origin}: missing text field (one of {', '.join(TEXT_KEYS)})")
    text = _as_text(raw_text, "text")
    return make_article(
        text=text or "",
        title=_as_text(_pick(norm, TITLE_KEYS), "title") or "",
        published=parse_published(_pick(norm, DATE_KEYS)),
        source=_as_text(_pick(norm, SOURCE_KEYS), "source"),
        external_id=_as_text(_pick(norm, ID_KEYS), "id"),
        url=_as_text(_pick(norm, URL_KEYS), "url"),
        origin=origin,
        opts=opts,
    )


def make_article(
    *,
    text: str,
    title: str,
    origin: str,
    opts: IngestOptions,
    published: dt.date | None = None,
    source: str | None = None,
    external_id: str | None = None,
    url: str | None = None,
    title_offset: int | None = None,
) -> Article:
    """Checks size and emptiness, fills defaults from ``opts`` and computes the content-hash id.

    ``title_offset`` is where the title starts in ``text``; when not given it is 0 if the text starts with
    the title and -1 when the title is not part of the text."""
    # lone surrogates (from JSON escapes like "\ud800") cannot be encoded anywhere downstream: replace them
    text = _LONE_SURROGATE.sub("\ufffd", normalise_newlines(text))
    title = _LONE_SURROGATE.sub("\ufffd", title.strip())
    if title_offset is None and not text.lstrip().startswith(title):
        title = " ".join(title.split())
    if len(text) > opts.max_bytes or (len(text) * 4 > opts.max_bytes and len(text.encode()) > opts.max_bytes):
        raise TooLargeError(f"{origin}: article text is larger than {opts.max_bytes} bytes")
    if len(text.strip()) < max(opts.min_chars, 1):
        raise EmptyArticleError(f"{origin}: article text is empty or under {opts.min_chars} characters")
    if title_offset is None:
        title_offset = 0 if not title or text.lstrip().startswith(title) else -1
        if title and title_offset == 0:
            title_offset = len(text) - len(text.lstrip())
    return Article(
        id=Article.make_id(title, text),
        text=text,
        title=title,
        published=published if published is not None else opts.published,
        source=(source or "").strip() or opts.source,
        external_id=external_id,
        url=url,
        origin=origin,
        title_offset=title_offset,
    )

"""Markup formats: HTML pages (trafilatura, offline), RSS/Atom feeds (feedparser after a defusedxml check)."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as StdET
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser
import trafilatura
from trafilatura.settings import use_config

from ..errors import InputError, ParseError
from ..records import Article, Failure
from .decoding import log
from .fields import make_article, parse_published
from .formats import to_failure
from .options import IngestOptions, UnsafeXMLError

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table pre hr".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    """Markup → plain text, one paragraph per block element; scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)


def strip_html(markup: str) -> tuple[str, str]:
    """``(title, text)`` of an HTML fragment or page, whitespace tidied."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts))
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    return " ".join("".join(parser.title_parts).split()), text


def _trafilatura_config() -> Any:
    config = use_config()
    # We bound sizes ourselves; trafilatura's own limits would silently drop long pages.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(2**31 - 1))
    config.set("DEFAULT", "MIN_FILE_SIZE", "1")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    # Guessing a date from the body text would mistake event dates for the publication date.
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


_CONFIG = _trafilatura_config()


def _extract(markup: str, origin: str) -> Any:
    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False, config=_CONFIG
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input; any crash is bad input
        raise ParseError(f"{origin}: HTML extraction failed: {type(exc).__name__}: {exc}") from exc


def parse_html(markup: str, origin: str, opts: IngestOptions) -> Article:
    """Main text of a page via trafilatura (no network); falls back to plain tag stripping for fragments
    trafilatura rejects."""
    doc = _extract(markup, origin)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = (getattr(doc, "title", None) or "") if doc is not None else ""
    if not text.strip():
        fallback_title, text = strip_html(markup)
        title = title or fallback_title
    published = _safe_date(getattr(doc, "date", None), origin)
    return make_article(
        text=text,
        title=title,
        published=published,
        source=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
        origin=origin,
        opts=opts,
    )


def _safe_date(value: Any, origin: str) -> dt.date | None:
    """A metadata date is a guess by the extractor: an unparseable one is dropped (logged), not fatal."""
    try:
        return parse_published(value) if isinstance(value, str) else None
    except ParseError as exc:
        log.warning("%s: ignoring metadata date: %s", origin, exc.message)
        return None


def check_xml_safety(data: bytes, origin: str) -> None:
    """Reject entity declarations and external references before feedparser sees the bytes."""
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeXMLError(f"{origin}: unsafe XML rejected ({type(exc).__name__}: {exc})") from exc
    except (StdET.ParseError, ValueError) as exc:
        # Malformed XML goes to feedparser's lenient parser; declared entities there are still refused.
        if _ENTITY_DECL.search(data):
            raise UnsafeXMLError(f"{origin}: malformed XML that declares entities rejected") from exc


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value[0], value[1], value[2])
            except (ValueError, TypeError, IndexError):
                continue  # feedparser sometimes yields impossible dates; try the next field
    return None


def _entry_article(entry: Any, feed_title: str | None, where: str, opts: IngestOptions) -> Article:
    title = strip_html(entry.get("title") or "")[1].replace("\n", " ")
    bodies = [c.get("value") or "" for c in entry.get("content") or ()] + [entry.get("summary") or ""]
    text = max((strip_html(b)[1] for b in bodies), key=len, default="")
    if not text.strip():
        text = title  # headline-only feeds: the headline is the article
    src = entry.get("source") or {}
    source = (src.get("title") if hasattr(src, "get") else None) or feed_title
    return make_article(
        text=text,
        title=title,
        published=_entry_date(entry),
        source=source,
        external_id=entry.get("id") or None,
        url=entry.get("link") or None,
        origin=where,
        opts=opts,
    )


def _parse_feed(data: bytes, origin: str) -> Any:
    try:
        return feedparser.parse(io.BytesIO(data))  # a stream: feedparser never treats it as a URL
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input; any crash is bad input
        raise ParseError(f"{origin}: feed parsing failed: {type(exc).__name__}: {exc}") from exc


def iter_feed(data: bytes, origin: str, opts: IngestOptions) -> Iterator[Article | Failure]:
    check_xml_safety(data, origin)
    parsed = _parse_feed(data, origin)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise ParseError(f"{origin}: not an RSS/Atom feed" + (f" ({reason})" if reason else ""))
    feed_title = (parsed.feed.get("title") or None) if parsed.get("feed") else None
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{i}"
        try:
            yield _entry_article(entry, feed_title, where, opts)
        except InputError as exc:
            yield to_failure(exc, where)

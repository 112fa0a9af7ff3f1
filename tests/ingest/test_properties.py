"""Property tests: read_file never raises on arbitrary input and yields only Article / Failure."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import FORMATS, IngestOptions, read_file
from eventwire.records import Article, Failure

EXTENSIONS = sorted(FORMATS) + [".gz", ".jsonl.gz", ".txt.gz", ".bin"]
SETTINGS = settings(
    max_examples=int(os.environ.get("EVENTWIRE_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
OPTS = IngestOptions(max_bytes=4096, max_file_bytes=16384)

_markup = st.sampled_from(
    [
        b"<",
        b">",
        b"</",
        b"<?xml version='1.0'?>",
        b"<rss version='2.0'>",
        b"<item>",
        b"<title>",
        b"<!ENTITY",
        b"<!DOCTYPE x [",
        b"]>",
        b"&",
        b";",
        b"{",
        b"}",
        b"[",
        b"]",
        b'"text":',
        b'"',
        b",",
        b"\n",
        b"\x00",
        b"\xff",
        b"\x1f\x8b",
        b"\r\n",
        b"<p>",
        b"<html>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    ]
)
_data = st.one_of(
    st.binary(max_size=2000), st.lists(st.one_of(_markup, st.binary(max_size=20)), max_size=80).map(b"".join)
)


def _check(ext: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(gzip.compress(data) if ext.endswith(".gz") and data[:1] != b"!" else data)
        items = list(read_file(path, OPTS))
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Article):
            assert item.text.strip() and item.id == Article.make_id(item.title, item.text)
            if item.title and item.title_offset >= 0:  # -1: the title is not part of the text
                assert item.text[item.title_offset : item.title_offset + len(item.title)] == item.title
        else:
            assert item.code and item.stage == "ingest"


@pytest.mark.parametrize("ext", EXTENSIONS)
@SETTINGS
@given(data=_data)
def test_arbitrary_bytes_never_raise(ext: str, data: bytes) -> None:
    _check(ext, data)


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_record = st.fixed_dictionaries(
    {},
    optional={
        "text": _json_value,
        "title": _json_value,
        "published": _json_value,
        "source": _json_value,
        "id": _json_value,
        "url": _json_value,
        "body": _json_value,
        "date": _json_value,
    },
)


@SETTINGS
@given(records=st.lists(_record | _json_value, max_size=6))
def test_json_shaped_records_never_raise(records: list[object]) -> None:
    lines = "\n".join(json.dumps(r) for r in records).encode()
    for ext in (".jsonl", ".json"):
        _check(ext, lines if ext == ".jsonl" else json.dumps(records).encode())


@SETTINGS
@given(text=st.text(max_size=500))
def test_any_text_roundtrips_through_txt(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        items = list(read_file(path))
    assert len(items) == 1
    (item,) = items
    if isinstance(item, Article):
        assert item.text.replace("\n", "") == text.replace("\r", "").replace("\n", "").removeprefix("\ufeff")

"""Every failure code, and the rule that bad input never raises."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.ingest import IngestOptions, UnsafeXMLError

from .conftest import read, read_all

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>x</title><item><title>&lol3;</title></item></channel></rss>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>t</title><description>&xxe;</description></item></channel></rss>
"""


def codes(path: Path, options: IngestOptions | None = None) -> list[str]:
    return [f.code for f in read(path, options)[1]]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.csv", "a.json", "a.html"])
def test_binary_input(tmp_path: Path, name: str) -> None:
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert codes(write(tmp_path, name, png_like)) == [errors.BinaryInputError.code]


def test_control_characters_are_binary(tmp_path: Path) -> None:
    assert codes(write(tmp_path, "c.txt", bytes(range(1, 32)) * 50)) == ["binary_input"]


def test_cp1252_fallback_is_flagged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    p = write(tmp_path, "w.txt", "Caf\u00e9 talks \u2013 ministers met.".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        (art,), fails = read(p)
    assert art.text == "Caf\u00e9 talks \u2013 ministers met." and not fails
    assert "cp1252" in caplog.text


def test_decode_error_when_fallback_also_fails(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252 and invalid as a UTF-8 start byte.
    p = write(tmp_path, "bad.txt", b"Talks \x81\x81 ended.")
    assert codes(p) == [errors.DecodeError.code]
    assert codes(write(tmp_path, "w.txt", b"Caf\xe9"), IngestOptions(fallback_encoding=None)) == ["decode_error"]


def test_utf8_bom_and_utf16(tmp_path: Path) -> None:
    (a,), _ = read(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHeadline here\nBody."))
    assert a.title == "Headline here" and not a.text.startswith("\ufeff")
    (b,), _ = read(write(tmp_path, "u16.txt", "Headline here\nBody.".encode("utf-16")))
    assert b.text == "Headline here\nBody."


def test_bad_json_line_does_not_stop_the_file(tmp_path: Path) -> None:
    p = write(tmp_path, "x.jsonl", b'{"text": "one"}\n{bad json\n{"text": "three"}\n\xff\xfe{\n{"text": "five"}\n')
    arts, fails = read(p, IngestOptions(fallback_encoding=None))
    assert [a.text for a in arts] == ["one", "three", "five"]
    assert [(f.code, f.origin.rsplit(":", 1)[1]) for f in fails] == [("parse_error", "2"), ("decode_error", "4")]
    assert "line 2" in fails[0].message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("e.txt", b""),
        ("e.txt", b"  \n\t \n"),
        ("e.jsonl", b"\n\n"),
        ("e.json", b" "),
        ("e.rss", b""),
        ("e.html", b"<html><body>  </body></html>"),
    ],
)
def test_empty_article(tmp_path: Path, name: str, data: bytes) -> None:
    assert codes(write(tmp_path, name, data)) == [errors.EmptyArticleError.code]


def test_min_chars(tmp_path: Path) -> None:
    p = write(tmp_path, "s.txt", b"Too short.")
    assert codes(p, IngestOptions(min_chars=50)) == ["empty_article"]
    assert codes(p, IngestOptions(min_chars=5)) == []


def test_missing_text_field_and_bad_published(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "m.jsonl",
        b'{"title": "x"}\n{"text": "ok", "published": "last Tuesday"}\n'
        b'{"text": "ok", "published": "Sat, 21 Nov 2015 10:00:00 GMT"}\n{"text": 5}\n{"text": ["a"]}\n',
    )
    arts, fails = read(p)
    # a number is not an article text (JSON NaN would otherwise be stored as the text "nan")
    assert [f.code for f in fails] == ["parse_error"] * 4
    assert "missing text field" in fails[0].message and "published" in fails[1].message
    assert "must be a string" in fails[2].message
    assert [a.text for a in arts] == ["ok"] and arts[0].published.isoformat() == "2015-11-21"


def test_too_large(tmp_path: Path) -> None:
    opts = IngestOptions(max_bytes=1000)
    assert codes(write(tmp_path, "big.txt", b"word " * 400), opts) == [errors.TooLargeError.code]
    p = write(tmp_path, "big.jsonl", b'{"text": "' + b"x" * 2000 + b'"}\n{"text": "small one"}\n')
    arts, fails = read(p, opts)
    assert [a.text for a in arts] == ["small one"] and [f.code for f in fails] == ["too_large"]
    assert fails[0].origin.endswith(":1")
    q = write(tmp_path, "big.json", b'[{"text": "' + b"y" * 2000 + b'"}, {"text": "fine"}]')
    arts, fails = read(q, opts)
    assert [a.text for a in arts] == ["fine"] and [f.code for f in fails] == ["too_large"]


def test_unsupported_format(tmp_path: Path) -> None:
    (fail,) = read_all([write(tmp_path, "report.pdf", b"%PDF-1.4")])
    assert fail.code == errors.UnsupportedFormatError.code and ".pdf" in fail.message
    assert codes(write(tmp_path, "noext", b"text")) == ["unsupported_format"]


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, BILLION_LAUGHS.replace(b"</rss>", b"")])
def test_unsafe_xml(tmp_path: Path, data: bytes) -> None:
    assert codes(write(tmp_path, "evil.rss", data)) == [UnsafeXMLError.code] == ["unsafe_xml"]


def test_not_a_feed_and_malformed_xml(tmp_path: Path) -> None:
    assert codes(write(tmp_path, "x.xml", b"<config><a>1</a></config>")) == ["parse_error"]
    assert codes(write(tmp_path, "y.xml", b"hello there, not xml")) == ["parse_error"]


def test_corrupt_and_fake_gzip(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(b'{"text": "one"}\n' * 1000)
    assert codes(write(tmp_path, "t.jsonl.gz", data[: len(data) // 2])) == ["parse_error"]
    assert codes(write(tmp_path, "f.txt.gz", b"plain text, not gzip")) == ["parse_error"]
    bad_header = b"\x1f\x8b\x99" + data[3:]  # gzip magic, unknown compression method
    assert codes(write(tmp_path, "h.jsonl.gz", bad_header)) == ["parse_error"]


def test_csv_undecodable_line_ends_the_file_with_a_failure(tmp_path: Path) -> None:
    p = write(tmp_path, "d.csv", b"text\nfirst row\nbad \x81 row\nthird row\n")
    arts, fails = read(p, IngestOptions(fallback_encoding=None))
    assert [a.text for a in arts] == ["first row"] and [f.code for f in fails] == ["decode_error"]
    assert "line 3" in fails[0].message


def test_missing_file_and_unreadable_paths(tmp_path: Path) -> None:
    (fail,) = read_all([tmp_path / "nope.txt"])
    assert fail.code == errors.InputError.code and "nope.txt" in fail.origin


def test_options_are_validated() -> None:
    with pytest.raises(errors.ConfigError):
        IngestOptions(max_bytes=0)

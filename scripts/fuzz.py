"""Fuzz eventwire end to end: malformed inputs → ingest → the real pipeline → the store (issue 10).

    python scripts/fuzz.py --n 10000                  # full size (50 MB articles, 100k-char sentences)
    python scripts/fuzz.py --n 300 --max-bytes 1048576 --no-long --json   # the CI size

Every input must be accounted for exactly once: a good record stored once (found again by its marker), a bad
record as a row in ``failures`` with a known error code, nothing escaping as an exception. Exit code 1 when any
of crashes, lost, duplicated, unknown codes, leaked script/entity content or the RSS bound is violated.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import random
import re
import resource
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from eventwire import errors  # noqa: E402
from eventwire.ingest import IngestOptions, read_paths  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.records import Article, Failure  # noqa: E402
from eventwire.runner import run_articles  # noqa: E402
from eventwire.store import connect  # noqa: E402

# ===== the corpus: deterministic malformed inputs =====================================================

MB = 1024 * 1024
WORDS = ("the minister said that russia and france would meet officials from turkey and iran on monday while "
         "protesters gathered in the capital and police arrested dozens of people near the parliament").split()
COUNTRIES = ("France", "Russia", "Turkey", "Iran", "Egypt", "Germany", "China", "India", "Kenya", "Mali")
VERBS = ("met with", "criticised", "signed an agreement with", "accused", "praised", "threatened", "visited")
BAD_DATES = ("banana", "10000-01-01", "0000-00-00", "2020-02-30", "2021-13-01", "-0001-01-01", "1e10",
             "Sat, 99 Foo 2015 10:00:00 GMT", "yesterday", "9999-99-99T99:99", "\u0660\u0661-01-01", "2020/01/01x")
EDGE_DATES = ("0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "1900-02-28",
              "2000-02-29", "Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 +0000")
EMPTY = frozenset({"empty_article"})
DECODE = frozenset({"decode_error", "binary_input"})
BINARY = frozenset({"binary_input", "decode_error", "parse_error", "empty_article"})
PARSE = frozenset({"parse_error"})
UNSAFE = frozenset({"unsafe_xml"})
FEED_BAD = frozenset({"unsafe_xml", "parse_error"})
TOO_LARGE = frozenset({"too_large"})
SCRIPT_MARK = "FZSCRIPT"  # text inside <script>/<style>: must never reach articles.text
SECRET_MARK = "FZSECRET"  # content of an external entity: must never reach articles.text


@dataclass(frozen=True)
class Case:
    origin: str  # relative to the corpus root: "f/00012.txt", "j/00003.jsonl:7", "r/00001.rss#2"
    kind: str
    expect: str  # good | fail | either
    codes: frozenset[str] = frozenset()
    marker: str | None = None


@dataclass
class Line:
    """One record of a line format (JSONL line or CSV row)."""

    fmt: str  # jsonl | csv
    data: bytes
    kind: str
    expect: str
    codes: frozenset[str] = frozenset()
    marker: str | None = None


@dataclass
class File:
    """A whole file; ``entries`` lists (suffix, expect, codes, marker) for files holding several records."""

    ext: str
    data: bytes
    kind: str
    expect: str
    codes: frozenset[str] = frozenset()
    marker: str | None = None
    entries: list[tuple[str, str, frozenset[str], str | None]] = field(default_factory=list)


Item = Line | File


class Gen:
    """Holds the seeded RNG and the running counter that makes every text unique (no accidental duplicates)."""

    def __init__(self, seed: int, max_bytes: int, scale: float = 1.0) -> None:
        self.rnd = random.Random(seed)
        self.max_bytes = max_bytes
        self.scale = scale  # shrinks the long texts (CI): the events stage is superlinear in sentence length
        self.counter = 0

    def sized(self, n: int) -> int:
        return max(10, int(n * self.scale))

    def mark(self) -> str:
        self.counter += 1
        return f"FZ{self.counter:06d}"

    def sentence(self) -> str:
        a, b = self.rnd.sample(COUNTRIES, 2)
        return f"{a} {self.rnd.choice(VERBS)} {b} on Tuesday, officials said."

    def good_text(self, mark: str) -> str:
        return f"{self.sentence()} Report {mark} from the capital. {self.sentence()}"

    def words(self, n: int) -> str:
        return " ".join(self.rnd.choice(WORDS) for _ in range(n))


def _jl(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"


def good_line(g: Gen) -> Line:
    m = g.mark()
    rec = {"title": f"Good {m}", "text": g.good_text(m), "published": "2020-03-05", "source": "fuzz-wire"}
    return Line("jsonl", _jl(rec), "good", "good", marker=m)


def good_csv_line(g: Gen) -> Line:
    m = g.mark()
    return Line("csv", f'"Good {m}","{g.good_text(m)}",2020-03-05\n'.encode(), "good_csv", "good", marker=m)


# --- encodings -------------------------------------------------------------------------------------------

def invalid_utf8(g: Gen) -> Item:
    m = g.mark()
    junk = bytes(g.rnd.choice([0x80, 0xC3, 0xFF, 0xFE, 0xED, 0xA0, 0x81, 0x8D, 0x9D, 0xC0, 0xF8])
                 for _ in range(g.rnd.randint(1, 6)))
    body = g.good_text(m).encode()
    cut = g.rnd.randint(0, len(body))
    data = body[:cut] + junk + body[cut:]
    if g.rnd.random() < 0.5:
        return File(".txt", data, "invalid_utf8", "either", DECODE, marker=None)
    line = b'{"title": "bad bytes ' + m.encode() + b'", "text": "' + data.replace(b'"', b"'") + b'"}\n'
    return Line("jsonl", line, "invalid_utf8_line", "either", DECODE | PARSE)


def mixed_encoding(g: Gen) -> Item:
    m = g.mark()
    text = f"Caf\u00e9 talks in Z\u00fcrich \u2014 {g.good_text(m)} \u201cquoted\u201d \u20ac5m."
    choice = g.rnd.randrange(6)
    if choice == 0:  # half UTF-8, half Latin-1
        half = len(text) // 2
        data = text[:half].encode() + text[half:].encode("latin-1", "replace")
    elif choice == 1:
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif choice == 2:  # UTF-16 without a BOM: NUL bytes everywhere
        data = text.encode("utf-16-be")
    elif choice == 3:
        data = codecs.BOM_UTF8 + text.encode()
    elif choice == 4:  # a truncated UTF-16 file (odd length)
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")[:-1]
    else:
        data = text.encode("cp1252", "replace")
    return File(".txt", data, "mixed_encoding", "either", DECODE)


def nul_bytes(g: Gen) -> Item:
    m = g.mark()
    text = g.good_text(m)
    cut = g.rnd.randint(0, len(text))
    if g.rnd.random() < 0.4:  # a JSON \u0000 escape: valid JSON, a NUL character in the text
        rec = {"title": f"nul {m}", "text": text[:cut] + "\x00" + text[cut:]}
        return Line("jsonl", _jl(rec), "nul_escape", "either", BINARY)
    ext = g.rnd.choice([".txt", ".html", ".json", ".rss"])
    return File(ext, (text[:cut] + "\x00" * g.rnd.randint(1, 4) + text[cut:]).encode(), "nul_bytes", "fail", BINARY)


def binary_file(g: Gen) -> Item:
    choice = g.rnd.randrange(5)
    if choice == 0:
        data = bytes(g.rnd.getrandbits(8) for _ in range(g.rnd.randint(64, 4096))) + b"\x00"
    elif choice == 1:
        data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(g.rnd.getrandbits(8) for _ in range(512))
    elif choice == 2:
        data = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(g.rnd.getrandbits(8) for _ in range(512))
    elif choice == 3:  # gzip magic, corrupt stream
        data = b"\x1f\x8b\x08\x00" + bytes(g.rnd.getrandbits(8) for _ in range(256))
    else:  # ELF-ish control characters without a NUL
        data = b"\x7fELF" + bytes(g.rnd.choice(range(1, 32)) for _ in range(2048))
    ext = g.rnd.choice([".txt", ".html", ".json", ".jsonl", ".csv", ".rss", ".xml", ".txt.gz"])
    return File(ext, data, "binary_file", "fail", BINARY | FEED_BAD)


def lone_surrogate(g: Gen) -> Item:
    m = g.mark()
    rec = '{"title": "surrogate ' + m + '", "text": "' + g.good_text(m) + ' \\ud800 and \\udfff end"}\n'
    # stage_error: accepted by ingest, refused by the pipeline (see docs/reliability.md, findings)
    return Line("jsonl", rec.encode(), "lone_surrogate", "either", PARSE | BINARY | {"stage_error"})


# --- empty, huge, long ------------------------------------------------------------------------------------

def empty(g: Gen) -> Item:
    choice = g.rnd.randrange(6)
    ws = "".join(g.rnd.choice([" ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\f"]) for _ in range(40))
    if choice == 0:
        return File(".txt", b"", "empty_file", "fail", EMPTY)
    if choice == 1:
        return File(".txt", ws.encode(), "whitespace_file", "fail", EMPTY)
    if choice == 2:
        return Line("jsonl", _jl({"title": g.mark(), "text": ""}), "empty_text", "fail", EMPTY)
    if choice == 3:
        return Line("jsonl", _jl({"title": g.mark(), "text": ws}), "whitespace_text", "fail", EMPTY)
    if choice == 4:
        return File(".html", b"<html><body>  <script>var x=1</script> </body></html>", "empty_html", "fail",
                    EMPTY | PARSE)
    return Line("csv", f'"{g.mark()}","{ws}",2020-01-01\n'.encode(), "empty_csv", "fail", EMPTY | PARSE)


def zero_width(g: Gen) -> Item:
    text = "".join(g.rnd.choice(["\u200b", "\u200c", "\ufeff", "\u2060"]) for _ in range(30)) + g.mark()
    return Line("jsonl", _jl({"text": text}), "zero_width", "either", EMPTY)


def long_sentence(g: Gen) -> Item:
    m = g.mark()
    # 100k-character unpunctuated sentences cost ~80 s each in the pipeline (see docs/reliability.md):
    # the mix uses shorter ones; ``long_100k`` adds the full-size ones at a fixed rate.
    n = g.sized(g.rnd.choice([2_000, 5_000, 10_000]))
    if g.rnd.random() < 0.3:
        text = m + " " + "".join(g.rnd.choice("abcdefghij") for _ in range(n))  # one giant token
    else:
        text = m + " " + g.words(n // 6)[:n]  # no punctuation at all
    return File(".txt", text.encode(), "long_sentence", "either", TOO_LARGE)


def long_100k(g: Gen) -> Item:
    m = g.mark()
    return File(".txt", (m + " " + g.words(20_000))[:100_000].encode(), "long_sentence_100k", "either", TOO_LARGE)


def too_large(g: Gen) -> Item:
    """A single article just over ``max_bytes`` (50 MB by default): refused before any NLP."""
    size = g.max_bytes + 1024
    block = (g.words(200) + ". ").encode()
    data = (block * (size // len(block) + 1))[:size]
    choice = g.rnd.randrange(3)
    if choice == 0:
        return File(".txt", data, "too_large", "fail", TOO_LARGE)
    if choice == 1:  # one JSONL line over the limit
        return Line("jsonl", b'{"text": "' + data + b'"}\n', "too_large_line", "fail", TOO_LARGE)
    return File(".txt.gz", gzip.compress(data, compresslevel=1, mtime=0), "gzip_bomb", "fail", TOO_LARGE)


# --- broken structured records ----------------------------------------------------------------------------

def broken_json(g: Gen) -> Item:
    m = g.mark()
    t = g.good_text(m)
    variants: list[bytes] = [
        b'{"text": "' + t.encode() + b'"',  # truncated
        b'{"text": "' + t.encode() + b'",}',
        b"{'text': '" + t.encode() + b"'}",
        b'{"title": "' + m.encode() + b'", "text": NaN}',
        b'{"text": 12345678901234567890' + m[2:].encode() + b'}',
        b'{"text": null}',
        b'{"text": ["a", "b"]}',
        b'{"text": {"nested": "' + t.encode() + b'"}}',
        b'["just", "a", "list"]',
        b'"a bare string"',
        b"42",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "' + t.encode() + b'", "published": {"y": 2020}}',
        b'{"text": "' + t.encode() + b'", "title": 17.5e99999}',
        b'{"body": "' + t.encode() + b'\\x41"}',
        b'{"' + b"k" * 5000 + b'": 1}',
        b"{" + b'"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"text": "' + t.encode() + b'", "source": ["x"]}',
        b'{"title": "no text ' + m.encode() + b'"}',
        b"\xef\xbb\xbf{\"text\": \"bom inside a line " + m.encode() + b"\"}",
    ]
    i = g.rnd.randrange(len(variants))
    data = variants[i]
    # NaN, a huge integer and an infinite title are valid to Python's json and read as text ("nan", digits, "inf")
    expect = "either" if i in (3, 4, 13, 19) else "fail"
    if g.rnd.random() < 0.15:
        return File(".json", data, "broken_json_file", expect, PARSE | EMPTY)
    return Line("jsonl", data.replace(b"\n", b" ") + b"\n", "broken_json", expect, PARSE | EMPTY)


def broken_csv(g: Gen) -> Item:
    m = g.mark()
    t = g.good_text(m)
    variants = [
        f'"{m}","{t}\n'.encode(),  # unbalanced quote: swallows the rest of the file
        f'"{m}","{t}",2020-01-01,extra,columns,here\n'.encode(),
        f'"{m}"\n'.encode(),  # too few columns: no text
        f'"{m}","{t}",banana\n'.encode(),
        f'"{m}","{t}\x00"\n'.encode(),
    ]
    i = g.rnd.randrange(len(variants))
    if i == 0:
        # an open quote eats every following line: it gets its own file so good rows elsewhere survive
        data = b"title,text,published\n" + variants[0] + b'"after","' + t.encode() + b'",2020-01-01\n'
        return File(".csv", data, "csv_open_quote", "either", PARSE | TOO_LARGE)
    if i == 4:
        return File(".csv", b"title,text,published\n" + variants[4], "csv_nul", "fail", BINARY)
    if i == 1:
        return Line("csv", variants[1], "csv_extra_columns", "either", PARSE)
    if i == 2:
        return Line("csv", variants[2], "csv_missing_text", "fail", PARSE | EMPTY)
    return Line("csv", variants[3], "csv_bad_date", "fail", PARSE)


def csv_no_text_column(g: Gen) -> Item:
    return File(".csv", f"title,headline\n{g.mark()},x\n".encode(), "csv_no_text_column", "fail", PARSE)


# --- HTML and feeds ---------------------------------------------------------------------------------------

def html_hostile(g: Gen) -> Item:
    m = g.mark()
    t = g.good_text(m)
    script = f"<script>document.write('{SCRIPT_MARK}');alert(1)</script><style>.{SCRIPT_MARK}{{}}</style>"
    choice = g.rnd.randrange(5)
    if choice == 0:
        depth = g.sized(g.rnd.choice([1_000, 10_000, 100_000]))
        body = "<div>" * depth + f"<p>{t}</p>" + "</div>" * depth
    elif choice == 1:
        body = "<div><p><b><i>" * g.sized(5000) + f"<p>{t}"  # unclosed all the way
    elif choice == 2:
        body = f'<img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a><p>{t}</p><!-- {SCRIPT_MARK} -->'
    elif choice == 3:
        body = f"<![CDATA[FZCDATA]]><p>{t}</p><iframe src='http://127.0.0.1:1/'></iframe>"
    else:
        body = f"<p>{t}</p>" + "<span>&amp;&lt;&#0;&#xD800;&#99999999;&bogus;</span>"
    data = f"<!doctype html><html><head><title>{m}</title>{script}</head><body>{script}{body}</body></html>"
    return File(".html", data.encode(), "html_hostile", "either", PARSE | EMPTY | TOO_LARGE)


def _rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>fuzz</title>{items}'
            "</channel></rss>").encode()


def _item(g: Gen, m: str) -> str:
    return f"<item><title>{m}</title><description>{g.good_text(m)}</description></item>"


def rss_bomb(g: Gen) -> Item:
    m = g.mark()
    choice = g.rnd.randrange(6)
    if choice == 0:  # billion laughs
        ents = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        data = _rss(f"<item><title>{m}</title><description>&lol9;</description></item>",
                    f"<!DOCTYPE rss [{ents}]>")
    elif choice == 1:  # external entity (XXE)
        data = _rss(f"<item><title>{m}</title><description>&xxe;</description></item>",
                    '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    elif choice == 2:  # parameter entity fetching a URL
        data = _rss(_item(g, m), '<!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://127.0.0.1:1/x.dtd"> %ext;]>')
    elif choice == 3:  # quadratic blowup: one large entity referenced many times
        big = SECRET_MARK + "a" * 50_000
        data = _rss(f"<item><title>{m}</title><description>{'&big;' * 2000}</description></item>",
                    f'<!DOCTYPE rss [<!ENTITY big "{big}">]>')
    elif choice == 4:  # malformed XML declaring entities (refused even on the lenient path)
        data = _rss(f"<item><title>{m}<description>&e;</item>",
                    f'<!DOCTYPE rss [<!ENTITY e "{SECRET_MARK}">]>')
    else:  # an external DTD is never fetched (expat does not load it): the entry may be read safely
        data = _rss(_item(g, m), '<!DOCTYPE rss SYSTEM "file:///etc/passwd">')
        return File(".rss", data, "rss_external_dtd", "either", UNSAFE | PARSE)
    ext = g.rnd.choice([".rss", ".xml", ".atom"])
    return File(ext, data, "rss_bomb", "fail", UNSAFE | PARSE)


def rss_mixed(g: Gen) -> Item:
    """A valid feed whose entries are good, empty, hostile or dated absurdly: accounted entry by entry."""
    entries: list[tuple[str, str, frozenset[str], str | None]] = []
    items = []
    for i in range(1, g.rnd.randint(2, 6) + 1):
        m = g.mark()
        kind = g.rnd.randrange(4)
        if kind == 0:
            items.append(_item(g, m))
            entries.append((f"#{i}", "good", frozenset(), m))
        elif kind == 1:
            items.append("<item><title></title><description>   </description></item>")
            entries.append((f"#{i}", "fail", EMPTY, None))
        elif kind == 2:
            items.append(f"<item><title>{m}</title><description><![CDATA[<script>{SCRIPT_MARK}</script><p>"
                         f"{g.good_text(m)}</p>]]></description><pubDate>banana</pubDate></item>")
            entries.append((f"#{i}", "either", PARSE, None))
        else:
            date = g.rnd.choice(["Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"])
            items.append(f"<item><title>{m}</title><description>{g.good_text(m)} Yesterday and tomorrow."
                         f"</description><pubDate>{date}</pubDate></item>")
            entries.append((f"#{i}", "either", frozenset(), None))
    return File(".rss", _rss("".join(items)), "rss_mixed", "either", entries=entries)


def bad_published(g: Gen) -> Item:
    m = g.mark()
    rec = {"title": f"date {m}", "text": g.good_text(m), "published": g.rnd.choice(BAD_DATES)}
    return Line("jsonl", _jl(rec), "bad_published", "fail", PARSE)


def edge_published(g: Gen) -> Item:
    m = g.mark()
    text = g.good_text(m) + g.rnd.choice([" Yesterday the talks ended.", " Talks resume next week.",
                                          " Two years ago 5 people died.", " In 3000 years, who knows.",
                                          " On 31 December 9999 and 1 January 0001."])
    rec = {"title": f"edge {m}", "text": text, "published": g.rnd.choice(EDGE_DATES)}
    return Line("jsonl", _jl(rec), "edge_published", "either", PARSE)


def odd_text(g: Gen) -> Item:
    m = g.mark()
    choice = g.rnd.randrange(6)
    if choice == 0:  # right-to-left override and combining marks
        text = f"\u202e{g.good_text(m)}\u202c " + "e\u0301\u0302\u0303" * g.sized(500)
    elif choice == 1:
        text = m + " " + "\U0001f4a5\U0001f1eb\U0001f1f7" * g.sized(3000)
    elif choice == 2:
        text = m + "\n" * g.sized(20_000) + g.good_text(m)
    elif choice == 3:
        text = m + " " + " ".join(str(g.rnd.randint(0, 10**9)) for _ in range(g.sized(5000)))
    elif choice == 4:
        text = m + " " + "Mr. Dr. U.S. e.g. " * g.sized(3000)
    else:
        text = m + " " + ("\x01\x02\x03\x07\x1b[31m" * 200) + g.good_text(m)
    return Line("jsonl", _jl({"title": f"odd {m}", "text": text}), "odd_text", "either", BINARY)


GENERATORS: tuple[Callable[[Gen], Item], ...] = (
    invalid_utf8, mixed_encoding, nul_bytes, binary_file, lone_surrogate, empty, zero_width, long_sentence,
    broken_json, broken_csv, csv_no_text_column, html_hostile, rss_bomb, rss_mixed, bad_published,
    edge_published, odd_text,
)
# Expensive generators (long texts through spaCy) are drawn less often.
WEIGHTS = (8, 6, 6, 6, 4, 8, 2, 1, 12, 8, 1, 4, 5, 3, 8, 6, 3)
BIG_EVERY = 2500  # one over-the-limit article per this many generated items (the first one too) when big
LONG_EVERY = 5000  # one 100k-character unpunctuated sentence per this many items when big
LINES_PER_FILE = 40
GOOD_EVERY = 3  # a good record after every this many malformed ones in line files


def generate(root: Path, n: int, seed: int = 20261125, max_bytes: int = 50 * MB, big: bool = True,
             long: bool = True, scale: float = 1.0) -> list[Case]:
    """Write ``n`` malformed inputs (plus interleaved good ones) under ``root``; returns every Case.

    ``big``: add articles just over ``max_bytes``; ``long``: add 100k-character unpunctuated sentences."""
    g = Gen(seed, max_bytes, scale)
    writer = _CorpusWriter(root)
    made = step = 0
    while made < n:
        if big and step % BIG_EVERY == 0:
            item = too_large(g)
        elif long and step % LONG_EVERY == 1:
            item = long_100k(g)
        else:
            item = g.rnd.choices(GENERATORS, WEIGHTS)[0](g)
        step += 1
        made += writer.add(item)
        if isinstance(item, Line) and made % GOOD_EVERY == 0:
            writer.add(good_line(g) if item.fmt == "jsonl" else good_csv_line(g))
    writer.close()
    return writer.cases


class _CorpusWriter:
    def __init__(self, root: Path) -> None:
        self.root = root
        for sub in ("f", "j", "c"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.cases: list[Case] = []
        self.files = 0
        self.lines: dict[str, list[Line]] = {"jsonl": [], "csv": []}
        self.line_files = 0

    def add(self, item: Item) -> int:
        """Returns how many malformed inputs the item counts as."""
        if isinstance(item, Line):
            self.lines[item.fmt].append(item)
            if len(self.lines[item.fmt]) >= LINES_PER_FILE:
                self._flush(item.fmt)
            return 0 if item.expect == "good" else 1
        self.files += 1
        rel = f"f/{self.files:05d}{item.ext}"
        (self.root / rel).write_bytes(item.data)
        if item.entries:
            for suffix, expect, codes, marker in item.entries:
                self.cases.append(Case(rel + suffix, item.kind, expect, codes, marker))
            return sum(1 for e in item.entries if e[1] != "good")
        self.cases.append(Case(rel, item.kind, item.expect, item.codes, item.marker))
        return 1

    def _flush(self, fmt: str) -> None:
        lines = self.lines[fmt]
        if not lines:
            return
        self.line_files += 1
        sub = "j" if fmt == "jsonl" else "c"
        rel = f"{sub}/{self.line_files:05d}.{fmt}"
        header = b"title,text,published\n" if fmt == "csv" else b""
        lineno = 1 if header else 0
        parts = [header]
        for line in lines:
            lineno += 1
            parts.append(line.data)
            self.cases.append(Case(f"{rel}:{lineno}", line.kind, line.expect, line.codes, line.marker))
            lineno += line.data.count(b"\n") - 1
        (self.root / rel).write_bytes(b"".join(parts))
        lines.clear()

    def close(self) -> None:
        self._flush("jsonl")
        self._flush("csv")


# ===== the harness: run the corpus and account for every input ======================================

MARKER = re.compile(r"FZ\d{6}")
FILES_PER_RUN = 50  # files per run_articles call: a crash is re-run file by file to find the culprit


def known_codes() -> set[str]:
    """Every stable code of the exception tree (plus the pipeline's fallback for non-eventwire errors)."""
    out = {"stage_error"}
    todo: list[type[errors.EventwireError]] = [errors.EventwireError]
    while todo:
        cls = todo.pop()
        out.add(cls.code)
        todo.extend(cls.__subclasses__())
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Report:
    inputs: int = 0
    malformed: int = 0
    good: int = 0
    files: int = 0
    crashes: list[dict[str, str]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    bad_messages: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    unexpected_outcome: list[str] = field(default_factory=list)  # e.g. a binary file stored as an article
    unaccounted_origins: int = 0
    failure_codes: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    stored_articles: int = 0
    events: int = 0
    seconds: float = 0.0
    rss_before_mb: float = 0.0
    peak_rss_mb: float = 0.0
    max_rss_mb: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def ok(self) -> bool:
        return not (self.crashes or self.lost or self.duplicated or self.unknown_codes or self.bad_messages
                    or self.leaks or self.peak_rss_mb > self.max_rss_mb)

    def as_dict(self, examples: int = 10) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if isinstance(v, list):
                d[k] = len(v)
                if v:
                    d[f"{k}_examples"] = v[:examples]
            else:
                d[k] = v
        d["crash_errors"] = dict(Counter(c["error"] for c in self.crashes))  # all of them, not just examples
        d["ok"] = self.ok()
        return d


def _chunks(files: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(files), size):
        yield files[i:i + size]


def run_corpus(root: Path, db: Path, opts: IngestOptions, pipeline: Pipeline, report: Report) -> None:
    """Feed every file through ingest + pipeline + store; an exception escaping ``run_articles`` is a crash."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    report.files = len(files)
    for chunk in _chunks(files, FILES_PER_RUN):
        try:
            run_articles(read_paths(chunk, opts), db=db, pipeline=pipeline)
        except Exception:  # noqa: BLE001 - measured, then isolated file by file below
            for path in chunk:
                try:
                    run_articles(read_paths([path], opts), db=db, pipeline=pipeline)
                except Exception as exc:  # noqa: BLE001 - this is what the fuzzer counts
                    report.crashes.append({"file": str(path.relative_to(root)), "error": repr(exc)[:300],
                                           "traceback": traceback.format_exc()[-1500:]})


def _rel(origin: str, root: str) -> str:
    return origin[len(root) + 1:] if origin.startswith(root + "/") else origin


def check_store(root: Path, db: Path, cases: list[Case], report: Report) -> None:
    con = connect(db, read_only=True)
    try:
        arts = con.execute("SELECT id, origin, text FROM articles").fetchall()
        fails = con.execute("SELECT origin, code, message FROM failures").fetchall()
        report.events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    finally:
        con.close()
    base = str(root)
    stored: dict[str, list[str]] = {}
    for _, origin, text in arts:
        stored.setdefault(_rel(origin or "", base), []).append(text)
        if SCRIPT_MARK in text or SECRET_MARK in text or "root:x:0:0" in text:
            report.leaks.append(_rel(origin or "", base))
    failed: dict[str, list[str]] = {}
    codes = known_codes()
    for origin, code, message in fails:
        failed.setdefault(_rel(origin or "", base), []).append(code)
        if code not in codes:
            report.unknown_codes.append(f"{origin}: {code}")
        if not message or "Traceback (most recent call last)" in message:
            report.bad_messages.append(f"{origin}: {message!r}"[:300])
    report.stored_articles = len(arts)
    report.failure_codes = dict(Counter(code for _, code, _ in fails).most_common())
    known = {c.origin for c in cases}
    # a whole-file case owns the records read from it ("file.csv:2", "feed.rss#1") that no other case claims
    by_file: dict[str, list[str]] = {}
    for o in (*stored, *failed):
        if o not in known:
            by_file.setdefault(re.split(r"[:#]", o, maxsplit=1)[0], []).append(o)
    for case in cases:
        owned = [case.origin, *by_file.pop(case.origin, [])]
        _account(case, [t for o in owned for t in stored.get(o, [])], [c for o in owned for c in failed.get(o, [])],
                 report, multi=len(owned) > 1)
    report.unaccounted_origins = sum(len(v) for v in by_file.values())
    report.duplicated += [o for o, texts in stored.items() if len(texts) > 1]
    markers = Counter(m for texts in stored.values() for t in texts for m in set(MARKER.findall(t)))
    report.duplicated += [m for m, n in markers.items() if n > 1]


def _account(case: Case, texts: list[str], codes: list[str], report: Report, multi: bool = False) -> None:
    kind = report.by_kind.setdefault(case.kind, Counter())
    outcome = "stored" if texts and not codes else "failed" if codes and not texts else "lost" if not texts else "both"
    kind[outcome] += 1  # type: ignore[index]
    if outcome == "lost" or (outcome == "both" and not (multi and case.expect == "either")):
        report.lost.append(f"{case.origin} ({case.kind}): {outcome}")
        return
    if case.expect == "good":
        if outcome != "stored" or not any(case.marker and case.marker in t for t in texts):
            report.lost.append(f"{case.origin} (good): {outcome} {codes}")
    elif case.expect == "fail" and outcome == "stored":
        report.unexpected_outcome.append(f"{case.origin} ({case.kind}): stored, expected a failure")
    if outcome == "failed" and case.codes and not set(codes) <= case.codes:
        report.unexpected_outcome.append(f"{case.origin} ({case.kind}): codes {codes}, expected {sorted(case.codes)}")


def _marker_index(cases: list[Case]) -> None:
    """Markers are unique by construction; fail loudly if the generator ever breaks that."""
    markers = [c.marker for c in cases if c.marker]
    if len(markers) != len(set(markers)):
        raise SystemExit("generator bug: duplicate markers")


def fuzz(n: int, seed: int, workdir: Path, max_bytes: int, big: bool, long: bool, max_rss_mb: float,
         pipeline: Pipeline | None = None, scale: float = 1.0) -> Report:
    report = Report(max_rss_mb=max_rss_mb)
    corpus = workdir / "corpus"
    cases = generate(corpus, n, seed=seed, max_bytes=max_bytes, big=big, long=long, scale=scale)
    _marker_index(cases)
    report.inputs = len(cases)
    report.good = sum(1 for c in cases if c.expect == "good")
    report.malformed = report.inputs - report.good
    pipe = pipeline or Pipeline()
    report.rss_before_mb = peak_rss_mb()
    t0 = time.perf_counter()
    db = workdir / "fuzz.duckdb"
    run_corpus(corpus, db, IngestOptions(max_bytes=max_bytes), pipe, report)
    report.seconds = round(time.perf_counter() - t0, 1)
    report.peak_rss_mb = round(peak_rss_mb(), 1)
    report.stage_seconds = {k: round(v.seconds, 1) for k, v in pipe.info.stages.items()}
    check_store(corpus, db, cases, report)
    report.by_kind = {k: dict(v) for k, v in sorted(report.by_kind.items())}
    return report


def ingest_failures(root: Path, max_bytes: int) -> list[tuple[str, str, str]]:
    """(origin, code, message) of every ingest failure: the same corpus must give the same list every time."""
    items = read_paths([root], IngestOptions(max_bytes=max_bytes))
    return [(f.origin, f.code, f.message) for f in items if isinstance(f, Failure)]


def article_ids(root: Path, max_bytes: int) -> list[str]:
    return [a.id for a in read_paths([root], IngestOptions(max_bytes=max_bytes)) if isinstance(a, Article)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="malformed inputs to generate (good ones are added)")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--max-bytes", type=int, default=50 * MB, help="IngestOptions.max_bytes")
    ap.add_argument("--no-big", action="store_true", help="skip the over-the-limit (50 MB) articles")
    ap.add_argument("--no-long", action="store_true", help="skip the 100k-character sentences (~80 s each)")
    ap.add_argument("--scale", type=float, default=1.0, help="size factor of the long texts (CI: 0.1)")
    ap.add_argument("--max-rss-mb", type=float, default=4096, help="fail when peak RSS exceeds this")
    ap.add_argument("--workdir", type=Path, help="keep the corpus and store here (default: a temp folder)")
    ap.add_argument("--json", action="store_true", help="print the report as one JSON object")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-fuzz-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        report = fuzz(args.n, args.seed, workdir, args.max_bytes, not args.no_big, not args.no_long,
                      args.max_rss_mb, scale=args.scale)
    out = report.as_dict()
    if args.json:
        print(json.dumps(out, default=str))
    else:
        for k, v in out.items():
            print(f"{k:>22}: {v}")
    return 0 if report.ok() else 1


if __name__ == "__main__":
    raise SystemExit(main())

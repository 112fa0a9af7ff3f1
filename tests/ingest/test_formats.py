"""Each input format yields the right Article fields."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from eventwire.ingest import IngestOptions
from eventwire.records import Article

from .conftest import gzip_copy, read

OPTS = IngestOptions(published=dt.date(2020, 1, 1), source="default-src")


def test_txt_headline_is_title_and_text_keeps_everything(fixtures: Path) -> None:
    (art,), failures = read(fixtures / "headline.txt", OPTS)
    assert not failures
    raw = (fixtures / "headline.txt").read_text(encoding="utf-8")
    assert art.text == raw
    assert art.title == "Ministers meet in Oslo to discuss fishing quotas"
    assert art.text[art.title_offset : art.title_offset + len(art.title)] == art.title
    assert art.published == dt.date(2020, 1, 1) and art.source == "default-src"
    assert art.origin == str(fixtures / "headline.txt")
    assert art.id == Article.make_id(art.title, art.text)


def test_txt_without_headline(fixtures: Path) -> None:
    (art,), _ = read(fixtures / "no_headline.txt")
    assert art.title == "" and art.published is None and art.source is None


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("Leaders meet in Geneva\nThey talked for hours.", "Leaders meet in Geneva"),
        ("\n\n  Leaders meet in Geneva  \n\nThey talked.", "Leaders meet in Geneva"),
        ("One sentence ends here.\nMore text.", ""),  # final period: a sentence, not a headline
        ("Only a headline-like line\n   \n", ""),  # nothing follows
        ("x" * 250 + "\nbody", ""),  # too long
        ("2024\nbody text", ""),  # no letters
        ("Windows line ends\r\nBody text.\r\n", "Windows line ends"),
    ],
)
def test_headline_rule(tmp_path: Path, content: str, title: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(content.encode())
    (art,), _ = read(p)
    assert art.title == title
    assert "\r" not in art.text
    if title:
        assert art.text[art.title_offset : art.title_offset + len(title)] == title


def test_jsonl_fields_aliases_and_bad_lines(fixtures: Path) -> None:
    arts, fails = read(fixtures / "records.jsonl", OPTS)
    by_ext = {a.external_id: a for a in arts}
    assert list(by_ext) == ["r-1", "2", "r-4", "r-8"]
    a1 = by_ext["r-1"]
    assert (a1.title, a1.published, a1.source) == (
        "Port workers strike in Valparaiso",
        dt.date(2023, 9, 4),
        "Harbour Times",
    )
    assert a1.origin.endswith("records.jsonl:1")
    a2 = by_ext["2"]
    assert a2.title == "Talks on river dam resume" and a2.text.startswith("Delegations")
    assert a2.published == dt.date(2023, 9, 5)  # date part of the datetime as written
    assert (a2.source, a2.url) == ("Nile Desk", "https://example.org/dam")
    a4 = by_ext["r-4"]
    assert a4.source == "Field Report" and a4.published == dt.date(2023, 9, 6) and a4.title == ""
    a8 = by_ext["r-8"]  # defaults fill missing fields
    assert a8.published == dt.date(2020, 1, 1) and a8.source == "default-src"
    codes = [(f.origin.rsplit(":", 1)[1], f.code) for f in fails]
    assert codes == [("3", "parse_error"), ("6", "parse_error"), ("7", "empty_article"), ("8", "parse_error")]
    assert "line 3" in fails[0].message
    assert "missing text field" in fails[1].message
    assert all(f.stage == "ingest" and f.article_id is None for f in fails)


def test_json_list_and_single_object(fixtures: Path, tmp_path: Path) -> None:
    arts, fails = read(fixtures / "records.json")
    assert [a.external_id for a in arts] == ["j-1", "j-2"]
    assert arts[0].origin.endswith("records.json#1") and arts[0].published == dt.date(2024, 1, 10)
    assert [f.code for f in fails] == ["parse_error"] and fails[0].origin.endswith("#3")
    single = tmp_path / "one.json"
    single.write_text('{"title": "T", "text": "Police arrested two men in Lima."}')
    (art,), _ = read(single)
    assert art.title == "T" and art.origin == str(single)
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text('{"status": "ok", "articles": [{"content": "Rebels seized a town."}]}')
    (art,), _ = read(wrapped)
    assert art.text == "Rebels seized a town."


def test_json_lines_saved_as_json(tmp_path: Path) -> None:
    p = tmp_path / "lines.json"
    p.write_text('{"text": "First story."}\n{"text": "Second story."}\n')
    arts, fails = read(p)
    assert [a.text for a in arts] == ["First story.", "Second story."] and not fails


def test_csv_columns_multiline_and_big_fields(fixtures: Path, tmp_path: Path) -> None:
    arts, fails = read(fixtures / "records.csv", OPTS)
    assert [a.external_id for a in arts] == ["c-1", "c-2", "c-4"]
    assert arts[0].title == "Mayor resigns in Lyon" and arts[0].source == "Rhone Daily"
    assert arts[1].text.endswith("200 evacuation centres were open.") and "\n" in arts[1].text
    assert arts[0].origin.endswith(":2") and arts[1].origin.endswith(":3") and arts[2].origin.endswith(":6")
    assert arts[2].published == dt.date(2020, 1, 1) and arts[2].source == "default-src"
    assert [(f.code, f.origin.rsplit(":", 1)[1]) for f in fails] == [("empty_article", "5")]
    big = tmp_path / "big.csv"
    body = "word " * 60_000  # over the csv module's default 128 KiB field limit
    big.write_text(f'text\n"{body}"\n')
    (art,), _ = read(big)
    assert len(art.text) == len(body)


def test_csv_without_text_column_and_tsv(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n")
    arts, fails = read(p)
    assert not arts and [f.code for f in fails] == ["parse_error"] and "no text column" in fails[0].message
    t = tmp_path / "x.tsv"
    t.write_text("title\ttext\nA, B\tProtesters, about 500, marched.\n")
    (art,), _ = read(t)
    assert art.title == "A, B" and art.text == "Protesters, about 500, marched."


def test_html_trafilatura_with_metadata(fixtures: Path) -> None:
    (art,), fails = read(fixtures / "page.html", OPTS)
    assert not fails
    assert art.title == "Rangers seize ivory haul in Tanzania"
    assert art.published == dt.date(2021, 7, 19)
    assert art.source == "Serengeti Chronicle"
    assert "300 kilograms of ivory" in art.text and "40 elephants" in art.text
    assert "tracking" not in art.text and "All rights reserved" not in art.text


def test_html_fragment_falls_back_to_tag_stripping(tmp_path: Path) -> None:
    p = tmp_path / "frag.htm"
    p.write_text("<p>Troops <b>withdrew</b> from the town.</p><script>x=1</script>")
    (art,), _ = read(p)
    assert "Troops withdrew from the town." in art.text and "x=1" not in art.text
    assert art.published is None and art.source is None


def test_rss_entries(fixtures: Path) -> None:
    arts, fails = read(fixtures / "feed.rss", OPTS)
    assert not fails and len(arts) == 2
    a, b = arts
    assert a.title == "Navy rescues & returns 12 fishermen"
    assert a.text == "The navy of Sri Lanka rescued 12 fishermen on Tuesday."
    assert (a.published, a.url, a.external_id) == (dt.date(2023, 8, 2), "https://example.org/a", "feed-a")
    assert a.source == "Coastal Radio News" and a.origin.endswith("feed.rss#1")
    assert b.text == b.title == "Headline only: border crossing reopens" and b.title_offset == 0
    assert b.published == dt.date(2020, 1, 1)


def test_atom_prefers_full_content(fixtures: Path) -> None:
    (art,), _ = read(fixtures / "feed.atom")
    assert art.text.startswith("Authorities in Tyrol raised") and "<p>" not in art.text
    assert art.published == dt.date(2023, 2, 1) and art.url == "https://example.org/tyrol"
    assert art.source == "Alpine Bulletin"


@pytest.mark.parametrize(
    "name", ["headline.txt", "records.jsonl", "records.json", "records.csv", "page.html", "feed.rss", "feed.atom"]
)
def test_gzip_of_every_format_matches_plain(fixtures: Path, tmp_path: Path, name: str) -> None:
    gz = gzip_copy(fixtures / name, tmp_path / f"{name}.gz")
    plain_arts, plain_fails = read(fixtures / name)
    gz_arts, gz_fails = read(gz)
    assert [a.id for a in gz_arts] == [a.id for a in plain_arts] and gz_arts
    assert [f.code for f in gz_fails] == [f.code for f in plain_fails]


@pytest.mark.parametrize(("name", "count"), [("records.jsonl", 4), ("feed.rss", 2), ("page.html", 1)])
def test_bare_gz_is_sniffed(fixtures: Path, tmp_path: Path, name: str, count: int) -> None:
    gz = gzip_copy(fixtures / name, tmp_path / "download.gz")
    arts, _ = read(gz)
    assert len(arts) == count


def test_gzip_content_with_plain_extension(fixtures: Path, tmp_path: Path) -> None:
    p = gzip_copy(fixtures / "records.jsonl", tmp_path / "mislabelled.jsonl")
    arts, _ = read(p)
    assert len(arts) == 4


def test_gzip_decompressed_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "bomb.jsonl.gz"
    line = b'{"text": "' + b"a" * 1000 + b'"}\n'
    p.write_bytes(gzip.compress(line * 2000))  # ~2 MB decompressed, a few KB on disk
    arts, fails = read(p, IngestOptions(max_file_bytes=100_000))
    assert 0 < len(arts) < 100 and fails[-1].code == "too_large"
    whole = tmp_path / "bomb.txt.gz"
    whole.write_bytes(gzip.compress(b"a" * 5_000_000))
    arts, fails = read(whole, IngestOptions(max_bytes=1_000_000))
    assert not arts and [f.code for f in fails] == ["too_large"]

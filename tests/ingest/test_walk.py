"""Folder walking, argument order, stdin."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from eventwire.ingest import read_file, read_paths, walk
from eventwire.records import Article, Failure

from .conftest import read_all, split


def _tree(tmp_path: Path, fixtures: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    shutil.copy(fixtures / "headline.txt", root / "z_last.txt")
    shutil.copy(fixtures / "records.json", root / "a_first.json")
    shutil.copy(fixtures / "feed.rss", root / "b_sub" / "feed.rss")
    shutil.copy(fixtures / "page.html", root / "b_sub" / "deeper" / "page.html")
    shutil.copy(fixtures / "headline.txt", root / ".hidden.txt")
    shutil.copy(fixtures / "headline.txt", root / ".hidden_dir" / "x.txt")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    return root


def test_folder_walk_sorted_recursive_skips_hidden(tmp_path: Path, fixtures: Path) -> None:
    root = _tree(tmp_path, fixtures)
    rel = [p.relative_to(root).as_posix() for p in walk(root)]
    assert rel == ["a_first.json", "notes.docx", "z_last.txt", "b_sub/feed.rss", "b_sub/deeper/page.html"]
    items = read_all([root])
    origins = [Path(i.origin.split("#")[0].split(":")[0]).name for i in items if i.origin]
    assert origins == ["a_first.json"] * 3 + ["notes.docx", "z_last.txt"] + ["feed.rss"] * 2 + ["page.html"]
    assert [i.code for i in items if isinstance(i, Failure)] == ["parse_error", "unsupported_format"]
    assert read_all([root]) == items  # deterministic


def test_paths_are_read_in_argument_order(fixtures: Path) -> None:
    items = read_all([fixtures / "page.html", str(fixtures / "headline.txt")])
    assert [Path(i.origin).name for i in items] == ["page.html", "headline.txt"]


@pytest.fixture
def fake_stdin(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffer, encoding="utf-8"))
    return buffer


def test_stdin_is_one_txt_article(fake_stdin: io.BytesIO) -> None:
    fake_stdin.write(b"Envoys meet in Doha\nQatari mediators hosted envoys on Sunday.\n")
    fake_stdin.seek(0)
    arts, fails = split(read_file("-"))
    (art,) = arts
    assert art.title == "Envoys meet in Doha" and art.origin == "<stdin>" and not fails


def test_stdin_via_read_paths_and_empty_stdin(fake_stdin: io.BytesIO) -> None:
    items = list(read_paths(["-"]))
    assert [(type(i), i.code) for i in items if isinstance(i, Failure)] == [(Failure, "empty_article")]


def test_article_and_failure_types(fixtures: Path) -> None:
    for item in read_paths([fixtures]):
        assert isinstance(item, (Article, Failure))


def test_unlistable_folder_is_a_failure_not_silence(tmp_path: Path) -> None:
    from eventwire.ingest.reader import _walk_with_errors

    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")  # os.walk cannot list it: the same path as a permission error
    (item,) = list(_walk_with_errors(not_a_folder))
    assert isinstance(item, Failure) and item.code == "bad_input" and "cannot list folder" in item.message


def test_overlong_path_is_a_failure() -> None:
    (item,) = read_all(["x" * 5000 + ".txt"])
    assert isinstance(item, Failure) and item.code == "bad_input"

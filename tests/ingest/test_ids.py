"""Ids are content hashes: the same content gives the same id wherever and however often it is read."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from eventwire.records import Article

from .conftest import read, read_all

TITLE = "Border talks end without agreement"
TEXT = "Negotiators from both countries ended three days of talks in Tashkent on Friday."


def test_rereading_gives_identical_records(fixtures: Path) -> None:
    assert read_all([fixtures]) == read_all([fixtures])


def test_same_record_in_every_format_same_id(tmp_path: Path) -> None:
    rec = {"id": "k1", "title": TITLE, "text": TEXT, "published": "2022-06-03"}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n")
    (tmp_path / "b.json").write_text(json.dumps([rec]))
    with (tmp_path / "c.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rec))
        w.writeheader()
        w.writerow(rec)
    ids = {a.id for a in read_all([tmp_path]) if isinstance(a, Article)}
    assert ids == {Article.make_id(TITLE, TEXT)}


def test_id_ignores_origin_and_line_endings(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_bytes(f"{TITLE}\n{TEXT}\n".encode())
    (tmp_path / "two.txt").write_bytes(f"{TITLE}\r\n{TEXT}\r\n".encode())
    (a,), _ = read(tmp_path / "one.txt")
    (b,), _ = read(tmp_path / "two.txt")
    assert a.id == b.id and a.origin != b.origin


def test_different_content_different_id(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"title": TITLE, "text": TEXT}) + "\n" + json.dumps({"title": TITLE, "text": TEXT + "!"}) + "\n"
    )
    a, b = read(tmp_path / "x.jsonl")[0]
    assert a.id != b.id

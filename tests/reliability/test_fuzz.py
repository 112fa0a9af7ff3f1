"""Bad input end to end: the fuzz corpus (scripts/fuzz.py) through ingest + the real pipeline + the store.

CI size: EVENTWIRE_FUZZ_N (default 300 inputs, long texts shrunk, the size limit lowered to 1 MiB so the
over-the-limit articles stay cheap). Full size: ``python scripts/fuzz.py --n 10000``.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.store import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))  # scripts/ is not a package
import fuzz  # noqa: E402

corpus = fuzz  # the generator lives in the same script

N = int(os.environ.get("EVENTWIRE_FUZZ_N", "300"))
MAX_BYTES = 1024 * 1024
SCALE = 0.1


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> tuple[Any, Path]:
    work = tmp_path_factory.mktemp("fuzz")
    report = fuzz.fuzz(N, 20261125, work, MAX_BYTES, big=True, long=False, max_rss_mb=3072, pipeline=pipeline,
                       scale=SCALE)
    return report, work


def test_every_input_is_accounted_for_and_nothing_escapes(fuzzed: tuple[Any, Path]) -> None:
    report, _ = fuzzed
    summary = report.as_dict()
    assert report.malformed >= N
    assert report.crashes == [], summary.get("crashes_examples")
    assert report.lost == [], summary.get("lost_examples")
    assert report.duplicated == [], summary.get("duplicated_examples")
    assert report.unknown_codes == [], summary.get("unknown_codes_examples")
    assert report.bad_messages == [], summary.get("bad_messages_examples")
    assert report.leaks == [], "script/style or entity content reached articles.text"
    assert report.unaccounted_origins == 0
    assert report.unexpected_outcome == [], summary.get("unexpected_outcome_examples")
    assert report.peak_rss_mb < report.max_rss_mb


def test_good_records_among_bad_ones_are_stored(fuzzed: tuple[Any, Path]) -> None:
    report, _ = fuzzed
    good = report.by_kind["good"]
    assert good.get("stored", 0) > 0 and set(good) == {"stored"}


def test_failure_codes_cover_the_malformations(fuzzed: tuple[Any, Path]) -> None:
    report, _ = fuzzed
    for code in ("parse_error", "empty_article", "binary_input", "unsafe_xml", "too_large"):
        assert report.failure_codes.get(code, 0) > 0, (code, report.failure_codes)
    assert set(report.failure_codes) <= fuzz.known_codes()


def test_rerun_adds_nothing_and_messages_are_stable(fuzzed: tuple[Any, Path], pipeline: Pipeline) -> None:
    """Failure ids are content hashes of (origin, code, message): a second run adding no failure row proves
    the codes and messages are stable; no new article proves idempotence."""
    _, work = fuzzed
    db = work / "fuzz.duckdb"

    def counts() -> tuple[int, int]:
        con = connect(db, read_only=True)
        try:
            return (con.execute("SELECT count(*) FROM articles").fetchall()[0][0],
                    con.execute("SELECT count(*) FROM failures").fetchall()[0][0])
        finally:
            con.close()

    before = counts()
    again = fuzz.Report(max_rss_mb=1e9)
    fuzz.run_corpus(work / "corpus", db, fuzz.IngestOptions(max_bytes=MAX_BYTES), pipeline, again)
    assert again.crashes == []
    assert counts() == before


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = corpus.generate(tmp_path / "a", 150, seed=3, max_bytes=MAX_BYTES, long=False, scale=SCALE)
    b = corpus.generate(tmp_path / "b", 150, seed=3, max_bytes=MAX_BYTES, long=False, scale=SCALE)
    assert a == b
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    corpus.generate(tmp_path / "c", 150, seed=4, max_bytes=MAX_BYTES, long=False, scale=SCALE)
    assert _digest(tmp_path / "c") != _digest(tmp_path / "a")


def test_ingest_failures_are_the_same_every_time(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 200, seed=5, max_bytes=MAX_BYTES, long=False, scale=SCALE)
    first = fuzz.ingest_failures(tmp_path, MAX_BYTES)
    assert first == fuzz.ingest_failures(tmp_path, MAX_BYTES)
    assert len(first) > 50
    assert all(code in fuzz.known_codes() and message for _, code, message in first)


def test_over_the_limit_article_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """A 3 MiB article with a 1 MiB limit: too_large, and reading it does not hold the file many times over."""
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (3 * MAX_BYTES // 5))
    out = list(fuzz.read_paths([path], fuzz.IngestOptions(max_bytes=MAX_BYTES)))
    assert [(type(o).__name__, getattr(o, "code", None)) for o in out] == [("Failure", "too_large")]

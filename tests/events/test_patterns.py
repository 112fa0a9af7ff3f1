from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.events import EventCoder, cameo_table, default_patterns

from .conftest import actor


def test_default_patterns_cover_every_root() -> None:
    roots = {p.code[:2] for p in default_patterns()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert all(p.code in cameo_table() for p in default_patterns())


def test_bad_user_pattern_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("patterns:\n  - {code: '999', verb: [smurf]}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        EventCoder(patterns=bad)
    empty = tmp_path / "empty.yaml"
    empty.write_text("patterns:\n  - {code: '040'}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        EventCoder(patterns=empty)


def test_user_pattern_adds_and_overrides(tmp_path: Path, nlp_stage) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from eventwire.records import Analysis, Article

    user = tmp_path / "mine.yaml"
    user.write_text(
        "patterns:\n"
        "  - {code: '1712', verb: [pelt]}\n"
        "  - {code: '042', verb: [praise]}\n",
        encoding="utf-8",
    )
    text = "Arnor pelted Gondor. Rohan praised Mordor."
    refs = tuple(actor(text, p, c) for p, c in [("Arnor", "ARN"), ("Gondor", "GON"), ("Rohan", "ROH"),
                                                 ("Mordor", "MOR")])
    analysis = dataclasses.replace(nlp_stage.parse(Analysis(article=Article(id="u", text=text))), actors=refs)
    events = next(iter(EventCoder(patterns=user).pipe([analysis]))).events
    got = {(e.source.cameo_code, e.cameo_code, e.target.cameo_code) for e in events if e.source and e.target}
    assert ("ARN", "1712", "GON") in got
    assert ("ROH", "042", "MOR") in got  # a user entry wins over the packaged one at equal specificity

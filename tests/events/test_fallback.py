"""The fallback classifier (events/fallback.py) and its use by the event coder. Sentences are invented for these
tests."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from eventwire.config import load_settings
from eventwire.errors import ConfigError
from eventwire.events import EventCoder
from eventwire.events.fallback import FallbackClassifier, default_classifier, features, load_exemplars, mask
from eventwire.nlp import NLP
from eventwire.records import Analysis, Article, Event

from .conftest import actor


def test_exemplars_cover_every_root() -> None:
    roots = {label for label, _ in load_exemplars()}
    assert roots == {f"{r:02d}" for r in range(1, 21)} | {"none"}


def test_training_is_fast_and_deterministic() -> None:
    examples = load_exemplars()
    t = time.perf_counter()
    a = FallbackClassifier(examples)
    assert time.perf_counter() - t < 3.0  # < 1 s on an idle machine; slack for a loaded CI box
    b = FallbackClassifier(examples)
    text = "X shelled the border villages of Y."
    assert a.predict(text) == b.predict(text)


@pytest.mark.parametrize(("text", "root"), [
    ("X shelled the border villages held by Y.", "19"),
    ("X told Y to get out of the disputed area now.", "10"),
    ("X and Y have a long common border.", "none"),
    ("X hailed Y as a reliable partner.", "05"),
    ("X kidnapped two engineers working for Y.", "18"),
])
def test_classifier_roots_on_unseen_sentences(text: str, root: str) -> None:
    assert default_classifier().predict(text).root == root


def test_names_never_decide_the_class() -> None:
    clf = default_classifier()
    assert clf.predict(mask("Russia shelled Ukraine.", [(0, 6), (15, 22)])) == clf.predict("X shelled Y.")
    assert "xactor" not in features("X shelled Y")  # the placeholder is only part of bigrams


def test_bad_exemplar_file(tmp_path: Path) -> None:
    bad = tmp_path / "ex.yaml"
    bad.write_text("roots:\n  '42': [X did something to Y.]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_exemplars(bad)


def _code(nlp: NLP, coder: EventCoder, text: str, acts: dict[str, str]) -> list[Event]:
    analysis = nlp.parse(Analysis(article=Article(id="t", text=text)))
    refs = tuple(actor(text, p, c) for p, c in acts.items())
    return list(next(iter(coder.pipe([dataclasses.replace(analysis, actors=refs)]))).events)


def test_fallback_codes_only_without_a_pattern_and_above_threshold(nlp_stage: NLP) -> None:
    text = "Chad menaced Sudan with force."  # "menace" is no trigger pattern
    acts = {"Chad": "TCD", "Sudan": "SDN"}
    assert _code(nlp_stage, EventCoder(fallback=False), text, acts) == []
    assert _code(nlp_stage, EventCoder(fallback=True, fallback_threshold=1.01), text, acts) == []
    events = _code(nlp_stage, EventCoder(fallback=True, fallback_threshold=0.0), text, acts)
    assert [(e.source.cameo_code, e.cameo_code, e.target.cameo_code) for e in events if e.source and e.target] == [
        ("TCD", "130", "SDN")]
    e = events[0]
    assert 0.2 <= e.confidence <= 0.4 and e.trigger.text == "menaced" and e.plover_type == "THREATEN"
    assert e.method == "fallback"
    # a sentence with a trigger pattern is left to the pattern, whatever the classifier thinks
    coded = _code(nlp_stage, EventCoder(fallback=True, fallback_threshold=0.0), "Chad attacked Sudan.", acts)
    assert [e.cameo_code for e in coded] == ["190"] and coded[0].confidence > 0.4
    assert coded[0].method == "pattern"


def test_fallback_switch_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_EVENT_FALLBACK", "false")
    assert load_settings().event_fallback is False
    assert EventCoder().fallback is False
    monkeypatch.setenv("EVENTWIRE_EVENT_FALLBACK", "true")
    monkeypatch.setenv("EVENTWIRE_EVENT_FALLBACK_THRESHOLD", "0.7")
    coder = EventCoder()
    assert coder.fallback is True and coder.fallback_threshold == 0.7
    monkeypatch.setenv("EVENTWIRE_EVENT_FALLBACK", "maybe")
    with pytest.raises(ConfigError):
        load_settings()


def test_fallback_cues_widen_the_prefilter() -> None:
    from eventwire.nlp.prefilter import trigger_rules

    on = {w for r in trigger_rules(EventCoder(fallback=True, fallback_cues=True).index.patterns) for w in r.keys}
    assert "menaced" not in {w for r in trigger_rules(EventCoder(fallback=True).index.patterns) for w in r.keys}
    off = {w for r in trigger_rules(EventCoder(fallback=False).index.patterns) for w in r.keys}
    assert "menaced" in on and "menaced" not in off

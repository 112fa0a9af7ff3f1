"""User dictionaries: eventwire YAML and the PETRARCH dictionary JSON (fictional countries, dated codes,
agents)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.actors import ActorResolver
from eventwire.errors import ConfigError

PETR_DICT = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "events" / "petr_unittest_dictionary.json"


@pytest.fixture(scope="module")
def petr() -> ActorResolver:
    if not PETR_DICT.is_file():
        pytest.skip(f"PETRARCH dictionary not found ({PETR_DICT})")
    return ActorResolver(overrides=PETR_DICT)


def _codes(run: Any, text: str, day: dt.date, res: ActorResolver) -> dict[str, str | None]:
    return {a.text: a.cameo_code for a in run(text, day, res)}


def test_petrarch_fictional_countries(run: Any, petr: ActorResolver) -> None:
    codes = _codes(run, "Arnor is about to restore full diplomatic ties with Gondor.", dt.date(1995, 1, 1), petr)
    assert codes.get("Arnor") == "ARN"
    assert codes.get("Gondor") == "GON"


def test_petrarch_overrides_builtin_codes(run: Any, petr: ActorResolver) -> None:
    codes = _codes(run, "Japan and Egypt signed a trade deal.", dt.date(1995, 1, 1), petr)
    assert codes.get("Japan") == "JAP" and codes.get("Egypt") == "UAR"


def test_petrarch_dated_codes(run: Any, petr: ActorResolver) -> None:
    text = "Gollum denounced the agreement."
    assert _codes(run, text, dt.date(1990, 1, 1), petr).get("Gollum") == "HOB"
    assert _codes(run, text, dt.date(1997, 1, 1), petr).get("Gollum") == "HOBGOV"
    assert _codes(run, text, dt.date(2005, 1, 1), petr).get("Gollum") == "HOBREB"


def test_petrarch_stems_and_agents(run: Any, petr: ActorResolver) -> None:
    actors = run("The Arnor ambassador met Argentinian officials.", dt.date(1995, 1, 1), petr)
    by_text = {a.text: a for a in actors}
    assert by_text["Arnor ambassador"].cameo_code == "ARNGOV"
    argentine = [a for a in actors if a.text.startswith("Argentinian")]
    assert argentine and argentine[0].country == "ARG"


def test_petrarch_short_stems_stay_words(run: Any, petr: ActorResolver) -> None:
    """A stem ending in a short word ("un", "ent") is a name, not a word start: no "unjustly", "entered"."""
    actors = run("Arnor was unjustly criticized and then entered talks.", dt.date(1995, 1, 1), petr)
    assert [a.text for a in actors if a.text.lower().startswith(("unjust", "enter"))] == []


def test_yaml_overrides(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "actors:\n"
        "  - {name: Zorgon Liberation Front, aliases: [ZLF], country: ZRG, sectors: [REB], kind: group}\n"
        "  - name: Ada Quill\n"
        "    kind: person\n"
        "    roles:\n"
        "      - {country: ZRG, sectors: [GOV], from: 2010-01-01, to: 2014-12-31}\n"
        "agents:\n"
        "  - {phrase: wardens, sectors: [COP]}\n",
        encoding="utf-8",
    )
    res = ActorResolver(overrides=path)
    actors = run("The ZLF attacked the wardens. Ada Quill condemned it.", dt.date(2012, 5, 1), res)
    by_text = {a.text: a for a in actors}
    assert by_text["ZLF"].cameo_code == "ZRGREB" and by_text["ZLF"].kind == "group"
    assert by_text["Ada Quill"].cameo_code == "ZRGGOV" and by_text["Ada Quill"].kind == "person"
    assert by_text["the wardens"].sectors == ("COP",)
    assert by_text["the wardens"].cameo_code == "---COP"


def test_bad_override_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  - {aliases: [x]}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        ActorResolver(overrides=path)
    with pytest.raises(ConfigError):
        ActorResolver(overrides=tmp_path / "missing.yaml")


def test_petrarch_block_of_several_codes(run: Any, tmp_path: Path) -> None:
    """One name coded as several actors (an invented compound): one mention per code, same span."""
    path = tmp_path / "compound.json"
    path.write_text(json.dumps({"actors": [
        {"name": {"phrase": "the river league", "whole_word": True}, "synonyms": [],
         "codes": [{"codes": ["RVA", "RVB", "RVC"], "from": None, "to": None}]},
    ]}), encoding="utf-8")
    res = ActorResolver(overrides=path)
    actors = run("The River League denounced the blockade.", dt.date(2003, 3, 3), res)
    league = [a for a in actors if a.text == "The River League"]
    assert sorted(a.cameo_code or "" for a in league) == ["RVA", "RVB", "RVC"]
    assert len({(a.start, a.end) for a in league}) == 1


def test_user_agent_before_a_builtin_head_noun_is_appended(run: Any, tmp_path: Path) -> None:
    """PETRARCH appends the user's agent code to the actor's: "Ruritanian peace council activists" with a user
    agent "peace council" is RURGOV + PCC, not the built-in "activists" (OPP)."""
    path = tmp_path / "agents.json"
    path.write_text(json.dumps({
        "actors": [{"name": {"phrase": "ruritanian", "whole_word": False}, "synonyms": [],
                    "codes": [{"codes": ["RURGOV"], "from": None, "to": None}]}],
        "agents": [{"phrase": "peace council", "plurals": [], "code": "PCC", "position": "suffix"}],
    }), encoding="utf-8")
    res = ActorResolver(overrides=path)
    actors = run("Ruritanian peace council activists denounced the blockade.", dt.date(2003, 3, 3), res)
    assert "RURGOVPCC" in {a.cameo_code for a in actors}
    # without a user agent in the phrase the built-in head noun still decides
    actors = run("Ruritanian activists denounced the blockade.", dt.date(2003, 3, 3), res)
    assert "RURGOVPCC" not in {a.cameo_code for a in actors}

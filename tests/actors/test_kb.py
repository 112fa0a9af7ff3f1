"""The shipped knowledge base: coverage and consistency of the data files."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pycountry
import pytest
import yaml

from eventwire.actors import default_kb

DATA = resources.files("eventwire") / "data" / "actors"
REPO = Path(__file__).resolve().parents[2]
STATE_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
CONFLICT = "SYR IRQ AFG UKR ISR PSE IRN YEM LBY SDN SOM NGA PAK PRK VEN MMR ETH EGY".split()


def _yaml(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_all_states_with_names_and_demonyms() -> None:
    rows = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    states = [r for r in rows if r["kind"] == "state"]
    assert len(states) >= 200
    assert len({r["code"] for r in rows}) == len(rows)
    by_code = {r["code"]: r for r in rows}
    for code in G20 + CONFLICT:
        assert by_code[code]["names"] and by_code[code]["demonyms"], code
    assert {"Russian Federation", "Russia"} <= set(by_code["RUS"]["names"])
    assert {"US", "USA"} <= set(by_code["USA"]["exact"]) and "u.s." in by_code["USA"]["aliases"]
    assert by_code["WST"]["names"] == ["the West"]
    iso = {c.alpha_3 for c in pycountry.countries}
    assert sum(r["code"] in iso for r in states) >= 195


def test_no_city_is_a_country_alias() -> None:
    kb = default_kb()
    for city in ("sydney", "kandahar", "melbourne", "helmand"):
        assert city not in kb.phrases, city


def test_office_holders_cover_g20_and_conflict_states() -> None:
    kb = default_kb()
    day = dt.date(2015, 11, 21)
    for code in G20 + CONFLICT:
        assert kb.holder(code, "leader", day) is not None or code in ("LBY",), code


def test_office_terms_do_not_overlap() -> None:
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person in _yaml("office_holders.yaml"):
        for role in person["roles"]:
            start, end = role["from"], role.get("to") or dt.date(2100, 1, 1)
            assert start <= end, person["name"]
            if role.get("country") and role["office"] in STATE_OFFICES:
                terms[(role["country"], role["office"])].append((start, end, person["name"]))
    for key, spans in terms.items():
        spans.sort()
        for (_, e1, n1), (s2, _, n2) in zip(spans, spans[1:], strict=False):
            assert s2 >= e1, f"{key}: {n1} until {e1} overlaps {n2} from {s2}"


def test_dated_roles_pick_the_holder() -> None:
    kb = default_kb()
    assert kb.holder("USA", "head_of_state", dt.date(2015, 6, 1))[0].name == "Barack Obama"
    assert kb.holder("USA", "head_of_state", dt.date(2019, 6, 1))[0].name == "Donald Trump"
    assert kb.holder("RUS", "leader", dt.date(2010, 1, 1))[0].name == "Dmitry Medvedev"
    assert kb.holder("RUS", "head_of_government", dt.date(2010, 1, 1))[0].name == "Vladimir Putin"


def test_organizations_have_codes() -> None:
    orgs = {o["name"]: o for o in _yaml("organizations.yaml")}
    for name in (
        "United Nations",
        "NATO",
        "European Union",
        "African Union",
        "Arab League",
        "OPEC",
        "Islamic State",
        "al-Qaeda",
        "Hezbollah",
        "Hamas",
        "Taliban",
        "Kurdistan Workers' Party",
        "People's Protection Units",
        "al-Shabaab",
        "Boko Haram",
    ):
        assert orgs[name]["cameo"], name
    assert orgs["Islamic State"]["cameo"] == "IMGMUSISI"


def test_notice_is_shipped() -> None:
    notice = (DATA / "NOTICE").read_text(encoding="utf-8")
    assert "PETRARCH" in notice and "MIT" in notice


def test_build_script_reproduces_countries() -> None:
    ontology = REPO.parent / "shared" / "data" / "ontology"
    if not ontology.is_dir():
        pytest.skip(f"ontology folder not found ({ontology})")
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_actors", REPO / "scripts" / "build_actors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    assert module.build(ontology) == shipped


@pytest.mark.parametrize(("text", "country"), [("Tehran", "IRN"), ("moscow", "RUS"), (" Beijing ", "CHN"),
                                               ("Iran", None), ("Aleppo", None), ("NATO", None)])
def test_capital_of_names_the_state_of_a_capital_only(text: str, country: str | None) -> None:
    assert default_kb().capital_of(text) == country

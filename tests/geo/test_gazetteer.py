"""Gazetteer index, normalisation of transliterated names and fuzzy lookup."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.geo import load_gazetteer
from eventwire.geo.normalize import norm_key, skeleton
from eventwire.geo.resolve import haversine_km


@pytest.mark.parametrize(
    ("a", "b"),
    [("Raqqa", "Al-Raqqah"), ("Raqqa", "Raqqah"), ("Deir ez-Zor", "Deir ez Zor"), ("Zürich", "Zurich")],
)
def test_norm_key_absorbs_transliteration(a: str, b: str) -> None:
    assert norm_key(a) == norm_key(b)


def test_skeleton_groups_spelling_variants() -> None:
    assert skeleton(norm_key("Deir el-Zour")) == skeleton(norm_key("Dayr az Zawr")) == skeleton(norm_key("Deir ez-Zor"))


def _best(name: str) -> tuple[str, str | None, float, float]:
    gaz = load_gazetteer()
    cands = gaz.lookup(name) or gaz.fuzzy(name)
    assert cands, name
    e = max((c.entry for c in cands), key=lambda e: e.population)
    return e.name, e.country, e.lat, e.lon


@pytest.mark.parametrize(
    ("name", "iso3", "lat", "lon"),
    [
        ("Deir el-Zour", "SYR", 35.336, 40.140),
        ("Dayr az Zawr", "SYR", 35.336, 40.140),
        ("Al-Raqqah", "SYR", 35.95, 39.01),
        ("Halab", "SYR", 36.20, 37.16),
        ("Aleppo", "SYR", 36.20, 37.16),
    ],
)
def test_variants_resolve(name: str, iso3: str, lat: float, lon: float) -> None:
    _, country, plat, plon = _best(name)
    assert country == iso3
    assert haversine_km(plat, plon, lat, lon) < 30


@pytest.mark.parametrize(
    ("name", "feature"),
    [("the Caspian", "water"), ("Gulf of Aden", "water"), ("Gaza Strip", "region"), ("Donbas", "region"),
     ("Golan Heights", "region"), ("Middle East", "region"), ("Syria", "country"), ("Ohio", "admin")],
)
def test_extra_tables_are_indexed(name: str, feature: str) -> None:
    assert any(c.entry.feature == feature for c in load_gazetteer().lookup(name))


def test_demonyms_point_to_countries() -> None:
    gaz = load_gazetteer()
    assert gaz.demonyms["Syrian"].country == "SYR"
    assert gaz.demonyms["Russians"].country == "RUS"


def test_fuzzy_rejects_unrelated_names() -> None:
    assert load_gazetteer().fuzzy("Xqzvbn Plorth") == []


def test_index_loads_fast() -> None:
    load_gazetteer.cache_clear()
    t0 = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - t0 < 8.0  # ~1 s on an idle laptop; generous for busy shared machines


@given(st.text(max_size=40))
def test_norm_key_is_total_and_stable(text: str) -> None:
    key = norm_key(text)
    assert key == key.strip() and "  " not in key
    assert re.fullmatch(r"[a-z0-9 ]*", key), key  # folded to plain lower-case ASCII words
    assert set(skeleton(key)) <= set(key.replace(" ", ""))


def test_small_us_namesakes_are_candidates() -> None:
    # A local paper's small town must be a candidate beside its larger namesake in another state.
    states = {c.entry.admin1 for c in load_gazetteer().lookup("Rogersville") if c.entry.country == "USA"}
    assert {"TN", "MO", "AL"} <= states
    # but a village called after a country does not compete with the country
    assert all(c.entry.feature != "city" or c.entry.country != "USA" for c in load_gazetteer().lookup("China"))


def test_us_counties_have_centres_near_their_seats() -> None:
    # County centres come from ZIP code points: Laurel County, KY lies around its seat London, KY.
    gaz = load_gazetteer()
    laurel = next(e for e in gaz.counties("Laurel") if e.admin1 == "KY")
    london = next(c.entry for c in gaz.lookup("London") if c.entry.admin1 == "KY")
    assert laurel.feature == "admin" and haversine_km(laurel.lat, laurel.lon, london.lat, london.lon) < 40
    assert len({e.admin1 for e in gaz.counties("Henry")}) >= 5  # one entry per state


def test_other_towns_alternate_names_are_not_indexed() -> None:
    # GeoNames lists plain words and neighbouring towns' names as alternates of small towns ("Creek" for Baytown).
    gaz = load_gazetteer()
    assert not any(c.alternate and c.entry.feature == "city" for c in gaz.lookup("Creek"))
    assert all(c.entry.name == "Maryville" for c in gaz.lookup("Maryville"))


def test_fuzzy_lookup_is_for_transliterations_only() -> None:
    # "Glennwood" is a misspelling or another place, not a transliteration of the US/UK/Canadian "Glenwood".
    assert all(c.entry.country not in ("USA", "GBR", "CAN", "AUS") for c in load_gazetteer().fuzzy("Glennwood"))


@pytest.mark.parametrize(("name", "code"), [("N.J.", "NJ"), ("S.C.", "SC"), ("N.Y.", "NY"), ("Ga.", "GA")])
def test_state_abbreviations(name: str, code: str) -> None:
    assert any(c.entry.feature == "admin" and c.entry.admin1 == code for c in load_gazetteer().lookup(name))


@pytest.mark.parametrize(("name", "iso3"), [("Republic of Armenia", "ARM"), ("Holy See", "VAT"),
                                            ("Republic of Korea", "KOR")])
def test_official_country_names(name: str, iso3: str) -> None:
    assert any(c.entry.feature == "country" and c.entry.country == iso3 for c in load_gazetteer().lookup(name))

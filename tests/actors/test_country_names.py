"""Every usual English name of a state gives the same actor code (the metamorphic rule of the seed, widened):
"Ivory Coast" as "Côte d'Ivoire", "East Timor" as "Timor-Leste", "ROK" as "South Korea"."""

from __future__ import annotations

from typing import Any

import pytest
from tests.actors.conftest import overlapping

VARIANTS = {
    "CIV": ["Côte d'Ivoire", "Ivory Coast", "Cote d'Ivoire"],
    "TMP": ["Timor-Leste", "East Timor"],
    "KOR": ["South Korea", "the Republic of Korea", "the ROK"],
    "LCA": ["Saint Lucia", "St Lucia", "St. Lucia"],
    "PNG": ["Papua New Guinea", "PNG"],
    "RUS": ["Russia", "the Russian Federation"],
    "USA": ["the United States", "the USA", "the U.S.", "the US", "America"],
    "CZE": ["the Czech Republic", "Czechia"],
    "MMR": ["Myanmar", "Burma"],
}
TEMPLATES = ["{x} signed a trade agreement with Chile on Tuesday.", "Chile imposed sanctions on {x}."]


@pytest.mark.parametrize("code", sorted(VARIANTS))
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_name_of_a_state_is_the_same_actor(run: Any, code: str, template: str) -> None:
    for name in VARIANTS[code]:
        text = template.format(x=name)
        text = text[0].upper() + text[1:]
        found = overlapping(run(text), text, name.removeprefix("the "))
        assert [a.country for a in found] == [code], (text, found)


def test_demonyms_of_the_added_names(run: Any) -> None:
    text = "Ivorian and East Timorese diplomats met in Geneva."
    assert {a.country for a in run(text)} >= {"CIV", "TMP"}


def test_is_as_the_islamic_state_only_before_a_fighter_noun(run: Any) -> None:
    text = "IS fighters attacked the town. This IS the end, he wrote."
    assert [(a.text, a.cameo_code) for a in run(text) if a.cameo_code] == [("IS fighters", "IMGMUSISI")]

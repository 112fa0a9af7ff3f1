"""Secondary roles stack in the CAMEO code (a defence ministry is GOVMIL), and a definite description only
takes up an antecedent whose primary role it names."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.actors.kb import compose_code

from .conftest import overlapping

DAY = dt.date(2015, 11, 20)


def test_compose_code_stacks_roles() -> None:
    assert compose_code("RUS", ("GOV", "MIL")) == "RUSGOVMIL"
    assert compose_code("RUS", ("GOV",)) == "RUSGOV"
    assert compose_code(None, ("REB",)) == "---REB"
    assert compose_code("FRA", ()) == "FRA"


def test_defence_ministry_is_a_government_body_with_a_military_role(run: Any) -> None:
    text = "The Ukrainian Defence Ministry denied the report."
    found = overlapping(run(text, DAY), text, "Ukrainian Defence Ministry")
    assert found and found[0].cameo_code == "UKRGOVMIL" and found[0].sectors[:2] == ("GOV", "MIL")


def test_description_takes_up_only_its_own_primary_role(run: Any) -> None:
    text = "The Ukrainian Defence Ministry published a map. The ministry said the army would hold the town."
    actors = run(text, DAY)
    ministry = overlapping(actors, text, "The ministry")
    assert ministry and ministry[0].country == "UKR" and ministry[0].cameo_code == "UKRGOVMIL"
    army = overlapping(actors, text, "the army")
    # an army is not the ministry it answers to
    assert not any(a.cameo_code == "UKRGOVMIL" for a in army)

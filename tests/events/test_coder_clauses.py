"""Clause-level rules: background clauses, paired codes, protest aims, stated intents, light-verb phrases."""

from __future__ import annotations

from .conftest import CodeFn, triples


def test_event_dated_years_back_is_background(code_events: CodeFn) -> None:
    text = "France restored diplomatic ties with Iran five years after protesters burned its embassy."
    ev = code_events(text, {"France": "FRA", "Iran": "IRN", "protesters": "---CVL"})
    assert ("FRA", "050", "IRN") in triples(ev)
    assert not [e for e in ev if e.cameo_code.startswith("17")]


def test_event_months_ago_in_relative_clause_is_background(code_events: CodeFn) -> None:
    text = "Israel freed the mayor, who had been arrested 15 months ago by Israeli troops."
    ev = code_events(text, {"Israel": "ISR", "mayor": "PSEGOV", "Israeli troops": "ISRMIL"})
    assert not [e for e in ev if e.cameo_code == "173"]


def test_visit_is_paired_with_hosting_and_doer_is_not_target(code_events: CodeFn) -> None:
    text = "The Chinese president arrived in Russia on Monday on his first official visit."
    ev = code_events(text, [("Chinese president", "CHNGOV"), ("Russia", "RUS"), ("his", "CHNGOV")])
    got = triples(ev)
    assert {("CHNGOV", "042", "RUS"), ("RUS", "043", "CHNGOV")} <= got
    assert ("CHNGOV", "042", "CHNGOV") not in got


def test_demand_stating_a_protest_aim_gives_the_protest_its_target(code_events: CodeFn) -> None:
    text = "Indonesian students staged demonstrations on Saturday to demand the resignation of President Suharto."
    ev = code_events(text, {"Indonesian students": "IDNEDU", "President Suharto": "IDNGOV"})
    got = triples(ev)
    assert any(s == "IDNEDU" and c.startswith("14") and t == "IDNGOV" for s, c, t in got)
    assert not [e for e in ev if e.cameo_root in ("02", "10")]


def test_promise_of_a_nominal_act_is_the_statement(code_events: CodeFn) -> None:
    ev = code_events("Britain promised to continue military aid to Mozambique.",
                     {"Britain": "GBR", "Mozambique": "MOZ"})
    got = triples(ev)
    assert ("GBR", "0332", "MOZ") in got
    assert not [e for e in ev if e.cameo_code.startswith("07")]


def test_quantifier_object_and_light_verb_phrase(code_events: CodeFn) -> None:
    ev = code_events("France signed a series of agreements with Germany.", {"France": "FRA", "Germany": "DEU"})
    assert ("FRA", "057", "DEU") in triples(ev)
    ev = code_events("A court in Guyana issued arrest warrants for two Brazilian men.",
                     {"court in Guyana": "GUYJUD", "Brazilian men": "BRACVL"})
    assert ("GUYJUD", "173", "BRACVL") in triples(ev)


def test_rule_needs_out_to_be_a_rejection(code_events: CodeFn) -> None:
    ev = code_events("The king ruled Jordan for decades.", {"king": "JORGOV", "Jordan": "JOR"})
    assert not [e for e in ev if e.cameo_root == "12"]
    ev = code_events("Jordan ruled out talks with Israel.", {"Jordan": "JOR", "Israel": "ISR"})
    assert [e for e in ev if e.cameo_root == "12"]


def test_announced_nominal_act_is_a_statement(code_events: CodeFn) -> None:
    ev = code_events("Israel vowed to continue the blockade of Gaza.", {"Israel": "ISR", "Gaza": "PSE"})
    assert [e for e in ev if e.cameo_root == "13" and e.source and e.source.cameo_code == "ISR"]
    ev = code_events("Syria will not accept any more refugees from Iraq.", {"Syria": "SYR", "Iraq": "IRQ"})
    assert [e for e in ev if e.cameo_root == "12"]


def test_preparing_force_is_a_posture_not_a_threat(code_events: CodeFn) -> None:
    ev = code_events("The Macedonian army prepared to resume shelling rebel positions.",
                     {"Macedonian army": "MKDMIL", "rebel": "---REB"})
    roots = {e.cameo_root for e in ev}
    assert "15" in roots and "13" not in roots


def test_declared_future_act_is_coded_as_the_declaration(code_events: CodeFn) -> None:
    text = "Israel announced it would free 150 Palestinian prisoners."
    ev = code_events(text, [("Israel", "ISR"), ("it", "ISR"), ("Palestinian prisoners", "PSECVL")])
    got = triples(ev)
    assert ("ISR", "0353", "PSECVL") in got
    assert not [e for e in ev if e.cameo_code.startswith("084")]

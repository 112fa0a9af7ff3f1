"""Roles: the predicate scan for targets, passive conjuncts, "between X and Y", the status of acts someone is
pressed to do. Sentences are invented for these tests."""

from __future__ import annotations

from .conftest import CodeFn, triples


def test_predicate_scan_finds_a_target_inside_the_object(code_events: CodeFn) -> None:
    ev = code_events("Germany criticized the closure of border crossings in Austria.",
                     {"Germany": "DEU", "Austria": "AUT"})
    assert ("DEU", "111", "AUT") in triples(ev)
    # the doer's own "by" phrase and other clauses are not searched
    ev = code_events("Norway condemned allegations by Sweden.", {"Norway": "NOR", "Sweden": "SWE"})
    assert ("NOR", "111", "SWE") not in triples(ev, status=None)


def test_pressure_from_and_the_act_asked_for(code_events: CodeFn) -> None:
    ev = code_events("Greece faces pressure from Germany to help Cyprus.",
                     {"Greece": "GRC", "Germany": "DEU", "Cyprus": "CYP"})
    assert ("DEU", "100", "GRC") in triples(ev)
    assert not any(e.cameo_code.startswith("07") for e in ev if e.status in ("factual", "future"))


def test_passive_conjunct_shares_the_subject_as_target(code_events: CodeFn) -> None:
    ev = code_events("The prisoners jailed for spying were released by Iran on Sunday.",
                     {"The prisoners": "---CVL", "Iran": "IRN"})
    assert ("IRN", "0841", "---CVL") in triples(ev) or ("IRN", "084", "---CVL") in triples(ev)


def test_between_gives_both_parties(code_events: CodeFn) -> None:
    ev = code_events("Talks between Israel and Hamas resumed on Monday.", {"Israel": "ISR", "Hamas": "PSEHMS"})
    assert {("ISR", "046", "PSEHMS"), ("PSEHMS", "046", "ISR")} <= triples(ev)
    ev = code_events("Egypt hosted talks between Israel and Hamas.",
                     {"Egypt": "EGY", "Israel": "ISR", "Hamas": "PSEHMS"})
    assert {("EGY", "046", "ISR"), ("EGY", "046", "PSEHMS")} <= triples(ev)

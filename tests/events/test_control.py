"""Who does an act named in another verb's complement (object/subject control, accused gerunds), and events
whose two sides carry one CAMEO code (events/control.py, events/dyads.py)."""

from __future__ import annotations

from eventwire.events.dyads import same_actor, self_dyad
from eventwire.records import ActorRef

from .conftest import CodeFn, actor, triples


def _by_code(events: list, code_root: str) -> list:
    return [e for e in events if e.cameo_root == code_root]


def test_appeal_hands_the_infinitive_to_the_one_addressed(code_events: CodeFn) -> None:
    actors = {"Scholz": "DEUGOV", "Belarus": "BLR", "Lithuania": "LTU"}
    text = "Scholz called on Belarus to pull its soldiers out of Lithuania."
    ev = code_events(text, actors)
    # the appeal itself stays the speaker's
    assert any(e.cameo_root == "02" and e.source.cameo_code == "DEUGOV" and e.target.cameo_code == "BLR" for e in ev)
    # the withdrawal asked for is Belarus's, and it has not happened
    pulls = _by_code(ev, "08")
    assert pulls and {e.source.cameo_code for e in pulls if e.source} == {"BLR"}
    assert {e.status for e in pulls} == {"hypothetical"}


def test_appeal_to_and_plead_with_an_addressee(code_events: CodeFn) -> None:
    ev = code_events("Chile pleaded with Peru to free the fishermen.", {"Chile": "CHL", "Peru": "PER"})
    freed = [e for e in ev if e.cameo_code.startswith("08")]
    assert freed and all(e.source is not None and e.source.cameo_code == "PER" for e in freed)
    assert all(e.status == "hypothetical" for e in freed)


def test_passive_appeal_hands_the_act_to_the_passive_subject(code_events: CodeFn) -> None:
    text = "Somalia was called on by Kenya to release the prisoners."
    ev = code_events(text, {"Somalia": "SOM", "Kenya": "KEN"})
    assert any(e.cameo_root == "02" and (e.source.cameo_code, e.target.cameo_code) == ("KEN", "SOM") for e in ev)
    released = [e for e in ev if e.cameo_code.startswith("084")]
    assert released and {e.source.cameo_code for e in released if e.source} == {"SOM"}


def test_commitment_keeps_its_subject_and_targets_the_promisee(code_events: CodeFn) -> None:
    # "promise" names the one promised as its object, but the promiser is who is to withdraw
    text = "Armenia promised Iran to withdraw its troops from Azerbaijan."
    ev = code_events(text, {"Armenia": "ARM", "Iran": "IRN", "Azerbaijan": "AZE"})
    stated = [e for e in ev if e.cameo_root == "03"]
    assert stated and {e.source.cameo_code for e in stated if e.source} == {"ARM"}
    # with nothing else to aim at, the statement of intent is made to the one it names as object
    ev = code_events("Chile offered Bolivia to lift sanctions.", {"Chile": "CHL", "Bolivia": "BOL"})
    assert {(e.source.cameo_code, e.target.cameo_code) for e in ev if e.cameo_root == "03" and e.source and e.target
            } == {("CHL", "BOL")}


def test_accused_gerund_read_as_a_noun_modifier(code_events: CodeFn) -> None:
    # the parser reads "of bombing schools" as "of [bombing schools]": the bombing is still Serbia's, alleged
    text = "Croatia accused Serbia of bombing schools."
    ev = code_events(text, {"Croatia": "HRV", "Serbia": "SRB"})
    assert ("HRV", "112", "SRB") in triples(ev)
    bombing = [e for e in ev if e.cameo_root in ("18", "19", "20")]
    assert bombing and {e.source.cameo_code for e in bombing if e.source} == {"SRB"}
    assert {e.status for e in bombing} == {"reported"}


def test_blamed_for_and_charged_with_an_act(code_events: CodeFn) -> None:
    ev = code_events("Mali blamed Niger for shelling border villages.", {"Mali": "MLI", "Niger": "NER"})
    shelled = [e for e in ev if e.cameo_root in ("18", "19", "20")]
    assert shelled and {(e.source.cameo_code, e.status) for e in shelled if e.source} == {("NER", "reported")}
    ev = code_events("Kenya charged Somali militants with torturing hostages.",
                     {"Kenya": "KEN", "Somali militants": "SOMREB"})
    tortured = [e for e in ev if e.cameo_root == "18"]
    assert tortured and {(e.source.cameo_code, e.status) for e in tortured if e.source} == {("SOMREB", "reported")}


def test_a_punishment_for_an_act_still_drops_the_act(code_events: CodeFn) -> None:
    # a sentence names the deed it was given for; that deed is not an event (events.coder._purposes)
    ev = code_events("Egypt jailed a Libyan for helping militants attack Cairo.", {"Egypt": "EGY"})
    assert not [e for e in ev if e.cameo_root in ("18", "19") and e.status in ("factual", "reported")]


def test_self_dyad_rule() -> None:
    text = "Putin met Russian officials and the Defence Ministry."
    putin = actor(text, "Putin", "RUSGOV")
    officials = actor(text, "Russian officials", "RUSGOV")
    ministry = actor(text, "Defence Ministry", "RUSGOVMIL")
    unknown = [actor(text, "officials", "---GOV"), actor(text, "Ministry", "---GOV")]
    assert self_dyad(putin, officials) and same_actor(putin, officials)
    assert not self_dyad(putin, ministry)
    assert not self_dyad(*unknown)  # no country: two bodies that may differ
    nameless = ActorRef(text="x", start=0, end=1, name="x")
    assert not self_dyad(nameless, nameless)


def test_identical_codes_make_no_dyad(code_events: CodeFn) -> None:
    text = "Erdogan met Turkish officials in Ankara."
    ev = code_events(text, {"Erdogan": "TURGOV", "Turkish officials": "TURGOV"})
    assert ev, "the meeting itself is kept, one-sided"
    assert not [e for e in ev if e.source and e.target and e.source.cameo_code == e.target.cameo_code]
    ev = code_events("Erdogan met the Turkish defence ministry in Ankara.",
                     {"Erdogan": "TURGOV", "Turkish defence ministry": "TURGOVMIL"})
    assert ("TURGOV", "040", "TURGOVMIL") in triples(ev)


def test_the_doers_own_forces_are_moved_not_targeted(code_events: CodeFn) -> None:
    text = "Uganda called on Rwanda to withdraw its soldiers."
    ev = code_events(text, {"Uganda": "UGA", "Rwanda": "RWA", "its soldiers": "RWAMIL"})
    pulled = [e for e in ev if e.cameo_root == "08"]
    # a withdrawal of troops is a military retreat (0874), done by Rwanda, to nobody named
    assert [(e.source.cameo_code if e.source else "-", e.cameo_code, e.target) for e in pulled] == [
        ("RWA", "0874", None)]

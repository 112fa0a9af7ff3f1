"""Roles, codes and statuses on hand-built actor mentions (the parse is the real spaCy model)."""

from __future__ import annotations

from .conftest import CodeFn, triples


def test_active_subject_object(code_events: CodeFn) -> None:
    ev = code_events("Russia praised Turkey on Monday.", {"Russia": "RUS", "Turkey": "TUR"})
    assert triples(ev) == {("RUS", "051", "TUR")}
    e = ev[0]
    assert e.plover_type == "SUPPORT" and e.quad_class == 1 and e.goldstein > 0
    assert e.trigger.text == "praised" and e.evidence.text.startswith("Russia praised")
    assert 0 < e.confidence <= 1 and e.cameo_name == "Praise or endorse"


def test_passive_with_by(code_events: CodeFn) -> None:
    ev = code_events("The rebels were attacked by Syrian troops.", {"rebels": "SYRREB", "Syrian troops": "SYRMIL"})
    assert ("SYRMIL", "190", "SYRREB") in triples(ev)


def test_prepositional_target_and_light_verb(code_events: CodeFn) -> None:
    ev = code_events("France launched air strikes against the militants in Raqqa.",
                     {"France": "FRA", "militants": "---REB"})
    assert ("FRA", "195", "---REB") in triples(ev)
    assert ev[0].plover_type == "ASSAULT"


def test_possessive_target(code_events: CodeFn) -> None:
    ev = code_events("Jordan bombed the group's stronghold.", {"Jordan": "JOR", "group": "IMGMUS"})
    assert ("JOR", "195", "IMGMUS") in triples(ev)


def test_coordinated_sources_take_agent_sector(code_events: CodeFn) -> None:
    ev = code_events("U.S. and French planes have also struck at targets near Mosul.", {"U.S.": "USA", "French": "FRA"})
    assert {("USAMIL", "190", "-"), ("FRAMIL", "190", "-")} <= triples(ev)


def test_nominal_trigger_with_by_and_on(code_events: CodeFn) -> None:
    text = "Officials welcomed the aerial attacks on militants in Syria by Russian forces."
    ev = code_events(text, {"militants": "---REB", "Russian forces": "RUSMIL"})
    assert ("RUSMIL", "195", "---REB") in triples(ev)


def test_meeting_in_fronted_pp(code_events: CodeFn) -> None:
    text = "In a Friday meeting with officials of the Defense Ministry in Moscow, Putin said the campaign worked."
    ev = code_events(text, {"Defense Ministry": "RUSMIL", "Putin": "RUSGOV"})
    assert ("RUSGOV", "040", "RUSMIL") in triples(ev)


def test_negation_and_modality(code_events: CodeFn) -> None:
    actors = {"Egypt": "EGY", "Libya": "LBY"}
    assert {e.status for e in code_events("Egypt did not attack Libya.", actors)} == {"negated"}
    assert {e.status for e in code_events("Egypt will meet Libya next week.", actors)} == {"future"}
    hoped = code_events("Egypt hopes to meet Libya next week.", actors)
    assert {e.status for e in hoped if e.cameo_code == "040"} == {"future"}
    refused = code_events("Egypt would not give permission to Libya to attack Chad.", {**actors, "Chad": "TCD"})
    assert not [e for e in refused if e.cameo_root in ("18", "19") and e.status == "factual"]
    # an announced act is coded as the statement of intent, which did happen (CAMEO 13: threaten) ...
    vowed = code_events("Egypt vowed to attack Libya.", actors)
    assert {(e.cameo_code, e.status) for e in vowed} == {("1384", "factual")}
    # ... but getting ready to use force is a force posture (CAMEO 15), not a verbal threat
    prepared = code_events("Egypt is preparing to attack Libya.", actors)
    assert {(e.cameo_code, e.status) for e in prepared} == {("150", "factual")}
    offered = code_events("Egypt offered to withdraw its troops from Libya.", actors)
    assert ("EGY", "0356", "LBY") in triples(offered)
    refused = code_events("Egypt refused to meet Libya.", actors)
    assert triples(refused) == {("EGY", "125", "LBY")}
    assert {e.status for e in code_events("If Egypt attacked Libya, prices would rise.", actors)} == {"hypothetical"}
    hypo = code_events("Doubts remain about whether Egypt would work with Libya.", actors)
    assert hypo and {e.status for e in hypo} == {"hypothetical"}
    assert {e.status for e in code_events("Egypt allegedly attacked Libya.", actors)} == {"reported"}


def test_reported_speech_codes_the_embedded_event(code_events: CodeFn) -> None:
    text = "Iran said Iraq attacked Kuwait."
    ev = code_events(text, {"Iran": "IRN", "Iraq": "IRQ", "Kuwait": "KWT"})
    assert triples(ev) == {("IRQ", "190", "KWT")}


def test_condemning_an_attack_targets_the_attacker(code_events: CodeFn) -> None:
    ev = code_events("Chile condemned an attack by Peruvian soldiers on Bolivia.",
                     {"Chile": "CHL", "Peruvian soldiers": "PERMIL", "Bolivia": "BOL"})
    # condemning a named attacker's deed accuses it (112), it is not criticism in general (111)
    assert ("CHL", "112", "PERMIL") in triples(ev)
    assert ("PERMIL", "190", "BOL") in triples(ev)


def test_claims_are_accusations_or_responsibility(code_events: CodeFn) -> None:
    actors = {"Iran": "IRN", "Iraq": "IRQ", "Kuwait": "KWT"}
    accuse = code_events("Iran claimed that Iraq had attacked Kuwait.", actors)
    assert ("IRN", "112", "IRQ") in triples(accuse)
    assert ("IRQ", "190", "KWT") in triples(accuse, status="reported")
    own = code_events("Iran claimed that it had attacked Kuwait.", {"Iran": "IRN", "Kuwait": "KWT"})
    assert ("IRN", "015", "KWT") in triples(own)


def test_deontic_complement_is_a_demand(code_events: CodeFn) -> None:
    text = "Lavrov said the West must drop its demands."
    ev = code_events(text, {"Lavrov": "RUSGOV", "the West": "WST"})
    assert ("RUSGOV", "100", "WST") in triples(ev)
    assert next(e for e in ev if e.cameo_code == "100").plover_type == "REQUEST"


def test_reciprocal_meeting(code_events: CodeFn) -> None:
    ev = code_events("Chile, Peru and Bolivia met on Tuesday.", {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL"})
    assert len(triples(ev)) == 6 and ("PER", "040", "BOL") in triples(ev)


def test_inverse_receive(code_events: CodeFn) -> None:
    ev = code_events("Rebels received weapons from Qatar.", {"Rebels": "---REB", "Qatar": "QAT"})
    assert ("QAT", "072", "---REB") in triples(ev)


def test_announced_act_is_coded_as_intent(code_events: CodeFn) -> None:
    ev = code_events("Obama agreed to lift the sanctions on Iran.", {"Obama": "USAGOV", "Iran": "IRN"})
    assert triples(ev) == {("USAGOV", "0354", "IRN")}  # express intent to ease economic sanctions
    assert ev[0].trigger.text.startswith("agreed to lift")


def test_military_refinement(code_events: CodeFn) -> None:
    ev = code_events("Russian forces started cooperation with the French army.",
                     {"Russian forces": "RUSMIL", "French army": "FRAMIL"})
    assert ("RUSMIL", "062", "FRAMIL") in triples(ev)
    civil = code_events("Gunmen attacked a bus in Kano.", {"Gunmen": "---REB"})
    assert {e.cameo_code for e in civil} == {"180"}


def test_no_event_without_actors(code_events: CodeFn) -> None:
    assert code_events("The storm attacked the coast and met no resistance.", {}) == []


def test_event_id_is_stable(code_events: CodeFn) -> None:
    a = code_events("Russia praised Turkey.", {"Russia": "RUS", "Turkey": "TUR"})
    b = code_events("Russia praised Turkey.", {"Russia": "RUS", "Turkey": "TUR"})
    assert a[0].id == b[0].id and len(a[0].id) == 16


def test_headline_line_is_parsed_on_its_own(code_events: CodeFn) -> None:
    text = "Iraq closes airspace as missiles fly\nParis launched air strikes against Raqqa."
    ev = code_events(text, {"Iraq": "IRQ", "Paris": "FRA", "Raqqa": "IMGMUS"})
    assert ("FRA", "195", "IMGMUS") in triples(ev)
    strike = next(e for e in ev if e.cameo_code == "195")
    assert text[strike.trigger.start : strike.trigger.end] == strike.trigger.text
    assert text[strike.evidence.start : strike.evidence.end].startswith("Paris launched")


def test_will_as_intent_option(nlp_stage) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from eventwire.events import EventCoder
    from eventwire.records import Analysis, Article

    from .conftest import actor

    text = "Egypt will meet Libya next week."
    refs = (actor(text, "Egypt", "EGY"), actor(text, "Libya", "LBY"))
    analysis = dataclasses.replace(nlp_stage.parse(Analysis(article=Article(id="w", text=text))), actors=refs)
    events = EventCoder(will_as_intent=True).code(analysis)
    # the announcement is what happened: 036 express intent to meet, PLOVER AGREE
    assert [(e.cameo_code, e.status, e.plover_type) for e in events] == [("036", "factual", "AGREE")]


def test_uncoded_actors_get_low_confidence(code_events: CodeFn) -> None:
    ev = code_events("Smith praised Jones.", {"Smith": "", "Jones": ""})
    assert ev and all(e.confidence <= 0.3 for e in ev)
    coded = code_events("Chile praised Peru.", {"Chile": "CHL", "Peru": "PER"})
    assert all(e.confidence > 0.5 for e in coded)

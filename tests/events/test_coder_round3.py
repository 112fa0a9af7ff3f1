"""Third-round coding rules: reported violence without a victim (accusation), negation on a preverbal adverb,
elapsed time before the subordinator, agreements naming their party in a purpose clause, conditional threats,
marching troops, hearsay participles, and a user agent overriding a built-in name."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from eventwire.actors.resolver import ActorResolver, resolve
from eventwire.events import EventCoder
from eventwire.events.clauses import hearsay_participle
from eventwire.events.reported import reporting_verb
from eventwire.nlp import NLP, load_model
from eventwire.records import ActorRef, Analysis, Article, Place

from .conftest import CodeFn, triples


def test_reported_violence_without_victim_is_an_accusation(code_events: CodeFn) -> None:
    ev = code_events("The US said that Iraq had attacked themselves", {"US": "USA", "Iraq": "IRQ"})
    got = triples(ev)
    assert ("USA", "112", "IRQ") in got
    assert {e.plover_type for e in ev if e.cameo_code == "112"} == {"ACCUSE"}
    text = "The Syrian monitoring group said eight people were killed in an air strike by government forces."
    ev = code_events(text, {"Syrian monitoring group": "SYRNGO", "government forces": "---MIL"})
    assert ("SYRNGO", "112", "---MIL") in triples(ev)


def test_reported_violence_with_a_victim_is_coded_as_the_act(code_events: CodeFn) -> None:
    ev = code_events("Russia said Ukrainian forces shelled Donetsk.",
                     {"Russia": "RUS", "Ukrainian forces": "UKRMIL", "Donetsk": "UKR"})
    got = triples(ev)
    assert not [t for t in got if t[1] == "112"]
    assert [t for t in got if t[0] == "UKRMIL" and t[1].startswith("19")]
    # a speaker reporting its own side's act does not accuse it
    ev = code_events("Syria said its jets bombed the town.", {"Syria": "SYR", "its jets": "SYRMIL"})
    assert not [t for t in triples(ev) if t[1] == "112"]
    # the same country's government and insurgents are not one side; an anonymous source accuses nobody
    ev = code_events("Afghan officials said Taliban fighters attacked a checkpoint.",
                     {"Afghan officials": "AFGGOV", "Taliban fighters": "AFGREBTAL"})
    assert ("AFGGOV", "112", "AFGREBTAL") in triples(ev)
    ev = code_events("Officials said Taliban fighters attacked a checkpoint.",
                     {"Officials": "---GOV", "Taliban fighters": "AFGREBTAL"})
    assert not [t for t in triples(ev) if t[1] == "112"]


def test_reporting_verb_is_found_through_nominal_triggers() -> None:
    doc = load_model(None)("The group said eight people were killed in an air strike by government forces.")
    strike = next(t for t in doc if t.lower_ == "strike")
    verb = reporting_verb(strike)
    assert verb is not None and verb.lemma_ == "say"
    doc = load_model(None)("Government forces attacked the town.")
    assert reporting_verb(next(t for t in doc if t.lower_ == "attacked")) is None


def test_negation_hung_on_an_adverb_negates(code_events: CodeFn) -> None:
    text = "The minister most certainly did not even ever criticize Gondor."
    ev = code_events(text, {"The minister": "ARNGOV", "Gondor": "GON"})
    assert not triples(ev)
    assert {e.status for e in ev} <= {"negated"}
    ev = code_events("Israel not only attacked Gaza but also bombed Lebanon.",
                     {"Israel": "ISR", "Gaza": "PSE", "Lebanon": "LBN"})
    assert ("ISR", "190", "PSE") in triples(ev)  # "not only" does not negate


def test_elapsed_time_right_before_the_subordinator(code_events: CodeFn) -> None:
    text = ("Ethiopia broken down a treaty with Libya's almost five years after crowds trashed its embassy, "
            "a senior official said on Saturday.")
    ev = code_events(text, {"Ethiopia": "ETH", "Libya": "LBY", "crowds": "---CVL"})
    assert not [e for e in ev if e.cameo_root in ("14", "17", "18")]
    # a short delay is not history
    ev = code_events("Hamas fired rockets two hours after Israel bombed Gaza.",
                     {"Hamas": "PSEREB", "Israel": "ISR", "Gaza": "PSE"})
    assert ("ISR", "195", "PSE") in triples(ev)


def test_agreement_names_its_party_in_the_purpose_clause(code_events: CodeFn) -> None:
    text = "Arnor signed an accord on Thursday to supply Gondor with 50,000 tonnes of wheat."
    ev = code_events(text, {"Arnor": "ARN", "Gondor": "GON"})
    assert ("ARN", "057", "GON") in triples(ev)


def test_condition_names_the_target_of_a_threat(code_events: CodeFn) -> None:
    ev = code_events("Iran threatened to close the Strait of Hormuz if the US imposed sanctions.",
                     {"Iran": "IRN", "US": "USA"})
    assert [t for t in triples(ev) if t[0] == "IRN" and t[1].startswith("13") and t[2] == "USA"]


def test_marching_troops_show_force_marching_people_protest(code_events: CodeFn) -> None:
    ev = code_events("Russian troops marched toward the border with Ukraine.",
                     {"Russian troops": "RUSMIL", "Ukraine": "UKR"})
    assert ("RUSMIL", "150", "UKR") in triples(ev)
    ev = code_events("Students marched on the army headquarters.", {"Students": "---EDU", "army": "---MIL"})
    assert ("---EDU", "141", "---MIL") in triples(ev)


def test_hearsay_participle_has_no_speaker(code_events: CodeFn) -> None:
    doc = load_model(None)("A Pakistani woman believed linked to Al-Qaeda was extradited to the United States.")
    assert hearsay_participle(next(t for t in doc if t.lower_ == "believed"))
    doc = load_model(None)("Gondor believed Arnor was behind the attack.")
    assert not hearsay_participle(next(t for t in doc if t.lower_ == "believed"))
    text = "A Pakistani woman believed linked to Al-Qaeda was extradited to the United States."
    ev = code_events(text, {"Pakistani woman": "PAKCVL", "Al-Qaeda": "IMGMOSALQ", "United States": "USA"})
    assert not [e for e in ev if e.cameo_root == "01"]


def test_user_agent_overrides_a_builtin_name(tmp_path: Path) -> None:
    text = "MSF Arnor restored ties with Gondor."
    assert not [a for a in resolve(text) if a.cameo_code == "NGOARN"]
    user = tmp_path / "dict.json"
    user.write_text(json.dumps({
        "actors": [{"name": {"phrase": "arnor", "whole_word": True}, "synonyms": [],
                    "codes": [{"codes": ["ARN"], "from": None, "to": None}]},
                   {"name": {"phrase": "gondor", "whole_word": True}, "synonyms": [],
                    "codes": [{"codes": ["GON"], "from": None, "to": None}]}],
        "agents": [{"phrase": "msf", "plurals": [], "code": "NGO", "position": "prefix"}],
    }), encoding="utf-8")
    refs = resolve(text, resolver=ActorResolver(user))
    assert [a for a in refs if a.cameo_code == "NGOARN" and a.text == "MSF Arnor"]


def test_wished_asked_and_averted_acts_are_not_facts(code_events: CodeFn) -> None:
    ev = code_events("Obama hopes that China will cooperate with India.",
                     {"Obama": "USAGOV", "China": "CHN", "India": "IND"})
    assert {e.status for e in ev if e.source and e.source.cameo_code == "CHN"} == {"hypothetical"}
    ev = code_events("China demanded that the US cancel the sale of weapons to Taiwan.",
                     {"China": "CHN", "US": "USA", "Taiwan": "TWN"})
    assert not [e for e in ev if e.source and e.source.cameo_code == "USA" and e.status in ("factual", "future")]
    ev = code_events("Israel warned Hezbollah against attacking.", {"Israel": "ISR", "Hezbollah": "LBNREB"})
    attack = [e for e in ev if e.cameo_root in ("18", "19")]
    assert attack and all(e.status == "hypothetical" for e in attack)
    assert all(e.source is not None and e.source.cameo_code == "LBNREB" for e in attack)  # who would attack


def test_noun_of_intent_gives_holder_and_negation(code_events: CodeFn) -> None:
    ev = code_events("Germany has no plans to sanction Russia.", {"Germany": "DEU", "Russia": "RUS"})
    assert ev and all(e.status == "negated" for e in ev)
    assert {e.source.cameo_code for e in ev if e.source} == {"DEU"}
    ev = code_events("Germany has plans to sanction Russia.", {"Germany": "DEU", "Russia": "RUS"})
    assert [t for t in triples(ev) if t[0] == "DEU" and t[2] == "RUS"]


def test_pattern_object_word_is_no_party(code_events: CodeFn) -> None:
    # "intelligence" is also an agent noun (SPY); as the thing shared it is not the other party
    ev = code_events("South Korea and Japan agreed to share military intelligence.",
                     {"South Korea": "KOR", "Japan": "JPN", "intelligence": "---SPY"})
    assert not [e for e in ev if e.target is not None and e.target.cameo_code == "---SPY"]
    ev = code_events("The US shared intelligence with Israel.", {"US": "USA", "Israel": "ISR"})
    assert ("USA", "064", "ISR") in triples(ev)


def test_negation_on_subject_object_and_not_yet(code_events: CodeFn) -> None:
    ev = code_events("Neither France nor Germany criticized China.",
                     {"France": "FRA", "Germany": "DEU", "China": "CHN"})
    assert ev and {e.status for e in ev} == {"negated"}
    ev = code_events("China and Japan have yet to sign the treaty.", {"China": "CHN", "Japan": "JPN"})
    assert ev and {e.status for e in ev} == {"negated"}
    ev = code_events("Russia held no meeting with Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"})
    assert ev and {e.status for e in ev} == {"negated"}
    ev = code_events("It is unlikely that China will attack Taiwan.", {"China": "CHN", "Taiwan": "TWN"})
    assert ev and {e.status for e in ev} == {"hypothetical"}


def test_mutual_act_between_parties_on_a_light_verb(code_events: CodeFn) -> None:
    ev = code_events("Talks were held between India and Pakistan.", {"India": "IND", "Pakistan": "PAK"})
    assert {("IND", "046", "PAK"), ("PAK", "046", "IND")} <= triples(ev)
    ev = code_events("No talks were held between India and Pakistan.", {"India": "IND", "Pakistan": "PAK"})
    assert not triples(ev)


def test_attack_by_aircraft_employs_aerial_weapons(code_events: CodeFn) -> None:
    ev = code_events("Russian helicopters attacked rebel positions.",
                     {"Russian helicopters": "RUSMIL", "rebel": "---REB"})
    assert ("RUSMIL", "195", "---REB") in triples(ev)
    ev = code_events("Russian troops attacked rebel positions.", {"Russian troops": "RUSMIL", "rebel": "---REB"})
    assert ("RUSMIL", "195", "---REB") not in triples(ev)


def test_of_names_who_demands_and_the_rejection_is_aimed_at_them(code_events: CodeFn) -> None:
    ev = code_events("Iran rejected the demands of the United States.", {"Iran": "IRN", "United States": "USA"})
    got = triples(ev)
    assert ("IRN", "120", "USA") in got
    assert not [t for t in got if t[0] == "IRN" and t[1].startswith("10")]  # Iran demanded nothing
    # an act done to someone keeps "of" as its target
    ev = code_events("The army ordered the killing of civilians.", {"army": "---MIL", "civilians": "---CVL"})
    assert not [t for t in triples(ev) if t[0] == "---CVL"]


def test_passive_condemnation_names_the_perpetrator_like_the_active(code_events: CodeFn) -> None:
    actors = {"UN": "IGOUNO", "civilians": "---CVL", "army": "---MIL"}
    active = triples(code_events("The UN condemned the killing of civilians by the army.", actors))
    passive = triples(code_events("The killing of civilians by the army was condemned by the UN.", actors))
    assert ("IGOUNO", "112", "---MIL") in active
    assert active == passive


def test_announced_mutual_act_and_meeting_in_a_place_are_reciprocal(code_events: CodeFn) -> None:
    ev = code_events("Arnor and Gondor agreed to restore diplomatic ties.", {"Arnor": "ARN", "Gondor": "GON"})
    got = triples(ev)
    assert [t for t in got if t[0] == "ARN" and t[2] == "GON"] and [t for t in got if t[0] == "GON" and t[2] == "ARN"]
    ev = code_events("The foreign ministers of France and Germany met in Geneva.",
                     {"foreign ministers of France": "FRAGOV", "Germany": "DEUGOV"})
    got = triples(ev)
    assert {("FRAGOV", "040", "DEUGOV"), ("DEUGOV", "040", "FRAGOV")} <= got


def test_coordinated_demonym_left_alone_by_the_resolver_still_counts(nlp_stage: NLP) -> None:
    text = "German and French leaders called for a ceasefire in Ukraine."
    analysis = nlp_stage.parse(Analysis(article=Article(id="t", text=text)))
    french = text.index("French")
    refs = (ActorRef(text="French", start=french, end=french + 6, name="France", country="FRA", sectors=(),
                     cameo_code="FRA", kind="state", reason="demonym"),)
    german = Place(text="German", start=0, end=6, name="Germany", country="DEU", lat=51.0, lon=9.0,
                   feature="country", sentence=0)
    analysis = dataclasses.replace(analysis, actors=refs, places=(german,))
    events = next(iter(EventCoder().pipe([analysis]))).events
    sources = {e.source.cameo_code for e in events if e.source is not None}
    assert {"DEUGOV", "FRAGOV"} <= sources


def test_act_of_an_accusation_is_alleged(code_events: CodeFn) -> None:
    text = "Georgia accused Russia on Friday of violating a ceasefire agreement with Armenia."
    ev = code_events(text, {"Georgia": "GEO", "Russia": "RUS", "Armenia": "ARM"})
    assert ("GEO", "112", "RUS") in triples(ev)
    assert not [e for e in ev if e.source and e.source.cameo_code == "RUS" and e.status in ("factual", "future")]


def test_nominal_roles_from_by_and_demonyms(code_events: CodeFn) -> None:
    ev = code_events("Turkey's invasion of Syria drew criticism from the Arab League.",
                     {"Turkey": "TUR", "Syria": "SYR", "Arab League": "IGOARL"})
    got = triples(ev)
    assert ("IGOARL", "111", "TUR") in got and not [t for t in got if t[0] == "TUR" and t[1] == "111"]
    ev = code_events("Military aid from the US to Ukraine was approved.", {"US": "USA", "Ukraine": "UKR"})
    assert ("USA", "072", "UKR") in triples(ev)
    ev = code_events("Air strikes by Saudi Arabia on Yemen killed dozens.", {"Saudi Arabia": "SAU", "Yemen": "YEM"})
    assert ("SAU", "195", "YEM") in triples(ev)
    # "from" on a withdrawal is a place, not a giver
    ev = code_events("The withdrawal of Russian troops from Syria began.", {"Russian troops": "RUSMIL", "Syria": "SYR"})
    assert not [t for t in triples(ev) if t[0] == "SYR"]


def test_demonym_on_an_event_noun_names_the_doer(nlp_stage: NLP) -> None:
    text = "The Iranian attack on Israel was condemned by Germany."
    analysis = nlp_stage.parse(Analysis(article=Article(id="t", text=text)))
    def ref(name: str, code: str) -> ActorRef:
        i = text.index(name)
        return ActorRef(text=name, start=i, end=i + len(name), name=name, country=code, sectors=(), cameo_code=code,
                        kind="state", reason="alias")
    i = text.index("Iranian")
    iran = Place(text="Iranian", start=i, end=i + 7, name="Iran", country="IRN", feature="country", sentence=0)
    analysis = dataclasses.replace(analysis, actors=(ref("Israel", "ISR"), ref("Germany", "DEU")), places=(iran,))
    events = next(iter(EventCoder().pipe([analysis]))).events
    got = {(e.source.cameo_code if e.source else "-", e.cameo_code, e.target.cameo_code if e.target else "-")
           for e in events if e.status == "factual"}
    assert ("IRN", "190", "ISR") in got
    assert ("DEU", "112", "IRN") in got  # the condemnation names the attacker


def test_conditional_act_is_a_threat_or_offer(code_events: CodeFn) -> None:
    ev = code_events("The US will impose sanctions on Iran if it continues enrichment.", {"US": "USA", "Iran": "IRN"})
    assert ("USA", "1312", "IRN") in triples(ev)
    ev = code_events("Israel said it would strike Hezbollah if the rocket fire continued.",
                     {"Israel": "ISR", "Hezbollah": "LBNREB"})
    assert [t for t in triples(ev) if t[1].startswith("138") and t[2] == "LBNREB"]
    # a conditional under "whether" stays a mere supposition
    ev = code_events("Whether Israel would attack Iran if talks failed was unclear.", {"Israel": "ISR", "Iran": "IRN"})
    assert not triples(ev)


def test_regret_of_an_act_is_disapproval_of_a_loss_sympathy(code_events: CodeFn) -> None:
    ev = code_events("Japan regretted China's decision to cancel the talks.", {"Japan": "JPN", "China": "CHN"})
    assert ("JPN", "110", "CHN") in triples(ev)
    ev = code_events("France regretted the loss of life in Syria.", {"France": "FRA", "Syria": "SYR"})
    assert [t for t in triples(ev) if t[0] == "FRA" and t[1] == "018"]


def test_content_of_a_demanded_or_alleged_statement_is_not_fact(code_events: CodeFn) -> None:
    text = "The US demanded an immediate admission by China that its forces attacked the ship."
    ev = code_events(text, {"US": "USA", "China": "CHN", "its forces": "CHNMIL"})
    got = triples(ev)
    assert ("USA", "100", "CHN") in got  # the demand is addressed to who is to admit
    assert not [e for e in ev if e.cameo_root == "19" and e.status in ("factual", "future")]


def test_clause_span_terminates_on_a_verbless_sentence() -> None:
    """A nominal trigger whose chain of heads reaches a noun root (a headline: "Air strikes on Raqqa") must not
    loop: spaCy hands out a new Token object for the root's head, so an identity test never stopped it."""
    import spacy
    from spacy.tokens import Doc

    from eventwire.events.coder import _clause_span
    from eventwire.events.status import _clause_chain

    words = ["Air", "strikes", "on", "Raqqa"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 2], deps=["compound", "ROOT", "prep", "pobj"],
              pos=["NOUN", "NOUN", "ADP", "PROPN"])
    assert _clause_span(doc[1], 0, [(14, 19)], (0, 19)) == (0, 19)
    assert [t.i for t in _clause_chain(doc[1])] == [1]

"""Event location: the place grammatically attached to an event trigger, else a sentence place that reads as a
scene (after "in/near/of …", or a local modifier; not an origin, a participant's home or a far-off clause), else —
only when the sentence names no place at all — the article's focus location.

The gold this is measured on (event_location_dev) marks the sentence-level location of the event and leaves 42%
of events without one, so an unattached fallback must be right more often than the event is unlocated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..records import Analysis, Place
from .gazetteer import load_gazetteer
from .metonymy import government_spans
from .recognize import LOCAL_NOUNS

VERB_POS = frozenset({"VERB", "AUX"})
# Prepositions of place; "from Algeria", "of Iraq", "against Syria" name origins and targets, not the scene.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "inside", "outside", "across", "around", "into", "within",
                            "throughout", "along", "over", "between", "toward", "towards", "off", "through",
                            "onto", "upon", "beside", "behind", "amid", "among", "north", "south",
                            "east", "west", "underneath", "under", "above", "beyond"})
# The trigger's object is its scene ("captured Hebron"); a bare noun-phrase adverbial is not ("at 4 p.m. Moscow
# time", "450 miles southeast of Mombasa", "spokesman Lt. Col. …").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
PARTICIPANT_DEPS = frozenset({"nsubj", "appos", "agent", "poss"})
# Sentence fallback: a place not attached to the trigger is still the event's scene when it is introduced
# as a scene ("in Mosul, residents said …", "near the town of Kolahun") or names a local setting ("the Tokyo
# gassing"). On the event-location dev set, places reached otherwise ("from", "to", subjects, possessives)
# were far more often gold-null than the event's location, and a country is the scene only after "in".
SCENE_PREPS = frozenset({"in", "near", "of", "at", "inside", "outside", "around", "across", "throughout",
                         "within"})
FAR_TOKENS = 20
# A statement happens where its speaker is, which a sentence rarely says unless it attaches the place to the verb;
# an unattached sentence place is the scene of what was said, not of the saying (dev data: 6 right, 35 gold-null).
SPEECH_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "accuse", "condemn", "deny", "call",
                          "declare", "note", "warn", "urge", "add", "state", "confirm", "criticize", "criticise",
                          "praise", "welcome", "ask"})
REFERENCE_PREPS = frozenset({"near", "outside", "beyond", "off"})
REFERENCE_HEADS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                             "northern", "southern", "eastern", "western", "close", "next", "outskirts"})
# A place that only modifies a participant ("U.S. tourists were shot", "Kosovo's leader was wounded") names whose
# they are, not where the event happened — unless the participant is itself a site ("the Baghdad market was hit").
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SITE_NOUNS = LOCAL_NOUNS | frozenset({
    "bridge", "street", "road", "market", "square", "hospital", "hotel", "building", "mosque", "church", "station",
    "embassy", "consulate", "port", "harbour", "harbor", "prison", "school", "university", "stadium", "park",
    "office", "offices", "headquarters", "compound", "checkpoint", "border", "highway", "facility", "plant",
    "refinery", "mall", "center", "centre", "palace", "parliament", "ministry", "house", "home", "residence",
})
# A place many arcs below the trigger sits in a description of something else ("… the leader of the group that
# controls the villages near X"); on the dev data such deep places were mostly not the event's location.
MAX_ARCS = 8
LOCAL_SCENE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "over", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
SPECIFICITY = {"city": 0, "admin": 1, "water": 2, "region": 2, "country": 3}
# "the country's oil facilities": a definite common noun standing for a place named earlier.
PLACE_NOUNS = {"country": "country", "nation": "country", "city": "city", "town": "city", "capital": "city",
               "province": "admin", "region": "admin", "state": "admin"}


def is_demonym(place: Place) -> bool:
    """An adjective or people's name ("Syrian", "Russians") rather than a place name."""
    return place.text in load_gazetteer().demonyms


def _anchors(trigger: Any) -> set[int]:
    """The trigger and its heads up to the nearest verb: a place attached to the light verb of a nominal
    trigger ("carried out strikes in Raqqa") belongs to the trigger too."""
    out = {trigger.i}
    tok = trigger
    while tok.pos_ not in VERB_POS and tok.head.i != tok.i:
        tok = tok.head
        out.add(tok.i)
    return out


def _attached_distance(tok: Any, anchors: set[int]) -> int | None:
    """Number of arcs from ``tok`` up to an anchor, or None when another verb (another event) comes first or
    the place only modifies a participant ("U.S. planes struck …": no preposition or object on the path)."""
    steps = 0
    locative = False
    via_participant = 0
    other_prep = False  # "an officer from West Africa was shot": an origin inside the object is no scene
    any_prep = False
    modifier = tok.dep_ in MODIFIER_DEPS
    while True:
        if steps > MAX_ARCS:
            return None
        if tok.i in anchors:
            # A place inside the subject ("Ranimat of Tsurif near Hebron detonated …") ranks after the scene.
            return steps + 10 * via_participant if locative else None
        via_participant = via_participant or int(tok.dep_ in PARTICIPANT_DEPS)
        if (modifier and not any_prep and tok.dep_ in SUBJECT_DEPS and tok.head.i in anchors
                and tok.lemma_.lower() not in SITE_NOUNS):
            return None
        any_prep = any_prep or tok.dep_ == "prep"
        # A place inside the trigger's object is its scene too ("captured a third of Croatia", "patrolling
        # northern Kosovo towns", "destroyed the U.S. Embassy").
        locative = locative or (tok.dep_ == "prep" and tok.lower_ in LOCATIVE_PREPS) or (
            tok.dep_ in OBJECT_DEPS and tok.head.i in anchors and not other_prep
            and (tok.dep_ != "nsubjpass" or tok.lemma_.lower() in SITE_NOUNS or tok.ent_type_ in PLACE_ENTS))
        other_prep = other_prep or (tok.dep_ == "prep" and tok.lower_ != "of")
        if steps and tok.pos_ in VERB_POS:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1


def _is_reference(tok: Any) -> bool:
    """A landmark the scene is described from ("near Najaf", "10 miles south of Tikrit", "close to Algiers"),
    which ranks after the scene itself when both are attached."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in REFERENCE_PREPS:
        return True
    return prep.lower_ in ("of", "to") and prep.head.lower_ in REFERENCE_HEADS


def _place_token(doc: Any, place: Place) -> Any | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


# Clause links that describe one incident: "blasted a bus in Sri Lanka, killing seven" (the participle's head
# has the place), "was arrested in Lahore and charged" (the second conjunct's head has it). The other way round
# (a place on a later conjunct) named another incident's place more often than this one's on the dev data.
LINKED_DEPS = frozenset({"conj", "advcl", "xcomp"})


def _linked_verbs(trigger: Any, anchors: set[int]) -> set[int]:
    """The verb that the trigger's clause hangs from by a LINKED_DEPS arc."""
    verb = trigger
    while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    if verb.dep_ in LINKED_DEPS and verb.head.pos_ in VERB_POS:
        out.add(verb.head.i)
    return out - anchors


def _linked_place(doc: Any, places: list[Place], trigger: Any, anchors: set[int]) -> Place | None:
    """A place attached to a verb linked to the trigger's clause, when none is attached to the trigger."""
    verbs = _linked_verbs(trigger, anchors)
    best: tuple[int, int, Place] | None = None
    for verb in verbs:
        for p in places:
            tok = _place_token(doc, p)
            d = _attached_distance(tok, {verb}) if tok is not None and not is_demonym(p) else None
            if d is not None:
                key = (SPECIFICITY.get(p.feature, 3), d + 5 * _is_reference(tok), p)
                if best is None or key[:2] < best[:2]:
                    best = key
    return best[2] if best is not None else None


def _anaphor_place(doc: Any, analysis: Analysis, anchors: set[int], trigger: Any) -> Place | None:
    """"the country's oil facilities" in the trigger's phrase → the last country named before it."""
    for tok in trigger.subtree if trigger.pos_ in VERB_POS else doc[min(anchors): max(anchors) + 1].root.subtree:
        kind = PLACE_NOUNS.get(tok.lower_)
        if kind is None or not any(c.lower_ in ("the", "this", "that") for c in tok.children):
            continue
        earlier = [p for p in analysis.places if p.end <= tok.idx and not is_demonym(p)
                   and (p.feature == kind or (kind == "admin" and p.feature == "admin"))]
        if earlier:
            return earlier[-1]
    return None


def _is_scene(doc: Any, place: Place) -> bool:
    """Whether a sentence place not attached to the trigger reads as a scene (see SCENE_PREPS)."""
    tok = _place_token(doc, place)
    if tok is None:
        return False
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        return prep in SCENE_PREPS and (place.feature != "country" or prep in ("in", "inside", "throughout"))
    return tok.dep_ == "compound" and place.feature != "country"


def _within_reach(doc: Any, place: Place, trigger: Any | None) -> bool:
    """A far-off sentence place (20+ tokens away) is the scene only when it sets the scene of a clause that
    encloses the trigger ("In Mosul, residents said … the militants executed …"); in the dev data such far
    places were mostly gold-null otherwise."""
    tok = _place_token(doc, place)
    if trigger is None or tok is None or abs(tok.i - trigger.i) < FAR_TOKENS:
        return True
    clause = tok
    while clause.pos_ not in VERB_POS and clause.head.i != clause.i:
        clause = clause.head
    return any(a.i == clause.i for a in trigger.ancestors)


def _scene_rank(doc: Any, scenes: list[Place], centre: float) -> Callable[[Place], tuple[bool, bool, float]]:
    """Sort key for sentence places: not a country or region, not a container or landmark of another named
    place ("the Adil neighborhood in western Baghdad", "Akhaura in Brahmmanbaria district", "southeast of
    the T4 Airbase"), then the closest to the trigger."""
    toks = {p.start: _place_token(doc, p) for p in scenes} if doc is not None else {}

    def outer(p: Place) -> bool:
        tok = toks.get(p.start)
        if tok is None:
            return False
        if _is_reference(tok):
            return True
        return any(o is not None and o.i != tok.i and tok.i in {t.i for t in o.subtree} for o in toks.values())

    return lambda p: (SPECIFICITY.get(p.feature, 3) > 2, outer(p), abs((p.start + p.end) / 2 - centre))


def _name_span(tok: Any) -> tuple[int, int]:
    """Character span of a name headed by ``tok``: the adjacent compound and proper-noun modifiers and itself
    ("the crowded Bretlow Square" → "Bretlow Square", "the T-4 Military Airport" → "T-4 Military Airport")."""
    first = tok
    for child in reversed(list(tok.lefts)):
        if child.right_edge.i != first.i - 1 or child.dep_ == "poss" or not (
                child.dep_ in ("compound", "nmod") or child.pos_ == "PROPN"):
            break
        first = child.left_edge
    return first.idx, tok.idx + len(tok.text)


def _local_scene(doc: Any, trigger: Any, anchors: set[int], sentence_index: int) -> Place | None:
    """A named scene the gazetteer lacks, attached to the trigger by a preposition of place: "in the crowded
    Khillani Square", "at the T-4 Military Airport", "patrolled Guelaguetza Auditorium". Accepted when NER calls
    it a place or a facility, or a proper name heads or modifies a site noun. Kept without coordinates."""
    best: tuple[int, Place] | None = None
    for tok in trigger.sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCAL_SCENE_PREPS and tok.head.head.i in anchors:
            pass
        elif tok.dep_ == "dobj" and tok.head.i in anchors and tok.ent_type_ in ("FAC", "LOC"):
            pass
        else:
            continue
        # A site noun names the kind of place whatever NER thought of the name ("Bretlow Square" as a PERSON).
        named_site = tok.lemma_.lower() in SITE_NOUNS and any(
            c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.lefts)
        if not named_site and tok.ent_type_ in ("PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL"):
            continue
        if not (tok.pos_ == "PROPN" and tok.ent_type_ in PLACE_ENTS) and not named_site:
            continue
        start, end = _name_span(tok)
        text = doc.text[start:end]
        place = Place(text=text, start=start, end=end, name=text, confidence=0.3, sentence=sentence_index)
        dist = abs(tok.i - trigger.i)
        if best is None or dist < best[0]:
            best = (dist, place)
    return best[1] if best is not None else None


def _focus(analysis: Analysis, government: list[tuple[int, int]]) -> Place | None:
    real = [p for p in analysis.places
            if not is_demonym(p) and not any(p.start < b and a < p.end for a, b in government)]
    if not real:
        return None
    counts = Counter(p.geonameid or p.name for p in real)
    best = max(counts.values())
    return next(p for p in real if counts[p.geonameid or p.name] == best)


def locate_event(analysis: Analysis, trigger_start: int, trigger_end: int,
                 sentence_index: int) -> tuple[Place | None, str | None]:
    """Return (place, precision) with precision "attached" | "sentence" | "article", or (None, None)."""
    doc = analysis.doc
    government = government_spans(analysis.actors, doc)  # "Washington said": no scene of anything
    in_sentence = [p for p in analysis.places if p.sentence == sentence_index
                   and not any(p.start < b and a < p.end for a, b in government)]
    trigger_span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand") if doc is not None else None
    if trigger_span is not None and len(trigger_span):
        trigger = trigger_span.root
        anchors = _anchors(trigger)
        attached: list[tuple[int, int, int, Place]] = []
        for p in in_sentence:
            tok = _place_token(doc, p)
            d = _attached_distance(tok, anchors) if tok is not None else None
            if d is not None and not is_demonym(p):  # "an Israeli was shot": a people, not a scene
                # Most specific first ("the West Bank town of Tulkarm" → Tulkarm), then the closest arc.
                attached.append((int(is_demonym(p)), SPECIFICITY.get(p.feature, 3), d + 5 * _is_reference(tok), p))
        if attached and min(a[0] for a in attached) == 0:
            return min(attached, key=lambda a: a[:3])[3], "attached"
        anaphor = _anaphor_place(doc, analysis, anchors, trigger)
        if anaphor is not None:
            return anaphor, "attached"
        if attached:
            return min(attached, key=lambda a: a[:3])[3], "attached"
        local = _local_scene(doc, trigger, anchors, sentence_index)
        if local is not None:
            return local, "attached"
        linked = _linked_place(doc, in_sentence, trigger, anchors)
        if linked is not None:
            return linked, "sentence"
    real = [p for p in in_sentence if not is_demonym(p)]
    trig_tok = trigger_span.root if trigger_span is not None and len(trigger_span) else None
    speech = trig_tok is not None and trig_tok.lemma_.lower() in SPEECH_VERBS
    scenes = [p for p in real if doc is None or (not speech and _is_scene(doc, p) and _within_reach(doc, p, trig_tok))]
    if scenes:
        return min(scenes, key=_scene_rank(doc, scenes, (trigger_start + trigger_end) / 2)), "sentence"
    focus = _focus(analysis, government) if not real else None  # the sentence names places, none of them a scene
    if focus is not None:
        return focus, "article"
    return None, None

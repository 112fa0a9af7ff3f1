"""Event location: the place grammatically attached to an event trigger, else the sentence's best place,
else the article's focus location."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import Analysis, Place
from .gazetteer import load_gazetteer

VERB_POS = frozenset({"VERB", "AUX"})
# Prepositions of place; "from Algeria", "of Iraq", "against Syria" name origins and targets, not the scene.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "inside", "outside", "across", "around", "into", "within",
                            "throughout", "along", "over", "between", "toward", "towards", "off", "through",
                            "onto", "upon", "beside", "behind", "amid", "among", "north", "south",
                            "east", "west", "underneath", "under", "above", "beyond"})
OBJECT_DEPS = frozenset({"dobj", "npadvmod", "nsubjpass"})
PARTICIPANT_DEPS = frozenset({"nsubj", "appos", "agent", "poss"})
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
    while True:
        if tok.i in anchors:
            # A place inside the subject ("Ranimat of Tsurif near Hebron detonated …") ranks after the scene.
            return steps + 10 * via_participant if locative else None
        via_participant = via_participant or int(tok.dep_ in PARTICIPANT_DEPS)
        locative = locative or (tok.dep_ == "prep" and tok.lower_ in LOCATIVE_PREPS) or (
            steps == 0 and tok.dep_ in OBJECT_DEPS and tok.head.i in anchors)
        if steps and tok.pos_ in VERB_POS:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1


def _place_token(doc: Any, place: Place) -> Any | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


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


def _focus(analysis: Analysis) -> Place | None:
    real = [p for p in analysis.places if not is_demonym(p)]
    if not real:
        return None
    counts = Counter(p.geonameid or p.name for p in real)
    best = max(counts.values())
    return next(p for p in real if counts[p.geonameid or p.name] == best)


def locate_event(analysis: Analysis, trigger_start: int, trigger_end: int,
                 sentence_index: int) -> tuple[Place | None, str | None]:
    """Return (place, precision) with precision "attached" | "sentence" | "article", or (None, None)."""
    doc = analysis.doc
    in_sentence = [p for p in analysis.places if p.sentence == sentence_index]
    trigger_span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand") if doc is not None else None
    if trigger_span is not None and len(trigger_span):
        trigger = trigger_span.root
        anchors = _anchors(trigger)
        attached: list[tuple[int, int, Place]] = []
        for p in in_sentence:
            tok = _place_token(doc, p)
            d = _attached_distance(tok, anchors) if tok is not None else None
            if d is not None and not is_demonym(p):  # "an Israeli was shot": a people, not a scene
                # Most specific first ("the West Bank town of Tulkarm" → Tulkarm), then the closest arc.
                attached.append((int(is_demonym(p)), SPECIFICITY.get(p.feature, 3), d, p))
        if attached and min(a[0] for a in attached) == 0:
            return min(attached, key=lambda a: a[:3])[3], "attached"
        anaphor = _anaphor_place(doc, analysis, anchors, trigger)
        if anaphor is not None:
            return anaphor, "attached"
        if attached:
            return min(attached, key=lambda a: a[:3])[3], "attached"
    real = [p for p in in_sentence if not is_demonym(p)]
    if real:
        centre = (trigger_start + trigger_end) / 2
        return min(real, key=lambda p: (SPECIFICITY.get(p.feature, 3) > 2, abs((p.start + p.end) / 2 - centre))), \
            "sentence"
    focus = _focus(analysis)
    if focus is not None:
        return focus, "article"
    return None, None

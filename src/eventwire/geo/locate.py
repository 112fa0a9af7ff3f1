"""Event location: the place grammatically attached to an event trigger, else a sentence place that reads as a
scene (after "in/near/of …", or a local modifier; not an origin, a participant's home, a far-off clause, the place
a source spoke from or what a protest is about), else — only when the sentence names no place at all — the
article's focus location. Of nested names the smallest is the scene ("the Adil neighborhood in western Baghdad").

The gold this is measured on (event_location_dev) marks the sentence-level location of the event and leaves 42%
of events without one, so an unattached fallback must be right more often than the event is unlocated. Triggers
in a figurative sense ("captured the title") and places that only name a person, a war or a boundary's sides
give no location.
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
# A movement's destination is its place ("travelled to Tehran", "marched to Baghdad", "shipped to Guantanamo").
MOTION_VERBS = frozenset({"travel", "go", "come", "head", "fly", "ship", "send", "march", "move", "return",
                          "deploy", "advance", "drive", "sail", "flee", "walk", "transfer", "airlift", "rush"})
BOUNDARY_NOUNS = frozenset({"border", "frontier", "boundary", "line", "zone"})
# A protest's object and its "against/over/about/for …" phrase say what it is about, not where it is.
PROTEST_VERBS = frozenset({"protest", "demonstrate", "march", "rally", "picket"})
TOPIC_PREPS = frozenset({"against", "over", "about", "for", "with"})
TOPIC_NOUNS = frozenset({"protest", "solidarity", "support", "memory", "honour", "honor", "opposition", "defiance",
                         "favour", "favor", "response", "reaction", "anger"})
# Verbs whose object is a person: a "place" there is a person's name or a people ("shot Oudeh", "Millan was
# killed"), never the scene.
PERSON_OBJECT_VERBS = frozenset({"kill", "shoot", "murder", "wound", "injure", "assassinate", "execute",
                                 "behead", "kidnap", "abduct", "torture", "stab", "strangle"})
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
# A large city one arc closer than a small named place ranks with it: the small one is the scene it lies in.
LARGE_PLACE = 100_000
LOCAL_SCENE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "over", "into", "on"})
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
    if _names_an_event(tok):
        return None
    while True:
        if steps > MAX_ARCS:
            return None
        if tok.i in anchors:
            # A place inside the subject ("Ranimat of Tsurif near Hebron detonated …") ranks after the scene.
            return steps + 10 * via_participant if locative else None
        via_participant = via_participant or int(tok.dep_ in PARTICIPANT_DEPS)
        if _protest_topic(tok, anchors):
            return None
        if (modifier and not any_prep and tok.dep_ in SUBJECT_DEPS and tok.head.i in anchors
                and tok.lemma_.lower() not in SITE_NOUNS):
            return None
        if tok.dep_ == "prep" and not any_prep and (tok.lower_ == "with" or (
                tok.lower_ == "between" and tok.head.lemma_.lower() in BOUNDARY_NOUNS)):
            return None  # "the border between Israel and Lebanon", "the frontier with Syria": a boundary's sides
        any_prep = any_prep or tok.dep_ == "prep"
        # A place inside the trigger's object is its scene too ("captured a third of Croatia", "patrolling
        # northern Kosovo towns", "destroyed the U.S. Embassy").
        locative = locative or (tok.dep_ == "prep" and (tok.lower_ in LOCATIVE_PREPS or (
            tok.lower_ == "to" and tok.head.i in anchors and tok.head.lemma_.lower() in MOTION_VERBS))) or (
            tok.dep_ in OBJECT_DEPS and tok.head.i in anchors and not other_prep
            and tok.head.lemma_.lower() not in PERSON_OBJECT_VERBS
            and (tok.dep_ != "nsubjpass" or tok.lemma_.lower() in SITE_NOUNS or tok.ent_type_ in PLACE_ENTS))
        other_prep = other_prep or (tok.dep_ == "prep" and tok.lower_ != "of")
        if steps and tok.pos_ in VERB_POS:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1


def _protest_topic(tok: Any, anchors: set[int]) -> bool:
    """What a protest is about: "protesting China's crackdown … in Tibet", "marched against the campaign in
    southeastern Turkey", "demonstrated in solidarity with refugees in the West Bank"."""
    head = tok.head
    if head.i not in anchors or head.lemma_.lower() not in PROTEST_VERBS:
        return False
    if tok.dep_ == "dobj":
        return True
    if tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS:
        return True
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and c.lemma_.lower() in TOPIC_NOUNS for c in tok.children)


# "the 1967 Mideast war", "Croatia's war of independence", "the Mosul offensive", "the Baghdad regime": a place
# that names a war, a campaign or a regime is not where this event happened (on the dev data it seldom was).
EVENT_NOUNS = frozenset({"war", "offensive", "crisis", "campaign", "uprising", "revolution", "election",
                         "elections", "operation", "regime", "invasion"})


def _names_an_event(tok: Any) -> bool:
    return tok.dep_ in MODIFIER_DEPS and tok.head.lemma_.lower() in EVENT_NOUNS


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
# (a place on a later conjunct) named another incident's place more often than this one's on the dev data, except
# for a conjunct that shares the trigger's subject or only counts more victims (see _elliptic).
LINKED_DEPS = frozenset({"conj", "advcl", "xcomp"})
TEMPORAL_MARKS = frozenset({"when", "while", "as"})


def _linked_verbs(trigger: Any, anchors: set[int]) -> set[int]:
    """The verb that the trigger's clause hangs from by a LINKED_DEPS arc."""
    verb = trigger
    while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    if verb.dep_ in LINKED_DEPS and verb.head.pos_ in VERB_POS:
        out.add(verb.head.i)
    return (out | _shared_conjuncts(trigger, anchors)) - anchors


SHARED_CONJUNCT_ARCS = 3  # a place on a shared conjunct ranks after one on the trigger itself


def _shared_conjuncts(trigger: Any, anchors: set[int]) -> set[int]:
    """Later conjuncts of the trigger's verb that share its scene: "were killed and three others wounded in the
    village of Gaga", "shot and killed two men during the raid on Lawang" (the parser hangs the shared phrase on
    the last conjunct)."""
    verb = trigger
    while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
        verb = verb.head
    return {c.i for c in verb.children if c.dep_ == "conj" and c.pos_ in VERB_POS and _elliptic(c)} - anchors


COUNT_WORDS = frozenset({"others", "other", "more", "dozens", "scores", "hundreds", "many", "several", "some",
                         "few", "people"})
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "shoot", "hurt", "maim"})


def _elliptic(verb: Any) -> bool:
    """A conjunct casualty verb without a subject, or one whose subject is only a count ("three others",
    "dozens more")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        return verb.lemma_.lower() in CASUALTY_VERBS
    return all(s.pos_ == "NUM" or s.lower_ in COUNT_WORDS for s in subjects)


def _while_verbs(trigger: Any, anchors: set[int]) -> set[int]:
    """Verbs of a "while/when/as" clause under the trigger's verb ("was shot while waiting … in Abidjan",
    "detonated when experts were trying to defuse it … in Mussaiyab"): it happens at the same place."""
    verb = trigger
    while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
        verb = verb.head
    out = {child.i for child in verb.children if child.dep_ == "advcl" and child.pos_ in VERB_POS
           and any(m.dep_ in ("mark", "advmod") and m.lower_ in TEMPORAL_MARKS for m in child.children)}
    # their own xcomp/conj chain ("while trying to defuse it"): the place often hangs on the inner verb
    for i in list(out):
        out |= {t.i for t in trigger.doc[i].subtree if t.dep_ == "xcomp" and t.pos_ in VERB_POS}
    return out - anchors


def _linked_place(doc: Any, places: list[Place], trigger: Any, anchors: set[int],
                  verbs: set[int] | None = None) -> Place | None:
    """A place attached to a verb linked to the trigger's clause, when none is attached to the trigger."""
    verbs = _linked_verbs(trigger, anchors) if verbs is None else verbs
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
        if _attached_distance(tok, anchors) is None:
            continue  # "… as US overseer Bremer prepared to meet the country's Governing Council": another clause
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
    return tok.dep_ == "compound" and place.feature != "country" and not _names_an_event(tok)


ATTRIBUTION_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "state", "confirm", "add", "speak",
                               "quote", "cite", "accord"})


def _in_attribution(doc: Any, place: Place, trigger: Any | None) -> bool:
    """A place in the clause that names the source ("according to local sources in Nineveh", "told ARA News",
    "according to Los Angeles television station KCAL"): where it was said, not where it happened."""
    tok = _place_token(doc, place)
    if trigger is None or tok is None:
        return False
    clause = tok
    while clause.pos_ not in VERB_POS and clause.head.i != clause.i:
        clause = clause.head
    if clause.i == trigger.i or clause.lemma_.lower() not in ATTRIBUTION_VERBS:
        return False
    # "…, a commander told reporters in Erbil": a trailing attribution, even when the parser makes it the head
    # of the reported clause; "In Mosul, residents said the militants executed …" sets the scene.
    return not any(a.i == clause.i for a in trigger.ancestors) or trigger.i < clause.i < tok.i


def _in_protest_topic(doc: Any, place: Place, trigger: Any | None) -> bool:
    """A sentence place inside what a protest is about (see _protest_topic)."""
    tok = _place_token(doc, place)
    if trigger is None or tok is None:
        return False
    while tok.head.i != tok.i and tok.i != trigger.i:
        if _protest_topic(tok, {trigger.i}):
            return True
        tok = tok.head
    return False


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


# "the Adil neighborhood in western Baghdad", "Pervomayskaya, a village in Dagestan", "Akhaura in Brahmmanbaria
# district": the place after these prepositions inside another place's phrase only says where that place lies.
CONTAINER_PREPS = frozenset({"in", "inside", "within"})


def _phrase_head(tok: Any) -> Any:
    """The noun a place name stands for: "Adil" in "the Adil neighborhood" stands for the neighborhood."""
    if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in SITE_NOUNS:
        return tok.head
    return tok


def _naming_of(tok: Any) -> Any | None:
    """The site noun that the phrase at ``tok`` names by "of": "the town of Tulkarm" → town."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in LOCAL_NOUNS:
        return tok.head.head
    return None


def _container_of(inner: Any, outer: Any, sizes: dict[int, int]) -> bool:
    """Whether the place at ``outer`` only locates the place at ``inner``: it hangs below ``inner``'s phrase by
    a containing preposition, with no verb (another clause) between them; or, in "the X district of Y", it is
    the larger of X and Y ("the Shaab neighborhood of Baghdad", "the Harare township of Highfield").
    ``sizes``: population by token index (0 for names the gazetteer lacks)."""
    head = _phrase_head(inner)
    outer_head = _phrase_head(outer)
    if head.i != outer_head.i and (n := _naming_of(outer_head)) is not None and n.i == head.i:
        # outer is Y in "the X district of Y": the container unless X is the larger ("Arawa area of Gombe")
        return sizes.get(outer.i, 0) >= sizes.get(inner.i, 0)
    if head.i != outer_head.i and (n := _naming_of(head)) is not None and n.i == outer_head.i:
        # outer is X: the container only when larger ("the Harare township of Highfield")
        return sizes.get(outer.i, 0) > sizes.get(inner.i, 0)
    tok = outer
    contained = False
    while tok.i != head.i:
        if tok.head.i == tok.i or (tok.i != outer.i and tok.pos_ in VERB_POS):
            return False
        contained = contained or (tok.dep_ == "prep" and tok.lower_ in CONTAINER_PREPS)
        tok = tok.head
    return contained


def _most_specific(doc: Any, place: Place, candidates: list[Place]) -> Place:
    """The named place that ``place`` contains, when the sentence names one ("shot in the Adil neighborhood in
    western Baghdad" → Adil): the scene is the smallest named place of the phrase."""
    seen = {place.start}
    toks = {p.start: _place_token(doc, p) for p in [place, *candidates]}
    sizes = {t.i: p.population for p in [place, *candidates] if (t := toks[p.start]) is not None}
    while True:
        outer = toks[place.start]
        if outer is None:
            return place
        inner = [p for p in candidates if p.start not in seen and not is_demonym(p)
                 and SPECIFICITY.get(p.feature, 3) <= SPECIFICITY.get(place.feature, 3)
                 and (t := toks[p.start]) is not None and _container_of(t, outer, sizes)]
        if not inner:
            return place
        place = min(inner, key=lambda p: abs(p.start - place.start))
        seen.add(place.start)


def _focus(analysis: Analysis, government: list[tuple[int, int]]) -> Place | None:
    real = [p for p in analysis.places
            if not is_demonym(p) and not any(p.start < b and a < p.end for a, b in government)]
    if not real:
        return None
    counts = Counter(p.geonameid or p.name for p in real)
    best = max(counts.values())
    return next(p for p in real if counts[p.geonameid or p.name] == best)


# "captured the title / her attention / 174 wickets", "demonstrated their strength": the verb's figurative sense
# names no incident, so it has no scene (on the dev data 1 such event of 35 had a location).
ABSTRACT_OBJECTS = frozenset({"title", "titles", "crown", "championship", "medal", "gold", "silver", "bronze",
                              "wicket", "imagination", "attention", "heart", "hearts", "mood", "spirit", "essence",
                              "win", "victory", "trophy", "cup", "prize", "award", "pole",
                              "stage", "lead", "record", "headline", "headlines", "limelight", "match", "game"})
SHOW_VERBS = frozenset({"demonstrate"})


def _figurative(trigger: Any) -> bool:
    """The trigger's sense is figurative: its object is an abstract thing (ABSTRACT_OBJECTS), or "demonstrate"
    has an object at all (it then means "show")."""
    # the object right after the verb (a far "dobj" is often a misparse: "demonstrated …, brandishing signs")
    objects = [c for c in trigger.children if c.dep_ == "dobj" and trigger.i < c.left_edge.i <= trigger.i + 2]
    if trigger.lemma_.lower() in SHOW_VERBS:  # "demonstrated their strength", not "demonstrated in Athens"
        return any(c.pos_ == "NOUN" and not c.ent_type_ and c.lemma_.lower() not in COUNT_WORDS for c in objects)
    return any(c.lemma_.lower() in ABSTRACT_OBJECTS for c in objects)


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
        if _figurative(trigger):
            return None, None
        anchors = _anchors(trigger)
        attached: list[tuple[int, int, int, Place]] = []
        shared = _shared_conjuncts(trigger, anchors)
        for p in in_sentence:
            tok = _place_token(doc, p)
            d = _attached_distance(tok, anchors) if tok is not None else None
            if d is None and tok is not None and shared:
                # "police shot and killed two gunmen in the town of Buinaksk": the shared phrase of the conjuncts
                d = _attached_distance(tok, shared)
                d = None if d is None else d + SHARED_CONJUNCT_ARCS
            if d is not None and not is_demonym(p):  # "an Israeli was shot": a people, not a scene
                # Most specific first ("the West Bank town of Tulkarm" → Tulkarm), then the closest arc; a
                # large city one arc closer ties with a small named place ("on Alhoula area in rural Homs").
                arcs = d + 5 * _is_reference(tok) + int(p.population >= LARGE_PLACE)
                attached.append((int(is_demonym(p)), SPECIFICITY.get(p.feature, 3), arcs, p))
        if attached and min(a[0] for a in attached) == 0:
            return _most_specific(doc, min(attached, key=lambda a: a[:3])[3], in_sentence), "attached"
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
    scenes = [p for p in real if doc is None or (not speech and _is_scene(doc, p) and _within_reach(doc, p, trig_tok)
                                                 and not _in_attribution(doc, p, trig_tok)
                                                 and not _in_protest_topic(doc, p, trig_tok))]
    if scenes:
        best = min(scenes, key=_scene_rank(doc, scenes, (trigger_start + trigger_end) / 2))
        return (_most_specific(doc, best, real) if doc is not None else best), "sentence"
    if trig_tok is not None and doc is not None and not speech:
        during = _linked_place(doc, real, trig_tok, _anchors(trig_tok), _while_verbs(trig_tok, _anchors(trig_tok)))
        if during is not None:
            return during, "sentence"
    focus = _focus(analysis, government) if not real else None  # the sentence names places, none of them a scene
    if focus is not None:
        return focus, "article"
    return None, None

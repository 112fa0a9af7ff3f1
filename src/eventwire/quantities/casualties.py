"""Is a counted noun (or bare number) a casualty count? Reads the dependency parse around it."""

from __future__ import annotations

from typing import Any

from .tables import Tables

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "oprd"})
_COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "xcomp", "amod", "advcl", "ccomp"})
_FOLLOWERS = frozenset({"NOUN", "PROPN", "DET", "NUM", "PRON"})


def casualty_kind(doc: Any, anchor: Any, end_i: int, tb: Tables) -> str | None:
    """fatalities | injuries | casualties | None for the number or noun ``anchor`` (phrase ends at ``end_i``)."""
    lemma = anchor.lemma_.lower()
    if lemma in tb.kill_nouns or anchor.lower_ in tb.kill_nouns:
        return "fatalities"
    if lemma in tb.injure_nouns:
        return "injuries"
    if lemma in tb.casualty_nouns:
        return "casualties"
    owner = _of_casualty_noun(anchor, tb)
    if owner is not None:
        return owner
    for kind, verbs, adjectives in (
        ("fatalities", tb.kill_verbs, tb.kill_adjectives),
        ("injuries", tb.injure_verbs, tb.injure_adjectives),
    ):
        if _governed_by(anchor, verbs, tb) or _described_as(doc, anchor, end_i, adjectives):
            return kind
    if _toll(anchor, tb) or _subject_of(anchor, tb.die_verbs):
        return "fatalities"
    return None


_TAKING_VERBS = frozenset({"claim", "take", "cost"})


def _of_casualty_noun(anchor: Any, tb: Tables) -> str | None:
    """ "the deaths of 12 migrants", "the bodies of 14 fishermen", "claimed the lives of 30 rebels" (a life
    counts only when taken: "saved the lives of 30 hostages" is no casualty count)."""
    tok = _first_conjunct(anchor)
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return None
    noun = tok.head.head
    lemma = noun.lemma_.lower()
    if lemma in tb.claim_objects:
        taken = noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _TAKING_VERBS
        return "fatalities" if taken else None
    if lemma in tb.kill_nouns:
        return "fatalities"
    if lemma in tb.injure_nouns:
        return "injuries"
    return None


def _first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject_of(anchor: Any, verbs: frozenset[str]) -> bool:
    tok = _first_conjunct(anchor)
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in verbs


def _verb_names(verb: Any) -> set[str]:
    """The verb lemma and its multiword forms with a particle ("gun down", "shoot dead")."""
    lemma = verb.lemma_.lower()
    names = {lemma}
    for child in verb.children:
        if child.dep_ in ("prt", "advmod", "acomp", "oprd", "xcomp", "amod"):
            names.add(f"{lemma} {child.lower_}")
    if verb.i + 1 < len(verb.doc):  # "shot dead two attackers": the parser hangs "dead" on the object
        names.add(f"{lemma} {verb.doc[verb.i + 1].lower_}")
    return names


def _governed_by(anchor: Any, verbs: frozenset[str], tb: Tables) -> bool:
    """Object of an active kill verb or subject of a passive one ("killed 130 people", "130 were killed")."""
    tok = _first_conjunct(anchor)
    head = tok.head
    if tok.dep_ not in _OBJECT_DEPS:
        return False
    if head.lemma_.lower() == "claim" and "claim" in verbs:
        return anchor.lemma_.lower() in tb.claim_objects
    return not _verb_names(head).isdisjoint(verbs)


def _described_as(doc: Any, anchor: Any, end_i: int, adjectives: frozenset[str]) -> bool:
    """ "12 dead", "a dozen people were dead", "left 12 wounded", "12 killed" (with no object after it)."""
    for child in anchor.children:
        if child.dep_ in _COMPLEMENT_DEPS and child.lower_ in adjectives and child.i > anchor.i:
            return True
    tok = _first_conjunct(anchor)
    if tok.dep_ in ("nsubj", "dobj", "nsubjpass"):
        for child in tok.head.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and child.lower_ in adjectives:
                return True
            if child.dep_ == "prep" and child.lower_ == "among":  # "two policemen were among the dead"
                if any(c.dep_ == "pobj" and c.lower_ in adjectives for c in child.children):
                    return True
    nxt = max(end_i, anchor.i + 1)
    if nxt < len(doc) and doc[nxt].lower_ in adjectives:
        after = doc[nxt + 1] if nxt + 1 < len(doc) else None
        return after is None or after.pos_ not in _FOLLOWERS
    return False


def _toll(anchor: Any, tb: Tables) -> bool:
    """ "the death toll rose to 45", "a toll of 45", "the toll stands at 45", "the toll was 45"."""
    tok = anchor
    if tok.dep_ == "pobj":
        prep = tok.head
        governor = prep.head
        if governor.lemma_.lower() in tb.toll_nouns:
            return True
        return _has_toll_subject(governor, tb)
    if tok.dep_ in ("attr", "dobj"):
        return _has_toll_subject(tok.head, tb)
    return False


def _has_toll_subject(verb: Any, tb: Tables) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in tb.toll_nouns for c in verb.children)

"""``attach_quantities``: the quantities that belong to one event trigger, and its fatalities.

The event's region of the parse is the trigger's clause: the trigger (climbing to the first conjunct of a
subject-less coordination: "performed 2,289 sorties and delivered 4,111 strikes"), its arguments and
modifiers, participle clauses without their own subject ("…, killing 12"), xcomp chains ("began launching"),
and relative clauses on the trigger or its arguments ("attacks that killed 130"). Finite subordinate clauses
and separate events introduced by "following"/"after" are left out.
"""

from __future__ import annotations

from typing import Any

from ..records import Analysis, Quantity
from ..when.tree import tokens_at
from .tables import tables

_ARG_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "appos"})
_VERBAL = frozenset({"VERB", "AUX"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})


def attach_quantities(
    analysis: Analysis, trigger_start: int, trigger_end: int, sentence_index: int
) -> tuple[tuple[Quantity, ...], int | None]:
    in_sentence = [q for q in analysis.quantities if q.sentence == sentence_index]
    if not in_sentence:
        return (), None
    triggers = tokens_at(analysis.doc, trigger_start, trigger_end)
    if triggers:
        region = event_region(triggers)
        attached = tuple(q for q in in_sentence if _overlaps(analysis.doc, q, region))
    else:  # no parse: everything in the sentence, the weakest reading
        attached = tuple(in_sentence)
    return attached, fatalities_of(attached)


def fatalities_of(quantities: tuple[Quantity, ...]) -> int | None:
    deaths = [q for q in quantities if q.kind == "fatalities"]
    if not deaths:
        return None
    best = max(deaths, key=lambda q: (q.confidence, q.value))
    return int(best.value)


def _overlaps(doc: Any, q: Quantity, region: set[int]) -> bool:
    return any(t.i in region for t in tokens_at(doc, q.start, q.end))


def _has_subject(tok: Any) -> bool:
    return any(c.dep_ in _SUBJ for c in tok.children)


def _clause_heads(triggers: list[Any]) -> list[Any]:
    heads = []
    for tok in triggers:
        node = tok
        # "began launching": the aspectual verb governs; a subject-less conjunct shares its first conjunct's event
        while node.head.i != node.i and (node.dep_ == "xcomp" or (node.dep_ == "conj" and not _has_subject(node))):
            node = node.head
        heads.append(node)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(tok.head)  # "launched [air strikes]": the verb carries the event's arguments
    return heads


def event_region(triggers: list[Any]) -> set[int]:
    """Token indices that belong to the trigger's event."""
    tb = tables()
    trigger_ids = {t.i for t in triggers}
    region: set[int] = set()
    stack = _clause_heads(triggers)
    while stack:
        node = stack.pop()
        if node.i in region:
            continue
        region.add(node.i)
        for child in node.children:
            if _descend(node, child, trigger_ids, tb.blocking_participles):
                stack.append(child)
    return region


def _descend(parent: Any, child: Any, trigger_ids: set[int], blocking: frozenset[str]) -> bool:
    if child.lemma_.lower() in blocking and child.dep_ in ("prep", "advcl", "acl"):
        return False
    if child.pos_ not in _VERBAL:
        return child.dep_ not in ("ccomp", "parataxis", "csubj")
    dep = child.dep_
    if dep in ("xcomp", "aux", "auxpass"):
        return True
    if dep == "conj":
        return not _has_subject(child)
    if dep == "advcl":
        return child.tag_ in ("VBG", "VBN") and not _has_subject(child)
    if dep in ("relcl", "acl"):
        return parent.i in trigger_ids or parent.dep_ in _ARG_DEPS
    return False

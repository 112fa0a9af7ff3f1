"""Clause-level tests on the parse that decide whether a trigger reports news of its own.

- ``retrospective``: the trigger sits in a clause dated well before the report (background history);
- ``reduced_relative``: a past form the parser took for the main verb but which modifies the subject
  ("The men jailed for X were freed");
- ``hearsay_participle``: a verb of saying or thinking used as a passive participle on a noun ("a woman
  believed linked to X", "rebels said to be behind the attack"): nobody in the sentence makes that statement.
"""

from __future__ import annotations

from typing import Any

ANTERIOR_MARKS = frozenset({"after", "since", "before"})
ELAPSED_UNITS = frozenset({"year", "month", "week", "decade"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})


def retrospective(tok: Any) -> bool:
    """A trigger in a clause dated well before the report ("five years after crowds burned its embassy",
    "arrested 15 months ago") recalls an old event as background: it was news then, not now."""
    head = tok
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    if head.dep_ == "relcl" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return True  # "the group, which has seized parts of Iraq,": a description of an actor, not news
    if head.dep_ == "relcl" and any(c.dep_ == "npadvmod" and any(g.lower_ == "last" for g in c.children)
                                    and c.lower_ not in ("night", "week") for c in head.children):
        return True  # "Serbia, where 24 people were killed in riots last March": the place's history
    kids = list(head.children)
    if _background_past(head, kids):
        return True
    ago = [c for c in kids if c.dep_ == "advmod" and c.lower_ == "ago"]
    anchored = ago or any(c.dep_ == "mark" and c.lower_ in ANTERIOR_MARKS for c in kids)
    if not anchored:
        return False
    marks = [c for c in kids if c.dep_ == "mark" and c.lower_ in ANTERIOR_MARKS]
    spans = [g for c in ago for g in c.children] + [c for c in kids if c.dep_ == "npadvmod"]
    # "two weeks after rebels kidnapped ...": the elapsed time is often parsed onto the subordinator
    spans += [g for c in marks for g in c.children if g.dep_ == "npadvmod"]
    # "five years after" parsed with "years" on another word: the elapsed time just before the subordinator
    spans += [t for c in marks for t in tok.doc[max(c.i - 3, 0) : c.i] if t.pos_ == "NOUN"
              and any(g.dep_ == "nummod" or g.like_num for g in t.children)]
    # "five years after", "15 months ago", "since last June"
    return any(t.lemma_.lower() in ELAPSED_UNITS or any(g.lower_ == "last" for g in t.children) for t in spans)


def _background_past(head: Any, kids: list[Any]) -> bool:
    """A simple-past clause introduced by "after"/"since" under a main act that is still present or to come
    ("X is about to restore ties with Y after crowds trashed its embassy", "X will reopen the crossing after
    militants fired rockets"): the past act is the reason given for today's news, reported before."""
    if head.dep_ != "advcl" or head.tag_ != "VBD":
        return False
    if not any(c.dep_ == "mark" and c.lower_ in ("after", "since") for c in kids):
        return False
    return _present_or_future(head.head)


def _present_or_future(verb: Any) -> bool:
    """The finite verb of ``verb``'s clause is in the present (not perfect) or has a future auxiliary."""
    for _ in range(4):  # "is about to restore": up through the infinitive to the finite verb
        if verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    kids = list(verb.children)
    auxes = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in auxes):
        return True
    if any(c.lemma_ == "have" or c.tag_ in ("VBD", "VBN") for c in auxes):
        return False  # "has closed", "was closed": the main act is itself past
    return (auxes[0] if auxes else verb).tag_ in ("VBZ", "VBP")


def reduced_relative(tok: Any) -> bool:
    """A past form parsed as the main verb although a passive verb without subject of its own follows with no
    conjunction or comma between them: "The men jailed for X were freed" (the first verb modifies the subject)."""
    if tok.tag_ not in ("VBD", "VBN") or not tok.lower_.endswith("ed") or tok.dep_ != "ROOT":
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children) or any(c.dep_ in ("cc", "dobj", "obj", "aux")
                                                                  for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "conj" and c.i > tok.i and any(g.dep_ == "auxpass" for g in c.children) and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            between = tok.doc[tok.i + 1 : c.i]
            return not any(t.dep_ == "cc" or t.text in (",", ";") for t in between if t.head.i in (tok.i, c.i))
    return False


def hearsay_participle(tok: Any) -> bool:
    """A verb of saying or believing that only attributes a description to a noun: "a woman believed linked to
    X" (parsed either as a participle on the noun, or as a main verb with a bare participle complement, which
    an active "believe" cannot take), "a man said to be a commander". Its grammatical subject did not speak."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    if tok.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("dobj", "obj", "aux", "auxpass") for c in tok.children):
        return False
    if any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children):
        return False  # "believed (that) X was behind it": a real statement
    return any(c.dep_ in ("xcomp", "oprd") and c.tag_ == "VBN" and not any(g.dep_ == "aux" for g in c.children)
               for c in tok.children)


__all__ = ["hearsay_participle", "reduced_relative", "retrospective"]

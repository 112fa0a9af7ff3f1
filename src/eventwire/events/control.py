"""Who does an act that is only named inside another verb's complement.

- Control: the understood doer of an infinitive. Verbs of asking and making ("called on Russia to withdraw",
  "urged X to", "persuaded X to", "forced X to") hand the act to the one asked or made to act (object
  control); verbs of committing oneself ("promised X to withdraw", "agreed to", "offered to", "threatened
  to") keep it with their subject (subject control) even when they name a party as object.
- Accused gerunds: "accused X of bombing", "blamed X for shelling", "charged X with torturing": the act is
  X's, as alleged by the subject. The parser sometimes reads the gerund as a noun modifying its own object
  ("of [bombing hospitals]"); ``accused_gerund`` recognises that reading too.
"""

from __future__ import annotations

from typing import Any

from .patterns import token_forms as forms

# the one asked, pressed, made or allowed to act does the act ("urged Russia to withdraw")
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "appeal", "press", "pressure", "push", "persuade", "convince", "force", "compel", "oblige",
    "order", "command", "instruct", "direct", "tell", "encourage", "invite", "request", "implore", "beg", "exhort",
    "entreat", "plead", "prevail", "lobby", "allow", "permit", "authorize", "authorise", "enable", "help", "warn",
    "advise", "challenge", "dare", "require", "empower", "mandate", "task", "commission", "demand", "get", "cause",
    "lead", "prompt", "inspire", "motivate", "tempt", "induce", "coerce", "pressurise", "pressurize",
})
# the prepositions that introduce the one asked: "call on/upon X", "appeal to X", "plead with X", "prevail on X"
ADDRESSEE_PREPS = frozenset({"on", "upon", "to", "with"})
# the subject commits itself, whoever it commits itself to ("promised Merkel to withdraw")
SUBJECT_CONTROL = frozenset({
    "promise", "pledge", "vow", "swear", "agree", "offer", "threaten", "undertake", "guarantee", "decide", "try",
    "attempt", "refuse", "decline", "seek", "plan", "intend", "aim", "volunteer", "fail", "manage", "resolve",
})
# verbs of accusing whose "of/for/with" gerund is the act laid at the object's door; condemning or criticising
# someone for an act presupposes that it happened, so those verbs are not among them
ACCUSING = frozenset({"accuse", "charge", "suspect", "blame", "indict", "allege", "fault"})
ACCUSED_PREPS = frozenset({"of", "for", "with"})
# a reading of "charged X with V-ing" only holds for the verbs that take "with" for the charge
WITH_VERBS = frozenset({"charge", "indict", "task"})


def controlled(verb: Any) -> bool:
    """An infinitive whose doer is read off the verb it hangs on: a complement (xcomp), or an infinitival clause
    the parser took for a purpose clause under a verb of asking ("pleaded with X to free" as advcl)."""
    if verb.dep_ == "xcomp":
        return True
    return (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and bool(forms(verb.head) & OBJECT_CONTROL))


def controllers(verb: Any) -> list[Any] | None:
    """The tokens naming who does the infinitive ``verb`` (an xcomp): the object or addressee of a verb of asking
    or making, the passive subject ("Russia was urged by X to"), or — for verbs of committing oneself — nothing
    here: None means "the head's own subject". Other heads keep the old reading (their direct object, else
    their subject)."""
    head = verb.head
    kids = list(head.children)
    lemmas = forms(head)
    if lemmas & SUBJECT_CONTROL:
        return None
    objs = [c for c in kids if c.dep_ in ("dobj", "obj")]
    if objs:
        return objs
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if lemmas & OBJECT_CONTROL:
        if passive:
            return [c for c in kids if c.dep_ == "nsubjpass"] or None
        addressees = [g for c in kids if c.dep_ == "prep" and c.lower_ in ADDRESSEE_PREPS and c.i < verb.i
                      for g in c.children if g.dep_ == "pobj"]
        return addressees or None
    if passive and not any(c.dep_ == "agent" for c in kids):
        # "Obama is scheduled/expected to attend": the passive subject does the complement
        return [c for c in kids if c.dep_ == "nsubjpass"] or None
    return None


def committed_to(verb: Any) -> list[Any]:
    """"promised Merkel to withdraw", "offered Iran to lift sanctions": the party a verb of committing oneself
    names as its object, to whom the commitment is made (the target of the statement of intent)."""
    if not forms(verb) & SUBJECT_CONTROL or not any(c.dep_ == "xcomp" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")]


def accuser(tok: Any) -> Any:
    """The verb of accusing whose "of/for/with" phrase holds the act ``tok`` (a pcomp gerund, or a gerund the
    parser read as a noun modifying the phrase's object: "accused X of [bombing hospitals]"), else None."""
    prep = tok.head
    if tok.dep_ in ("compound", "amod", "nmod") and tok.lower_.endswith("ing") and tok.i < prep.i:
        if prep.dep_ != "pobj":
            return None
        prep = prep.head
    elif tok.dep_ != "pcomp":
        return None
    if prep.dep_ != "prep" or prep.lower_ not in ACCUSED_PREPS:
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemmas = forms(verb)
    if prep.lower_ == "with":
        return verb if lemmas & WITH_VERBS else None
    return verb if lemmas & ACCUSING else None


def accused_objects(verb: Any) -> list[Any]:
    """Who is accused: the accusing verb's object, or its passive subject ("Russia was accused of ...")."""
    kids = list(verb.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "obj")]
    return objs or [c for c in kids if c.dep_ == "nsubjpass"]


def accused_gerund(tok: Any) -> Any:
    """The verb of accusing when ``tok`` is an accused act misparsed as a noun modifier ("accused Russia of
    bombing hospitals" with "bombing" as a compound of "hospitals"), else None."""
    if tok.dep_ not in ("compound", "amod", "nmod"):
        return None
    verb = accuser(tok)
    return verb if verb is not None and accused_objects(verb) else None


__all__ = ["accused_gerund", "accused_objects", "accuser", "committed_to", "controlled", "controllers"]

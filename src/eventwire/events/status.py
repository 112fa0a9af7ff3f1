"""Modality of an event: factual, negated, hypothetical, future (intent) or reported (hedged attribution).

Read from the trigger's clause: its auxiliaries, negation, subordinating marks, and the verbs it is the
complement of ("preparing to detonate" → future, "refused to meet" → negated, "urged X to withdraw" →
hypothetical, "allegedly attacked" → reported). Only ``factual`` events count as things that happened.
"""

from __future__ import annotations

from typing import Any

from .control import accused_gerund, accuser
from .patterns import token_forms

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPO_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d"})
HYPO_MARKS = frozenset({"if", "whether", "unless", "lest"})
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# complement-taking verbs and what they do to the event under them
INTENT_VERBS = frozenset({
    "plan", "prepare", "intend", "expect", "aim", "want", "seek", "hope", "promise", "pledge", "vow", "agree",
    "offer", "threaten", "decide", "try", "attempt", "propose", "consider", "mull", "wish", "set", "schedule",
    "go", "about", "ready", "poise", "likely", "due",
})
NEG_VERBS = frozenset({"refuse", "fail", "deny", "decline", "reject", "stop", "halt", "cease", "avoid", "rule"})
HYPO_VERBS = frozenset({"urge", "ask", "call", "appeal", "demand", "doubt", "wonder", "question", "press",
                        "encourage", "invite", "request", "tell", "order", "allow", "permit", "let", "plead",
                        "implore", "beg", "exhort", "entreat", "lobby", "pressure", "advise", "instruct", "command"})
APPEAL_NOUNS = frozenset({"pressure", "call", "demand", "appeal", "request", "plea", "ultimatum", "order", "invitation",
                          "urging", "bid"})
REPORT_VERBS = frozenset({"claim", "allege", "rumor", "rumour", "purport", "suspect", "believe"})
DESIRE_VERBS = frozenset({"want", "wish", "hope", "expect", "prefer", "like", "need"})
ASK_VERBS = frozenset({"urge", "ask", "demand", "request", "call", "press", "appeal", "order", "propose",
                       "recommend"})
# verbs of allegation: control.ACCUSING
# nouns whose "that" clause is the content of a statement or belief, not an established fact
CONTENT_NOUNS = frozenset({"claim", "allegation", "accusation", "charge", "admission", "assertion", "report",
                           "rumor", "rumour", "suggestion", "belief", "suspicion", "fear", "hope", "statement",
                           "assurance", "denial", "speculation", "impression", "theory", "argument"})
AVERTING_VERBS = frozenset({"warn", "caution", "advise", "counsel", "prevent", "stop", "bar", "ban", "keep", "deter",
                            "dissuade", "discourage", "block", "prohibit", "restrain", "refrain", "abstain",
                            "forbid", "stay", "desist"})
MODAL_ADJS = frozenset({"likely", "unlikely", "possible", "impossible", "probable", "improbable", "uncertain",
                        "unclear", "doubtful", "conceivable", "inconceivable", "imaginable"})
FOCUS_ADVS = frozenset({"only", "just", "merely", "simply", "solely"})
REPORT_ADVS = frozenset({"reportedly", "allegedly", "purportedly", "apparently", "supposedly"})


def _clause_chain(tok: Any) -> list[Any]:
    """The trigger and the verbs it hangs from through xcomp/conj/acomp (same clause, shared modality)."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "acomp", "auxpass") and cur.head.i != cur.i and len(chain) < 6:
        cur = cur.head
        chain.append(cur)
    return chain


def status_of(tok: Any, depth: int = 0) -> str:
    """Status for a trigger token (a verb, or the verb governing a nominal trigger)."""
    chain = _clause_chain(tok)
    negated = hypo = future = reported = False
    for i, t in enumerate(chain):
        kids = list(t.children)
        lemmas = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "det")}
        negated |= any(c.dep_ == "neg" for c in kids) or "never" in lemmas or _adverb_negation(t, kids)
        # "Neither X nor Y criticized Z", "No country attacked": the negation sits on the subject
        negated |= any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("det", "preconj", "neg")
                                                                 and g.lower_ in ("neither", "no") for g in c.children)
                       for c in kids)
        if i > 0 and t.lemma_.lower() in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet"
                                                                 for c in kids):
            negated = True  # "have yet to sign", "is yet to decide": not done so far
        hypo |= bool(lemmas & HYPO_AUX) or bool(lemmas & HYPO_MARKS)
        future |= bool(lemmas & FUTURE_AUX) or ("going" in lemmas and t.lemma_ == "go")
        reported |= bool(lemmas & REPORT_ADVS)
        if i > 0:
            forms = token_forms(t)
            future |= bool(forms & INTENT_VERBS)
            negated |= bool(forms & NEG_VERBS)
            hypo |= bool(forms & HYPO_VERBS)
            reported |= bool(forms & REPORT_VERBS) or ("say" in forms and _passive(t))
    # "met to discuss trade": an infinitival purpose clause is an intention, not yet an act; under a negated
    # or conditional clause ("would not give permission to help") it shares that clause's status
    purpose = [t for t in chain if t.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                      for c in t.children)]
    if purpose:
        future = True
        outer = purpose[-1].head
        # "pressure / calls / a request to help Iran": an act asked of someone, not one announced
        hypo |= purpose[-1].dep_ == "acl" and outer.lemma_.lower() in APPEAL_NOUNS
        # "pleaded with X to free Y" parsed as a purpose clause: still an act asked for
        hypo |= purpose[-1].dep_ == "advcl" and bool(token_forms(outer) & HYPO_VERBS)
        if outer.pos_ in ("NOUN", "PROPN") and outer.head.pos_ in ("VERB", "AUX"):
            outer = outer.head
        if outer is not tok and depth < 3:
            above = status_of(outer, depth + 1)
            negated |= above == "negated"
            hypo |= above == "hypothetical"
    top = chain[-1]
    # "said they would boycott": in reported speech "would" is the future seen from the past, not a condition
    kids_aux = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    if hypo and kids_aux & HYPO_AUX <= {"would", "'d"} and in_report(top) and not _has_if(chain):
        hypo, future = False, True
    if top.dep_ in ("ccomp", "advcl") and any(c.lower_ in HYPO_MARKS for c in top.children if c.dep_ == "mark"):
        hypo = True
    if top.dep_ == "ccomp" and token_forms(top.head) & (DESIRE_VERBS | ASK_VERBS):
        hypo = True  # "Russia wants Ukraine to withdraw", "demanded that the US cancel": wished or asked for
    if top.dep_ in ("ccomp", "csubj") and any(c.dep_ == "acomp" and c.lower_ in MODAL_ADJS for c in top.head.children):
        hypo = True  # "it is unlikely that China will attack": an estimate, not an announcement
    if top.dep_ in ("acl", "ccomp") and top.head.pos_ == "NOUN" and top.head.lemma_.lower() in CONTENT_NOUNS and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in top.children):
        reported = True  # "the allegation that X attacked Y", "demanded an admission that ...": what is said
    if _alleged(top):
        reported = True  # "accused Russia of violating the ceasefire": the act is what the accuser alleges
    if _averted(top):
        hypo = True  # "warned Hezbollah against attacking", "kept them from leaving": not done
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in REPORT_VERBS | {"doubt", "deny", "wonder"}:
        reported |= top.head.lemma_.lower() in REPORT_VERBS
        hypo |= top.head.lemma_.lower() in {"doubt", "wonder"}
        negated |= top.head.lemma_.lower() == "deny"
    if negated:
        return "negated"
    if hypo:
        return "hypothetical"
    if future:
        return "future"
    if reported:
        return "reported"
    return "factual"


SPEECH = frozenset({"say", "tell", "add", "announce", "state", "declare", "confirm", "insist", "warn", "report",
                    "indicate", "stress", "reiterate", "vow", "promise", "signal"})


def in_hypothesis(tok: Any) -> bool:
    """Whether the clause of ``tok`` is itself only supposed: under "if/whether", a verb of wishing or
    asking, or a modal adjective ("it is unlikely that")."""
    top = _clause_chain(tok)[-1]
    if top.dep_ not in ("ccomp", "advcl", "csubj"):
        return False
    head = top.head
    return (any(c.dep_ == "mark" and c.lower_ in HYPO_MARKS for c in top.children)
            or bool(token_forms(head) & (DESIRE_VERBS | ASK_VERBS))
            or any(c.dep_ == "acomp" and c.lower_ in MODAL_ADJS for c in head.children))


def in_report(top: Any) -> bool:
    return top.dep_ == "ccomp" and top.head.lemma_.lower() in SPEECH


def _has_if(chain: list[Any]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in HYPO_MARKS for t in chain for c in t.children) or any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in HYPO_MARKS for g in c.children)
        for t in chain for c in t.children)


def noun_status(noun: Any, governor: Any) -> str:
    """A nominal trigger: 'no attacks' is negated; otherwise the status of the verb it depends on."""
    if any(c.dep_ in ("det", "neg") and c.lower_ in NEG_WORDS for c in noun.children):
        return "negated"
    if governor is None:
        # "accused Russia of bombing hospitals" read as "of [bombing hospitals]": the act is still alleged
        return "reported" if accused_gerund(noun) is not None else "factual"
    return status_of(governor)


def _averted(tok: Any) -> bool:
    """A gerund after "against"/"from" on a verb of warning or prevention: the act is advised against or kept
    from happening ("warned X against attacking", "barred Y from entering")."""
    if tok.dep_ != "pcomp" or tok.head.dep_ != "prep" or tok.head.lower_ not in ("against", "from"):
        return False
    verb = tok.head.head
    return token_forms(verb) & AVERTING_VERBS != set()


def _alleged(tok: Any) -> bool:
    """A gerund after "of"/"for" on a verb of accusing ("accused X of violating", "blamed Y for attacking"),
    or after "with" on "charge"/"indict" ("charged Z with torturing"), also when the parser made the gerund a
    modifier of its own object ("of [looting villages]"): see control.accuser."""
    return accuser(tok) is not None


def _adverb_negation(verb: Any, kids: list[Any]) -> bool:
    """"did not even ever clash": the parser may hang the negation on a preverbal adverb instead of the verb.
    "not only attacked X but ..." is no negation of the act."""
    return any(c.dep_ == "advmod" and c.i < verb.i and c.lower_ not in FOCUS_ADVS
               and any(g.dep_ == "neg" or g.lower_ in ("not", "n't", "never") for g in c.children)
               for c in kids)


def _passive(tok: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


__all__ = ["in_hypothesis", "in_report", "noun_status", "status_of"]

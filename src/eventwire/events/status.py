"""Modality of an event: factual, negated, hypothetical, future (intent) or reported (hedged attribution).

Read from the trigger's clause: its auxiliaries, negation, subordinating marks, and the verbs it is the
complement of ("preparing to detonate" → future, "refused to meet" → negated, "urged X to withdraw" →
hypothetical, "allegedly attacked" → reported). Only ``factual`` events count as things that happened.
"""

from __future__ import annotations

from typing import Any

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
                        "encourage", "invite", "request", "tell", "order", "allow", "permit", "let"})
REPORT_VERBS = frozenset({"claim", "allege", "rumor", "rumour", "purport", "suspect", "believe"})
REPORT_ADVS = frozenset({"reportedly", "allegedly", "purportedly", "apparently", "supposedly"})


def _clause_chain(tok: Any) -> list[Any]:
    """The trigger and the verbs it hangs from through xcomp/conj/acomp (same clause, shared modality)."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "acomp", "auxpass") and cur.head is not cur and len(chain) < 6:
        cur = cur.head
        chain.append(cur)
    return chain


def status_of(tok: Any) -> str:
    """Status for a trigger token (a verb, or the verb governing a nominal trigger)."""
    chain = _clause_chain(tok)
    negated = hypo = future = reported = False
    for i, t in enumerate(chain):
        kids = list(t.children)
        lemmas = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "det")}
        negated |= any(c.dep_ == "neg" for c in kids) or "never" in lemmas
        hypo |= bool(lemmas & HYPO_AUX) or bool(lemmas & HYPO_MARKS)
        future |= bool(lemmas & FUTURE_AUX) or ("going" in lemmas and t.lemma_ == "go")
        reported |= bool(lemmas & REPORT_ADVS)
        if i > 0:
            lemma = t.lemma_.lower()
            future |= lemma in INTENT_VERBS
            negated |= lemma in NEG_VERBS
            hypo |= lemma in HYPO_VERBS
            reported |= lemma in REPORT_VERBS or (lemma == "say" and _passive(t))
    top = chain[-1]
    if top.dep_ in ("ccomp", "advcl") and any(c.lower_ in HYPO_MARKS for c in top.children if c.dep_ == "mark"):
        hypo = True
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


def noun_status(noun: Any, governor: Any) -> str:
    """A nominal trigger: 'no attacks' is negated; otherwise the status of the verb it depends on."""
    if any(c.dep_ in ("det", "neg") and c.lower_ in NEG_WORDS for c in noun.children):
        return "negated"
    if governor is None:
        return "factual"
    return status_of(governor)


def _passive(tok: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


__all__ = ["noun_status", "status_of"]

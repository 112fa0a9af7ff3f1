"""Stated intentions and refusals: "X agreed to lift sanctions" is coded as X expressing intent to yield
(0354), "X threatened to attack" as a threat (1384), "X refused to meet" as a rejection (125) — the event that
happened is the statement, so it is factual. The code table is package data (``data/events/intent.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from ..errors import ConfigError
from .ontology import cameo_table, data_dir
from .status import in_report

WILL_NOT = frozenset({"will", "wo", "would", "shall"})
WILL = frozenset({"will", "shall", "'ll"})
CONDITIONAL_AUX = frozenset({"will", "shall", "'ll", "would", "could", "may", "might", "'d"})
DECLARE_VERBS = frozenset({"announce", "declare", "confirm", "pledge", "promise", "vow", "swear", "decide"})
# "prepared to resume shelling": readiness for force is a military posture (15x), not a threat (13x)
PREPARE = frozenset({"prepare", "prepared", "ready", "poised", "gear"})


@dataclass(frozen=True)
class IntentTable:
    intent_verbs: frozenset[str]
    refuse_verbs: frozenset[str]
    codes: dict[str, dict[str, str]]
    intent_nouns: frozenset[str] = frozenset()
    refuse_nouns: frozenset[str] = frozenset()

    def noun_kind(self, noun: Any) -> str | None:
        """'intent' or 'refuse' for a noun of stated intention or refusal ("pledge", "refusal"), else None."""
        lemma = noun.lemma_.lower()
        return "intent" if lemma in self.intent_nouns else "refuse" if lemma in self.refuse_nouns else None

    def lookup(self, code: str, kind: str) -> str | None:
        for n in range(len(code), 1, -1):
            entry = self.codes.get(code[:n])
            if entry and kind in entry:
                return entry[kind]
        # getting ready for an act is a posture only for force; for anything else it is a stated intent
        return self.lookup(code, "intent") if kind == "prepare" else None


@lru_cache(maxsize=1)
def intent_table() -> IntentTable:
    data = yaml.safe_load((data_dir() / "intent.yaml").read_text(encoding="utf-8"))
    codes = {str(k): {kk: str(vv) for kk, vv in v.items()} for k, v in data["codes"].items()}
    bad = [c for v in codes.values() for c in v.values() if c not in cameo_table()]
    if bad:
        raise ConfigError(f"intent.yaml names unknown CAMEO codes {bad}")
    return IntentTable(frozenset(data["intent_verbs"]), frozenset(data["refuse_verbs"]), codes,
                       frozenset(data.get("intent_nouns", [])), frozenset(data.get("refuse_nouns", [])))


def conditional(tok: Any) -> bool:
    """A future or modal act with an "if"/"unless" condition of its own ("X will strike if Y ...")."""
    kids = list(tok.children)
    return (any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX for c in kids)
            and not any(c.dep_ == "neg" for c in kids)
            and not any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids)
            and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
                    for c in kids))


def announced(tok: Any, will_as_intent: bool = False) -> tuple[str, Any] | None:
    """('intent' | 'prepare' | 'refuse', the announcing verb) when ``tok`` is the complement of an intent or
    refusal verb, or is negated with a future/conditional auxiliary ("will not accept"). With ``will_as_intent`` a bare
    future ("X will give aid") also counts as an announcement (the CAMEO manual's reading; PETRARCH codes the
    act itself with future status, which is the default here)."""
    table = intent_table()
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids) and any(c.dep_ == "aux" and c.lower_ in WILL_NOT for c in kids):
        return "refuse", tok
    # "will impose sanctions if Y ...", "could strike unless Y ...": a conditional act is stated as a threat
    # (hostile acts, CAMEO 13) or an offer (cooperative ones, CAMEO 03)
    if conditional(tok):
        return "intent", tok
    # "Israel announced it would free prisoners": a declared future act is coded as the declaration
    if (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in DECLARE_VERBS
            and any(c.dep_ == "aux" and c.lower_ in WILL | {"would"} for c in kids)
            and not any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids)):
        return "intent", tok.head
    # "Finland will give Tanzania a grant", "NATO will tighten the blockade": an announcement of the act
    will = WILL | ({"would"} if in_report(tok) else set())
    if will_as_intent and any(c.dep_ == "aux" and c.lower_ in will for c in kids) and not any(
        c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids
    ):
        return "intent", tok
    # "Israel's refusal to negotiate", "a pledge to withdraw": the infinitive hangs on a noun of intent/refusal
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        kind = table.noun_kind(tok.head)
        if kind is not None:
            return kind, tok.head
    cur = tok
    for _ in range(3):
        # "have sworn to fight" is sometimes parsed as an infinitival adverbial clause: the same complement
        infinitive = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if (cur.dep_ not in ("xcomp", "conj") and not infinitive) or cur.head.i == cur.i:
            return None
        cur = cur.head
        lemma = cur.lemma_.lower()
        if lemma in table.refuse_verbs:
            return "refuse", cur
        ready = [c.lemma_.lower() for c in cur.children if c.dep_ == "acomp"] if lemma == "be" else []
        if lemma in table.intent_verbs or any(r in table.intent_verbs for r in ready):
            negated = any(c.dep_ == "neg" for c in cur.children)
            preparing = lemma in PREPARE or any(r in PREPARE for r in ready)
            return ("refuse" if negated else "prepare" if preparing else "intent"), cur
    return None


__all__ = ["IntentTable", "announced", "conditional", "intent_table"]

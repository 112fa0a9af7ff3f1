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


@dataclass(frozen=True)
class IntentTable:
    intent_verbs: frozenset[str]
    refuse_verbs: frozenset[str]
    codes: dict[str, dict[str, str]]

    def lookup(self, code: str, kind: str) -> str | None:
        for n in range(len(code), 1, -1):
            entry = self.codes.get(code[:n])
            if entry and kind in entry:
                return entry[kind]
        return None


@lru_cache(maxsize=1)
def intent_table() -> IntentTable:
    data = yaml.safe_load((data_dir() / "intent.yaml").read_text(encoding="utf-8"))
    codes = {str(k): {kk: str(vv) for kk, vv in v.items()} for k, v in data["codes"].items()}
    bad = [c for v in codes.values() for c in v.values() if c not in cameo_table()]
    if bad:
        raise ConfigError(f"intent.yaml names unknown CAMEO codes {bad}")
    return IntentTable(frozenset(data["intent_verbs"]), frozenset(data["refuse_verbs"]), codes)


def announced(tok: Any, will_as_intent: bool = False) -> tuple[str, Any] | None:
    """('intent' | 'refuse', the announcing verb) when ``tok`` is the complement of an intent or refusal verb,
    or is negated with a future/conditional auxiliary ("will not accept"). With ``will_as_intent`` a bare
    future ("X will give aid") also counts as an announcement (the CAMEO manual's reading; PETRARCH codes the
    act itself with future status, which is the default here)."""
    table = intent_table()
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids) and any(c.dep_ == "aux" and c.lower_ in WILL_NOT for c in kids):
        return "refuse", tok
    # "Finland will give Tanzania a grant", "NATO will tighten the blockade": an announcement of the act
    will = WILL | ({"would"} if in_report(tok) else set())
    if will_as_intent and any(c.dep_ == "aux" and c.lower_ in will for c in kids) and not any(
        c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids
    ):
        return "intent", tok
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            return None
        cur = cur.head
        lemma = cur.lemma_.lower()
        if lemma in table.refuse_verbs:
            return "refuse", cur
        if lemma in table.intent_verbs or (lemma == "be" and any(c.lemma_.lower() in table.intent_verbs
                                                                 for c in cur.children if c.dep_ == "acomp")):
            negated = any(c.dep_ == "neg" for c in cur.children)
            return ("refuse" if negated else "intent"), cur
    return None


__all__ = ["IntentTable", "announced", "intent_table"]

"""Fuzzy lookup of long PERSON/ORG names the exact dictionary missed ("Bashar Assad", "Vladimir Poutine")."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from .kb import Entry, KnowledgeBase

MIN_LENGTH = 8  # short names are too ambiguous to guess at
MIN_SCORE = 88.0


def fuzzy_entry(kb: KnowledgeBase, name: str, label: str) -> Entry | None:
    if len(name) < MIN_LENGTH:
        return None
    table = kb.person_names if label == "PERSON" else kb.org_names
    if not table:
        return None
    best = process.extractOne(name, table.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=MIN_SCORE)
    if best is None:
        return None
    return kb.entries[table[best[0]]]

"""Dictionary lookup over the article text with one Aho-Corasick automaton per knowledge base (built once),
returning leftmost-longest, non-overlapping, word-bounded matches with character offsets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from .kb import normalise

T = TypeVar("T")
# Words that may start a proper-name phrase in lower case ("the West", "al-Qaeda").
LOWER_LEADS = ("the ", "al-", "al ", "el-", "ad-", "as-", "an-", "at-", "ar-", "de ", "von ", "le ")


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int
    key: str
    payloads: tuple[T, ...]


class PhraseIndex(Generic[T]):
    """Phrases (lower-cased keys) -> payloads. ``find`` scans a text once: O(len(text) + matches)."""

    def __init__(self, phrases: dict[str, list[T]] | dict[str, T]) -> None:
        self.automaton = ahocorasick.Automaton()
        for key, payload in phrases.items():
            values = tuple(payload) if isinstance(payload, list) else (payload,)
            if key and values:
                self.automaton.add_word(key, (key, values))
        if len(self.automaton):
            self.automaton.make_automaton()

    def find(self, text: str, lowered: str | None = None) -> list[Match[T]]:
        if not len(self.automaton):
            return []
        low = lowered if lowered is not None else normalise(text)
        found = []
        for end_idx, (key, payloads) in self.automaton.iter(low):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            end = self._right_edge(low, end, payloads)
            if end < 0:
                continue
            found.append(Match(start, end, key, payloads))
        return longest_first(found)

    @staticmethod
    def _right_edge(low: str, end: int, payloads: tuple[T, ...]) -> int:
        if end >= len(low) or not low[end].isalnum() or not low[end - 1].isalnum():
            if end < len(low) and low[end - 1] == "." and low[end].isalnum():
                return -1  # "u.s." inside "u.s.a"
            return end
        if any(getattr(p, "stem", False) for p in payloads):  # TABARI stems run to the end of the word
            word_end = end
            while word_end < len(low) and low[word_end].isalnum():
                word_end += 1
            # a stem ending in a short word ("un", "ent", "plo") is an abbreviation or name, not a word start:
            # it only takes a plural ending ("orcs"), never "unjustly" or "entered"
            last = low[:end].rsplit(" ", 1)[-1]
            if len(last) <= 3 and low[end:word_end] not in ("s", "es"):
                return -1
            return word_end
        return -1


def longest_first(matches: Iterable[Match[T]]) -> list[Match[T]]:
    """Keep the longest of overlapping matches (ties: leftmost), returned in text order."""
    chosen: list[Match[T]] = []
    taken: list[tuple[int, int]] = []
    # rank by the dictionary phrase's own length: a stem continued to the word end ("the au" ->
    # "the australian") must not beat the exact phrase "australian"
    for m in sorted(matches, key=lambda m: (-len(m.key), m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def looks_like_name(surface: str) -> bool:
    """News capitalises names and demonyms: reject "turkey", "chad", "us", "amnesty" in lower case."""
    s = surface
    low = s.lower()
    for lead in LOWER_LEADS:
        if low.startswith(lead) and len(s) > len(lead):
            s = s[len(lead) :]
            break
    first = next((c for c in s if c.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit())

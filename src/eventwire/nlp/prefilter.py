"""The cheap candidate pre-filter: which sentences of an article can hold a political event at all.

A sentence reaches spaCy's full pipeline (tagger, parser, NER, lemmatizer) only when a scan over its raw text
finds an event trigger word (any inflection of a trigger lemma of the event patterns) and something that can
be an actor (a dictionary name, demonym or capital, a sector noun such as "government" or "troops", or a personal
pronoun). A sentence that reports casualties — a number and a casualty word ("The attack left 25 dead", "the
death toll rose to 57") — is parsed too, actor or not: the quantities stage needs the parse to count them.
The scan is two Aho-Corasick passes and one regex per article, so it costs a small fraction of a parse.

The split into sentences here is rough (full stops followed by a capital, line breaks, a short list of
abbreviations that do not end a sentence); the parser refines the boundaries inside candidate text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

# a sentence ends at . ! ? (optionally closed by a quote or bracket) before white space and a capital/digit/quote,
# or at a line break
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])|\n\s*")
# words before a full stop that do not end a sentence ("Mr. Shultz", "U.S. officials", "Jan. 5")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,4}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|Rev|Prof|Jr|Sr|No|"
    r"Co|Corp|Inc|Ltd|Bros|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|approx|est)\.)$"
)
_WORD = re.compile(r"\b[a-z]+")
_FIRST = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our"})


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int  # the segment runs to the next segment's start (its trailing white space included)
    candidate: bool


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans covering ``text`` completely, one per rough sentence."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] != "\n" and _ABBREV.search(text, max(0, m.start() - 12), m.start()):
            continue
        if m.end() < len(text) and m.end() > starts[-1]:
            starts.append(m.end())
    ends = starts[1:] + [len(text)]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if e > s]


def _inflections(lemma: str) -> set[str]:
    """Regular inflections of a verb or noun lemma (the inverse of the coder's ``base_forms``)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "planning"
    return out


def _irregular_forms(lookups: Any, lemmas: set[str]) -> set[str]:
    """Irregular forms ("met", "fought", "sought") from the spaCy lemmatizer's exception tables."""
    out: set[str] = set()
    if lookups is None or not lookups.has_table("lemma_exc"):
        return out
    exc = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        table = exc.get(pos, {}) if hasattr(exc, "get") else {}
        for form, targets in table.items():
            if any(t in lemmas for t in targets):
                out.add(form.lower())
    return out


def _plurals(noun: str) -> set[str]:
    """A noun's regular plural forms (the coder matches nouns by lemma or surface form, never as verbs)."""
    out = {noun, noun + "s", noun + "es"}
    if noun.endswith("y"):
        out.add(noun[:-1] + "ies")
    return out


def _forms(words: Iterable[str], lookups: Any, nouns: bool = False) -> frozenset[str]:
    """The word forms that can realise ``words``: verb and noun inflections, or (``nouns``) only plurals."""
    words = {w for phrase in words for w in phrase.lower().replace("-", " ").split()}
    inflect = _plurals if nouns else _inflections
    return frozenset({f for w in words for f in inflect(w)} | _irregular_forms(lookups, words))


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A pattern as words: one of ``keys`` and, for each group in ``needs``, one of its words must occur
    (the pattern's required object, complement verb, preposition, or the other words of a nominal phrase)."""

    keys: frozenset[str]
    needs: tuple[frozenset[str], ...] = ()


def trigger_rules(patterns: Iterable[Any], lookups: Any = None) -> list[TriggerRule]:
    """Word-level rules from event ``Pattern`` records (``events.patterns``)."""
    rules = []
    for p in patterns:
        needs = [_forms(p.objs, lookups)] if p.objs else []
        needs += [_forms(p.comps, lookups)] if p.comps else []
        needs += [frozenset(w for prep in p.preps for w in prep.split())] if p.preps else []
        if p.verbs:
            rules.append(TriggerRule(_forms(p.verbs, lookups), tuple(needs)))
        for noun in p.nouns:
            # the head of a nominal trigger ("accord") is matched as a noun: its plurals, not "according"
            words = noun.lower().replace("-", " ").split()
            head = len(words) - 1 if "of" not in words[1:-1] else 0
            others = tuple(_forms([w], lookups, nouns=i == head) for i, w in enumerate(words) if i > 0)
            rules.append(TriggerRule(_forms(words[:1], lookups, nouns=head == 0), (*others, *needs)))
    return rules


class _Names:
    """Word-bounded Aho-Corasick scan over lower-cased text, returning match start offsets."""

    def __init__(self, phrases: Iterable[str], lower: bool = True) -> None:
        self.automaton = ahocorasick.Automaton()
        for p in phrases:
            key = p.lower().strip() if lower else p.strip()
            if key:
                self.automaton.add_word(key, len(key))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def starts(self, low: str) -> list[int]:
        if self.empty:
            return []
        # only the left word boundary is checked: dictionary stems ("argentin") run on, and a filter may let
        # through more than the resolver accepts, never less
        return [end_idx - size + 1 for end_idx, size in self.automaton.iter(low)
                if end_idx - size < 0 or not low[end_idx - size].isalnum()]


class CandidateFilter:
    """Marks which rough sentences of a text need the full parse (see the module docstring)."""

    def __init__(self, actor_phrases: Iterable[str], state_phrases: Iterable[str], sector_phrases: Iterable[str],
                 rules: Iterable[TriggerRule], cased_phrases: Iterable[str] = (),
                 cased_states: Iterable[str] = (), casualty_words: Iterable[str] = (),
                 number_words: Iterable[str] = ()) -> None:
        self.casualty_words = frozenset(casualty_words)
        self.number_words = frozenset(number_words)
        self.names = _Names(actor_phrases)
        self.cased = _Names(cased_phrases, lower=False)  # "US", "WHO": only in this spelling
        self.sectors = _Names(sector_phrases)
        self.states = _Names(state_phrases)
        self.cased_states = _Names(cased_states, lower=False)
        self.rules: dict[str, list[TriggerRule]] = {}
        for rule in rules:
            for key in rule.keys:
                self.rules.setdefault(key, []).append(rule)
        self.triggers = frozenset(self.rules)

    def has_trigger(self, words: set[str]) -> bool:
        """Whether some pattern's words all occur in ``words`` (lower-case word forms)."""
        for w in self.triggers.intersection(words):
            for rule in self.rules[w]:
                if all(not need.isdisjoint(words) for need in rule.needs):
                    return True
        return False

    def _words(self, text: str, start: int, end: int) -> set[str]:
        # lower-case words only ("March" the month is no trigger), plus the sentence's first word
        words = set(_WORD.findall(text, start, end))
        first = _FIRST.search(text, start, end)
        if first is not None:
            words.add(first.group(0).lower())
        return words

    @classmethod
    def from_stages(cls, kb: Any, pattern_index: Any, lookups: Any = None) -> CandidateFilter:
        """Build from the actor knowledge base (``actors.kb.KnowledgeBase``) and the events ``PatternIndex``
        the pipeline really uses, so user dictionaries and patterns widen the filter too."""
        plain = [k for k, phrases in kb.phrases.items() if not all(p.case_sensitive for p in phrases)]
        cased = {p.surface: kb.entries[p.entry].category == "country" for phrases in kb.phrases.values()
                 for p in phrases if p.case_sensitive and p.surface}
        states = [k for k in plain if any(kb.entries[p.entry].category == "country" for p in kb.phrases[k])]
        return cls(plain, states, kb.sector_nouns.keys(), trigger_rules(pattern_index.patterns, lookups), cased,
                   [k for k, state in cased.items() if state], casualty_words(lookups), _number_words())

    def segments(self, text: str) -> list[Segment]:
        """Rough sentences, each marked candidate or not. A candidate has a trigger and an actor word; one whose
        actor is only a sector noun or a pronoun ("the ministry", "he") also makes the nearest earlier sentence
        with a name a candidate: coreference and owner composition look there."""
        spans = rough_sentences(text)
        if not spans:
            return []
        low = text.lower()
        named = self._hits(spans, self.names.starts(low) + self.cased.starts(text))
        sector = self._hits(spans, self.sectors.starts(low))
        cand = [False] * len(spans)
        last_named = -1
        for i, (s, e) in enumerate(spans):
            words = self._words(text, s, e)
            if self.has_trigger(words) and (named[i] or sector[i] or not PRONOUNS.isdisjoint(words)):
                cand[i] = True
                if not named[i] and last_named >= 0:
                    cand[last_named] = True
            elif self.reports_casualties(text, s, e, words):
                cand[i] = True
            if named[i]:
                last_named = i
        return [Segment(s, e, c) for (s, e), c in zip(spans, cand, strict=True)]

    def reports_casualties(self, text: str, start: int, end: int, words: set[str]) -> bool:
        """A number (digits or a number word) and a casualty word ("killed", "dead", "death toll", "wounded")."""
        if self.casualty_words.isdisjoint(words):
            return False
        return _DIGIT.search(text, start, end) is not None or not self.number_words.isdisjoint(words)

    @staticmethod
    def _hits(spans: list[tuple[int, int]], positions: list[int]) -> list[bool]:
        starts = [s for s, _ in spans]
        out = [False] * len(spans)
        for pos in positions:
            out[bisect.bisect_right(starts, pos) - 1] = True
        return out

    def political(self, text: str) -> bool:
        """At least one state actor (a country's name, demonym or capital) and one event trigger."""
        state = bool(self.states.starts(text.lower())) or bool(self.cased_states.starts(text))
        return state and any(
            self.has_trigger(self._words(text, s, e)) for s, e in rough_sentences(text))


def casualty_words(lookups: Any = None) -> frozenset[str]:
    """Word forms of the quantities stage's casualty verbs, adjectives and nouns (``data/quantities``), so the
    filter and the stage that counts casualties agree."""
    from ..quantities.tables import tables

    tb = tables()
    verbs = {w for w in tb.kill_verbs | tb.die_verbs | tb.injure_verbs if " " not in w}
    nouns = {w.split()[-1] for w in tb.kill_nouns | tb.toll_nouns | tb.injure_nouns | tb.casualty_nouns}
    return (_forms(verbs, lookups) | _forms(nouns, lookups, nouns=True)
            | tb.kill_adjectives | tb.injure_adjectives) - {"claim", "claims", "claimed", "claiming"}


def _number_words() -> frozenset[str]:
    from ..quantities.numbers import number_words

    nw = number_words()
    return frozenset([*nw.units, *nw.tens, *nw.scales, *nw.vague, "dozen", "dozens"]) - {"zero"}


@lru_cache(maxsize=1)
def default_filter() -> CandidateFilter:
    """The filter for the shipped dictionaries and patterns (built once per process)."""
    from ..actors.kb import default_kb
    from ..events.coder import EventCoder
    from .model import load_model

    lookups = lemma_lookups(load_model())
    return CandidateFilter.from_stages(default_kb(), EventCoder().index, lookups)


def lemma_lookups(nlp: Any) -> Any:
    if "lemmatizer" not in nlp.component_names:  # disabled when memoised (nlp.attributes): still there
        return None
    return getattr(nlp.get_pipe("lemmatizer"), "lookups", None)

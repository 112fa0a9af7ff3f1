"""The QUANTITIES stage: numbers in the text with their unit noun and kind.

A number phrase is a run of number tokens ("2,289", "1.5 million", "a dozen", "hundreds"), widened by a hedge
("at least", "some"), a currency sign and a percent sign. Its unit is the noun it modifies, found through the
dependency parse (compound modifiers skipped: "4,111 missile and bomb strikes" → strike). Casualty words around
the noun ("killed 130 people", "death toll rose to 45", "wounding 12") make the kind fatalities or injuries.
Numbers inside dates, times and names ("November 13", "2015", "Resolution 2254") are not quantities.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..nlp.model import sentence_of
from ..records import Analysis, Quantity
from .numbers import number_words, parse_number
from .tables import Tables, tables

_DIGIT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEARLIKE = re.compile(r"^(?:1[89]|20)\d\d$")
_NAME_ENTS = frozenset({"PERSON", "ORG", "PRODUCT", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE", "NORP", "LOC"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_HEAD_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})
_PERSON_WORDS = frozenset({"people", "person"})
_DURATION = "duration"


@dataclasses.dataclass(slots=True)
class Phrase:
    """Token indices [i, j) of the number words, plus what widened them."""

    i: int
    j: int
    value: float
    confidence: float
    start_i: int
    currency: str | None = None
    percent_end: int | None = None


def is_number_token(tok: Any) -> bool:
    low = tok.lower_
    if _DIGIT.match(low):
        return True
    return number_words().is_number_word(low) or low in ("dozen", "tens")


class QuantityExtractor:
    """Stage: ``analysis.quantities`` = every quantity in the article with unit, kind and offsets."""

    name = "quantities"

    def __init__(self) -> None:
        tables()
        number_words()

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            yield dataclasses.replace(analysis, quantities=self.find(analysis))

    def find(self, analysis: Analysis) -> tuple[Quantity, ...]:
        doc = analysis.doc
        if doc is None:
            return ()
        date_spans = [(d.start, d.end) for d in analysis.dates if d.start >= 0]
        found: list[Quantity] = []
        i = 0
        while i < len(doc):
            phrase = _phrase_at(doc, i) if is_number_token(doc[i]) else None
            if phrase is None:
                i += 1
                continue
            quantity = _quantity(analysis, doc, phrase, date_spans)
            if quantity is not None:
                found.append(quantity)
            i = phrase.j
        return tuple(found)


def _phrase_at(doc: Any, i: int) -> Phrase | None:
    j = i + 1
    while j < len(doc) and doc[j].sent.start == doc[i].sent.start:
        if is_number_token(doc[j]) and not (_DIGIT.match(doc[j - 1].text) and _DIGIT.match(doc[j].text)):
            j += 1
        elif doc[j].text in ("-", "and", "of") and j + 1 < len(doc) and _joins(doc, i, j):
            j += 2
        else:
            break
    start = i
    # "a dozen", "tens of thousands", "several hundred": widen left while the words still parse as a number
    for k in (2, 1):
        if start - k >= doc[i].sent.start and parse_number(doc[start - k : j].text) is not None:
            start -= k
            break
    parsed = parse_number(doc[start:j].text)
    if parsed is None:
        return None
    value, confidence = parsed
    return Phrase(i=start, j=j, value=value, confidence=confidence, start_i=start)


def _joins(doc: Any, i: int, j: int) -> bool:
    """May a hyphen / "and" / "of" at ``j`` continue the number begun at ``i``?"""
    nxt = doc[j + 1]
    if not is_number_token(nxt) or _DIGIT.match(nxt.text):
        return False
    if doc[j].text == "of":  # "tens of thousands", "hundreds of thousands"
        return doc[j - 1].lower_ in ("tens", "hundreds") and nxt.lower_ in ("thousands", "millions")
    return parse_number(doc[i : j + 2].text) is not None


def _widen(doc: Any, ph: Phrase, tb: Tables) -> None:
    """Hedge ("at least"), currency sign and percent sign around the number."""
    sent_start = doc[ph.i].sent.start
    start = ph.i
    if start - 1 >= sent_start and doc[start - 1].lower_ in tb.currencies:
        ph.currency = tb.currencies[doc[start - 1].lower_]
        start -= 1
    mods = number_words().modifiers
    for k in (3, 2, 1):
        if start - k >= sent_start and doc[start - k : start].text.lower() in mods:
            ph.confidence *= mods[doc[start - k : start].text.lower()][1]
            start -= k
            break
    if ph.currency is None and start - 1 >= sent_start and doc[start - 1].lower_ in tb.currencies:
        ph.currency = tb.currencies[doc[start - 1].lower_]
        start -= 1
    ph.start_i = start
    j = ph.j
    if j < len(doc) and doc[j].lower_ in ("%", "percent", "pct"):
        ph.percent_end = j + 1
    elif j + 1 < len(doc) and doc[j].lower_ == "per" and doc[j + 1].lower_ == "cent":
        ph.percent_end = j + 2


def _skip(doc: Any, ph: Phrase, tb: Tables, date_spans: list[tuple[int, int]], noun: Any | None) -> bool:
    """Dates, times, names and identifiers are not quantities."""
    first, last = doc[ph.i], doc[ph.j - 1]
    unit_kind = _unit_of(noun, tb)[1] if noun is not None else None
    if unit_kind != _DURATION:
        if any(t.ent_type_ in ("DATE", "TIME") for t in doc[ph.i : ph.j]):
            return True
        if any(s < last.idx + len(last) and first.idx < e for s, e in date_spans):
            return True
    if any(t.ent_type_ in _NAME_ENTS for t in doc[ph.i : ph.j]):
        return True
    if ph.j - ph.i == 1 and _YEARLIKE.match(first.text) and noun is None:
        return True
    prev = doc[ph.i - 1] if ph.i > 0 else None
    if prev is not None and prev.text == "-" and ph.i >= 2 and doc[ph.i - 2].is_alpha:
        if prev.idx == doc[ph.i - 2].idx + len(doc[ph.i - 2]):  # "Su-24", "F-16": a model name
            return True
    if prev is not None and prev.lower_ in tb.identifier_words:
        return True
    if ph.j < len(doc) and doc[ph.j].text in (":", "/") and ph.j + 1 < len(doc) and doc[ph.j + 1].like_num:
        return True  # "10:30", "11/13"
    return noun is not None and noun.lower_ in tb.skip_nouns


def _number_root(doc: Any, ph: Phrase) -> Any:
    inside = range(ph.i, ph.j)
    roots = [t for t in doc[ph.i : ph.j] if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else doc[ph.j - 1]


def _unit_noun(doc: Any, ph: Phrase, root: Any) -> Any | None:
    """The noun the number counts, skipping compound modifiers ("4,111 missile and bomb strikes" → strikes)."""
    noun = None
    if root.dep_ in _HEAD_DEPS and root.head.i >= ph.j and root.head.pos_ in _NOUNS | {"NUM"}:
        noun = root.head
    if noun is None:  # "hundreds of people", "a dozen of them"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                noun = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS), None)
    if noun is None and ph.j < len(doc) and doc[ph.j].pos_ == "NOUN" and doc[ph.j].head.i != ph.j - 1:
        noun = doc[ph.j]
    while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in _NOUNS:
        noun = noun.head
    if noun is not None and noun.pos_ == "NUM":
        return None
    return noun


def _unit_of(noun: Any, tb: Tables) -> tuple[str, str]:
    for key in (noun.lower_, noun.lemma_.lower()):
        if key in tb.units:
            return tb.units[key]
    lemma = noun.lemma_.lower() if noun.lemma_ else noun.lower_
    return lemma, "count"


def _is_rate(doc: Any, after: int, tb: Tables) -> int | None:
    """End token index of "a day" / "per year" right after ``after``, else None."""
    if after + 1 < len(doc) and doc[after].lower_ in tb.rate_words and doc[after + 1].lemma_.lower() in tb.rate_periods:
        return after + 2
    return None

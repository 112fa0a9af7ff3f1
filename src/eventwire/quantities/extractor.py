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
from .casualties import casualty_kind
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
    sent_start: int
    currency: str | None = None
    percent_end: int | None = None


def is_number_token(tok: Any) -> bool:
    low = tok.lower_
    if _DIGIT.match(low):
        return True
    if low[:1].isdigit():  # "1.5bn", "20m" kept as one token by the tokenizer
        return parse_number(low) is not None
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
        for sent in doc.sents:  # token.sent is costly; walk sentence by sentence instead
            i = sent.start
            while i < sent.end:
                phrase = _phrase_at(doc, i, sent.start, sent.end) if is_number_token(doc[i]) else None
                if phrase is None:
                    i += 1
                    continue
                quantity = _quantity(analysis, doc, phrase, date_spans)
                if quantity is not None:
                    found.append(quantity)
                i = phrase.j
        return tuple(found)


def _phrase_at(doc: Any, i: int, sent_start: int, sent_end: int) -> Phrase | None:
    j = i + 1
    while j < sent_end:
        if is_number_token(doc[j]) and not (_DIGIT.match(doc[j - 1].text) and _DIGIT.match(doc[j].text)):
            j += 1
        elif doc[j].text in ("-", "and", "of") and j + 1 < sent_end and _joins(doc, i, j):
            j += 2
        else:
            break
    start = i
    # "a dozen", "tens of thousands", "several hundred": widen left while the words still parse as a number
    for k in (2, 1):
        extra = doc[start - k : start] if start - k >= sent_start else None
        if extra and all(t.is_alpha for t in extra) and parse_number(doc[start - k : j].text) is not None:
            start -= k
            break
    parsed = parse_number(doc[start:j].text)
    if parsed is None:
        return None
    value, confidence = parsed
    return Phrase(i=start, j=j, value=value, confidence=confidence, start_i=start, sent_start=sent_start)


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
    sent_start = ph.sent_start
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
    nxt = doc[ph.j] if ph.j < len(doc) else None
    if nxt is not None and nxt.text in (":", "/") and ph.j + 1 < len(doc) and doc[ph.j + 1].like_num:
        return True  # "10:30", "11/13"
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and ph.j + 1 < len(doc):
        if doc[ph.j + 1].lower_ in ("for", "to", "of", "nil"):
            return True  # "two-for-one", "3-to-1": a ratio or score
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
    return singular(noun), "count"


def singular(noun: Any) -> str:
    """Lower-case singular of a noun: the lemma, or a plural proper noun's ("Syrians" → "syrian")."""
    lemma: str = (noun.lemma_ or noun.text).lower()
    if noun.tag_ in ("NNS", "NNPS") and lemma == noun.lower_ and len(lemma) > 3 and not lemma.endswith("ss"):
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        if lemma.endswith("s"):
            return lemma[:-1]
    return lemma


def _is_rate(doc: Any, after: int, tb: Tables) -> int | None:
    """End token index of "a day" / "per year" right after ``after``, else None."""
    if after + 1 < len(doc) and doc[after].lower_ in tb.rate_words and doc[after + 1].lemma_.lower() in tb.rate_periods:
        return after + 2
    return None


def _quantity(analysis: Analysis, doc: Any, ph: Phrase, date_spans: list[tuple[int, int]]) -> Quantity | None:
    tb = tables()
    _widen(doc, ph, tb)
    root = _number_root(doc, ph)
    noun = _unit_noun(doc, ph, root)
    if _skip(doc, ph, tb, date_spans, noun):
        return None
    end_i = ph.percent_end or ph.j
    unit: str | None = None
    kind = "count"
    if noun is not None and noun.i >= ph.j and noun.i - end_i <= 5:
        end_i = noun.i + 1
    if ph.currency is None and ph.j < len(doc) and doc[ph.j].lower_ in tb.currencies:
        # "2.15 billion dlr loan request": the currency word, not the head noun, is the unit
        ph.currency, end_i = tb.currencies[doc[ph.j].lower_], ph.j + 1
    elif ph.currency is None and noun is not None and noun.lower_ in tb.currencies:
        ph.currency = tb.currencies[noun.lower_]
    if ph.currency is not None:
        unit, kind = ph.currency, "money"
    elif ph.percent_end is not None:
        unit, kind = "percent", "percentage"
    else:
        casualty = casualty_kind(doc, noun, end_i, tb) if noun is not None else None
        if casualty is None:  # "dozens of people were killed": the number itself is the argument
            casualty = casualty_kind(doc, root, end_i, tb)
        if noun is not None:
            unit, kind = _unit_of(noun, tb)
        if casualty is not None:
            kind = casualty
            unit = unit if unit is not None and unit not in _PERSON_WORDS else "person"
        elif _age_end(doc, ph) is not None:
            unit, kind, end_i = "year", "age", _age_end(doc, ph) or end_i
        elif noun is None and not _DIGIT.match(doc[ph.j - 1].text):
            return None  # a spelled-out number with nothing counted: "one of them", "the two"
        rate_end = _is_rate(doc, end_i, tb)
        if rate_end is not None and kind != _DURATION:
            kind, end_i = "rate", rate_end
    if kind == "count" and ph.value == 1 and (noun is None or doc[ph.i].lower_ == "one" and root.dep_ != "nummod"):
        return None  # "one of the soldiers", "no one": a pronoun, not a count
    confidence = ph.confidence * (0.7 if noun is None and kind == "count" else 1.0)
    start_char = doc[ph.start_i].idx
    end_char = doc[end_i - 1].idx + len(doc[end_i - 1])
    return Quantity(
        value=ph.value,
        unit=unit,
        kind=kind,
        text=analysis.article.text[start_char:end_char],
        start=start_char,
        end=end_char,
        confidence=round(confidence, 3),
        sentence=sentence_of(analysis.sentences, start_char) if analysis.sentences else -1,
    )


def _age_end(doc: Any, ph: Phrase) -> int | None:
    """Token end of "-year-old" after the number ("a 25-year-old man"), else None."""
    for k in range(ph.j, min(ph.j + 4, len(doc))):
        if doc[k].lower_ == "old":
            tail = doc[ph.j : k + 1].text.replace(" ", "").lower()
            return k + 1 if tail in ("-year-old", "year-old", "-years-old", "years-old") else None
    return None

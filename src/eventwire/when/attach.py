"""``date_event``: the date expression that belongs to one event trigger.

Preference: a date in the trigger's own dependency subtree (fewest steps), then the date nearest in the tree
(climbing from the trigger costs more than descending, so "attacks that killed … on November 13" gives the
attack its own date, not the main clause's "this week"), then the nearest date in the sentence by characters,
then the publication date with low confidence.
"""

from __future__ import annotations

import dataclasses

from ..records import Analysis, DateRef
from .tree import span_root, tokens_at, tree_distance

# Beyond this weighted path length a date is only "in the same sentence", not attached to the trigger.
ATTACHED_MAX = 5.0
UNATTACHED_FACTOR = 0.8
PUBLISHED_CONFIDENCE = 0.3


def date_event(analysis: Analysis, trigger_start: int, trigger_end: int, sentence_index: int) -> DateRef | None:
    dates = [d for d in analysis.dates if d.sentence == sentence_index and d.start >= 0]
    if dates:
        best = _by_tree(analysis, dates, trigger_start, trigger_end)
        if best is not None:
            return best
        nearest = min(dates, key=lambda d: _char_gap(d, trigger_start, trigger_end))
        return dataclasses.replace(nearest, confidence=round(nearest.confidence * UNATTACHED_FACTOR, 3))
    published = analysis.article.published
    if published is None:
        return None
    return DateRef(
        text="",
        start=-1,
        end=-1,
        date_start=published,
        date_end=published,
        precision="day",
        confidence=PUBLISHED_CONFIDENCE,
        sentence=sentence_index,
    )


def _char_gap(d: DateRef, start: int, end: int) -> int:
    if d.end <= start:
        return start - d.end
    if d.start >= end:
        return d.start - end
    return 0


def _by_tree(analysis: Analysis, dates: list[DateRef], start: int, end: int) -> DateRef | None:
    triggers = tokens_at(analysis.doc, start, end)
    if not triggers:
        return None
    scored = []
    for d in dates:
        root = span_root(analysis.doc, d.start, d.end)
        if root is None:
            continue
        best = min(tree_distance(t, root) for t in triggers)
        dist, inside = best
        # in-subtree first, then path length, then closeness in the text
        scored.append(((not inside, dist, _char_gap(d, start, end)), dist, d))
    if not scored:
        return None
    _, dist, choice = min(scored, key=lambda s: s[0])
    if dist <= ATTACHED_MAX:
        return choice
    return dataclasses.replace(choice, confidence=round(choice.confidence * UNATTACHED_FACTOR, 3))

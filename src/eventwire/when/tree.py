"""Small dependency-tree helpers shared by ``when.attach`` and ``quantities.attach``."""

from __future__ import annotations

from typing import Any

UP_COST = 1.5  # climbing from the trigger costs more than descending: a date under the trigger is "its" date


def tokens_at(doc: Any, start: int, end: int) -> list[Any]:
    """Tokens overlapping the character range [start, end) (empty when out of range)."""
    if doc is None or start < 0 or end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def span_root(doc: Any, start: int, end: int) -> Any | None:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None and start >= 0 else None
    return span.root if span is not None and len(span) else None


def tree_distance(source: Any, target: Any) -> tuple[float, bool]:
    """Weighted path length from ``source`` to ``target`` through their lowest common ancestor, and whether
    ``target`` lies in ``source``'s subtree. Infinite when they are not in one tree."""
    ups: dict[int, int] = {}
    node, steps = source, 0
    while True:
        ups[node.i] = steps
        if node.head.i == node.i:
            break
        node, steps = node.head, steps + 1
    node, downs = target, 0
    while node.i not in ups:
        if node.head.i == node.i:
            return float("inf"), False
        node, downs = node.head, downs + 1
    up = ups[node.i]
    return up * UP_COST + downs, up == 0

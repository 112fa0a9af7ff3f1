"""Building ``ActorRef`` records from knowledge-base entries, and the per-mention working record."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..records import ActorRef
from .kb import Entry, Role, SectorNoun, compose_code, plover_actor


@dataclass
class Mention:
    """An actor mention under construction: the record plus what coreference needs to know."""

    ref: ActorRef
    token: int  # index of the syntactic head token
    tokens: tuple[int, int]  # token span [start, end)
    noun: SectorNoun | None = None
    definite: bool = False
    owner_pronoun: int = -1  # token index of "its"/"their" owning this noun, -1 if none


def build_ref(
    text: str,
    start: int,
    end: int,
    entry: Entry,
    role: Role | None,
    reason: str,
    sectors: tuple[str, ...] | None = None,
    cameo: str | None = None,
    kind: str | None = None,
    name: str | None = None,
) -> ActorRef:
    country = role.country if role else entry.country
    if sectors is None:
        sectors = role.sectors if role else entry.sectors
        cameo = cameo or (role.cameo if role else entry.cameo)
    plover_country = (role.plover_country if role else None) or entry.plover_country
    if entry.category == "region":
        plover_country = plover_country or entry.country
    kind = kind or (entry.kind if entry.kind in ("state", "person", "organization", "group") else "state")
    return ActorRef(
        text=text,
        start=start,
        end=end,
        name=name or entry.name,
        country=None if entry.category == "region" else country,
        sectors=tuple(sectors),
        cameo_code=cameo or compose_code(country, tuple(sectors)),
        plover_actor=plover_actor(country, tuple(sectors), plover_country),
        kind=kind,
        aliases=tuple(a for a in entry.aliases if a != entry.name),
        confidence=0.9 if reason in ("alias", "office-holder", "demonym") else 0.75,
        reason=reason,
    )


def person_ref(
    text: str, start: int, end: int, entry: Entry, role: Role | None, reason: str, day: dt.date | None
) -> ActorRef:
    """A person on ``day``: their role then; a former office holder is an elite (ELI) of their country."""
    if role is not None or not entry.roles:
        return build_ref(text, start, end, entry, role, reason, kind="person")
    past = [r for r in entry.roles if r.end is not None and day is not None and r.end < day]
    if past:
        last = max(past, key=lambda r: r.end or dt.date.min)
        return build_ref(text, start, end, entry, last, "alias", sectors=("ELI",), kind="person")
    first = min(entry.roles, key=lambda r: r.start or dt.date.min)
    ref = build_ref(text, start, end, entry, first, "alias", sectors=(), kind="person")
    return dataclasses.replace(ref, confidence=0.6)


def sentence_index(sentences: tuple[Any, ...], offset: int) -> int:
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i].index if 0 <= i < len(sentences) else -1

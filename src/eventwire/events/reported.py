"""Reported violence without a named victim: "X said Y attacked" is X accusing Y (CAMEO 112).

When a speaker reports a violent act and names who did it but no other party it was done to ("said eight
people were killed in an air strike by government forces", "said that Iraq had attacked themselves"), the
act itself gives no dyad; what the sentence does record between two actors is the speaker laying the act at
the doer's door: an allegation (CAMEO 112, accuse; PLOVER ACCUSE). When the act has a victim actor of its
own ("X said Y shelled Z") the act is coded instead and no accusation is added: the report is then only the
channel of the news.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..records import ActorRef
from .roles import ActorMap
from .status import status_of

ACCUSE_CODE = "112"
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# verbs that report a fact; opinion, appeal and warning verbs ("believe", "urge", "warn") are not reports
REPORTING_VERBS = frozenset({"say", "tell", "add", "state", "declare", "report", "announce", "confirm", "write",
                             "insist", "stress", "note", "reiterate"})
# clauses that describe an actor or the setting ("the group, which attacked ...") are not what was reported
DESCRIPTIVE_DEPS = frozenset({"relcl", "appos"})
NON_STATE = frozenset({"REB", "OPP", "INS", "SEP", "UAF", "CRM", "RAD"})
ASSERTED = frozenset({"factual", "reported"})


@dataclass(frozen=True, slots=True)
class Accusation:
    """The reporting verb, who spoke, whom the report blames, and the status of the speaking."""

    verb: Any
    speakers: tuple[ActorRef, ...]
    accused: tuple[ActorRef, ...]
    status: str


def reporting_verb(tok: Any, limit: int = 8) -> Any:
    """The reporting verb whose complement clause holds ``tok`` (its nearest one), or None."""
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i or cur.dep_ in DESCRIPTIVE_DEPS:
            return None
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in REPORTING_VERBS:
            return cur.head
        cur = cur.head
    return None


def _coded(a: ActorRef) -> bool:
    return bool(a.cameo_code or a.country)


def _own_side(a: ActorRef, b: ActorRef) -> bool:
    """Same country and the same side of the state/insurgent divide (the Afghan government and the Afghan
    Taliban are not one side)."""
    return bool(a.country) and a.country == b.country and (
        bool(set(a.sectors) & NON_STATE) == bool(set(b.sectors) & NON_STATE))


def _named(a: ActorRef) -> bool:
    return bool(a.country or (a.cameo_code and not a.cameo_code.startswith("---")))


def _same(a: ActorRef, b: ActorRef) -> bool:
    return (a.start, a.end) == (b.start, b.end) or (a.cameo_code is not None and a.cameo_code == b.cameo_code)


def accusations(cands: Iterable[Any], amap: ActorMap) -> list[Accusation]:
    """Accusations implied by reported violent acts that name a doer but no victim actor. ``cands`` are the
    coder's candidates (duck-typed: ``match``, ``sources``, ``targets``, ``status``)."""
    out: list[Accusation] = []
    seen: set[tuple[int, tuple[str, ...]]] = set()
    for c in cands:
        if c.match.pattern.code[:2] not in VIOLENT_ROOTS or c.status not in ASSERTED:
            continue
        doers = [a for a in c.sources if _coded(a)]
        if not doers or any(_coded(t) and not any(_same(t, d) for d in doers) for t in c.targets):
            continue
        verb = reporting_verb(c.match.trigger)
        if verb is None:
            continue
        # an anonymous source ("officials said", "witnesses said") passes the news on; it accuses nobody
        speakers = [s for s in amap.subjects(verb) if _named(s) and not any(_same(s, d) for d in doers)]
        # a speaker reporting what its own side did claims it, it does not accuse anyone
        accused = [d for d in doers if not any(_own_side(s, d) for s in speakers)]
        if not speakers or not accused:
            continue
        key = (verb.i, tuple(sorted(a.cameo_code or a.text for a in accused)))
        if key in seen:
            continue
        seen.add(key)
        out.append(Accusation(verb, tuple(speakers), tuple(accused), status_of(verb)))
    return out


__all__ = ["ACCUSE_CODE", "Accusation", "accusations", "reporting_verb"]

"""Whether two actors make a dyad at all.

Decision (self-events): an event whose source and target carry the same CAMEO actor code is not coded as a
dyad. CAMEO events record interactions between two coded actors; a pair such as RUSGOV → RUSGOV ("Putin met
Russian officials") says nothing an analyst can aggregate by dyad, and it would count a state's internal
business as an interaction of that state with itself (dyad counts, Goldstein sums per dyad). None of the
CAMEO gold sets we evaluate against codes a single event with identical source and target codes. The act
itself is not lost: when every target only restates the doer, the event is kept one-sided (target none), as
for a target that is the same mention as the source ("the UN rejected a call for its forces").

Codes are compared in full, secondary roles included: a defence ministry is a government body with a
military role (GOVMIL, as PETRARCH's agents dictionary codes it), so "Putin met the Defence Ministry" is
RUSGOV → RUSGOVMIL, two different actors. Codes of unknown country ("---GOV") name no particular actor: two
of them may be different bodies, and are kept.
"""

from __future__ import annotations

from ..records import ActorRef


def coded(a: ActorRef | None) -> bool:
    """An actor with a CAMEO code or at least a country."""
    return a is not None and bool(a.cameo_code or a.country)


def same_actor(a: ActorRef, b: ActorRef) -> bool:
    """The same actor: the same mention, the same named actor, or the same CAMEO code (``self_dyad``)."""
    return (a.start, a.end) == (b.start, b.end) or (a.cameo_code is not None and a.cameo_code == b.cameo_code
                                                    and a.name == b.name) or self_dyad(a, b)


def self_dyad(a: ActorRef, b: ActorRef) -> bool:
    """Source ``a`` and target ``b`` carry the same CAMEO code of a known country or organisation."""
    code = a.cameo_code
    return bool(code) and code == b.cameo_code and not str(code).startswith("---")


__all__ = ["coded", "same_actor", "self_dyad"]

"""How the actors refine a pattern's code: a military code when troops act or are acted on, a riot (145) when
a protesting crowd destroys or fights, violent repression (175) when security forces fight a crowd, and aerial
weapons (195) when aircraft attack."""

from __future__ import annotations

from ..records import ActorRef
from .patterns import AgentHeads, Match

# violence done by a protesting crowd: destroying property, unspecified assault
RIOT_CODES = frozenset({"1712", "180"})
CLASH_CODES = frozenset({"190", "193"})
GENERIC_ATTACKS = frozenset({"180", "190", "193"})
CROWD_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter", "crowd", "mob"})
AIRCRAFT_NOUNS = frozenset({"plane", "warplane", "jet", "bomber", "aircraft", "helicopter", "drone", "gunship",
                            "airforce", "airplane", "fighter-bomber"})


def refine(m: Match, src: ActorRef | None, tgt: ActorRef | None) -> str:
    """The code of a matched pattern for this source and target."""
    code = _by_actors(m, src, tgt)
    if code in GENERIC_ATTACKS and airborne(src):
        return "195"  # "Israeli jets struck X", "helicopters attacked": aircraft employ aerial weapons
    return code


def _is_military(a: ActorRef | None) -> bool:
    return a is not None and "MIL" in a.sectors


def _state_force(a: ActorRef | None) -> bool:
    return a is not None and (
        "MIL" in a.sectors or "GOV" in a.sectors or (a.kind == "state" and not a.sectors and bool(a.country))
    )


def _by_actors(m: Match, src: ActorRef | None, tgt: ActorRef | None) -> str:
    """Use the pattern's military code when the actors make the event a military one; property destruction or
    unspecified violence by protesters or a crowd is a violent protest (CAMEO 145, a riot), and security forces
    fighting such a crowd use violent repression (175)."""
    if m.pattern.code in RIOT_CODES and _crowd(src):
        return "145"
    if m.pattern.code in CLASH_CODES:
        # police or troops fighting a crowd repress it (175); a crowd fighting them riots (145)
        if _crowd(src):
            return "145"
        if _crowd(tgt) and (_state_force(src) or (src is not None and "COP" in src.sectors)):
            return "175"
    mil = m.pattern.military_code
    if mil is None:
        return m.pattern.code
    if mil[:2] == "15":
        return mil if _is_military(src) else m.pattern.code  # a show of force is made by troops, not at them
    if mil[:2] in ("18", "19", "20") or m.pattern.code[:2] in ("13", "18", "19"):
        return mil if _state_force(src) or _is_military(tgt) else m.pattern.code
    return mil if _is_military(src) or _is_military(tgt) or _moves_forces(m) else m.pattern.code


def _moves_forces(m: Match) -> bool:
    """"Russia withdrew its troops": the act moves armed forces (its object is a military noun), which makes it a
    military one even when neither side is coded MIL (the doer's own troops are not its target)."""
    heads = AgentHeads.load().sectors
    return any(c.dep_ in ("dobj", "obj") and heads.get(c.lemma_.lower()) == "MIL" for c in m.trigger.children)


def airborne(actor: ActorRef | None) -> bool:
    """The doer is aircraft: the mention ends in a word for warplanes, helicopters or drones."""
    if actor is None:
        return False
    words = actor.text.lower().replace("-", " ").split()
    return bool(words) and (words[-1].rstrip("s") in AIRCRAFT_NOUNS or words[-2:] == ["air", "force"])


def _crowd(actor: ActorRef | None) -> bool:
    """A protesting crowd: the mention ends in a protester or crowd noun ("Ukrainian protestors", "a mob")."""
    if actor is None:
        return False
    words = actor.text.lower().replace("-", " ").split()
    return bool(words) and words[-1].rstrip("s") in CROWD_NOUNS



__all__ = ["airborne", "refine"]

"""Source and target actors of a trigger, read from the dependency parse.

``ActorMap`` knows which tokens belong to which resolved actor mention. The role functions walk the parse:
subjects (with coordination, passives with "by", participles and relative clauses), objects and
prepositional targets ("against", "on", "at", "with", "to"), possessives ("X's stronghold" → X), and
"controlled by X" on a target noun. A country actor that modifies an agent noun ("U.S. planes") takes that
noun's sector (MIL), as CAMEO agent codes do.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records import ActorRef
from .patterns import AgentHeads

TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "toward", "towards", "into", "in")
NOUN_TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "toward", "towards", "into", "of", "for")
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
PERSONAL_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})


class ActorMap:
    """Token index → actor mention (longest mention wins on overlaps)."""

    def __init__(self, doc: Any, actors: tuple[ActorRef, ...]) -> None:
        self.doc = doc
        self.by_token: dict[int, ActorRef] = {}
        self.actors = actors
        self.heads = AgentHeads.load().sectors
        for a in sorted(actors, key=lambda a: a.end - a.start):
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token[tok.i] = a

    def get(self, tok: Any) -> ActorRef | None:
        return self.by_token.get(tok.i)

    def in_sentence(self, sent: Any) -> bool:
        return any(sent.start <= i < sent.end for i in self.by_token)

    # ---- noun phrases
    def np(self, tok: Any, depth: int = 0) -> list[ActorRef]:
        """Actors named by the noun phrase headed by ``tok`` (its conjuncts included)."""
        found = self._np_one(tok, depth)
        for cj in tok.conjuncts:
            if cj.i > tok.i:
                found += [a for a in self._np_one(cj, depth) if a not in found]
        return found

    def _np_one(self, tok: Any, depth: int) -> list[ActorRef]:
        a = self.get(tok)
        if a is not None:
            return [a]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self._np_one(tok.head.head, depth + 1) if depth < 3 else []
        if tok.lower_ in PERSONAL_PRONOUNS:
            return self._pronoun(tok)
        if depth >= 3:
            return []
        for group in self._modifier_groups(tok):
            actors = [x for c in group for x in self.np(c, depth + 1)]
            if actors:
                return [self._with_agent(tok, a) for a in _dedupe(actors)]
        return []

    def _modifier_groups(self, tok: Any) -> list[list[Any]]:
        kids = list(tok.children)
        controlled = [g for c in kids if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                      for g in a.children if g.dep_ == "pobj"]
        poss = [c for c in kids if c.dep_ == "poss"]
        mods = [c for c in kids if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
        of = [g for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children
              if g.dep_ == "pobj"]
        appos = [c for c in kids if c.dep_ == "appos"]
        return [controlled, poss, mods, of, appos]

    def _with_agent(self, head: Any, actor: ActorRef) -> ActorRef:
        """'U.S. planes' → the USA actor with sector MIL (only for country-level actors)."""
        sector = self.heads.get(head.lemma_.lower()) or self.heads.get(head.lower_)
        if sector is None or actor.sectors or not actor.country:
            return actor
        return dataclasses.replace(actor, sectors=(sector,), cameo_code=f"{actor.country}{sector}")

    def _pronoun(self, tok: Any) -> list[ActorRef]:
        """Fallback when the resolver left a pronoun unresolved: the nearest earlier subject actor."""
        sent = tok.sent
        best: ActorRef | None = None
        for i in range(tok.i - 1, sent.start - 1, -1):
            a = self.by_token.get(i)
            if a is not None and self.doc[i].dep_ in ("nsubj", "nsubjpass"):
                best = a
                break
        if best is None:
            return []
        return [dataclasses.replace(best, confidence=min(best.confidence, 0.5), reason="pronoun-fallback")]

    # ---- verbs
    def subjects(self, verb: Any, depth: int = 0) -> list[ActorRef]:
        kids = list(verb.children)
        subj = [c for c in kids if c.dep_ in SUBJECT_DEPS]
        if subj:
            return [a for s in subj for a in self.np(s)]
        agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return [a for g in agent for a in self.np(g)]
        if _passive(verb) and self._has_target_prep(verb):
            # "X is opposed to Y": an adjectival passive whose subject is the doer
            return [a for c in kids if c.dep_ == "nsubjpass" for a in self.np(c)]
        if depth > 4:
            return []
        head = verb.head
        if verb.dep_ == "xcomp":
            objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            return [a for o in objs for a in self.np(o)] or self.subjects(head, depth + 1)
        if verb.dep_ in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, depth + 1)
        if verb.dep_ == "pcomp":
            return self.subjects(head.head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and verb.tag_ != "VBN":
            return self.np(head)
        return []

    def _has_target_prep(self, verb: Any) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in ("to", "against", "with") for c in verb.children)

    def targets(self, verb: Any, skip: Any = None) -> list[ActorRef]:
        kids = list(verb.children)
        objs = [c for c in kids if c.dep_ in ("dobj", "obj", "dative", "iobj") and c is not skip]
        if _passive(verb) and not self._has_target_prep(verb) or any(c.dep_ == "agent" for c in kids):
            objs += [c for c in kids if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head is not skip:
            objs.append(verb.head)
        direct = [a for o in objs for a in self.np(o) if self.get(o) is not None or o.pos_ == "PRON"]
        if direct:
            return direct
        found = self.prep_targets(verb, TARGET_PREPS)
        if found:
            return found
        # "launch strikes against X", "sign an agreement with X": the preposition hangs off the object
        for o in [*objs, *([skip] if skip is not None else [])]:
            found = self.prep_targets(o, NOUN_TARGET_PREPS[:-2])
            if found:
                return found
        return [a for o in objs for a in self.np(o)]

    def prep_targets(self, tok: Any, preps: tuple[str, ...]) -> list[ActorRef]:
        for prep in preps:
            for c in tok.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == prep:
                    found = [a for g in c.children if g.dep_ == "pobj" for a in self.np(g)]
                    if found:
                        return found
        return []

    # ---- nominal triggers
    def noun_sources(self, noun: Any) -> list[ActorRef]:
        for t in noun.subtree:
            if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.head.pos_ != "VERB":
                found = [a for g in t.children if g.dep_ == "pobj" for a in self.np(g)]
                if found:
                    return found
        poss = [a for c in noun.children if c.dep_ == "poss" for a in self.np(c)]
        if poss:
            return poss
        mods = [a for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i for a in self.np(c)]
        if mods:
            return mods
        gov = _governor(noun)
        if gov is not None:
            return self.subjects(gov)
        return []

    def noun_targets(self, noun: Any, *, with_of: bool = True) -> list[ActorRef]:
        preps = NOUN_TARGET_PREPS if with_of else tuple(p for p in NOUN_TARGET_PREPS if p != "of")
        found = self.prep_targets(noun, preps)
        if found:
            return found
        gov = _governor(noun)
        if gov is not None and noun.dep_ in ("dobj", "obj"):
            return self.prep_targets(gov, TARGET_PREPS)
        return []


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _governor(noun: Any) -> Any:
    """The verb whose subject did a nominal event: object of a (light) verb, or in a PP on the verb."""
    tok = noun
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ in ("dobj", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def _dedupe(actors: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a in actors:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            out.append(a)
    return out


__all__ = ["ActorMap"]

"""Source and target actors of a trigger, read from the dependency parse.

``ActorMap`` knows which tokens belong to which resolved actor mention. The role functions walk the parse:
subjects (with coordination, passives with "by", participles and relative clauses), objects and
prepositional targets ("against", "on", "at", "with", "to"), possessives ("X's stronghold" → X), and
"controlled by X" on a target noun. A country actor that modifies an agent noun ("U.S. planes") takes that
noun's sector (MIL), as CAMEO agent codes do. A capital that is not an actor of its own stands for its government
when an act is addressed to it or expected of it ("accused Tehran of violating", see ADDRESSED_ROOTS); a place
struck or visited stays a place. "Counterparts" take the sector of those who meet them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..actors.kb import default_kb, plover_actor
from ..records import ActorRef, Place
from .control import accused_gerund, accused_objects, accuser, controlled, controllers
from .patterns import AgentHeads

TARGET_PREPS = ("against", "with", "on", "upon", "at", "from", "to", "toward", "towards", "into", "in", "about")
OBJECT_TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "toward", "towards", "into", "for", "about",
                       "between")
NOUN_TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "toward", "towards", "into", "of", "for", "between")
HOSTILE_PREPS = ("on", "against", "upon", "of", "at")
RECEIVING_VERBS = frozenset({"draw", "receive", "face", "get", "win", "earn", "attract", "accept", "welcome",
                             "meet", "encounter", "obtain", "secure"})
CONDITION_MARKS = frozenset({"if", "unless"})
SCENE_PREPS = frozenset({"in", "during", "at", "through", "throughout", "via"})
# "flew to Cairo for talks", "return to Geneva for talks": who travels for an act is the one who does it
# ("come in for criticism" is an idiom, so "come" is not one of them)
TRAVEL_VERBS = frozenset({"go", "return", "travel", "arrive", "fly", "head", "leave", "depart", "gather", "assemble",
                          "converge", "jet", "rush"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
PERSONAL_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"})
PLURAL = frozenset({"they", "their", "them"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# dependencies the predicate scan does not enter: other clauses, and the doer's "by" phrase
SCAN_STOP = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "mark", "punct", "agent", "cc", "csubj",
                       "npadvmod", "appos"})
# verbs of meeting: "met their counterparts from X" — a "from/of X" phrase right after the object is the object's
MEETING_VERBS = frozenset({"meet", "host", "receive", "greet"})
# prepositions that name who an act is addressed to ("talks with Tehran", "sanctions on Moscow", "appeal to
# Beijing"), not where it happened ("in", "at", "near")
ADDRESS_PREPS = ("with", "on", "upon", "against", "to", "toward", "towards", "about")
# Acts addressed to a party — statements, appeals, intents, consultations, diplomatic and material cooperation,
# investigations, demands, disapproval, rejection, threats, reduced relations and sanctions (CAMEO roots 01-06,
# 09-13, 16): a capital as their target ("accused Tehran", "urged Beijing", "sanctions on Moscow") stands for
# its government (IRNGOV), as a capital as the doer does. Acts done to a place — aid delivered there, withdrawal
# from it, protest, force posture, coercion, assault, fighting, mass violence (07, 08, 14, 15, 17-20) — keep the
# capital a place (its country, no sector): "struck Damascus" hits Syria, not the Syrian government. A visit
# (042/043) goes to a place too.
ADDRESSED_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "09", "10", "11", "12", "13", "16"})
DESTINATION_CODES = frozenset({"042", "043"})
# named-entity types whose words, inside an actor mention, are a name (see ActorMap.in_name)
NAME_ENTS = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"})
# verbs of movement or assembly take no object: "police arrived and arrested X" did not arrive X
INTRANSITIVE = frozenset({"arrive", "come", "go", "return", "retreat", "leave", "gather", "march", "rally", "flee",
                          "travel", "land", "depart", "fall", "rise", "die", "resign", "escape"})


class ActorMap:
    """Token index → actor mention (longest mention wins on overlaps)."""

    def __init__(
        self, doc: Any, actors: tuple[ActorRef, ...], offset: int = 0, places: tuple[Place, ...] = ()
    ) -> None:
        self.doc = doc
        self.places: dict[int, Place] = {}
        self.offset = offset  # where ``doc`` starts in the article text (a re-parsed piece)
        self.by_token: dict[int, ActorRef] = {}
        self.tokens: dict[tuple[int, int], list[int]] = {}
        self.also: dict[tuple[int, int], list[ActorRef]] = {}  # further actors of one mention (see expand)
        self.actors = actors
        self.heads = AgentHeads.load().sectors
        size = len(doc.text)  # Doc.text is rebuilt from the tokens on every access
        for a in sorted(actors, key=lambda a: a.end - a.start):
            if a.start < offset or a.end - offset > size:
                continue
            span = doc.char_span(a.start - offset, a.end - offset, alignment_mode="expand")
            if span is None:
                continue
            if (a.start, a.end) in self.tokens:  # one name, several codes: the first stands in the parse
                self.also.setdefault((a.start, a.end), []).append(a)
                continue
            for tok in span:
                self.by_token[tok.i] = a
            self.tokens[(a.start, a.end)] = [t.i for t in span]
        for p in places:
            if p.country and p.start >= offset and p.end - offset <= size:
                pspan = doc.char_span(p.start - offset, p.end - offset, alignment_mode="expand")
                for tok in pspan if pspan is not None else ():
                    self.places[tok.i] = p

    def get(self, tok: Any) -> ActorRef | None:
        return self.by_token.get(tok.i)

    def expand(self, actors: list[ActorRef]) -> list[ActorRef]:
        """Each actor followed by the further actors its mention stands for (a dictionary name with several
        codes gives one event per code)."""
        return [b for a in actors for b in (a, *self.also.get((a.start, a.end), []))]

    def situate(self, actor: ActorRef, sent: Any, others: list[ActorRef]) -> ActorRef:
        """A titled person of unknown country ("President Michel Suleiman") takes the country the sentence is
        about when it names exactly one other country: places and states, leaving out the other party's
        country and anything inside the other party's own phrase ("the US commander in Iraq")."""
        if actor.country or actor.reason != "title" or not actor.cameo_code:
            return actor
        inside: set[int] = set()
        for o in others:
            for i in self.tokens.get((o.start, o.end), []):
                head = self.doc[i]
                while head.head.i in self.tokens.get((o.start, o.end), []) and head.head.i != head.i:
                    head = head.head
                inside |= {t.i for t in head.subtree}
        own = self.tokens.get((actor.start, actor.end), [])
        taken = {o.country for o in others if o.country}
        countries: set[str] = set()
        for tok in sent:
            if tok.i in inside or tok.i in own:
                continue
            other = self.get(tok)
            place = self.places.get(tok.i)
            if other is not None and other.kind == "state" and other.country:
                countries.add(other.country)
            elif other is None and place is not None and place.country:
                countries.add(place.country)
        countries -= taken
        if len(countries) != 1:
            return actor
        country = next(iter(countries))
        return dataclasses.replace(actor, country=country, cameo_code=country + actor.cameo_code[3:],
                                   plover_actor=dataclasses.replace(actor.plover_actor, country=country),
                                   confidence=min(actor.confidence, 0.5), reason="title-in-context")

    def in_name(self, tok: Any) -> bool:
        """Whether ``tok`` is a word of a recognised actor's name ("Treaty" in "the North Atlantic Treaty
        Organization", also in "troops from the North Atlantic Treaty Organization"; "Cooperation" in "Shanghai
        Cooperation Organisation"): such a word is no event trigger. Only words of the named entity itself: a
        noun the resolver joined to a name ("the EU's sanctions", "the Iranian offer") still is one."""
        return self.get(tok) is not None and tok.ent_type_ in NAME_ENTS

    def in_sentence(self, sent: Any) -> bool:
        return any(sent.start <= i < sent.end for i in self.by_token)

    # ---- noun phrases
    def np(self, tok: Any, depth: int = 0) -> list[ActorRef]:
        """Actors named by the noun phrase headed by ``tok`` (its conjuncts included)."""
        # "facilities and tankers controlled by X": the controller owns the whole coordination
        owners = [a for t in (tok, *tok.conjuncts) for a in self._controllers(t)]
        if owners:
            return _dedupe(owners)
        found = self._np_one(tok, depth)
        for cj in self._coordinated(tok):
            found += [a for a in self._np_one(cj, depth) if a not in found]
        return found

    def _coordinated(self, tok: Any) -> list[Any]:
        """Later conjuncts of ``tok``, also when the parser hung them on another word of the same actor
        ("Barack Obama and Vladimir Putin") or on an apposition ("The US, Russia, and Switzerland")."""
        a = self.get(tok)
        heads = [self.doc[i] for i in self.tokens.get((a.start, a.end), [])] if a is not None else [tok]
        out: list[Any] = []
        for h in heads or [tok]:
            out += [c for c in h.conjuncts if c.i > tok.i]
            listing = any(c.dep_ == "conj" for c in h.children)
            for ap in (c for c in h.children if c.dep_ == "appos" and c.i > h.i):
                if (ap.conjuncts or listing) and self.get(ap) is not None and self.get(ap) != a:
                    out += [ap, *[c for c in ap.conjuncts if c.i > ap.i]]
        return [c for c in dict.fromkeys(out) if self.get(c) is None or self.get(c) != a]

    def _controllers(self, tok: Any) -> list[ActorRef]:
        if self.get(tok) is not None:
            return []
        return [a for c in tok.children if c.dep_ == "acl" for ag in c.children if ag.dep_ == "agent"
                for g in ag.children if g.dep_ == "pobj" for a in self._np_one(g, 2)]

    def _np_one(self, tok: Any, depth: int) -> list[ActorRef]:
        a = self.get(tok)
        if a is not None:
            # "U.S. and French planes": a coordinated modifier names a second actor
            mods = [(c, self.get(c)) for c in tok.lefts if c.dep_ in MODIFIER_DEPS]
            extra = [x for c, x in mods if x is not None and x is not a
                     and (any(g.dep_ in ("cc", "conj") for g in c.children) or c.dep_ == "conj")]
            # "Arnor, Calenardhon and Gondor" parsed as a list modifying the last name: every member counts
            extra += [x for c, _ in mods for cj in c.conjuncts if cj.i < tok.i
                      for x in [self.get(cj)] if x is not None and x is not a and x not in extra]
            return self._fill_country(tok, a) + [self._with_agent(tok, x) for x in extra]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self._np_one(tok.head.head, depth + 1) if depth < 3 else []
        if tok.lower_ in PERSONAL_PRONOUNS:
            return self._pronoun(tok)
        if depth >= 3 or self.heads.get(tok.lemma_.lower()) == "NONE":
            return []
        for group in self._modifier_groups(tok):
            actors = [x for c in group for x in self.np(c, depth + 1)]
            if actors:
                # "German and French leaders": a coordinated demonym the resolver left alone is an actor too
                places = [p for c in group for m in (c, *c.conjuncts) if self.get(m) is None
                          for p in [self._place_agent(tok, m)] if p is not None]
                found = sorted([self._with_agent(tok, a) for a in actors] + places, key=lambda a: a.start)
                return _dedupe(found)
        return self._demonym_agent(tok)

    def _demonym_agent(self, head: Any) -> list[ActorRef]:
        """"Palestinian prisoners", "U.S. soldier": an agent noun modified by a place or demonym the resolver
        left alone becomes that country's agent (CAMEO country + agent code)."""
        for c in head.lefts:
            found = self._place_agent(head, c) if c.dep_ in MODIFIER_DEPS else None
            if found is not None:
                return [found]
        return []

    def _place_agent(self, head: Any, mod: Any) -> ActorRef | None:
        """The agent noun ``head`` of the country named by the place or demonym ``mod`` ("Palestinian
        prisoners" → PSECVL), or None."""
        sector = self.heads.get(head.lemma_.lower()) or self.heads.get(head.lower_)
        place = self.places.get(mod.i)
        if sector is None or sector == "NONE" or place is None or not place.country or mod.i > head.i:
            return None
        start = mod.idx + self.offset
        end = head.idx + len(head.text) + self.offset
        return ActorRef(text=self.doc[mod.i : head.i + 1].text, start=start, end=end,
                        name=f"{place.name} {head.lemma_}", country=place.country, sectors=(sector,),
                        cameo_code=place.country + sector, kind="group", confidence=0.6,
                        sentence=place.sentence, reason="event-agent-noun")

    def _modifier_groups(self, tok: Any) -> list[list[Any]]:
        kids = list(tok.children)
        controlled = [g for c in kids if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                      for g in a.children if g.dep_ == "pobj"]
        poss = [c for c in kids if c.dep_ == "poss"]
        mods = [c for c in kids if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
        # "officials of X", "soldiers from X"; "people in Paris" for civilian heads only
        preps = ("of", "from", "in") if self.heads.get(tok.lemma_.lower()) == "CVL" else ("of", "from")
        of = [g for c in [*kids, *reattached_preps(tok)] if c.dep_ == "prep" and c.lower_ in preps
              for g in c.children if g.dep_ == "pobj"]
        appos = [c for c in kids if c.dep_ == "appos"]
        return [controlled, poss, mods, of, appos]

    def _fill_country(self, head: Any, actor: ActorRef) -> list[ActorRef]:
        """A country-less actor ("the air grouping", "people") takes the country of a modifying place or
        demonym ("the Russian air grouping") or of the place it is in ("people in Paris"); with coordinated
        places ("officials in Arnor and Gondor") one actor per country."""
        if actor.country:
            return [actor]
        near = [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i < head.i]
        # "Ankara's district administration", "Moscow's city government": a place or state owning the agent
        near += [c for c in head.children if c.dep_ == "poss" and self._stateish(c)]
        pobjs = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "from") for g in c.children
                 if g.dep_ == "pobj"]
        near += [t for g in pobjs for t in (g, *g.conjuncts)]
        code = actor.cameo_code or "---"
        out: list[ActorRef] = []
        for tok in near:
            other = self.get(tok)
            if other is not None and (other.start, other.end) == (actor.start, actor.end):
                continue  # a word of the name itself: "Shanghai Cooperation Organisation" is not Chinese
            country = other.country if other is not None and other != actor else None
            place = self.places.get(tok.i)
            country = country or (place.country if place is not None else None)
            if country and all(a.country != country for a in out):
                out.append(dataclasses.replace(actor, country=country, cameo_code=country + code[3:]))
                if tok.i < head.i:
                    break  # a modifier ("the Russian air grouping") names one country
        return out or [actor]

    def _stateish(self, tok: Any) -> bool:
        """A place, or an actor that is a state (not an organisation or person, whose agents are their own)."""
        other = self.get(tok)
        if other is not None:
            return other.kind == "state" or other.reason == "place-as-actor"
        return tok.i in self.places

    def place_actor(self, tok: Any, sectors: tuple[str, ...] | None = None) -> list[ActorRef]:
        """A place named as the doer ("Paris launched strikes") stands for its country's government."""
        place = self.places.get(tok.i) if tok is not None else None
        if place is None or place.feature not in ("city", "country") or not place.country:
            return []
        if sectors is None:
            sectors = ("GOV",) if place.feature == "city" else ()
        return [ActorRef(text=place.text, start=place.start, end=place.end, name=place.name, country=place.country,
                         sectors=sectors, cameo_code=place.country + "".join(sectors), kind="state",
                         confidence=0.5, sentence=place.sentence, reason="place-as-actor")]

    def capital(self, tok: Any) -> list[ActorRef]:
        """A capital named as the party an act is addressed to or expected of ("accused Tehran of violating",
        "urged Beijing to", "sanctions on Moscow") stands for its state's government, as a capital named as the
        doer does ("Moscow accused ..." → RUSGOV; see actors.resolver): CAMEO reads the capital as a metonym
        for the government. Only tokens that are no actor of their own, and only capital cities; coordinated
        capitals ("Moscow and Minsk") each."""
        out: list[ActorRef] = []
        sectors = ("GOV",)
        for t in (tok, *tok.conjuncts) if tok is not None else ():
            place = self.places.get(t.i)
            if place is None or self.get(t) is not None or place.feature != "city" or not place.country:
                continue
            if default_kb().capital_of(place.text) != place.country:
                continue
            out.append(ActorRef(text=place.text, start=place.start, end=place.end, name=place.name,
                                country=place.country, sectors=sectors, cameo_code=place.country + "GOV",
                                plover_actor=plover_actor(place.country, sectors, None), kind="state",
                                confidence=0.5, sentence=place.sentence, reason="capital-as-government"))
        return _dedupe(out)

    def _with_agent(self, head: Any, actor: ActorRef) -> ActorRef:
        """'U.S. planes' → the USA actor with sector MIL (only for country-level actors)."""
        sector = self.heads.get(head.lemma_.lower()) or self.heads.get(head.lower_)
        if sector is None or sector == "NONE" or actor.sectors or not actor.country:
            return actor
        return dataclasses.replace(actor, sectors=(sector,), cameo_code=f"{actor.country}{sector}")

    def _pronoun(self, tok: Any) -> list[ActorRef]:
        """Fallback when the resolver left a pronoun unresolved: the nearest earlier subject actor."""
        sent = tok.sent
        found: list[ActorRef] = []
        for i in range(tok.i - 1, sent.start - 1, -1):
            a = self.by_token.get(i)
            # the subject of the pronoun's own clause is not its antecedent ("X requested it")
            if a is not None and self.doc[i].dep_ in ("nsubj", "nsubjpass") and self.doc[i].head != tok.head:
                # "Obama and Putin said they ...": a plural pronoun takes up the whole coordination
                found = [a] + ([x for x in self._np_one(self.doc[i], 3) if x != a] if tok.lower_ in PLURAL else [])
                found += [x for c in self._coordinated(self.doc[i]) for x in [self.get(c)]
                          if tok.lower_ in PLURAL and x is not None and x not in found]
                break
        return [dataclasses.replace(a, confidence=min(a.confidence, 0.5), reason="pronoun-fallback") for a in found]

    # ---- verbs
    def subjects(self, verb: Any, depth: int = 0) -> list[ActorRef]:
        kids = list(verb.children)
        subj = [c for c in kids if c.dep_ in SUBJECT_DEPS]
        if subj:
            return [a for s in subj for a in self.np(s) or self.place_actor(s)]
        agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return [a for g in agent for a in self.np(g)]
        if _passive(verb) and self._has_target_prep(verb):
            # "X is opposed to Y": an adjectival passive whose subject is the doer
            return [a for c in kids if c.dep_ == "nsubjpass" for a in self.np(c)]
        if depth > 4 or (verb.dep_ == "advcl" and any(c.dep_ == "nsubjpass" for c in kids)):
            return []  # "since demonstrators were crushed": a passive subordinate clause's doer is unknown
        head = verb.head
        if controlled(verb):
            # "called on Russia to withdraw": Russia withdraws; "promised Merkel to withdraw": the subject does
            objs = controllers(verb) or []
            return [a for o in objs for a in self.np(o) or self.capital(o)] or self.subjects(head, depth + 1)
        if verb.dep_ in ("conj", "advcl", "pcomp", "acomp") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, depth + 1)
        if accused_gerund(verb) is not None:
            return self.noun_sources(verb, inherit=False)  # "accused X of [looting villages]": X looted
        if verb.dep_ == "pcomp":
            # "jailed X for helping militants": the object of the main verb did the helping
            objs = [c for c in head.head.children if c.dep_ in ("dobj", "obj")]
            accusing = accuser(verb)
            if accusing is not None:
                # "charged X with torturing", "Russia was accused of bombing": the accused did it
                objs = accused_objects(accusing)
            # "warned X against attacking", "barred Y from entering": the object is who would act
            if (head.lower_ in ("for", "of", "against", "from") or accusing is not None) and objs:
                return [a for o in objs for a in self.np(o) or self.capital(o)]
            return self.subjects(head.head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and verb.tag_ != "VBN":
            return self.np(head)
        return []

    def _misparsed_name(self, tok: Any) -> bool:
        """"condemned IS militants": a name the parser read as a clause of its own (IS as a verb, "militants" its
        attribute) — a complement clause whose verb is the first word of a several-word actor mention and that
        has no subject — is the verb's object."""
        a = self.get(tok)
        own = self.tokens.get((a.start, a.end), []) if a is not None else []
        return (tok.dep_ == "ccomp" and tok.pos_ in ("VERB", "AUX") and len(own) > 1 and own[0] == tok.i
                and not any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in tok.children))

    def _owned_by(self, poss: Any, countries: set[str]) -> bool:
        owner = self.get(poss)
        return owner is None or owner.country in countries

    def _has_target_prep(self, verb: Any) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in ("to", "against", "with") for c in verb.children)

    def targets(self, verb: Any, skip: Any = None, addressed: bool = False) -> list[ActorRef]:
        """Who the act of ``verb`` is done to. ``addressed``: the act is one addressed to a party (verbal,
        diplomatic: see ADDRESSED_ROOTS), so a capital as its object stands for the government."""
        return self._counterparts(verb, self._targets(verb, skip, addressed))

    def _counterparts(self, verb: Any, found: list[ActorRef]) -> list[ActorRef]:
        """"Russian officials met their US counterparts": counterparts hold the office of those they meet, so
        a country named in the counterparts' phrase takes the sector the subjects share (USA → USAGOV)."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "counterpart"]
        if not objs:
            return found
        sectors = {a.sectors for a in self.subjects(verb) if a.country and a.sectors}
        if len(sectors) != 1:
            return found
        shared = next(iter(sectors))
        if not any(a.country for a in found):
            # "their counterparts from Washington": a place names the counterparts' country
            pobjs = [g for o in objs for p in (*o.children, *reattached_preps(o)) if p.dep_ == "prep"
                     and p.lower_ in ("from", "of") for g in p.children if g.dep_ == "pobj" and self.get(g) is None]
            found = [ActorRef(text=pl.text, start=pl.start, end=pl.end, name=pl.name, country=pl.country,
                              kind="state", confidence=0.5, sentence=pl.sentence, reason="counterpart")
                     for g in pobjs for pl in [self.places.get(g.i)] if pl is not None and pl.country] or found
        # only what names whose counterparts they are: "their US counterparts", "counterparts from/of X" (not
        # "their counterparts in Geneva", where they met)
        owners = [c for o in objs for c in (*o.children, *reattached_preps(o))
                  if (c.dep_ in MODIFIER_DEPS and c.i < o.i) or (c.dep_ == "prep" and c.lower_ in ("from", "of"))]
        inside = [(t.idx + self.offset, t.idx + len(t.text) + self.offset) for c in owners for t in c.subtree]
        out = []
        for a in found:
            if (a.country and not a.sectors and a.kind == "state"
                    and any(lo <= a.start < hi for lo, hi in inside) and any(lo < a.end <= hi for lo, hi in inside)):
                # a place that only names the counterparts' country ("their US counterparts") is their state
                reason = "counterpart" if a.reason in ("place-scan", "predicate-scan") else a.reason
                a = dataclasses.replace(a, sectors=shared, cameo_code=a.country + "".join(shared), reason=reason,
                                        plover_actor=plover_actor(a.country, shared, a.plover_actor.country))
            out.append(a)
        return out

    def _targets(self, verb: Any, skip: Any, addressed: bool) -> list[ActorRef]:
        if accused_gerund(verb) is not None:
            return self.accused_targets(verb)
        kids = list(verb.children)
        # spaCy makes a new Token object on every access: compare tokens by position, never by identity
        skip_i = skip.i if skip is not None else -1
        objs = [c for c in kids if c.dep_ in ("dobj", "obj", "dative", "iobj") and c.i != skip_i]
        objs += [c for c in kids if self._misparsed_name(c)]
        if not objs and not _passive(verb):
            objs = _shared_objects(verb)
        if _passive(verb) and not self._has_target_prep(verb) or any(c.dep_ == "agent" for c in kids):
            objs += [c for c in kids if c.dep_ == "nsubjpass"]
            if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
                # "X, imprisoned for ..., were released by Y": a passive conjunct shares its head's subject,
                # which is what the act was done to
                objs += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != skip_i:
            objs.append(verb.head)
        # "withdrew its troops": what the subject owns is moved, not targeted
        subjects = self.subjects(verb)
        own = {a.country for a in subjects if a.country}
        every = list(objs)
        objs = [o for o in objs if not any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") and self._owned_by(c, own) for c in o.children)]
        direct = [a for o in objs for a in self.np(o) if self.get(o) is not None or o.pos_ == "PRON"]
        if not direct and addressed:
            direct = [a for o in objs for a in self.capital(o)]
        # "met their counterparts from X": the phrase belongs to the object, not to the verb
        moved = frozenset(p.i for o in every for p in reattached_preps(o))
        if direct and all(a.reason == "unknown" and not a.cameo_code for a in direct):
            # "celebrated Iftar with the parliament of X": an object nobody could code is no better a party
            # than a named one in the verb's prepositional phrase
            alt = self.prep_targets(verb, TARGET_PREPS, avoid=tuple(subjects), skip=moved)
            if any(a.cameo_code for a in alt):
                return alt
        if direct:
            return direct
        # "arrived in X on his first visit": a phrase that only names the doer again is not the target
        doers = tuple(subjects)
        # a light verb's phrase belongs to its event noun: "issued warrants for X" is aimed at X
        preps = TARGET_PREPS + ("for",) if skip is not None else TARGET_PREPS
        found = self.prep_targets(verb, preps, avoid=doers, skip=moved, addressed=addressed)
        if found:
            return found
        # "launch strikes against X", "sign an agreement with X", "warned their people about X": the
        # preposition hangs off the object (also an object the subject owns)
        for o in [*every, *([skip] if skip is not None else [])]:
            found = self.prep_targets(o, OBJECT_TARGET_PREPS, avoid=doers, addressed=addressed)
            if found:
                return found
        # "inching nearer to accord with X": the party is inside the verb's prepositional phrase
        for c in kids:
            for g in (g for p in (c, *c.children) if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"):
                found = self.prep_targets(g, ("with", "against"), avoid=doers)
                if found:
                    return found
        # the consumed object's own actors ("prevented the demonstration staged by students"), not the doer's
        owned = [skip] if skip is not None and skip.head.i == verb.i else []
        # ... but not the pattern's object word itself: "share intelligence" shares no spy agency
        found = [a for o in [*objs, *owned] for a in self.np(o) if not any(_restates(a, d) for d in doers)
                 and not (o.i == skip_i and self.get(o) == a)]
        # "withdrew its troops": what the doer moves is not found again by the scan either
        kept = {o.i for o in objs}
        moved_own = frozenset((a.start, a.end) for o in every if o.i not in kept
                              for a in [self.get(o)] if a is not None)
        return found or self.predicate_scan(verb, doers, first=[o for o in every if o.i < verb.i], skip=skip_i,
                                            avoid=moved_own)

    def purpose_targets(self, verb: Any, obj: Any = None) -> list[ActorRef]:
        """"signed an accord to supply X with wheat": the party of an agreement named in its infinitival purpose
        clause (on the verb or on the agreement noun), as object or after a target preposition."""
        doers = tuple(self.subjects(verb))
        for head in (verb, *([obj] if obj is not None else [])):
            for c in head.children:
                if c.dep_ not in ("advcl", "acl") or not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                    continue
                objs = [g for g in c.children if g.dep_ in ("dobj", "obj", "dative")]
                found = [a for o in objs for a in self.np(o) if not any(_restates(a, d) for d in doers)]
                found = found or self.prep_targets(c, TARGET_PREPS, avoid=doers)
                if found:
                    return found
        return []

    def condition_targets(self, verb: Any) -> list[ActorRef]:
        """"threatened to strike unless Israel rescinded X", "will retaliate if the US imposes sanctions": the
        one whose act the condition names is who the threat or demand is aimed at."""
        doers = tuple(self.subjects(verb))
        heads = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
        for h in heads:
            for c in h.children:
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in c.children):
                    found = [a for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for a in self.np(g)
                             if not any(_restates(a, d) for d in doers)]
                    if found:
                        return found
        return []

    def predicate_scan(self, head: Any, doers: tuple[ActorRef, ...], first: list[Any] | None = None,
                       skip: int = -1, avoid: frozenset[tuple[int, int]] = frozenset()) -> list[ActorRef]:
        """Last resort, as PETRARCH codes: the first actor named in the phrase after the trigger ("left for
        Minas Tirith", "criticized the closure of guest houses in X", "clashed over the efforts of X") — or in
        ``first`` (a passive subject) — without entering clauses of their own (subordinate, relative, reported
        or coordinated verbs) or the doer's "by" phrase. Failing an actor, the first place named there stands
        for its country ("the shootings in South Carolina", "the Russian building")."""
        stack = list(reversed(list(head.rights))) + list(reversed(first or []))
        place: Place | None = None
        while stack:
            tok = stack.pop()
            if tok.dep_ in SCAN_STOP or (tok.dep_ == "prep" and tok.lower_ == "by") or (
                    tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
                continue
            a = self.get(tok) if tok.i != skip else None  # the pattern's own object word is no party
            if a is not None and (a.start, a.end) in avoid:
                a = None
            if a is not None and not any(_restates(a, d) for d in doers) and a.text.lower() not in PERSONAL_PRONOUNS:
                return [dataclasses.replace(a, confidence=min(a.confidence, 0.6), reason="predicate-scan")]
            if place is None and a is None and tok.i in self.places:
                place = self.places[tok.i]
            stack += [c for c in reversed(list(tok.children))]
        if place is None or not place.country or any(d.cameo_code == place.country for d in doers):
            return []
        return [ActorRef(text=place.text, start=place.start, end=place.end, name=place.name, country=place.country,
                         sectors=(), cameo_code=place.country, kind="state", confidence=0.4, sentence=place.sentence,
                         reason="place-scan")]

    def prep_targets(self, tok: Any, preps: tuple[str, ...], avoid: tuple[ActorRef, ...] = (),
                     skip: frozenset[int] = frozenset(), addressed: bool = False) -> list[ActorRef]:
        """Actors of the first of ``preps`` on ``tok`` that names one (not the phrases in ``skip``); with
        ``addressed``, a capital after an addressee preposition ("talks with Tehran") is its government."""
        for prep in preps:
            for c in tok.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == prep and c.i not in skip:
                    pobjs = [g for g in c.children if g.dep_ == "pobj"]
                    found = [a for g in pobjs for a in self.np(g) if not any(_restates(a, d) for d in avoid)]
                    if not found and addressed and prep in ADDRESS_PREPS:
                        found = [a for g in pobjs for a in self.capital(g)]
                    if found:
                        return found
        return []

    # ---- nominal triggers
    def noun_sources(self, noun: Any, inherit: bool = True) -> list[ActorRef]:
        """The doer of a nominal event: "by" phrase, possessive, modifier ("Israeli strikes"), else (with
        ``inherit``) the subject of the governing verb ("X launched strikes")."""
        # "attacks on X by Y", also when the parser hangs "by Y" on a noun above ("an increase in attacks by Y")
        scopes = [noun.subtree]
        up = noun
        while up.dep_ == "pobj" and up.head.dep_ == "prep" and up.head.head.pos_ == "NOUN" and len(scopes) < 3:
            up = up.head.head
            scopes.append(c for c in up.children if c.dep_ in ("prep", "agent"))
        for scope in scopes:
            for t in scope:
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
        # "the Iranian attack", "Russian strikes": a demonym on an event noun names the doer's country
        demonyms = [a for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < noun.i
                    for a in self.place_actor(c, sectors=())]
        if demonyms:
            return demonyms
        accusing = accused_gerund(noun)
        if accusing is not None:
            # "accused Russia of bombing hospitals" parsed as "of [bombing hospitals]": Russia bombed
            return [a for o in accused_objects(accusing) for a in self.np(o) or self.capital(o)]
        gov = governor(noun)
        if gov is not None and inherit:
            return self.subjects(gov)
        return []

    def accused_targets(self, gerund: Any) -> list[ActorRef]:
        """"accused X of [bombing hospitals]" (the gerund misparsed as a modifier of its object, see
        control.accused_gerund): the noun it modifies is what the act was done to."""
        return [a for a in self.np(gerund.head) if a.start != self.offset + gerund.idx]

    def receivers(self, gov: Any) -> list[ActorRef]:
        """Who "drew criticism from X", "received aid from X", "welcomed support from X": the subject of a
        verb of receiving is the target of the nominal act."""
        if gov is None or gov.lemma_.lower() not in RECEIVING_VERBS:
            return []
        return self.subjects(gov)

    def asked_of(self, verb: Any) -> list[ActorRef]:
        """"demanded an admission by Moscow", "called for a withdrawal by Israel": who is to do the act asked
        for is the addressee of the demand or appeal."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                 if g.dep_ == "pobj"]
        # the "by" phrase names who is to act: a capital there is its government ("an admission by Moscow")
        return [a for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children if g.dep_ == "pobj" for a in self.np(g) or self.capital(g)]

    def givers(self, noun: Any, gov: Any) -> list[ActorRef]:
        """The "from" phrase of a nominal act, also when parsed onto a verb of receiving ("drew criticism from
        X")."""
        found = self.prep_targets(noun, ("from",))
        if not found and gov is not None and gov.lemma_.lower() in RECEIVING_VERBS:
            found = self.prep_targets(gov, ("from",))
        return found

    def between(self, noun: Any) -> list[ActorRef]:
        """"talks between X and Y", "clashes between X and Y": the parties of a mutual act (two or more)."""
        found = self.prep_targets(noun, ("between", "among"))
        return found if len(found) > 1 else []

    def noun_targets(self, noun: Any, *, with_of: bool = True, addressed: bool = False) -> list[ActorRef]:
        preps = NOUN_TARGET_PREPS if with_of else tuple(p for p in NOUN_TARGET_PREPS if p != "of")
        found = self.prep_targets(noun, preps, addressed=addressed)
        if found:
            return found
        # "air strikes by X on Y": the target phrase is often parsed onto the doer's name
        for g in (g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj"):
            found = self.prep_targets(g, HOSTILE_PREPS)
            if found:
                return found
        # "the blockade of Gaza", "strikes on Aleppo": a place stands for its country
        for g in (g for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.lower_ in HOSTILE_PREPS
                  for g in c.children if g.dep_ == "pobj"):
            found = self.place_actor(g, sectors=())
            if found:
                return [dataclasses.replace(a, reason="place-scan") for a in found]
        if accused_gerund(noun) is not None:
            return self.accused_targets(noun)
        gov = governor(noun)
        if gov is not None and noun.dep_ in ("dobj", "obj"):
            found = self.prep_targets(gov, TARGET_PREPS, addressed=addressed)
        elif gov is not None and noun.dep_ == "pobj":
            # "X engaged Y in a firefight": the governing verb's object is the other side
            objs = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
            found = [a for o in objs for a in self.np(o) if self.get(o) is not None or o.pos_ == "PRON"]
        return found


def addressed_code(code: str) -> bool:
    """Whether the act of CAMEO ``code`` is addressed to its target party (see ADDRESSED_ROOTS)."""
    return code[:2] in ADDRESSED_ROOTS and code not in DESTINATION_CODES


def reattached_preps(obj: Any) -> list[Any]:
    """"Officials from X met their counterparts from Y": a "from/of" phrase that the parser hung on a meeting
    verb right after the verb's object noun modifies that noun (who is met), not the verb."""
    verb = obj.head
    if obj.dep_ not in ("dobj", "obj") or obj.pos_ != "NOUN" or verb.lemma_.lower() not in MEETING_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
            and c.i == obj.right_edge.i + 1]


def _restates(a: ActorRef, doer: ActorRef) -> bool:
    """Whether mention ``a`` only names the doer again (the same mention, or a pronoun/coreference to it)."""
    if (a.start, a.end) == (doer.start, doer.end):
        return True
    same = a.cameo_code is not None and a.cameo_code == doer.cameo_code
    return same and (a.name == doer.name or a.text.lower() in PERSONAL_PRONOUNS)


def _shared_objects(verb: Any) -> list[Any]:
    """Objects of the next coordinated verb that the first verb shares ("condemned and attacked X"): only when
    nothing but the conjunction stands between them and the first verb has no complement of its own."""
    allowed = ("nsubj", "aux", "neg", "advmod", "cc", "conj", "punct")
    if verb.lemma_ in INTRANSITIVE or any(
        c.dep_ not in allowed or (c.i > verb.i and c.dep_ == "advmod") for c in verb.children
    ):
        return []
    for nxt in (c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and c.pos_ == "VERB"):
        between = verb.doc[verb.i + 1 : nxt.i]
        if any(t.dep_ not in ("cc", "advmod", "neg", "aux", "punct") or (t.dep_ == "punct" and t.text != ",")
               for t in between):
            return []
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
            return []
        return [c for c in nxt.children if c.dep_ in ("dobj", "obj")]
    return []


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def governor(noun: Any) -> Any:
    """The verb whose subject did a nominal event: object of a (light) verb, or in a PP on the verb."""
    tok = noun
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ in ("dobj", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    # "restored/welcomed the resumption of ties": through a nominalisation's "of" to its verb
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        return governor(tok.head.head)
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        return governor(tok.head)
    # "In a meeting with X, Y said": the PP sets the scene of Y's clause; "after attacks" does not
    if (
        tok.dep_ == "pobj"
        and tok.head.dep_ == "prep"
        and tok.head.lower_ in SCENE_PREPS
        and tok.head.head.pos_ in ("VERB", "AUX")
    ):
        return tok.head.head
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "for"
        and tok.head.head.pos_ == "VERB"
        and tok.head.head.lemma_.lower() in TRAVEL_VERBS
    ):
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


__all__ = ["ActorMap", "addressed_code", "reattached_preps"]

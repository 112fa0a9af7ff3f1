"""The events stage: find triggers, give them source/target actors and a status, and build Event records."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StageError
from ..nlp import load_model
from ..records import ActorRef, Analysis, Event, Place, Span, content_hash
from .clauses import hearsay_participle, reduced_relative, retrospective
from .control import accuser, committed_to
from .dyads import coded, same_actor
from .fallback import DEFAULT_THRESHOLD, NONE, FallbackClassifier, default_classifier, mask
from .intent import announced, conditional, intent_table
from .ontology import lookup, plover_for
from .patterns import Match, Pattern, PatternIndex, build_index, complement_clauses, objects_of, satisfies, token_forms
from .refine import refine
from .reported import ACCUSE_CODE, accusations
from .roles import ActorMap, addressed_code, governor, reattached_preps
from .status import in_hypothesis, noun_status, status_of

SPEECH_VERBS = frozenset({
    "say", "tell", "add", "insist", "state", "declare", "stress", "warn", "announce", "write", "reiterate",
    "conclude", "argue", "emphasize", "emphasise", "maintain", "repeat", "note", "believe", "demand", "urge",
})
CLAIM_VERBS = frozenset({"claim", "allege", "assert", "contend"})
DEONTIC_AUX = frozenset({"must", "should"})
DEMAND_CODE = "100"
CONSULT_ROOT = "04"
INTENT_ROOT = "03"
STATEMENT_ROOT = "01"
# statements, appeals, intents and verbal conflict are already about words, not announced acts
VERBAL_ROOTS = frozenset({"01", "02", "03", "09", "10", "11", "12", "13"})
PROTEST_ROOT = "14"
CONDITIONAL_ROOTS = frozenset({"10", "13"})  # demands and threats: "unless/if Y ..." names the one pressed
AGREEING_ROOTS = frozenset({"05", "06"})  # diplomatic and material cooperation: agreements name their party
PAIRED_CODES = {"042": "043", "043": "042", "046": "046"}
# verbs that speak about, judge, look into or suffer an act rather than do it ("condemned the bombing",
# "investigated the killings", "survived an attack"): a hostile nominal event under them keeps its own doer
STANCE_VERBS = frozenset({
    "condemn", "denounce", "deplore", "decry", "criticize", "criticise", "slam", "blame", "deny", "investigate",
    "probe", "report", "confirm", "mourn", "regret", "describe", "recall", "commemorate", "witness", "survive",
    "repel", "repulse", "foil", "thwart", "prevent", "protest", "fear", "predict", "document", "accuse",
})
HOSTILE_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
ACCUSING_ROOTS = frozenset({"09", "11", "12", "13"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "over", "around", "outside", "inside", "across", "into", "on"})
# codes that are mutual when the actors are all in the subject ("A and B met", "signed a treaty")
RECIPROCAL_CODES = frozenset({"030", "036", "037", "040", "044", "046", "050", "057", "060", "061", "062", "063",
                              "064", "0871", "125", "193"})


@dataclass
class Candidate:
    """A matched trigger with its roles, before the sentence-level clean-up."""

    match: Match
    sources: list[ActorRef]
    targets: list[ActorRef]
    status: str
    nominal: bool = False
    start: Any = None  # the announcing verb of an intent ("agreed" in "agreed to withdraw")
    mutual: bool = False  # the announced act is mutual ("agreed to restore ties"), whatever the intent code


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence to code: its span in ``amap.doc`` and where that doc starts in the article text."""

    sent: Any
    amap: ActorMap
    offset: int
    index: int


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A helper of another stage, or None while that stage is not installed yet."""
    try:
        mod = importlib.import_module(f"eventwire.{module}")
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


class EventCoder:
    """Stage: code CAMEO/PLOVER events from each sentence's parse and resolved actors."""

    name = "events"

    def __init__(
        self,
        patterns: Path | None = None,
        *,
        will_as_intent: bool = False,
        fallback: bool | None = None,
        fallback_threshold: float | None = None,
        fallback_cues: bool = False,
    ) -> None:
        """``patterns``: a user YAML pattern file (see data/events/patterns.yaml). ``will_as_intent``: code
        "X will do Y" as X expressing intent (03x/13x, PLOVER AGREE/THREATEN) instead of Y with status future.
        ``fallback``: code sentences with a source and a target but no trigger match with the exemplar classifier
        (events/fallback.py) when its probability reaches ``fallback_threshold``; both default to the settings
        ``event_fallback`` / ``event_fallback_threshold`` (config file or EVENTWIRE_EVENT_FALLBACK...).
        ``fallback_cues``: also let the nlp pre-filter parse sentences that only have one of the classifier's cue
        words (no trigger pattern); off by default: on 2,000 Reuters articles it raises the parsed share of the
        text from 51% to 60% for very few extra events."""
        self.will_as_intent = will_as_intent
        self.index: PatternIndex = build_index([patterns] if patterns else [])
        if fallback is None or fallback_threshold is None:
            from ..config import load_settings

            settings = load_settings()
            fallback = settings.event_fallback if fallback is None else fallback
            if fallback_threshold is None:
                fallback_threshold = settings.event_fallback_threshold
        self.fallback = bool(fallback)
        self.fallback_threshold = DEFAULT_THRESHOLD if fallback_threshold is None else float(fallback_threshold)
        self._classifier: FallbackClassifier | None = None
        if self.fallback:
            self._classifier = default_classifier()
            if fallback_cues:
                self.index.add_cues(self._classifier.cue_words())
        self._locate = _optional("geo", "locate_event")
        self._date = _optional("when", "date_event")
        self._quant = _optional("quantities", "attach_quantities")
        self._demonym = _optional("geo", "is_demonym")

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            if analysis.doc is None:
                raise StageError("events stage needs the parsed Doc: run the nlp stage first")
            yield dataclasses.replace(analysis, events=tuple(self.code(analysis)))

    def code(self, analysis: Analysis) -> list[Event]:
        events: list[Event] = []
        seen: set[str] = set()
        for unit in self._units(analysis):
            found = list(self._sentence(analysis, unit))
            if not found and self.fallback:
                found = list(self._fallback(analysis, unit))
            for ev in found:
                # one event per sentence, code and dyad: "refused to meet" is one rejection, not two
                key = "|".join((str(ev.sentence_index), ev.cameo_code, _actor_key(ev.source), _actor_key(ev.target),
                                ev.status))
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
        return events

    def _units(self, analysis: Analysis) -> Iterator[Unit]:
        """Sentences with at least one actor. A sentence that runs over a line break (a headline without a full
        stop glued to the first sentence) is parsed again line by line: its parse joins unrelated clauses."""
        doc = analysis.doc
        amap = ActorMap(doc, analysis.actors, places=analysis.places)
        for index, sent in enumerate(doc.sents):
            if not amap.in_sentence(sent):
                continue
            breaks = [t for t in sent[:-1] if t.is_space and "\n" in t.text]
            if not breaks:
                yield Unit(sent, amap, 0, index)
                continue
            bounds = [sent.start_char] + [t.idx + len(t.text) for t in breaks] + [sent.end_char]
            nlp = load_model(None)  # same cache key as the nlp stage: no second copy of the model
            for lo, hi in zip(bounds, bounds[1:], strict=False):
                sub = nlp(analysis.article.text[lo:hi])
                sub_map = ActorMap(sub, analysis.actors, offset=lo, places=analysis.places)
                for piece in sub.sents:
                    if sub_map.in_sentence(piece):
                        yield Unit(piece, sub_map, lo, index)

    # ---- triggers
    def _matches(self, sent: Any, amap: ActorMap | None = None) -> list[Match]:
        verbs: list[Match] = []
        consumed: set[int] = set()
        met: set[int] = set()
        # words of an actor's name trigger nothing ("Treaty" in "the North Atlantic Treaty Organization")
        names = {t.i for t in sent if amap.in_name(t)} if amap is not None else set()
        for tok in sent:
            if tok.i in names:
                continue
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
                m = self.index.match_verb(tok)
                if m is not None and satisfies(m):
                    met |= {o.i for o in objects_of(tok)}  # "meet demand": no nominal demand either
                    continue
                if m is not None and not (m.pattern.code.startswith(STATEMENT_ROOT) and hearsay_participle(tok)):
                    verbs.append(m)
                    consumed |= {t.i for t in (m.obj, m.comp) if t is not None}
        # "agreed to lift sanctions": when the complement verb is a trigger of its own, it is the event
        # (its status says it is an intent); the complement-taking verb does not also count
        own = {m.trigger.i for m in verbs}
        verbs = [m for m in verbs if m.pattern.objs or not m.pattern.code.startswith(INTENT_ROOT)
                 or not any(c.dep_ == "xcomp" and c.i in own for c in m.trigger.children)]
        consumed = {t.i for m in verbs for t in (m.obj, m.comp) if t is not None}
        verbs = [m for m in verbs if m.trigger.i not in consumed]
        consumed |= names
        nouns = [
            m
            for tok in sent
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed and tok.i not in met
            for m in [self.index.match_noun(tok)]
            if m is not None
        ]
        # "Israel's refusal to negotiate": the refused act carries the refusal (see intent.announced); the
        # noun of refusal or intent does not also count on its own
        table = intent_table()
        nouns = [m for m in nouns if table.noun_kind(m.trigger) is None or not any(
            c.dep_ == "acl" and c.i in own for c in m.trigger.children)]
        return verbs + nouns

    def _sentence(self, analysis: Analysis, unit: Unit) -> Iterator[Event]:
        cands = [c for m in self._matches(unit.sent, unit.amap) if not retrospective(m.trigger)
                 for c in [self._roles(unit, m)] if c is not None]
        nominal = {c.match.trigger.i: c for c in cands if c.nominal}
        dropped: set[int] = set()
        for c in cands:
            if c.nominal:
                continue
            inner = [nominal[i] for i in _object_tokens(c.match.trigger) if i in nominal]
            inside = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in (n.match.trigger for n in inner)]
            own_targets = [a for a in c.targets
                           if not any(lo <= a.start - unit.offset < hi for lo, hi in inside)]
            if self._promised(c, nominal, own_targets, dropped):
                continue
            if not own_targets and c.match.pattern.code[:2] in ACCUSING_ROOTS:
                # "condemned an attack by X": the condemnation is aimed at the attacker (both events stay)
                perpetrators = [a for n in inner for a in n.sources]
                if perpetrators:
                    c.targets = perpetrators
                    if c.match.pattern.code in ("110", "111"):
                        # blaming a named doer for a deed is an accusation, not criticism in general
                        pattern = dataclasses.replace(c.match.pattern, code="112", military_code=None, mode=None,
                                                      plover=None)
                        c.match = dataclasses.replace(c.match, pattern=pattern)
                    continue
            if own_targets or c.match.obj is not None:
                # "rejected Australia's ultimatum", "suspended aid deliveries": the outer act is the event
                dropped |= {id(n) for n in inner}
            elif any(_yields(n) for n in inner):
                # "welcomed the resumption of ties with X": the nominal event inside is the event coded
                dropped.add(id(c))
        dropped |= _purposes(cands)
        for c in cands:
            if id(c) in dropped:
                continue
            yield from self._claim(analysis, unit, c)
            span = _trigger_span(c.match, unit.offset, start=c.start)
            mutual = len(c.sources) > 1 and (c.match.pattern.code in RECIPROCAL_CODES or c.mutual)
            if mutual and all(a.reason == "place-scan" for a in c.targets):
                # "The US, Russia and Switzerland met": each member with each other member; "agreed to restore
                # ties" is as mutual as the ties. A place standing in as target ("met in Geneva") stays too.
                yield from self._reciprocal(analysis, unit, c.match, c.sources, c.status)
                if not c.targets:
                    continue
            yield from self._pairs(analysis, unit, c.match, span, c.sources, c.targets, c.status)
        for acc in accusations([c for c in cands if id(c) not in dropped], unit.amap):
            m = Match(Pattern(code=ACCUSE_CODE, origin="reported-violence"), acc.verb)
            span = (acc.verb.idx + unit.offset, acc.verb.idx + len(acc.verb.text) + unit.offset)
            yield from self._pairs(analysis, unit, m, span, list(acc.speakers), list(acc.accused), acc.status)
        yield from self._deontic(analysis, unit)

    @staticmethod
    def _promised(c: Candidate, nominal: dict[int, Candidate], own: list[ActorRef], dropped: set[int]) -> bool:
        """'promised (to continue) military aid to X', 'refused further aid': a bare intent or refusal verb
        whose object is a nominal act is the statement of that act (0332, 1222), aimed at the act's target."""
        code = c.match.pattern.code
        kind = "intent" if code.startswith(INTENT_ROOT) else "refuse" if code in ("120", "121") else None
        if kind is None or c.match.pattern.objs:
            return False
        tok = c.match.trigger
        heads = [tok, *(x for x in tok.children if x.dep_ == "xcomp")]
        inner = [nominal[i] for h in heads for i in _object_tokens(h) if i in nominal]
        for n in inner:
            stated = intent_table().lookup(n.match.pattern.code, kind)
            if stated is None:
                continue
            pattern = dataclasses.replace(c.match.pattern, code=stated, military_code=None, mode=None, plover=None)
            c.match = dataclasses.replace(c.match, pattern=pattern)
            c.targets = own or n.targets
            dropped.add(id(n))
            return True
        return False

    def _roles(self, unit: Unit, m: Match) -> Candidate | None:
        amap, tok = unit.amap, m.trigger
        if tok.pos_ in ("NOUN", "PROPN"):
            parties = amap.between(tok) if m.pattern.code in RECIPROCAL_CODES else []
            if parties and governor(tok) is None:
                # "Talks between X and Y resumed": each party with each other (see _reciprocal)
                return Candidate(m, parties, [], noun_status(tok, None), nominal=True)
            gov = governor(tok)
            # "Egypt condemned the attack": who speaks about a hostile act did not do it
            onlooker = (gov is not None and m.pattern.code[:2] in HOSTILE_ROOTS
                        and token_forms(gov) & STANCE_VERBS)
            sources = amap.noun_sources(tok, inherit=not onlooker)
            targets = amap.noun_targets(tok, with_of=not m.pattern.code.startswith(CONSULT_ROOT),
                                        addressed=addressed_code(m.pattern.code))
            if not amap.noun_sources(tok, inherit=False):
                # "the demands of the United States" ("of": who asks), "aid / criticism from X" ("from": who gives)
                givers = amap.prep_targets(tok, ("of",)) if _spoken(m.pattern.code) else []
                givers = givers or (amap.givers(tok, gov) if _given(m.pattern.code) else [])
                if givers:
                    others = [a for a in amap.noun_targets(tok, with_of=False) if a not in givers]
                    sources, targets = givers, others or amap.receivers(gov)
            if not targets and m.pattern.code.startswith(PROTEST_ROOT):
                targets = amap.place_actor(_locative_place(tok, amap), sectors=())
            stated = _announce(dataclasses.replace(m, trigger=gov), self.will_as_intent) if (
                gov is not None and gov.pos_ == "VERB" and tok.dep_ in ("dobj", "obj")) else None
            if stated is not None:
                # "NATO would tighten the blockade", "vowed to continue the offensive": the act is announced
                start = stated[1]
                status = status_of(start) if start is not gov else _statement_status(gov)
                m = dataclasses.replace(stated[0], trigger=tok)
                return Candidate(m, sources, targets, status, nominal=True, start=start)
            return Candidate(m, sources, targets, noun_status(tok, gov), nominal=True)
        if m.pattern.inverse:
            givers = amap.prep_targets(tok, ("from", "by"))
            if not givers and m.obj is not None:
                givers = amap.prep_targets(m.obj, ("from", "by"))  # "received assurances from X"
            return Candidate(m, givers, amap.subjects(tok), status_of(tok))
        if reduced_relative(tok):
            # "The civilians imprisoned for X were released by Y": misparsed as "the civilians imprisoned ...";
            # the subject is what was done to, the doer is not named
            subj = [a for c in tok.children if c.dep_ == "nsubj" for a in amap.np(c)]
            return Candidate(m, [], subj, status_of(tok))
        sources = amap.subjects(tok)
        addressed = addressed_code(m.pattern.code)
        targets = amap.targets(tok, skip=m.obj, addressed=addressed)
        if not targets and m.comp is not None:
            # "refused to meet Israel", "threatened to attack Israel": the complement names the target
            targets = amap.targets(m.comp, skip=m.obj, addressed=addressed)
        if not targets and m.pattern.code[:2] in ("02", "10"):
            targets = amap.asked_of(tok)  # "demanded an admission by Moscow"
        if not targets and m.pattern.code[:2] in CONDITIONAL_ROOTS:
            targets = amap.condition_targets(tok)  # "threatened to strike unless Y rescinded the law"
        if not targets and m.pattern.code[:2] in AGREEING_ROOTS:
            targets = amap.purpose_targets(tok, m.obj)  # "signed an accord to supply X with wheat"
        if not targets and m.pattern.code[:2] in VERBAL_ROOTS:
            # "demanded that the US cancel the sale": the addressee is the subject of the complement
            # ("expressed hopes that Y could ...": the clause hangs on the required object)
            holders = [tok] + ([m.obj] if m.obj is not None else [])
            targets = [a for h in holders for c in h.children if c.dep_ in ("ccomp", "acl")
                       and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for a in amap.subjects(c)]
        if not targets and m.pattern.clause:
            # "conceded that Ukraine had won": the concession is made to the subject of the clause
            targets = [a for c in complement_clauses(tok) for a in amap.subjects(c)]
        if not targets and m.pattern.code.startswith(PROTEST_ROOT):
            # a protest "in Beijing" is addressed to the authorities of the place (as CAMEO coders do)
            targets = amap.place_actor(_locative_place(tok, amap), sectors=())
        status, start = status_of(tok), None
        if m.obj is not None and noun_status(m.obj, None) == "negated":
            status = "negated"  # "no talks were held", "held no meeting"
        if not sources and m.pattern.code in RECIPROCAL_CODES:
            # "talks were held between X and Y": the parties of a mutual act, each with each other
            parties = amap.between(tok) or (amap.between(m.obj) if m.obj is not None else [])
            if parties:
                return Candidate(m, parties, [], status)
        stated = _announce(m, self.will_as_intent)
        mutual = m.pattern.code in RECIPROCAL_CODES
        if stated is not None:
            m, start = stated
            status = status_of(start) if start is not tok else _statement_status(tok)
            targets = targets or [a for o in committed_to(start) for a in amap.np(o)]  # "promised X to ..."
            if start.pos_ in ("NOUN", "PROPN"):
                # "Germany has no plans to sanction Russia": the noun of intent has the holder and the negation
                status = noun_status(start, governor(start))
                sources = sources or amap.noun_sources(start)
        return Candidate(m, sources, targets, status, start=start, mutual=mutual)

    def _claim(self, analysis: Analysis, unit: Unit, c: Candidate) -> Iterator[Event]:
        """'X claimed that Y attacked Z' is X accusing Y (112); 'X claimed that it attacked Z' is X claiming
        responsibility (015). The attack itself is coded too, with status reported."""
        tok = c.match.trigger
        if c.nominal or tok.dep_ != "ccomp" or not c.sources or int(c.match.pattern.code[:2]) < 14:
            return
        head = tok.head
        if not (token_forms(head) & CLAIM_VERBS):
            return
        speakers = unit.amap.subjects(head)
        if not speakers:
            return
        own = {a.country for a in speakers} & {a.country for a in c.sources}
        code, targets = ("015", c.targets) if own else ("112", c.sources)
        pattern = dataclasses.replace(c.match.pattern, code=code, military_code=None, mode=None, plover=None)
        m = Match(pattern, head)
        span = (head.idx + unit.offset, head.idx + len(head.text) + unit.offset)
        yield from self._pairs(analysis, unit, m, span, speakers, targets, status_of(head))

    def _deontic(self, analysis: Analysis, unit: Unit) -> Iterator[Event]:
        """'X said Y must/should do Z' is X demanding something of Y (CAMEO 10)."""
        amap = unit.amap
        for tok in unit.sent:
            if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in DEONTIC_AUX]
            if not aux:
                continue
            speakers = amap.subjects(tok.head)
            addressees = [a for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for a in amap.np(c)]
            if not speakers or not addressees:
                continue
            pattern = dataclasses.replace(self.index.patterns[0], code=DEMAND_CODE, military_code=None, mode=None,
                                          plover=None)
            m = Match(pattern, tok)
            span = (aux[0].idx + unit.offset, tok.idx + len(tok.text) + unit.offset)
            yield from self._pairs(analysis, unit, m, span, speakers, addressees, status_of(tok.head))

    def _fallback(self, analysis: Analysis, unit: Unit) -> Iterator[Event]:
        """A sentence where no trigger pattern gave an event: if its main verb has a subject actor and a target
        actor, the exemplar classifier may name the root (see events/fallback.py). Such events carry the root's
        general code ("190"), the main verb as trigger and a low confidence (0.2–0.4, below pattern events with
        both actors), so that they can be told apart and filtered."""
        verb = unit.sent.root
        # "X said Y attacked Z": the reported clause is the event, the saying is not
        speech = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if verb.lemma_.lower() in SPEECH_VERBS and speech:
            verb = speech[0]
        if verb.pos_ not in ("VERB", "AUX"):
            return
        amap = unit.amap
        sources = [a for a in amap.subjects(verb) if coded(a)]
        targets = [a for a in amap.targets(verb) if coded(a) and not any(same_actor(a, s) for s in sources)]
        if not sources or not targets:
            return
        if self._classifier is None:
            return
        lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        text = analysis.article.text[lo + unit.offset : hi + unit.offset]  # Doc.text is rebuilt on every access
        spans = [(a.start - unit.offset - lo, a.end - unit.offset - lo) for a in amap.actors
                 if lo <= a.start - unit.offset and a.end - unit.offset <= hi]
        guess = self._classifier.predict(mask(text, spans))
        if guess.root == NONE or guess.probability < self.fallback_threshold:
            return
        pattern = Pattern(code=guess.root + "0", origin=f"fallback:{guess.probability:.3f}")
        m = Match(pattern, verb)
        span = (verb.idx + unit.offset, verb.idx + len(verb.text) + unit.offset)
        confidence = round(0.2 + 0.2 * guess.probability, 3)
        for ev in self._pairs(analysis, unit, m, span, sources, targets, status_of(verb)):
            yield dataclasses.replace(ev, confidence=confidence, method="fallback")

    def _reciprocal(
        self, analysis: Analysis, unit: Unit, m: Match, actors: list[ActorRef], status: str
    ) -> Iterator[Event]:
        span = _trigger_span(m, unit.offset)
        actors = unit.amap.expand(actors)
        for a in actors:
            for b in actors:
                if a is not b and not same_actor(a, b):
                    yield self._event(analysis, unit, m, span, a, b, status)

    def _place(
        self, analysis: Analysis, unit: Unit, span: tuple[int, int], roles: list[tuple[int, int]]
    ) -> tuple[Place | None, str | None]:
        """geo.locate_event, except that a place inside the event's own actor mentions ("U.S. planes",
        "Russia air forces") or standing as a subject ("Russia says") says who acted, not where: then the
        nearest other place of the sentence, preferring one after a locative preposition ("in Deir el-Zour")."""
        if self._locate is None:
            return None, None
        index = unit.index
        local = self._local_place(unit, span, roles)
        if local is not None:
            return local, "attached"
        place, precision = self._locate(analysis, span[0], span[1], index)
        mentions = roles + [
            (t.idx + unit.offset, t.idx + len(t.text) + unit.offset)
            for t in unit.sent if t.dep_ in ("nsubj", "nsubjpass", "poss") and t.i in unit.amap.places
        ]
        if place is None or not _overlaps(place, mentions):
            return place, precision
        demonym = self._demonym
        others = [
            p for p in analysis.places
            if p.sentence == index and not _overlaps(p, mentions) and not (demonym and demonym(p))
        ]
        if not others:
            return None, None
        doc = analysis.doc
        centre = (span[0] + span[1]) / 2

        def rank(p: Place) -> tuple[int, float]:
            tok = doc.char_span(p.start, p.end, alignment_mode="expand") if doc is not None else None
            root = tok.root if tok is not None and len(tok) else None
            locative = root is not None and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
            return (0 if locative else 1, abs((p.start + p.end) / 2 - centre))

        best = min(others, key=rank)
        return best, "attached" if rank(best)[0] == 0 else "sentence"

    def _local_place(self, unit: Unit, span: tuple[int, int], roles: list[tuple[int, int]]) -> Place | None:
        """A nominal trigger's own locative phrase ("aerial attacks on militants in Syria") beats places
        elsewhere in the sentence."""
        doc_span = unit.amap.doc.char_span(span[0] - unit.offset, span[1] - unit.offset, alignment_mode="expand")
        if doc_span is None or not len(doc_span) or doc_span.root.pos_ not in ("NOUN", "PROPN"):
            return None
        demonym = self._demonym
        for tok in doc_span.root.subtree:
            place = unit.amap.places.get(tok.i)
            # "militants in Syria": a locative phrase inside an actor mention still says where
            if (place is not None and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
                    and not (demonym and demonym(place))):
                return place
        return None

    # ---- building events
    def _pairs(
        self,
        analysis: Analysis,
        unit: Unit,
        m: Match,
        span: tuple[int, int],
        sources: list[ActorRef],
        targets: list[ActorRef],
        status: str,
    ) -> Iterator[Event]:
        if not sources and not targets:
            return
        amap = unit.amap
        sources = [amap.situate(a, unit.sent, targets) for a in sources]
        targets = [amap.situate(a, unit.sent, sources) for a in targets]
        sources, targets = amap.expand(sources), amap.expand(targets)
        roles = _role_spans(*sources, *targets)
        if sources and targets and all(same_actor(a, b) for a in sources for b in targets):
            targets = []  # "the UN rejected a call for its forces": the act has no other party
        src_list: list[ActorRef | None] = list(sources) or [None]
        tgt_list: list[ActorRef | None] = list(targets) or [None]
        for src in src_list:
            for tgt in tgt_list:
                if src is not None and tgt is not None and same_actor(src, tgt):
                    continue
                yield self._event(analysis, unit, m, span, src, tgt, status, roles)
                paired = PAIRED_CODES.get(m.pattern.code) or _met(m, src, tgt, unit.offset)
                if paired is not None and src is not None and tgt is not None:
                    # CAMEO's paired codes: a visit is also a hosting by the visited side; talks, meetings are mutual
                    pattern = dataclasses.replace(m.pattern, code=paired, military_code=None, mode=None, plover=None)
                    back = Match(pattern, m.trigger, m.obj, m.comp, m.phrase_len)
                    yield self._event(analysis, unit, back, span, tgt, src, status, roles)

    def _event(
        self,
        analysis: Analysis,
        unit: Unit,
        m: Match,
        span: tuple[int, int],
        src: ActorRef | None,
        tgt: ActorRef | None,
        status: str,
        roles: list[tuple[int, int]] | None = None,
    ) -> Event:
        roles = roles if roles is not None else _role_spans(src, tgt)
        code = refine(m, src, tgt)
        info = lookup(code)
        ptype, pmode = plover_for(code)
        if m.pattern.plover and code == m.pattern.code:
            ptype = m.pattern.plover
        text = analysis.article.text
        sent, index = unit.sent, unit.index
        start, end = sent.start_char + unit.offset, sent.end_char + unit.offset
        sentence = text[start:end]
        lo, hi = _clause_span(m.trigger, unit.offset, [*roles, span], (start, end))
        evidence = Span(lo, hi, text[lo:hi])
        trigger = Span(span[0], span[1], text[span[0] : span[1]])
        location, precision = self._place(analysis, unit, span, roles)
        date = self._date(analysis, span[0], span[1], index) if self._date else None
        quants, dead = self._quant(analysis, span[0], span[1], index) if self._quant else ((), None)
        ev_id = content_hash(
            analysis.article.id, str(evidence.start), str(evidence.end), trigger.text, str(trigger.start), code,
            (src.cameo_code or src.name) if src else "", (tgt.cameo_code or tgt.name) if tgt else "",
        )
        return Event(
            id=ev_id, article_id=analysis.article.id, sentence=sentence, evidence=evidence, trigger=trigger,
            source=src, target=tgt, cameo_code=code, cameo_root=info.root, cameo_name=info.name,
            goldstein=info.goldstein, quad_class=info.quad_class, plover_type=ptype,
            plover_mode=m.pattern.mode or pmode, status=status, location=location, location_precision=precision,
            date=date, fatalities=dead, quantities=tuple(quants), confidence=_confidence(m, src, tgt),
            sentence_index=index,
        )


def _clause_span(trigger: Any, offset: int, spans: list[tuple[int, int]], bounds: tuple[int, int]) -> tuple[int, int]:
    """The evidence of an event: the clause that carries its trigger (a nominal trigger belongs to the clause of
    the verb that governs it; "began launching" to "began"), widened to the actors' and trigger's spans and kept
    inside the sentence. A sentence can hold several events whose clauses say different things ("While doubts
    remain whether X would work with Y, … Z praising W"), and each event's evidence is its own clause."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    while head.dep_ in ("xcomp", "aux", "auxpass") and head.head.i != head.i:
        head = head.head
    lo = head.left_edge.idx + offset
    hi = head.right_edge.idx + len(head.right_edge.text) + offset
    for a, b in spans:
        lo, hi = min(lo, a), max(hi, b)
    return max(lo, bounds[0]), min(hi, bounds[1])


def _trigger_span(m: Match, offset: int, start: Any = None) -> tuple[int, int]:
    toks = [m.trigger] + ([start] if start is not None else [])
    near = m.obj is not None and abs(m.obj.i - m.trigger.i) <= 6
    if near:
        toks.append(m.obj)
    if m.phrase_len > 1 and (near or m.obj is None):
        # the multi-word phrase is the object's when there is one ("called for a general strike")
        head = m.obj if near else m.trigger
        toks += [t for t in head.lefts if t.i >= head.i - m.phrase_len + 1]
        toks += [t for t in head.rights if t.i <= head.i + m.phrase_len - 1 and t.dep_ != "punct"
                 and (t.dep_ != "prep" or t.lower_ == "of")]  # "state of emergency", not "strike against"
    lo, hi = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return lo.idx + offset, hi.idx + len(hi.text) + offset


def _announce(m: Match, will_as_intent: bool) -> tuple[Match, Any] | None:
    """An act announced or refused ("agreed to withdraw", "will not accept") → the statement's code."""
    if m.pattern.code[:2] in VERBAL_ROOTS:
        return None
    found = announced(m.trigger, will_as_intent)
    if found is None:
        return None
    kind, verb = found
    code = intent_table().lookup(m.pattern.code, kind)
    if code is None:
        return None
    mil = m.pattern.military_code
    mil_code = intent_table().lookup(mil, kind) if mil else None
    pattern = dataclasses.replace(m.pattern, code=code, military_code=mil_code, mode=None, plover=None)
    return dataclasses.replace(m, pattern=pattern), verb


def _purposes(cands: list[Candidate]) -> set[int]:
    """Events that only describe another one: demands stating the aim of a protest ("staged demonstrations to
    demand reforms": CAMEO codes the protest, 14x), violence describing a riot, and the acts a punishment or
    criticism is given for ("jailed for helping militants")."""
    protests: dict[int, Candidate] = {}
    for c in cands:
        if c.match.pattern.code.startswith(PROTEST_ROOT):
            tok = c.match.trigger
            protests[tok.i] = c
            gov = governor(tok) if c.nominal else None
            if gov is not None:
                protests[gov.i] = c  # the light verb of "staged a demonstration"
    out: set[int] = set()
    sanctioned = {c.match.trigger.i for c in cands if c.match.pattern.code[:2] in ("11", "17")}
    acts = {c.match.trigger.i: c for c in cands if not c.nominal}
    for c in cands:
        tok = c.match.trigger
        if _setting(c) or _convened(c) or _occasion(c, acts):
            out.add(id(c))
            continue
        if (tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "over") and tok.head.head.i in sanctioned
                and accuser(tok) is None):
            # "jailed X for helping militants": the alleged reason (kept, reported, under "blamed X for")
            out.add(id(c))
            continue
        protest = protests.get(tok.head.i)
        if protest is None or protest is c:
            continue
        if c.match.pattern.code[:2] in ("17", "18") and tok.dep_ == "advcl" and tok.tag_ == "VBG":
            out.add(id(c))  # "rioted, setting fire to cars": how the riot went, not a second event
            continue
        if c.match.pattern.code[:2] in ("02", "10") and tok.dep_ in ("advcl", "xcomp", "acl", "relcl"):
            out.add(id(c))
            if not protest.targets:
                protest.targets = c.targets  # the protest is aimed at whoever is asked for something
    return out


def _setting(c: Candidate) -> bool:
    """Talks named as the setting of another matter ("US mediation in the peace talks", "the blackmail in the
    negotiations"): a consultation in a PP on a noun is background, not an event of its own."""
    tok = c.match.trigger
    return (c.nominal and c.match.pattern.code.startswith(CONSULT_ROOT) and tok.dep_ == "pobj"
            and tok.head.lower_ in ("in", "during", "at") and tok.head.head.pos_ == "NOUN")


def _met(m: Match, src: ActorRef | None, tgt: ActorRef | None, offset: int) -> str | None:
    """'X met Y' (the verb with its direct object): Y met X as well — CAMEO's 040 is "typically reciprocal".
    Not "X met with Y", which news uses for an audience given or sought by X ("the president met with
    dissidents"), nor a place standing in as the target ("met in Geneva"), nor other consultations."""
    tok = m.trigger
    if m.pattern.code != "040" or tok.pos_ != "VERB" or tok.lemma_.lower() != "meet":
        return None
    if src is None or tgt is None or not coded(src) or not coded(tgt):
        return None
    # the object with a "from/of" phrase the parser hung on the verb ("met their counterparts from X")
    objects = [t for c in tok.children if c.dep_ in ("dobj", "obj")
               for t in (*c.subtree, *(x for p in reattached_preps(c) for x in p.subtree))]
    inside = any(t.idx <= tgt.start - offset < t.idx + len(t.text) for t in objects)
    return "040" if inside and tgt.reason != "place-scan" else None


def _occasion(c: Candidate, acts: dict[int, Candidate]) -> bool:
    """'X will meet Y during a visit to Z': a visit or meeting of X named as the time frame of another act of X
    is its occasion; CAMEO codes what was done there (the codebook gives the specific act precedence over the
    unspecified visit or meeting it took place in). Someone else's visit ("during a visit by W") stays."""
    tok = c.match.trigger
    if not (c.nominal and c.match.pattern.code.startswith(CONSULT_ROOT) and tok.dep_ == "pobj"
            and tok.head.lower_ == "during"):
        return False
    act = acts.get(tok.head.head.i)
    return act is not None and any(same_actor(a, b) for a in c.sources for b in act.sources)


def _convened(c: Candidate) -> bool:
    """'The Cabinet met on Sunday': a body convening, with nobody met, is no interaction between actors."""
    tok = c.match.trigger
    return (not c.nominal and c.match.pattern.code == "040" and tok.lemma_.lower() in ("meet", "convene")
            and len(c.sources) <= 1 and not c.targets
            and not any(k.dep_ in ("dobj", "obj", "prep", "dative") and k.lower_ not in LOCATIVE_PREPS | {"on"}
                        for k in tok.children if k.dep_ != "npadvmod")
            and not any(k.dep_ == "prep" and k.lower_ == "with" for k in tok.children))


def _yields(c: Candidate) -> bool:
    """Whether a candidate gives at least one event (a dyad of two different actors, or one side only)."""
    if not c.sources or not c.targets:
        return bool(c.sources or c.targets)
    return any(not same_actor(a, b) for a in c.sources for b in c.targets)


def _object_tokens(tok: Any) -> set[int]:
    """Tokens of the verb's object; a passive subject is the object ("the attack was condemned by X")."""
    return {t.i for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass") for t in c.subtree}


def _statement_status(tok: Any) -> str:
    """Status of an announcement made with "will": the announcing itself happened unless it is negated
    or conditional in a way other than the future auxiliary."""
    status = status_of(tok)
    if status == "hypothetical" and conditional(tok) and not in_hypothesis(tok):
        return "factual"  # "X will strike if Y ...": the threat is made, whatever comes of the condition
    return "factual" if status in ("future", "negated") else status


def _locative_place(tok: Any, amap: ActorMap) -> Any:
    """The place token after a locative preposition on the trigger (or its light verb), if any."""
    for head in (tok, tok.head):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj" and g.i in amap.places:
                        return g
    return None


def _role_spans(*actors: ActorRef | None) -> list[tuple[int, int]]:
    """Spans of the event's actor mentions; a place that only stands in for the target's country ("struck at
    targets in Deir ez-Zor" → SYR) still says where the event happened, so it is not one of them."""
    return [(a.start, a.end) for a in actors if a is not None and a.reason != "place-scan"]


def _actor_key(a: ActorRef | None) -> str:
    return f"{a.cameo_code}@{a.start}" if a is not None else "-"


def _overlaps(p: Place, spans: list[tuple[int, int]]) -> bool:
    return any(p.start < end and start < p.end for start, end in spans)


def _spoken(code: str) -> bool:
    """Nominal acts whose "of" phrase is the doer (appeals, offers, demands, threats, visits), unlike acts done
    to someone ("the killing of civilians", "the arrest of X")."""
    return code[:2] in ("02", "03", "10", "13") or code == "042"


def _given(code: str) -> bool:
    """Nominal acts whose "from" phrase is the giver or speaker ("aid from X", "criticism from X"), unlike
    withdrawals, releases, expulsions and attacks, where "from" is a place."""
    return code[:2] in ("01", "02", "03", "05", "06", "07", "10", "11", "12", "13") or code == "042"


def _clause_depth(tok: Any) -> int:
    """How many subordinate clauses (relative, adverbial, purpose, nominal modifiers) the trigger sits in:
    the main clause's event is what a sentence reports; background clauses are less certain codings."""
    depth, cur = 0, tok
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        depth += cur.dep_ in ("advcl", "relcl", "acl", "pcomp", "csubj") or (
            cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("pobj", "nsubj"))
        cur = cur.head
    return depth


def _confidence(m: Match, src: ActorRef | None, tgt: ActorRef | None) -> float:
    c = 0.5 + 0.15 * (src is not None) + 0.1 * (tgt is not None) + 0.1 * (m.pattern.specificity > 0)
    c += 0.05 * (m.trigger.pos_ == "VERB") - 0.08 * min(_clause_depth(m.trigger), 3)
    for a in (src, tgt):
        if a is not None and a.reason in ("coref", "pronoun-fallback", "predicate-scan", "place-scan"):
            c -= 0.1
    if not (coded(src) or coded(tgt)):
        c = min(c, 0.3)  # only unresolved names ("he", an unknown person): kept, but hardly countable
    return float(round(max(0.05, min(0.95, c)), 3))


__all__ = ["EventCoder"]

"""The events stage: find triggers, give them source/target actors and a status, and build Event records."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import StageError
from ..records import ActorRef, Analysis, Event, Span, content_hash
from .ontology import lookup, plover_for
from .patterns import Match, PatternIndex, build_index
from .roles import ActorMap
from .status import noun_status, status_of

SPEECH_VERBS = frozenset({"say", "tell", "add", "insist", "state", "declare", "stress", "warn", "announce", "write"})
DEONTIC_AUX = frozenset({"must", "should"})
DEMAND_CODE = "100"
CONSULT_ROOT = "04"


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

    def __init__(self, patterns: Path | None = None) -> None:
        self.index: PatternIndex = build_index([patterns] if patterns else [])
        self._locate = _optional("geo", "locate_event")
        self._date = _optional("when", "date_event")
        self._quant = _optional("quantities", "attach_quantities")

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            if analysis.doc is None:
                raise StageError("events stage needs the parsed Doc: run the nlp stage first")
            yield dataclasses.replace(analysis, events=tuple(self.code(analysis)))

    def code(self, analysis: Analysis) -> list[Event]:
        doc = analysis.doc
        amap = ActorMap(doc, analysis.actors)
        events: list[Event] = []
        seen: set[str] = set()
        for index, sent in enumerate(doc.sents):
            if not amap.in_sentence(sent):
                continue
            for ev in self._sentence(analysis, amap, sent, index):
                if ev.id not in seen:
                    seen.add(ev.id)
                    events.append(ev)
        return events

    # ---- triggers
    def _matches(self, sent: Any) -> list[Match]:
        verbs: list[Match] = []
        consumed: set[int] = set()
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
                m = self.index.match_verb(tok)
                if m is not None:
                    verbs.append(m)
                    consumed |= {t.i for t in (m.obj, m.comp) if t is not None}
        verbs = [m for m in verbs if m.trigger.i not in consumed]
        nouns = [
            m
            for tok in sent
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed
            for m in [self.index.match_noun(tok)]
            if m is not None
        ]
        return verbs + nouns

    def _sentence(self, analysis: Analysis, amap: ActorMap, sent: Any, index: int) -> Iterator[Event]:
        for m in self._matches(sent):
            tok = m.trigger
            if tok.pos_ in ("NOUN", "PROPN"):
                from .roles import _governor

                sources = amap.noun_sources(tok)
                targets = amap.noun_targets(tok, with_of=not m.pattern.code.startswith(CONSULT_ROOT))
                status = noun_status(tok, _governor(tok))
            else:
                sources = amap.subjects(tok)
                targets = amap.targets(tok, skip=m.obj)
                status = status_of(tok)
            span = _trigger_span(m)
            yield from self._pairs(analysis, sent, index, m, span, sources, targets, status)
        yield from self._deontic(analysis, amap, sent, index)

    def _deontic(self, analysis: Analysis, amap: ActorMap, sent: Any, index: int) -> Iterator[Event]:
        """'X said Y must/should do Z' is X demanding something of Y (CAMEO 10)."""
        for tok in sent:
            if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in DEONTIC_AUX]
            if not aux:
                continue
            speakers = amap.subjects(tok.head)
            addressees = [a for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for a in amap.np(c)]
            if not speakers or not addressees:
                continue
            pattern = dataclasses.replace(self.index.patterns[0], code=DEMAND_CODE, military_code=None, mode=None)
            m = Match(pattern, tok)
            span = (aux[0].idx, tok.idx + len(tok.text))
            yield from self._pairs(analysis, sent, index, m, span, speakers, addressees, status_of(tok.head))

    # ---- building events
    def _pairs(
        self,
        analysis: Analysis,
        sent: Any,
        index: int,
        m: Match,
        span: tuple[int, int],
        sources: list[ActorRef],
        targets: list[ActorRef],
        status: str,
    ) -> Iterator[Event]:
        if not sources and not targets:
            return
        for src in sources or [None]:
            for tgt in targets or [None]:
                if src is not None and tgt is not None and _same(src, tgt):
                    continue
                yield self._event(analysis, sent, index, m, span, src, tgt, status)

    def _event(
        self,
        analysis: Analysis,
        sent: Any,
        index: int,
        m: Match,
        span: tuple[int, int],
        src: ActorRef | None,
        tgt: ActorRef | None,
        status: str,
    ) -> Event:
        code = _refine(m, src, tgt)
        info = lookup(code)
        ptype, pmode = plover_for(code)
        text = analysis.article.text
        evidence = Span(sent.start_char, sent.end_char, sent.text)
        trigger = Span(span[0], span[1], text[span[0] : span[1]])
        location, precision = self._locate(analysis, span[0], span[1], index) if self._locate else (None, None)
        date = self._date(analysis, span[0], span[1], index) if self._date else None
        quants, dead = self._quant(analysis, span[0], span[1], index) if self._quant else ((), None)
        ev_id = content_hash(
            analysis.article.id, str(evidence.start), str(evidence.end), trigger.text, str(trigger.start), code,
            (src.cameo_code or src.name) if src else "", (tgt.cameo_code or tgt.name) if tgt else "",
        )
        return Event(
            id=ev_id, article_id=analysis.article.id, sentence=sent.text, evidence=evidence, trigger=trigger,
            source=src, target=tgt, cameo_code=code, cameo_root=info.root, cameo_name=info.name,
            goldstein=info.goldstein, quad_class=info.quad_class, plover_type=ptype,
            plover_mode=m.pattern.mode or pmode, status=status, location=location, location_precision=precision,
            date=date, fatalities=dead, quantities=tuple(quants), confidence=_confidence(m, src, tgt),
            sentence_index=index,
        )


def _trigger_span(m: Match) -> tuple[int, int]:
    toks = [m.trigger] + ([m.obj] if m.obj is not None and abs(m.obj.i - m.trigger.i) <= 6 else [])
    if m.phrase_len > 1:
        toks += [t for t in m.trigger.lefts if t.i >= m.trigger.i - m.phrase_len + 1]
        toks += [t for t in m.trigger.rights if t.i <= m.trigger.i + m.phrase_len - 1 and t.dep_ != "punct"]
    lo, hi = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return lo.idx, hi.idx + len(hi.text)


def _is_military(a: ActorRef | None) -> bool:
    return a is not None and "MIL" in a.sectors


def _state_force(a: ActorRef | None) -> bool:
    return a is not None and (
        "MIL" in a.sectors or "GOV" in a.sectors or (a.kind == "state" and not a.sectors and bool(a.country))
    )


def _refine(m: Match, src: ActorRef | None, tgt: ActorRef | None) -> str:
    """Use the pattern's military code when the actors make the event a military one."""
    mil = m.pattern.military_code
    if mil is None:
        return m.pattern.code
    if mil[:2] in ("18", "19", "20") or m.pattern.code[:2] in ("18", "19"):
        return mil if _state_force(src) or _is_military(tgt) else m.pattern.code
    return mil if _is_military(src) or _is_military(tgt) else m.pattern.code


def _same(a: ActorRef, b: ActorRef) -> bool:
    return (a.start, a.end) == (b.start, b.end) or (a.cameo_code is not None and a.cameo_code == b.cameo_code
                                                    and a.name == b.name)


def _confidence(m: Match, src: ActorRef | None, tgt: ActorRef | None) -> float:
    c = 0.5 + 0.15 * (src is not None) + 0.1 * (tgt is not None) + 0.1 * (m.pattern.specificity > 0)
    c += 0.05 * (m.trigger.pos_ == "VERB")
    for a in (src, tgt):
        if a is not None and a.reason in ("coref", "pronoun-fallback"):
            c -= 0.1
    return round(max(0.05, min(0.95, c)), 3)


__all__ = ["EventCoder"]

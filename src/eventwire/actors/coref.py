"""Document-level coreference-lite: pronouns ("it", "its", "he", "they") and definite descriptions ("the
ministry", "the Islamist group", "the country", "its fleet") link to a compatible actor mentioned nearby.

Salience rules, in order: a pronoun that is the subject of a speech verb ("It added", "he said") continues
the last speaker; otherwise the latest subject in the same sentence, then the main subject of the previous
sentences, then the nearest compatible mention. A description with no antecedent may link forward to a
later full name ("the Islamist group" ... "Islamic State"). No antecedent, no pronoun actor.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records import ActorRef
from .kb import KnowledgeBase, compose_code, plover_actor
from .mentions import Mention

PERSON_PRON = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
IT_PRON = frozenset({"it", "its", "itself"})
THEY_PRON = frozenset({"they", "them", "their", "themselves"})
SPEECH = frozenset(
    {"say", "add", "tell", "state", "announce", "claim", "report", "warn", "insist", "confirm", "deny", "write"}
)
SUBJ = frozenset({"nsubj", "nsubjpass"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
PRONOUN_WINDOW = 3  # sentences back
DESCRIPTION_WINDOW = 5


@dataclasses.dataclass
class _Info:
    sent: int
    subject: bool
    speech: bool
    named: bool


class _Coref:
    def __init__(self, doc: Any, mentions: list[Mention], kb: KnowledgeBase) -> None:
        self.doc, self.kb = doc, kb
        self.sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.known: list[tuple[Mention, _Info]] = sorted(
            ((m, self._info(m)) for m in mentions), key=lambda mi: mi[0].token
        )

    def _info(self, m: Mention) -> _Info:
        tok = self.doc[m.token] if 0 <= m.token < len(self.doc) else None
        subject = tok is not None and tok.dep_ in SUBJ
        speech = subject and tok is not None and tok.head.lemma_ in SPEECH
        named = m.ref.reason not in ("sector-head-noun", "unknown")
        return _Info(self.sent_of[m.token] if tok is not None else 0, subject, speech, named)

    # --- antecedent search ---------------------------------------------------------------------
    def _before(self, token: int, window: int) -> list[tuple[Mention, _Info]]:
        sent = self.sent_of[token]
        return [(m, i) for m, i in self.known if m.token < token and sent - i.sent <= window]

    def antecedent_for_pronoun(self, tok: Any) -> Mention | None:
        word = tok.lower_
        cands = [(m, i) for m, i in self._before(tok.i, PRONOUN_WINDOW) if _pronoun_fits(word, m)]
        if not cands:
            return None
        if tok.dep_ in SUBJ and tok.head.lemma_ in SPEECH:
            speakers = [m for m, i in cands if i.speech]
            if speakers:
                return speakers[-1]
        sent = self.sent_of[tok.i]
        same = [(m, i) for m, i in cands if i.sent == sent]
        subjects = [m for m, i in same if i.subject]
        if subjects:
            return subjects[-1]
        if same and tok.dep_ not in SUBJ:
            return same[-1][0]
        for back in range(1, PRONOUN_WINDOW + 1):
            earlier = [(m, i) for m, i in cands if i.sent == sent - back]
            subjects = [m for m, i in earlier if i.subject]
            if subjects:
                return subjects[0]
        return cands[-1][0]

    def antecedent_for_description(self, m: Mention) -> Mention | None:
        noun = m.noun
        if noun is None:
            return None
        fits = [(c, i) for c, i in self._before(m.token, DESCRIPTION_WINDOW) if _description_fits(m, c)]
        if fits:
            head = self.doc[m.token].lemma_.lower()
            same_head = [c for c, i in fits if head in c.ref.text.lower()]
            named = [c for c, i in fits if i.named]
            return (same_head or named or [c for c, _ in fits])[-1]
        if noun.role == "title":
            return None
        if set(noun.sectors) & STATE_SECTORS:  # "the government" after "Turkey": Turkey's government
            states = [c for c, i in self._before(m.token, 2) if _bare_state(c)]
            if states:
                return states[-1]
        sent = self.sent_of[m.token]
        later = [
            c
            for c, i in self.known
            if c.token > m.token and i.sent - sent <= DESCRIPTION_WINDOW and i.named and _description_fits(m, c)
        ]
        return later[0] if later else None

    def add(self, m: Mention) -> None:
        self.known.append((m, self._info(m)))
        self.known.sort(key=lambda mi: mi[0].token)


def _pronoun_fits(word: str, m: Mention) -> bool:
    kind = m.ref.kind
    if word in PERSON_PRON:
        return kind == "person"
    if word in IT_PRON:
        return kind != "person" and not (m.noun is not None and m.noun.role == "members")
    return kind != "person" or (m.noun is not None and m.noun.role == "members")


def _bare_state(m: Mention) -> bool:
    return m.ref.kind == "state" and not m.ref.sectors and m.ref.country is not None


def _description_fits(desc: Mention, cand: Mention) -> bool:
    """Can ``cand`` be what the definite description ``desc`` ("the ministry", "the group") refers to?"""
    noun, ref = desc.noun, cand.ref
    if noun is None:
        return False
    if noun.role == "description":
        generic = ref.reason == "sector-head-noun" and ref.country is None  # "the group" is not "militants"
        if noun.kind == "state":
            return _bare_state(cand)
        return ref.kind in ("group", "organization") and not generic
    if noun.role == "title":
        return ref.kind == "person" and bool(set(ref.sectors) & set(noun.sectors))
    if ref.kind == "person" and noun.kind != "person":
        return False
    # the candidate's primary role must be one the noun names: "the ministry" is the Defence Ministry (GOV with
    # a military role), "the army" is not
    return bool(ref.sectors) and ref.sectors[0] in noun.sectors


def _is_pleonastic(tok: Any) -> bool:
    head = tok.head
    if tok.lower_ != "it" or head.lemma_ not in ("be", "seem", "appear"):
        return False
    deps = {c.dep_ for c in head.children}
    return bool(deps & {"acomp", "attr"}) and bool(deps & {"ccomp", "xcomp", "advcl"})


def _linked(text: str, start: int, end: int, ante: ActorRef, token: int, tokens: tuple[int, int]) -> Mention:
    ref = dataclasses.replace(
        ante, text=text, start=start, end=end, reason="coref", confidence=round(ante.confidence * 0.8, 3)
    )
    return Mention(ref, token, tokens)


def _owned(desc: Mention, ante: ActorRef) -> ActorRef:
    """``its fleet`` with "its" = Russia -> Russia's military; an organisation owns its members."""
    noun = desc.noun
    if noun is None or ante.kind in ("organization", "group") or not noun.sectors:
        return dataclasses.replace(ante, text=desc.ref.text, start=desc.ref.start, end=desc.ref.end, reason="coref")
    sectors = noun.sectors
    return dataclasses.replace(
        ante,
        text=desc.ref.text,
        start=desc.ref.start,
        end=desc.ref.end,
        sectors=sectors,
        cameo_code=compose_code(ante.country, sectors),
        plover_actor=plover_actor(ante.country, sectors, ante.plover_actor.country),
        reason="coref",
        confidence=round(ante.confidence * 0.8, 3),
    )


def resolve_coreference(doc: Any, mentions: list[Mention], pending: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    work = _Coref(doc, mentions, kb)
    covered = {i for m in mentions + pending for i in range(*m.tokens)}
    owners = {m.owner_pronoun: m for m in pending if m.owner_pronoun >= 0}
    queue: list[tuple[int, Any]] = [(m.token, m) for m in pending]
    queue += [
        (t.i, t)
        for t in doc
        if t.lower_ in PERSON_PRON | IT_PRON | THEY_PRON and t.pos_ == "PRON" and (t.i not in covered or t.i in owners)
    ]
    out = list(mentions)
    for _, item in sorted(queue, key=lambda q: q[0]):
        if isinstance(item, Mention):
            found = _resolve_description(work, item, doc)
        elif item.i in owners:
            continue  # resolved with the noun it owns
        elif _is_pleonastic(item):
            continue
        else:
            ante = work.antecedent_for_pronoun(item)
            found = (
                None
                if ante is None
                else _linked(item.text, item.idx, item.idx + len(item.text), ante.ref, item.i, (item.i, item.i + 1))
            )
        if found is not None:
            out.append(found)
            work.add(found)
    return out


def _resolve_description(work: _Coref, m: Mention, doc: Any) -> Mention | None:
    if m.owner_pronoun >= 0:
        ante = work.antecedent_for_pronoun(doc[m.owner_pronoun])
        if ante is None:
            return m if m.noun is not None and m.noun.standalone else None
        if m.noun is not None and m.noun.role == "proxy":  # "its campaign": the pronoun is the actor
            tok = doc[m.owner_pronoun]
            return _linked(tok.text, tok.idx, tok.idx + len(tok.text), ante.ref, tok.i, (tok.i, tok.i + 1))
        return Mention(_owned(m, ante.ref), m.token, m.tokens, m.noun)
    ante = work.antecedent_for_description(m)
    if ante is None:
        keep = m.noun is not None and m.noun.standalone and m.noun.role in ("institution", "members")
        return m if keep else None
    ref = ante.ref
    if _bare_state(ante) and m.noun is not None and m.noun.sectors:
        ref = dataclasses.replace(
            ref,
            sectors=m.noun.sectors,
            cameo_code=compose_code(ref.country, m.noun.sectors),
            plover_actor=plover_actor(ref.country, m.noun.sectors, ref.plover_actor.country),
        )
    linked = dataclasses.replace(
        ref,
        text=m.ref.text,
        start=m.ref.start,
        end=m.ref.end,
        reason="coref",
        confidence=round(ref.confidence * 0.8, 3),
    )
    return Mention(linked, m.token, m.tokens, m.noun)

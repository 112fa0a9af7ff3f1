"""The actors stage: dictionary matches + the dependency parse -> resolved ``ActorRef`` mentions.

Order of work on one document: dictionary matches (states, regions, organisations, office holders; sector
nouns) -> sector nouns composed with their owner ("Turkish government", "the government of Turkey",
"Russia's military", "its fleet") -> named entities (office holders by date, capitals only as agents) ->
spaCy PERSON/ORG names not in the dictionaries (fuzzy, else kept as unknown) -> coreference-lite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import ActorRef, Analysis
from .coref import resolve_coreference
from .kb import (
    Entry,
    KnowledgeBase,
    Phrase,
    Role,
    SectorNoun,
    compose_code,
    default_kb,
    normalise,
    plover_actor,
    split_code,
    with_overrides,
)
from .matcher import Match, PhraseIndex, looks_like_name
from .mentions import Mention, build_ref, person_ref, sentence_index

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "ayatollah", "sheikh"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
NAME_ENTS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC"})
BACKED = re.compile(r"\s*-\s*(backed|supported|funded|sponsored|armed|trained|allied|aligned|friendly)\b", re.I)
FORMER = frozenset({"former", "ex", "ousted", "exiled", "deposed", "late", "then"})


@lru_cache(maxsize=1)
def _default_indexes() -> tuple[PhraseIndex[Phrase], PhraseIndex[SectorNoun]]:
    kb = default_kb()
    return PhraseIndex(kb.phrases), PhraseIndex(kb.sector_nouns)


class ActorResolver:
    """Stage: fill ``analysis.actors`` (sorted by start) from ``analysis.doc``.

    ``overrides``: a user actor dictionary (eventwire YAML, or the PETRARCH dictionary JSON) whose phrases
    take precedence over the shipped ones. Dictionaries and automata are built once per resolver.
    """

    name = "actors"

    def __init__(self, overrides: Path | None = None) -> None:
        if overrides is None:
            self.kb = default_kb()
            self.entities, self.sectors = _default_indexes()
        else:
            self.kb = with_overrides(default_kb(), Path(overrides))
            self.entities = PhraseIndex(self.kb.phrases)
            self.sectors = PhraseIndex(self.kb.sector_nouns)

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            yield dataclasses.replace(analysis, actors=self.resolve_analysis(analysis))

    def resolve_analysis(self, analysis: Analysis) -> tuple[ActorRef, ...]:
        doc = analysis.doc
        if doc is None:  # run standalone: parse here (the model is loaded once per process)
            from ..nlp import NLP

            analysis = NLP().parse(analysis)
            doc = analysis.doc
        return tuple(self.resolve_doc(doc, analysis.article.published, analysis.sentences))

    def resolve_doc(self, doc: Any, published: dt.date | None, sentences: tuple[Any, ...] = ()) -> list[ActorRef]:
        work = _DocWork(self.kb, doc, published)
        work.match(self.entities, self.sectors)
        work.compose_sectors()
        work.titled_people()
        work.named_entities()
        work.ner_candidates()
        mentions = resolve_coreference(doc, _merge_adjacent(work.mentions, doc.text), work.pending, self.kb)
        refs = _without_overlaps([m.ref for m in mentions])
        # "The Shire" coded FRO, BIL and SAM: one ref per code at the same span (the events stage pairs each)
        refs += [c for r in refs for c in work.compound.get((r.start, r.end, r.name), [])]
        refs = sorted(refs, key=lambda r: (r.start, -r.end))
        if sentences:
            refs = [dataclasses.replace(r, sentence=sentence_index(sentences, r.start)) for r in refs]
        return refs


# which of two overlapping mentions to keep: dictionary names over inferred links over generic nouns
REASON_RANK = {
    "alias": 0,
    "office-holder": 0,
    "demonym": 0,
    "title": 0,
    "capital-as-government": 1,
    "fuzzy": 2,
    "coref": 3,
    "sector-head-noun": 4,
    "unknown": 5,
}


def _code_role(code: str) -> Role:
    country, sectors = split_code(code)
    return Role(country=country, sectors=sectors, cameo=code)


def _without_overlaps(refs: list[ActorRef]) -> list[ActorRef]:
    kept: list[ActorRef] = []
    for ref in sorted(refs, key=lambda r: (REASON_RANK.get(r.reason, 6), -(r.end - r.start), r.start)):
        if all(ref.end <= k.start or k.end <= ref.start for k in kept):
            kept.append(ref)
    return kept


def _merge_adjacent(mentions: list[Mention], text: str) -> list[Mention]:
    """ "The Russian president Vladimir Putin": title and name of the same person become one mention."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.ref.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.ref.kind == m.ref.kind == "person"
            and prev.ref.name == m.ref.name
            and not text[prev.ref.end : m.ref.start].strip(" ,")
        ):
            ref = dataclasses.replace(m.ref, text=text[prev.ref.start : m.ref.end], start=prev.ref.start)
            out[-1] = Mention(ref, m.token, (prev.tokens[0], m.tokens[1]))
            continue
        out.append(m)
    return out


class _DocWork:
    """Per-document state of one resolution (matches, consumed spans, mentions so far)."""

    def __init__(self, kb: KnowledgeBase, doc: Any, published: dt.date | None) -> None:
        self.kb, self.doc, self.day = kb, doc, published
        self.text: str = doc.text
        self.entity_hits: list[tuple[Match[Phrase], Phrase, Any]] = []
        self.sector_hits: list[tuple[Match[SectorNoun], Any]] = []
        self.mentions: list[Mention] = []
        self.pending: list[Mention] = []  # definite descriptions and pronoun-owned nouns for coref
        self.consumed: set[int] = set()  # token indices already part of a mention
        self.by_token: dict[int, int] = {}  # token index -> index into entity_hits
        self.sector_roots: dict[int, SectorNoun] = {}
        self.title_roots: dict[int, SectorNoun] = {}
        # a name standing for several actors (a user dictionary block of several codes): its further refs
        self.compound: dict[tuple[int, int, str], list[ActorRef]] = {}

    # --- dictionary matching -------------------------------------------------------------------
    def match(self, entities: PhraseIndex[Phrase], sectors: PhraseIndex[SectorNoun]) -> None:
        low = normalise(self.text)
        for m in entities.find(self.text, low):
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            phrase = self._pick(m, span)
            if phrase is None:
                continue
            self.entity_hits.append((m, phrase, span))
            for tok in span:
                self.by_token[tok.i] = len(self.entity_hits) - 1
        taken = [(m.start, m.end) for m, _, _ in self.entity_hits]
        for sm in sectors.find(self.text, low):
            if any(sm.start < e and s < sm.end for s, e in taken):
                continue
            span = self.doc.char_span(sm.start, sm.end, alignment_mode="expand")
            if span is not None and len(span):
                self.sector_hits.append((sm, span))

    def _pick(self, m: Match[Phrase], span: Any) -> Phrase | None:
        surface = self.text[m.start : m.end].replace("’", "'")
        # a name in lower case ("President obama") counts only when the tagger also sees a name there:
        # "turkey", "chad", "amnesty" as common nouns do not
        named = looks_like_name(surface) or (
            len(surface) >= 5 and all(t.ent_type_ in NAME_ENTS or t.tag_ in ("NNP", "NNPS") for t in span)
        )
        good = [p for p in m.payloads if (p.surface == surface if p.case_sensitive else (p.user or named))]
        if not good:
            return None
        if len(good) > 1:  # a shared surname: whoever held office on the date
            active = [p for p in good if self.kb.entries[p.entry].role_on(self.day) is not None]
            good = active or good
        return good[0]

    # --- sector nouns ----------------------------------------------------------------------------
    def _owners(self, head: Any, span: Any) -> list[int]:
        """Entity hits that own the noun ``head``: its premodifiers (with their conjuncts), "of X", or a
        state "in X" ("lawmakers in Arnor"); a conjoined noun shares them ("Danish media and government")."""
        tokens: list[Any] = list(self.doc[min(head.left_edge.i, span.start) : head.i])
        located: list[Any] = []
        for noun in (head, *head.conjuncts):
            for child in noun.children:
                if child.dep_ != "prep" or child.i < noun.i or child.lower_ not in ("of", "from", "in"):
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in self.sector_roots:
                        found = [t for t in pobj.subtree if t.i <= pobj.i] + list(pobj.conjuncts)
                        (located if child.lower_ == "in" else tokens).extend(found)
        if head.dep_ == "compound" and head.head.i > head.i:
            located.append(head.head)  # "MSF Arnor": an agent word before the country it belongs to
        hits = self._hits_near(head, tokens)
        hits += [h for h in self._hits_near(head, located) if self._is_state(h) and h not in hits]
        if not hits and head.dep_ == "conj" and head.head.i in self.sector_roots and head.head.i < head.i:
            hits = self._hits_near(head.head, list(self.doc[head.head.left_edge.i : head.head.i]))
        if len(hits) > 1:  # more owners only by coordination ("U.S. and French planes")
            first = self.entity_hits[hits[0]][2].root
            conj = {t.i for t in first.conjuncts}
            hits = hits[:1] + [h for h in hits[1:] if self.entity_hits[h][2].root.i in conj]
        return hits

    def _hits_near(self, head: Any, tokens: list[Any]) -> list[int]:
        hits: list[int] = []
        for tok in sorted(tokens, key=lambda t: abs(head.i - t.i)):
            idx = self.by_token.get(tok.i)
            # a capital city does not own nouns: "London authorities" are the city's, not Britain's;
            # a backer does not either: "U.S.-backed rebels" are not American
            if (
                idx is not None
                and idx not in hits
                and self.entity_hits[idx][1].how != "capital"
                and not BACKED.match(self.text, self.entity_hits[idx][0].end)
            ):
                hits.append(idx)
        return hits

    def _is_state(self, idx: int) -> bool:
        _, phrase, _ = self.entity_hits[idx]
        entry = self.kb.entries[phrase.entry]
        return phrase.how not in ("capital", "seat") and entry.kind == "state" and not entry.sectors

    def _of_sector(self, head: Any) -> bool:
        """ "officials of the Russian Defense Ministry": the ministry is the actor, not the officials."""
        return any(
            pobj.i in self.sector_roots
            for child in head.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for pobj in child.children
            if pobj.dep_ == "pobj"
        )

    def compose_sectors(self) -> None:
        self.sector_roots = {span.root.i: sm.payloads[0] for sm, span in self.sector_hits}
        self.title_roots = {
            span.root.i: sm.payloads[0] for sm, span in self.sector_hits if sm.payloads[0].role == "title"
        }
        for sm, span in self.sector_hits:
            noun: SectorNoun = sm.payloads[0]
            head = span.root
            if self._modifies_sector(head):
                continue  # "bank official": the official is the actor, "bank" only says which
            if noun.role == "title" and self._titles_a_person(head):
                continue  # "President Obama": the person step takes the title
            noun = self._specialised(noun, head)
            owners = self._owners(head, span)
            if owners:
                self._owned_sector(sm, span, noun, owners)
            elif not self._of_sector(head):
                self._unowned_sector(sm, span, noun, head)

    def _specialised(self, noun: SectorNoun, head: Any) -> SectorNoun:
        """ "rebel leaders" are REB, "army officers" MIL, "bank officials" BUS: a sector noun modifying a
        word for people gives it its sector (the people noun alone would say GOV); so does a user agent
        modifying any built-in noun."""
        for child in head.children:
            inner = self.sector_roots.get(child.i) if child.i < head.i else None
            if inner is None or child.dep_ not in ("compound", "amod", "nmod") or inner.role == "title":
                continue
            # a user dictionary's agent before a built-in head noun is the code the user asked for, as in
            # PETRARCH ("world government activists" with a user agent "world government")
            if (noun.kind == "person" or noun.role == "title") or (inner.user and not noun.user):
                return dataclasses.replace(noun, sectors=inner.sectors, role="members", office="")
        return noun

    def _modifies_sector(self, tok: Any) -> bool:
        while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
            tok = tok.head
            if tok.i in self.sector_roots:
                return True
        return False

    def _titles_a_person(self, head: Any) -> bool:
        target = head.head if head.dep_ in ("compound", "appos") else None
        if target is None or target.i == head.i:
            return False
        idx = self.by_token.get(target.i)
        if idx is not None and self.kb.entries[self.entity_hits[idx][1].entry].kind == "person":
            return True
        return bool(target.ent_type_ == "PERSON")

    def _owned_sector(self, sm: Match[SectorNoun], span: Any, noun: SectorNoun, owners: list[int]) -> None:
        first: ActorRef | None = None
        # "lawmakers and officials in Arnor and Gondor": coordinated nouns share coordinated owners
        shared = any(c.i in self.sector_roots for c in span.root.conjuncts)
        for rank, idx in enumerate(owners):
            m, phrase, ospan = self.entity_hits[idx]
            entry = self.kb.entries[phrase.entry]
            if first is not None and shared and ospan.start >= span.end:
                # each owner after the nouns gives the noun's mention another actor (ARNLEG and GONLEG), and
                # the owner's name is no actor of its own
                ref = self._sector_ref(entry, noun, first.start, first.end)
                if ref is not None:
                    self.compound.setdefault((first.start, first.end, first.name), []).append(ref)
                    self._consume(m.start, m.end)
                continue
            if rank > 0:  # a coordinated owner ("U.S. and French planes") keeps its own words
                start, end = m.start, m.end
            elif self._other_noun_between(span, ospan):  # "Danish media and government": just "government"
                start, end = sm.start, sm.end
            else:
                start, end = min(m.start, sm.start), max(m.end, sm.end)
            ref = self._sector_ref(entry, noun, start, end)
            if ref is None:
                continue
            self._add(Mention(ref, span.root.i, self._token_of(start, end)), start, end)
            first = first or ref

    def _other_noun_between(self, span: Any, ospan: Any) -> bool:
        lo, hi = (ospan.end, span.start) if ospan.start < span.start else (span.end, ospan.start)
        return any(lo <= i < hi for i in self.sector_roots)

    def _sector_ref(self, entry: Entry, noun: SectorNoun, start: int, end: int) -> ActorRef | None:
        text = self.text[start:end]
        role = entry.role_on(self.day)
        if entry.category == "org" or (entry.category == "user" and entry.kind != "state"):
            org = build_ref(text, start, end, entry, role, reason="alias")
            extra = tuple(x for x in noun.sectors if x not in org.sectors)
            if noun.role != "members" or not extra or not org.cameo_code or org.cameo_code.startswith("---"):
                return org  # "Hamas officials" are Hamas
            # "UN troops" → IGOUNOMIL: an organisation's members noun appends its agent code, as PETRARCH does
            return dataclasses.replace(org, sectors=(*org.sectors, *extra),
                                       cameo_code=org.cameo_code + "".join(extra), reason="sector-head-noun")
        country = role.country if role else entry.country
        if noun.role == "title":
            return self._title_ref(text, start, end, entry, country, noun)
        sectors = noun.sectors if noun.sectors else ("GOV",) if entry.kind == "person" else ()
        if noun.role in ("description", "proxy"):  # "the Russian embassy" is Russia; so is "an Indian plan"
            ent_start, ent_end = (start, end) if noun.role == "description" else self._owner_span(entry, start, end)
            return build_ref(self.text[ent_start:ent_end], ent_start, ent_end, entry, role, reason="alias")
        if entry.category == "person" and country:
            base = self.kb.entries[self.kb.country_entry[country]] if country in self.kb.country_entry else entry
            return build_ref(text, start, end, base, None, reason="sector-head-noun", sectors=sectors)
        cameo = None
        if noun.prefix and country:
            cameo = "".join(sectors) + country
        kind = noun.kind if noun.kind in ("group", "organization", "person") else None  # "Syrian rebels": a group
        return build_ref(
            text, start, end, entry, role, reason="sector-head-noun", sectors=sectors, cameo=cameo, kind=kind
        )

    def _owner_span(self, entry: Entry, start: int, end: int) -> tuple[int, int]:
        """The owner's own words inside "an Indian proposal" (the proxy noun is not the actor)."""
        for m, phrase, _ in self.entity_hits:
            if phrase.entry == entry.id and start <= m.start and m.end <= end:
                return m.start, m.end
        return start, end

    def _title_ref(
        self, text: str, start: int, end: int, entry: Entry, country: str | None, noun: SectorNoun
    ) -> ActorRef | None:
        if country and noun.office and noun.office != "other":
            found = self.kb.holder(country, noun.office, self.day)
            if found is not None:
                holder, role = found
                return person_ref(text, start, end, holder, role, "office-holder", self.day)
        if entry.kind == "person":
            return None
        return build_ref(
            text, start, end, entry, None, reason="sector-head-noun", sectors=noun.sectors, kind="person", name=text
        )

    def _unowned_sector(self, sm: Match[SectorNoun], span: Any, noun: SectorNoun, head: Any) -> None:
        det = next((c for c in head.children if c.dep_ in ("det", "poss") and c.i < head.i), None)
        definite = det is not None and det.lower_ in DEFINITE
        pronoun_owner = det is not None and det.dep_ == "poss" and det.pos_ == "PRON"
        start = det.idx if (definite or pronoun_owner) and det is not None else sm.start
        text = self.text[start : sm.end]
        ref = ActorRef(
            text=text,
            start=start,
            end=sm.end,
            name=text,
            sectors=noun.sectors,
            cameo_code="---" + (noun.sectors[0] if noun.sectors else ""),
            kind=noun.kind,
            confidence=0.5,
            reason="sector-head-noun",
        )
        mention = Mention(
            ref,
            head.i,
            self._token_of(start, sm.end),
            noun=noun,
            definite=definite,
            owner_pronoun=det.i if pronoun_owner and det is not None else -1,
        )
        if definite or pronoun_owner or noun.role in ("title", "description"):
            self.pending.append(mention)
            self._consume(sm.start, sm.end)  # not the words between ("the Moscow's campaign" keeps Moscow)
            if det is not None:
                self.consumed.add(det.i)
        elif noun.standalone:
            self._add(mention, start, sm.end)

    # --- named entities from the dictionary ---------------------------------------------------------
    def named_entities(self) -> None:
        # people first: their titles and owners ("Russian leader Vladimir Putin") join their span
        hits = sorted(
            self.entity_hits,
            key=lambda h: self.kb.entries[h[1].entry].kind != "person" and h[2].root.ent_type_ != "PERSON",
        )
        for m, phrase, span in hits:
            if any(t.i in self.consumed for t in span):
                continue
            entry = self.kb.entries[phrase.entry]
            mention = self._entity_mention(m, phrase, span, entry)
            if mention is not None:
                self._add(mention, mention.ref.start, mention.ref.end)

    def _entity_mention(self, m: Match[Phrase], phrase: Phrase, span: Any, entry: Entry) -> Mention | None:
        root = span.root
        text = self.text[m.start : m.end]
        if entry.category == "person":
            start, tokens = self._left_title(span)
            self.consumed.update(tokens)
            role = entry.role_on(self.day)
            ref = person_ref(self.text[start : m.end], start, m.end, entry, role, "office-holder", self.day)
            return Mention(ref, root.i, (self._token_of(start, m.end)))
        if phrase.how == "capital":
            if not self._agentive(root) or self._in_person(span):
                return None  # "killed 130 people in Paris": a place, not an actor
            ref = build_ref(text, m.start, m.end, entry, None, reason="capital-as-government", sectors=("GOV",))
            return Mention(ref, root.i, (span.start, span.end))
        if phrase.how == "seat":
            ref = build_ref(text, m.start, m.end, entry, None, reason="capital-as-government", sectors=("GOV",))
            return Mention(ref, root.i, (span.start, span.end))
        backer = bool(BACKED.match(self.text, m.end))  # "U.S.-backed rebels": the backer is an actor
        if entry.category in ("country", "region") and (
            (self._mere_modifier(root) and not backer) or self._in_person(span)
        ):
            return None  # "the Syrian war", "Russian bomb": an adjective, not an actor
        if entry.category == "user" and root.ent_type_ == "PERSON":  # "Bree Prime Minister Romendacil"
            start, tokens = self._left_title(span)
            title = self._title_of(tokens)
            if title is not None:
                self.consumed.update(tokens)
                ref = build_ref(
                    self.text[start : m.end],
                    start,
                    m.end,
                    entry,
                    entry.role_on(self.day),
                    reason="title",
                    sectors=title.sectors,
                )
                return Mention(ref, root.i, self._token_of(start, m.end))
        demonym = entry.category == "country" and (root.pos_ == "ADJ" or root.tag_ in ("NNS", "NNPS"))
        reason = "demonym" if demonym else "alias"
        role = entry.role_on(self.day)
        ref = build_ref(text, m.start, m.end, entry, role, reason=reason)
        also = role.also if role is not None else entry.also
        if also:
            self.compound[(ref.start, ref.end, ref.name)] = [
                build_ref(text, m.start, m.end, entry, _code_role(code), reason=reason) for code in also
            ]
        return Mention(ref, root.i, (span.start, span.end))

    def _left_title(self, span: Any) -> tuple[int, list[int]]:
        """Titles, honorifics and owner to the left of a name ("Syria's President X"): start and tokens."""
        start, tokens = span.start_char, []
        i = span.start - 1
        while i >= 0:
            tok = self.doc[i]
            owned = tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head.i > i
            if not (tok.lower_ in HONORIFICS or tok.dep_ == "case" or owned) or tok.is_space:
                break
            if tok.i in self.consumed:
                break
            start = tok.idx
            tokens.append(tok.i)
            i -= 1
        return start, tokens

    def _merge_title(self, k: int, ent: Any) -> None:
        old = self.mentions[k]
        if old.ref.reason not in ("sector-head-noun", "office-holder") or old.tokens[1] != ent.start:
            return
        if old.ref.reason == "office-holder" and old.ref.name != ent.text:  # "Russian president" + a new name
            old = Mention(dataclasses.replace(old.ref, aliases=()), old.token, old.tokens)
        ref = dataclasses.replace(
            old.ref,
            text=self.text[old.ref.start : ent.end_char],
            end=ent.end_char,
            name=ent.text,
            kind="person",
            aliases=(),
            reason="title",
        )
        self.mentions[k] = Mention(ref, ent.root.i, (old.tokens[0], ent.end))
        self._consume(ent.start_char, ent.end_char)

    def _title_of(self, tokens: list[int]) -> SectorNoun | None:
        return next((self.title_roots[i] for i in tokens if i in self.title_roots), None)

    def titled_people(self) -> None:
        """Names the dictionaries lack but a title explains: "Gondor's Prime Minister Falastur" -> GONGOV."""
        at = {i: k for k, m in enumerate(self.mentions) for i in range(*m.tokens)}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or any(t.i in self.consumed or t.i in self.by_token for t in ent):
                continue
            before = ent.start - 1
            title_next = before in at and self.mentions[at[before]].ref.kind == "person"
            if before in at and (title_next or ent.start <= self.doc[before].head.i < ent.end):
                self._merge_title(at[before], ent)  # "Iranian general Qassem Soleimani"
                continue
            start, tokens = self._left_title(ent)
            title = self._title_of(tokens)
            if title is None:
                continue
            owner = next((self.by_token[i] for i in sorted(tokens) if i in self.by_token), None)
            country = None
            if owner is not None:
                entry = self.kb.entries[self.entity_hits[owner][1].entry]
                role = entry.role_on(self.day)
                country = role.country if role else entry.country
            text = self.text[start : ent.end_char]
            former = any(self.doc[i].lower_ in FORMER for i in tokens) or self.text[:start].lower().rstrip().endswith(
                tuple(FORMER)
            )
            sectors = ("ELI",) if former else title.sectors  # "former president Carlos Menem": an elite
            ref = ActorRef(
                text=text,
                start=start,
                end=ent.end_char,
                name=ent.text,
                country=country,
                sectors=sectors,
                cameo_code=compose_code(country, sectors),
                plover_actor=plover_actor(country, sectors, None),
                kind="person",
                confidence=0.7 if country else 0.5,
                reason="title",
            )
            self.consumed.update(tokens)
            self._add(Mention(ref, ent.root.i, (ent.start, ent.end)), start, ent.end_char)

    def _agentive(self, tok: Any) -> bool:
        if tok.dep_ in SUBJECT_DEPS:
            return True
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":  # "struck by Paris"
            return True
        if tok.dep_ == "conj" and tok.head.dep_ in SUBJECT_DEPS:
            return True
        # a misparsed line start ("...airport\nParis launched"): a capital right before a finite verb,
        # not itself the object of a preposition ("attacks in Paris killed")
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        prev = next((t for t in reversed(self.doc[: tok.i]) if not t.is_space), None)
        return (
            nxt is not None
            and nxt.tag_ in ("VBD", "VBZ", "VBP", "MD")
            and (prev is None or prev.pos_ != "ADP" or "\n" in self.text[prev.idx : tok.idx])
        )

    @staticmethod
    def _in_person(span: Any) -> bool:
        """ "Jordan Peterson", "Georgia Meloni": a country word inside a longer person name."""
        ents = [t.ent_type_ for t in span]
        doc = span.doc
        around = [doc[i].ent_type_ for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
        return "PERSON" in ents and "PERSON" in around

    @staticmethod
    def _mere_modifier(tok: Any) -> bool:
        return tok.dep_ in ("amod", "compound", "nmod") and tok.head.i != tok.i

    # --- names the dictionaries do not know -------------------------------------------------------
    def ner_candidates(self) -> None:
        from .fuzzy import fuzzy_entry

        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(t.i in self.consumed for t in ent):
                continue
            if all(t.i in self.by_token for t in ent):
                continue  # the dictionary knows these words better ("Sanaa" tagged PERSON is a capital)
            start, end = ent.start_char, ent.end_char
            if self.text[start:end].lower().startswith("the "):
                start += 4
            if not looks_like_name(self.text[start:end]) or sum(c.isalpha() for c in self.text[start:end]) < 3:
                continue  # tagger noise ("cts", "mln")
            entry = fuzzy_entry(self.kb, self.text[start:end], ent.label_)
            if entry is not None:
                role = entry.role_on(self.day)
                if entry.kind == "person":
                    ref = person_ref(self.text[start:end], start, end, entry, role, "fuzzy", self.day)
                else:
                    ref = build_ref(self.text[start:end], start, end, entry, role, reason="fuzzy")
                ref = dataclasses.replace(ref, confidence=0.7)
            else:
                ref = self._unknown(ent, start, end)
            self._add(Mention(ref, ent.root.i, (ent.start, ent.end)), start, end)

    def _unknown(self, ent: Any, start: int, end: int) -> ActorRef:
        kind = "person" if ent.label_ == "PERSON" else "organization"
        text = self.text[start:end]
        return ActorRef(
            text=text, start=start, end=end, name=text, cameo_code=None, kind=kind, confidence=0.4, reason="unknown"
        )

    # --- bookkeeping ----------------------------------------------------------------------------------
    def _token_of(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def _consume(self, start: int, end: int) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            self.consumed.update(t.i for t in span)

    def _add(self, mention: Mention, start: int, end: int) -> None:
        self.mentions.append(mention)
        self._consume(start, end)


def resolve(text: str, published: dt.date | None = None, resolver: ActorResolver | None = None) -> list[ActorRef]:
    """Resolve the actors of one text (parses it with the shared spaCy model)."""
    from ..nlp import NLP
    from ..records import Article

    article = Article(id=Article.make_id("", text), text=text, published=published)
    analysis = NLP().parse(Analysis(article=article))
    return list((resolver or ActorResolver()).resolve_analysis(analysis))


__all__ = ["ActorResolver", "resolve"]

"""Toponym recognition: spaCy GPE/LOC/FAC/NORP entities plus gazetteer look-ups constrained by context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER

from .gazetteer import COUNTY_WORDS, Candidate, Gazetteer
from .normalize import fold, norm_key

MAX_TOKENS = 5
SMALL_TOWN = 5_000  # towns below this size are matched by the gazetteer scan only with a locative cue
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are not toponyms on their own ("Paris Hilton", "Jordan Henderson", "Kenya Airways").
BLOCK_LABELS = frozenset({"PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
# Prepositions that make a following capitalised word a place ("in Nice", "near Split").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "across", "around", "into", "of",
                            "toward", "towards", "throughout", "within", "between", "inside", "via"})
CONNECTORS = frozenset({"of", "de", "del", "la", "el", "al", "and", "du", "des", "upon", "on", "the", "es", "ez"})
# Verbs whose direct object is a place ("captured Knin", "shelled Douma", "entered Mosul").
PLACE_OBJECT_VERBS = frozenset({"capture", "recapture", "seize", "storm", "shell", "bomb", "besiege", "raid",
                                "overrun", "liberate", "enter", "invade", "occupy", "patrol", "evacuate",
                                "encircle", "surround", "retake", "visit", "reach", "flee", "leave", "abandon",
                                "attack", "hit", "strike", "control", "tour"})
# Head nouns of local place names ("the Amiriyah district", "the village of Tsurif").
LOCAL_NOUNS = frozenset({"village", "villages", "town", "towns", "district", "districts", "neighborhood",
                         "neighbourhood", "neighborhoods", "neighbourhoods", "suburb", "suburbs", "area", "areas",
                         "region", "province", "governorate", "camp", "quarter", "township", "county", "valley",
                         "island", "city", "municipality", "settlement", "settlements", "localities", "hamlet",
                         "outskirts", "vicinity", "countryside", "hills", "hilltop", "farms", "mountains",
                         "airbase", "airport", "subdistrict", "sub-district", "locality", "hill", "base", "dam",
                         "gorge", "crossing", "heights", "mountain", "plain", "plains", "river", "creek",
                         "bayou"})
# Prepositions that introduce a scene; a proper name after them is a place even when no list knows it.
SCENE_PREPS = frozenset({"in", "near", "outside", "inside"})
# "Rebecca Sears, 41, of Grovetown": a town NER calls an organisation is a place after these too.
ORIGIN_OR_SCENE_PREPS = SCENE_PREPS | {"of", "from"}
NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "PERSON", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                            "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Head words of organisations, institutions and events ("in Congress", "at Harvard University").
ORG_WORDS = frozenset({"university", "college", "school", "party", "council", "congress", "parliament", "police",
                       "department", "ministry", "court", "inc", "corp", "company", "bank", "group", "association",
                       "committee", "commission", "club", "church", "hospital", "center", "centre", "house",
                       "senate", "assembly", "times", "post", "news", "institute", "foundation", "league",
                       "office", "agency", "army", "forces", "force", "board", "union", "cup", "games"})
# Titles before a person's surname ("coach Ripley", "Sheriff Adams").
TITLE_WORDS = frozenset({"coach", "sheriff", "mr", "mrs", "ms", "dr", "officer", "judge", "sen", "senator", "rep",
                         "gov", "governor", "mayor", "deputy", "sgt", "lt", "capt", "detective", "trooper",
                         "president", "minister", "rev", "father", "pastor", "professor", "prof", "chief",
                         "councilman", "councilwoman", "commissioner", "attorney", "principal", "superintendent",
                         "col", "gen", "maj", "brig", "adm", "cmdr", "cpl", "pvt"})
# Military ranks written short ("Lt. Col.", "Brig. Gen."), which gazetteers hold as place names ("Col", "Gen").
RANK_ABBREVIATIONS = frozenset({"col", "gen", "maj", "brig", "adm", "cmdr", "capt", "lt", "sgt", "cpl", "pvt"})
# A dateline follows a paragraph break, a sentence end or a byline ("The Associated Press WASHINGTON (AP)") and is
# followed by a comma, a bracket or a dash.
DATELINE_BEFORE = frozenset({".", "Press", "AP", "Reuters", "AFP"})
DATELINE_AFTER = frozenset({",", "(", "-", "–", "—", ":", "--"})
PLURAL_COUNTY_WORDS = frozenset({"counties", "parishes", "boroughs"})
HOLIDAY_HEADS = frozenset({"day", "eve", "week", "weekend"})
# Entity labels of a lone word that may still be a place name when the gazetteer knows it (see _lone_place_name).
LONE_NAME_ENTS = frozenset({"PERSON", "GPE", "LOC"})
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es", "ez"})
BIG_CITY = 1_000_000  # the gazetteer keeps the alternate names of cities this large
# Offices and bodies named "X of <common word>" ("Secretary of State", "Chamber of Commerce").
OFFICE_WORDS = frozenset({"secretary", "minister", "ministry", "department", "head", "heads", "chamber", "clerk",
                          "court", "weapons", "officer", "ceo", "founder", "director", "president", "chairman",
                          "commissioner", "board", "bureau", "office", "chief"})
# Month and weekday names are never toponyms unless spaCy itself calls them a place.
CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                      "saturday", "sunday"})


@dataclass
class Mention:
    start: int  # char offsets into the article text
    end: int
    text: str
    candidates: list[Candidate]
    sentence: int
    source: str  # ner | gazetteer | demonym
    strong: bool  # NER label or locative context
    demonym: bool = False
    token_start: int = 0
    token_end: int = 0
    context: dict[str, str] = field(default_factory=dict)


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


def _locative_before(doc: object, i: int) -> bool:
    if i == 0:
        return False
    prev = doc[i - 1]  # type: ignore[index]
    if prev.lower_ == "the" and i > 1:
        prev = doc[i - 2]  # type: ignore[index]
    return bool(prev.lower_ in LOCATIVE_PREPS)


class Recognizer:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._person_words: set[str] = set()  # words of multi-word PERSON names in the current document
        self._persons: list[tuple[int, int, set[str]]] = []  # those names with their char spans
        self._person_words_cased: set[str] = set()

    def mentions(self, doc: object, excluded: Iterable[tuple[int, int]]) -> list[Mention]:
        blocked = [(a, b) for a, b in excluded]
        taken = [False] * len(doc)  # type: ignore[arg-type]
        out: list[Mention] = []
        sent_of = self._sentence_index(doc)
        person_words = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}  # type: ignore[attr-defined]
        self._person_words = person_words
        self._person_words_cased = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent}  # type: ignore[attr-defined]
        self._persons = [(ent.start_char, ent.end_char, {t.lower_ for t in ent}) for ent in doc.ents  # type: ignore[attr-defined]
                         if ent.label_ == "PERSON" and len(ent) > 1]
        for ent in doc.ents:  # type: ignore[attr-defined]
            if ent.label_ in BLOCK_LABELS and not self._lone_place_name(ent, person_words) \
                    and not self._tail_of_place_name(ent):
                for t in range(ent.start, ent.end):
                    taken[t] = True
        for ent in doc.ents:  # type: ignore[attr-defined]
            if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
                m = self._from_entity(ent, sent_of)
                if m is not None and not _overlaps(m.start, m.end, blocked):
                    out.append(m)
                    for t in range(m.token_start, m.token_end):
                        taken[t] = True
        out.extend(self._scan(doc, taken, blocked, sent_of))
        spans = [(m.token_start, m.token_end) for m in out]
        for m in [*self._datelines(doc, sent_of), *self._local_names(doc, sent_of),
                  *self._locative_names(doc, sent_of)]:
            if not any(m.token_start < b and a < m.token_end for a, b in spans) \
                    and not _overlaps(m.start, m.end, blocked):
                out.append(m)
                spans.append((m.token_start, m.token_end))
        out = [m for m in out if not _rank_abbreviation(doc, m)]
        out = self._county_lists(doc, out, blocked, sent_of)
        out.extend(self._repeats(doc, out, blocked, sent_of))
        out.sort(key=lambda m: m.start)
        _share_county_readings(out)
        return out

    def _county_lists(self, doc: object, found: list[Mention], blocked: list[tuple[int, int]],
                      sent_of: list[int]) -> list[Mention]:
        """"Barrow, Jackson and Madison counties", "Alachua and Gilchrist counties": every name of the list is a
        county (one candidate per state that has it), whatever else the name could be."""
        out = list(found)
        for k in _positions(doc, PLURAL_COUNTY_WORDS):
            j = k  # exclusive end of the current name
            while j > 0:
                i = j
                while i > 0 and _is_cap(doc[i - 1].text) and doc[i - 1].is_alpha and j - i < 3:  # type: ignore[index]
                    i -= 1
                if i == j:
                    break
                span = doc[i:j]  # type: ignore[index]
                counties = self.gaz.counties(span.text)
                if counties and not _overlaps(span.start_char, span.end_char, blocked):
                    m = self._mention(span, [Candidate(e, False) for e in counties], sent_of, "county", True)
                    out = [o for o in out if not (o.start < m.end and m.start < o.end)] + [m]
                sep = doc[i - 1].lower_ if i > 0 else ""  # type: ignore[index]
                if sep not in (",", "and", "&"):
                    break
                j = i - 1
                if sep == "and" and j > 0 and doc[j - 1].text == ",":  # type: ignore[index]
                    j -= 1  # serial comma: "A, B, and C counties"
        return out

    def _repeats(self, doc: object, found: list[Mention], blocked: list[tuple[int, int]],
                 sent_of: list[int]) -> list[Mention]:
        """One sense per article: a name the article once uses as a place without doubt — after "in/near/from …",
        before ", State", or as the dateline — is a place wherever else the article writes it, also inside an
        organisation's name ("Torrington firefighters", "the Alexandria police"); not inside a person's name."""
        names = {m.text: m for m in found if m.candidates and not m.demonym and m.source in ("ner", "gazetteer")
                 and len(m.text) >= 3 and not m.text.isupper() and m.text not in self._person_words_cased
                 and m.text.lower() not in self.gaz.common_words
                 and (m.context.get("dateline") or _locative_before(doc, m.token_start)
                      or self._state_after(doc, m.token_end))}
        if not names:
            return []
        spans = [(m.start, m.end) for m in found]
        persons = [(a, b) for a, b, _ in self._persons]
        text: str = doc.text  # type: ignore[attr-defined]
        out: list[Mention] = []
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
        for hit in pattern.finditer(text):
            start, end = hit.span()
            if _overlaps(start, end, spans) or _overlaps(start, end, blocked) or _overlaps(start, end, persons):
                continue
            span = doc.char_span(start, end)  # type: ignore[attr-defined]
            if span is None or _not_a_place_before(doc, span.start):
                continue
            src = names[hit.group(1)]
            out.append(self._mention(span, src.candidates, sent_of, "repeat", False))
            spans.append((start, end))
        return out

    def _datelines(self, doc: object, sent_of: list[int]) -> list[Mention]:
        """Upper-case datelines at the start of a story or paragraph: "WASHINGTON (AP) —", "PLEASANTON, Calif.",
        "IMMOKALEE –". The tagger often misses them (an upper-case word reads as a common noun)."""
        out: list[Mention] = []
        n = len(doc)  # type: ignore[arg-type]
        for i in range(n):
            tok = doc[i]  # type: ignore[index]
            if not _upper_word(tok.text):
                continue
            prev = doc[i - 1] if i else None  # type: ignore[index]
            if prev is not None and not (prev.is_space or prev.text in DATELINE_BEFORE or tok.is_sent_start):
                continue
            if prev is not None and _upper_word(prev.text):
                continue
            j = i + 1
            while j < n and j - i < 4 and _upper_word(doc[j].text):  # type: ignore[index]
                j += 1
            if j >= n or doc[j].text not in DATELINE_AFTER:  # type: ignore[index]
                continue
            span = doc[i:j]  # type: ignore[index]
            cands = self.gaz.lookup(span.text)
            if cands and span.text.lower() not in self.gaz.common_words:
                m = self._mention(span, cands, sent_of, "gazetteer", True)
                m.context["dateline"] = "1"
                out.append(m)
        return out

    def _local_names(self, doc: object, sent_of: list[int]) -> list[Mention]:
        """Villages, districts and neighbourhoods the gazetteer lacks, from their head noun: "the Amiriyah
        district", "Sontyo village", "the village of Sheikh Najjar". Kept without coordinates."""
        out: list[Mention] = []
        n = len(doc)  # type: ignore[arg-type]
        for i in _positions(doc, LOCAL_NOUNS):
            tok = doc[i]  # type: ignore[index]
            j = tok.i  # capitalised words right before the noun
            while j > 0 and doc[j - 1].pos_ == "PROPN" and _is_cap(doc[j - 1].text) and tok.i - j < 4:  # type: ignore[index]
                j -= 1
            if j < tok.i:
                out.append(self._mention(doc[j : tok.i], [], sent_of, "unresolved", True))  # type: ignore[index]
            # "the village of Sheikh Najjar", also after a name ("the Nairobi suburb of Syokimau") and with a
            # lower-case Arabic article ("the town of al-Wafa")
            if tok.i + 2 < n and doc[tok.i + 1].lower_ == "of":  # type: ignore[index]
                k = tok.i + 2
                if k + 2 < n and doc[k].lower_ in ARABIC_ARTICLES and doc[k + 1].text == "-":  # type: ignore[index]
                    k += 2
                while k < n and k - tok.i < 6 and (doc[k].pos_ == "PROPN" and _is_cap(doc[k].text)  # type: ignore[index]
                                                  or doc[k].text == "-"):  # type: ignore[index]
                    k += 1
                if k > tok.i + 2 and _is_cap(doc[k - 1].text):  # type: ignore[index]
                    out.append(self._mention(doc[tok.i + 2 : k], [], sent_of, "unresolved", True))  # type: ignore[index]
        return [m for m in out if m.text.lower() not in self.gaz.common_words and not self._person_elsewhere(m)]

    def _person_elsewhere(self, m: Mention) -> bool:
        """A word of the name belongs to a person named elsewhere in the article ("the village of Ripley" vs
        "Sheriff John Ripley"). NER calling this very span a PERSON does not count: "the towns of Khan Touman"
        names a place whatever the tagger says."""
        words = set(m.text.lower().split())
        return any(words & names for a, b, names in self._persons if not (a < m.end and m.start < b))

    def _locative_names(self, doc: object, sent_of: list[int]) -> list[Mention]:
        """Proper names right after a scene preposition ("in Wardigley", "at the Ramousah …") that neither the
        gazetteer nor NER calls a place: villages and neighbourhoods of conflict news. Kept without
        coordinates; organisation-like heads ("in Congress", "at Google Inc") are left out."""
        out: list[Mention] = []
        n = len(doc)  # type: ignore[arg-type]
        for i in _positions(doc, SCENE_PREPS):
            tok = doc[i]  # type: ignore[index]
            if tok.i + 1 >= n:
                continue
            k = tok.i + 1  # "in the Amiriyah district" is left to _local_names: "in the X" is often an organisation
            j = k
            while j < n and j - k < 4 and (_is_cap(doc[j].text) and doc[j].pos_ == "PROPN"  # type: ignore[index]
                                           or (j > k and doc[j].text == "-")):  # type: ignore[index]
                j += 1
            if j == k or doc[j - 1].text == "-" or doc[k].ent_type_ in NOT_PLACE_ENTS:  # type: ignore[index]
                continue
            span = doc[k:j]  # type: ignore[index]
            words = span.text.lower().split()
            if span.text.lower() in self.gaz.common_words or any(w in self._person_words for w in words) \
                    or any(t.lower_ in ORG_WORDS for t in span) or (j < n and doc[j].lower_ in ORG_WORDS):  # type: ignore[index]
                continue
            out.append(self._mention(span, [], sent_of, "unresolved", True))
        return out

    def _lone_place_name(self, ent: object, person_words: set[str]) -> bool:
        """The small model often calls a lone town name a PERSON ("in Alexandria"); such a single word stays a
        toponym candidate unless the article uses it inside a longer person's name ("Alexandria Smith")."""
        cands = [c.entry for c in self.gaz.lookup(ent.text) if not c.alternate]  # type: ignore[attr-defined]
        if ent.text in self.gaz.demonyms:  # type: ignore[attr-defined]
            return True  # "Sri Lankan" tagged PERSON
        if ent.label_ != "PERSON":  # type: ignore[attr-defined]
            # "in northeastern Aleppo" tagged LANGUAGE: a well-known place name is not blocked by such a label.
            short = len(ent) <= 3  # type: ignore[arg-type]
            label: str = ent.label_  # type: ignore[attr-defined]
            return label in ("LANGUAGE", "WORK_OF_ART", "PRODUCT", "EVENT") and short \
                and any(e.feature != "city" or e.population >= 100_000 for e in cands)
        if _not_a_place_before(ent.doc, ent.start):  # type: ignore[attr-defined]
            return False
        if len(ent) == 1:  # type: ignore[arg-type]
            # A smaller town only where a place goes ("captured Knin").
            floor = SMALL_TOWN if _place_slot(ent.doc, ent.start) else 10_000  # type: ignore[attr-defined]
            return ent.text.lower() not in person_words and any(e.population >= floor for e in cands)  # type: ignore[attr-defined]
        # "Tamil Nadu", "Sierra Leone": a multi-word PERSON that is exactly a well-known place name.
        return any(e.feature != "city" or e.population >= 50_000 for e in cands)

    def _tail_of_place_name(self, ent: object) -> bool:
        """NER tagged only the end of a well-known place name as a person ("Santo [Domingo]", "Addis [Ababa]"):
        the whole name is the place."""
        doc = ent.doc  # type: ignore[attr-defined]
        start: int = ent.start  # type: ignore[attr-defined]
        for i in range(start - 1, max(start - 3, -1), -1):
            if not _is_cap(doc[i].text) or doc[i].is_stop or doc[i].ent_type_ not in ("", ent.label_):  # type: ignore[attr-defined]
                return False  # "The [Bush] administration": an article, not a name's first word
            cands = self.gaz.lookup(doc[i : ent.end].text)  # type: ignore[attr-defined]
            if any(not c.alternate and (c.entry.feature != "city" or c.entry.population >= 100_000) for c in cands):
                return True
        return False

    @staticmethod
    def _sentence_index(doc: object) -> list[int]:
        idx = [0] * len(doc)  # type: ignore[arg-type]
        for n, sent in enumerate(doc.sents):  # type: ignore[attr-defined]
            for t in range(sent.start, sent.end):
                idx[t] = n
        return idx

    def _from_entity(self, ent: object, sent_of: list[int]) -> Mention | None:
        span = ent
        while len(span) > 1 and span[0].lower_ in ("the", "'s"):  # type: ignore[arg-type,index]
            span = span[1:]  # type: ignore[index]
        while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ == "'s"):  # type: ignore[arg-type,index]
            span = span[:-1]  # type: ignore[index]
        text = span.text  # type: ignore[attr-defined]
        entry = self.gaz.demonyms.get(text) or self.gaz.demonyms.get(text.rstrip("s"))
        if span.label_ == "NORP" or (entry is not None and not self.gaz.lookup(text)):  # type: ignore[attr-defined]
            # A demonym is one whatever NER calls it ("Sri Lankan" tagged GPE).
            if entry is None:
                return None
            cands = [Candidate(entry, False)]
            return self._mention(span, cands, sent_of, "demonym", True, demonym=True)
        county = self._county(span, sent_of)
        if county is not None:
            return county
        cands = self.gaz.lookup(text) or self.gaz.fuzzy(text)
        if not cands and text.endswith("'s"):
            cands = self.gaz.lookup(text[:-2])
        if not cands:
            sub = self._best_sub_span(span)
            if sub is None:
                return self._unresolved(span, sent_of)
            span, cands = sub
        if len(span) == 1 and _not_a_place_before(span.doc, span.start):  # type: ignore[arg-type,attr-defined]
            return None  # "coach Ripley", "St. Patrick's Day": NER's GPE, but a person or a saint
        return self._mention(span, cands, sent_of, "ner", True)

    def _unresolved(self, span: object, sent_of: list[int]) -> Mention | None:
        """A GPE/LOC name the gazetteer does not hold (villages, districts: "Krongpinang district"). Kept
        without coordinates: event locations are often exactly such local names."""
        if span.label_ not in ("GPE", "LOC") or not _is_cap(span.text):  # type: ignore[attr-defined]
            return None
        if span.text.lower() in self.gaz.common_words or not any(t.pos_ == "PROPN" for t in span):  # type: ignore[attr-defined]
            return None
        if span[-1].lower_ in HOLIDAY_HEADS:  # type: ignore[index]
            return None  # "St. Patrick's Day" tagged GPE
        if any(t.lower_ in self._person_words for t in span):  # type: ignore[attr-defined]
            return None  # "Saakashvili" tagged GPE once, but "Mikheil Saakashvili" is a person elsewhere
        return self._mention(span, [], sent_of, "unresolved", True)

    def _county(self, span: object, sent_of: list[int]) -> Mention | None:
        """"Laurel County", "Orleans Parish": one candidate per state that has a county of that name; the
        resolver picks the state from the article's other places."""
        if len(span) < 2 or span[-1].text not in COUNTY_WORDS:  # type: ignore[arg-type,index]
            return None
        counties = self.gaz.counties(span[:-1].text)  # type: ignore[index]
        if not counties:
            return None
        return self._mention(span, [Candidate(e, False) for e in counties], sent_of, "county", True)

    def _best_sub_span(self, span: object) -> tuple[object, list[Candidate]] | None:
        """Longest gazetteer name inside an entity the gazetteer does not know as a whole
        ("Laurel County Sheriff" → "Laurel County")."""
        n = len(span)  # type: ignore[arg-type]
        for i in range(n - 1):
            if span[i + 1].text in COUNTY_WORDS and _is_cap(span[i].text):  # type: ignore[index]
                return None  # "Douglas County Road 4": the county scan below handles it, not "Douglas"
        found: list[tuple[int, int, object, list[Candidate]]] = []
        for size in range(n - 1, 0, -1):
            for i in range(0, n - size + 1):
                sub = span[i : i + size]  # type: ignore[index]
                if not _is_cap(sub[0].text) or sub[0].is_stop:
                    continue
                cands = [c for c in self.gaz.lookup(sub.text)
                         if not (c.entry.feature == "city" and (c.alternate or c.entry.population < SMALL_TOWN))]
                if cands and sub.text.lower() not in self.gaz.common_words:
                    # Inside a longer name, a small town's name or a town's alternate name is seldom meant
                    # ("Flat Creek", "Republic of Armenia"): prefer the longest, then the best-known name.
                    found.append((size, max(c.entry.population for c in cands), sub, cands))
        if not found:
            return None
        _, _, sub, cands = max(found, key=lambda f: (f[0], f[1]))
        return sub, cands

    def _mention(self, span: object, cands: list[Candidate], sent_of: list[int], source: str,
                 strong: bool, demonym: bool = False) -> Mention:
        return Mention(
            start=span.start_char,  # type: ignore[attr-defined]
            end=span.end_char,  # type: ignore[attr-defined]
            text=span.text,  # type: ignore[attr-defined]
            candidates=cands,
            sentence=sent_of[span.start],  # type: ignore[attr-defined]
            source=source,
            strong=strong,
            demonym=demonym,
            token_start=span.start,  # type: ignore[attr-defined]
            token_end=span.end,  # type: ignore[attr-defined]
        )

    def _scan(self, doc: object, taken: list[bool], blocked: list[tuple[int, int]],
              sent_of: list[int]) -> list[Mention]:
        out: list[Mention] = []
        n = len(doc)  # type: ignore[arg-type]
        i = 0
        while i < n:
            tok = doc[i]  # type: ignore[index]
            if taken[i] or not _is_cap(tok.text) or not tok.text.replace(".", "").isalpha():
                i += 1
                continue
            county = self._scan_county(doc, i, taken, sent_of)
            if county is not None:
                out.append(county)
                i = county.token_end
                continue
            found = self._longest_match(doc, i, taken)
            if found is not None:
                j, cands = found
                span = doc[i:j]  # type: ignore[index]
                if self._acceptable(doc, i, j, span) and not _overlaps(span.start_char, span.end_char, blocked):
                    out.append(self._mention(span, cands, sent_of, "gazetteer", _locative_before(doc, i)))
                    i = j
                    continue
            # Two-word demonyms first ("Sri Lankan", "South Ossetian"), then one-word ones — also where a small
            # town carries the name but is not meant ("The Canadian Press": Canadian, Texas).
            two = doc[i : i + 2].text if i + 1 < n and not taken[i + 1] else ""  # type: ignore[index]
            size = 2 if two in self.gaz.demonyms else 1
            demonym = self.gaz.demonyms.get(two if size == 2 else tok.text)
            if demonym is not None and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
                m = self._mention(doc[i : i + size], [Candidate(demonym, False)], sent_of,  # type: ignore[index]
                                  "demonym", False, demonym=True)
                if not _overlaps(m.start, m.end, blocked):
                    out.append(m)
                i += size
                continue
            i += 1
        return out

    def _scan_county(self, doc: object, i: int, taken: list[bool], sent_of: list[int]) -> Mention | None:
        n = len(doc)  # type: ignore[arg-type]
        for j in range(i + 1, min(i + 4, n)):
            t = doc[j]  # type: ignore[index]
            if taken[j] or not _is_cap(t.text):
                return None
            if t.text in COUNTY_WORDS:
                return self._county(doc[i : j + 1], sent_of)  # type: ignore[index]
        return None

    def _longest_match(self, doc: object, i: int, taken: list[bool]) -> tuple[int, list[Candidate]] | None:
        n = len(doc)  # type: ignore[arg-type]
        j_max = i
        while j_max < n and j_max - i < MAX_TOKENS and not taken[j_max]:
            t = doc[j_max]  # type: ignore[index]
            if not (_is_cap(t.text) or t.lower_ in CONNECTORS or t.text in ("-", ".")):
                break
            j_max += 1
        for j in range(j_max, i, -1):
            last = doc[j - 1]  # type: ignore[index]
            if not _is_cap(last.text):
                continue
            key = norm_key(doc[i:j].text)  # type: ignore[index]
            if self.gaz.has_key(key):
                return j, self.gaz.lookup_key(key)
        return None

    def _acceptable(self, doc: object, i: int, j: int, span: object) -> bool:
        """Gazetteer-only matches: proper nouns, not common words unless in a locative context."""
        toks = list(span)  # type: ignore[call-overload]
        if not any(t.pos_ == "PROPN" for t in toks) and not (
                j - i == 1 and toks[0].pos_ == "NOUN" and toks[0].ent_type_ in LONE_NAME_ENTS):
            return False  # a lone name NER tagged but the tagger called a noun ("At Vladivostok …") still counts
        cands = self.gaz.lookup(span.text)  # type: ignore[attr-defined]
        big = any(c.entry.feature != "city" or (c.entry.population >= 100_000 and not c.alternate) for c in cands)
        if len(span.text) < 3 and not big:  # type: ignore[attr-defined]
            return False  # initials and codes ("D", "BA")
        if j - i == 1 and all(c.alternate and c.entry.feature == "city" for c in cands) and not (
                any(c.entry.population >= BIG_CITY for c in cands) and _place_cue(doc, i)):
            # a lone word known only as some town's alternate name ("Hamas", "Soul" for Seoul); a great city's
            # other name ("Kiev", "Bombay") where NER or a preposition says a place goes ("in central Kiev")
            return False
        if _not_a_place_before(doc, i):
            return False
        if j - i == 1 and toks[0].text.isupper() and len(toks[0].text) <= 5 and (
                not big or norm_key(toks[0].text) != fold(toks[0].text)):
            return False  # acronyms ("AMLO", "BBC") match towns only through normalisation ("Amloh", "B.C.")
        if j - i == 1 and toks[0].lower_ in ORG_WORDS and not big:
            return False  # "in Congress", "the Senate": the institution, not the town of Congress, Arizona
        if all(c.entry.feature == "city" and c.entry.population < SMALL_TOWN for c in cands) \
                and not _locative_before(doc, i) and not self._state_after(doc, j):
            return False  # only small towns carry this name: NER or "in X" / "X, Ga." must say it is a place
        if j - i == 1 and toks[0].lower_ in self._person_words and not big:
            return False  # "Ripley" where the article names "Sheriff John Ripley"
        if toks[0].ent_type_ == "ORG" and not big and not _whole_org_after_scene_prep(doc, i, j):
            return False  # a small town's name inside an organisation name ("Ripley Police"); states stay
        text_l = span.text.lower()  # type: ignore[attr-defined]
        if text_l in CALENDAR or toks[0].ent_type_ in ("DATE", "TIME"):
            return False
        # "US" is no pronoun: an upper-case stop word that names a country is the country.
        country_code = toks[0].text.isupper() and any(c.entry.feature == "country" for c in cands)
        if text_l in self.gaz.common_words or (j - i == 1 and toks[0].is_stop and not country_code):
            # "Secretary of State", "Chamber of Commerce", "Minister of Justice": after an office's "of" a common
            # word is part of its name, unless NER says it is a place
            if not (_locative_before(doc, i) and toks[0].pos_ == "PROPN"):
                return False
            k = i - 2 if i > 1 and doc[i - 1].lower_ == "the" else i - 1  # type: ignore[index]
            office = doc[k].lower_ == "of" and k > 0 and doc[k - 1].lower_ in OFFICE_WORDS  # type: ignore[index]
            return not office or toks[0].ent_type_ in ("GPE", "LOC")
        if toks[0].is_sent_start and j - i == 1:
            # "Split the difference", "Nice weather": a lone capitalised first word needs a locative cue or
            # a well-known place behind it.
            return _locative_before(doc, i) or any(c.entry.feature == "country" and not c.alternate for c in cands) \
                or max((c.entry.population for c in cands), default=0) >= 100_000
        return True


    def _state_after(self, doc: object, j: int) -> bool:
        """"Tega Cay, S.C.", "Lanexa, Virginia": a comma and a US state or a country right after the name."""
        n = len(doc)  # type: ignore[arg-type]
        if j + 1 >= n or doc[j].text != ",":  # type: ignore[index]
            return False
        for k in range(min(n, j + 4), j + 1, -1):
            if any(c.entry.feature in ("admin", "country") for c in self.gaz.lookup(doc[j + 1 : k].text)):  # type: ignore[index]
                return True
        return False


def _share_county_readings(mentions: list[Mention]) -> None:
    """"DeKalb County … DeKalb": where the article names a county in full, the bare name may mean the county too,
    so the county's entries join the bare name's candidates (the resolver weighs them like any other)."""
    counties = {m.text.rsplit(" ", 1)[0]: m.candidates for m in mentions if m.source == "county"}
    if not counties:
        return
    for m in mentions:
        extra = counties.get(m.text) if m.source in ("ner", "gazetteer", "unresolved", "repeat") else None
        if extra:
            m.context["county"] = m.text
            known = {c.entry.index for c in m.candidates}
            m.candidates = [*m.candidates, *(c for c in extra if c.entry.index not in known)]
            if m.source == "unresolved":
                m.source = "ner"


def _upper_word(text: str) -> bool:
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _positions(doc: object, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is in ``words``, from the LOWER attribute array: creating a
    Token object for every token of every article costs more than the whole rest of the scan."""
    hashes = [doc.vocab.strings.add(w) for w in words]  # type: ignore[attr-defined]
    lowers = doc.to_array(LOWER)  # type: ignore[attr-defined]
    return [int(i) for i in numpy.flatnonzero(numpy.isin(lowers, hashes))]


def _place_cue(doc: object, i: int) -> bool:
    """NER calls the word a place, or a preposition of place comes before it, perhaps across one adjective
    ("in central Kiev")."""
    tok = doc[i]  # type: ignore[index]
    if tok.ent_type_ in ("GPE", "LOC"):
        return True
    if _locative_before(doc, i):
        return True
    return bool(i > 1 and doc[i - 1].pos_ == "ADJ" and doc[i - 2].lower_ in LOCATIVE_PREPS)  # type: ignore[index]


def _not_a_place_before(doc: object, i: int) -> bool:
    """The word before the name makes it a person or a saint: "coach Ripley", "Sheriff Adams", "St. Patrick's
    Day"."""
    if i == 0:
        return False
    prev = doc[i - 1]  # type: ignore[index]
    return bool(prev.lower_.rstrip(".") in TITLE_WORDS or prev.text in ("St.", "St", "Saint"))


def _rank_abbreviation(doc: object, m: Mention) -> bool:
    """A one-word name that is a rank with its abbreviation point: "police Lt. Col." is no place."""
    if m.token_end - m.token_start != 1:
        return False
    tok = doc[m.token_start]  # type: ignore[index]
    nxt = doc[m.token_end] if m.token_end < len(doc) else None  # type: ignore[arg-type,index]
    dotted = tok.text.endswith(".") or (nxt is not None and nxt.text == "." and nxt.idx == tok.idx + len(tok.text))
    return bool(dotted and tok.text.rstrip(".").lower() in RANK_ABBREVIATIONS)


def _place_slot(doc: object, i: int) -> bool:
    """The token stands where a place goes: right after a preposition of place or motion ("in Birao", "travelling
    to Bentiu") or as the object of a verb whose object is a place ("rebels captured Mullaittivu")."""
    if i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPS:  # type: ignore[index]
        return True
    tok = doc[i]  # type: ignore[index]
    return bool(tok.dep_ == "dobj" and tok.head.lemma_.lower() in PLACE_OBJECT_VERBS)


def _whole_org_after_scene_prep(doc: object, i: int, j: int) -> bool:
    """"in Birao", "captured Mullaittivu": NER called the town an organisation, but the whole entity is the
    gazetteer name and it stands where a place goes."""
    if not _place_slot(doc, i):
        return False
    return bool(doc[i].ent_iob_ == "B" and (j >= len(doc) or doc[j].ent_iob_ != "I"))  # type: ignore[index,arg-type]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)

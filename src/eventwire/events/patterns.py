"""Trigger patterns: YAML data (package default + user files) → an index from trigger lemma to patterns.

A pattern names a CAMEO code and the words that evoke it: verb lemmas (with optional object, preposition or
xcomp constraints) or nominal triggers ("air strike", "meeting"). Matching is a dict lookup on the token's
lemma followed by a few checks on its dependency children, so it costs nothing for words that are not triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from .ontology import cameo_table, data_dir

OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod"})
PREP_DEPS = frozenset({"prep", "prt", "advmod", "agent", "dative"})
# what one "meets" when the verb means satisfying it (meeting demands is a concession: a pattern of its own)
SATISFIED = frozenset({"requirement", "obligation", "deadline", "target", "need", "criterion", "criteria", "standard",
                       "cost", "expectation", "payment", "goal", "quota", "threshold", "commitment", "debt", "bill",
                       "expense", "forecast", "estimate", "payroll", "specification", "shortfall", "test", "challenge",
                       "demand"})
QUANTIFIER_NOUNS = frozenset({"set", "series", "number", "package", "round", "wave", "batch", "pair", "couple",
                              "string", "raft", "host", "range", "spate", "flurry", "volley", "barrage", "ton", "tonne",
                              "part", "portion", "shipment", "consignment", "amount", "quantity"})


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    verbs: frozenset[str] = frozenset()
    nouns: tuple[str, ...] = ()
    objs: tuple[str, ...] = ()
    preps: frozenset[str] = frozenset()
    comps: frozenset[str] = frozenset()
    military_code: str | None = None
    mode: str | None = None
    inverse: bool = False  # "X received aid from Y": Y (after "from") is the source, the subject the target
    clause: bool = False  # needs a complement clause with a subject of its own ("conceded that Y had won")
    plover: str | None = None  # PLOVER type override where PLOVER splits a CAMEO code ("resign" → RETREAT)
    order: int = 0
    origin: str = ""

    @property
    def specificity(self) -> int:
        return 10 * (bool(self.objs) + bool(self.preps) + bool(self.comps) + self.clause)


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    trigger: Any  # spaCy Token: the trigger word
    obj: Any = None  # the object token the pattern required (consumed: it is not a trigger of its own)
    comp: Any = None  # the xcomp verb the pattern required (consumed likewise)
    phrase_len: int = 1

    @property
    def score(self) -> tuple[int, int, int]:
        return (self.pattern.specificity + self.phrase_len, -self.pattern.order, 0)


def _as_list(value: Any, key: str, origin: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.lower()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.lower() for v in value]
    raise ConfigError(f"pattern field {key!r} must be a string or list of strings", detail=origin)


def _parse_entry(entry: dict[str, Any], order: int, origin: str) -> Pattern:
    code = str(entry.get("code", ""))
    table = cameo_table()
    if code not in table:
        raise ConfigError(f"pattern with unknown CAMEO code {code!r}", detail=origin)
    mil = entry.get("military_code")
    if mil is not None and str(mil) not in table:
        raise ConfigError(f"pattern with unknown military_code {mil!r}", detail=origin)
    verbs = _as_list(entry.get("verb"), "verb", origin)
    nouns = _as_list(entry.get("noun"), "noun", origin)
    if not verbs and not nouns:
        raise ConfigError("a pattern needs `verb` or `noun` lemmas", detail=origin)
    return Pattern(
        code=code,
        verbs=frozenset(verbs),
        nouns=tuple(nouns),
        objs=tuple(_as_list(entry.get("obj"), "obj", origin)),
        preps=frozenset(_as_list(entry.get("prep"), "prep", origin)),
        comps=frozenset(_as_list(entry.get("comp"), "comp", origin)),
        military_code=str(mil) if mil is not None else None,
        mode=entry.get("mode"),
        inverse=bool(entry.get("inverse", False)),
        clause=bool(entry.get("clause", False)),
        plover=entry.get("plover"),
        order=order,
        origin=origin,
    )


def load_pattern_file(path: Path, start: int = 0) -> list[Pattern]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read pattern file {path}: {exc}") from exc
    entries = data.get("patterns") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ConfigError(f"pattern file {path} must hold a list under `patterns:`")
    return [_parse_entry(e, start + i, f"{path.name}#{i}") for i, e in enumerate(entries) if isinstance(e, dict)]


def _head_word(phrase: str) -> str:
    words = phrase.split()
    # "state of emergency" is headed by its first word, "air strike" by its last
    return words[0] if "of" in words[1:-1] else words[-1]


class PatternIndex:
    """Lemma → patterns, for verb triggers and for nominal triggers."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.patterns = list(patterns)
        self.by_verb: dict[str, list[Pattern]] = {}
        self.by_noun: dict[str, list[tuple[str, Pattern]]] = {}
        for p in self.patterns:
            for v in p.verbs:
                self.by_verb.setdefault(v, []).append(p)
            for n in p.nouns:
                self.by_noun.setdefault(_head_word(n), []).append((n, p))

    def add_cues(self, cues: dict[str, frozenset[str]]) -> None:
        """Words that are no trigger but make a sentence worth parsing for the fallback classifier: kept as
        patterns that match nothing (they are not indexed) so that the nlp pre-filter, which reads
        ``patterns``, lets such sentences through."""
        for root, words in sorted(cues.items()):
            if words:
                self.patterns.append(Pattern(code=f"{root}0", verbs=frozenset(words), order=len(self.patterns),
                                             origin="fallback-cues"))

    def match_verb(self, tok: Any) -> Match | None:
        best: Match | None = None
        cands = self.by_verb.get(_verb_lemma(tok)) or next(
            (self.by_verb[f] for f in base_forms(tok.lower_) if f in self.by_verb), ()
        )
        for p in cands:
            m = _check_verb(p, tok)
            if m is not None and (best is None or m.score > best.score):
                best = m
        return best

    def match_noun(self, tok: Any) -> Match | None:
        best: Match | None = None
        cands = list(self.by_noun.get(tok.lemma_.lower(), []))
        if tok.lower_ != tok.lemma_.lower():
            cands += self.by_noun.get(tok.lower_, [])
        for phrase, p in cands:
            n = _phrase_len(phrase, tok)
            if n and not p.objs and (not p.preps or _has_prep(tok, p.preps)):
                m = Match(p, tok, phrase_len=n)
                if best is None or m.score > best.score:
                    best = m
        return best


def _verb_lemma(tok: Any) -> str:
    lemma = str(tok.lemma_).lower()
    # adjectival participles ("is opposed to") keep the -ed form as lemma in the small model
    if tok.tag_ == "VBN" and tok.pos_ == "ADJ" and lemma.endswith("ed"):
        return lemma[:-1] if lemma.endswith("sed") or lemma.endswith("ved") else lemma[:-2]
    return lemma


def base_forms(word: str) -> list[str]:
    """Crude de-inflections, tried when the lemmatizer's lemma is not a known trigger ("hopes" → "hop")."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""),
                         ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def token_forms(tok: Any) -> set[str]:
    """A token's lemma and crude de-inflections of its word: what a verb list is matched against."""
    return {tok.lemma_.lower(), *base_forms(tok.lower_)}


def _phrase_len(phrase: str, tok: Any) -> int:
    """Words of ``phrase`` matched around ``tok`` (0 when it does not match)."""
    words = phrase.split()
    if len(words) == 1:
        return 1 if tok.lemma_.lower() == words[0] or tok.lower_ == words[0] else 0
    doc = tok.doc
    lo, hi = max(tok.left_edge.i, tok.i - 4), min(tok.right_edge.i, tok.i + 4)
    lemmas = " " + " ".join(t.lemma_.lower() for t in doc[lo : hi + 1]) + " "
    lowers = " " + " ".join(t.lower_ for t in doc[lo : hi + 1]) + " "
    return len(words) if f" {phrase} " in lemmas or f" {phrase} " in lowers else 0


def _has_prep(tok: Any, preps: frozenset[str]) -> bool:
    for c in tok.children:
        if c.dep_ in PREP_DEPS and c.lower_ in preps:
            return True
        # "inch nearer to", "work closely with": the preposition hangs off an adverb
        if c.dep_ == "advmod" and any(g.dep_ == "prep" and g.lower_ in preps for g in c.children):
            return True
    return False


def objects_of(tok: Any) -> list[Any]:
    """Direct objects of a verb (with conjuncts); for a passive, its subject; for a participle, its noun."""
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    out += [c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        out.append(tok.head)
    # "go on strike", "put on trial": a prepositional object stands in for the object
    out += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    out += [cj for o in list(out) for cj in o.conjuncts]
    # "a set of resolutions", "a series of attacks": the noun after the quantifier is what is acted on
    return out + [g for o in out if o.lemma_.lower() in QUANTIFIER_NOUNS for c in o.children
                  if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def complement_clauses(tok: Any) -> list[Any]:
    """Finite complement clauses of a verb that have a subject of their own ("allowed that Mordor is ..."); not
    the infinitive the parser also calls a clause ("allowed Ukraine to export grain" is a permission), nor a
    verbless small clause ("allow workers the freedom of movement")."""
    return [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
            and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]


def _check_verb(p: Pattern, tok: Any) -> Match | None:
    if p.preps and not _has_prep(tok, p.preps):
        return None
    if p.clause and not complement_clauses(tok):
        return None
    comp = None
    if p.comps:
        comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in p.comps), None)
        if comp is None:
            return None
    obj, n = None, 1
    if p.objs:
        holders = [tok] + ([comp] if comp is not None else [])
        for o in (o for h in holders for o in objects_of(h)):
            forms = (o.lemma_.lower(), o.lower_)  # "arms" is not the plural of "arm" here
            n = max((_phrase_len(ph, o) for ph in p.objs if _head_word(ph) in forms), default=0)
            if n:
                obj = o
                break
        if obj is None:
            return None
    return Match(p, tok, obj=obj, comp=comp, phrase_len=n)


def satisfies(m: Match) -> bool:
    """"meet a deadline", "meet its obligations": "meet" in its sense of satisfying something, no meeting."""
    return (m.pattern.code == "040" and m.trigger.lemma_.lower() == "meet"
            and any({o.lemma_.lower(), o.lower_} & SATISFIED for o in objects_of(m.trigger)))


@lru_cache(maxsize=1)
def default_patterns() -> tuple[Pattern, ...]:
    return tuple(load_pattern_file(data_dir() / "patterns.yaml", start=10_000))


def build_index(user_files: Iterable[Path] = ()) -> PatternIndex:
    """User patterns first (lower order number → wins ties), then the packaged ones."""
    user: list[Pattern] = []
    for path in user_files:
        user += load_pattern_file(Path(path), start=len(user))
    return PatternIndex([*user, *default_patterns()])


@dataclass
class AgentHeads:
    """Head noun lemma → CAMEO sector ("planes" → MIL)."""

    sectors: dict[str, str] = field(default_factory=dict)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> AgentHeads:
        data = yaml.safe_load((data_dir() / "agent_heads.yaml").read_text(encoding="utf-8"))
        return cls({w.lower(): sector for sector, words in data.items() for w in words})


__all__ = [
    "AgentHeads", "Match", "Pattern", "PatternIndex", "base_forms", "build_index", "complement_clauses",
    "default_patterns", "objects_of", "satisfies",
]

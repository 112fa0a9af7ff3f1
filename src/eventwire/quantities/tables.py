"""The quantities word tables (``data/quantities/*.yaml``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .numbers import load_yaml


@dataclass(frozen=True, slots=True)
class Tables:
    units: dict[str, tuple[str, str]]  # surface/lemma → (unit, kind)
    currencies: dict[str, str]
    rate_words: frozenset[str]
    rate_periods: frozenset[str]
    identifier_words: frozenset[str]
    skip_nouns: frozenset[str]
    kill_verbs: frozenset[str]
    kill_adjectives: frozenset[str]
    die_verbs: frozenset[str]
    kill_nouns: frozenset[str]
    toll_nouns: frozenset[str]
    injure_verbs: frozenset[str]
    injure_adjectives: frozenset[str]
    injure_nouns: frozenset[str]
    casualty_nouns: frozenset[str]
    claim_objects: frozenset[str]
    blocking_participles: frozenset[str]


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@lru_cache(maxsize=1)
def tables() -> Tables:
    units = load_yaml("quantities", "units.yaml")
    cas = load_yaml("quantities", "casualties.yaml")
    return Tables(
        units={str(k).lower(): (str(v["unit"]), str(v["kind"])) for k, v in units["units"].items()},
        currencies={str(k).lower(): str(v) for k, v in units["currencies"].items()},
        rate_words=_set(units["rate_words"]),
        rate_periods=_set(units["rate_periods"]),
        identifier_words=_set(units["identifier_words"]),
        skip_nouns=_set(units["skip_nouns"]),
        kill_verbs=_set(cas["fatalities"]["verbs"]),
        kill_adjectives=_set(cas["fatalities"]["adjectives"]),
        die_verbs=_set(cas["fatalities"]["subject_verbs"]),
        kill_nouns=_set(cas["fatalities"]["nouns"]),
        toll_nouns=_set(cas["fatalities"]["toll_nouns"]),
        injure_verbs=_set(cas["injuries"]["verbs"]),
        injure_adjectives=_set(cas["injuries"]["adjectives"]),
        injure_nouns=_set(cas["injuries"]["nouns"]),
        casualty_nouns=_set(cas["casualties"]["nouns"]),
        claim_objects=_set(cas["claim_objects"]),
        blocking_participles=_set(cas["blocking_participles"]),
    )

"""The gazetteer: a compact name index built by ``scripts/build_gazetteer.py`` and loaded once per process."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from .normalize import norm_key, skeleton

FEATURES = ("city", "admin", "country", "water", "region")
# Places whose names are English in the original: a near-spelling there is another place or a typo, not a
# transliteration variant ("Glennwood" is not "Glenwood", "North Avenue" not "North Haven").
NATIVE_ENGLISH = frozenset({"USA", "GBR", "CAN", "AUS", "NZL", "IRL"})
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record."""

    index: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    geonameid: int | None
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    alternate: bool  # matched by an alternate name, not the entry's own
    fuzzy: bool = False


def _data_text(name: str) -> str:
    return resources.files("eventwire.data.geo").joinpath(name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in _data_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


class Gazetteer:
    """Name → candidate places. Exact lookups on ``norm_key``; fuzzy lookups via the consonant skeleton."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._rows: list[list[Any]] = raw["entries"]
        self._names: dict[str, int | list[int]] = raw["names"]
        self._skeleton_text: str = raw["skeletons"]
        self._skeletons: dict[str, list[str]] | None = None
        self._cache: dict[int, Entry] = {}
        self.by_country: dict[str, Entry] = {}
        self.by_state: dict[str, Entry] = {}
        self.by_name: dict[str, Entry] = {}
        for i, row in enumerate(self._rows):
            if row[5] == "country" and row[3]:
                self.by_country.setdefault(row[3], self.entry(i))
            elif row[5] == "admin" and row[3] == "USA" and row[4]:
                self.by_state.setdefault(row[4], self.entry(i))
            elif row[5] in ("region", "water", "admin") and row[6] >= 100_000:
                self.by_name.setdefault(row[0], self.entry(i))
        self._add_former_names()
        self.demonyms = self._load_demonyms()
        # US county base names ("laurel") -> county entries (one per state that has such a county).
        self._counties: dict[str, list[int]] = raw.get("counties", {})
        self.common_words = frozenset(
            line.strip() for line in _data_text("common_words.txt").splitlines()
            if line.strip() and not line.startswith("#")
        )

    def _add_former_names(self) -> None:
        """Country names that GeoNames and ISO 3166 dropped ("Swaziland", "Zaire"), which news still uses: an
        alternate name of the country's entry."""
        for row in _tsv("former_names.tsv"):
            entry = self.by_country.get(row[1].strip())
            key = norm_key(row[0])
            if entry is None or key in self._names:
                continue
            self._names[key] = (entry.index << 1) | 1

    def _load_demonyms(self) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for row in _tsv("demonyms.tsv"):
            target = row[1].strip()
            entry = self.by_country.get(target) or self.by_state.get(target) or self.by_name.get(target)
            if entry is None:
                hits = self.lookup(target)
                entry = max((c.entry for c in hits), key=lambda e: e.population, default=None)
            if entry is not None:
                for form in row[0].split(";"):
                    out[form.strip()] = entry
        return out

    def counties(self, base: str) -> list[Entry]:
        """US counties called ``base`` ("Laurel" for "Laurel County"), one per state."""
        return [self.entry(i) for i in self._counties.get(norm_key(base).replace(" ", ""), ())]

    def entry(self, index: int) -> Entry:
        e = self._cache.get(index)
        if e is None:
            r = self._rows[index]
            capital = r[5] == "capital"
            e = Entry(index, r[0], r[1], r[2], r[3], r[4], "city" if capital else r[5], r[6], r[7], capital)
            self._cache[index] = e
        return e

    def has_key(self, key: str) -> bool:
        return key in self._names

    def lookup(self, text: str) -> list[Candidate]:
        return self.lookup_key(norm_key(text))

    def lookup_key(self, key: str) -> list[Candidate]:
        found = self._names.get(key)
        if found is None:
            return []
        values = (found,) if isinstance(found, int) else found
        return [Candidate(self.entry(v >> 1), bool(v & 1)) for v in values]

    def _skeleton_index(self) -> dict[str, list[str]]:
        if self._skeletons is None:
            pairs = (line.split("\t", 1) for line in self._skeleton_text.splitlines())
            self._skeletons = {s: keys.split("|") for s, keys in pairs}
        return self._skeletons

    def fuzzy(self, text: str, threshold: float = 84.0) -> list[Candidate]:
        """Spelling variants the keys do not absorb ("Deir el-Zour" vs "Deir ez-Zor"): same consonant skeleton
        and a close string similarity."""
        key = norm_key(text)
        skel = skeleton(key)
        if len(skel) < 4:
            return []
        best: list[Candidate] = []
        for other in self._skeleton_index().get(skel, ()):
            if fuzz.ratio(key, other) >= threshold:
                best.extend(Candidate(c.entry, c.alternate, fuzzy=True) for c in self.lookup_key(other)
                            if c.entry.country not in NATIVE_ENGLISH)
        return best


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the packaged index once per process."""
    raw = resources.files("eventwire.data.geo").joinpath("gazetteer.json.gz").read_bytes()
    return Gazetteer(json.loads(gzip.decompress(raw)))

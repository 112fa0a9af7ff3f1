"""The actor knowledge base: states, regions, organisations, office holders and sector nouns, read from the
package data in ``eventwire/data/actors`` (built by ``scripts/build_actors.py`` and hand-written YAML), plus
optional user overrides (eventwire YAML or the PETRARCH dictionary JSON)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..records import PloverActor

# Non-state "country" slots of CAMEO codes: the code starts with them instead of an ISO3 country.
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "---"})
# CAMEO sector -> PLOVER sector (PLOVER renamed media to JRN and uses MED for health).
PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "NGO": "SOC", "HRI": "SOC"}
PLOVER_SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
ENTITY_KINDS = frozenset({"state", "person", "organization", "group"})


@dataclass(frozen=True, slots=True)
class Role:
    """One dated role of an actor: who it counts as between ``start`` and ``end`` (inclusive)."""

    country: str | None
    sectors: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None
    office: str = ""
    leader: bool = False
    cameo: str | None = None
    plover_country: str | None = None
    also: tuple[str, ...] = ()  # further codes the same name stands for (a PETRARCH block of several codes)

    def active(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A named actor. ``category``: country | region | org | person | user."""

    id: int
    name: str
    kind: str
    category: str
    country: str | None = None
    sectors: tuple[str, ...] = ()
    cameo: str | None = None
    plover_country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    also: tuple[str, ...] = ()  # further codes of the undated entry: one mention, several actors

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role in force on ``day``; without a date the latest role; after all roles end, the last one."""
        if not self.roles:
            return None
        active = [r for r in self.roles if r.active(day)]
        if active:  # the most specific (latest-starting, then bounded) block wins, as in PETRARCH
            return max(active, key=lambda r: (r.start or dt.date.min, r.end is not None))
        if day is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)
        return None


@dataclass(frozen=True, slots=True)
class Phrase:
    """What one dictionary phrase points at. ``how``: name | alias | capital | seat | exact."""

    entry: int
    how: str
    case_sensitive: bool = False
    stem: bool = False  # TABARI convention: the last word may continue ("argentin" -> "Argentina")
    user: bool = False
    surface: str = ""  # the phrase as written, checked for case-sensitive abbreviations ("US")


@dataclass(frozen=True, slots=True)
class SectorNoun:
    phrase: str
    sectors: tuple[str, ...]
    role: str  # institution | members | title | description
    kind: str
    office: str = ""
    standalone: bool = True
    prefix: bool = False  # PETRARCH agent "prefix" position: code = sector + country
    user: bool = False


@dataclass
class KnowledgeBase:
    entries: list[Entry] = field(default_factory=list)
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)
    sector_nouns: dict[str, SectorNoun] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[tuple[Role, int]]] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)
    person_names: dict[str, int] = field(default_factory=dict)  # full names (fuzzy matching)
    org_names: dict[str, int] = field(default_factory=dict)

    def add_entry(self, entry: Entry, phrases: list[tuple[str, str, bool, bool]], user: bool = False) -> None:
        self.entries.append(entry)
        for text, how, case_sensitive, stem in phrases:
            key = normalise(text) if not case_sensitive else text.replace("’", "'")
            if not key.strip():
                continue
            payload = Phrase(entry.id, how, case_sensitive, stem, user, key if case_sensitive else "")
            bucket = self.phrases.setdefault(key.lower(), [])
            if user:  # a user dictionary overrides the built-in meaning of the same phrase
                bucket[:] = [p for p in bucket if p.user]
            bucket.append(payload)
        for role in entry.roles:
            if role.country and role.office:
                self.offices.setdefault((role.country, role.office), []).append((role, entry.id))
                if role.leader:
                    self.offices.setdefault((role.country, "leader"), []).append((role, entry.id))

    def capital_of(self, text: str) -> str | None:
        """The country (ISO3) whose capital ``text`` names ("Tehran" → IRN), or None."""
        for phrase in self.phrases.get(normalise(text).strip().lower(), []):
            if phrase.how == "capital":
                return self.entries[phrase.entry].country
        return None

    def holder(self, country: str, office: str, day: dt.date | None) -> tuple[Entry, Role] | None:
        """Who held ``office`` in ``country`` on ``day`` (the latest holder without a date)."""
        if office == "leader" and (country, "leader") not in self.offices:
            office = "head_of_state"
        holders = self.offices.get((country, office), [])
        if day is None:
            day = dt.date.today()
        active = [(r, i) for r, i in holders if r.active(day)]
        if not active:
            return None
        role, idx = max(active, key=lambda ri: ri[0].start or dt.date.min)
        return self.entries[idx], role


def normalise(text: str) -> str:
    """Lower case with typographic quotes folded, keeping the length (offsets stay valid)."""
    out = text.replace("’", "'").replace("‘", "'")
    low = out.lower()
    if len(low) != len(out):  # a few characters (İ) lower to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    return low


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"bad date in actor dictionary: {value!r}") from exc


def _is_abbrev(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


def split_code(code: str) -> tuple[str | None, tuple[str, ...]]:
    """``"PSEREBHMS"`` -> ``("PSE", ("REB", "HMS"))``; international codes have no country."""
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    chunks = tuple(rest[i : i + 3] for i in range(0, len(rest), 3) if rest[i : i + 3])
    if head in INTERNATIONAL:
        return None, ((head,) if head != "---" else ()) + chunks
    return head, chunks


def compose_code(country: str | None, sectors: tuple[str, ...]) -> str:
    """Country then role codes, secondary roles included as CAMEO stacks them: a defence ministry (GOV with a
    military role, PETRARCH's GOVMIL) is RUSGOVMIL; a plain government body RUSGOV."""
    return (country or "---") + "".join(sectors)


def plover_actor(country: str | None, sectors: tuple[str, ...], plover_country: str | None) -> PloverActor:
    mapped = [PLOVER_SECTOR.get(s, s) for s in sectors]
    mapped = [s for s in mapped if s in PLOVER_SECTORS]
    return PloverActor(
        country=plover_country or country,
        primary=mapped[0] if mapped else None,
        secondary=mapped[1] if len(mapped) > 1 else None,
    )


def _data_file(name: str) -> Any:
    ref = resources.files("eventwire") / "data" / "actors" / name
    text = ref.read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


def _alias_phrases(name: str, aliases: list[str], exact: list[str]) -> list[tuple[str, str, bool, bool]]:
    out = [(name, "name", _is_abbrev(name), False)]
    out += [(a, "alias", _is_abbrev(a), False) for a in aliases]
    out += [(a, "exact", True, False) for a in exact]
    return out


def _load_countries(kb: KnowledgeBase) -> None:
    for row in _data_file("countries.json"):
        kind = "state"
        entry = Entry(
            id=len(kb.entries),
            name=row["name"],
            kind=kind,
            category="country" if row["kind"] == "state" else "region",
            country=row["code"],
            aliases=tuple(dict.fromkeys([*row["names"], *row["demonyms"]])),
        )
        phrases = _alias_phrases(row["name"], [*row["names"], *row["demonyms"], *row["aliases"]], row["exact"])
        phrases += [(c, "capital", False, False) for c in row["capitals"]]
        # seats of government ("the Kremlin", "Downing Street") stand for the government wherever they occur
        phrases += [(c, "seat", False, False) for c in row["seats"]]
        kb.add_entry(entry, phrases)
        kb.country_entry[row["code"]] = entry.id


def _load_organizations(kb: KnowledgeBase) -> None:
    for row in _data_file("organizations.yaml"):
        entry = Entry(
            id=len(kb.entries),
            name=row["name"],
            kind=row.get("kind", "organization"),
            category="org",
            country=row.get("country"),
            sectors=tuple(row.get("sectors", ())),
            cameo=row.get("cameo"),
            plover_country=row.get("plover_country"),
            aliases=tuple(row.get("aliases", ())) + tuple(row.get("exact", ())),
        )
        kb.add_entry(entry, _alias_phrases(row["name"], row.get("aliases", []), row.get("exact", [])))
        if len(row["name"]) >= 10:
            kb.org_names[row["name"]] = entry.id


def _role(raw: dict[str, Any]) -> Role:
    return Role(
        country=raw.get("country"),
        sectors=tuple(raw.get("sectors", ("GOV",))),
        start=_date(raw.get("from")),
        end=_date(raw.get("to")),
        office=raw.get("office", ""),
        leader=bool(raw.get("leader", False)),
        cameo=raw.get("cameo"),
        plover_country=raw.get("plover_country"),
    )


def _load_people(kb: KnowledgeBase) -> None:
    for row in _data_file("office_holders.yaml"):
        roles = tuple(_role(r) for r in row.get("roles", ()))
        entry = Entry(
            id=len(kb.entries),
            name=row["name"],
            kind="person",
            category="person",
            country=roles[-1].country if roles else None,
            aliases=tuple(row.get("aliases", ())),
            roles=roles,
        )
        kb.add_entry(entry, _alias_phrases(row["name"], row.get("aliases", []), []))
        kb.person_names[row["name"]] = entry.id


def _load_sectors(kb: KnowledgeBase) -> None:
    for row in _data_file("sectors.yaml"):
        for phrase in row["phrases"]:
            kb.sector_nouns[normalise(phrase)] = SectorNoun(
                phrase=phrase,
                sectors=tuple(row.get("sectors", ())),
                role=row["role"],
                kind=row.get("kind", "group"),
                office=row.get("office", ""),
                standalone=bool(row.get("standalone", True)),
            )


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base (loaded once per process)."""
    kb = KnowledgeBase()
    _load_countries(kb)
    _load_organizations(kb)
    _load_people(kb)
    _load_sectors(kb)
    return kb


def with_overrides(base: KnowledgeBase, path: Path) -> KnowledgeBase:
    """A copy of ``base`` extended (and, phrase by phrase, overridden) by a user dictionary file."""
    from .overrides import load_overrides

    kb = KnowledgeBase(
        entries=list(base.entries),
        phrases={k: list(v) for k, v in base.phrases.items()},
        sector_nouns=dict(base.sector_nouns),
        offices={k: list(v) for k, v in base.offices.items()},
        country_entry=dict(base.country_entry),
        person_names=dict(base.person_names),
        org_names=dict(base.org_names),
    )
    load_overrides(kb, path)
    return kb

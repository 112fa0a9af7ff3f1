"""User actor dictionaries: eventwire YAML, or the PETRARCH dictionary JSON
(``{"actors": [{"name": {"phrase", "whole_word"}, "synonyms": [...], "codes": [{"codes", "from", "to"}]}],
"agents": [{"phrase", "plurals", "code", "position"}]}``).

eventwire YAML (a list of actors, or a mapping with ``actors`` and ``agents``)::

    actors:
      - name: Arnor
        aliases: [Arnorian]
        cameo: ARN            # or country: ARN + sectors: [GOV]
        kind: state
        from: 1990-01-01      # optional validity of the code
        to: null
        roles:                # optional: several dated codes, like office holders
          - {cameo: ARNGOV, from: 1995-06-01, to: 1999-08-15}
    agents:
      - {phrase: ambassador, sectors: [GOV], plurals: [ambassadors]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from .kb import Entry, KnowledgeBase, Role, SectorNoun, _date, _is_abbrev, normalise, split_code


def load_overrides(kb: KnowledgeBase, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read actor overrides {path}: {exc}") from exc
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"actor overrides {path} are not valid {path.suffix[1:] or 'YAML'}: {exc}") from exc
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict):
        raise ConfigError(f"actor overrides {path}: expected a list of actors or a mapping with 'actors'")
    for raw in data.get("actors", []) or []:
        if isinstance(raw.get("name"), dict):
            _add_petrarch_actor(kb, raw)
        else:
            _add_yaml_actor(kb, raw, path)
    for raw in data.get("agents", []) or []:
        _add_agent(kb, raw)


def _code_role(code: str, start: Any = None, end: Any = None, **extra: Any) -> Role:
    country, sectors = split_code(code)
    return Role(country=country, sectors=sectors, start=_date(start), end=_date(end), cameo=code, **extra)


def _kind_for(code: str) -> str:
    country, sectors = split_code(code)
    if country is None:
        return "organization"
    return "state" if not sectors else "organization"


def _add_petrarch_actor(kb: KnowledgeBase, raw: dict[str, Any]) -> None:
    name = raw["name"]
    synonyms = [s["phrase"] if isinstance(s, dict) else str(s) for s in raw.get("synonyms", [])]
    roles = []
    for block in raw.get("codes", []):
        codes = block.get("codes") or ["---"]
        # a block of several codes ("the shire" -> FRO, BIL, SAM): the name stands for each of them
        roles.append(_code_role(codes[0], block.get("from"), block.get("to"), also=tuple(codes[1:])))
    undated = [r for r in roles if r.start is None and r.end is None]
    base = undated[0] if undated else (roles[0] if roles else _code_role("---"))
    entry = Entry(
        id=len(kb.entries),
        name=name["phrase"].title(),
        kind=_kind_for(base.cameo or "---"),
        category="user",
        country=base.country,
        sectors=base.sectors,
        cameo=base.cameo,
        aliases=tuple(synonyms),
        roles=tuple(roles) if len(roles) > 1 else (),
        also=base.also,
    )
    stem = not name.get("whole_word", True)
    phrases = [(name["phrase"], "name", False, stem)] + [(s, "alias", False, stem) for s in synonyms]
    kb.add_entry(entry, phrases, user=True)


def _add_yaml_actor(kb: KnowledgeBase, raw: dict[str, Any], path: Path) -> None:
    if "name" not in raw:
        raise ConfigError(f"actor overrides {path}: an actor without 'name': {raw!r}")
    cameo = raw.get("cameo")
    country, sectors = split_code(cameo) if cameo else (raw.get("country"), ())
    sectors = tuple(raw.get("sectors", sectors))
    roles = [
        _code_role(r["cameo"], r.get("from"), r.get("to"), office=r.get("office", ""))
        if r.get("cameo")
        else Role(
            country=r.get("country", country),
            sectors=tuple(r.get("sectors", sectors)),
            start=_date(r.get("from")),
            end=_date(r.get("to")),
            office=r.get("office", ""),
        )
        for r in raw.get("roles", [])
    ]
    if raw.get("from") or raw.get("to"):  # the whole entry is only valid in this window
        roles.append(Role(country, sectors, _date(raw.get("from")), _date(raw.get("to")), cameo=cameo))
    entry = Entry(
        id=len(kb.entries),
        name=raw["name"],
        kind=raw.get("kind", "organization" if sectors else "state"),
        category="user",
        country=country,
        sectors=sectors,
        cameo=cameo,
        plover_country=raw.get("plover_country"),
        aliases=tuple(raw.get("aliases", [])),
        roles=tuple(roles),
    )
    phrases = [(raw["name"], "name", _is_abbrev(raw["name"]), False)]
    phrases += [(a, "alias", _is_abbrev(a), False) for a in raw.get("aliases", [])]
    kb.add_entry(entry, phrases, user=True)
    if entry.kind == "person":
        kb.person_names[entry.name] = entry.id


def _add_agent(kb: KnowledgeBase, raw: dict[str, Any]) -> None:
    if "code" in raw:
        code = str(raw["code"]).upper()
        sectors = tuple(code[i : i + 3] for i in range(0, len(code), 3))
    else:
        sectors = tuple(raw.get("sectors", ()))
    prefix = raw.get("position") == "prefix"
    for phrase in [raw["phrase"], *raw.get("plurals", []), *_plural(raw["phrase"], raw.get("plurals"))]:
        # the user's agent overrides a built-in name spelled the same ("MSF" as an agent, not the NGO)
        named = kb.phrases.get(normalise(phrase).lower())
        if named:
            named[:] = [p for p in named if p.user]
        known = kb.sector_nouns.get(normalise(phrase))
        kb.sector_nouns[normalise(phrase)] = SectorNoun(
            phrase=phrase,
            sectors=sectors,
            # a known noun keeps its grammar (a title stays a title); the user dictionary gives the code
            role=raw.get("role", known.role if known else "members"),
            kind=raw.get("kind", known.kind if known else "person"),
            office=known.office if known else "",
            standalone=known.standalone if known else True,
            prefix=prefix,
            user=True,
        )


def _plural(phrase: str, given: list[str] | None) -> list[str]:
    """PETRARCH agents take a regular plural unless plurals are given ("ambassador" -> "ambassadors")."""
    if given:
        return []
    if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy")):
        return [phrase[:-1] + "ies"]
    return [phrase + ("es" if phrase.endswith(("s", "x", "ch", "sh")) else "s")]

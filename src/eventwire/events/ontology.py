"""CAMEO event codes (name, Goldstein, QuadClass) and the CAMEO → PLOVER mapping, loaded once from package data.

The tables are built by ``scripts/build_ontology.py`` from the shared ontology CSVs (see
``data/events/NOTICE.md`` for sources and licences).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    level: int
    name: str
    goldstein: float
    quad_class: int


def data_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "events"))


def _rows(name: str) -> list[dict[str, str]]:
    path = data_dir() / name
    if not path.exists():
        raise ConfigError(f"event table {name} is missing; run scripts/build_ontology.py", detail=str(path))
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO 1.1b3 event codes (roots, 3- and 4-digit) keyed by code string."""
    return {
        r["code"]: CameoCode(
            code=r["code"],
            root=r["root"],
            level=int(r["level"]),
            name=r["name"],
            goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]),
        )
        for r in _rows("cameo_events.csv")
    }


@lru_cache(maxsize=1)
def _plover_rows() -> dict[str, tuple[str | None, str | None]]:
    return {
        r["cameo_code"]: (r["plover_type"] or None, r["plover_mode"] or None) for r in _rows("cameo_to_plover.csv")
    }


@lru_cache(maxsize=1)
def plover_quad() -> dict[str, int]:
    """PLOVER event type → quad class."""
    return {r["event_type"]: int(r["quad_class"]) for r in _rows("plover_events.csv")}


# PLOVER drops CAMEO 02 (appeal) as a separate category; requests and appeals addressed to someone are
# PLOVER REQUEST in its own definition ("ask, request, demand"), so an 02x code that reaches us with a target
# is mapped there instead of to nothing. 01 (statements) stays unmapped.
_APPEAL_FALLBACK = ("REQUEST", None)


def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER (type, mode) for a CAMEO code: exact row, else its 3-digit parent, else its root."""
    rows = _plover_rows()
    for key in (code, code[:3], code[:2]):
        if key in rows and rows[key][0]:
            return rows[key]
    if code.startswith("02"):
        return _APPEAL_FALLBACK
    return (None, None)


def lookup(code: str) -> CameoCode:
    """The CAMEO record for ``code``; raises ConfigError for a code CAMEO 1.1b3 does not have."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise ConfigError(f"unknown CAMEO event code {code!r}") from None


__all__ = ["CameoCode", "cameo_table", "data_dir", "lookup", "plover_for", "plover_quad"]

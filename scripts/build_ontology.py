"""Build the event-coding tables shipped in ``src/eventwire/data/events/`` from ``../shared/data/ontology``.

Only codes, short names and numbers are copied (no codebook prose): CAMEO code → name, Goldstein,
QuadClass; CAMEO → PLOVER type/mode; PLOVER type → quad class. Run from the repository root:

    python scripts/build_ontology.py [--ontology ../shared/data/ontology]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "data" / "events"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def build(ontology: Path, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cameo = _read(ontology / "cameo_events.csv")
    _write(
        out / "cameo_events.csv",
        ["code", "root", "level", "name", "goldstein", "quad_class"],
        [[r["code"], r["root"], r["level"], r["name"], r["goldstein"], r["quad_class"]] for r in cameo],
    )
    plover = _read(ontology / "cameo_to_plover.csv")
    _write(
        out / "cameo_to_plover.csv",
        ["cameo_code", "plover_type", "plover_mode"],
        [[r["cameo_code"], r["plover_type"], r["plover_mode"]] for r in plover],
    )
    types = _read(ontology / "plover_events.csv")
    _write(
        out / "plover_events.csv",
        ["event_type", "quad_class", "plover_score", "modes"],
        [[r["event_type"], r["quad_class"], r["plover_score"], r["modes"]] for r in types],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ROOT.parent / "shared" / "data" / "ontology")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    build(args.ontology, args.out)


if __name__ == "__main__":
    main()

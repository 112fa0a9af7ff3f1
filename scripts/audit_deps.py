"""Audit the installed dependencies against PyPI's vulnerability data, as far as these machines can reach it.

pip-audit asks PyPI's per-release JSON API (``/pypi/<name>/<version>/json``) or OSV; neither answers here (404 and
no route). The project-level JSON API (``/pypi/<name>/json``) does answer, and its ``vulnerabilities`` list
describes the project's *latest* release. So every installed distribution whose version is the latest release
is audited for real; one that is older (a pin such as spaCy 3.8 or torch 2.13.0) is listed as not audited, with
both versions. Exit code 1 when an audited distribution has a known vulnerability that is not listed in
``--exceptions`` (a file of ``name id reason`` lines); network failures are reported, not fatal.

    python scripts/audit_deps.py              # the venv this runs in
    python scripts/audit_deps.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

INDEX = "https://pypi.org/pypi"
SKIP = {"eventwire"}  # the project itself (editable install)


def installed() -> dict[str, str]:
    out: dict[str, str] = {}
    for dist in metadata.distributions():
        name = (dist.name or "").strip()
        if name and name.lower() not in SKIP:
            out[name.lower().replace("_", "-")] = dist.version
    return dict(sorted(out.items()))


def check(http: httpx.Client, name: str, version: str) -> dict[str, Any]:
    try:
        r = http.get(f"{INDEX}/{name}/json")
    except httpx.HTTPError as exc:
        return {"name": name, "installed": version, "status": "unreachable", "error": type(exc).__name__}
    if r.status_code != 200:
        return {"name": name, "installed": version, "status": "unreachable", "error": f"HTTP {r.status_code}"}
    data = r.json()
    latest = str(data.get("info", {}).get("version", ""))
    if latest != version:
        return {"name": name, "installed": version, "latest": latest, "status": "not audited"}
    vulns = [{"id": v.get("id"), "aliases": v.get("aliases") or [], "fixed_in": v.get("fixed_in") or [],
              "summary": (v.get("summary") or v.get("details") or "")[:200]}
             for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]
    return {"name": name, "installed": version, "latest": latest,
            "status": "vulnerable" if vulns else "ok", "vulnerabilities": vulns}


def read_exceptions(path: Path | None) -> set[tuple[str, str]]:
    if path is None or not path.exists():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) >= 2 and not line.lstrip().startswith("#"):
            out.add((parts[0].lower(), parts[1]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--exceptions", type=Path, default=Path(__file__).resolve().parent.parent / "audit-exceptions.txt")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    deps = installed()
    with httpx.Client(timeout=20.0, follow_redirects=True) as http, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda kv: check(http, *kv), deps.items()))
    allowed = read_exceptions(args.exceptions)
    failing = [r for r in results if r["status"] == "vulnerable"
               and any((r["name"], v["id"]) not in allowed for v in r["vulnerabilities"])]
    counts: dict[str, int] = {}
    for r in results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    if args.json:
        print(json.dumps({"counts": counts, "results": results, "failing": [r["name"] for r in failing]}))
    else:
        print(f"{len(results)} installed distributions: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
        for r in results:
            if r["status"] == "vulnerable":
                for v in r["vulnerabilities"]:
                    note = " (documented exception)" if (r["name"], v["id"]) in allowed else ""
                    print(f"VULNERABLE {r['name']} {r['installed']}: {v['id']} fixed in {v['fixed_in']}{note}")
            elif r["status"] == "not audited":
                print(f"not audited {r['name']} {r['installed']} (latest {r['latest']}; per-release data unreachable)")
            elif r["status"] == "unreachable":
                print(f"unreachable {r['name']}: {r['error']}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())

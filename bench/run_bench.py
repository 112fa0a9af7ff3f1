"""Benchmark script: eventwire end to end vs spaCy's full pipeline alone, same articles, same run.

    python bench/run_bench.py --corpus ../shared/data/corpus/reuters21578.jsonl.gz --limit 2000 --processes 1
    python bench/run_bench.py --processes 2 --json > bench.json

Writes a JSON result (stdout with --json) and a table otherwise; the same code backs `eventwire bench`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.benchmark import BenchConfig, run_bench


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[1]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=here.parent / "shared/data/corpus/reuters21578.jsonl.gz")
    p.add_argument("--limit", type=int, default=2000, help="articles (0 = all)")
    p.add_argument("--processes", type=int, default=1)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    result = run_bench(BenchConfig(corpus=args.corpus, limit=args.limit or None, processes=args.processes))
    if args.json:
        json.dump(result, sys.stdout, default=str)
        sys.stdout.write("\n")
    else:
        for name in ("baseline", "eventwire"):
            r = result[name]
            print(f"{name:10s} {r['articles_per_s']:8.1f} art/s {r['chars_per_s']:10,.0f} chars/s "
                  f"peak {r['peak_rss_mb']:6.0f} MB")
        print(f"ratio (chars/s, eventwire / spaCy-only): {result['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

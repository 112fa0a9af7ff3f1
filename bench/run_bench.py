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
    p.add_argument("--no-political", action="store_true", help="skip the political-subset measurement")
    p.add_argument("--no-prefilter", action="store_true", help="parse every sentence (the pre-issue-9 path)")
    p.add_argument("--dask", default="", help="also run the Dask engine with these worker counts, e.g. 1,2")
    args = p.parse_args(argv)
    workers = tuple(int(w) for w in args.dask.split(",") if w.strip())
    result = run_bench(BenchConfig(corpus=args.corpus, limit=args.limit or None, processes=args.processes,
                                   political=not args.no_political, prefilter=not args.no_prefilter,
                                   dask_workers=workers))
    if args.json:
        json.dump(result, sys.stdout, default=str)
        sys.stdout.write("\n")
    else:
        for name in ("baseline", "eventwire"):
            r = result[name]
            print(f"{name:10s} {r['articles_per_s']:8.1f} art/s {r['chars_per_s']:10,.0f} chars/s "
                  f"peak {r['peak_rss_mb']:6.0f} MB")
        print(f"ratio (chars/s, eventwire / spaCy-only): {result['ratio']:.2f}")
        parse = result["eventwire"].get("parse", {})
        if parse:
            print(f"reached the parser: {parse['share_articles_parsed']:.0%} of articles, "
                  f"{parse['share_sentences_parsed']:.0%} of sentences, {parse['share_chars_parsed']:.0%} of chars")
        pol = result.get("political", {})
        if "ratio" in pol:
            print(f"political subset ({pol['articles']} articles, {pol['share_of_articles']:.0%}): "
                  f"eventwire {pol['eventwire']['chars_per_s']:,.0f} chars/s, "
                  f"baseline {pol['baseline']['chars_per_s']:,.0f} chars/s, ratio {pol['ratio']:.2f}")
        for n, r in result.get("dask", {}).get("runs", {}).items():
            print(f"dask {n} worker(s): {r['seconds']:.1f} s, {r['chars_per_s']:,.0f} chars/s, "
                  f"speed-up {result['dask']['speedup'][n]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Latency of the search API per query, as a bot sees it (no network): p50 and p90.

Usage:  python bench/latency.py --index-dir DIR [--queries FILE.tsv] [--repeat 3]
                                [--param match=all]

FILE is the generator's ``queries.tsv`` (category<TAB>query). Every query goes
to ``GET /api/v1/search`` through Flask's test client (facets included, first
page of 20), least CPU time of --repeat runs (on a shared machine the wall clock
measures the neighbours; a request runs on one thread, so on a quiet machine
the two agree), warm caches. Prints p50 and p90 over all
queries and per category. To compare two checkouts on one index, run the
script of either with ``PYTHONPATH=CHECKOUT`` in front.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from timing import best_of  # a sibling module: the scripts run as bench/NAME.py

HERE = Path(__file__).resolve().parent
# bench/web.py would shadow the web package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def main() -> int:
    """Time every query and print the percentiles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, default=Path("/tmp/bench20k/queries.tsv"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--param", action="append", default=[], help="extra NAME=VALUE for every request"
    )
    args = parser.parse_args()
    from web import create_app

    app = create_app(
        {"TESTING": True, "INDEX_DIR": str(args.index_dir), "RATELIMIT_ENABLED": False}
    )
    client = app.test_client()
    extra = [tuple(p.split("=", 1)) for p in args.param]
    rows = [
        line.split("\t", 1)
        for line in args.queries.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]

    def run(q: str):
        url = "/api/v1/search?" + urlencode([("q", q), *extra])

        def get() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")

        return get

    run(rows[0][1])()
    times: dict[str, list[float]] = defaultdict(list)
    for category, q in rows:
        times[category].append(best_of(args.repeat, run(q), clock=time.process_time) * 1000)
    every = [t for ts in times.values() for t in ts]
    print(f"index: {args.index_dir}, {len(every)} queries, best of {args.repeat}")
    print(
        f"  all        p50 {statistics.median(every):7.2f} ms  "
        f"p90 {statistics.quantiles(every, n=10)[-1]:7.2f} ms"
    )
    for category, ts in sorted(times.items()):
        print(f"  {category:<10} p50 {statistics.median(ts):7.2f} ms  (n={len(ts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

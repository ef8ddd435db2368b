"""Per-request cost of the search API on loopback: a search that finds nothing, one rare word.

Usage:  python bench/api_overhead.py [--index-dir /tmp/ix20k-after]
                                     [--queries /tmp/bench20k/queries.tsv] [--repeat 20]

Starts ``loupe serve`` on a free loopback port (one server thread, rate limit
off, the search ``PYTHONPATH`` of this run), then, on one keep-alive
connection, sends each query of the generator's ``zero`` and ``rare1``
categories (and a few others for context) ``--repeat`` times as
``GET /api/v1/search?q=...`` (first page, facets and snippets as the API
gives them by default), after one warm-up request each. Prints, per
category, the median over queries of each query's fastest wall time, and the
server's CPU time per request (its processes' user + system time over the
category's requests: what a busy machine does not inflate).
Targets (issue 14): zero hits <= 1.5 ms, one rare word <= 3 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from api_load import Server, fetch  # a sibling module: the scripts run as bench/NAME.py

CATEGORIES = ("zero", "rare1", "common1", "two", "phrase")


def main() -> int:
    """Time each query through HTTP and print the medians per category."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/ix20k-after"))
    parser.add_argument("--queries", type=Path, default=Path("/tmp/bench20k/queries.tsv"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rows = [
        line.split("\t", 1) for line in args.queries.read_text("utf-8").splitlines() if "\t" in line
    ]
    server = Server(args.index_dir, 1, Path("/tmp/api_overhead-serve.log"))
    try:
        conn = server.connect()
        best: dict[str, list[float]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)
        for category, q in rows:
            if category not in CATEGORIES:
                continue
            path = "/api/v1/search?" + urlencode({"q": q})
            status, _ = fetch(conn, path)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            times = []
            cpu_before = server.cpu_seconds()
            for _ in range(args.repeat):
                started = time.perf_counter()
                fetch(conn, path)
                times.append(time.perf_counter() - started)
            best[category].append(min(times) * 1000)
            cpu[category].append((server.cpu_seconds() - cpu_before) * 1000 / args.repeat)
    finally:
        server.stop()
    print(f"index: {args.index_dir}, best of {args.repeat} per query, median over queries")
    for category in CATEGORIES:
        if best[category]:
            print(
                f"  {category:<8} p50 {statistics.median(best[category]):6.2f} ms"
                f"  server CPU {statistics.median(cpu[category]):6.2f} ms a request (median)"
                f"  (n={len(best[category])})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the search page against its JSON twin: what the HTML costs on top.

Usage:  python bench/web.py --index-dir DIR [--queries FILE] [--limit 100] [--repeat 3]
                            [--filtered]

DIR is a 20,000-article index (``python bench/indexing.py --keep DIR``),
FILE the generator's queries.txt or queries.tsv (kind, query). For every
query, with Flask's test client in one process and warm caches, the best of
--repeat runs, in CPU time (other jobs share the machine), of:
  P  GET /?q=...                the search page (payload + view model + template)
  J  GET /api/v1/search?q=...   the JSON API (payload + JSON); when the API is
                                not there, search_payload() + json.dumps()
Target: P <= 1.3 x J (summed over all queries). --filtered adds two ticked
people of the query's facet (the drill-down a journalist does) to both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from timing import best_of  # a sibling module: the scripts run as bench/NAME.py

HERE = Path(__file__).resolve().parent


def getter(client, url: str) -> Callable[[], object]:
    """A run that GETs *url* and insists on a 200."""

    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response.get_data()

    return run


def read_queries(path: Path, limit: int) -> list[str]:
    """The queries of a queries.txt (one a line) or queries.tsv (kind, query) file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    queries = [line.split("\t")[-1] for line in lines]
    return [q for q in queries if q.strip()][:limit]


def with_people(client, q: str) -> str:
    """*q*'s query string with the first two people of its facet ticked (ET)."""
    data = client.get("/api/v1/search?" + urlencode({"q": q, "facets": "person"})).get_json()
    people = [v["value"] for v in data["facets"]["person"][:2]]
    return urlencode([("q", q), *[("person", p) for p in people]])


def json_twin(app, client, query: str) -> Callable[[], object]:
    """The API endpoint when registered, else the payload serialised by hand."""
    if "api.search" in app.view_functions:
        return getter(client, "/api/v1/search?" + query)
    q = query
    from web.extensions import get_engine
    from web.payloads import search_payload

    def run() -> object:
        with app.test_request_context():
            from urllib.parse import parse_qs

            return json.dumps(search_payload(get_engine(), parse_qs(q)), ensure_ascii=False)

    return run


def main() -> int:
    """Time every query both ways and print the totals and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, default=Path("/tmp/bench20k/queries.txt"))
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--filtered", action="store_true", help="tick the query's first two people (ET) in both"
    )
    args = parser.parse_args()
    # This file is bench/web.py: run as a script, it would shadow the web package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    from web import create_app

    app = create_app(
        {"TESTING": True, "INDEX_DIR": str(args.index_dir), "RATELIMIT_ENABLED": False}
    )
    client = app.test_client()
    queries = [
        with_people(client, q) if args.filtered else urlencode({"q": q})
        for q in read_queries(args.queries, args.limit)
    ]
    getter(client, "/?" + queries[0])()  # warm caches and templates
    json_twin(app, client, queries[0])()
    page_total = json_total = 0.0
    ratios = []
    cpu = time.process_time
    for q in queries:
        p = best_of(args.repeat, getter(client, "/?" + q), clock=cpu)
        j = best_of(args.repeat, json_twin(app, client, q), clock=cpu)
        page_total += p
        json_total += j
        ratios.append(p / j)
    n = len(queries)
    twin = "/api/v1/search" if "api.search" in app.view_functions else "search_payload+json"
    print(
        f"index: {args.index_dir}, {n} queries"
        f"{' with two people ticked' if args.filtered else ''}, "
        f"best of {args.repeat} in CPU time"
    )
    print(f"  P search page          {page_total * 1000 / n:8.2f} ms/query")
    print(f"  J {twin:<20} {json_total * 1000 / n:8.2f} ms/query")
    print(
        f"  P/J = {page_total / json_total:.2f}  (<= 1.3); per query: median "
        f"{statistics.median(ratios):.2f}, worst {max(ratios):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

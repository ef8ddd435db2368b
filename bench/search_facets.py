"""Benchmark the search core: facet cost, against plain Whoosh facets.

Usage:  python bench/search_facets.py --index-dir DIR [--queries FILE] [--repeat 3]

DIR is a 20,000-article index (``python bench/indexing.py --keep DIR``);
FILE the generator's queries.txt (one query per line). For every query, in
one process, with warm caches, the best of --repeat runs of:
  A  Loupe search, first page of 20, all six facets
  B  Loupe search, same page, no facets
  C  plain Whoosh: searcher.search(q, limit=20, groupedby=FieldFacets) on the
     same parsed query, the way Whoosh's documentation counts facets
Targets: A <= 1.3 x B, and A <= 0.25 x C (summed over all queries).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from timing import best_of  # a sibling module: the scripts run as bench/NAME.py
from whoosh import sorting

from search.engine import Engine
from search.facets import FACET_FIELDS
from search.results import SearchRequest

HERE = Path(__file__).resolve().parent


def plain_whoosh(engine: Engine, text: str) -> Callable[[], object]:
    """The same query through Whoosh's own faceting."""
    parsed = engine.parse(text)
    facets = {
        name: sorting.FieldFacet(field, allow_overlap=True, maptype=sorting.Count)
        for name, field in FACET_FIELDS.items()
    }

    def run() -> object:
        _, searcher = engine.current()
        results = searcher.search(parsed.query, limit=20, groupedby=facets)
        return [results.groups(name) for name in facets], len(results)

    return run


def main() -> int:
    """Time every query three ways and print the totals and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, default=HERE / "out" / "N20000" / "queries.txt")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    engine = Engine(args.index_dir)
    queries = [q for q in args.queries.read_text(encoding="utf-8").splitlines() if q][: args.limit]
    engine.search(SearchRequest(q=queries[0]))  # warm: facet arrays, stemmer memo
    totals = {"A": 0.0, "B": 0.0, "C": 0.0}
    per_query = []
    for text in queries:
        a = best_of(args.repeat, lambda t=text: engine.search(SearchRequest(q=t, snippets=False)))
        b = best_of(
            args.repeat, lambda t=text: engine.search(SearchRequest(q=t, snippets=False, facets=()))
        )
        c = best_of(args.repeat, plain_whoosh(engine, text))
        totals["A"] += a
        totals["B"] += b
        totals["C"] += c
        per_query.append(a)
    _, searcher = engine.current()
    docs = searcher.doc_count()
    n = len(queries)
    print(f"index: {args.index_dir} ({docs} articles), {n} queries, best of {args.repeat}")
    for key, label in (
        ("A", "Loupe, all facets"),
        ("B", "Loupe, no facets"),
        ("C", "plain Whoosh groupedby"),
    ):
        print(f"  {key} {label:<24} {totals[key] * 1000 / n:8.2f} ms/query")
    print(f"  A/B = {totals['A'] / totals['B']:.2f}  (<= 1.3)")
    print(f"  A/C = {totals['A'] / totals['C']:.2f}  (<= 0.25)")
    print(
        f"  A median {statistics.median(per_query) * 1000:.2f} ms, "
        f"p95 {sorted(per_query)[int(0.95 * n) - 1] * 1000:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

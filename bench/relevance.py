"""Relevance of Loupe's ranking, in process: nDCG@10, MRR@10, R@100, zero results.

Usage:  python bench/relevance.py --index-dir DIR [--collection ../shared/relevance]
                                  [--headlines N]
                                  [--queries FILE --qrels FILE] [--match any|all]
                                  [--title-boost X] [--k1 X] [--b X] [--title-b X] [--tie X]
                                  [--fields combined|summed]
                                  [--no-tiers] [--no-typos] [--limit N]
                                  [--relative-boost X] [--relative-stem N]
                                  [--neighbour-boost X] [--neighbours N]
                                  [--neighbour-cosine X] [--widen-below N]
                                  [--widen-words N] [--widen-keep N]

DIR is an index of the collection's ``corpus/`` (``loupe index COLLECTION/corpus
--index-dir DIR``). The collection is a folder laid out like
``../shared/relevance`` (PIAF: French questions on French Wikipedia paragraphs):
``queries-dev.tsv`` (qid, question) and ``qrels-dev.tsv`` (qid, docid, 1).
Every question goes, as typed, through ``Engine.search`` (the code path of the
API), first 100 hits, no facets. The options override the ranking parameters
of ``search/ranking.py`` and ``search/query/fields.py`` for this run only, to
compare settings on the same index; ``../shared/relevance/run_relevance.py``
measures the installed ``loupe`` over HTTP against BM25 baselines.

``--headlines N`` is the news-like check: N articles of DIR spread over the
index, each searched by its own headline (a journalist who remembers it);
MRR@10 and success@1 of the article itself.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

from search import execute, neighbours, ranking
from search.engine import Engine
from search.query import build, fields, multiterm
from search.results import SearchRequest

HERE = Path(__file__).resolve().parent
DEFAULT_COLLECTION = HERE.parent.parent / "shared" / "relevance"


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file."""
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if line.strip()]


def metrics(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    """nDCG@10, MRR@10 and R@100 of one ranking (binary relevance)."""
    gains = [1.0 if doc in relevant else 0.0 for doc in ranked]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    rank = next((i for i, g in enumerate(gains[:10]) if g), None)
    found = len(relevant & set(ranked[:100]))
    return {
        "ndcg@10": dcg / ideal if ideal else 0.0,
        "mrr@10": 1 / (rank + 1) if rank is not None else 0.0,
        "r@100": found / len(relevant) if relevant else 0.0,
        "s@1": 1.0 if rank == 0 else 0.0,
        "zero": 0.0 if ranked else 1.0,
    }


def configure(args: argparse.Namespace) -> None:
    """Apply the ranking overrides of the command line."""
    if args.title_boost is not None:
        fields.BOOSTS["title"] = args.title_boost
    for name, value in (
        ("K1", args.k1),
        ("B", args.b),
        ("TITLE_B", args.title_b),
        ("TIE", args.tie),
    ):
        if value is not None:
            setattr(ranking, name, value)
    if args.fields:
        ranking.COMBINED = args.fields == "combined"
    if args.no_tiers:
        execute.TIERS = False
    if args.no_typos:
        build.TYPO_DISTANCE = 0
    for module, name, value in (
        (build, "RELATIVE_BOOST", args.relative_boost),
        (multiterm, "MIN_RELATIVE_STEM", args.relative_stem),
        (build, "NEIGHBOUR_BOOST", args.neighbour_boost),
        (neighbours, "MAX_NEIGHBOURS", args.neighbours),
        (neighbours, "MIN_SIMILARITY", args.neighbour_cosine),
        (execute, "WIDEN_BELOW", args.widen_below),
        (execute, "WIDEN_WORDS", args.widen_words),
        (execute, "WIDEN_KEEP", args.widen_keep),
    ):
        if value is not None:
            setattr(module, name, value)


def questions(args: argparse.Namespace) -> tuple[list[list[str]], dict[str, set[str]]]:
    """The collection's questions (spread sample with --limit) and their qrels."""
    queries = read_tsv(args.queries or args.collection / "queries-dev.tsv")
    if args.limit:
        queries = queries[:: max(1, len(queries) // args.limit)][: args.limit]
    qrels: dict[str, set[str]] = {}
    for qid, doc, *_ in read_tsv(args.qrels or args.collection / "qrels-dev.tsv"):
        qrels.setdefault(qid, set()).add(doc)
    return queries, qrels


def headline_queries(engine: Engine, count: int) -> tuple[list[list[str]], dict[str, set[str]]]:
    """(qid, headline) pairs of *count* articles spread over the index, and their qrels."""
    _, searcher = engine.current()
    total = searcher.doc_count_all()
    step = max(1, total // count)
    stored = [searcher.stored_fields(doc) for doc in range(0, total, step)][:count]
    queries = [
        [f"h{i}", fields_["title"]] for i, fields_ in enumerate(stored) if fields_.get("title")
    ]
    qrels = {f"h{i}": {fields_["id"]} for i, fields_ in enumerate(stored)}
    return queries, qrels


def main() -> int:
    """Run every question and print the averages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--collection", type=Path, default=DEFAULT_COLLECTION)
    parser.add_argument("--queries", type=Path)
    parser.add_argument("--qrels", type=Path)
    parser.add_argument("--match", choices=("any", "all"), default="any")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--title-boost", type=float)
    parser.add_argument("--k1", type=float)
    parser.add_argument("--b", type=float)
    parser.add_argument("--title-b", type=float)
    parser.add_argument("--tie", type=float, help="per-field dis-max tie breaker")
    parser.add_argument(
        "--fields",
        choices=["combined", "summed"],
        help="score a word's fields as one (true BM25F) or each apart",
    )
    parser.add_argument("--no-tiers", action="store_true")
    parser.add_argument("--no-typos", action="store_true")
    parser.add_argument("--headlines", type=int, default=0)
    parser.add_argument("--relative-boost", type=float, help="weight of a word's relatives")
    parser.add_argument("--relative-stem", type=int, help="shortest stem with relatives")
    parser.add_argument("--neighbour-boost", type=float, help="weight of a word's neighbours")
    parser.add_argument("--neighbours", type=int, help="most neighbours per word")
    parser.add_argument("--neighbour-cosine", type=float, help="least cosine of a neighbour")
    parser.add_argument("--widen-below", type=int, help="widen below this many complete")
    parser.add_argument("--widen-words", type=int, help="fewest words of a widened query")
    parser.add_argument("--widen-keep", type=int, help="most articles related words add")
    args = parser.parse_args()
    configure(args)
    engine = Engine(args.index_dir)
    if args.headlines:
        queries, qrels = headline_queries(engine, args.headlines)
    else:
        queries, qrels = questions(args)
    started = time.perf_counter()
    rows = []
    for qid, text in queries:
        page = engine.search(
            SearchRequest(q=text, match=args.match, per_page=100, facets=(), snippets=False)
        )
        rows.append(metrics([hit.id for hit in page.hits], qrels.get(qid, set())))
    seconds = time.perf_counter() - started
    summary = {key: statistics.fmean(row[key] for row in rows) for key in rows[0]}
    print(
        f"questions={len(rows)} match={args.match} "
        + " ".join(f"{k}={v:.4f}" for k, v in summary.items())
        + f" ms/query={1000 * seconds / len(rows):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

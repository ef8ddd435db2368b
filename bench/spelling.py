"""Benchmark spelling corrections: what they change in real queries, and what they cost.

Usage:  python bench/spelling.py --index-dir DIR --queries FILE [--typos N] [--show]

FILE holds one query per line, or ``id<TAB>query`` lines (the PIAF questions
of ../shared/relevance/queries-dev.tsv, as people typed them). Prints how many
queries the speller would correct, whatever their hits, and with --show every
word it changes, to be judged by eye: a correct word changed is a defect.
With --typos N, N one-word queries of 8 letters or more from FILE are searched
as written and with two middle letters swapped: p50 latency of both (best of
3, one process, warm caches) and how many swapped words are corrected back.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from search.engine import Engine
from search.results import SearchRequest
from search.suggest import Speller


def read_queries(path: Path) -> list[str]:
    """Queries of a plain or ``id<TAB>query`` file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[-1] for line in lines if line.strip()]


def changes(engine: Engine, queries: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """How many queries the speller corrects, and each (typed, corrected) word."""
    corrected, words = 0, []
    gen, searcher = engine.current()
    speller = Speller(searcher.reader(), lambda: gen.vocabulary, engine.aliases)
    for query in queries:
        fixed = speller.suggest(query)
        if fixed:
            corrected += 1
            words += [(a, b) for a, b in zip(query.split(), fixed.split(), strict=False) if a != b]
    return corrected, words


def swap(word: str) -> str:
    """*word* with its two middle letters swapped: a typo one edit away."""
    i = len(word) // 2 - 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def best_time(engine: Engine, query: str) -> tuple[float, dict | None]:
    """Best of 3 searches of *query* (seconds), and its ``corrected`` field."""
    times, page = [], None
    for _ in range(3):
        started = time.perf_counter()
        page = engine.search(SearchRequest(q=query, snippets=False))
        times.append(time.perf_counter() - started)
    return min(times), page.corrected if page else None


def typo_cost(engine: Engine, queries: list[str], count: int) -> str:
    """p50 latency of words as written and with a typo, and the share corrected back."""
    words = [q for q in queries if " " not in q and len(q) >= 8][:count]
    if not words:
        return "no one-word query of 8 letters or more in the file: no typo timing"
    engine.search(SearchRequest(q=words[0]))
    written, typed, back = [], [], 0
    for word in words:
        written.append(best_time(engine, word)[0])
        seconds, corrected = best_time(engine, swap(word))
        typed.append(seconds)
        back += bool(corrected and corrected["to"].lower() == word.lower())
    return (
        f"{len(words)} words: p50 {statistics.median(written) * 1000:.1f} ms as written, "
        f"{statistics.median(typed) * 1000:.1f} ms with a typo; "
        f"{back} corrected back to the word"
    )


def main() -> int:
    """Print the speller's changes on FILE and, with --typos, the cost of a correction."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--typos", type=int, default=0)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    engine = Engine(args.index_dir)
    queries = read_queries(args.queries)
    started = time.perf_counter()
    corrected, words = changes(engine, queries)
    print(
        f"{len(queries)} queries: {corrected} corrected, {len(words)} words changed "
        f"({time.perf_counter() - started:.1f} s)"
    )
    if args.show:
        print("\n".join(f"  {a} -> {b}" for a, b in words))
    if args.typos:
        print(typo_cost(engine, queries, args.typos))
    return 0


if __name__ == "__main__":
    sys.exit(main())

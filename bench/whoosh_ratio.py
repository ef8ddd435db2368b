"""Loupe through its API against plain Whoosh in-process, on one generated corpus.

Usage:  python bench/whoosh_ratio.py --corpus-dir /tmp/bench20k
            [--loupe-index DIR] [--whoosh-index DIR] [--repeat 3] [--report FILE]

CORPUS-DIR is an output of ``../shared/bench-corpus/gen_corpus.py`` (corpus/,
meta/, queries.txt). Loupe is driven only from outside: ``loupe index`` (run
and timed unless --loupe-index names an index already built from the corpus)
and ``GET /api/v1/search`` on ``loupe serve`` over loopback, one client, one
keep-alive connection. Plain Whoosh 2.7.5 gets the same articles in a schema
of its own (title and body with Whoosh's French stemming analyzer and stop
words; source, year, and the generator's ground-truth people/organisations and
places as facet fields, since it extracts no entities), built with one writer
(timed unless --whoosh-index exists), and is called in-process.

For each of the corpus's queries, after one warm-up pass, --repeat runs of:
  plain        Loupe ``facets=`` (none)  vs  Whoosh ``search(q, limit=20)``
  with facets  Loupe with all its six facets (people, organisations, places,
               source, year, month) vs Whoosh ``groupedby`` on source, year
               and month: the facets it has without entity extraction
  --entity-facets adds Whoosh ``groupedby`` with the ground-truth people and
  places too (AND only: it is slow)
Whoosh parses each query twice, words joined by AND (its default) and by OR
(what Loupe's ranked retrieval does); the faster, AND, is the baseline of the
ratios. Per query the median of the runs, then p50 and p95 over queries (wall
time: run it on a quiet machine). Also: peak resident memory of the server's
process tree. Issue 14 targets: with facets p50 <= 0.25x and plain p50 <= 0.8x
Whoosh's; p95 no worse than Whoosh's; server memory <= 600 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

from api_load import BIN, Server, fetch  # a sibling module: the scripts run as bench/NAME.py
from whoosh import fields, index, qparser, sorting
from whoosh.analysis import LanguageAnalyzer

FACETS = ("source", "year", "month")
ENTITY_FACETS = ("actors", "locations")


def main() -> int:
    """Build or reuse both indexes, time both engines, print the table."""
    args = parse_args()
    queries = [q for q in (args.corpus_dir / "queries.txt").read_text("utf-8").splitlines() if q]
    report: dict[str, object] = {"corpus": str(args.corpus_dir), "queries": len(queries)}
    loupe_index = args.loupe_index or args.corpus_dir.parent / (args.corpus_dir.name + "-loupe")
    if not loupe_index.is_dir() or not any(loupe_index.iterdir()):
        report["loupe_index_s"] = build_loupe(args.corpus_dir / "corpus", loupe_index)
    whoosh_dir = args.whoosh_index or args.corpus_dir.parent / (args.corpus_dir.name + "-whoosh")
    if not index.exists_in(str(whoosh_dir)):
        report["whoosh_index_s"] = build_whoosh(args.corpus_dir, whoosh_dir)
    report["whoosh"] = time_whoosh(
        whoosh_dir, queries, args.repeat, args.entity_facets, args.and_only
    )
    report["loupe"] = time_loupe(loupe_index, queries, args.repeat)
    print_table(report)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1), "utf-8")
    return 0


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-dir", type=Path, required=True)
    parser.add_argument("--loupe-index", type=Path)
    parser.add_argument("--whoosh-index", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--report", type=Path)
    parser.add_argument("--entity-facets", action="store_true")
    parser.add_argument(
        "--and-only", action="store_true", help="skip Whoosh OR (slow at 100,000 articles)"
    )
    return parser.parse_args()


def build_loupe(corpus: Path, index_dir: Path) -> float:
    """Run ``loupe index`` on the corpus; its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "loupe"), "index", str(corpus), "--index-dir", str(index_dir), "--quiet"],
        check=True,
    )
    return time.perf_counter() - started


def whoosh_schema() -> fields.Schema:
    """Plain Whoosh: French stemming and stop words, facet fields from the ground truth."""
    french = LanguageAnalyzer("fr")
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=french, stored=True),
        body=fields.TEXT(analyzer=french),
        source=fields.ID(sortable=True),
        year=fields.ID(sortable=True),
        month=fields.ID(sortable=True),
        actors=fields.KEYWORD(commas=True),
        locations=fields.KEYWORD(commas=True),
    )


def articles(corpus_dir: Path) -> Iterator[dict[str, str]]:
    """The corpus's articles joined with their ground-truth entities, as Whoosh documents."""
    for shard in sorted((corpus_dir / "corpus").glob("articles-*.jsonl")):
        meta = corpus_dir / "meta" / shard.name.replace("articles-", "entities-")
        with shard.open(encoding="utf-8") as texts, meta.open(encoding="utf-8") as truths:
            for text_line, truth_line in zip(texts, truths, strict=True):
                article, truth = json.loads(text_line), json.loads(truth_line)
                yield {
                    "id": article["id"],
                    "title": article["title"],
                    "body": article["body"],
                    "source": article["source"],
                    "year": str(truth["year"]),
                    "month": article["date"][:7],  # the local month the date shows
                    "actors": ",".join(truth["actors"]),
                    "locations": ",".join(truth["locations"]),
                }


def build_whoosh(corpus_dir: Path, index_dir: Path) -> float:
    """Index the corpus with one plain Whoosh writer; wall time in seconds."""
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    writer = index.create_in(str(index_dir), whoosh_schema()).writer(limitmb=256)
    for document in articles(corpus_dir):
        writer.add_document(**document)
    writer.commit()
    return time.perf_counter() - started


def time_whoosh(
    index_dir: Path, queries: list[str], repeat: int, entity_facets: bool, and_only: bool
) -> dict[str, dict[str, float]]:
    """p50/p95 of plain Whoosh, AND and OR, without and with ``groupedby`` facets."""
    ix = index.open_dir(str(index_dir))
    variants = {"plain": None, "facets": _facets(FACETS)}
    results = {}
    with ix.searcher() as searcher:
        groups = [("and", qparser.AndGroup), ("or", qparser.OrGroup)][: 1 if and_only else 2]
        for group_name, group in groups:
            parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=group)
            parsed = [parser.parse(q) for q in queries]
            if entity_facets and group_name == "and":
                variants["entities"] = _facets(FACETS + ENTITY_FACETS)
            else:
                variants.pop("entities", None)
            for kind, grouped in variants.items():
                runs = [
                    lambda p=p, g=grouped: searcher.search(p, limit=20, groupedby=g) for p in parsed
                ]
                results[f"{kind}_{group_name}"] = percentiles(runs, repeat)
    return results


def _facets(names: tuple[str, ...]) -> sorting.Facets:
    """Whoosh field facets; entity fields hold several values per document."""
    facets = sorting.Facets()
    for name in names:
        facets.add_field(name, allow_overlap=name in ENTITY_FACETS)
    return facets


def time_loupe(index_dir: Path, queries: list[str], repeat: int) -> dict[str, object]:
    """p50/p95 through ``GET /api/v1/search``, without and with facets; server memory."""
    server = Server(index_dir, 1, Path("/tmp/whoosh_ratio-serve.log"))
    try:
        conn = server.connect()
        results: dict[str, object] = {}
        for kind, extra in (("plain", {"facets": ""}), ("facets", {})):
            paths = ["/api/v1/search?" + urlencode({"q": q, **extra}) for q in queries]
            runs = [lambda p=p: check(fetch(conn, p), p) for p in paths]
            results[kind] = percentiles(runs, repeat)
        results["server_peak_rss_mb"] = round(server.peak["VmRSS"] / 2**20)
    finally:
        server.stop()
    return results


def check(response: tuple[int, bytes], path: str) -> None:
    """Stop the run on an API error: a fast error must not pass for a fast search."""
    if response[0] != 200:
        raise SystemExit(f"{path}: HTTP {response[0]}")


def percentiles(runs: list[Callable[[], object]], repeat: int) -> dict[str, float]:
    """One warm-up pass, then per run the median of *repeat* wall times; p50 and p95 in ms."""
    for run in runs:
        run()
    medians = []
    for run in runs:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times) * 1000)
    cuts = statistics.quantiles(medians, n=20)
    return {"p50": round(statistics.median(medians), 2), "p95": round(cuts[18], 2)}


def print_table(report: dict) -> None:
    """The figures and the ratios to Whoosh AND (the issue's baseline)."""
    whoosh, loupe = report["whoosh"], report["loupe"]
    print(f"corpus {report['corpus']}, {report['queries']} queries")
    for key in ("loupe_index_s", "whoosh_index_s"):
        if key in report:
            print(f"{key}: {report[key]:.0f} s")
    for kind in ("plain", "facets"):
        base = whoosh[f"{kind}_and"]
        print(
            f"{kind:7} Loupe p50 {loupe[kind]['p50']:7.2f} ms p95 {loupe[kind]['p95']:7.2f} | "
            f"Whoosh AND p50 {base['p50']:7.2f} p95 {base['p95']:7.2f} | "
            f"OR p50 {whoosh.get(kind + '_or', {}).get('p50', 0):7.2f} "
            f"p95 {whoosh.get(kind + '_or', {}).get('p95', 0):7.2f} | "
            f"ratio p50 {loupe[kind]['p50'] / base['p50']:.2f} "
            f"p95 {loupe[kind]['p95'] / base['p95']:.2f}"
        )
    if "entities_and" in whoosh:
        entities = whoosh["entities_and"]
        print(
            f"Whoosh AND groupedby with the ground-truth entities too: p50 {entities['p50']:.2f}"
            f" p95 {entities['p95']:.2f}; Loupe with facets / that: "
            f"{loupe['facets']['p50'] / entities['p50']:.2f}"
        )
    print(f"server peak RSS (process tree): {loupe['server_peak_rss_mb']} MB")


if __name__ == "__main__":
    sys.exit(main())

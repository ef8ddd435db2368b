"""The word forms of the indexed text, kept beside the index for spelling suggestions."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from search.schema import VOCABULARY_FILE

#: Forms seen fewer times than this are left out: mostly typos of the corpus.
MIN_COUNT = 2


def read_vocabulary(generation: Path) -> Counter[str]:
    """Counts written by an earlier run; empty when there are none."""
    try:
        data = json.loads((generation / VOCABULARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Counter()
    return Counter({w: n for w, n in data.items() if isinstance(n, int)})


def write_vocabulary(generation: Path, words: Counter[str]) -> None:
    """Write the counts atomically, frequent forms only."""
    kept = {w: n for w, n in words.items() if n >= MIN_COUNT}
    tmp = generation / f".{VOCABULARY_FILE}.tmp"
    tmp.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, generation / VOCABULARY_FILE)

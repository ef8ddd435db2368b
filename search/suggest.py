""""Did you mean": corrections from the words the indexed articles really use."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whoosh.spelling import ListCorrector

from .normalize import fold, normalize_typography
from .schema import VOCABULARY_FILE

#: Query words shorter than this are never corrected (sigles, "UE", "ONU").
MIN_LENGTH = 4
#: A word the corpus uses at least this often is taken as correctly spelled.
KNOWN_COUNT = 3
_WORD = re.compile(r"(?<![\w])[^\W\d_][\w'-]*(?![\w:(])")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ET", "OU", "SAUF"})


@dataclass
class Vocabulary:
    """Folded word -> (most frequent spelling, total count), and a corrector over it."""

    forms: dict[str, tuple[str, int]]
    corrector: ListCorrector

    @classmethod
    def load(cls, generation: Path) -> Vocabulary:
        """Read ``vocabulary.json`` of a generation (empty when missing)."""
        try:
            raw = json.loads((generation / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        forms: dict[str, tuple[str, int]] = {}
        for word, count in raw.items():
            key = fold(word)
            best, total = forms.get(key, (word, 0))
            if count > raw.get(best, 0):
                best = word
            forms[key] = (best, total + count)
        return cls(forms, ListCorrector(sorted(forms)))

    def count(self, word: str) -> int:
        """How often the corpus uses *word*, accents and case aside."""
        return self.forms.get(fold(word), ("", 0))[1]

    def correct(self, word: str) -> str | None:
        """The corpus's most frequent word within two edits of *word*, as written there."""
        key = fold(word)
        candidates = self.corrector.suggest(key, limit=8, maxdist=2, prefix=1)
        best = max(candidates, key=lambda c: (-_distance_rank(key, c), self.forms[c][1]),
                   default=None)
        return self.forms[best][0] if best else None


def _distance_rank(a: str, b: str) -> int:
    """1 for words one edit apart (by length and shared prefix), else 2."""
    return 1 if abs(len(a) - len(b)) <= 1 and a[:2] == b[:2] else 2


def suggest(query: str, vocabulary: Vocabulary,
            keep: Callable[[str], bool] | None = None) -> str | None:
    """The query with its unknown words corrected, or None when nothing changes."""
    text = normalize_typography(query)
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        if (len(word) < MIN_LENGTH or word in _OPERATORS
                or vocabulary.count(word) >= KNOWN_COUNT or (keep and keep(word))):
            return word
        better = vocabulary.correct(word)
        if better is None or fold(better) == fold(word):
            return word
        changed = True
        return _same_case(better, word)

    fixed = _WORD.sub(fix, text)
    return fixed if changed else None


def _same_case(word: str, like: str) -> str:
    """*word* with the capitals of *like* when *like* is all capitals."""
    return word.upper() if like.isupper() and len(like) > 1 else word

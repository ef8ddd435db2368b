"""Spelling corrections: only the query words the index does not know are corrected.

A word is *known* when the index holds every term the analyzer makes of it
(any inflection, accent or case of an indexed word: ``signe``, ``traité``,
``déployés``), when it is a stop word, when the alias table knows it as a
name (``Putin``), or when a French dictionary does (simplemma's table of
inflected forms: ``sources`` is right even in a corpus that never uses it).
Known words are never rewritten, however rare. An unknown
word is replaced by the corpus's most frequent word within one edit of it
(two for words of eight letters or more; a swap of two letters is one edit),
written as the articles write it:
``Pyongyan`` -> ``Pyongyang``, ``Melanchon`` -> ``Mélenchon``, in the case
the word was typed in.

Only words that are searched as words are looked at: operators, field
prefixes and their values, exclusions, prefixes (``écon*``) and explicit
typos (``Poutime~``) are left alone, and every character of the query but
the corrected words is kept as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simplemma import is_known
from whoosh.reading import IndexReader
from whoosh.spelling import ListCorrector
from whoosh.support.levenshtein import damerau_levenshtein

from .aliases import AliasTable
from .layout import read_vocabulary
from .normalize import fold
from .query.fields import DEFAULT_FIELDS, field_spec
from .query.lexer import OPERATORS

#: Query words shorter than this are never corrected (sigles, "UE", "ONU").
MIN_LENGTH = 4
#: Unknown words this long (folded) may be two edits from their correction,
#: shorter ones one; a swap of two letters is one edit. Measured on the 1,891
#: PIAF questions: from 6 letters, a third of the words changed were correct
#: words the corpus lacks (« débris » -> « depuis », « cursus » -> « courses »).
TWO_EDITS_FROM = 8
#: More unknown words than this, or than half of the words of a longer query,
#: and the query is not a misspelling of the corpus's language (a pasted text
#: in another language, a list of codes): it is left as typed.
MAX_FIXES = 3
#: Candidates read from the corrector per edit distance, before the most frequent wins.
CANDIDATES = 1000
#: Corrections remembered per vocabulary (one index generation).
KEPT_CORRECTIONS = 10_000
_QUOTES = '"«»“”„‟'
_PIECE = re.compile(rf"\s+|[()]|[{_QUOTES}][^{_QUOTES}]*[{_QUOTES}]?|[^\s(){_QUOTES}]+")
#: A run of letters not glued to digits (``G7``, ``covid19`` are codes, not words).
_WORD = re.compile(r"(?<![\d_])[^\W\d_]+(?![\d_])")
_MODIFIED = re.compile(r"(\*|~\d*)$")
_NEGATIONS = frozenset(name for name, kind in OPERATORS.items() if kind == "NOT") | {"-"}


@dataclass
class Vocabulary:
    """Folded word -> (most frequent spelling, total count), and a corrector over it."""

    forms: dict[str, tuple[str, int]]
    corrector: ListCorrector
    #: Folded word -> its correction: the same typos come back search after search.
    _corrections: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, generation: Path) -> Vocabulary:
        """Read ``vocabulary.json`` of a generation (empty when missing)."""
        raw = read_vocabulary(generation)
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
        """The corpus's most frequent word fewest edits from *word*, as written there."""
        key = fold(word)
        if key not in self._corrections:
            if len(self._corrections) >= KEPT_CORRECTIONS:
                self._corrections.pop(next(iter(self._corrections)))
            self._corrections[key] = self._correct(key)
        return self._corrections[key]

    def _correct(self, key: str) -> str | None:
        if not self.forms:
            return None  # Whoosh's ListCorrector fails on an empty list
        most = 2 if len(key) >= TWO_EDITS_FROM else 1
        # Whoosh's automaton counts a swap of two letters as two edits: ask it
        # for two, then count a swap as one (Damerau-Levenshtein). prefix=1:
        # the first letter is rarely the wrong one, and it makes the walk
        # through the word list ten times faster.
        found = self.corrector.suggest(key, limit=CANDIDATES, maxdist=2, prefix=1)
        ranked = sorted((damerau_levenshtein(key, c, most), -self.forms[c][1], c) for c in found)
        if not ranked or ranked[0][0] > most:
            return None
        return self.forms[ranked[0][2]][0]


class Speller:
    """Corrections of a query against one index: its terms, its words, its names."""

    def __init__(
        self,
        reader: IndexReader,
        vocabulary: Callable[[], Vocabulary],
        aliases: AliasTable | None = None,
        frequency: Callable[[str, str], int] | None = None,
    ) -> None:
        self.reader = reader
        self.frequency = frequency or reader.doc_frequency
        self.analyzer = reader.schema[DEFAULT_FIELDS[1]].analyzer
        # Called only when a word is unknown: most searches never read the file.
        self.vocabulary = vocabulary
        self.aliases = aliases

    def knows(self, word: str) -> bool:
        """True when the index holds every term of *word*, or it is a known name or French."""
        frequency = self.frequency
        if all(
            any(frequency(name, token.text) for name in DEFAULT_FIELDS)
            for token in self.analyzer(word, mode="query")
        ):
            return True
        if self.aliases is not None and self.aliases.canonical(word) is not None:
            return True
        # The small table (0.7 s to load on first use, 1 MB, 0.2 ms a word) is
        # enough: only the words the index does not know are looked up.
        return is_known(word, lang="fr", low_memory=True)

    def suggest(self, query: str) -> str | None:
        """*query* with its unknown words corrected, or None when nothing changes."""
        words = list(searched_words(query))
        unknown = [w for w in words if len(w.group()) >= MIN_LENGTH and not self.knows(w.group())]
        if not unknown or _too_many(unknown, words):
            return None
        vocabulary = self.vocabulary()
        fixed, end = [], 0
        for match in unknown:
            better = vocabulary.correct(match.group())
            if better is not None:
                fixed += [query[end : match.start()], _same_case(better, match.group())]
                end = match.end()
        return "".join([*fixed, query[end:]]) if fixed else None


def searched_words(query: str) -> Iterator[re.Match[str]]:
    """The words of *query* searched as words: not operators, fields, exclusions, ``*``, ``~``."""
    skip_next, skipped_depth = False, 0
    for piece in _PIECE.finditer(query):
        text = piece.group()
        if text.isspace():
            continue
        if skipped_depth:  # inside an excluded or fielded group
            skipped_depth += {"(": 1, ")": -1}.get(text, 0)
            continue
        if skip_next:
            skip_next, skipped_depth = False, int(text == "(")
            continue
        if text in _NEGATIONS or _is_field(text):
            skip_next = text in _NEGATIONS or text.endswith(":")
            continue
        if text in OPERATORS or text.startswith("-") or _MODIFIED.search(text):
            continue
        yield from _WORD.finditer(query, piece.start(), piece.end())


def _too_many(unknown: list[re.Match[str]], words: list[re.Match[str]]) -> bool:
    """Too many different unknown words to take the query for a misspelling."""
    wrong = {fold(w.group()) for w in unknown}
    distinct = {fold(w.group()) for w in words}
    return len(wrong) > MAX_FIXES or (len(distinct) > 2 and 2 * len(wrong) > len(distinct))


def _is_field(piece: str) -> bool:
    """A field prefix (``titre:``) or a fielded value (``acteur:Poutine``)."""
    name, colon, _ = piece.lstrip("+").partition(":")
    return bool(colon) and field_spec(name) is not None


def _same_case(word: str, like: str) -> str:
    """*word* (the corpus's spelling) with the capitals *like* (as typed) has."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    return (str.upper if like[0].isupper() else str.lower)(word[0]) + word[1:]

"""Which words of a text to mark for a query: its terms, and its phrases only whole.

A query's highlight terms are analyzed terms (``etat``); a term holding a
space is a phrase (``etat unis`` from ``États-Unis``, ``cor nord`` from
« Corée du Nord »): its words are marked only where they follow each other
as the analyzer sees them, stop words and punctuation aside, never alone (a
query for the United States does not light up every « État »).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .analysis import terms as analyze

#: Longest gap, in characters, between two words of a phrase (stop words, punctuation).
MAX_GAP = 24


@dataclass(frozen=True)
class Token:
    """One analyzed word of a text: its term and where it sits."""

    term: str
    start: int
    end: int


def split_terms(terms: Iterable[str]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """(single terms, phrases as term tuples)."""
    singles, phrases = set(), set()
    for term in terms:
        if " " in term:
            phrases.add(tuple(term.split()))
        elif term:
            singles.add(term)
    return frozenset(singles), tuple(sorted(phrases))


def words_of(terms: Iterable[str]) -> frozenset[str]:
    """Every term a text word must produce to be worth a look (phrase words too)."""
    singles, phrases = split_terms(terms)
    return singles | {word for phrase in phrases for word in phrase}


def marked_spans(text: str, tokens: Sequence[Token], terms: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of *text* to mark: single terms, and each phrase from its first word to its last.

    *tokens* are the text's candidate words in order; two of them follow each
    other when nothing but stop words and punctuation lies between.
    """
    singles, phrases = split_terms(terms)
    spans = []
    for i, token in enumerate(tokens):
        if token.term in singles:
            spans.append((token.start, token.end))
        for phrase in phrases:
            end = _phrase_end(text, tokens, i, phrase)
            if end is not None:
                spans.append((token.start, end))
    return _merged(spans)


def _phrase_end(
    text: str, tokens: Sequence[Token], first: int, phrase: tuple[str, ...]
) -> int | None:
    """Where *phrase* ends when it starts at token *first*, or None."""
    if first + len(phrase) > len(tokens):
        return None
    run = tokens[first : first + len(phrase)]
    if any(token.term != word for token, word in zip(run, phrase, strict=True)):
        return None
    for before, after in pairwise(run):
        gap = text[before.end : after.start]
        if len(gap) > MAX_GAP or analyze(gap):
            return None
    return run[-1].end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out

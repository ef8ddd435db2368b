"""Snippets: the passages of an article that match the query, HTML-safe, words in <mark>.

Running the whole analyzer over every hit's body cost ~5 ms a hit, more than
the search itself. Instead, a stem is almost always a prefix of the folded
word it comes from (``journ`` of ``journée``): one regular expression over a
same-length folded copy of the text finds candidate words, and only those go
through the analyzer to confirm they produce a query term (phrases are
marked whole, see :mod:`search.marking`).

Passages are whole: they start at a sentence (or at least a word) and end at
one, never overlap, never repeat, and an ellipsis stands only where the text
goes on.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from html import escape

from .analysis import FOLD_TABLE, term_of_folded
from .analysis import terms as analyze
from .lemmas import read_table
from .marking import Token, marked_spans, words_of
from .normalize import SPACES

#: Characters of context on each side of a matched word.
CONTEXT = 90
FRAGMENT_CHARS = 220
#: How far a passage may reach to start or end on a sentence rather than a word.
SENTENCE_REACH = 60
#: How far a passage may reach to cut on a space rather than inside a word.
WORD_REACH = 20
ELLIPSIS = "…"
#: Folding that keeps every character in place: offsets stay valid.
_SAME_LENGTH_FOLD = {
    **{code: text for code, text in FOLD_TABLE.items() if len(text) == 1},
    ord("œ"): "o",
    ord("æ"): "a",
    **SPACES,
}
_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")

Window = tuple[int, int, list[tuple[int, int]]]

#: Folded letter -> a character class of it and of every letter folding to it.
_VARIANTS = {
    folded: "[" + re.escape(folded) + "".join(sorted(map(re.escape, sources))) + "]"
    for folded, sources in (
        (f, {chr(code) for code, to in _SAME_LENGTH_FOLD.items() if to == f})
        for f in set(_SAME_LENGTH_FOLD.values())
    )
}


def snippets(text: str, terms: Iterable[str], top: int = 3) -> list[str]:
    """Up to *top* escaped passages of *text*, in reading order, query words marked."""
    matches = matched_words(text, frozenset(terms))
    if not matches:
        return []
    windows = _windows(text, matches)
    best = sorted(windows, key=lambda w: (-len(w[2]), w[0]))[:top]
    out: list[str] = []
    for start, end, words in sorted(best):
        rendered = _render(text, start, end, words)
        if rendered not in out:
            out.append(rendered)
    return out


def matched_words(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of *text* to mark: words whose analysis yields a term, phrases whole."""
    words, pattern = _candidates(terms)
    if pattern is None:
        return []
    tokens: list[Token] = []
    for match in pattern.finditer(text.lower()):
        start, end = match.start(), match.end()
        if start and _WORD_CHAR.match(text, start - 1):
            continue
        found = _word_terms(text[start:end])
        tokens.extend(Token(term, start, end) for term in found if term in words)
    return marked_spans(text, tokens, terms)


@functools.lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The words of *terms* and a regex of the words that may yield them (built once a page)."""
    words = words_of(terms)
    prefixes = sorted((t for t in words if t and not t.isdigit()), key=len, reverse=True)
    if not prefixes:
        return words, None
    irregular = sorted(
        {form for t in words for form in _irregular().get(t, ())}, key=len, reverse=True
    )
    # Each folded letter of a stem matches the letters that fold to it: the
    # text is searched as it is (folding a copy cost ~2 ms a body). Forms that
    # their term does not begin (abattait: abattr) are searched whole.
    alternatives = [rf"(?:{_unfolded(p)})\w*" for p in prefixes]
    alternatives += [rf"{_unfolded(form)}\b" for form in irregular]
    # No leading \b: it keeps the regex engine from skipping ahead to the
    # first letters that can start a match (4x slower); a match inside a word
    # is dropped below, and its \w* run ends before any match at a word start.
    return words, re.compile("|".join(alternatives))


@functools.lru_cache(maxsize=1 << 16)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms of one candidate word: a page's hits share most of their words."""
    return tuple(analyze(word))


@functools.cache
def _irregular() -> dict[str, tuple[str, ...]]:
    """Term -> the folded forms of the lemma table that do not begin with it."""
    forms: dict[str, list[str]] = defaultdict(list)
    for form in read_table():
        term = term_of_folded(form)
        if not form.startswith(term):
            forms[term].append(form)
    return {term: tuple(found) for term, found in forms.items()}


def _unfolded(stem: str) -> str:
    """A pattern matching *stem* and every spelling that folds to it (``econ``: ``écon``)."""
    return "".join(_VARIANTS.get(char, re.escape(char)) for char in stem)


def _windows(text: str, matches: list[tuple[int, int]]) -> list[Window]:
    """Passages around the matches, cut on sentences or words, never overlapping."""
    windows: list[Window] = []
    for begin, end in matches:
        if windows and begin < windows[-1][1] and end - windows[-1][0] <= FRAGMENT_CHARS:
            start, _, words = windows.pop()
            windows.append((start, _cut_end(text, end + CONTEXT // 2), [*words, (begin, end)]))
            continue
        start = _cut_start(text, max(0, begin - CONTEXT), begin)
        if windows and start < windows[-1][1]:
            start = windows[-1][1]  # starts where the previous passage stopped
            if begin < start:  # the word itself was shown: no second passage for it
                continue
        windows.append((start, _cut_end(text, end + CONTEXT), [(begin, end)]))
    return windows


def _cut_start(text: str, index: int, word: int) -> int:
    """A start at or after *index*: a sentence's start when near, else a word's."""
    if index <= 0:
        return 0
    lead = text[max(0, index - SENTENCE_REACH) : word]
    sentence = None
    for found in _SENTENCE_END.finditer(lead):
        sentence = max(0, index - SENTENCE_REACH) + found.end()
    if sentence is not None and sentence <= word:
        return sentence
    space = text.find(" ", index, word)
    return space + 1 if space != -1 and space - index < WORD_REACH else index


def _cut_end(text: str, index: int) -> int:
    """An end at or before *index* (or a little after): a sentence's end when near."""
    if index >= len(text):
        return len(text)
    found = _SENTENCE_END.search(text, index, min(len(text), index + SENTENCE_REACH))
    if found:
        return found.start() + 1
    space = text.rfind(" ", 0, index)
    return space if space != -1 and index - space < WORD_REACH else index


def _render(text: str, start: int, end: int, words: list[tuple[int, int]]) -> str:
    """The passage escaped, its matched words in ``<mark>``, ellipses where cut."""
    out = [f"{ELLIPSIS} " if start > 0 else ""]
    cursor = start
    for begin, stop in words:
        out.append(escape(text[cursor:begin], quote=False))
        out.append(f"<mark>{escape(text[begin:stop], quote=False)}</mark>")
        cursor = stop
    out.append(escape(text[cursor:end], quote=False))
    out.append(f" {ELLIPSIS}" if end < len(text.rstrip()) else "")
    return " ".join("".join(out).split())


def lead(text: str, chars: int = FRAGMENT_CHARS) -> str:
    """The article's opening, escaped: the snippet of a hit without query words."""
    head = text[: _cut_end(text, chars)]
    if len(head) < len(text.rstrip()):
        head = head.rstrip() + f" {ELLIPSIS}"
    return escape(" ".join(head.split()), quote=False)

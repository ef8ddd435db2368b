"""Snippets: the passages of an article that match the query, HTML-safe, words in <mark>.

Running the whole analyzer over every hit's body cost ~5 ms a hit, more than
the search itself. Instead, a stem is almost always a prefix of the folded
word it comes from (``journ`` of ``journée``): one regular expression over a
same-length folded copy of the text finds candidate words, and only those go
through the analyzer to confirm they produce a query term (phrases are
marked whole, see :mod:`search.marking`). The copy is one byte a character
(Latin-1, folded by a byte table), so the expression is plain ASCII: 2x
faster than letter classes over the text itself, and offsets stay valid.

Passages are whole: they start at a sentence (or at least a word) and end at
one, never overlap, never repeat, and an ellipsis stands only where the text
goes on.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from html import escape

from .analysis import FOLD_TABLE, term_of_folded
from .analysis import terms as analyze
from .lemmas import read_table
from .marking import Token, marked_spans, words_of
from .normalize import SPACES, latin

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
#: Stands for a letter that folds to no ASCII letter: ``\w`` in a bytes pattern.
_OTHER_LETTER = "_"
_FOLD_ERRORS = "loupe-snippet-fold"
_WORD_RUN = re.compile(rb"\w*")
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")

Window = tuple[int, int, list[tuple[int, int]]]


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
    words, stems, forms = _candidates(terms)
    if not stems:
        return []
    phrased = any(" " in term for term in terms)
    tokens: list[Token] = []
    spans: list[tuple[int, int]] = []
    for start, end in _candidate_words(_folded_bytes(text), stems, forms):
        if start and _WORD_CHAR.match(text, start - 1):
            continue  # found inside a word
        found = [term for term in _word_terms(text[start:end]) if term in words]
        if phrased:
            tokens.extend(Token(term, start, end) for term in found)
        elif found:
            spans.append((start, end))  # words alone: each candidate is a span of its own
    return marked_spans(text, tokens, terms) if phrased else spans


@functools.lru_cache(maxsize=256)
def _candidates(
    terms: frozenset[str],
) -> tuple[frozenset[str], tuple[bytes, ...], tuple[bytes, ...]]:
    """The words of *terms*, the stems that begin their words, whole forms that do not."""
    words = words_of(terms)
    stems = tuple(
        {_fold_to_bytes(s) for t in words if t and not t.isdigit() for s in _spellings(t)}
    )
    if not stems:
        return words, (), ()
    # Forms that their term does not begin (abattait: abattr) are searched whole.
    forms = {_fold_to_bytes(form) for t in words for form in _irregular().get(t, ())}
    return words, stems, tuple(sorted(forms))


def _spellings(term: str) -> set[str]:
    """*term* and its spelling with ``œ``/``æ`` folded to one letter (``coeur``: ``cour``)."""
    return {term, term.replace("oe", "o").replace("ae", "a")}


def _candidate_words(
    data: bytes, stems: tuple[bytes, ...], forms: tuple[bytes, ...]
) -> list[tuple[int, int]]:
    """(start, end) of each run of word bytes from a stem, or made of one whole form.

    ``bytes.find`` per stem rather than one alternation: a regular expression
    tries every position of the text, ``find`` skips ahead in C (4x faster).
    """
    starts = {at for stem in stems for at in _occurrences(data, stem)}
    starts.update(
        at
        for form in forms
        for at in _occurrences(data, form)
        if _word_end(data, at + len(form)) == at + len(form)
    )
    spans: list[tuple[int, int]] = []
    end = 0
    for start in sorted(starts):
        if start >= end:  # not inside the run just taken
            end = _word_end(data, start)
            spans.append((start, end))
    return spans


def _word_end(data: bytes, at: int) -> int:
    """Where the run of word bytes from *at* ends (*at* itself when none starts there)."""
    run = _WORD_RUN.match(data, at)
    return run.end() if run else at


def _occurrences(data: bytes, literal: bytes) -> Iterator[int]:
    """Every offset of *literal* in *data*."""
    at = data.find(literal)
    while at != -1:
        yield at
        at = data.find(literal, at + 1)


def _folded_bytes(text: str) -> bytes:
    """*text* lowercased and folded, one byte a character: ``Élysée`` -> ``elysee``."""
    lowered = text.lower().replace("\u2019", "'").replace("œ", "o")  # the usual ones, in C
    return lowered.encode("latin-1", _FOLD_ERRORS).translate(_BYTE_FOLD)


def _fold_to_bytes(word: str) -> bytes:
    """A term or form folded as :func:`_folded_bytes` folds the text."""
    return word.encode("latin-1", _FOLD_ERRORS).translate(_BYTE_FOLD)


def _fold_char(char: str) -> str:
    """One character as one Latin-1 character: folded, a stand-in letter, or a space."""
    folded = _SAME_LENGTH_FOLD.get(ord(char)) or latin(char).lower()
    if len(folded) == 1 and folded.isascii() and (folded.isalnum() or not char.isalnum()):
        return folded
    return _OTHER_LETTER if char.isalnum() else " "


def _encode_error(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: characters past Latin-1 (``…``, ``ł``) folded in place."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(map(_fold_char, error.object[error.start : error.end])), error.end


codecs.register_error(_FOLD_ERRORS, _encode_error)
#: Latin-1 byte -> its folded ASCII byte (``é`` -> ``e``), letters without one -> ``_``.
_BYTE_FOLD = bytes(code if code < 128 else ord(_fold_char(chr(code))) for code in range(256))


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

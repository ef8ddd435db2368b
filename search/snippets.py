"""Snippets: the passages of an article that match the query, HTML-safe, words in <mark>.

Running the whole analyzer over every hit's body cost ~5 ms a hit, more than
the search itself. Instead, a stem is almost always a prefix of the folded
word it comes from (``journ`` of ``journée``): one regular expression over a
same-length folded copy of the text finds candidate words, and only those go
through the analyzer to confirm they produce a query term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from .analysis import FOLD_TABLE
from .analysis import terms as analyze
from .normalize import SPACES

#: Characters of context on each side of a matched word.
CONTEXT = 90
FRAGMENT_CHARS = 220
#: Folding that keeps every character in place: offsets stay valid.
_SAME_LENGTH_FOLD = {
    **{code: text for code, text in FOLD_TABLE.items() if len(text) == 1},
    ord("œ"): "o", ord("æ"): "a", **SPACES,
}

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
    return [_render(text, start, end, words) for start, end, words in sorted(best)]


def matched_words(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the words of *text* whose analysis yields one of *terms*."""
    prefixes = sorted((t for t in terms if t and not t.isdigit()), key=len, reverse=True)
    if not prefixes:
        return []
    # Each folded letter of a stem matches the letters that fold to it: the
    # text is searched as it is (folding a copy cost ~2 ms a body).
    pattern = re.compile(r"\b(?:" + "|".join(map(_unfolded, prefixes)) + r")\w*")
    spans = []
    for match in pattern.finditer(text.lower()):
        word = text[match.start():match.end()]
        if terms.intersection(analyze(word)):
            spans.append((match.start(), match.end()))
    return spans


def _unfolded(stem: str) -> str:
    """A pattern matching *stem* and every spelling that folds to it (``econ``: ``écon``)."""
    return "".join(_VARIANTS.get(char, re.escape(char)) for char in stem)


def _windows(text: str, matches: list[tuple[int, int]]
             ) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Passages around the matches: (start, end, matched spans inside)."""
    windows: list[tuple[int, int, list[tuple[int, int]]]] = []
    for begin, end in matches:
        if windows and begin < windows[-1][1] and end - windows[-1][0] <= FRAGMENT_CHARS:
            start, _, words = windows.pop()
            windows.append((start, max(end + CONTEXT // 2, end), [*words, (begin, end)]))
            continue
        windows.append((max(0, begin - CONTEXT), end + CONTEXT, [(begin, end)]))
    return [(_word_start(text, s), _word_end(text, e), w) for s, e, w in windows]


def _word_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if space != -1 and space - index < 20 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", 0, index)
    return space if space != -1 and index - space < 20 else index


def _render(text: str, start: int, end: int, words: list[tuple[int, int]]) -> str:
    """The passage escaped, its matched words in ``<mark>``, ellipses where cut."""
    out = ["… " if start > 0 else ""]
    cursor = start
    for begin, stop in words:
        out.append(escape(text[cursor:begin], quote=False))
        out.append(f"<mark>{escape(text[begin:stop], quote=False)}</mark>")
        cursor = stop
    out.append(escape(text[cursor:end], quote=False))
    out.append(" …" if end < len(text) else "")
    return " ".join("".join(out).split())


def lead(text: str, chars: int = FRAGMENT_CHARS) -> str:
    """The article's opening, escaped: the snippet of a hit without query words."""
    head = text[:chars]
    if len(text) > chars:
        head = head.rsplit(" ", 1)[0] + " …"
    return escape(" ".join(head.split()), quote=False)

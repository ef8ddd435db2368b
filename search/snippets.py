"""Snippets: the passages of an article that match the query, HTML-safe, words in <mark>."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import highlight
from whoosh.analysis import CompositeAnalyzer

from .analysis import french_analyzer

#: Only the first part of a long article is searched for passages: past that,
#: analysis costs more than a reader gains.
MAX_CHARS = 20_000
FRAGMENT_CHARS = 220


class MarkFormatter(highlight.HtmlFormatter):
    """Escapes the article text and wraps matched words in a bare ``<mark>``."""

    template = "<mark>%(t)s</mark>"

    def __init__(self) -> None:
        super().__init__(between=" … ")


def snippets(
    text: str,
    terms: Iterable[str],
    top: int = 3,
    analyzer: CompositeAnalyzer | None = None,
) -> list[str]:
    """Up to *top* escaped passages of *text* with the analyzed *terms* marked."""
    termset = frozenset(terms)
    if not termset or not text:
        return []
    fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=60)
    formatter = MarkFormatter()
    tokens = (analyzer or _analyzer())(
        text[:MAX_CHARS], chars=True, mode="query", removestops=False
    )
    matched = highlight.set_matched_filter(tokens, termset)
    fragments = fragmenter.fragment_tokens(text, matched)
    best = highlight.top_fragments(
        fragments, top, highlight.BasicFragmentScorer(), highlight.SCORE, 1
    )
    return [formatter.format_fragment(f, replace=False).strip() for f in best]


def mark(text: str, terms: Iterable[str], analyzer: CompositeAnalyzer | None = None) -> str:
    """The whole *text*, escaped, with every word matching *terms* in ``<mark>``."""
    termset = frozenset(terms)
    formatter = MarkFormatter()
    tokens = highlight.set_matched_filter(
        (analyzer or _analyzer())(text, chars=True, mode="query", removestops=False),
        termset,
    )
    fragment = highlight.Fragment(text, [t.copy() for t in tokens if t.matched],
                                  0, len(text))
    return formatter.format_fragment(fragment, replace=False)


_ANALYZER: list[CompositeAnalyzer] = []


def _analyzer() -> CompositeAnalyzer:
    if not _ANALYZER:
        _ANALYZER.append(french_analyzer())
    return _ANALYZER[0]


def lead(text: str, chars: int = FRAGMENT_CHARS) -> str:
    """The article's opening, escaped: the snippet of a hit without query words."""
    from html import escape

    head = text[:chars]
    if len(text) > chars:
        head = head.rsplit(" ", 1)[0] + " …"
    return escape(head, quote=False)

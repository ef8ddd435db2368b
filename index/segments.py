"""Split a scraped text that holds several articles at the closing chrome between them.

Scrapers that follow a site's "next article" links paste whole articles one
after the other, each ending with the site's closing block (``Voir
l’article``, ``Aller à l’accueil``, ``Laisser un commentaire``). Teasers also
follow that block (a headline, at most a truncated lede): they stay in the
article before, whose cleaning cuts them. Only a headline followed by several
paragraphs of prose starts a new article.
"""

from __future__ import annotations

from index.boilerplate import MIN_CHARS_BEFORE_END, PhraseList, default_phrases
from index.titles import (
    is_chrome_line,
    is_navigation_line,
    is_url_line,
    looks_like_title,
)

#: A new article has this many paragraphs of prose in a row under its headline
#: (a list of teasers alternates headlines and ledes)...
MIN_PARAGRAPHS = 3
#: ... each at least this long (a teaser's lede is one such paragraph) ...
MIN_PARAGRAPH_CHARS = 60
#: ... and this much text in all.
MIN_ARTICLE_CHARS = 300
#: Closing links are short: longer lines are not compared with the phrase list once
#: the article has begun (folding every paragraph twice cost more than the rest).
MAX_END_LINE_CHARS = 160


def split_articles(lines: list[str], phrases: PhraseList | None = None) -> list[list[str]]:
    """The non-blank *lines* of a text, cut into one list of lines per article.

    An article ends at an ``[end]`` phrase met after some text; the closing
    chrome after it stays with it (the cleaner drops it). A new article starts
    at the first line after that chrome when a headline and prose follow.
    """
    phrases = phrases or default_phrases()
    parts: list[list[str]] = []
    start = size = 0
    number = 0
    while number < len(lines):
        line = lines[number]
        if size >= MIN_CHARS_BEFORE_END and len(line) > MAX_END_LINE_CHARS:
            number += 1
            continue
        kind = phrases.classify(line)
        if kind == "end" and size >= MIN_CHARS_BEFORE_END:
            following = _after_closing_chrome(lines, number + 1, phrases)
            if not _starts_an_article(lines, following, phrases):
                break  # teasers or nothing: the rest belongs to this article's tail
            parts.append(lines[start:following])
            start, size, number = following, 0, following
            continue
        if kind is None:
            size += len(line)
        number += 1
    parts.append(lines[start:])
    return parts


def _after_closing_chrome(lines: list[str], number: int, phrases: PhraseList) -> int:
    """The first line from *number* on that is not chrome."""
    while number < len(lines) and _is_closing_chrome(lines[number], phrases):
        number += 1
    return number


def _is_closing_chrome(line: str, phrases: PhraseList) -> bool:
    return bool(
        phrases.classify(line)
        or is_url_line(line)
        or is_chrome_line(line)
        or is_navigation_line(line)
    )


def _starts_an_article(lines: list[str], number: int, phrases: PhraseList) -> bool:
    """A headline at *number*, then enough prose before the next end marker."""
    if number >= len(lines) or not _is_headline(lines[number]):
        return False
    run = longest = chars = 0
    for line in lines[number + 1 :]:
        kind = phrases.classify(line)
        if kind == "end":
            break
        if kind is not None:
            continue  # a reading-time badge or a credit does not break the run
        if _is_prose(line):
            run += 1
            chars += len(line)
            longest = max(longest, run)
        else:
            run = 0
    return longest >= MIN_PARAGRAPHS and chars >= MIN_ARTICLE_CHARS


def _is_headline(line: str) -> bool:
    return looks_like_title(line) and not line.endswith(("…", "...", ":"))


def _is_prose(line: str) -> bool:
    """A paragraph of text, not a truncated lede (``…``) nor a short label."""
    return len(line) >= MIN_PARAGRAPH_CHARS and not line.endswith(("…", "..."))

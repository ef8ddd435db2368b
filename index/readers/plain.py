"""``.txt`` files: pages scraped as text, site chrome above the title, maybe several articles."""

from __future__ import annotations

import re
from typing import Any

from index.article import Article, BadInput, Removal
from index.boilerplate import PhraseList, default_phrases
from index.discover import SourceFile
from index.readers.byline import read_byline
from index.readers.common import build_article, text_lines
from index.segments import split_articles
from index.titles import (
    MAX_TITLE_CHARS,
    is_chrome_line,
    is_url_line,
    strip_viewing_prefix,
)

#: The title is looked for in this many first non-blank lines.
HEADER_LINES = 12
#: Bylines and datelines are looked for this many lines under the title.
BYLINE_WINDOW = 3
#: Menu entries are capitalised nouns: a line with this many and no sentence is a menu.
MIN_MENU_WORDS = 3

# A weather widget: "Rennes 14°C", "14° / 21° Nuageux".
_WEATHER = re.compile(r"^(?:[\w'’-]+\s+){0,3}-?\d{1,2}\s?°\s?C?\b.{0,30}$", re.IGNORECASE)
_SENTENCE_SIGNS = re.compile(r"[.,;:!?«»\"“”()]")
_FUNCTION_WORDS = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "de",
        "du",
        "d",
        "au",
        "aux",
        "à",
        "a",
        "en",
        "et",
        "ou",
        "sur",
        "sous",
        "pour",
        "par",
        "avec",
        "dans",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cette",
        "ces",
        "qui",
        "que",
        "est",
        "sont",
    }
)


def parse(text: str, source: SourceFile) -> list[Article | BadInput]:
    """The articles of a scraped page: one, or several pasted one after the other."""
    phrases = default_phrases()
    parts = split_articles(text_lines(text), phrases)
    articles: list[Article | BadInput] = []
    for number, lines in enumerate(parts, start=1):
        article = _read_article(lines, source, phrases)
        article.part = number
        articles.append(article)
    return articles


def _read_article(lines: list[str], source: SourceFile, phrases: PhraseList) -> Article:
    """One article: the first meaningful line is its title, the rest its body."""
    meta: dict[str, Any] = {}
    removed: list[Removal] = []
    start = _read_header(lines, meta, removed, phrases)
    body = _read_byline(lines[start:], meta, removed)
    meta.pop("date_updated", None)
    article = build_article(meta, body, source.relative)
    article.removed = tuple(removed)
    return article


def _read_header(
    lines: list[str], meta: dict[str, Any], removed: list[Removal], phrases: PhraseList
) -> int:
    """Put the page's URL, date and title in *meta*; return where the body starts."""
    for i, line in enumerate(lines[:HEADER_LINES]):
        if is_url_line(line):
            meta.setdefault("url", line.strip("<> "))
            continue
        if viewed := strip_viewing_prefix(line):
            meta["title"] = viewed
            return i + 1
        if _read_byline_line(line, meta):
            removed.append(Removal(line, "byline"))
        elif phrases.classify(line) or is_chrome_line(line) or is_header_chrome(line):
            removed.append(Removal(line, "chrome"))
        elif len(line) <= MAX_TITLE_CHARS:
            meta["title"] = line
            return i + 1
        else:
            return i  # a paragraph comes first: no title line, one is made from it
    return min(len(lines), HEADER_LINES)


def is_header_chrome(line: str) -> bool:
    """A menu of section names or a weather widget, as found above a page's title."""
    return bool(_WEATHER.match(line)) or _is_menu(line)


def _is_menu(line: str) -> bool:
    """``Actualités Économie Sports Loisirs Annonces légales``: capitalised words, no sentence."""
    words = line.split()
    if len(words) < MIN_MENU_WORDS or _SENTENCE_SIGNS.search(line):
        return False
    if any(w.lower() in _FUNCTION_WORDS for w in words):
        return False  # "La Corée du Nord réagit": a headline in title case
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised * 3 >= len(words) * 2


def _read_byline(lines: list[str], meta: dict[str, Any], removed: list[Removal]) -> list[str]:
    """Take byline and date lines under the title into *meta*."""
    head = []
    for line in lines[:BYLINE_WINDOW]:
        if _read_byline_line(line, meta):
            removed.append(Removal(line, "byline"))
        else:
            head.append(line)
    return head + lines[BYLINE_WINDOW:]


def _read_byline_line(line: str, meta: dict[str, Any]) -> bool:
    """Put the author and date of a byline or date line in *meta*; False for text."""
    byline = read_byline(line)
    if byline is None:
        return False
    if byline.author:
        meta.setdefault("author", byline.author)
    if byline.date and ("date" not in meta or meta.pop("date_updated", False)):
        meta["date"] = byline.date
        if byline.updated:
            meta["date_updated"] = True
    return True

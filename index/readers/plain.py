"""``.txt`` files: pages scraped as text, site chrome above the title."""

from __future__ import annotations

import re
from typing import Any

from index.article import Article, BadInput
from index.boilerplate import default_phrases
from index.discover import SourceFile
from index.readers.common import build_article, text_lines
from index.titles import (
    MAX_TITLE_CHARS,
    clean_byline,
    is_byline,
    is_chrome_line,
    is_url_line,
    strip_viewing_prefix,
)

#: The title is looked for in this many first non-blank lines.
HEADER_LINES = 12
#: Bylines and datelines are looked for this many lines under the title.
BYLINE_WINDOW = 3
_DATELINE = re.compile(
    r"^(?:publi[ée]|mis à jour|mis a jour|modifi[ée])\s+le\s+(.+)$", re.IGNORECASE
)


def parse(text: str, source: SourceFile) -> list[Article | BadInput]:
    """One article: the first meaningful line is its title, the rest its body."""
    lines = text_lines(text)
    meta: dict[str, Any] = {}
    start = _read_header(lines, meta)
    body = _read_byline(lines[start:], meta)
    return [build_article(meta, body, source.relative)]


def _read_header(lines: list[str], meta: dict[str, Any]) -> int:
    """Put the page's URL and title in *meta*; return where the body starts."""
    phrases = default_phrases()
    for i, line in enumerate(lines[:HEADER_LINES]):
        if is_url_line(line):
            meta.setdefault("url", line.strip("<> "))
            continue
        if viewed := strip_viewing_prefix(line):
            meta["title"] = viewed
            return i + 1
        if _read_dateline(line, meta) or phrases.classify(line) or is_chrome_line(line):
            continue
        if len(line) <= MAX_TITLE_CHARS:
            meta["title"] = line
            return i + 1
        return i  # a paragraph comes first: no title line, one is made from it
    return min(len(lines), HEADER_LINES)


def _read_byline(lines: list[str], meta: dict[str, Any]) -> list[str]:
    """Take ``Par …`` and ``Publié le …`` lines under the title into *meta*."""
    head = []
    for line in lines[:BYLINE_WINDOW]:
        if "author" not in meta and is_byline(line):
            meta["author"] = clean_byline(line)
        elif not _read_dateline(line, meta):
            head.append(line)
    return head + lines[BYLINE_WINDOW:]


def _read_dateline(line: str, meta: dict[str, Any]) -> bool:
    match = _DATELINE.match(line)
    if match and len(line) <= 80:
        meta.setdefault("date", match[1])
        return True
    return False

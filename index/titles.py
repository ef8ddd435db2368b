"""Titles, bylines and the site chrome around them in scraped pages."""

from __future__ import annotations

import re

from search.normalize import fold

#: A title is one line; a longer first line is a paragraph, not a title.
MAX_TITLE_CHARS = 250
#: A title made from a paragraph's first sentence is cut near this length.
FALLBACK_TITLE_CHARS = 120

VIEWING_PREFIX = re.compile(r"^\s*you are currently viewing\s+", re.IGNORECASE)
BYLINE_PREFIX = re.compile(r"^\s*(?:par|by)\s*:?\s+", re.IGNORECASE)
URL_LINE = re.compile(r"^\s*<?https?://\S+?>?\s*$", re.IGNORECASE)
# "ActualitésInternational": menu entries pasted together without spaces.
_GLUED_WORDS = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")
_CRUMB_SEPARATORS = re.compile(r"\s(?:›|>|»|\||/)\s")
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!\s[A-Z]\.)\s+(?=[«\"“A-ZÀ-Ý0-9])")
_CLAUSE_BREAK = re.compile(r"\s*[,;:]\s|\s[–—-]\s")


def is_url_line(line: str) -> bool:
    """True for a line holding nothing but a web address."""
    return bool(URL_LINE.match(line))


def strip_viewing_prefix(line: str) -> str | None:
    """``You are currently viewing X`` (a WordPress theme's chrome) -> ``X``."""
    match = VIEWING_PREFIX.match(line)
    return line[match.end() :].strip() if match else None


def is_chrome_line(line: str) -> bool:
    """Breadcrumbs, glued menu entries and lone words found above a page's title."""
    text = line.strip()
    words = text.split()
    if len(words) < 2 or len(text) < 8:
        return True  # "in", "Politique", "Accueil"
    if len(words) <= 3 and _GLUED_WORDS.search(text):
        return True
    return _is_breadcrumb(text)


def is_navigation_line(line: str) -> bool:
    """A breadcrumb (``Accueil › Région``) or a glued menu (``ActualitésRégionLyon``).

    Narrower than :func:`is_chrome_line`: safe to apply to every body line.
    """
    text = line.strip()
    if " " not in text and len(_GLUED_WORDS.findall(text)) >= 2:
        return True
    return _is_breadcrumb(text)


def _is_breadcrumb(text: str) -> bool:
    if len(text) > 80 or ("«" in text and "»" in text):
        return False
    parts = _CRUMB_SEPARATORS.split(text)
    return len(parts) > 1 and all(len(p.split()) <= 4 for p in parts)


def looks_like_title(line: str) -> bool:
    """A line short enough to be a title and not site chrome."""
    return len(line) <= MAX_TITLE_CHARS and not is_chrome_line(line)


def title_from_paragraph(text: str, max_chars: int = FALLBACK_TITLE_CHARS) -> str:
    """A title for a page that has none: the first sentence, cut at a clause."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(sentence) <= max_chars:
        return sentence.rstrip(" .")
    head = sentence[:max_chars]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if m.start() >= 30]
    if breaks:
        return head[: breaks[-1]].rstrip()
    return head.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def clean_byline(author: str) -> str:
    """``Par Jean-Marie Lefèvre`` -> ``Jean-Marie Lefèvre``."""
    return " ".join(BYLINE_PREFIX.sub("", author).split()).strip(" ,;:")


def is_byline(line: str) -> bool:
    """A short ``Par Prénom Nom`` line under a title."""
    return bool(BYLINE_PREFIX.match(line)) and 2 <= len(line.split()) <= 7


def same_text(a: str, b: str) -> bool:
    """True when two lines differ only in case, accents, spaces or punctuation."""
    if abs(len(a) - len(b)) > 10 + min(len(a), len(b)) // 4:
        return False  # cheap, and folding whole paragraphs is not
    return _comparable_words(a) == _comparable_words(b)


def _comparable_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))

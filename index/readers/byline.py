"""Byline and date lines of scraped text: ``Martine Le Goff | Publié le 14/09/2022 à 18h05``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.titles import BYLINE_PREFIX, clean_byline

#: A byline is one short line; a longer one is a paragraph that starts with "Par".
MAX_BYLINE_CHARS = 160
#: A date line names the moment, then stops: a longer tail is a sentence.
MAX_DATE_CHARS = 60

_PARTS = re.compile(
    r"\s+[|•·–—]\s+|\s+-\s+|,\s+(?=(?:publi|mis à jour|mis a jour|modifi|actualis))",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<kind>publi[ée]e?|mis à jour|mis a jour|modifi[ée]e?|actualis[ée]e?)"
    r"(?:\s+le)?\s*:?\s+(?P<date>.+)$",
    re.IGNORECASE,
)
# "Par Martine Le Goff, le 14/09/2022" or "Par Martine Le Goff le 14 septembre 2022"
_BYLINE_DATE = re.compile(r"^(?P<author>.+?),?\s+le\s+(?P<date>\d.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w’'.-]*|de|du|des|d[’']\w+|le|la|van|von)$")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Byline:
    """What a byline or date line says: an author, a publication date, or both."""

    author: str | None = None
    date: str | None = None
    #: True when the date is a "Mis à jour" date: a "Publié le" one wins.
    updated: bool = False


def read_byline(line: str) -> Byline | None:
    """The author and date a byline or date line gives, None for any other line."""
    if len(line) > MAX_BYLINE_CHARS:
        return None
    parts = _PARTS.split(line.strip())
    found = [_read_part(part, alone=len(parts) == 1) for part in parts]
    if not all(found):
        return None  # one part is text: the line is not a byline
    readings = [b for b in found if b is not None]
    if not any(b.date for b in readings) and not any(BYLINE_PREFIX.match(part) for part in parts):
        return None  # names alone, without "Par" nor a date: a heading, not a byline
    dates = [b for b in readings if b.date]
    dates.sort(key=lambda b: b.updated)  # "Publié le" before "Mis à jour le"
    authors = [b.author for b in readings if b.author]
    return Byline(
        author=", ".join(authors) or None,
        date=dates[0].date if dates else None,
        updated=bool(dates) and dates[0].updated,
    )


def _read_part(part: str, alone: bool) -> Byline | None:
    """One ``|``-separated part: a date line, a ``Par …`` line or a name."""
    if match := _DATELINE.match(part):
        date = match["date"].strip(" ,.")
        if len(date) <= MAX_DATE_CHARS and _DIGIT.search(date):
            return Byline(date=date, updated=not match["kind"].lower().startswith("publi"))
        return None
    if BYLINE_PREFIX.match(part):
        author, date = clean_byline(part), None
        if (match := _BYLINE_DATE.match(author)) and _DIGIT.search(match["date"]):
            author, date = match["author"], match["date"]
        # "Par ailleurs, le ministre…" opens a sentence, not a byline.
        return Byline(author=author, date=date) if _is_signature(author) else None
    if not alone and _is_name(part):
        return Byline(author=part.strip())
    return None


def _is_signature(text: str) -> bool:
    """``Martine Le Goff``, ``AFP``, ``Jean Roux et Léa Petit``: names, not a sentence."""
    words = [w for w in text.replace(",", " ").split() if w not in ("et", "and", "&")]
    return 1 <= len(words) <= 7 and all(_NAME_WORD.match(w) for w in words)


def _is_name(text: str) -> bool:
    """``Martine Le Goff``: two to five words, each a capitalised name or a particle."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)

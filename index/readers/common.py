"""Helpers every reader shares: dates from metadata, lines, the Article they build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from index.article import Article
from index.dates import date_from_url, parse_date_value
from index.titles import clean_byline, same_text, title_from_paragraph

#: A time without an offset in a French news file is read as Paris time.
NAIVE_TIMEZONE = ZoneInfo("Europe/Paris")
#: Metadata fields that map onto Article attributes rather than ``extra``.
KNOWN_FIELDS = ("id", "title", "date", "source", "url", "author", "body")


def parse_date(value: object) -> tuple[dt.date | dt.datetime | None, str | None]:
    """An ISO 8601 date or datetime, else ``(None, raw string)`` for later parsing.

    YAML front matter hands over ``date`` objects already; they are kept.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return _aware(value), None
    if isinstance(value, dt.date):
        return value, None
    raw = str(value).strip()
    try:
        return dt.date.fromisoformat(raw), None
    except ValueError:
        pass
    try:
        return _aware(dt.datetime.fromisoformat(raw)), None
    except ValueError:
        return None, raw


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=NAIVE_TIMEZONE)


def text_lines(text: str) -> list[str]:
    """The non-blank lines of *text*, stripped, spaces collapsed."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def drop_repeated_title(lines: list[str], title: str, window: int = 3) -> list[str]:
    """Remove the title when a page repeats it in the first few lines of its body."""
    head = [line for line in lines[:window] if not same_text(line, title)]
    return head + lines[window:]


def as_text(value: object) -> str | None:
    """A metadata value as one string: lists joined, blanks dropped."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        text = ", ".join(str(v).strip() for v in value if str(v).strip())
    else:
        text = str(value).strip()
    return text or None


def build_article(
    meta: dict[str, Any], lines: Iterable[str], file: str, line: int | None = None
) -> Article:
    """The Article for metadata (``KNOWN_FIELDS`` and extras) and body lines."""
    body_lines = list(lines)
    title = as_text(meta.get("title")) or ""
    if not title and body_lines:
        title = title_from_paragraph(body_lines[0])
    body_lines = drop_repeated_title(body_lines, title)
    published, date_raw = parse_date(meta.get("date"))
    extra = {
        str(k): text
        for k, v in meta.items()
        if k not in KNOWN_FIELDS and not isinstance(v, dict) and (text := as_text(v))
    }
    if date_raw:
        extra["date_raw"] = date_raw
    url = as_text(meta.get("url"))
    author = as_text(meta.get("author"))
    return Article(
        title=" ".join(title.split()),
        body="\n\n".join(body_lines),
        file=file,
        line=line,
        id=as_text(meta.get("id")),
        source=as_text(meta.get("source")),
        url=url,
        author=clean_byline(author) if author else None,
        published=publication_date(published, date_raw, url),
        extra=extra,
    )


def publication_date(
    published: dt.date | dt.datetime | None, raw: str | None, url: str | None
) -> dt.date | dt.datetime | None:
    """The date from metadata, else from its raw string (``3 mai 2024``), else from the URL."""
    if published is not None:
        return published
    parsed = parse_date_value(raw) if raw else None
    if parsed is None and url:
        parsed = date_from_url(url)
    return parsed

"""The article record that flows from file readers to extraction to the index writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read from a file, before entity and date extraction.

    ``file`` is the path relative to the indexed root; ``line`` is the 1-based
    line for JSON Lines records (``None`` otherwise); ``part`` is the article's
    rank in a text file that holds several.  ``published`` keeps the
    precision the source gave: a ``date`` or a timezone-aware ``datetime``.
    """

    title: str
    body: str
    file: str
    line: int | None = None
    id: str | None = None
    #: 1-based rank of the article in a file holding several (see index.segments).
    part: int = 1
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Lines the reader left out of the body (chrome above the title, bylines).
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class Removal:
    """A line left out of an article's text, and the rule that left it out."""

    line: str
    rule: str


@dataclass(frozen=True)
class BadInput:
    """A file (or a record in it) that could not be indexed, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"

"""The article record that flows from file readers to extraction to the index writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read from a file, before entity and date extraction.

    ``file`` is the path relative to the indexed root; ``line`` is the 1-based
    line for JSON Lines records (``None`` otherwise).  ``published`` keeps the
    precision the source gave: a ``date`` or a timezone-aware ``datetime``.
    """

    title: str
    body: str
    file: str
    line: int | None = None
    id: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BadInput:
    """A file (or a record in it) that could not be indexed, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"

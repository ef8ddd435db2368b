"""Dates mentioned in running French text: ``find_dates``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from .folding import fold_in_place
from .handlers import HANDLERS, Scan
from .model import MentionedDate
from .patterns import LOOKBACK, TRIGGER, compile_master
from .resolve import valid_year

_WORD_START = re.compile(r"(?<!\w)\w")


@lru_cache(maxsize=64)
def _master(excluded: frozenset[str]) -> re.Pattern[str]:
    return compile_master(excluded)


def find_dates(text: str, published: dt.date | None = None) -> list[MentionedDate]:
    """Dates mentioned in *text*, in order, without overlapping spans.

    Partial and relative expressions (``en juin``, ``le 19 juin``, ``lundi``,
    ``hier``, ``l'automne dernier``) are placed against *published* and
    dropped when it is None; the clock is never read.  A ``datetime`` is
    taken for its date; one outside 1000..2100 is ignored.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not valid_year(published.year):
        published = None  # date(1, 1, 1) from a broken feed would overflow
    scan = Scan(text, fold_in_place(text), published)
    return [found for dates in _scan(scan) for found in dates]


def _scan(scan: Scan) -> Iterator[list[MentionedDate]]:
    """Dates of each accepted match, left to right.

    Every rule contains a trigger word (a digit, a month, a weekday, ``hier``,
    ``semaine``...) at most ``LOOKBACK`` characters after its start, so the
    rules are only tried at the word starts just before each trigger: running
    the whole expression over every position is ten times slower.
    """
    pos = 0
    # Word starts up to here matched no rule: triggers close together (``19
    # juin 2024``) would otherwise try them again, for the same answer.
    tried = -1
    for trigger in TRIGGER.finditer(scan.folded):
        at = trigger.start()
        while pos <= at:
            found = _first_match(scan, max(pos, at - LOOKBACK, tried + 1), at + 1)
            if found is None:
                tried = at
                break
            dates, pos = found
            yield dates


def _first_match(scan: Scan, begin: int, end: int) -> tuple[list[MentionedDate], int] | None:
    """Dates and end of the first match starting at a word start in [begin, end)."""
    for word in _WORD_START.finditer(scan.folded, begin, end):
        found = _match_at(scan, word.start())
        if found is not None:
            return found
    return None


def _match_at(scan: Scan, pos: int) -> tuple[list[MentionedDate], int] | None:
    """The first rule that matches at *pos* and whose handler accepts the match."""
    excluded = frozenset[str]()
    while (match := _master(excluded).match(scan.folded, pos)) is not None:
        rule = match.lastgroup or ""
        dates = HANDLERS[rule](match, scan)
        if dates is not None:
            return dates, match.end()
        excluded |= {rule}
    return None

"""The record of one date mentioned in a text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

#: ``week`` only comes from relative expressions (``la semaine dernière``);
#: its ``start`` is the Monday of that week.
Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class MentionedDate:
    """A date found in running text: the first day of the period it names.

    ``text`` is ``source[begin:end]``, the words of the date itself: cue words
    such as ``en``, ``depuis`` or ``le`` are left out, the article of a
    relative expression (``la semaine dernière``) is kept.
    """

    start: dt.date
    precision: Precision
    text: str
    begin: int
    end: int

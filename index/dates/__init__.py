"""French date extraction: publication dates from metadata and URLs, dates in text.

Pure functions: a reference (publication) date is always passed in, the clock
is never read.
"""

from __future__ import annotations

from .model import MentionedDate, Precision
from .text import find_dates
from .urls import date_from_url
from .values import parse_date_value

__all__ = [
    "MentionedDate",
    "Precision",
    "date_from_url",
    "find_dates",
    "parse_date_value",
]

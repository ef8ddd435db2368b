"""Publication dates from metadata strings (front matter, JSON, HTML meta)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable

from search.normalize import fold

from .resolve import valid_year
from .vocab import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    alternation,
)

Value = dt.date | dt.datetime

_TIME = (
    r"(?:\s*(?:a|at|,|-|@)?\s*(?P<h>[0-2]?[0-9])\s*(?:h|:)\s*(?P<mi>[0-5][0-9])?"
    r"(?::(?P<s>[0-5][0-9]))?\s*(?P<ampm>am|pm)?\s*(?:utc|gmt)?\s*"
    r"(?P<off>[+-][0-9]{2}:?[0-9]{2})?)?"
)
_FRENCH = re.compile(
    rf"(?:\b(?:{alternation(WEEKDAYS)})\.?,?\s+)?(?<![0-9])(?P<d>1er|premier|[0-9]{{1,2}})\s+"
    rf"(?P<m>{alternation([*MONTHS, *MONTH_ABBREVIATIONS])})\b\.?,?\s+(?P<y>[0-9]{{4}})\b{_TIME}"
)
_ENGLISH = re.compile(
    rf"(?:\b(?:{ENGLISH_WEEKDAYS})\.?,?\s+)?\b(?P<m>{alternation(ENGLISH_MONTHS)})\b\.?\s+"
    rf"(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})\b{_TIME}"
)
_ENGLISH_DAY_FIRST = re.compile(
    rf"(?<![0-9])(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{alternation(ENGLISH_MONTHS)})"
    rf"\b\.?,?\s+(?P<y>[0-9]{{4}})\b{_TIME}"
)
_NUMERIC = re.compile(
    rf"(?<![0-9])(?P<d>[0-9]{{1,2}})(?P<sep>[/.-])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}})"
    rf"(?![0-9]){_TIME}"
)
_NUMERIC_YEAR_FIRST = re.compile(
    rf"(?<![0-9])(?P<y>[0-9]{{4}})(?P<sep>[/.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})"
    rf"(?![0-9]){_TIME}"
)
_ISO_DATE = re.compile(r"[0-9]{4}-?[0-9]{2}-?[0-9]{2}")
_RFC_2822 = re.compile(
    r"(?:[a-z]{3},\s*)?[0-9]{1,2}\s+[a-z]{3}\s+[0-9]{4}\s+[0-9]{2}:[0-9]{2}",
    re.IGNORECASE,
)
_SPACED_OFFSET = re.compile(r"\s+(Z|[+-][0-9]{2}:?[0-9]{2})$")


def parse_date_value(raw: str, default_tz: dt.tzinfo | None = None) -> Value | None:
    """The date or datetime a metadata string gives, or None if it gives none.

    Reads ISO 8601, French (``mercredi 19 juin 2024 à 08h30``, ``1er mars
    2023``, ``19/06/2024``), English month names, RFC 2822 and Unix
    timestamps.  A date without a time stays a ``date``; a datetime keeps the
    time zone it was written with, and a naive one gets *default_tz* (when
    given).  Years outside 1000..2100 are refused.
    """
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.split())
    for parser in _PARSERS:
        value = parser(text)
        if value is not None:
            return _finished(value, default_tz)
    return None


def _finished(value: Value, default_tz: dt.tzinfo | None) -> Value | None:
    if not valid_year(value.year):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is None and default_tz is not None:
        return value.replace(tzinfo=default_tz)
    return value


def _iso(text: str) -> Value | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        value = dt.datetime.fromisoformat(_SPACED_OFFSET.sub(r"\1", text))
    except ValueError:
        return None
    return value.date() if _ISO_DATE.fullmatch(text) else value


def _epoch(text: str) -> Value | None:
    # Seconds or milliseconds since 1970; a leading zero is a phone number.
    if not re.fullmatch(r"[1-9][0-9]{9}|[1-9][0-9]{12}", text):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def _rfc_2822(text: str) -> Value | None:
    if not _RFC_2822.match(text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written(pattern: re.Pattern[str], months: dict[str, int]) -> Callable[[str], Value | None]:
    """A parser for *pattern*, whose month group is a name in *months*."""

    def parse(text: str) -> Value | None:
        m = pattern.search(fold(text))
        if m is None:
            return None
        month = m["m"]
        return _build(m, months[month] if month in months else int(month))

    return parse


def _build(m: re.Match[str], month: int) -> Value | None:
    """A date, or a datetime when the match has a time, from the groups of *m*."""
    day = 1 if m["d"] in ("1er", "premier") else int(m["d"])
    try:
        if m["h"] is None:
            return dt.date(int(m["y"]), month, day)
        hour = int(m["h"]) % 12 + 12 * (m["ampm"] == "pm") if m["ampm"] else int(m["h"])
        tz = _offset(m["off"]) if m["off"] else None
        return dt.datetime(
            int(m["y"]),
            month,
            day,
            hour,
            int(m["mi"] or 0),
            int(m["s"] or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


_MONTH_NUMBERS = {**MONTHS, **MONTH_ABBREVIATIONS}
_PARSERS: tuple[Callable[[str], Value | None], ...] = (
    _iso,
    _epoch,
    _rfc_2822,
    _written(_FRENCH, _MONTH_NUMBERS),
    _written(_ENGLISH, ENGLISH_MONTHS),
    _written(_ENGLISH_DAY_FIRST, ENGLISH_MONTHS),
    _written(_NUMERIC, {}),
    _written(_NUMERIC_YEAR_FIRST, {}),
)

"""``date:`` values -> inclusive bounds at the precision typed (year, month or day)."""

from __future__ import annotations

import datetime as dt
import re

from . import messages as msg

_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_FRENCH = re.compile(r"(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})")
_MICROSECOND = dt.timedelta(microseconds=1)

Bounds = tuple[dt.datetime | None, dt.datetime | None]


class BadDate(ValueError):
    """A ``date:`` value that names no existing period; the message is French."""


def date_bounds(value: str, notes: list[str]) -> Bounds | None:
    """Bounds of ``2024``, ``2024-06``, ``19/06/2024`` or a range ``a..b``.

    Naive, in the calendar the index files publication dates in: the local
    day the page shows (see ``index.writer.local_wall_clock``). ``None``
    (with a note) when the value cannot be read; either side of a range may
    be open (``..2019``, ``2022..``).
    """
    text = value.strip()
    try:
        if ".." not in text:
            return _period(text)
        low, high = (part.strip() for part in text.split("..", 1))
        if not low and not high:
            notes.append(msg.OPEN_RANGE.format(value=msg.quoted(value)))
            return None
        start = _period(low)[0] if low else None
        end = _period(high)[1] if high else None
    except BadDate as error:
        notes.append(str(error))
        return None
    if start and end and start > end:
        notes.append(msg.SWAPPED_RANGE.format(value=msg.quoted(value)))
        start, end = _period(high)[0], _period(low)[1]
    return start, end


def _period(text: str) -> tuple[dt.datetime, dt.datetime]:
    """First and last instant of the year, month or day *text* names."""
    iso, french = _ISO.fullmatch(text), _FRENCH.fullmatch(text)
    if iso:
        year, month, day = iso.groups()
    elif french:
        day, month, year = french.groups()
    else:
        raise BadDate(msg.BAD_DATE.format(value=msg.quoted(text)))
    if int(year) < 1000:
        raise BadDate(msg.BAD_YEAR.format(value=msg.quoted(text)))
    if month and not 1 <= int(month) <= 12:
        raise BadDate(msg.BAD_MONTH.format(value=msg.quoted(text)))
    try:
        start = dt.datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise BadDate(msg.BAD_DAY.format(value=msg.quoted(text))) from None
    return start, _next(start, month, day) - _MICROSECOND


def _next(start: dt.datetime, month: str | None, day: str | None) -> dt.datetime:
    """The start of the period after the one beginning at *start*."""
    try:
        if day:
            return start + dt.timedelta(days=1)
        if month:
            return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return start.replace(year=start.year + 1)
    except (OverflowError, ValueError):  # the year 9999
        return dt.datetime.max

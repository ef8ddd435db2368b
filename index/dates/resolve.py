"""Calendar arithmetic that places a partial or relative date against publication.

Every function takes the publication date explicitly: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt

MIN_YEAR, MAX_YEAR = 1000, 2100


def valid_year(year: int) -> bool:
    """Whether *year* can be a date in an article (1000..2100)."""
    return MIN_YEAR <= year <= MAX_YEAR


def make_date(year: int, month: int = 1, day: int = 1) -> dt.date | None:
    """``date(year, month, day)``, or None when it does not exist or is out of range."""
    if not valid_year(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """First day of the month *months* after the month of *day*."""
    index = day.year * 12 + day.month - 1 + months
    return make_date(index // 12, index % 12 + 1)


def week_start(day: dt.date, weeks: int = 0) -> dt.date:
    """Monday of the week *weeks* after the week of *day*."""
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=weeks)


def month_near(published: dt.date, month: int, direction: str = "") -> dt.date | None:
    """First day of *month* in the right year relative to publication.

    Without *direction*: the most recent such month not after publication
    (``en juin``); ``"past"``: strictly before the publication month
    (``juin dernier``); ``"future"``: strictly after it (``juin prochain``).
    """
    year = published.year
    if direction == "future":
        return make_date(year if month > published.month else year + 1, month)
    if month > published.month or (direction == "past" and month == published.month):
        year -= 1
    return make_date(year, month)


def day_near(published: dt.date, month: int, day: int, direction: str = "") -> dt.date | None:
    """*day* of *month* in the year that puts it last on or before publication.

    ``"past"`` excludes the publication day itself, ``"future"`` picks the
    first such day after publication.
    """
    for year in _years_around(published, direction):
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        if direction == "future" and candidate > published:
            return candidate
        if direction == "past" and candidate < published:
            return candidate
        if not direction and candidate <= published:
            return candidate
    return None


def _years_around(published: dt.date, direction: str) -> list[int]:
    """Candidate years, in the order they should be tried (Feb 29 may skip some)."""
    if direction == "future":
        return [published.year + k for k in range(9)]
    return [published.year - k for k in range(9)]


def weekday_near(published: dt.date, weekday: int, direction: str = "") -> dt.date:
    """The *weekday* (0 = Monday) last on or before publication, or as directed.

    ``"past"`` (``lundi dernier``) skips the publication day itself,
    ``"future"`` (``lundi prochain``) is the first such day after publication.
    """
    if direction == "future":
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def season_start(published: dt.date, first_month: int, direction: str = "") -> dt.date | None:
    """First day of a season (by its first month) relative to publication.

    Without *direction*: the latest start on or before publication (``au
    printemps``); ``"past"``: the season before the current occurrence
    (``l'automne dernier``); ``"future"``: the next start after publication;
    ``"this"``: the occurrence of the publication's season-year (``cet été``;
    winter belongs to the year it starts in).
    """
    if direction == "this":
        year = published.year - (first_month == 12 and published.month <= 2)
        return make_date(year, first_month)
    if direction == "future":
        start = make_date(published.year, first_month)
        if start is not None and start <= published:
            start = make_date(published.year + 1, first_month)
        return start
    year = published.year if (published.month >= first_month) else published.year - 1
    start = make_date(year, first_month)
    if direction == "past" and start is not None and _same_season(start, published):
        start = make_date(year - 1, first_month)
    return start


def _same_season(start: dt.date, published: dt.date) -> bool:
    """Whether *published* falls inside the three months beginning at *start*."""
    end = add_months(start, 3)
    return end is not None and start <= published < end

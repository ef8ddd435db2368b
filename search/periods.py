"""Publication periods: the date filter's mask and the timeline's years and months."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np

from .facets import FacetArrays
from .results import FacetValue, SearchRequest

#: Months are listed as a timeline only over spans shorter than this.
MAX_MONTH_BUCKETS = 240


def whoosh_time(day: dt.date) -> int:
    """A day at midnight as Whoosh stores DATETIME values (100 ns ticks)."""
    from whoosh.util.times import datetime_to_long

    return datetime_to_long(dt.datetime(day.year, day.month, day.day))


def date_mask(
    arrays: FacetArrays, start: dt.date | None, end: dt.date | None, undated: str | None = None
) -> np.ndarray:
    """Documents published between *start* and *end*, both days included.

    Undated documents are left out, kept too (``undated="include"``) or
    alone kept (``"only"``, the bounds then ignored).
    """
    if undated == "only":
        return arrays.undated.copy()
    published = arrays.published
    mask = ~arrays.undated
    if start:
        mask &= published >= whoosh_time(start)
    if end:
        mask &= published < whoosh_time(end + dt.timedelta(days=1))
    if undated == "include":
        mask |= arrays.undated
    return mask


def timeline_values(
    name: str, values: list[str], counts: np.ndarray, request: SearchRequest
) -> list[FacetValue]:
    """Every year (or month) from the first to the last with articles, zeros included."""
    present = {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
    if not present:
        return []
    buckets = _years(present) if name == "year" else _months(present, request)
    lo, hi = (d.strftime("%Y-%m") if d else None for d in (request.date_from, request.date_to))
    return [
        FacetValue(b, b, present.get(b, 0), bool(lo or hi) and _within(b, lo, hi)) for b in buckets
    ]


def _years(present: dict[str, int]) -> list[str]:
    years = sorted(int(y) for y in present)
    return [f"{y:04d}" for y in range(years[0], years[-1] + 1)]


def _months(present: dict[str, int], request: SearchRequest) -> list[str]:
    months = sorted(present)
    first, last = months[0], months[-1]
    if request.date_from:
        first = max(first, request.date_from.strftime("%Y-%m"))
    if request.date_to:
        last = min(last, request.date_to.strftime("%Y-%m"))
    return list(_month_range(first, last))


@functools.lru_cache(maxsize=1024)
def _month_range(first: str, last: str) -> tuple[str, ...]:
    """``YYYY-MM`` from *first* to *last*, at most MAX_MONTH_BUCKETS (the same few each time)."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < MAX_MONTH_BUCKETS:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def _within(bucket: str, lo: str | None, hi: str | None) -> bool:
    """A year or month bucket lies inside the requested range of months (``YYYY-MM``)."""
    first = bucket if len(bucket) > 4 else f"{bucket}-01"
    last = bucket if len(bucket) > 4 else f"{bucket}-12"
    return (lo is None or first >= lo) and (hi is None or last <= hi)

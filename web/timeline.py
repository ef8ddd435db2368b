"""The timeline above the results: bar geometry for a server-rendered SVG.

Years by default; the months of the selected period once a date filter is
set (or when every article falls in one year). Each bar links to its period,
and counts exactly what that link finds. Articles without a date get a bar of
their own, ``sans date``, to the right, on the same scale; it links to them
alone (``undated=only``). The SVG is drawn in a ``BARS x 100`` box stretched
to the page width, so the geometry is plain numbers and the page needs no
inline style.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from . import french
from .urls import State, change, url
from .view_models import AxisLabel, Bar, Timeline, UndatedBar

#: Width of one bar's slot and the bar inside it, in SVG units.
SLOT = 10
BAR = 8
HEIGHT = 100
#: A zero bar is still drawn, as a thin baseline.
ZERO_HEIGHT = 1.5
#: Longest period drawn month by month (20 years).
MAX_MONTHS = 240
#: At most this many axis labels, so they never overlap on a phone.
MAX_LABELS = 8
DENSE_LABELS = 6


def timeline(
    facets: Mapping[str, Sequence[Mapping[str, Any]]], state: State, undated: int = 0
) -> Timeline | None:
    """The timeline of a result page, or None when no article matches.

    *undated* is the number of undated articles that match the query and the
    filters other than the dates (the payload's ``undated``).
    """
    dated = bool(state.get("from") or state.get("to"))
    years = list(facets.get("year") or ())
    months = list(facets.get("month") or ())
    use_months = bool(months) and (dated or len(years) == 1)
    buckets = _whole_range(months, state) if use_months else years
    if not any(b["count"] for b in buckets) and not undated:
        return None
    unit = "mois" if use_months else "année"
    top = max([int(b["count"]) for b in buckets] + [undated])
    bars = [_bar(i, b, top, state) for i, b in enumerate(buckets)]
    labels = _labels([b["value"] for b in buckets], use_months)
    only = state.get("undated") == ["only"]
    return {
        "heading": f"Publications par {unit}" if bars else "Publications",
        "width": len(bars) * SLOT,
        "slot": SLOT,
        "height": HEIGHT,
        "bars": bars,
        "labels": _minor(labels),
        "undated": _undated_bar(undated, top, state) if undated else None,
        "all_dates_url": (
            url(change(state, from_=None, to=None, undated=None)) if dated or only else None
        ),
    }


def _height(count: int, top: int) -> float:
    return max(count / top * (HEIGHT - 4), ZERO_HEIGHT) if count else ZERO_HEIGHT


def _whole_range(months: list[Mapping[str, Any]], state: State) -> list[Mapping[str, Any]]:
    """The months of a selected period, all of them: the engine stops at the last article."""
    start, end = state.get("from", [""])[0], state.get("to", [""])[0]
    if not (start and end):
        return months
    first = start[:7] if len(start) >= 7 else f"{start[:4]}-01"
    last = end[:7] if len(end) >= 7 else f"{end[:4]}-12"
    counts = {m["value"]: m["count"] for m in months}
    out: list[Mapping[str, Any]] = []
    year, month = int(first[:4]), int(first[5:7])
    while (key := f"{year:04d}-{month:02d}") <= last and len(out) < MAX_MONTHS:
        out.append({"value": key, "count": counts.get(key, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out or months


def _bar(index: int, bucket: Mapping[str, Any], top: int, state: State) -> Bar:
    value, count = bucket["value"], int(bucket["count"])
    height = _height(count, top)
    label = french.period(value)
    return {
        "x": index * SLOT + (SLOT - BAR) / 2,
        "slot_x": index * SLOT,
        "y": round(HEIGHT - height, 2),
        "width": BAR,
        "height": round(height, 2),
        "zero": count == 0,
        "title": f"{label} : {french.count(count, 'article')}",
        # undated dropped: the bar counts its period's articles, its link finds them.
        "url": url(change(state, from_=[value], to=[value], undated=None)),
    }


def _undated_bar(count: int, top: int, state: State) -> UndatedBar:
    """The ``sans date`` bar, drawn in its own one-slot box at the right."""
    height = _height(count, top)
    return {
        "x": (SLOT - BAR) / 2,
        "y": round(HEIGHT - height, 2),
        "width": BAR,
        "height": round(height, 2),
        "title": f"sans date : {french.count(count, 'article')}",
        "url": url(change(state, from_=None, to=None, undated=["only"])),
        "current": state.get("undated") == ["only"],
    }


def _labels(values: list[str], months: bool) -> list[str]:
    """One axis label per bar, most left empty so the rest fit."""
    if not months:
        step = math.ceil(len(values) / MAX_LABELS)
        return [v if i % step == 0 else "" for i, v in enumerate(values)]
    if len(values) <= 12:
        return [french.month(v, short=True) for v in values]
    years = len({v[:4] for v in values})
    step = math.ceil(years / MAX_LABELS)
    return [
        v[:4] if _year_start(i, v) and int(v[:4]) % step == 0 else "" for i, v in enumerate(values)
    ]


def _minor(labels: list[str]) -> list[AxisLabel]:
    """Labels with every other one marked minor when crowded: phones hide those (CSS)."""
    crowded = sum(bool(label) for label in labels) > DENSE_LABELS
    out: list[AxisLabel] = []
    shown = 0
    for label in labels:
        out.append({"text": label, "minor": crowded and bool(label) and shown % 2 == 1})
        shown += bool(label)
    return out


def _year_start(index: int, value: str) -> bool:
    # A first bar late in its year would crowd the next January's label.
    return value.endswith("-01") or (index == 0 and int(value[5:7]) <= 6)

"""Facet filters as masks, and facet counts that say what a click gives.

Each filter of :mod:`search.facetspec` (people, organisations, places,
sources, actors) is one group mask; dates are another. Within an entity
filter the ticked values combine with ET unless the request switches the
filter to OU (``any``); sources always combine with OU. A value's count is
the number of results a click on it leads to: the results narrowed to it
(ET), or widened by it (OU). A ticked value counts the results that have it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .facets import FacetArrays
from .facetspec import (
    ACTOR_FIELDS,
    ALL,
    ANY,
    FACETS_BY_NAME,
    FILTERS,
    Facet,
    Filter,
    combine_of,
)
from .periods import date_mask, timeline_values
from .results import FacetValue, SearchRequest

if TYPE_CHECKING:
    from .execute import Matches

#: The group of the date filter (``from``, ``to``, ``undated``).
DATE_GROUP = "date"


def filter_masks(arrays: FacetArrays, request: SearchRequest) -> dict[str, np.ndarray]:
    """One mask per active filter group, keyed by the filter's parameter."""
    groups: dict[str, np.ndarray] = {}
    for spec in FILTERS:
        include, exclude = request.values(spec.param), request.values(spec.exclude)
        if include or exclude:
            inc = _included(arrays, spec, include, combine_of(spec.param, request.any_of))
            groups[spec.param] = inc & ~_any_of(arrays, spec, exclude)
    if request.date_from or request.date_to or request.undated == "only":
        groups[DATE_GROUP] = date_mask(arrays, request.date_from, request.date_to, request.undated)
    return groups


def _any_of(arrays: FacetArrays, spec: Filter, values: tuple[str, ...]) -> np.ndarray:
    """Documents holding one of *values* in one of the filter's fields."""
    mask = np.zeros(arrays.doc_count, dtype=bool)
    for name in spec.fields if values else ():
        mask |= arrays.mask_of(name, list(values))
    return mask


def _included(
    arrays: FacetArrays, spec: Filter, values: tuple[str, ...], combine: str
) -> np.ndarray:
    """Documents the ticked *values* let through: one of them (OU) or all of them (ET)."""
    if not values:
        return np.ones(arrays.doc_count, dtype=bool)
    if combine == ANY:
        return _any_of(arrays, spec, values)
    mask = np.ones(arrays.doc_count, dtype=bool)
    for value in values:
        mask &= _any_of(arrays, spec, (value,))
    return mask


def facet_values(
    arrays: FacetArrays, name: str, matches: Matches, request: SearchRequest, size: int
) -> list[FacetValue]:
    """Values of facet *name*: top *size* by count, ticked and excluded ones always listed."""
    facet = FACETS_BY_NAME[name]
    values = arrays.registries[name].values
    if facet.filter is None:
        period = matches.without(DATE_GROUP)
        if not period.any():
            return []  # no article to place on the timeline
        return timeline_values(name, values, arrays.counts(name, period), request)
    if not matches.filtered and not matches.final.any():
        return []  # nothing found, nothing ticked: no value to list or count
    counts, present = _click_counts(arrays, facet, facet.filter, matches, request)
    # ``actor`` values are ticked in the people's and the organisations' facets too.
    covering = [spec for spec in FILTERS if facet.field in spec.fields]
    selected = {v for spec in covering for v in request.values(spec.param)}
    excluded = {v for spec in covering for v in request.values(spec.exclude)}
    ids = arrays.registries[name].ids
    top = _most_counted(counts, np.flatnonzero(present), size)
    shown = {values[i] for i in top}
    for value in [*selected, *excluded]:
        if value not in shown and value in ids and _holds(arrays, name, ids[value]):
            top.append(ids[value])
            shown.add(value)
    kind = name if facet.field in ACTOR_FIELDS else None
    reinclude = _reinclude_counts(
        arrays, facet.filter, matches, request, set(request.values(facet.filter.exclude))
    )
    return [
        FacetValue(
            values[i],
            _label(arrays, facet, values[i]),
            reinclude.get(values[i], int(counts[i])),
            values[i] in selected,
            values[i] in excluded,
            kind,
        )
        for i in top
    ]


def _most_counted(counts: np.ndarray, listed: np.ndarray, size: int) -> list[int]:
    """The *size* ids of *listed* with the highest counts, ties in id order.

    An entity facet of a common word lists thousands of values; sorting them
    all to show ten cost more than counting them.
    """
    if len(listed) > size:
        cut = np.partition(counts[listed], len(listed) - size)[len(listed) - size]
        listed = listed[counts[listed] >= cut]  # every tie at the cut, decided by id
    return [int(i) for i in listed[np.argsort(-counts[listed], kind="stable")][:size]]


def _click_counts(
    arrays: FacetArrays, facet: Facet, spec: Filter, matches: Matches, request: SearchRequest
) -> tuple[np.ndarray, np.ndarray]:
    """(results a click on each value gives, whether the value is worth listing).

    A ticked value counts the results that have it, which a click would
    untick: its count then matches the results on the page.
    """
    present = arrays.counts(facet.name, matches.final)
    ticked = request.values(spec.param)
    if combine_of(spec.param, request.any_of) == ALL or not ticked:
        return present, present > 0
    # OU with values ticked: a click adds the articles with the value the
    # results lack, among those the other filters and the exclusions let through.
    others = matches.without(spec.param) & ~_any_of(arrays, spec, request.values(spec.exclude))
    extra = arrays.counts(facet.name, others & ~_any_of(arrays, spec, ticked))
    counts = int(matches.final.sum()) + extra
    ids = arrays.registries[facet.name].ids
    for value in ticked:
        if value in ids:
            counts[ids[value]] = present[ids[value]]
    return counts, (present > 0) | (extra > 0)


def _reinclude_counts(
    arrays: FacetArrays, spec: Filter, matches: Matches, request: SearchRequest, excluded: set[str]
) -> dict[str, int]:
    """Results each excluded value's « réinclure » gives."""
    if not excluded:
        return {}
    include = _included(
        arrays, spec, request.values(spec.param), combine_of(spec.param, request.any_of)
    )
    others = matches.without(spec.param) & include
    out = {}
    for value in excluded:
        rest = tuple(v for v in request.values(spec.exclude) if v != value)
        out[value] = int(np.count_nonzero(others & ~_any_of(arrays, spec, rest)))
    return out


def _holds(arrays: FacetArrays, name: str, value_id: int) -> bool:
    """Facet *name* has the value (an actor is a person or an organisation, not both)."""
    return bool(np.any(arrays.pairs[name][1] == value_id))


def _label(arrays: FacetArrays, facet: Facet, value: str) -> str:
    return value if facet.kind != "entity" else arrays.label(value)

"""Run one search: matched documents, disjunctive facet filters, ordering, paging.

The query is evaluated once into a boolean mask over document numbers. Each
filter group (actors, places, sources, dates) is another mask. The hits are
the documents in every mask; a facet is counted over the documents in every
mask but its own group's, so the other values of a selected facet stay
visible with their counts, as in Aleph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from . import vector
from .facets import NO_DATE, FacetArrays
from .postings import PostingCache
from .query import ParsedQuery
from .results import FacetValue, SearchRequest

#: The filter group each facet belongs to: its own filter is left out of its counts.
FACET_GROUP = {
    "person": "actor",
    "organisation": "actor",
    "location": "location",
    "source": "source",
    "year": "date",
    "month": "date",
}
ACTOR_FACETS = ("person", "organisation")
#: Months are listed as a timeline only over spans shorter than this.
MAX_MONTH_BUCKETS = 240


#: Articles with every word come first (False: one ranking by score, for measurements).
TIERS = True


@dataclass
class Matches:
    """The masks of one search: the query's, each filter group's, and all combined.

    For a ranked query, ``complete`` marks the documents with every word and
    ``present`` holds, per word, the documents that have it.
    """

    query: np.ndarray
    groups: dict[str, np.ndarray]
    final: np.ndarray
    complete: np.ndarray | None = None
    present: tuple[np.ndarray, ...] = ()
    #: With ``date:`` clauses: the documents that match once those clauses
    #: let undated articles through (None when the query has none, or when
    #: ``undated`` already let them in: see ``widened``).
    dateless: np.ndarray | None = None
    #: True when ``date:`` clauses let undated articles in (``undated=include``
    #: or ``only``): the masks then hold documents the Whoosh query does not.
    widened: bool = False

    @property
    def filtered(self) -> bool:
        """True when some documents the query matches are not results, or the reverse."""
        return bool(self.groups) or self.widened

    @property
    def total_complete(self) -> int:
        """Results with every word of the query."""
        if self.complete is None:
            return int(self.final.sum())
        return int(np.count_nonzero(self.final & self.complete))

    def missing(self, doc: int, words: tuple[str, ...]) -> list[str]:
        """The words of a ranked query that document *doc* lacks."""
        return [word for word, mask in zip(words, self.present) if not mask[doc]]

    def without(self, group: str) -> np.ndarray:
        """Documents matching the query and every filter group but *group*."""
        return self.query & self.groups_but(group)

    def groups_but(self, group: str) -> np.ndarray:
        """Documents in every filter group but *group*, whatever the query."""
        mask = np.ones_like(self.query)
        for name, group_mask in self.groups.items():
            if name != group:
                mask &= group_mask
        return mask


def match(searcher: Searcher, arrays: FacetArrays, parsed: ParsedQuery,
          request: SearchRequest, postings: PostingCache | None = None) -> Matches:
    """Evaluate the query and the filters of *request* into masks."""
    base = query_mask(searcher, arrays, parsed.query, postings)
    dateless, widened = None, False
    if parsed.dateless is not None:
        dateless = query_mask(searcher, arrays, parsed.dateless, postings) & arrays.undated
        if request.undated in ("include", "only"):
            # date: clauses let undated articles in, as from and to do.
            base = dateless if request.undated == "only" else base | dateless
            dateless, widened = None, True
    complete, present = None, ()
    if parsed.ranked:
        base, complete, present = _ranked_masks(searcher, arrays, parsed, base, postings)
        if dateless is not None:
            dateless &= np.logical_or.reduce(present)
    groups = filter_masks(arrays, request)
    final = base.copy()
    for mask in groups.values():
        final &= mask
    return Matches(base, groups, final, complete, present, dateless, widened)


def _ranked_masks(searcher: Searcher, arrays: FacetArrays, parsed: ParsedQuery,
                  base: np.ndarray, postings: PostingCache | None
                  ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...]]:
    """(documents with a word, documents with every word, each word's documents)."""
    present = tuple(query_mask(searcher, arrays, s.query, postings) for s in parsed.should)
    complete = base.copy()
    for should, mask in zip(parsed.should, present):
        complete &= (mask if should.strong is None
                     else query_mask(searcher, arrays, should.strong, postings))
    if parsed.required:
        return base, complete, present
    # One word is enough (Lucene's minimum_should_match 1): any higher share
    # lowered R@100 on the PIAF questions.
    return base & np.logical_or.reduce(present), complete, present


def query_mask(searcher: Searcher, arrays: FacetArrays, query: wq.Query,
               postings: PostingCache | None = None) -> np.ndarray:
    """Documents matching *query*; browsing everything needs no matcher.

    Queries made of terms (words, names, their OR and AND) are read from
    *postings*, phrases, prefixes and typos evaluated as arrays too; date
    ranges and entity key matches walk Whoosh's matchers.
    """
    if isinstance(query, wq.Every):
        return arrays.live.copy()
    if postings is not None:
        fast = postings.mask(searcher, query, arrays.doc_count)
        if fast is None and vector.ENABLED:
            evaluated = vector.evaluate(searcher, postings, query)
            fast = evaluated[0] if evaluated is not None else None
        if fast is not None:
            return fast & arrays.live
    mask = np.zeros(arrays.doc_count, dtype=bool)
    docs = np.fromiter(searcher.docs_for_query(query), dtype=np.int64)
    mask[docs] = True
    return mask & arrays.live


def filter_masks(arrays: FacetArrays, request: SearchRequest) -> dict[str, np.ndarray]:
    """One mask per active filter group."""
    groups: dict[str, np.ndarray] = {}
    if request.actor or request.not_actor:
        groups["actor"] = _include_exclude(arrays, ACTOR_FACETS, request.actor,
                                           request.not_actor)
    if request.location or request.not_location:
        groups["location"] = _include_exclude(arrays, ("location",), request.location,
                                              request.not_location)
    if request.source:
        groups["source"] = arrays.mask_of("source", list(request.source))
    if request.date_from or request.date_to or request.undated == "only":
        groups["date"] = date_mask(arrays, request.date_from, request.date_to,
                                   request.undated)
    return groups


def _include_exclude(arrays: FacetArrays, facets: tuple[str, ...],
                     include: tuple[str, ...], exclude: tuple[str, ...]) -> np.ndarray:
    mask = np.ones(arrays.doc_count, dtype=bool)
    if include:
        mask = np.zeros(arrays.doc_count, dtype=bool)
        for name in facets:
            mask |= arrays.mask_of(name, list(include))
    for name in facets:
        if exclude:
            mask &= ~arrays.mask_of(name, list(exclude))
    return mask


def whoosh_time(day: dt.date) -> int:
    """A day at midnight as Whoosh stores DATETIME values (100 ns ticks)."""
    from whoosh.util.times import datetime_to_long

    return datetime_to_long(dt.datetime(day.year, day.month, day.day))


def date_mask(arrays: FacetArrays, start: dt.date | None, end: dt.date | None,
              undated: str | None = None) -> np.ndarray:
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


def undated_count(arrays: FacetArrays, matches: Matches) -> int:
    """Undated documents matching the query and every filter group but the dates.

    ``date:`` clauses count as dates: the undated articles they leave out
    are counted, like those ``from`` and ``to`` leave out.
    """
    within = matches.without("date")
    if matches.dateless is not None:
        within |= matches.dateless & matches.groups_but("date")
    return int(np.count_nonzero(within & arrays.undated))


def undated_excluded(matches: Matches, request: SearchRequest) -> bool:
    """True when a period (``from``/``to`` or a ``date:`` clause) leaves undated articles out."""
    if request.undated in ("include", "only"):
        return False
    return "date" in matches.groups or matches.dateless is not None


def ordered_page(arrays: FacetArrays, final: np.ndarray, newest_first: bool,
                 start: int, count: int) -> list[int]:
    """Document numbers of one page of *final*, by publication date."""
    docs = np.flatnonzero(final)
    keys = arrays.published[docs]
    if newest_first:
        order = np.lexsort((docs, -np.maximum(keys, NO_DATE + 1)))
    else:
        order = np.lexsort((docs, np.where(keys == NO_DATE, np.iinfo(np.int64).max, keys)))
    return [int(d) for d in docs[order[start:start + count]]]


def facet_values(arrays: FacetArrays, name: str, matches: Matches,
                 request: SearchRequest, size: int) -> list[FacetValue]:
    """Values of facet *name*: top *size* by count, selected ones always included."""
    within = matches.without(FACET_GROUP[name])
    counts = (arrays.counts(name, within) if within.any()
              else np.zeros(len(arrays.registries[name].values), dtype=np.int64))
    values = arrays.registries[name].values
    if name in ("year", "month"):
        return _timeline(name, values, counts, request)
    selected, excluded = _selection(name, request)
    top = [int(i) for i in np.argsort(-counts, kind="stable")[:size] if counts[i] > 0]
    shown = {values[i] for i in top}
    ids = arrays.registries[name].ids
    for value in [*selected, *excluded]:
        if value not in shown and value in ids and _belongs(arrays, name, value):
            top.append(ids[value])
            shown.add(value)
    kind = name if name in ACTOR_FACETS else None
    return [
        FacetValue(values[i], _label(arrays, name, values[i]), int(counts[i]),
                   values[i] in selected, values[i] in excluded, kind)
        for i in top
    ]


def _belongs(arrays: FacetArrays, name: str, value: str) -> bool:
    """An actor value is listed under the facet (people or organisations) holding it."""
    if name not in ACTOR_FACETS:
        return True
    ids = arrays.pairs[name][1]
    return bool(np.any(ids == arrays.registries[name].ids[value]))


def _label(arrays: FacetArrays, name: str, value: str) -> str:
    return value if name == "source" else arrays.label(value)


def _selection(name: str, request: SearchRequest) -> tuple[set[str], set[str]]:
    if name in ACTOR_FACETS:
        return set(request.actor), set(request.not_actor)
    if name == "location":
        return set(request.location), set(request.not_location)
    if name == "source":
        return set(request.source), set()
    return set(), set()


def _timeline(name: str, values: list[str], counts: np.ndarray,
              request: SearchRequest) -> list[FacetValue]:
    """Every year (or month) from the first to the last with articles, zeros included."""
    present = {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
    if not present:
        return []
    buckets = _years(present) if name == "year" else _months(present, request)
    lo, hi = request.date_from, request.date_to
    return [
        FacetValue(b, b, present.get(b, 0), bool(lo or hi) and _within(b, lo, hi))
        for b in buckets
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
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < MAX_MONTH_BUCKETS:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _within(bucket: str, lo: dt.date | None, hi: dt.date | None) -> bool:
    """A year or month bucket lies inside the requested date range."""
    first = bucket if len(bucket) > 4 else f"{bucket}-01"
    last = bucket if len(bucket) > 4 else f"{bucket}-12"
    return (lo is None or first >= lo.strftime("%Y-%m")) and (
        hi is None or last <= hi.strftime("%Y-%m")
    )

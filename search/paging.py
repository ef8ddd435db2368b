"""One page of results: ranked by score in tiers, or ordered by date, within a time limit."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from whoosh.collectors import Collector, TimeLimit, TimeLimitCollector
from whoosh.query import Query
from whoosh.searching import Results, Searcher

from . import execute, vector
from .facets import FacetArrays
from .postings import PostingCache
from .query import ParsedQuery
from .results import SearchRequest

#: (document number, score or None when ordered by date) of each hit of a page.
Page = list[tuple[int, float | None]]


@dataclass(frozen=True)
class Pager:
    """What ranking or ordering one search's page needs, gathered once."""

    searcher: Searcher
    postings: PostingCache
    arrays: FacetArrays
    request: SearchRequest
    #: The perf_counter() time the ranking must end by, or None.
    deadline: float | None

    def page(self, parsed: ParsedQuery, matches: execute.Matches) -> tuple[Page, bool]:
        """The page's documents, in order; True if ranking ran out of time."""
        request = self.request
        start, count = request.start, request.per_page
        if matches.complete is not None and execute.TIERS:
            return self._tiered(parsed, matches)
        if request.sort == "relevance" and parsed.has_text:
            query = parsed.query
            if parsed.ranked:
                query = parsed.widened if matches.relaxed else parsed.ranking
            # Without filters, the query's own matches are the results.
            everything = not matches.filtered and not parsed.ranked
            ranked, partial = self._best(query, matches.final, start + count, everything)
            return ranked[start : start + count], partial
        return self._by_date(matches.final, start, count), False

    def _tiered(self, parsed: ParsedQuery, matches: execute.Matches) -> tuple[Page, bool]:
        """A ranked query's page: articles with every word first, then the others.

        The first tier is ranked by the all-words query, as a strict search
        would; the second is only ranked when the page reaches it.
        """
        assert matches.complete is not None and parsed.strict is not None
        start, end = self.request.start, self.request.start + self.request.per_page
        first = matches.final & matches.complete
        rest = parsed.widened if matches.relaxed else parsed.ranking
        tiers = ((first, parsed.strict), (matches.final & ~matches.complete, rest))
        out: Page = []
        partial, skipped = False, 0  # skipped: results ranked before this tier
        for mask, query in tiers:
            size = int(np.count_nonzero(mask))
            want = min(size, end - skipped)
            if want > 0 and skipped + size > start:
                strict = query is parsed.strict and not matches.filtered
                if query is parsed.widened and matches.relaxed_scores is not None:
                    docs, cut = self._scored(mask, matches.relaxed_scores, want), False
                else:
                    docs, cut = self._tier(mask, query, want, strict)
                out.extend(docs[max(0, start - skipped) :])
                partial = partial or cut
            skipped += size
        return out, partial

    def _tier(self, mask: np.ndarray, query: Query, limit: int, strict: bool) -> tuple[Page, bool]:
        """The first *limit* documents of *mask*, by score or by date."""
        if self.request.sort != "relevance":
            return self._by_date(mask, 0, limit), False
        # The all-words query finds exactly the first tier when no filter applies.
        return self._best(query, mask, limit, strict)

    def _scored(self, mask: np.ndarray, scores: np.ndarray, limit: int) -> Page:
        """The first *limit* documents of *mask* by scores already computed, or by date."""
        if self.request.sort != "relevance":
            return self._by_date(mask, 0, limit)
        return list(vector.top(mask, scores, limit))

    def _by_date(self, mask: np.ndarray, start: int, count: int) -> Page:
        newest_first = self.request.sort != "date"
        docs = execute.ordered_page(self.arrays, mask, newest_first, start, count)
        return [(doc, None) for doc in docs]

    def _best(
        self, query: Query, mask: np.ndarray, limit: int, everything: bool = False
    ) -> tuple[Page, bool]:
        """The *limit* best documents of *mask* for *query*, and whether time ran out.

        Scored as arrays (:mod:`search.vector`) when every part of the query can
        be; otherwise by Whoosh's matchers, restricted to *mask* unless
        *everything* says the query matches nothing else.
        """
        if vector.ENABLED:
            evaluated = vector.evaluate(self.searcher, self.postings, query)
            if evaluated is not None:
                hits, scores = evaluated
                return list(vector.top(hits & mask, scores, limit)), False
        allow = None if everything else set(map(int, np.flatnonzero(mask)))
        results, cut = _ranked(self.searcher, query, limit, allow, self.deadline)
        return [(hit.docnum, hit.score) for hit in results[:limit]], cut


class DeadlineCollector(TimeLimitCollector):
    """Whoosh's TimeLimitCollector with the filter applied in its own loop.

    Whoosh's FilterCollector cannot go around it (its loop skips the time
    check) nor inside it (the filter would be skipped), so the allowed
    document set is checked here. No SIGALRM: signals only reach the main
    thread, and a server searches in worker threads.
    """

    def __init__(self, child: Collector, timelimit: float, allow: set[int] | None) -> None:
        super().__init__(child, timelimit, use_alarm=False)
        self.allow = allow

    def collect_matches(self) -> None:
        """Collect allowed matches until the time is up (then raise TimeLimit)."""
        child, allow, offset = self.child, self.allow, self.offset
        for sub_docnum in child.matches():
            if self.timedout:
                raise TimeLimit
            if allow is None or offset + sub_docnum in allow:
                child.collect(sub_docnum)


def _ranked(
    searcher: Searcher, query: Query, limit: int, allow: set[int] | None, deadline: float | None
) -> tuple[Results, bool]:
    """The top *limit* documents by score, and whether time ran out first."""
    if deadline is None:
        return searcher.search(query, limit=limit, filter=allow), False
    remaining = max(0.0, deadline - time.perf_counter())
    collector = DeadlineCollector(searcher.collector(limit=limit), remaining, allow)
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        return collector.results(), True
    return collector.results(), False

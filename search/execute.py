"""Run one search: matched documents, facet filters (``filtering``), ordering, paging.

The query is evaluated once into a boolean mask over document numbers. Each
filter group (actors, places, sources, dates) is another mask. The hits are
the documents in every mask; a facet is counted over the documents in every
mask but its own group's, so the other values of a selected facet stay
visible with their counts, as in Aleph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from . import vector
from .facets import NO_DATE, FacetArrays
from .filtering import facet_values, filter_masks  # noqa: F401 (the engine's)
from .postings import PostingCache
from .query import ParsedQuery
from .results import SearchRequest

#: Articles with every word come first (False: one ranking by score, for measurements).
TIERS = True
#: A ranked query with fewer articles than this holding all its words also
#: finds those using only the words' relatives and neighbours (Meilisearch and
#: Google relax a query that finds too little). Decided on the query alone,
#: before the filters, so that ticking a facet never widens the results.
WIDEN_BELOW = 20
#: Most articles that related words alone add (the best scored): enough for
#: five pages, while a long query's common words could bring in most of the index.
WIDEN_KEEP = 100
#: Fewest ranking words of a query that widens: one word typed alone is the
#: word the reader wants (its typos are corrected, not its meaning widened).
WIDEN_WORDS = 2


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
    #: True when the words found few articles and their relatives and
    #: neighbours found more (ranked by ``ParsedQuery.widened``).
    relaxed: bool = False
    #: ``ParsedQuery.widened``'s scores over every document, when computed.
    relaxed_scores: np.ndarray | None = None

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
        return [word for word, mask in zip(words, self.present, strict=False) if not mask[doc]]

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


def match(
    searcher: Searcher,
    arrays: FacetArrays,
    parsed: ParsedQuery,
    request: SearchRequest,
    postings: PostingCache | None = None,
) -> Matches:
    """Evaluate the query and the filters of *request* into masks."""
    base = query_mask(searcher, arrays, parsed.query, postings)
    dateless, widened = None, False
    if parsed.dateless is not None:
        dateless = query_mask(searcher, arrays, parsed.dateless, postings) & arrays.undated
        if request.undated in ("include", "only"):
            # date: clauses let undated articles in, as from and to do.
            base = dateless if request.undated == "only" else base | dateless
            dateless, widened = None, True
    complete: np.ndarray | None = None
    present: tuple[np.ndarray, ...] = ()
    relaxed = Relaxed(np.zeros(0, dtype=bool))
    if parsed.ranked:
        complete, present, relaxed = _ranked_masks(searcher, arrays, parsed, base, postings)
        if not parsed.required:
            # One word is enough (Lucene's minimum_should_match 1): any higher
            # share lowered R@100 on the PIAF questions.
            base = base & relaxed.found
        if dateless is not None:
            dateless &= relaxed.found
    groups = filter_masks(arrays, request)
    final = base.copy()
    for mask in groups.values():
        final &= mask
    return Matches(
        base, groups, final, complete, present, dateless, widened, relaxed.widened, relaxed.scores
    )


def _ranked_masks(
    searcher: Searcher,
    arrays: FacetArrays,
    parsed: ParsedQuery,
    base: np.ndarray,
    postings: PostingCache | None,
) -> tuple[np.ndarray, tuple[np.ndarray, ...], Relaxed]:
    """(documents with every word, each word's documents, what the words find)."""
    present = tuple(query_mask(searcher, arrays, s.query, postings) for s in parsed.should)
    complete = base.copy()
    for should, mask in zip(parsed.should, present, strict=True):
        complete &= (
            mask if should.strong is None else query_mask(searcher, arrays, should.strong, postings)
        )
    found = np.logical_or.reduce(present)
    if parsed.required or not _widens(parsed, complete):
        return complete, present, Relaxed(found)
    return complete, present, _relaxed(searcher, arrays, parsed, found, postings)


@dataclass
class Relaxed:
    """What a ranked query's words find, widened or not."""

    found: np.ndarray
    widened: bool = False
    #: ``ParsedQuery.widened``'s scores over every document, when computed.
    scores: np.ndarray | None = None


def _widens(parsed: ParsedQuery, complete: np.ndarray) -> bool:
    """True when the query's related words should widen it (few articles have every word).

    Only a query the array scorer can run widens (not one with a ``date:``
    clause or an entity key among its words): choosing the best related
    articles with Whoosh's matchers would be slow, and outside the time limit.
    """
    return (
        parsed.widened is not None
        and len(parsed.should) >= WIDEN_WORDS
        and bool(np.count_nonzero(complete) < WIDEN_BELOW)
        and vector.supported(parsed.widened)
    )


def _relaxed(
    searcher: Searcher,
    arrays: FacetArrays,
    parsed: ParsedQuery,
    found: np.ndarray,
    postings: PostingCache | None,
) -> Relaxed:
    """*found* plus the WIDEN_KEEP best documents that only related words find.

    Common words have common neighbours: a long query could otherwise add
    most of the index, all ranked below what any page shows. The widened
    query is scored once, here, and its scores rank the second tier.
    """
    assert parsed.widened is not None
    evaluated = None
    if postings is not None and vector.ENABLED:
        evaluated = vector.evaluate(searcher, postings, parsed.widened)
    if evaluated is None:
        related = query_mask(searcher, arrays, parsed.widened, postings) & ~found
        if np.count_nonzero(related) > WIDEN_KEEP:
            allow = set(map(int, np.flatnonzero(related)))
            best = searcher.search(parsed.widened, limit=WIDEN_KEEP, filter=allow)
            related = np.zeros_like(related)
            related[[hit.docnum for hit in best]] = True
        return Relaxed(found | related, bool(related.any()))
    mask, scores = evaluated
    related = mask & arrays.live & ~found
    if not related.any():
        return Relaxed(found)
    if np.count_nonzero(related) > WIDEN_KEEP:
        kept = np.zeros_like(related)
        kept[[doc for doc, _ in vector.top(related, scores, WIDEN_KEEP)]] = True
        related = kept
    return Relaxed(found | related, True, scores)


def query_mask(
    searcher: Searcher, arrays: FacetArrays, query: wq.Query, postings: PostingCache | None = None
) -> np.ndarray:
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


def ordered_page(
    arrays: FacetArrays, final: np.ndarray, newest_first: bool, start: int, count: int
) -> list[int]:
    """Document numbers of one page of *final*, by publication date."""
    docs = np.flatnonzero(final)
    keys = arrays.published[docs]
    if newest_first:
        order = np.lexsort((docs, -np.maximum(keys, NO_DATE + 1)))
    else:
        order = np.lexsort((docs, np.where(keys == NO_DATE, np.iinfo(np.int64).max, keys)))
    return [int(d) for d in docs[order[start : start + count]]]

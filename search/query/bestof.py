"""``BestOf``: any clause matches, the best-scoring one scores (a dis-max without Whoosh's bug).

Whoosh's ``DisjunctionMaxMatcher.score`` takes the larger score of its two
sub-matchers even when only one of them is on the current document, so a
document is scored with another document's weight (2.7.5, and whoosh-reloaded
as of this writing). The array scorer (:mod:`search.vector`) and this
matcher both take the maximum over the clauses the document matches.
"""

from __future__ import annotations

from whoosh.matching import DisjunctionMaxMatcher
from whoosh.query import DisjunctionMax


class _BestMatcher(DisjunctionMaxMatcher):
    """Union of two matchers scored by the better of those on the current document."""

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return b.score()
        if not b.is_active() or a.id() < b.id():
            return a.score()
        if b.id() < a.id():
            return b.score()
        return max(a.score(), b.score())


class BestOf(DisjunctionMax):
    """Documents matching any clause, each scored by its best clause."""

    def __init__(self, subqueries: list, boost: float = 1.0) -> None:
        super().__init__(subqueries, boost=boost)

    def _matcher(self, subs, searcher, context):  # type: ignore[no-untyped-def]
        reader = searcher.reader()
        return self._tree_matcher(
            subs, _BestMatcher, searcher, context, lambda q: q.estimate_size(reader)
        )

"""Ranked retrieval as array operations: Whoosh's queries scored in numpy.

Whoosh matches and scores a query by walking a tree of matchers in Python,
one posting at a time. Here a query over terms is evaluated over the whole
index (every segment end to end) into two dense arrays, which documents
match and their score, from postings decoded once (:mod:`search.postings`):
a term adds its BM25F score where it occurs, ``Or`` sums, ``And`` requires
every clause and sums, ``AndNot`` masks. Phrases are read from the term
arrays and checked by Whoosh on the documents that hold every word of them,
once per segment. A prefix, typo or word family expands to the terms it
finds in any segment. The
scores are Whoosh's own (same BM25F formula, statistics and field lengths)
and so is the order of equal scores (lower document number first), so both
paths give the same pages; a query with a part that cannot run here (a date
range, an entity key match) returns ``None`` and the caller falls back to
Whoosh's matchers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from . import ranking
from .postings import IndexView, Leaf, PostingCache, index_view
from .query.bestof import BestOf
from .query.build import UnionOr
from .query.multiterm import Expanding

#: Score as arrays when the query allows (False: Whoosh's matchers always, to compare).
ENABLED = True
#: Multi-term queries whose expansions are plain terms of their field.
_EXPANDING = (Expanding,)


_NO_DOCS = np.zeros(0, dtype=np.int64)


class Unsupported(Exception):
    """A part of the query that only Whoosh's matchers can run."""


@dataclass
class Scored:
    """Which documents of a segment match, and their scores (0 elsewhere)."""

    mask: np.ndarray
    score: np.ndarray


def supported(query: wq.Query) -> bool:
    """Whether every part of *query* can be evaluated here."""
    if isinstance(query, (wq.Term, wq.Phrase, wq.Every, *_EXPANDING)):
        return True
    if type(query) in (wq.Or, UnionOr):
        return (
            query.scale is None
            and not query.minmatch
            and all(supported(q) for q in query.subqueries)
        )
    if type(query) in (wq.And, BestOf):
        return all(supported(q) for q in query.subqueries)
    if type(query) is wq.AndNot:
        return supported(query.a) and supported(query.b)
    return False


class _Stats:
    """Index-wide statistics, looked up once per query rather than once per segment.

    Whoosh sums a field's length over every segment at each call.
    """

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._lengths: dict[str, float] = {}
        self._idfs: dict[tuple[str, str], float] = {}

    def avg_field_length(self, field: str) -> float:
        """The field's average length over the index (1 when it has none)."""
        found = self._lengths.get(field)
        if found is None:
            found = self._lengths[field] = self.searcher.avg_field_length(field) or 1
        return found

    def idf(self, field: str, text: str) -> float:
        """The term's inverse document frequency, as Whoosh computes it."""
        key = (field, text)
        found = self._idfs.get(key)
        if found is None:
            found = self._idfs[key] = self.searcher.idf(field, text)
        return found


class _Whole:
    """Evaluates queries on every segment at once, with the index-wide statistics of *parent*."""

    def __init__(
        self, parent: Searcher, view: IndexView, postings: PostingCache, stats: _Stats
    ) -> None:
        self.parent = parent
        self.stats = stats
        self.view = view
        self.size = view.size
        self.postings = postings
        self.weighting = parent.weighting
        self._terms: dict[tuple[str, str, float], Scored] = {}

    def run(self, query: wq.Query) -> Scored:
        """The mask and scores of *query* over the index."""
        if isinstance(query, wq.Term):
            return self.term(query.fieldname, query.text, query.boost)
        if isinstance(query, wq.Phrase):
            return self.phrase(query)
        if isinstance(query, _EXPANDING):
            return self.expanding(query)
        if isinstance(query, wq.Every):
            return Scored(np.ones(self.size, dtype=bool), np.full(self.size, query.boost))
        if isinstance(query, wq.AndNot):
            positive, negative = self.run(query.a), self.run(query.b)
            mask = positive.mask & ~negative.mask
            return Scored(mask, np.where(mask, positive.score, 0.0))
        if isinstance(query, BestOf):
            return self.best(query)
        if isinstance(query, (wq.Or, wq.And)):
            return self.compound(query)
        raise Unsupported(type(query).__name__)

    def best(self, query: BestOf) -> Scored:
        """Any clause matches; the best one scores (a word's relatives count once)."""
        parts = [self.run(q) for q in query.subqueries]
        if not parts:
            return self.nothing()
        mask = np.logical_or.reduce([p.mask for p in parts])
        return Scored(mask, np.max([p.score for p in parts], axis=0) * query.boost)

    def compound(self, query: wq.Or | wq.And) -> Scored:
        parts = [self.run(q) for q in query.subqueries]
        if not parts:
            return self.nothing()
        if isinstance(query, wq.Or) and _one_word(query):
            if ranking.COMBINED and all(type(q) is wq.Term for q in query.subqueries):
                return self.combined(query)
            if ranking.TIE is not None:
                return _dis_max(parts, ranking.TIE)
        score = np.sum([p.score for p in parts], axis=0)
        if isinstance(query, wq.Or):
            mask = np.logical_or.reduce([p.mask for p in parts])
        else:
            mask = np.logical_and.reduce([p.mask for p in parts])
            score = np.where(mask, score, 0.0)
        if query.boost != 1.0:
            score = score * query.boost
        return Scored(mask, score)

    def nothing(self) -> Scored:
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def term(self, field: str, text: str, boost: float = 1.0) -> Scored:
        """One term's documents and BM25F scores (Whoosh's formula, operation for operation)."""
        key = (field, text, boost)
        found = self._terms.get(key)
        if found is not None:
            return found
        out = self.nothing()
        docs, weights = (
            self.postings.whole(self.view, field, text)
            if field in self.parent.schema
            else (_NO_DOCS, _NO_DOCS)
        )
        if len(docs):
            out.mask[docs] = True
            out.score[docs] = self._bm25(field, text, docs, weights.astype(np.float64))
            if boost != 1.0:
                out.score[docs] *= boost
        self._terms[key] = out
        return out

    def _bm25(self, field: str, text: str, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        schema_field = self.parent.schema[field]
        if not schema_field.scorable or not isinstance(self.weighting, BM25F):
            return tf
        weighting = self.weighting
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        idf = self.stats.idf(field, text)
        avgfl = self.stats.avg_field_length(field)
        fl = self.postings.whole_lengths(self.view, field)[docs]
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))

    def combined(self, query: wq.Or) -> Scored:
        """One word in several fields scored as one term of one field (true BM25F).

        Each field's frequency is weighted (index and query boosts) and
        length-normalised, the sum is saturated once; the idf is that of the
        field where the word is most common, as if the fields were one.
        """
        out = self.nothing()
        frequency = np.zeros(self.size)
        idf: float | None = None
        weighting = self.weighting
        for leaf in query.subqueries:
            field = leaf.fieldname
            docs, weights = (
                self.postings.whole(self.view, field, leaf.text)
                if field in self.parent.schema
                else (_NO_DOCS, _NO_DOCS)
            )
            if not len(docs):
                continue
            b = weighting._field_B.get(field, weighting.B)
            avgfl = self.stats.avg_field_length(field)
            fl = self.postings.whole_lengths(self.view, field)[docs]
            frequency[docs] += leaf.boost * weights / ((1 - b) + b * fl / avgfl)
            out.mask[docs] = True
            field_idf = self.stats.idf(field, leaf.text)
            idf = field_idf if idf is None else min(idf, field_idf)
        if idf is not None:
            k1 = weighting.K1
            docs = np.flatnonzero(out.mask)
            tf = frequency[docs]
            out.score[docs] = idf * tf * (k1 + 1) / (tf + k1) * query.boost
        return out

    def phrase(self, query: wq.Phrase) -> Scored:
        """Documents with the words in order (checked by Whoosh where they all occur)."""
        words = tuple(query.words)
        parts = [self.term(query.fieldname, word) for word in words]
        if not parts or not all(p.mask.any() for p in parts):
            return self.nothing()
        both = np.logical_and.reduce([p.mask for p in parts])
        key = (query.fieldname, words, query.slop)
        mask = np.concatenate(
            [
                self.postings.phrase(leaf.key, key, partial(_phrase_mask, leaf, query))
                if both[leaf.span].any()
                else np.zeros(leaf.reader.doc_count_all(), dtype=bool)
                for leaf in self.view.leaves
            ]
            or [np.zeros(0, dtype=bool)]
        )
        score = np.where(mask, np.sum([p.score for p in parts], axis=0), 0.0)
        if query.boost != 1.0:
            score = score * query.boost
        return Scored(mask, score)

    def expanding(self, query: Expanding) -> Scored:
        """A prefix or a fuzzy word: the sum over its expansions, as Whoosh's union scores it.

        Expanded segment by segment, as Whoosh's matchers expand it: a capped
        prefix or a word's relatives can differ between segments.
        """
        per_leaf = self.postings.expansions(self.view, query)
        if len(self.view.leaves) == 1:
            return self._expanded(query, per_leaf[0], slice(None))
        out = self.nothing()
        for leaf, texts in zip(self.view.leaves, per_leaf, strict=True):
            part = self._expanded(query, texts, leaf.span)
            out.mask[leaf.span] = part.mask
            out.score[leaf.span] = part.score
        return out

    def _expanded(self, query: Expanding, texts: tuple[str, ...], span: slice) -> Scored:
        """The union of *texts* on the documents in *span*."""
        if not texts:
            size = len(range(self.size)[span])
            return Scored(np.zeros(size, dtype=bool), np.zeros(size))
        parts = [self.term(query.fieldname, text, query.boost) for text in texts]
        if len(parts) == 1:
            return Scored(parts[0].mask[span], parts[0].score[span])
        mask = np.logical_or.reduce([p.mask[span] for p in parts])
        if query.constantscore:  # Whoosh's unscored array union: 1 wherever one matches
            return Scored(mask, mask.astype(np.float64))
        combine = np.max if query.union is BestOf else np.sum
        return Scored(mask, combine([p.score[span] for p in parts], axis=0))


def _phrase_mask(leaf: Leaf, query: wq.Phrase) -> np.ndarray:
    """The documents of one segment where Whoosh finds the phrase."""
    mask = np.zeros(leaf.reader.doc_count_all(), dtype=bool)
    plain = wq.Phrase(query.fieldname, list(query.words), slop=query.slop)
    matcher = plain.matcher(leaf.searcher)
    while matcher.is_active():
        mask[matcher.id()] = True
        matcher.next()
    return mask


def _one_word(query: wq.Or) -> bool:
    """One word (or name) searched in several fields: each clause a leaf of its own field."""
    leaves = query.subqueries
    fields = [getattr(q, "fieldname", None) for q in leaves]
    return (
        len(leaves) > 1
        and all(isinstance(q, (wq.Term, wq.Phrase, *_EXPANDING)) for q in leaves)
        and len(set(fields)) == len(fields)
    )


def _dis_max(parts: list[Scored], tie: float) -> Scored:
    """The best field's score plus *tie* times the others' (Lucene's dis_max)."""
    scores = np.array([p.score for p in parts])
    best = scores.max(axis=0)
    mask = np.logical_or.reduce([p.mask for p in parts])
    return Scored(mask, best + tie * (scores.sum(axis=0) - best))


def evaluate(
    searcher: Searcher, postings: PostingCache, query: wq.Query
) -> tuple[np.ndarray, np.ndarray] | None:
    """(mask, scores) of *query* over the whole searcher; None when it needs Whoosh."""
    if not supported(query):
        return None
    scored = _Whole(searcher, index_view(searcher), postings, _Stats(searcher)).run(query)
    return scored.mask, scored.score


def top(mask: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The *limit* best documents of *mask*: highest score first, then lowest number."""
    docs = np.flatnonzero(mask)
    if limit <= 0 or not len(docs):
        return []
    values = scores[docs]
    if len(docs) > limit:
        best = np.argpartition(-values, limit - 1)[:limit]
        keep = values >= values[best].min()  # every tie at the cut, decided by number
        docs, values = docs[keep], values[keep]
    order = np.lexsort((docs, -values))[:limit]
    return [(int(docs[i]), float(values[i])) for i in order]

"""Which documents hold a term, decoded once per segment into numpy arrays.

A search needs, besides its ranking, the set of documents each word or name
matches (to count results, to find those with every word, to say which words
a hit lacks). Walking Whoosh's matchers in Python for that costs about a
microsecond per posting, every request, for every word. Here each term's
document numbers are read block by block, once per segment, and kept in an
LRU cache with a memory budget; boolean queries over terms then become numpy
operations over masks. Deleted documents are masked by the caller.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

#: Bytes of decoded postings kept; the largest term of a 20,000-article
#: index is 80 kB, so this holds thousands of terms.
BUDGET_BYTES = 64 * 1024 * 1024


class PostingCache:
    """Document numbers of (segment, field, term), least recently used dropped first."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        self.budget = budget
        self._lock = threading.Lock()
        self._arrays: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
        self._bytes = 0

    def docs(self, segment: str, reader: IndexReader, field: str, text: str) -> np.ndarray:
        """The segment-relative document numbers holding *text* in *field*."""
        key = (segment, field, text)
        with self._lock:
            found = self._arrays.get(key)
            if found is not None:
                self._arrays.move_to_end(key)
                return found
        docs = _decode(reader, field, text)
        with self._lock:
            if key not in self._arrays:
                self._arrays[key] = docs
                self._bytes += docs.nbytes
                while self._bytes > self.budget and len(self._arrays) > 1:
                    _, dropped = self._arrays.popitem(last=False)
                    self._bytes -= dropped.nbytes
        return docs

    def mask(self, searcher: Searcher, query: wq.Query, size: int) -> np.ndarray | None:
        """Documents matching *query* as a mask, or None when it is not made of terms."""
        leaves = [(f"{r.segment().segment_id()}", r, offset)
                  for r, offset in _readers(searcher)]
        return self._mask(leaves, query, size)

    def _mask(self, leaves: list[tuple[str, IndexReader, int]], query: wq.Query,
              size: int) -> np.ndarray | None:
        if isinstance(query, wq.Term):
            mask = np.zeros(size, dtype=bool)
            for segment, reader, offset in leaves:
                mask[self.docs(segment, reader, query.fieldname, query.text) + offset] = True
            return mask
        if isinstance(query, wq.Every):
            return np.ones(size, dtype=bool)
        if isinstance(query, (wq.Or, wq.And)):
            masks = [self._mask(leaves, q, size) for q in query.subqueries]
            if any(m is None for m in masks):
                return None
            combine = np.logical_or if isinstance(query, wq.Or) else np.logical_and
            return combine.reduce(masks) if masks else np.zeros(size, dtype=bool)
        if isinstance(query, wq.AndNot):
            positive = self._mask(leaves, query.a, size)
            negative = self._mask(leaves, query.b, size)
            if positive is None or negative is None:
                return None
            return positive & ~negative
        return None


def _readers(searcher: Searcher) -> list[tuple[IndexReader, int]]:
    return [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]


def _decode(reader: IndexReader, field: str, text: str) -> np.ndarray:
    """Every document number of a term in one segment, deleted ones included."""
    if (field, text) not in reader:
        return np.zeros(0, dtype=np.int64)
    try:
        matcher = reader.postings(field, text)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64)
    while isinstance(matcher, WrappingMatcher):  # deleted documents: the caller masks them
        matcher = matcher.child
    if not hasattr(matcher, "_read_ids"):
        return np.fromiter(matcher.all_ids(), dtype=np.int64)
    chunks = []
    # Whoosh's W3 postings come in blocks of up to 128 ids: read whole blocks.
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        chunks.append(np.fromiter(matcher._ids, dtype=np.int64))
        matcher._next_block()
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)

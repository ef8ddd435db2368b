"""Postings decoded once per segment into numpy arrays, joined index-wide, under a budget.

A search needs, besides its ranking, the set of documents each word or name
matches (to count results, to find those with every word, to say which words
a hit lacks), and to rank them the weight of the term in each document and
each document's field length. Walking Whoosh's matchers in Python for that
costs about a microsecond per posting, every request, for every word. Here
each term's document numbers and weights are read block by block, once per
segment, and kept in an LRU cache with a memory budget, beside each segment's
field lengths and the documents of the phrases asked for. A query reads
each term's segments joined end to end (index-wide document numbers), so
boolean queries and BM25F become one pass of numpy operations whatever the
number of segments (``search/vector.py``). Deleted
documents are masked by the caller. Segments never change once written
(a merge writes a new one), so nothing here goes stale; the cache belongs to
one index generation.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import partial
from typing import NamedTuple, TypeVar, cast

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .query.multiterm import Expanding

#: Bytes of decoded postings kept, each segment's and the index-wide joins.
#: The 300 benchmark queries read 61 MB of joined postings at 100,000
#: articles (13 MB at 20,000), as much again per segment.
BUDGET_BYTES = 160 * 1024 * 1024
#: Field length stored as one byte (Whoosh's logarithmic scale) -> length.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_LENGTHS[0] = 0.0


class Postings(NamedTuple):
    """One term in one segment (or the whole index): its document numbers and weights."""

    docs: np.ndarray  # int64, ascending
    weights: np.ndarray  # float32: frequency x field boost, as Whoosh stores it


class Leaf(NamedTuple):
    """One segment of a searcher: its cache key, searcher and first document number."""

    key: str
    #: Weak: a one-segment searcher is its own leaf, and the views are kept
    #: in a dictionary weakly keyed by the searcher.
    ref: weakref.ReferenceType[Searcher]
    offset: int

    @property
    def searcher(self) -> Searcher:
        """The segment's searcher (alive as long as the searcher it was listed from)."""
        found = self.ref()
        if found is None:
            raise ReferenceError("the searcher of this segment was closed")
        return found

    @property
    def reader(self) -> IndexReader:
        """The segment's reader."""
        return self.searcher.reader()

    @property
    def span(self) -> slice:
        """The segment's documents in the index-wide arrays."""
        return slice(self.offset, self.offset + self.searcher.reader().doc_count_all())


class IndexView(NamedTuple):
    """Every segment of one searcher, read as one array of documents.

    A query is evaluated once over the whole index rather than once per
    segment: at 100,000 articles a fresh build has 22 segments, and each
    term, mask and score paid its Python overhead 22 times.
    """

    key: tuple[str, ...]
    leaves: tuple[Leaf, ...]
    size: int


def index_view(searcher: Searcher) -> IndexView:
    """The segments of *searcher* (one, for an index of a single segment)."""
    # A searcher's segments never change (a commit makes a new searcher):
    # listing them is done once per searcher, not once per query part.
    found = _VIEWS.get(searcher)
    if found is None:
        leaves = tuple(
            Leaf(segment_key(sub.reader()), weakref.ref(sub), offset)
            for sub, offset in searcher.leaf_searchers()
        )
        found = IndexView(tuple(leaf.key for leaf in leaves), leaves, searcher.doc_count_all())
        _VIEWS[searcher] = found
    return found


_VIEWS: weakref.WeakKeyDictionary[Searcher, IndexView] = weakref.WeakKeyDictionary()


#: What the cache holds: postings, field lengths, phrase masks or expansions.
Cached = TypeVar("Cached", Postings, np.ndarray, tuple[tuple[str, ...], ...])

_EMPTY = Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class PostingCache:
    """Decoded arrays keyed by segment, least recently used dropped first."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        self.budget = budget
        self._lock = threading.Lock()
        self._arrays: OrderedDict[Hashable, object] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self._bytes = 0

    def _get(
        self, key: Hashable, load: Callable[[], Cached], size: Callable[[Cached], int]
    ) -> Cached:
        with self._lock:
            found = self._arrays.get(key)
            if found is not None:
                self._arrays.move_to_end(key)
                return cast(Cached, found)  # a key is always filled by the same kind of load
        value = load()
        with self._lock:
            if key not in self._arrays:
                self._arrays[key] = value
                self._sizes[key] = size(value)
                self._bytes += self._sizes[key]
                while self._bytes > self.budget and len(self._arrays) > 1:
                    dropped, _ = self._arrays.popitem(last=False)
                    self._bytes -= self._sizes.pop(dropped)
        return value

    def phrase(self, segment: str, key: Hashable, load: Callable[[], np.ndarray]) -> np.ndarray:
        """A phrase's document mask in one segment, computed by *load* the first time."""
        found = self._get((segment, "#phrase", key), load, _nbytes)
        return found

    def whole(self, view: IndexView, field: str, text: str) -> Postings:
        """Document numbers (index-wide) and weights of *text* in *field*, every segment.

        Joined from each segment's arrays, which stay cached too (while the
        budget allows): after a commit only the new segment is decoded.
        """
        return self._get(
            (view.key, field, text),
            lambda: _joined([self._segment(leaf, field, text) for leaf in view.leaves], view),
            _postings_size,
        )

    def whole_lengths(self, view: IndexView, field: str) -> np.ndarray:
        """Each document's length of *field*, every segment end to end."""
        return self._get(
            (view.key, "#length", field),
            lambda: _concatenated([self._lengths(leaf, field) for leaf in view.leaves], np.float64),
            _nbytes,
        )

    def _segment(self, leaf: Leaf, field: str, text: str) -> Postings:
        """One segment's postings of *text* in *field*."""
        return self._get(
            (leaf.key, field, text), partial(_decode, leaf.reader, field, text), _postings_size
        )

    def _lengths(self, leaf: Leaf, field: str) -> np.ndarray:
        """One segment's lengths of *field*."""
        return self._get(
            (leaf.key, "#length", field), partial(_lengths, leaf.reader, field), _nbytes
        )

    def expansions(self, view: IndexView, query: Expanding) -> tuple[tuple[str, ...], ...]:
        """*query*'s expansions in each segment of *view*, in segment order.

        Expanded per segment, as Whoosh's matchers expand (a capped prefix or
        a word's relatives can differ between segments); remembered for the
        view, as 22 segments' lookups cost 0.5 ms a search that finds nothing.
        """
        return self._get(
            (view.key, "#expand", *query.expansion_key()),
            partial(_expansions, view, query),
            lambda found: 64 * (1 + sum(len(texts) for texts in found)),
        )

    def _expanded_mask(self, view: IndexView, query: Expanding, size: int) -> np.ndarray:
        """Documents holding an expansion of *query*, expanded per segment as Whoosh does."""
        mask = np.zeros(size, dtype=bool)
        per_leaf = [
            (leaf, set(texts))
            for leaf, texts in zip(view.leaves, self.expansions(view, query), strict=True)
        ]
        words = set().union(*(texts for _, texts in per_leaf))
        for word in sorted(words):
            docs = self.whole(view, query.fieldname, word).docs
            if all(word in texts for _, texts in per_leaf):
                mask[docs] = True
                continue
            found = np.zeros(size, dtype=bool)
            found[docs] = True
            for leaf, texts in per_leaf:
                if word in texts:
                    mask[leaf.span] |= found[leaf.span]
        return mask

    def mask(self, searcher: Searcher, query: wq.Query, size: int) -> np.ndarray | None:
        """Documents matching *query* as a mask, or None when it is not made of terms."""
        return self._mask(index_view(searcher), query, size)

    def _mask(self, view: IndexView, query: wq.Query, size: int) -> np.ndarray | None:
        if isinstance(query, wq.Term):
            mask = np.zeros(size, dtype=bool)
            mask[self.whole(view, query.fieldname, query.text).docs] = True
            return mask
        if isinstance(query, wq.Every):
            return np.ones(size, dtype=bool)
        if isinstance(query, Expanding):
            return self._expanded_mask(view, query, size)
        if isinstance(query, (wq.Or, wq.And, wq.DisjunctionMax)):
            masks = [self._mask(view, q, size) for q in query.subqueries]
            if any(m is None for m in masks):
                return None
            combine = np.logical_and if isinstance(query, wq.And) else np.logical_or
            present = [m for m in masks if m is not None]
            return combine.reduce(present) if present else np.zeros(size, dtype=bool)
        if isinstance(query, wq.AndNot):
            positive = self._mask(view, query.a, size)
            negative = self._mask(view, query.b, size)
            if positive is None or negative is None:
                return None
            return positive & ~negative
        return None


def segment_key(reader: IndexReader) -> str:
    """The cache key of a segment reader: its segment id."""
    return f"{reader.segment().segment_id()}"


def _expansions(view: IndexView, query: Expanding) -> tuple[tuple[str, ...], ...]:
    """The terms a prefix, typo or word family expands to, in each segment."""
    return tuple(
        tuple(t.decode("utf-8") if isinstance(t, bytes) else t for t in texts if t)
        for texts in (query._btexts(leaf.reader) for leaf in view.leaves)
    )


def _postings_size(postings: Postings) -> int:
    return postings.docs.nbytes + postings.weights.nbytes


def _nbytes(array: np.ndarray) -> int:
    return array.nbytes


def _joined(parts: list[Postings], view: IndexView) -> Postings:
    """Segments' postings end to end, their document numbers shifted to the index's."""
    if len(parts) == 1:
        return parts[0]
    return Postings(
        _concatenated(
            [p.docs + leaf.offset for p, leaf in zip(parts, view.leaves, strict=True)], np.int64
        ),
        _concatenated([p.weights for p in parts], np.float32),
    )


def _concatenated(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    if len(arrays) == 1:
        return arrays[0]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def _decode(reader: IndexReader, field: str, text: str) -> Postings:
    """Every posting of a term in one segment, deleted documents included."""
    if (field, text) not in reader:
        return _EMPTY
    try:
        matcher = reader.postings(field, text)
    except TermNotFound:
        return _EMPTY
    while isinstance(matcher, WrappingMatcher):  # deleted documents: the caller masks them
        matcher = matcher.child
    if not hasattr(matcher, "_read_ids"):
        docs, weights = [], []
        while matcher.is_active():
            docs.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return Postings(np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float32))
    ids, weights = [], []
    # Whoosh's W3 postings come in blocks of up to 128 postings: read whole blocks.
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int64))
        weights.append(np.asarray(matcher._weights, dtype=np.float32))
        matcher._next_block()
    if not ids:
        return _EMPTY
    return Postings(np.concatenate(ids), np.concatenate(weights))


def _lengths(reader: IndexReader, field: str) -> np.ndarray:
    """Field lengths of one segment as Whoosh stores them (one byte, log scale)."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) if perdoc is not None else None
    if column is None:
        return np.array(
            [reader.doc_field_length(d, field, 0) or 0 for d in range(count)], dtype=np.float64
        )
    raw = np.fromiter(iter(column), dtype=np.uint8, count=count)
    return _LENGTHS[raw]

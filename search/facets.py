"""Facet counting over per-segment arrays: a few numpy operations per facet and query.

Plain Whoosh facets (``groupedby=FieldFacet(...)``) read every matched
document's values in Python and cost about four times the query. Here each
segment's (document, value) pairs are read once from the postings and kept as
numpy arrays; counting a facet for a set of matched documents is then one
``bincount``. Value ids are global (one registry per field, shared by all
segments), so segments add up without dictionaries.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .facetspec import FACETS

#: Facet name -> the index field holding its values.
FACET_FIELDS = {facet.name: facet.field for facet in FACETS}
NO_DATE = np.iinfo(np.int64).min
#: Below one matched document per this many (document, value) pairs, counting
#: reads the matched documents' values rather than scanning every pair.
SPARSE_SHARE = 4


@dataclass
class Registry:
    """Global ids of one field's values; only grows, shared by all segments."""

    ids: dict[str, int] = field(default_factory=dict)
    values: list[str] = field(default_factory=list)

    def id_of(self, value: str) -> int:
        """The id of *value*, registering it when new."""
        known = self.ids.get(value)
        if known is None:
            known = self.ids[value] = len(self.values)
            self.values.append(value)
        return known


@dataclass
class SegmentArrays:
    """One segment's (document, value id) pairs per field, and its dates and labels."""

    doc_count: int
    pairs: dict[str, tuple[np.ndarray, np.ndarray]]
    published: np.ndarray
    live: np.ndarray
    labels: dict[str, Counter[str]]


@dataclass
class FacetArrays:
    """The arrays of a whole searcher: segments concatenated at their doc offsets."""

    doc_count: int
    pairs: dict[str, tuple[np.ndarray, np.ndarray]]
    published: np.ndarray
    live: np.ndarray
    registries: dict[str, Registry]
    labels: dict[str, str]
    #: True for each document without a publication date.
    undated: np.ndarray = field(init=False)
    #: Per facet, the value ids grouped by document: (start of each document, ids).
    by_document: dict[str, tuple[np.ndarray, np.ndarray]] = field(init=False)
    #: Per facet, the documents grouped by value: (documents, values, start of each value).
    by_value: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(init=False)

    def __post_init__(self) -> None:
        self.undated = self.published == NO_DATE
        self.by_document = {
            name: _group_by_document(docs, values, self.doc_count)
            for name, (docs, values) in self.pairs.items()
        }
        self.by_value = {
            name: _group_by_value(docs, values) for name, (docs, values) in self.pairs.items()
        }

    def counts(self, name: str, mask: np.ndarray) -> np.ndarray:
        """How many documents in *mask* hold each value of facet *name*."""
        size = len(self.registries[name].values)
        matched = np.flatnonzero(mask)
        if len(matched) * SPARSE_SHARE >= len(self.pairs[name][0]):
            return self._dense_counts(name, mask, size)
        # Few matches (a rare word, a narrow filter, none): read only their
        # values instead of testing every (document, value) pair of the index.
        starts, ids = self.by_document[name]
        begins = starts[matched]
        lengths = starts[matched + 1] - begins
        shifts = np.repeat(begins - (np.cumsum(lengths) - lengths), lengths)
        return np.bincount(ids[np.arange(len(shifts)) + shifts], minlength=size)

    def _dense_counts(self, name: str, mask: np.ndarray, size: int) -> np.ndarray:
        """Counts as sums over each value's documents: no compaction, no scattered adds."""
        docs, values, starts = self.by_value[name]
        counts = np.zeros(size, dtype=np.int64)
        if len(docs):
            flags = mask.view(np.uint8)
            counts[values] = np.add.reduceat(flags[docs], starts, dtype=np.int64)
        return counts

    def mask_of(self, name: str, values: list[str]) -> np.ndarray:
        """Documents holding any of *values* in facet *name*."""
        registry = self.registries[name]
        wanted = [registry.ids[v] for v in values if v in registry.ids]
        mask = np.zeros(self.doc_count, dtype=bool)
        if wanted:
            docs, ids = self.pairs[name]
            mask[docs[np.isin(ids, wanted)]] = True
        return mask

    def label(self, value: str) -> str:
        """The display label of an entity key (the key itself when unknown)."""
        return self.labels.get(value, value)


class FacetCache:
    """Per-segment arrays, built once per segment and shared by every thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segments: dict[str, SegmentArrays] = {}
        self._registries = {name: Registry() for name in FACET_FIELDS}
        self._combined: tuple[tuple[str, ...], FacetArrays] | None = None
        #: A searcher's segments never change: its arrays, without listing them again.
        self._by_searcher: weakref.WeakKeyDictionary[Searcher, FacetArrays] = (
            weakref.WeakKeyDictionary()
        )

    def arrays(self, searcher: Searcher) -> FacetArrays:
        """The arrays for *searcher*'s segments, built for new segments only."""
        found = self._by_searcher.get(searcher)
        if found is None:
            found = self._by_searcher[searcher] = self._arrays(searcher)
        return found

    def _arrays(self, searcher: Searcher) -> FacetArrays:
        leaves = _leaves(searcher)
        key = tuple(seg_id for seg_id, _, _ in leaves)
        combined = self._combined
        if combined is not None and combined[0] == key:
            return combined[1]
        with self._lock:
            for seg_id, reader, _ in leaves:
                if seg_id not in self._segments:
                    self._segments[seg_id] = self._read_segment(reader)
            for stale in set(self._segments) - set(key):
                del self._segments[stale]
            arrays = self._combine(leaves)
            self._combined = (key, arrays)
        return arrays

    def _read_segment(self, reader: IndexReader) -> SegmentArrays:
        pairs = {}
        for name, fieldname in FACET_FIELDS.items():
            registry = self._registries[name]
            docs: list[np.ndarray] = []
            ids: list[np.ndarray] = []
            if fieldname in reader.schema and reader.field_length(fieldname) >= 0:
                for term in reader.lexicon(fieldname):
                    postings = np.fromiter(
                        reader.postings(fieldname, term).all_ids(), dtype=np.int32
                    )
                    docs.append(postings)
                    value = term.decode("utf-8") if isinstance(term, bytes) else term
                    ids.append(np.full(len(postings), registry.id_of(value), np.int32))
            pairs[name] = _concat(docs, ids)
        return SegmentArrays(
            doc_count=reader.doc_count_all(),
            pairs=pairs,
            published=_published(reader),
            live=_live(reader),
            labels=_labels(reader),
        )

    def _combine(self, leaves: list[tuple[str, IndexReader, int]]) -> FacetArrays:
        segments = [(self._segments[seg_id], offset) for seg_id, _, offset in leaves]
        total = sum(s.doc_count for s, _ in segments)
        pairs = {}
        for name in FACET_FIELDS:
            docs = [s.pairs[name][0] + offset for s, offset in segments]
            ids = [s.pairs[name][1] for s, _ in segments]
            pairs[name] = _concat(docs, ids)
        published = np.concatenate(
            [s.published for s, _ in segments] or [np.zeros(0, dtype=np.int64)]
        )
        live = np.concatenate([s.live for s, _ in segments] or [np.zeros(0, dtype=bool)])
        labels: Counter[tuple[str, str]] = Counter()
        for segment, _ in segments:
            for key, spellings in segment.labels.items():
                for label, count in spellings.items():
                    labels[(key, label)] += count
        best: dict[str, str] = {}
        for (key, label), _ in labels.most_common():
            best.setdefault(key, label)
        return FacetArrays(total, pairs, published, live, self._registries, best)


def _leaves(searcher: Searcher) -> list[tuple[str, IndexReader, int]]:
    """(segment id, reader, doc offset) of each segment under *searcher*."""
    leaves = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        segment = reader.segment()
        seg_id = f"{segment.segment_id()}:{segment.deleted_count()}"
        leaves.append((seg_id, reader, offset))
    return leaves


def _group_by_document(
    docs: np.ndarray, values: np.ndarray, doc_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """(where each document's values start, the value ids in document order)."""
    order = np.argsort(docs, kind="stable")
    starts = np.zeros(doc_count + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=doc_count), out=starts[1:])
    return starts, values[order]


def _group_by_value(
    docs: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(documents in value order, each value present, where its documents start)."""
    order = np.argsort(values, kind="stable")
    present, starts = np.unique(values[order], return_index=True)
    return docs[order].astype(np.intp), present, starts


def _concat(docs: list[np.ndarray], ids: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not docs:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(docs).astype(np.int32), np.concatenate(ids)


def _published(reader: IndexReader) -> np.ndarray:
    """Publication time of each document as an integer (NO_DATE when unknown)."""
    if not reader.has_column("published"):
        return np.full(reader.doc_count_all(), NO_DATE, dtype=np.int64)
    column = reader.column_reader("published", translate=False)
    raw = np.fromiter(iter(column), dtype=np.uint64, count=reader.doc_count_all())
    # Documents without a date hold the column's default: 0 or the top value.
    missing = (raw == 0) | (raw >= np.uint64(2**63))
    out = raw.astype(np.int64)
    out[missing] = NO_DATE
    return out


def _live(reader: IndexReader) -> np.ndarray:
    """True for each document not deleted."""
    live = np.zeros(reader.doc_count_all(), dtype=bool)
    live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    return live


def _labels(reader: IndexReader) -> dict[str, Counter[str]]:
    """How each entity key is spelled across the segment's documents."""
    labels: dict[str, Counter[str]] = {}
    if "facet_labels" not in reader.schema or not reader.has_column("facet_labels"):
        return labels
    column = reader.column_reader("facet_labels")
    for docnum in range(reader.doc_count_all()):
        raw = column[docnum]
        if not raw:
            continue
        for key, label in json.loads(raw).items():
            labels.setdefault(key, Counter())[label] += 1
    return labels

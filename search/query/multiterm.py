"""Whoosh queries that expand to several index terms, with bounded cost."""

from __future__ import annotations

import heapq
import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from whoosh.matching import Matcher, NullMatcher
from whoosh.query import FuzzyTerm, Prefix, Term
from whoosh.query.compound import PreloadedOr
from whoosh.query.terms import MultiTerm
from whoosh.reading import IndexReader
from whoosh.searching import SearchContext, Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from search.normalize import match_key

from .bestof import BestOf

#: Most index terms one prefix or fuzzy word expands to, per field.
MAX_EXPANSIONS = 256
#: Candidates read before keeping the most frequent MAX_EXPANSIONS of them.
_SCAN_LIMIT = 20_000


def _most_frequent(
    reader: IndexReader, fieldname: str, btexts: Iterable[bytes | str], limit: int
) -> list[bytes | str]:
    """At most *limit* terms, the ones in most documents, when there are too many."""
    candidates = list(itertools.islice(btexts, _SCAN_LIMIT))
    if len(candidates) <= limit:
        return candidates
    return heapq.nlargest(limit, candidates, key=lambda text: reader.doc_frequency(fieldname, text))


class Expanding(MultiTerm):
    """Matches through one array-backed union of the expansions.

    Whoosh's default for an ``Or`` of many terms on an index over 5,000
    documents is a binary tree of union matchers: 620 ms for ``ab*`` (280
    terms) on 20,000 documents, against 90 ms with ``PreloadedOr``.
    """

    #: How the expansions' scores combine: summed, or the best one only (``BestOf``).
    union: type[PreloadedOr | BestOf] = PreloadedOr

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Matcher:
        terms = [
            Term(self.fieldname, text, boost=self.boost)
            for text in self._btexts(searcher.reader())
            if text
        ]
        if not terms:
            return NullMatcher()
        if len(terms) == 1:
            return terms[0].matcher(searcher, context)
        if self.constantscore:
            context = context.set(weighting=None) if context else SearchContext(weighting=None)
        return self.union(terms).matcher(searcher, context)

    def _btexts(self, ixreader: IndexReader) -> list[bytes | str]:
        """The expansions in *ixreader*, looked up once per segment.

        A search expands each prefix or typo several times (to match, to
        count each word, to rank, to mark snippets), and the same words come
        back in later searches; a segment never changes once written.
        """
        segment = ixreader.segment() if ixreader.is_atomic() else None
        if segment is None:
            return self._expand(ixreader)
        key = (segment.segment_id(), *self.expansion_key())
        with _EXPANSIONS_LOCK:
            found = _EXPANSIONS.get(key)
            if found is not None:
                _EXPANSIONS.move_to_end(key)
                return found
        found = self._expand(ixreader)
        with _EXPANSIONS_LOCK:
            _EXPANSIONS[key] = found
            while len(_EXPANSIONS) > _EXPANSIONS_KEPT:
                _EXPANSIONS.popitem(last=False)
        return found

    def expansion_key(self) -> tuple[str, str, str, int, int]:
        """What decides the expansions in a given segment: kind, field, text, distance, prefix."""
        return (
            type(self).__name__,
            self.fieldname,
            self.text,
            getattr(self, "maxdist", 0),
            getattr(self, "prefixlength", 0),
        )

    def _expand(self, ixreader: IndexReader) -> list[bytes | str]:
        raise NotImplementedError


#: (segment, kind, field, text, distance, prefix) -> expansions, most recent last.
_EXPANSIONS: OrderedDict[tuple, list[bytes | str]] = OrderedDict()
_EXPANSIONS_LOCK = threading.Lock()
_EXPANSIONS_KEPT = 20_000


class CappedPrefix(Expanding, Prefix):
    """``Prefix`` expanded to its MAX_EXPANSIONS most frequent terms (``pr*`` stays fast)."""

    def _expand(self, ixreader: IndexReader) -> list[bytes | str]:
        expansions = itertools.islice(ixreader.iter_prefix(self.fieldname, self.text), _SCAN_LIMIT)
        best = heapq.nlargest(MAX_EXPANSIONS, expansions, key=lambda item: item[1].doc_frequency())
        return sorted(btext for btext, _ in best)


class CappedFuzzy(Expanding, FuzzyTerm):
    """Terms within ``maxdist`` Damerau-Levenshtein edits: a swap of two letters is one.

    Whoosh's automaton measures plain Levenshtein distance (``pyongyagn`` is 2
    edits from ``pyongyang``), and costs ~100 ms a field at distance 2 on a
    100,000-term lexicon. So distance 1 uses the automaton plus a lexicon
    lookup of each one-swap variant (~6 ms); distance 2 scans the terms that
    share the first ``prefixlength`` letters (2 by default there), with a
    length filter before the edit distance (~3 ms).
    """

    def _expand(self, ixreader: IndexReader) -> list[bytes | str]:
        if self.maxdist <= 1:
            found: Iterable[bytes | str] = _within_one(
                ixreader, self.fieldname, self.text, self.prefixlength
            )
        else:
            found = _within(ixreader, self.fieldname, self.text, self.maxdist, self.prefixlength)
        return _most_frequent(ixreader, self.fieldname, found, MAX_EXPANSIONS)


#: Most longer terms one word's relatives take, per field (the most frequent).
MAX_RELATIVES = 8
#: Shortest stem whose relatives are looked up, and shortest shorter relative:
#: below four letters, a shared beginning is chance (``art``, ``artère``, ``artiste``).
MIN_RELATIVE_STEM = 4


class Relatives(Expanding, Prefix):
    """Index terms of the same family as a stem: the words built on it and the one it is built on.

    Stemming conflates inflections (``déployé``, ``déployer``) but not
    derivations: ``Espagne`` / ``espagnol``, ``assassinat`` / ``assassin``,
    ``sélectionné`` / ``sélection``. Here they are the terms that start with
    the stem (its MAX_RELATIVES most frequent) and the longest term the stem
    starts with, never the stem itself; scored as terms, they let an article
    that only uses a relative be found, below those that use the word.
    """

    # The best relative scores, as in search.vector: one family counts once.
    union = BestOf

    def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None:
        super().__init__(fieldname, text, boost=boost, constantscore=False)

    def _expand(self, ixreader: IndexReader) -> list[bytes | str]:
        text = self.text
        if len(text) < MIN_RELATIVE_STEM:
            return []
        longer = (
            item
            for item in itertools.islice(ixreader.iter_prefix(self.fieldname, text), _SCAN_LIMIT)
            if item[0] != text.encode("utf-8")
        )
        best = heapq.nlargest(MAX_RELATIVES, longer, key=lambda item: item[1].doc_frequency())
        found: list[bytes | str] = [btext for btext, _ in best]
        shorter = next(
            (
                text[:size]
                for size in range(len(text) - 1, MIN_RELATIVE_STEM - 1, -1)
                if (self.fieldname, text[:size]) in ixreader
            ),
            None,
        )
        if shorter is not None:
            found.append(shorter.encode("utf-8"))
        return sorted(found)


def _within_one(reader: IndexReader, fieldname: str, text: str, prefix: int) -> set[str]:
    found = set(reader.terms_within(fieldname, text, 1, prefix=prefix))
    for i in range(len(text) - 1):
        swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if (fieldname, swapped) in reader:
            found.add(swapped)
    return found


def _within(
    reader: IndexReader, fieldname: str, text: str, maxdist: int, prefix: int
) -> Iterator[bytes]:
    for btext in reader.expand_prefix(fieldname, text[:prefix]):
        word = btext.decode("utf-8")
        if abs(len(word) - len(text)) <= maxdist and (
            damerau_levenshtein(word, text, maxdist) <= maxdist
        ):
            yield btext


class KeyMatch(MultiTerm):
    """Index terms of an ID or KEYWORD field whose key is *key* or ends with it.

    A key is :func:`search.normalize.match_key` of the stored value (the
    entity fields already store keys). ``poutine`` matches ``vladimir
    poutine``; ``monde`` matches the source ``Le Monde``. A per-segment table
    from every whole-word suffix of every key to its terms is built on first
    use and cached, so each query costs a dictionary lookup.
    """

    def __init__(
        self, fieldname: str, key: str, boost: float = 1.0, fold_stored: bool = False
    ) -> None:
        self.fieldname = fieldname
        self.text = key
        self.boost = boost
        self.fold_stored = fold_stored
        self.constantscore = True

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, KeyMatch)
            and self.fieldname == other.fieldname
            and self.text == other.text
            and self.boost == other.boost
            and self.fold_stored == other.fold_stored
        )

    def __hash__(self) -> int:
        return hash((KeyMatch, self.fieldname, self.text, self.boost, self.fold_stored))

    def __repr__(self) -> str:
        return f"KeyMatch({self.fieldname!r}, {self.text!r})"

    def __str__(self) -> str:
        return f"{self.fieldname}:~{self.text}"

    def _btexts(self, ixreader: IndexReader) -> list[bytes]:
        if self.fieldname not in ixreader.schema:
            return []
        found: set[bytes] = set()
        for leaf, _ in ixreader.leaf_readers():
            found.update(_suffix_table(leaf, self.fieldname, self.fold_stored).get(self.text, ()))
        return sorted(found)


_TABLES: OrderedDict[tuple[str, str, bool], dict[str, tuple[bytes, ...]]] = OrderedDict()
_TABLES_LOCK = threading.Lock()
_TABLES_KEPT = 64


def _suffix_table(reader: IndexReader, fieldname: str, fold: bool) -> dict[str, tuple[bytes, ...]]:
    """Whole-word suffix of each key -> terms, cached per segment (segments never change)."""
    segment = reader.segment()
    if segment is None:
        return _build_table(reader, fieldname, fold)
    cache_key = (segment.segment_id(), fieldname, fold)
    with _TABLES_LOCK:
        table = _TABLES.get(cache_key)
        if table is not None:
            _TABLES.move_to_end(cache_key)
            return table
    table = _build_table(reader, fieldname, fold)
    with _TABLES_LOCK:
        _TABLES[cache_key] = table
        while len(_TABLES) > _TABLES_KEPT:
            _TABLES.popitem(last=False)
    return table


def _build_table(reader: IndexReader, fieldname: str, fold: bool) -> dict[str, tuple[bytes, ...]]:
    table: dict[str, list[bytes]] = {}
    for btext in reader.lexicon(fieldname):
        text = btext.decode("utf-8")
        for suffix in _word_suffixes(match_key(text) if fold else text):
            table.setdefault(suffix, []).append(btext)
    return {suffix: tuple(terms) for suffix, terms in table.items()}


def _word_suffixes(key: str) -> Iterator[str]:
    """``vladimir poutine`` -> ``vladimir poutine``, ``poutine``."""
    words = key.split(" ")
    for i in range(len(words)):
        yield " ".join(words[i:])

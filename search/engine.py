"""The search engine of a process: the index opened once, a searcher per thread.

A web server calls :class:`Engine` from several threads. The Whoosh index is
opened once; each thread keeps its own searcher and refreshes it at the start
of each request (a new searcher costs ~5 ms, a refresh almost nothing), so an
incremental reindex is seen at once. A ``loupe index --full`` swaps the
``current`` generation: the next request notices and reopens.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from whoosh.collectors import Collector, TimeLimit, TimeLimitCollector
from whoosh.fields import Schema
from whoosh.index import Index
from whoosh.query import Query
from whoosh.searching import Results, Searcher

from . import execute, layout, ranking, vector
from .aliases import AliasTable, load_aliases
from .articles import ArticleView, article_view
from .correction import Checked, run_checked
from .facets import FacetArrays, FacetCache
from .hits import make_hit
from .names import NameCache
from .postings import PostingCache
from .query import ParsedQuery, parse_query
from .results import EntityRef, FacetValue, Hit, ResultPage, SearchRequest
from .suggest import Speller, Vocabulary


@dataclass
class Generation:
    """One opened index generation and the caches that belong to it."""

    path: Path
    ix: Index
    meta: layout.IndexMeta
    facets: FacetCache = field(default_factory=FacetCache)
    names: NameCache = field(default_factory=NameCache)
    postings: PostingCache = field(default_factory=PostingCache)
    _vocabulary: Vocabulary | None = None
    #: The schema, read once: Whoosh's ``Index.schema`` reads the TOC file each time.
    schema: Schema = field(init=False)

    def __post_init__(self) -> None:
        self.schema = self.ix.schema

    @property
    def vocabulary(self) -> Vocabulary:
        """Word forms for suggestions, read on first use."""
        # One read of the attribute: another thread may reset it at any time.
        vocabulary = self._vocabulary
        if vocabulary is None:
            vocabulary = self._vocabulary = Vocabulary.load(self.path)
        return vocabulary

    def committed(self) -> None:
        """Forget what an indexing commit changed: the metadata and the vocabulary."""
        self.meta = layout.read_meta(self.path)
        self._vocabulary = None


#: Term frequencies remembered per searching thread (cleared when full).
KEPT_FREQUENCIES = 50_000


class Engine:
    """Searches one index directory; safe to share between threads."""

    def __init__(self, index_dir: str | Path, aliases: AliasTable | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.aliases = aliases if aliases is not None else load_aliases()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._current = self._open()
        #: The ``current`` link's text when it last pointed at ``_current``.
        self._seen_link: str | None = None

    def _open(self) -> Generation:
        ix, path = layout.open_current(self.index_dir)
        return Generation(path, ix, layout.read_meta(path))

    def generation(self) -> Generation:
        """The current generation, reopened when ``loupe index --full`` swapped it."""
        link = layout.current_link(self.index_dir)
        if link is not None and link == self._seen_link:
            return self._current  # one readlink per request, not a path resolution
        path = layout.current_generation(self.index_dir)
        if path is not None and path != self._current.path:
            with self._lock:
                if path != self._current.path:
                    self._current = self._open()
        self._seen_link = link if path == self._current.path else None
        return self._current

    def version(self) -> str:
        """What changes whenever the served articles may change: the key of HTTP ETags.

        The generation name changes on a ``--full`` swap, the Whoosh TOC number
        on every commit, and the metadata file's time (rewritten, never edited in
        place) at the end of every ``loupe index`` run.
        """
        gen = self.generation()
        return f"{gen.path.name}/{gen.ix.latest_generation()}/{layout.meta_written(gen.path)}"

    def current(self) -> tuple[Generation, Searcher]:
        """The current generation and this thread's searcher on it, up to date.

        Nothing to release: the searcher stays open for the thread's next call.
        """
        gen = self.generation()
        local = self._local
        searcher: Searcher | None = getattr(local, "searcher", None)
        if searcher is None or getattr(local, "generation", None) is not gen:
            if searcher is not None:
                searcher.close()
            searcher = gen.ix.searcher(weighting=ranking.weighting())
        else:
            fresh = searcher.refresh()
            if fresh is not searcher:
                gen.committed()
            searcher = fresh
        if getattr(local, "searcher", None) is not searcher:
            local.frequencies = {}
        local.searcher, local.generation = searcher, gen
        return gen, searcher

    def parse(self, text: str) -> ParsedQuery:
        """The query language applied to *text* (never raises)."""
        return parse_query(text, self.current_schema(), self.aliases)

    def current_schema(self) -> Schema:
        """The schema of the index being searched."""
        return self._current.schema

    def parse_request(
        self, request: SearchRequest, gen: Generation, arrays: FacetArrays, searcher: Searcher
    ) -> ParsedQuery:
        """The request's query, ranked unless every word is asked for."""
        names = gen.names.get(arrays.registries).find
        frequency = self._frequency

        def known(field_name: str, term: str) -> bool:
            return frequency(field_name, term) > 0

        return parse_query(
            request.q, gen.schema, self.aliases, request.match != "all", names, known
        )

    def _frequency(self, field_name: str, term: str) -> int:
        """Articles holding *term* in *field_name*, for this thread's searcher.

        Looked up once per searcher: each lookup reads every segment's term
        table, and a search asks several times for the same words.
        """
        local = self._local
        counts: dict[tuple[str, str], int] = local.frequencies
        key = (field_name, term)
        found = counts.get(key)
        if found is None:
            if len(counts) >= KEPT_FREQUENCIES:
                counts.clear()
            found = counts[key] = local.searcher.reader().doc_frequency(field_name, term)
        return found

    def search(self, request: SearchRequest) -> ResultPage:
        """One page of results with its facets."""
        started = time.perf_counter()
        gen, searcher = self.current()
        arrays = gen.facets.arrays(searcher)
        checked = self._checked(gen, searcher, arrays, request)
        parsed, matches = checked.parsed, checked.matches
        total = int(matches.final.sum())
        deadline = _deadline(started, request.time_limit)
        page, partial = self._page(
            searcher, gen.postings, arrays, parsed, matches, request, deadline
        )
        terms = _terms(parsed.highlight_terms_in(searcher.reader()))
        words = tuple(s.text for s in parsed.should)
        hits = [
            make_hit(
                searcher.stored_fields(doc),
                terms,
                score,
                request.snippets,
                matches.missing(doc, words),
            )
            for doc, score in page
        ]
        facets = {
            name: execute.facet_values(arrays, name, matches, request, request.facet_size)
            for name in request.facets
        }
        end = request.start + request.per_page
        return ResultPage(
            query=request.q,
            total=total,
            page=request.page,
            per_page=request.per_page,
            start=request.start,
            hits=hits,
            facets=facets,
            suggestion=checked.suggestion,
            corrected=checked.corrected,
            notes=[*parsed.notes, *([parsed.error] if parsed.error else [])],
            next_offset=end if end < total else None,
            took_ms=round((time.perf_counter() - started) * 1000, 1),
            partial=partial,
            total_all=matches.total_complete,
            match=request.match,
            entities=_named(arrays, parsed),
            undated=execute.undated_count(arrays, matches),
            undated_excluded=execute.undated_excluded(matches, request),
        )

    def _checked(
        self, gen: Generation, searcher: Searcher, arrays: FacetArrays, request: SearchRequest
    ) -> Checked:
        """The matches of *request*, or of its spelling correction when it finds nothing."""
        return run_checked(
            request,
            lambda text: self._match(gen, searcher, arrays, text, request),
            Speller(searcher.reader(), lambda: gen.vocabulary, self.aliases, self._frequency),
        )

    def _match(
        self,
        gen: Generation,
        searcher: Searcher,
        arrays: FacetArrays,
        text: str,
        request: SearchRequest,
    ) -> tuple[ParsedQuery, execute.Matches]:
        """*text* parsed as *request* asks, and the documents it and the filters match."""
        parsed = self.parse_request(replace(request, q=text), gen, arrays, searcher)
        matches = execute.match(searcher, arrays, parsed, request, gen.postings)
        return (parsed.dates_opened() if matches.widened else parsed), matches

    def _page(
        self,
        searcher: Searcher,
        postings: PostingCache,
        arrays: FacetArrays,
        parsed: ParsedQuery,
        matches: execute.Matches,
        request: SearchRequest,
        deadline: float | None,
    ) -> tuple[list[tuple[int, float | None]], bool]:
        """(document number, score) of the page, in order; True if ranking ran out of time."""
        start, count = request.start, request.per_page
        if matches.complete is not None and execute.TIERS:
            return self._tiered_page(searcher, postings, arrays, parsed, matches, request, deadline)
        if request.sort == "relevance" and parsed.has_text:
            query = parsed.ranking if parsed.ranked else parsed.query
            # Without filters, the query's own matches are the results.
            everything = not matches.filtered and not parsed.ranked
            ranked, partial = _best(
                searcher, postings, query, matches.final, start + count, deadline, everything
            )
            return ranked[start : start + count], partial
        newest_first = request.sort != "date"
        docs = execute.ordered_page(arrays, matches.final, newest_first, start, count)
        return [(doc, None) for doc in docs], False

    def _tiered_page(
        self,
        searcher: Searcher,
        postings: PostingCache,
        arrays: FacetArrays,
        parsed: ParsedQuery,
        matches: execute.Matches,
        request: SearchRequest,
        deadline: float | None,
    ) -> tuple[list[tuple[int, float | None]], bool]:
        """A ranked query's page: articles with every word first, then the others.

        The first tier is ranked by the all-words query, as a strict search
        would; the second is only ranked when the page reaches it.
        """
        assert matches.complete is not None and parsed.strict is not None
        start, end = request.start, request.start + request.per_page
        first = matches.final & matches.complete
        tiers = ((first, parsed.strict), (matches.final & ~matches.complete, parsed.ranking))
        out: list[tuple[int, float | None]] = []
        partial, skipped = False, 0  # skipped: results ranked before this tier
        for mask, query in tiers:
            size = int(np.count_nonzero(mask))
            want = min(size, end - skipped)
            if want > 0 and skipped + size > start:
                strict = query is parsed.strict and not matches.filtered
                docs, cut = self._tier(
                    searcher, postings, arrays, mask, query, want, request, deadline, strict
                )
                out.extend(docs[max(0, start - skipped) :])
                partial = partial or cut
            skipped += size
        return out, partial

    def _tier(
        self,
        searcher: Searcher,
        postings: PostingCache,
        arrays: FacetArrays,
        mask: np.ndarray,
        query: Query,
        limit: int,
        request: SearchRequest,
        deadline: float | None,
        strict: bool,
    ) -> tuple[list[tuple[int, float | None]], bool]:
        """The first *limit* documents of *mask*, by score or by date."""
        if request.sort != "relevance":
            docs = execute.ordered_page(arrays, mask, request.sort != "date", 0, limit)
            return [(doc, None) for doc in docs], False
        # The all-words query finds exactly the first tier when no filter applies.
        return _best(searcher, postings, query, mask, limit, deadline, strict)

    def facet_search(
        self, name: str, prefix: str, request: SearchRequest, size: int = 20
    ) -> list[FacetValue]:
        """Values of facet *name* whose label has a word starting with *prefix*."""
        from .normalize import fold

        wanted = fold(prefix).strip()
        gen, searcher = self.current()
        arrays = gen.facets.arrays(searcher)
        matches = self._checked(gen, searcher, arrays, request).matches
        values = execute.facet_values(arrays, name, matches, request, size=10**9)
        return [
            v
            for v in values
            if v.count and any(w.startswith(wanted) for w in _label_words(fold(v.label)))
        ][:size]

    def similar(self, doc_id: str, count: int = 5) -> list[Hit] | None:
        """Articles like *doc_id* (None when it does not exist)."""
        _, searcher = self.current()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        text = f"{stored.get('title', '')}\n{stored.get('body', '')}"
        results = searcher.more_like(docnum, "body", text=text, top=count, numterms=12)
        return [make_hit(hit.fields(), (), hit.score, True) for hit in results]

    def article(self, doc_id: str, q: str = "") -> ArticleView | None:
        """The reading view of one article, *q*'s words marked; None when unknown."""
        parsed = self.parse(q) if q.strip() else None
        _, searcher = self.current()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        terms = _terms(parsed.highlight_terms_in(searcher.reader())) if parsed else ()
        return article_view(stored, terms)

    def stored(self, doc_id: str) -> dict | None:
        """The stored fields of one article, or None."""
        _, searcher = self.current()
        docnum = searcher.document_number(id=doc_id)
        return dict(searcher.stored_fields(docnum)) if docnum is not None else None

    def status(self) -> dict:
        """Article count, last indexing time, versions and size of the index."""
        gen, searcher = self.current()
        count = searcher.doc_count()
        size = sum(p.stat().st_size for p in gen.path.iterdir() if p.is_file())
        return {
            "articles": count,
            "last_indexed": gen.meta.updated,
            "created": gen.meta.created,
            "analyzer_version": gen.meta.analyzer_version,
            "schema_version": gen.meta.schema_version,
            "index_bytes": size,
            "generation": gen.path.name,
        }


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


def _deadline(started: float, time_limit: float | None) -> float | None:
    """The perf_counter() time the ranking must end by, or None."""
    return None if time_limit is None else started + time_limit


def _best(
    searcher: Searcher,
    postings: PostingCache,
    query: Query,
    mask: np.ndarray,
    limit: int,
    deadline: float | None,
    everything: bool = False,
) -> tuple[list[tuple[int, float | None]], bool]:
    """The *limit* best documents of *mask* for *query*, and whether time ran out.

    Scored as arrays (:mod:`search.vector`) when every part of the query can
    be; otherwise by Whoosh's matchers, restricted to *mask* unless
    *everything* says the query matches nothing else.
    """
    if vector.ENABLED:
        evaluated = vector.evaluate(searcher, postings, query)
        if evaluated is not None:
            hits, scores = evaluated
            return list(vector.top(hits & mask, scores, limit)), False
    allow = None if everything else set(map(int, np.flatnonzero(mask)))
    results, cut = _ranked(searcher, query, limit, allow, deadline)
    return [(hit.docnum, hit.score) for hit in results[:limit]], cut


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


def _named(arrays: FacetArrays, parsed: ParsedQuery) -> list[EntityRef]:
    """The entities the query names that the index holds, as filters to offer."""
    return [
        EntityRef(key, arrays.label(key), field_)
        for field_, key in parsed.entities
        if key in arrays.registries[field_].ids
    ]


def _terms(by_field: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Terms to mark in bodies: those searched in the body (or in the title)."""
    return by_field.get("body", frozenset()) | by_field.get("title", frozenset())


def _label_words(text: str) -> list[str]:
    return [text, *text.replace("-", " ").split()]

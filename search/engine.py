"""The search engine of a process: the index opened once, a searcher per thread.

A web server calls :class:`Engine` from several threads. The Whoosh index is
opened once; each thread keeps its own searcher and refreshes it at the start
of each request (a new searcher costs ~5 ms, a refresh almost nothing), so an
incremental reindex is seen at once. A ``loupe index --full`` swaps the
``current`` generation: the next request notices and reopens.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh.fields import Schema
from whoosh.index import Index
from whoosh.searching import Searcher

from . import execute, layout, ranking
from .aliases import AliasTable, load_aliases
from .articles import ArticleView, article_view
from .correction import Checked, run_checked
from .facets import FacetArrays, FacetCache
from .hits import make_hit
from .names import NameCache
from .paging import Pager
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
    #: (directory modification time, latest commit number) at the last listing.
    _commit: tuple[int, int] | None = None

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

    def latest_commit(self) -> int:
        """The number of the last Whoosh commit, listing the directory only when it changed.

        Whoosh lists the directory for it (twice a request: the ETag and the
        searcher's refresh); a commit adds a file, which changes the
        directory's time. A time within RACY_NS of now may not have ticked
        since the listing, so it is not trusted (git's "racily clean" rule).
        """
        changed = os.stat(self.path).st_mtime_ns
        seen = self._commit
        if seen is not None and seen[0] == changed and time.time_ns() - changed > RACY_NS:
            return seen[1]
        number = self.ix.latest_generation()
        self._commit = (changed, number)
        return number

    def committed(self) -> None:
        """Forget what an indexing commit changed: the metadata and the vocabulary."""
        self.meta = layout.read_meta(self.path)
        self._vocabulary = None


#: How recent a directory change must not be for its listing to be reused.
RACY_NS = 2_000_000_000
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
        return f"{gen.path.name}/{gen.latest_commit()}/{layout.meta_written(gen.path)}"

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
        elif searcher.reader().generation() != gen.latest_commit():
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
        deadline = None if request.time_limit is None else started + request.time_limit
        pager = Pager(searcher, gen.postings, arrays, request, deadline)
        page, partial = pager.page(parsed, matches)
        # Expanding prefixes and typos for highlighting is only worth it with hits.
        terms = _terms(parsed.highlight_terms_in(searcher.reader())) if page else ()
        words = tuple(s.text for s in parsed.should)
        hits = [
            make_hit(
                searcher.stored_fields(doc),
                arrays.labels,
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
            widened=matches.relaxed,
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
        gen, searcher = self.current()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        labels = gen.facets.arrays(searcher).labels
        stored = searcher.stored_fields(docnum)
        text = f"{stored.get('title', '')}\n{stored.get('body', '')}"
        results = searcher.more_like(docnum, "body", text=text, top=count, numterms=12)
        return [make_hit(hit.fields(), labels, (), hit.score, True) for hit in results]

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

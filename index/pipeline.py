"""One indexing run: plan, clean, extract (local processes or a Dask cluster), write, publish."""

from __future__ import annotations

import itertools
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from index.article import Article, BadInput
from index.boilerplate import RepeatedLines, clean_article, default_phrases, group_of
from index.changes import record_changes
from index.cluster import ClusterExtractors
from index.decode import DEFAULT_MAX_BYTES
from index.discover import discover
from index.extract import Extraction, aliases_for
from index.generations import (
    create_generation,
    now_iso,
    publish,
    read_boilerplate,
    remove_stale_generations,
    write_boilerplate,
    write_meta,
)
from index.lock import indexing_lock
from index.plan import Plan, make_plan
from index.report import IndexReport, RemovedLines
from index.state import IndexedState, read_state
from index.vocabulary import write_vocabulary
from index.workers import Extractors
from index.writer import Placement, open_writer, to_fields
from search.layout import (
    INDEX_NAME,
    check_versions,
    current_generation,
    read_meta,
    read_vocabulary,
)

#: Articles sent to a worker at once: large enough for spaCy's batching.
BATCH = 32
#: Below this many articles, starting worker processes costs more than it saves.
MIN_FOR_WORKERS = 200
#: Articles per commit in a large run.
COMMIT_EVERY = 5000
#: The last commits of a large run, last first: small, since nothing
#: overlaps with the very last one.
LAST_COMMITS = (150, 1000)

#: ``progress(stage, done, total)``; total is None while still unknown.
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class IndexOptions:
    """What ``loupe index`` was asked to do; read, never written, by :func:`run_index`."""

    paths: Sequence[Path]
    index_dir: Path
    full: bool = False
    workers: int | None = None
    aliases: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    #: A Dask scheduler's address: extraction runs on its workers.
    scheduler: str | None = None


def run_index(options: IndexOptions, progress: Progress | None = None) -> IndexReport:
    """Index *options.paths*: incremental by default, a swapped-in rebuild with ``full``.

    The report lists every input that could not be indexed, and why.
    """
    started = time.monotonic()
    notify = progress or (lambda stage, done, total: None)
    aliases_for(options.aliases)  # a broken alias file fails here, not in a worker
    failed: list[BadInput] = []
    with indexing_lock(options.index_dir), _extractors(options) as extractors:
        remove_stale_generations(options.index_dir)
        generation, fresh = _target_generation(options)
        ix = _open_for_writing(generation)
        state = IndexedState() if fresh else read_state(ix)
        sources = discover(options.paths, errors=failed)
        plan = make_plan(
            sources, state, options.max_bytes, lambda plan: notify("reading", plan.files, None)
        )
        failed += plan.failed
        if len(plan.changed) >= MIN_FOR_WORKERS:
            extractors.start()  # spaCy loads in the workers while the lines are counted
        meta = read_meta(generation)
        deleted = state.ids_under([Path(p).absolute() for p in options.paths]) - plan.seen()
        repeated = _repeated_lines(generation, fresh, plan, deleted)
        words = Counter() if fresh else read_vocabulary(generation)
        removed = RemovedLines()
        extracted = extract_all(_cleaned(plan, repeated, removed, failed), extractors, words)
        written, added = _write(ix, extracted, len(plan.changed), deleted, state, fresh, notify)
        plan.changed.close()
        write_vocabulary(generation, words)
        write_boilerplate(generation, repeated.to_dict())
        meta.updated = now_iso()
        write_meta(generation, meta)
        if fresh:
            publish(options.index_dir, generation)
        record_changes(options.index_dir, ix, meta.updated)
    return IndexReport(
        index_dir=str(options.index_dir),
        full=fresh,
        added=added,
        updated=written - added,
        unchanged=len(plan.unchanged),
        deleted=len(deleted),
        failed=failed,
        files=plan.files,
        seconds=time.monotonic() - started,
        removed=removed.by_source,
    )


def _open_for_writing(generation: Path) -> whoosh_index.Index:
    """The generation's Whoosh index, read without mmap.

    With mmap, whoosh-reloaded copies every segment's postings and term
    index into each reader it opens (410 MB at 100,000 articles, for each of
    the two readers of a run): the files are read as the search side reads
    them.
    """
    return FileStorage(str(generation), supports_mmap=False).open_index(INDEX_NAME)


def _extractors(options: IndexOptions) -> Extractors | ClusterExtractors:
    """Where extraction runs: a Dask cluster when given one, else local processes."""
    if options.scheduler:
        return ClusterExtractors(options.scheduler, options.aliases)
    workers = options.workers if options.workers is not None else os.cpu_count() or 1
    return Extractors(workers, options.aliases)


def _target_generation(options: IndexOptions) -> tuple[Path, bool]:
    """The generation to write into, and whether it is a fresh one."""
    current = current_generation(options.index_dir)
    if current is not None and not options.full:
        check_versions(options.index_dir, read_meta(current))
        return current, False
    return create_generation(options.index_dir), True


def _repeated_lines(generation: Path, fresh: bool, plan: Plan, deleted: set[str]) -> RepeatedLines:
    """Chrome-line counts: kept from earlier runs, with this run's articles in place of
    their previous versions, and without the deleted ones."""
    repeated = RepeatedLines()
    kept = None if fresh else read_boilerplate(generation)
    if kept:
        try:
            repeated = RepeatedLines.from_dict(kept)
        except (ValueError, KeyError):
            repeated = RepeatedLines()  # recounted from this run's articles
    for doc_id in deleted:
        repeated.forget(doc_id)
    for article, placement in plan.changed:
        repeated.count(placement.doc_id, article)
    return repeated


def _cleaned(
    plan: Plan, repeated: RepeatedLines, counts: RemovedLines, failed: list[BadInput]
) -> Iterator[tuple[Article, Placement]]:
    """Articles without boilerplate, lazily; one left with no text is added to *failed*.

    What the reader and the cleaner left out is counted in *counts*.
    """
    phrases = default_phrases()
    for article, placement in plan.changed:
        removed = list(article.removed)
        clean = clean_article(article, phrases, repeated, removed)
        counts.add(group_of(article), removed)
        clean.removed = ()  # counted: no need to ship it to the workers
        if clean.body.strip():
            yield clean, placement
        else:
            failed.append(
                BadInput(
                    placement.origin,
                    "no article text left once boilerplate is removed",
                    article.line,
                )
            )


Pair = tuple[Article, Placement]


def _write(
    ix: whoosh_index.Index,
    extracted: Iterator[tuple[Pair, Extraction]],
    expected: int,
    deleted: set[str],
    state: IndexedState,
    fresh: bool,
    notify: Progress,
) -> tuple[int, int]:
    """Write *extracted* articles, delete *deleted*; returns (written, new ids).

    A large job commits in chunks (:func:`commit_sizes`) while the workers
    keep extracting, so Whoosh's flush never stalls the whole run. A fresh
    generation stays unpublished until the last commit: the swap is still
    atomic.
    """
    tally = _Tally(
        known={doc_id for docs in state.by_origin.values() for doc_id in docs},
        expected=expected,
        notify=notify,
    )
    for size in commit_sizes(expected):
        chunk = itertools.islice(extracted, size)
        first = next(chunk, None)  # a writer only when there is something to write
        if first is None and not deleted:
            break
        writer = open_writer(ix)
        try:
            documents = () if first is None else itertools.chain([first], chunk)
            count = _add_documents(writer, documents, fresh, tally)
            last = count < size
            if last:
                for doc_id in deleted:
                    writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        # A fresh build's segments are merged by later runs, not now.
        writer.commit(merge=not fresh)
        if last:
            break
    return tally.written, tally.added


@dataclass
class _Tally:
    """Documents written so far, and how many of them are new."""

    known: set[str]
    expected: int
    notify: Progress
    indexed_at: str = field(default_factory=now_iso)
    written: int = 0
    added: int = 0


def _add_documents(
    writer: SegmentWriter,
    extracted: Iterable[tuple[Pair, Extraction]],
    fresh: bool,
    tally: _Tally,
) -> int:
    """Write each document as soon as it is extracted; returns how many were written.

    Writing while the workers extract keeps both cores busy: collecting a
    whole chunk first left the writing of it to one core at the end.
    """
    add = writer.add_document if fresh else writer.update_document
    before = tally.written
    for (article, placement), extraction in extracted:
        add(**to_fields(article, extraction, placement, tally.indexed_at))
        tally.added += placement.doc_id not in tally.known
        tally.written += 1
        tally.notify("indexing", tally.written, max(tally.expected, tally.written))
    return tally.written - before


def commit_sizes(expected: int) -> Iterator[int]:
    """Articles per commit for a run of about *expected* articles.

    Chunks of COMMIT_EVERY, tapering to LAST_COMMITS at the end: each commit
    overlaps with the extraction of the next chunk, except the last one,
    which the run waits for. A chunk at least ~1/7 of the one before hides
    that one's commit.
    """
    from_the_end: list[int] = []
    remaining = expected
    for size in itertools.chain(LAST_COMMITS, itertools.repeat(COMMIT_EVERY)):
        if remaining <= 0:
            break
        from_the_end.append(min(size, remaining))
        remaining -= from_the_end[-1]
    yield from reversed(from_the_end)
    yield from itertools.repeat(LAST_COMMITS[0])


def extract_all(
    pairs: Iterable[Pair], extractors: Extractors | ClusterExtractors, words: Counter[str]
) -> Iterator[tuple[Pair, Extraction]]:
    """Each pair with its extraction, in order; word counts are added to *words*."""
    pending: deque[list[Pair]] = deque()

    def articles() -> Iterator[list[Article]]:
        for batch in _batches(pairs, BATCH):
            pending.append(batch)
            yield [article for article, _ in batch]

    for result in extractors.map(articles()):
        words.update(result.words)
        yield from zip(pending.popleft(), result.extractions, strict=True)


def _batches(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    iterator = iter(pairs)
    while batch := list(itertools.islice(iterator, size)):
        yield batch

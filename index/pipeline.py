"""One indexing run: plan, clean, extract in worker processes, write, publish."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from whoosh import index as whoosh_index

from index.article import Article, BadInput
from index.boilerplate import RepeatedLines, clean_article, default_phrases
from index.decode import DEFAULT_MAX_BYTES
from index.discover import discover
from index.extract import Batch, Extraction, aliases_for, extract_batch
from index.lock import indexing_lock
from index.plan import Plan, make_plan
from index.report import IndexReport
from index.state import IndexedState, read_state
from index.vocabulary import read_vocabulary, write_vocabulary
from index.writer import WRITER_LIMIT_MB, Placement, to_fields
from search import store
from search.schema import INDEX_NAME

#: Articles sent to a worker at once: large enough for spaCy's batching.
BATCH = 32
#: Below this many articles, starting worker processes costs more than it saves.
MIN_FOR_WORKERS = 200
#: Articles per commit in a large run.
COMMIT_EVERY = 5000

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

#: ``progress(stage, done, total)``; total is None while still unknown.
Progress = Callable[[str, int, int | None], None]


@dataclass
class IndexOptions:
    """What ``loupe index`` was asked to do."""

    paths: Sequence[Path]
    index_dir: Path
    full: bool = False
    workers: int | None = None
    aliases: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    failed: list[BadInput] = field(default_factory=list)
    #: Articles this run will extract, once known: small jobs stay in-process.
    expected: int = 0


def run_index(options: IndexOptions, progress: Progress | None = None) -> IndexReport:
    """Index *options.paths*: incremental by default, a swapped-in rebuild with ``full``."""
    started = time.monotonic()
    notify = progress or (lambda stage, done, total: None)
    aliases_for(options.aliases)  # a broken alias file fails here, not in a worker
    with indexing_lock(options.index_dir):
        store.remove_stale_generations(options.index_dir)
        generation, fresh = _target_generation(options)
        ix = whoosh_index.open_dir(generation, indexname=INDEX_NAME)
        state = IndexedState() if fresh else read_state(ix)
        sources = discover(options.paths, errors=options.failed)
        plan = make_plan(sources, state, options.max_bytes,
                         lambda n: notify("reading", n, None))
        plan.failed[:0] = options.failed
        meta = store.read_meta(generation)
        repeated = _repeated_lines(meta, fresh, plan)
        deleted = state.ids_under([Path(p).absolute() for p in options.paths]) - plan.seen()
        words = Counter() if fresh else read_vocabulary(generation)
        options.expected = len(plan.changed)
        written, added = _write(ix, _cleaned(plan, repeated), len(plan.changed), deleted,
                                state, fresh, options, notify, words)
        write_vocabulary(generation, words)
        meta.updated = store.now_iso()
        meta.boilerplate = repeated.to_dict()
        store.write_meta(generation, meta)
        if fresh:
            store.publish(options.index_dir, generation)
    return IndexReport(
        index_dir=str(options.index_dir),
        full=fresh,
        added=added,
        updated=written - added,
        unchanged=len(plan.unchanged),
        deleted=len(deleted),
        failed=plan.failed,
        files=plan.files,
        seconds=time.monotonic() - started,
    )


def _target_generation(options: IndexOptions) -> tuple[Path, bool]:
    """The generation to write into, and whether it is a fresh one."""
    current = store.current_generation(options.index_dir)
    if current is not None and not options.full:
        store.check_versions(options.index_dir, store.read_meta(current))
        return current, False
    return store.create_generation(options.index_dir), True


def _repeated_lines(meta: store.IndexMeta, fresh: bool, plan: Plan) -> RepeatedLines:
    """Chrome-line counts: kept from earlier runs, plus this run's new articles."""
    repeated = RepeatedLines()
    if meta.boilerplate and not fresh:
        try:
            repeated = RepeatedLines.from_dict(meta.boilerplate)
        except (ValueError, KeyError):
            repeated = RepeatedLines()  # recounted from this run's articles
    for article, _ in plan.changed:
        repeated.add_article(article)
    return repeated


def _cleaned(plan: Plan, repeated: RepeatedLines) -> Iterator[tuple[Article, Placement]]:
    """Articles without boilerplate, lazily; one left with no text is reported, not indexed."""
    phrases = default_phrases()
    for article, placement in plan.changed:
        clean = clean_article(article, phrases, repeated)
        if clean.body.strip():
            yield clean, placement
        else:
            plan.failed.append(BadInput(
                placement.origin, "no article text left once boilerplate is removed",
                article.line,
            ))


Pair = tuple[Article, Placement]


def _write(
    ix: whoosh_index.Index,
    pairs: Iterator[Pair],
    expected: int,
    deleted: set[str],
    state: IndexedState,
    fresh: bool,
    options: IndexOptions,
    notify: Progress,
    words: Counter[str],
) -> tuple[int, int]:
    """Extract and write *pairs*, delete *deleted*; returns (written, new ids).

    A large job commits every COMMIT_EVERY articles while the workers keep
    extracting, so Whoosh's merge never stalls the whole run at the end. A
    fresh generation stays unpublished until the last commit: the swap is
    still atomic.
    """
    known = {doc_id for docs in state.by_origin.values() for doc_id in docs}
    indexed_at = store.now_iso()
    written = added = 0
    extracted = extract_all(pairs, options, words)
    while True:
        chunk = list(itertools.islice(extracted, COMMIT_EVERY))
        last = len(chunk) < COMMIT_EVERY
        if not chunk and not deleted:
            break
        writer = ix.writer(limitmb=WRITER_LIMIT_MB)
        try:
            for (article, placement), extraction in chunk:
                fields = to_fields(article, extraction, placement, indexed_at)
                (writer.add_document if fresh else writer.update_document)(**fields)
                added += placement.doc_id not in known
                written += 1
                notify("indexing", written, max(expected, written))
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
    return written, added


def extract_all(
    pairs: Iterable[Pair], options: IndexOptions, words: Counter[str]
) -> Iterator[tuple[Pair, Extraction]]:
    """Each pair with its extraction, in order, from worker processes for large jobs.

    Word counts of every batch are added to *words* on the way.
    """
    batches = _batches(pairs, BATCH)
    work = partial(extract_batch, aliases=options.aliases)
    workers = options.workers if options.workers is not None else os.cpu_count() or 1
    pending: deque[list[Pair]] = deque()

    def articles() -> Iterator[list[Article]]:
        for batch in batches:
            pending.append(batch)
            yield [article for article, _ in batch]

    if workers <= 1 or options.expected < MIN_FOR_WORKERS:
        yield from _unbatched(map(work, articles()), pending, words)
        return
    # One BLAS thread per worker: the workers already fill the cores.
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    # spawn, not fork: workers load spaCy themselves and inherit no open index.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        yield from _unbatched(pool.imap(work, articles()), pending, words)


def _batches(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    iterator = iter(pairs)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _unbatched(results: Iterator[Batch], pending: deque[list[Pair]],
               words: Counter[str]) -> Iterator[tuple[Pair, Extraction]]:
    for result in results:
        words.update(result.words)
        yield from zip(pending.popleft(), result.extractions, strict=True)


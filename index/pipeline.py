"""One indexing run: plan, clean, extract in worker processes, write, publish."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
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
        batch = _cleaned(plan, repeated)
        deleted = state.ids_under([Path(p).absolute() for p in options.paths]) - plan.seen()
        words = Counter() if fresh else read_vocabulary(generation)
        added = _write(ix, batch, deleted, state, fresh, options, notify, words)
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
        updated=len(batch) - added,
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


def _cleaned(plan: Plan, repeated: RepeatedLines) -> list[tuple[Article, Placement]]:
    """Articles without boilerplate; one left with no text is reported, not indexed."""
    phrases = default_phrases()
    kept = []
    for article, placement in plan.changed:
        clean = clean_article(article, phrases, repeated)
        if clean.body.strip():
            kept.append((clean, placement))
        else:
            plan.failed.append(BadInput(
                placement.origin, "no article text left once boilerplate is removed",
                article.line,
            ))
    return kept


def _write(
    ix: whoosh_index.Index,
    batch: list[tuple[Article, Placement]],
    deleted: set[str],
    state: IndexedState,
    fresh: bool,
    options: IndexOptions,
    notify: Progress,
    words: Counter[str],
) -> int:
    """Extract and write *batch*, delete *deleted*; returns how many ids were new."""
    if not batch and not deleted and not fresh:
        return 0
    known = {doc_id for docs in state.by_origin.values() for doc_id in docs}
    indexed_at = store.now_iso()
    added = 0
    with ix.writer(limitmb=WRITER_LIMIT_MB) as writer:
        extractions = extract_all([a for a, _ in batch], options, words)
        for done, ((article, placement), extraction) in enumerate(
            zip(batch, extractions, strict=True), start=1
        ):
            fields = to_fields(article, extraction, placement, indexed_at)
            if fresh:
                writer.add_document(**fields)
            else:
                writer.update_document(**fields)
            added += placement.doc_id not in known
            notify("indexing", done, len(batch))
        for doc_id in deleted:
            writer.delete_by_term("id", doc_id)
    return added


def extract_all(
    articles: list[Article], options: IndexOptions, words: Counter[str]
) -> Iterator[Extraction]:
    """Extraction results in order, from worker processes when the job is large.

    Word counts of every batch are added to *words* on the way.
    """
    batches = [articles[i:i + BATCH] for i in range(0, len(articles), BATCH)]
    work = partial(extract_batch, aliases=options.aliases)
    workers = options.workers if options.workers is not None else os.cpu_count() or 1
    if workers <= 1 or len(articles) < MIN_FOR_WORKERS:
        results: Iterator[Batch] = map(work, batches)
        yield from _unbatched(results, words)
        return
    # One BLAS thread per worker: the workers already fill the cores.
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    # spawn, not fork: workers load spaCy themselves and inherit no open index.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        yield from _unbatched(pool.imap(work, batches), words)


def _unbatched(batches: Iterator[Batch], words: Counter[str]) -> Iterator[Extraction]:
    for batch in batches:
        words.update(batch.words)
        yield from batch.extractions


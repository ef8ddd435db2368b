"""Extraction worker processes, started once a run is known to be large."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from functools import partial
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Self

from index.article import Article
from index.entities import load_ner
from index.entities.model import one_blas_thread
from index.extract import Batch, aliases_for, extract_batch

log = logging.getLogger(__name__)


class Extractors:
    """Runs :func:`extract_batch` in worker processes once started, else in this process.

    Starting costs each worker ~7 s of loading spaCy: :meth:`start` is called
    once planning has found a large run, and the workers load while the main
    process counts and cleans the boilerplate of the articles it read.
    """

    def __init__(self, workers: int, aliases: str = "") -> None:
        self.workers = workers
        self.aliases = aliases
        self._pool: Pool | None = None

    def start(self) -> None:
        """Start the worker processes (once; never for one worker); returns at once."""
        if self._pool is not None or self.workers <= 1:
            return
        # spawn, not fork: workers load spaCy themselves and inherit no open index.
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(self.workers, initializer=_warm_up, initargs=(self.aliases,))

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Batch]:
        """The extraction of each batch, in order."""
        work = partial(extract_batch, aliases=self.aliases)
        if self._pool is None:
            return map(work, batches)
        return self._pool.imap(work, batches)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.terminate()  # every result has been read, or none is wanted
            self._pool.join()
            self._pool = None


def _warm_up(aliases: str) -> None:
    """In each worker: one BLAS thread (the workers already fill the cores), then load."""
    one_blas_thread()
    # A failing initializer makes a Pool respawn its workers forever: a
    # broken model or alias file is logged, and left for the first batch to
    # raise again, where the run reports it.
    try:
        aliases_for(aliases)
        load_ner()
    except Exception as error:  # noqa: BLE001 - an initializer must not raise
        log.warning(
            "extraction worker %d could not load its model or aliases (%s: %s); "
            "its first batch will fail the same way",
            os.getpid(),
            type(error).__name__,
            error,
        )

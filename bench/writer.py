"""The coordinating machine's ceiling: `loupe index` with extraction already done.

Usage:  python bench/writer.py --corpus DIR [--cache FILE] [--repeat 2]

A first run extracts the corpus with the local worker processes and keeps
every batch's extraction in --cache (pickle). The measured runs replay them:
what is left is reading, cleaning and writing, which a cluster of any size
does not speed up, so its articles per second bound what more extraction
machines can give. CPU seconds of this process (other jobs do not inflate
them) and wall seconds, best of --repeat.
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from timing import best_of

import index.pipeline
from index.article import Article
from index.extract import Batch
from index.pipeline import IndexOptions, run_index
from index.workers import Extractors


class Recording(Extractors):
    """The local worker processes, keeping each batch's extraction."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.batches: list[Batch] = []

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Batch]:
        """The extraction of each batch, recorded."""
        for batch in super().map(batches):
            self.batches.append(batch)
            yield batch


class Replay(Extractors):
    """Extraction already done: the recorded batches, in order."""

    def __init__(self, recorded: list[Batch]) -> None:
        super().__init__(0)
        self.recorded = recorded

    def start(self) -> None:
        """Nothing to start."""

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Batch]:
        """The recorded extraction of each batch."""
        for batch, recorded in zip(batches, self.recorded, strict=True):
            assert len(batch) == len(recorded.extractions)
            yield recorded


def index_once(corpus: Path, extractors: Extractors) -> int:
    """A full run into a throw-away folder with *extractors*; articles written."""
    folder = Path(tempfile.mkdtemp(prefix="loupe-writer-"))
    index.pipeline._extractors = lambda options: extractors
    try:
        report = run_index(IndexOptions(paths=[corpus], index_dir=folder, full=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report.added


def main() -> int:
    """Record the extraction once, then time the replayed runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    cache = (
        args.cache or Path(tempfile.gettempdir()) / f"loupe-extractions-{args.corpus.name}.pickle"
    )
    if not cache.exists():
        recording = Recording(workers=2)
        index_once(args.corpus, recording)
        cache.write_bytes(pickle.dumps(recording.batches, protocol=pickle.HIGHEST_PROTOCOL))
    recorded = pickle.loads(cache.read_bytes())
    articles = sum(len(batch.extractions) for batch in recorded)
    cpu = best_of(
        args.repeat, lambda: index_once(args.corpus, Replay(recorded)), clock=time.process_time
    )
    wall = best_of(args.repeat, lambda: index_once(args.corpus, Replay(recorded)))
    print(f"corpus: {args.corpus}, {articles} articles, extraction replayed from {cache}")
    print(
        f"read + clean + write: {cpu:.1f} CPU s = {articles / cpu:.0f} articles per CPU second; "
        f"{wall:.1f} s wall = {articles / wall:.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Articles read and waiting for extraction, held in a temporary file."""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Iterator

from index.article import Article
from index.writer import Placement

#: zlib's fastest level: an article shrinks ~2x in ~20 µs.
LEVEL = 1

Pair = tuple[Article, Placement]


class HeldArticles:
    """The articles of a run, in order, compressed in an unnamed temporary file.

    A run reads every changed article before extracting any (the repeated-line
    rule counts them all first). Held as objects, 100,000 articles took
    ~480 MB of the indexing process, and freed memory did not come back for
    Whoosh's posting pool to use; on disk they take ~170 MB of the system's
    temporary folder, read back in order, twice. Placements stay in memory
    (:meth:`seen` needs every id).
    """

    def __init__(self) -> None:
        # Lives as long as the plan: closed by close(), or when collected.
        self._file = tempfile.TemporaryFile(prefix="loupe-held-")  # noqa: SIM115
        self._closer = weakref.finalize(self, self._file.close)
        self._ends = array("q")
        self.placements: list[Placement] = []

    def append(self, pair: Pair) -> None:
        """Hold *pair*; its article comes back equal, not identical."""
        article, placement = pair
        self._file.write(zlib.compress(pickle.dumps(article, pickle.HIGHEST_PROTOCOL), LEVEL))
        self._ends.append(self._file.tell())
        self.placements.append(placement)

    def __len__(self) -> int:
        return len(self.placements)

    def __iter__(self) -> Iterator[Pair]:
        self._file.flush()
        descriptor, start = self._file.fileno(), 0
        for end, placement in zip(self._ends, self.placements, strict=True):
            blob = os.pread(descriptor, end - start, start)
            start = end
            yield pickle.loads(zlib.decompress(blob)), placement

    def close(self) -> None:
        """Delete the file (also done when this object is collected)."""
        self._closer()

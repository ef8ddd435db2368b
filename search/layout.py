"""The index directory, read side: its file names, formats and how to open it.

Layout of an index directory::

    current -> gen-20261122T081500-4242   a symlink, swapped atomically
    gen-20261122T081500-4242/             one generation:
        articles*.toc, *.seg, ...         the Whoosh index (INDEX_NAME)
        loupe.json                        IndexMeta: versions and times, polled by servers
        vocabulary.json                   accented word forms and counts, for suggestions
        boilerplate.json                  the indexer's repeated-line counts (indexer only)
    changes.sqlite3                       the change log (search.changelog)
    loupe.lock                            held by the running ``loupe index``

This module only reads; ``index.generations`` and ``index.vocabulary`` write.
Incremental runs commit into the current generation (a Whoosh commit is
atomic). ``loupe index --full`` builds a new generation beside it and swaps
the symlink only once the build is committed, so a crash, even ``kill -9``,
leaves the previous index whole and searchable.
"""

from __future__ import annotations

import json
import os
import weakref
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from .analysis import ANALYZER_VERSION
from .errors import IndexNotFound, IndexUnreadable, IndexVersionMismatch
from .schema import SCHEMA_VERSION

CURRENT = "current"
GENERATION_PREFIX = "gen-"
#: Whoosh's name for the index inside a generation directory.
INDEX_NAME = "articles"
META_FILE = "loupe.json"
#: Accented word forms and their counts, beside the index: the source of
#: "did you mean" suggestions (the index itself holds only stems).
VOCABULARY_FILE = "vocabulary.json"
#: Line counts of the boilerplate detector, kept between incremental runs.
#: Apart from META_FILE, which servers poll: this one can weigh megabytes.
BOILERPLATE_FILE = "boilerplate.json"

#: The change log beside the generations, written by ``index.changes``.
CHANGES_FILE = "changes.sqlite3"
LOCK_FILE = "loupe.lock"

#: Between the title and the body in the text that mention offsets point into.
SEPARATOR = "\n\n"


@dataclass
class IndexMeta:
    """What ``loupe.json`` records about one generation."""

    analyzer_version: int = ANALYZER_VERSION
    schema_version: int = SCHEMA_VERSION
    created: str = ""
    updated: str = ""


def article_text(title: str, body: str) -> str:
    """The text that entity and date offsets point into: title, blank line, body."""
    return f"{title}{SEPARATOR}{body}"


def body_offset(title: str) -> int:
    """Offset in :func:`article_text` where the body starts."""
    return len(title) + len(SEPARATOR)


def current_link(index_dir: str | os.PathLike[str]) -> str | None:
    """The text of the ``current`` link (names a generation uniquely), or None."""
    try:  # os.path, not pathlib: this runs on every request
        return os.readlink(os.path.join(index_dir, CURRENT))
    except OSError:
        return None


def current_generation(index_dir: str | os.PathLike[str]) -> Path | None:
    """The generation directory ``current`` points at, or None."""
    link = Path(index_dir) / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def read_json(path: Path) -> dict:
    """The JSON object in *path*; raises OSError or ValueError saying why it cannot be read."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")  # noqa: TRY004 - bad content, as bad JSON is
    return data


def read_meta(generation: Path) -> IndexMeta:
    """The metadata of a generation; raises IndexUnreadable, saying why, when it cannot be read."""
    path = generation / META_FILE
    try:
        data = read_json(path)
    except (OSError, ValueError) as e:
        raise IndexUnreadable(_unreadable(path, e)) from None
    known = IndexMeta.__dataclass_fields__
    return IndexMeta(**{k: v for k, v in data.items() if k in known})


def _unreadable(path: Path, reason: object) -> str:
    """What to tell the user of a metadata file that cannot be read."""
    if isinstance(reason, OSError):
        reason = reason.strerror or reason
    return (
        f"the index metadata {path} cannot be read ({reason}); rebuild the index: "
        f"loupe index --full PATH... --index-dir {path.parent.parent}"
    )


def read_vocabulary(generation: Path) -> Counter[str]:
    """The word-form counts of a generation; empty when it has none (or an unreadable file)."""
    try:
        data = read_json(generation / VOCABULARY_FILE)
    except (OSError, ValueError):
        return Counter()
    return Counter({w: n for w, n in data.items() if isinstance(n, int)})


def meta_written(generation: Path) -> int:
    """When ``loupe.json`` was last rewritten (ns), 0 when it cannot be read."""
    try:  # os.path, not pathlib: this runs on every request
        return os.stat(os.path.join(generation, META_FILE)).st_mtime_ns
    except OSError:
        return 0


def check_versions(index_dir: str | os.PathLike[str], meta: IndexMeta) -> None:
    """Refuse an index built by another analyzer or schema version."""
    if (meta.analyzer_version, meta.schema_version) != (ANALYZER_VERSION, SCHEMA_VERSION):
        raise IndexVersionMismatch(
            f"the index in {index_dir} was built with analyzer version "
            f"{meta.analyzer_version} and schema version {meta.schema_version}; this "
            f"Loupe uses analyzer {ANALYZER_VERSION}, schema {SCHEMA_VERSION}. "
            f"Rebuild it: loupe index --full PATH... --index-dir {index_dir}"
        )


def open_current(index_dir: str | os.PathLike[str]) -> tuple[index.Index, Path]:
    """Open the current generation read-only, with its versions checked."""
    generation = current_generation(index_dir)
    if generation is None or not index.exists_in(generation, indexname=INDEX_NAME):
        raise IndexNotFound(
            f"no Loupe index in {index_dir}: build one with "
            f"loupe index PATH... --index-dir {index_dir}"
        )
    check_versions(index_dir, read_meta(generation))
    storage = ClosingFileStorage(str(generation), supports_mmap=False, readonly=True)
    return storage.open_index(INDEX_NAME), generation


class ClosingFileStorage(FileStorage):
    """Index files read without mmap, and closed when their reader is dropped.

    With mmap, whoosh-reloaded copies ~110 MB of a 20,000-article index into
    every reader: 2.3 GB for 8 searching threads, 72 MB without. Without
    mmap, Whoosh keeps each segment file open until ``close()``; readers of
    threads that ended are never closed, so the file is closed with them.
    """

    def open_file(self, name: str, **kwargs: object) -> StructFile:
        """The file *name*, closed when the returned object is collected."""
        raw = open(self._fpath(name), "rb")  # noqa: SIM115 - closed by the finalizer
        wrapped = StructFile(raw, name=name, **kwargs)
        weakref.finalize(wrapped, raw.close)
        return wrapped

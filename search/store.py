"""The index directory: generations of Whoosh indexes and an atomic ``current`` pointer.

Layout of an index directory::

    current -> gen-20261122T081500-4242   a symlink, swapped atomically
    gen-20261122T081500-4242/             a Whoosh index plus loupe.json
    loupe.lock                            held by the running ``loupe index``

Incremental runs commit into the current generation (a Whoosh commit is
atomic). ``loupe index --full`` builds a new generation beside it and swaps
the symlink only once the build is committed, so a crash, even ``kill -9``,
leaves the previous index whole and searchable.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import weakref
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from .analysis import ANALYZER_VERSION
from .errors import IndexNotFound, IndexUnreadable, IndexVersionMismatch
from .schema import INDEX_NAME, SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

CURRENT = "current"
META_FILE = "loupe.json"
GENERATION_PREFIX = "gen-"
#: Generations kept besides the current one, so that searchers opened on the
#: previous generation finish their requests after a swap.
KEEP_PREVIOUS = 1


@dataclass
class IndexMeta:
    """What ``loupe.json`` records about one generation."""

    analyzer_version: int = ANALYZER_VERSION
    schema_version: int = SCHEMA_VERSION
    created: str = ""
    updated: str = ""
    #: Line counts of the boilerplate detector, kept between incremental runs.
    boilerplate: dict | None = None


def now_iso() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def current_generation(index_dir: str | os.PathLike[str]) -> Path | None:
    """The generation directory ``current`` points at, or None."""
    link = Path(index_dir) / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def read_meta(generation: Path) -> IndexMeta:
    """The metadata of a generation; raises IndexUnreadable, saying why, when it cannot be read."""
    path = generation / META_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexUnreadable(_unreadable(path, e)) from None
    if not isinstance(data, dict):
        raise IndexUnreadable(_unreadable(path, "not a JSON object"))
    known = IndexMeta.__dataclass_fields__
    return IndexMeta(**{k: v for k, v in data.items() if k in known})


def _unreadable(path: Path, reason: object) -> str:
    """What to tell the user of a metadata file that cannot be read."""
    if isinstance(reason, OSError):
        reason = reason.strerror or reason
    return (f"the index metadata {path} cannot be read ({reason}); rebuild the index: "
            f"loupe index --full PATH... --index-dir {path.parent.parent}")


def write_meta(generation: Path, meta: IndexMeta) -> None:
    """Write ``loupe.json`` atomically."""
    tmp = generation / f".{META_FILE}.tmp"
    tmp.write_text(json.dumps(asdict(meta), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, generation / META_FILE)


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


def create_generation(index_dir: str | os.PathLike[str]) -> Path:
    """A new, empty generation directory beside the current one (not yet published)."""
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    generation = root / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}"
    generation.mkdir()
    index.create_in(generation, build_schema(), indexname=INDEX_NAME)
    created = now_iso()
    write_meta(generation, IndexMeta(created=created, updated=created))
    return generation


def publish(index_dir: str | os.PathLike[str], generation: Path) -> None:
    """Point ``current`` at *generation* atomically, then drop stale generations."""
    root = Path(index_dir)
    tmp = root / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(generation.name)
    os.replace(tmp, root / CURRENT)
    remove_stale_generations(root)


def remove_stale_generations(index_dir: Path) -> None:
    """Delete generations older than the current one and the ones kept before it.

    Unpublished generations newer than ``current`` are left of builds that
    crashed; they are removed too, as the caller holds the indexing lock.
    """
    current = current_generation(index_dir)
    generations = sorted(p for p in index_dir.glob(f"{GENERATION_PREFIX}*") if p.is_dir())
    if current is None:
        return
    older = [g for g in generations if g.name < current.name]
    stale = older[: max(0, len(older) - KEEP_PREVIOUS)]
    stale += [g for g in generations if g.name > current.name]
    for generation in stale:
        _remove(generation)


def _remove(generation: Path) -> None:
    """Delete *generation*; what cannot be deleted is logged, not fatal: the index is published."""
    failures: list[str] = []
    shutil.rmtree(generation, onerror=lambda _f, path, exc: failures.append(
        f"{path}: {exc[1]}"))
    if failures:
        log.warning("could not remove the old index generation %s (%d files left, first: "
                    "%s); delete it by hand when no Loupe process uses it",
                    generation, len(failures), failures[0])

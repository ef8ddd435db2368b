"""The index directory, write side: generations created, published and removed, metadata written.

The layout and the readers are in :mod:`search.layout`; only ``loupe index``
(holding the indexing lock) writes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from whoosh import index

from search.layout import (
    BOILERPLATE_FILE,
    CURRENT,
    GENERATION_PREFIX,
    INDEX_NAME,
    META_FILE,
    IndexMeta,
    current_generation,
    read_json,
)
from search.schema import build_schema

log = logging.getLogger(__name__)

#: Generations kept besides the current one, so that searchers opened on the
#: previous generation finish their requests after a swap.
KEEP_PREVIOUS = 1


def now_iso() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def write_json(path: Path, data: object) -> None:
    """Write *data* as JSON to *path* atomically: readers see the old file or the new one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def write_meta(generation: Path, meta: IndexMeta) -> None:
    """Write ``loupe.json`` atomically."""
    write_json(generation / META_FILE, asdict(meta))


def read_boilerplate(generation: Path) -> dict[str, Any] | None:
    """The boilerplate counts kept by earlier runs, or None.

    Indexes written before ``boilerplate.json`` existed kept them in
    ``loupe.json``; they are read from there, and moved at the end of the run.
    """
    for name, key in ((BOILERPLATE_FILE, None), (META_FILE, "boilerplate")):
        try:
            data = read_json(generation / name)
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as e:
            log.warning(
                "cannot read %s (%s): the repeated lines are counted again", generation / name, e
            )
            return None
        found = data if key is None else data.get(key)
        return found if isinstance(found, dict) else None
    return None


def write_boilerplate(generation: Path, counts: dict[str, Any]) -> None:
    """Write the boilerplate counts atomically, apart from the metadata servers poll."""
    write_json(generation / BOILERPLATE_FILE, counts)


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
    shutil.rmtree(generation, onerror=lambda _f, path, exc: failures.append(f"{path}: {exc[1]}"))
    if failures:
        log.warning(
            "could not remove the old index generation %s (%d files left, first: "
            "%s); delete it by hand when no Loupe process uses it",
            generation,
            len(failures),
            failures[0],
        )

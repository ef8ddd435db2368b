"""Find the article files under the paths given on the command line."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.article import BadInput

log = logging.getLogger(__name__)

#: File types the readers understand (``index.readers.READERS`` has one each).
SUPPORTED_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})


class MissingInput(FileNotFoundError):
    """A path given to :func:`discover` that does not exist."""


@dataclass(frozen=True)
class SourceFile:
    """An article file: where it is, the root it was found under, and its name there."""

    path: Path  # absolute
    root: Path  # absolute
    relative: str  # POSIX path from root; becomes Article.file

    @property
    def suffix(self) -> str:
        """The lowercased extension, e.g. ``.jsonl``."""
        return self.path.suffix.lower()


def discover(
    paths: Iterable[str | os.PathLike[str]],
    extensions: Iterable[str] = SUPPORTED_EXTENSIONS,
    errors: list[BadInput] | None = None,
) -> Iterator[SourceFile]:
    """Yield article files in *paths*, folders searched recursively, each file once.

    Hidden files and folders (``.git``, ``.DS_Store``) and other extensions are
    skipped, symlink loops are cut.  A file given directly has its folder as
    root.  Folders that cannot be listed go to *errors*.
    """
    wanted = frozenset(e.lower() for e in extensions)
    roots = [Path(p).absolute() for p in paths]
    for root in roots:
        if not root.exists():
            raise MissingInput(f"no such file or folder: {root}")
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if root.is_dir():
            yield from _walk(root, wanted, seen, errors)
        elif root.suffix.lower() in wanted and root.is_file() and _first_visit(root, seen):
            yield SourceFile(root, root.parent, root.name)
        else:
            log.info("skipped %s: not a %s file", root, "/".join(sorted(wanted)))


def _walk(
    root: Path,
    wanted: frozenset[str],
    seen: set[tuple[int, int]],
    errors: list[BadInput] | None,
) -> Iterator[SourceFile]:
    stack = [root]
    while stack:
        folder = stack.pop()
        if not _first_visit(folder, seen):
            log.info("skipped %s: folder already visited (symlink loop?)", folder)
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            _report(errors, BadInput(str(folder), f"cannot list folder: {e.strerror}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if _is_dir(entry):
                subfolders.append(path)
            elif path.suffix.lower() in wanted and _is_file(entry) and _first_visit(path, seen):
                yield SourceFile(path, root, path.relative_to(root).as_posix())
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # regular files only: reading a FIFO would block
    except OSError:
        return False


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """False for a file or folder already reached, through a symlink or another root."""
    try:
        st = path.stat()
    except OSError:
        log.info("skipped %s: broken symlink or vanished file", path)
        return False
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _report(errors: list[BadInput] | None, bad: BadInput) -> None:
    log.warning("%s", bad)
    if errors is not None:
        errors.append(bad)

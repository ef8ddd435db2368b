"""One ``loupe index`` at a time per index directory, with a message naming the holder."""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.generations import now_iso
from search.errors import SearchError
from search.layout import LOCK_FILE


class IndexBusy(SearchError):
    """Another process is writing the index."""


@contextmanager
def indexing_lock(index_dir: Path) -> Iterator[None]:
    """Hold the directory's indexing lock; raise ``IndexBusy`` naming the holder.

    ``flock`` is released by the kernel when the process dies, so a crashed
    run never leaves the index locked.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK_FILE
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(_busy_message(path, index_dir)) from None
        handle.truncate(0)
        handle.write(
            json.dumps({"pid": os.getpid(), "started": now_iso(), "command": " ".join(sys.argv)})
        )
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _busy_message(path: Path, index_dir: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        holder = {}
    who = (
        f"process {holder.get('pid', '?')} ({holder.get('command', 'loupe index')}), "
        f"started {holder.get('started', 'at an unknown time')}"
    )
    return (
        f"another loupe index is already writing {index_dir}: {who}. "
        "Wait for it to finish, then run this command again."
    )

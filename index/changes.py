"""The change log (search.changelog): recorded after each run of ``loupe index``."""

from __future__ import annotations

from pathlib import Path

from whoosh.index import Index

from index.state import read_state
from search import changelog


def record_changes(index_dir: Path, ix: Index, time: str) -> int:
    """Log the additions, updates and deletions that make the index *ix* what it is now."""
    state = read_state(ix)
    live = {doc_id: digest for docs in state.by_origin.values() for doc_id, digest in docs.items()}
    return changelog.record(index_dir, live, time)

"""What the index already holds, read from columns (no stored body is unpickled)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.index import Index


@dataclass
class IndexedState:
    """The live documents of the index: for each source file, its ids and their hashes."""

    by_origin: defaultdict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    def hashes(self, origin: str) -> dict[str, str]:
        """Content hash of each document of *origin*, by id."""
        return self.by_origin.get(origin, {})

    def ids_under(self, roots: list[Path]) -> set[str]:
        """Ids of documents whose file is one of *roots* or lies under one."""
        prefixes = [str(r).rstrip("/") for r in roots]
        return {
            doc_id
            for origin, docs in self.by_origin.items()
            if any(origin == p or origin.startswith(p + "/") for p in prefixes)
            for doc_id in docs
        }


def read_state(ix: Index) -> IndexedState:
    """Ids, origins and content hashes of every live document."""
    state = IndexedState()
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return state
        ids = reader.column_reader("id", translate=True)
        origins = reader.column_reader("origin", translate=True)
        hashes = reader.column_reader("content_hash", translate=True)
        for docnum in reader.all_doc_ids():
            state.by_origin[origins[docnum]][ids[docnum]] = hashes[docnum]
    return state

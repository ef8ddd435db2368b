"""Read the input files and decide, per article, what an indexing run must do."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from index.article import Article, BadInput
from index.decode import DEFAULT_MAX_BYTES
from index.discover import SourceFile
from index.fingerprint import LINE_FORMATS, article_id, file_digest, line_digests
from index.held import HeldArticles
from index.readers import read_file
from index.state import IndexedState
from index.writer import Placement


@dataclass
class Plan:
    """Articles to (re)index, ids to keep as they are, and what could not be read."""

    changed: HeldArticles = field(default_factory=HeldArticles)
    unchanged: set[str] = field(default_factory=set)
    #: Ids kept because their file failed this time: nothing indexed is lost.
    kept: set[str] = field(default_factory=set)
    failed: list[BadInput] = field(default_factory=list)
    files: int = 0

    def seen(self) -> set[str]:
        """Every id that must stay in the index after this run."""
        return self.unchanged | self.kept | {p.doc_id for p in self.changed.placements}


#: Called after each file with the plan so far.
FileProgress = Callable[["Plan"], None]


def make_plan(
    sources: Iterable[SourceFile],
    state: IndexedState,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: FileProgress | None = None,
) -> Plan:
    """Read every file whose content changed since *state*; skip the others unread."""
    plan = Plan()
    owner: dict[str, str] = {}  # id -> file, to report duplicates
    for source in sources:
        plan.files += 1
        _plan_file(source, state, max_bytes, plan, owner)
        if progress:
            progress(plan)
    return plan


def _plan_file(
    source: SourceFile,
    state: IndexedState,
    max_bytes: int,
    plan: Plan,
    owner: dict[str, str],
) -> None:
    origin = str(source.path)
    known = state.hashes(origin)
    try:
        hashes = _content_hashes(source, max_bytes)
    except OSError as e:
        plan.failed.append(BadInput(origin, f"cannot read file: {e.strerror or e}"))
        plan.kept.update(known)
        return
    if hashes is not None and known and set(known.values()) == set(hashes.values()):
        plan.unchanged.update(known)  # same content: not even parsed
        return
    unchanged_hashes = set(known.values())
    failed_before = len(plan.failed)
    for item in read_file(source, max_bytes):
        if isinstance(item, BadInput):
            plan.failed.append(item)
            continue
        content_hash = _hash_of(item, source, hashes)
        doc_id = article_id(item)
        if content_hash and content_hash in unchanged_hashes and doc_id in known:
            plan.unchanged.add(doc_id)
        elif doc_id in owner or doc_id in plan.unchanged:
            # Ids do not depend on paths: a copy of an article under another name has
            # its id. The first file keeps it, so runs never take turns rewriting it.
            plan.failed.append(
                BadInput(
                    origin,
                    f"duplicate id {doc_id!r}, already used by "
                    f"{owner.get(doc_id) or _origin_of(state, doc_id)}",
                    item.line,
                )
            )
        else:
            owner[doc_id] = item.file
            plan.changed.append((item, Placement(doc_id, origin, content_hash)))
    if len(plan.failed) > failed_before:
        plan.kept.update(known)


def _origin_of(state: IndexedState, doc_id: str) -> str:
    """The file the index holds *doc_id* from (only looked up for duplicates)."""
    return next(
        (origin for origin, docs in state.by_origin.items() if doc_id in docs), "another file"
    )


def _hash_of(item: Article, source: SourceFile, hashes: dict[int, str] | None) -> str:
    if not hashes:
        return ""
    if source.suffix in LINE_FORMATS:
        return hashes.get(item.line or 0, "")
    return hashes[0]


def _content_hashes(source: SourceFile, max_bytes: int) -> dict[int, str] | None:
    """Hash of each record by line (0 for a whole file); None when too large to hash."""
    if source.suffix in LINE_FORMATS:
        return line_digests(source.path)
    if source.path.stat().st_size > max_bytes:
        return None  # the reader reports it without reading it
    return {0: file_digest(source.path)}

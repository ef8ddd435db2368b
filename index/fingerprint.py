"""Content hashes and stable ids: what lets an incremental run skip unchanged articles."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from index.article import Article
from search.normalize import fold

#: Bump when extraction changes in a way that should redo unchanged files.
EXTRACTION_VERSION = 1
#: Formats with one record per line: each line is hashed on its own.
LINE_FORMATS = frozenset({".jsonl"})

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def digest(data: bytes) -> str:
    """A short, stable hash of raw bytes, salted with the extraction version."""
    h = hashlib.blake2b(data, digest_size=12, person=b"loupe-v%d" % EXTRACTION_VERSION)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """Hash of a whole file, read in blocks."""
    h = hashlib.blake2b(digest_size=12, person=b"loupe-v%d" % EXTRACTION_VERSION)
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def line_digests(path: Path) -> dict[int, str]:
    """Hash of each non-blank line of a JSON Lines file, by 1-based line number.

    Streamed: a JSON Lines file may be far larger than memory allows.
    """
    with path.open("rb") as f:
        return {
            number: digest(line.strip())
            for number, line in enumerate(f, start=1)
            if line.strip()
        }


def article_id(article: Article) -> str:
    """The article's own id when its file gives one, else one derived from its place.

    Derived ids read like the file name and stay the same across runs as long
    as the file keeps its path relative to the indexed root; the second and
    later articles of a file that holds several add their rank, so the first
    keeps the id it had when it was alone.
    """
    if article.id:
        return str(article.id).strip()
    if article.line:
        rank, place = article.line, f"{article.file}:{article.line}"
    elif article.part > 1:
        rank, place = article.part, f"{article.file}#{article.part}"
    else:
        rank, place = None, article.file
    stem = article.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = _SLUG_JUNK.sub("-", fold(stem)).strip("-")[:48] or "article"
    suffix = hashlib.blake2b(place.encode(), digest_size=4).hexdigest()
    return f"{slug}-{rank}-{suffix}" if rank else f"{slug}-{suffix}"

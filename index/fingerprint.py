"""Content hashes and stable ids: what lets an incremental run skip unchanged articles."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from courlan import normalize_url

from index.article import Article
from search.normalize import fold

#: Bump when extraction changes in a way that should redo unchanged files
#: (2: ids no longer depend on the file's path).
EXTRACTION_VERSION = 2
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
            number: digest(line.strip()) for number, line in enumerate(f, start=1) if line.strip()
        }


def article_id(article: Article) -> str:
    """The article's stable id: its own id, else one made from its canonical URL, else its text.

    Nothing of the file's path or name goes in, so moving or renaming a file
    changes no id, and each article of a file that holds several gets its
    own. An id made from the text changes when the text is edited: the old
    one is then deleted and the new one added.
    """
    if article.id is not None and str(article.id).strip():
        return str(article.id).strip()
    url_key = canonical_url(article.url or "")
    if url_key:
        slug = _slug(url_key.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0])
        return f"{slug}-{_short_hash('url', url_key)}"
    return f"{_slug(article.title)}-{_short_hash('text', content_key(article))}"


def canonical_url(url: str) -> str:
    """The page's address without what varies between two links to it ('' if none).

    Scheme, ``www.``, case of the host, a trailing slash, the fragment and
    tracking parameters (``utm_*``, ``fbclid``: courlan's list) do not count.
    """
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    try:
        normal = normalize_url(url, strict=True)
    except ValueError:
        return ""
    parts = urlsplit(normal)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def content_key(article: Article) -> str:
    """Title and text folded, spacing collapsed: what identifies an article with no id or URL."""
    text = f"{article.title}\n{article.body}"
    return " ".join(fold(text).split())


def _short_hash(kind: str, key: str) -> str:
    # 6 bytes: a collision among a million articles is about one chance in 500.
    return hashlib.blake2b(f"{kind}:{key}".encode(), digest_size=6).hexdigest()


def _slug(text: str) -> str:
    return _SLUG_JUNK.sub("-", fold(text)).strip("-")[:48].rstrip("-") or "article"

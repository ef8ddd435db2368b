"""Article files -> Articles, one reader per format; bad input is reported, never raised."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from index.article import Article, BadInput
from index.decode import DEFAULT_MAX_BYTES, UnreadableFile, read_text
from index.discover import SourceFile
from index.readers import markdown, plain, records, webpage

log = logging.getLogger(__name__)

Parser = Callable[[str, SourceFile], list[Article | BadInput]]
Streamer = Callable[[SourceFile, int], Iterator[Article | BadInput]]

#: Formats read whole (after the size check), by extension.
PARSERS: dict[str, Parser] = {
    ".txt": plain.parse,
    ".md": markdown.parse,
    ".markdown": markdown.parse,
    ".html": webpage.parse,
    ".htm": webpage.parse,
    ".json": records.parse_json,
}
#: Formats streamed record by record; the size limit applies to one record.
STREAMERS: dict[str, Streamer] = {".jsonl": records.read_jsonl}

__all__ = ["PARSERS", "STREAMERS", "read_file", "read_files"]


def read_file(
    source: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | BadInput]:
    """Yield the articles of one file, and a BadInput for each thing that can't be read.

    Never raises for bad input: empty, binary, undecodable, unreadable or
    too large files, invalid JSON lines and records without a body are all
    yielded as :class:`BadInput` with the reason (and line, for JSON Lines).
    """
    path = str(source.path)
    try:
        if source.suffix in STREAMERS:
            items: Iterator[Article | BadInput] = STREAMERS[source.suffix](source, max_bytes)
            yield from items
            return
        parser = PARSERS.get(source.suffix)
        if parser is None:
            yield BadInput(path, f"unsupported file type {source.suffix or '(none)'}")
            return
        for item in parser(read_text(source.path, max_bytes), source):
            yield _checked(item, path)
    except UnreadableFile as e:
        yield BadInput(path, e.reason)
    except OSError as e:
        yield BadInput(path, f"cannot read file: {e.strerror or e}")
    except Exception as e:  # a page that breaks a parser must not stop a whole run
        log.exception("reading %s failed", path)
        yield BadInput(path, f"could not parse the file: {type(e).__name__}: {e}")


def read_files(
    sources: Iterable[SourceFile], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | BadInput]:
    """:func:`read_file` over many files."""
    for source in sources:
        yield from read_file(source, max_bytes)


def _checked(item: Article | BadInput, path: str) -> Article | BadInput:
    if isinstance(item, Article) and not item.body.strip():
        return BadInput(path, "no article text found", item.line)
    return item

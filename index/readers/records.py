"""``.json`` (one article or a list) and ``.jsonl`` (one article a line) files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from index.article import Article, BadInput
from index.decode import BinaryFile, EmptyFile, UnreadableFile, decode, repair_text
from index.discover import SourceFile
from index.readers.common import build_article, text_lines

#: Bytes looked at to tell an empty or binary file from JSON Lines.
SNIFF_BYTES = 8192
_SKIP_CHUNK = 1024 * 1024


def parse_json(text: str, source: SourceFile) -> list[Article | BadInput]:
    """Articles of a ``.json`` file; a list's records carry ``extra["record"]`` (1-based)."""
    path = str(source.path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return [BadInput(path, f"invalid JSON: {e.msg} (column {e.colno})", e.lineno)]
    if isinstance(data, dict):
        return [to_article(data, source, None)]
    if not isinstance(data, list):
        return [BadInput(path, "expected an article object or a list of them")]
    found = []
    for number, record in enumerate(data, start=1):
        item = to_article(record, source, None, f"record {number}: ")
        if isinstance(item, Article):
            item.extra["record"] = str(number)
        found.append(item)
    return found


def read_jsonl(source: SourceFile, max_line_bytes: int) -> Iterator[Article | BadInput]:
    """Stream a ``.jsonl`` file: one record a line, each bad line reported alone.

    The file is never held in memory, so there is no size limit on it; a
    single line above *max_line_bytes* is refused.
    """
    with open(source.path, "rb") as f:
        head = f.read(SNIFF_BYTES)
        try:
            # Whole lines only: a UTF-8 sequence cut at the end would look 8-bit.
            whole_lines = head[: head.rfind(b"\n") + 1] or head
            decode(head if b"\x00" in head else whole_lines, source.path)
        except (EmptyFile, BinaryFile) as e:  # one report, not one per line
            yield BadInput(str(source.path), e.reason)
            return
        except UnreadableFile:
            pass  # lines in mixed encodings: each line is decoded alone below
        f.seek(0)
        yield from _read_lines(f, source, max_line_bytes)


def _read_lines(
    f: BinaryIO, source: SourceFile, max_line_bytes: int
) -> Iterator[Article | BadInput]:
    path = str(source.path)
    for number, raw in enumerate(iter(lambda: f.readline(max_line_bytes + 1), b""), start=1):
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(f)
            yield BadInput(path, f"line longer than {max_line_bytes} bytes", number)
            continue
        if not raw.strip():
            continue
        try:
            line = decode(raw, path)
            record = json.loads(line)
        except UnreadableFile as e:
            yield BadInput(path, e.reason, number)
        except json.JSONDecodeError as e:
            yield BadInput(path, f"invalid JSON: {e.msg} (column {e.colno})", number)
        else:
            yield to_article(record, source, number)


def _skip_rest_of_line(f: BinaryIO) -> None:
    while chunk := f.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def to_article(
    record: Any, source: SourceFile, line: int | None, where: str = ""
) -> Article | BadInput:
    """An Article from a record (``id, title, date, source, url, author, body``).

    A record without a body is a BadInput; unknown fields go to ``extra``.
    """
    path = str(source.path)
    if not isinstance(record, dict):
        return BadInput(
            path,
            f"{where}expected an article object, got {type(record).__name__}",
            line,
        )
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        reason = "no body" if body in (None, "") else "body is not text"
        return BadInput(path, f"{where}{reason}", line)
    meta = {
        k: repair_text(v) if isinstance(v, str) else v for k, v in record.items() if k != "body"
    }
    return build_article(meta, text_lines(repair_text(body)), source.relative, line)

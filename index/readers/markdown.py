"""``.md`` files: YAML front matter for metadata, Markdown stripped to plain paragraphs."""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml

from index.article import Article, BadInput
from index.discover import SourceFile
from index.readers.common import build_article

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_BLOCK_PREFIX = re.compile(r"^\s*(?:>\s?)+|^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
#: Inline markup, in the order it is undone; each keeps the visible text.
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images: alt text is not article text
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
#: Escaped signs are parked in the Private Use Area while markup is undone.
_PARKING = 0xE000


def parse(text: str, source: SourceFile) -> list[Article | BadInput]:
    """One article; the title is the front matter's, else the first ``# heading``."""
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError, TypeError) as e:  # not YAML, or not a mapping
        return [BadInput(str(source.path), f"invalid YAML front matter: {_first_line(e)}")]
    meta: dict[str, Any] = dict(post.metadata)
    blocks = markdown_blocks(post.content)
    if not meta.get("title"):
        meta["title"] = _pop_title(blocks)
    paragraphs = [strip_inline(b) for b, _ in blocks]
    return [build_article(meta, [p for p in paragraphs if p], source.relative)]


def markdown_blocks(text: str) -> list[tuple[str, int]]:
    """Paragraphs of Markdown source, each with its heading level (0: not a heading)."""
    blocks: list[tuple[str, int]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append((" ".join(current), 0))
            current.clear()

    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            flush()
            in_code = not in_code
        elif in_code:
            blocks.append((line.strip(), 0))
        elif heading := _ATX_HEADING.match(line):
            flush()
            blocks.append((heading[2], len(heading[1])))
        elif _SETEXT_UNDERLINE.match(line) and len(current) == 1:
            blocks.append((current.pop(), 1 if "=" in line else 2))
        elif (
            not line.strip()
            or _RULE.match(line)
            or _REFERENCE.match(line)
            or _TABLE_RULE.match(line)
        ):
            flush()
        else:
            if _BLOCK_PREFIX.match(line):
                flush()  # each list item or quote line is its own paragraph
            current.append(_BLOCK_PREFIX.sub("", line).strip().strip("|").replace(" | ", " "))
    flush()
    return [(b, level) for b, level in blocks if b.strip()]


def strip_inline(text: str) -> str:
    """``**L’État** et [Paris](https://…)`` -> ``L’État et Paris``."""
    text = _ESCAPE.sub(lambda m: chr(_PARKING + ord(m[1])), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = "".join(
        chr(ord(c) - _PARKING) if _PARKING <= ord(c) < _PARKING + 128 else c for c in text
    )
    return " ".join(text.split())


def _pop_title(blocks: list[tuple[str, int]]) -> str | None:
    for i, (text, level) in enumerate(blocks):
        if level == 1:
            del blocks[i]
            return strip_inline(text)
    return None


def _first_line(error: Exception) -> str:
    return str(error).strip().split("\n", 1)[0]

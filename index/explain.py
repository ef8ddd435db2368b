"""``loupe index --explain``: the articles found in files, and every line left out, with why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from index.article import Article, BadInput, Removal
from index.boilerplate import (
    RULES,
    PhraseList,
    RepeatedLines,
    clean_article,
    default_phrases,
    group_of,
    line_key,
)
from index.decode import DEFAULT_MAX_BYTES
from index.discover import SourceFile, discover
from index.fingerprint import article_id
from index.generations import read_boilerplate
from index.readers import read_file
from search.layout import current_generation

#: Removed lines longer than this are shown cut, with their length.
SHOWN_CHARS = 110


def explain(
    paths: Iterable[Path], index_dir: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[str]:
    """Lines of text: per file, its articles, their titles and each removed line with its rule.

    The repeated-line rule uses the counts of the index in *index_dir* when it
    has one, else counts over the files explained. Nothing is written.
    """
    failed: list[BadInput] = []
    files = [
        (source, list(read_file(source, max_bytes))) for source in discover(paths, errors=failed)
    ]
    repeated, counted_in = _repeated_lines(index_dir, files)
    yield f"repeated lines counted in {counted_in}"
    phrases = default_phrases()
    for source, items in files:
        yield from _explain_file(source, items, phrases, repeated)
    for failure in failed:
        yield f"failed: {failure}"


def _repeated_lines(
    index_dir: Path | None, files: list[tuple[SourceFile, list[Article | BadInput]]]
) -> tuple[RepeatedLines, str]:
    """The live index's chrome-line counts, else counts over the explained files."""
    generation = current_generation(index_dir) if index_dir else None
    if generation is not None:
        state = read_boilerplate(generation)
        if state:
            try:
                return RepeatedLines.from_dict(state), f"the index {index_dir}"
            except (ValueError, KeyError):
                pass  # an older state: counted below, as a rebuild would
    repeated = RepeatedLines()
    for _, items in files:
        for item in items:
            if isinstance(item, Article):
                repeated.add_article(item)
    return repeated, "the files explained (no index given)"


def _explain_file(
    source: SourceFile,
    items: list[Article | BadInput],
    phrases: PhraseList,
    repeated: RepeatedLines,
) -> Iterator[str]:
    articles = [item for item in items if isinstance(item, Article)]
    count = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
    yield f"{source.path}: {count}"
    for item in items:
        if isinstance(item, BadInput):
            yield f"  failed: {item}"
            continue
        removed = list(item.removed)
        clean = clean_article(item, phrases, repeated, removed)
        paragraphs = [p for p in clean.body.split("\n\n") if p]
        yield f"  {_place(item)}: {clean.title}"
        yield f"    id {article_id(item)}, {len(paragraphs)} paragraphs kept" + (
            "" if paragraphs else " (nothing left: not indexed)"
        )
        for removal in removed:
            yield f"    - {_shown(removal.line)}"
            yield f"      {_reason(removal, phrases, repeated, group_of(item))}"


def _reason(removal: Removal, phrases: PhraseList, repeated: RepeatedLines, group: str) -> str:
    """The rule that removed a line, with the pattern or the counts behind it."""
    reason = RULES.get(removal.rule, removal.rule)
    if removal.rule in ("phrase", "end", "chrome") and (pattern := phrases.which(removal.line)):
        return f"{reason}: {pattern}"
    if removal.rule == "repeated":
        return (
            f"{reason}: in {repeated.lines[group].get(line_key(removal.line), 0)} of "
            f"{repeated.documents[group]} articles of {group or '.'}"
        )
    return reason


def _place(article: Article) -> str:
    """``article 2`` in a text file, ``line 14`` in JSON Lines, ``record 3`` in a JSON list."""
    if article.line:
        return f"line {article.line}"
    if "record" in article.extra:
        return f"record {article.extra['record']}"
    return f"article {article.part}"


def _shown(line: str) -> str:
    if len(line) <= SHOWN_CHARS:
        return line
    return f"{line[:SHOWN_CHARS]}… ({len(line)} characters)"

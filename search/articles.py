"""One article for reading: its text cut into segments marking entities and query words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .hits import stored_entities, stored_metadata
from .layout import body_offset
from .snippets import matched_words

#: What separates the paragraphs of a stored body.
PARAGRAPH_BREAK = "\n\n"


@dataclass
class Segment:
    """A run of text: plain, a query match, or a mention of an entity (or both)."""

    text: str
    match: bool = False
    entity: str | None = None  # the entity key
    kind: str | None = None


@dataclass
class ArticleView:
    """Everything the article page and ``/api/v1/articles/{id}`` show."""

    id: str
    title: str
    body: str
    url: str | None
    source: str | None
    author: str | None
    published: str | None
    file: str
    line: int | None
    indexed_at: str | None
    entities: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    paragraphs: list[list[Segment]] = field(default_factory=list)


def article_view(stored: Mapping[str, Any], terms: Iterable[str]) -> ArticleView:
    """The reading view of a stored article, *terms* marked, entities located."""
    title, body = stored.get("title", ""), stored.get("body", "")
    data = stored_entities(stored)
    shift = body_offset(title)
    entities = [_entity_in_body(e, shift) for e in data["entities"]]
    dates = [_date_in_body(d, shift) for d in data["dates"]]
    return ArticleView(
        id=stored["id"],
        title=title,
        body=body,
        **stored_metadata(stored),
        indexed_at=stored.get("indexed_at"),
        entities=entities,
        dates=dates,
        paragraphs=paragraphs(body, entities, frozenset(terms)),
    )


def _entity_in_body(entity: Mapping[str, Any], shift: int) -> dict[str, Any]:
    """An entity with its mentions as body offsets (title mentions kept apart)."""
    spans = [tuple(m) for m in entity.get("mentions", [])]
    return {
        "value": entity["key"],
        "label": entity["label"],
        "type": entity["kind"],
        "mentions": [[b - shift, e - shift] for b, e in spans if b >= shift],
        "title_mentions": [[b, e] for b, e in spans if b < shift],
    }


def _date_in_body(date: Mapping[str, Any], shift: int) -> dict[str, Any]:
    begin, end = date.get("begin", 0), date.get("end", 0)
    in_body = begin >= shift
    return {
        **date,
        "begin": begin - shift if in_body else begin,
        "end": end - shift if in_body else end,
        "in": "body" if in_body else "title",
    }


def paragraphs(
    body: str, entities: list[dict[str, Any]], terms: frozenset[str]
) -> list[list[Segment]]:
    """The body split in paragraphs, each a list of segments."""
    owner: dict[int, tuple[str, str]] = {}
    for entity in entities:
        for begin, end in entity["mentions"]:
            for i in range(max(begin, 0), min(end, len(body))):
                owner.setdefault(i, (entity["value"], entity["type"]))
    matched = _matched_chars(body, terms)
    out: list[list[Segment]] = []
    start = 0
    for chunk in body.split(PARAGRAPH_BREAK):
        out.append(_segments(body, start, start + len(chunk), owner, matched))
        start += len(chunk) + len(PARAGRAPH_BREAK)
    return out


def _matched_chars(body: str, terms: frozenset[str]) -> set[int]:
    """The characters to mark: the snippets' own spans, so both always agree."""
    chars: set[int] = set()
    for start, end in matched_words(body, terms):
        chars.update(range(start, end))
    return chars


def _segments(
    body: str, start: int, end: int, owner: dict[int, tuple[str, str]], matched: set[int]
) -> list[Segment]:
    segments: list[Segment] = []
    for i in range(start, end):
        key, kind = owner.get(i, (None, None))
        state = (i in matched, key, kind)
        last = segments[-1] if segments else None
        if last is not None and (last.match, last.entity, last.kind) == state:
            last.text += body[i]
        else:
            segments.append(Segment(body[i], *state))
    return segments

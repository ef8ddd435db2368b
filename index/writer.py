"""The only module that writes documents into a Whoosh index."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
from whoosh.filedb.filestore import Storage
from whoosh.index import Index
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from index.article import Article
from index.dates import MentionedDate
from index.entities import Entity
from index.extract import Extraction
from search.analysis import ANALYZER_VERSION
from search.schema import ENTITY_FIELDS

#: Whoosh's RAM budget per writer: 256 MB measured ~25% faster than 128.
WRITER_LIMIT_MB = 256


class FlushCodec(W3Codec):
    """Whoosh's codec, with a segment flush that reads each field's lengths once.

    The stock flush looks up the length of the document of every posting
    in the length column just written (a seek and a read each, and a file
    check for fields without lengths): 35% of the commit's time. Segments
    are written byte for byte the same and name the stock codec, so
    readers never need this class.
    """

    def new_segment(self, storage: Storage, indexname: str) -> Any:
        """A segment recorded under the stock codec."""
        return W3Codec().new_segment(storage, indexname)

    def per_document_reader(self, storage: Storage, segment: Any) -> W3PerDocReader:
        """Field lengths loaded whole on first use."""
        return _LoadedLengths(storage, segment)


class _LoadedLengths(W3PerDocReader):
    def __init__(self, storage: Storage, segment: Any) -> None:
        super().__init__(storage, segment)
        self._loaded: dict[str, Any] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        if fieldname not in self._loaded:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._loaded[fieldname] = None if reader is None else reader.load()
        lengths = self._loaded[fieldname]
        if lengths is None:
            return default
        # As the stock reader: a zero byte (no length) gives None.
        return byte_to_length(lengths[docnum]) if lengths[docnum] else None


def open_writer(ix: Index) -> SegmentWriter:
    """A writer with Loupe's memory budget and :class:`FlushCodec`."""
    return ix.writer(limitmb=WRITER_LIMIT_MB, codec=FlushCodec())


@dataclass(frozen=True)
class Placement:
    """Where a document comes from and what identifies its content."""

    doc_id: str
    origin: str
    content_hash: str


def local_wall_clock(value: dt.date | dt.datetime) -> dt.datetime:
    """The time the page shows, naive: the offset dropped, not applied; dates at midnight.

    Loupe files an article under the day its page shows (``00:23-05:00`` on
    4 March is a 4 March article, not a 5 March one in UTC); the year and
    month facets, ``from``/``to``, ``date:`` and the date sort all read this
    one value, so a timeline bar never counts what its own link excludes.
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)


def mentioned_value(date: MentionedDate) -> str:
    """A mentioned date at its precision: ``2024``, ``2024-06``, ``2024-W25``, ``2024-06-19``."""
    if date.precision == "year":
        return f"{date.start.year:04d}"
    if date.precision == "month":
        return f"{date.start.year:04d}-{date.start.month:02d}"
    if date.precision == "week":
        year, week, _ = date.start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return date.start.isoformat()


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "key": entity.key,
        "label": entity.label,
        "kind": entity.kind,
        "mentions": [list(span) for span in entity.mentions],
    }


def _mentioned_json(date: MentionedDate) -> dict[str, Any]:
    return {
        "date": date.start.isoformat(),
        "precision": date.precision,
        "text": date.text,
        "begin": date.begin,
        "end": date.end,
    }


def to_fields(
    article: Article, extraction: Extraction, placement: Placement, indexed_at: str
) -> dict[str, Any]:
    """The index document of one article: the only code that knows both sides."""
    entities = extraction.entities
    fields: dict[str, Any] = {
        "id": placement.doc_id,
        "file": article.file,
        "line": article.line,
        "origin": placement.origin,
        "url": article.url,
        "author": article.author or "",
        "title": article.title,
        "body": article.body,
        "mentioned": ",".join(sorted({mentioned_value(d) for d in extraction.mentioned})),
        # An entity's kind names its facet field (search.facetspec).
        **{
            name: ",".join(e.key for e in entities.all() if e.kind == name)
            for name in ENTITY_FIELDS
        },
        "entities": json.dumps(
            {
                "entities": [_entity_json(e) for e in entities.all()],
                "dates": [_mentioned_json(d) for d in extraction.mentioned],
            },
            ensure_ascii=False,
        ),
        "facet_labels": json.dumps(
            {e.key: e.label for e in entities.all()}, ensure_ascii=False
        ).encode("utf-8"),
        "content_hash": placement.content_hash,
        "analyzer_version": ANALYZER_VERSION,
        "indexed_at": indexed_at,
    }
    if article.source:
        fields["source"] = article.source
    if article.published is not None:
        local = local_wall_clock(article.published)
        fields["published"] = local
        fields["published_iso"] = article.published.isoformat()
        fields["year"] = f"{local.year:04d}"
        fields["month"] = f"{local.year:04d}-{local.month:02d}"
    return fields

"""The Whoosh schema: the contract between the index writer and the readers."""

from __future__ import annotations

from whoosh import columns, fields

from .analysis import french_analyzer
from .facetspec import ENTITY, FACETS

#: Bump on any change to the fields below; with ANALYZER_VERSION it decides
#: whether an index on disk can be read or must be rebuilt (``loupe index --full``).
SCHEMA_VERSION = 2

#: Facet fields whose values are entity keys (``kim jong un``).
ENTITY_FIELDS = tuple(f.field for f in FACETS if f.kind == ENTITY)


def build_schema() -> fields.Schema:
    """Fields shared by the writer (``index/``) and the readers (``search/``, ``web/``)."""
    text = french_analyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        # Where the article came from: path relative to the indexed root, the
        # line for JSON Lines, and the absolute path that incremental runs key on.
        file=fields.ID(stored=True),
        line=fields.STORED(),
        origin=fields.ID(sortable=True),
        url=fields.STORED(),
        source=fields.ID(stored=True, sortable=True),
        author=fields.TEXT(analyzer=text, stored=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        # The local wall-clock time the page shows, naive (UTC up to schema 1):
        # one calendar for the facets, the filters and the sort. The ISO string
        # keeps the source's precision and offset.
        published=fields.DATETIME(sortable=True),
        published_iso=fields.STORED(),
        # Precomputed facet values: a DateRangeFacet costs ~140 ms a query.
        year=fields.ID(stored=True, sortable=True),
        month=fields.ID(stored=True, sortable=True),
        # Dates mentioned in the text at their precision: 2024, 2024-06, 2024-06-19.
        mentioned=fields.KEYWORD(commas=True, stored=True),
        **{name: fields.KEYWORD(commas=True, stored=True) for name in ENTITY_FIELDS},
        # Labels, types and positions of the entities, as JSON.
        entities=fields.STORED(),
        # {key: label} of the entities, as UTF-8 JSON in a column: facet labels
        # are read without unpickling whole stored documents.
        facet_labels=fields.COLUMN(columns.VarBytesColumn()),
        content_hash=fields.ID(stored=True, sortable=True),
        analyzer_version=fields.STORED(),
        indexed_at=fields.STORED(),
    )

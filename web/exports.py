"""Exports of a search's results as CSV (for Excel) and JSON, up to EXPORT_LIMIT hits.

The same validation and the same hit dictionaries as the JSON API; only
snippets and facets are skipped, since a spreadsheet has no use for them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from search.engine import Engine

from .params import search_request
from .payloads import shape

EXPORT_LIMIT = 1_000
CSV_COLUMNS = ("id", "title", "date", "source", "author", "url", "file", "actors",
               "locations")
#: Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "@")
#: Paging parameters of the page the export was asked from: the export starts at the top.
IGNORED = ("page", "per_page", "cursor", "facets", "facet_size")


def export_payload(engine: Engine, params: Mapping[str, Sequence[str]],
                   limit: int = EXPORT_LIMIT) -> dict[str, Any]:
    """The first *limit* hits of the search, shaped as the API shapes them."""
    kept = {k: v for k, v in params.items() if k not in IGNORED}
    request = replace(search_request(kept), page=1, per_page=limit, facets=(),
                      snippets=False)
    data = shape(engine.search(request), request, kept)
    return {"query": data["query"], "corrected": data["corrected"], "total": data["total"],
            "exported": len(data["hits"]),
            "limit": limit, "notes": data["notes"], "hits": data["hits"]}


def csv_lines(hits: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """The CSV file line by line: BOM and header first, entities joined by « ; »."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield BOM + _drain(buffer)
    for hit in hits:
        writer.writerow(_row(hit))
        yield _drain(buffer)


def _row(hit: Mapping[str, Any]) -> list[str]:
    cells = [
        hit["id"], hit["title"], hit["published"] or "", hit["source"] or "",
        hit["author"] or "", hit["url"] or "", hit["file"],
        "; ".join(e["label"] for e in hit["actors"]),
        "; ".join(e["label"] for e in hit["locations"]),
    ]
    return [_inert(cell) for cell in cells]


def _inert(cell: str) -> str:
    """A cell Excel would run as a formula (``=HYPERLINK(...)``) is kept as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text

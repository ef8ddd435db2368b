"""The batch search page's view model, from ``run_batch``'s result (the API's body)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import french
from .batch import ENTITY_TYPES, MAX_LINES
from .entity_view import entity_page_url
from .view_models import BatchPage, BatchResult, BatchRow


def batch_page_view(
    text: str,
    filters: Mapping[str, str],
    result: Mapping[str, Any] | None,
    error: str | None = None,
) -> BatchPage:
    """The form as it was filled, an error, and the results table."""
    return {
        "page_title": "Recherche par lot",
        "text": text,
        "error": error,
        "filters": dict(filters),
        "limit": french.number(MAX_LINES),
        "result": _result(result) if result else None,
    }


def _result(result: Mapping[str, Any]) -> BatchResult:
    found, count = result["matched"], result["count"]
    verb = "trouvent" if found > 1 else "trouve"
    summary = (
        f"{french.number(found)} sur {french.count(count, 'ligne')} {verb} des "
        f"articles ; recherche faite en {result['took_ms'] / 1000:.1f} s.".replace(".", ",", 1)
    )
    return {"summary": summary, "rows": [_row(row) for row in result["rows"]]}


def _row(row: Mapping[str, Any]) -> BatchRow:
    return {
        "line": row["line"],
        "label": row["label"],
        "query": row["query"],
        "reading": " ; ".join(row["notes"]),
        "total": row["total"],
        "total_text": french.number(row["total"]),
        "first": row["first"],
        "last": row["last"],
        "first_text": french.french_date(row["first"]),
        "last_text": french.french_date(row["last"]),
        "search_url": row["search_url"],
        "groups": [
            [
                {
                    "label": e["label"],
                    "count": french.number(e["count"]),
                    "url": entity_page_url(kind, e["value"]),
                }
                for e in row[kind]
            ]
            for kind in ENTITY_TYPES
        ],
    }

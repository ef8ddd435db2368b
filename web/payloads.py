"""The JSON of a search, built once for the API, the HTML page and ``loupe search``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from search.engine import Engine
from search.results import ResultPage, SearchRequest

from .params import Params, make_cursor, search_request

API_SEARCH_PATH = "/api/v1/search"


def search_payload(engine: Engine, params: Params) -> dict[str, Any]:
    """Validate *params*, run the search, and shape the response (raises BadParameter)."""
    request = search_request(params)
    page = engine.search(request)
    return shape(page, request, params)


def shape(page: ResultPage, request: SearchRequest, params: Params) -> dict[str, Any]:
    """The response body: the result page plus cursors and URLs for the next page."""
    data = page.to_dict()
    del data["next_offset"]
    cursor = make_cursor(request, page.next_offset) if page.next_offset is not None else None
    data["next"] = cursor
    data["next_url"] = page_url(params, cursor=cursor) if cursor else None
    previous = max(0, request.start - request.per_page)
    data["previous_url"] = (
        page_url(params, cursor=make_cursor(request, previous)) if request.start > 0 else None
    )
    return data


def page_url(params: Params, **changes: str | None) -> str:
    """The API URL of this search with some parameters changed (None removes one)."""
    merged: dict[str, list[str]] = {k: list(v) for k, v in params.items()}
    merged.pop("page", None)
    for name, value in changes.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = [value]
    return f"{API_SEARCH_PATH}?{urlencode(merged, doseq=True)}"


class ArticleNotFound(LookupError):
    """No article with this id in the index."""


def article_payload(engine: Engine, doc_id: str, q: str = "") -> dict[str, Any]:
    """One article: metadata, text, paragraphs with marks, entities, dates."""
    view = engine.article(doc_id, q)
    if view is None:
        raise ArticleNotFound(doc_id)
    return asdict(view)


def similar_payload(engine: Engine, doc_id: str, count: int = 5) -> dict[str, Any]:
    """Articles like *doc_id*, as search hits."""
    hits = engine.similar(doc_id, count)
    if hits is None:
        raise ArticleNotFound(doc_id)
    return {"id": doc_id, "hits": [asdict(hit) for hit in hits]}

"""The JSON of a search, built once for the API, the HTML page and ``loupe search``."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any
from urllib.parse import urlencode

from search.engine import Engine
from search.facetspec import FACET_NAMES
from search.results import (
    MAX_FACET_SIZE,
    FacetValue,
    ResultPage,
    SearchRequest,
)

from .params import (
    DEFAULT_SIMILAR,
    SELECT_PARAMS,
    BadParameter,
    Params,
    first,
    int_param,
    make_cursor,
    search_request,
)

API_SEARCH_PATH = "/api/v1/search"


def search_payload(
    engine: Engine, params: Params, time_limit: float | None = None
) -> dict[str, Any]:
    """Validate *params*, run the search, and shape the response (raises BadParameter).

    Past *time_limit* seconds the ranking stops and the page says ``partial``.
    """
    request = replace(search_request(params), time_limit=time_limit)
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


def similar_payload(engine: Engine, doc_id: str, count: int = DEFAULT_SIMILAR) -> dict[str, Any]:
    """Articles like *doc_id*, as search hits."""
    hits = engine.similar(doc_id, count)
    if hits is None:
        raise ArticleNotFound(doc_id)
    return {"id": doc_id, "hits": [asdict(hit) for hit in hits]}


class UnknownFacet(LookupError):
    """A facet name that does not exist; ``str()`` says which ones do."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no facet {name!r}; facets are {', '.join(FACET_NAMES)}")
        self.name = name


#: Longest prefix a facet value search takes.
MAX_PREFIX_CHARS = 100
DEFAULT_FACET_VALUES = 20


def facet_payload(engine: Engine, name: str, params: Params) -> dict[str, Any]:
    """Values of facet *name* matching ``prefix``, counted within the search filters."""
    if name not in FACET_NAMES:
        raise UnknownFacet(name)
    prefix = first(params, "prefix") or ""
    if len(prefix) > MAX_PREFIX_CHARS:
        raise BadParameter("prefix", f"prefix longer than {MAX_PREFIX_CHARS} characters")
    size = int_param(params, "size", DEFAULT_FACET_VALUES, 1, MAX_FACET_SIZE)
    filters = {k: v for k, v in params.items() if k in SELECT_PARAMS}
    request = replace(search_request(filters), facets=(name,))
    values = engine.facet_search(name, prefix, request, size)
    return {"facet": name, "prefix": prefix, "values": [_facet_value(v) for v in values]}


def _facet_value(value: FacetValue) -> dict[str, Any]:
    data = asdict(value)
    if data["type"] is None:
        del data["type"]
    return data

"""The OpenAPI 3.1 description of the API, built from the same constants as the code.

Bounds (page sizes, facet names, sorts, query length) come from ``params``
and ``results``, so the description cannot drift from the validation;
``tests/test_openapi.py`` checks real responses against it.
"""

from __future__ import annotations

from typing import Any

from search import facetspec
from search.facetspec import ALL, FACET_NAMES, SWITCHABLE, Filter
from search.results import (
    MATCHES,
    MAX_FACET_SIZE,
    MAX_PER_PAGE,
    SORTS,
    UNDATED,
)

from .exports import EXPORT_LIMIT
from .params import (
    DEFAULT_FACET_SIZE,
    DEFAULT_PER_PAGE,
    DEFAULT_SIMILAR,
    MAX_QUERY_CHARS,
    MAX_SIMILAR,
    MAX_VALUES,
)
from .payloads import DEFAULT_FACET_VALUES, MAX_PREFIX_CHARS

VERSION = "1.0.0"
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    """A reference to a schema of ``components``."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(kind: str, **extra: Any) -> Schema:
    """A JSON type that may also be null (3.1 style)."""
    return {"type": [kind, "null"], **extra}


def obj(
    properties: dict[str, Schema], optional: tuple[str, ...] = (), closed: bool = True
) -> Schema:
    """An object whose properties are all required but *optional* ones."""
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": properties,
        "additionalProperties": not closed,
    }


def array(items: Schema) -> Schema:
    """A JSON array of *items*."""
    return {"type": "array", "items": items}


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
SPAN: Schema = {"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2}
#: What a search hit and a full article both say of an article.
ARTICLE_METADATA: dict[str, Schema] = {
    "id": STRING,
    "title": STRING,
    "url": nullable("string"),
    "source": nullable("string"),
    "author": nullable("string"),
    "published": nullable(
        "string",
        description=(
            "ISO 8601 date, or date-time with the offset the source gave; null when the "
            "article has no publication date."
        ),
    ),
    "file": STRING,
    "line": nullable("integer"),
}

SCHEMAS: dict[str, Schema] = {
    "Problem": obj(
        {
            "type": {"type": "string", "format": "uri-reference"},
            "title": STRING,
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": STRING,
            "param": {"type": "string", "description": "The parameter at fault."},
        },
        optional=("param",),
        closed=False,
    ),
    "EntityRef": obj(
        {
            "value": {"type": "string", "description": "Facet value to filter on."},
            "label": STRING,
            "type": {"enum": ["person", "organisation", "location"]},
        }
    ),
    "Hit": obj(
        {
            **ARTICLE_METADATA,
            "snippets": array(
                {"type": "string", "description": "HTML-escaped text, matches in <mark>."}
            ),
            "actors": array(ref("EntityRef")),
            "locations": array(ref("EntityRef")),
            "score": nullable("number", description="Relevance; null when sorted by date."),
            "missing": array({"type": "string"})
            | {
                "description": "Words of the query this article lacks (match=any); empty when "
                "it has them all."
            },
        }
    ),
    "FacetValue": obj(
        {
            "value": STRING,
            "label": STRING,
            "count": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "The total a click on the value gives: the results narrowed to it (values "
                    "combined with AND), or widened by it (OR: sources, or a filter named in "
                    "`any`). A selected value: the results that have it; an excluded one: the "
                    "total once it is included again. Years and months: their period's results."
                ),
            },
            "selected": BOOLEAN,
            "excluded": BOOLEAN,
            "type": {
                "enum": ["person", "organisation"],
                "description": "People and organisations only.",
            },
        },
        optional=("type",),
    ),
    "SearchPage": obj(
        {
            "query": STRING,
            "total": {"type": "integer", "minimum": 0},
            "total_all": {
                "type": "integer",
                "minimum": 0,
                "description": "Results with every word of the query; they come first "
                "when sorted by relevance.",
            },
            "widened": {
                "type": "boolean",
                "description": "True when fewer than a page of articles have every word and "
                "the results also include articles using only words of the same family or "
                "words used near them (espagnol for Espagne, détenu for prison), ranked last.",
            },
            "match": {
                "enum": list(MATCHES),
                "description": "any: words rank and results need enough of them; "
                "all: every word is required.",
            },
            "entities": array(ref("EntityRef"))
            | {"description": "Entities the query names (Le Pen, Putin): filters to offer."},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "start": {"type": "integer", "minimum": 0},
            "hits": array(ref("Hit")),
            "facets": {
                "type": "object",
                "propertyNames": {"enum": list(FACET_NAMES)},
                "additionalProperties": array(ref("FacetValue")),
            },
            "suggestion": nullable(
                "string", description="The query with its unknown words corrected, to offer."
            ),
            "corrected": obj({"from": STRING, "to": STRING})
            | {
                "type": ["object", "null"],
                "description": "Set when `query` found nothing and these hits are its "
                "spelling correction's (`to`); `nocorrect=1` turns it off.",
            },
            "notes": array(
                {"type": "string", "description": "How the query was understood or repaired."}
            ),
            "took_ms": {"type": "number", "minimum": 0},
            "partial": {
                "type": "boolean",
                "description": "True when the time limit cut the ranking short.",
            },
            "undated": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "Articles without a publication date that match the query and every "
                    "filter but the period: when undated_excluded is true, how many the period "
                    "(from/to or a date: term of q) leaves out of total; otherwise how many of "
                    "total have no date."
                ),
            },
            "undated_excluded": {
                "type": "boolean",
                "description": (
                    "True when a period (from/to, or a date: term of q) leaves undated articles "
                    "out; undated=include lets them in."
                ),
            },
            "next": nullable("string", description="Cursor of the next page."),
            "next_url": nullable("string"),
            "previous_url": nullable("string"),
        }
    ),
    "Entity": obj(
        {
            "value": STRING,
            "label": STRING,
            "type": {"enum": ["person", "organisation", "location"]},
            "mentions": array(SPAN) | {"description": "[begin, end) offsets in body."},
            "title_mentions": array(SPAN) | {"description": "[begin, end) offsets in title."},
        }
    ),
    "MentionedDate": obj(
        {
            "date": {"type": "string", "format": "date"},
            "precision": STRING,
            "text": STRING,
            "begin": INTEGER,
            "end": INTEGER,
            "in": {"enum": ["body", "title"]},
        },
        closed=False,
    ),
    "Segment": obj(
        {
            "text": STRING,
            "match": BOOLEAN,
            "entity": nullable("string"),
            "kind": nullable("string"),
        }
    ),
    "Article": obj(
        {
            **ARTICLE_METADATA,
            "body": STRING,
            "indexed_at": nullable("string", description="ISO 8601 date-time."),
            "entities": array(ref("Entity")),
            "dates": array(ref("MentionedDate")),
            "paragraphs": array(array(ref("Segment"))),
        }
    ),
    "Similar": obj({"id": STRING, "hits": array(ref("Hit"))}),
    "FacetValues": obj(
        {
            "facet": {"enum": list(FACET_NAMES)},
            "prefix": STRING,
            "values": array(ref("FacetValue")),
        }
    ),
    "Status": obj(
        {
            "articles": {"type": "integer", "minimum": 0},
            "last_indexed": {"type": "string", "description": "ISO 8601 date-time."},
            "created": {"type": "string", "description": "ISO 8601 date-time."},
            "analyzer_version": INTEGER,
            "schema_version": INTEGER,
            "index_bytes": {"type": "integer", "minimum": 0},
            "generation": STRING,
        }
    ),
    "Health": obj(
        {
            "status": {"enum": ["ok", "unavailable"]},
            "articles": INTEGER,
            "detail": STRING,
        },
        optional=("articles", "detail"),
    ),
}


def query(name: str, schema: Schema, description: str, **extra: Any) -> Schema:
    """A query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        **extra,
    }


def repeated(name: str, description: str) -> Schema:
    """A query parameter that may be given several times (``a=x&a=y``)."""
    return query(
        name,
        {"type": "array", "items": STRING, "maxItems": MAX_VALUES},
        description,
        style="form",
        explode=True,
    )


def bounded(low: int, high: int, default: int) -> Schema:
    """An integer parameter's schema."""
    return {"type": "integer", "minimum": low, "maximum": high, "default": default}


def filter_params(spec: Filter) -> tuple[Schema, Schema]:
    """A facet filter's parameter and its exclusion."""
    if spec.combine == ALL:
        several = (
            f"several: articles with all of them (AND), or with at least one when "
            f"`any` names {spec.param}"
        )
    else:
        several = "several: articles with any of them (OR)"
    return (
        repeated(
            spec.param,
            f"Facet value of {spec.description}; {several}. Facet "
            "counts give the total a click on the value leads to.",
        ),
        repeated(spec.exclude, f"Exclude articles with {spec.description} of this value."),
    )


DAY = {"type": "string", "pattern": DATE_PATTERN}
FILTERS = [
    query(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_CHARS},
        "Query in Loupe's query language (see the README).",
    ),
    query(
        "match",
        {"enum": list(MATCHES), "default": "any"},
        "any (default): words typed side by side rank, articles with every word first, "
        "then those with some; all: every word is required. Quotes, +word, fields, "
        "AND/OR/NOT and groups keep their boolean meaning either way.",
    ),
    *[param for spec in facetspec.FILTERS for param in filter_params(spec)],
    query(
        "any",
        STRING,
        "Comma list of filters whose values combine with OR (articles "
        f"with at least one of them) instead of AND, among {', '.join(SWITCHABLE)}: "
        "any=person,location.",
    ),
    query(
        "from",
        DAY,
        "Published on or after: YYYY, YYYY-MM or YYYY-MM-DD, on the "
        "local day the article's page shows (its own offset, not UTC).",
    ),
    query(
        "to",
        DAY,
        "Published on or before: YYYY, YYYY-MM or YYYY-MM-DD (inclusive), on the same calendar.",
    ),
    query(
        "undated",
        {"enum": list(UNDATED)},
        (
            "Articles without a publication date. Absent: a period (from/to, or a date: "
            "term of q) leaves them out (the response's `undated` counts them). include: "
            "keep them beside the period's. only: list them alone (not with from/to; a "
            "date: term then lets every undated article through)."
        ),
    ),
    query(
        "nocorrect",
        {"enum": ["0", "1", "true", "false", "yes", "no", "on", "off"], "default": "0"},
        "1: search the query as typed; otherwise a query that finds nothing is "
        "replaced by its spelling correction when that finds something.",
    ),
]
SEARCH_PARAMS = [
    *FILTERS,
    query(
        "sort",
        {"enum": list(SORTS), "default": "relevance"},
        "relevance, date (oldest first) or -date (newest first); in both date "
        "orders, articles without a date come last.",
    ),
    query("page", bounded(1, 1_000_000, 1), "Page number (a cursor wins over it)."),
    query("per_page", bounded(1, MAX_PER_PAGE, DEFAULT_PER_PAGE), "Hits per page."),
    query("cursor", STRING, "The `next` value of the previous page, as is."),
    query(
        "facets",
        STRING,
        f"Comma list of facets to count among {', '.join(FACET_NAMES)}; "
        "empty for none; absent for all.",
    ),
    query("facet_size", bounded(1, MAX_FACET_SIZE, DEFAULT_FACET_SIZE), "Values listed per facet."),
]
ARTICLE_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": STRING,
    "description": "Article id, as in hits.",
}


def header(description: str, required: bool = False) -> Schema:
    """A response header."""
    return {"description": description, "required": required, "schema": STRING}


CACHE_HEADERS = {
    "ETag": header("Weak tag of this URL under the current index version."),
    "Cache-Control": header("no-cache (revalidate with If-None-Match), or no-store."),
}


def ok(schema: str, description: str, **headers: Schema) -> Schema:
    """A 200 JSON response."""
    return {
        "description": description,
        "headers": {**CACHE_HEADERS, **headers},
        "content": {"application/json": {"schema": ref(schema)}},
    }


def problem_response(description: str, **headers: Schema) -> Schema:
    """An application/problem+json error response."""
    return {
        "description": description,
        "headers": headers,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


RESPONSES = {
    "NotModified": {
        "description": "The ETag in If-None-Match is still current.",
        "headers": CACHE_HEADERS,
    },
    "BadRequest": problem_response("A parameter is wrong; `param` names it."),
    "NotFound": problem_response("No such article, facet or route."),
    "TooManyRequests": problem_response(
        "Rate limit exceeded.", **{"Retry-After": header("Seconds to wait.", required=True)}
    ),
    "ServerError": problem_response("The server failed; the error has been logged."),
    "Unavailable": problem_response("The index is missing, or of another version."),
}


def errors(*codes: str) -> dict[str, Schema]:
    """References to the shared error responses, by status code."""
    names = {
        "304": "NotModified",
        "400": "BadRequest",
        "404": "NotFound",
        "429": "TooManyRequests",
        "500": "ServerError",
        "503": "Unavailable",
    }
    return {code: {"$ref": f"#/components/responses/{names[code]}"} for code in codes}


def operation(
    op_id: str,
    summary: str,
    params: list[Schema],
    responses: dict[str, Schema],
) -> dict[str, Any]:
    """A GET operation."""
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": params,
            "responses": responses,
        }
    }


PATHS = {
    "/api/v1/search": operation(
        "search",
        "Search articles, with facets and cursor paging",
        SEARCH_PARAMS,
        {
            "200": ok(
                "SearchPage",
                "A page of results.",
                Link=header('Next and previous pages: <url>; rel="next", rel="prev".'),
            ),
            **errors("304", "400", "429", "500", "503"),
        },
    ),
    "/api/v1/articles/{id}": operation(
        "article",
        "One article: text, entities with positions, dates",
        [
            ARTICLE_ID,
            query(
                "q",
                {"type": "string", "maxLength": MAX_QUERY_CHARS},
                "Words to mark in the paragraphs.",
            ),
        ],
        {"200": ok("Article", "The article."), **errors("304", "400", "404", "429", "500", "503")},
    ),
    "/api/v1/articles/{id}/similar": operation(
        "similar",
        "Articles like this one",
        [
            ARTICLE_ID,
            query("count", bounded(1, MAX_SIMILAR, DEFAULT_SIMILAR), "How many articles."),
        ],
        {
            "200": ok("Similar", "Similar articles, most similar first."),
            **errors("304", "400", "404", "429", "500", "503"),
        },
    ),
    "/api/v1/facets/{name}": operation(
        "facet_values",
        "Values of a facet whose label has a word starting with prefix",
        [
            {
                "name": "name",
                "in": "path",
                "required": True,
                "schema": {"enum": list(FACET_NAMES)},
                "description": "Facet name.",
            },
            query(
                "prefix",
                {"type": "string", "maxLength": MAX_PREFIX_CHARS},
                "Start of a word of the label, accents and case ignored.",
            ),
            query(
                "size", bounded(1, MAX_FACET_SIZE, DEFAULT_FACET_VALUES), "Values listed at most."
            ),
            *FILTERS,
        ],
        {
            "200": ok("FacetValues", "Matching values, counted within the filters."),
            **errors("304", "400", "404", "429", "500", "503"),
        },
    ),
    "/api/v1/status": operation(
        "status",
        "Index status: articles, last indexing, versions, size",
        [],
        {"200": ok("Status", "The index served."), **errors("304", "429", "500", "503")},
    ),
    "/api/v1/openapi.json": operation(
        "openapi",
        "This description",
        [],
        {
            "200": {
                "description": "OpenAPI 3.1 description.",
                "headers": CACHE_HEADERS,
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            **errors("304", "429", "500"),
        },
    ),
    "/healthz": operation(
        "health",
        "Liveness and readiness for load balancers (not rate limited)",
        [],
        {
            "200": {
                "description": "The index can be searched.",
                "content": {"application/json": {"schema": ref("Health")}},
            },
            "503": {
                "description": "The index cannot be searched.",
                "content": {"application/json": {"schema": ref("Health")}},
            },
            **errors("500"),
        },
    ),
}


def description() -> dict[str, Any]:
    """The whole OpenAPI document."""
    from . import openapi_workflows as workflows  # it builds on this module

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Loupe JSON API",
            "version": VERSION,
            "description": (
                "Search French news articles. UTF-8 JSON, ISO 8601 dates; errors are "
                "application/problem+json (RFC 9457). Responses carry a weak ETag tied "
                "to the index version (send If-None-Match for a 304), Link headers for "
                "paging, gzip on request, CORS for GET. Rate limited per client address "
                "(429 with Retry-After). The search page's exports, outside this API "
                f"(/export.csv, /export.xlsx, /export.json with the same parameters), give "
                f"the first {EXPORT_LIMIT:,} hits of a search; page through /api/v1/search "
                "with its cursor for more."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {**PATHS, **workflows.PATHS},
        "components": {
            "schemas": {**SCHEMAS, **workflows.SCHEMAS},
            "responses": {**RESPONSES, **workflows.RESPONSES},
        },
    }

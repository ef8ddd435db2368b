"""The OpenAPI description of the newsroom endpoints: entities, batch search, changes."""

from __future__ import annotations

from typing import Any

from .batch import MAX_LINES
from .changes_api import DEFAULT_LIMIT, MAX_LIMIT
from .entities import COOCCURRING, MAX_VALUE, PER_PAGE
from .openapi import (
    CACHE_HEADERS,
    DAY,
    STRING,
    array,
    bounded,
    errors,
    header,
    nullable,
    obj,
    ok,
    operation,
    query,
    ref,
)
from .params import MAX_QUERY_CHARS

Schema = dict[str, Any]
KIND = {"enum": ["person", "organisation", "location"]}
COUNTED = obj({"value": STRING, "label": STRING, "count": {"type": "integer", "minimum": 0}})

SCHEMAS: dict[str, Schema] = {
    "CountedEntity": COUNTED,
    "EntityPage": obj(
        {
            "entity": obj(
                {"type": KIND, "value": STRING, "label": STRING, "aliases": array(STRING)}
            ),
            "with": obj({"type": KIND, "value": STRING, "label": STRING})
            | {
                "type": ["object", "null"],
                "description": "The second entity of a pair (avec), or null.",
            },
            "query": {"type": "string", "description": "The query that finds these articles."},
            "total": {"type": "integer", "minimum": 0},
            "first": obj({"id": STRING, "title": STRING, "published": STRING})
            | {
                "type": ["object", "null"],
                "description": "The oldest dated article (of the pair: « ensemble depuis »).",
            },
            "timeline": array(obj({"month": STRING, "count": {"type": "integer", "minimum": 0}}))
            | {"description": "Articles per month, first to last, zero-filled."},
            "cooccurring": obj(
                {
                    name: array(ref("CountedEntity"))
                    for name in ("person", "organisation", "location")
                }
            )
            | {
                "description": f"Up to {COOCCURRING} entities per type that appear most "
                "with it (or with the pair), with the articles they share."
            },
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "const": PER_PAGE},
            "hits": array(ref("Hit")),
            "undated": {"type": "integer", "minimum": 0},
        }
    ),
    "BatchRequest": obj(
        {
            "queries": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_LINES,
                "items": {
                    "oneOf": [
                        {"type": "string", "maxLength": MAX_QUERY_CHARS},
                        obj(
                            {
                                "q": {"type": "string", "maxLength": MAX_QUERY_CHARS},
                                "label": STRING,
                            },
                            optional=("label",),
                        ),
                    ]
                },
                "description": f"Up to {MAX_LINES} names or queries in Loupe's query "
                "language, each a string or {q, label}.",
            },
            "from": DAY,
            "to": DAY,
            "source": array(STRING),
            "undated": {"enum": ["include", "only"]},
        },
        optional=("from", "to", "source", "undated"),
    ),
    "BatchRow": obj(
        {
            "line": {"type": "integer", "minimum": 1},
            "label": nullable("string"),
            "query": {"type": "string", "description": "The line as sent."},
            "searched": {"type": "string", "description": "What was searched."},
            "reading": {
                "enum": ["name", "query", "empty"],
                "description": "name: plain words read as a name (a phrase, aliases "
                "apply); query: the query language as typed.",
            },
            "notes": array(STRING) | {"description": "How the line was read or repaired."},
            "total": {"type": "integer", "minimum": 0},
            "first": nullable("string", description="Oldest publication date."),
            "last": nullable("string", description="Newest publication date."),
            "person": array(ref("CountedEntity")),
            "organisation": array(ref("CountedEntity")),
            "location": array(ref("CountedEntity")),
            "search_url": STRING,
        }
    ),
    "BatchResult": obj(
        {
            "count": {"type": "integer", "minimum": 0},
            "matched": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "const": MAX_LINES},
            "took_ms": {"type": "number", "minimum": 0},
            "rows": array(ref("BatchRow")),
        }
    ),
    "Change": obj(
        {
            "id": STRING,
            "change": {"enum": ["added", "updated", "deleted"]},
            "time": {"type": "string", "description": "ISO 8601 date-time of the indexing run."},
        }
    ),
    "Changes": obj(
        {
            "changes": array(ref("Change")),
            "next": {"type": "string", "description": "Token to send as since next time."},
            "more": {
                "type": "boolean",
                "description": "True when more changes wait: call again with next at once.",
            },
            "next_url": STRING,
        }
    ),
}

PATHS: dict[str, Any] = {
    "/api/v1/entities/{kind}/{value}": operation(
        "entity",
        "An entity: names, monthly timeline, who appears with it, its articles",
        [
            {
                "name": "kind",
                "in": "path",
                "required": True,
                "schema": {"enum": ["person", "organisation", "location", "personne", "lieu"]},
                "description": "Entity type.",
            },
            {
                "name": "value",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "maxLength": MAX_VALUE},
                "description": "Facet value (as facets and hits give it).",
            },
            query(
                "avec",
                STRING,
                "Pair view: TYPE:VALUE (personne, organisation, lieu) of a "
                "second entity; the articles that name both.",
            ),
            query("page", bounded(1, 10_000, 1), "Page of articles (newest first)."),
        ],
        {
            "200": ok("EntityPage", "The entity, or the pair."),
            **errors("304", "400", "404", "429", "500", "503"),
        },
    ),
    "/api/v1/batch": {
        "post": {
            "operationId": "batch",
            "summary": f"Batch search: up to {MAX_LINES} names or queries at once",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("BatchRequest")}},
            },
            "responses": {
                "200": {
                    "description": "One row per query, in the order sent.",
                    "content": {"application/json": {"schema": ref("BatchResult")}},
                },
                **errors("400", "429", "500", "503"),
            },
        }
    },
    "/api/v1/changes": operation(
        "changes",
        "Articles added, updated and deleted since a token, oldest first",
        [
            query(
                "since",
                STRING,
                "The next token of the previous call; absent: from the first article ever indexed.",
            ),
            query("limit", bounded(1, MAX_LIMIT, DEFAULT_LIMIT), "Changes per page."),
        ],
        {
            "200": {
                "description": "A page of changes and the token to continue from.",
                "headers": {**CACHE_HEADERS, "Link": header('The next page: rel="next".')},
                "content": {"application/json": {"schema": ref("Changes")}},
            },
            "410": {"$ref": "#/components/responses/Gone"},
            **errors("304", "400", "429", "500", "503"),
        },
    ),
}

RESPONSES: dict[str, Any] = {
    "Gone": {
        "description": "The token belongs to a change log this server no longer "
        "keeps: a full resync is needed (detail says how).",
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    },
}

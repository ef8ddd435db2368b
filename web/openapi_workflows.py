"""The OpenAPI description of the newsroom endpoints (entity pages, ...)."""

from __future__ import annotations

from typing import Any

from .entities import COOCCURRING, MAX_VALUE, PER_PAGE
from .openapi import (
    STRING,
    array,
    bounded,
    errors,
    obj,
    ok,
    operation,
    query,
    ref,
)

Schema = dict[str, Any]
KIND = {"enum": ["person", "organisation", "location"]}
COUNTED = obj({"value": STRING, "label": STRING, "count": {"type": "integer", "minimum": 0}})

SCHEMAS: dict[str, Schema] = {
    "CountedEntity": COUNTED,
    "EntityPage": obj({
        "entity": obj({"type": KIND, "value": STRING, "label": STRING,
                       "aliases": array(STRING)}),
        "with": obj({"type": KIND, "value": STRING, "label": STRING}) | {
            "type": ["object", "null"],
            "description": "The second entity of a pair (avec), or null."},
        "query": {"type": "string", "description": "The query that finds these articles."},
        "total": {"type": "integer", "minimum": 0},
        "first": obj({"id": STRING, "title": STRING, "published": STRING}) | {
            "type": ["object", "null"],
            "description": "The oldest dated article (of the pair: « ensemble depuis »)."},
        "timeline": array(obj({"month": STRING, "count": {"type": "integer",
                                                          "minimum": 0}})) | {
            "description": "Articles per month, first to last, zero-filled."},
        "cooccurring": obj({name: array(ref("CountedEntity")) for name in
                            ("person", "organisation", "location")}) | {
            "description": f"Up to {COOCCURRING} entities per type that appear most "
                           "with it (or with the pair), with the articles they share."},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "const": PER_PAGE},
        "hits": array(ref("Hit")),
        "undated": {"type": "integer", "minimum": 0},
    }),
}

PATHS: dict[str, Any] = {
    "/api/v1/entities/{kind}/{value}": operation(
        "entity", "An entity: names, monthly timeline, who appears with it, its articles",
        [{"name": "kind", "in": "path", "required": True,
          "schema": {"enum": ["person", "organisation", "location",
                              "personne", "lieu"]}, "description": "Entity type."},
         {"name": "value", "in": "path", "required": True,
          "schema": {"type": "string", "maxLength": MAX_VALUE},
          "description": "Facet value (as facets and hits give it)."},
         query("avec", STRING, "Pair view: TYPE:VALUE (personne, organisation, lieu) of a "
                               "second entity; the articles that name both."),
         query("page", bounded(1, 10_000, 1), "Page of articles (newest first).")],
        {"200": ok("EntityPage", "The entity, or the pair."),
         **errors("304", "400", "404", "429", "500", "503")}),
}

RESPONSES: dict[str, Any] = {}

"""Hits and article views from stored fields: entities, dates, snippets."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from .results import EntityRef, Hit
from .schema import ENTITY_FIELDS
from .snippets import lead, snippets

log = logging.getLogger(__name__)
#: The entity kind (and facet field) of places; people and organisations are actors.
PLACE_KIND = "location"


def stored_entities(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The entity and date JSON the indexer stored with the article."""
    raw = stored.get("entities")
    try:
        data = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError as e:
        data = e
    if not isinstance(data, dict):
        # One damaged record must not take the page down; say which.
        reason = data if isinstance(data, ValueError) else "not a JSON object"
        log.warning(
            "article %s: stored entities are not valid JSON (%s); shown without "
            "them until it is reindexed",
            stored.get("id", "?"),
            reason,
        )
        data = {}
    return {"entities": data.get("entities", []), "dates": data.get("dates", [])}


def stored_metadata(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Where an article comes from, as hits and article views both give it."""
    return {
        "url": stored.get("url") or None,
        "source": stored.get("source") or None,
        "author": stored.get("author") or None,
        "published": stored.get("published_iso"),
        "file": stored.get("file", ""),
        "line": stored.get("line"),
    }


def entity_refs(
    stored: Mapping[str, Any], labels: Mapping[str, str]
) -> tuple[list[EntityRef], list[EntityRef]]:
    """Actors (people, then organisations) and places of an article, labelled as the facets.

    The keys come from the facet fields and the labels from the index-wide
    table the facets use: parsing the article's entity JSON (mention offsets
    and all) cost ~40 us a hit. A key the table lacks falls back to that JSON.
    """
    keys = [(key, kind) for kind in ENTITY_FIELDS for key in (stored.get(kind) or "").split(",")]
    if not all(key in labels for key, _ in keys if key):
        return _stored_refs(stored)
    return _split([EntityRef(key, labels[key], kind) for key, kind in keys if key])


def _stored_refs(stored: Mapping[str, Any]) -> tuple[list[EntityRef], list[EntityRef]]:
    """The entity refs of the article's own entity JSON."""
    entities = stored_entities(stored)["entities"]
    return _split([EntityRef(e["key"], e["label"], e["kind"]) for e in entities])


def _split(refs: list[EntityRef]) -> tuple[list[EntityRef], list[EntityRef]]:
    """(actors, places), in the order given."""
    places = [ref for ref in refs if ref.type == PLACE_KIND]
    return [ref for ref in refs if ref.type != PLACE_KIND], places


def make_hit(
    stored: Mapping[str, Any],
    labels: Mapping[str, str],
    terms: Iterable[str],
    score: float | None,
    with_snippets: bool = True,
    missing: list[str] | None = None,
) -> Hit:
    """A result-list entry for one stored article."""
    actors, places = entity_refs(stored, labels)
    body = stored.get("body", "")
    passages = snippets(body, terms) if with_snippets else []
    if with_snippets and not passages and body.strip():
        passages = [lead(body)]
    return Hit(
        id=stored["id"],
        title=stored.get("title", ""),
        **stored_metadata(stored),
        snippets=passages,
        actors=actors,
        locations=places,
        score=round(score, 4) if score is not None else None,
        missing=missing or [],
    )

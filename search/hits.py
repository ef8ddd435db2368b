"""Hits and article views from stored fields: entities, dates, snippets."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from .results import EntityRef, Hit
from .snippets import lead, snippets

log = logging.getLogger(__name__)


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


def entity_refs(stored: Mapping[str, Any]) -> tuple[list[EntityRef], list[EntityRef]]:
    """Actors (people, then organisations) and places of an article."""
    actors: list[EntityRef] = []
    places: list[EntityRef] = []
    for entity in stored_entities(stored)["entities"]:
        ref = EntityRef(entity["key"], entity["label"], entity["kind"])
        (places if entity["kind"] == "location" else actors).append(ref)
    return actors, places


def make_hit(
    stored: Mapping[str, Any],
    terms: Iterable[str],
    score: float | None,
    with_snippets: bool = True,
    missing: list[str] | None = None,
) -> Hit:
    """A result-list entry for one stored article."""
    actors, places = entity_refs(stored)
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

"""Watch feeds (« Veille »): any search as an Atom feed, newest articles first.

The feed is the search page's own search (``search_payload``, the same
parameters), sorted newest first; only its rendering differs, through the
autoescaped template ``feed.xml``. A template rather than feedgen: feedgen
1.0 drops the ``rel`` and ``type`` of entry links (it reads them back from
the element it has just created), and an entry needs two links (the Loupe
page and the original); the tests read the feed with feedparser as a
reader would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urljoin
from zoneinfo import ZoneInfo

from search.engine import Engine

from . import french
from .payloads import search_payload
from .urls import article_url, url

#: Entries in a feed: readers poll often, so the newest ones are enough.
FEED_SIZE = 50
#: Parameters of the page the feed was found on that a feed does not take.
IGNORED = ("page", "per_page", "cursor", "sort", "facets", "facet_size")
#: The article's stable id as an IRI: a reader recognises an entry by it.
ENTRY_ID = "urn:loupe:article:"
ATOM_TYPE = "application/atom+xml"
#: A publication time without an offset is Paris time (README, "Publication dates").
PARIS = ZoneInfo("Europe/Paris")


def feed_params(params: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The search behind a feed: its filters, newest first, one page, no facets."""
    kept = {k: list(v) for k, v in params.items() if k not in IGNORED}
    return {**kept, "sort": ["-date"], "per_page": [str(FEED_SIZE)], "facets": [""]}


def feed_view(
    engine: Engine, params: Mapping[str, Sequence[str]], root: str, time_limit: float | None = None
) -> dict[str, Any]:
    """What the Atom template prints for the search *params*; *root* is the server's URL."""
    payload = search_payload(engine, feed_params(params), time_limit=time_limit)
    filters = {k: list(v) for k, v in params.items() if k not in IGNORED}
    indexed = _indexed_times(engine, payload["hits"])
    fallback = _index_time(engine)
    self_url = urljoin(root, url(filters, "/flux.atom"))
    return {
        "id": self_url,
        "title": _feed_title(filters),
        "subtitle": _subtitle(payload["total"]),
        "updated": max(indexed.values(), default=fallback).isoformat(),
        "self_url": self_url,
        "page_url": urljoin(root, url({**filters, "sort": ["-date"]})),
        "entries": [
            _entry(hit, indexed.get(hit["id"], fallback), root, payload["query"])
            for hit in payload["hits"]
        ],
    }


def _subtitle(total: int) -> str:
    found = french.count(total, "article trouvé", "articles trouvés")
    return found if total <= FEED_SIZE else f"{found} ; les {FEED_SIZE} plus récents ici"


def _feed_title(filters: Mapping[str, Sequence[str]]) -> str:
    q = (filters.get("q") or [""])[0].strip()
    parts = [f"« {q} »"] if q else []
    parts += [value for name in ("actor", "location", "source") for value in filters.get(name, [])]
    return "Loupe – " + (", ".join(parts) if parts else "tous les articles")


def _entry(hit: Mapping[str, Any], indexed: dt.datetime, root: str, q: str) -> dict[str, Any]:
    return {
        "id": ENTRY_ID + quote(hit["id"], safe=""),
        "title": hit["title"] or "(sans titre)",
        "url": urljoin(root, article_url(hit["id"], {"q": [q]} if q else None)),
        "source_url": hit["url"],
        "updated": indexed.isoformat(),
        "published": _aware(hit["published"], PARIS).isoformat() if hit["published"] else None,
        "author": hit["author"] or hit["source"] or "Loupe",
        "summary": " … ".join(hit["snippets"]),
        "categories": [
            {"term": e["value"], "scheme": f"urn:loupe:{e['type']}", "label": e["label"]}
            for e in [*hit["actors"], *hit["locations"]]
        ],
    }


def _indexed_times(engine: Engine, hits: Sequence[Mapping[str, Any]]) -> dict[str, dt.datetime]:
    """When each hit's article entered the index (its last indexing run)."""
    out = {}
    for hit in hits:
        stored = engine.stored(hit["id"]) or {}
        if stored.get("indexed_at"):
            out[hit["id"]] = _aware(stored["indexed_at"])
    return out


def _index_time(engine: Engine) -> dt.datetime:
    """The end of the last indexing run: the feed's time when it has no entry."""
    return _aware(engine.generation().meta.updated or "1970-01-01T00:00:00+00:00")


def _aware(value: str, zone: dt.tzinfo = dt.UTC) -> dt.datetime:
    """An ISO 8601 date or time as an aware datetime; without an offset, in *zone*."""
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)

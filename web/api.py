"""Blueprint "api", mounted at /api/v1: the JSON API for bots.

The views only translate HTTP: ``payloads`` builds every body (shared with
the HTML page and ``loupe search --json``), ``http`` adds ETags, gzip, CORS
and Link headers, ``ratelimit`` the per-address limit, ``errors`` the
problem+json answers (``create_app`` installs them all). ``healthz`` is
mounted outside /api/v1 by ``create_app``.

At most ``SEARCH_WORKERS`` request threads (default 1) run engine work at
once, the others wait their turn: the search is pure Python, so threads
only share one core through the GIL, and switching between eight of them
made every search slower (measured: fewer searches per second, twice the
p95 latency). Each searching thread keeps its own Whoosh searcher (~2 MB
on a 20,000-article index: postings and facet arrays are shared).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from flask import Blueprint, Response, current_app, jsonify, request

from search.errors import SearchError

from . import http, openapi
from .extensions import get_engine, run, time_limit
from .params import MAX_QUERY_CHARS, BadParameter, Params, first, similar_count
from .payloads import article_payload, facet_payload, search_payload, similar_payload

bp = Blueprint("api", __name__)


def _args() -> Params:
    """The query string as lists of values (``a=1&a=2`` -> ``{"a": ["1", "2"]}``)."""
    return request.args.to_dict(flat=False)


@bp.get("/search")
@http.conditional(http.current_version)
def search() -> Response:
    """Search articles: hits, facets, cursor of the next page."""
    payload = run(search_payload, get_engine(), _args(), time_limit=time_limit())
    response = jsonify(payload)
    http.add_links(response, next=payload["next_url"], prev=payload["previous_url"])
    if payload["partial"]:
        http.uncacheable(response)
    return response


@bp.get("/articles/<path:doc_id>")
@http.conditional(http.current_version)
def article(doc_id: str) -> Response:
    """One article with its entities (type, positions) and dates."""
    q = first(_args(), "q") or ""
    if len(q) > MAX_QUERY_CHARS:
        raise BadParameter("q", f"query longer than {MAX_QUERY_CHARS} characters")
    return jsonify(run(article_payload, get_engine(), doc_id, q))


@bp.get("/articles/<path:doc_id>/similar")
@http.conditional(http.current_version)
def similar(doc_id: str) -> Response:
    """Articles like this one."""
    return jsonify(run(similar_payload, get_engine(), doc_id, similar_count(_args())))


@bp.get("/facets/<name>")
@http.conditional(http.current_version)
def facet_values(name: str) -> Response:
    """Values of one facet matching a prefix, within the other filters."""
    return jsonify(run(facet_payload, get_engine(), name, _args()))


@bp.get("/status")
@http.conditional(http.current_version)
def status() -> Response:
    """Article count, last indexing time, versions and size of the index."""
    return jsonify(run(get_engine().status))


@bp.get("/openapi.json")
@http.conditional(lambda: _openapi()[1])
def openapi_json() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return current_app.response_class(_openapi()[0], mimetype="application/json")


@cache
def _openapi() -> tuple[str, str]:
    """The description serialised once, and its digest as a version."""
    text = json.dumps(openapi.description(), ensure_ascii=False, indent=1)
    return text, hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def healthz() -> tuple[Response, int]:
    """200 when the index can be searched, 503 (JSON) when not."""
    try:
        articles = run(get_engine().status)["articles"]
    except SearchError as e:
        return jsonify(status="unavailable", detail=str(e)), 503
    return jsonify(status="ok", articles=articles), 200

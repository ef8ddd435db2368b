"""HTTP manners of the API: ETag and 304, gzip, CORS, Link headers.

Bots poll: an ``ETag`` tied to the index version lets them revalidate for
free (``If-None-Match`` -> 304, no search run), gzip shrinks result pages
about eightfold, and CORS lets browser code on other sites read the API.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urljoin

from flask import Flask, Response, current_app, g, make_response, request

from .extensions import get_engine

API_PREFIX = "/api/"
#: Paths outside /api/ that get the same treatment (CORS, gzip).
EXTRA_PATHS = ("/healthz",)
#: Smaller bodies gain nothing from gzip: the header overhead eats the saving.
MIN_GZIP_BYTES = 1024
#: nginx's default: on a 50 kB search response, 0.33 ms and 9.9 kB where
#: level 5 took 1.25 ms for 8.2 kB; the CPU is the server's scarcer resource.
GZIP_LEVEL = 1
CORS_METHODS = "GET, HEAD, OPTIONS"
CORS_EXPOSED = "ETag, Link, Retry-After"
CORS_MAX_AGE = "86400"
#: An ETag-revalidated response may be kept but must be checked each time.
CACHE_CONTROL = "no-cache"

View = Callable[..., Any]


def current_version() -> str:
    """The index version of this app's engine: what ``conditional`` views tag with."""
    return get_engine().version()


def etag_for(version: str) -> str:
    """The ETag of this request's URL under *version*."""
    key = f"{version}\n{request.path}?{request.query_string.decode('latin-1')}"
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def conditional(version: Callable[[], str]) -> Callable[[View], View]:
    """Decorate a GET view: 304 when ``If-None-Match`` holds the current ETag.

    The version is read before the view runs, so an index committed meanwhile
    can only make the tag older than the body, never newer: a client then
    fetches again instead of keeping stale results.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Response:
            tag = etag_for(version())
            if request.if_none_match.contains_weak(tag):
                response = Response(status=304)
            else:
                response = make_response(view(*args, **kwargs))
                if response.status_code != 200 or g.get("loupe_uncacheable"):
                    return response
            response.set_etag(tag, weak=True)
            response.headers["Cache-Control"] = CACHE_CONTROL
            return response

        return wrapper

    return decorate


def uncacheable(response: Response) -> Response:
    """Mark *response* as not to be stored nor tagged (a partial result page)."""
    g.loupe_uncacheable = True
    response.headers["Cache-Control"] = "no-store"
    return response


def add_links(response: Response, **targets: str | None) -> Response:
    """RFC 8288 ``Link`` header, absolute URLs: ``add_links(r, next=url, prev=url)``."""
    links = [
        f'<{urljoin(request.url_root, url)}>; rel="{rel}"' for rel, url in targets.items() if url
    ]
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


def add_cors(response: Response, origins: frozenset[str]) -> Response:
    """Let browser code from allowed origins read the response."""
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    else:
        response.vary.add("Origin")
        origin = request.headers.get("Origin", "")
        if origin not in origins:
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
    if is_preflight():
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        asked = request.headers.get("Access-Control-Request-Headers", "")
        if asked:
            response.headers["Access-Control-Allow-Headers"] = asked
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    else:
        response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSED
    return response


def is_preflight() -> bool:
    """A browser asking whether it may send a cross-origin request."""
    return (
        request.method == "OPTIONS"
        and "Origin" in request.headers
        and "Access-Control-Request-Method" in request.headers
    )


def compress(response: Response) -> Response:
    """Gzip a large enough body when the client accepts it."""
    if (
        response.status_code in (204, 304)
        or response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
    ):
        return response
    response.vary.add("Accept-Encoding")
    body = response.get_data()
    if len(body) < MIN_GZIP_BYTES or not request.accept_encodings["gzip"]:
        return response
    response.set_data(gzip.compress(body, GZIP_LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    return response


def answer_preflight() -> Response | None:
    """Before any view or rate limit: answer a preflight to an API route with 204."""
    if is_preflight() and _served_here() and request.url_rule is not None:
        response = Response(status=204)
        del response.headers["Content-Type"]
        return response
    return None


def finish(response: Response) -> Response:
    """After every request: CORS, then gzip, on API responses only."""
    if not _served_here():
        return response
    add_cors(response, current_app.config["CORS_ORIGINS"])
    if response.status_code == 304:
        response.vary.add("Accept-Encoding")
        return response
    return compress(response)


def _served_here() -> bool:
    return request.path.startswith(API_PREFIX) or request.path in EXTRA_PATHS


def init_app(app: Flask) -> None:
    """Register the hooks; call before the rate limiter so preflights skip it."""
    app.before_request(answer_preflight)
    app.after_request(finish)

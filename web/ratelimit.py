"""A rate limit per client address on the API (Flask-Limiter), answered with 429.

``LOUPE_RATELIMIT`` sets it ("600 per minute", "10/second; 1000/hour");
``LOUPE_RATELIMIT_ENABLED=false`` turns it off (``settings`` reads both).
Counters live in memory, per process: with several server processes each
counts on its own (``LOUPE_RATELIMIT_STORAGE_URI`` can point them at a
shared store).
"""

from __future__ import annotations

import math
import time

from flask import Blueprint, Flask, Response, current_app
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from .errors import problem

KEY = "loupe.limiter"
LIMITED_METHODS = ["GET", "HEAD"]


def too_many_requests(e: RateLimitExceeded) -> Response:
    """429 as problem+json, with the seconds to wait in ``Retry-After``."""
    limiter: Limiter = current_app.extensions[KEY]
    current = limiter.current_limit
    wait = current.reset_at - time.time() if current is not None else 1
    response = problem(
        429, "Too Many Requests", f"rate limit of {e.description} exceeded; retry later"
    )
    response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


def init_app(app: Flask, *blueprints: Blueprint) -> Limiter:
    """Limit the GETs of *blueprints*, all their endpoints together, per client address."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        headers_enabled=False,
    )
    # Shared: one budget for the whole API, not one per endpoint or blueprint.
    for blueprint in blueprints:
        limiter.shared_limit(app.config["RATELIMIT"], scope="api", methods=LIMITED_METHODS)(
            blueprint
        )
    app.extensions[KEY] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)
    return limiter

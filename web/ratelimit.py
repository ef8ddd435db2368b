"""A rate limit per client address on the API (Flask-Limiter), answered with 429.

``LOUPE_RATELIMIT`` sets it ("600 per minute", "10/second; 1000/hour");
``LOUPE_RATELIMIT_ENABLED=false`` turns it off. Counters live in memory, per
process: with several server processes each counts on its own
(``LOUPE_RATELIMIT_STORAGE_URI`` can point them at a shared store).
"""

from __future__ import annotations

import math
import time

from flask import Blueprint, Flask, Response, current_app
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many

from .errors import problem

KEY = "loupe.limiter"
LIMITED_METHODS = ["GET", "HEAD"]


class BadRateLimit(ValueError):
    """The RATELIMIT setting cannot be read."""


def check_setting(value: str) -> str:
    """*value* if Flask-Limiter can parse it, else a BadRateLimit saying what is expected."""
    try:
        parse_many(value)
    except ValueError:
        raise BadRateLimit(
            f"LOUPE_RATELIMIT={value!r} is not a rate limit: write e.g. "
            f"'600 per minute' or '10/second; 1000/hour'"
        ) from None
    return value


def too_many_requests(e: RateLimitExceeded) -> Response:
    """429 as problem+json, with the seconds to wait in ``Retry-After``."""
    limiter: Limiter = current_app.extensions[KEY]
    current = limiter.current_limit
    wait = current.reset_at - time.time() if current is not None else 1
    response = problem(429, "Too Many Requests",
                       f"rate limit of {e.description} exceeded; retry later")
    response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


def init_app(app: Flask, bp: Blueprint) -> Limiter:
    """Limit the GETs of *bp*, all endpoints together, per client address."""
    setting = check_setting(app.config["RATELIMIT"])
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
        headers_enabled=False,
    )
    # Shared: one budget for the whole API, not one per endpoint.
    limiter.shared_limit(setting, scope="api", methods=LIMITED_METHODS)(bp)
    app.extensions[KEY] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)
    return limiter

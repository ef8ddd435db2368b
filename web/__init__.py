"""The Flask application: a French search page for journalists, a JSON API for bots.

``flask --app web run --debug`` for development; ``loupe serve`` (gunicorn)
in production. Configuration comes from ``LOUPE_*`` environment variables
(``LOUPE_INDEX_DIR``, ``LOUPE_ALIASES``, ``LOUPE_CORS_ORIGINS``, ...), read
when the app is created, never at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": "var/index",
    "ALIASES": "",
    "PER_PAGE": 20,
    "CORS_ORIGINS": "*",
    "RATELIMIT": "600 per minute",
    "RATELIMIT_ENABLED": True,
    "SEARCH_TIME_LIMIT": 5.0,
    "SEARCH_WORKERS": 1,
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``LOUPE_*`` variables, then *config*."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if not (config or {}).get("TESTING"):
        app.config.from_prefixed_env("LOUPE")
    app.config.update(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import errors, extensions, security

    extensions.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """The HTML pages and the API, when their modules exist."""
    from importlib import import_module

    import_module("web.workflows_api")  # adds its routes to the "api" blueprint
    for module, prefix in (("html", None), ("workflows", None), ("api", "/api/v1")):
        try:
            blueprint = import_module(f"web.{module}").bp
        except ModuleNotFoundError as e:
            if e.name != f"web.{module}":
                raise
            continue
        app.register_blueprint(blueprint, url_prefix=prefix)

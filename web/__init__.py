"""The Flask application: a French search page for journalists, a JSON API for bots.

``flask --app web run --debug`` for development; ``loupe serve`` (gunicorn)
in production. Configuration comes from the ``LOUPE_*`` environment
variables of ``web.settings``, read and checked when the app is created,
never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings from *config*, else ``LOUPE_*`` variables, else defaults.

    Raises ``settings.BadSetting`` for a value it cannot use. With
    ``TESTING`` in *config* the environment is not read.
    """
    # Imported here, not above: ``loupe search`` imports this package and needs
    # none of the web stack (a quarter of a second of CPU saved per command).
    from . import (
        api,
        errors,
        extensions,
        html,
        http,
        ratelimit,
        security,
        workflows,
        workflows_api,
    )
    from .entities import EntityNotFound
    from .entity_view import entity_page_url
    from .jsonio import OrjsonProvider
    from .settings import read_settings, unknown_variables

    config = dict(config or {})
    environ = {} if config.get("TESTING") else os.environ
    app = Flask(__name__)
    app.json = OrjsonProvider(app)
    app.config.update(config)
    app.config.update(read_settings(environ, config))
    for warning in unknown_variables(environ):
        app.logger.warning("%s", warning)

    extensions.init_app(app)  # the engine and its search slots
    errors.init_app(app)
    app.register_error_handler(EntityNotFound, workflows.entity_not_found)
    security.init_app(app)
    http.init_app(app)  # preflights are answered before the rate limiter counts them

    app.add_template_global(entity_page_url, "entity_page")  # « fiche » links in templates
    app.register_blueprint(html.bp)
    app.register_blueprint(workflows.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    app.register_blueprint(workflows_api.bp, url_prefix="/api/v1")
    ratelimit.init_app(app, api.bp, workflows_api.bp)
    app.add_url_rule("/healthz", "healthz", api.healthz, methods=["GET"])
    return app

"""The newsroom endpoints of the JSON API, on the "api" blueprint (/api/v1).

Imported before the blueprint is registered (``web.create_app``), so these
routes get the API's rate limit, CORS, gzip, ETags and problem+json errors.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from . import http
from .api import _index_version, bp
from .entities import EntityNotFound, entity_payload, kind_of
from .extensions import get_engine, run, time_limit


@bp.get("/entities/<kind>/<path:value>")
@http.conditional(_index_version)
def entity(kind: str, value: str) -> Response:
    """An entity: label, aliases, monthly timeline, who appears with it, its articles."""
    name = kind_of(kind)
    if name is None:
        raise EntityNotFound(kind, value)
    return jsonify(run(entity_payload, get_engine(), name, value,
                       request.args.to_dict(flat=False), time_limit=time_limit()))

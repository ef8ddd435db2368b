"""The newsroom endpoints of the JSON API, on the "api" blueprint (/api/v1).

Imported before the blueprint is registered (``web.create_app``), so these
routes get the API's rate limit, CORS, gzip, ETags and problem+json errors.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from . import http
from .api import _index_version, bp
from .batch import FILTERS, lines_from_json, run_batch
from .changes_api import Gone, changes_payload
from .entities import EntityNotFound, entity_payload, kind_of
from .errors import problem
from .extensions import get_engine, run, time_limit
from .params import BadParameter


@bp.get("/entities/<kind>/<path:value>")
@http.conditional(_index_version)
def entity(kind: str, value: str) -> Response:
    """An entity: label, aliases, monthly timeline, who appears with it, its articles."""
    name = kind_of(kind)
    if name is None:
        raise EntityNotFound(kind, value)
    return jsonify(run(entity_payload, get_engine(), name, value,
                       request.args.to_dict(flat=False), time_limit=time_limit()))


@bp.post("/batch")
def batch() -> Response:
    """Search up to MAX_LINES names or queries at once: one row per query."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
        raise BadParameter("queries", 'send a JSON object {"queries": ["name or query", ...]}'
                                      " with Content-Type: application/json")
    filters = _batch_filters(body)
    lines = lines_from_json(body["queries"])
    return jsonify(run_batch(get_engine(), lines, filters, time_limit(), runner=run))


def _batch_filters(body: dict) -> dict[str, list[str]]:
    """The batch's filters as search parameters (``source`` may be a string or a list)."""
    filters: dict[str, list[str]] = {}
    for name in FILTERS:
        value = body.get(name)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise BadParameter(name, f"{name} must be a string" + (
                " or a list of strings" if name == "source" else ""))
        filters[name] = values
    return filters


@bp.get("/changes")
@http.conditional(_index_version)
def changes() -> Response:
    """Articles added, updated and deleted since a token, oldest first."""
    try:
        payload = run(changes_payload, get_engine(), request.args.to_dict(flat=False))
    except Gone as e:
        return problem(410, "Gone", str(e), param="since")
    response = jsonify(payload)
    if payload["more"]:
        http.add_links(response, next=payload["next_url"])
    return response

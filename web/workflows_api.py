"""Blueprint "api_newsroom": the newsroom endpoints of the JSON API, also under /api/v1.

``create_app`` mounts it beside "api" and gives it the same rate limit
budget; CORS, gzip and problem+json errors apply to every /api/ path.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from . import http
from .batch import FILTERS, lines_from_json, run_batch
from .changes_api import Gone, changes_payload
from .entities import EntityNotFound, entity_payload, kind_of
from .errors import problem
from .extensions import get_engine, run, time_limit
from .params import BadParameter

bp = Blueprint("api_newsroom", __name__)


@bp.get("/entities/<kind>/<path:value>")
@http.conditional(http.current_version)
def entity(kind: str, value: str) -> Response:
    """An entity: label, aliases, monthly timeline, who appears with it, its articles."""
    name = kind_of(kind)
    if name is None:
        raise EntityNotFound(kind, value)
    return jsonify(
        run(
            entity_payload,
            get_engine(),
            name,
            value,
            request.args.to_dict(flat=False),
            time_limit=time_limit(),
        )
    )


@bp.post("/batch")
def batch() -> Response:
    """Search up to MAX_LINES names or queries at once: one row per query."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
        raise BadParameter(
            "queries",
            'send a JSON object {"queries": ["name or query", ...]}'
            " with Content-Type: application/json",
        )
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
            raise BadParameter(
                name,
                f"{name} must be a string" + (" or a list of strings" if name == "source" else ""),
            )
        filters[name] = values
    return filters


@bp.get("/changes")
@http.conditional(http.current_version)
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

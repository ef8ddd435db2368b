"""The pages for journalists, in French: search, article, help, exports.

Each view builds its data with the payload builders the JSON API uses, turns
it into a view model (``pages``) and renders a template. Nothing here writes.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from . import pages
from .exports import csv_lines, export_payload
from .extensions import get_engine, run, time_limit
from .params import MAX_QUERY_CHARS, BadParameter
from .payloads import article_payload, search_payload, similar_payload

bp = Blueprint("html", __name__)


def _params() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


@bp.get("/")
def search() -> Response:
    """The search page; the whole search state lives in the query string."""
    params = _params()
    payload = run(search_payload, get_engine(), params, time_limit=time_limit())
    view = pages.search_view(payload, params)
    response = Response(render_template("search.html", **view))
    response.headers["Link"] = f'<{view["api_url"]}>; rel="alternate"; type="application/json"'
    return response


@bp.errorhandler(BadParameter)
def bad_parameter(e: BadParameter) -> tuple[str, int]:
    """A parameter we cannot use: the search page says which and how to fix it (400)."""
    view = pages.invalid_search_view(_params(), e.param, e.message)
    return render_template("search.html", **view), 400


@bp.get("/articles/<path:doc_id>")
def article(doc_id: str) -> str:
    """One article, the query's words marked and its entities linked."""
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    engine = get_engine()
    payload = run(article_payload, engine, doc_id, q)
    view = pages.article_view(payload, run(similar_payload, engine, doc_id), q)
    return render_template("article.html", **view)


@bp.get("/aide")
def help_page() -> str:
    """The query language, in French."""
    return render_template("help.html", **pages.help_view())


@bp.get("/export.csv")
def export_csv() -> Response:
    """The current results as CSV (UTF-8 with BOM, for Excel)."""
    hits = run(export_payload, get_engine(), _params())["hits"]
    return Response(csv_lines(hits), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="loupe-export.csv"'})


@bp.get("/export.json")
def export_json() -> Response:
    """The current results as JSON, hits shaped as the API shapes them."""
    body = json.dumps(run(export_payload, get_engine(), _params()), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="loupe-export.json"'})

"""The pages for journalists, in French: search, article, help, exports.

Each view builds its data with the payload builders the JSON API uses, turns
it into a view model (``pages``) and renders a template. Nothing here writes.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template, request

from . import pages
from .exports import csv_lines, export_payload, file_name, xlsx_chunks
from .extensions import get_engine, run, time_limit
from .params import MAX_QUERY_CHARS, BadParameter, first
from .payloads import article_payload, search_payload, similar_payload
from .urls import SHOWN_QUERY, submitted, url

bp = Blueprint("html", __name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


@bp.get("/")
def search() -> Response:
    """The search page; the whole search state lives in the query string."""
    params = _params()
    if SHOWN_QUERY in params:  # the search box was submitted
        return redirect(url(submitted(params)), 303)
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
    params = _params()
    q = (first(params, "q") or "")[:MAX_QUERY_CHARS]
    engine = get_engine()
    payload = run(article_payload, engine, doc_id, q)
    view = pages.article_view(payload, run(similar_payload, engine, doc_id), params)
    return render_template("article.html", **view)


@bp.get("/aide")
def help_page() -> str:
    """The query language, in French."""
    return render_template("help.html", **pages.help_view())


def _export(kind: str) -> tuple[dict, str]:
    """The export's payload and its file name (query and day)."""
    payload = run(export_payload, get_engine(), _params(), snippets=kind != "json")
    return payload, file_name(payload["query"], kind)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@bp.get("/export.csv")
def export_csv() -> Response:
    """The current results as CSV for French Excel (;, UTF-8 with BOM), streamed."""
    payload, name = _export("csv")
    return Response(csv_lines(payload["hits"]), mimetype="text/csv", headers=_attachment(name))


@bp.get("/export.xlsx")
def export_xlsx() -> Response:
    """The current results as an Excel workbook, streamed in chunks."""
    payload, name = _export("xlsx")
    return Response(
        xlsx_chunks(payload["hits"], payload["query"]),
        mimetype=XLSX_TYPE,
        headers=_attachment(name),
    )


@bp.get("/export.json")
def export_json() -> Response:
    """The current results as JSON, hits shaped as the API shapes them."""
    payload, name = _export("json")
    body = json.dumps(payload, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers=_attachment(name))

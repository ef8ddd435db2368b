"""One error handler per boundary: problem+json under /api/, French pages elsewhere.

Never a traceback, never an HTML page under ``/api/``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from search.errors import SearchError

from .params import BadParameter
from .payloads import ArticleNotFound, UnknownFacet
from .texts import FIXES

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://loupe.example/problems/"

#: French titles of the error pages.
FRENCH_TITLES = {
    400: "Requête incorrecte",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    429: "Trop de requêtes",
    500: "Erreur interne",
    503: "Service indisponible",
}


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An RFC 9457 problem details response."""
    body = {
        "type": PROBLEM_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


#: A French error page with extra headers.
HeadedPage = tuple[str, int, dict[str, str]]
#: Paths outside /api/ that bots call: their errors are JSON too.
JSON_PATHS = ("/healthz",)


def wants_json() -> bool:
    """Errors under /api/ are JSON, whatever blueprint matched (or none did)."""
    return request.path.startswith("/api/") or request.path in JSON_PATHS


def _page(status: int, detail: str) -> tuple[str, int]:
    title = FRENCH_TITLES.get(status, "Erreur")
    return render_template("error.html", status=status, title=title, detail=detail), status


def handle_http_error(e: HTTPException) -> Response | HeadedPage:
    """404, 405, 429... as problem+json or a French page; a 405 says what is allowed."""
    status = e.code or 500
    methods = getattr(e, "valid_methods", None) if status == 405 else None
    headers = {"Allow": ", ".join(methods)} if methods else {}
    if wants_json():
        response = problem(status, e.name, e.description or e.name)
        response.headers.update(headers)
        return response
    return (*_page(status, _french_detail(status)), headers)


def handle_bad_parameter(e: BadParameter) -> Response | tuple[str, int]:
    """A parameter we cannot use: 400 naming it."""
    if wants_json():
        return problem(400, "Bad Request", e.message, param=e.param)
    fix = FIXES.get(e.param, "Corrigez-le ou retirez-le de l’adresse.")
    return _page(400, f"Paramètre « {e.param} » incorrect. {fix}")


def handle_article_not_found(e: ArticleNotFound) -> Response | tuple[str, int]:
    """An article id the index does not hold: 404."""
    if wants_json():
        return problem(404, "Not Found", f"no article with id {e.args[0]!r}")
    return _page(404, "Cet article n’existe pas (ou plus) dans l’index.")


def handle_unknown_facet(e: UnknownFacet) -> Response | tuple[str, int]:
    """A facet name that does not exist: 404 naming the path parameter."""
    if wants_json():
        return problem(404, "Not Found", str(e), param="name")
    return _page(404, "Ce filtre n’existe pas.")


def handle_search_error(e: SearchError) -> Response | tuple[str, int]:
    """The index is missing, being rebuilt or of another version: 503."""
    if wants_json():
        return problem(503, "Service Unavailable", str(e))
    return _page(
        503, f"L’index des articles n’est pas disponible. Détail pour l’administrateur : {e}"
    )


def handle_unexpected(e: Exception) -> Response | tuple[str, int]:
    """Anything else: logged with its traceback, answered without it.

    Never an HTTPException: Flask picks a handler along the exception's MRO,
    so ``handle_http_error`` (registered for HTTPException) always wins.
    """
    current_app.logger.exception("unhandled error on %s", request.path)
    error = InternalServerError()
    if wants_json():
        return problem(500, error.name, "The server failed; the error has been logged.")
    return _page(500, _french_detail(500))


def _french_detail(status: int) -> str:
    return {
        404: "Cette page n’existe pas. Revenez à la recherche.",
        405: "Cette adresse ne s’utilise pas ainsi.",
        429: "Trop de requêtes en peu de temps : patientez un instant.",
        500: "Une erreur est survenue de notre côté ; elle a été enregistrée.",
    }.get(status, "La requête n’a pas pu aboutir.")


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(BadParameter, handle_bad_parameter)
    app.register_error_handler(ArticleNotFound, handle_article_not_found)
    app.register_error_handler(UnknownFacet, handle_unknown_facet)
    app.register_error_handler(SearchError, handle_search_error)
    app.register_error_handler(Exception, handle_unexpected)

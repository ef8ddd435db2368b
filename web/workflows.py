"""Blueprint "workflows": the newsroom pages (watch feeds, entity pages, batch search).

Like the search page, each view builds its data with a payload builder that
the JSON API shares, and only renders it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from flask import Blueprint, Response, render_template, request
from werkzeug.http import is_resource_modified

from . import http
from .batch import FILTERS, BadBatch, lines_from_text, run_batch
from .batch_files import csv_bytes, decode_list, xlsx_chunks
from .batch_view import batch_page_view
from .entities import EntityNotFound, entity_payload, kind_of
from .entity_view import TITLES, entity_view
from .errors import FRENCH_TITLES, problem, wants_json
from .extensions import get_engine, run, time_limit
from .feeds import ATOM_TYPE, feed_view
from .params import BadParameter

bp = Blueprint("workflows", __name__)


def _params() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


@bp.get("/flux.atom")
def feed() -> Response:
    """The search as an Atom feed; readers that poll revalidate for nothing (304)."""
    engine = get_engine()
    tag = http.etag_for(engine.version())
    changed = _last_indexed(engine.generation().meta.updated)
    headers = {"Cache-Control": http.CACHE_CONTROL}
    if not is_resource_modified(request.environ, etag=tag, last_modified=changed):
        response = Response(status=304, headers=headers)
    else:
        view = run(feed_view, engine, _params(), request.url_root, time_limit=time_limit())
        body = render_template("feed.xml", feed=view)
        response = Response(body, mimetype=ATOM_TYPE, headers=headers)
        response.charset = "utf-8"
    response.set_etag(tag, weak=True)
    if changed:
        response.last_modified = changed
    return response


def _last_indexed(value: str | None) -> dt.datetime | None:
    """The end of the last indexing run, for ``Last-Modified``."""
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@bp.get("/entites/<kind>/<path:value>")
def entity(kind: str, value: str) -> str:
    """An entity's page, or with ``avec`` the page of a pair."""
    name = kind_of(kind)
    if name is None:
        raise EntityNotFound(kind, value)
    payload = run(entity_payload, get_engine(), name, value, _params(), time_limit=time_limit())
    return render_template("entity.html", **entity_view(payload))


def entity_not_found(e: EntityNotFound) -> Response | tuple[str, int]:
    """An entity no article names: 404, a French page or problem+json."""
    if wants_json():
        return problem(404, "Not Found", str(e), param="value")
    detail = (
        f"Aucun article ne cite « {e.value} » comme "
        f"{TITLES.get(e.kind, 'entité').lower()}. Cherchez-le dans la recherche."
    )
    return render_template("error.html", status=404, title=FRENCH_TITLES[404], detail=detail), 404


@bp.get("/lot")
def batch_form() -> str:
    """The batch search form."""
    return render_template("batch.html", **batch_page_view("", {}, None))


@bp.post("/lot")
def batch_results() -> Response | str | tuple[str, int]:
    """Run the pasted or uploaded list; ``format=csv|xlsx`` downloads the results."""
    upload = request.files.get("fichier")
    text = (
        decode_list(upload.read()) if upload and upload.filename else request.form.get("lignes", "")
    )
    filters = {
        name: request.form.get(name, "").strip()
        for name in FILTERS
        if request.form.get(name, "").strip()
    }
    try:
        result = _cached_batch(text, filters)
    except BadBatch as e:
        return render_template("batch.html", **batch_page_view(text, filters, None, e.french)), 400
    except BadParameter as e:
        message = f"Filtre « {e.param} » incorrect : {e.message}"
        return render_template("batch.html", **batch_page_view(text, filters, None, message)), 400
    download = request.form.get("format")
    if download in DOWNLOADS:
        writer, mimetype, name = DOWNLOADS[download]
        return Response(
            writer(result["rows"], request.url_root.rstrip("/")),
            mimetype=mimetype,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return render_template("batch.html", **batch_page_view(text, filters, result))


DOWNLOADS = {
    "csv": (csv_bytes, "text/csv", "loupe-recherche-par-lot.csv"),
    "xlsx": (
        xlsx_chunks,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "loupe-recherche-par-lot.xlsx",
    ),
}
#: Recent batches of this process, so that a download does not search the list again.
_RECENT: OrderedDict[tuple, dict] = OrderedDict()
_RECENT_SIZE = 4
_RECENT_LOCK = threading.Lock()


def _cached_batch(text: str, filters: dict[str, str]) -> dict:
    """The batch's result, from the recent ones when the index has not changed since."""
    engine = get_engine()
    key = (engine.version(), text, tuple(sorted(filters.items())))
    with _RECENT_LOCK:
        if key in _RECENT:
            _RECENT.move_to_end(key)
            return _RECENT[key]
    params = {name: [value] for name, value in filters.items()}
    result = run_batch(engine, lines_from_text(text), params, time_limit(), runner=run)
    with _RECENT_LOCK:
        _RECENT[key] = result
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return result

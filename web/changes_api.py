"""``GET /api/v1/changes``: the change log for bots that keep a mirror of the index."""

from __future__ import annotations

from typing import Any

from search.changelog import BadToken, ResyncNeeded, changes_since
from search.engine import Engine

from .params import BadParameter, Params, first, int_param

DEFAULT_LIMIT = 100
MAX_LIMIT = 1_000
CHANGES_PATH = "/api/v1/changes"
RESYNC_HOW = (
    "start a full resync: drop your copy, call /api/v1/changes without since "
    "and fetch every article it lists (or loupe changes without --since)"
)


class Gone(LookupError):
    """A token that no longer leads anywhere: the client must resync."""


def changes_payload(engine: Engine, params: Params) -> dict[str, Any]:
    """Changes after ``since``, oldest first, with the token and URL to continue from."""
    limit = int_param(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    since = first(params, "since")
    try:
        page = changes_since(engine.index_dir, since or None, limit)
    except BadToken as e:
        raise BadParameter("since", str(e)) from None
    except ResyncNeeded as e:
        raise Gone(f"{e}: {RESYNC_HOW}") from None
    query = f"since={page['next']}" + (f"&limit={limit}" if limit != DEFAULT_LIMIT else "")
    return {**page, "next_url": f"{CHANGES_PATH}?{query}"}

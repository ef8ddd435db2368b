"""Search parameters from a query string (or the command line) to a SearchRequest.

One function serves the HTML page, the JSON API and ``loupe search``, so the
three accept exactly the same parameters and reject bad ones with the same
messages.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence

from search.facetspec import FACET_NAMES, FILTER_PARAMS, SWITCHABLE
from search.results import (
    MATCHES,
    MAX_FACET_SIZE,
    MAX_PER_PAGE,
    SORTS,
    UNDATED,
    SearchRequest,
)

MAX_QUERY_CHARS = 2_000
MAX_VALUES = 50
DEFAULT_PER_PAGE = 20
DEFAULT_FACET_SIZE = 10
#: Similar articles: shown on the article page, and the bounds of the API's ``count``.
DEFAULT_SIMILAR = 5
MAX_SIMILAR = 50
#: Farther than any page number allows (1,000,000 pages of 100).
MAX_OFFSET = 100_000_000
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YES = frozenset({"1", "true", "yes", "on"})
_NO = frozenset({"", "0", "false", "no", "off"})
#: Repeatable filter parameters, each with its exclusion (``person``, ``not_person``...).
LIST_PARAMS = FILTER_PARAMS
#: Parameters that select articles (no order, page or facet options).
SELECT_PARAMS = ("q", "match", *LIST_PARAMS, "any", "from", "to", "undated", "nocorrect")


class BadParameter(ValueError):
    """A parameter that cannot be used; ``param`` names it for the error response."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


Params = Mapping[str, Sequence[str]]


def first(params: Params, name: str) -> str | None:
    """The first value of *name*, or None."""
    values = params.get(name) or ()
    return values[0] if values else None


def search_request(params: Params) -> SearchRequest:
    """Validate *params* into a SearchRequest; raise BadParameter on the first error."""
    q = first(params, "q") or ""
    if len(q) > MAX_QUERY_CHARS:
        raise BadParameter("q", f"query longer than {MAX_QUERY_CHARS} characters")
    lists = {name: _values(params, name) for name in LIST_PARAMS}
    date_from = parse_day(first(params, "from"), "from", end=False)
    date_to = parse_day(first(params, "to"), "to", end=True)
    request = SearchRequest(
        q=q,
        filters={name: values for name, values in lists.items() if values},
        any_of=any_param(params),
        date_from=date_from,
        date_to=date_to,
        undated=_undated(first(params, "undated"), bool(date_from or date_to)),
        sort=_sort(first(params, "sort")),
        match=_match(first(params, "match")),
        page=int_param(params, "page", 1, 1, 1_000_000),
        per_page=int_param(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        facets=_facets(first(params, "facets")),
        facet_size=int_param(params, "facet_size", DEFAULT_FACET_SIZE, 1, MAX_FACET_SIZE),
        autocorrect=not flag_param(params, "nocorrect"),
    )
    cursor = first(params, "cursor")
    if cursor:
        return _with_cursor(request, cursor)
    return request


def _values(params: Params, name: str) -> tuple[str, ...]:
    values = tuple(v.strip() for v in params.get(name) or () if v.strip())
    if len(values) > MAX_VALUES:
        raise BadParameter(name, f"at most {MAX_VALUES} values of {name}")
    return values


def any_param(params: Params) -> tuple[str, ...]:
    """Filters whose ticked values combine with OU: ``any=person,location`` (or repeated)."""
    names = tuple(
        dict.fromkeys(
            n.strip() for raw in params.get("any") or () for n in raw.split(",") if n.strip()
        )
    )
    unknown = [n for n in names if n not in SWITCHABLE]
    if unknown:
        raise BadParameter(
            "any",
            f"any names filters whose values combine with OR, among "
            f"{', '.join(SWITCHABLE)} (got {unknown[0]!r})",
        )
    return names


def parse_day(value: str | None, param: str, end: bool) -> dt.date | None:
    """``2024``, ``2024-06`` or ``2024-06-19`` as a day: the first or, for *end*, the last."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        raise BadParameter(
            param, f"{param} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})"
        )
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day))
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return dt.date(int(year), int(month), last if end else 1)
        return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)
    except ValueError:
        raise BadParameter(param, f"{param} is not a real date: {value!r}") from None


def _undated(value: str | None, dated: bool) -> str | None:
    """``include``, ``only`` or None; ``only`` cannot go with a period."""
    if not value:
        return None
    if value not in UNDATED:
        raise BadParameter(
            "undated", f"undated must be one of {', '.join(UNDATED)} (got {value!r})"
        )
    if value == "only" and dated:
        raise BadParameter(
            "undated",
            "undated=only lists the articles without a date: "
            "drop from and to, or use undated=include",
        )
    return value


def _sort(value: str | None) -> str:
    if value is None or value == "":
        return "relevance"
    if value not in SORTS:
        raise BadParameter("sort", f"sort must be one of {', '.join(SORTS)} (got {value!r})")
    return value


def _match(value: str | None) -> str:
    if value is None or value == "":
        return "any"
    if value not in MATCHES:
        raise BadParameter("match", f"match must be one of {', '.join(MATCHES)} (got {value!r})")
    return value


def int_param(params: Params, name: str, default: int, low: int, high: int) -> int:
    """The whole number *name* between *low* and *high*, *default* when absent."""
    raw = first(params, name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number (got {raw!r})") from None
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be between {low} and {high} (got {value})")
    return value


def flag_param(params: Params, name: str) -> bool:
    """A yes/no parameter: ``1``, ``true``, ``yes``, ``on``; ``0``, ``false``, ``no``, ``off``."""
    raw = (first(params, name) or "").strip().lower()
    if raw in _YES or raw in _NO:
        return raw in _YES
    raise BadParameter(name, f"{name} must be 1 or 0 (got {first(params, name)!r})")


def _facets(value: str | None) -> tuple[str, ...]:
    if value is None:
        return FACET_NAMES
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in FACET_NAMES]
    if unknown:
        raise BadParameter(
            "facets", f"unknown facet {unknown[0]!r}; facets are {', '.join(FACET_NAMES)}"
        )
    return names


def fingerprint(request: SearchRequest) -> str:
    """What a cursor is bound to: the query, filters and order, not the page."""
    key = json.dumps(
        [
            request.q,
            sorted(request.filters.items()),
            sorted(request.any_of),
            str(request.date_from),
            str(request.date_to),
            request.undated,
            request.sort,
            request.match,
            *([] if request.autocorrect else ["nocorrect"]),
        ],
        ensure_ascii=False,
    )
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def make_cursor(request: SearchRequest, offset: int) -> str:
    """An opaque cursor for the page starting at *offset* of this search."""
    raw = json.dumps({"o": offset, "f": fingerprint(request)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _with_cursor(request: SearchRequest, cursor: str) -> SearchRequest:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        offset, bound = int(data["o"]), str(data["f"])
    except (ValueError, KeyError, TypeError):
        raise BadParameter(
            "cursor", "malformed cursor: use the 'next' value of a previous response as is"
        ) from None
    if not 0 <= offset <= MAX_OFFSET:
        raise BadParameter(
            "cursor", "malformed cursor: use the 'next' value of a previous response as is"
        )
    if bound != fingerprint(request):
        raise BadParameter(
            "cursor",
            "this cursor belongs to another search: keep q, filters and sort unchanged when paging",
        )
    from dataclasses import replace

    return replace(request, offset=offset, page=offset // request.per_page + 1)


def similar_count(params: Params) -> int:
    """How many similar articles the request asks for (``count``, 1 to MAX_SIMILAR)."""
    return int_param(params, "count", DEFAULT_SIMILAR, 1, MAX_SIMILAR)

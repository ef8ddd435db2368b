"""The search state of a page as URL parameters, and the URLs that change it.

The HTML pages use the API's parameter names, so a bookmarked page and its
JSON twin (``/api/v1/search?...``) take the same query string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

from search.facetspec import FILTER_PARAMS, FILTERS_BY_PARAM, entity_param

from .params import DEFAULT_FACET_SIZE

#: The filter parameters a journalist sets from facets, chips and the timeline.
FILTERS = (*FILTER_PARAMS, "any", "from", "to", "undated")
#: Parameters of a search, in the order URLs list them.
ORDER = ("q", "match", *FILTERS, "nocorrect", "sort", "per_page", "facets", "facet_size", "page")
#: Which parameter excludes the values of a filter.
EXCLUDE = {spec.param: spec.exclude for spec in FILTERS_BY_PARAM.values()}
#: Form fields of the search box: the query it showed, and « dans ces résultats ».
SHOWN_QUERY, WITHIN = "prev", "dans"

State = dict[str, list[str]]


def state_of(params: Mapping[str, Sequence[str]]) -> State:
    """The known, non-empty parameters; ``page`` kept, ``cursor`` dropped (pages use page)."""
    state: State = {}
    for name in ORDER:
        values = [v for v in params.get(name) or () if v.strip()]
        if values:
            state[name] = values
    if state.get("sort") == ["relevance"]:
        del state["sort"]
    if state.get("match") == ["any"]:
        del state["match"]
    if state.get("page") == ["1"]:
        del state["page"]
    return state


def query_string(state: State) -> str:
    """``a=1&b=2`` in the canonical order."""
    return urlencode([(name, v) for name in ORDER for v in state.get(name, ())])


def url(state: State, path: str = "/", fragment: str = "") -> str:
    """*path* with the state as its query string."""
    query = query_string(state)
    target = f"{path}?{query}" if query else path
    return f"{target}#{fragment}" if fragment else target


def change(state: State, **values: Sequence[str] | None) -> State:
    """A copy with parameters replaced (None removes one); back to page 1."""
    out = {name: list(v) for name, v in state.items() if name != "page"}
    for name, new in values.items():
        name = name.rstrip("_")  # from_ for the reserved word
        if new:
            out[name] = list(new)
        else:
            out.pop(name, None)
    return out


def toggle(state: State, name: str, value: str) -> State:
    """*value* added to filter *name*, or removed when present (and un-excluded)."""
    current = state.get(name, [])
    if value in current:
        return change(state, **{name: [v for v in current if v != value]})
    changes = {name: [*current, value]}
    negative = EXCLUDE.get(name)
    if negative:
        changes[negative] = [v for v in state.get(negative, []) if v != value]
    return change(state, **changes)


def exclude(state: State, name: str, value: str) -> State:
    """*value* moved from filter *name* to its exclusion."""
    negative = EXCLUDE[name]
    return change(
        state,
        **{
            name: [v for v in state.get(name, []) if v != value],
            negative: [*[v for v in state.get(negative, []) if v != value], value],
        },
    )


def without(state: State, name: str, value: str | None = None) -> State:
    """The filter *name* removed (only *value* when given)."""
    kept = [v for v in state.get(name, []) if value is not None and v != value]
    return change(state, **{name: kept})


def submitted(params: Mapping[str, Sequence[str]]) -> State:
    """The state a search box submission asks for.

    A query other than the one the box showed starts a new search: the
    filters go, unless « dans ces résultats » was ticked.
    """
    state = state_of(params)
    shown = (params.get(SHOWN_QUERY) or [""])[0]
    typed = state.get("q", [""])[0]
    within = bool((params.get(WITHIN) or [""])[0])
    if typed.strip() != shown.strip() and not within:
        return change(state, **{name: None for name in FILTERS})
    return change(state)


def add(state: State, name: str, value: str) -> State:
    """*value* added to filter *name* (kept if there), and taken out of its exclusion."""
    current = state.get(name, [])
    if value in current:
        return change(state)
    return toggle(state, name, value)


def article_url(doc_id: str, state: State | None = None) -> str:
    """The article page, carrying the search state: its words marked, the way back kept."""
    return url(state or {}, "/articles/" + quote(doc_id, safe=""))


def entity_url(value: str, kind: str, state: State | None = None) -> str:
    """The search of *state* (its query kept) narrowed to one entity."""
    return url(add(state or {}, entity_param(kind), value))


def facet_size(state: State) -> int:
    """The facet size the page asked for."""
    try:
        return int(state.get("facet_size", [DEFAULT_FACET_SIZE])[0])
    except ValueError:
        return DEFAULT_FACET_SIZE


def safe_link(target: str | None) -> str | None:
    """An article's original URL when it is http(s): never ``javascript:``."""
    if target and target.strip().lower().startswith(("http://", "https://")):
        return target.strip()
    return None

"""Entity pages: one person, organisation or place over time, and who appears with it.

Every figure is a search through the search core: the articles that name the
entity are the query ``personne:"<value>"`` (an entity field, aliases
included), so the facets of that search count the entities that appear with
it, its month facet is the timeline, and its hits are the articles. A pair
adds the second entity to the query. Filters would not do: a facet is
counted without its own filter, so people filtered on would not count their
co-occurrences.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from search.engine import Engine

from .params import BadParameter, int_param
from .payloads import search_payload

#: Entity types: API name -> (field of the query language, French name in page URLs).
KINDS = {
    "person": ("personne", "personne"),
    "organisation": ("organisation", "organisation"),
    "location": ("lieu", "lieu"),
}
FRENCH_KINDS = {french: kind for kind, (_, french) in KINDS.items()}
PER_PAGE = 20
#: Entities listed as appearing with it, per type.
COOCCURRING = 10
#: Longest entity value taken (facet values are names, never this long).
MAX_VALUE = 300


class EntityNotFound(LookupError):
    """No article names this entity with this type."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(f"no {kind} {value!r} in the index")
        self.kind, self.value = kind, value


def kind_of(name: str) -> str | None:
    """``person``, ``organisation`` or ``location`` from an English or French type name."""
    name = name.strip().lower()
    return name if name in KINDS else FRENCH_KINDS.get(name)


def entity_query(kind: str, value: str) -> str:
    """The query-language clause that finds the articles naming this entity."""
    return f'{KINDS[kind][0]}:"{value.replace(chr(34), " ").strip()}"'


def parse_pair(raw: str | None) -> tuple[str, str] | None:
    """``personne:jean castex`` (the ``avec`` parameter) as (kind, value); None if absent."""
    if not raw or not raw.strip():
        return None
    kind_name, sep, value = raw.partition(":")
    kind = kind_of(kind_name)
    if not sep or kind is None or not value.strip() or len(value) > MAX_VALUE:
        raise BadParameter(
            "avec",
            f"avec must be TYPE:VALUE, TYPE one of personne, organisation, lieu (got {raw[:80]!r})",
        )
    return kind, value.strip()


def entity_payload(
    engine: Engine,
    kind: str,
    value: str,
    params: Mapping[str, Sequence[str]],
    time_limit: float | None = None,
) -> dict[str, Any]:
    """The entity, its timeline, who appears with it, its articles; with ``avec``, the pair's."""
    value = value.strip()
    if kind not in KINDS or not value or len(value) > MAX_VALUE:
        raise EntityNotFound(kind, value)
    page = int_param(params, "page", 1, 1, 10_000)
    pair = parse_pair((params.get("avec") or [None])[0])
    alone = _search(engine, entity_query(kind, value), 1, time_limit)
    entity = _find(alone["facets"].get(kind, ()), value)
    if entity is None:
        raise EntityNotFound(kind, value)
    query = entity_query(kind, value)
    other = None
    if pair is not None:
        other = _find(alone["facets"].get(pair[0], ()), pair[1]) or {
            "value": pair[1],
            "label": pair[1],
            "count": 0,
        }
        other = {"type": pair[0], "value": other["value"], "label": other["label"]}
        query = f"{query} {entity_query(*pair)}"
    found = alone if pair is None and page == 1 else _search(engine, query, page, time_limit)
    first = _first_article(engine, query, time_limit) if found["total"] else None
    return {
        "entity": {
            "type": kind,
            "value": entity["value"],
            "label": entity["label"],
            "aliases": _aliases(engine, entity["label"]),
        },
        "with": other,
        "query": query,
        "total": found["total"],
        "first": first,
        "timeline": [
            {"month": m["value"], "count": m["count"]} for m in found["facets"].get("month", ())
        ],
        "cooccurring": {
            name: _others(found["facets"].get(name, ()), kind, value, pair) for name in KINDS
        },
        "page": page,
        "per_page": PER_PAGE,
        "hits": found["hits"],
        "undated": found["undated"],
    }


def _search(engine: Engine, query: str, page: int, time_limit: float | None) -> dict[str, Any]:
    """The articles of *query*, newest first, with the facets an entity page shows."""
    params = {
        "q": [query],
        "match": ["all"],
        "nocorrect": ["1"],
        "sort": ["-date"],
        "page": [str(page)],
        "per_page": [str(PER_PAGE)],
        "facets": ["person,organisation,location,month"],
        "facet_size": [str(COOCCURRING + 2)],
    }
    return search_payload(engine, params, time_limit=time_limit)


def _first_article(engine: Engine, query: str, time_limit: float | None) -> dict[str, Any] | None:
    """The oldest dated article of *query* ("ensemble depuis …")."""
    params = {
        "q": [query],
        "match": ["all"],
        "nocorrect": ["1"],
        "sort": ["date"],
        "per_page": ["1"],
        "facets": [""],
    }
    hits = search_payload(engine, params, time_limit=time_limit)["hits"]
    if not hits or not hits[0]["published"]:
        return None
    return {"id": hits[0]["id"], "title": hits[0]["title"], "published": hits[0]["published"]}


def _find(values: Sequence[Mapping[str, Any]], value: str) -> Mapping[str, Any] | None:
    wanted = value.casefold()
    return next((v for v in values if v["value"].casefold() == wanted), None)


def _others(
    values: Sequence[Mapping[str, Any]], kind: str, value: str, pair: tuple[str, str] | None
) -> list[dict[str, Any]]:
    """The facet's values without the entity (and its pair) itself."""
    skip = {(kind, value.casefold())}
    if pair is not None:
        skip.add((pair[0], pair[1].casefold()))
    return [
        {"value": v["value"], "label": v["label"], "count": v["count"]}
        for v in values
        if (v.get("type") or "location", v["value"].casefold()) not in skip and v["count"]
    ][:COOCCURRING]


def _aliases(engine: Engine, label: str) -> list[str]:
    """Other names the alias table gives the entity (``Putin`` for Vladimir Poutine)."""
    canonical = engine.aliases.canonical(label)
    if canonical is None:
        return []
    return sorted(n for n in engine.aliases.names_for(canonical.key) if n != label)

"""The facets and filters of a search, declared once.

Everything else derives from these declarations: the fields the facet
arrays read, the filter masks, the request's parameters and their
exclusions, the API's enums and the command line's options. French titles
stay in ``web/``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Values ticked in one filter: an article must have every one of them (ET).
ALL = "all"
#: Values ticked in one filter: an article needs one of them (OU).
ANY = "any"

ENTITY = "entity"
SOURCE = "source"
DATE = "date"


@dataclass(frozen=True)
class Filter:
    """A filter parameter: the facet fields it reads and how its values combine.

    ``switchable`` filters combine with ET unless the request names them in
    its ``any`` parameter; the others always combine with ``combine``.
    """

    param: str
    fields: tuple[str, ...]
    exclude: str
    combine: str
    switchable: bool
    description: str


@dataclass(frozen=True)
class Facet:
    """A facet: its name in responses, the index field of its values, its kind.

    ``param`` names the filter its values tick (None: filtered by ``from``/``to``).
    """

    name: str
    field: str
    param: str | None
    kind: str

    @property
    def filter(self) -> Filter | None:
        """The filter this facet's values tick."""
        return FILTERS_BY_PARAM.get(self.param) if self.param else None


FILTERS = (
    Filter("person", ("person",), "not_person", ALL, True, "a person"),
    Filter("organisation", ("organisation",), "not_organisation", ALL, True, "an organisation"),
    Filter("location", ("location",), "not_location", ALL, True, "a place"),
    Filter("source", ("source",), "not_source", ANY, False, "a source"),
    # Kept for links and bots written before people and organisations split.
    Filter(
        "actor", ("person", "organisation"), "not_actor", ALL, True, "a person or an organisation"
    ),
)
FILTERS_BY_PARAM = {f.param: f for f in FILTERS}
#: Fields whose values are actors: their facet values say which kind they are.
ACTOR_FIELDS = FILTERS_BY_PARAM["actor"].fields
#: Facets a search can return, in the order pages show them.
FACETS = (
    Facet("person", "person", "person", ENTITY),
    Facet("organisation", "organisation", "organisation", ENTITY),
    Facet("location", "location", "location", ENTITY),
    Facet("source", "source", "source", SOURCE),
    Facet("year", "year", None, DATE),
    Facet("month", "month", None, DATE),
)
FACETS_BY_NAME = {f.name: f for f in FACETS}
FACET_NAMES = tuple(f.name for f in FACETS)
#: Facets whose values are entity keys, labelled from the ``facet_labels`` column.
ENTITY_FACETS = tuple(f.name for f in FACETS if f.kind == ENTITY)
#: Every include and exclude parameter, in declaration order.
FILTER_PARAMS = tuple(p for f in FILTERS for p in (f.param, f.exclude))
#: Filters whose combination the ``any`` parameter switches to OU.
SWITCHABLE = tuple(f.param for f in FILTERS if f.switchable)


def combine_of(param: str, any_of: frozenset[str] | tuple[str, ...]) -> str:
    """How the values of filter *param* combine in a request naming *any_of*."""
    spec = FILTERS_BY_PARAM[param]
    if spec.switchable and param in any_of:
        return ANY
    return spec.combine


def entity_param(kind: str) -> str:
    """The filter parameter of an entity of *kind* (person, organisation, location)."""
    return kind if kind in FILTERS_BY_PARAM and kind != SOURCE else "actor"

"""What a search takes and gives: plain dataclasses, ready for JSON (ISO 8601 dates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from .facetspec import FACET_NAMES, FILTER_PARAMS

SORTS = ("relevance", "date", "-date")
#: ``any``: words rank, results need enough of them; ``all``: every word is required.
MATCHES = ("any", "all")
#: What a date filter does with articles that have no publication date: by
#: default it leaves them out (and the page counts them); ``include`` keeps
#: them beside the period's; ``only`` lists them alone (no ``from``/``to``).
UNDATED = ("include", "only")
MAX_PER_PAGE = 100
MAX_FACET_SIZE = 200


@dataclass(frozen=True)
class SearchRequest:
    """One search: the query text, the facet filters, the order and the page.

    ``filters`` maps the parameters of :data:`facetspec.FILTERS` (``person``,
    ``not_person``, ``source``...) to their values; ``any_of`` names the
    filters whose values combine with OU instead of ET. ``date_from`` and
    ``date_to`` are inclusive days of the calendar the pages show;
    ``undated`` (one of :data:`UNDATED`, or None) says what happens to
    articles without a date. ``sort`` is ``relevance``, ``date`` (oldest
    first) or ``-date`` (newest first); both date orders put undated
    articles last.
    """

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    any_of: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    undated: str | None = None
    sort: str = "relevance"
    match: str = "any"
    page: int = 1
    per_page: int = 20
    offset: int | None = None
    facets: tuple[str, ...] = FACET_NAMES
    facet_size: int = 10
    snippets: bool = True
    #: Seconds the ranking may take; past it, the hits found so far are
    #: returned and the page is marked ``partial``. None: no limit.
    time_limit: float | None = None
    #: When the query finds nothing and its spelling correction finds
    #: something, return the correction's results (False: the query as typed).
    autocorrect: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.filters) - set(FILTER_PARAMS)
        if unknown:
            raise ValueError(f"unknown filters: {', '.join(sorted(unknown))}")

    def values(self, param: str) -> tuple[str, ...]:
        """The values of filter parameter *param* (() when absent)."""
        return tuple(self.filters.get(param, ()))

    @property
    def start(self) -> int:
        """Index of the first hit of the page (a cursor's offset wins over the page)."""
        return self.offset if self.offset is not None else (self.page - 1) * self.per_page


@dataclass
class EntityRef:
    """An entity attached to a hit or an article."""

    value: str
    label: str
    type: str


@dataclass
class Hit:
    """One article in a result page."""

    id: str
    title: str
    url: str | None
    source: str | None
    author: str | None
    published: str | None
    file: str
    line: int | None
    snippets: list[str]
    actors: list[EntityRef]
    locations: list[EntityRef]
    score: float | None
    #: Words of the query the article lacks (ranked queries only).
    missing: list[str] = field(default_factory=list)


@dataclass
class FacetValue:
    """One value of a facet with its count; ``type`` only for actors."""

    value: str
    label: str
    count: int
    selected: bool = False
    excluded: bool = False
    type: str | None = None


@dataclass
class ResultPage:
    """A page of results with its facets; ``to_dict()`` is the JSON contract."""

    query: str
    total: int
    page: int
    per_page: int
    start: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    #: ``{"from": typed, "to": searched}`` when the results are the correction's.
    corrected: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)
    next_offset: int | None = None
    took_ms: float = 0.0
    partial: bool = False
    #: Results with every word of the query (``total`` when all are required).
    total_all: int = 0
    #: True when few articles had every word and the results also hold
    #: articles using only the words' relatives or neighbours (``espagnol``).
    widened: bool = False
    #: ``any`` or ``all``: how the words of the query were combined.
    match: str = "all"
    #: Entities the query names (``Le Monde``), offered as filters.
    entities: list[EntityRef] = field(default_factory=list)
    #: Undated articles matching the query and every filter but the dates:
    #: those a date filter leaves out, or those among the hits without one.
    undated: int = 0
    #: True when a period (``from``/``to`` or ``date:``) left ``undated`` articles out.
    undated_excluded: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON: no ``None`` type fields on facet values."""
        # orjson writes dataclasses natively: encoding and decoding the page
        # is ``dataclasses.asdict`` in C, a tenth of walking it in Python.
        data = orjson.loads(orjson.dumps(self))
        for values in data["facets"].values():
            for value in values:
                if value["type"] is None:
                    del value["type"]
        return data

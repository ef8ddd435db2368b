"""The shapes of the view models: what the templates of each page print.

``pages``, ``timeline``, ``entity_view`` and ``batch_view`` build these from
the JSON payloads; the templates only loop and print them. A URL that may be
absent is ``str | None``; a field an item only sometimes has is NotRequired.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict


class Link(TypedDict):
    """A text and where it leads."""

    text: str
    url: str


class Notice(TypedDict):
    """A sentence of the summary, with an optional link (empty when none)."""

    text: str
    link: str
    url: str


class Choice(TypedDict):
    """One of several options (sort, ET/OU), the current one marked."""

    label: str
    current: bool
    url: str


# -- the timeline ------------------------------------------------------------------


class Bar(TypedDict):
    """A period's bar: its geometry, its count as a title, the link that filters on it."""

    x: float
    slot_x: int
    y: float
    width: int
    height: float
    zero: bool
    title: str
    url: str


class UndatedBar(TypedDict):
    """The ``sans date`` bar, in its own box."""

    x: float
    y: float
    width: int
    height: float
    title: str
    url: str
    current: bool


class AxisLabel(TypedDict):
    """A label under a bar (empty for most); minor ones hide on phones."""

    text: str
    minor: bool


class Timeline(TypedDict):
    """Publications per year or month, drawn as SVG bars."""

    heading: str
    width: int
    slot: int
    height: int
    bars: list[Bar]
    labels: list[AxisLabel]
    undated: UndatedBar | None
    all_dates_url: str | None


# -- the search page ---------------------------------------------------------------


class Header(TypedDict):
    """What every search page shows above the results, valid parameters or not."""

    q: str
    api_url: str
    page_title: str
    all_words: bool


class InvalidParameter(TypedDict):
    """A parameter the search cannot use: its name, why, how to fix it, a way out."""

    param: str
    message: str
    hint: str
    received: str
    reset_url: str


class InvalidSearchPage(Header):
    """The search page for parameters that cannot be used."""

    error: InvalidParameter


Correction = TypedDict("Correction", {"to": str, "from": str, "typed_url": str})


class Chip(TypedDict):
    """An active filter; a click removes it."""

    label: str
    kind: str
    joiner: str
    negative: bool
    remove_url: str


class Within(TypedDict):
    """The « dans ces résultats » box: the name of its checkbox."""

    name: str


class FacetOption(TypedDict):
    """A facet value: a checkbox, its count, links to exclude it or include it again."""

    id: str
    value: str
    label: str
    count: str
    selected: bool
    excluded: bool
    exclude_url: str | None
    include_url: str | None


class CombineSwitch(TypedDict):
    """How ticked values combine (ET/OU) and the links to switch."""

    text: str
    options: list[Choice]


class FacetBox(TypedDict):
    """A facet of the sidebar."""

    name: str
    title: str
    param: str
    options: list[FacetOption]
    filterable: bool
    combine: CombineSwitch
    more_url: str | None
    less_url: str | None


class EntityChip(TypedDict):
    """An entity under a hit: a link that adds (or removes) it as a filter."""

    label: str
    kind: str
    active: bool
    url: str
    action: str


class ArticleLine(TypedDict):
    """What every list of articles shows of one: its link, source, author and date."""

    title: str
    url: str
    source: str | None
    author: str | None
    date: str
    datetime: str | None


class HitView(ArticleLine):
    """A result of the search page."""

    snippet: str
    entities: list[EntityChip]
    missing: list[str]


class NamedFilter(TypedDict):
    """A filter offered for an entity the query names."""

    text: str
    url: str
    active: bool


class PageItem(TypedDict):
    """A page number, or a gap (…) between two."""

    gap: bool
    number: int
    url: NotRequired[str]
    current: NotRequired[bool]


class Pagination(TypedDict):
    """Page numbers around the current one, previous and next."""

    items: list[PageItem]
    previous_url: str | None
    next_url: str | None


class Exports(TypedDict):
    """The search's downloads and feed, and what they say of the export limit."""

    csv: str
    xlsx: str
    json: str
    atom: str
    limit_text: str


class SearchPage(Header):
    """The search page."""

    total: int
    summary: str
    notes: list[str]
    undated_notes: list[Notice]
    partial: bool
    suggestion: Link | None
    correction: Correction | None
    sorts: list[Choice]
    chips: list[Chip]
    within: Within | None
    clear_url: str
    facets: list[FacetBox]
    hidden: list[tuple[str, str]]
    shown_query: tuple[str, str]
    timeline: Timeline | None
    hits: list[HitView]
    start: int
    partial_hits: list[HitView]
    partial_start: int
    partial_heading: str
    match: Notice | None
    named: list[NamedFilter]
    pagination: Pagination | None
    beyond: Notice | None
    exports: Exports


class HitLists(TypedDict):
    """Hits with every word, then those with only some, each list numbered on."""

    hits: list[HitView]
    start: int
    partial_hits: list[HitView]
    partial_start: int
    partial_heading: str


# -- the article page --------------------------------------------------------------


class ArticleMeta(TypedDict):
    """Source, author, date, address and file of an article."""

    source: str | None
    author: str | None
    date: str
    datetime: str | None
    url: str | None
    raw_url: str | None
    file: str


class Part(TypedDict):
    """Text, marked or not as a match of the query."""

    text: str
    match: bool


class Run(TypedDict):
    """Consecutive text of one entity mention (a link) or of none."""

    key: str | None
    kind: str | None
    parts: list[Part]
    url: str | None
    title: str | None


class EntityLink(TypedDict):
    """An entity of the article, with how often it is mentioned."""

    label: str
    url: str
    value: str
    mentions: int


class EntityGroup(TypedDict):
    """The article's people, organisations or places."""

    kind: str
    title: str
    entities: list[EntityLink]


class DateLink(TypedDict):
    """A date the article mentions, as written, in words, and the period's search."""

    text: str
    date: str
    url: str


class SimilarView(TypedDict):
    """A similar article."""

    title: str
    url: str
    source: str | None
    date: str
    datetime: str | None


class ArticlePage(TypedDict):
    """The article page."""

    page_title: str
    title: str
    q: str
    back_url: str
    back_text: str
    meta: ArticleMeta
    paragraphs: list[list[Run]]
    match_summary: str
    entity_groups: list[EntityGroup]
    dates: list[DateLink]
    similar: list[SimilarView]
    api_url: str


class HelpRow(TypedDict):
    """A construct of the query language, with example searches."""

    syntax: str
    meaning: str
    examples: list[Link]


class HelpPage(TypedDict):
    """The help page."""

    page_title: str
    rows: list[HelpRow]


# -- the entity page ---------------------------------------------------------------


class Since(TypedDict):
    """The first article that names the entity (or the pair)."""

    text: str
    title: str
    url: str


class Cooccurring(TypedDict):
    """An entity named with this one: its count, the pair's page, its own page."""

    label: str
    count: str
    pair_url: str
    page_url: str


class CooccurringGroup(TypedDict):
    """The people, organisations or places named with the entity."""

    kind: str
    title: str
    entities: list[Cooccurring]


class EntityHit(ArticleLine):
    """An article of the entity page."""

    snippets: list[str]


class PageLinks(TypedDict):
    """Page n of m, previous and next."""

    text: str
    previous_url: str | None
    next_url: str | None


class EntityPage(TypedDict):
    """An entity's page, or a pair's (*other* set)."""

    page_title: str
    entity: Mapping[str, Any]
    kind_label: str
    other: Mapping[str, Any] | None
    alone_url: str | None
    other_url: str | None
    summary: str
    since: Since | None
    search_url: str
    api_url: str
    timeline: Timeline | None
    groups: list[CooccurringGroup]
    hits: list[EntityHit]
    pages: PageLinks | None


# -- the batch page ----------------------------------------------------------------


class EntityCount(TypedDict):
    """An entity of a batch row, with its article count and page."""

    label: str
    count: str
    url: str


class BatchRow(TypedDict):
    """One line of the list: how it was read, what it found."""

    line: int
    label: str | None
    query: str
    reading: str
    total: int
    total_text: str
    first: str | None
    last: str | None
    first_text: str
    last_text: str
    search_url: str
    groups: list[list[EntityCount]]


class BatchResult(TypedDict):
    """The results table and its summary."""

    summary: str
    rows: list[BatchRow]


class BatchPage(TypedDict):
    """The batch search page: the form as filled, an error, the results."""

    page_title: str
    text: str
    error: str | None
    filters: dict[str, str]
    limit: str
    result: BatchResult | None

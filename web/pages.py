"""View models: everything the templates print, computed from the payloads.

The search page renders ``search_payload()`` (the JSON API's body) through
:func:`search_view`; the article page renders ``article_payload()`` through
:func:`article_view`. Templates only loop and print: URLs, labels, French
dates and the timeline geometry are all decided here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from search import facetspec
from search.facetspec import ALL, FACETS, SWITCHABLE, combine_of, entity_param
from search.results import MAX_FACET_SIZE

from . import french
from .exports import LIMIT_TEXT
from .params import DEFAULT_FACET_SIZE
from .payloads import API_SEARCH_PATH
from .texts import FIXES, HELP_ROWS
from .timeline import timeline
from .urls import (
    EXCLUDE,
    FILTERS,
    SHOWN_QUERY,
    WITHIN,
    State,
    article_url,
    change,
    entity_url,
    exclude,
    facet_size,
    query_string,
    safe_link,
    state_of,
    toggle,
    url,
    without,
)
from .view_models import (
    ArticleMeta,
    ArticlePage,
    Chip,
    Choice,
    CombineSwitch,
    Correction,
    DateLink,
    EntityChip,
    EntityGroup,
    EntityLink,
    Exports,
    FacetBox,
    FacetOption,
    Header,
    HelpPage,
    HitLists,
    HitView,
    InvalidSearchPage,
    Link,
    NamedFilter,
    Notice,
    PageItem,
    Pagination,
    Part,
    Run,
    SearchPage,
    SimilarView,
    Within,
)

#: French titles of the sidebar's facets (their order and parameters: search.facetspec).
FACET_TITLES = {
    "person": "Personnes",
    "organisation": "Organisations",
    "location": "Lieux",
    "source": "Sources",
}
#: The sidebar: facet name, heading, the parameter its values filter on.
FACET_GROUPS = tuple(
    (f.name, FACET_TITLES[f.name], f.param) for f in FACETS if f.param and f.name in FACET_TITLES
)
KIND_LABELS = {"person": "Personne", "organisation": "Organisation", "location": "Lieu"}
#: What a chip says of each filter's values.
FILTER_LABELS = {**KIND_LABELS, "source": "Source", "actor": "Personne ou organisation"}
JOINERS = {ALL: "ET", "any": "OU"}
SORT_OPTIONS = (("relevance", "pertinence"), ("-date", "plus récents"), ("date", "plus anciens"))
#: A facet longer than this gets a filter box (with JavaScript).
FILTERABLE = 10
MORE_STEP = 20
#: Entities shown under each hit.
HIT_ACTORS = 5
HIT_PLACES = 3
#: Page links around the current one.
PAGE_WINDOW = 2
EXPORT_DROPS = ("page", "per_page", "facets", "facet_size")
#: What hits and the article page say of an article without a publication date.
UNKNOWN_DATE = "date inconnue"


def search_view(payload: Mapping[str, Any], params: Mapping[str, Sequence[str]]) -> SearchPage:
    """The search page: query box, summary, chips, facets, timeline, hits, pages."""
    state = state_of(params)
    labels = _labels(payload["facets"])
    return {
        **_header(state),
        "total": payload["total"],
        "summary": _summary(payload),
        "notes": payload["notes"],
        "undated_notes": undated_notes(payload, state),
        "partial": payload.get("partial", False),
        "suggestion": _suggestion(payload, state),
        "correction": _correction(payload, state),
        "sorts": _sorts(state, payload["hits"]),
        "chips": _chips(state, labels),
        "within": _within(state),
        "clear_url": url(change(state, **{name: None for name in FILTERS})),
        "facets": [
            _facet(payload["facets"], name, title, param, state)
            for name, title, param in FACET_GROUPS
            if payload["facets"].get(name)
        ],
        "hidden": _hidden(state, payload["facets"]),
        "shown_query": (SHOWN_QUERY, state.get("q", [""])[0]),
        "timeline": timeline(payload["facets"], state, payload["undated"]),
        **_hit_lists(payload, state),
        "match": _match_links(payload, state),
        "named": [_named(entity, state) for entity in payload.get("entities", [])],
        "pagination": _pagination(payload, state),
        "beyond": _beyond(payload, state),
        "exports": _exports(state),
    }


def invalid_search_view(
    params: Mapping[str, Sequence[str]], param: str, message: str
) -> InvalidSearchPage:
    """The search page for parameters that cannot be used: the box, the fix, a way out."""
    state = state_of(params)
    received = [v for v in params.get(param) or () if v]
    return {
        **_header(state),
        "error": {
            "param": param,
            "message": message,
            "hint": FIXES.get(param, ""),
            "received": received[0] if received else "",
            "reset_url": url(change(state, **{param: None})),
        },
    }


def _header(state: State) -> Header:
    """What every search page shows above the results, valid parameters or not."""
    api = f"{API_SEARCH_PATH}?{query_string(state)}" if state else API_SEARCH_PATH
    return {
        "q": state.get("q", [""])[0],
        "api_url": api,
        "page_title": _title(state),
        "all_words": state.get("match") == ["all"],
    }


def _title(state: State) -> str:
    q = state.get("q", [""])[0]
    return f"« {q} » – Recherche" if q else "Recherche"


def _summary(payload: Mapping[str, Any]) -> str:
    total, start, shown = payload["total"], payload["start"], len(payload["hits"])
    if not total:
        return "Aucun article ne correspond."
    text = french.count(total, "article")
    if total > shown and shown:
        text += f", résultats {french.number(start + 1)} à {french.number(start + shown)}"
    return text


def _hit_lists(payload: Mapping[str, Any], state: State) -> HitLists:
    """Hits with every word, then, set apart, those with only some (ranked queries)."""
    searched = _searched(payload)
    links = HitLinks(state, {**state, "q": [searched]} if searched else state)
    hits = [_hit(hit, state, links) for hit in payload["hits"]]
    complete = [hit for hit in hits if not hit["missing"]]
    some = [hit for hit in hits if hit["missing"]]
    start = payload["start"] + 1
    return {
        "hits": complete,
        "start": start,
        "partial_hits": some,
        "partial_start": start + len(complete),
        "partial_heading": (
            "Articles contenant une partie des mots, ou des mots proches"
            if payload.get("widened")
            else "Articles contenant une partie des mots"
        ),
    }


def _match_links(payload: Mapping[str, Any], state: State) -> Notice | None:
    """How many results have every word, and the link to only those (or back)."""
    if state.get("match") == ["all"]:
        return {
            "text": "Seuls les articles contenant tous les mots sont affichés.",
            "link": "Afficher aussi ceux qui n’en contiennent qu’une partie",
            "url": url(change(state, match=None)),
        }
    total, complete = payload["total"], payload.get("total_all", payload["total"])
    if complete == total:
        return None
    text = (
        (f"{french.count(complete, 'article contient', 'articles contiennent')} tous les mots")
        if complete
        else "Aucun article ne contient tous les mots"
    )
    rest = total - complete
    verb = "en contient" if rest < 2 else "en contiennent"
    return {
        "text": f"{text} ; {french.number(rest)} {verb} une partie.",
        "link": "N’afficher que les articles contenant tous les mots",
        "url": url(change(state, match=["all"])),
    }


def _named(entity: Mapping[str, Any], state: State) -> NamedFilter:
    """A filter offered for an entity the query names (``Le Monde``)."""
    param = entity_param(entity.get("type") or "")
    kind = KIND_LABELS.get(entity.get("type") or "", "Entité").lower()
    return {
        "text": f"Filtrer sur {kind} « {entity['label']} »",
        "url": url(toggle(state, param, entity["value"])),
        "active": entity["value"] in state.get(param, []),
    }


def undated_notes(payload: Mapping[str, Any], state: State) -> list[Notice]:
    """What the page says of undated articles: left out by a period, or last by date."""
    count, choice = payload["undated"], state.get("undated", [""])[0]
    if not count or choice == "only":
        return []
    articles = french.count(count, "article sans date", "articles sans date")
    if payload["undated_excluded"]:
        return [
            {
                "text": f"Cette période laisse de côté {articles}.",
                "link": "Les inclure" if count > 1 else "L’inclure",
                "url": url(change(state, undated=["include"])),
            }
        ]
    if state.get("sort", [""])[0] in ("date", "-date"):
        verb = "viennent" if count > 1 else "vient"
        return [{"text": f"Tri par date : {articles} {verb} en dernier.", "link": "", "url": ""}]
    return []


def _suggestion(payload: Mapping[str, Any], state: State) -> Link | None:
    suggestion = payload.get("suggestion")
    if not suggestion:
        return None
    return {"text": suggestion, "url": url(change(state, q=[suggestion], nocorrect=None))}


def _correction(payload: Mapping[str, Any], state: State) -> Correction | None:
    """The corrected query shown, and a link to the query exactly as typed."""
    corrected = payload.get("corrected")
    if not corrected:
        return None
    return {
        "to": corrected["to"],
        "from": corrected["from"],
        "typed_url": url(change(state, nocorrect=["1"])),
    }


def _sorts(state: State, hits: Sequence[Mapping[str, Any]]) -> list[Choice]:
    """The sort links; without words to rank, « pertinence » is not offered (newest first).

    A query of filters only (``date:2024``, ``acteur:Poutine``) has no words
    either: its hits come without scores.
    """
    unscored = bool(hits) and all(hit.get("score") is None for hit in hits)
    ranked = bool(state.get("q", [""])[0].strip(" *")) and not unscored
    current = state.get("sort", ["relevance" if ranked else "-date"])[0]
    if current == "relevance" and not ranked:
        current = "-date"
    return [
        {
            "label": label,
            "current": value == current,
            "url": url(change(state, sort=[value] if value != "relevance" else None)),
        }
        for value, label in SORT_OPTIONS
        if ranked or value != "relevance"
    ]


def _labels(facets: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, tuple[str, str]]:
    """Entity key -> (label, kind), from the facet values the payload lists."""
    out: dict[str, tuple[str, str]] = {}
    for name, values in facets.items():
        for v in values:
            out.setdefault(v["value"], (v["label"], v.get("type") or name))
    return out


def _chips(state: State, labels: Mapping[str, tuple[str, str]]) -> list[Chip]:
    """One chip per active filter, a click removes it; ET or OU between a filter's values."""
    chips: list[Chip] = []
    for spec in facetspec.FILTERS:
        joiner = JOINERS[combine_of(spec.param, tuple(_any(state)))]
        for negative, name in ((False, spec.param), (True, spec.exclude)):
            for index, value in enumerate(state.get(name, [])):
                label = labels.get(value, (value, name))[0]
                kind = FILTER_LABELS[spec.param]
                chips.append(
                    {
                        "label": label,
                        "kind": f"sauf {kind.lower()}" if negative else kind,
                        "joiner": ("ET" if negative else joiner) if index else "",
                        "negative": negative,
                        "remove_url": url(without(state, name, value)),
                    }
                )
    return chips + _date_chips(state)


def _any(state: State) -> list[str]:
    """Filters the state switches to OU."""
    return [n.strip() for raw in state.get("any", []) for n in raw.split(",") if n.strip()]


def _within(state: State) -> Within | None:
    """« dans ces résultats »: keep the filters when the query changes (when there are any)."""
    if not any(state.get(name) for name in FILTERS if name != "any"):
        return None
    return {"name": WITHIN}


def _date_chips(state: State) -> list[Chip]:
    start, end = state.get("from", [None])[0], state.get("to", [None])[0]
    undated = _undated_chips(state)
    if start and start == end:
        return [_period_chip(french.period(start), change(state, from_=None, to=None)), *undated]
    chips = []
    if start:
        chips.append(_period_chip(f"depuis {french.period(start)}", without(state, "from")))
    if end:
        chips.append(_period_chip(f"jusqu’à {french.period(end)}", without(state, "to")))
    return chips + undated


def _period_chip(label: str, removed: State) -> Chip:
    """A chip of the dates: a click leads to *removed*, the state without it."""
    return {
        "label": label,
        "kind": "Période",
        "joiner": "",
        "negative": False,
        "remove_url": url(removed),
    }


def _undated_chips(state: State) -> list[Chip]:
    """``sans date`` alone, or beside a period (``from``/``to`` or a ``date:`` term)."""
    choice = state.get("undated", [None])[0]
    labels = {"only": "sans date", "include": "et les articles sans date"}
    if choice not in labels:
        return []
    return [_period_chip(labels[choice], without(state, "undated"))]


def _facet(
    facets: Mapping[str, Sequence[Mapping[str, Any]]],
    name: str,
    title: str,
    param: str,
    state: State,
) -> FacetBox:
    values = facets[name]
    size = facet_size(state)
    return {
        "name": name,
        "title": title,
        "param": param,
        "options": [_facet_value(name, i, v, param, state) for i, v in enumerate(values)],
        "filterable": len(values) > FILTERABLE,
        "combine": _combine_switch(param, state),
        "more_url": (
            url(
                change(state, facet_size=[str(min(size + MORE_STEP, MAX_FACET_SIZE))]),
                fragment=f"facette-{name}",
            )
            if len(values) >= size and size < MAX_FACET_SIZE
            else None
        ),
        "less_url": (
            url(change(state, facet_size=None), fragment=f"facette-{name}")
            if size > DEFAULT_FACET_SIZE
            else None
        ),
    }


def _combine_switch(param: str, state: State) -> CombineSwitch:
    """How ticked values combine, and the link to the other way (entity facets)."""
    if param not in SWITCHABLE:
        return {"text": "Plusieurs cases cochées : au moins une (OU).", "options": []}
    chosen = _any(state)
    either = param in chosen
    others = [n for n in chosen if n != param]
    return {
        "text": "Plusieurs cases cochées :",
        "options": [
            {
                "label": "toutes (ET)",
                "current": not either,
                "url": url(
                    change(state, any=[",".join(others)] if others else None),
                    fragment=f"facette-{param}",
                ),
            },
            {
                "label": "au moins une (OU)",
                "current": either,
                "url": url(
                    change(state, any=[",".join([*others, param])]), fragment=f"facette-{param}"
                ),
            },
        ],
    }


def _facet_value(
    name: str, index: int, value: Mapping[str, Any], param: str, state: State
) -> FacetOption:
    key, label = value["value"], value["label"]
    negative = EXCLUDE.get(param)
    excluded = bool(negative and key in state.get(negative, []))
    return {
        "id": f"f-{name}-{index}",
        "value": key,
        "label": label,
        "count": french.number(value["count"]),
        "selected": key in state.get(param, []),
        "excluded": excluded,
        "exclude_url": url(exclude(state, param, key)) if negative and not excluded else None,
        "include_url": url(without(state, negative, key)) if negative and excluded else None,
    }


def _hidden(
    state: State, facets: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[tuple[str, str]]:
    """State the search form must carry but shows no checkbox for."""
    shown = {(param, v["value"]) for name, _, param in FACET_GROUPS for v in facets.get(name, ())}
    hidden = []
    for name, values in state.items():
        if name in ("q", "page", "match", "nocorrect"):  # a new query may be corrected
            continue
        for value in values:
            if (name, value) in shown:
                continue
            hidden.append((name, value))
    return hidden


def _searched(payload: Mapping[str, Any]) -> str:
    """The query the hits answer: the correction's when it was searched instead."""
    corrected = payload.get("corrected")
    return corrected["to"] if corrected else payload["query"]


class HitLinks:
    """The links of one page's hits: the state's query string made once, and one
    URL per entity however many hits cite it (a page has some 150 entity chips)."""

    def __init__(self, state: State, article_state: State) -> None:
        self.state = state
        self._article_query = query_string(article_state)
        self._chips: dict[tuple[str, str], str] = {}

    def article(self, doc_id: str) -> str:
        """The article page, carrying the search state."""
        path = article_url(doc_id)
        return f"{path}?{self._article_query}" if self._article_query else path

    def chip(self, param: str, value: str) -> str:
        """The search with the entity's filter toggled."""
        key = (param, value)
        link = self._chips.get(key)
        if link is None:
            link = self._chips[key] = url(toggle(self.state, param, value))
        return link


def _hit(hit: Mapping[str, Any], state: State, links: HitLinks) -> HitView:
    entities = [*hit["actors"][:HIT_ACTORS], *hit["locations"][:HIT_PLACES]]
    return {
        "title": hit["title"] or "(sans titre)",
        "url": links.article(hit["id"]),
        "source": hit["source"],
        "author": hit["author"],
        "date": french.french_date(hit["published"]) or UNKNOWN_DATE,
        "datetime": hit["published"],
        "snippet": joined_snippets(hit["snippets"]),
        "entities": [_entity_chip(e, state, links) for e in entities],
        "missing": hit.get("missing", []),
    }


def joined_snippets(snippets: Sequence[str]) -> str:
    """The passages of a hit as one HTML text: one ellipsis between two, never two."""
    parts = [s.strip() for s in snippets if s.strip(" …")]
    for i in range(len(parts) - 1):
        if parts[i].endswith("…") and parts[i + 1].startswith("…"):
            parts[i] = parts[i][:-1].rstrip()
        elif not parts[i].endswith("…") and not parts[i + 1].startswith("…"):
            parts[i] += " …"
    return " ".join(parts)


def _entity_chip(entity: Mapping[str, Any], state: State, links: HitLinks) -> EntityChip:
    param = entity_param(entity["type"])
    active = entity["value"] in state.get(param, [])
    return {
        "label": entity["label"],
        "kind": entity["type"],
        "active": active,
        "url": links.chip(param, entity["value"]),
        "action": "Retirer le filtre" if active else "Filtrer sur",
    }


def _beyond(payload: Mapping[str, Any], state: State) -> Notice | None:
    """A page number past the last page: say so, and link to the last one."""
    total, per_page = payload["total"], payload["per_page"]
    if payload["hits"] or not total:
        return None
    last = max(1, math.ceil(total / per_page))
    pages = french.count(last, "page")
    return {
        "text": f"La page {french.number(payload['page'])} n’existe pas : ces "
        f"{french.count(total, 'résultat')} tiennent en {pages}.",
        "link": "Aller à la dernière page",
        "url": url(change(state, page=[str(last)] if last > 1 else None)),
    }


def _pagination(payload: Mapping[str, Any], state: State) -> Pagination | None:
    per_page, page = payload["per_page"], payload["page"]
    last = max(1, math.ceil(payload["total"] / per_page))
    if last == 1 and page == 1:
        return None

    def link(number: int) -> str:
        return url(change(state, page=[str(number)] if number > 1 else None))

    numbers = sorted(
        {1, last, *range(max(1, page - PAGE_WINDOW), min(last, page + PAGE_WINDOW) + 1)}
    )
    items: list[PageItem] = []
    for number in numbers:
        if items and number > items[-1]["number"] + 1:
            items.append({"gap": True, "number": number - 1})
        items.append(
            {"gap": False, "number": number, "url": link(number), "current": number == page}
        )
    return {
        "items": items,
        "previous_url": link(page - 1) if page > 1 else None,
        "next_url": link(page + 1) if page < last else None,
    }


def _exports(state: State) -> Exports:
    kept = {k: v for k, v in state.items() if k not in EXPORT_DROPS}
    return {
        "csv": url(kept, "/export.csv"),
        "xlsx": url(kept, "/export.xlsx"),
        "json": url(kept, "/export.json"),
        "atom": url(kept, "/flux.atom"),
        "limit_text": LIMIT_TEXT,
    }


def article_view(
    payload: Mapping[str, Any],
    similar: Mapping[str, Any],
    params: Mapping[str, Sequence[str]] | None = None,
) -> ArticlePage:
    """The article page: metadata, text with marks and entity links, entities, similar.

    Every link keeps the search the reader came from (*params*): the way
    back, entities (the filter added) and dates (the period set).
    """
    state = state_of(params or {})
    q = state.get("q", [""])[0]
    labels = {e["value"]: e["label"] for e in payload["entities"]}
    paragraphs = [_runs(p, labels, state) for p in payload["paragraphs"]]
    return {
        "page_title": payload["title"] or "Article",
        "title": payload["title"] or "(sans titre)",
        "q": q,
        "back_url": url(state),
        "back_text": "← Retour à la recherche" if state else "← Nouvelle recherche",
        "meta": _meta(payload),
        "paragraphs": paragraphs,
        "match_summary": _match_summary(paragraphs),
        "entity_groups": _entity_groups(payload["entities"], state),
        "dates": _dates(payload["dates"], state),
        "similar": [_similar(hit, state) for hit in similar["hits"]],
        "api_url": "/api/v1" + article_url(payload["id"]),
    }


def _match_summary(paragraphs: Sequence[Sequence[Run]]) -> str:
    marks = sum(part["match"] for p in paragraphs for run in p for part in run["parts"])
    if not marks:
        return "aucun de ses mots n’apparaît dans le texte"
    return f"{french.count(marks, 'occurrence surlignée', 'occurrences surlignées')} dans le texte"


def _meta(payload: Mapping[str, Any]) -> ArticleMeta:
    file = payload["file"]
    if payload.get("line"):
        file = f"{file}, ligne {payload['line']}"
    return {
        "source": payload["source"],
        "author": payload["author"],
        "date": french.french_date(payload["published"], with_time=True) or UNKNOWN_DATE,
        "datetime": payload["published"],
        "url": safe_link(payload["url"]),
        "raw_url": payload["url"],
        "file": file,
    }


def _runs(
    segments: Sequence[Mapping[str, Any]], labels: Mapping[str, str], state: State
) -> list[Run]:
    """Segments grouped into runs: one link per entity mention, marks inside."""
    runs: list[Run] = []
    for segment in segments:
        key = segment["entity"]
        part: Part = {"text": segment["text"], "match": segment["match"]}
        last = runs[-1] if runs else None
        if last is not None and key is not None and last["key"] == key:
            last["parts"].append(part)
            continue
        runs.append(
            {
                "key": key,
                "kind": segment["kind"],
                "parts": [part],
                "url": entity_url(key, segment["kind"], state) if key else None,
                "title": f"{KIND_LABELS.get(segment['kind'] or '', 'Entité')} : "
                f"{labels.get(key, key)}"
                if key
                else None,
            }
        )
    return runs


def _entity_groups(entities: Sequence[Mapping[str, Any]], state: State) -> list[EntityGroup]:
    groups: list[EntityGroup] = []
    for kind, title in (
        ("person", "Personnes"),
        ("organisation", "Organisations"),
        ("location", "Lieux"),
    ):
        members: list[EntityLink] = [
            {
                "label": e["label"],
                "url": entity_url(e["value"], kind, state),
                "value": e["value"],
                "mentions": len(e["mentions"]) + len(e["title_mentions"]),
            }
            for e in entities
            if e["type"] == kind
        ]
        if members:
            groups.append({"kind": kind, "title": title, "entities": members})
    return groups


def _dates(dates: Sequence[Mapping[str, Any]], state: State) -> list[DateLink]:
    """Dates the article mentions, once each, in words."""
    seen: set[str] = set()
    out: list[DateLink] = []
    for d in dates:
        value = d["date"][: {"year": 4, "month": 7}.get(d.get("precision", ""), 10)]
        if value not in seen:
            seen.add(value)
            out.append(
                {
                    "text": d["text"],
                    "date": french.period(value),
                    "url": url(change(state, from_=[value], to=[value], undated=None)),
                }
            )
    return out


def _similar(hit: Mapping[str, Any], state: State) -> SimilarView:
    return {
        "title": hit["title"] or "(sans titre)",
        "url": article_url(hit["id"], state),
        "source": hit["source"],
        "date": french.french_date(hit["published"]) or UNKNOWN_DATE,
        "datetime": hit["published"],
    }


def help_view() -> HelpPage:
    """The help page: the query language table, each example a search link."""
    return {
        "page_title": "Aide : le langage de recherche",
        "rows": [
            {
                "syntax": syntax,
                "meaning": meaning,
                "examples": [{"text": q, "url": url({"q": [q]})} for q in examples],
            }
            for syntax, meaning, examples in HELP_ROWS
        ],
    }
